/**
 * The progress-report workflow (draft → submitted → accepted / returned → resubmitted), its
 * evidence files, and the audited reads (an evidence download, the quarterly workbook). Each
 * change: the rule (policies.ts), the write (repo), the 办理经过 line, the audit row, the notices.
 */
import type { Actor, SignedInCtx, Tx } from '../../../core/context.js';
import type { AppDeps } from '../../../core/deps.js';
import { inReadScope, inScope } from '../../../core/context.js';
import { errors } from '../../../core/errors.js';
import { PROGRESS_LABELS, parsePeriod, type Evidence, type PlanReport, type ReportSave } from '#common/supervision.js';
import { acceptUpload } from '../../files/commands/attachments.js';
import { notify } from '../../notifications/notify.js';
import { periodIn } from '../periods.js';
import { enforce, mayActFor, mayAddEvidence, mayChangeDraft, mayDeleteEvidence, mayReviewReport, maySubmit, visibleUnit } from '../policies.js';
import { presentNewEvidence } from '../presenters.js';
import { planOf, taskById } from '../queries/plan.js';
import { fullReport, reportById } from '../queries/reports.js';
import { buildDashboard, type DashboardArgs } from '../queries/dashboard.js';
import { buildReportWorkbook } from '../reportWorkbook.js';
import * as planRepo from '../repo/plan.js';
import * as repo from '../repo/reports.js';

export const MAX_EVIDENCE_PER_REPORT = 20;

/** Creates or updates the draft of one task, unit and period; answers the report as the caller sees it. */
export async function saveReport(tx: Tx, actor: Actor, today: string, body: ReportSave): Promise<PlanReport> {
  const unit = body.unitCode ?? actor.unitCode;
  enforce(mayActFor(actor, unit, '只能报送本单位负责的任务'));
  const task = await taskById(tx, body.taskId);
  const plan = await planOf(tx, today, task.plan_id);
  if (!(await planRepo.isTaskUnit(tx, task.id, unit))) {
    const name = (await planRepo.unitName(tx, unit)) ?? unit;
    throw errors.validation([{ path: 'taskId', message: `${name}不是第 ${task.no} 项任务的责任单位，不能报送该任务；请在“本单位任务”中选择` }]);
  }
  const period = periodIn(plan, body.period, today);
  if (!period.open) throw errors.validation([{ path: 'period', message: `${period.label}尚未开始，${period.from} 起才能填报` }]);
  const existing = await repo.reportOfForUpdate(tx, task.id, unit, period.key);
  if (!existing) {
    const id = await repo.insertReport(tx, { taskId: task.id, unit, period: period.key, dueOn: period.dueOn, createdBy: actor.userId }, body);
    await repo.insertEvent(tx, id, actor, 'created', null);
    await tx.audit({ action: 'plan.report.save', entity: 'plan_report', entityId: id, summary: { task: task.no, unit, period: period.key, created: true } });
    return fullReport(tx, id, actor);
  }
  enforce(mayChangeDraft(existing.state));
  if (body.version !== undefined && body.version !== existing.version) {
    throw errors.staleVersion('该报告已被他人修改，请刷新后再保存（您填写的内容仍在页面上）');
  }
  await repo.updateDraft(tx, existing.id, body);
  await repo.insertEvent(tx, existing.id, actor, 'saved', null);
  await tx.audit({ action: 'plan.report.save', entity: 'plan_report', entityId: existing.id, summary: { task: task.no, unit, period: period.key } });
  return fullReport(tx, existing.id, actor);
}

/** Hands the report in and tells its reviewers: the task's lead unit (for a co-unit's report) and the civil-affairs bureau. */
export async function submitReport(tx: Tx, actor: Actor, id: string, version: number): Promise<PlanReport> {
  const r = await reportById(tx, id, true);
  enforce(maySubmit(actor, r));
  if (r.version !== version) throw errors.staleVersion('该报告已被他人修改，请刷新后再提交');
  if (r.done.trim().length < 2) throw errors.validation([{ path: 'done', message: '请填写工作进展后再提交' }]);
  await repo.markSubmitted(tx, id, actor.userId);
  await repo.insertEvent(tx, id, actor, r.state === 'returned' ? 'resubmitted' : 'submitted', null);
  await tx.audit({ action: 'plan.report.submit', entity: 'plan_report', entityId: id, summary: { task: r.task_no, unit: r.unit_code, period: r.period } });
  const reviewers = [
    ...(r.lead_unit !== r.unit_code ? await repo.planRecipients(tx, [r.lead_unit], 'plan.report') : []),
    ...(await repo.planRecipients(tx, [], 'plan.review')),
  ];
  await notify(
    tx,
    reviewers.filter((u) => u !== actor.userId),
    {
      kind: 'plan.report.submitted',
      title: `督办报告待审核：第 ${r.task_no} 项任务`,
      body: `${r.unit_name}提交了第 ${r.task_no} 项任务（${r.task_summary}）${parsePeriod(r.period)?.label ?? r.period}的进展报告（${PROGRESS_LABELS[r.progress]}），请审核。`,
      entity: 'plan_report',
      entityId: id,
    },
  );
  return fullReport(tx, id, actor);
}

/** Accepts the report, or returns it with the reason; tells the reporting unit. */
export async function reviewReport(tx: Tx, actor: Actor, id: string, decision: 'accept' | 'return', comment: string, version: number): Promise<PlanReport> {
  const r = await reportById(tx, id, true);
  enforce(mayReviewReport(actor, r));
  if (r.version !== version) throw errors.staleVersion('该报告已有变化，请刷新后再审核');
  await repo.markReviewed(tx, id, decision === 'accept' ? 'accepted' : 'returned', actor.userId, comment || null);
  await repo.insertEvent(tx, id, actor, decision === 'accept' ? 'accepted' : 'returned', comment || null);
  await tx.audit({ action: `plan.report.${decision}`, entity: 'plan_report', entityId: id, summary: { task: r.task_no, unit: r.unit_code, period: r.period } });
  await notify(
    tx,
    (await repo.planRecipients(tx, [r.unit_code], 'plan.report')).filter((u) => u !== actor.userId),
    {
      kind: `plan.report.${decision === 'accept' ? 'accepted' : 'returned'}`,
      title: decision === 'accept' ? `督办报告已通过：第 ${r.task_no} 项任务` : `督办报告被退回：第 ${r.task_no} 项任务`,
      body:
        decision === 'accept'
          ? `第 ${r.task_no} 项任务（${r.task_summary}）${parsePeriod(r.period)?.label ?? r.period}的进展报告已审核通过。`
          : `第 ${r.task_no} 项任务（${r.task_summary}）${parsePeriod(r.period)?.label ?? r.period}的进展报告被退回：${comment}。请修改后重新提交。`,
      entity: 'plan_report',
      entityId: id,
    },
  );
  return fullReport(tx, id, actor);
}

/**
 * Attaches a file to an editable report of the caller's unit. The file is checked first (type by
 * content, metadata stripped; a refusal is audited by acceptUpload), then stored in the request's scope.
 */
export async function uploadEvidence(deps: AppDeps, ctx: SignedInCtx, reportId: string, body: { filename: string; contentBase64: string }): Promise<Evidence> {
  const { actor } = ctx;
  const file = await acceptUpload(deps, ctx, body, { action: 'plan.evidence.upload', entity: 'plan_report', entityId: reportId });
  const { data, name, mime } = file;
  return inScope(deps.db, ctx, async (tx) => {
    const r = await reportById(tx, reportId, true);
    enforce(mayAddEvidence(actor, r));
    const count = await repo.evidenceCount(tx, r.id);
    if (count >= MAX_EVIDENCE_PER_REPORT) throw errors.validation([{ path: 'contentBase64', message: `每份报告最多 ${MAX_EVIDENCE_PER_REPORT} 个证明材料` }]);
    const row = await repo.insertEvidence(tx, { reportId: r.id, filename: name, mime, data, sha256: file.sha256, createdBy: actor.userId });
    await repo.insertEvent(tx, r.id, actor, 'evidence', name);
    await tx.audit({ action: 'plan.evidence.upload', entity: 'plan_report', entityId: r.id, summary: { evidenceId: row.id, mime, sizeBytes: data.length } });
    return presentNewEvidence(row, { name, mime, size: data.length }, actor);
  });
}

/** The file, for a caller who may see its report (row-level security); every download is audited. */
export async function downloadEvidence(tx: Tx, id: string): Promise<repo.EvidenceFile> {
  const r = await repo.evidenceFile(tx, id);
  if (!r) throw errors.notFound('未找到该证明材料，或您无权查看');
  await tx.audit({ action: 'plan.evidence.download', entity: 'plan_report', entityId: r.report_id, summary: { evidenceId: r.id } });
  return r;
}

export async function deleteEvidence(tx: Tx, actor: Actor, id: string): Promise<{ ok: true }> {
  const e = await repo.evidenceOwner(tx, id);
  if (!e) throw errors.notFound('未找到该证明材料，或您无权查看');
  const r = await reportById(tx, e.report_id, true);
  enforce(mayDeleteEvidence(actor, r, e.created_by));
  await repo.deleteEvidence(tx, e.id);
  await repo.insertEvent(tx, r.id, actor, 'evidence-deleted', e.filename);
  await tx.audit({ action: 'plan.evidence.delete', entity: 'plan_report', entityId: r.id, summary: { evidenceId: e.id } });
  return { ok: true as const };
}

/**
 * The quarterly workbook of a period for an area: the dashboard's figures and the handed-in
 * reports (a street's, the caller's unit's, or all for plan.read.all). The export is audited.
 */
export async function exportQuarterlyReport(deps: AppDeps, ctx: SignedInCtx, args: DashboardArgs): Promise<{ workbook: Buffer; filename: string }> {
  // A read-only report: its reads go to the read pool (a replica when configured), its audit row
  // to the primary — written before the workbook leaves, so no export goes unrecorded.
  const dash = await buildDashboard(deps, ctx, args, { report: true });
  const unitFilter = dash.street ? `street-${dash.street.code}` : visibleUnit(ctx.actor);
  const reports = await inReadScope(deps.db, ctx, (tx) => repo.handedInReports(tx, dash.plan.id, dash.period.key, unitFilter));
  await inScope(deps.db, ctx, (tx) =>
    tx.audit({
      action: 'plan.report.export',
      entity: 'plan',
      entityId: null,
      summary: { plan: dash.plan.id, period: dash.period.key, street: dash.street?.code ?? null },
    }),
  );
  const workbook = await buildReportWorkbook(dash, reports, deps.clock());
  const label = parsePeriod(dash.period.key)?.label ?? dash.period.key;
  return { workbook, filename: `督办季度报告-${label}${dash.street ? `-${dash.street.name}` : ''}.xlsx` };
}
