/**
 * Rows → API shapes for assessments and instruments. The depth decides what leaves the server:
 * `summary` (the committee's child director) gets the status and the dates only — no reason,
 * assessor, answers, scores, grade, narrative or measures.
 */
import type { Assessment, AssessmentWorkList, InstrumentDetail, InstrumentSummary } from '#common/guardianshipAssessment.js';
import type { AppDeps } from '../../core/deps.js';
import { NARRATIVE_COLUMN } from './commands.js';
import type { AssessmentRow, InstrumentRow, WorkRow } from './repo.js';

const iso = (d: Date) => d.toISOString();

export function instrumentSummary(r: InstrumentRow): InstrumentSummary {
  return {
    code: r.code,
    version: r.version,
    name: r.name,
    nameEn: r.name_en,
    placeholder: r.placeholder,
    active: r.active,
    note: r.note,
    createdAt: iso(r.created_at),
    createdByName: r.created_by_name,
    used: r.used,
  };
}

export function instrumentDetail(r: InstrumentRow): InstrumentDetail {
  return { ...instrumentSummary(r), definition: r.definition, grades: r.grades };
}

export function assessment(deps: AppDeps, r: AssessmentRow, depth: 'full' | 'summary', today: string, gradeName: string | null): Assessment {
  const base = {
    id: r.id,
    childId: r.child_id,
    depth,
    status: r.status,
    instrumentCode: r.instrument_code,
    instrumentVersion: r.instrument_version,
    instrumentName: r.instrument_name,
    instrumentPlaceholder: r.instrument_placeholder,
    commissionedOn: r.commissioned_on,
    commissionedUnit: r.commissioned_unit,
    commissionedUnitName: r.commissioned_unit_name,
    dueOn: r.due_on,
    assessedOn: r.assessed_on,
    returnedOn: r.returned_on,
    archivedOn: r.archived_on,
    reassessOn: r.reassess_on,
    overdue: r.status === 'commissioned' && !!r.due_on && r.due_on < today,
    version: r.version,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  };
  if (depth === 'summary') {
    return {
      ...base,
      reason: null,
      assessorOrg: null,
      assessorName: null,
      commissionedByName: null,
      methods: [],
      answers: null,
      dimensionScores: null,
      totalScore: null,
      grade: null,
      gradeName: null,
      gradeEffect: null,
      narrative: null,
      measures: null,
      cancelReason: null,
    };
  }
  return {
    ...base,
    reason: r.reason,
    assessorOrg: r.assessor_org,
    assessorName: r.assessor_name,
    commissionedByName: r.commissioned_by_name,
    methods: r.methods,
    answers: r.answers,
    dimensionScores: r.dimension_scores,
    totalScore: r.total_score === null ? null : Number(r.total_score),
    grade: r.grade,
    gradeName,
    gradeEffect: r.grade_effect,
    narrative: deps.crypto.decryptOrNull(r.narrative, NARRATIVE_COLUMN),
    measures: r.measures,
    cancelReason: r.cancel_reason,
  };
}

export function workList(rows: WorkRow[], page: number, pageSize: number): AssessmentWorkList {
  return {
    items: rows.map((r) => ({
      id: r.id,
      childId: r.child_id,
      childName: r.child_name,
      streetName: r.street_name,
      committeeName: r.committee_name,
      status: r.status,
      assessorOrg: r.assessor_org,
      commissionedOn: r.commissioned_on,
      dueOn: r.due_on,
      reassessOn: r.reassess_on,
      gradeName: r.grade ? (r.instrument_grades.find((g) => g.code === r.grade)?.name ?? r.grade) : null,
      days: r.days,
    })),
    total: rows[0]?.total ?? 0,
    page,
    pageSize,
  };
}
