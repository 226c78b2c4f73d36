/**
 * Crash consistency (kill -9). The real server runs as a child process (`node --import tsx
 * server/src/main.ts`, on a clone of the test template database, the test master key, background
 * jobs off) and is killed with SIGKILL in the middle of
 *   1. an Excel import's commit (a few thousand children with their guardians), and
 *   2. a district matching run (免申即享),
 * then started again. Nothing may be half-written: the import's children are all there or none,
 * no row of any table with a child_id moved, the import's record does not stay 'committing', the
 * audit chain still verifies; the matching results are all of one run (the one before the kill)
 * and the killed run's record says 'interrupted'. Re-running each completes with exactly the
 * expected rows.
 *
 * The moment of the kill is chosen deterministically, not by timing: the test holds the audit
 * chain's lock (pg_advisory_xact_lock(4242001), taken by audit_append) on its own connection. Both
 * jobs append their audit rows last, after every data row is written in their transaction, so
 * they stop there — all their writes done, nothing committed — and the test kills the server once
 * pg_stat_activity shows the server's connection waiting for that lock. That is the worst moment:
 * everything written, the COMMIT not yet sent.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportReport } from '#common/files.js';
import { RunResult } from '#common/eligibility.js';
import { deriveKeys, parseMasterKey } from '../crypto/keys.js';
import { freePort } from '../db/embedded.js';
import { verifyAuditChain } from '../modules/audit/verify.js';
import { cloneDatabase } from '../../test/harness.js';
import { TEST_MASTER_KEY } from '../../test/globalSetup.js';
import { importWorkbook } from '../../test/importWorkbook.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const ROWS = 2500;
const AUDIT_LOCK = 4242001;

let db: { ownerUrl: string; name: string };
let owner: pg.Client;
let dataDir: string;
let server: ChildProcess | null = null;
let base = '';
let output = '';

async function start(): Promise<void> {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'test',
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_URL: db.ownerUrl,
    NUANYANG_MASTER_KEY: TEST_MASTER_KEY,
    NUANYANG_DATA_DIR: dataDir,
    NUANYANG_DEMO: '1',
    NUANYANG_JOBS: 'false',
    LOG_LEVEL: 'warn',
  };
  delete env.APP_DATABASE_URL;
  delete env.VITEST; // the server is a program of its own, not a test
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'server/src/main.ts')], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  server = child;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`server exited: ${output}`);
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {
      /* not listening yet */
    }
    if (i > 600) throw new Error(`server did not start: ${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** SIGKILL: no shutdown hook runs, the pool's connections just drop. */
async function kill9(): Promise<void> {
  const child = server;
  if (!child) return;
  server = null;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await exited;
}

class Client {
  private cookie = '';
  private csrf = '';
  static async login(username: string): Promise<Client> {
    const c = new Client();
    const res = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: 'nuanyang-demo' }),
    });
    if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
    c.cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    c.csrf = ((await res.json()) as { csrfToken: string }).csrfToken;
    return c;
  }
  async get(url: string): Promise<Response> {
    return fetch(`${base}${url}`, { headers: { cookie: this.cookie } });
  }
  async post(url: string, body: unknown = {}): Promise<Response> {
    return fetch(`${base}${url}`, {
      method: 'POST',
      headers: { cookie: this.cookie, 'x-csrf-token': this.csrf, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  }
  async report(id: string): Promise<ImportReport> {
    const res = await this.get(`/api/imports/${id}?pageSize=5`);
    if (!res.ok) throw new Error(`report: ${res.status} ${await res.text()}`);
    return ImportReport.parse(await res.json());
  }
  async waitFor(id: string, statuses: string[]): Promise<ImportReport> {
    for (let i = 0; ; i++) {
      const r = await this.report(id);
      if (statuses.includes(r.status)) return r;
      if (i > 1200) throw new Error(`import ${id} still ${r.status}`);
      await new Promise((res) => setTimeout(res, 100));
    }
  }
  async upload(file: Buffer): Promise<string> {
    const res = await this.post('/api/children/import', { filename: 'crash.xlsx', contentBase64: file.toString('base64') });
    if (!res.ok) throw new Error(`upload: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { id: string }).id;
  }
}

/** Row counts of every table holding a child's data (a child_id column), and of children. */
async function childTableCounts(): Promise<Record<string, number>> {
  const tables = await owner.query<{ table_name: string }>(
    `select distinct c.table_name from information_schema.columns c join information_schema.tables t using (table_schema, table_name)
      where c.table_schema = 'public' and c.column_name = 'child_id' and t.table_type = 'BASE TABLE' order by 1`,
  );
  const out: Record<string, number> = {};
  for (const t of [{ table_name: 'children' }, ...tables.rows]) {
    out[t.table_name] = Number((await owner.query<{ n: string }>(`select count(*) as n from ${pg.escapeIdentifier(t.table_name)}`)).rows[0]?.n);
  }
  return out;
}

/** Holds the audit chain's lock on a connection of its own until released. */
async function holdAuditLock(): Promise<{ release: () => Promise<void> }> {
  const c = new pg.Client({ connectionString: db.ownerUrl });
  await c.connect();
  await c.query('begin');
  await c.query('select pg_advisory_xact_lock($1)', [AUDIT_LOCK]);
  return {
    release: async () => {
      await c.query('rollback');
      await c.end();
    },
  };
}

/** Waits until one of the server's connections waits for the audit lock: its writes are done, its COMMIT not sent. */
async function waitForAuditLockWaiter(): Promise<number> {
  for (let i = 0; ; i++) {
    const r = await owner.query<{ pid: number }>(
      `select a.pid from pg_stat_activity a join pg_locks l on l.pid = a.pid
        where a.datname = current_database() and not l.granted and l.locktype = 'advisory' and l.objid = $1`,
      [AUDIT_LOCK],
    );
    const pid = r.rows[0]?.pid;
    if (pid !== undefined) return pid;
    if (server?.exitCode !== null && server?.exitCode !== undefined) throw new Error(`server exited: ${output}`);
    if (i > 1800) throw new Error('no job reached the audit append');
    await new Promise((res) => setTimeout(res, 100));
  }
}

/** The backend of the killed server's transaction ends once it finds its client gone (its transaction rolled back). */
async function waitBackendGone(pid: number): Promise<void> {
  for (let i = 0; ; i++) {
    const r = await owner.query('select 1 from pg_stat_activity where pid = $1', [pid]);
    if (!r.rowCount) return;
    if (i > 600) {
      await owner.query('select pg_terminate_backend($1)', [pid]);
      return;
    }
    await new Promise((res) => setTimeout(res, 100));
  }
}

async function auditChainOk(): Promise<void> {
  const keys = deriveKeys(parseMasterKey(TEST_MASTER_KEY));
  const v = await verifyAuditChain(owner, { anchor: { dataDir, key: keys.auditCheckpoint } });
  expect(v.reason).toBeNull();
  expect(v.ok).toBe(true);
}

beforeAll(async () => {
  db = await cloneDatabase();
  owner = new pg.Client({ connectionString: db.ownerUrl });
  await owner.connect();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nuanyang-crash-'));
  await start();
}, 180_000);

afterAll(async () => {
  await kill9();
  await owner?.end();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('kill -9 during an import commit', () => {
  it('leaves the import all there or not at all, marks it failed, and a re-run gives exactly the rows', async () => {
    const file = await importWorkbook(ROWS, 15_015_001);
    let district = await Client.login('district');
    const id = await district.upload(file);
    const checked = await district.waitFor(id, ['checked', 'invalid', 'failed']);
    expect(checked.status, JSON.stringify(checked.problems.items)).toBe('checked');
    expect(checked.createdRows).toBe(ROWS);
    const before = await childTableCounts();

    // Commit, hold it at its audit append (every row written, nothing committed), kill -9.
    const commit = await district.post(`/api/imports/${id}/commit`);
    expect(commit.status).toBe(200);
    const lock = await holdAuditLock();
    const waiter = await waitForAuditLockWaiter();
    const stillRunning = await owner.query<{ status: string }>('select status from imports where id = $1', [id]);
    expect(stillRunning.rows[0]?.status).toBe('committing');
    await kill9();
    await lock.release();
    await waitBackendGone(waiter);

    // Nothing half-written: not one child, guardian, category or any other child row of the import.
    expect(await childTableCounts()).toEqual(before);
    const audited = await owner.query(`select 1 from audit_log where action = 'import.commit' and entity_id = $1`, [id]);
    expect(audited.rowCount).toBe(0);

    // After the restart the import says it was interrupted (failed, nothing written), not 'committing' for ever.
    await start();
    await auditChainOk();
    district = await Client.login('district');
    const lost = await district.waitFor(id, ['failed', 'committed']);
    expect(lost.status).toBe('failed');
    expect(lost.problems.items[0]?.message).toContain('未写入任何数据');
    expect(await district.post(`/api/imports/${id}/commit`).then((r) => r.status)).toBe(409);

    // The same file again: checked as all new, committed with exactly its rows.
    const again = await district.upload(file);
    const rechecked = await district.waitFor(again, ['checked', 'invalid', 'failed']);
    expect(rechecked.status).toBe('checked');
    expect(rechecked.createdRows).toBe(ROWS);
    expect((await district.post(`/api/imports/${again}/commit`)).status).toBe(200);
    const done = await district.waitFor(again, ['committed', 'failed']);
    expect(done.status, done.error ?? '').toBe('committed');
    expect(done.createdRows).toBe(ROWS);
    const after = await childTableCounts();
    expect(after.children).toBe((before.children ?? 0) + ROWS);

    // Idempotent: once more, every row is already there and nothing is written.
    const third = await district.upload(file);
    const thrice = await district.waitFor(third, ['checked', 'invalid', 'failed']);
    expect(thrice.status).toBe('checked');
    expect(thrice.createdRows).toBe(0);
    expect(thrice.unchangedRows).toBe(ROWS);
    expect((await district.post(`/api/imports/${third}/commit`)).status).toBe(200);
    expect((await district.waitFor(third, ['committed', 'failed'])).status).toBe('committed');
    expect(await childTableCounts()).toEqual(after);
    await auditChainOk();
  }, 420_000); // about 50 s on a quiet machine; minutes on a loaded CI runner
});

describe('kill -9 during the district matching run', () => {
  const digest = async () =>
    (
      await owner.query<{ n: string; d: string | null; days: string[] }>(
        `select count(*) as n, md5(string_agg(child_id || policy_id || as_of || verdict || coalesce(amount_fen::text, '-'), ',' order by child_id, policy_id)) as d,
                array_agg(distinct as_of::text) as days
           from eligibility_results`,
      )
    ).rows[0];

  it('leaves the results of the previous run, records the run as interrupted, and a re-run completes', async () => {
    let district = await Client.login('district');
    const first = await district.post('/api/eligibility/run', { asOf: '2026-12-01' });
    expect(first.status).toBe(200);
    const firstRun = RunResult.parse(await first.json());
    expect(firstRun.children).toBeGreaterThan(ROWS);
    const results = await digest();
    expect(results?.days).toEqual(['2026-12-01']);
    const entitlements = (await owner.query('select id from entitlements')).rowCount;
    const runsAudited = (await owner.query(`select 1 from audit_log where action = 'eligibility.run'`)).rowCount;

    // A run a year later changes ages and so results; held at its audit append, then killed.
    const lock = await holdAuditLock();
    const pending = district.post('/api/eligibility/run', { asOf: '2027-12-01' }).catch(() => null);
    const waiter = await waitForAuditLockWaiter();
    const running = await owner.query<{ status: string }>(`select status from matching_runs where as_of = '2027-12-01'`);
    expect(running.rows.map((r) => r.status)).toEqual(['running']);
    await kill9();
    expect(await pending).toBeNull(); // the caller got no answer: the connection dropped
    await lock.release();
    await waitBackendGone(waiter);

    // Consistent: every stored result is still of the previous run, the same rows; no suggestions added.
    expect(await digest()).toEqual(results);
    expect((await owner.query('select id from entitlements')).rowCount).toBe(entitlements);
    expect((await owner.query(`select 1 from audit_log where action = 'eligibility.run'`)).rowCount).toBe(runsAudited);

    // After the restart the killed run is recorded as interrupted, and a run completes.
    await start();
    await auditChainOk();
    const runs = await owner.query<{ as_of: string; status: string }>(`select as_of::text, status from matching_runs order by started_at`);
    expect(runs.rows).toEqual([
      { as_of: '2026-12-01', status: 'done' },
      { as_of: '2027-12-01', status: 'interrupted' },
    ]);
    district = await Client.login('district');
    const rerun = await district.post('/api/eligibility/run', { asOf: '2027-12-01' });
    expect(rerun.status).toBe(200);
    expect(RunResult.parse(await rerun.json()).children).toBe(firstRun.children);
    const rerunResults = await digest();
    expect(rerunResults?.days).toEqual(['2027-12-01']);
    expect(rerunResults?.n).toBe(results?.n);
    const last = await owner.query<{ status: string }>(`select status from matching_runs order by started_at desc limit 1`);
    expect(last.rows[0]?.status).toBe('done');
    await auditChainOk();
  }, 420_000); // about 50 s on a quiet machine; minutes on a loaded CI runner
});
