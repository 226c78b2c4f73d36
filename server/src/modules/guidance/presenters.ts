/**
 * The answers of the guidance module. A session at `summary` depth (the committee's child director,
 * who helps the family attend) keeps its date, kind and attendance and loses provider, topic, the
 * guardian named, the problem, the absence reason and the note.
 */
import {
  attendanceOf,
  GuidanceKindEnum,
  TemplateKindEnum,
  orderProgress,
  type GuardianshipDocument,
  type GuardianshipTemplate,
  type GuidanceOrder,
  type GuidanceSession,
} from '#common/guidance.js';
import type { DocumentRow, OrderRow, SessionRow, TemplateRow } from './repo.js';

export function templateOut(r: TemplateRow): GuardianshipTemplate {
  return {
    code: r.code,
    version: r.version,
    kind: TemplateKindEnum.parse(r.kind),
    title: r.title,
    body: r.body,
    active: r.active,
    isDefault: r.created_by === null,
    createdAt: r.created_at.toISOString(),
    createdByName: r.created_by_name,
  };
}

export function documentOut(r: DocumentRow, body: string | null): GuardianshipDocument {
  return {
    id: r.id,
    interventionId: r.intervention_id,
    interventionKind: r.intervention_kind,
    childId: r.child_id,
    childName: r.child_name ?? '',
    templateCode: r.template_code,
    templateVersion: r.template_version,
    title: r.title,
    body,
    createdAt: r.created_at.toISOString(),
    createdByName: r.created_by_name,
  };
}

export function sessionOut(r: SessionRow, depth: 'full' | 'summary'): GuidanceSession {
  const full = depth === 'full';
  return {
    id: r.id,
    childId: r.child_id,
    kind: GuidanceKindEnum.parse(r.kind),
    scheduledOn: r.scheduled_on,
    attendance: attendanceOf(r.attended),
    provider: full ? r.provider : null,
    topic: full ? r.topic : null,
    memberId: full ? r.member_id : null,
    memberName: full ? r.member_name : null,
    interventionId: r.intervention_id,
    problemId: full ? r.problem_id : null,
    problemText: full ? r.problem_text : null,
    absenceReason: full ? r.absence_reason : null,
    note: full ? r.note : null,
    version: r.version,
  };
}

export function orderOut(r: OrderRow): GuidanceOrder {
  const sessions = [
    ...Array<{ attended: boolean | null }>(r.attended).fill({ attended: true }),
    ...Array<{ attended: boolean | null }>(r.missed).fill({ attended: false }),
    ...Array<{ attended: boolean | null }>(r.planned).fill({ attended: null }),
  ];
  return { id: r.id, status: r.status, unitName: r.unit_name, decidedOn: r.decided_on, ...orderProgress(r.sessions_required, sessions) };
}
