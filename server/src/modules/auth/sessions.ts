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
  await client.query(
    `insert into sessions (id_hash, user_id, created_at, last_seen_at, expires_at, ip, user_agent, csrf_token, pending)
     values ($1, $2, $3, $3, $4, $5, $6, $7, $8)`,
    [idHash, args.userId, args.now, new Date(args.now.getTime() + args.absoluteMs), args.ip, args.userAgent?.slice(0, 300) ?? null, csrfToken, args.pending],
  );
  return { token, idHash, csrfToken };
}

interface SessionRow {
  public_id: string;
  user_id: string;
  last_seen_at: Date;
  expires_at: Date;
  csrf_token: string;
  pending: Pending | null;
  username: string;
  display_name: string;
  unit_code: string;
  unit_name: string;
  unit_name_en: string;
  unit_street: string | null;
  disabled: boolean;
  totp_enabled: boolean;
  roles: { code: string; name: string; nameEn: string; scopeKind: ScopeKind; adminClass: string | null; permissions: string[] }[];
  committees: string[];
  all_streets: string[] | null;
}

export type SessionLookup =
  | { kind: 'none' }
  | { kind: 'expired' }
  | { kind: 'ok'; actor: Actor; lastSeenAt: Date };

const LOOKUP = `
  select s.public_id, s.user_id, s.last_seen_at, s.expires_at, s.csrf_token, s.pending,
         u.username, u.display_name, u.unit_code, u.disabled, u.totp_enabled,
         un.name as unit_name, un.name_en as unit_name_en, un.street_code as unit_street,
         coalesce((select json_agg(json_build_object('code', r.code, 'name', r.name, 'nameEn', r.name_en,
                     'scopeKind', r.scope_kind, 'adminClass', r.admin_class, 'permissions', r.permissions) order by r.code)
                   from user_roles ur join roles r on r.code = ur.role_code where ur.user_id = u.id), '[]') as roles,
         coalesce((select array_agg(uc.committee_id::text order by uc.committee_id)
                   from user_committees uc join committees c on c.id = uc.committee_id and c.active
                   where uc.user_id = u.id), '{}') as committees,
         (select array_agg(code order by code) from streets) as all_streets
  from sessions s join users u on u.id = s.user_id join units un on un.code = u.unit_code
  where s.id_hash = $1 and s.revoked_at is null`;

/** Finds the live session for a cookie value; revokes it when it has timed out. */
export async function lookupSession(pool: pg.Pool, token: string, now: Date, idleMs: number): Promise<SessionLookup> {
  const idHash = hashToken(token);
  // A named statement: parsed and planned once per connection, not on every request.
  const { rows } = await pool.query<SessionRow>({ name: 'session-lookup', text: LOOKUP, values: [idHash] });
  const row = rows[0];
  if (!row) return { kind: 'none' };
  if (row.disabled || now.getTime() - row.last_seen_at.getTime() > idleMs || now >= row.expires_at) {
    await pool.query('update sessions set revoked_at = $2 where id_hash = $1 and revoked_at is null', [idHash, now]);
    return row.disabled ? { kind: 'none' } : { kind: 'expired' };
  }
  const permissions = new Set(row.pending ? [] : row.roles.flatMap((r) => r.permissions));
  return {
    kind: 'ok',
    lastSeenAt: row.last_seen_at,
    actor: {
      userId: row.user_id,
      username: row.username,
      displayName: row.display_name,
      unitCode: row.unit_code,
      unitName: row.unit_name,
      unitNameEn: row.unit_name_en,
      roles: row.roles.map(({ code, name, nameEn }) => ({ code, name, nameEn })),
      permissions,
      adminClasses: [...new Set(row.roles.map((r) => r.adminClass).filter((c): c is string => !!c))],
      scope: scopeOf(row.roles.map((r) => r.scopeKind), row.unit_street, row.committees, row.all_streets ?? []),
      totpEnabled: row.totp_enabled,
      session: { idHash, publicId: row.public_id, csrfToken: row.csrf_token, pending: row.pending },
    },
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

export async function touchSession(pool: pg.Pool, idHash: Buffer, now: Date): Promise<void> {
  await pool.query('update sessions set last_seen_at = $2 where id_hash = $1', [idHash, now]);
}
