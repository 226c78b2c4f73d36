/**
 * `npm run bench:children`: the child list and search API at district scale.
 * Seeds 100,000 children (with their families and categories) and 1,000,000 visits into a fresh
 * embedded PostgreSQL, starts the real server in its own process, and measures with autocannon at
 * 50 connections: name prefix (Chinese), pinyin initials, and the overdue-visit filter, for a
 * district user (all 12 streets) and a street supervisor (one street). Prints requests/s, p50, p99.
 * Options: BENCH_CHILDREN (100000), BENCH_VISITS_PER_CHILD (10), BENCH_SECONDS (10), BENCH_CONNECTIONS (50),
 * BENCH_KEEP=1 (keep the seeded data folder).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { loadConfig } from '../server/src/config.js';
import { openDatabase } from '../server/src/db/database.js';
import { freePort } from '../server/src/db/embedded.js';
import { cryptoFor, keysFor } from '../server/src/runtime.js';
import { loadDemoChildren } from '../server/src/seed/children.js';
import { applyReferenceData } from '../server/src/seed/reference.js';
import { DEMO_SEED, seedDemoOrganisation } from '../server/src/seed/startup.js';

const CHILDREN = Number(process.env.BENCH_CHILDREN ?? 100_000);
const VISITS_PER_CHILD = Number(process.env.BENCH_VISITS_PER_CHILD ?? 10);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const root = path.resolve(import.meta.dirname, '..');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nuanyang-bench-children-'));
const env: NodeJS.ProcessEnv = { ...process.env, NUANYANG_DATA_DIR: dataDir, NUANYANG_SEED_CHILDREN: '0', LOG_LEVEL: 'warn' };
delete env.DATABASE_URL;

// ---- seed ----
let t = Date.now();
const config = loadConfig(env);
const keys = keysFor(config);
const db = await openDatabase({ config, keys });
const owner = new pg.Client({ connectionString: db.ownerUrl });
await owner.connect();
await applyReferenceData(owner);
await seedDemoOrganisation(owner);
await loadDemoChildren(owner, cryptoFor(keys), { children: CHILDREN, seed: DEMO_SEED });
const seededChildren = (Date.now() - t) / 1000;
t = Date.now();
// Visits in bulk: the area trigger is switched off for the load (the rows copy the child's keys
// directly), spaced 30-90 days apart, the latest 0-150 days ago (so some children are overdue).
await owner.query('begin');
await owner.query('alter table visits disable trigger visits_area');
await owner.query(
  `insert into visits (child_id, street_code, committee_id, visited_on, kind, visitor_name, checklist, findings, status, submitted_at)
   select c.id, c.street_code, c.committee_id,
          current_date - ((hashtext(c.id::text) & 127) + (g - 1) * (30 + (hashtext(c.id::text || g::text) & 63)))::int,
          (array['home', 'phone', 'video', 'school'])[1 + (g % 4)], '儿童主任', '[]', '生活情况稳定，监护人照料到位。', 'submitted', now()
   from children c cross join generate_series(1, $1::int) g`, [VISITS_PER_CHILD]);
await owner.query('alter table visits enable trigger visits_area');
await owner.query('commit');
await owner.query('select recompute_next_visits_all()');
// As autovacuum would after a bulk load: clear dead index entries left by the next-visit update.
await owner.query('vacuum analyze');
const counts = (await owner.query<{ children: number; visits: number; overdue: number }>(
  `select (select count(*) from children)::int as children, (select count(*) from visits)::int as visits,
          (select count(*) from children where next_visit_due < current_date)::int as overdue`)).rows[0]!;
const seededVisits = (Date.now() - t) / 1000;
await owner.end();
await db.close();

// ---- server ----
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const server = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'server/src/main.ts')], { cwd: root, env: { ...env, PORT: String(port) }, stdio: ['ignore', 'ignore', 'inherit'] });
process.on('exit', () => server.kill('SIGINT'));
for (let i = 0; ; i++) {
  try { if ((await fetch(`${base}/api/health`)).ok) break; } catch { /* starting */ }
  if (i > 600) throw new Error('server did not start');
  await new Promise((r) => setTimeout(r, 100));
}

async function login(username: string): Promise<Record<string, string>> {
  const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'nuanyang-demo' }) });
  if (!res.ok) throw new Error(`login ${username}: ${res.status}`);
  const me = (await res.json()) as { csrfToken: string };
  return { cookie: res.headers.get('set-cookie')!.split(';')[0]!, 'x-csrf-token': me.csrfToken, 'content-type': 'application/json' };
}

const users = { 'district (12 streets)': await login('district'), 'street supervisor (定海路)': await login('street-dinghai') };
const searches: [string, Record<string, unknown>][] = [
  ['name prefix 王', { q: '王', pageSize: 20 }],
  ['pinyin initials wx', { q: 'wx', pageSize: 20 }],
  ['overdue visits, most overdue first', { overdue: true, sort: 'nextVisitDue', pageSize: 20 }],
];

interface Row { who: string; what: string; matched: number; rps: number; p50: number; p99: number; bad: number }
const rows: Row[] = [];
for (const [who, headers] of Object.entries(users)) {
  for (const [what, body] of searches) {
    const first = await fetch(`${base}/api/children/search`, { method: 'POST', headers, body: JSON.stringify(body) });
    const matched = ((await first.json()) as { total: number }).total;
    const opts = { url: `${base}/api/children/search`, method: 'POST' as const, headers, body: JSON.stringify(body), connections: CONNECTIONS };
    await autocannon({ ...opts, duration: 2 });
    const r = await autocannon({ ...opts, duration: SECONDS });
    rows.push({ who, what, matched, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, bad: r.errors + r.non2xx });
  }
}

console.log(`\nbench:children — ${os.cpus().length} cores; ${counts.children.toLocaleString()} children, ${counts.visits.toLocaleString()} visits (${counts.overdue.toLocaleString()} children overdue); ${CONNECTIONS} connections, ${SECONDS} s each`);
console.log(`seeding: children ${seededChildren.toFixed(1)} s, visits ${seededVisits.toFixed(1)} s\n`);
console.log('caller'.padEnd(28), 'search'.padEnd(36), 'matched'.padStart(8), 'req/s'.padStart(8), 'p50 ms'.padStart(7), 'p99 ms'.padStart(7));
for (const r of rows) {
  console.log(r.who.padEnd(28), r.what.padEnd(36), String(r.matched).padStart(8), r.rps.toFixed(0).padStart(8), String(r.p50).padStart(7), String(r.p99).padStart(7), r.bad ? `  (${r.bad} errors)` : '');
}
console.log(`\naim: p99 under 50 ms at ${CONNECTIONS} connections`);
server.kill('SIGINT');
await new Promise((r) => server.once('exit', r));
// BENCH_KEEP=1 keeps the seeded data folder, to inspect plans (NUANYANG_DATA_DIR=<it> npm start).
if (process.env.BENCH_KEEP === '1') console.log(`data kept in ${dataDir}`);
else fs.rmSync(dataDir, { recursive: true, force: true });
