/**
 * The rules of signing in: how many wrong attempts lock an account and for how long, what a session
 * still has to do before it gets its permissions, what a new password must satisfy, and who may
 * turn the second factor off.
 */
import type { Pending } from '#common/api.js';
import { checkPassword } from '#common/password.js';
import type { AppDeps } from '../../core/deps.js';
import { errors, type AppError } from '../../core/errors.js';
import type { UserRow } from './repo.js';

export const MAX_FAILURES = 5;
export const LOCK_MS = 15 * 60_000;
export const DEMO_PASSWORD = 'nuanyang-demo';

export type Verdict = { ok: true } | { ok: false; error: AppError };
const OK: Verdict = { ok: true };

/**
 * What a session still has to do, in order: second factor, password change, enrol a second factor.
 * Demo mode relaxes the last two, except after an approved reset of an administrator account
 * (must_reenroll_totp), which always ends in a new password and a new authenticator.
 */
export function nextPending(
  deps: AppDeps,
  u: Pick<UserRow, 'totp_enabled' | 'password_changed_at' | 'must_change_password' | 'must_reenroll_totp' | 'admin_classes'>,
  mfaDone: boolean,
): Pending | null {
  if (u.totp_enabled && !mfaDone) return 'mfa';
  const maxAge = deps.config.passwordMaxAgeDays;
  const expired = maxAge > 0 && deps.clock() - u.password_changed_at.getTime() > maxAge * 86_400_000;
  const strict = !deps.config.demo || u.must_reenroll_totp;
  if ((u.must_change_password && strict) || expired) return 'password-change';
  if (!u.totp_enabled && (u.must_reenroll_totp || (u.admin_classes.length > 0 && strict))) return 'mfa-enroll';
  return null;
}

/** A lock that has not run out yet. */
export function isLocked(lf: { locked_until: Date | null } | undefined, now: Date): boolean {
  return !!lf?.locked_until && lf.locked_until > now;
}

/** The wrong-password count after one more failure (a lock that ran out starts the count again), and the lock it earns. */
export function nextPasswordFailure(
  lf: { failures: number; locked_until: Date | null } | undefined,
  now: Date,
): { failures: number; lockedUntil: Date | null } {
  const failures = (lf && (!lf.locked_until || lf.locked_until <= now) ? lf.failures : 0) + 1;
  return { failures, lockedUntil: failures >= MAX_FAILURES ? new Date(now.getTime() + LOCK_MS) : null };
}

/** The wrong-code count after one more failure, and the lock it earns. */
export function nextMfaFailure(lf: { mfa_failures: number } | undefined, now: Date): { failures: number; lockedUntil: Date | null } {
  const failures = (lf?.mfa_failures ?? 0) + 1;
  return { failures, lockedUntil: failures >= MAX_FAILURES ? new Date(now.getTime() + LOCK_MS) : null };
}

/** The second step of a login is only for a session waiting for it. */
export function mayVerifyMfa(pending: Pending | null): Verdict {
  return pending === 'mfa' ? OK : { ok: false, error: errors.conflict('当前会话无需双因素验证') };
}

/** A new password follows the password rules (length, not common, not the username…). */
export function newPasswordAllowed(next: string, username: string): Verdict {
  const policy = checkPassword(next, username);
  return policy.ok ? OK : { ok: false, error: errors.validation([{ path: 'newPassword', message: policy.message }]) };
}

/** …and is not the current one (checked second: it costs a password hash). */
export function differsFromCurrent(sameAsCurrent: boolean): Verdict {
  return sameAsCurrent ? { ok: false, error: errors.validation([{ path: 'newPassword', message: '新密码不能与当前密码相同' }]) } : OK;
}

/** Setting up a second factor: not while one is enabled. */
export function mayStartTotp(u: Pick<UserRow, 'totp_enabled'>): Verdict {
  return u.totp_enabled ? { ok: false, error: errors.conflict('双因素认证已启用；如需更换，请先停用') } : OK;
}

/** Enabling it: a secret set up, not enabled yet. */
export function mayEnableTotp(u: Pick<UserRow, 'totp_enabled' | 'totp_secret_enc'>): Verdict {
  if (u.totp_enabled) return { ok: false, error: errors.conflict('双因素认证已启用') };
  if (!u.totp_secret_enc) return { ok: false, error: errors.conflict('请先生成密钥') };
  return OK;
}

/** Turning it off: administrators keep it, except in demo mode. */
export function mayDisableTotp(deps: AppDeps, u: Pick<UserRow, 'admin_classes'>): Verdict {
  if (u.admin_classes.length > 0 && !deps.config.demo) return { ok: false, error: errors.forbidden('管理员账户必须使用双因素认证，不能停用') };
  return OK;
}
