/**
 * `npm run bench:scale`: what stays fast at city scale (docs/scale.md). Runs on a data folder seeded
 * by `bench:scale-seed` (BENCH_DATA_DIR, required; 1,000,000 children by default there).
 *
 * 1. In process, on the embedded database: the pending migrations (the district_code migration on
 *    the seeded tables: metadata-only, timed), then as the application role under a district-wide
 *    scope (row-level security on): an exact count of the active children, one street's count, the
 *    免申即享 SQL path over every child (`countByPolicySql`, what the nightly matching evaluates),
 *    and a cold refresh of every 督办 indicator (in parallel on the read pool, as the server does).
 * 2. The real server in its own process (background jobs off), sequential requests, median of
 *    BENCH_ROUNDS after two warm-up calls, against `/api/health` in the same run: a street's list,
 *    the district's list, a name search, a child's file, the dashboard's cached read, the export of
 *    one residents' committee.
 * Prints the load average with the figures (the machine is shared).
 */
import fs from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import type { AppDeps } from '../server/src/app.js';
import { loadConfig } from '../server/src/config.js';
import { inScope } from '../server/src/core/context.js';
import { openDatabase } from '../server/src/db/database.js';
import { countByPolicySql } from '../server/src/modules/eligibility/profileView.js';
import { systemCtx } from '../server/src/modules/eligibility/scheduler.js';
import { packFor } from '../server/src/modules/eligibility/service.js';
import { indicators } from '../server/src/modules/supervision/indicators/registry.js';
import { refreshFigures } from '../server/src/modules/supervision/indicators/compute.js';
import '../server/src/modules/supervision/indicators/core.js';
import { cryptoFor, keysFor } from '../server/src/runtime.js';
import { login, startServer } from './district.js';

const DIR = process.env.BENCH_DATA_DIR;
if (!DIR || !fs.existsSync(DIR)) throw new Error('BENCH_DATA_DIR: the folder printed by npm run bench:scale-seed');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
const load = () => fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
const fmt = (x: number, d = 0) => x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
const lines: string[] = [];
const out = (s: string) => {
  lines.push(s);
  console.log(s);
};

const env: NodeJS.ProcessEnv = { ...process.env, NUANYANG_DATA_DIR: DIR, NUANYANG_SEED_CHILDREN: '0', LOG_LEVEL: 'warn' };
delete env.DATABASE_URL;

// ---- 1. in process ----
{
  const config = loadConfig(env);
  const keys = keysFor(config);
  const migrations: string[] = [];
  let last = performance.now();
  const t0 = performance.now();
  const db = await openDatabase({
    config,
    keys,
    log: (m) => {
      if (m.startsWith('applied migration')) {
        migrations.push(`${m.slice('applied migration '.length)} ${fmt(performance.now() - last)} ms`);
      }
      last = performance.now();
    },
  });
  const deps: AppDeps = { config, db, crypto: cryptoFor(keys), clock: () => Date.now() };
  const owner = new pg.Client({ connectionString: db.ownerUrl });
  await owner.connect();
  const size = (
    await owner.query<{ children: number; visits: number; results: number }>(
      `select (select count(*) from children)::int as children, (select count(*) from visits)::int as visits, (select count(*) from eligibility_results)::int as results`,
    )
  ).rows[0];
  out(
    `bench:scale — ${os.cpus().length} cores, node ${process.version}; ${fmt(size?.children ?? 0)} children, ${fmt(size?.visits ?? 0)} visits, ${fmt(size?.results ?? 0)} matching results`,
  );
  out(`open + migrate: ${fmt(performance.now() - t0)} ms${migrations.length ? ` (applied: ${migrations.join('; ')})` : ' (nothing pending)'}; load ${load()}`);
  const sizes = (
    await owner.query<{ rel: string; size: string }>(
      `select rel, pg_size_pretty(pg_total_relation_size(rel::regclass)) as size
         from unnest(array['children', 'household_members', 'child_categories', 'visits', 'problems', 'eligibility_results']) rel
        union all select 'database', pg_size_pretty(pg_database_size(current_database()))`,
    )
  ).rows;
  out(`sizes with indexes: ${sizes.map((r) => `${r.rel} ${r.size}`).join(', ')}`);
  const ctx = await systemCtx(deps);
  const timeIt = async (label: string, fn: () => Promise<unknown>, runs = 3) => {
    await fn();
    const ms: number[] = [];
    for (let i = 0; i < runs; i++) {
      const s = performance.now();
      await fn();
      ms.push(performance.now() - s);
    }
    out(`  ${label.padEnd(70)} median of ${runs}: ${fmt(median(ms)).padStart(7)} ms   (load ${load()})`);
  };
  await timeIt('exact count of active children, district scope (RLS on)', () =>
    inScope(db, ctx, (tx) => tx.client.query(`select count(*) from children where status = 'active'`)),
  );
  await timeIt("exact count of one street's active children (定海路), district scope", () =>
    inScope(db, ctx, (tx) => tx.client.query(`select count(*) from children where status = 'active' and street_code = 'dinghai'`)),
  );
  const { pack } = await inScope(db, ctx, (tx) => packFor(deps, tx));
  await timeIt(
    `免申即享 SQL path: every child × ${pack.policies.length} policies, counts per policy`,
    () => inScope(db, ctx, (tx) => tx.client.query(countByPolicySql(pack, today))),
    1,
  );
  const codes = indicators().map((s) => s.code);
  const s = performance.now();
  const figures = await refreshFigures(deps, today, true, codes);
  const failed = [...figures.entries()].filter(([, f]) => f.error).map(([c]) => c);
  out(
    `  ${`督办 cold refresh: ${codes.length} indicators × all streets, parallel`.padEnd(70)} one run:    ${fmt(performance.now() - s).padStart(7)} ms   (load ${load()})${failed.length ? ` FAILED: ${failed.join(', ')}` : ''}`,
  );
  await owner.end();
  await db.close();
}

// ---- 2. the real server ----
const server = await startServer(env, { NUANYANG_JOBS: 'false' });
const base = server.base;
const street = await login(base, 'street-dinghai');
const district = await login(base, 'district');
const leader = await login(base, 'leader');
async function time(label: string, url: string, headers: Record<string, string>, body?: unknown): Promise<number> {
  const ms: number[] = [];
  for (let i = 0; i < ROUNDS + 2; i++) {
    const t0 = performance.now();
    const res = await fetch(`${base}${url}`, body === undefined ? { headers } : { method: 'POST', headers, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
    await res.arrayBuffer();
    if (i >= 2) ms.push(performance.now() - t0);
  }
  const m = median(ms);
  out(`  ${label.padEnd(70)} median of ${ROUNDS}: ${fmt(m, 1).padStart(7)} ms   (load ${load()})`);
  return m;
}
out(`server, sequential requests:`);
const health = await time('peer: GET /api/health', '/api/health', {});
const firstChild = ((await (await fetch(`${base}/api/children?pageSize=1`, { headers: street })).json()) as { items: { id: string }[] }).items[0]?.id;
await time("street supervisor's list (定海路), GET /api/children?pageSize=20", '/api/children?pageSize=20', street);
await time('district list, GET /api/children?pageSize=20', '/api/children?pageSize=20', district);
await time('district name search 王, POST /api/children/search', '/api/children/search', district, { q: '王', pageSize: 20 });
await time('street: overdue, most overdue first', '/api/children/search', street, { overdue: true, sort: 'nextVisitDue', pageSize: 20 });
if (firstChild) await time("a child's file, GET /api/children/:id", `/api/children/${firstChild}`, street);
await time("督办 dashboard (leader, from today's cache), GET /api/dashboard", '/api/dashboard', leader);
const committee = (
  (await (await fetch(`${base}/api/org/committees?street=dinghai`, { headers: street })).json().catch(() => null)) as { items?: { id: string }[] } | null
)?.items?.[0]?.id;
if (committee) {
  const t0 = performance.now();
  const res = await fetch(`${base}/api/children/export`, {
    method: 'POST',
    headers: street,
    body: JSON.stringify({ filters: { status: 'active', committee } }),
  });
  const body = (await res.json()) as { rows?: number };
  out(
    `  ${"export of one residents' committee (masked), POST /api/children/export".padEnd(70)} one run:    ${fmt(performance.now() - t0).padStart(7)} ms   (${res.status}, ${fmt(body.rows ?? 0)} rows; load ${load()})`,
  );
}
{
  // A whole street at this size is over the export cap (50,000): the time to count up to it and refuse.
  const t0 = performance.now();
  const res = await fetch(`${base}/api/children/export`, { method: 'POST', headers: street, body: JSON.stringify({ filters: { status: 'active' } }) });
  await res.arrayBuffer();
  out(
    `  ${'export of the whole street (定海路), refused over the cap'.padEnd(70)} one run:    ${fmt(performance.now() - t0).padStart(7)} ms   (${res.status}; load ${load()})`,
  );
}
out(`(health ${fmt(health, 1)} ms is the floor of one request on this machine in this run)`);
await server.stop();
fs.writeFileSync(`${DIR}/bench-scale-${Date.now()}.txt`, `${lines.join('\n')}\n`);
