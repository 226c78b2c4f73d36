/** Rows of the activities module → the API's shapes. */
import type { Activity, CadenceRule } from '#common/activities.js';
import type { ActivityRow, AttachmentRow, ChildActivityRow, ParticipantRow, RuleRow } from './repo.js';

export function activityOut(r: ActivityRow, canEdit: boolean): Activity {
  return {
    id: r.id,
    title: r.title,
    kind: r.kind,
    organiserKind: r.organiser_kind,
    organiserName: r.organiser_name,
    committeeId: r.committee_id,
    streetCode: r.street_code,
    streetName: r.street_name,
    siteId: r.site_id,
    unitCode: r.unit_code,
    unitName: r.unit_name,
    heldOn: r.held_on,
    endsOn: r.ends_on,
    place: r.place,
    status: r.status,
    cancelReason: r.cancel_reason,
    childrenCount: r.children_count,
    guardiansCount: r.guardians_count,
    guardiansContacted: r.guardians_contacted,
    description: r.description,
    planTasks: r.plan_tasks,
    participants: r.participants,
    attachments: r.attachments,
    version: r.version,
    canEdit,
    createdAt: r.created_at.toISOString(),
  };
}

export const participantOut = (p: ParticipantRow) => ({
  id: p.id,
  childId: p.child_id,
  childName: p.child_name,
  committeeName: p.committee_name,
  role: p.role,
  memberId: p.member_id,
  memberName: p.member_name,
});

export const attachmentOut = (a: AttachmentRow) => ({
  id: a.id,
  kind: a.kind,
  filename: a.filename,
  mime: a.mime,
  sizeBytes: a.size_bytes,
  createdAt: a.created_at.toISOString(),
});

export const childActivityOut = (r: ChildActivityRow) => ({
  participantId: r.participant_id,
  activityId: r.activity_id,
  title: r.title,
  kind: r.kind,
  organiserName: r.organiser_name,
  heldOn: r.held_on,
  status: r.status,
  role: r.role,
  memberName: r.member_name,
});

export function ruleOut(r: RuleRow): CadenceRule {
  return {
    code: r.code,
    name: r.name,
    nameEn: r.name_en,
    organiserKind: r.organiser_kind,
    activityKinds: r.activity_kinds,
    period: r.period,
    minCount: r.min_count,
    siteKinds: r.site_kinds,
    requireGuardianContact: r.require_guardian_contact,
    planTask: r.plan_task,
    active: r.active,
    note: r.note,
    version: r.version,
    updatedAt: r.updated_at.toISOString(),
  };
}
