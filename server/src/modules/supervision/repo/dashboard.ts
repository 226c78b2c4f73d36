/** SQL of the dashboard: streets, the tasks and reports of a period, the task × unit pairs, targets. */
import type { Progress } from '#common/supervision.js';
import { sql, type Db } from './db.js';

export interface StreetUnitRow {
  code: string;
  name: string;
  unit: string;
}

/** The streets with their street office's unit code. */
export async function streetsWithUnits(db: Db): Promise<StreetUnitRow[]> {
  return (await sql(db).query<StreetUnitRow>(`select s.code, s.name, 'street-' || s.code as unit from streets s order by s.sort, s.code`)).rows;
}

export interface DashboardTaskRow {
  id: string;
  no: number;
  action_no: number;
  summary: string;
  lead_unit: string;
  lead_name: string;
  unit_count: number;
}

/** The plan's tasks (those of `unit`, when given) with how many responsible units count. */
export async function dashboardTasks(db: Db, planId: string, unit: string | null): Promise<DashboardTaskRow[]> {
  return (
    await sql(db).query<DashboardTaskRow>(
      `select t.id, t.no, t.action_no, t.summary, t.lead_unit, n.name as lead_name,
            (select count(*)::int from plan_task_units u where u.task_id = t.id and ($2::text is null or u.unit_code = $2)) as unit_count
     from plan_tasks t join units n on n.code = t.lead_unit
     where t.plan_id = $1 and ($2::text is null or exists (select 1 from plan_task_units u where u.task_id = t.id and u.unit_code = $2))
     order by t.no`,
      [planId, unit],
    )
  ).rows;
}

export interface DashboardReportRow {
  task_id: string;
  unit_code: string;
  state: string;
  progress: Progress;
  submitted_on: string | null;
  due_on: string;
}

export async function dashboardReports(db: Db, planId: string, period: string, unit: string | null): Promise<DashboardReportRow[]> {
  return (
    await sql(db).query<DashboardReportRow>(
      `select r.task_id, r.unit_code, r.state, r.progress, to_char(r.submitted_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as submitted_on, to_char(r.due_on, 'YYYY-MM-DD') as due_on
     from plan_reports r join plan_tasks t on t.id = r.task_id where t.plan_id = $1 and r.period = $2 and ($3::text is null or r.unit_code = $3)`,
      [planId, period, unit],
    )
  ).rows;
}

export interface PairRow {
  task_id: string;
  unit_code: string;
  unit_name: string;
  sort: number;
}

/** Every (task, unit) pair of the plan (of `unit`, when given), by unit. */
export async function taskUnitPairs(db: Db, planId: string, unit: string | null): Promise<PairRow[]> {
  return (
    await sql(db).query<PairRow>(
      `select u.task_id, u.unit_code, n.name as unit_name, n.sort from plan_task_units u join plan_tasks t on t.id = u.task_id join units n on n.code = u.unit_code
     where t.plan_id = $1 and ($2::text is null or u.unit_code = $2) order by n.sort, n.code`,
      [planId, unit],
    )
  ).rows;
}

export interface DistrictTargetRow {
  indicator: string;
  target_value: string;
  text: string;
  no: number;
}

/** District-wide targets linked to an indicator, of `year` and before, the latest first. */
export async function districtTargets(db: Db, planId: string, year: number): Promise<DistrictTargetRow[]> {
  return (
    await sql(db).query<DistrictTargetRow>(
      `select g.indicator, g.target_value, g.text, t.no from plan_targets g join plan_tasks t on t.id = g.task_id
     where t.plan_id = $1 and g.indicator is not null and g.target_value is not null and g.unit_code is null and g.year <= $2
     order by g.year desc, g.created_at desc`,
      [planId, year],
    )
  ).rows;
}
