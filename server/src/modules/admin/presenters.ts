/** Rows → API shapes for accounts, roles and administrator-account requests. */
import type { AdminRequest, Role, User } from '#common/api.js';
import type { AdminClass } from '#common/permissions.js';
import type { Actor } from '../../core/context.js';
import { ADMIN_CLASS_ZH, canDecide, expired, REQUEST_TTL_MS } from './policies.js';
import type { RequestRow, RoleRow, UserRow } from './repo.js';

export const presentUser = (r: UserRow): User => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  unitCode: r.unit_code,
  unitName: r.unit_name,
  roles: r.roles,
  committees: r.committees,
  disabled: r.disabled,
  locked: r.locked,
  totpEnabled: r.totp_enabled,
  mustChangePassword: r.must_change_password,
  lastLoginAt: r.last_login_at?.toISOString() ?? null,
  createdAt: r.created_at.toISOString(),
});

export const presentRole = (r: RoleRow): Role => ({
  code: r.code,
  name: r.name,
  nameEn: r.name_en,
  scopeKind: r.scope_kind,
  adminClass: r.admin_class,
  permissions: r.permissions,
  builtin: r.builtin,
  userCount: r.user_count,
});

export function presentRequest(actor: Actor, row: RequestRow, now: number): AdminRequest {
  const status = expired(row, now) ? 'expired' : row.status;
  return {
    id: row.id,
    kind: row.kind,
    status,
    reason: row.reason,
    target: { id: row.target_id, username: row.target_username, displayName: row.target_name, roles: row.target_roles },
    requestedBy: { id: row.requester_id, username: row.requester_username, displayName: row.requester_name },
    decidedBy: row.decider_id ? { id: row.decider_id, username: row.decider_username ?? '', displayName: row.decider_name ?? '' } : null,
    decidedAt: row.decided_at?.toISOString() ?? null,
    decisionNote: row.decision_note,
    createdAt: row.created_at.toISOString(),
    expiresAt: new Date(row.created_at.getTime() + REQUEST_TTL_MS).toISOString(),
    canDecide: canDecide(actor, row, now),
  };
}

/** "安全管理员、审计管理员": administrator classes by their Chinese names. */
export const classLabel = (classes: Iterable<string>): string => [...classes].map((c) => ADMIN_CLASS_ZH[c as AdminClass] ?? c).join('、'); // an unknown class is shown by its code

/** "安全管理员 secadmin（张三）": who did it, for alert bodies. */
export function actorLabel(actor: Actor): string {
  return `${classLabel(actor.adminClasses) || '用户'} ${actor.username}（${actor.displayName}）`;
}
