/**
 * The SQL path on the platform's own tables: the `eligibility_profiles` view (migration 0023) has
 * exactly the engine's profile columns, and `packSql(pack, asOf).select()` over it gives, for every
 * active child and policy, what the single-child evaluator gives on the file (1 eligible, 0 not,
 * NULL undetermined) — on the demo children and on hand-made ones with missing data, parents in
 * every status, ended categories and benefits, benefits named by id or Chinese name. The one
 * exception is by design: HIV status is encrypted by the application, so the view has it as NULL
 * and the HIV allowance is compared with the single evaluator given HIV status unknown.
 * The view runs with the caller's rights (security_invoker): area scoping applies.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packSql } from '../../../../engine/src/compile/sql.js';
import { evaluatePolicy } from '../../../../engine/src/compile/single.js';
import { dayFromIso } from '../../../../engine/src/dates.js';
import { INPUT_BY_PATH, type Facts } from '../../../../engine/src/profile.js';
import { KEY_COLUMN, PROFILE_VIEW_COLUMNS } from '../../../../engine/src/sql.js';
import { inScope, type RequestCtx } from '../../core/context.js';
import { testEnv, type Agent, type TestEnv } from '../../../test/harness.js';
import { loadProfiles } from './profiles.js';
import { AS_OF_SETTING, countByPolicySql, profilesAt } from './profileView.js';
import { systemCtx } from './scheduler.js';
import { evaluateChildFile, packFor, restrictedPolicies } from './service.js';

let env: TestEnv;
let district: Agent;
let ctx: RequestCtx;
beforeAll(async () => {
  env = await testEnv();
  district = await env.login('district');
  ctx = await systemCtx(env.deps);
  const committee = async (code: string) => (await env.owner.query<{ id: string }>('select id from committees where code = $1', [code])).rows[0]!.id;
  const dead = (relation: string, since: string | null) => ({ name: relation, relation, role: 'member', status: 'deceased', statusSince: since });
  const children: Record<string, Record<string, unknown>> = {
    视图散居孤儿: {
      birthDate: '2014-06-01',
      categories: [{ category: 'orphan_scattered', since: '2024-01-10' }],
      members: [{ name: '祖父', relation: '祖父', role: 'guardian' }, dead('父亲', '2023-01-01'), dead('母亲', null)],
    },
    视图服刑失联: {
      birthDate: '2012-02-02',
      categories: [{ category: 'guardianship_missing', since: '2024-03-01' }],
      members: [
        { name: '父', relation: '父亲', role: 'member', status: 'imprisoned', statusUntil: '2025-06-30' },
        { name: '母', relation: '母亲', role: 'member', status: 'out_of_contact', statusSince: '2024-09-20' },
      ],
    },
    视图戒毒: {
      birthDate: '2011-07-07',
      members: [
        { name: '父', relation: '父亲', role: 'member', status: 'drug_rehab' },
        { name: '母', relation: '母亲', role: 'member', status: 'missing', statusSince: '2019-01-01' },
      ],
    },
    视图重残: {
      birthDate: '2010-10-10',
      householdSize: 3,
      monthlyIncomeFen: 240000,
      assetsFen: 0,
      members: [
        { name: '父', relation: '父亲', role: 'guardian', status: 'severely_disabled', disabilityGrade: 3, disabilityType: '精神' },
        { name: '母', relation: '母亲', role: 'member', status: 'seriously_ill' },
      ],
    },
    视图撤销监护: {
      birthDate: '2013-03-03',
      hukou: 'other',
      members: [
        { name: '父', relation: '父亲', role: 'member', status: 'guardianship_revoked' },
        { name: '母', relation: '母亲', role: 'member', status: 'deported' },
      ],
    },
    视图无信息: { birthDate: '2016-06-06' },
    视图低保: {
      birthDate: '2015-05-05',
      householdSize: 2,
      monthlyIncomeFen: 100000,
      categories: [
        { category: 'low_income_dibao', since: '2024-01-01' },
        { category: 'low_income_marginal', since: '2023-01-01' },
      ],
    },
    视图收养: {
      birthDate: '2015-02-01',
      adopted: true,
      autism: false,
      caregiverCanRaise: true,
      disabilityType: '肢体',
      disabilityGrade: 2,
      schoolStage: '小学',
    },
    视图孤独症: { birthDate: '2020-01-01', autism: true, schoolStage: '学前' },
    视图感染: { birthDate: '2012-08-08', hivInfected: true, seriousIllness: '' },
    视图未感染: { birthDate: '2006-08-08', hivInfected: false, schoolStage: '高校' },
    视图特困: {
      birthDate: '2013-01-01',
      monthlyIncomeFen: 0,
      householdSize: 1,
      caregiverCanRaise: false,
      categories: [{ category: 'seriously_ill', since: '2024-02-02' }],
      members: [dead('父亲', '2021-01-01'), { name: '母', relation: '母亲', role: 'member', status: 'imprisoned', statusUntil: '2030-01-01' }],
    },
    视图已享受: {
      birthDate: '2011-11-11',
      categories: [{ category: 'orphan_scattered', since: '2024-01-01' }],
      members: [dead('父亲', null), dead('母亲', null)],
      benefits: [
        { benefit: '散居孤儿基本生活费', since: '2024-01-01' },
        { benefit: 'minimum-livelihood', since: '2024-01-01', until: '2025-03-10' },
        { benefit: '城乡低保（区级）', since: '2025-01-01' },
        { benefit: 'medical-assistance', since: '2026-01-01' },
        { benefit: '其他补贴', since: '2024-01-01' },
      ],
    },
    视图辍学: { birthDate: '2010-01-01', schoolStage: '辍学', disabilityGrade: 4 },
    视图机构: {
      birthDate: '2009-09-09',
      schoolStage: '中职',
      categories: [
        { category: 'orphan_institutional', since: '2020-01-01' },
        { category: 'disabled', since: '2020-01-01' },
      ],
    },
    视图两个父亲: {
      birthDate: '2012-12-12',
      members: [
        { name: '继父', relation: '父亲', role: 'member', status: 'alive_fit' },
        { name: '生父', relation: '父亲', role: 'guardian', status: 'deceased', statusSince: '2020-01-01' },
        { name: '母', relation: '母亲', role: 'caregiver', status: 'out_of_contact' },
      ],
    },
    视图闰日: { birthDate: '2008-02-29', schoolStage: '高中' },
  };
  for (const [name, file] of Object.entries(children)) {
    const res = await district.post('/api/children', {
      name,
      sex: 'F',
      noIdNote: '视图测试',
      hukou: 'local',
      riskLevel: 'low',
      over18Reason: 'full_time_school',
      committeeId: await committee(name.length % 2 ? 'dinghai-02' : 'pingliang-01'),
      ...file,
    });
    expect(res.statusCode, `${name}: ${res.body}`).toBe(201);
  }
  // an ended category and a closed file
  await env.owner.query(
    `update child_categories set until = '2025-03-05' where child_id = (select id from children where name = '视图低保') and category = 'low_income_marginal'`,
  );
  await env.owner.query(`update children set status = 'closed', closed_reason = 'moved_away', closed_on = '2025-01-01' where name = '视图无信息'`);
}, 120_000);
afterAll(async () => {
  await env?.close();
});

const expected = (code: number) => (code === 0 ? 1 : code === 255 ? null : 0);

describe('eligibility_profiles (PostgreSQL view)', () => {
  it("has exactly the columns of PROFILE_VIEW_COLUMNS, with their types, and runs with the caller's rights", async () => {
    const cols = (
      await env.owner.query<{ column_name: string; data_type: string; udt_name: string }>(
        `select column_name, data_type, udt_name from information_schema.columns where table_schema = 'public' and table_name = 'eligibility_profiles' order by ordinal_position`,
      )
    ).rows;
    const sqlType = (c: { data_type: string; udt_name: string }) => (c.data_type === 'ARRAY' ? `${c.udt_name.slice(1)}[]` : c.data_type);
    const norm: Record<string, string> = {
      'text[]': 'text[]',
      text: 'text',
      date: 'date',
      boolean: 'boolean',
      smallint: 'smallint',
      bigint: 'bigint',
      uuid: 'uuid',
    };
    expect(cols.map((c) => `${c.column_name} ${norm[sqlType(c)] ?? sqlType(c)}`)).toEqual([
      `${KEY_COLUMN} uuid`,
      ...PROFILE_VIEW_COLUMNS.map((c) => `${c.name} ${c.type}`),
    ]);
    const opts = (await env.owner.query<{ reloptions: string[] }>(`select reloptions from pg_class where relname = 'eligibility_profiles'`)).rows[0]!
      .reloptions;
    expect(opts).toContain('security_invoker=true');
  });

  it('reads its as-of date from the setting, and is the function of that date', async () => {
    const viaView = await inScope(env.deps.db, ctx, async (tx) => {
      await tx.client.query(`select set_config($1, '2025-03-01', true)`, [AS_OF_SETTING]);
      return (await tx.client.query('select * from eligibility_profiles order by child_id')).rows;
    });
    const viaFn = await inScope(env.deps.db, ctx, async (tx) => (await tx.client.query(`select * from ${profilesAt('2025-03-01')} order by child_id`)).rows);
    expect(viaView.length).toBeGreaterThan(200);
    expect(viaView).toEqual(viaFn);
  });

  for (const date of ['2025-03-01', '2025-03-20', '2024-02-29', '2026-11-29', '2031-01-01']) {
    it(`packSql over the view = the single evaluator for every child and policy, ${date}`, async () => {
      const asOf = dayFromIso(date)!;
      const { pack } = await inScope(env.deps.db, ctx, (tx) => packFor(env.deps, tx));
      const restricted = restrictedPolicies(pack);
      const hiv = INPUT_BY_PATH.get('child.hivInfected')!.index;
      const sqlRows = await inScope(
        env.deps.db,
        ctx,
        async (tx) => (await tx.client.query<Record<string, unknown>>(packSql(pack, asOf).select(profilesAt(date)))).rows,
      );
      const { ids, facts } = await inScope(env.deps.db, ctx, (tx) => loadProfiles(tx, env.deps, pack, date));
      expect(sqlRows.map((r) => r[KEY_COLUMN]).sort()).toEqual([...ids].sort());
      const factsOf = new Map(ids.map((id, i) => [id, facts[i]!]));
      // the same facts as the JS derivation, column by column (HIV status: NULL, see above)
      const profileRows = await inScope(
        env.deps.db,
        ctx,
        async (tx) => (await tx.client.query<Record<string, unknown>>(`select * from ${profilesAt(date)}`)).rows,
      );
      for (const row of profileRows) {
        const f = factsOf.get(row[KEY_COLUMN] as string)!;
        for (const c of PROFILE_VIEW_COLUMNS) {
          const input = INPUT_BY_PATH.get(c.field)!;
          const v = row[c.name];
          const got = v === null ? null : input.kind === 'date' ? dayFromIso(v as string) : Array.isArray(v) ? [...v].sort() : v;
          const want = c.field === 'child.hivInfected' ? null : f.values[input.index];
          expect(got, `${date} ${c.name} child ${String(row[KEY_COLUMN])}`).toEqual(want);
        }
      }
      let compared = 0,
        hivKnown = 0;
      // the single evaluator on each file, as the platform runs it for one child
      const singles = await inScope(env.deps.db, ctx, async (tx) => {
        const out = new Map<string, Awaited<ReturnType<typeof evaluateChildFile>>>();
        for (const id of ids) out.set(id, await evaluateChildFile(tx, env.deps, pack, id, date));
        return out;
      });
      for (const row of sqlRows) {
        const id = row[KEY_COLUMN] as string;
        const single = singles.get(id)!;
        const f = factsOf.get(id)!;
        if (f.values[hiv] !== null) hivKnown++;
        const withoutHiv: Facts = { values: f.values.map((v, i) => (i === hiv ? null : v)) };
        for (const r of single) {
          const got = row[r.policy] === null ? null : Number(row[r.policy]);
          const want = restricted.has(r.policy) ? expected(evaluatePolicy(pack, pack.byId.get(r.policy)!, withoutHiv, asOf).code) : expected(r.code);
          expect(got, `${date} ${r.policy} child ${id}: ${r.explanation}`).toBe(want);
          compared++;
        }
      }
      expect(compared).toBe(sqlRows.length * pack.policies.length);
      expect(hivKnown).toBe(2);
      // the counting statement of the benchmark agrees with the rows
      const counts = await inScope(env.deps.db, ctx, async (tx) => (await tx.client.query<Record<string, number>>(countByPolicySql(pack, date))).rows[0]!);
      expect(counts.children).toBe(sqlRows.length);
      for (const p of pack.policies) {
        expect(counts[`${p.id}:e`], p.id).toBe(sqlRows.filter((r) => r[p.id] !== null && Number(r[p.id]) === 1).length);
        expect(counts[`${p.id}:u`], p.id).toBe(sqlRows.filter((r) => r[p.id] === null).length);
      }
      // the hand-made children cover every verdict of the policies they were made for
      const verdicts = new Set(sqlRows.flatMap((r) => pack.policies.map((p) => String(r[p.id]))));
      expect(verdicts).toEqual(new Set(['1', '0', 'null']));
    });
  }

  it('keeps area scoping: a street supervisor sees the profiles of their street only, no scope sees none', async () => {
    const streetOf = new Map(
      (await env.owner.query<{ id: string; street_code: string }>(`select id, street_code from children where status = 'active'`)).rows.map((r) => [
        r.id,
        r.street_code,
      ]),
    );
    const dinghai: RequestCtx = { ...ctx, actor: { ...ctx.actor!, scope: { kind: 'street', streets: ['dinghai'], committees: [], assigned: false } } };
    const rows = await inScope(
      env.deps.db,
      dinghai,
      async (tx) => (await tx.client.query<{ child_id: string }>(`select child_id from ${profilesAt('2025-03-01')}`)).rows,
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => streetOf.get(r.child_id)))).toEqual(new Set(dinghai.actor!.scope.streets));
    const none = await inScope(
      env.deps.db,
      { ...ctx, actor: { ...ctx.actor!, scope: { kind: 'none', streets: [], committees: [], assigned: false } } },
      async (tx) => (await tx.client.query('select count(*)::int as n from eligibility_profiles')).rows[0].n,
    );
    expect(none).toBe(0);
  });
});
