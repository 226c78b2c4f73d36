/**
 * `npm run restore -- FILE`: the backup back into a database, all or nothing.
 *
 * 1. The whole file is read and authenticated first (every chunk, every table's checksum against
 *    the manifest): a wrong key, a truncated or altered file stops here, before any connection.
 * 2. One transaction then: (with --force, the target's public schema dropped) the migrations the
 *    backup was taken at replayed, the tables emptied of the rows those migrations wrote, the
 *    tables loaded with COPY in foreign-key order with their own triggers off (rows arrive as they
 *    were: the audit log's append-only trigger does not refuse them, the area-copying triggers do
 *    not rewrite them; foreign keys stay checked), the sequences set, every table read back and its
 *    row count and SHA-256 compared with the manifest, a `backup.restore` security event recorded.
 *    Any failure rolls all of it back.
 *    Migrations newer than the backup are applied in the same transaction, after the comparison.
 * 3. The audit checkpoints are written back (or, for a
 *    database of another name, a new one signed over the restored chain), and the audit chain
 *    verified as `npm run audit:verify` does.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { ensureAppRole } from '../db/database.js';
import { migrationFiles } from '../db/migrate.js';
import { alertAuditors } from '../http/securityAlert.js';
import { checkpointFile, writeCheckpoint, type AuditHashAlg } from '../modules/audit/checkpoints.js';
import { verifyAuditChain, type VerifyResult } from '../modules/audit/verify.js';
import { copyIn, copyOut, type CopyIn } from './pgcopy.js';
import {
  BackupError,
  FORMAT_VERSION,
  FileBeginSchema,
  FileEndSchema,
  HeaderSchema,
  ManifestSchema,
  TableBeginSchema,
  TableEndSchema,
  decryptFile,
  errorText,
  frames,
  masterKeyId,
  parseJson,
  type BackupHeader,
  type KeySource,
  type Manifest,
} from './format.js';
import * as repo from './repo.js';

export interface RestoreOptions {
  file: string;
  /** Owner connection to the target database (created when it does not exist). */
  targetUrl: string;
  key: KeySource;
  appRole: string;
  /** The application role's password; null when the role is managed outside (APP_DATABASE_URL). */
  appDbPassword: string | null;
  force: boolean;
  dataDir: string;
  auditKey: Buffer;
  auditHash: AuditHashAlg;
  log?: (m: string) => void;
}

export interface RestoredTable {
  name: string;
  rows: number;
  sha256: string;
}

export interface RestoreResult {
  manifest: Manifest;
  database: string;
  tables: RestoredTable[];
  rows: number;
  laterMigrations: string[];
  checkpoints: 'restored' | 'signed-new' | 'none';
  audit: VerifyResult;
  ms: number;
}

const MALFORMED = '备份内容格式错误（文件被修改？）/ malformed backup content (was the file altered?)';

interface ReadBackup {
  manifest: Manifest;
  files: Map<string, Buffer>;
}

/** Pass 1: reads the whole file, checks every table's and file's checksum; returns the manifest. */
export async function readBackup(file: string, key: KeySource): Promise<ReadBackup> {
  let header: BackupHeader | null = null;
  let manifest: Manifest | null = null;
  type Open = { kind: 'table'; name: string; columns: string[] } | { kind: 'file'; path: string; parts: Buffer[] };
  let open: Open | null = null;
  let hash = crypto.createHash('sha256');
  let rows = 0;
  let bytes = 0;
  const seenTables: { name: string; columns: string[]; rows: number; bytes: number; sha256: string }[] = [];
  const seenFiles = new Map<string, Buffer>();
  for await (const f of frames(decryptFile(file, key))) {
    if (manifest) throw new BackupError(MALFORMED);
    if (f.type === 'H') {
      if (header) throw new BackupError(MALFORMED);
      header = parseJson(f.payload, HeaderSchema, MALFORMED);
      if (header.version !== FORMAT_VERSION) throw new BackupError(`不支持的备份格式版本 ${header.version} / unsupported backup format version`);
      continue;
    }
    if (!header) throw new BackupError(MALFORMED);
    if (f.type === 'T' || f.type === 'F') {
      if (open) throw new BackupError(MALFORMED);
      if (f.type === 'T') {
        const t = parseJson(f.payload, TableBeginSchema, MALFORMED);
        open = { kind: 'table', name: t.name, columns: t.columns };
      } else {
        open = { kind: 'file', path: parseJson(f.payload, FileBeginSchema, MALFORMED).path, parts: [] };
      }
      hash = crypto.createHash('sha256');
      rows = 0;
      bytes = 0;
    } else if (f.type === 'D') {
      if (!open) throw new BackupError(MALFORMED);
      hash.update(f.payload);
      bytes += f.payload.length;
      if (open.kind === 'file') open.parts.push(Buffer.from(f.payload));
      else for (let p = f.payload.indexOf(10); p !== -1; p = f.payload.indexOf(10, p + 1)) rows++;
    } else if (f.type === 'E') {
      if (!open) throw new BackupError(MALFORMED);
      const digest = hash.digest('hex');
      if (open.kind === 'table') {
        const e = parseJson(f.payload, TableEndSchema, MALFORMED);
        if (e.rows !== rows || e.bytes !== bytes || e.sha256 !== digest)
          throw new BackupError(`表 ${open.name} 的数据与其校验和不符 / table ${open.name} does not match its checksum`);
        seenTables.push({ name: open.name, columns: open.columns, rows, bytes, sha256: digest });
      } else {
        const e = parseJson(f.payload, FileEndSchema, MALFORMED);
        if (e.size !== bytes || e.sha256 !== digest) throw new BackupError(`文件 ${open.path} 与其校验和不符 / file ${open.path} does not match its checksum`);
        seenFiles.set(open.path, Buffer.concat(open.parts));
      }
      open = null;
    } else if (f.type === 'M') {
      if (open) throw new BackupError(MALFORMED);
      manifest = parseJson(f.payload, ManifestSchema, MALFORMED);
    }
  }
  if (!header || !manifest) throw new BackupError('备份文件不完整（缺少清单）/ the backup file is incomplete (no manifest)');
  const m = manifest;
  const sameTables =
    m.tables.length === seenTables.length &&
    m.tables.every((t, i) => {
      const s = seenTables[i];
      return (
        s && s.name === t.name && s.rows === t.rows && s.bytes === t.bytes && s.sha256 === t.sha256 && s.columns.join('\u0000') === t.columns.join('\u0000')
      );
    });
  const sameFiles = m.files.length === seenFiles.size && m.files.every((f) => seenFiles.get(f.path)?.length === f.size);
  if (!sameTables || !sameFiles || JSON.stringify(m.migrations) !== JSON.stringify(header.migrations) || m.masterKeyId !== header.masterKeyId) {
    throw new BackupError('清单与备份内容不符 / the manifest does not match the backup content');
  }
  return { manifest: m, files: seenFiles };
}

function withDatabase(url: string, db: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(db)}`;
  return u.toString();
}

interface Target {
  client: pg.PoolClient;
  close(): Promise<void>;
}

/** One connection (from a pool of one: the security event helpers take a pool client). */
async function connectTarget(url: string): Promise<Target> {
  const connect = async (u: string): Promise<Target> => {
    const pool = new pg.Pool({ connectionString: u, max: 1, connectionTimeoutMillis: 10_000 });
    pool.on('error', () => {}); // a lost connection surfaces through the failing query
    try {
      const client = await pool.connect();
      client.on('error', () => {});
      return {
        client,
        close: async () => {
          client.release();
          await pool.end().catch(() => {});
        },
      };
    } catch (err) {
      await pool.end().catch(() => {});
      throw err;
    }
  };
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  if (!name) throw new BackupError('目标数据库地址中没有数据库名 / the target URL names no database');
  try {
    return await connect(url);
  } catch (err) {
    const code: unknown = err instanceof Error ? Reflect.get(err, 'code') : undefined;
    if (code !== '3D000') throw new BackupError(`无法连接目标数据库 / cannot connect to the target database: ${errorText(err)}`);
  }
  // It does not exist yet: created from the server's maintenance database.
  let admin: Target;
  try {
    admin = await connect(withDatabase(url, 'postgres'));
  } catch (err) {
    throw new BackupError(`目标数据库 ${name} 不存在且无法创建 / the target database ${name} does not exist and cannot be created: ${errorText(err)}`);
  }
  try {
    if (!(await repo.databaseExists(admin.client, name))) await repo.createDatabase(admin.client, name);
  } finally {
    await admin.close();
  }
  return connect(url);
}

const CHECKPOINT_PATH = /^audit-checkpoints\/[A-Za-z0-9_-]+\.jsonl$/;

export async function restore(o: RestoreOptions): Promise<RestoreResult> {
  const log = o.log ?? (() => {});
  const started = Date.now();
  log('① 校验备份文件 / checking the backup file …');
  const { manifest, files } = await readBackup(o.file, o.key);
  const total = manifest.tables.reduce((n, t) => n + t.rows, 0);
  log(
    `  备份时间 / taken at ${manifest.createdAt}，来源 / from ${manifest.source.database} (PostgreSQL ${manifest.source.server})，${manifest.tables.length} 张表 / tables，${total} 行 / rows：完整 / intact`,
  );
  if (manifest.masterKeyId !== masterKeyId(o.key.master)) {
    throw new BackupError(
      '备份中的加密字段由另一个主密钥加密：请使用原系统的 NUANYANG_MASTER_KEY（或 master.key）/ the fields in this backup were encrypted with another master key: restore with the original NUANYANG_MASTER_KEY',
    );
  }
  const known = migrationFiles(o.appRole);
  const byName = new Map(known.map((m) => [m.name, m]));
  const unknown = manifest.migrations.filter((n) => !byName.has(n));
  if (unknown.length) {
    throw new BackupError(
      `备份来自更新的版本（本程序没有迁移 ${unknown.join(', ')}）：请先升级程序 / the backup comes from a newer version (unknown migrations): upgrade first`,
    );
  }
  const later = known.filter((m) => !manifest.migrations.includes(m.name)).map((m) => m.name);

  const target = await connectTarget(o.targetUrl);
  const client = target.client;
  try {
    const database = await repo.currentDatabase(client);
    if (o.appDbPassword !== null) await ensureAppRole(client, o.appRole, o.appDbPassword, database);
    const contents = await repo.targetContents(client);
    if (contents.holdsData && !o.force) {
      throw new BackupError(
        `目标数据库 ${database} 中已有数据，恢复会将其全部替换。确认要替换时加 --force（建议先备份它）/ the target database ${database} holds data; a restore replaces all of it: add --force to confirm (back it up first)`,
      );
    }
    log(`② 恢复到数据库 / restoring into ${database} …`);
    const restored: RestoredTable[] = [];
    await client.query('begin');
    try {
      await repo.setTextSettings(client);
      if (contents.objects > 0) await repo.resetPublicSchema(client);
      await repo.createMigrationsTable(client);
      for (const name of manifest.migrations) {
        const m = byName.get(name);
        if (!m) continue;
        await client.query(m.sql);
        await repo.recordMigration(client, m.name, m.checksum);
      }
      // The rows the migrations wrote (reference lists, settings) are replaced by the backup's.
      const schema = await repo.tablesInDependencyOrder(client);
      const inSchema = new Map(schema.map((t) => [t.name, t]));
      for (const t of manifest.tables) {
        const s = inSchema.get(t.name);
        if (!s || s.columns.join('\u0000') !== t.columns.join('\u0000')) {
          throw new BackupError(`表 ${t.name} 的结构与备份不符 / table ${t.name} does not match the backup's columns`);
        }
      }
      for (const t of schema) await repo.setUserTriggers(client, t.name, false);
      await repo.truncateAll(
        client,
        schema.map((t) => t.name),
      );

      let copy: CopyIn | null = null;
      let current: { name: string; rows: number; sha256: string } | null = null;
      let index = 0;
      try {
        for await (const f of frames(decryptFile(o.file, o.key))) {
          if (f.type === 'T') {
            const t = parseJson(f.payload, TableBeginSchema, MALFORMED);
            const entry = manifest.tables[index++];
            if (!entry || entry.name !== t.name) throw new BackupError(MALFORMED);
            current = { name: entry.name, rows: entry.rows, sha256: entry.sha256 };
            copy = await copyIn(client, repo.copyInSql(t.name, t.columns));
          } else if (f.type === 'D' && copy) {
            await copy.write(f.payload);
          } else if (f.type === 'E' && copy && current) {
            const loaded = await copy.end();
            copy = null;
            if (loaded !== current.rows)
              throw new BackupError(
                `表 ${current.name} 载入 ${loaded} 行，清单为 ${current.rows} 行 / table ${current.name}: ${loaded} rows loaded, ${current.rows} expected`,
              );
            restored.push(current);
            if (current.rows >= 1000 || index === manifest.tables.length)
              log(`  [${index}/${manifest.tables.length}] ${current.name}: ${current.rows} 行 / rows`);
            current = null;
          }
        }
      } catch (err) {
        if (copy) await copy.fail('restore aborted');
        throw err;
      }
      for (const t of schema) await repo.setUserTriggers(client, t.name, true);
      for (const s of manifest.sequences) await repo.setSequence(client, s.name, s.lastValue, s.isCalled);

      log('③ 核对行数与校验和 / checking row counts and checksums …');
      for (const t of manifest.tables) {
        const info = inSchema.get(t.name);
        if (!info) throw new BackupError(MALFORMED);
        const hash = crypto.createHash('sha256');
        let rows = 0;
        await copyOut(client, repo.copyOutSql(info), (chunk) => {
          hash.update(chunk);
          for (let p = chunk.indexOf(10); p !== -1; p = chunk.indexOf(10, p + 1)) rows++;
        });
        const digest = hash.digest('hex');
        if (rows !== t.rows || digest !== t.sha256) {
          throw new BackupError(`恢复后表 ${t.name} 与备份不符（${rows}/${t.rows} 行）/ table ${t.name} differs from the backup after loading`);
        }
      }
      // Migrations newer than the backup, in the same transaction (the security event's table may be one of them).
      if (later.length) log(`④ 应用备份之后的 ${later.length} 个迁移 / applying ${later.length} newer migrations …`);
      for (const name of later) {
        const m = byName.get(name);
        if (!m) continue;
        await client.query(m.sql);
        await repo.recordMigration(client, m.name, m.checksum);
        log(`  ${m.name}`);
      }
      await alertAuditors(
        { client },
        {
          kind: 'backup.restore',
          severity: 'info',
          title: '数据库已从备份恢复',
          body: `备份 ${path.basename(o.file)}（${manifest.createdAt} 取自 ${manifest.source.database}）已恢复到 ${database}：${manifest.tables.length} 张表，${total} 行，行数与校验和一致。`,
          userId: null,
          username: null,
          unitCode: null,
          detail: {
            file: path.basename(o.file),
            createdAt: manifest.createdAt,
            source: manifest.source,
            tables: manifest.tables.length,
            rows: total,
            forced: o.force,
          },
        },
      );
      await client.query('commit');
    } catch (err) {
      await client.query('rollback').catch(() => {});
      throw err;
    }

    // Audit checkpoints: the backup's own when the database keeps its name, else a new one.
    const cpFile = checkpointFile(o.dataDir, database);
    if (fs.existsSync(cpFile)) fs.renameSync(cpFile, `${cpFile}.before-restore-${new Date().toISOString().replace(/[:.]/g, '')}`);
    let checkpoints: RestoreResult['checkpoints'] = 'none';
    for (const f of manifest.files) {
      if (!CHECKPOINT_PATH.test(f.path)) continue;
      if (path.join(o.dataDir, ...f.path.split('/')) !== cpFile) continue;
      fs.mkdirSync(path.dirname(cpFile), { recursive: true, mode: 0o700 });
      fs.writeFileSync(cpFile, files.get(f.path) ?? Buffer.alloc(0), { mode: 0o600 });
      checkpoints = 'restored';
    }
    const cp = await writeCheckpoint(client, { dataDir: o.dataDir, key: o.auditKey, alg: o.auditHash });
    if (cp.written && checkpoints === 'none') checkpoints = 'signed-new';
    const audit = await verifyAuditChain(client, { anchor: { dataDir: o.dataDir, key: o.auditKey } });
    return { manifest, database, tables: restored, rows: total, laterMigrations: later, checkpoints, audit, ms: Date.now() - started };
  } finally {
    await target.close();
  }
}
