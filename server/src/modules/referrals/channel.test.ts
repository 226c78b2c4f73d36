/**
 * 暖杨通道 (task 14): one report to police, procuratorate and civil affairs at once, acknowledged
 * within hours on the clock, urgency 特急, seen by the sender, the receiving units and the district
 * only — not by the sender's colleagues of the same street — and completed by the receiving unit
 * recording its response and measures.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEnv, type Agent, type TestEnv } from '../../../test/harness.js';

let env: TestEnv;
let director: Agent;
let street: Agent;
let police: Agent;
let district: Agent;
let edu: Agent;
let child: { id: string; name: string };

beforeAll(async () => {
  env = await testEnv();
  director = await env.login('director-dinghai');
  street = await env.login('street-dinghai');
  police = await env.login('police');
  district = await env.login('district');
  edu = await env.login('edu');
  child = (
    await env.owner.query(
      `select c.id, c.name from children c join committees cm on cm.id = c.committee_id
        where cm.code = 'dinghai-01' and c.status = 'active' order by c.id limit 1`,
    )
  ).rows[0];
});
afterAll(async () => {
  await env?.close();
});

const ids = (list: { items: { id: string }[] }) => list.items.map((i) => i.id);

describe('暖杨通道', () => {
  let sent: string[] = [];

  it('sends one referral to each unit, due for acknowledgement in the configured hours, 特急', async () => {
    const before = env.clock.now;
    const res = await director.post('/api/referrals/channel', {
      childId: child.id,
      kind: 'harm',
      toUnits: ['police', 'procuratorate', 'civil-affairs'],
      reason: '孩子反映被监护人殴打，身上有新伤',
    });
    expect(res.statusCode, res.body).toBe(201);
    sent = res.json().ids;
    expect(sent).toHaveLength(3);
    const rows = (
      await env.owner.query(`select to_unit, channel, urgency, status, ack_due_at from referrals where id = any ($1::uuid[]) order by to_unit`, [sent])
    ).rows;
    expect(rows.map((r: { to_unit: string }) => r.to_unit)).toEqual(['civil-affairs', 'police', 'procuratorate']);
    for (const r of rows) {
      expect(r).toMatchObject({ channel: true, urgency: 'emergency', status: 'sent' });
      expect(r.ack_due_at.getTime()).toBe(before + 2 * 3_600_000);
    }
    // the hours follow the settings
    await env.owner.query('update referral_settings set channel_ack_hours = 4');
    const four = await director.post('/api/referrals/channel', {
      childId: child.id,
      kind: 'guardianship_urgent',
      toUnits: ['police'],
      reason: '监护人长期外出，孩子独自在家',
    });
    expect(four.statusCode, four.body).toBe(201);
    const due = (await env.owner.query('select ack_due_at from referrals where id = $1', [four.json().ids[0]])).rows[0].ack_due_at;
    expect(due.getTime()).toBe(env.clock.now + 4 * 3_600_000);
    await env.owner.query('update referral_settings set channel_ack_hours = 2');
  });

  it('is seen by the sender, the receiving units and the district, not by the sender’s street colleagues nor other departments', async () => {
    const [toPolice, , toCivil] = sent; // in the order of toUnits
    const allowed: [string, Agent][] = [
      ['sender', director],
      ['police', police],
      ['district', district],
    ];
    for (const [who, agent] of allowed) expect((await agent.get(`/api/referrals/${toPolice}`)).statusCode, who).toBe(200);
    expect((await street.get(`/api/referrals/${toPolice}`)).statusCode).toBe(404);
    expect((await edu.get(`/api/referrals/${toPolice}`)).statusCode).toBe(404);
    // each receiving unit sees its own referral, not the others'
    expect((await police.get(`/api/referrals/${toCivil}`)).statusCode).toBe(404);
    // bucket=new: the lists of a bucket 'all' fail on main (repo.list leaves $1 unused in its count query)
    const inc = await police.get('/api/referrals?box=incoming&bucket=new');
    expect(inc.statusCode, inc.body).toBe(200);
    expect(ids(inc.json())).toContain(toPolice);
    expect(ids((await street.get('/api/referrals?box=area&bucket=new')).json())).not.toContain(toPolice);
    expect(ids((await street.get('/api/referrals?box=outgoing&bucket=new')).json())).not.toContain(toPolice);
    expect(ids((await director.get('/api/referrals?box=outgoing&bucket=new')).json())).toContain(toPolice);
    // the other way round: sent by the street supervisor, the committee's child director does not see it
    const res = await street.post('/api/referrals/channel', { childId: child.id, kind: 'harm', toUnits: ['police'], reason: '学校老师反映孩子多次带伤上学' });
    expect(res.statusCode, res.body).toBe(201);
    expect((await director.get(`/api/referrals/${res.json().ids[0]}`)).statusCode).toBe(404);
    expect(ids((await director.get('/api/referrals?box=area&bucket=new')).json())).not.toContain(res.json().ids[0]);
  });

  it('only to units that take the kind, and only the channel kinds', async () => {
    const wrong = await director.post('/api/referrals/channel', { childId: child.id, kind: 'harm', toUnits: ['police', 'education'], reason: '疑似侵害' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.fields[0].message).toMatch(/不接收「疑似侵害（暖杨通道）」/);
    const notChannel = await director.post('/api/referrals/channel', { childId: child.id, kind: 'dropout', toUnits: ['police'], reason: '辍学' });
    expect(notChannel.statusCode).toBe(400);
    const count = await env.owner.query(
      `select count(*)::int as n from referrals where from_user = (select id from users where username = 'director-dinghai')`,
    );
    expect(count.rows[0].n).toBe(4); // the three, and the one of the settings check: nothing from the refusals
  });

  it('the receiving unit acknowledges, and completes by recording its response and measures', async () => {
    const id = sent[0]; // police
    let r = (await police.get(`/api/referrals/${id}`)).json();
    expect(r.completion).toBe('response');
    for (const step of ['receive', 'accept', 'start']) {
      const res = await police.post(`/api/referrals/${id}/steps`, { step, version: r.version });
      expect(res.statusCode, res.body).toBe(200);
      r = res.json();
    }
    const noOutcome = await police.post(`/api/referrals/${id}/steps`, { step: 'complete', version: r.version });
    expect(noOutcome.statusCode).toBe(400);
    expect(noOutcome.json().error.fields[0].message).toBe('请填写办理结果（做了什么）');
    const done = await police.post(`/api/referrals/${id}/steps`, {
      step: 'complete',
      version: r.version,
      outcome: '已出警核实，对监护人予以训诫，孩子暂由祖母照料；已通报检察院',
      result: 'partly',
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: 'completed', outcomeResult: 'partly' });
    const seen = (await director.get(`/api/referrals/${id}`)).json();
    expect(seen.outcome).toMatch(/训诫/);
    const note = (
      await env.owner.query(`select kind from notifications n join users u on u.id = n.user_id where u.username = 'director-dinghai' and n.entity_id = $1`, [
        id,
      ])
    ).rows;
    expect(note.map((n: { kind: string }) => n.kind)).toContain('referral.completed');
  });
});
