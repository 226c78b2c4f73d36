/** Referral rows → API shapes: names masked, dates as ISO strings, the caller's next steps. */
import { maskName } from '#common/mask.js';
import type { Referral, ReferralEvent } from '#common/referrals.js';
import type { Actor } from '../../core/context.js';
import { allowedSteps } from './policies.js';
import type { EventRow, ReferralRow } from './repo.js';

export function presentReferral(r: ReferralRow, actor: Actor, canViewChild: boolean): Referral {
  return {
    id: r.id,
    no: Number(r.no),
    childId: r.child_id,
    childName: maskName(r.child_name) ?? '*',
    streetCode: r.street_code,
    streetName: r.street_name,
    committeeName: r.committee_name,
    memberId: r.member_id,
    kind: r.kind,
    kindName: r.kind_name,
    policyId: r.policy_id,
    policyName: r.policy_name,
    channel: r.channel,
    fromUnit: r.from_unit,
    fromUnitName: r.from_unit_name,
    fromUserName: r.from_user_name,
    toUnit: r.to_unit,
    toUnitName: r.to_unit_name,
    reason: r.reason,
    urgency: r.urgency,
    status: r.status,
    ackDueAt: r.ack_due_at.toISOString(),
    dueOn: r.due_on,
    receivedAt: r.received_at?.toISOString() ?? null,
    acceptedAt: r.accepted_at?.toISOString() ?? null,
    endedAt: r.ended_at?.toISOString() ?? null,
    closedAt: r.closed_at?.toISOString() ?? null,
    declineReason: r.decline_reason,
    outcome: r.outcome,
    outcomeResult: r.outcome_result,
    sourceKind: r.source_kind,
    sourceId: r.source_id,
    escalationLevel: r.escalation_level,
    overdue: r.overdue,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    version: r.version,
    can: allowedSteps(actor, r),
    canViewChild,
  };
}

export function presentEvent(e: EventRow): ReferralEvent {
  return {
    id: Number(e.id),
    at: e.at.toISOString(),
    kind: e.kind,
    by: e.display_name ?? e.username,
    unitName: e.unit_name,
    fromStatus: e.from_status,
    toStatus: e.to_status,
    note: e.note,
  };
}
