/** Audit rows → API shapes, and the `{ field: { from, to } }` summary every module's commands record for a change. */
import type { AuditEntry } from '#common/api.js';
import type { SecurityAlert } from '#common/access.js';
import type { AlertRow, AuditRow } from './repo.js';

export const presentAuditEntry = (r: AuditRow): AuditEntry => ({
  id: String(r.id),
  at: r.at.toISOString(),
  userId: r.user_id,
  username: r.username,
  unitCode: r.unit_code,
  roles: r.roles,
  ip: r.ip,
  action: r.action,
  entity: r.entity,
  entityId: r.entity_id,
  outcome: r.outcome,
  summary: r.summary,
  reason: r.reason,
  requestId: r.request_id,
});

/** The fields that changed, as { field: { from, to } }, for the audit log and history views. */
export function diff<T extends Record<string, unknown>>(before: T, after: T): Record<string, { from: unknown; to: unknown }> {
  const out: Record<string, { from: unknown; to: unknown }> = {};
  for (const k of Object.keys(after)) {
    if (JSON.stringify(before[k]) !== JSON.stringify(after[k])) out[k] = { from: before[k], to: after[k] };
  }
  return out;
}

/** A security event (安全事件): the body the raiser wrote is kept in the detail; shown apart. */
export function presentAlert(r: AlertRow): SecurityAlert {
  const { body, ...detail } = r.detail ?? {};
  return {
    id: r.id,
    kind: r.kind,
    severity: r.severity,
    userId: r.user_id,
    username: r.username,
    unitCode: r.unit_code,
    title: r.title,
    body: typeof body === 'string' ? body : null,
    detail,
    entity: r.entity,
    entityId: r.entity_id,
    createdAt: r.created_at.toISOString(),
    acknowledgedAt: r.acknowledged_at?.toISOString() ?? null,
    acknowledgedBy: r.acknowledged_by,
    ackNote: r.ack_note,
  };
}
