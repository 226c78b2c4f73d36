/**
 * 三权分立 applied to the administrators' own accounts. The system, security and audit
 * administrators must not be able to act on each other's accounts: otherwise the system
 * administrator could reset the audit administrator's password, log in as them and read (or stop
 * reading) the audit log. Rules:
 *  - only the security administrator manages administrator accounts (role, disable, second factor);
 *  - a password reset of an administrator account is a request that a second administrator —
 *    neither the requester nor the account holder — approves (adminRequests.ts);
 *  - every such act alerts the other administrators (a notification each) and is audited.
 */
import type { AdminClass } from '#common/permissions.js';
import type { AppDeps } from '../../core/deps.js';
import { auditAlone, type RequestCtx, type Tx } from '../../core/context.js';
import { AppError, errors } from '../../core/errors.js';
import { notify } from '../notifications/notify.js';

export const ADMIN_CLASS_ZH: Record<AdminClass, string> = { system: '系统管理员', security: '安全管理员', audit: '审计管理员' };

export const classLabel = (classes: Iterable<string>): string => [...classes].map((c) => ADMIN_CLASS_ZH[c as AdminClass] ?? c).join('、');

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

/** The administrator classes (system / security / audit) an account holds: at most one, by checkRoleSet. */
export async function adminClassesOfUser(tx: Tx, userId: string): Promise<AdminClass[]> {
  const { rows } = await tx.client.query<{ admin_class: AdminClass }>(
    `select distinct r.admin_class from user_roles ur join roles r on r.code = ur.role_code where ur.user_id = $1 and r.admin_class is not null`, [userId]);
  return rows.map((r) => r.admin_class);
}

/**
 * Refuses to leave a class of administrator without any usable account (disabling or demoting the
 * last audit administrator would end audit oversight, and the alert would reach nobody who can act).
 */
export async function refuseLastOfClass(tx: Tx, userId: string, classes: Iterable<string>): Promise<void> {
  for (const cls of classes) {
    const { rows } = await tx.client.query<{ n: number }>(
      `select count(distinct u.id)::int as n from users u join user_roles ur on ur.user_id = u.id join roles r on r.code = ur.role_code
       where r.admin_class = $1 and not u.disabled and u.id <> $2`, [cls, userId]);
    if (rows[0]!.n === 0) throw errors.conflict(`不能停用或撤销最后一个可用的${ADMIN_CLASS_ZH[cls as AdminClass] ?? cls}账户，请先为该职责设立另一个账户（三权分立）`);
  }
}

/**
 * Notifies every active administrator account except the actor: for an act by one administrator,
 * the administrators of the other two classes (and any colleague of the same class) learn of it.
 */
export async function alertAdministrators(tx: Tx, n: { title: string; body: string; entity: string; entityId: string }): Promise<number> {
  const { rows } = await tx.client.query<{ id: string }>(
    `select distinct u.id from users u join user_roles ur on ur.user_id = u.id join roles r on r.code = ur.role_code
     where r.admin_class is not null and not u.disabled and u.id <> $1`, [tx.ctx.actor!.userId]);
  return notify(tx, rows.map((r) => r.id), { kind: 'admin.account', ...n });
}

/** "安全管理员 secadmin（张三）": who did it, for alert bodies. */
export function actorLabel(ctx: RequestCtx): string {
  const a = ctx.actor!;
  return `${classLabel(a.adminClasses) || '用户'} ${a.username}（${a.displayName}）`;
}

/**
 * Runs a handler and writes an audit row for a refusal (403) it throws. The refusal's transaction
 * has rolled back, so the row is written in its own, as the guard does for missing permissions.
 */
export async function auditRefusals<T>(
  deps: AppDeps, ctx: RequestCtx, what: { action: string; entity: string; entityId: string | null }, fn: () => Promise<T>,
): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof AppError && err.statusCode === 403) {
      await auditAlone(deps.db, ctx, { ...what, outcome: 'denied', reason: err.message });
    }
    throw err;
  }
}
