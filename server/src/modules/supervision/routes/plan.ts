/** 督办 route table: the plan (tasks, units, yearly targets; edited by plan.manage, audited) and its periods. */
import { z } from 'zod';
import { IdParam } from '#common/api.js';
import {
  PeriodList,
  PlanCreate,
  PlanList,
  PlanSettings,
  PlanSummary,
  PlanTarget,
  PlanTask,
  PlanTasks,
  PlanTasksQuery,
  TargetSave,
  TaskCreate,
  TaskUpdate,
} from '#common/supervision.js';
import { shanghaiDate } from '#common/dates.js';
import type { AppDeps, ZApp } from '../../../core/deps.js';
import { inScope, signedIn } from '../../../core/context.js';
import { can } from '../../../http/access.js';
import * as planCommands from '../commands/plan.js';
import * as planQueries from '../queries/plan.js';
import { errs, tags } from './shared.js';

export function planRoutes(app: ZApp, deps: AppDeps): void {
  const today = () => shanghaiDate(deps.clock());

  app.get(
    '/api/plans',
    {
      config: { access: can('plan.read') },
      schema: { operationId: 'listPlans', tags, summary: '行动方案列表', response: { 200: PlanList, ...errs } },
    },
    async (req) => inScope(deps.db, req.ctx, async (tx) => ({ items: await planQueries.listPlans(tx) })),
  );

  app.post(
    '/api/plans',
    {
      config: { access: can('plan.manage') },
      schema: {
        operationId: 'createPlan',
        tags,
        summary: '新建行动方案（可复制现有方案的行动与任务）',
        body: PlanCreate,
        response: { 200: PlanSummary, ...errs },
      },
    },
    async (req) => inScope(deps.db, req.ctx, (tx) => planCommands.createPlan(tx, today(), req.body)),
  );

  app.put(
    '/api/plans/:id',
    {
      config: { access: can('plan.manage') },
      schema: {
        operationId: 'updatePlan',
        tags,
        summary: '修改方案设置（名称、报送周期、报送期限、是否启用）',
        params: z.object({ id: z.string().max(64) }),
        body: PlanSettings,
        response: { 200: PlanSummary, ...errs },
      },
    },
    async (req) => inScope(deps.db, req.ctx, (tx) => planCommands.updatePlan(tx, today(), req.params.id, req.body)),
  );

  app.get(
    '/api/plan/tasks',
    {
      config: { access: can('plan.read') },
      schema: {
        operationId: 'listPlanTasks',
        tags,
        summary: '任务分工表：方案的行动与任务（责任单位、牵头单位、年度目标）；非区级用户只见本单位任务',
        querystring: PlanTasksQuery,
        response: { 200: PlanTasks, ...errs },
      },
    },
    async (req) => inScope(deps.db, req.ctx, (tx) => planQueries.planTasks(tx, signedIn(req.ctx).actor, today(), req.query)),
  );

  app.post(
    '/api/plans/:id/tasks',
    {
      config: { access: can('plan.manage') },
      schema: {
        operationId: 'createPlanTask',
        tags,
        summary: '新增任务（编号为方案中的下一个）',
        params: z.object({ id: z.string().max(64) }),
        body: TaskCreate,
        response: { 200: PlanTask, ...errs },
      },
    },
    async (req) => inScope(deps.db, req.ctx, (tx) => planCommands.createTask(tx, today(), req.params.id, req.body)),
  );

  app.put(
    '/api/plan/tasks/:id',
    {
      config: { access: can('plan.manage') },
      schema: {
        operationId: 'updatePlanTask',
        tags,
        summary: '修改任务（内容、所属行动、责任单位、牵头单位）；版本过期返回 409',
        params: IdParam,
        body: TaskUpdate,
        response: { 200: PlanTask, ...errs },
      },
    },
    async (req) => inScope(deps.db, req.ctx, (tx) => planCommands.updateTask(tx, req.params.id, req.body)),
  );

  app.post(
    '/api/plan/tasks/:id/targets',
    {
      config: { access: can('plan.manage') },
      schema: {
        operationId: 'createPlanTarget',
        tags,
        summary: '新增年度目标（文字，可关联指标与目标值）',
        params: IdParam,
        body: TargetSave,
        response: { 200: PlanTarget, ...errs },
      },
    },
    async (req) => inScope(deps.db, req.ctx, (tx) => planCommands.createTarget(tx, req.params.id, req.body)),
  );

  app.put(
    '/api/plan/targets/:id',
    {
      config: { access: can('plan.manage') },
      schema: { operationId: 'updatePlanTarget', tags, summary: '修改年度目标', params: IdParam, body: TargetSave, response: { 200: PlanTarget, ...errs } },
    },
    async (req) => inScope(deps.db, req.ctx, (tx) => planCommands.updateTarget(tx, req.params.id, req.body)),
  );

  app.delete(
    '/api/plan/targets/:id',
    {
      config: { access: can('plan.manage') },
      schema: {
        operationId: 'deletePlanTarget',
        tags,
        summary: '删除年度目标',
        params: IdParam,
        response: { 200: z.object({ ok: z.literal(true) }), ...errs },
      },
    },
    async (req) => inScope(deps.db, req.ctx, (tx) => planCommands.deleteTarget(tx, req.params.id)),
  );

  app.get(
    '/api/plan/periods',
    {
      config: { access: can('plan.read') },
      schema: {
        operationId: 'listPlanPeriods',
        tags,
        summary: '报告期（已开始的可填报；报送截止日期）',
        querystring: z.object({ plan: z.string().max(64).optional() }),
        response: { 200: PeriodList, ...errs },
      },
    },
    async (req) => inScope(deps.db, req.ctx, (tx) => planQueries.periodList(tx, today(), req.query.plan)),
  );
}
