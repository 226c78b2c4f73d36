/** Reading the plan: plans, tasks with units and targets, periods. */
import type { Actor, Tx } from '../../../core/context.js';
import { errors } from '../../../core/errors.js';
import type { z } from 'zod';
import type * as S from '#common/supervision.js';
import type { PlanSummary, PlanTarget, PlanTask, PlanTasks } from '#common/supervision.js';
import { indicators } from '../indicators/registry.js';
import '../indicators/core.js';
import { currentPeriodKey, periodsOf } from '../periods.js';
import { canSeeAll } from '../policies.js';
import { presentAction, presentPeriod, presentPlan, presentTarget, presentTask } from '../presenters.js';
import * as repo from '../repo/plan.js';

export async function listPlans(tx: Tx): Promise<PlanSummary[]> {
  return (await repo.planRows(tx)).map(presentPlan);
}

/** The plan asked for, or the active plan whose years include today (else the latest active one). */
export async function planOf(tx: Tx, today: string, id?: string): Promise<PlanSummary> {
  if (id) {
    const r = await repo.planRowById(tx, id);
    if (!r) throw errors.notFound('未找到该行动方案');
    return presentPlan(r);
  }
  const r = await repo.currentPlanRow(tx, Number(today.slice(0, 4)));
  if (!r) throw errors.notFound('尚未建立行动方案');
  return presentPlan(r);
}

/** The plan's tasks (those `unit` is responsible for, when given) with units, targets and indicators. */
export async function tasksOf(tx: Tx, planId: string, unit: string | null): Promise<PlanTask[]> {
  const tasks = await repo.taskRows(tx, planId, unit);
  const ids = tasks.map((t) => t.id);
  const units = await repo.taskUnitRows(tx, ids);
  const targets = await repo.targetRowsOfTasks(tx, ids);
  const specs = indicators();
  return tasks.map((t) =>
    presentTask(
      t,
      units,
      targets,
      specs.filter((s) => s.tasks.includes(t.no)).map((s) => s.code),
    ),
  );
}

export async function taskById(tx: Tx, id: string): Promise<repo.TaskRow & { cadence: PlanSummary['cadence'] }> {
  const r = await repo.taskWithCadence(tx, id);
  if (!r) throw errors.notFound('未找到该任务');
  return r;
}

/** One task as the task table shows it. */
export async function taskOut(tx: Tx, id: string): Promise<PlanTask> {
  const t = await taskById(tx, id);
  const found = (await tasksOf(tx, t.plan_id, null)).find((x) => x.id === id);
  if (!found) throw errors.notFound('未找到该任务');
  return found;
}

export async function targetOut(tx: Tx, id: string): Promise<PlanTarget> {
  const r = await repo.targetRow(tx, id);
  if (!r) throw errors.notFound('未找到该目标');
  return presentTarget(r);
}

/** The task table: the plan's actions and tasks; a unit without plan.read.all (or asking for its own) sees its tasks only. */
export async function planTasks(tx: Tx, actor: Actor, today: string, q: { plan?: string; mine?: 'true' | 'false' }): Promise<PlanTasks> {
  const plan = await planOf(tx, today, q.plan);
  const mineOnly = !canSeeAll(actor) || q.mine === 'true';
  const actions = await repo.actionsOf(tx, plan.id);
  return { plan, mineOnly, actions: actions.map(presentAction), tasks: await tasksOf(tx, plan.id, mineOnly ? actor.unitCode : null) };
}

export async function periodList(tx: Tx, today: string, planId?: string): Promise<z.infer<typeof S.PeriodList>> {
  const plan = await planOf(tx, today, planId);
  return { plan: plan.id, current: currentPeriodKey(plan, today), items: periodsOf(plan, today).map(presentPeriod) };
}
