/**
 * 三权分立 applied to the administrators' own accounts. The system, security and audit
 * administrators must not be able to act on each other's accounts: otherwise the system
 * administrator could reset the audit administrator's password, log in as them and read (or stop
 * reading) the audit log. Rules:
 *  - only the security administrator manages administrator accounts (role, disable, second factor);
 *  - a password reset of an administrator account is a request that a second administrator —
 *    neither the requester nor the account holder — approves (commands/requests.ts);
 *  - every such act alerts the other administrators (a notification each) and is audited.
 */
import { PERMISSIONS, permissionsOutsideClass, type AdminClass } from '#common/permissions.js';
import type { Actor, Tx } from '../../core/context.js';
import { type AppError, errors } from '../../core/errors.js';
import * as repo from './repo.js';
import type { RequestRow, RoleFacts } from './repo.js';

export type Verdict = { ok: true } | { ok: false; error: AppError };
const OK: Verdict = { ok: true };
const refuse = (error: AppError): Verdict => ({ ok: false, error });
const enforce = (v: Verdict): void => {
  if (!v.ok) throw v.error;
};

export const ADMIN_CLASS_ZH: Record<AdminClass, string> = { system: '系统管理员', security: '安全管理员', audit: '审计管理员' };

/** Refusal messages, in one place so the tests and the interface quote the same words. */
export const REFUSALS = {
  systemAdminOnAdmin: '管理员账户只能由安全管理员管理，系统管理员不能修改、停用或重置管理员账户（三权分立）',
  passwordResetNeedsApproval: '管理员账户的密码不能直接重置：须由安全管理员提出申请，另一名管理员审批（三权分立）',
  notAnAdminAccount: '该账户不是管理员账户；普通账户由系统管理员管理',
  selfRequest: '不能为本人账户申请重置密码，请在“个人设置”中修改密码',
  ownRequest: '不能审批本人提出的申请，须由另一名管理员审批（双人复核）',
  ownAccount: '不能审批针对本人账户的申请，须由另一名管理员审批',
  notAdministrator: '只有管理员可以审批管理员账户的操作',
} as const;

/** A request not decided within three days lapses: the situation that justified it may have changed. */
export const REQUEST_TTL_MS = 72 * 3_600_000;

// ---- role sets ----

/** Loads the roles named, refusing unknown codes and combinations that break 三权分立. */
export async function checkRoleSet(tx: Tx, codes: string[], field = 'roles'): Promise<RoleFacts[]> {
  const unique = [...new Set(codes)];
  const rows = await repo.roleFacts(tx.client, unique);
  const unknown = unique.filter((c) => !rows.some((r) => r.code === c));
  if (unknown.length) throw errors.validation([{ path: field, message: `角色不存在：${unknown.join('、')}` }]);
  const classes = new Set(rows.map((r) => r.admin_class).filter(Boolean));
  if (classes.size > 1) {
    throw errors.validation([{ path: field, message: '系统管理员、安全管理员、审计管理员三种角色互斥，不能授予同一账户（三权分立）' }]);
  }
  if (classes.size === 1 && rows.some((r) => !r.admin_class)) {
    throw errors.validation([{ path: field, message: '管理员账户不能同时持有业务角色，请为业务工作另设账户' }]);
  }
  return rows;
}

export const adminClassesOf = (roles: RoleFacts[]) => new Set(roles.map((r) => r.admin_class).filter((c): c is string => !!c));

/** A role's permissions must not include another administrator class's permissions. */
export function refuseForeignPermissions(perms: string[], cls: AdminClass | null): void {
  const bad = permissionsOutsideClass(perms, cls);
  if (bad.length) {
    throw errors.validation([
      {
        path: 'permissions',
        message: `以下权限只能属于相应的管理员角色（三权分立）：${bad.map((p) => PERMISSIONS[p as keyof typeof PERMISSIONS].zh).join('、')}`,
      },
    ]); // permissionsOutsideClass returns permission codes
  }
}

/**
 * Refuses to leave a class of administrator without any usable account (disabling or demoting the
 * last audit administrator would end audit oversight, and the alert would reach nobody who can act).
 */
export async function refuseLastOfClass(tx: Tx, userId: string, classes: Iterable<string>): Promise<void> {
  for (const cls of classes) {
    if ((await repo.otherActiveOfClass(tx, cls, userId)) === 0) {
      throw errors.conflict(`不能停用或撤销最后一个可用的${ADMIN_CLASS_ZH[cls as AdminClass] ?? cls}账户，请先为该职责设立另一个账户（三权分立）`); // an unknown class is shown by its code
    }
  }
}

// ---- accounts ----

/**
 * The system administrator's edit of an account: nobody changes their own roles, unit or disabled
 * state; another administrator's account is the security administrator's to manage; administrator
 * roles are granted and revoked only by the security administrator.
 */
export function selfUpdatePolicy(actor: Actor, targetId: string, change: { roles?: unknown; disabled?: unknown; unitCode?: unknown }): Verdict {
  if (targetId === actor.userId && (change.roles || change.disabled !== undefined || change.unitCode))
    return refuse(errors.forbidden('不能修改本人的角色、单位或停用本人账户'));
  return OK;
}
export const enforceSelfUpdate = (...a: Parameters<typeof selfUpdatePolicy>) => enforce(selfUpdatePolicy(...a));

/** Another administrator's account is the security administrator's to manage (三权分立). */
export function otherAdministratorPolicy(actor: Actor, targetId: string, targetClasses: Set<string>): Verdict {
  return targetId !== actor.userId && targetClasses.size ? refuse(errors.forbidden(REFUSALS.systemAdminOnAdmin)) : OK;
}
export const enforceOtherAdministrator = (...a: Parameters<typeof otherAdministratorPolicy>) => enforce(otherAdministratorPolicy(...a));

/** Through the ordinary account edit, an account's administrator classes stay as they are. */
export function adminClassesKeptPolicy(before: Set<string>, after: Set<string>): Verdict {
  return [...before].sort().join() !== [...after].sort().join() ? refuse(errors.forbidden('管理员角色须由安全管理员授予或撤销（三权分立）')) : OK;
}
export const enforceAdminClassesKept = (b: Set<string>, a: Set<string>) => enforce(adminClassesKeptPolicy(b, a));

/** An administrator's password is reset only through a request and a second administrator's approval. */
export function directPasswordResetPolicy(targetClasses: Set<string>): Verdict {
  return targetClasses.size ? refuse(errors.forbidden(REFUSALS.passwordResetNeedsApproval)) : OK;
}
export const enforceDirectPasswordReset = (c: Set<string>) => enforce(directPasswordResetPolicy(c));

/** Acts of the security administrator on an account that are never allowed on their own. */
export function notSelf(actor: Actor, targetId: string, message: string): void {
  if (targetId === actor.userId) throw errors.forbidden(message);
}

// ---- administrator-account requests ----

/** Why the caller may not decide this request, or null if they may (also gives the interface's canDecide flag). */
export function decisionRefusal(actor: Actor, row: Pick<RequestRow, 'requester_id' | 'target_id'>): string | null {
  if (!actor.adminClasses.length) return REFUSALS.notAdministrator;
  if (row.requester_id === actor.userId) return REFUSALS.ownRequest;
  if (row.target_id === actor.userId) return REFUSALS.ownAccount;
  return null;
}

export const expired = (row: Pick<RequestRow, 'status' | 'created_at'>, now: number) =>
  row.status === 'pending' && now - row.created_at.getTime() > REQUEST_TTL_MS;

/** The caller may decide the request: it is still pending and not theirs nor about them. */
export function decisionPolicy(actor: Actor, row: RequestRow, now: number): Verdict {
  const refusal = decisionRefusal(actor, row);
  if (refusal) return refuse(errors.forbidden(refusal));
  if (row.status !== 'pending') return refuse(errors.conflict('该申请已处理，不能重复审批'));
  if (expired(row, now)) return refuse(errors.conflict('该申请超过 72 小时未审批，已失效；如仍需重置，请安全管理员重新申请'));
  return OK;
}
export const enforceDecision = (...a: Parameters<typeof decisionPolicy>) => enforce(decisionPolicy(...a));

/** The interface's canDecide flag, from the same rule. */
export const canDecide = (actor: Actor, row: RequestRow, now: number): boolean => decisionPolicy(actor, row, now).ok;
