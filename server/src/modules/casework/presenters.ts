/** Rows → API shapes of casework (masking included). */
import type { Assistance, CarePlan, CarePlanReview, CoverageRow, GapChild, MandatoryReport, Mentor, Problem, ProblemEvent, WorkLog } from '#common/casework.js';
import { maskPhone } from '#common/mask.js';
import type { FieldCrypto } from '../../crypto/fieldCrypto.js';
import { canDeleteAssistance } from './policies.js';
import type { AssistanceRow } from './repo/assistance.js';
import type { PlanRow, ReviewRow } from './repo/carePlans.js';
import type { MandatoryReportRow } from './repo/mandatoryReports.js';
import type { CoverageRowDb, GapRow, MentorRow } from './repo/mentors.js';
import type { EventRow, ProblemRow } from './repo/problems.js';
import type { WorkLogRow } from './repo/workLogs.js';

export const iso = (d: Date): string => d.toISOString();

export const presentWorkLog = (r: WorkLogRow, me: string): WorkLog => ({
  id: r.id,
  userId: r.user_id,
  userName: r.user_name,
  mine: r.user_id === me,
  workedOn: r.worked_on,
  hours: Number(r.hours),
  content: r.content,
  children: r.children,
  createdAt: iso(r.created_at),
  updatedAt: iso(r.updated_at),
});

export const presentAssistance = (r: AssistanceRow, me: string, today: string): Assistance => ({
  id: r.id,
  childId: r.child_id,
  kind: r.kind,
  providerUnit: r.provider_unit,
  providerUnitName: r.provider_unit_name,
  providerName: r.provider_name,
  valueFen: r.value_fen === null ? null : Number(r.value_fen),
  description: r.description,
  givenOn: r.given_on,
  problemId: r.problem_id,
  problemDescription: r.problem_description,
  createdBy: r.created_by,
  createdByName: r.created_by_name,
  createdAt: iso(r.created_at),
  deletable: canDeleteAssistance(r, me, today).ok,
});

export const presentProblem = (r: ProblemRow, today: string): Problem => ({
  id: r.id,
  childId: r.child_id,
  childName: r.child_name,
  streetCode: r.street_code,
  streetName: r.street_name,
  committeeId: r.committee_id,
  committeeName: r.committee_name,
  description: r.description,
  category: r.category,
  severity: r.severity,
  responsibleUnit: r.responsible_unit,
  responsibleUnitName: r.responsible_unit_name,
  dueOn: r.due_on,
  status: r.status,
  resolution: r.resolution,
  resolvedOn: r.resolved_on,
  escalatedTo: r.escalated_to,
  escalatedToName: r.escalated_to_name,
  visitId: r.visit_id,
  overdue: r.status !== 'resolved' && r.due_on !== null && r.due_on < today,
  createdAt: iso(r.created_at),
  updatedAt: iso(r.updated_at),
  version: r.version,
});

export const presentEvent = (e: EventRow): ProblemEvent => ({
  id: Number(e.id),
  at: iso(e.at),
  userId: e.user_id,
  username: e.username,
  userDisplayName: e.display_name ?? e.username,
  kind: e.kind,
  fromStatus: e.from_status,
  toStatus: e.to_status,
  note: e.note,
});

export const presentMandatoryReport = (r: MandatoryReportRow): MandatoryReport => ({
  id: r.id,
  childId: r.child_id,
  childName: r.child_name,
  streetName: r.street_name,
  committeeName: r.committee_name,
  problemId: r.problem_id,
  problemDescription: r.description,
  status: r.status,
  reportedAt: r.reported_at ? iso(r.reported_at) : null,
  recipients: r.recipients ?? [],
  method: r.method,
  note: r.note,
  notReportedReason: r.not_reported_reason,
  recordedBy: r.recorded_by_name,
  recordedAt: r.recorded_at ? iso(r.recorded_at) : null,
  createdAt: iso(r.created_at),
  version: r.version,
});

export const presentReview = (r: ReviewRow): CarePlanReview => ({
  id: r.id,
  reviewedOn: r.reviewed_on,
  summary: r.summary,
  nextReviewOn: r.next_review_on,
  reviewerName: r.reviewer_name,
  createdAt: iso(r.created_at),
});

export const presentCarePlan = (p: PlanRow, reviews: ReviewRow[], today: string): CarePlan => ({
  id: p.id,
  childId: p.child_id,
  goals: p.goals,
  measures: p.measures,
  responsible: p.responsible,
  reviewOn: p.review_on,
  reviewOverdue: p.status === 'active' && p.review_on < today,
  status: p.status,
  createdAt: iso(p.created_at),
  updatedAt: iso(p.updated_at),
  version: p.version,
  reviews: reviews.filter((r) => r.plan_id === p.id).map(presentReview),
});

/** A mentor with the phone decrypted and masked (the full number is never sent). */
export const presentMentor = (r: MentorRow, crypto: FieldCrypto): Mentor => ({
  id: r.id,
  kind: r.kind,
  name: r.name,
  organisation: r.organisation,
  phoneMasked: maskPhone(crypto.decryptOrNull(r.phone_enc, 'mentors.phone')),
  streetCode: r.street_code,
  streetName: r.street_name,
  active: r.active,
  childCount: r.child_count,
});

export const presentCoverage = (r: CoverageRowDb): CoverageRow => ({
  streetCode: r.street_code,
  streetName: r.street_name,
  children: r.children,
  withMentor: r.with_mentor,
  withBuddy: r.with_buddy,
  withBoth: r.with_both,
});

export const presentGap = (r: GapRow): GapChild => ({
  id: r.id,
  name: r.name,
  sex: r.sex,
  birthDate: r.birth_date,
  streetCode: r.street_code,
  streetName: r.street_name,
  committeeName: r.committee_name,
  riskLevel: r.risk_level,
  hasMentor: !!r.mentor_id,
  hasBuddy: !!r.buddy_id,
});
