/**
 * `npm run bench:api`: starts the real server (its own process, embedded PostgreSQL in a fresh
 * temporary folder, demo data) and measures with autocannon:
 *   - GET /api/health       (one `select 1`: the floor of a database round trip)
 *   - GET /api/auth/me      (session lookup + the caller's roles, permissions and scope)
 *   - GET /api/children     (a page of an RLS-scoped list, as a street supervisor)
 * Prints requests/s and p99 latency for each and the ratios against health, measured in the
 * same run. Also prints the cold start time and the memory of the server and the database.
 * Options: BENCH_SECONDS (default 10), BENCH_CONNECTIONS (default 20), BENCH_CHILDREN (default 5000).
 */
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { treeCpuSeconds } from './cpu.js';
import { login, startServer } from './district.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 20);
const children = Number(process.env.BENCH_CHILDREN ?? 5000);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nuanyang-bench-'));

const started = Date.now();
// No background jobs: the first start would otherwise match every demo child and refresh every
// indicator while the routes are measured (the figures were taken with jobs off too).
// The first start seeds the demo children: on a loaded machine that can take minutes.
const server = await startServer(
  { ...process.env, NUANYANG_DATA_DIR: dataDir, LOG_LEVEL: 'warn', NUANYANG_SEED_CHILDREN: String(children), NUANYANG_JOBS: 'false', DATABASE_URL: '' },
  {},
  { waitSeconds: 300 },
);
const base = server.base;
const coldStartMs = Date.now() - started;
const { cookie = '' } = await login(base, 'street-dinghai');

interface Result {
  name: string;
  rps: number;
  p99: number;
  /** CPU milliseconds of the server and its PostgreSQL per request: steadier than req/s on a shared machine. */
  cpuMs: number;
  errors: number;
  non2xx: number;
}
async function run(name: string, url: string, headers: Record<string, string> = {}): Promise<Result> {
  await autocannon({ url, connections, duration: 2, headers }); // warm-up
  const cpuBefore = treeCpuSeconds(server.process.pid);
  const r = await autocannon({ url, connections, duration: seconds, headers });
  const cpuMs = ((treeCpuSeconds(server.process.pid) - cpuBefore) * 1000) / Math.max(1, r.requests.total);
  return { name, rps: r.requests.average, p99: r.latency.p99, cpuMs, errors: r.errors, non2xx: r.non2xx };
}

const results = [
  await run('GET /api/health', `${base}/api/health`),
  await run('GET /api/auth/me (street supervisor)', `${base}/api/auth/me`, { cookie }),
  await run('GET /api/children?pageSize=20 (RLS-scoped list)', `${base}/api/children?pageSize=20`, { cookie }),
];

function rssOf(pattern: string): number {
  try {
    const out = execSync(`ps -eo rss,args | grep -E '${pattern}' | grep -v grep`, { encoding: 'utf8' });
    return (
      out
        .trim()
        .split('\n')
        .reduce((s, l) => s + Number(l.trim().split(/\s+/)[0] ?? 0), 0) / 1024
    );
  } catch {
    return 0;
  }
}
const serverMb = server.process.pid ? Number(execSync(`ps -o rss= -p ${server.process.pid}`, { encoding: 'utf8' }).trim()) / 1024 : 0;
const pgMb = rssOf(`postgres.*${path.basename(dataDir)}|postgres: `);

const health = results[0]!;
console.log(`\nbench:api — ${os.cpus().length} cores, ${connections} connections, ${seconds} s per endpoint, ${children} demo children\n`);
console.log(
  'endpoint'.padEnd(52),
  'req/s'.padStart(9),
  'p99 ms'.padStart(8),
  'vs health'.padStart(10),
  'CPU ms/req'.padStart(11),
  'CPU vs health'.padStart(14),
);
for (const r of results) {
  console.log(
    r.name.padEnd(52),
    r.rps.toFixed(0).padStart(9),
    String(r.p99).padStart(8),
    `${((r.rps / health.rps) * 100).toFixed(0)}%`.padStart(10),
    r.cpuMs.toFixed(2).padStart(11),
    `${((health.cpuMs / r.cpuMs) * 100).toFixed(0)}%`.padStart(14),
    r.errors || r.non2xx ? `  (errors ${r.errors}, non-2xx ${r.non2xx})` : '',
  );
}
const me = results[1]!;
const list = results[2]!;
console.log(
  '(CPU: the server and its PostgreSQL, from /proc, per request answered; "CPU vs health" is the health route\'s CPU per request over this one\'s — the share of health the route would reach on an otherwise idle machine)',
);
console.log(`\nauthenticated /api/auth/me at ${((me.rps / health.rps) * 100).toFixed(0)}% of /api/health (aim: ≥ 30%)`);
console.log(
  `the street's scoped list at ${((list.rps / health.rps) * 100).toFixed(0)}% of /api/health (aim: ≥ 30%); load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
console.log(`cold start (fresh data folder: initdb, migrations, ${children} demo children, HTTP ready): ${(coldStartMs / 1000).toFixed(1)} s`);
console.log(`memory after the run: server ${serverMb.toFixed(0)} MB RSS; PostgreSQL processes ${pgMb.toFixed(0)} MB RSS (shared buffers counted per process)`);

await server.stop();
fs.rmSync(dataDir, { recursive: true, force: true });
