/** Rows of the access module → the API's shapes. Pure. */
import type { AccessSettings, Grant } from '#common/access.js';
import type { GrantRow, SettingsRow } from './repo.js';

export function presentGrant(r: GrantRow, at: Date): Grant {
  return {
    id: r.id,
    userId: r.user_id,
    username: r.username,
    displayName: r.display_name,
    childId: r.child_id,
    streetCode: r.street_code,
    streetName: r.street_name,
    kind: r.kind,
    reason: r.reason,
    grantedAt: r.granted_at.toISOString(),
    expiresAt: r.expires_at.toISOString(),
    endedAt: r.ended_at?.toISOString() ?? null,
    endedBy: r.ended_by,
    endReason: r.end_reason,
    state: r.ended_at ? 'ended' : r.expires_at > at ? 'active' : 'expired',
  };
}

export function presentSettings(s: SettingsRow): AccessSettings {
  return {
    grantHours: s.grant_hours,
    emergencyHours: s.emergency_hours,
    bulkViewFiles: s.bulk_view_files,
    bulkViewMinutes: s.bulk_view_minutes,
    unusualFiles: s.unusual_files,
    unusualHistoryDays: s.unusual_history_days,
  };
}
