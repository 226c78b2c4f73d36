/** Rows and the actor → the API's shapes: the caller (Me), their sessions, a session's timing. */
import type { Me, SessionInfo } from '#common/api.js';
import type { SessionStatus } from '#common/session.js';
import type { Actor } from '../../core/context.js';
import type { AppDeps } from '../../core/deps.js';
import type { SessionListRow } from './repo.js';

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
    accessSuspended: a.accessSuspended,
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

export function presentSessions(rows: SessionListRow[]): { items: SessionInfo[] } {
  return {
    items: rows.map((r) => ({
      id: r.public_id,
      current: r.current,
      createdAt: r.created_at.toISOString(),
      lastSeenAt: r.last_seen_at.toISOString(),
      ip: r.ip,
      userAgent: r.user_agent,
    })),
  };
}

/** When the session ends for lack of activity (or at its absolute end, if sooner). */
export function presentSessionStatus(deps: AppDeps, lastSeen: Date, expires: Date, now: Date): SessionStatus {
  const idleEnd = new Date(lastSeen.getTime() + deps.config.sessionIdleMs);
  return {
    expiresAt: (idleEnd < expires ? idleEnd : expires).toISOString(),
    now: now.toISOString(),
    idleTimeoutMinutes: Math.round(deps.config.sessionIdleMs / 60_000),
  };
}
