/**
 * Login, second factor, password change and TOTP enrolment. Failures are recorded in the same
 * transaction as the failure counter and committed before the error is returned, so a failed
 * login always leaves its audit row and its count.
 */
import type pg from 'pg';
import type { Me, Pending } from '#common/api.js';
import { checkPassword } from '#common/password.js';
import type { AppDeps } from '../../core/deps.js';
import { inScope, type Actor, type RequestCtx, type Tx } from '../../core/context.js';
import { AppError, errors } from '../../core/errors.js';
import { alertSecurityAdmins } from '../../http/securityAlert.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { createSession } from './sessions.js';
import { hashRecoveryCode, matchTotp, newRecoveryCodes, newTotpSecret, totpFor } from './totp.js';

export const MAX_FAILURES = 5;
export const LOCK_MS = 15 * 60_000;
export const DEMO_PASSWORD = 'nuanyang-demo';

interface UserRow {
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

/**
 * What a session still has to do, in order: second factor, password change, enrol a second factor.
 * Demo mode relaxes the last two, except after an approved reset of an administrator account
 * (must_reenroll_totp), which always ends in a new password and a new authenticator.
 */
export function nextPending(deps: AppDeps, u: Pick<UserRow, 'totp_enabled' | 'password_changed_at' | 'must_change_password' | 'must_reenroll_totp' | 'admin_classes'>, mfaDone: boolean): Pending | null {
  if (u.totp_enabled && !mfaDone) return 'mfa';
  const maxAge = deps.config.passwordMaxAgeDays;
  const expired = maxAge > 0 && deps.clock() - u.password_changed_at.getTime() > maxAge * 86_400_000;
  const strict = !deps.config.demo || u.must_reenroll_totp;
  if ((u.must_change_password && strict) || expired) return 'password-change';
  if (!u.totp_enabled && (u.must_reenroll_totp || (u.admin_classes.length > 0 && strict))) return 'mfa-enroll';
  return null;
}

export type LoginResult = { ok: true; token: string } | { ok: false; error: AppError };

export async function login(deps: AppDeps, ctx: RequestCtx, rawUsername: string, password: string): Promise<LoginResult> {
  const username = rawUsername.trim().toLowerCase().slice(0, 64);
  const now = new Date(deps.clock());
  return inScope(deps.db, ctx, async (tx) => {
    const c = tx.client;
    const lf = (await c.query<{ failures: number; locked_until: Date | null }>(
      'select failures, locked_until from login_failures where username = $1 for update', [username])).rows[0];
    if (lf?.locked_until && lf.locked_until > now) {
      await tx.audit({ action: 'auth.login', outcome: 'denied', username, reason: 'locked' });
      return { ok: false, error: errors.locked() };
    }
    const user = (await c.query<UserRow>(`${USER_BY_NAME} where u.username = $1`, [username])).rows[0];
    const passwordOk = await verifyPassword(user?.password_hash ?? null, password);
    if (!user || !passwordOk || user.disabled) {
      const reason = !user ? 'unknown-user' : user.disabled && passwordOk ? 'disabled' : 'bad-password';
      await countFailedLogin(tx, username, lf, now, reason, user);
      return { ok: false, error: errors.invalidCredentials() };
    }
    // The password's count ends here; a count of wrong second-factor codes stays until a right code
    // (logging in again must not give a fresh set of guesses).
    if (lf) await c.query('delete from login_failures where username = $1 and mfa_failures = 0', [username]);
    if (lf) await c.query('update login_failures set failures = 0, locked_until = null where username = $1', [username]);
    const pending = nextPending(deps, user, false);
    const session = await createSession(c, { userId: user.id, ip: ctx.ip, userAgent: ctx.userAgent, pending, now, absoluteMs: deps.config.sessionAbsoluteMs });
    await c.query('update users set last_login_at = $2 where id = $1', [user.id, now]);
    await tx.audit({ action: 'auth.login', outcome: 'success', username, userId: user.id, unitCode: user.unit_code, summary: pending ? { pending } : null });
    return { ok: true, token: session.token };
  });
}

/** One more failed password for `username` (known or not); the MAX_FAILURES-th locks it. */
async function countFailedLogin(
  tx: Tx, username: string, lf: { failures: number; locked_until: Date | null } | undefined, now: Date, reason: string, user?: UserRow,
): Promise<void> {
  const failures = (lf && (!lf.locked_until || lf.locked_until <= now) ? lf.failures : 0) + 1;
  const lockedUntil = failures >= MAX_FAILURES ? new Date(now.getTime() + LOCK_MS) : null;
  await tx.client.query(
    `insert into login_failures (username, failures, last_failed_at, locked_until) values ($1, $2, $3, $4)
     on conflict (username) do update set failures = $2, last_failed_at = $3, locked_until = $4`,
    [username, lockedUntil ? 0 : failures, now, lockedUntil],
  );
  await tx.audit({ action: 'auth.login', outcome: 'failed', username, userId: user?.id ?? null, unitCode: user?.unit_code ?? null, reason, summary: lockedUntil ? { locked: true } : null });
}

/**
 * A login refused before it was tried because its input held a NUL character (see
 * http/inputHygiene.ts): counted and audited as a failed login of the username without the NUL,
 * so probing an account this way uses up its attempts like wrong passwords do.
 */
export async function refusedLogin(deps: AppDeps, ctx: RequestCtx, rawUsername: unknown): Promise<void> {
  const username = (typeof rawUsername === 'string' ? rawUsername : '').replace(/\u0000/g, '').trim().toLowerCase().slice(0, 64);
  if (!username) {
    await inScope(deps.db, ctx, (tx) => tx.audit({ action: 'auth.login', outcome: 'failed', reason: 'invalid-input' }));
    return;
  }
  const now = new Date(deps.clock());
  await inScope(deps.db, ctx, async (tx) => {
    const lf = (await tx.client.query<{ failures: number; locked_until: Date | null }>(
      'select failures, locked_until from login_failures where username = $1 for update', [username])).rows[0];
    if (lf?.locked_until && lf.locked_until > now) {
      await tx.audit({ action: 'auth.login', outcome: 'denied', username, reason: 'locked' });
      return;
    }
    const user = (await tx.client.query<UserRow>(`${USER_BY_NAME} where u.username = $1`, [username])).rows[0];
    await countFailedLogin(tx, username, lf, now, 'invalid-input', user);
  });
}

async function loadUser(c: pg.ClientBase, userId: string): Promise<UserRow> {
  const row = (await c.query<UserRow>(`${USER_BY_NAME} where u.id = $1 for update of u`, [userId])).rows[0];
  if (!row) throw errors.unauthenticated();
  return row;
}

/** Checks a TOTP code (not replayable) or consumes a recovery code. */
async function acceptSecondFactor(deps: AppDeps, c: pg.ClientBase, u: UserRow, code: string): Promise<'totp' | 'recovery' | null> {
  const trimmed = code.replace(/\s+/g, '');
  if (/^\d{6}$/.test(trimmed) && u.totp_secret_enc) {
    const secret = deps.crypto.decrypt(u.totp_secret_enc, 'users.totp_secret');
    const step = matchTotp(secret, trimmed, deps.clock());
    if (step !== null && step > u.totp_last_step) {
      await c.query('update users set totp_last_step = $2 where id = $1', [u.id, step]);
      return 'totp';
    }
    return null;
  }
  const h = hashRecoveryCode(trimmed);
  if (u.recovery_code_hashes.includes(h)) {
    await c.query('update users set recovery_code_hashes = array_remove(recovery_code_hashes, $2) where id = $1', [u.id, h]);
    return 'recovery';
  }
  return null;
}

/**
 * The second step of a login. Wrong codes are counted per account like wrong passwords: the
 * MAX_FAILURES-th locks the account for LOCK_MS (password logins are refused too), ends the
 * sessions waiting for a code, and alerts the security administrators. Each failure is audited.
 */
export async function verifyMfa(deps: AppDeps, ctx: RequestCtx, actor: Actor, code: string): Promise<void> {
  const now = new Date(deps.clock());
  const outcome = await inScope(deps.db, ctx, async (tx) => {
    const c = tx.client;
    const u = await loadUser(c, actor.userId);
    const lf = (await c.query<{ mfa_failures: number; locked_until: Date | null }>(
      'select mfa_failures, locked_until from login_failures where username = $1 for update', [u.username])).rows[0];
    if (lf?.locked_until && lf.locked_until > now) {
      // Locked meanwhile (by this or a parallel session): no code is even looked at.
      await c.query('update sessions set revoked_at = $2 where id_hash = $1 and revoked_at is null', [actor.session.idHash, now]);
      await tx.audit({ action: 'auth.mfa', outcome: 'denied', reason: 'locked' });
      return 'locked' as const;
    }
    const how = await acceptSecondFactor(deps, c, u, code);
    if (!how) {
      const failures = (lf?.mfa_failures ?? 0) + 1;
      const lockedUntil = failures >= MAX_FAILURES ? new Date(now.getTime() + LOCK_MS) : null;
      await c.query(
        `insert into login_failures (username, failures, mfa_failures, last_failed_at, locked_until) values ($1, 0, $2, $3, $4)
         on conflict (username) do update set mfa_failures = $2, last_failed_at = $3, locked_until = coalesce($4, login_failures.locked_until)`,
        [u.username, lockedUntil ? 0 : failures, now, lockedUntil],
      );
      await tx.audit({ action: 'auth.mfa', outcome: 'failed', reason: 'bad-code', summary: { failures, ...(lockedUntil ? { locked: true } : {}) } });
      if (!lockedUntil) return 'failed' as const;
      await c.query(`update sessions set revoked_at = $2 where user_id = $1 and pending = 'mfa' and revoked_at is null`, [u.id, now]);
      await alertSecurityAdmins(tx, {
        kind: 'security.mfa-lockout',
        title: '双因素认证连续失败，账户已临时锁定',
        body: `账户 ${u.username} 连续 ${MAX_FAILURES} 次输入错误的双因素动态码（来源 IP ${ctx.ip ?? '未知'}），已锁定 ${LOCK_MS / 60_000} 分钟。如非本人操作，密码可能已泄露，请核查并联系该用户。`,
        entity: 'user',
        entityId: u.id,
      });
      return 'locked' as const;
    }
    if (lf?.mfa_failures) await c.query('update login_failures set mfa_failures = 0 where username = $1', [u.username]);
    const pending = nextPending(deps, u, true);
    await c.query('update sessions set pending = $2 where id_hash = $1', [actor.session.idHash, pending]);
    await tx.audit({ action: 'auth.mfa', outcome: 'success', summary: { method: how } });
    return 'ok' as const;
  });
  if (outcome === 'locked') throw errors.locked();
  if (outcome === 'failed') throw errors.validation([{ path: 'code', message: '动态码或恢复码不正确' }], '动态码或恢复码不正确');
}

export async function changePassword(deps: AppDeps, ctx: RequestCtx, actor: Actor, current: string, next: string): Promise<void> {
  const problem = await inScope(deps.db, ctx, async (tx) => {
    const u = await loadUser(tx.client, actor.userId);
    if (!(await verifyPassword(u.password_hash, current))) {
      await tx.audit({ action: 'auth.password.change', outcome: 'failed', reason: 'bad-current-password' });
      return errors.validation([{ path: 'currentPassword', message: '当前密码不正确' }]);
    }
    const policy = checkPassword(next, u.username);
    if (!policy.ok) return errors.validation([{ path: 'newPassword', message: policy.message }]);
    if (await verifyPassword(u.password_hash, next)) return errors.validation([{ path: 'newPassword', message: '新密码不能与当前密码相同' }]);
    const now = new Date(deps.clock());
    await tx.client.query(
      `update users set password_hash = $2, password_changed_at = $3, must_change_password = false, password_is_demo = false, updated_at = $3 where id = $1`,
      [u.id, await hashPassword(next), now],
    );
    // Other sessions end; this one continues with what is still pending (if anything).
    await tx.client.query('update sessions set revoked_at = $3 where user_id = $1 and id_hash <> $2 and revoked_at is null', [u.id, actor.session.idHash, now]);
    const pending = nextPending(deps, { ...u, must_change_password: false, password_changed_at: now }, true);
    await tx.client.query('update sessions set pending = $2 where id_hash = $1', [actor.session.idHash, pending]);
    await tx.audit({ action: 'auth.password.change', outcome: 'success', entity: 'user', entityId: u.id });
    return null;
  });
  if (problem) throw problem;
}

export async function totpSetup(deps: AppDeps, ctx: RequestCtx, actor: Actor): Promise<{ secret: string; otpauthUrl: string }> {
  return inScope(deps.db, ctx, async (tx) => {
    const u = await loadUser(tx.client, actor.userId);
    if (u.totp_enabled) throw errors.conflict('双因素认证已启用；如需更换，请先停用');
    const secret = newTotpSecret();
    await tx.client.query('update users set totp_secret_enc = $2 where id = $1', [u.id, deps.crypto.encrypt(secret, 'users.totp_secret')]);
    await tx.audit({ action: 'auth.totp.setup', entity: 'user', entityId: u.id });
    return { secret, otpauthUrl: totpFor(secret, u.username).toString() };
  });
}

export async function totpEnable(deps: AppDeps, ctx: RequestCtx, actor: Actor, code: string): Promise<string[]> {
  const result = await inScope(deps.db, ctx, async (tx) => {
    const u = await loadUser(tx.client, actor.userId);
    if (u.totp_enabled) return errors.conflict('双因素认证已启用');
    if (!u.totp_secret_enc) return errors.conflict('请先生成密钥');
    const step = matchTotp(deps.crypto.decrypt(u.totp_secret_enc, 'users.totp_secret'), code, deps.clock());
    if (step === null) {
      await tx.audit({ action: 'auth.totp.enable', outcome: 'failed' });
      return errors.validation([{ path: 'code', message: '动态码不正确，请核对手机时间后重试' }]);
    }
    const codes = newRecoveryCodes();
    await tx.client.query('update users set totp_enabled = true, totp_last_step = $2, recovery_code_hashes = $3, must_reenroll_totp = false where id = $1', [u.id, step, codes.map(hashRecoveryCode)]);
    const pending = nextPending(deps, { ...u, totp_enabled: true, must_reenroll_totp: false }, true);
    await tx.client.query('update sessions set pending = $2 where id_hash = $1', [actor.session.idHash, pending]);
    await tx.audit({ action: 'auth.totp.enable', entity: 'user', entityId: u.id });
    return codes;
  });
  if (result instanceof AppError) throw result;
  return result;
}

export async function totpDisable(deps: AppDeps, ctx: RequestCtx, actor: Actor, currentPassword: string): Promise<void> {
  const problem = await inScope(deps.db, ctx, async (tx) => {
    const u = await loadUser(tx.client, actor.userId);
    if (!(await verifyPassword(u.password_hash, currentPassword))) return errors.validation([{ path: 'currentPassword', message: '当前密码不正确' }]);
    if (u.admin_classes.length > 0 && !deps.config.demo) return errors.forbidden('管理员账户必须使用双因素认证，不能停用');
    await tx.client.query(`update users set totp_enabled = false, totp_secret_enc = null, recovery_code_hashes = '{}' where id = $1`, [u.id]);
    await tx.audit({ action: 'auth.totp.disable', entity: 'user', entityId: u.id });
    return null;
  });
  if (problem) throw problem;
}

/** The caller as the interface needs it; read in the caller's scope (their committees' names). */
export async function loadMe(deps: AppDeps, ctx: RequestCtx, a: Actor): Promise<Me> {
  const committeeNames = a.scope.committees.length
    ? await inScope(deps.db, { ...ctx, actor: a }, async (tx) =>
      (await tx.client.query<{ name: string }>({ name: 'me-committees', text: 'select name from committees where id = any($1) order by code', values: [a.scope.committees] })).rows.map((r) => r.name))
    : await inScope(deps.db, { ...ctx, actor: a }, async () => []);
  return presentMe(deps, a, committeeNames);
}

export function presentMe(deps: AppDeps, a: Actor, committeeNames: string[] = []): Me {
  const s = a.scope;
  return {
    user: { id: a.userId, username: a.username, displayName: a.displayName, totpEnabled: a.totpEnabled },
    unit: { code: a.unitCode, name: a.unitName, nameEn: a.unitNameEn },
    roles: a.roles,
    permissions: [...a.permissions].sort(),
    scope: { kind: s.kind, streets: s.streets, committees: s.committees, label: scopeLabel(a, committeeNames) },
    pending: a.session.pending,
    csrfToken: a.session.csrfToken,
    demoMode: deps.config.demo,
    idleTimeoutMinutes: Math.round(deps.config.sessionIdleMs / 60_000),
  };
}

function scopeLabel(a: Actor, committeeNames: string[]): string {
  switch (a.scope.kind) {
    case 'district':
      return '杨浦区（全区）';
    case 'street':
      return a.unitName;
    case 'committee':
      return committeeNames.length ? committeeNames.join('、') : '（未分配居民区）';
    case 'assigned':
      return '分派给本人的儿童';
    default:
      return '不涉及儿童个人信息';
  }
}
