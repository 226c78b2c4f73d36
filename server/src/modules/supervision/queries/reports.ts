/** Reading the progress reports: the unit's workspace, the overdue list, report lists and one report. */
import type { z } from 'zod';
import type { Actor, Tx } from '../../../core/context.js';
import { errors } from '../../../core/errors.js';
import type * as S from '#common/supervision.js';
import type { PlanReport } from '#common/supervision.js';
import { currentPeriodKey, periodIn } from '../periods.js';
import { canReviewAll, enforce, mayActFor, visibleUnit } from '../policies.js';
import { presentOverdue, presentReport, presentRow, presentRowWithText } from '../presenters.js';
import * as planRepo from '../repo/plan.js';
import * as repo from '../repo/reports.js';
import { planOf, tasksOf } from './plan.js';

export async function reportById(tx: Tx, id: string, forUpdate = false): Promise<repo.ReportRowDb> {
  const r = await repo.reportRow(tx, id, forUpdate);
  if (!r) throw errors.notFound('未找到该报告，或您无权查看');
  return r;
}

/** One report with its evidence and history, as `actor` sees it. */
export async function fullReport(tx: Tx, id: string, actor: Actor): Promise<PlanReport> {
  const r = await reportById(tx, id);
  return presentReport(r, await repo.evidenceOf(tx, id), await repo.eventsOf(tx, id), actor);
}

/** The unit's tasks of a period, each with its report (or none yet) and whether it is overdue. */
export async function workspace(tx: Tx, actor: Actor, today: string, q: z.infer<typeof S.WorkspaceQuery>): Promise<z.infer<typeof S.Workspace>> {
  const unit = q.unit ?? actor.unitCode;
  enforce(mayActFor(actor, unit, '只能查看本单位的任务'));
  const unitName = await planRepo.unitName(tx, unit);
  if (!unitName) throw errors.validation([{ path: 'unit', message: '单位不存在' }]);
  const plan = await planOf(tx, today, q.plan);
  const period = periodIn(plan, q.period ?? currentPeriodKey(plan, today), today);
  const tasks = await tasksOf(tx, plan.id, unit);
  const rows = await repo.unitPeriodReports(tx, unit, period.key, plan.id);
  const overdue = today > period.dueOn;
  return {
    plan,
    period: period.key,
    periodLabel: period.label,
    open: period.open,
    dueOn: period.dueOn,
    unitCode: unit,
    unitName,
    items: tasks.map((t) => {
      const r = rows.find((x) => x.task_id === t.id);
      const report = r ? presentRow(r, actor) : null;
      return {
        task: { id: t.id, no: t.no, action: t.action, summary: t.summary, leadUnit: t.leadUnit },
        unitCode: unit,
        unitName,
        dueOn: period.dueOn,
        overdue: overdue && (!report || report.state === 'draft' || report.state === 'returned'),
        report,
      };
    }),
  };
}

/** Task × unit pairs still not handed in after the period's due date (the caller's unit's, without plan.read.all). */
export async function overdueList(tx: Tx, actor: Actor, today: string, q: { plan?: string; period?: string }): Promise<z.infer<typeof S.OverdueList>> {
  const plan = await planOf(tx, today, q.plan);
  const period = periodIn(plan, q.period ?? currentPeriodKey(plan, today), today);
  if (today <= period.dueOn) return { period: period.key, dueOn: period.dueOn, items: [] };
  const rows = await repo.notHandedIn(tx, plan.id, period.key, visibleUnit(actor));
  return { period: period.key, dueOn: period.dueOn, items: rows.map(presentOverdue) };
}

/** A page of reports (row-level security keeps a unit to its own; plan.read.all sees all). */
export async function reportList(tx: Tx, actor: Actor, today: string, q: z.infer<typeof S.PlanReportQuery>): Promise<z.infer<typeof S.PlanReportList>> {
  const plan = await planOf(tx, today, q.plan);
  const { total, rows } = await repo.reportPage(
    tx,
    {
      planId: plan.id,
      period: q.period,
      unit: q.unit,
      task: q.task,
      state: q.state,
      handedIn: q.handedIn === 'true',
      toReview: q.toReview === 'true',
      reviewerUnit: canReviewAll(actor) ? null : actor.unitCode,
    },
    q.page,
    q.pageSize,
  );
  const items = rows.map((r) => (q.full === 'true' ? presentRowWithText(r, actor) : presentRow(r, actor)));
  return { items, total, page: q.page, pageSize: q.pageSize };
}
