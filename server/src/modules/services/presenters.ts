/** Rows → API shapes. A booking shows its stored masked label, never the child's file. */
import type { Booking, Programme, ProgrammeSession, PriorityRuleOut } from '#common/services.js';
import type { Actor } from '../../core/context.js';
import { canActOnBooking, canEditProgramme, isOwner } from './policies.js';
import type { BookingRow, ProgrammeRow, RuleRow, SessionRow } from './repo.js';

export function programmeOut(r: ProgrammeRow, a: Actor): Programme {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    kind: r.kind,
    ownerUnitCode: r.owner_unit_code,
    ownerUnitName: r.owner_unit_name,
    providerName: r.provider_name,
    audience: r.audience,
    targetGroup: r.target_group,
    minAge: r.min_age,
    maxAge: r.max_age,
    cost: r.cost,
    contact: r.contact,
    description: r.description,
    planTasks: r.plan_tasks,
    mode: r.mode,
    priorityBooking: r.priority_booking,
    confirmHours: r.confirm_hours,
    active: r.active,
    version: r.version,
    openSessions: r.open_sessions,
    canEdit: canEditProgramme(a, r.owner_unit_code),
  };
}

export function sessionOut(s: SessionRow, now: Date, today: string): ProgrammeSession {
  return {
    id: s.id,
    programmeId: s.programme_id,
    title: s.title,
    startsOn: s.starts_on,
    endsOn: s.ends_on,
    place: s.place,
    capacity: s.capacity,
    priorityUntil: s.priority_until ? s.priority_until.toISOString() : null,
    windowOpen: s.priority_until !== null && s.priority_until.getTime() > now.getTime(),
    status: s.status,
    cancelReason: s.cancel_reason,
    note: s.note,
    taken: s.taken,
    waiting: s.waiting,
    left: Math.max(0, s.capacity - s.taken),
    started: s.starts_on <= today,
    version: s.version,
  };
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function bookingOut(b: BookingRow, a: Actor, today: string): Booking {
  const act = canActOnBooking(a, b);
  return {
    id: b.id,
    sessionId: b.session_id,
    programmeId: b.programme_id,
    programmeName: b.programme_name,
    sessionTitle: b.session_title,
    startsOn: b.starts_on,
    endsOn: b.ends_on,
    place: b.place,
    participantKind: b.participant_kind,
    childId: b.child_id,
    label: b.display_label,
    priorityCode: b.priority_code,
    priorityRank: b.priority_rank,
    priorityName: b.priority_name ?? b.priority_code,
    status: b.status,
    position: b.position,
    requestedAt: b.requested_at.toISOString(),
    expiresAt: iso(b.expires_at),
    confirmedAt: iso(b.confirmed_at),
    promotedAt: iso(b.promoted_at),
    cancelReason: b.cancel_reason,
    attendanceNote: b.attendance_note,
    version: b.version,
    canConfirm: act && b.status === 'reserved',
    canCancel: act && ['reserved', 'confirmed', 'waitlisted'].includes(b.status),
    canMarkAttendance: isOwner(a, b.owner_unit_code) && ['reserved', 'confirmed'].includes(b.status) && b.starts_on <= today,
  };
}

export function ruleOut(r: RuleRow): PriorityRuleOut {
  return {
    code: r.code,
    rank: r.rank,
    name: r.name,
    nameEn: r.name_en,
    categories: r.categories,
    duringWindow: r.during_window,
    active: r.active,
    note: r.note,
    updatedAt: r.updated_at.toISOString(),
  };
}
