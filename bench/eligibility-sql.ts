/**
 * `npm run bench:eligibility-sql`: the SQL path of 免申即享 on 100,000 children in PostgreSQL.
 *
 * - A scratch embedded PostgreSQL (its own temporary folder), migrated; the demo generator's
 *   100,000 children with their families and categories (as `bench:children`), then household
 *   economy, disability, the 免申即享 facts (是/否/未知) and benefits filled in for a share of them
 *   (deterministic: from a hash of each child's generated name, birth date and identity digits), so
 *   that every policy sees known and unknown data.
 * - The measurement: per policy, how many children are eligible and how many undetermined on one
 *   as-of date — one statement, `packSql(pack, asOf).select()` over the `eligibility_profiles`
 *   view (migration 0023) wrapped in count(*) FILTER per policy (`countByPolicySql`); median of 5
 *   after a warm-up, as the owner (no row-level security) and as the application role in a
 *   district-wide scope (row-level security applies, as for the platform's requests).
 * - A cross-check: the same counts from the JS batch evaluator over the same profiles loaded by
 *   the platform (they agree for every policy but the HIV allowance, whose input the database
 *   cannot read).
 * - The district run's batch path (server/src/modules/eligibility/batch.ts) on the same children:
 *   the first run (every child's full result computed and stored) and the two following nights with
 *   no file changed (BENCH_RUN=0 skips them).
 *
 * Options: BENCH_CHILDREN (100000), BENCH_DATE (2025-03-01), BENCH_RUN (1), BENCH_KEEP=1 (keep the data folder).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { codecFor, compileBatch, dayFromIso, isoFromDay, ProfileTable } from '../engine/src/index.js';
import { ELIGIBLE, UNDETERMINED } from '../engine/src/compile/codes.js';
import type { AppDeps } from '../server/src/app.js';
import { loadConfig } from '../server/src/config.js';
import { openDatabase } from '../server/src/db/database.js';
import { inScope } from '../server/src/core/context.js';
import { runMatchingMeasured } from '../server/src/modules/eligibility/commands/matching.js';
import { countByPolicySql } from '../server/src/modules/eligibility/profileView.js';
import { loadProfiles } from '../server/src/modules/eligibility/profiles.js';
import { systemCtx } from '../server/src/modules/eligibility/scheduler.js';
import { packFor, restrictedPolicies } from '../server/src/modules/eligibility/service.js';
import { cryptoFor, keysFor } from '../server/src/runtime.js';
import { loadDemoChildren } from '../server/src/seed/children.js';
import { applyReferenceData } from '../server/src/seed/reference.js';
import { DEMO_SEED, seedDemoOrganisation } from '../server/src/seed/startup.js';

const CHILDREN = Number(process.env.BENCH_CHILDREN ?? 100_000);
const DATE = process.env.BENCH_DATE ?? '2025-03-01';
const RUN = process.env.BENCH_RUN !== '0';
const asOf = dayFromIso(DATE)!;
const fmt = (x: number, d = 0) => x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nuanyang-bench-eligibility-sql-'));
const env: NodeJS.ProcessEnv = { ...process.env, NUANYANG_DATA_DIR: dataDir, NUANYANG_SEED_CHILDREN: '0', LOG_LEVEL: 'warn' };
delete env.DATABASE_URL;

// ---- seed ----
let t = performance.now();
const config = loadConfig(env);
const keys = keysFor(config);
const crypto = cryptoFor(keys);
const db = await openDatabase({ config, keys });
const owner = new pg.Client({ connectionString: db.ownerUrl });
await owner.connect();
await applyReferenceData(owner);
await seedDemoOrganisation(owner);
await loadDemoChildren(owner, crypto, { children: CHILDREN, seed: DEMO_SEED });
// Data the demo generator leaves empty, for a share of the children: deterministic, from what the
// seeded generator produces (ids are random).
const KEY = `(name || birth_date::text || coalesce(id_number_tail, ''))`;
await owner.query(`
  update children c set
    household_size = case when x.h % 10 = 0 then null else 1 + x.h % 6 end,
    monthly_income_fen = case when x.h % 9 = 0 then null when x.h % 13 = 0 then 0 else (x.h % 900) * 1000 end,
    assets_fen = case when x.h % 3 = 0 then null else (x.h % 500) * 100000 end,
    disability_type = case when x.h % 8 = 0 then (array['视力', '听力', '言语', '肢体', '智力', '精神', '多重'])[1 + x.h % 7] end,
    disability_grade = case when x.h % 8 = 0 and x.h % 5 <> 0 then 1 + x.h % 4 end,
    serious_illness = case when x.h % 23 = 0 then '白血病' end,
    adopted = case x.h % 7 when 0 then true when 1 then false when 2 then false end,
    autism = case x.h % 11 when 0 then true when 1 then false when 2 then false when 3 then false end,
    caregiver_can_raise = case x.h % 4 when 0 then true when 1 then false end
  from (select id, abs(hashtext(${KEY})) as h from children) x where x.id = c.id`);
await owner.query(`
  insert into child_benefits (child_id, benefit, since, until)
  select id, (array['minimum-livelihood', '散居孤儿基本生活费', '城乡低保', 'medical-assistance', '其他补贴'])[1 + abs(hashtext(${KEY} || 'b')) % 5],
         date '2023-01-01' + abs(hashtext(${KEY} || 's')) % 700, case when abs(hashtext(${KEY} || 'u')) % 4 = 0 then date '2025-01-01' + abs(hashtext(${KEY} || 'v')) % 200 end
  from children where abs(hashtext(${KEY} || 'x')) % 6 = 0`);
// Statistics for the seeded tables, as autovacuum would gather after a bulk load. (Not a database-wide
// VACUUM: it would record the still-empty result and entitlement tables as empty, and plans cached
// for them — foreign-key checks among them — would then scan them, slowing the first run quadratically.)
await owner.query('vacuum analyze children, household_members, child_categories, child_benefits');
const counts = (
  await owner.query<{ children: number; members: number; categories: number; benefits: number }>(
    `select (select count(*) from children where status = 'active')::int as children, (select count(*) from household_members)::int as members,
          (select count(*) from child_categories)::int as categories, (select count(*) from child_benefits)::int as benefits`,
  )
).rows[0]!;
const seeded = (performance.now() - t) / 1000;

const deps: AppDeps = { config, db, crypto, clock: () => Date.now() };
const ctx = await systemCtx(deps);
const { pack } = await inScope(db, ctx, (tx) => packFor(deps, tx));
const countSql = countByPolicySql(pack, DATE);

console.log(`bench:eligibility-sql — ${os.cpus().length} cores, node ${process.version}, PostgreSQL embedded; ${pack.policies.length} policies, as of ${DATE}`);
console.log(
  `seeded in ${fmt(seeded, 1)} s: ${fmt(counts.children)} active children, ${fmt(counts.members)} household members, ${fmt(counts.categories)} categories, ${fmt(counts.benefits)} benefits`,
);

async function measure(label: string, query: (text: string) => Promise<Record<string, number>>) {
  await query(countSql); // warm-up
  const runs: number[] = [];
  let row: Record<string, number> = {};
  for (let i = 0; i < 5; i++) {
    const s = performance.now();
    row = await query(countSql);
    runs.push(performance.now() - s);
  }
  console.log(
    `SQL path, ${label}: median of 5 ${fmt(median(runs))} ms (${fmt(row.children! / (median(runs) / 1000))} children/s; runs ${runs.map((x) => fmt(x)).join(' / ')} ms)`,
  );
  return row;
}
const asOwner = await measure('owner (no row-level security)', async (text) => (await owner.query<Record<string, number>>(text)).rows[0]!);
const asApp = await measure('application role, district scope (row-level security)', (text) =>
  inScope(db, ctx, async (tx) => (await tx.client.query<Record<string, number>>(text)).rows[0]!),
);
if (JSON.stringify(asOwner) !== JSON.stringify(asApp)) {
  console.error('DISAGREEMENT between the owner and the district-scoped counts');
  process.exitCode = 1;
}

// cross-check with the JS batch evaluator over the profiles the platform loads
t = performance.now();
const { facts } = await inScope(db, ctx, (tx) => loadProfiles(tx, deps, pack, DATE));
const loadMs = performance.now() - t;
t = performance.now();
const batch = compileBatch(pack, asOf).run(ProfileTable.fromFacts(facts, codecFor(pack.domains)));
const batchMs = performance.now() - t;
const restricted = restrictedPolicies(pack);
console.log(`JS batch over the same children: profiles loaded in ${fmt(loadMs)} ms (4 queries), table + evaluation ${fmt(batchMs)} ms`);
console.log(`per policy (eligible / undetermined), SQL path${' '.repeat(6)}JS batch`);
let disagree = 0;
pack.policies.forEach((p, j) => {
  let e = 0,
    u = 0;
  for (const c of batch.codes[j]!) {
    if (c === ELIGIBLE) e++;
    else if (c === UNDETERMINED) u++;
  }
  const same = asApp[`${p.id}:e`] === e && asApp[`${p.id}:u`] === u;
  if (!same && !restricted.has(p.id)) disagree++;
  console.log(
    `  ${p.id.padEnd(48)} ${fmt(asApp[`${p.id}:e`]!).padStart(7)} / ${fmt(asApp[`${p.id}:u`]!).padStart(7)}   ${fmt(e).padStart(7)} / ${fmt(u).padStart(7)}${same ? '' : restricted.has(p.id) ? '  (HIV status is encrypted: unknown to SQL)' : '  DIFFERENT'}`,
  );
});
if (disagree) {
  console.error(`DISAGREEMENT between the SQL path and the batch evaluator on ${disagree} policies`);
  process.exitCode = 1;
}

if (RUN) {
  const split = (p: Record<string, number>) =>
    Object.entries(p)
      .map(([k, v]) => `${k} ${fmt(v)}`)
      .join(', ');
  const load = () => fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  t = performance.now();
  const { out: first, phases: firstPhases } = await inScope(db, ctx, (tx) => runMatchingMeasured(tx, deps, DATE));
  console.log(
    `district run, batch path (server/src/modules/eligibility/batch.ts): first run ${fmt((performance.now() - t) / 1000, 1)} s (${fmt(first.children)} children, every result computed and stored, ${fmt(first.suggested)} suggestions; load average ${load()})`,
  );
  console.log(`  split (ms): ${split(firstPhases)}; peer, the engine in memory (table + evaluation): ${fmt(batchMs)} ms`);
  // The following nights, nothing changed in the files; between runs the tables are vacuumed and
  // analysed, as autovacuum does after so many writes.
  for (let night = 1; night <= 2; night++) {
    await owner.query('vacuum analyze eligibility_results, entitlements, entitlement_events, audit_log');
    t = performance.now();
    const { out: r, phases } = await inScope(db, ctx, (tx) => runMatchingMeasured(tx, deps, isoFromDay(asOf + night)));
    const s = (performance.now() - t) / 1000;
    const recomputed = (
      await owner.query<{ n: number }>(`select (summary->>'recomputed')::int as n from audit_log where action = 'eligibility.run' order by id desc limit 1`)
    ).rows[0]!.n;
    console.log(
      `  night ${night + 1} (${isoFromDay(asOf + night)}), no file changed: ${fmt(s, 1)} s (${fmt(recomputed)} children recomputed — birthdays, months since/until a parent's status date, benefits ending —, ${r.changed} results changed; load average ${load()})`,
    );
    console.log(`    split (ms): ${split(phases)}`);
  }
}

await owner.end();
await db.close();
if (process.env.BENCH_KEEP === '1') console.log(`data kept in ${dataDir}`);
else fs.rmSync(dataDir, { recursive: true, force: true });
