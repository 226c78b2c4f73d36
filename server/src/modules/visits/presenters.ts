/** Rows of the visits module → the API shapes of common/src/visits.ts. */
import { type ChecklistItem, type Visit, type VisitForm, type VisitProblem, type VisitRule, type WorklistItem } from '#common/visits.js';
import { canDelete, canEdit } from './policies.js';
import type { FormChildRow, ItemRow, RuleRow, VisitProblemRow, VisitRow, WorkRow } from './repo.js';

export const presentVisitProblem = (p: VisitProblemRow): VisitProblem => ({
  id: p.id,
  description: p.description,
  category: p.category,
  severity: p.severity,
  status: p.status,
  dueOn: p.due_on,
});

/** A visit as the caller sees it: with its problem records and whether they may still change or delete it. */
export const presentVisit = (r: VisitRow, problems: VisitProblem[], viewer: { userId: string; now: number }): Visit => ({
  id: r.id,
  childId: r.child_id,
  childName: r.child_name,
  visitedOn: r.visited_on,
  kind: r.kind,
  visitorId: r.visitor_id,
  visitorName: r.visitor_name,
  peopleMet: r.people_met,
  checklist: r.checklist.map((e) => ({ code: e.code, label: e.label, status: e.status, note: e.note ?? null })),
  findings: r.findings,
  draftProblems: r.draft_problems,
  problems,
  status: r.status,
  version: r.version,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
  submittedAt: r.submitted_at?.toISOString() ?? null,
  editable: canEdit(r, viewer.userId, viewer.now),
  deletable: canDelete(r, viewer.userId),
});

export const presentFormChild = (c: FormChildRow): VisitForm['child'] => ({
  id: c.id,
  name: c.name,
  birthDate: c.birth_date,
  streetName: c.street_name,
  committeeName: c.committee_name,
  riskLevel: c.risk_level,
  status: c.status,
  lastVisitOn: c.last_visit_on,
  nextVisitDue: c.next_visit_due,
});

export const presentWork = (r: WorkRow): WorklistItem => ({
  childId: r.child_id,
  childName: r.child_name,
  streetName: r.street_name,
  committeeName: r.committee_name,
  riskLevel: r.risk_level,
  nextVisitDue: r.next_visit_due,
  lastVisitOn: r.last_visit_on,
  daysOverdue: r.days_overdue,
  draftId: r.draft_id,
  draftVisitedOn: r.draft_visited_on,
  draftUpdatedAt: r.draft_updated_at?.toISOString() ?? null,
  draftKind: r.draft_kind,
});

export const presentRule = (r: RuleRow): VisitRule => ({
  id: r.id,
  riskLevel: r.risk_level,
  category: r.category,
  intervalDays: r.interval_days,
  label: r.label,
  active: r.active,
});
/** A rule as the audit row records it. */
export const briefRule = (r: RuleRow) => ({ riskLevel: r.risk_level, category: r.category, intervalDays: r.interval_days });

export const presentItem = (r: ItemRow): ChecklistItem => ({
  id: r.id,
  list: r.list,
  code: r.code,
  label: r.label,
  hint: r.hint,
  sort: r.sort,
  active: r.active,
});
