/**
 * Accounts. The system administrator manages accounts and business roles; the security
 * administrator alone grants administrator roles, unlocks accounts and resets second factors, and
 * alone manages administrator accounts (三权分立, policies.ts): the system administrator cannot
 * edit, disable or reset the password of the security or audit administrator. Disabling an account
 * or changing its roles, unit or committees ends its sessions.
 */
import type { z } from 'zod';
import type { AdminStatus, User, UserCreate, UserUpdate } from '#common/api.js';
import { checkPassword } from '#common/password.js';
import type { Database } from '../../../db/database.js';
import { inScope, type SignedInCtx, type Tx } from '../../../core/context.js';
import { errors } from '../../../core/errors.js';
import { hashPassword } from '../../auth/passwords.js';
import { diff } from '../../audit/presenters.js';
import {
  adminClassesOf,
  checkRoleSet,
  enforceAdminClassesKept,
  enforceDirectPasswordReset,
  enforceOtherAdministrator,
  enforceSelfUpdate,
  notSelf,
  REFUSALS,
  refuseLastOfClass,
} from '../policies.js';
import { actorLabel, classLabel, presentUser } from '../presenters.js';
import * as repo from '../repo.js';
import { alertAdministrators, auditRefusals } from './shared.js';
import { refuseUncheckedGrant } from '../../vetting/commands.js';
import { shanghaiDate } from '#common/dates.js';

async function checkUnit(tx: Tx, code: string): Promise<{ street_code: string | null }> {
  const unit = await repo.findUnit(tx, code);
  if (!unit || !unit.active) throw errors.validation([{ path: 'unitCode', message: '单位不存在或已停用' }]);
  return unit;
}

/** A child director's committees must be active and lie in the street of their unit. */
async function checkCommittees(tx: Tx, ids: string[], unitStreet: string | null): Promise<void> {
  if (!ids.length) return;
  const rows = await repo.committeesByIds(tx, ids);
  if (rows.length !== new Set(ids).size || rows.some((r) => !r.active)) throw errors.validation([{ path: 'committees', message: '居民区不存在或已合并' }]);
  if (unitStreet && rows.some((r) => r.street_code !== unitStreet))
    throw errors.validation([{ path: 'committees', message: '只能选择本单位所在街道的居民区' }]);
}

/** A new account with business roles; its holder changes the password at the first login. */
export async function create(tx: Tx, _ctx: SignedInCtx, b: z.infer<typeof UserCreate>, now: Date): Promise<User> {
  const policy = checkPassword(b.password, b.username);
  if (!policy.ok) throw errors.validation([{ path: 'password', message: policy.message }]);
  if (await repo.usernameTaken(tx, b.username)) throw errors.conflict('用户名已存在', [{ path: 'username', message: '用户名已存在' }]);
  const unit = await checkUnit(tx, b.unitCode);
  const roles = await checkRoleSet(tx, b.roles);
  if (adminClassesOf(roles).size) throw errors.forbidden('管理员角色须由安全管理员授予（三权分立）');
  await checkCommittees(tx, b.committees, unit.street_code);
  await refuseUncheckedGrant(tx, null, b.roles, shanghaiDate(now.getTime()));
  const id = await repo.insertUser(tx, {
    username: b.username,
    displayName: b.displayName,
    unitCode: b.unitCode,
    passwordHash: await hashPassword(b.password),
  });
  await repo.insertUserRoles(tx, id, [...new Set(b.roles)]);
  await repo.insertUserCommittees(tx, id, [...new Set(b.committees)]);
  await tx.audit({
    action: 'admin.user.create',
    entity: 'user',
    entityId: id,
    summary: { username: b.username, unitCode: b.unitCode, roles: b.roles, committees: b.committees },
  });
  return presentUser(await repo.getUser(tx, now, id));
}

/** Name, unit, business roles, committees, disabled; a change of access ends the account's sessions. */
export const update = (db: Database, ctx: SignedInCtx, id: string, b: z.infer<typeof UserUpdate>, now: Date): Promise<User> =>
  auditRefusals(db, ctx, { action: 'admin.user.update', entity: 'user', entityId: id }, () =>
    inScope(db, ctx, async (tx) => {
      const old = await repo.getUser(tx, now, id, true);
      enforceSelfUpdate(ctx.actor, old.id, b);
      const oldRoles = await checkRoleSet(tx, old.roles);
      enforceOtherAdministrator(ctx.actor, old.id, adminClassesOf(oldRoles));
      if (b.roles) enforceAdminClassesKept(adminClassesOf(oldRoles), adminClassesOf(await checkRoleSet(tx, b.roles)));
      if (b.roles)
        await refuseUncheckedGrant(
          tx,
          old.id,
          b.roles.filter((r) => !old.roles.includes(r)),
          shanghaiDate(now.getTime()),
        );
      const unitCode = b.unitCode ?? old.unit_code;
      const unit = await checkUnit(tx, unitCode);
      const committees = b.committees ?? (b.unitCode && b.unitCode !== old.unit_code ? [] : old.committees);
      await checkCommittees(tx, committees, unit.street_code);
      await repo.updateUser(tx, old.id, b.displayName ?? null, unitCode, b.disabled ?? null);
      if (b.roles) {
        await repo.deleteUserRoles(tx, old.id);
        await repo.insertUserRoles(tx, old.id, [...new Set(b.roles)]);
      }
      await repo.deleteUserCommittees(tx, old.id);
      await repo.insertUserCommittees(tx, old.id, [...new Set(committees)]);
      const next = await repo.getUser(tx, now, old.id);
      const changes = diff(presentUser(old), presentUser(next));
      const accessChanged = ['roles', 'unitCode', 'committees', 'disabled'].some((k) => k in changes);
      if (accessChanged) await repo.endSessions(tx, old.id, now);
      await tx.audit({ action: 'admin.user.update', entity: 'user', entityId: old.id, summary: { ...changes, sessionsEnded: accessChanged } });
      return presentUser(next);
    }),
  );

/** A business account's new password, to be changed at the next login; its sessions end. */
export const resetPassword = (db: Database, ctx: SignedInCtx, id: string, password: string, now: Date): Promise<void> =>
  auditRefusals(db, ctx, { action: 'admin.user.password.reset', entity: 'user', entityId: id }, () =>
    inScope(db, ctx, async (tx) => {
      const u = await repo.getUser(tx, now, id, true);
      enforceDirectPasswordReset(adminClassesOf(await checkRoleSet(tx, u.roles)));
      const policy = checkPassword(password, u.username);
      if (!policy.ok) throw errors.validation([{ path: 'password', message: policy.message }]);
      await repo.setPassword(tx, u.id, await hashPassword(password), now);
      await repo.endSessions(tx, u.id, now);
      await tx.audit({ action: 'admin.user.password.reset', entity: 'user', entityId: u.id });
    }),
  );

/** Ends a login lock. */
export async function unlock(tx: Tx, id: string, now: Date): Promise<void> {
  const u = await repo.getUser(tx, now, id);
  await repo.clearLoginFailures(tx, u.username);
  await tx.audit({ action: 'security.user.unlock', entity: 'user', entityId: u.id });
}

/** Removes the second factor (the holder enrols again); for an administrator account, the others are alerted. */
export async function resetMfa(tx: Tx, ctx: SignedInCtx, id: string, now: Date): Promise<void> {
  const u = await repo.getUser(tx, now, id, true);
  notSelf(ctx.actor, u.id, '不能重置本人的双因素认证');
  await repo.removeSecondFactor(tx, u.id);
  await repo.endSessions(tx, u.id, now);
  const classes = adminClassesOf(await checkRoleSet(tx, u.roles));
  const alerted = classes.size
    ? await alertAdministrators(tx, ctx, {
        title: '管理员账户的双因素认证已被重置',
        body: `${actorLabel(ctx.actor)}重置了${classLabel(classes)}账户 ${u.username}（${u.display_name}）的双因素认证。如非预期，请立即核实。`,
        entity: 'user',
        entityId: u.id,
      })
    : 0;
  await tx.audit({ action: 'security.user.mfa.reset', entity: 'user', entityId: u.id, summary: alerted ? { administratorsAlerted: alerted } : null });
}

/** Grants (role) or revokes (null) the account's administrator role; the three classes exclude each other. */
export async function setAdminRole(tx: Tx, ctx: SignedInCtx, id: string, role: string | null, now: Date): Promise<User> {
  const u = await repo.getUser(tx, now, id, true);
  notSelf(ctx.actor, u.id, '不能修改本人的管理员角色');
  const current = await checkRoleSet(tx, u.roles);
  const business = current.filter((r) => !r.admin_class).map((r) => r.code);
  let nextRoles: string[];
  if (role) {
    const [granted] = await checkRoleSet(tx, [role], 'role');
    if (!granted?.admin_class) throw errors.validation([{ path: 'role', message: '这不是管理员角色' }]);
    if (business.length) throw errors.validation([{ path: 'role', message: '该账户持有业务角色；管理员须使用独立账户（三权分立）' }]);
    nextRoles = [granted.code];
  } else {
    nextRoles = business; // revoking leaves an account without roles: it can log in but do nothing
    if (!current.some((r) => r.admin_class)) throw errors.validation([{ path: 'role', message: '该账户没有管理员角色' }]);
  }
  const before = adminClassesOf(current);
  const after = adminClassesOf(await checkRoleSet(tx, nextRoles));
  if (!u.disabled)
    await refuseLastOfClass(
      tx,
      u.id,
      [...before].filter((c) => !after.has(c)),
    );
  await repo.deleteUserRoles(tx, u.id);
  await repo.insertUserRoles(tx, u.id, nextRoles);
  await repo.endSessions(tx, u.id, now);
  const alerted = await alertAdministrators(tx, ctx, {
    title: '管理员角色变更',
    body: `${actorLabel(ctx.actor)}将账户 ${u.username}（${u.display_name}）的管理员角色由「${classLabel(before) || '无'}」改为「${classLabel(after) || '无'}」。`,
    entity: 'user',
    entityId: u.id,
  });
  await tx.audit({
    action: 'security.user.admin-role',
    entity: 'user',
    entityId: u.id,
    summary: { roles: { from: u.roles, to: nextRoles }, administratorsAlerted: alerted },
  });
  return presentUser(await repo.getUser(tx, now, u.id));
}

/** Disables or enables an administrator account (the security administrator only); the others are alerted. */
export const setAdminStatus = (db: Database, ctx: SignedInCtx, id: string, b: z.infer<typeof AdminStatus>, now: Date): Promise<User> =>
  auditRefusals(db, ctx, { action: 'security.user.admin-status', entity: 'user', entityId: id }, () =>
    inScope(db, ctx, async (tx) => {
      const u = await repo.getUser(tx, now, id, true);
      notSelf(ctx.actor, u.id, '不能停用或启用本人账户');
      const classes = adminClassesOf(await checkRoleSet(tx, u.roles));
      if (!classes.size) throw errors.validation([{ path: 'userId', message: REFUSALS.notAnAdminAccount }], REFUSALS.notAnAdminAccount);
      const disabled = b.disabled;
      if (disabled === u.disabled) return presentUser(u);
      if (disabled) await refuseLastOfClass(tx, u.id, classes);
      await repo.setDisabled(tx, u.id, disabled, now);
      if (disabled) await repo.endSessions(tx, u.id, now);
      const alerted = await alertAdministrators(tx, ctx, {
        title: disabled ? '管理员账户已被停用' : '管理员账户已被启用',
        body: `${actorLabel(ctx.actor)}${disabled ? '停用' : '启用'}了${classLabel(classes)}账户 ${u.username}（${u.display_name}）。如非预期，请立即核实。`,
        entity: 'user',
        entityId: u.id,
      });
      await tx.audit({
        action: 'security.user.admin-status',
        entity: 'user',
        entityId: u.id,
        summary: { disabled: { from: u.disabled, to: disabled }, administratorsAlerted: alerted },
      });
      return presentUser(await repo.getUser(tx, now, u.id));
    }),
  );
