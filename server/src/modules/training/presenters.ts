/** Rows of the training module → API shapes (numeric columns arrive as text from pg). */
import {
  EvaluationMetrics,
  type CertLevel,
  type Evaluation,
  type ExamLevel,
  type ExamResult,
  type Grade,
  type RoleKind,
  type Session,
  type TrainingKind,
  CERT_LEVELS,
  EXAM_LEVELS,
  EXAM_RESULTS,
  GRADES,
  ROLE_KINDS,
  TRAINING_KINDS,
} from '#common/training.js';
import type { AttendanceRowDb, EvaluationRowDb, ExamRowDb, MetricsRowDb, RewardRowDb, SessionRow, StaffOptionRow } from './repo.js';

/** A value of a known list (the database's check constraints hold the same lists). */
function oneOf<T extends string>(list: readonly T[], v: string | null): T {
  const found = list.find((x) => x === v);
  if (found === undefined) throw new Error(`unexpected value ${String(v)}`);
  return found;
}
const optOneOf = <T extends string>(list: readonly T[], v: string | null): T | null => (v === null ? null : oneOf(list, v));
export const roleKind = (v: string): RoleKind => oneOf(ROLE_KINDS, v);
export const kindOf = (v: string): TrainingKind => oneOf(TRAINING_KINDS, v);
export const certOf = (v: string): CertLevel => oneOf(CERT_LEVELS, v);
export const levelOf = (v: string): ExamLevel => oneOf(EXAM_LEVELS, v);

export const sessionOut = (r: SessionRow, canEdit: boolean): Session => ({
  id: r.id,
  topic: r.topic,
  kind: kindOf(r.kind),
  heldOn: r.held_on,
  hours: Number(r.hours),
  trainer: r.trainer,
  location: r.location,
  organiserUnitCode: r.organiser_unit_code,
  organiserUnitName: r.organiser_unit_name,
  audience: r.audience.map(roleKind),
  planTasks: r.plan_tasks,
  note: r.note,
  attendees: r.attendees,
  canEdit,
  version: r.version,
});

export const optionOut = (r: StaffOptionRow) => ({
  id: r.id,
  name: r.name,
  roleKind: roleKind(r.role_kind),
  streetName: r.street_name,
  committees: r.committees,
});

export const attendanceOut = (r: AttendanceRowDb) => ({
  staffId: r.staff_id,
  name: r.name,
  roleKind: roleKind(r.role_kind),
  streetName: r.street_name,
  attended: r.attended,
  hours: Number(r.hours),
  note: r.note,
});

export const examOut = (r: ExamRowDb) => ({
  id: r.id,
  staffId: r.staff_id,
  year: r.year,
  level: levelOf(r.level),
  registeredOn: r.registered_on,
  result: oneOf<ExamResult>(EXAM_RESULTS, r.result),
  score: r.score === null ? null : Number(r.score),
  note: r.note,
  version: r.version,
});

export const rewardOut = (r: RewardRowDb) => ({
  id: r.id,
  staffId: r.staff_id,
  year: r.year,
  title: r.title,
  grantedOn: r.granted_on,
  grantingUnitName: r.granting_unit_name,
  note: r.note,
});

export const metricsOut = (m: MetricsRowDb, computedOn: string): EvaluationMetrics => ({
  computedOn,
  children: m.children,
  visitsOnTime: { num: m.visits_on_time, den: m.children },
  filesComplete: { num: m.files_complete, den: m.children },
  problemsResolved: { num: m.problems_resolved, den: m.problems },
  trainingHours: Number(m.training_hours),
});

export const evaluationOut = (r: EvaluationRowDb, year: number): Evaluation => {
  const metrics = EvaluationMetrics.safeParse(r.metrics);
  return {
    id: r.id,
    staffId: r.staff_id,
    name: r.name,
    streetName: r.street_name,
    committees: r.committees,
    year,
    status: r.status === 'done' ? 'done' : r.status === 'draft' ? 'draft' : 'none',
    metrics: metrics.success ? metrics.data : null,
    grade: optOneOf<Grade>(GRADES, r.grade),
    comment: r.comment,
    reviewerName: r.reviewer_name,
    reviewedAt: r.reviewed_at ? r.reviewed_at.toISOString() : null,
    version: r.version,
  };
};
