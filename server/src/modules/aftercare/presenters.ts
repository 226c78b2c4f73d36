/**
 * Rows → API shapes of 返家监护监督与临时照料. At `summary` depth (the committee's child director who
 * is not the supervisor) every note, the supervisor's phone and a placement's reason are dropped:
 * they see that a supervision or a placement exists, its dates and the follow-ups due.
 */
import type { Followup, Placement, Supervision } from '#common/aftercare.js';
import { maskPhone } from '#common/mask.js';
import { daysBetween } from '#common/dates.js';
import type { Actor } from '../../core/context.js';
import type { FieldCrypto } from '../../crypto/fieldCrypto.js';
import type { GuardianshipDepth } from '../guardianship/policies.js';
import { canManage, canRecord, isMine } from './policies.js';
import type { FollowupRow, PlacementRow, SupervisionRow } from './repo.js';
import { daysOverdue } from './schedule.js';

/** The columns sealed with the field key (the associated data binds each value to its column). */
export const SEALED = { phone: 'guardianship_supervisions.supervisor_phone', note: 'supervision_followups.note' } as const;

type Depth = Exclude<GuardianshipDepth, 'none'>;

export function presentFollowup(f: FollowupRow, depth: Depth, today: string, crypto: FieldCrypto): Followup {
  const full = depth === 'full';
  return {
    id: f.id,
    supervisionId: f.supervision_id,
    dueOn: f.due_on,
    doneOn: f.done_on,
    method: f.method,
    concerns: full ? f.concerns : null,
    note: full ? crypto.decryptOrNull(f.note, SEALED.note) : null,
    daysOverdue: daysOverdue(f.due_on, f.done_on, today),
    problemId: full ? f.problem_id : null,
    version: f.version,
  };
}

export function presentSupervision(s: SupervisionRow, followups: FollowupRow[], depth: Depth, actor: Actor, today: string, crypto: FieldCrypto): Supervision {
  const full = depth === 'full';
  const open = followups.find((f) => f.done_on === null);
  const phone = full ? crypto.decryptOrNull(s.supervisor_phone, SEALED.phone) : null;
  return {
    id: s.id,
    childId: s.child_id,
    supervisorUserId: s.supervisor_user_id,
    supervisorName: s.supervisor_name,
    supervisorPhoneMasked: phone ? maskPhone(phone) : null,
    hasPhone: s.supervisor_phone !== null,
    returnedOn: s.returned_on,
    intervalDays: s.interval_days,
    firstPeriodDays: s.first_period_days,
    laterIntervalDays: s.later_interval_days,
    startedOn: s.started_on,
    endedOn: s.ended_on,
    endReason: full ? s.end_reason : null,
    note: full ? s.note : null,
    nextDueOn: open?.due_on ?? null,
    followups: followups.map((f) => presentFollowup(f, depth, today, crypto)),
    mine: isMine(actor, s),
    canRecord: canRecord(actor, s),
    canManage: canManage(actor, s),
    version: s.version,
  };
}

export function presentPlacement(p: PlacementRow, depth: Depth, actor: Actor, today: string): Placement {
  const full = depth === 'full';
  return {
    id: p.id,
    childId: p.child_id,
    childName: p.child_name,
    streetName: p.street_name,
    committeeName: p.committee_name,
    placeKind: p.place_kind,
    placeName: p.place_name,
    startedOn: p.started_on,
    endedOn: p.ended_on,
    days: daysBetween(p.started_on, p.ended_on ?? today),
    reason: full ? p.reason : null,
    services: p.services,
    serviceNote: full ? p.service_note : null,
    dischargedTo: p.discharged_to,
    dischargeNote: full ? p.discharge_note : null,
    canEdit: p.ended_on === null && actor.permissions.has('guardianship.write'),
    version: p.version,
  };
}
