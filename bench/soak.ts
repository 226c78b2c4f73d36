/**
 * `npm run bench:soak`: a bounded soak test. Starts the real server in its own process (embedded
 * PostgreSQL in a fresh temporary folder, demo data, background jobs on: the first matching run
 * finishes before the soak starts) and runs a mixed workload of the main journeys for
 * SOAK_SECONDS (default 60) by virtual users of different roles, each in a closed loop (the next
 * request when the previous one answered, no think time):
 *
 *   street supervisors (定海, 平凉)  children list, search, open a file, visit work list,
 *                                  eligibility work list, send a referral, referral list
 *   a child director (定海一居)      open a file, record a visit, visit work list, children list
 *   the district                   children list and search, eligibility work list, the dashboard
 *   the district leader            the dashboard
 *   a login user                   log in, who am I, log out (argon2id on every login)
 *   the peer                       GET /api/health (one `select 1`), in the same run
 *
 * Prints per journey the requests, throughput, p50/p99 latency and errors, and the server's memory
 * (RSS, V8 heap after a garbage collection) at the start and the end. The server runs as a child
 * process so that its memory is its own (not the load generator's); its heap is read by a probe
 * preloaded into it (bench/memoryProbe.mjs: SIGUSR2 → gc → process.memoryUsage() on stdout).
 * Options: SOAK_SECONDS (60), SOAK_CHILDREN (5000 demo children), SOAK_SEED (1).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../server/src/db/embedded.js';

const seconds = Number(process.env.SOAK_SECONDS ?? 60);
const children = Number(process.env.SOAK_CHILDREN ?? 5000);
let seed = Number(process.env.SOAK_SEED ?? 1);
const root = path.resolve(import.meta.dirname, '..');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nuanyang-soak-'));
const port = await freePort();
const base = `http://127.0.0.1:${port}`;

/** A small deterministic generator (mulberry32), so two runs make the same choices. */
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(xs: readonly T[]): T => {
  const x = xs[Math.floor(random() * xs.length)];
  if (x === undefined) throw new Error('pick from an empty list');
  return x;
};

// ---- the server ----
const started = Date.now();
const env: NodeJS.ProcessEnv = {
  ...process.env,
  PORT: String(port),
  NUANYANG_DATA_DIR: dataDir,
  LOG_LEVEL: 'warn',
  NUANYANG_SEED_CHILDREN: String(children),
  NUANYANG_DEMO: '1',
  // every virtual user logs in from 127.0.0.1: the per-minute login limit would refuse the login journey
  LOGIN_RATE_LIMIT_PER_MINUTE: '100000',
};
delete env.DATABASE_URL;
const server = spawn(
  process.execPath,
  ['--expose-gc', '--import', 'tsx', '--import', path.join(root, 'bench/memoryProbe.mjs'), path.join(root, 'server/src/main.ts')],
  { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'] },
);
let out = '';
const memoryWaiters: ((m: NodeJS.MemoryUsage) => void)[] = [];
server.stdout.on('data', (d: Buffer) => {
  out += d.toString();
  for (;;) {
    const i = out.indexOf('@@memory ');
    const end = i < 0 ? -1 : out.indexOf('\n', i);
    if (end < 0) break;
    const m = JSON.parse(out.slice(i + 9, end)) as NodeJS.MemoryUsage;
    out = out.slice(end + 1);
    memoryWaiters.shift()?.(m);
  }
  if (out.length > 100_000) out = out.slice(-10_000);
});
const stop = () => {
  server.kill('SIGINT');
};
process.on('exit', stop);

async function memory(): Promise<NodeJS.MemoryUsage> {
  const m = new Promise<NodeJS.MemoryUsage>((resolve) => memoryWaiters.push(resolve));
  server.kill('SIGUSR2');
  return m;
}

for (let i = 0; ; i++) {
  try {
    if ((await fetch(`${base}/api/health`)).ok) break;
  } catch {
    /* not yet */
  }
  if (i > 3000) throw new Error('server did not start');
  await new Promise((r) => setTimeout(r, 100));
}
// The first matching run (a fresh database) and the demo's benefit steps run in the background at start.
for (let i = 0; i < 1200 && !/matching done|matching failed/.test(out); i++) await new Promise((r) => setTimeout(r, 250));
const readyMs = Date.now() - started;

// ---- clients ----
class Session {
  cookie = '';
  csrf = '';
  constructor(readonly username: string) {}
  async login(): Promise<Response> {
    const res = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: this.username, password: 'nuanyang-demo' }),
    });
    if (res.ok) {
      this.cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      this.csrf = ((await res.clone().json()) as { csrfToken: string }).csrfToken;
    }
    return res;
  }
  get(url: string): Promise<Response> {
    return fetch(`${base}${url}`, { headers: { cookie: this.cookie } });
  }
  send(method: 'POST' | 'PATCH', url: string, body: unknown): Promise<Response> {
    return fetch(`${base}${url}`, {
      method,
      headers: { cookie: this.cookie, 'x-csrf-token': this.csrf, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  }
}

interface Stats {
  latencies: number[];
  errors: number;
  lastError: string;
}
const stats = new Map<string, Stats>();
async function measure(journey: string, call: () => Promise<Response>): Promise<boolean> {
  const s = stats.get(journey) ?? { latencies: [], errors: 0, lastError: '' };
  stats.set(journey, s);
  const t = performance.now();
  try {
    const res = await call();
    const body = await res.text();
    s.latencies.push(performance.now() - t);
    if (!res.ok) {
      s.errors++;
      s.lastError = `${res.status} ${body.slice(0, 160)}`;
      return false;
    }
    return true;
  } catch (err) {
    s.errors++;
    s.lastError = err instanceof Error ? err.message : String(err);
    return false;
  }
}

const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
const CHECKLIST = ['living', 'safety', 'health', 'schooling', 'guardianship', 'psychology', 'policy'];
const SEARCHES = ['王', '李', '张', '刘', '陈', '杨', '小', '明'];

type Journey = (s: Session, ids: string[]) => Promise<unknown>;
const J: Record<string, Journey> = {
  'children list': (s) => measure('children list', () => s.get(`/api/children?pageSize=20&page=${1 + Math.floor(random() * 5)}`)),
  'children search': (s) => measure('children search', () => s.send('POST', '/api/children/search', { q: pick(SEARCHES) })),
  'open a file': (s, ids) => measure('open a file', () => s.get(`/api/children/${pick(ids)}`)),
  'record a visit': (s, ids) =>
    measure('record a visit', () =>
      s.send('POST', '/api/visits', {
        childId: pick(ids),
        visitedOn: today,
        kind: 'phone',
        checklist: CHECKLIST.map((code) => ({ code, status: 'ok' })),
        findings: '电话回访：孩子近况稳定，监护人按时接送。',
        submit: true,
      }),
    ),
  'visit work list': (s) => measure('visit work list', () => s.get('/api/visits/worklist')),
  'eligibility work list': (s) => measure('eligibility work list', () => s.get('/api/eligibility/worklist?kind=eligible-not-receiving')),
  'send a referral': (s, ids) =>
    measure('send a referral', () =>
      s.send('POST', '/api/referrals', { childId: pick(ids), kind: 'problem', toUnit: 'police', reason: '压力测试：请协调处理。' }),
    ),
  'referral list': (s) => measure('referral list', () => s.get('/api/referrals?box=outgoing')),
  dashboard: (s) => measure('dashboard', () => s.get('/api/dashboard')),
};

/** Journeys of a role, with weights. */
const MIX: Record<string, [string, number][]> = {
  street: [
    ['children list', 3],
    ['children search', 2],
    ['open a file', 3],
    ['visit work list', 1],
    ['eligibility work list', 1],
    ['send a referral', 1],
    ['referral list', 1],
  ],
  director: [
    ['open a file', 3],
    ['record a visit', 2],
    ['visit work list', 2],
    ['children list', 1],
  ],
  district: [
    ['children list', 2],
    ['children search', 2],
    ['eligibility work list', 1],
    ['dashboard', 1],
  ],
  leader: [['dashboard', 1]],
};
function choose(mix: [string, number][]): string {
  const total = mix.reduce((n, [, w]) => n + w, 0);
  let r = random() * total;
  for (const [name, w] of mix) {
    r -= w;
    if (r < 0) return name;
  }
  return mix[0]?.[0] ?? '';
}

const users: { username: string; mix: string }[] = [
  { username: 'street-dinghai', mix: 'street' },
  { username: 'street-pingliang', mix: 'street' },
  { username: 'director-dinghai', mix: 'director' },
  { username: 'director-dinghai', mix: 'director' },
  { username: 'district', mix: 'district' },
  { username: 'leader', mix: 'leader' },
];
const sessions: { s: Session; mix: string; ids: string[] }[] = [];
for (const u of users) {
  const s = new Session(u.username);
  if (!(await s.login()).ok) throw new Error(`login ${u.username} failed`);
  const list = (await (await s.get('/api/children?pageSize=100')).json()) as { items?: { id: string }[] };
  sessions.push({ s, mix: u.mix, ids: (list.items ?? []).map((c) => c.id) });
}

// Warm-up (a few seconds of the same mix), then the memory at the start.
let running = true;
async function loop(v: { s: Session; mix: string; ids: string[] }): Promise<void> {
  const mix = MIX[v.mix] ?? [];
  while (running) {
    const j = J[choose(mix)];
    if (j) await j(v.s, v.ids);
  }
}
async function loginLoop(): Promise<void> {
  const s = new Session('reviewer');
  while (running) {
    if (await measure('log in', () => s.login())) {
      await measure('who am I', () => s.get('/api/auth/me'));
      await measure('log out', () => s.send('POST', '/api/auth/logout', {}));
    }
  }
}
async function healthLoop(): Promise<void> {
  while (running) await measure('health (peer)', () => fetch(`${base}/api/health`));
}
const all = () => [...sessions.map(loop), loginLoop(), healthLoop()];
let workers = all();
await new Promise((r) => setTimeout(r, 5000));
running = false;
await Promise.all(workers);
stats.clear();
const memStart = await memory();
const rssStart = memStart.rss;

running = true;
const t0 = performance.now();
workers = all();
await new Promise((r) => setTimeout(r, seconds * 1000));
running = false;
await Promise.all(workers);
const elapsed = (performance.now() - t0) / 1000;
const memEnd = await memory();

// ---- report ----
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`;
console.log(
  `\nbench:soak — ${seconds} s, ${os.cpus().length} cores, ${children} demo children, ${users.length} role users + a login user + the health peer (closed loops, no think time); server ready in ${(readyMs / 1000).toFixed(1)} s\n`,
);
console.log('journey'.padEnd(24), 'requests'.padStart(9), 'req/s'.padStart(8), 'p50 ms'.padStart(8), 'p99 ms'.padStart(8), 'errors'.padStart(7));
let total = 0;
let errors = 0;
for (const [name, s] of [...stats].sort(([a], [b]) => (a === 'health (peer)' ? 1 : b === 'health (peer)' ? -1 : a.localeCompare(b)))) {
  const sorted = [...s.latencies].sort((a, b) => a - b);
  total += sorted.length;
  errors += s.errors;
  console.log(
    name.padEnd(24),
    String(sorted.length).padStart(9),
    (sorted.length / elapsed).toFixed(1).padStart(8),
    pct(sorted, 0.5).toFixed(1).padStart(8),
    pct(sorted, 0.99).toFixed(1).padStart(8),
    String(s.errors).padStart(7),
    s.errors ? `  last: ${s.lastError}` : '',
  );
}
console.log(`\nall journeys: ${total} requests, ${(total / elapsed).toFixed(0)} req/s, ${errors} errors`);
console.log(
  `server memory (after a gc): start RSS ${mb(rssStart)}, heap ${mb(memStart.heapUsed)} of ${mb(memStart.heapTotal)}; end RSS ${mb(memEnd.rss)}, heap ${mb(memEnd.heapUsed)} of ${mb(memEnd.heapTotal)} (heap growth ${((memEnd.heapUsed - memStart.heapUsed) / 1024 / 1024).toFixed(1)} MB)`,
);

stop();
await new Promise((r) => server.once('exit', r));
fs.rmSync(dataDir, { recursive: true, force: true });
