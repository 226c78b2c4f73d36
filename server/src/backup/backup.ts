/**
 * `npm run backup`: one consistent snapshot of the whole database (every table read in one
 * REPEATABLE READ, READ ONLY transaction) and of the files the data folder holds for it, written
 * as one encrypted `.nybak` file (format.ts). Attachments are stored in the database (table
 * `attachments`, column `content`), so they travel with the table data; the files on disk are the
 * audit log's signed checkpoints (`audit-checkpoints/<database>.jsonl`). The master key is never
 * written into a backup.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { checkpointFile } from '../modules/audit/checkpoints.js';
import { copyOut } from './pgcopy.js';
import {
  BackupError,
  EncryptingWriter,
  FORMAT_VERSION,
  errorText,
  frame,
  masterKeyId,
  type BackupHeader,
  type FileEntry,
  type KeySource,
  type Manifest,
  type TableEntry,
} from './format.js';
import * as repo from './repo.js';

export interface BackupOptions {
  /** Owner connection to the database to back up. */
  sourceUrl: string;
  sourceKind: 'embedded' | 'external';
  /** The file to write (refused if it exists). */
  out: string;
  /** The master key (the fields inside are encrypted with it; only its fingerprint is written) and the passphrase if any. */
  key: KeySource;
  /** The data folder holding the audit checkpoints. */
  dataDir: string;
  log?: (m: string) => void;
  now?: () => Date;
}

export interface BackupResult {
  file: string;
  bytes: number;
  manifest: Manifest;
  rows: number;
  ms: number;
}

/** `<dataDir>/backups/nuanyang-YYYYMMDD-HHmmss.nybak` (UTC). */
export function defaultBackupFile(dataDir: string, now = new Date()): string {
  const s = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return path.join(dataDir, 'backups', `nuanyang-${s}.nybak`);
}

/** The checkpoint lines covering rows in the snapshot (later ones name rows it does not hold). */
function checkpointsUpTo(text: string, maxId: number): string {
  return text
    .split('\n')
    .filter((line) => {
      if (!line.trim()) return false;
      try {
        const o: unknown = JSON.parse(line);
        const id: unknown = typeof o === 'object' && o !== null ? Reflect.get(o, 'id') : undefined;
        return typeof id === 'number' && id <= maxId;
      } catch {
        return true; // kept as it was: the verifier reports a damaged line
      }
    })
    .map((l) => `${l}\n`)
    .join('');
}

export async function backup(o: BackupOptions): Promise<BackupResult> {
  const log = o.log ?? (() => {});
  const started = Date.now();
  const out = path.resolve(o.out);
  if (fs.existsSync(out)) throw new BackupError(`文件已存在，不会覆盖 / the file already exists and is not overwritten: ${out}`);
  const dir = path.dirname(out);
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (err) {
    throw new BackupError(`无法创建目录 / cannot create the folder ${dir}: ${errorText(err)}`);
  }
  const partial = `${out}.partial-${process.pid}`;
  const client = new pg.Client({ connectionString: o.sourceUrl, connectionTimeoutMillis: 10_000 });
  client.on('error', () => {}); // a lost connection surfaces through the failing query
  let fd: number | null = null;
  try {
    try {
      await client.connect();
    } catch (err) {
      throw new BackupError(`无法连接数据库 / cannot connect to the database: ${errorText(err)}`);
    }
    try {
      fd = fs.openSync(partial, 'wx', 0o600);
    } catch (err) {
      throw new BackupError(`无法写入 / cannot write ${partial}: ${errorText(err)}`);
    }
    const w = new EncryptingWriter(fd, o.key);
    await repo.setTextSettings(client);
    await repo.beginSnapshot(client);
    const database = await repo.currentDatabase(client);
    const header: BackupHeader = {
      format: 'nuanyang-backup',
      version: FORMAT_VERSION,
      createdAt: (o.now?.() ?? new Date()).toISOString(),
      source: { kind: o.sourceKind, database, server: await repo.serverVersion(client) },
      migrations: await repo.appliedMigrations(client),
      masterKeyId: masterKeyId(o.key.master),
    };
    if (!header.migrations.length) throw new BackupError(`数据库 ${database} 中没有暖杨的数据表（未迁移）/ database ${database} holds no NuanYang schema`);
    w.write(frame('H', header));
    const tables = await repo.tablesInDependencyOrder(client);
    const sequences = await repo.sequences(client);
    const maxAudit = tables.some((t) => t.name === 'audit_log') ? await repo.maxAuditId(client) : 0;
    const entries: TableEntry[] = [];
    let totalRows = 0;
    for (const [i, t] of tables.entries()) {
      w.write(frame('T', { name: t.name, columns: t.columns }));
      const hash = crypto.createHash('sha256');
      let rows = 0;
      let bytes = 0;
      // The server sends a message per row; they are gathered into frames of about 64 KiB.
      let batch: Buffer[] = [];
      let batchBytes = 0;
      const flush = () => {
        if (batchBytes) w.write(frame('D', Buffer.concat(batch)));
        batch = [];
        batchBytes = 0;
      };
      await copyOut(client, repo.copyOutSql(t), (chunk) => {
        hash.update(chunk);
        bytes += chunk.length;
        // COPY's text format ends every row with a newline and escapes those inside values.
        for (let p = chunk.indexOf(10); p !== -1; p = chunk.indexOf(10, p + 1)) rows++;
        batch.push(Buffer.from(chunk)); // a copy: the driver reuses its read buffer
        batchBytes += chunk.length;
        if (batchBytes >= 1 << 16) flush();
      });
      flush();
      const entry: TableEntry = { name: t.name, columns: t.columns, rows, bytes, sha256: hash.digest('hex') };
      w.write(frame('E', { rows, bytes, sha256: entry.sha256 }));
      entries.push(entry);
      totalRows += rows;
      if (rows >= 1000 || i === tables.length - 1) log(`  [${i + 1}/${tables.length}] ${t.name}: ${rows} 行 / rows`);
    }
    await client.query('commit');

    const files: FileEntry[] = [];
    const cpFile = checkpointFile(o.dataDir, database);
    if (fs.existsSync(cpFile)) {
      const content = Buffer.from(checkpointsUpTo(fs.readFileSync(cpFile, 'utf8'), maxAudit), 'utf8');
      const rel = path.relative(o.dataDir, cpFile).split(path.sep).join('/');
      const entry: FileEntry = { path: rel, size: content.length, sha256: crypto.createHash('sha256').update(content).digest('hex') };
      w.write(frame('F', { path: rel }));
      if (content.length) w.write(frame('D', content));
      w.write(frame('E', { size: entry.size, sha256: entry.sha256 }));
      files.push(entry);
      log(`  文件 / file: ${rel} (${content.length} B)`);
    }
    const manifest: Manifest = { ...header, tables: entries, sequences, files };
    w.write(frame('M', manifest));
    w.finish();
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = null;
    fs.renameSync(partial, out);
    return { file: out, bytes: w.bytesWritten, manifest, rows: totalRows, ms: Date.now() - started };
  } catch (err) {
    if (fd !== null) fs.closeSync(fd);
    fs.rmSync(partial, { force: true });
    throw err;
  } finally {
    await client.end().catch(() => {});
  }
}
