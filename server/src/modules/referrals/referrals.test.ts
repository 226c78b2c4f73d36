/**
 * 协同: a referral's life cycle between a street and a department, and the case-scoped access it
 * gives the receiving unit (only while open or within the window; 404 otherwise).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEnv, type Agent, type TestEnv } from '../../../test/harness.js';
import { tinyPng } from '../files/testFixtures.js';

let env: TestEnv;
let street: Agent;
let edu: Agent;
let police: Agent;
let child: { id: string; name: string };

beforeAll(async () => {
  env = await testEnv();
  street = await env.login('street-dinghai');
  edu = await env.login('edu');
  police = await env.login('police');
  child = (
    await env.owner.query(
      `select c.id, c.name from children c where c.street_code = 'dinghai' and c.status = 'active'
          and c.birth_date > current_date - interval '15 years' order by c.id limit 1`,
    )
  ).rows[0];
});
afterAll(async () => {
  await env?.close();
});

const send = async (body: Record<string, unknown> = {}) => {
  const res = await street.post('/api/referrals', { childId: child.id, kind: 'service', toUnit: 'youth-league', reason: '需要志愿者结对陪伴', ...body });
  return res;
};

describe('a referral', () => {
  it('goes from a street to a department that takes its kind, and the department works it through', async () => {
    const res = await send({ kind: 'fee_waiver', toUnit: 'education', policyId: 'school-fee-waiver', reason: '家庭经济困难，申请减免课后服务费' });
    expect(res.statusCode, res.body).toBe(201);
    const r = res.json();
    // every sender's form states the hours 暖杨通道 allows to acknowledge
    expect((await street.get('/api/referral-kinds')).json().channelAckHours).toBe(2);
    expect(r).toMatchObject({ status: 'sent', kind: 'fee_waiver', toUnit: 'education', canViewChild: false });
    expect(r.childName).not.toBe(child.name);

    const queueRes = await edu.get('/api/referrals?box=incoming&bucket=new');
    expect(queueRes.statusCode, queueRes.body).toBe(200);
    const queue = queueRes.json();
    expect(queue.items.map((i: { id: string }) => i.id)).toContain(r.id);
    expect(queue.items.find((i: { id: string }) => i.id === r.id).canViewChild).toBe(true);
    // no referral route, no child: the generic child file stays closed to the department
    expect([403, 404]).toContain((await edu.get(`/api/children/${child.id}`)).statusCode);
    // another department does not see it
    expect((await police.get(`/api/referrals/${r.id}`)).statusCode).toBe(404);

    const recv = await edu.post(`/api/referrals/${r.id}/steps`, { step: 'receive', version: r.version });
    expect(recv.statusCode, recv.body).toBe(200);
    const stale = await edu.post(`/api/referrals/${r.id}/steps`, { step: 'accept', version: r.version });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
    const outOfOrder = await edu.post(`/api/referrals/${r.id}/steps`, { step: 'start', version: recv.json().version });
    expect(outOfOrder.statusCode).toBe(409);
    expect(outOfOrder.json().error.message).toMatch(/不能开始办理/);
    const senderCannot = await street.post(`/api/referrals/${r.id}/steps`, { step: 'accept', version: recv.json().version });
    expect(senderCannot.statusCode).toBe(403);
    const accepted = await edu.post(`/api/referrals/${r.id}/steps`, { step: 'accept', version: recv.json().version });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const events = (await street.get(`/api/referrals/${r.id}`)).json().events;
    expect(events.map((e: { toStatus: string }) => e.toStatus)).toEqual(['sent', 'received', 'accepted']);
  });

  it('refuses a unit that does not take the kind, a past deadline and a decline without reason, in Chinese, writing nothing', async () => {
    const before = (await env.owner.query('select count(*)::int as n from referrals')).rows[0].n;
    const wrongUnit = await send({ kind: 'clinic', toUnit: 'education' });
    expect(wrongUnit.statusCode).toBe(400);
    expect(wrongUnit.json().error.fields[0].message).toMatch(/不接收「儿童心理门诊」/);
    const past = await send({ dueOn: '2020-01-01' });
    expect(past.statusCode).toBe(400);
    expect(past.json().error.fields[0].message).toBe('办理期限不能早于今天');
    expect((await env.owner.query('select count(*)::int as n from referrals')).rows[0].n).toBe(before);
    const r = (await send()).json();
    const yl = await env.login('edu'); // not the receiver
    expect((await yl.post(`/api/referrals/${r.id}/steps`, { step: 'decline', version: r.version })).statusCode).toBe(404);
  });

  it('carries attachments the sender can see: the receiving unit downloads exactly those, audited; others 404', async () => {
    const up = await street.post('/api/attachments', {
      childId: child.id,
      entity: 'child',
      entityId: child.id,
      filename: '学校情况说明.png',
      contentBase64: tinyPng().toString('base64'),
    });
    expect(up.statusCode, up.body).toBe(200);
    const other = await street.post('/api/attachments', {
      childId: child.id,
      entity: 'child',
      entityId: child.id,
      filename: '未随转介.png',
      contentBase64: tinyPng().toString('base64'),
    });
    const bad = await send({ attachmentIds: ['00000000-0000-4000-8000-000000000000'] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].message).toMatch(/附件不存在或不属于这名儿童/);
    const r = (await send({ kind: 'dropout', toUnit: 'education', reason: '附学校说明', attachmentIds: [up.json().id] })).json();
    expect(r.attachments.map((a: { filename: string }) => a.filename)).toEqual(['学校情况说明.png']);
    const seen = (await edu.get(`/api/referrals/${r.id}`)).json();
    expect(seen.attachments).toHaveLength(1);
    const dl = await edu.get(`/api/referrals/${r.id}/attachments/${up.json().id}`);
    expect(dl.statusCode).toBe(200);
    const audited = await env.owner.query(`select count(*)::int as n from audit_log where action = 'attachment.download' and username = 'edu'`);
    expect(audited.rows[0].n).toBe(1);
    // not carried by this referral, or through the generic route, or by another unit: 404 / refused
    expect((await edu.get(`/api/referrals/${r.id}/attachments/${other.json().id}`)).statusCode).toBe(404);
    expect([403, 404]).toContain((await edu.get(`/api/attachments/${up.json().id}`)).statusCode);
    expect((await police.get(`/api/referrals/${r.id}/attachments/${up.json().id}`)).statusCode).toBe(404);
  });
});
