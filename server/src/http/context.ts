/**
 * Who is calling, from where, and within which area. Built once per request by the session guard;
 * every data access goes through `inScope`, which opens a transaction, sets the caller's scope for
 * the row-level security policies, and gives the handler an audit writer bound to the same
 * transaction (so the audit row commits or rolls back with the change it records).
 */
import type pg from 'pg';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import type { Database } from '../db/database.js';
import * as schema from '../db/schema.js';
import type { Pending } from '#common/api.js';
import type { ScopeKind } from '#common/permissions.js';

export interface Scope {
  kind: ScopeKind;
  all: boolean;
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
  session: { idHash: Buffer; publicId: string; csrfToken: string; pending: Pending | null };
}

export interface RequestCtx {
  requestId: string;
  ip: string | null;
  userAgent: string | null;
  actor: Actor | null;
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
}

export interface Tx {
  client: pg.PoolClient;
  db: NodePgDatabase<typeof schema>;
  ctx: RequestCtx;
  audit(entry: AuditEntry): Promise<void>;
}

export const NO_SCOPE: Scope = { kind: 'none', all: false, streets: [], committees: [], assigned: false };

export async function appendAudit(client: pg.ClientBase, ctx: RequestCtx, e: AuditEntry): Promise<void> {
  const a = ctx.actor;
  await client.query('select audit_append($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)', [
    e.userId ?? a?.userId ?? null,
    e.username ?? a?.username ?? null,
    a?.unitCode ?? null,
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

/** Runs `fn` in one transaction under the caller's area scope; commits if it returns. */
export async function inScope<T>(database: Database, ctx: RequestCtx, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const client = await database.app.connect();
  let broken = false;
  try {
    await client.query('begin');
    const s = ctx.actor?.scope ?? NO_SCOPE;
    await client.query(
      `select set_config('app.user_id', $1, true), set_config('app.scope_all', $2, true),
              set_config('app.streets', $3, true), set_config('app.committees', $4, true),
              set_config('app.assigned', $5, true)`,
      [ctx.actor?.userId ?? '', s.all ? '1' : '0', s.streets.join(','), s.committees.join(','), s.assigned ? '1' : '0'],
    );
    const tx: Tx = {
      client,
      db: drizzle(client, { schema }),
      ctx,
      audit: (entry) => appendAudit(client, ctx, entry),
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
