import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { loadConfig } from '../../../config.js';
import { openDatabase } from '../../../db/database.js';
import { cryptoFor, keysFor } from '../../../runtime.js';
import { applyReferenceData } from '../../../seed/reference.js';
import { seedDemoOrganisation } from '../../../seed/startup.js';
import { buildApp, type AppDeps } from '../../../app.js';
import { lookupSession } from '../../auth/sessions.js';
import { inScope } from '../../../http/context.js';
import { createChild } from '../../children/childWriter.js';
import { buildPlan } from '../importPlan.js';
import { readImportFile } from '../importRead.js';
import { monitorEventLoopDelay } from 'node:perf_hooks';
const h = monitorEventLoopDelay({ resolution: 5 }); h.enable();
const lap = (n: string) => { console.log('max loop delay', n, (h.max / 1e6).toFixed(0), 'ms'); h.reset(); };

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nuanyang-prof-'));
const env = { ...process.env, NUANYANG_DATA_DIR: dataDir, NUANYANG_SEED_CHILDREN: '0', LOG_LEVEL: 'warn', NUANYANG_DEMO: '1' };
delete (env as any).DATABASE_URL;
const config = loadConfig(env);
const keys = keysFor(config);
const db = await openDatabase({ config, keys });
const owner = new pg.Client({ connectionString: db.ownerUrl });
await owner.connect();
await applyReferenceData(owner);
await seedDemoOrganisation(owner);
const deps: AppDeps = { config, db, crypto: cryptoFor(keys), clock: () => Date.now() };
const app = await buildApp(deps);
const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'district', password: 'nuanyang-demo' } });
const token = res.cookies.find((c) => c.name.endsWith('nuanyang_sid'))!.value;
const found = await lookupSession(db.app, token, new Date(), config.sessionIdleMs);
if (found.kind !== 'ok') throw new Error('no session');
const ctx = { requestId: 'prof', ip: null, userAgent: null, actor: found.actor };

const file = fs.readFileSync(process.argv[2]!);
let t = Date.now();
const read = await readImportFile(file, 'x.xlsx');
console.log('read', Date.now() - t); lap('read');
if (!read.ok) throw new Error(read.message);
const N = Number(process.argv[3] ?? 500);
const rows = read.rows;
const stats = new Map<string, { n: number; ms: number }>();
t = Date.now();
await inScope(db, ctx, async (tx) => {
  const plan = await buildPlan(tx, deps, rows);
  console.log('plan', Date.now() - t, plan.problems.length); lap('plan');
  const orig = tx.client.query.bind(tx.client);
  (tx.client as any).query = async (...args: any[]) => {
    const s = performance.now();
    try { return await (orig as any)(...args); } finally {
      const k = String(typeof args[0] === 'string' ? args[0] : args[0].text).replace(/\s+/g, ' ').slice(0, 70);
      const e = stats.get(k) ?? { n: 0, ms: 0 }; e.n++; e.ms += performance.now() - s; stats.set(k, e);
    }
  };
  t = Date.now();
  for (const a of plan.actions.slice(0, N)) if (a.kind === 'create') await createChild(tx, deps, a.input, { action: 'import' });
  console.log('create', Date.now() - t, 'ms for', plan.actions.length); lap('create');
  await tx.client.query('rollback; begin');
});
for (const [k, v] of [...stats].sort((a, b) => b[1].ms - a[1].ms)) console.log(v.ms.toFixed(0).padStart(7), String(v.n).padStart(6), (v.ms / v.n).toFixed(3).padStart(7), k);
await app.close();
await owner.end();
await db.close();
fs.rmSync(dataDir, { recursive: true, force: true });
