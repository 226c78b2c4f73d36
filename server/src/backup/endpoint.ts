/**
 * Where the backup and the restore connect, and with which keys — shared by the two commands.
 *
 * External PostgreSQL: DATABASE_URL (the owner/migrator connection). Embedded: the server's own
 * cluster in <dataDir>/pg. A running server holds that cluster, so the commands connect to its
 * port, read from PostgreSQL's own `postmaster.pid` (line 4), with the superuser password derived
 * from the master key; only when no cluster runs is one started for the command's duration (as
 * `npm run audit:verify` does).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.js';
import { loadOrCreateMasterKeyFile, parseMasterKey, type Keys } from '../crypto/keys.js';
import { EMBEDDED_DB_NAME } from '../db/database.js';
import { startEmbedded } from '../db/embedded.js';
import { BackupError, errorText, type KeySource } from './format.js';

export interface Endpoint {
  url: string;
  kind: 'embedded' | 'external';
  /** For messages (no password). */
  where: string;
  /** A cluster is running with a server on it (embedded only). */
  running: boolean;
  close(): Promise<void>;
}

function runningPort(databaseDir: string): number | null {
  const pidFile = path.join(databaseDir, 'postmaster.pid');
  let text: string;
  try {
    text = fs.readFileSync(pidFile, 'utf8');
  } catch (err) {
    if (err instanceof Error && Reflect.get(err, 'code') === 'ENOENT') return null;
    throw new BackupError(`无法读取 ${pidFile}（${errorText(err)}）：请以运行服务器的同一用户执行 / run as the user that runs the server`);
  }
  const lines = text.split('\n');
  const pid = Number(lines[0]);
  if (!pid || !alive(pid)) return null;
  const port = Number(lines[3]);
  if (!Number.isInteger(port) || port <= 0)
    throw new BackupError(`内置数据库正在启动或停止，请稍后再试 / the embedded database is starting or stopping; try again`);
  return port;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err instanceof Error && Reflect.get(err, 'code') === 'EPERM';
  }
}

/**
 * The database: `database` is a full URL, a database name on the configured server, or null (the
 * configured database). `create`: a missing embedded cluster may be initialised (a restore on a
 * new machine); a backup needs an existing one.
 */
export async function databaseEndpoint(config: Config, keys: Keys, database: string | null, create: boolean): Promise<Endpoint> {
  if (database && database.includes('://')) {
    return { url: database, kind: 'external', where: redactUrl(database), running: false, close: async () => {} };
  }
  if (database !== null && !/^[A-Za-z0-9_-]{1,63}$/.test(database)) throw new BackupError(`数据库名称无效 / invalid database name: ${database}`);
  if (config.databaseUrl) {
    const u = new URL(config.databaseUrl);
    if (database) u.pathname = `/${database}`;
    return { url: u.toString(), kind: 'external', where: redactUrl(u.toString()), running: false, close: async () => {} };
  }
  const name = database ?? EMBEDDED_DB_NAME;
  const databaseDir = path.join(config.dataDir, 'pg');
  const urlAt = (port: number) => `postgres://postgres:${encodeURIComponent(keys.embeddedSuperuserPassword)}@127.0.0.1:${port}/${name}`;
  const port = runningPort(databaseDir);
  if (port !== null)
    return {
      url: urlAt(port),
      kind: 'embedded',
      where: `运行中的内置数据库 / running embedded database (port ${port}), ${name}`,
      running: true,
      close: async () => {},
    };
  if (!create && !fs.existsSync(path.join(databaseDir, 'PG_VERSION'))) {
    throw new BackupError(`${databaseDir} 中没有内置数据库 / no embedded database in ${databaseDir}（请检查 NUANYANG_DATA_DIR，或设置 DATABASE_URL）`);
  }
  const embedded = await startEmbedded(config.dataDir, keys.embeddedSuperuserPassword);
  return {
    url: urlAt(embedded.port),
    kind: 'embedded',
    where: `内置数据库 / embedded database ${databaseDir}, ${name}`,
    running: false,
    close: () => embedded.stop(),
  };
}

export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(invalid url)';
  }
}

/** The master key as configured; never created here (a new key could not read the data). */
export function existingMasterKey(config: Config): Buffer {
  if (config.masterKey) return parseMasterKey(config.masterKey);
  if (!fs.existsSync(path.join(config.dataDir, 'master.key'))) {
    throw new BackupError(`未找到主密钥 / no master key: 设置 NUANYANG_MASTER_KEY，或检查 NUANYANG_DATA_DIR (${config.dataDir})`);
  }
  return loadOrCreateMasterKeyFile(config.dataDir);
}

export const MIN_PASSPHRASE = 12;

/** The backup's key: NUANYANG_BACKUP_PASSPHRASE when set (scrypt), else the master key (HKDF). */
export function keySource(master: Buffer, env: NodeJS.ProcessEnv = process.env): KeySource {
  const passphrase = env.NUANYANG_BACKUP_PASSPHRASE;
  if (passphrase) {
    if ([...passphrase].length < MIN_PASSPHRASE)
      throw new BackupError(`NUANYANG_BACKUP_PASSPHRASE 至少 ${MIN_PASSPHRASE} 个字符 / must be at least ${MIN_PASSPHRASE} characters`);
    return { master, passphrase };
  }
  return { master, passphrase: null };
}
