/**
 * `npm run bench:children`: the child list and search API at district scale.
 * Seeds 100,000 children (with their families and categories) and 1,000,000 visits into a fresh
 * embedded PostgreSQL, starts the real server in its own process, and measures with autocannon at
 * 50 connections: name prefix (Chinese), pinyin initials, and the overdue-visit filter, for a
 * district user (all 12 streets) and a street supervisor (one street). Prints requests/s, p50, p99.
 * Options: BENCH_CHILDREN (100000), BENCH_VISITS_PER_CHILD (10), BENCH_SECONDS (10), BENCH_CONNECTIONS (50),
 * BENCH_KEEP=1 (keep the seeded data folder).
 */
import os from 'node:os';
import autocannon from 'autocannon';
import { treeCpuSeconds } from './cpu.js';
import { cleanUp, login, seedDistrict, startServer } from './district.js';

const CHILDREN = Number(process.env.BENCH_CHILDREN ?? 100_000);
const VISITS_PER_CHILD = Number(process.env.BENCH_VISITS_PER_CHILD ?? 10);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);

const district = await seedDistrict({ name: 'children', children: CHILDREN, visitsPerChild: VISITS_PER_CHILD });
const { counts } = district;
// No background jobs: the first start would otherwise match all 100,000 children while we measure.
const server = await startServer(district.env, { NUANYANG_JOBS: 'false' });
const base = server.base;

const users = { 'district (12 streets)': await login(base, 'district'), 'street supervisor (定海路)': await login(base, 'street-dinghai') };
const searches: [string, Record<string, unknown>][] = [
  ['name prefix 王', { q: '王', pageSize: 20 }],
  ['pinyin initials wx', { q: 'wx', pageSize: 20 }],
  ['overdue visits, most overdue first', { overdue: true, sort: 'nextVisitDue', pageSize: 20 }],
];

interface Row {
  who: string;
  what: string;
  matched: number;
  rps: number;
  p50: number;
  p99: number;
  /** CPU milliseconds of the server and its PostgreSQL per request (steadier than req/s on a shared machine). */
  cpuMs: number;
  bad: number;
}
const rows: Row[] = [];
const measure = async (opts: autocannon.Options): Promise<{ r: autocannon.Result; cpuMs: number }> => {
  await autocannon({ ...opts, duration: 2 });
  const before = treeCpuSeconds(server.process.pid);
  const r = await autocannon({ ...opts, duration: SECONDS });
  return { r, cpuMs: ((treeCpuSeconds(server.process.pid) - before) * 1000) / Math.max(1, r.requests.total) };
};
// The peer in the same run: the health route (one `select 1`).
{
  const { r, cpuMs } = await measure({ url: `${base}/api/health`, connections: CONNECTIONS });
  rows.push({
    who: '(none)',
    what: 'GET /api/health (peer)',
    matched: 0,
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    cpuMs,
    bad: r.errors + r.non2xx,
  });
}
for (const [who, headers] of Object.entries(users)) {
  for (const [what, body] of searches) {
    const first = await fetch(`${base}/api/children/search`, { method: 'POST', headers, body: JSON.stringify(body) });
    const matched = ((await first.json()) as { total: number }).total;
    const opts = { url: `${base}/api/children/search`, method: 'POST' as const, headers, body: JSON.stringify(body), connections: CONNECTIONS };
    const { r, cpuMs } = await measure(opts);
    rows.push({ who, what, matched, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, cpuMs, bad: r.errors + r.non2xx });
  }
}

console.log(
  `\nbench:children — ${os.cpus().length} cores; ${counts.children.toLocaleString()} children, ${counts.visits.toLocaleString()} visits (${counts.overdue.toLocaleString()} children overdue); ${CONNECTIONS} connections, ${SECONDS} s each`,
);
console.log(`seeding: children ${district.seconds.children.toFixed(1)} s, visits ${district.seconds.visits.toFixed(1)} s\n`);
console.log(
  'caller'.padEnd(28),
  'search'.padEnd(36),
  'matched'.padStart(8),
  'req/s'.padStart(8),
  'p50 ms'.padStart(7),
  'p99 ms'.padStart(7),
  'CPU ms/req'.padStart(11),
);
for (const r of rows) {
  console.log(
    r.who.padEnd(28),
    r.what.padEnd(36),
    String(r.matched).padStart(8),
    r.rps.toFixed(0).padStart(8),
    String(r.p50).padStart(7),
    String(r.p99).padStart(7),
    r.cpuMs.toFixed(2).padStart(11),
    r.bad ? `  (${r.bad} errors)` : '',
  );
}
console.log(
  `\naim: p99 under 50 ms at ${CONNECTIONS} connections (CPU: the server and its PostgreSQL, from /proc, per request answered); load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
await server.stop();
cleanUp(district);
