/**
 * 督办 routes: the plan (tasks, units, yearly targets; edited by plan.manage, audited), periods,
 * the unit's workspace, progress reports with evidence and their review, the indicator registry,
 * the dashboard and the quarterly report workbook.
 */
import { z } from 'zod';
import { ErrorBody, IdParam } from '#common/api.js';
import {
  Dashboard, DashboardQuery, Evidence, OverdueList, EvidenceUpload, IndicatorDefs, PeriodList, PlanCreate, PlanList, PlanReport, PlanReportList, PlanReportQuery,
  PlanSettings, PlanSummary, PlanTarget, PlanTask, PlanTasks, PlanTasksQuery, ReportReview, ReportSave, ReportSubmit, TargetSave, TaskCreate, TaskUpdate,
  Workspace, WorkspaceQuery, parsePeriod,
} from '#common/supervision.js';
import type { AppDeps, ZApp } from '../../core/deps.js';
import { can } from '../../http/access.js';
import { inScope, type Tx } from '../../core/context.js';
import { errors } from '../../core/errors.js';
import { shanghaiDate } from '#common/dates.js';
import { contentDisposition } from '../files/binary.js';
import { acceptUpload } from '../files/commands/attachments.js';
import { buildDashboard } from './dashboard.js';
import { defOf, indicators, indicator } from './indicators/registry.js';
import { buildReportWorkbook, XLSX_MIME } from './reportWorkbook.js';
import {
  canReviewAll, canSeeAll, currentPeriodKey, fullReport, listPlans, mayEdit, mayReview, periodIn, periodsOf, planOf, presentRow, REPORT_SELECT,
  reportById, reviewReport, saveReport, submitReport, taskById, tasksOf,
} from './service.js';

const tags = ['督办 supervision'];
const errs = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const MAX_EVIDENCE_PER_REPORT = 20;

export function supervisionRoutes(app: ZApp, deps: AppDeps): void {
  const today = () => shanghaiDate(deps.clock());

  // ---- plans ----
  app.get('/api/plans', {
    config: { access: can('plan.read') },
    schema: { tags, summary: '行动方案列表', response: { 200: PlanList, ...errs } },
  }, async (req) => inScope(deps.db, req.ctx, async (tx) => ({ items: await listPlans(tx) })));

  app.post('/api/plans', {
    config: { access: can('plan.manage') },
    schema: { tags, summary: '新建行动方案（可复制现有方案的行动与任务）', body: PlanCreate, response: { 200: PlanSummary, ...errs } },
  }, async (req) => inScope(deps.db, req.ctx, async (tx) => {
    const b = req.body;
    if ((await tx.client.query('select 1 from plans where id = $1', [b.id])).rowCount) throw errors.conflict('该方案编号已存在', [{ path: 'id', message: '该方案编号已存在，请换一个' }]);
    await tx.client.query(`insert into plans (id, name, name_en, period_from, period_to, cadence, due_days, source) values ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [b.id, b.name, b.nameEn, b.periodFrom, b.periodTo, b.cadence, b.dueDays, b.source]);
    if (b.copyFrom) {
      const from = await planOf(tx, today(), b.copyFrom);
      await tx.client.query(`insert into plan_actions (plan_id, no, name, name_en) select $1, no, name, name_en from plan_actions where plan_id = $2`, [b.id, from.id]);
      await tx.client.query(
        `with src as (select id, no, action_no, summary, text, lead_unit, gen_random_uuid() as new_id from plan_tasks where plan_id = $2),
              ins as (insert into plan_tasks (id, plan_id, no, action_no, summary, text, lead_unit) select new_id, $1, no, action_no, summary, text, lead_unit from src returning id)
         insert into plan_task_units (task_id, unit_code, sort) select s.new_id, u.unit_code, u.sort from src s join plan_task_units u on u.task_id = s.id`,
        [b.id, from.id]);
    }
    await tx.audit({ action: 'plan.create', entity: 'plan', entityId: null, summary: { plan: b.id, copyFrom: b.copyFrom } });
    return planOf(tx, today(), b.id);
  }));

  app.put('/api/plans/:id', {
    config: { access: can('plan.manage') },
    schema: { tags, summary: '修改方案设置（名称、报送周期、报送期限、是否启用）', params: z.object({ id: z.string().max(64) }), body: PlanSettings, response: { 200: PlanSummary, ...errs } },
  }, async (req) => inScope(deps.db, req.ctx, async (tx) => {
    const before = await planOf(tx, today(), req.params.id);
    const b = req.body;
    if (b.cadence !== before.cadence && (await tx.client.query('select 1 from plan_reports r join plan_tasks t on t.id = r.task_id where t.plan_id = $1 limit 1', [before.id])).rowCount) {
      throw errors.conflict('该方案已有进展报告，不能再更改报送周期', [{ path: 'cadence', message: '已有报告，报送周期不能更改' }]);
    }
    await tx.client.query('update plans set name = $2, name_en = $3, cadence = $4, due_days = $5, active = $6 where id = $1', [before.id, b.name, b.nameEn, b.cadence, b.dueDays, b.active]);
    await tx.audit({ action: 'plan.update', entity: 'plan', entityId: null, summary: { plan: before.id, before: { name: before.name, cadence: before.cadence, dueDays: before.dueDays, active: before.active }, after: b } });
    return planOf(tx, today(), before.id);
  }));

  app.get('/api/plan/tasks', {
    config: { access: can('plan.read') },
    schema: { tags, summary: '任务分工表：方案的行动与任务（责任单位、牵头单位、年度目标）；非区级用户只见本单位任务', querystring: PlanTasksQuery, response: { 200: PlanTasks, ...errs } },
  }, async (req) => inScope(deps.db, req.ctx, async (tx) => {
    const actor = req.ctx.actor!;
    const plan = await planOf(tx, today(), req.query.plan);
    const mineOnly = !canSeeAll(actor) || req.query.mine === 'true';
    const actions = (await tx.client.query<{ no: number; name: string; name_en: string }>('select no, name, name_en from plan_actions where plan_id = $1 order by no', [plan.id])).rows;
    return {
      plan, mineOnly,
      actions: actions.map((a) => ({ no: a.no, name: a.name, nameEn: a.name_en })),
      tasks: await tasksOf(tx, plan.id, mineOnly ? actor.unitCode : null),
    };
  }));

  async function checkTask(tx: Tx, planId: string, b: z.infer<typeof TaskCreate>): Promise<void> {
    if (!b.units.includes(b.leadUnit)) throw errors.validation([{ path: 'leadUnit', message: '牵头单位必须是责任单位之一' }]);
    if (new Set(b.units).size !== b.units.length) throw errors.validation([{ path: 'units', message: '责任单位有重复' }]);
    const known = (await tx.client.query<{ code: string }>('select code from units where code = any ($1::text[]) and active', [b.units])).rows.map((r) => r.code);
    const unknown = b.units.filter((u) => !known.includes(u));
    if (unknown.length) throw errors.validation([{ path: 'units', message: `未知或已停用的单位：${unknown.join('、')}` }]);
    if (!(await tx.client.query('select 1 from plan_actions where plan_id = $1 and no = $2', [planId, b.action])).rowCount) {
      throw errors.validation([{ path: 'action', message: '所属行动不存在' }]);
    }
  }
  const setUnits = async (tx: Tx, taskId: string, units: string[]) => {
    // Two statements: a data-modifying CTE's delete is not visible to the insert beside it.
    await tx.client.query('delete from plan_task_units where task_id = $1', [taskId]);
    await tx.client.query(`insert into plan_task_units (task_id, unit_code, sort) select $1, u, o from unnest($2::text[]) with ordinality as x(u, o)`, [taskId, units]);
  };
  const taskOut = async (tx: Tx, id: string) => {
    const t = await taskById(tx, id);
    return (await tasksOf(tx, t.plan_id, null)).find((x) => x.id === id)!;
  };

  app.post('/api/plans/:id/tasks', {
    config: { access: can('plan.manage') },
    schema: { tags, summary: '新增任务（编号为方案中的下一个）', params: z.object({ id: z.string().max(64) }), body: TaskCreate, response: { 200: PlanTask, ...errs } },
  }, async (req) => inScope(deps.db, req.ctx, async (tx) => {
    const plan = await planOf(tx, today(), req.params.id);
    const b = req.body;
    await checkTask(tx, plan.id, b);
    await tx.client.query('select 1 from plans where id = $1 for update', [plan.id]);
    const { rows } = await tx.client.query<{ id: string; no: number }>(
      `insert into plan_tasks (plan_id, no, action_no, summary, text, lead_unit)
       values ($1, (select coalesce(max(no), 0) + 1 from plan_tasks where plan_id = $1), $2, $3, $4, $5) returning id, no`,
      [plan.id, b.action, b.summary, b.text, b.leadUnit]);
    await setUnits(tx, rows[0]!.id, b.units);
    await tx.audit({ action: 'plan.task.create', entity: 'plan_task', entityId: rows[0]!.id, summary: { plan: plan.id, no: rows[0]!.no, units: b.units } });
    return taskOut(tx, rows[0]!.id);
  }));

  app.put('/api/plan/tasks/:id', {
    config: { access: can('plan.manage') },
    schema: { tags, summary: '修改任务（内容、所属行动、责任单位、牵头单位）；版本过期返回 409', params: IdParam, body: TaskUpdate, response: { 200: PlanTask, ...errs } },
  }, async (req) => inScope(deps.db, req.ctx, async (tx) => {
    const before = (await tx.client.query<{ plan_id: string; no: number; summary: string; text: string; action_no: number; lead_unit: string; version: number; units: string[] }>(
      `select t.plan_id, t.no, t.summary, t.text, t.action_no, t.lead_unit, t.version,
              array(select unit_code from plan_task_units u where u.task_id = t.id order by u.sort) as units
       from plan_tasks t where t.id = $1 for update`, [req.params.id])).rows[0];
    if (!before) throw errors.notFound('未找到该任务');
    const b = req.body;
    if (b.version !== before.version) throw errors.conflict('该任务已被他人修改，请刷新后再编辑');
    await checkTask(tx, before.plan_id, b);
    const removed = before.units.filter((u) => !b.units.includes(u));
    if (removed.length) {
      const reported = (await tx.client.query<{ unit_code: string }>(`select distinct unit_code from plan_reports where task_id = $1 and unit_code = any ($2::text[])`, [req.params.id, removed])).rows;
      if (reported.length) throw errors.conflict(`单位已有该任务的进展报告，不能移出责任单位：${reported.map((r) => r.unit_code).join('、')}`, [{ path: 'units', message: '已有报告的单位不能移出' }]);
    }
    await tx.client.query('update plan_tasks set summary = $2, text = $3, action_no = $4, lead_unit = $5, version = version + 1, updated_at = now() where id = $1',
      [req.params.id, b.summary, b.text, b.action, b.leadUnit]);
    await setUnits(tx, req.params.id, b.units);
    await tx.audit({
      action: 'plan.task.update', entity: 'plan_task', entityId: req.params.id,
      summary: { plan: before.plan_id, no: before.no, before: { summary: before.summary, action: before.action_no, leadUnit: before.lead_unit, units: before.units, textChanged: before.text !== b.text }, after: { summary: b.summary, action: b.action, leadUnit: b.leadUnit, units: b.units } },
    });
    return taskOut(tx, req.params.id);
  }));

  async function checkTarget(tx: Tx, taskId: string, b: z.infer<typeof TargetSave>): Promise<void> {
    if (b.unitCode && !(await tx.client.query('select 1 from plan_task_units where task_id = $1 and unit_code = $2', [taskId, b.unitCode])).rowCount) {
      throw errors.validation([{ path: 'unitCode', message: '目标所属单位不是该任务的责任单位' }]);
    }
    if (b.indicator && !indicator(b.indicator)) throw errors.validation([{ path: 'indicator', message: '指标不存在' }]);
    if ((b.indicator === null) !== (b.targetValue === null)) throw errors.validation([{ path: 'targetValue', message: '关联指标时请填写目标值；不关联指标时不填目标值' }]);
    const spec = b.indicator ? indicator(b.indicator) : undefined;
    if (spec?.unit === 'percent' && (b.targetValue! < 0 || b.targetValue! > 100)) throw errors.validation([{ path: 'targetValue', message: '百分比目标应在 0-100 之间' }]);
  }
  const targetOut = async (tx: Tx, id: string) => {
    const r = (await tx.client.query<{ id: string; task_id: string; unit_code: string | null; unit_name: string | null; year: number; text: string; indicator: string | null; target_value: string | null }>(
      `select g.id, g.task_id, g.unit_code, n.name as unit_name, g.year, g.text, g.indicator, g.target_value from plan_targets g left join units n on n.code = g.unit_code where g.id = $1`, [id])).rows[0]!;
    return { id: r.id, taskId: r.task_id, unitCode: r.unit_code, unitName: r.unit_name, year: r.year, text: r.text, indicator: r.indicator, targetValue: r.target_value === null ? null : Number(r.target_value) };
  };
  const uniqueTarget = (err: unknown) => {
    if ((err as { code?: string }).code === '23505') throw errors.conflict('该任务同一年度、同一单位、同一指标的目标已存在', [{ path: 'year', message: '目标已存在，请修改原有目标' }]);
    throw err;
  };

  app.post('/api/plan/tasks/:id/targets', {
    config: { access: can('plan.manage') },
    schema: { tags, summary: '新增年度目标（文字，可关联指标与目标值）', params: IdParam, body: TargetSave, response: { 200: PlanTarget, ...errs } },
  }, async (req) => inScope(deps.db, req.ctx, async (tx) => {
    const task = await taskById(tx, req.params.id);
    await checkTarget(tx, task.id, req.body);
    const b = req.body;
    const id = await tx.client.query<{ id: string }>(
      `insert into plan_targets (task_id, unit_code, year, text, indicator, target_value) values ($1, $2, $3, $4, $5, $6) returning id`,
      [task.id, b.unitCode, b.year, b.text, b.indicator, b.targetValue]).then((r) => r.rows[0]!.id, uniqueTarget);
    await tx.audit({ action: 'plan.target.create', entity: 'plan_task', entityId: task.id, summary: { no: task.no, ...b } });
    return targetOut(tx, id);
  }));

  app.put('/api/plan/targets/:id', {
    config: { access: can('plan.manage') },
    schema: { tags, summary: '修改年度目标', params: IdParam, body: TargetSave, response: { 200: PlanTarget, ...errs } },
  }, async (req) => inScope(deps.db, req.ctx, async (tx) => {
    const before = (await tx.client.query<{ task_id: string; text: string; target_value: string | null; indicator: string | null; year: number }>('select task_id, text, target_value, indicator, year from plan_targets where id = $1 for update', [req.params.id])).rows[0];
    if (!before) throw errors.notFound('未找到该目标');
    await checkTarget(tx, before.task_id, req.body);
    const b = req.body;
    await tx.client.query('update plan_targets set unit_code = $2, year = $3, text = $4, indicator = $5, target_value = $6 where id = $1',
      [req.params.id, b.unitCode, b.year, b.text, b.indicator, b.targetValue]).catch(uniqueTarget);
    await tx.audit({ action: 'plan.target.update', entity: 'plan_task', entityId: before.task_id, summary: { target: req.params.id, before, after: b } });
    return targetOut(tx, req.params.id);
  }));

  app.delete('/api/plan/targets/:id', {
    config: { access: can('plan.manage') },
    schema: { tags, summary: '删除年度目标', params: IdParam, response: { 200: z.object({ ok: z.literal(true) }), ...errs } },
  }, async (req) => inScope(deps.db, req.ctx, async (tx) => {
    const r = (await tx.client.query<{ task_id: string; text: string; year: number }>('delete from plan_targets where id = $1 returning task_id, text, year', [req.params.id])).rows[0];
    if (!r) throw errors.notFound('未找到该目标');
    await tx.audit({ action: 'plan.target.delete', entity: 'plan_task', entityId: r.task_id, summary: { target: req.params.id, year: r.year, text: r.text } });
    return { ok: true as const };
  }));

  // ---- periods and the unit's workspace ----
  app.get('/api/plan/periods', {
    config: { access: can('plan.read') },
    schema: { tags, summary: '报告期（已开始的可填报；报送截止日期）', querystring: z.object({ plan: z.string().max(64).optional() }), response: { 200: PeriodList, ...errs } },
  }, async (req) => inScope(deps.db, req.ctx, async (tx) => {
    const plan = await planOf(tx, today(), req.query.plan);
    const items = periodsOf(plan, today()).map((p) => ({ key: p.key, label: p.label, labelEn: p.labelEn, from: p.from, to: p.to, dueOn: p.dueOn, open: p.open, current: p.current }));
    return { plan: plan.id, current: currentPeriodKey(plan, today()), items };
  }));

  app.get('/api/plan/workspace', {
    config: { access: can('plan.report') },
    schema: { tags, summary: '本单位本期任务及报告状态（未报送、逾期）', querystring: WorkspaceQuery, response: { 200: Workspace, ...errs } },
  }, async (req) => inScope(deps.db, req.ctx, async (tx) => {
    const actor = req.ctx.actor!;
    const unit = req.query.unit ?? actor.unitCode;
    if (unit !== actor.unitCode && !canReviewAll(actor)) throw errors.forbidden('只能查看本单位的任务');
    const unitName = (await tx.client.query<{ name: string }>('select name from units where code = $1', [unit])).rows[0]?.name;
    if (!unitName) throw errors.validation([{ path: 'unit', message: '单位不存在' }]);
    const plan = await planOf(tx, today(), req.query.plan);
    const period = periodIn(plan, req.query.period ?? currentPeriodKey(plan, today()), today());
    const tasks = await tasksOf(tx, plan.id, unit);
    const rows = (await tx.client.query(`${REPORT_SELECT} where r.unit_code = $1 and r.period = $2 and t.plan_id = $3`, [unit, period.key, plan.id])).rows;
    const overdue = today() > period.dueOn;
    return {
      plan, period: period.key, periodLabel: period.label, open: period.open, dueOn: period.dueOn, unitCode: unit, unitName,
      items: tasks.map((t) => {
        const r = rows.find((x) => x.task_id === t.id);
        const report = r ? presentRow(r, actor) : null;
        return {
          task: { id: t.id, no: t.no, action: t.action, summary: t.summary, leadUnit: t.leadUnit }, unitCode: unit, unitName, dueOn: period.dueOn,
          overdue: overdue && (!report || report.state === 'draft' || report.state === 'returned'),
          report,
        };
      }),
    };
  }));

  app.get('/api/plan/overdue', {
    config: { access: can('plan.read') },
    schema: {
      tags, summary: '逾期未报送清单（报告期截止后仍未提交的任务×单位）',
      querystring: z.object({ plan: z.string().max(64).optional(), period: z.string().max(10).optional() }),
      response: { 200: OverdueList, ...errs },
    },
  }, async (req) => inScope(deps.db, req.ctx, async (tx) => {
    const actor = req.ctx.actor!;
    const plan = await planOf(tx, today(), req.query.plan);
    const period = periodIn(plan, req.query.period ?? currentPeriodKey(plan, today()), today());
    if (today() <= period.dueOn) return { period: period.key, dueOn: period.dueOn, items: [] };
    const { rows } = await tx.client.query<{ task_id: string; no: number; summary: string; unit_code: string; unit_name: string; state: string | null }>(
      `select t.id as task_id, t.no, t.summary, u.unit_code, n.name as unit_name, r.state
       from plan_task_units u join plan_tasks t on t.id = u.task_id join units n on n.code = u.unit_code
       left join plan_reports r on r.task_id = t.id and r.unit_code = u.unit_code and r.period = $2
       where t.plan_id = $1 and (r.state is null or r.state in ('draft', 'returned')) and ($3::text is null or u.unit_code = $3)
       order by n.sort, n.code, t.no`, [plan.id, period.key, canSeeAll(actor) ? null : actor.unitCode]);
    return { period: period.key, dueOn: period.dueOn, items: rows.map((r) => ({ taskId: r.task_id, taskNo: r.no, taskSummary: r.summary, unitCode: r.unit_code, unitName: r.unit_name, state: r.state })) };
  }));

  // ---- reports ----
  app.get('/api/plan/reports', {
    config: { access: can('plan.read') },
    schema: { tags, summary: '进展报告列表（本单位的；区民政局和领导可见全部）', querystring: PlanReportQuery, response: { 200: PlanReportList, ...errs } },
  }, async (req) => inScope(deps.db, req.ctx, async (tx) => {
    const actor = req.ctx.actor!;
    const q = req.query;
    const plan = await planOf(tx, today(), q.plan);
    const args: unknown[] = [plan.id];
    const where = ['t.plan_id = $1'];
    const add = (sql: string, v: unknown) => { args.push(v); where.push(sql.replace('?', `$${args.length}`)); };
    if (q.period) add('r.period = ?', q.period);
    if (q.unit) add('r.unit_code = ?', q.unit);
    if (q.task) add('t.no = ?', q.task);
    if (q.state) add('r.state = ?', q.state);
    if (q.handedIn === 'true') where.push(`r.state in ('submitted', 'accepted')`);
    if (q.toReview === 'true') {
      where.push(`r.state = 'submitted'`);
      if (!canReviewAll(actor)) add('t.lead_unit = ? and r.unit_code <> t.lead_unit', actor.unitCode);
    }
    const w = `where ${where.join(' and ')}`;
    const total = (await tx.client.query<{ n: number }>(`select count(*)::int as n from plan_reports r join plan_tasks t on t.id = r.task_id ${w}`, args)).rows[0]!.n;
    const rows = (await tx.client.query(`${REPORT_SELECT} ${w} order by r.period desc, t.no, n.sort, r.unit_code limit $${args.length + 1} offset $${args.length + 2}`,
      [...args, q.pageSize, (q.page - 1) * q.pageSize])).rows;
    const items = rows.map((r) => (q.full === 'true'
      ? { ...presentRow(r, actor), done: r.done, figures: r.figures, problems: r.problems, nextSteps: r.next_steps }
      : presentRow(r, actor)));
    return { items, total, page: q.page, pageSize: q.pageSize };
  }));

  app.get('/api/plan/reports/:id', {
    config: { access: can('plan.read') },
    schema: { tags, summary: '进展报告详情（含证明材料、办理经过）', params: IdParam, response: { 200: PlanReport, ...errs } },
  }, async (req) => inScope(deps.db, req.ctx, (tx) => fullReport(tx, req.params.id, req.ctx.actor!)));

  app.put('/api/plan/reports', {
    config: { access: can('plan.report') },
    schema: { tags, summary: '保存进展报告草稿（任务 × 单位 × 报告期，一份）', body: ReportSave, response: { 200: PlanReport, ...errs } },
  }, async (req) => inScope(deps.db, req.ctx, async (tx) => fullReport(tx, await saveReport(tx, today(), req.body), req.ctx.actor!)));

  app.post('/api/plan/reports/:id/submit', {
    config: { access: can('plan.report') },
    schema: { tags, summary: '提交进展报告（通知牵头单位和区民政局审核）', params: IdParam, body: ReportSubmit, response: { 200: PlanReport, ...errs } },
  }, async (req) => inScope(deps.db, req.ctx, async (tx) => {
    await submitReport(tx, req.params.id, req.body.version);
    return fullReport(tx, req.params.id, req.ctx.actor!);
  }));

  app.post('/api/plan/reports/:id/review', {
    config: { access: can('plan.read') },
    schema: { tags, summary: '审核进展报告：通过，或退回并说明理由（区民政局或任务牵头单位）', params: IdParam, body: ReportReview, response: { 200: PlanReport, ...errs } },
  }, async (req) => inScope(deps.db, req.ctx, async (tx) => {
    await reviewReport(tx, req.params.id, req.body.decision, req.body.comment, req.body.version);
    return fullReport(tx, req.params.id, req.ctx.actor!);
  }));

  // ---- evidence ----
  app.post('/api/plan/reports/:id/evidence', {
    bodyLimit: 14 * 1024 * 1024,
    config: { access: can('plan.report') },
    schema: { tags, summary: '上传证明材料（JPEG/PNG/PDF/DOCX/XLSX，按文件内容判断类型，照片去除 EXIF/GPS，≤ 10 MB）', params: IdParam, body: EvidenceUpload, response: { 200: Evidence, ...errs } },
  }, async (req) => {
    const actor = req.ctx.actor!;
    const file = await acceptUpload(deps, req.ctx, req.body, { action: 'plan.evidence.upload', entity: 'plan_report', entityId: req.params.id });
    const { data, name, mime } = file;
    return inScope(deps.db, req.ctx, async (tx) => {
      const r = await reportById(tx, req.params.id, true);
      if (!mayEdit(actor, r.unit_code)) throw errors.forbidden('只能为本单位的报告上传证明材料');
      if (r.state !== 'draft' && r.state !== 'returned') throw errors.conflict('报告已提交，不能再添加证明材料');
      const count = (await tx.client.query<{ n: number }>('select count(*)::int as n from plan_evidence where report_id = $1', [r.id])).rows[0]!.n;
      if (count >= MAX_EVIDENCE_PER_REPORT) throw errors.validation([{ path: 'contentBase64', message: `每份报告最多 ${MAX_EVIDENCE_PER_REPORT} 个证明材料` }]);
      const row = (await tx.client.query<{ id: string; created_at: Date }>(
        `insert into plan_evidence (report_id, filename, mime, size_bytes, sha256, content, created_by) values ($1, $2, $3, $4, $5, $6, $7) returning id, created_at`,
        [r.id, name, mime, data.length, file.sha256, data, actor.userId])).rows[0]!;
      await tx.client.query('insert into plan_report_events (report_id, user_id, unit_code, action, comment) values ($1, $2, $3, $4, $5)', [r.id, actor.userId, actor.unitCode, 'evidence', name]);
      await tx.audit({ action: 'plan.evidence.upload', entity: 'plan_report', entityId: r.id, summary: { evidenceId: row.id, mime, sizeBytes: data.length } });
      return { id: row.id, filename: name, mime, sizeBytes: data.length, createdAt: row.created_at.toISOString(), createdByName: actor.displayName, deletable: true };
    });
  });

  app.get('/api/plan/evidence/:id', {
    config: { access: can('plan.read') },
    schema: { tags, summary: '下载证明材料（先检查能否查看所属报告；一律作为附件下载）', params: IdParam, response: { 200: z.any().describe('文件内容'), ...errs } },
  }, async (req, reply) => {
    const row = await inScope(deps.db, req.ctx, async (tx) => {
      // plan_evidence is visible only through a visible report (row-level security).
      const r = (await tx.client.query<{ id: string; report_id: string; filename: string; mime: string; content: Buffer }>(
        'select id, report_id, filename, mime, content from plan_evidence where id = $1', [req.params.id])).rows[0];
      if (!r) throw errors.notFound('未找到该证明材料，或您无权查看');
      await tx.audit({ action: 'plan.evidence.download', entity: 'plan_report', entityId: r.report_id, summary: { evidenceId: r.id } });
      return r;
    });
    return reply.header('content-type', row.mime).header('content-disposition', contentDisposition(row.filename)).header('x-content-type-options', 'nosniff')
      .header('cache-control', 'no-store').header('content-security-policy', "default-src 'none'; sandbox").send(row.content);
  });

  app.delete('/api/plan/evidence/:id', {
    config: { access: can('plan.report') },
    schema: { tags, summary: '删除证明材料（仅上传人，仅草稿或退回的报告）', params: IdParam, response: { 200: z.object({ ok: z.literal(true) }), ...errs } },
  }, async (req) => inScope(deps.db, req.ctx, async (tx) => {
    const e = (await tx.client.query<{ id: string; report_id: string; created_by: string | null; filename: string }>('select id, report_id, created_by, filename from plan_evidence where id = $1', [req.params.id])).rows[0];
    if (!e) throw errors.notFound('未找到该证明材料，或您无权查看');
    const r = await reportById(tx, e.report_id, true);
    if (e.created_by !== req.ctx.actor!.userId) throw errors.forbidden('只能删除自己上传的证明材料');
    if (r.state !== 'draft' && r.state !== 'returned') throw errors.conflict('报告已提交，证明材料不能删除');
    await tx.client.query('delete from plan_evidence where id = $1', [e.id]);
    await tx.client.query('insert into plan_report_events (report_id, user_id, unit_code, action, comment) values ($1, $2, $3, $4, $5)', [r.id, req.ctx.actor!.userId, req.ctx.actor!.unitCode, 'evidence-deleted', e.filename]);
    await tx.audit({ action: 'plan.evidence.delete', entity: 'plan_report', entityId: r.id, summary: { evidenceId: e.id } });
    return { ok: true as const };
  }));

  // ---- indicators, dashboard, report ----
  app.get('/api/indicators', {
    config: { access: can('plan.read') },
    schema: { tags, summary: '指标登记表（定义、服务的任务、单位、默认目标）', response: { 200: IndicatorDefs, ...errs } },
  }, async () => ({ items: indicators().map(defOf) }));

  app.get('/api/dashboard', {
    config: { access: can('plan.read') },
    schema: { tags, summary: '督办看板：任务状态、单位报送及时性、各项指标（值、目标、红黄绿、按月趋势、按街道）', querystring: DashboardQuery, response: { 200: Dashboard, ...errs } },
  }, async (req) => buildDashboard(deps, req.ctx, req.query));

  app.get('/api/plan/report.xlsx', {
    config: { access: can('plan.read') },
    schema: { tags, summary: '季度报告（Excel：任务、单位报告、指标），数字与同期看板一致', querystring: DashboardQuery, response: { 200: z.any().describe('xlsx'), ...errs } },
  }, async (req, reply) => {
    const dash = await buildDashboard(deps, req.ctx, req.query);
    const reports = await inScope(deps.db, req.ctx, async (tx) => {
      const args: unknown[] = [dash.plan.id, dash.period.key];
      const unitFilter = dash.street ? `street-${dash.street.code}` : canSeeAll(req.ctx.actor!) ? null : req.ctx.actor!.unitCode;
      args.push(unitFilter);
      const rows = (await tx.client.query(`${REPORT_SELECT} where t.plan_id = $1 and r.period = $2 and ($3::text is null or r.unit_code = $3) and r.state in ('submitted', 'accepted') order by t.no, n.sort, r.unit_code`, args)).rows;
      await tx.audit({ action: 'plan.report.export', entity: 'plan', entityId: null, summary: { plan: dash.plan.id, period: dash.period.key, street: dash.street?.code ?? null } });
      return rows as { task_no: number; task_summary: string; unit_name: string; state: string; progress: string; done: string; figures: string; problems: string; next_steps: string; submitted_at: Date | null; due_on: string }[];
    });
    const buf = await buildReportWorkbook(dash, reports, deps.clock());
    const label = parsePeriod(dash.period.key)?.label ?? dash.period.key;
    return reply.header('content-type', XLSX_MIME).header('content-disposition', contentDisposition(`督办季度报告-${label}${dash.street ? `-${dash.street.name}` : ''}.xlsx`))
      .header('cache-control', 'no-store').send(buf);
  });
}

export { mayReview };
