/**
 * 督办: reading the plan, periods, and the progress-report workflow (draft → submitted →
 * accepted / returned → resubmitted). Who may do what:
 * - a unit reports on the tasks it is responsible for (plan.report), and sees its own reports;
 * - the lead unit of a task reviews its co-units' reports on that task;
 * - the civil-affairs bureau (plan.review) reviews every report and may report for a unit;
 * - holders of plan.read.all (civil-affairs, leaders) see every task and report.
 * Row-level security on plan_reports enforces the same visibility in PostgreSQL.
 */
import type { Actor, Tx } from '../../core/context.js';
import { errors } from '../../core/errors.js';
import { shanghaiDate } from '#common/dates.js';
import { notify } from '../notifications/notify.js';
import { indicators } from './indicators/registry.js';
import './indicators/core.js';
import {
  dueDateOf, parsePeriod, periodOf, periodsBetween, PROGRESS_LABELS,
  type Cadence, type Period, type PlanReport, type PlanReportRow, type PlanSummary, type PlanTask, type Progress, type ReportSave, type ReportState,
} from '#common/supervision.js';

export const canSeeAll = (a: Actor) => a.permissions.has('plan.read.all');
export const canReviewAll = (a: Actor) => a.permissions.has('plan.review');

// ---- plans and periods ----
interface PlanRow { id: string; name: string; name_en: string; period_from: number; period_to: number; cadence: Cadence; due_days: number; active: boolean; source: string; task_count: number }
const PLAN_SELECT = `select p.id, p.name, p.name_en, p.period_from, p.period_to, p.cadence, p.due_days, p.active, p.source,
  (select count(*)::int from plan_tasks t where t.plan_id = p.id) as task_count from plans p`;
const presentPlan = (r: PlanRow): PlanSummary => ({
  id: r.id, name: r.name, nameEn: r.name_en, periodFrom: r.period_from, periodTo: r.period_to, cadence: r.cadence, dueDays: r.due_days,
  active: r.active, source: r.source, taskCount: r.task_count,
});

export async function listPlans(tx: Tx): Promise<PlanSummary[]> {
  return (await tx.client.query<PlanRow>(`${PLAN_SELECT} order by p.active desc, p.period_from desc, p.id`)).rows.map(presentPlan);
}

/** The plan asked for, or the active plan whose years include today (else the latest active one). */
export async function planOf(tx: Tx, today: string, id?: string): Promise<PlanSummary> {
  if (id) {
    const r = (await tx.client.query<PlanRow>(`${PLAN_SELECT} where p.id = $1`, [id])).rows[0];
    if (!r) throw errors.notFound('未找到该行动方案');
    return presentPlan(r);
  }
  const year = Number(today.slice(0, 4));
  const r = (await tx.client.query<PlanRow>(
    `${PLAN_SELECT} order by (p.active and $1 between p.period_from and p.period_to) desc, p.active desc, p.period_to desc limit 1`, [year])).rows[0];
  if (!r) throw errors.notFound('尚未建立行动方案');
  return presentPlan(r);
}

export interface PlanPeriod extends Period { dueOn: string; open: boolean; current: boolean }

export function periodsOf(plan: PlanSummary, today: string): PlanPeriod[] {
  const all = periodsBetween(plan.cadence, plan.periodFrom, plan.periodTo);
  const cur = currentPeriodKey(plan, today);
  return all.map((p) => ({ ...p, dueOn: dueDateOf(p, plan.dueDays), open: p.from <= today, current: p.key === cur }));
}

/** The period running today, kept within the plan's years. */
export function currentPeriodKey(plan: PlanSummary, today: string): string {
  const all = periodsBetween(plan.cadence, plan.periodFrom, plan.periodTo);
  const p = periodOf(plan.cadence, today);
  if (p.to < all[0]!.from) return all[0]!.key;
  if (p.from > all[all.length - 1]!.to) return all[all.length - 1]!.key;
  return p.key;
}

/** A period of the plan, or a 400 saying what is wrong with it. */
export function periodIn(plan: PlanSummary, key: string, today: string, path = 'period'): PlanPeriod {
  const p = parsePeriod(key);
  if (!p || p.cadence !== plan.cadence) {
    throw errors.validation([{ path, message: `报告期“${key}”不正确：本方案按${{ month: '月', quarter: '季度', half: '半年', year: '年度' }[plan.cadence]}报送，例如 ${periodOf(plan.cadence, today).key}` }]);
  }
  const found = periodsOf(plan, today).find((x) => x.key === p.key);
  if (!found) throw errors.validation([{ path, message: `报告期“${p.label}”不在本方案的实施期（${plan.periodFrom}-${plan.periodTo} 年）内` }]);
  return found;
}

// ---- tasks ----
interface TaskRow { id: string; plan_id: string; no: number; action_no: number; summary: string; text: string; lead_unit: string; version: number }

export async function tasksOf(tx: Tx, planId: string, unit: string | null): Promise<PlanTask[]> {
  const tasks = (await tx.client.query<TaskRow>(
    `select t.id, t.plan_id, t.no, t.action_no, t.summary, t.text, t.lead_unit, t.version from plan_tasks t
     where t.plan_id = $1 and ($2::text is null or exists (select 1 from plan_task_units u where u.task_id = t.id and u.unit_code = $2))
     order by t.no`, [planId, unit])).rows;
  const ids = tasks.map((t) => t.id);
  const units = (await tx.client.query<{ task_id: string; unit_code: string; name: string }>(
    `select u.task_id, u.unit_code, n.name from plan_task_units u join units n on n.code = u.unit_code where u.task_id = any ($1::uuid[]) order by u.task_id, u.sort`, [ids])).rows;
  const targets = (await tx.client.query<{ id: string; task_id: string; unit_code: string | null; unit_name: string | null; year: number; text: string; indicator: string | null; target_value: string | null }>(
    `select g.id, g.task_id, g.unit_code, n.name as unit_name, g.year, g.text, g.indicator, g.target_value from plan_targets g left join units n on n.code = g.unit_code
     where g.task_id = any ($1::uuid[]) order by g.year, g.unit_code nulls first, g.created_at`, [ids])).rows;
  const specs = indicators();
  return tasks.map((t) => ({
    id: t.id, planId: t.plan_id, no: t.no, action: t.action_no, summary: t.summary, text: t.text, leadUnit: t.lead_unit, version: t.version,
    units: units.filter((u) => u.task_id === t.id).map((u) => ({ code: u.unit_code, name: u.name, lead: u.unit_code === t.lead_unit })),
    targets: targets.filter((g) => g.task_id === t.id).map((g) => ({
      id: g.id, taskId: g.task_id, unitCode: g.unit_code, unitName: g.unit_name, year: g.year, text: g.text, indicator: g.indicator,
      targetValue: g.target_value === null ? null : Number(g.target_value),
    })),
    indicators: specs.filter((s) => s.tasks.includes(t.no)).map((s) => s.code),
  }));
}

export async function taskById(tx: Tx, id: string): Promise<TaskRow & { cadence: Cadence }> {
  const r = (await tx.client.query<TaskRow & { cadence: Cadence }>(
    `select t.id, t.plan_id, t.no, t.action_no, t.summary, t.text, t.lead_unit, t.version, p.cadence from plan_tasks t join plans p on p.id = t.plan_id where t.id = $1`, [id])).rows[0];
  if (!r) throw errors.notFound('未找到该任务');
  return r;
}

// ---- reports ----
interface ReportRowDb {
  id: string; plan_id: string; task_id: string; task_no: number; task_summary: string; lead_unit: string; unit_code: string; unit_name: string;
  period: string; due_on: string; state: ReportState; progress: Progress; done: string; figures: string; problems: string; next_steps: string;
  submitted_at: Date | null; submitted_by_name: string | null; reviewed_at: Date | null; reviewed_by_name: string | null; review_comment: string | null;
  version: number; evidence_count: number;
}
export const REPORT_SELECT = `select r.id, t.plan_id, r.task_id, t.no as task_no, t.summary as task_summary, t.lead_unit, r.unit_code, n.name as unit_name,
  r.period, to_char(r.due_on, 'YYYY-MM-DD') as due_on, r.state, r.progress, r.done, r.figures, r.problems, r.next_steps,
  r.submitted_at, su.display_name as submitted_by_name, r.reviewed_at, ru.display_name as reviewed_by_name, r.review_comment, r.version,
  (select count(*)::int from plan_evidence e where e.report_id = r.id) as evidence_count
  from plan_reports r join plan_tasks t on t.id = r.task_id join units n on n.code = r.unit_code
  left join users su on su.id = r.submitted_by left join users ru on ru.id = r.reviewed_by`;

/** May `actor` edit (save, submit, attach to) this report? Its own unit's, or civil-affairs for any unit. */
const mayEdit = (a: Actor, unit: string) => a.permissions.has('plan.report') && (a.unitCode === unit || canReviewAll(a));
/** May `actor` review it? civil-affairs, or the task's lead unit for a co-unit's report. */
export const mayReview = (a: Actor, lead: string, unit: string) =>
  canReviewAll(a) || (a.permissions.has('plan.report') && a.unitCode === lead && unit !== lead);

export function presentRow(r: ReportRowDb, actor: Actor): PlanReportRow {
  const late = r.submitted_at ? shanghaiDate(r.submitted_at.getTime()) > r.due_on : false;
  return {
    id: r.id, planId: r.plan_id, taskId: r.task_id, taskNo: r.task_no, taskSummary: r.task_summary, unitCode: r.unit_code, unitName: r.unit_name,
    period: r.period, periodLabel: parsePeriod(r.period)?.label ?? r.period, dueOn: r.due_on, state: r.state, progress: r.progress,
    submittedAt: r.submitted_at?.toISOString() ?? null, submittedByName: r.submitted_by_name, late,
    reviewedAt: r.reviewed_at?.toISOString() ?? null, reviewedByName: r.reviewed_by_name, reviewComment: r.review_comment, version: r.version,
    evidenceCount: r.evidence_count,
    canEdit: (r.state === 'draft' || r.state === 'returned') && mayEdit(actor, r.unit_code),
    canReview: r.state === 'submitted' && mayReview(actor, r.lead_unit, r.unit_code),
  };
}

export async function reportById(tx: Tx, id: string, forUpdate = false): Promise<ReportRowDb> {
  const r = (await tx.client.query<ReportRowDb>(`${REPORT_SELECT} where r.id = $1${forUpdate ? ' for update of r' : ''}`, [id])).rows[0];
  if (!r) throw errors.notFound('未找到该报告，或您无权查看');
  return r;
}

export async function fullReport(tx: Tx, id: string, actor: Actor): Promise<PlanReport> {
  const r = await reportById(tx, id);
  const { evidenceCount: _count, ...rest } = presentRow(r, actor);
  const evidence = (await tx.client.query<{ id: string; filename: string; mime: string; size_bytes: number; created_at: Date; created_by: string | null; name: string | null }>(
    `select e.id, e.filename, e.mime, e.size_bytes, e.created_at, e.created_by, u.display_name as name from plan_evidence e left join users u on u.id = e.created_by
     where e.report_id = $1 order by e.created_at, e.id`, [id])).rows;
  const history = (await tx.client.query<{ at: Date; action: string; name: string | null; unit_name: string | null; comment: string | null }>(
    `select ev.at, ev.action, u.display_name as name, n.name as unit_name, ev.comment from plan_report_events ev
     left join users u on u.id = ev.user_id left join units n on n.code = ev.unit_code where ev.report_id = $1 order by ev.at, ev.id`, [id])).rows;
  return {
    ...rest,
    done: r.done, figures: r.figures, problems: r.problems, nextSteps: r.next_steps,
    evidence: evidence.map((e) => ({
      id: e.id, filename: e.filename, mime: e.mime, sizeBytes: e.size_bytes, createdAt: e.created_at.toISOString(), createdByName: e.name,
      deletable: rest.canEdit && e.created_by === actor.userId,
    })),
    history: history.map((h) => ({ at: h.at.toISOString(), action: h.action, byName: h.name, unitName: h.unit_name, comment: h.comment })),
  };
}

async function event(tx: Tx, reportId: string, action: string, comment: string | null = null): Promise<void> {
  const a = tx.ctx.actor!;
  await tx.client.query('insert into plan_report_events (report_id, user_id, unit_code, action, comment) values ($1, $2, $3, $4, $5)', [reportId, a.userId, a.unitCode, action, comment]);
}

/** Users of `units` who may act on reports (plan.report or plan.review). */
export async function planRecipients(tx: Tx, units: string[], permission: 'plan.report' | 'plan.review'): Promise<string[]> {
  const { rows } = await tx.client.query<{ id: string }>(
    `select distinct u.id from users u join user_roles ur on ur.user_id = u.id join roles r on r.code = ur.role_code
     where not u.disabled and ($1::text[] is null or u.unit_code = any ($1::text[])) and $2 = any (r.permissions)`, [units.length ? units : null, permission]);
  return rows.map((r) => r.id);
}

/** Creates or updates the draft of one task, unit and period. */
export async function saveReport(tx: Tx, today: string, body: ReportSave): Promise<string> {
  const actor = tx.ctx.actor!;
  const unit = body.unitCode ?? actor.unitCode;
  if (unit !== actor.unitCode && !canReviewAll(actor)) throw errors.forbidden('只能报送本单位负责的任务');
  const task = await taskById(tx, body.taskId);
  const plan = await planOf(tx, today, task.plan_id);
  const responsible = await tx.client.query('select 1 from plan_task_units where task_id = $1 and unit_code = $2', [task.id, unit]);
  if (!responsible.rowCount) {
    const name = (await tx.client.query<{ name: string }>('select name from units where code = $1', [unit])).rows[0]?.name ?? unit;
    throw errors.validation([{ path: 'taskId', message: `${name}不是第 ${task.no} 项任务的责任单位，不能报送该任务；请在“本单位任务”中选择` }]);
  }
  const period = periodIn(plan, body.period, today);
  if (!period.open) throw errors.validation([{ path: 'period', message: `${period.label}尚未开始，${period.from} 起才能填报` }]);
  const existing = (await tx.client.query<{ id: string; state: ReportState; version: number }>(
    'select id, state, version from plan_reports where task_id = $1 and unit_code = $2 and period = $3 for update', [task.id, unit, period.key])).rows[0];
  const fields = [body.progress, body.done, body.figures, body.problems, body.nextSteps];
  if (!existing) {
    const { rows } = await tx.client.query<{ id: string }>(
      `insert into plan_reports (task_id, unit_code, period, due_on, progress, done, figures, problems, next_steps, created_by)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) returning id`,
      [task.id, unit, period.key, period.dueOn, ...fields, actor.userId]);
    await event(tx, rows[0]!.id, 'created');
    await tx.audit({ action: 'plan.report.save', entity: 'plan_report', entityId: rows[0]!.id, summary: { task: task.no, unit, period: period.key, created: true } });
    return rows[0]!.id;
  }
  if (existing.state === 'submitted' || existing.state === 'accepted') {
    throw errors.conflict(existing.state === 'submitted' ? '报告已提交待审核，不能修改；如需修改，请联系审核单位退回' : '报告已审核通过，不能修改');
  }
  if (body.version !== undefined && body.version !== existing.version) {
    throw errors.conflict('该报告已被他人修改，请刷新后再保存（您填写的内容仍在页面上）');
  }
  await tx.client.query(
    `update plan_reports set progress = $2, done = $3, figures = $4, problems = $5, next_steps = $6, updated_at = now(), version = version + 1 where id = $1`,
    [existing.id, ...fields]);
  await event(tx, existing.id, 'saved');
  await tx.audit({ action: 'plan.report.save', entity: 'plan_report', entityId: existing.id, summary: { task: task.no, unit, period: period.key } });
  return existing.id;
}

export async function submitReport(tx: Tx, id: string, version: number): Promise<void> {
  const actor = tx.ctx.actor!;
  const r = await reportById(tx, id, true);
  if (!mayEdit(actor, r.unit_code)) throw errors.forbidden('只能提交本单位的报告');
  if (r.state !== 'draft' && r.state !== 'returned') throw errors.conflict(r.state === 'submitted' ? '报告已提交，正在等待审核' : '报告已审核通过');
  if (r.version !== version) throw errors.conflict('该报告已被他人修改，请刷新后再提交');
  if (r.done.trim().length < 2) throw errors.validation([{ path: 'done', message: '请填写工作进展后再提交' }]);
  await tx.client.query(`update plan_reports set state = 'submitted', submitted_by = $2, submitted_at = now(), reviewed_by = null, reviewed_at = null,
    version = version + 1, updated_at = now() where id = $1`, [id, actor.userId]);
  await event(tx, id, r.state === 'returned' ? 'resubmitted' : 'submitted');
  await tx.audit({ action: 'plan.report.submit', entity: 'plan_report', entityId: id, summary: { task: r.task_no, unit: r.unit_code, period: r.period } });
  // The reviewers: the task's lead unit (for a co-unit's report) and the civil-affairs bureau.
  const reviewers = [...(r.lead_unit !== r.unit_code ? await planRecipients(tx, [r.lead_unit], 'plan.report') : []), ...(await planRecipients(tx, [], 'plan.review'))];
  await notify(tx, reviewers.filter((u) => u !== actor.userId), {
    kind: 'plan.report.submitted', title: `督办报告待审核：第 ${r.task_no} 项任务`,
    body: `${r.unit_name}提交了第 ${r.task_no} 项任务（${r.task_summary}）${parsePeriod(r.period)?.label ?? r.period}的进展报告（${PROGRESS_LABELS[r.progress]}），请审核。`,
    entity: 'plan_report', entityId: id,
  });
}

export async function reviewReport(tx: Tx, id: string, decision: 'accept' | 'return', comment: string, version: number): Promise<void> {
  const actor = tx.ctx.actor!;
  const r = await reportById(tx, id, true);
  if (!mayReview(actor, r.lead_unit, r.unit_code)) throw errors.forbidden('只有区民政局或该任务的牵头单位可以审核此报告');
  if (r.state !== 'submitted') throw errors.conflict(r.state === 'accepted' ? '报告已审核通过' : '报告尚未提交，不能审核');
  if (r.version !== version) throw errors.conflict('该报告已有变化，请刷新后再审核');
  await tx.client.query(`update plan_reports set state = $2, reviewed_by = $3, reviewed_at = now(), review_comment = $4, version = version + 1, updated_at = now() where id = $1`,
    [id, decision === 'accept' ? 'accepted' : 'returned', actor.userId, comment || null]);
  await event(tx, id, decision === 'accept' ? 'accepted' : 'returned', comment || null);
  await tx.audit({ action: `plan.report.${decision}`, entity: 'plan_report', entityId: id, summary: { task: r.task_no, unit: r.unit_code, period: r.period } });
  await notify(tx, (await planRecipients(tx, [r.unit_code], 'plan.report')).filter((u) => u !== actor.userId), {
    kind: `plan.report.${decision === 'accept' ? 'accepted' : 'returned'}`,
    title: decision === 'accept' ? `督办报告已通过：第 ${r.task_no} 项任务` : `督办报告被退回：第 ${r.task_no} 项任务`,
    body: decision === 'accept'
      ? `第 ${r.task_no} 项任务（${r.task_summary}）${parsePeriod(r.period)?.label ?? r.period}的进展报告已审核通过。`
      : `第 ${r.task_no} 项任务（${r.task_summary}）${parsePeriod(r.period)?.label ?? r.period}的进展报告被退回：${comment}。请修改后重新提交。`,
    entity: 'plan_report', entityId: id,
  });
}

export { mayEdit };
