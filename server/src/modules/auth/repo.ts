/**
 * Every SQL statement of the auth module: login failure counters, users' credentials and second
 * factor, sessions, the users' draft keys and their committees' names. Session lookups, status and
 * keep-alive run on the pool (no transaction, no scope); the rest inside the caller's transaction.
 */
import type pg from 'pg';
import type { Pending } from '#common/api.js';
import type { ScopeKind } from '#common/permissions.js';

/** A pool (lookups outside a transaction) or one connection (inside `inScope`). */
export type Db = pg.Pool | pg.ClientBase;

export interface UserRow {
  id: string;
  username: string;
  unit_code: string;
  password_hash: string;
  disabled: boolean;
  must_change_password: boolean;
  password_changed_at: Date;
  totp_enabled: boolean;
  totp_secret_enc: string | null;
  totp_last_step: number;
  recovery_code_hashes: string[];
  must_reenroll_totp: boolean;
  admin_classes: string[];
}

const USER_BY_NAME = `
  select u.id, u.username, u.unit_code, u.password_hash, u.disabled, u.must_change_password, u.password_changed_at,
         u.totp_enabled, u.totp_secret_enc, u.totp_last_step, u.recovery_code_hashes, u.must_reenroll_totp,
         coalesce((select array_agg(distinct r.admin_class) from user_roles ur join roles r on r.code = ur.role_code
                   where ur.user_id = u.id and r.admin_class is not null), '{}') as admin_classes
  from users u`;

// ---- login failures ----

export interface LoginFailureRow {
  failures: number;
  locked_until: Date | null;
}

export async function lockLoginFailures(c: pg.ClientBase, username: string): Promise<LoginFailureRow | undefined> {
  return (await c.query<LoginFailureRow>('select failures, locked_until from login_failures where username = $1 for update', [username])).rows[0];
}

export async function lockMfaFailures(c: pg.ClientBase, username: string): Promise<{ mfa_failures: number; locked_until: Date | null } | undefined> {
  return (
    await c.query<{ mfa_failures: number; locked_until: Date | null }>('select mfa_failures, locked_until from login_failures where username = $1 for update', [
      username,
    ])
  ).rows[0];
}

export async function saveLoginFailures(c: pg.ClientBase, username: string, failures: number, now: Date, lockedUntil: Date | null): Promise<void> {
  await c.query(
    `insert into login_failures (username, failures, last_failed_at, locked_until) values ($1, $2, $3, $4)
     on conflict (username) do update set failures = $2, last_failed_at = $3, locked_until = $4`,
    [username, failures, now, lockedUntil],
  );
}

export async function saveMfaFailures(c: pg.ClientBase, username: string, mfaFailures: number, now: Date, lockedUntil: Date | null): Promise<void> {
  await c.query(
    `insert into login_failures (username, failures, mfa_failures, last_failed_at, locked_until) values ($1, 0, $2, $3, $4)
     on conflict (username) do update set mfa_failures = $2, last_failed_at = $3, locked_until = coalesce($4, login_failures.locked_until)`,
    [username, mfaFailures, now, lockedUntil],
  );
}

/** After a right password: the row goes unless it counts wrong second-factor codes; its password count ends. */
export async function clearPasswordFailures(c: pg.ClientBase, username: string): Promise<void> {
  await c.query('delete from login_failures where username = $1 and mfa_failures = 0', [username]);
  await c.query('update login_failures set failures = 0, locked_until = null where username = $1', [username]);
}

export async function clearMfaFailures(c: pg.ClientBase, username: string): Promise<void> {
  await c.query('update login_failures set mfa_failures = 0 where username = $1', [username]);
}

// ---- users ----

export async function userByName(c: pg.ClientBase, username: string): Promise<UserRow | undefined> {
  return (await c.query<UserRow>(`${USER_BY_NAME} where u.username = $1`, [username])).rows[0];
}

export async function lockUser(c: pg.ClientBase, userId: string): Promise<UserRow | undefined> {
  return (await c.query<UserRow>(`${USER_BY_NAME} where u.id = $1 for update of u`, [userId])).rows[0];
}

export async function setLastLogin(c: pg.ClientBase, userId: string, now: Date): Promise<void> {
  await c.query('update users set last_login_at = $2 where id = $1', [userId, now]);
}

export async function setTotpLastStep(c: pg.ClientBase, userId: string, step: number): Promise<void> {
  await c.query('update users set totp_last_step = $2 where id = $1', [userId, step]);
}

export async function removeRecoveryCode(c: pg.ClientBase, userId: string, hash: string): Promise<void> {
  await c.query('update users set recovery_code_hashes = array_remove(recovery_code_hashes, $2) where id = $1', [userId, hash]);
}

export async function setPassword(c: pg.ClientBase, userId: string, passwordHash: string, now: Date): Promise<void> {
  await c.query(
    `update users set password_hash = $2, password_changed_at = $3, must_change_password = false, password_is_demo = false, updated_at = $3 where id = $1`,
    [userId, passwordHash, now],
  );
}

export async function setTotpSecret(c: pg.ClientBase, userId: string, secretSealed: string): Promise<void> {
  await c.query('update users set totp_secret_enc = $2 where id = $1', [userId, secretSealed]);
}

export async function enableTotp(c: pg.ClientBase, userId: string, step: number, recoveryHashes: string[]): Promise<void> {
  await c.query('update users set totp_enabled = true, totp_last_step = $2, recovery_code_hashes = $3, must_reenroll_totp = false where id = $1', [
    userId,
    step,
    recoveryHashes,
  ]);
}

export async function disableTotp(c: pg.ClientBase, userId: string): Promise<void> {
  await c.query(`update users set totp_enabled = false, totp_secret_enc = null, recovery_code_hashes = '{}' where id = $1`, [userId]);
}

// ---- sessions ----

export async function insertSession(
  c: pg.ClientBase,
  s: { idHash: Buffer; userId: string; now: Date; expiresAt: Date; ip: string | null; userAgent: string | null; csrfToken: string; pending: Pending | null },
): Promise<void> {
  await c.query(
    `insert into sessions (id_hash, user_id, created_at, last_seen_at, expires_at, ip, user_agent, csrf_token, pending)
     values ($1, $2, $3, $3, $4, $5, $6, $7, $8)`,
    [s.idHash, s.userId, s.now, s.expiresAt, s.ip, s.userAgent, s.csrfToken, s.pending],
  );
}

export interface SessionRow {
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
  roles: { code: string; name: string; nameEn: string; scopeKind: ScopeKind; adminClass: string | null; permissions: string[]; fileReasonRequired: boolean }[];
  committees: string[];
  all_streets: string[] | null;
  access_suspended: boolean;
  /** The user's live access grants (break the glass): one child each, until its end. */
  grants: { childId: string; expiresAt: string; grantId: string }[];
}

const LOOKUP = `
  select s.public_id, s.user_id, s.last_seen_at, s.expires_at, s.csrf_token, s.pending,
         u.username, u.display_name, u.unit_code, u.disabled, u.totp_enabled,
         un.name as unit_name, un.name_en as unit_name_en, un.street_code as unit_street,
         coalesce((select json_agg(json_build_object('code', r.code, 'name', r.name, 'nameEn', r.name_en,
                     'scopeKind', r.scope_kind, 'adminClass', r.admin_class, 'permissions', r.permissions,
                     'fileReasonRequired', r.file_reason_required) order by r.code)
                   from user_roles ur join roles r on r.code = ur.role_code where ur.user_id = u.id), '[]') as roles,
         coalesce((select array_agg(uc.committee_id::text order by uc.committee_id)
                   from user_committees uc join committees c on c.id = uc.committee_id and c.active
                   where uc.user_id = u.id), '{}') as committees,
         (select array_agg(code order by code) from streets) as all_streets,
         user_access_suspended(u.id) as access_suspended,
         user_live_grants(u.id, $2) as grants
  from sessions s join users u on u.id = s.user_id join units un on un.code = u.unit_code
  where s.id_hash = $1 and s.revoked_at is null`;

/** The live (not revoked) session of a cookie's hash, with its user, unit and roles. */
export async function sessionByHash(pool: pg.Pool, idHash: Buffer, now: Date): Promise<SessionRow | undefined> {
  // A named statement: parsed and planned once per connection, not on every request.
  return (await pool.query<SessionRow>({ name: 'session-lookup', text: LOOKUP, values: [idHash, now] })).rows[0];
}

/** Ends one session (if still live); the number of sessions ended. */
export async function revokeSession(db: Db, idHash: Buffer, now: Date): Promise<number> {
  return (await db.query('update sessions set revoked_at = $2 where id_hash = $1 and revoked_at is null', [idHash, now])).rowCount ?? 0;
}

/** Logout: the session ends (revoked again, if it was already). */
export async function endSession(c: pg.ClientBase, idHash: Buffer, now: Date): Promise<void> {
  await c.query('update sessions set revoked_at = $2 where id_hash = $1', [idHash, now]);
}

export async function revokeUserSession(c: pg.ClientBase, publicId: string, userId: string, now: Date): Promise<number> {
  return (
    (await c.query('update sessions set revoked_at = $3 where public_id = $1 and user_id = $2 and revoked_at is null', [publicId, userId, now])).rowCount ?? 0
  );
}

export async function revokeOtherSessions(c: pg.ClientBase, userId: string, keepIdHash: Buffer, now: Date): Promise<void> {
  await c.query('update sessions set revoked_at = $3 where user_id = $1 and id_hash <> $2 and revoked_at is null', [userId, keepIdHash, now]);
}

export async function revokeMfaPendingSessions(c: pg.ClientBase, userId: string, now: Date): Promise<void> {
  await c.query(`update sessions set revoked_at = $2 where user_id = $1 and pending = 'mfa' and revoked_at is null`, [userId, now]);
}

export async function setSessionPending(c: pg.ClientBase, idHash: Buffer, pending: Pending | null): Promise<void> {
  await c.query('update sessions set pending = $2 where id_hash = $1', [idHash, pending]);
}

export async function touchSession(pool: pg.Pool, idHash: Buffer, now: Date): Promise<void> {
  await pool.query('update sessions set last_seen_at = $2 where id_hash = $1', [idHash, now]);
}

/** Keep-alive: the idle timer restarts; the session's end, or undefined when it is gone. */
export async function keepSessionAlive(pool: pg.Pool, idHash: Buffer, now: Date): Promise<{ expires_at: Date } | undefined> {
  return (
    await pool.query<{ expires_at: Date }>('update sessions set last_seen_at = $2 where id_hash = $1 and revoked_at is null returning expires_at', [
      idHash,
      now,
    ])
  ).rows[0];
}

export async function sessionTimes(pool: pg.Pool, idHash: Buffer): Promise<{ last_seen_at: Date; expires_at: Date } | undefined> {
  return (await pool.query<{ last_seen_at: Date; expires_at: Date }>('select last_seen_at, expires_at from sessions where id_hash = $1', [idHash])).rows[0];
}

export interface SessionListRow {
  public_id: string;
  created_at: Date;
  last_seen_at: Date;
  ip: string | null;
  user_agent: string | null;
  current: boolean;
}

export async function liveSessionsOf(pool: pg.Pool, userId: string, currentIdHash: Buffer, now: Date): Promise<SessionListRow[]> {
  return (
    await pool.query<SessionListRow>(
      `select public_id, created_at, last_seen_at, ip, user_agent, id_hash = $2 as current from sessions
       where user_id = $1 and revoked_at is null and expires_at > $3 order by last_seen_at desc limit 50`,
      [userId, currentIdHash, now],
    )
  ).rows;
}

// ---- draft keys (user_draft_keys) ----

/** Inserts the user's sealed draft key unless they have one; whether this call made it. */
export async function insertDraftKey(c: pg.ClientBase, userId: string, sealed: string): Promise<boolean> {
  // Two tabs asking at once: the first insert wins and both read the same key back.
  const inserted = await c.query('insert into user_draft_keys (user_id, key_sealed) values ($1, $2) on conflict (user_id) do nothing', [userId, sealed]);
  return (inserted.rowCount ?? 0) > 0;
}

export async function draftKeySealed(c: pg.ClientBase, userId: string): Promise<string> {
  const row = (await c.query<{ key_sealed: string }>('select key_sealed from user_draft_keys where user_id = $1', [userId])).rows[0];
  if (!row) throw new Error('draft key missing right after its insert');
  return row.key_sealed;
}

export async function deleteDraftKey(c: pg.ClientBase, userId: string): Promise<void> {
  await c.query('delete from user_draft_keys where user_id = $1', [userId]);
}

// ---- the caller's committees ----

export async function committeeNames(c: pg.ClientBase, ids: string[]): Promise<string[]> {
  return (
    await c.query<{ name: string }>({ name: 'me-committees', text: 'select name from committees where id = any($1) order by code', values: [ids] })
  ).rows.map((r) => r.name);
}
