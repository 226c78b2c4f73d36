/**
 * Separation of duties on benefits (issue 9, item 2): verify and submit are the street's; grant and
 * refuse belong to the deciding unit, never to whoever verified or submitted; a unit may require a
 * second, distinct approver.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEnv, type Agent, type TestEnv } from '../../../test/harness.js';
import { addUser } from '../../../test/users.js';

let env: TestEnv;
let street: Agent;
let district: Agent;
let district2: Agent;
let district3: Agent;
const SCATTERED = 'basic-living-allowance-orphan-scattered';

beforeAll(async () => {
  env = await testEnv();
  await addUser(env, 'district-2', '刘洋', 'civil-affairs', ['district_civil']);
  await addUser(env, 'district-3', '孙倩', 'civil-affairs', ['district_civil']);
  street = await env.login('street-dinghai');
  district = await env.login('district');
  district2 = await env.login('district-2');
  district3 = await env.login('district-3');
});
afterAll(async () => {
  await env?.close();
});

interface Ent {
  id: string;
  childId: string;
  status: string;
  version: number;
  allowed: string[];
  approvals: number;
  approvalsRequired: number;
  decidingUnit: string;
  events: { toStatus: string; kind: string; username: string | null; displayName: string | null; unitName: string | null; note: string | null }[];
}

let n = 0;
async function orphanEntitlement(committee = 'dinghai-03'): Promise<Ent> {
  const committeeId = (await env.owner.query(`select id from committees where code = $1`, [committee])).rows[0].id;
  const res = await street.post('/api/children', {
    name: `职责分离${n++}`,
    birthDate: '2014-04-04',
    sex: 'M',
    noIdNote: '测试',
    hukou: 'local',
    riskLevel: 'low',
    committeeId,
    categories: [{ category: 'orphan_scattered', since: '2024-01-01' }],
    members: [
      { name: '父', relation: '父亲', role: 'member', status: 'deceased', statusSince: '2023-01-01' },
      { name: '母', relation: '母亲', role: 'member', status: 'deceased', statusSince: '2023-02-01' },
    ],
  });
  expect(res.statusCode, res.body).toBe(201);
  const items = (await street.get(`/api/children/${res.json().id}/entitlements`)).json().items as (Ent & { policy: string })[];
  return items.find((x) => x.policy === SCATTERED && x.status === 'suggested')!;
}
const step = (who: Agent, e: Ent, body: Record<string, unknown>) => who.post(`/api/entitlements/${e.id}/transition`, { version: e.version, ...body });
async function prepared(by: Agent = street): Promise<Ent> {
  let e = await orphanEntitlement();
  e = (await step(by, e, { to: 'verified', note: '已入户核实' })).json();
  const res = await step(by, e, { to: 'submitted' });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}
const denied = async (id: string) =>
  (
    await env.owner.query<{ n: number }>(
      `select count(*)::int as n from audit_log where action = 'entitlement.status' and outcome = 'denied' and entity_id = $1`,
      [id],
    )
  ).rows[0]!.n;

describe('who may grant and refuse', () => {
  it('lets one street worker verify and submit, but never grant or refuse a 区民政局 benefit', async () => {
    const e = await prepared();
    expect(e.status).toBe('submitted');
    expect(e.decidingUnit).toBe('区民政局');
    expect(e.allowed).toEqual([]); // the street sees no decision buttons
    for (const body of [
      { to: 'granted', fromDate: '2026-12-01' },
      { to: 'refused', reason: '不符合' },
    ]) {
      const res = await step(street, e, body);
      expect(res.statusCode).toBe(403);
      expect(res.json().error.message).toContain('该待遇由区民政局审批，只有区民政局的工作人员可以');
    }
    expect(await denied(e.id)).toBe(2);
    const now = (await street.get(`/api/entitlements/${e.id}`)).json();
    expect(now).toMatchObject({ status: 'submitted', version: e.version });
  });

  it('refuses the district user who verified or submitted; another of the unit grants, and the history names each', async () => {
    const e = await prepared(district);
    const self = await step(district, e, { to: 'granted', fromDate: '2026-12-01' });
    expect(self.statusCode).toBe(403);
    expect(self.json().error.message).toBe('您核实或提交了这项待遇，按职责分离，批准须由区民政局的另一位工作人员办理');
    expect((await step(district, e, { to: 'refused', reason: '材料不全' })).json().error.message).toContain('作出未获批决定须由区民政局的另一位工作人员办理');
    expect((await district2.get(`/api/entitlements/${e.id}`)).json().allowed).toEqual(['granted', 'refused']);
    const res = await step(district2, e, { to: 'granted', fromDate: '2026-12-01', amountFen: 320000 });
    expect(res.statusCode, res.body).toBe(200);
    const g: Ent = res.json();
    expect(g.status).toBe('granted');
    expect(g.events.map((x) => [x.toStatus, x.displayName, x.unitName])).toEqual([
      ['suggested', expect.anything(), expect.anything()],
      ['verified', '王敏', '区民政局'],
      ['submitted', '王敏', '区民政局'],
      ['granted', '刘洋', '区民政局'],
    ]);
  });

  it('excludes both a verifier and a different submitter from deciding; a third of the unit refuses', async () => {
    let e = await orphanEntitlement();
    e = (await step(district, e, { to: 'verified' })).json();
    e = (await step(district2, e, { to: 'submitted' })).json();
    for (const who of [district, district2]) expect((await step(who, e, { to: 'granted', fromDate: '2026-12-01' })).statusCode).toBe(403);
    const res = await step(district3, e, { to: 'refused', reason: '监护人放弃申请' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'refused', reason: '监护人放弃申请' });
  });

  it("refuses a street worker dismissing a suggestion: refusal is the deciding unit's", async () => {
    const e = await orphanEntitlement();
    const res = await step(street, e, { to: 'refused', reason: '监护人放弃申请' });
    expect(res.statusCode).toBe(403);
    expect((await step(district, e, { to: 'refused', reason: '监护人放弃申请' })).statusCode).toBe(200);
  });
});

describe('second reviewer', () => {
  it('needs two distinct approvers once the unit sets it, neither of them a preparer', async () => {
    expect((await street.put('/api/entitlement-review-rules', { policy: '*', approvals: 2 })).statusCode).toBe(403);
    expect((await district.put('/api/entitlement-review-rules', { policy: 'nope', approvals: 2 })).statusCode).toBe(400);
    expect((await district.put('/api/entitlement-review-rules', { policy: SCATTERED, approvals: 3 })).statusCode).toBe(400);
    const set = await district.put('/api/entitlement-review-rules', { policy: SCATTERED, approvals: 2 });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json().items).toContainEqual(expect.objectContaining({ unitCode: 'civil-affairs', policy: SCATTERED, approvals: 2 }));

    let e = await prepared();
    expect(e.approvalsRequired).toBe(2);
    let res = await step(district, e, { to: 'granted', fromDate: '2026-12-01' });
    expect(res.statusCode, res.body).toBe(200);
    e = res.json();
    expect(e).toMatchObject({ status: 'submitted', approvals: 1 });
    expect(e.events.at(-1)).toMatchObject({ kind: 'approval', displayName: '王敏', unitName: '区民政局' });
    expect(e.events.at(-1)!.note).toContain('初审同意');
    const again = await step(district, e, { to: 'granted', fromDate: '2026-12-01' });
    expect(again.statusCode).toBe(403);
    expect(again.json().error.message).toBe('您已初审同意；按区民政局的设置，批准须由另一位工作人员复核同意');
    const asked = (
      await env.owner.query(
        `select u.username from notifications n join users u on u.id = n.user_id where n.kind = 'entitlement.approval' and n.entity_id = $1`,
        [e.id],
      )
    ).rows.map((r) => r.username);
    expect(asked.sort()).toEqual(['district-2', 'district-3']);
    res = await step(district2, e, { to: 'granted', fromDate: '2026-12-01' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'granted', fromDate: '2026-12-01' });
    const audit = (
      await env.owner.query(`select action from audit_log where entity_id = $1 and outcome = 'success' and action like 'entitlement.%' order by id`, [e.id])
    ).rows.map((r) => r.action);
    expect(audit.slice(-2)).toEqual(['entitlement.approve', 'entitlement.status']);
    await district.put('/api/entitlement-review-rules', { policy: SCATTERED, approvals: 1 });
  });
});

describe('a department deciding through the referral (协同)', () => {
  it('decides its own benefits: the submission refers it to 区教育局, whose staff decide on the referral, not on the entitlement page', async () => {
    const base = await orphanEntitlement();
    const id = (
      await env.owner.query<{ id: string }>(
        `insert into entitlements (child_id, policy_id, status, created_by) values ($1, 'education-subsidy', 'suggested', null) returning id`,
        [base.childId],
      )
    ).rows[0]!.id;
    let e: Ent = (await street.get(`/api/entitlements/${id}`)).json();
    expect(e.decidingUnit).toBe('区教育局');
    e = (await step(street, e, { to: 'verified' })).json();
    e = (await step(street, e, { to: 'submitted' })).json();
    const edu = await env.login('edu');
    // no scope over the child: the entitlement page stays closed to the department
    expect((await step(edu, e, { to: 'granted', fromDate: '2026-12-01' })).statusCode).toBe(404);
    // 区民政局 does not decide a benefit 区教育局 decides
    expect((await step(district, e, { to: 'granted', fromDate: '2026-12-01' })).statusCode).toBe(403);
    const ref = (await env.owner.query(`select kind, to_unit, status from referrals where source_kind = 'entitlement' and source_id = $1`, [id])).rows;
    expect(ref).toEqual([{ kind: 'fee_waiver', to_unit: 'education', status: 'sent' }]);
  });
});
