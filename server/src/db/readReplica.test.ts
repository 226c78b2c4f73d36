/**
 * DATABASE_READ_URL on a second PostgreSQL instance. A streaming replica is too heavy for a test,
 * so the second instance (an embedded cluster in a temporary folder) holds a copy made the way a
 * fresh installation is (the same migrations, reference data, demo organisation and children) and
 * then differs on purpose: a child renamed there only, and every child of 定海路 overdue there
 * only. The read-only reports — the children export, the 督办 indicator refresh, the quarterly
 * workbook — must show the second instance's data, under the caller's row-level security there,
 * while their own writes (the export file, the indicator cache, the audit rows) land on the primary
 * and nothing is ever written to the second instance: its transactions are READ ONLY.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type AppDeps } from '../app.js';
import { inReadScope, type RequestCtx } from '../core/context.js';
import { deriveKeys, parseMasterKey } from '../crypto/keys.js';
import { refreshFigures } from '../modules/supervision/indicators/compute.js';
import { loadDemoChildren } from '../seed/children.js';
import { applyReferenceData } from '../seed/reference.js';
import { DEMO_SEED, seedDemoOrganisation } from '../seed/startup.js';
import { cryptoFor } from '../runtime.js';
import { Agent, testEnv, type TestEnv } from '../../test/harness.js';
import { TEST_MASTER_KEY } from '../../test/globalSetup.js';
import { checkReadRole, openDatabase, poolsFor, type Database } from './database.js';
import { startEmbedded, StartupError, type EmbeddedDb } from './embedded.js';

const keys = deriveKeys(parseMasterKey(TEST_MASTER_KEY));
let env: TestEnv;
let replicaDir: string;
let replica: EmbeddedDb;
let replicaOwner: pg.Client;
let replicaOwnerUrl: string;
let replicaAppUrl: string;
let db: Database;
let deps: AppDeps;
let app: Awaited<ReturnType<typeof buildApp>>;

const ONLY_THERE = '副本独有甲';
const OTHER_STREET_THERE = '副本独有乙';
const TASK_THERE = '副本独有的第一项任务';

beforeAll(async () => {
  env = await testEnv();
  replicaDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nuanyang-read-replica-'));
  replica = await startEmbedded(replicaDir, 'replica-test');
  // The copy: a fresh installation of the same version (same roles, the application role's password
  // derived from the same master key), with the same reference data and a few demo children.
  const admin = new pg.Client({ connectionString: replica.url });
  await admin.connect();
  await admin.query('create database nuanyang_replica');
  await admin.end();
  const copy = await openDatabase({
    config: { ...env.deps.config, databaseUrl: replica.url, appDatabaseUrl: null, readDatabaseUrl: null },
    keys,
    databaseName: 'nuanyang_replica',
  });
  replicaOwnerUrl = copy.ownerUrl;
  replicaAppUrl = copy.appUrl;
  await copy.close();
  replicaOwner = new pg.Client({ connectionString: replicaOwnerUrl });
  await replicaOwner.connect();
  await applyReferenceData(replicaOwner);
  await seedDemoOrganisation(replicaOwner);
  await loadDemoChildren(replicaOwner, cryptoFor(keys), { children: 60, seed: DEMO_SEED });
  // What differs on the second instance only.
  await replicaOwner.query(
    `update children set name = $1 where id = (select id from children where street_code = 'dinghai' and status = 'active' order by id limit 1)`,
    [ONLY_THERE],
  );
  await replicaOwner.query(
    `update children set name = $1 where id = (select id from children where street_code <> 'dinghai' and status = 'active' order by id limit 1)`,
    [OTHER_STREET_THERE],
  );
  await replicaOwner.query(`update children set next_visit_due = date '2000-01-01' where street_code = 'dinghai'`);
  await replicaOwner.query(`update plan_tasks set summary = $1 where no = 1`, [TASK_THERE]);

  // The application with DATABASE_READ_URL set: the main pools are the test's database, the read
  // pool the second instance (as the application role, as openDatabase builds it).
  db = poolsFor(env.db.ownerUrl, env.db.appUrl, null, () => {}, replicaAppUrl);
  deps = { ...env.deps, db };
  app = await buildApp(deps);
  await app.ready();
}, 120_000);

afterAll(async () => {
  await app?.close();
  await db?.close();
  await replicaOwner?.end();
  await replica?.stop();
  await env?.close();
  if (replicaDir) fs.rmSync(replicaDir, { recursive: true, force: true });
});

async function login(username: string): Promise<Agent> {
  const a = new Agent(app);
  const res = await a.post('/api/auth/login', { username, password: 'nuanyang-demo' });
  expect(res.statusCode, res.body).toBe(200);
  return a;
}

async function names(buf: Buffer): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(new Uint8Array(buf).buffer);
  const out: string[] = [];
  wb.getWorksheet('儿童名单')?.eachRow((row) => row.eachCell((c) => out.push(String(c.value))));
  return out;
}

const count = async (c: pg.ClientBase, sql: string, params: unknown[] = []) => Number((await c.query<{ n: string }>(sql, params)).rows[0]?.n);

describe('DATABASE_READ_URL: read-only reports on a second PostgreSQL', () => {
  it('uses a separate pool only when set; without it the reports read the main pool', () => {
    expect(db.read).not.toBe(db.app);
    expect(db.readUrl).toBe(replicaAppUrl);
    expect(env.db.read).toBe(env.db.app);
    expect(env.db.readUrl).toBeNull();
  });

  it('exports the list as read on the second instance, in the caller’s area there; the file and the audit row land on the primary', async () => {
    const dinghai = await login('street-dinghai');
    const auditsBefore = await count(replicaOwner, 'select count(*) as n from audit_log');
    const res = await dinghai.post('/api/children/export', { filters: { status: 'active' } });
    expect(res.statusCode, res.body).toBe(200);
    const created: { id: string; rows: number } = res.json();
    // The row count is the second instance's (60 demo children), not the primary's.
    expect(created.rows).toBe(await count(replicaOwner, `select count(*) as n from children where street_code = 'dinghai' and status = 'active'`));
    expect(created.rows).not.toBe(await count(env.owner, `select count(*) as n from children where street_code = 'dinghai' and status = 'active'`));

    const dl = await dinghai.get(`/api/exports/${created.id}`);
    expect(dl.statusCode).toBe(200);
    const cells = await names(dl.rawPayload);
    expect(cells).toContain(ONLY_THERE);
    // Row-level security on the second instance: another street's child never shows.
    expect(cells).not.toContain(OTHER_STREET_THERE);

    expect(await count(env.owner, 'select count(*) as n from exports where id = $1', [created.id])).toBe(1);
    expect(await count(env.owner, `select count(*) as n from audit_log where action = 'children.export' and entity_id = $1`, [created.id])).toBe(1);
    expect(await count(replicaOwner, 'select count(*) as n from exports')).toBe(0);
    expect(await count(replicaOwner, 'select count(*) as n from audit_log')).toBe(auditsBefore);
  });

  it('refreshes the 督办 indicators from the second instance and keeps the cache on the primary', async () => {
    const today = new Date(deps.clock() + 8 * 3_600_000).toISOString().slice(0, 10);
    const figures = await refreshFigures(deps, today, true, ['visits.onTime']);
    const f = figures.get('visits.onTime');
    expect(f?.error).toBeNull();
    const dinghai = f?.rows.get('dinghai');
    // Every 定海路 child is overdue on the second instance only.
    expect(dinghai?.num).toBe(0);
    expect(dinghai?.den).toBe(await count(replicaOwner, `select count(*) as n from children where street_code = 'dinghai' and status = 'active'`));
    expect(await count(env.owner, `select count(*) as n from indicator_cache where indicator = 'visits.onTime' and as_of = $1`, [today])).toBeGreaterThan(0);
    expect(await count(replicaOwner, 'select count(*) as n from indicator_cache')).toBe(0);
  });

  it('builds the quarterly workbook from the second instance and audits it on the primary', async () => {
    const leader = await login('leader');
    const before = await count(replicaOwner, 'select count(*) as n from audit_log');
    const res = await leader.get('/api/plan/report.xlsx');
    expect(res.statusCode, res.body).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(new Uint8Array(res.rawPayload).buffer);
    const cells: string[] = [];
    wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => cells.push(String(c.value)))));
    expect(cells).toContain(TASK_THERE);
    // The page itself reads the primary (cheap, and fresh the moment a report is submitted).
    expect(JSON.stringify((await leader.get('/api/dashboard')).json())).not.toContain(TASK_THERE);
    expect(await count(env.owner, `select count(*) as n from audit_log where action = 'plan.report.export'`)).toBe(1);
    expect(await count(replicaOwner, 'select count(*) as n from audit_log')).toBe(before);
  });

  it('refuses every write in a report transaction, with the read URL and without it', async () => {
    const ctx: RequestCtx = { requestId: 'read-only-test', ip: null, userAgent: null, actor: null };
    for (const database of [db, env.db]) {
      await expect(inReadScope(database, ctx, (tx) => tx.client.query(`update streets set name = name`))).rejects.toMatchObject({ code: '25006' });
      await expect(inReadScope(database, ctx, (tx) => tx.audit({ action: 'test.write' }))).rejects.toThrow(/只读报表事务/);
    }
    expect(await count(env.owner, `select count(*) as n from audit_log where action = 'test.write'`)).toBe(0);
  });

  it('refuses a read URL that would bypass row-level security (a superuser) at start-up', async () => {
    await expect(checkReadRole(replicaOwnerUrl)).rejects.toBeInstanceOf(StartupError);
    await expect(checkReadRole(replicaAppUrl)).resolves.toBeUndefined();
  });
});
