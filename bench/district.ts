/**
 * A district-scale dataset for the benchmarks, in a fresh embedded PostgreSQL: 100,000 children
 * (with their families and categories) and 1,000,000 visits by default, and the real server
 * started in its own process against it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { loadConfig } from '../server/src/config.js';
import { openDatabase } from '../server/src/db/database.js';
import { freePort } from '../server/src/db/embedded.js';
import { cryptoFor, keysFor } from '../server/src/runtime.js';
import { loadDemoChildren } from '../server/src/seed/children.js';
import { applyReferenceData } from '../server/src/seed/reference.js';
import { DEMO_SEED, seedDemoOrganisation } from '../server/src/seed/startup.js';

export interface District {
  dataDir: string;
  env: NodeJS.ProcessEnv;
  counts: { children: number; visits: number; overdue: number };
  seconds: { children: number; visits: number; extra: number };
}

/**
 * Seeds the district. `extra` runs on the owner connection after the visits (e.g. problems and
 * matching results for the dashboard), before the closing VACUUM ANALYZE.
 */
export async function seedDistrict(opts: {
  name: string;
  children: number;
  visitsPerChild: number;
  extra?: (owner: pg.Client) => Promise<void>;
}): Promise<District> {
  const root = os.tmpdir();
  const dataDir = fs.mkdtempSync(path.join(root, `nuanyang-bench-${opts.name}-`));
  const env: NodeJS.ProcessEnv = { ...process.env, NUANYANG_DATA_DIR: dataDir, NUANYANG_SEED_CHILDREN: '0', LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
  let t = Date.now();
  const config = loadConfig(env);
  const keys = keysFor(config);
  const db = await openDatabase({ config, keys });
  const owner = new pg.Client({ connectionString: db.ownerUrl });
  await owner.connect();
  await applyReferenceData(owner);
  await seedDemoOrganisation(owner);
  await loadDemoChildren(owner, cryptoFor(keys), { children: opts.children, seed: DEMO_SEED });
  const children = (Date.now() - t) / 1000;
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
     from children c cross join generate_series(1, $1::int) g`,
    [opts.visitsPerChild],
  );
  await owner.query('alter table visits enable trigger visits_area');
  await owner.query('commit');
  await owner.query('select recompute_next_visits_all()');
  const visits = (Date.now() - t) / 1000;
  t = Date.now();
  if (opts.extra) await opts.extra(owner);
  // As autovacuum would after a bulk load: clear dead index entries left by the next-visit update.
  await owner.query('vacuum analyze');
  const counts = (
    await owner.query<District['counts']>(
      `select (select count(*) from children)::int as children, (select count(*) from visits)::int as visits,
            (select count(*) from children where next_visit_due < current_date)::int as overdue`,
    )
  ).rows[0]!;
  const extra = (Date.now() - t) / 1000;
  await owner.end();
  await db.close();
  return { dataDir, env, counts, seconds: { children, visits, extra } };
}

export interface Server {
  base: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

export async function startServer(env: NodeJS.ProcessEnv, extraEnv: NodeJS.ProcessEnv = {}, opts: { waitSeconds?: number } = {}): Promise<Server> {
  const root = path.resolve(import.meta.dirname, '..');
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'server/src/main.ts')], {
    cwd: root,
    env: { ...env, ...extraEnv, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  process.on('exit', () => child.kill('SIGINT'));
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) break;
    } catch {
      /* starting */
    }
    if (i > (opts.waitSeconds ?? 60) * 10) throw new Error('server did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    base,
    process: child,
    async stop() {
      child.kill('SIGINT');
      await new Promise((r) => child.once('exit', r));
    },
  };
}

/** Logs in and returns the headers a browser tab would send (cookie, CSRF token). */
export async function login(base: string, username: string): Promise<Record<string, string>> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'nuanyang-demo' }),
  });
  if (!res.ok) throw new Error(`login ${username}: ${res.status}`);
  const me = (await res.json()) as { csrfToken: string };
  return { cookie: res.headers.get('set-cookie')!.split(';')[0]!, 'x-csrf-token': me.csrfToken, 'content-type': 'application/json' };
}

/** BENCH_KEEP=1 keeps the seeded data folder, to inspect plans (NUANYANG_DATA_DIR=<it> npm start). */
export function cleanUp(d: District): void {
  if (process.env.BENCH_KEEP === '1') console.log(`data kept in ${d.dataDir}`);
  else fs.rmSync(d.dataDir, { recursive: true, force: true });
}
