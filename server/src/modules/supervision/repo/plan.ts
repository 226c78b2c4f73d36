/**
 * SQL of the plan: plans, actions, tasks with their responsible units, yearly targets, and the
 * units they name. Typed rows in and out; no rule and no audit here.
 */
import type { Cadence } from '#common/supervision.js';
import { sql, type Db } from './db.js';

export interface PlanRow {
  id: string;
  name: string;
  name_en: string;
  period_from: number;
  period_to: number;
  cadence: Cadence;
  due_days: number;
  active: boolean;
  source: string;
  task_count: number;
}
const PLAN_SELECT = `select p.id, p.name, p.name_en, p.period_from, p.period_to, p.cadence, p.due_days, p.active, p.source,
  (select count(*)::int from plan_tasks t where t.plan_id = p.id) as task_count from plans p`;

export async function planRows(db: Db): Promise<PlanRow[]> {
  return (await sql(db).query<PlanRow>(`${PLAN_SELECT} order by p.active desc, p.period_from desc, p.id`)).rows;
}

export async function planRowById(db: Db, id: string): Promise<PlanRow | undefined> {
  return (await sql(db).query<PlanRow>(`${PLAN_SELECT} where p.id = $1`, [id])).rows[0];
}

/** The active plan whose years include `year`, else the latest active one, else any. */
export async function currentPlanRow(db: Db, year: number): Promise<PlanRow | undefined> {
  return (
    await sql(db).query<PlanRow>(
      `${PLAN_SELECT} order by (p.active and $1 between p.period_from and p.period_to) desc, p.active desc, p.period_to desc limit 1`,
      [year],
    )
  ).rows[0];
}

export async function planExists(db: Db, id: string): Promise<boolean> {
  return Boolean((await sql(db).query('select 1 from plans where id = $1', [id])).rowCount);
}

export interface NewPlan {
  id: string;
  name: string;
  nameEn: string;
  periodFrom: number;
  periodTo: number;
  cadence: Cadence;
  dueDays: number;
  source: string;
}

export async function insertPlan(db: Db, b: NewPlan): Promise<void> {
  await sql(db).query(`insert into plans (id, name, name_en, period_from, period_to, cadence, due_days, source) values ($1, $2, $3, $4, $5, $6, $7, $8)`, [
    b.id,
    b.name,
    b.nameEn,
    b.periodFrom,
    b.periodTo,
    b.cadence,
    b.dueDays,
    b.source,
  ]);
}

/** Copies the actions, tasks and responsible units of plan `from` into plan `to`. */
export async function copyPlanContent(db: Db, to: string, from: string): Promise<void> {
  await sql(db).query(`insert into plan_actions (plan_id, no, name, name_en) select $1, no, name, name_en from plan_actions where plan_id = $2`, [to, from]);
  await sql(db).query(
    `with src as (select id, no, action_no, summary, text, lead_unit, gen_random_uuid() as new_id from plan_tasks where plan_id = $2),
          ins as (insert into plan_tasks (id, plan_id, no, action_no, summary, text, lead_unit) select new_id, $1, no, action_no, summary, text, lead_unit from src returning id)
     insert into plan_task_units (task_id, unit_code, sort) select s.new_id, u.unit_code, u.sort from src s join plan_task_units u on u.task_id = s.id`,
    [to, from],
  );
}

export async function planHasReports(db: Db, planId: string): Promise<boolean> {
  return Boolean((await sql(db).query('select 1 from plan_reports r join plan_tasks t on t.id = r.task_id where t.plan_id = $1 limit 1', [planId])).rowCount);
}

export async function updatePlan(db: Db, id: string, b: { name: string; nameEn: string; cadence: Cadence; dueDays: number; active: boolean }): Promise<void> {
  await sql(db).query('update plans set name = $2, name_en = $3, cadence = $4, due_days = $5, active = $6 where id = $1', [
    id,
    b.name,
    b.nameEn,
    b.cadence,
    b.dueDays,
    b.active,
  ]);
}

/** Locks the plan row, so two new tasks do not take the same number. */
export async function lockPlan(db: Db, id: string): Promise<void> {
  await sql(db).query('select 1 from plans where id = $1 for update', [id]);
}

export interface ActionRow {
  no: number;
  name: string;
  name_en: string;
}

export async function actionsOf(db: Db, planId: string): Promise<ActionRow[]> {
  return (await sql(db).query<ActionRow>('select no, name, name_en from plan_actions where plan_id = $1 order by no', [planId])).rows;
}

export async function actionExists(db: Db, planId: string, no: number): Promise<boolean> {
  return Boolean((await sql(db).query('select 1 from plan_actions where plan_id = $1 and no = $2', [planId, no])).rowCount);
}

// ---- units ----
export async function activeUnitCodes(db: Db, codes: string[]): Promise<string[]> {
  return (await sql(db).query<{ code: string }>('select code from units where code = any ($1::text[]) and active', [codes])).rows.map((r) => r.code);
}

export async function unitName(db: Db, code: string): Promise<string | undefined> {
  return (await sql(db).query<{ name: string }>('select name from units where code = $1', [code])).rows[0]?.name;
}

export async function streetUnitCodes(db: Db): Promise<string[]> {
  return (await sql(db).query<{ code: string }>(`select code from units where kind = 'street' order by sort, code`)).rows.map((r) => r.code);
}

// ---- tasks ----
export interface TaskRow {
  id: string;
  plan_id: string;
  no: number;
  action_no: number;
  summary: string;
  text: string;
  lead_unit: string;
  version: number;
}
export interface TaskUnitRow {
  task_id: string;
  unit_code: string;
  name: string;
}
export interface TargetRow {
  id: string;
  task_id: string;
  unit_code: string | null;
  unit_name: string | null;
  year: number;
  text: string;
  indicator: string | null;
  target_value: string | null;
}

/** The plan's tasks (those `unit` is responsible for, when given), by number. */
export async function taskRows(db: Db, planId: string, unit: string | null): Promise<TaskRow[]> {
  return (
    await sql(db).query<TaskRow>(
      `select t.id, t.plan_id, t.no, t.action_no, t.summary, t.text, t.lead_unit, t.version from plan_tasks t
     where t.plan_id = $1 and ($2::text is null or exists (select 1 from plan_task_units u where u.task_id = t.id and u.unit_code = $2))
     order by t.no`,
      [planId, unit],
    )
  ).rows;
}

export async function taskUnitRows(db: Db, taskIds: string[]): Promise<TaskUnitRow[]> {
  return (
    await sql(db).query<TaskUnitRow>(
      `select u.task_id, u.unit_code, n.name from plan_task_units u join units n on n.code = u.unit_code where u.task_id = any ($1::uuid[]) order by u.task_id, u.sort`,
      [taskIds],
    )
  ).rows;
}

export async function targetRowsOfTasks(db: Db, taskIds: string[]): Promise<TargetRow[]> {
  return (
    await sql(db).query<TargetRow>(
      `select g.id, g.task_id, g.unit_code, n.name as unit_name, g.year, g.text, g.indicator, g.target_value from plan_targets g left join units n on n.code = g.unit_code
     where g.task_id = any ($1::uuid[]) order by g.year, g.unit_code nulls first, g.created_at`,
      [taskIds],
    )
  ).rows;
}

export async function taskWithCadence(db: Db, id: string): Promise<(TaskRow & { cadence: Cadence }) | undefined> {
  return (
    await sql(db).query<TaskRow & { cadence: Cadence }>(
      `select t.id, t.plan_id, t.no, t.action_no, t.summary, t.text, t.lead_unit, t.version, p.cadence from plan_tasks t join plans p on p.id = t.plan_id where t.id = $1`,
      [id],
    )
  ).rows[0];
}

export interface TaskFields {
  action: number;
  summary: string;
  text: string;
  leadUnit: string;
}

/** A new task numbered next in its plan (lock the plan first). */
export async function insertTask(db: Db, planId: string, b: TaskFields): Promise<{ id: string; no: number }> {
  const { rows } = await sql(db).query<{ id: string; no: number }>(
    `insert into plan_tasks (plan_id, no, action_no, summary, text, lead_unit)
     values ($1, (select coalesce(max(no), 0) + 1 from plan_tasks where plan_id = $1), $2, $3, $4, $5) returning id, no`,
    [planId, b.action, b.summary, b.text, b.leadUnit],
  );
  const row = rows[0];
  if (!row) throw new Error('insert into plan_tasks returned no row');
  return row;
}

export interface TaskBefore {
  plan_id: string;
  no: number;
  summary: string;
  text: string;
  action_no: number;
  lead_unit: string;
  version: number;
  units: string[];
}

export async function taskForUpdate(db: Db, id: string): Promise<TaskBefore | undefined> {
  return (
    await sql(db).query<TaskBefore>(
      `select t.plan_id, t.no, t.summary, t.text, t.action_no, t.lead_unit, t.version,
            array(select unit_code from plan_task_units u where u.task_id = t.id order by u.sort) as units
     from plan_tasks t where t.id = $1 for update`,
      [id],
    )
  ).rows[0];
}

/** Which of `units` already reported on the task. */
export async function unitsWithReports(db: Db, taskId: string, units: string[]): Promise<string[]> {
  return (
    await sql(db).query<{ unit_code: string }>(`select distinct unit_code from plan_reports where task_id = $1 and unit_code = any ($2::text[])`, [
      taskId,
      units,
    ])
  ).rows.map((r) => r.unit_code);
}

export async function updateTask(db: Db, id: string, b: TaskFields): Promise<void> {
  await sql(db).query(
    'update plan_tasks set summary = $2, text = $3, action_no = $4, lead_unit = $5, version = version + 1, updated_at = now() where id = $1',
    [id, b.summary, b.text, b.action, b.leadUnit],
  );
}

/** The task's responsible units, in order (the first insert of a task, too). */
export async function insertTaskUnits(db: Db, taskId: string, units: string[]): Promise<void> {
  await sql(db).query(`insert into plan_task_units (task_id, unit_code, sort) select $1, u, o from unnest($2::text[]) with ordinality as x(u, o)`, [
    taskId,
    units,
  ]);
}

/** Replaces the task's responsible units. */
export async function setTaskUnits(db: Db, taskId: string, units: string[]): Promise<void> {
  // Two statements: a data-modifying CTE's delete is not visible to the insert beside it.
  await sql(db).query('delete from plan_task_units where task_id = $1', [taskId]);
  await insertTaskUnits(db, taskId, units);
}

export async function isTaskUnit(db: Db, taskId: string, unit: string): Promise<boolean> {
  return Boolean((await sql(db).query('select 1 from plan_task_units where task_id = $1 and unit_code = $2', [taskId, unit])).rowCount);
}

// ---- targets ----
export interface TargetFields {
  unitCode: string | null;
  year: number;
  text: string;
  indicator: string | null;
  targetValue: number | null;
}

/** Throws PostgreSQL's unique violation (23505) for a second target of the same year, unit and indicator. */
export async function insertTarget(db: Db, taskId: string, b: TargetFields): Promise<string> {
  const { rows } = await sql(db).query<{ id: string }>(
    `insert into plan_targets (task_id, unit_code, year, text, indicator, target_value) values ($1, $2, $3, $4, $5, $6) returning id`,
    [taskId, b.unitCode, b.year, b.text, b.indicator, b.targetValue],
  );
  const row = rows[0];
  if (!row) throw new Error('insert into plan_targets returned no row');
  return row.id;
}

export async function targetRow(db: Db, id: string): Promise<TargetRow | undefined> {
  return (
    await sql(db).query<TargetRow>(
      `select g.id, g.task_id, g.unit_code, n.name as unit_name, g.year, g.text, g.indicator, g.target_value from plan_targets g left join units n on n.code = g.unit_code where g.id = $1`,
      [id],
    )
  ).rows[0];
}

export interface TargetBefore {
  task_id: string;
  text: string;
  target_value: string | null;
  indicator: string | null;
  year: number;
}

export async function targetForUpdate(db: Db, id: string): Promise<TargetBefore | undefined> {
  return (await sql(db).query<TargetBefore>('select task_id, text, target_value, indicator, year from plan_targets where id = $1 for update', [id])).rows[0];
}

export async function updateTarget(db: Db, id: string, b: TargetFields): Promise<void> {
  await sql(db).query('update plan_targets set unit_code = $2, year = $3, text = $4, indicator = $5, target_value = $6 where id = $1', [
    id,
    b.unitCode,
    b.year,
    b.text,
    b.indicator,
    b.targetValue,
  ]);
}

export async function deleteTarget(db: Db, id: string): Promise<{ task_id: string; text: string; year: number } | undefined> {
  return (await sql(db).query<{ task_id: string; text: string; year: number }>('delete from plan_targets where id = $1 returning task_id, text, year', [id]))
    .rows[0];
}

// ---- the plan file (first start) ----
export async function insertPlanFromFile(db: Db, p: { id: string; name: string; nameEn: string; from: number; to: number; source: string }): Promise<void> {
  await sql(db).query(`insert into plans (id, name, name_en, period_from, period_to, source) values ($1, $2, $3, $4, $5, $6)`, [
    p.id,
    p.name,
    p.nameEn,
    p.from,
    p.to,
    p.source,
  ]);
}

export async function insertAction(db: Db, planId: string, no: number, name: string, nameEn: string): Promise<void> {
  await sql(db).query('insert into plan_actions (plan_id, no, name, name_en) values ($1, $2, $3, $4)', [planId, no, name, nameEn]);
}

export async function insertNumberedTask(
  db: Db,
  planId: string,
  t: { no: number; action: number; summary: string; text: string; lead: string },
): Promise<string> {
  const { rows } = await sql(db).query<{ id: string }>(
    `insert into plan_tasks (plan_id, no, action_no, summary, text, lead_unit) values ($1, $2, $3, $4, $5, $6) returning id`,
    [planId, t.no, t.action, t.summary, t.text, t.lead],
  );
  const row = rows[0];
  if (!row) throw new Error('insert into plan_tasks returned no row');
  return row.id;
}

export async function insertDistrictTarget(db: Db, taskId: string, g: { year: number; text: string; indicator: string; value: number }): Promise<void> {
  await sql(db).query(`insert into plan_targets (task_id, unit_code, year, text, indicator, target_value) values ($1, null, $2, $3, $4, $5)`, [
    taskId,
    g.year,
    g.text,
    g.indicator,
    g.value,
  ]);
}
