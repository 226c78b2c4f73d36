/**
 * The batch district run (batch.ts) against the per-child run it replaces (runMatchingOneByOne):
 * two copies of the same database (the demo children of the test template plus hand-made children
 * with parents in various statuses, missing data, benefits, the new file facts), the same changes
 * made to both between runs, one run path each — and after every run the stored results, the
 * entitlements and their events, the three work lists and the run's counts must be identical.
 * The runs cover a first run, changed data (a parent's status, an income that leaves the result
 * undetermined but changes the data still needed, an ended entitlement, deleted results, a new
 * category), a date on which ages and months since a parent's status date cross a threshold
 * without changing the verdict, and repeated runs (which recompute nobody).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inScope } from '../../core/context.js';
import { testEnv, type Agent, type TestEnv } from '../../../test/harness.js';
import { runMatching } from './commands/matching.js';
import { systemCtx } from './scheduler.js';
import { runMatchingOneByOne } from './service.js';

interface Side {
  env: TestEnv;
  district: Agent;
  run: (asOf: string) => Promise<unknown>;
}
let one: Side;
let batch: Side;

const PARENTS_DECEASED = [
  { name: '父', relation: '父亲', role: 'member', status: 'deceased', statusSince: '2023-01-01' },
  { name: '母', relation: '母亲', role: 'member', status: 'deceased', statusSince: '2023-02-01' },
];
/** Hand-made children: name → the file (created through the API, identically on both sides). */
const CHILDREN: Record<string, Record<string, unknown>> = {
  比对散居孤儿: {
    birthDate: '2014-06-01',
    categories: [{ category: 'orphan_scattered', since: '2024-01-10' }],
    members: [{ name: '祖父', relation: '祖父', role: 'guardian' }, ...PARENTS_DECEASED],
  },
  比对服刑失联: {
    birthDate: '2012-02-02',
    categories: [{ category: 'guardianship_missing', since: '2024-03-01' }],
    members: [
      { name: '父', relation: '父亲', role: 'member', status: 'imprisoned', statusUntil: '2027-06-30' },
      { name: '母', relation: '母亲', role: 'member', status: 'out_of_contact', statusSince: '2024-06-01' },
      { name: '外婆', relation: '外祖母', role: 'caregiver' },
    ],
  },
  // 5 full months out of contact on 2025-03-01, 6 on 2025-03-20
  比对失联将满: {
    birthDate: '2013-03-03',
    members: [
      { name: '父', relation: '父亲', role: 'member', status: 'deceased', statusSince: '2022-01-01' },
      { name: '母', relation: '母亲', role: 'member', status: 'out_of_contact', statusSince: '2024-09-20' },
    ],
  },
  比对低保: { birthDate: '2015-05-05', categories: [{ category: 'low_income_dibao', since: '2024-01-01' }] },
  比对无父母信息: { birthDate: '2016-06-06' },
  比对收养残疾: { birthDate: '2015-02-01', adopted: true, disabilityType: '肢体', disabilityGrade: 2 },
  // 17 on 2025-03-01, 18 on 2025-03-20: the HIV allowance stays undetermined, the data needed grows
  比对将满十八: { birthDate: '2007-03-10' },
  比对感染: { birthDate: '2012-08-08', hivInfected: true },
  比对孤独症: { birthDate: '2020-01-01', autism: true },
  比对特困: {
    birthDate: '2013-01-01',
    monthlyIncomeFen: 0,
    householdSize: 1,
    caregiverCanRaise: false,
    members: [
      { name: '父', relation: '父亲', role: 'member', status: 'deceased', statusSince: '2021-01-01' },
      { name: '母', relation: '母亲', role: 'member', status: 'imprisoned', statusUntil: '2030-01-01' },
    ],
  },
  比对已享受: {
    birthDate: '2011-11-11',
    categories: [{ category: 'orphan_scattered', since: '2024-01-01' }],
    members: PARENTS_DECEASED,
    benefits: [
      { benefit: '散居孤儿基本生活费', since: '2024-01-01' },
      { benefit: 'minimum-livelihood', since: '2024-01-01', until: '2025-03-10' },
      { benefit: '区里的其他补贴', since: '2024-01-01' },
    ],
  },
  比对重残父亲: {
    birthDate: '2010-10-10',
    householdSize: 3,
    monthlyIncomeFen: 240000,
    members: [
      { name: '父', relation: '父亲', role: 'guardian', status: 'severely_disabled', disabilityGrade: 2, disabilityType: '肢体' },
      { name: '母', relation: '母亲', role: 'member', status: 'deceased', statusSince: '2020-01-01' },
    ],
  },
  比对外省: { birthDate: '2014-04-04', hukou: 'other', categories: [{ category: 'guardianship_improper', since: '2024-05-01' }] },
  比对辍学: { birthDate: '2010-01-01', schoolStage: '辍学' },
  比对两个父亲: {
    birthDate: '2012-12-12',
    members: [
      { name: '继父', relation: '父亲', role: 'member', status: 'alive_fit' },
      { name: '生父', relation: '父亲', role: 'guardian', status: 'deceased', statusSince: '2020-01-01' },
      { name: '母', relation: '母亲', role: 'member', status: 'deceased', statusSince: '2021-01-01' },
    ],
  },
};

async function side(run: (env: TestEnv, asOf: string) => Promise<unknown>): Promise<Side> {
  const env = await testEnv();
  const district = await env.login('district');
  const committee = (await env.owner.query<{ id: string }>(`select id from committees where code = 'dinghai-03'`)).rows[0]!.id;
  for (const [name, file] of Object.entries(CHILDREN)) {
    const res = await district.post('/api/children', {
      name,
      sex: 'M',
      noIdNote: '比对测试',
      hukou: 'local',
      riskLevel: 'low',
      over18Reason: 'full_time_school',
      committeeId: committee,
      ...file,
    });
    expect(res.statusCode, `${name}: ${res.body}`).toBe(201);
  }
  return { env, district, run: (asOf) => run(env, asOf) };
}

/** A stable key per child on both sides: the demo children keep their ids, the hand-made ones their names. */
const KEY = `case when c.created_by is null then c.id::text else c.name end`;

async function snapshot(s: Side) {
  const q = async (sql: string) => (await s.env.owner.query(sql)).rows;
  const keys = new Map((await q(`select c.id, ${KEY} as key from children c`)).map((r) => [r.id as string, r.key as string]));
  const results =
    await q(`select ${KEY} as key, r.policy_id, r.logic_version, to_char(eligibility_result_as_of(r.street_code, r.policy_id, r.as_of, r.computed_at, c.status = 'active'), 'YYYY-MM-DD') as as_of, r.verdict, r.amount_fen, r.failed, r.missing
    from eligibility_results r join children c on c.id = r.child_id order by 1, 2`);
  const entitlements = await q(`select ${KEY} as key, e.policy_id, e.status, e.amount_fen, e.created_by,
      (select json_agg(json_build_array(v.from_status, v.to_status, v.note, v.username) order by v.at, v.note) from entitlement_events v where v.entitlement_id = e.id) as events
    from entitlements e join children c on c.id = e.child_id order by 1, 2, 3`);
  const worklists: Record<string, unknown[]> = {};
  for (const kind of ['eligible-not-receiving', 'undetermined', 'no-longer-eligible']) {
    const items: unknown[] = [];
    for (let page = 1; ; page++) {
      const res = await s.district.get(`/api/eligibility/worklist?kind=${kind}&page=${page}&pageSize=200`);
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json() as { items: Record<string, unknown>[]; total: number };
      for (const { childId, entitlementId, ...rest } of body.items)
        items.push({ key: keys.get(childId as string), hasEntitlement: entitlementId !== null, ...rest });
      if (page * 200 >= body.total) break;
    }
    worklists[kind] = items.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  }
  return { results, entitlements, worklists };
}

/** The same change on both sides. */
const both = async (sql: string) => {
  for (const s of [one, batch]) await s.env.owner.query(sql);
};
const lastRunSummary = async (s: Side) =>
  (await s.env.owner.query<{ summary: Record<string, number> }>(`select summary from audit_log where action = 'eligibility.run' order by id desc limit 1`))
    .rows[0]!.summary;

beforeAll(async () => {
  one = await side((env, asOf) => systemCtx(env.deps).then((ctx) => inScope(env.deps.db, ctx, (tx) => runMatchingOneByOne(tx, env.deps, asOf))));
  batch = await side((env, asOf) => systemCtx(env.deps).then((ctx) => inScope(env.deps.db, ctx, (tx) => runMatching(tx, env.deps, asOf))));
}, 240_000);
afterAll(async () => {
  await one?.env.close();
  await batch?.env.close();
});

async function compare(asOf: string) {
  const [a, b] = [await one.run(asOf), await batch.run(asOf)];
  expect(b).toEqual(a);
  const [sa, sb] = [await snapshot(one), await snapshot(batch)];
  expect(sb.results.length).toBeGreaterThan(200 * 13);
  expect(sb.results).toEqual(sa.results);
  expect(sb.entitlements).toEqual(sa.entitlements);
  for (const kind of Object.keys(sa.worklists)) expect(sb.worklists[kind], kind).toEqual(sa.worklists[kind]);
  return { summary: a as Record<string, number>, snapshot: sb };
}

describe('batch district run = per-child run', () => {
  it(
    'gives identical results, entitlements and work lists on a first run, after changes, across dates, and when nothing changed',
    { timeout: 600_000 },
    async () => {
      // 1. the first run: every demo child is new, the hand-made ones were matched (today) when created
      const first = await compare('2025-03-01');
      expect(first.summary.suggested).toBeGreaterThan(0);
      const all = (await lastRunSummary(batch)).recomputed!;
      expect(all).toBe(first.summary.children);

      // 2. the same date again: nothing changes, nobody is recomputed
      const again = await compare('2025-03-01');
      expect(again.summary.changed).toBe(0);
      expect(again.summary.suggested).toBe(0);
      expect((await lastRunSummary(batch)).recomputed).toBe(0);

      // 3. changes made behind the platform's back (as an import or a correction in the database would)
      const id = (name: string) => `(select id from children where name = '${name}')`;
      await both(`update household_members set status = 'alive_fit', status_since = null where relation = '母亲' and child_id = ${id('比对散居孤儿')}`);
      await both(`update children set monthly_income_fen = 150000 where id = ${id('比对低保')}`); // still undetermined (size unknown), other data needed
      await both(`update entitlements set status = 'ended', reason = null where status = 'suggested' and child_id = ${id('比对服刑失联')}`); // suggested again
      await both(`delete from eligibility_results where child_id = ${id('比对无父母信息')}`);
      await both(
        `insert into child_categories (child_id, category, since) select id, 'disabled', '2024-01-01' from children where created_by is null order by id limit 1`,
      );
      await both(
        `update children set household_size = 2, monthly_income_fen = 80000 where id = (select id from children where created_by is null order by id offset 1 limit 1)`,
      );
      const changed = await compare('2025-03-01');
      expect(changed.summary.changed).toBeGreaterThan(0);
      expect(changed.summary.suggested).toBeGreaterThan(0);
      const some = (await lastRunSummary(batch)).recomputed!;
      // The four hand-made children changed for certain; the two demo children (picked by random id)
      // only when the change moves one of their results.
      expect(some).toBeGreaterThanOrEqual(4);
      expect(some).toBeLessThan(20);
      const low = changed.snapshot.results.find((r) => r.key === '比对低保' && r.policy_id === 'minimum-livelihood')!;
      expect(low.verdict).toBe('undetermined');
      expect(low.missing.join('、')).not.toContain('家庭月收入');

      // 4. a later date: an 18th birthday and a sixth month out of contact, a benefit that ended
      const later = await compare('2025-03-20');
      const turned = later.snapshot.results.find((r) => r.key === '比对将满十八' && r.policy_id === 'basic-living-allowance-hiv')!;
      expect(turned.verdict).toBe('undetermined');
      expect(turned.missing.join('、')).toContain('全日制');
      expect(later.summary.children).toBe(first.summary.children);

      // 5. and again: nothing to recompute
      const same = await compare('2025-03-20');
      expect(same.summary.changed).toBe(0);
      expect((await lastRunSummary(batch)).recomputed).toBe(0);
    },
  );
});
