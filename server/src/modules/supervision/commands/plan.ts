/** Changes to the plan (plan.manage): plans, tasks and yearly targets — each checked, written and audited. */
import type { z } from 'zod';
import type { Tx } from '../../../core/context.js';
import { errors } from '../../../core/errors.js';
import type { PlanCreate, PlanSettings, PlanSummary, PlanTarget, PlanTask, TargetSave, TaskCreate, TaskUpdate } from '#common/supervision.js';
import { indicator } from '../indicators/registry.js';
import { planOf, taskById, targetOut, taskOut } from '../queries/plan.js';
import * as repo from '../repo/plan.js';

export async function createPlan(tx: Tx, today: string, b: z.infer<typeof PlanCreate>): Promise<PlanSummary> {
  if (await repo.planExists(tx, b.id)) throw errors.conflict('该方案编号已存在', [{ path: 'id', message: '该方案编号已存在，请换一个' }]);
  await repo.insertPlan(tx, b);
  if (b.copyFrom) {
    const from = await planOf(tx, today, b.copyFrom);
    await repo.copyPlanContent(tx, b.id, from.id);
  }
  await tx.audit({ action: 'plan.create', entity: 'plan', entityId: null, summary: { plan: b.id, copyFrom: b.copyFrom } });
  return planOf(tx, today, b.id);
}

export async function updatePlan(tx: Tx, today: string, id: string, b: z.infer<typeof PlanSettings>): Promise<PlanSummary> {
  const before = await planOf(tx, today, id);
  if (b.cadence !== before.cadence && (await repo.planHasReports(tx, before.id))) {
    throw errors.conflict('该方案已有进展报告，不能再更改报送周期', [{ path: 'cadence', message: '已有报告，报送周期不能更改' }]);
  }
  await repo.updatePlan(tx, before.id, b);
  await tx.audit({
    action: 'plan.update',
    entity: 'plan',
    entityId: null,
    summary: { plan: before.id, before: { name: before.name, cadence: before.cadence, dueDays: before.dueDays, active: before.active }, after: b },
  });
  return planOf(tx, today, before.id);
}

/** The lead unit among the units, no unit twice, every unit known and active, the action in the plan. */
async function checkTask(tx: Tx, planId: string, b: z.infer<typeof TaskCreate>): Promise<void> {
  if (!b.units.includes(b.leadUnit)) throw errors.validation([{ path: 'leadUnit', message: '牵头单位必须是责任单位之一' }]);
  if (new Set(b.units).size !== b.units.length) throw errors.validation([{ path: 'units', message: '责任单位有重复' }]);
  const known = await repo.activeUnitCodes(tx, b.units);
  const unknown = b.units.filter((u) => !known.includes(u));
  if (unknown.length) throw errors.validation([{ path: 'units', message: `未知或已停用的单位：${unknown.join('、')}` }]);
  if (!(await repo.actionExists(tx, planId, b.action))) {
    throw errors.validation([{ path: 'action', message: '所属行动不存在' }]);
  }
}

/** A new task, numbered next in the plan. */
export async function createTask(tx: Tx, today: string, planId: string, b: z.infer<typeof TaskCreate>): Promise<PlanTask> {
  const plan = await planOf(tx, today, planId);
  await checkTask(tx, plan.id, b);
  await repo.lockPlan(tx, plan.id);
  const row = await repo.insertTask(tx, plan.id, b);
  await repo.setTaskUnits(tx, row.id, b.units);
  await tx.audit({ action: 'plan.task.create', entity: 'plan_task', entityId: row.id, summary: { plan: plan.id, no: row.no, units: b.units } });
  return taskOut(tx, row.id);
}

/** A unit that already reported on the task stays among its units. */
export async function updateTask(tx: Tx, id: string, b: TaskUpdate): Promise<PlanTask> {
  const before = await repo.taskForUpdate(tx, id);
  if (!before) throw errors.notFound('未找到该任务');
  if (b.version !== before.version) throw errors.staleVersion('该任务已被他人修改，请刷新后再编辑');
  await checkTask(tx, before.plan_id, b);
  const removed = before.units.filter((u) => !b.units.includes(u));
  if (removed.length) {
    const reported = await repo.unitsWithReports(tx, id, removed);
    if (reported.length)
      throw errors.conflict(`单位已有该任务的进展报告，不能移出责任单位：${reported.join('、')}`, [{ path: 'units', message: '已有报告的单位不能移出' }]);
  }
  await repo.updateTask(tx, id, b);
  await repo.setTaskUnits(tx, id, b.units);
  await tx.audit({
    action: 'plan.task.update',
    entity: 'plan_task',
    entityId: id,
    summary: {
      plan: before.plan_id,
      no: before.no,
      before: { summary: before.summary, action: before.action_no, leadUnit: before.lead_unit, units: before.units, textChanged: before.text !== b.text },
      after: { summary: b.summary, action: b.action, leadUnit: b.leadUnit, units: b.units },
    },
  });
  return taskOut(tx, id);
}

/** The target's unit is one of the task's, its indicator exists, a value goes with an indicator, a percentage within 0-100. */
async function checkTarget(tx: Tx, taskId: string, b: TargetSave): Promise<void> {
  if (b.unitCode && !(await repo.isTaskUnit(tx, taskId, b.unitCode))) {
    throw errors.validation([{ path: 'unitCode', message: '目标所属单位不是该任务的责任单位' }]);
  }
  if (b.indicator && !indicator(b.indicator)) throw errors.validation([{ path: 'indicator', message: '指标不存在' }]);
  if ((b.indicator === null) !== (b.targetValue === null))
    throw errors.validation([{ path: 'targetValue', message: '关联指标时请填写目标值；不关联指标时不填目标值' }]);
  const spec = b.indicator ? indicator(b.indicator) : undefined;
  if (spec?.unit === 'percent' && b.targetValue !== null && (b.targetValue < 0 || b.targetValue > 100))
    throw errors.validation([{ path: 'targetValue', message: '百分比目标应在 0-100 之间' }]);
}

const uniqueTarget = (err: unknown): never => {
  if (err instanceof Error && 'code' in err && err.code === '23505')
    throw errors.conflict('该任务同一年度、同一单位、同一指标的目标已存在', [{ path: 'year', message: '目标已存在，请修改原有目标' }]);
  throw err;
};

export async function createTarget(tx: Tx, taskId: string, b: TargetSave): Promise<PlanTarget> {
  const task = await taskById(tx, taskId);
  await checkTarget(tx, task.id, b);
  const id = await repo.insertTarget(tx, task.id, b).catch(uniqueTarget);
  await tx.audit({ action: 'plan.target.create', entity: 'plan_task', entityId: task.id, summary: { no: task.no, ...b } });
  return targetOut(tx, id);
}

export async function updateTarget(tx: Tx, id: string, b: TargetSave): Promise<PlanTarget> {
  const before = await repo.targetForUpdate(tx, id);
  if (!before) throw errors.notFound('未找到该目标');
  await checkTarget(tx, before.task_id, b);
  await repo.updateTarget(tx, id, b).catch(uniqueTarget);
  await tx.audit({ action: 'plan.target.update', entity: 'plan_task', entityId: before.task_id, summary: { target: id, before, after: b } });
  return targetOut(tx, id);
}

export async function deleteTarget(tx: Tx, id: string): Promise<{ ok: true }> {
  const r = await repo.deleteTarget(tx, id);
  if (!r) throw errors.notFound('未找到该目标');
  await tx.audit({ action: 'plan.target.delete', entity: 'plan_task', entityId: r.task_id, summary: { target: id, year: r.year, text: r.text } });
  return { ok: true as const };
}
