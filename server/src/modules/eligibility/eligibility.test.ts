import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '#common/idNumber.js';
import { testEnv, type Agent, type TestEnv } from '../../../test/harness.js';

let env: TestEnv;
let street: Agent;
beforeAll(async () => {
  env = await testEnv();
  street = await env.login('street-dinghai');
});
afterAll(async () => {
  await env?.close();
});

const SCATTERED = 'basic-living-allowance-orphan-scattered';
const committee = async (code: string) => (await env.owner.query<{ id: string }>('select id from committees where code = $1', [code])).rows[0]!.id;
let seq = 400 + Math.floor(Math.random() * 300);
async function createChild(over: Record<string, unknown>, who: Agent = street, committeeCode = 'dinghai-02'): Promise<string> {
  const res = await who.post('/api/children', {
    name: '林小雨',
    hukou: 'local',
    committeeId: await committee(committeeCode),
    riskLevel: 'low',
    residenceAddress: '上海市杨浦区定海路100弄5号301室',
    phone: '13812345678',
    idNumber: makeIdNumber('310110', `2016-07-${String(10 + (seq % 18)).padStart(2, '0')}`, seq++, 'M'),
    ...over,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}
const orphan = () =>
  createChild({
    categories: [{ category: 'orphan_scattered', since: '2024-01-10', sourceNote: '民政局认定' }],
    members: [
      { name: '林国华', relation: '祖父', role: 'guardian', phone: '13900001111' },
      { name: '林建', relation: '父亲', role: 'member', status: 'deceased', statusSince: '2023-06-01' },
      { name: '王芳', relation: '母亲', role: 'member', status: 'deceased', statusSince: '2023-08-01' },
    ],
  });
type Result = {
  policy: string;
  verdict: string;
  amountFen: number | null;
  amountText: string;
  missing: { label: string }[];
  lines: string[];
  citations: string[];
};
const resultOf = (body: { results: Result[] }, policy = SCATTERED) => body.results.find((r) => r.policy === policy)!;

describe('evaluate', () => {
  let orphanId: string;
  beforeAll(async () => {
    orphanId = await orphan();
  });

  it('finds a scattered orphan eligible for 3,200 元 in 2025, with the explanation, and suggests an entitlement once', async () => {
    const res = await street.post('/api/eligibility/evaluate', { childId: orphanId, asOf: '2025-03-01' });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ asOf: '2025-03-01', stored: true });
    const r = resultOf(body);
    expect(r).toMatchObject({ verdict: 'eligible', amountFen: 320000 });
    expect(r.lines.join('\n')).toContain('父母均已死亡');
    expect(r.citations.join(' ')).toContain('沪民规〔2025〕9号');
    // The entitlement was suggested when the file was created (proactive matching), so this run adds none.
    expect(body.suggested).toBe(0);
    const stored = (
      await env.owner.query('select verdict, amount_fen, street_code from eligibility_results where child_id = $1 and policy_id = $2', [orphanId, SCATTERED])
    ).rows[0];
    expect(stored).toMatchObject({ verdict: 'eligible', street_code: 'dinghai' });
    expect(Number(stored.amount_fen)).toBe(320000);
    const ents = (await street.get(`/api/children/${orphanId}/entitlements`)).json().items;
    const e = ents.find((x: { policy: string }) => x.policy === SCATTERED);
    expect(e).toMatchObject({ status: 'suggested', amountFen: 320000 });
    expect(e.events).toHaveLength(1);
    // evaluating again does not suggest twice
    const again = (await street.post('/api/eligibility/evaluate', { childId: orphanId, asOf: '2025-03-01' })).json();
    expect(again.suggested).toBe(0);
    // the older standard applies to an earlier date
    expect(resultOf((await street.post('/api/eligibility/evaluate', { childId: orphanId, asOf: '2024-03-01' })).json()).amountFen).toBe(250000);
  });

  it('answers undetermined with the data still needed when the parents are not in the file', async () => {
    const id = await createChild({ categories: [{ category: 'orphan_scattered', since: '2024-01-10', sourceNote: '民政局认定' }] });
    const r = resultOf((await street.post('/api/eligibility/evaluate', { childId: id, asOf: '2025-03-01' })).json());
    expect(r.verdict).toBe('undetermined');
    expect(r.missing.map((m) => m.label).join('、')).toMatch(/父亲|母亲/);
    const wl = (await street.get(`/api/eligibility/worklist?kind=undetermined&policy=${SCATTERED}&pageSize=200`)).json();
    const item = wl.items.find((i: { childId: string }) => i.childId === id);
    expect(item.missing.length).toBeGreaterThan(0);
    expect(item).toMatchObject({ policyName: '散居孤儿基本生活费', unitLabel: '区民政局' });
  });

  it('hides a child of another street (404) and refuses without the permission', async () => {
    const other = await env.login('street-pingliang');
    expect((await other.post('/api/eligibility/evaluate', { childId: orphanId })).statusCode).toBe(404);
    expect((await other.get(`/api/children/${orphanId}/entitlements`)).statusCode).toBe(404);
    const edu = await env.login('edu');
    expect((await edu.post('/api/eligibility/evaluate', { childId: orphanId })).statusCode).toBe(403);
  });

  it('evaluates an inline profile without storing, and refuses wrong types with field messages', async () => {
    const ok = await street.post('/api/eligibility/evaluate', {
      asOf: '2025-03-01',
      profile: {
        child: { birthDate: '2015-01-01', hukou: 'local', categories: ['orphan_scattered'], institutionalCare: false },
        parents: [
          { relation: 'father', status: 'deceased' },
          { relation: 'mother', status: 'deceased' },
        ],
      },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().stored).toBe(false);
    expect(resultOf(ok.json())).toMatchObject({ verdict: 'eligible', amountFen: 320000 });
    const bad = await street.post('/api/eligibility/evaluate', { profile: { child: { birthDate: 20150101, hukou: 'locl' }, household: { size: 'three' } } });
    expect(bad.statusCode).toBe(400);
    const paths = bad.json().error.fields.map((f: { path: string }) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['profile.child.birthDate', 'profile.child.hukou', 'profile.household.size']));
  });
});

describe('entitlement workflow and work lists', () => {
  it('walks suggested → verified → submitted → granted, refuses invalid and stale steps, and lists 可能不再符合', async () => {
    const id = await orphan();
    await street.post('/api/eligibility/evaluate', { childId: id, asOf: '2025-03-01' });
    const listed = (await street.get(`/api/eligibility/worklist?kind=eligible-not-receiving&policy=${SCATTERED}&pageSize=200`)).json();
    expect(listed.items.some((i: { childId: string }) => i.childId === id)).toBe(true);
    let e = (await street.get(`/api/children/${id}/entitlements`)).json().items.find((x: { policy: string }) => x.policy === SCATTERED);
    const go = (body: Record<string, unknown>) => street.post(`/api/entitlements/${e.id}/transition`, body);
    // Granting belongs to the administering unit (区民政局), never to the street that submitted it.
    const district = await env.login('district');
    const decide = (body: Record<string, unknown>) => district.post(`/api/entitlements/${e.id}/transition`, body);

    expect((await go({ to: 'granted', fromDate: '2025-03-01', version: e.version })).statusCode).toBe(409);
    expect((await go({ to: 'verified', version: e.version + 5 })).statusCode).toBe(409);
    let res = await go({ to: 'verified', note: '已入户核实', version: e.version });
    expect(res.statusCode, res.body).toBe(200);
    e = res.json();
    expect((await go({ to: 'submitted', version: 1 })).statusCode).toBe(409); // stale
    e = (await go({ to: 'submitted', version: e.version })).json();
    expect((await decide({ to: 'granted', version: e.version })).statusCode).toBe(400); // from-date required
    res = await decide({ to: 'granted', fromDate: '2025-03-01', amountFen: 320000, version: e.version });
    expect(res.statusCode, res.body).toBe(200);
    e = res.json();
    expect(e).toMatchObject({ status: 'granted', fromDate: '2025-03-01', amountFen: 320000 });
    expect(e.events.map((x: { toStatus: string }) => x.toStatus)).toEqual(['suggested', 'verified', 'submitted', 'granted']);
    const audit = (await env.owner.query(`select count(*)::int as n from audit_log where action = 'entitlement.status' and entity_id = $1`, [e.id])).rows[0].n;
    expect(audit).toBe(3);
    const after = (await street.get(`/api/eligibility/worklist?kind=eligible-not-receiving&policy=${SCATTERED}&pageSize=200`)).json();
    expect(after.items.some((i: { childId: string }) => i.childId === id)).toBe(false);

    // the mother turns out to be alive: the granted benefit may no longer apply
    await env.owner.query(`update household_members set status = 'alive_fit', status_since = null where child_id = $1 and relation = '母亲'`, [id]);
    const r = resultOf((await street.post('/api/eligibility/evaluate', { childId: id, asOf: '2025-03-01' })).json());
    expect(r.verdict).toBe('not_eligible');
    const gone = (await street.get('/api/eligibility/worklist?kind=no-longer-eligible&pageSize=200')).json();
    expect(gone.items.find((i: { childId: string }) => i.childId === id)).toMatchObject({ policy: SCATTERED, entitlementStatus: 'granted' });
    // granted → ended is the only way on
    expect((await go({ to: 'refused', reason: 'x', version: e.version })).statusCode).toBe(409);
    expect((await go({ to: 'ended', note: '母亲在世，停发', version: e.version })).json().status).toBe('ended');
  });

  it('requires a reason to refuse', async () => {
    const id = await orphan();
    await street.post('/api/eligibility/evaluate', { childId: id, asOf: '2025-03-01' });
    const e = (await street.get(`/api/children/${id}/entitlements`)).json().items.find((x: { policy: string }) => x.policy === SCATTERED);
    const district = await env.login('district');
    expect((await district.post(`/api/entitlements/${e.id}/transition`, { to: 'refused', version: e.version })).statusCode).toBe(400);
    const res = await district.post(`/api/entitlements/${e.id}/transition`, { to: 'refused', reason: '监护人放弃申请', version: e.version });
    expect(res.json()).toMatchObject({ status: 'refused', reason: '监护人放弃申请' });
    // a refused benefit is not suggested again
    expect((await street.post('/api/eligibility/evaluate', { childId: id, asOf: '2025-03-01' })).json().suggested).toBe(0);
  });

  it('runs over the area and counts changes', async () => {
    const first = await street.post('/api/eligibility/run', { asOf: '2025-03-01' });
    expect(first.statusCode, first.body).toBe(200);
    const a = first.json();
    expect(a.children).toBeGreaterThan(0);
    expect(a.eligible + a.notEligible + a.undetermined).toBeGreaterThan(0);
    const second = (await street.post('/api/eligibility/run', { asOf: '2025-03-01' })).json();
    expect(second.changed).toBe(0);
    const pingliang = (await env.owner.query(`select count(*)::int as n from eligibility_results where street_code <> 'dinghai'`)).rows[0].n;
    expect(pingliang).toBe(0);
    const director = await env.login('director-dinghai');
    expect((await director.post('/api/eligibility/run', {})).statusCode).toBe(403);
  });
});

describe('policy library and maintained values', () => {
  it('lists policies with dated values, and a maintained value changes the amount', async () => {
    const district = await env.login('district');
    const list = (await district.get('/api/policies')).json();
    const p = list.items.find((x: { id: string }) => x.id === SCATTERED);
    expect(p.parameters[0].values.map((v: { value: number }) => v.value)).toContain(320000);
    const detail = (await district.get(`/api/policies/${SCATTERED}`)).json();
    expect(detail.logic.length).toBeGreaterThan(0);
    expect(detail.logic[0].criteria.some((c: { id: string }) => c.id === 'orphan')).toBe(true);
    expect(detail.tests.length).toBeGreaterThan(0);

    const missingSource = await district.post(`/api/policies/${SCATTERED}/values`, { param: 'allowance', from: '2031-01-01', value: 350000, source: ' ' });
    expect(missingSource.statusCode).toBe(400);
    expect((await street.post(`/api/policies/${SCATTERED}/values`, { param: 'allowance', from: '2031-01-01', value: 350000, source: 'x' })).statusCode).toBe(
      403,
    );
    const added = await district.post(`/api/policies/${SCATTERED}/values`, {
      param: 'allowance',
      from: '2026-01-01',
      to: '2026-12-31',
      value: 350000,
      source: '测试文件〔2026〕1号',
      verified: true,
    });
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json().stale).toBe(true);
    const values = added.json().policy.parameters[0].values;
    expect(values.find((v: { value: number }) => v.value === 350000)).toMatchObject({ verified: true, maintained: true, from: '2026-01-01', to: '2026-12-31' });
    const overlap = await district.post(`/api/policies/${SCATTERED}/values`, { param: 'allowance', from: '2026-06-01', value: 360000, source: 'y' });
    expect(overlap.statusCode).toBe(400);
    const unverified = await district.post(`/api/policies/${SCATTERED}/values`, {
      param: 'allowance',
      from: '2027-01-01',
      to: '2027-12-31',
      value: 360000,
      source: '待核实',
      verified: false,
    });
    expect(unverified.statusCode, unverified.body).toBe(201);

    const at = async (asOf: string) =>
      resultOf(
        (
          await district.post('/api/eligibility/evaluate', {
            asOf,
            profile: {
              child: { birthDate: '2015-01-01', hukou: 'local', categories: ['orphan_scattered'], institutionalCare: false },
              parents: [
                { relation: 'father', status: 'deceased' },
                { relation: 'mother', status: 'deceased' },
              ],
            },
          })
        ).json(),
      );
    expect((await at('2026-03-01')).amountFen).toBe(350000);
    expect((await at('2025-03-01')).amountFen).toBe(320000);
    const pending = await at('2027-03-01');
    expect(pending.amountFen).toBeNull();
    expect(pending.amountText).toContain('标准待维护');
    expect((await at('2028-03-01')).amountFen).toBe(320000);
    expect((await env.owner.query(`select count(*)::int as n from audit_log where action = 'policy.value'`)).rows[0].n).toBe(2);
  });
});

describe('proactive matching', () => {
  it('re-evaluates a child when the file changes: a new category makes a benefit suggested without anyone asking', async () => {
    const a = await env.login('street-dinghai');
    const committee = (await env.owner.query(`select id from committees where code = 'dinghai-04'`)).rows[0].id;
    const created = await a.post('/api/children', {
      name: '主动匹配',
      birthDate: '2014-04-04',
      sex: 'M',
      noIdNote: '测试',
      hukou: 'local',
      riskLevel: 'low',
      committeeId: committee,
      members: [
        { name: '父', relation: '父亲', role: 'member', status: 'deceased', statusSince: '2024-01-01' },
        { name: '母', relation: '母亲', role: 'member', status: 'deceased', statusSince: '2024-02-01' },
      ],
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    const before = (await env.owner.query('select count(*)::int as n from eligibility_results where child_id = $1', [id])).rows[0].n;
    expect(before).toBeGreaterThan(0);
    await a.post(`/api/children/${id}/categories`, { category: 'orphan_scattered', since: '2024-03-01' });
    const suggested = (await env.owner.query(`select policy_id, status from entitlements where child_id = $1`, [id])).rows;
    expect(suggested.some((e) => e.status === 'suggested')).toBe(true);
  });
});

describe('workflow notifications', () => {
  it('tells the administering unit when a benefit is submitted, and the street when it is decided', async () => {
    const a = await env.login('street-dinghai');
    const committee = (await env.owner.query(`select id from committees where code = 'dinghai-05'`)).rows[0].id;
    const id = (
      await a.post('/api/children', {
        name: '通知测试',
        birthDate: '2013-03-03',
        sex: 'F',
        noIdNote: '测试',
        hukou: 'local',
        riskLevel: 'low',
        committeeId: committee,
        categories: [{ category: 'orphan_scattered', since: '2024-01-01' }],
        members: [
          { name: '父', relation: '父亲', role: 'member', status: 'deceased', statusSince: '2023-01-01' },
          { name: '母', relation: '母亲', role: 'member', status: 'deceased', statusSince: '2023-02-01' },
        ],
      })
    ).json().id;
    const ents = (await a.get(`/api/children/${id}/entitlements`)).json().items;
    const e = ents.find((x: { status: string; policy: string }) => x.status === 'suggested' && x.policy === 'basic-living-allowance-orphan-scattered');
    expect(e).toBeTruthy();
    const verified = (await a.post(`/api/entitlements/${e.id}/transition`, { to: 'verified', version: e.version })).json();
    const submitted = (await a.post(`/api/entitlements/${e.id}/transition`, { to: 'submitted', version: verified.version })).json();
    const toUnit = (
      await env.owner.query(
        `select u.username, n.kind, n.body from notifications n join users u on u.id = n.user_id where n.entity_id = $1 and n.kind = 'entitlement.submitted'`,
        [e.id],
      )
    ).rows;
    expect(toUnit.map((r) => r.username)).toContain('district');
    expect(toUnit[0].body).toContain('通**试');
    expect(toUnit[0].body).not.toContain('通知测试');
    const district = await env.login('district');
    expect(
      (await district.post(`/api/entitlements/${e.id}/transition`, { to: 'granted', fromDate: '2026-11-01', version: submitted.version })).statusCode,
    ).toBe(200);
    const back = (
      await env.owner.query(
        `select u.username from notifications n join users u on u.id = n.user_id where n.entity_id = $1 and n.kind = 'entitlement.granted'`,
        [e.id],
      )
    ).rows.map((r) => r.username);
    // Only those who can open it: the street supervisor; the child director of 定海一居民区 does not reach 定海五.
    expect(back).toEqual(['street-dinghai']);
    expect(back).not.toContain('street-pingliang');
  });
});

describe('what-if', () => {
  it('answers "if the standard rises to 3,400 from next July": who changes, and the monthly cost', async () => {
    const a = await env.login('street-dinghai');
    const committee = (await env.owner.query(`select id from committees where code = 'dinghai-06'`)).rows[0].id;
    await a.post('/api/children', {
      name: '假如测试',
      birthDate: '2012-02-02',
      sex: 'M',
      noIdNote: '测试',
      hukou: 'local',
      riskLevel: 'low',
      committeeId: committee,
      categories: [{ category: 'orphan_scattered', since: '2024-01-01' }],
      members: [
        { name: '父', relation: '父亲', role: 'member', status: 'deceased', statusSince: '2023-01-01' },
        { name: '母', relation: '母亲', role: 'member', status: 'deceased', statusSince: '2023-02-01' },
      ],
    });
    const res = await a.post('/api/eligibility/what-if', {
      policy: 'basic-living-allowance-orphan-scattered',
      param: 'allowance',
      from: '2026-07-01',
      value: 340000,
      asOf: '2026-07-01',
    });
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r.after.eligible).toBeGreaterThanOrEqual(1);
    expect(r.after.eligible).toBe(r.before.eligible);
    expect(r.newlyEligible).toEqual([]);
    // With the change every eligible child receives 3,400 元 (whatever the standard was before).
    expect(r.after.monthlyFen).toBe((r.after.eligible - r.after.amountUnknown) * 340000);
    expect(r.text).toContain('自 2026-07-01 起为 3,400 元/月');
    expect(r.after.monthlyFen - r.before.monthlyFen).toBe(r.monthlyDeltaFen);
    expect((await a.post('/api/eligibility/what-if', { policy: 'no-such-policy', param: 'x', from: '2026-07-01', value: 1 })).statusCode).toBe(400);
    expect(
      (
        await (
          await env.login('edu')
        ).post('/api/eligibility/what-if', { policy: 'basic-living-allowance-orphan-scattered', param: 'allowance', from: '2026-07-01', value: 1 })
      ).statusCode,
    ).toBe(403);
  });
});

describe('help plan proposal (量身定制帮扶方案)', () => {
  it('drafts goals and measures from the benefits due, open problems and risk, without saving anything', async () => {
    const a = await env.login('street-dinghai');
    const committee = (await env.owner.query(`select id from committees where code = 'dinghai-07'`)).rows[0].id;
    const id = (
      await a.post('/api/children', {
        name: '方案测试',
        birthDate: '2015-05-05',
        sex: 'F',
        noIdNote: '测试',
        hukou: 'local',
        riskLevel: 'high',
        riskReason: '独自居住',
        committeeId: committee,
        categories: [{ category: 'orphan_scattered', since: '2024-01-01' }],
        members: [
          { name: '父', relation: '父亲', role: 'member', status: 'deceased', statusSince: '2023-01-01' },
          { name: '母', relation: '母亲', role: 'member', status: 'deceased', statusSince: '2023-02-01' },
        ],
      })
    ).json().id;
    await a.post('/api/problems', { childId: id, description: '冬季衣物不足', category: 'living', severity: 'medium' });
    const plansBefore = (await env.owner.query('select count(*)::int as n from care_plans where child_id = $1', [id])).rows[0].n;
    const res = await a.post(`/api/children/${id}/care-plan-proposal`);
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json();
    expect(p.measures).toContain('散居孤儿基本生活费');
    expect(p.measures).toContain('冬季衣物不足');
    expect(p.measures).toContain('每月入户走访');
    expect(p.goals).toContain('应享尽享');
    expect(p.responsible).toContain('区民政局');
    expect(p.basis.join(' ')).toContain('风险等级：高（独自居住）');
    expect((await env.owner.query('select count(*)::int as n from care_plans where child_id = $1', [id])).rows[0].n).toBe(plansBefore);
    const other = await env.login('street-pingliang');
    expect((await other.post(`/api/children/${id}/care-plan-proposal`)).statusCode).toBe(404);
  });
});
