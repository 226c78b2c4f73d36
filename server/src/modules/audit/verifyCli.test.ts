/**
 * `npm run audit:verify` as a child process: its exit code is what a backup script or a cron job sees.
 * 0 intact, 1 broken, 2 could not check — and a message, never a stack trace.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { testEnv, type TestEnv } from '../../../test/harness.js';
import { TEST_MASTER_KEY } from '../../../test/globalSetup.js';
import { freePort } from '../../db/embedded.js';
import { loadConfig } from '../../config.js';
import { openDatabase } from '../../db/database.js';
import { deriveKeys, parseMasterKey } from '../../crypto/keys.js';

const root = path.resolve(import.meta.dirname, '../../../..');
const cli = path.join(root, 'server/src/modules/audit/verifyCli.ts');
// Each run starts Node with tsx: seconds each on a busy machine.
const SLOW = { timeout: 180_000 };

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runCli(env: Record<string, string>, args: string[] = []): Promise<Run> {
  // Only what the tool needs: nothing from the test process's own database settings leaks in.
  const base: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? os.tmpdir(), NODE_ENV: 'test' };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', cli, ...args], { cwd: root, env: { ...base, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

let env: TestEnv;
let dataDir: string;
let dbName: string;
beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nuanyang-verifycli-'));
  env = await testEnv({ dataDir });
  dbName = (await env.owner.query('select current_database() as db')).rows[0].db;
  const a = await env.login('auditor');
  await a.get('/api/auth/me');
});
afterAll(async () => {
  await env?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('npm run audit:verify', () => {
  it('exits 0 on an intact chain, and 1 (with the row) once a row is altered', SLOW, async () => {
    const vars = { DATABASE_URL: env.db.ownerUrl, NUANYANG_MASTER_KEY: TEST_MASTER_KEY, NUANYANG_DATA_DIR: dataDir };
    const ok = await runCli(vars);
    expect(ok.stderr).toBe('');
    expect(ok.stdout).toContain('audit chain intact');
    expect(ok.code).toBe(0);

    const victim = (await env.owner.query<{ id: number }>('select min(id) as id from audit_log')).rows[0]!.id;
    await env.owner.query('alter table audit_log disable trigger audit_log_no_update');
    await env.owner.query(`update audit_log set action = 'tampered' where id = $1`, [victim]);
    await env.owner.query('alter table audit_log enable trigger audit_log_no_update');
    const broken = await runCli(vars);
    expect(broken.stdout).toContain(`BROKEN at row ${victim}`);
    expect(broken.code).toBe(1);
  });

  it('runs beside a running embedded cluster: connects to it through the port in postmaster.pid', SLOW, async (ctx) => {
    const testDataDir = inject('pgDataDir');
    if (!fs.existsSync(path.join(testDataDir, 'pg', 'postmaster.pid'))) ctx.skip(); // tests on DATABASE_URL: no embedded cluster
    // The harness's embedded cluster is running (like a server's), so it cannot be started again.
    const r = await runCli({ NUANYANG_MASTER_KEY: TEST_MASTER_KEY, NUANYANG_DATA_DIR: testDataDir }, ['--database', dbName]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('BROKEN at row'); // the database tampered with above
    expect(r.code).toBe(1);
  });

  it('starts a stopped embedded cluster itself, and still exits 1 on a broken chain (the exit hook no longer wins)', { timeout: 300_000 }, async () => {
    const own = fs.mkdtempSync(path.join(os.tmpdir(), 'nuanyang-verifycli-embedded-'));
    try {
      const config = loadConfig({ NUANYANG_DATA_DIR: own, NUANYANG_MASTER_KEY: TEST_MASTER_KEY, NODE_ENV: 'test' });
      const db = await openDatabase({ config, keys: deriveKeys(parseMasterKey(TEST_MASTER_KEY)) });
      try {
        for (const action of ['a.one', 'a.two', 'a.three']) {
          await db.owner.query(`select audit_append(null, 'x', null, null, null, $1, null, null, 'success', null, null, null)`, [action]);
        }
        await db.owner.query('alter table audit_log disable trigger audit_log_no_update');
        await db.owner.query(`update audit_log set username = 'y' where action = 'a.two'`);
      } finally {
        await db.close(); // the cluster stops: the tool must start it
      }
      const r = await runCli({ NUANYANG_MASTER_KEY: TEST_MASTER_KEY, NUANYANG_DATA_DIR: own });
      expect(r.stderr).toBe('');
      expect(r.stdout).toContain('BROKEN at row 2');
      expect(r.code).toBe(1);
      expect(fs.existsSync(path.join(own, 'pg', 'postmaster.pid'))).toBe(false); // and stopped it again
    } finally {
      fs.rmSync(own, { recursive: true, force: true });
    }
  });

  it('exits 2 with a message, not a stack trace, when it cannot check', SLOW, async () => {
    const port = await freePort(); // nothing listens there
    const down = await runCli({ DATABASE_URL: `postgres://x:y@127.0.0.1:${port}/nuanyang`, NUANYANG_MASTER_KEY: TEST_MASTER_KEY, NUANYANG_DATA_DIR: dataDir });
    expect(down.code).toBe(2);
    expect(down.stderr).toContain('无法连接数据库');
    expect(down.stderr).not.toMatch(/\n\s+at /);

    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'nuanyang-verifycli-empty-'));
    try {
      const none = await runCli({ NUANYANG_MASTER_KEY: TEST_MASTER_KEY, NUANYANG_DATA_DIR: empty });
      expect(none.code).toBe(2);
      expect(none.stderr).toContain('没有内置数据库');
      const noKey = await runCli({ NUANYANG_DATA_DIR: empty });
      expect(noKey.code).toBe(2);
      expect(noKey.stderr).toContain('未找到主密钥');
      expect(fs.existsSync(path.join(empty, 'master.key'))).toBe(false);
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
    const badArg = await runCli({ DATABASE_URL: env.db.ownerUrl, NUANYANG_MASTER_KEY: TEST_MASTER_KEY, NUANYANG_DATA_DIR: dataDir }, ['--nonsense']);
    expect(badArg.code).toBe(2);
    expect(badArg.stderr).toContain('未知参数');
  });
});
