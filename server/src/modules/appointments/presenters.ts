/**
 * Rows of the appointments module → API shapes. The provider sees the masked label (张*明 · 3岁)
 * and the booker, never the child's file: the child's id goes out only to a caller who reaches the
 * child anyway (row-level security on children).
 */
import { shanghaiDate } from '#common/dates.js';
import type { Appointment, AppointmentProgramme, Slot } from '#common/appointments.js';
import type { SignedInCtx } from '../../core/context.js';
import { canCancel, canComplete, canProvide } from './policies.js';
import type { AppointmentRow, ProgrammeRow, SlotRow } from './repo.js';

export function programmeOut(ctx: SignedInCtx, r: ProgrammeRow): AppointmentProgramme {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    kind: r.kind,
    ownerUnitCode: r.owner_unit_code,
    ownerUnitName: r.owner_unit_name,
    providerName: r.provider_name,
    audience: r.audience,
    minAge: r.min_age,
    maxAge: r.max_age,
    contact: r.contact,
    description: r.description,
    freeSlots: Number(r.free_slots),
    canProvide: canProvide(ctx, r.owner_unit_code),
  };
}

export function appointmentOut(ctx: SignedInCtx, r: AppointmentRow, now: number): Appointment {
  return {
    id: r.id,
    slotId: r.session_id,
    programmeId: r.programme_id,
    programmeName: r.programme_name,
    startsAt: r.starts_at.toISOString(),
    place: r.place,
    status: r.status,
    participantKind: r.participant_kind,
    displayLabel: r.display_label,
    childId: r.child_visible ? r.child_id : null,
    requestedByName: r.requested_by_name,
    requestedByUnitName: r.requested_by_unit_name,
    cancelReason: r.cancel_reason,
    completionNote: r.completion_note,
    durationMinutes: r.duration_minutes,
    attendanceNote: r.attendance_note,
    canCancel: canCancel(ctx, r),
    canComplete: canComplete(ctx, r, now),
    version: r.version,
  };
}

export function slotOut(r: SlotRow, appointment: Appointment | null, now: number): Slot {
  return {
    id: r.id,
    programmeId: r.programme_id,
    startsAt: r.starts_at.toISOString(),
    day: shanghaiDate(r.starts_at.getTime()),
    place: r.place,
    status: r.status,
    cancelReason: r.cancel_reason,
    taken: r.taken,
    past: r.starts_at.getTime() <= now,
    appointment,
    version: r.version,
  };
}
