/**
 * 协同: the existing flows as referrals (a benefit submitted, a fee waiver sent directly, the
 * 控辍保学 alert, a problem escalated to a department) and what completing each writes to the
 * child's file; refusals in Chinese with nothing written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEnv, type Agent, type TestEnv } from '../../../test/harness.js';

let env: TestEnv;
let street: Agent;
let district: Agent;
let edu: Agent;
let eduHead: Agent;
let police: Agent;

beforeAll(async () => {
  env = await testEnv();
  street = await env.login('street-dinghai');
  district = await env.login('district');
  edu = await env.login('edu');
  eduHead = await env.login('edu-head');
  police = await env.login('police');
});
afterAll(async () => {
  await env?.close();
});

/** A dinghai child of compulsory-education age, different for each call. */
let taken: string[] = [];
async function aChild(): Promise<{ id: string; name: string; version: number }> {
  const row = (
    await env.owner.query(
      `select id, name, version from children where street_code = 'dinghai' and status = 'active'
          and birth_date between current_date - interval '15 years' and current_date - interval '7 years'
          and not (id = any ($1::uuid[])) order by id limit 1`,
      [taken],
    )
  ).rows[0];
  taken = [...taken, row.id];
  return row;
}

const count = async (table: string) => (await env.owner.query(`select count(*)::int as n from ${table}`)).rows[0].n as number;
const stepRef = (who: Agent, r: { id: string; version: number }, body: Record<string, unknown>) =>
  who.post(`/api/referrals/${r.id}/steps`, { version: r.version, ...body });

describe('a school-fee waiver sent as a referral', () => {
  it('submits the child entitlement; 区教育局 grants it on the referral, the file and the referral both show it', async () => {
    const c = await aChild();
    const res = await street.post('/api/referrals', {
      childId: c.id,
      kind: 'fee_waiver',
      policyId: 'school-fee-waiver',
      toUnit: 'education',
      reason: '家庭经济困难，申请减免课后服务费',
    });
    expect(res.statusCode, res.body).toBe(201);
    let r = res.json();
    const ent = (await env.owner.query(`select id, status from entitlements where child_id = $1 and policy_id = 'school-fee-waiver'`, [c.id])).rows;
    expect(ent).toEqual([{ id: expect.any(String), status: 'submitted' }]);
    expect((await env.owner.query(`select source_kind, source_id from referrals where id = $1`, [r.id])).rows[0]).toEqual({
      source_kind: 'entitlement',
      source_id: ent[0].id,
    });
    // the sender verified and submitted it: separation of duties keeps it from deciding
    r = (await stepRef(edu, r, { step: 'accept' })).json();
    const noDecision = await stepRef(edu, r, { step: 'complete', outcome: '已办理' });
    expect(noDecision.statusCode).toBe(400);
    expect(noDecision.json().error.fields[0].message).toMatch(/批准或不予批准/);
    const done = await stepRef(edu, r, {
      step: 'complete',
      outcome: '准予减免本学期课后服务费',
      entitlement: { decision: 'granted', fromDate: '2026-12-01', amountFen: 60000 },
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().status).toBe('completed');
    expect(
      (await env.owner.query(`select status, to_char(from_date, 'YYYY-MM-DD') as from_date from entitlements where id = $1`, [ent[0].id])).rows[0],
    ).toEqual({
      status: 'granted',
      from_date: '2026-12-01',
    });
    const ev = (await env.owner.query(`select unit_code, to_status from entitlement_events where entitlement_id = $1 order by at, id`, [ent[0].id])).rows;
    expect(ev.map((e) => e.to_status)).toEqual(['suggested', 'verified', 'submitted', 'granted']);
    expect(ev.at(-1).unit_code).toBe('education');
    const seen = (await street.get(`/api/referrals/${r.id}`)).json();
    expect(seen.status).toBe('completed');
    // sending it again: already granted
    const again = await street.post('/api/referrals', {
      childId: c.id,
      kind: 'fee_waiver',
      policyId: 'school-fee-waiver',
      toUnit: 'education',
      reason: '再次申请',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toMatch(/已在享受/);
  });

  it('refuses a missing or unknown policy and the wrong unit, in Chinese, writing nothing', async () => {
    const c = await aChild();
    const before = [await count('referrals'), await count('entitlements'), await count('entitlement_events')];
    const base = { childId: c.id, kind: 'fee_waiver', toUnit: 'education', reason: '申请减免' };
    const missing = await street.post('/api/referrals', base);
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.fields[0]).toMatchObject({ path: 'policyId', message: '请选择申请的政策（待遇审批类转介须指明政策）' });
    const unknown = await street.post('/api/referrals', { ...base, policyId: 'no-such-policy' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.fields[0].message).toBe('政策不存在，请从政策目录中选择');
    const wrongUnit = await street.post('/api/referrals', { ...base, kind: 'benefit', toUnit: 'disabled-federation', policyId: 'school-fee-waiver' });
    expect(wrongUnit.statusCode).toBe(400);
    expect(wrongUnit.json().error.fields[0].message).toMatch(/由区教育局审批，请转介给区教育局/);
    expect([await count('referrals'), await count('entitlements'), await count('entitlement_events')]).toEqual(before);
  });

  it('with two approvers required, the first approval keeps the referral in progress; the second grants and completes it', async () => {
    // 区教育局's rule (set by the district's policy administrators)
    const setRule = (n: number) =>
      env.owner.query(
        `insert into entitlement_review_rules (unit_code, policy_id, approvals, updated_by) select 'education', 'school-fee-waiver', $1, id from users where username = 'admin'
         on conflict (unit_code, policy_id) do update set approvals = excluded.approvals`,
        [n],
      );
    await setRule(2);
    const c = await aChild();
    let r = (
      await street.post('/api/referrals', { childId: c.id, kind: 'fee_waiver', policyId: 'school-fee-waiver', toUnit: 'education', reason: '申请减免学杂费' })
    ).json();
    r = (await stepRef(edu, r, { step: 'accept' })).json();
    const body = { step: 'complete', outcome: '同意减免', entitlement: { decision: 'granted', fromDate: '2026-12-01' } };
    const first = await stepRef(edu, r, body);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().status).toBe('in_progress');
    const ent = (await env.owner.query(`select status from entitlements where child_id = $1 and policy_id = 'school-fee-waiver'`, [c.id])).rows[0];
    expect(ent.status).toBe('submitted');
    const asked = (
      await env.owner.query(`select u.username from notifications n join users u on u.id = n.user_id where n.kind = 'referral.approval' and n.entity_id = $1`, [
        r.id,
      ])
    ).rows.map((x) => x.username);
    expect(asked).toContain('edu-head');
    expect(asked).not.toContain('edu');
    const twice = await stepRef(edu, first.json(), body);
    expect(twice.statusCode).toBe(403);
    expect(twice.json().error.message).toMatch(/复核/);
    const second = await stepRef(eduHead, first.json(), body);
    expect(second.statusCode, second.body).toBe(200);
    expect(second.json().status).toBe('completed');
    expect((await env.owner.query(`select status from entitlements where child_id = $1 and policy_id = 'school-fee-waiver'`, [c.id])).rows[0].status).toBe(
      'granted',
    );
    await setRule(1);
  });
});

describe('a benefit submitted on the entitlement page', () => {
  it('refers it to the deciding unit; the decision taken on the entitlement page completes the referral', async () => {
    const c = await aChild();
    const id = (
      await env.owner.query<{ id: string }>(
        `insert into entitlements (child_id, policy_id, status, created_by) values ($1, 'basic-living-allowance-orphan-scattered', 'suggested', null) returning id`,
        [c.id],
      )
    ).rows[0]!.id;
    let e = (await street.post(`/api/entitlements/${id}/transition`, { to: 'verified', version: 1 })).json();
    e = (await street.post(`/api/entitlements/${id}/transition`, { to: 'submitted', version: e.version, note: '父母双亡，由祖母抚养' })).json();
    const ref = (await env.owner.query(`select id, kind, from_unit, to_unit, status, reason, policy_id from referrals where source_id = $1`, [id])).rows;
    expect(ref).toHaveLength(1);
    expect(ref[0]).toMatchObject({ kind: 'benefit', to_unit: 'civil-affairs', status: 'sent', policy_id: 'basic-living-allowance-orphan-scattered' });
    expect(ref[0].reason).toContain('父母双亡，由祖母抚养');
    // the old notice stays; 区民政局's deciders are not told twice
    const told = (await env.owner.query(`select count(*)::int as n from notifications where entity_id = $1 and kind = 'entitlement.submitted'`, [id])).rows[0]
      .n;
    expect(told).toBeGreaterThan(0);
    expect((await env.owner.query(`select 1 from notifications where entity_id = $1`, [ref[0].id])).rowCount).toBe(0);
    const res = await district.post(`/api/entitlements/${id}/transition`, { to: 'refused', reason: '不符合条件', version: e.version });
    expect(res.statusCode, res.body).toBe(200);
    const after = (await env.owner.query(`select status, outcome, outcome_result from referrals where id = $1`, [ref[0].id])).rows[0];
    expect(after).toEqual({ status: 'completed', outcome: '不予批准：不符合条件', outcome_result: 'not_possible' });
  });
});

describe('the 控辍保学 alert', () => {
  it('refers the child to education, police and civil affairs; education records the re-enrolment in the file', async () => {
    const c = await aChild();
    expect((await street.patch(`/api/children/${c.id}`, { version: c.version, schoolStage: '初中' })).statusCode).toBe(200);
    const v = (await env.owner.query(`select version from children where id = $1`, [c.id])).rows[0].version;
    expect((await street.patch(`/api/children/${c.id}`, { version: v, schoolStage: '辍学' })).statusCode).toBe(200);
    const refs = (await env.owner.query(`select id, to_unit, source_kind from referrals where child_id = $1 and kind = 'dropout' order by to_unit`, [c.id]))
      .rows;
    expect(refs.map((r) => [r.to_unit, r.source_kind])).toEqual([
      ['civil-affairs', 'dropout'],
      ['education', 'dropout'],
      ['police', 'dropout'],
    ]);
    const eduRef = refs[1];
    let r = (await edu.get(`/api/referrals/${eduRef.id}`)).json();
    r = (await stepRef(edu, r, { step: 'accept' })).json();
    const historyBefore = await count('child_history');
    const noSchool = await stepRef(edu, r, { step: 'complete', outcome: '已复学' });
    expect(noSchool.statusCode).toBe(400);
    expect(noSchool.json().error.fields[0].message).toMatch(/就学情况/);
    const badStage = await stepRef(edu, r, { step: 'complete', outcome: '已复学', school: { stage: '大学' } });
    expect(badStage.statusCode).toBe(400);
    expect(await count('child_history')).toBe(historyBefore);
    const done = await stepRef(edu, r, { step: 'complete', outcome: '已安排复学', school: { stage: '初中', schoolName: '杨浦初级中学', grade: '初一' } });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().status).toBe('completed');
    const file = (await env.owner.query(`select school_stage, school_name, school_grade from children where id = $1`, [c.id])).rows[0];
    expect(file).toEqual({ school_stage: '初中', school_name: '杨浦初级中学', school_grade: '初一' });
    const hist = (await env.owner.query(`select field, new_value, username from child_history where child_id = $1 order by id desc limit 3`, [c.id])).rows;
    expect(hist.map((h) => h.field).sort()).toEqual(['schoolGrade', 'schoolName', 'schoolStage']);
    expect(hist[0].username).toBe('edu');
    const audit = (
      await env.owner.query(`select 1 from audit_log where action = 'child.update' and entity_id = $1 and summary->>'referralId' = $2`, [c.id, eduRef.id])
    ).rowCount;
    expect(audit).toBe(1);
  });
});

describe('a problem escalated to a department', () => {
  it('is a referral; completing it resolves the problem with the outcome', async () => {
    const c = await aChild();
    const p = (
      await street.post('/api/problems', { childId: c.id, description: '监护人长期酗酒，疑似疏于照料', category: 'guardianship', severity: 'high' })
    ).json();
    const esc = await street.post(`/api/problems/${p.id}/escalate`, { toUnit: 'police', note: '请派出所上门核查', version: p.version });
    expect(esc.statusCode, esc.body).toBe(200);
    expect(esc.json().notified).toBeGreaterThan(0);
    const ref = (await env.owner.query(`select id from referrals where source_kind = 'problem' and source_id = $1`, [p.id])).rows[0];
    let r = (await police.get(`/api/referrals/${ref.id}`)).json();
    expect(r.kind).toBe('problem');
    r = (await stepRef(police, r, { step: 'accept' })).json();
    const done = await stepRef(police, r, { step: 'complete', outcome: '民警已上门训诫监护人，并联系居委会每周走访' });
    expect(done.statusCode, done.body).toBe(200);
    const after = (await env.owner.query(`select status, resolution from problems where id = $1`, [p.id])).rows[0];
    expect(after).toEqual({ status: 'resolved', resolution: '民警已上门训诫监护人，并联系居委会每周走访' });
    const ev = (await env.owner.query(`select kind, username from problem_events where problem_id = $1 order by at desc, id desc limit 1`, [p.id])).rows[0];
    expect(ev).toEqual({ kind: 'resolved', username: 'police' });
    expect((await env.owner.query(`select status from referrals where id = $1`, [ref.id])).rows[0].status).toBe('completed');
  });
});
