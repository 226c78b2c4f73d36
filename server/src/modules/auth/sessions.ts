/**
 * Server-side sessions. The cookie carries 32 random bytes; the database keeps only their SHA-256,
 * so a leaked sessions table cannot be replayed. Idle timeout and absolute lifetime are checked on
 * every request against the server's clock.
 */
import crypto from 'node:crypto';
import type pg from 'pg';
import type { Pending } from '#common/api.js';
import type { ScopeKind } from '#common/permissions.js';
import type { Actor, Scope } from '../../core/context.js';
import * as repo from './repo.js';

export function newSessionToken(): { token: string; idHash: Buffer } {
  const token = crypto.randomBytes(32).toString('base64url');
  return { token, idHash: hashToken(token) };
}

export function hashToken(token: string): Buffer {
  return crypto.createHash('sha256').update(token).digest();
}

export async function createSession(
  client: pg.ClientBase,
  args: { userId: string; ip: string | null; userAgent: string | null; pending: Pending | null; now: Date; absoluteMs: number },
): Promise<{ token: string; idHash: Buffer; csrfToken: string }> {
  const { token, idHash } = newSessionToken();
  const csrfToken = crypto.randomBytes(24).toString('base64url');
  await repo.insertSession(client, {
    idHash,
    userId: args.userId,
    now: args.now,
    expiresAt: new Date(args.now.getTime() + args.absoluteMs),
    ip: args.ip,
    userAgent: args.userAgent?.slice(0, 300) ?? null,
    csrfToken,
    pending: args.pending,
  });
  return { token, idHash, csrfToken };
}

export type SessionLookup = { kind: 'none' } | { kind: 'expired' } | { kind: 'ok'; actor: Actor; lastSeenAt: Date };

/** Finds the live session for a cookie value; revokes it when it has timed out. */
export async function lookupSession(pool: pg.Pool, token: string, now: Date, idleMs: number): Promise<SessionLookup> {
  const idHash = hashToken(token);
  const row = await repo.sessionByHash(pool, idHash, now);
  if (!row) return { kind: 'none' };
  if (row.disabled || now.getTime() - row.last_seen_at.getTime() > idleMs || now >= row.expires_at) {
    await repo.revokeSession(pool, idHash, now);
    return row.disabled ? { kind: 'none' } : { kind: 'expired' };
  }
  return { kind: 'ok', lastSeenAt: row.last_seen_at, actor: actorOf(row, idHash, now) };
}

function actorOf(row: repo.SessionRow, idHash: Buffer, now: Date): Actor {
  const permissions = new Set(row.pending ? [] : row.roles.flatMap((r) => r.permissions));
  const readers = row.roles.filter((r) => r.permissions.includes('children.read'));
  return {
    userId: row.user_id,
    username: row.username,
    displayName: row.display_name,
    unitCode: row.unit_code,
    unitName: row.unit_name,
    unitNameEn: row.unit_name_en,
    roles: row.roles.map(({ code, name, nameEn }) => ({ code, name, nameEn })),
    permissions,
    adminClasses: [...new Set(row.roles.map((r) => r.adminClass).filter((c): c is string => !!c))],
    // A suspended user keeps the kind of scope (the menu stays) but reaches no child.
    scope: row.access_suspended
      ? {
          ...scopeOf(
            row.roles.map((r) => r.scopeKind),
            row.unit_street,
            row.committees,
            row.all_streets ?? [],
          ),
          streets: [],
          committees: [],
          assigned: false,
        }
      : scopeOf(
          row.roles.map((r) => r.scopeKind),
          row.unit_street,
          row.committees,
          row.all_streets ?? [],
        ),
    totpEnabled: row.totp_enabled,
    accessSuspended: row.access_suspended,
    fileReasonRequired: readers.length > 0 && readers.every((r) => r.fileReasonRequired),
    grants: row.access_suspended
      ? []
      : row.grants.map((g) => ({ childId: g.childId, grantId: g.grantId, expiresAt: new Date(g.expiresAt) })).filter((g) => g.expiresAt > now),
    session: { idHash, publicId: row.public_id, csrfToken: row.csrf_token, pending: row.pending },
  };
}

const WIDTH: Record<ScopeKind, number> = { district: 4, street: 3, committee: 2, assigned: 1, none: 0 };

/**
 * The area a user reaches, from the scope kinds of their roles: district roles see everything;
 * street roles the street of their unit; committee roles their committees; assigned roles the
 * children assigned to them. Kinds combine (a street role plus a committee role sees both).
 */
export function scopeOf(kinds: ScopeKind[], unitStreet: string | null, committees: string[], allStreets: string[]): Scope {
  const has = (k: ScopeKind) => kinds.includes(k);
  const widest = kinds.reduce<ScopeKind>((w, k) => (WIDTH[k] > WIDTH[w] ? k : w), 'none');
  return {
    kind: widest,
    streets: has('district') ? allStreets : has('street') && unitStreet ? [unitStreet] : [],
    committees: has('committee') ? committees : [],
    assigned: has('assigned'),
  };
}

/** The guard restarts the idle timer (not for a timer's request, and at most every TOUCH_EVERY_MS). */
export const touchSession = repo.touchSession;
