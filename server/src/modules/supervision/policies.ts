/**
 * Who may do what in 督办:
 * - a unit reports on the tasks it is responsible for (plan.report), and sees its own reports;
 * - the lead unit of a task reviews its co-units' reports on that task;
 * - the civil-affairs bureau (plan.review) reviews every report and may report for a unit;
 * - holders of plan.read.all (civil-affairs, leaders) see every task and report.
 * Row-level security on plan_reports enforces the same visibility in PostgreSQL. Each rule gives
 * the refusal (a `Verdict`) and the flag the interface shows (`canEdit`, `canReview`, `deletable`).
 */
import type { Actor } from '../../core/context.js';
import { errors, type AppError } from '../../core/errors.js';
import type { ReportState } from '#common/supervision.js';

export type Verdict = { ok: true } | { ok: false; error: AppError };
const OK: Verdict = { ok: true };
const refuse = (error: AppError): Verdict => ({ ok: false, error });

/** Throws the refusal of a verdict. */
export function enforce(v: Verdict): void {
  if (!v.ok) throw v.error;
}

export const canSeeAll = (a: Actor) => a.permissions.has('plan.read.all');
export const canReviewAll = (a: Actor) => a.permissions.has('plan.review');

/** The unit whose tasks and reports a list is narrowed to: none for plan.read.all, else the caller's. */
export const visibleUnit = (a: Actor): string | null => (canSeeAll(a) ? null : a.unitCode);

/** May `actor` edit (save, submit, attach to) a report of `unit`? Its own unit's, or civil-affairs for any unit. */
export const mayEdit = (a: Actor, unit: string) => a.permissions.has('plan.report') && (a.unitCode === unit || canReviewAll(a));
/** May `actor` review it? civil-affairs, or the task's lead unit for a co-unit's report. */
export const mayReview = (a: Actor, lead: string, unit: string) =>
  canReviewAll(a) || (a.permissions.has('plan.report') && a.unitCode === lead && unit !== lead);

const editable = (state: ReportState) => state === 'draft' || state === 'returned';

interface ReportRef {
  unit_code: string;
  lead_unit: string;
  state: ReportState;
}

/** The flags a report shows its viewer. */
export function reportFlags(a: Actor, r: ReportRef): { canEdit: boolean; canReview: boolean } {
  return {
    canEdit: editable(r.state) && mayEdit(a, r.unit_code),
    canReview: r.state === 'submitted' && mayReview(a, r.lead_unit, r.unit_code),
  };
}

/** An evidence file can be deleted by its uploader while the report is editable by them. */
export const evidenceDeletable = (a: Actor, r: ReportRef, createdBy: string | null) => reportFlags(a, r).canEdit && createdBy === a.userId;

/** Reporting (or seeing the workspace) for `unit`: one's own, or any for civil-affairs. */
export function mayActFor(a: Actor, unit: string, message: string): Verdict {
  return unit !== a.unitCode && !canReviewAll(a) ? refuse(errors.forbidden(message)) : OK;
}

/** Changing a report's draft: refused once it is handed in. */
export function mayChangeDraft(state: ReportState): Verdict {
  if (state === 'submitted' || state === 'accepted') {
    return refuse(errors.conflict(state === 'submitted' ? '报告已提交待审核，不能修改；如需修改，请联系审核单位退回' : '报告已审核通过，不能修改'));
  }
  return OK;
}

export function maySubmit(a: Actor, r: ReportRef): Verdict {
  if (!mayEdit(a, r.unit_code)) return refuse(errors.forbidden('只能提交本单位的报告'));
  if (!editable(r.state)) return refuse(errors.conflict(r.state === 'submitted' ? '报告已提交，正在等待审核' : '报告已审核通过'));
  return OK;
}

export function mayReviewReport(a: Actor, r: ReportRef): Verdict {
  if (!mayReview(a, r.lead_unit, r.unit_code)) return refuse(errors.forbidden('只有区民政局或该任务的牵头单位可以审核此报告'));
  if (r.state !== 'submitted') return refuse(errors.conflict(r.state === 'accepted' ? '报告已审核通过' : '报告尚未提交，不能审核'));
  return OK;
}

export function mayAddEvidence(a: Actor, r: ReportRef): Verdict {
  if (!mayEdit(a, r.unit_code)) return refuse(errors.forbidden('只能为本单位的报告上传证明材料'));
  if (!editable(r.state)) return refuse(errors.conflict('报告已提交，不能再添加证明材料'));
  return OK;
}

export function mayDeleteEvidence(a: Actor, r: ReportRef, createdBy: string | null): Verdict {
  if (createdBy !== a.userId) return refuse(errors.forbidden('只能删除自己上传的证明材料'));
  if (!editable(r.state)) return refuse(errors.conflict('报告已提交，证明材料不能删除'));
  return OK;
}
