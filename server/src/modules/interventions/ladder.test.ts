/**
 * The intervention ladder against PostgreSQL: a 劝诫 recorded and failed, the suggested 训诫 sent
 * to the police as a referral with its deadline, the police's 办结 recording the step; refusals in
 * Chinese with nothing written (a unit that does not take the kind, bad input, a stale version);
 * 退回 putting the step back to 待实施 and sending it again; cancelling withdraws the referral; a
 * guidance order issued with its sessions, missed sessions suggesting the top rung; harm after a
 * step; a direct POST /api/referrals of a ladder kind creating the step; depth per role (the child
 * director's summary, departments and the procurator 404); every view audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ladder } from '#common/interventions.js';
import { testEnv, type Agent, type TestEnv } from '../../../test/harness.js';

let env: TestEnv;
let street: Agent;
let director: Agent;
let police: Agent;
let procurator: Agent;
let edu: Agent;
let district: Agent;

beforeAll(async () => {
  env = await testEnv();
  street = await env.login('street-dinghai');
  director = await env.login('director-dinghai');
  police = await env.login('police');
  procurator = await env.login('procurator');
  edu = await env.login('edu');
  district = await env.login('district');
});
afterAll(async () => {
  await env?.close();
});

/** A dinghai child (of the director's committee dinghai-01 when asked), different for each call. */
let taken: string[] = [];
async function aChild(committee = 'dinghai-%'): Promise<string> {
  const row = (
    await env.owner.query<{ id: string }>(
      `select c.id from children c join committees m on m.id = c.committee_id
        where m.code like $2 and c.status = 'active' and c.birth_date > current_date - interval '16 years' and not (c.id = any ($1::uuid[]))
        order by c.id limit 1`,
      [taken, committee],
    )
  ).rows[0];
  if (!row) throw new Error(`no child left in ${committee}`);
  taken = [...taken, row.id];
  return row.id;
}

const ladderOf = async (who: Agent, childId: string) => {
  const res = await who.get(`/api/children/${childId}/guardianship/ladder`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Ladder;
};
const count = async (sql: string, params: unknown[] = []) => (await env.owner.query<{ n: number }>(`select count(*)::int as n from ${sql}`, params)).rows[0]?.n;
const referral = async (who: Agent, id: string) => (await who.get(`/api/referrals/${id}`)).json();
const stepRef = (who: Agent, r: { id: string; version: number }, body: Record<string, unknown>) =>
  who.post(`/api/referrals/${r.id}/steps`, { version: r.version, ...body });

describe('劝诫 → 训诫 through the police', () => {
  it('records a failed 劝诫, suggests 训诫, sends it to the police, whose 办结 records the step', async () => {
    const child = await aChild();
    expect((await ladderOf(street, child)).steps).toEqual([]);

    const created = await street.post(`/api/children/${child}/guardianship/interventions`, {
      kind: 'admonition',
      reason: '监护人多次将孩子独自留在家中过夜',
      personName: '居委会 王主任',
      decidedOn: '2026-11-20',
    });
    expect(created.statusCode, created.body).toBe(201);
    const adm = created.json().step;
    expect(adm).toMatchObject({ kind: 'admonition', status: 'in_progress', unitCode: 'street-dinghai', referral: null });

    const failed = await street.post(`/api/guardianship/interventions/${adm.id}/outcome`, {
      version: adm.version,
      status: 'failed',
      outcomeNote: '监护人拒不改正',
    });
    expect(failed.statusCode, failed.body).toBe(200);
    let ladder = await ladderOf(street, child);
    expect(ladder.suggestion).toMatchObject({ kind: 'reprimand', reason: '劝诫/制止无效，建议由公安机关予以训诫' });

    const units = (await street.get(`/api/children/${child}/guardianship/ladder/units?kind=reprimand`)).json();
    expect(units.items.map((u: { code: string }) => u.code)).toContain('police');

    const sent = await street.post(`/api/children/${child}/guardianship/interventions`, {
      kind: 'reprimand',
      toUnit: 'police',
      reason: '劝诫无效，请公安机关训诫',
      previousId: adm.id,
    });
    expect(sent.statusCode, sent.body).toBe(201);
    expect(sent.json().warning).toBeNull();
    const rep = sent.json().step;
    expect(rep).toMatchObject({ kind: 'reprimand', status: 'planned', unitCode: 'police', previousId: adm.id, referral: { status: 'sent' } });
    const row = (
      await env.owner.query(`select kind, to_unit, source_kind, source_id, due_on > current_date as later from referrals where id = $1`, [rep.referral.id])
    ).rows[0];
    expect(row).toEqual({ kind: 'reprimand', to_unit: 'police', source_kind: 'intervention', source_id: rep.id, later: true });
    ladder = await ladderOf(street, child);
    expect(ladder.suggestion).toBeNull(); // waiting for the police

    // the police: in the queue, the child with its guardianship section, 办结 with the intervention form
    const queue = (await police.get('/api/referrals?box=incoming&bucket=new')).json();
    expect(queue.items.some((r: { id: string }) => r.id === rep.referral.id)).toBe(true);
    const view = await police.get(`/api/referrals/${rep.referral.id}/child`);
    expect(view.statusCode, view.body).toBe(200);
    expect(view.json().guardianship.steps).toEqual([
      expect.objectContaining({ kind: 'admonition', status: 'failed', current: false }),
      expect.objectContaining({ kind: 'reprimand', status: 'planned', current: true, reason: '劝诫无效，请公安机关训诫' }),
    ]);
    expect(view.json().identity.name).toMatch(/\*/);
    // the police still has no guardianship permission: the file's ladder route is not theirs
    expect((await police.get(`/api/children/${child}/guardianship/ladder`)).statusCode).toBe(403);

    let r = (await stepRef(police, await referral(police, rep.referral.id), { step: 'accept' })).json();
    const noForm = await stepRef(police, r, { step: 'complete', outcome: '已训诫' });
    expect(noForm.statusCode).toBe(400);
    expect(noForm.json().error.fields[0].message).toMatch(/实施结果/);
    const done = await stepRef(police, r, {
      step: 'complete',
      outcome: '已对监护人进行训诫，责令改正',
      intervention: { result: 'issued', decidedOn: '2026-12-01', personName: '钱卫东' },
    });
    expect(done.statusCode, done.body).toBe(200);
    r = done.json();
    expect(r.status).toBe('completed');
    expect(r.events.at(-1).note).toMatch(/干预措施「训诫」/);

    ladder = await ladderOf(street, child);
    expect(ladder.steps[1]).toMatchObject({ status: 'complied', personName: '钱卫东', decidedOn: '2026-12-01', outcomeNote: '已对监护人进行训诫，责令改正' });
    expect(ladder.suggestion).toBeNull();

    // harm found after the 训诫: the guidance order is suggested
    await env.owner.query(`insert into problems (child_id, description, category, severity) values ($1, '再次发现孩子身上有伤痕', 'safety', 'high')`, [child]);
    ladder = await ladderOf(street, child);
    expect(ladder.suggestion).toMatchObject({ kind: 'guidance_order', basis: 'harm_after', reason: '训诫后仍发现侵害情形，建议申请家庭教育指导令' });

    // every view audited
    expect(await count(`audit_log where action = 'guardianship.intervention.view' and entity_id = $1`, [child])).toBeGreaterThan(3);
  });
});

describe('refusals', () => {
  it('a unit that does not take the kind, bad input, a stale version: Chinese, nothing written', async () => {
    const child = await aChild();
    const before = await count('guardianship_interventions');
    const refs = await count('referrals');
    const wrongUnit = await street.post(`/api/children/${child}/guardianship/interventions`, { kind: 'reprimand', toUnit: 'education', reason: '训诫' });
    expect(wrongUnit.statusCode).toBe(400);
    expect(wrongUnit.json().error.fields[0].message).toMatch(/不接收「训诫（公安）」类转介/);
    const noUnit = await street.post(`/api/children/${child}/guardianship/interventions`, { kind: 'guidance_order', reason: '指导令' });
    expect(noUnit.statusCode).toBe(400);
    expect(noUnit.json().error.fields[0].message).toMatch(/请选择实施「家庭教育指导令」的单位/);
    const noReason = await street.post(`/api/children/${child}/guardianship/interventions`, { kind: 'admonition', reason: ' ' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.fields[0].message).toBe('请填写干预事由');
    const badKind = await street.post(`/api/children/${child}/guardianship/interventions`, { kind: 'warning', reason: 'x' });
    expect(badKind.statusCode).toBe(400);
    expect(badKind.json().error.fields[0].message).toMatch(/请选择干预措施/);
    expect(await count('guardianship_interventions')).toBe(before);
    expect(await count('referrals')).toBe(refs);

    const adm = (await street.post(`/api/children/${child}/guardianship/interventions`, { kind: 'admonition', reason: '劝诫监护人' })).json().step;
    const dup = await street.post(`/api/children/${child}/guardianship/interventions`, { kind: 'admonition', reason: '再次劝诫' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.message).toMatch(/已有一项待实施的「劝诫\/制止」/);
    const ok = await street.post(`/api/guardianship/interventions/${adm.id}/outcome`, {
      version: adm.version,
      status: 'complied',
      outcomeNote: '监护人已改正',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const stale = await street.post(`/api/guardianship/interventions/${adm.id}/outcome`, { version: adm.version, status: 'failed', outcomeNote: '又犯' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
    const closed = await street.post(`/api/guardianship/interventions/${adm.id}/outcome`, {
      version: ok.json().step.version,
      status: 'failed',
      outcomeNote: '又犯',
    });
    expect(closed.statusCode).toBe(409);
    expect(closed.json().error.message).toMatch(/已履行，不能再更改/);
  });

  it('a 训诫 with no 劝诫 before it is allowed, with a warning', async () => {
    const child = await aChild();
    const res = await street.post(`/api/children/${child}/guardianship/interventions`, { kind: 'reprimand', toUnit: 'police', reason: '发现殴打，情况严重' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().warning).toMatch(/尚未记录较轻的干预措施/);
  });

  it('the step of a referral still open is recorded by the receiving unit, not on the ladder', async () => {
    const child = await aChild();
    const rep = (await street.post(`/api/children/${child}/guardianship/interventions`, { kind: 'reprimand', toUnit: 'police', reason: '训诫' })).json().step;
    const res = await street.post(`/api/guardianship/interventions/${rep.id}/outcome`, { version: rep.version, status: 'complied', outcomeNote: '已训诫' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toMatch(/已转介给区公安分局办理/);
  });
});

describe('退回, resend, cancel', () => {
  it('a declined referral puts the step back to 待实施 with the reason; sent again; cancelling withdraws the referral', async () => {
    const child = await aChild();
    const rep = (await street.post(`/api/children/${child}/guardianship/interventions`, { kind: 'reprimand', toUnit: 'police', reason: '训诫' })).json().step;
    const declined = await stepRef(police, await referral(police, rep.referral.id), { step: 'decline', reason: '监护人已迁出本区' });
    expect(declined.statusCode, declined.body).toBe(200);
    const ladder = await ladderOf(street, child);
    expect(ladder.steps[0]).toMatchObject({
      status: 'planned',
      outcomeNote: '区公安分局退回转介：监护人已迁出本区',
      referral: { status: 'declined', declineReason: '监护人已迁出本区' },
    });
    expect(ladder.tasks).toContain('训诫的转介已被退回：请重新发送或取消该措施');

    const again = await street.post(`/api/guardianship/interventions/${rep.id}/resend`, { version: ladder.steps[0]?.version, toUnit: 'police' });
    expect(again.statusCode, again.body).toBe(200);
    const step = again.json().step;
    expect(step.referral.status).toBe('sent');
    expect(step.referral.id).not.toBe(rep.referral.id);

    const cancelled = await street.post(`/api/guardianship/interventions/${rep.id}/cancel`, { version: step.version, reason: '家庭已搬离，移交迁入地' });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json().step).toMatchObject({ status: 'cancelled', outcomeNote: '取消：家庭已搬离，移交迁入地' });
    expect((await env.owner.query(`select status from referrals where id = $1`, [step.referral.id])).rows[0].status).toBe('withdrawn');
    const noReason = await street.post(`/api/guardianship/interventions/${rep.id}/cancel`, { version: 99 });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.fields[0].message).toBe('请填写取消原因');
  });
});

describe('家庭教育指导令 through the procuratorate', () => {
  it('issued with its sessions: 实施中; missed sessions suggest 撤销监护资格 or 支持起诉', async () => {
    const child = await aChild('dinghai-01');
    const order = (
      await street.post(`/api/children/${child}/guardianship/interventions`, { kind: 'guidance_order', toUnit: 'procuratorate', reason: '训诫后仍有侵害' })
    ).json().step;
    let r = (await stepRef(procurator, await referral(procurator, order.referral.id), { step: 'accept' })).json();
    const noSessions = await stepRef(procurator, r, {
      step: 'complete',
      outcome: '已发出督促监护令',
      intervention: { result: 'issued', decidedOn: '2026-12-01', personName: '郑雅琴' },
    });
    expect(noSessions.statusCode).toBe(400);
    expect(noSessions.json().error.fields[0].message).toMatch(/指导次数/);
    r = (
      await stepRef(procurator, r, {
        step: 'complete',
        outcome: '已发出家庭教育指导令',
        intervention: { result: 'issued', decidedOn: '2026-12-01', personName: '郑雅琴', sessionsRequired: 6 },
      })
    ).json();
    expect(r.status).toBe('completed');
    let ladder = await ladderOf(street, child);
    expect(ladder.steps[0]).toMatchObject({ status: 'in_progress', sessionsRequired: 6, unitCode: 'procuratorate' });
    expect(ladder.tasks).toContain('指导课结束后，记录家庭教育指导令的履行结果');

    for (const [i, attended] of [true, false, false].entries()) {
      await env.owner.query(
        `insert into guidance_sessions (child_id, kind, intervention_id, provider, topic, scheduled_on, attended, absence_reason)
         values ($1, 'family_education', $2, '区妇联家庭教育指导中心', '第 ${i + 1} 次指导', current_date - 1, $3, $4)`,
        [child, order.id, attended, attended ? null : '未说明原因'],
      );
    }
    ladder = await ladderOf(street, child);
    expect(ladder.steps[0]).toMatchObject({ sessionsAttended: 1, sessionsMissed: 2 });
    expect(ladder.suggestion).toMatchObject({ kind: 'revocation_petition', alternative: 'supported_prosecution', basis: 'sessions_missed' });

    // the child director: that the steps exist and their task, no reasons or notes
    const summary = await ladderOf(director, child);
    expect(summary.depth).toBe('summary');
    expect(summary.steps[0]).toMatchObject({ kind: 'guidance_order', status: 'in_progress', reason: null, outcomeNote: null, personName: null });
    expect(summary.suggestion?.reason).toBeNull();
    expect(summary.tasks).toEqual(['家庭教育指导令执行中：请督促监护人按时参加指导（已参加 1 次，共需 6 次；缺席 2 次）']);
    expect(summary.canWrite).toBe(false);
    const write = await director.post(`/api/children/${child}/guardianship/interventions`, { kind: 'admonition', reason: '劝诫' });
    expect(write.statusCode).toBe(403);
  });
});

describe('access and direct referrals', () => {
  it('departments and the procurator (no guardianship permission) get 403, another street 404; the district reads it', async () => {
    const child = await aChild();
    for (const who of [edu, procurator]) {
      expect((await who.get(`/api/children/${child}/guardianship/ladder`)).statusCode).toBe(403);
    }
    expect((await (await env.login('street-pingliang')).get(`/api/children/${child}/guardianship/ladder`)).statusCode).toBe(404);
    expect((await ladderOf(district, child)).depth).toBe('full');
  });

  it('POST /api/referrals of a ladder kind creates the step; without guardianship.write it is refused', async () => {
    const child = await aChild();
    const res = await street.post('/api/referrals', { childId: child, kind: 'reprimand', toUnit: 'police', reason: '监护人拒不改正' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().sourceKind).toBe('intervention');
    const ladder = await ladderOf(street, child);
    expect(ladder.steps).toEqual([expect.objectContaining({ kind: 'reprimand', status: 'planned', referral: expect.objectContaining({ id: res.json().id }) })]);

    const before = await count('referrals');
    const own = await aChild('dinghai-01');
    const refused = await director.post('/api/referrals', { childId: own, kind: 'guidance_order', toUnit: 'court', reason: '申请指导令' });
    expect([403]).toContain(refused.statusCode);
    expect(refused.json().error.message).toMatch(/干预措施须由可以记录监护事项的工作人员/);
    expect(await count('referrals')).toBe(before);
  });
});
