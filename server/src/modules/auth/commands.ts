/**
 * Every state change of signing in and of the caller's own account, each with its audit row:
 * login (success, failure, lockout), the second factor, logout, ending a session, password change,
 * TOTP setup / enable / disable, the draft key, keep-alive.
 *
 * A failure is recorded in the same transaction as its counter and committed before the error is
 * returned, so a failed login always leaves its audit row and its count: these commands open their
 * own transaction (`inScope`) and throw only after it committed.
 */
import crypto from 'node:crypto';
import type pg from 'pg';
import { inScope, type RequestCtx, type SignedInCtx, type Tx } from '../../core/context.js';
import type { AppDeps } from '../../core/deps.js';
import { AppError, errors } from '../../core/errors.js';
import { alertSecurityAdmins } from '../../http/securityAlert.js';
import type { SessionStatus } from '#common/session.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { presentSessionStatus } from './presenters.js';
import {
  LOCK_MS,
  MAX_FAILURES,
  differsFromCurrent,
  isLocked,
  mayDisableTotp,
  mayEnableTotp,
  mayStartTotp,
  mayVerifyMfa,
  newPasswordAllowed,
  nextMfaFailure,
  nextPasswordFailure,
  nextPending,
} from './policies.js';
import * as repo from './repo.js';
import type { LoginFailureRow, UserRow } from './repo.js';
import { createSession } from './sessions.js';
import { hashRecoveryCode, matchTotp, newRecoveryCodes, newTotpSecret, totpFor } from './totp.js';

const normalise = (username: string) => username.trim().toLowerCase().slice(0, 64);

/** Username and password → a new session's token (a new session id at every login: no fixation). */
export async function login(deps: AppDeps, ctx: RequestCtx, rawUsername: string, password: string): Promise<{ token: string }> {
  const username = normalise(rawUsername);
  const now = new Date(deps.clock());
  const result = await inScope(deps.db, ctx, async (tx): Promise<{ ok: true; token: string } | { ok: false; error: AppError }> => {
    const c = tx.client;
    const lf = await repo.lockLoginFailures(c, username);
    if (isLocked(lf, now)) {
      await tx.audit({ action: 'auth.login', outcome: 'denied', username, reason: 'locked' });
      return { ok: false, error: errors.locked() };
    }
    const user = await repo.userByName(c, username);
    const passwordOk = await verifyPassword(user?.password_hash ?? null, password);
    if (!user || !passwordOk || user.disabled) {
      const reason = !user ? 'unknown-user' : user.disabled && passwordOk ? 'disabled' : 'bad-password';
      await countFailedLogin(tx, username, lf, now, reason, user);
      return { ok: false, error: errors.invalidCredentials() };
    }
    // The password's count ends here; a count of wrong second-factor codes stays until a right code
    // (logging in again must not give a fresh set of guesses).
    if (lf) await repo.clearPasswordFailures(c, username);
    const pending = nextPending(deps, user, false);
    const session = await createSession(c, { userId: user.id, ip: ctx.ip, userAgent: ctx.userAgent, pending, now, absoluteMs: deps.config.sessionAbsoluteMs });
    await repo.setLastLogin(c, user.id, now);
    await tx.audit({ action: 'auth.login', outcome: 'success', username, userId: user.id, unitCode: user.unit_code, summary: pending ? { pending } : null });
    return { ok: true, token: session.token };
  });
  if (!result.ok) throw result.error;
  return { token: result.token };
}

/** One more failed password for `username` (known or not); the MAX_FAILURES-th locks it. */
async function countFailedLogin(tx: Tx, username: string, lf: LoginFailureRow | undefined, now: Date, reason: string, user?: UserRow): Promise<void> {
  const { failures, lockedUntil } = nextPasswordFailure(lf, now);
  await repo.saveLoginFailures(tx.client, username, lockedUntil ? 0 : failures, now, lockedUntil);
  await tx.audit({
    action: 'auth.login',
    outcome: 'failed',
    username,
    userId: user?.id ?? null,
    unitCode: user?.unit_code ?? null,
    reason,
    summary: lockedUntil ? { locked: true } : null,
  });
}

/**
 * A login refused before it was tried because its input held a NUL character (see
 * http/inputHygiene.ts): counted and audited as a failed login of the username without the NUL,
 * so probing an account this way uses up its attempts like wrong passwords do.
 */
export async function refusedLogin(deps: AppDeps, ctx: RequestCtx, rawUsername: unknown): Promise<void> {
  const username = normalise((typeof rawUsername === 'string' ? rawUsername : '').replaceAll('\u0000', ''));
  if (!username) {
    await inScope(deps.db, ctx, (tx) => tx.audit({ action: 'auth.login', outcome: 'failed', reason: 'invalid-input' }));
    return;
  }
  const now = new Date(deps.clock());
  await inScope(deps.db, ctx, async (tx) => {
    const lf = await repo.lockLoginFailures(tx.client, username);
    if (isLocked(lf, now)) {
      await tx.audit({ action: 'auth.login', outcome: 'denied', username, reason: 'locked' });
      return;
    }
    const user = await repo.userByName(tx.client, username);
    await countFailedLogin(tx, username, lf, now, 'invalid-input', user);
  });
}

async function loadUser(c: pg.ClientBase, userId: string): Promise<UserRow> {
  const row = await repo.lockUser(c, userId);
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
      await repo.setTotpLastStep(c, u.id, step);
      return 'totp';
    }
    return null;
  }
  const h = hashRecoveryCode(trimmed);
  if (u.recovery_code_hashes.includes(h)) {
    await repo.removeRecoveryCode(c, u.id, h);
    return 'recovery';
  }
  return null;
}

/**
 * The second step of a login. Wrong codes are counted per account like wrong passwords: the
 * MAX_FAILURES-th locks the account for LOCK_MS (password logins are refused too), ends the
 * sessions waiting for a code, and alerts the security administrators. Each failure is audited.
 */
export async function verifyMfa(deps: AppDeps, ctx: SignedInCtx, code: string): Promise<void> {
  const actor = ctx.actor;
  const now = new Date(deps.clock());
  const outcome = await inScope(deps.db, ctx, async (tx) => {
    const c = tx.client;
    const u = await loadUser(c, actor.userId);
    const lf = await repo.lockMfaFailures(c, u.username);
    if (isLocked(lf, now)) {
      // Locked meanwhile (by this or a parallel session): no code is even looked at.
      await repo.revokeSession(c, actor.session.idHash, now);
      await tx.audit({ action: 'auth.mfa', outcome: 'denied', reason: 'locked' });
      return 'locked' as const;
    }
    const how = await acceptSecondFactor(deps, c, u, code);
    if (!how) {
      const { failures, lockedUntil } = nextMfaFailure(lf, now);
      await repo.saveMfaFailures(c, u.username, lockedUntil ? 0 : failures, now, lockedUntil);
      await tx.audit({ action: 'auth.mfa', outcome: 'failed', reason: 'bad-code', summary: { failures, ...(lockedUntil ? { locked: true } : {}) } });
      if (!lockedUntil) return 'failed' as const;
      await repo.revokeMfaPendingSessions(c, u.id, now);
      await alertSecurityAdmins(tx, {
        kind: 'security.mfa-lockout',
        title: '双因素认证连续失败，账户已临时锁定',
        body: `账户 ${u.username} 连续 ${MAX_FAILURES} 次输入错误的双因素动态码（来源 IP ${ctx.ip ?? '未知'}），已锁定 ${LOCK_MS / 60_000} 分钟。如非本人操作，密码可能已泄露，请核查并联系该用户。`,
        entity: 'user',
        entityId: u.id,
        severity: 'critical',
        userId: u.id,
        username: u.username,
        unitCode: u.unit_code,
      });
      return 'locked' as const;
    }
    if (lf?.mfa_failures) await repo.clearMfaFailures(c, u.username);
    await repo.setSessionPending(c, actor.session.idHash, nextPending(deps, u, true));
    await tx.audit({ action: 'auth.mfa', outcome: 'success', summary: { method: how } });
    return 'ok' as const;
  });
  if (outcome === 'locked') throw errors.locked();
  if (outcome === 'failed') throw errors.validation([{ path: 'code', message: '动态码或恢复码不正确' }], '动态码或恢复码不正确');
}

/** POST /api/auth/mfa: only a session waiting for its second factor may send one. */
export async function submitMfa(deps: AppDeps, ctx: SignedInCtx, code: string): Promise<void> {
  const may = mayVerifyMfa(ctx.actor.session.pending);
  if (!may.ok) throw may.error;
  await verifyMfa(deps, ctx, code);
}

/** Logout: the session ends and the user's draft key goes (drafts left in any browser become unreadable). */
export async function logout(deps: AppDeps, ctx: SignedInCtx): Promise<void> {
  await inScope(deps.db, ctx, async (tx) => {
    await repo.endSession(tx.client, ctx.actor.session.idHash, new Date(deps.clock()));
    await repo.deleteDraftKey(tx.client, ctx.actor.userId);
    await tx.audit({ action: 'auth.logout' });
  });
}

/** Ends one of the caller's own sessions (404 when it is not theirs or already ended). */
export async function revokeSession(tx: Tx, ctx: SignedInCtx, publicId: string, now: Date): Promise<void> {
  const ended = await repo.revokeUserSession(tx.client, publicId, ctx.actor.userId, now);
  if (!ended) throw errors.notFound('未找到该会话');
  await tx.audit({ action: 'auth.session.revoke', entity: 'session', entityId: publicId });
}

export async function changePassword(deps: AppDeps, ctx: SignedInCtx, current: string, next: string): Promise<void> {
  const actor = ctx.actor;
  const problem = await inScope(deps.db, ctx, async (tx) => {
    const u = await loadUser(tx.client, actor.userId);
    if (!(await verifyPassword(u.password_hash, current))) {
      await tx.audit({ action: 'auth.password.change', outcome: 'failed', reason: 'bad-current-password' });
      return errors.validation([{ path: 'currentPassword', message: '当前密码不正确' }]);
    }
    const rules = newPasswordAllowed(next, u.username);
    if (!rules.ok) return rules.error;
    const fresh = differsFromCurrent(await verifyPassword(u.password_hash, next));
    if (!fresh.ok) return fresh.error;
    const now = new Date(deps.clock());
    await repo.setPassword(tx.client, u.id, await hashPassword(next), now);
    // Other sessions end; this one continues with what is still pending (if anything).
    await repo.revokeOtherSessions(tx.client, u.id, actor.session.idHash, now);
    await repo.setSessionPending(tx.client, actor.session.idHash, nextPending(deps, { ...u, must_change_password: false, password_changed_at: now }, true));
    await tx.audit({ action: 'auth.password.change', outcome: 'success', entity: 'user', entityId: u.id });
    return null;
  });
  if (problem) throw problem;
}

export async function totpSetup(deps: AppDeps, tx: Tx, ctx: SignedInCtx): Promise<{ secret: string; otpauthUrl: string }> {
  const u = await loadUser(tx.client, ctx.actor.userId);
  const may = mayStartTotp(u);
  if (!may.ok) throw may.error;
  const secret = newTotpSecret();
  await repo.setTotpSecret(tx.client, u.id, deps.crypto.encrypt(secret, 'users.totp_secret'));
  await tx.audit({ action: 'auth.totp.setup', entity: 'user', entityId: u.id });
  return { secret, otpauthUrl: totpFor(secret, u.username).toString() };
}

/** Confirms the authenticator with a code; the one-time recovery codes. */
export async function totpEnable(deps: AppDeps, ctx: SignedInCtx, code: string): Promise<{ recoveryCodes: string[] }> {
  const result = await inScope(deps.db, ctx, async (tx) => {
    const u = await loadUser(tx.client, ctx.actor.userId);
    const may = mayEnableTotp(u);
    if (!may.ok) return may.error;
    const step = u.totp_secret_enc === null ? null : matchTotp(deps.crypto.decrypt(u.totp_secret_enc, 'users.totp_secret'), code, deps.clock());
    if (step === null) {
      await tx.audit({ action: 'auth.totp.enable', outcome: 'failed' });
      return errors.validation([{ path: 'code', message: '动态码不正确，请核对手机时间后重试' }]);
    }
    const codes = newRecoveryCodes();
    await repo.enableTotp(tx.client, u.id, step, codes.map(hashRecoveryCode));
    await repo.setSessionPending(tx.client, ctx.actor.session.idHash, nextPending(deps, { ...u, totp_enabled: true, must_reenroll_totp: false }, true));
    await tx.audit({ action: 'auth.totp.enable', entity: 'user', entityId: u.id });
    return codes;
  });
  if (result instanceof AppError) throw result;
  return { recoveryCodes: result };
}

export async function totpDisable(deps: AppDeps, tx: Tx, ctx: SignedInCtx, currentPassword: string): Promise<void> {
  const u = await loadUser(tx.client, ctx.actor.userId);
  if (!(await verifyPassword(u.password_hash, currentPassword))) throw errors.validation([{ path: 'currentPassword', message: '当前密码不正确' }]);
  const may = mayDisableTotp(deps, u);
  if (!may.ok) throw may.error;
  await repo.disableTotp(tx.client, u.id);
  await tx.audit({ action: 'auth.totp.disable', entity: 'user', entityId: u.id });
}

const DRAFT_KEY_COLUMN = 'user_draft_keys.key_sealed';

/**
 * The user's key for the browser's form drafts, created on first use (audited then). The key is
 * random, kept sealed with the field-encryption key, handed to the user's own browser after login
 * and deleted at logout, so drafts that a browser still holds after a logout become unreadable.
 */
export async function draftKey(deps: AppDeps, tx: Tx, ctx: SignedInCtx): Promise<{ key: string }> {
  const userId = ctx.actor.userId;
  const fresh = crypto.randomBytes(32).toString('base64url');
  const created = await repo.insertDraftKey(tx.client, userId, deps.crypto.encrypt(fresh, DRAFT_KEY_COLUMN));
  const key = deps.crypto.decrypt(await repo.draftKeySealed(tx.client, userId), DRAFT_KEY_COLUMN);
  if (created) await tx.audit({ action: 'auth.draftKey.create', entity: 'user', entityId: userId });
  return { key };
}

/** The user's "继续" or typing: the idle timer restarts (the absolute lifetime is not extended). */
export async function keepAlive(deps: AppDeps, ctx: SignedInCtx): Promise<SessionStatus> {
  const now = new Date(deps.clock());
  const row = await repo.keepSessionAlive(deps.db.app, ctx.actor.session.idHash, now);
  if (!row) throw errors.unauthenticated();
  return presentSessionStatus(deps, now, row.expires_at, now);
}
