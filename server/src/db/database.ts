/**
 * Connections. Two roles: the owner (migrations, demo seeding, audit verification from the command
 * line) and the application role (every request), which owns nothing, is not a superuser and does
 * not bypass RLS — so a query that forgets its WHERE clause still sees only the caller's area.
 */
import pg from 'pg';
import type { Config } from '../config.js';
import type { Keys } from '../crypto/keys.js';
import { startEmbedded, StartupError, type EmbeddedDb } from './embedded.js';
import { migrate } from './migrate.js';

// DATE columns stay 'YYYY-MM-DD' strings: a child's birth date has no time zone.
pg.types.setTypeParser(1082, (v) => v);
// int8 counts fit in a JS number here (row counts, audit ids).
pg.types.setTypeParser(20, (v) => Number(v));

export interface Database {
  owner: pg.Pool;
  app: pg.Pool;
  /**
   * Read-only reports (the indicator refresh, the quarterly workbook, the children export), through
   * `inReadScope`: a pool on DATABASE_READ_URL (a replica), or the app pool itself when unset.
   */
  read: pg.Pool;
  ownerUrl: string;
  appUrl: string;
  /** The replica's URL (application role), or null when the reports read from the main pool. */
  readUrl: string | null;
  embedded: EmbeddedDb | null;
  /** From now on, lost connections are expected (shutting down) and not reported. */
  markClosing(): void;
  close(): Promise<void>;
}

export const EMBEDDED_DB_NAME = 'nuanyang';

function withDatabase(url: string, db: string): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}

function withUser(url: string, user: string, password: string): string {
  const u = new URL(url);
  u.username = encodeURIComponent(user);
  u.password = encodeURIComponent(password);
  return u.toString();
}

/** Creates the application login role if needed and (re)sets its password from the master key. */
export async function ensureAppRole(client: pg.ClientBase, role: string, password: string, database: string): Promise<void> {
  const exists = await client.query('select 1 from pg_roles where rolname = $1', [role]);
  const ident = client.escapeIdentifier(role);
  if (exists.rowCount === 0) {
    try {
      await client.query(`create role ${ident} login nosuperuser nobypassrls nocreatedb nocreaterole`);
    } catch (err) {
      // Another process (a parallel test worker) created it between our check and our create.
      if ((err as { code?: string }).code !== '42710' && (err as { code?: string }).code !== '23505') throw err;
    }
  }
  await client.query(`alter role ${ident} with login nosuperuser nobypassrls password ${client.escapeLiteral(password)}`);
  await client.query(`grant connect on database ${client.escapeIdentifier(database)} to ${ident}`);
}

export interface OpenOptions {
  config: Config;
  keys: Keys;
  log?: (m: string) => void;
  /** Use this database name on the owner URL's cluster instead of the configured one (tests). */
  databaseName?: string;
}

/** Starts the embedded cluster when needed, creates the database and role, migrates, opens pools. */
export async function openDatabase({ config, keys, log = () => {}, databaseName }: OpenOptions): Promise<Database> {
  let embedded: EmbeddedDb | null = null;
  let ownerUrl: string;
  if (config.databaseUrl) {
    ownerUrl = databaseName ? withDatabase(config.databaseUrl, databaseName) : config.databaseUrl;
  } else {
    embedded = await startEmbedded(config.dataDir, keys.embeddedSuperuserPassword, (m) => log(`[postgres] ${m}`));
    const name = databaseName ?? EMBEDDED_DB_NAME;
    const admin = new pg.Client({ connectionString: embedded.url });
    await admin.connect();
    try {
      const has = await admin.query('select 1 from pg_database where datname = $1', [name]);
      if (has.rowCount === 0) await admin.query(`create database ${admin.escapeIdentifier(name)}`);
    } finally {
      await admin.end();
    }
    ownerUrl = withDatabase(embedded.url, name);
  }

  const dbName = decodeURIComponent(new URL(ownerUrl).pathname.slice(1));
  const owner = new pg.Client({ connectionString: ownerUrl });
  try {
    await owner.connect();
  } catch (err) {
    await embedded?.stop();
    throw new StartupError(`无法连接数据库 / cannot connect to the database (${redact(ownerUrl)}): ${(err as Error).message}`);
  }
  let appRole = config.appRole;
  try {
    if (config.appDatabaseUrl) {
      appRole = decodeURIComponent(new URL(config.appDatabaseUrl).username);
    } else {
      await ensureAppRole(owner, appRole, keys.appDbPassword, dbName);
    }
    await migrate(owner, appRole, log);
  } catch (err) {
    await owner.end();
    await embedded?.stop();
    throw err;
  }
  await owner.end();

  const appUrl = config.appDatabaseUrl ?? withUser(ownerUrl, appRole, keys.appDbPassword);
  let readUrl: string | null = null;
  if (config.readDatabaseUrl) {
    // The replica holds the same roles as the primary (physical replication copies them): a URL
    // without a user connects as the application role with its derived password.
    readUrl = new URL(config.readDatabaseUrl).username ? config.readDatabaseUrl : withUser(config.readDatabaseUrl, appRole, keys.appDbPassword);
    try {
      await checkReadRole(readUrl);
    } catch (err) {
      await embedded?.stop();
      throw err;
    }
    log(`read-only reports use ${redact(readUrl)}`);
  }
  return poolsFor(ownerUrl, appUrl, embedded, log, readUrl);
}

/**
 * Row-level security stays the enforcement on the replica too: its role must be neither a superuser
 * nor BYPASSRLS (the owner's URL there would show every street's children in a street's export).
 */
export async function checkReadRole(readUrl: string): Promise<void> {
  const c = new pg.Client({ connectionString: readUrl });
  try {
    await c.connect();
  } catch (err) {
    throw new StartupError(`无法连接只读副本 / cannot connect to DATABASE_READ_URL (${redact(readUrl)}): ${err instanceof Error ? err.message : String(err)}`);
  }
  try {
    const r = await c.query<{ privileged: boolean }>('select rolsuper or rolbypassrls as privileged from pg_roles where rolname = current_user');
    if (r.rows[0]?.privileged !== false) {
      throw new StartupError(
        `DATABASE_READ_URL 必须使用应用角色（非超级用户、不绕过行级安全）/ DATABASE_READ_URL must connect as the application role, not ${redact(readUrl)}`,
      );
    }
  } finally {
    await c.end();
  }
}

export function poolsFor(
  ownerUrl: string,
  appUrl: string,
  embedded: EmbeddedDb | null,
  log: (m: string) => void = () => {},
  readUrl: string | null = null,
): Database {
  let closing = false;
  const report = (err: Error) => {
    if (!closing) log(`database connection lost: ${err.message}`);
  };
  const ownerPool = new pg.Pool({ connectionString: ownerUrl, max: 4 });
  const appPool = new pg.Pool({ connectionString: appUrl, max: 16, connectionTimeoutMillis: 5_000 });
  // The replica serves only reports: as many connections as the indicator refresh runs queries at
  // once, and a longer wait for one (a report queued behind another is slow, not failed).
  const readPool = readUrl ? new pg.Pool({ connectionString: readUrl, max: 16, connectionTimeoutMillis: 30_000 }) : appPool;
  const pools = readPool === appPool ? [ownerPool, appPool] : [ownerPool, appPool, readPool];
  // An idle client losing its server (database restarted) must not crash the process; the pool
  // discards it and opens a new connection on the next request.
  for (const p of pools) {
    p.on('error', report);
    // A checked-out client whose server goes away (restart, shutdown) reports through the query
    // that fails; its 'error' event must not bring the process down.
    p.on('connect', (client) => client.on('error', report));
  }
  return {
    owner: ownerPool,
    app: appPool,
    read: readPool,
    ownerUrl,
    appUrl,
    readUrl,
    embedded,
    markClosing() {
      closing = true;
    },
    async close() {
      closing = true;
      await Promise.allSettled(pools.map((p) => p.end()));
      await embedded?.stop();
    },
  };
}

export function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(invalid url)';
  }
}
