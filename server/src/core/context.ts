/**
 * Who is calling, from where, and within which area. Built once per request by the session guard;
 * every data access goes through `inScope`, which opens a transaction, sets the caller's scope for
 * the row-level security policies, and gives the handler an audit writer bound to the same
 * transaction (so the audit row commits or rolls back with the change it records).
 */
import type pg from 'pg';
import type { Database } from '../db/database.js';
import { errors } from './errors.js';
import type { Pending } from '#common/api.js';
import type { ScopeKind } from '#common/permissions.js';

/**
 * The area a caller reaches, as lists the RLS policies check: streets (a district user holds all
 * of them), committees, and whether children assigned to the caller are visible.
 */
export interface Scope {
  kind: ScopeKind;
  streets: string[];
  committees: string[];
  assigned: boolean;
}

export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  unitCode: string;
  unitName: string;
  unitNameEn: string;
  roles: { code: string; name: string; nameEn: string }[];
  permissions: Set<string>;
  adminClasses: string[];
  scope: Scope;
  totpEnabled: boolean;
  /**
   * A child-facing role whose record check lapsed (or was never valid): the scope is emptied here,
   * and PostgreSQL's scope functions answer nothing for this user as well (staff_access_suspensions).
   */
  accessSuspended: boolean;
  /**
   * 越权查阅须说明理由: every child-reading role of the user carries `roles.file_reason_required`, so
   * a child's file opens only through a live access grant (or the child's assignment to the user).
   */
  fileReasonRequired?: boolean;
  /** The user's live access grants (break the glass), loaded with the session: one child each, until `expiresAt`. */
  grants?: { childId: string; expiresAt: Date; grantId: string }[];
  session: { idHash: Buffer; publicId: string; csrfToken: string; pending: Pending | null };
}

export interface RequestCtx {
  requestId: string;
  /** The server clock when the request arrived (the application's clock, which tests move). */
  at?: Date;
  ip: string | null;
  userAgent: string | null;
  actor: Actor | null;
}

/** The context of a request that passed the session guard: the actor is known. */
export interface SignedInCtx extends RequestCtx {
  actor: Actor;
}

/**
 * The signed-in caller. Routes whose access is a permission or `authenticated` only run after the
 * guard set the actor, so the throw is for a route declared `public` by mistake.
 */
export function signedIn(ctx: RequestCtx): SignedInCtx {
  if (!ctx.actor) throw errors.unauthenticated();
  return ctx as SignedInCtx; // checked on the line above
}

export interface AuditEntry {
  action: string;
  entity?: string | null;
  entityId?: string | null;
  outcome?: 'success' | 'denied' | 'failed';
  summary?: Record<string, unknown> | null;
  reason?: string | null;
  /** For events before a session exists (login): who the event is about. */
  username?: string | null;
  userId?: string | null;
  unitCode?: string | null;
}

export interface Tx {
  client: pg.PoolClient;
  ctx: RequestCtx;
  audit(entry: AuditEntry): Promise<void>;
}

export const NO_SCOPE: Scope = { kind: 'none', streets: [], committees: [], assigned: false };

export async function appendAudit(client: pg.ClientBase, ctx: RequestCtx, e: AuditEntry): Promise<void> {
  const a = ctx.actor;
  await client.query('select audit_append($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)', [
    e.userId ?? a?.userId ?? null,
    e.username ?? a?.username ?? null,
    e.unitCode ?? a?.unitCode ?? null,
    a ? a.roles.map((r) => r.code).join(',') : null,
    ctx.ip,
    e.action,
    e.entity ?? null,
    e.entityId ?? null,
    e.outcome ?? 'success',
    e.summary ? JSON.stringify(e.summary) : null,
    e.reason ?? null,
    ctx.requestId,
  ]);
}

/** The sections of the child file a referral can open (common/src/referrals.ts REFERRAL_SECTIONS). */
const REFERRAL_SECTIONS = ['identity', 'school', 'health', 'family', 'benefits', 'problems', 'assistance', 'visits', 'guardianship'];

export interface ScopeOptions {
  /**
   * Case-scoped access (协同): the children the caller's unit holds an open referral for (or one
   * ended within the access window) become visible, section by section as each referral's kind
   * declares. Only the referrals module's routes ask for it, so the generic child-file routes of a
   * department still answer 404.
   */
  referrals?: boolean;
}

/**
 * Watches over audit rows as they are written, in the same transaction (the access module counts
 * the per-child views for the bulk-viewing alert). Registered once at module load.
 */
export type AuditWatcher = (tx: Tx, entry: AuditEntry) => Promise<void>;
const auditWatchers: AuditWatcher[] = [];
export function watchAudit(w: AuditWatcher): void {
  if (!auditWatchers.includes(w)) auditWatchers.push(w);
}

/**
 * The statements that set the caller's scope for the row-level security policies, to run right
 * after BEGIN in the same message (one round trip). The values come from our own database (ids
 * and codes) and are quoted with the driver's literal escaping all the same.
 */
function scopeStatements(client: pg.ClientBase, ctx: RequestCtx): string[] {
  const s = ctx.actor?.scope ?? NO_SCOPE;
  const lit = (v: string) => client.escapeLiteral(v);
  const out = [
    `select set_config('app.user_id', ${lit(ctx.actor?.userId ?? '')}, true), set_config('app.streets', ${lit(s.streets.join(','))}, true),
       set_config('app.committees', ${lit(s.committees.join(','))}, true), set_config('app.assigned_children', '', true),
       set_config('app.unit', ${lit(ctx.actor?.unitCode ?? '')}, true), set_config('app.scope_kind', ${lit(s.kind)}, true)`,
  ];
  // Break the glass: the children of the caller's live access grants (loaded with the session,
  // so a user without one costs nothing here) join the list the policies check by primary key.
  const now = ctx.at ?? new Date();
  const granted = (ctx.actor?.grants ?? []).filter((g) => g.expiresAt > now).map((g) => g.childId);
  if (s.assigned && ctx.actor) {
    // A commissioned social worker sees the children assigned to them: their ids become a list the
    // policies check by primary key. A statement of its own, after the one above: the assignments
    // are read under their policy, with app.user_id already set.
    out.push(
      `select set_config('app.assigned_children', concat_ws(',', nullif(${lit(granted.join(','))}, ''),
         (select string_agg(child_id::text, ',') from child_assignments where user_id = ${lit(ctx.actor.userId)}::uuid)), true)`,
    );
  } else if (granted.length > 0) {
    out.push(`select set_config('app.assigned_children', ${lit(granted.join(','))}, true)`);
  }
  return out;
}

/** A value written into a statement's text by `readOnce`: scalars and lists of text. */
export type ReadValue = string | number | boolean | null | readonly string[];

/** One read for `readOnce`: its text with $1…$n and its values. */
export interface ReadStatement {
  /**
   * Kept prepared on the connection under this name, its plan cached (a statement whose generic
   * plan is good whatever the values); without a name, prepared and deallocated in the same
   * message, so it is planned for its values (the first executions of a prepared statement use a
   * custom plan), as a search must be.
   */
  name?: string;
  text: string;
  values: readonly ReadValue[];
}

/** The name of a statement that lives for one message only (deallocated in it). */
const ONE_SHOT = 'read_once';

/** The values as `readOnce` takes them, or null when one is of another kind (a Date, an object). */
export function readValues(values: readonly unknown[]): readonly ReadValue[] | null {
  return allReadValues(values) ? values : null;
}

function allReadValues(values: readonly unknown[]): values is readonly ReadValue[] {
  return values.every(
    (v) =>
      v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || (Array.isArray(v) && v.every((x) => typeof x === 'string')),
  );
}

function resultsOfMany<R extends pg.QueryResultRow>(x: unknown): pg.QueryResult<R>[] | null {
  return isResultList<R>(x) ? x : null;
}
function isResultList<R extends pg.QueryResultRow>(x: unknown): x is pg.QueryResult<R>[] {
  return Array.isArray(x);
}

/** The prepared statements `readOnce` created on each connection (SQL-level PREPARE). */
const preparedReads = new WeakMap<pg.ClientBase, Set<string>>();

function literalOf(client: pg.ClientBase, v: ReadValue): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`readOnce: ${v} is not a finite number`);
    return String(v);
  }
  const text = typeof v === 'string' ? v : `{${v.map((x) => `"${x.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
  // PostgreSQL text cannot hold NUL; the input hygiene refuses it earlier, this is the last guard.
  if (text.includes('\0')) throw new Error('readOnce: NUL in a value');
  return client.escapeLiteral(text);
}

/**
 * A read of one statement under the caller's scope in ONE round trip: BEGIN READ ONLY, the scope,
 * the statement (PREPAREd by SQL, EXECUTEd with its values as literals — kept prepared when named,
 * so its plan is cached as with a named protocol statement) and COMMIT go to
 * PostgreSQL as one message. `inScope` needs three (BEGIN and the scope, the statement, COMMIT),
 * and on this machine each round trip costs both processes a system-call pair and a wake-up: for
 * the list, the busiest read, that was most of the server's own CPU (docs/performance.md).
 * Row-level security is the same: the scope is set before the statement runs, in its transaction.
 * For reads only (the transaction is READ ONLY), without the referral sections (`ScopeOptions`).
 */
export async function readOnce<R extends pg.QueryResultRow>(database: Database, ctx: RequestCtx, stmt: ReadStatement): Promise<R[]> {
  if (stmt.name !== undefined && !/^[a-z][a-z0-9_]{0,62}$/.test(stmt.name)) throw new Error(`readOnce: statement name ${stmt.name}`);
  // The types say so; a caller in plain JavaScript (or a cast) is stopped before anything is sent.
  if (!allReadValues(stmt.values)) throw new Error('readOnce: a value that cannot be written as a literal');
  const client = await database.app.connect();
  try {
    let prepared = preparedReads.get(client);
    if (!prepared) preparedReads.set(client, (prepared = new Set()));
    const name = stmt.name ?? ONE_SHOT;
    const prepare = !stmt.name || !prepared.has(stmt.name);
    const args = stmt.values.map((v) => literalOf(client, v));
    const sql = [
      'begin transaction read only',
      ...scopeStatements(client, ctx),
      ...(prepare ? [`prepare ${name} as ${stmt.text}`] : []),
      `execute ${name}${args.length ? `(${args.join(', ')})` : ''}`,
      ...(stmt.name ? [] : [`deallocate ${ONE_SHOT}`]),
      'commit',
    ].join(';\n');
    // A message of several statements answers one result per statement (the driver's types know one).
    const results: unknown = await client.query(sql);
    if (stmt.name) prepared.add(stmt.name);
    const list = resultsOfMany<R>(results);
    const executed = list?.[list.length - (stmt.name ? 2 : 3)];
    if (!executed) throw new Error('readOnce: no result');
    client.release();
    return executed.rows;
  } catch (err) {
    // The message stopped at the failing statement, inside the transaction; a PREPARE that ran is
    // not undone by the rollback. Rather than tracking what is left, the connection is discarded.
    client.release(true);
    throw err;
  }
}

/** Runs `fn` in one transaction under the caller's area scope; commits if it returns. */
export async function inScope<T>(database: Database, ctx: RequestCtx, fn: (tx: Tx) => Promise<T>, opts: ScopeOptions = {}): Promise<T> {
  return scoped(database.app, false, ctx, fn, opts);
}

/**
 * A read-only report's transaction (the indicator refresh, the quarterly workbook, the children
 * export): on the read pool (DATABASE_READ_URL, a replica; the main pool when unset), with the
 * same scope and row-level security as `inScope`, in a READ ONLY transaction — so a write refuses
 * there whichever pool serves it, and code that works without a replica works with one. Its audit
 * rows are written afterwards on the main pool (`inScope`): `tx.audit` refuses here.
 * A replica lags its primary by a moment: what it shows may miss the last seconds of writes (the
 * reports say when their figures were computed).
 */
export async function inReadScope<T>(database: Database, ctx: RequestCtx, fn: (tx: Tx) => Promise<T>, opts: ScopeOptions = {}): Promise<T> {
  return scoped(database.read, true, ctx, fn, opts);
}

async function scoped<T>(pool: pg.Pool, readOnly: boolean, ctx: RequestCtx, fn: (tx: Tx) => Promise<T>, opts: ScopeOptions): Promise<T> {
  const client = await pool.connect();
  let broken = false;
  try {
    // BEGIN and the scope in one round trip.
    await client.query(`${readOnly ? 'begin transaction read only' : 'begin'}; ${scopeStatements(client, ctx).join('; ')}`);
    if (opts.referrals && ctx.actor) {
      // One list per section: the children of the referrals addressed to the caller's unit that are
      // open or ended less than the configured number of days ago. Read under the referrals'
      // own policy (to_unit = app_unit()), so it cannot name another unit's children.
      await client.query(
        `select set_config('app.ref_' || s.section, coalesce(string_agg(distinct r.child_id::text, ','), ''), true)
           from unnest($1::text[]) s(section)
           left join (select r.child_id, k.sections from referrals r join referral_kinds k on k.code = r.kind
                       where r.to_unit = app_unit()
                         and (r.status in ('sent', 'received', 'accepted', 'in_progress')
                              or r.status <> 'withdrawn' and r.ended_at > now() - make_interval(days => (select access_days_after from referral_settings)))) r
             on s.section = any (r.sections)
          group by s.section`,
        [REFERRAL_SECTIONS],
      );
    }
    const tx: Tx = {
      client,
      ctx,
      audit: async (entry) => {
        // The audit chain lives on the primary: a report audits in its own inScope afterwards.
        if (readOnly) throw new Error(`audit ${entry.action}: 只读报表事务不能写审计记录，请在主库事务（inScope）中记录`);
        await appendAudit(client, ctx, entry);
        for (const w of auditWatchers) await w(tx, entry);
      },
    };
    const result = await fn(tx);
    await client.query('commit');
    return result;
  } catch (err) {
    try {
      await client.query('rollback');
    } catch {
      broken = true; // connection is gone; do not return it to the pool
    }
    throw err;
  } finally {
    client.release(broken);
  }
}

/** An audit row in its own transaction: for refusals and failures whose request transaction rolled back. */
export async function auditAlone(database: Database, ctx: RequestCtx, entry: AuditEntry): Promise<void> {
  const client = await database.app.connect();
  try {
    await appendAudit(client, ctx, entry);
  } finally {
    client.release();
  }
}
