/** 督办 rows → API shapes. */
import type { Actor } from '../../core/context.js';
import { shanghaiDate } from '#common/dates.js';
import { parsePeriod, type Evidence, type PlanReport, type PlanReportRow, type PlanSummary, type PlanTarget, type PlanTask } from '#common/supervision.js';
import type { PlanPeriod } from './periods.js';
import { evidenceDeletable, reportFlags } from './policies.js';
import type { ActionRow, PlanRow, TargetRow, TaskRow, TaskUnitRow } from './repo/plan.js';
import type { EventRow, EvidenceRow, OverdueRow, ReportRowDb } from './repo/reports.js';

export const presentPlan = (r: PlanRow): PlanSummary => ({
  id: r.id,
  name: r.name,
  nameEn: r.name_en,
  periodFrom: r.period_from,
  periodTo: r.period_to,
  cadence: r.cadence,
  dueDays: r.due_days,
  active: r.active,
  source: r.source,
  taskCount: r.task_count,
});

export const presentAction = (a: ActionRow) => ({ no: a.no, name: a.name, nameEn: a.name_en });

export const presentPeriod = (p: PlanPeriod) => ({
  key: p.key,
  label: p.label,
  labelEn: p.labelEn,
  from: p.from,
  to: p.to,
  dueOn: p.dueOn,
  open: p.open,
  current: p.current,
});

export const presentTarget = (g: TargetRow): PlanTarget => ({
  id: g.id,
  taskId: g.task_id,
  unitCode: g.unit_code,
  unitName: g.unit_name,
  year: g.year,
  text: g.text,
  indicator: g.indicator,
  targetValue: g.target_value === null ? null : Number(g.target_value),
});

/** A task with its units (the lead marked), its targets, and the indicators that serve its number. */
export function presentTask(t: TaskRow, units: TaskUnitRow[], targets: TargetRow[], indicatorCodes: string[]): PlanTask {
  return {
    id: t.id,
    planId: t.plan_id,
    no: t.no,
    action: t.action_no,
    summary: t.summary,
    text: t.text,
    leadUnit: t.lead_unit,
    version: t.version,
    units: units.filter((u) => u.task_id === t.id).map((u) => ({ code: u.unit_code, name: u.name, lead: u.unit_code === t.lead_unit })),
    targets: targets.filter((g) => g.task_id === t.id).map(presentTarget),
    indicators: indicatorCodes,
  };
}

export function presentRow(r: ReportRowDb, actor: Actor): PlanReportRow {
  const late = r.submitted_at ? shanghaiDate(r.submitted_at.getTime()) > r.due_on : false;
  return {
    id: r.id,
    planId: r.plan_id,
    taskId: r.task_id,
    taskNo: r.task_no,
    taskSummary: r.task_summary,
    unitCode: r.unit_code,
    unitName: r.unit_name,
    period: r.period,
    periodLabel: parsePeriod(r.period)?.label ?? r.period,
    dueOn: r.due_on,
    state: r.state,
    progress: r.progress,
    submittedAt: r.submitted_at?.toISOString() ?? null,
    submittedByName: r.submitted_by_name,
    late,
    reviewedAt: r.reviewed_at?.toISOString() ?? null,
    reviewedByName: r.reviewed_by_name,
    reviewComment: r.review_comment,
    version: r.version,
    evidenceCount: r.evidence_count,
    ...reportFlags(actor, r),
  };
}

/** The list row with the report's text (the `full` list). */
export const presentRowWithText = (r: ReportRowDb, actor: Actor) => ({
  ...presentRow(r, actor),
  done: r.done,
  figures: r.figures,
  problems: r.problems,
  nextSteps: r.next_steps,
});

export function presentReport(r: ReportRowDb, evidence: EvidenceRow[], history: EventRow[], actor: Actor): PlanReport {
  const { evidenceCount: _count, ...rest } = presentRow(r, actor);
  return {
    ...rest,
    done: r.done,
    figures: r.figures,
    problems: r.problems,
    nextSteps: r.next_steps,
    evidence: evidence.map((e) => ({
      id: e.id,
      filename: e.filename,
      mime: e.mime,
      sizeBytes: e.size_bytes,
      createdAt: e.created_at.toISOString(),
      createdByName: e.name,
      deletable: evidenceDeletable(actor, r, e.created_by),
    })),
    history: history.map((h) => ({ at: h.at.toISOString(), action: h.action, byName: h.name, unitName: h.unit_name, comment: h.comment })),
  };
}

/** A file just uploaded by `actor` (who may delete it). */
export const presentNewEvidence = (row: { id: string; created_at: Date }, file: { name: string; mime: string; size: number }, actor: Actor): Evidence => ({
  id: row.id,
  filename: file.name,
  mime: file.mime,
  sizeBytes: file.size,
  createdAt: row.created_at.toISOString(),
  createdByName: actor.displayName,
  deletable: true,
});

export const presentOverdue = (r: OverdueRow) => ({
  taskId: r.task_id,
  taskNo: r.no,
  taskSummary: r.summary,
  unitCode: r.unit_code,
  unitName: r.unit_name,
  state: r.state,
});
