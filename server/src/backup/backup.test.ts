/**
 * Backup and restore (requirement 28) on a real database (the embedded cluster or CI's
 * PostgreSQL): the test database with demo data, audit rows, an attachment and a signed audit
 * checkpoint is backed up and restored into a scratch database; every table's row count and
 * content (computed here independently of the backup code) match, the audit chain verifies, the
 * restore is recorded as a security event. An altered, truncated or wrongly keyed file and a
 * target holding data are refused with nothing restored. The two commands run once as child
 * processes.
 */
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEnv, type TestEnv } from '../../test/harness.js';
import { TEST_MASTER_KEY } from '../../test/globalSetup.js';
import { deriveKeys, parseMasterKey } from '../crypto/keys.js';
import { writeCheckpoint } from '../modules/audit/checkpoints.js';
import { verifyAuditChain } from '../modules/audit/verify.js';
import { TINY_JPEG } from '../modules/files/testFixtures.js';
import { backup } from './backup.js';
import { BackupError } from './format.js';
import { migrationFiles } from '../db/migrate.js';
import { readBackup, restore, type RestoreOptions } from './restore.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const master = parseMasterKey(TEST_MASTER_KEY);
const keys = deriveKeys(master);
const key = { master, passphrase: null };

let env: TestEnv;
let dataDir: string;
let file: string;
let sourceUrl: string;
let attachmentId: string;
let atBackup: Record<string, string>;
const scratch: string[] = [];

function urlFor(db: string): string {
  const u = new URL(sourceUrl);
  u.pathname = `/${db}`;
  return u.toString();
}
function scratchName(): string {
  const name = `nuanyang_test_restore_${crypto.randomBytes(4).toString('hex')}`;
  scratch.push(name);
  return name;
}
const options = (targetUrl: string, over: Partial<RestoreOptions> = {}): RestoreOptions => ({
  file,
  targetUrl,
  key,
  appRole: 'nuanyang_app',
  appDbPassword: keys.appDbPassword,
  force: false,
  dataDir,
  auditKey: keys.auditCheckpoint,
  auditHash: 'sha256',
  ...over,
});

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** Per table: row count and an MD5 of all rows' text in a fixed order — independent of the backup code. */
async function fingerprint(url: string): Promise<Record<string, string>> {
  return withClient(url, async (c) => {
    await c.query("set timezone = 'UTC'; set datestyle = 'ISO, MDY'; set extra_float_digits = 3");
    const tables = (
      await c.query<{ name: string }>(
        "select relname as name from pg_class where relnamespace = 'public'::regnamespace and relkind = 'r' and relname <> 'schema_migrations' order by 1",
      )
    ).rows;
    const out: Record<string, string> = {};
    for (const { name } of tables) {
      const r = await c.query<{ n: string; h: string | null }>(
        `select count(*)::text as n, md5(string_agg(t::text, E'\\n' order by t::text collate "C")) as h from "${name}" t`,
      );
      out[name] = `${r.rows[0]?.n}:${r.rows[0]?.h ?? ''}`;
    }
    return out;
  });
}

function run(script: string, args: string[], extraEnv: Record<string, string>): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(
      path.join(ROOT, 'node_modules/.bin/tsx'),
      [path.join(ROOT, 'server/src/backup', script), ...args],
      { cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...extraEnv }, timeout: 180_000 },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
        resolve({ code, out: `${stdout}${stderr}` });
      },
    );
  });
}

beforeAll(async () => {
  env = await testEnv();
  sourceUrl = env.db.ownerUrl;
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nuanyang-backup-'));
  const dinghai = await env.login('street-dinghai');
  const childId = (await env.owner.query<{ id: string }>(`select id from children where street_code = 'dinghai' order by id limit 1`)).rows[0]?.id ?? '';
  const up = await dinghai.post('/api/attachments', {
    childId,
    entity: 'child',
    entityId: childId,
    filename: '走访照片.jpg',
    contentBase64: TINY_JPEG.toString('base64'),
  });
  expect(up.statusCode, up.body).toBe(200);
  attachmentId = up.json().id;
  const cp = await writeCheckpoint(env.owner, { dataDir, key: keys.auditCheckpoint, alg: 'sha256' });
  expect(cp.written).toBe(true);
  file = path.join(dataDir, 'backups', 'test.nybak');
  const r = await backup({ sourceUrl, sourceKind: 'external', out: file, key, dataDir });
  expect(r.manifest.files.map((f) => f.path)).toEqual([`audit-checkpoints/${new URL(sourceUrl).pathname.slice(1)}.jsonl`]);
  expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  atBackup = await fingerprint(sourceUrl);
}, 120_000);

afterAll(async () => {
  await env?.close();
  if (sourceUrl) {
    await withClient(urlFor('postgres'), async (c) => {
      for (const name of scratch) await c.query(`drop database if exists "${name}" with (force)`);
    });
  }
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('backup and restore', () => {
  it('restores every table with the same rows, the attachment, the sequences and a verifiable audit chain', async () => {
    const name = scratchName();
    const r = await restore(options(urlFor(name)));
    expect(r.database).toBe(name);
    expect(r.tables.length).toBe(r.manifest.tables.length);
    expect(r.tables.find((t) => t.name === 'children')?.rows).toBeGreaterThan(100);

    const [before, after] = [await fingerprint(sourceUrl), await fingerprint(urlFor(name))];
    // The restore adds its own security event and the auditors' notifications; all else is equal.
    const { security_alerts: _a, notifications: _n, ...rest } = after;
    const { security_alerts: _b, notifications: _m, ...restBefore } = before;
    expect(rest).toEqual(restBefore);
    expect(Object.keys(before).length).toBeGreaterThan(100);

    await withClient(urlFor(name), async (c) => {
      const att = (await c.query<{ content: Buffer }>('select content from attachments where id = $1', [attachmentId])).rows[0];
      expect(att?.content.equals(TINY_JPEG)).toBe(true);
      const alert = (await c.query<{ severity: string }>("select severity from security_alerts where kind = 'backup.restore'")).rows;
      expect(alert.map((a) => a.severity)).toEqual(['info']);
      // The sequences carry on after the restored rows.
      const seq = (await c.query<{ next: number; max: number }>("select nextval('audit_log_id_seq') as next, (select max(id) from audit_log) as max")).rows[0];
      expect(Number(seq?.next)).toBeGreaterThan(Number(seq?.max));
      const audit = await verifyAuditChain(c, { anchor: { dataDir, key: keys.auditCheckpoint } });
      expect(audit).toMatchObject({ ok: true });
      expect(audit.checked).toBeGreaterThan(0);
      expect(audit.checkpoints).toBeGreaterThan(0);
      // The application role works on the restored database, under its row-level security.
      const grants = (await c.query<{ ok: boolean }>("select has_table_privilege('nuanyang_app', 'children', 'select') as ok")).rows[0];
      expect(grants?.ok).toBe(true);
    });
    expect(r.audit.ok).toBe(true);
    expect(r.checkpoints).toBe('signed-new');
  }, 180_000);

  it('refuses an altered, a truncated, an extended or a wrongly keyed file before touching any database', async () => {
    const bytes = fs.readFileSync(file);
    const variants: [string, Buffer, RegExp][] = [
      ['altered', Buffer.from(bytes.map((b, i) => (i === Math.floor(bytes.length / 2) ? b ^ 1 : b))), /已被修改或损坏/],
      ['truncated', bytes.subarray(0, bytes.length - 100), /不完整|已被修改/],
      ['cut at a chunk', bytes.subarray(0, bytes.length - 20), /不完整|已被修改/],
      ['extended', Buffer.concat([bytes, Buffer.from('x')]), /多余数据/],
      ['not a backup', Buffer.from('hello world, this is not a backup at all'), /不是暖杨备份文件/],
    ];
    for (const [label, content, message] of variants) {
      const bad = path.join(dataDir, `bad-${label.replace(/ /g, '-')}.nybak`);
      fs.writeFileSync(bad, content);
      const name = scratchName();
      const err = await restore(options(urlFor(name), { file: bad })).catch((e: unknown) => e);
      expect(err, label).toBeInstanceOf(BackupError);
      expect(String(err), label).toMatch(message);
      const exists = await withClient(urlFor('postgres'), async (c) => (await c.query('select 1 from pg_database where datname = $1', [name])).rowCount);
      expect(exists, label).toBe(0);
    }
    const other = { master: crypto.randomBytes(32), passphrase: null };
    await expect(restore(options(urlFor(scratchName()), { key: other }))).rejects.toThrow(/密钥不符/);
  });

  it('encrypts with a passphrase when one is set, and needs it to read the file', async () => {
    const withPass = path.join(dataDir, 'pass.nybak');
    await backup({ sourceUrl, sourceKind: 'external', out: withPass, key: { master, passphrase: 'correct horse battery staple' }, dataDir });
    await expect(readBackup(withPass, key)).rejects.toThrow(/NUANYANG_BACKUP_PASSPHRASE/);
    await expect(readBackup(withPass, { master, passphrase: 'wrong horse battery staple' })).rejects.toThrow(/口令不符/);
    const ok = await readBackup(withPass, { master, passphrase: 'correct horse battery staple' });
    expect(ok.manifest.tables.length).toBeGreaterThan(100);
  });

  it('refuses a target holding data unless --force; with --force, takes the database back to the backup, checkpoints included', async () => {
    const before = await fingerprint(sourceUrl);
    await expect(restore(options(sourceUrl))).rejects.toThrow(/已有数据.*--force/);
    expect(await fingerprint(sourceUrl)).toEqual(before);

    // Work after the backup: audit rows and a checkpoint over them. Going back to the backup
    // would read as a truncated chain against that checkpoint: the restore sets it aside.
    await env.login('street-pingliang');
    expect((await writeCheckpoint(env.owner, { dataDir, key: keys.auditCheckpoint, alg: 'sha256' })).written).toBe(true);
    const r = await restore(options(sourceUrl, { force: true }));
    expect(r.checkpoints).toBe('restored');
    expect(r.audit).toMatchObject({ ok: true });
    const { security_alerts: _a, notifications: _n, ...now } = await fingerprint(sourceUrl);
    const { security_alerts: _b, notifications: _m, ...then } = atBackup;
    expect(now).toEqual(then);
    const db = new URL(sourceUrl).pathname.slice(1);
    expect(fs.readdirSync(path.join(dataDir, 'audit-checkpoints')).some((f) => f.startsWith(`${db}.jsonl.before-restore-`))).toBe(true);
  }, 180_000);

  it('restores a backup taken before the newest migrations: they are applied in the same transaction', async () => {
    // A database as an older version left it: migrated up to a prefix of today's migrations only
    // (the newest ones create tables and add columns to older ones), with a row of its own; its
    // backup is written by today's backup code, which copies whatever tables the database has.
    const known = migrationFiles('nuanyang_app');
    const cut = known.length - 6;
    const dropped = known.slice(cut).map((m) => m.name);
    const oldName = scratchName();
    await withClient(urlFor('postgres'), (c) => c.query(`create database "${oldName}"`));
    await withClient(urlFor(oldName), async (c) => {
      await c.query(`create table schema_migrations (name text primary key, checksum text not null, applied_at timestamptz not null default now())`);
      for (const m of known.slice(0, cut)) {
        await c.query(m.sql);
        await c.query('insert into schema_migrations (name, checksum) values ($1, $2)', [m.name, m.checksum]);
      }
      await c.query(`insert into streets (code, name, name_en) values ('zz-old', '旧版本街道', 'Old-version street')`);
    });
    const older = path.join(dataDir, 'older.nybak');
    await backup({ sourceUrl: urlFor(oldName), sourceKind: 'external', out: older, key, dataDir });

    const name = scratchName();
    const r = await restore(options(urlFor(name), { file: older }));
    expect(r.laterMigrations).toEqual(dropped);
    expect(r.audit.ok).toBe(true);
    await withClient(urlFor(name), async (c) => {
      const applied = (await c.query<{ name: string }>('select name from schema_migrations order by name')).rows.map((x) => x.name);
      expect(applied).toEqual(known.map((m) => m.name));
      expect((await c.query("select 1 from security_alerts where kind = 'backup.restore'")).rowCount).toBe(1);
      expect((await c.query<{ name: string }>(`select name from streets where code = 'zz-old'`)).rows).toEqual([{ name: '旧版本街道' }]);
    });
  }, 180_000);

  it('runs as commands: a backup, a refused restore, a forced restore over a database', async () => {
    const name = scratchName();
    await withClient(urlFor('postgres'), (c) => c.query(`create database "${name}"`));
    await withClient(urlFor(name), (c) => c.query('create table users (id int); insert into users values (1)'));
    const base = { DATABASE_URL: sourceUrl, NUANYANG_MASTER_KEY: TEST_MASTER_KEY, NUANYANG_DATA_DIR: dataDir };
    const out = path.join(dataDir, 'cli.nybak');
    const b = await run('backupCli.ts', ['--out', out], base);
    expect(b.out).toMatch(/备份完成/);
    expect(b.code).toBe(0);

    const refused = await run('restoreCli.ts', [out, '--database', name], base);
    expect(refused.code).toBe(2);
    expect(refused.out).toMatch(/恢复失败，未恢复任何数据.*已有数据/);
    expect(refused.out).toMatch(/处理 \/ what to do/);
    expect(refused.out).not.toMatch(/\n\s+at /); // no stack trace

    const wrong = await run('restoreCli.ts', [out, '--database', name, '--force'], { ...base, NUANYANG_MASTER_KEY: crypto.randomBytes(32).toString('base64') });
    expect(wrong.code).toBe(2);
    expect(wrong.out).toMatch(/密钥不符/);

    const forced = await run('restoreCli.ts', [out, '--database', name, '--force'], base);
    expect(forced.out).toMatch(/恢复完成/);
    expect(forced.out).toMatch(/审计日志完整/);
    expect(forced.code).toBe(0);
    const { security_alerts: _a, notifications: _n, ...restored } = await fingerprint(urlFor(name));
    const { security_alerts: _b, notifications: _m, ...source } = await fingerprint(sourceUrl);
    expect(restored).toEqual(source);
  }, 240_000);
});
