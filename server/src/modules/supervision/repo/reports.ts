/**
 * SQL of the progress reports: the reports with their task and unit, their events (办理经过),
 * evidence files, the overdue pairs, reviewers to notify and the reminders sent.
 */
import type { Progress, ReportState } from '#common/supervision.js';
import { sql, type Db } from './db.js';

export interface ReportRowDb {
  id: string;
  plan_id: string;
  task_id: string;
  task_no: number;
  task_summary: string;
  lead_unit: string;
  unit_code: string;
  unit_name: string;
  period: string;
  due_on: string;
  state: ReportState;
  progress: Progress;
  done: string;
  figures: string;
  problems: string;
  next_steps: string;
  submitted_at: Date | null;
  submitted_by_name: string | null;
  reviewed_at: Date | null;
  reviewed_by_name: string | null;
  review_comment: string | null;
  version: number;
  evidence_count: number;
}
const REPORT_SELECT = `select r.id, t.plan_id, r.task_id, t.no as task_no, t.summary as task_summary, t.lead_unit, r.unit_code, n.name as unit_name,
  r.period, to_char(r.due_on, 'YYYY-MM-DD') as due_on, r.state, r.progress, r.done, r.figures, r.problems, r.next_steps,
  r.submitted_at, su.display_name as submitted_by_name, r.reviewed_at, ru.display_name as reviewed_by_name, r.review_comment, r.version,
  (select count(*)::int from plan_evidence e where e.report_id = r.id) as evidence_count
  from plan_reports r join plan_tasks t on t.id = r.task_id join units n on n.code = r.unit_code
  left join users su on su.id = r.submitted_by left join users ru on ru.id = r.reviewed_by`;

export async function reportRow(db: Db, id: string, forUpdate = false): Promise<ReportRowDb | undefined> {
  return (await sql(db).query<ReportRowDb>(`${REPORT_SELECT} where r.id = $1${forUpdate ? ' for update of r' : ''}`, [id])).rows[0];
}

/** The reports of one unit and period in a plan (the unit's workspace). */
export async function unitPeriodReports(db: Db, unit: string, period: string, planId: string): Promise<ReportRowDb[]> {
  return (await sql(db).query<ReportRowDb>(`${REPORT_SELECT} where r.unit_code = $1 and r.period = $2 and t.plan_id = $3`, [unit, period, planId])).rows;
}

export interface ReportFilter {
  planId: string;
  period?: string;
  unit?: string;
  task?: number;
  state?: ReportState;
  handedIn: boolean;
  /** Reports waiting for review; `reviewerUnit`: only the co-units' reports on tasks this unit leads. */
  toReview: boolean;
  reviewerUnit: string | null;
}

/** One page of reports matching the filter, and how many there are. */
export async function reportPage(db: Db, f: ReportFilter, page: number, pageSize: number): Promise<{ total: number; rows: ReportRowDb[] }> {
  const args: unknown[] = [f.planId];
  const where = ['t.plan_id = $1'];
  const add = (s: string, v: unknown) => {
    args.push(v);
    where.push(s.replace('?', `$${args.length}`));
  };
  if (f.period) add('r.period = ?', f.period);
  if (f.unit) add('r.unit_code = ?', f.unit);
  if (f.task) add('t.no = ?', f.task);
  if (f.state) add('r.state = ?', f.state);
  if (f.handedIn) where.push(`r.state in ('submitted', 'accepted')`);
  if (f.toReview) {
    where.push(`r.state = 'submitted'`);
    if (f.reviewerUnit !== null) add('t.lead_unit = ? and r.unit_code <> t.lead_unit', f.reviewerUnit);
  }
  const w = `where ${where.join(' and ')}`;
  const counted = (await sql(db).query<{ n: number }>(`select count(*)::int as n from plan_reports r join plan_tasks t on t.id = r.task_id ${w}`, args))
    .rows[0];
  const rows = (
    await sql(db).query<ReportRowDb>(
      `${REPORT_SELECT} ${w} order by r.period desc, t.no, n.sort, r.unit_code limit $${args.length + 1} offset $${args.length + 2}`,
      [...args, pageSize, (page - 1) * pageSize],
    )
  ).rows;
  return { total: counted?.n ?? 0, rows };
}

/** The handed-in reports of a period (of one unit, or all), for the quarterly workbook. */
export async function handedInReports(db: Db, planId: string, period: string, unit: string | null): Promise<ReportRowDb[]> {
  return (
    await sql(db).query<ReportRowDb>(
      `${REPORT_SELECT} where t.plan_id = $1 and r.period = $2 and ($3::text is null or r.unit_code = $3) and r.state in ('submitted', 'accepted') order by t.no, n.sort, r.unit_code`,
      [planId, period, unit],
    )
  ).rows;
}

export interface OverdueRow {
  task_id: string;
  no: number;
  summary: string;
  unit_code: string;
  unit_name: string;
  state: string | null;
}

/** Task × unit pairs of the period without a handed-in report (of one unit, or all). */
export async function notHandedIn(db: Db, planId: string, period: string, unit: string | null): Promise<OverdueRow[]> {
  return (
    await sql(db).query<OverdueRow>(
      `select t.id as task_id, t.no, t.summary, u.unit_code, n.name as unit_name, r.state
     from plan_task_units u join plan_tasks t on t.id = u.task_id join units n on n.code = u.unit_code
     left join plan_reports r on r.task_id = t.id and r.unit_code = u.unit_code and r.period = $2
     where t.plan_id = $1 and (r.state is null or r.state in ('draft', 'returned')) and ($3::text is null or u.unit_code = $3)
     order by n.sort, n.code, t.no`,
      [planId, period, unit],
    )
  ).rows;
}

// ---- the draft workflow ----
export async function reportOfForUpdate(
  db: Db,
  taskId: string,
  unit: string,
  period: string,
): Promise<{ id: string; state: ReportState; version: number } | undefined> {
  return (
    await sql(db).query<{ id: string; state: ReportState; version: number }>(
      'select id, state, version from plan_reports where task_id = $1 and unit_code = $2 and period = $3 for update',
      [taskId, unit, period],
    )
  ).rows[0];
}

export interface ReportFields {
  progress: Progress;
  done: string;
  figures: string;
  problems: string;
  nextSteps: string;
}
const fieldsOf = (b: ReportFields) => [b.progress, b.done, b.figures, b.problems, b.nextSteps];

export async function insertReport(
  db: Db,
  r: { taskId: string; unit: string; period: string; dueOn: string; createdBy: string },
  b: ReportFields,
): Promise<string> {
  const { rows } = await sql(db).query<{ id: string }>(
    `insert into plan_reports (task_id, unit_code, period, due_on, progress, done, figures, problems, next_steps, created_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) returning id`,
    [r.taskId, r.unit, r.period, r.dueOn, ...fieldsOf(b), r.createdBy],
  );
  const row = rows[0];
  if (!row) throw new Error('insert into plan_reports returned no row');
  return row.id;
}

export async function updateDraft(db: Db, id: string, b: ReportFields): Promise<void> {
  await sql(db).query(
    `update plan_reports set progress = $2, done = $3, figures = $4, problems = $5, next_steps = $6, updated_at = now(), version = version + 1 where id = $1`,
    [id, ...fieldsOf(b)],
  );
}

export async function markSubmitted(db: Db, id: string, userId: string): Promise<void> {
  await sql(db).query(
    `update plan_reports set state = 'submitted', submitted_by = $2, submitted_at = now(), reviewed_by = null, reviewed_at = null,
    version = version + 1, updated_at = now() where id = $1`,
    [id, userId],
  );
}

export async function markReviewed(db: Db, id: string, state: 'accepted' | 'returned', userId: string, comment: string | null): Promise<void> {
  await sql(db).query(
    `update plan_reports set state = $2, reviewed_by = $3, reviewed_at = now(), review_comment = $4, version = version + 1, updated_at = now() where id = $1`,
    [id, state, userId, comment],
  );
}

/** One line of the report's 办理经过. */
export async function insertEvent(db: Db, reportId: string, by: { userId: string; unitCode: string }, action: string, comment: string | null): Promise<void> {
  await sql(db).query('insert into plan_report_events (report_id, user_id, unit_code, action, comment) values ($1, $2, $3, $4, $5)', [
    reportId,
    by.userId,
    by.unitCode,
    action,
    comment,
  ]);
}

export interface EventRow {
  at: Date;
  action: string;
  name: string | null;
  unit_name: string | null;
  comment: string | null;
}

export async function eventsOf(db: Db, reportId: string): Promise<EventRow[]> {
  return (
    await sql(db).query<EventRow>(
      `select ev.at, ev.action, u.display_name as name, n.name as unit_name, ev.comment from plan_report_events ev
     left join users u on u.id = ev.user_id left join units n on n.code = ev.unit_code where ev.report_id = $1 order by ev.at, ev.id`,
      [reportId],
    )
  ).rows;
}

// ---- evidence ----
export interface EvidenceRow {
  id: string;
  filename: string;
  mime: string;
  size_bytes: number;
  created_at: Date;
  created_by: string | null;
  name: string | null;
}

export async function evidenceOf(db: Db, reportId: string): Promise<EvidenceRow[]> {
  return (
    await sql(db).query<EvidenceRow>(
      `select e.id, e.filename, e.mime, e.size_bytes, e.created_at, e.created_by, u.display_name as name from plan_evidence e left join users u on u.id = e.created_by
     where e.report_id = $1 order by e.created_at, e.id`,
      [reportId],
    )
  ).rows;
}

export async function evidenceCount(db: Db, reportId: string): Promise<number> {
  return (await sql(db).query<{ n: number }>('select count(*)::int as n from plan_evidence where report_id = $1', [reportId])).rows[0]?.n ?? 0;
}

export async function insertEvidence(
  db: Db,
  e: { reportId: string; filename: string; mime: string; data: Buffer; sha256: string; createdBy: string },
): Promise<{ id: string; created_at: Date }> {
  const row = (
    await sql(db).query<{ id: string; created_at: Date }>(
      `insert into plan_evidence (report_id, filename, mime, size_bytes, sha256, content, created_by) values ($1, $2, $3, $4, $5, $6, $7) returning id, created_at`,
      [e.reportId, e.filename, e.mime, e.data.length, e.sha256, e.data, e.createdBy],
    )
  ).rows[0];
  if (!row) throw new Error('insert into plan_evidence returned no row');
  return row;
}

export interface EvidenceFile {
  id: string;
  report_id: string;
  filename: string;
  mime: string;
  content: Buffer;
}

/** plan_evidence is visible only through a visible report (row-level security). */
export async function evidenceFile(db: Db, id: string): Promise<EvidenceFile | undefined> {
  return (await sql(db).query<EvidenceFile>('select id, report_id, filename, mime, content from plan_evidence where id = $1', [id])).rows[0];
}

export async function evidenceOwner(db: Db, id: string): Promise<{ id: string; report_id: string; created_by: string | null; filename: string } | undefined> {
  return (
    await sql(db).query<{ id: string; report_id: string; created_by: string | null; filename: string }>(
      'select id, report_id, created_by, filename from plan_evidence where id = $1',
      [id],
    )
  ).rows[0];
}

export async function deleteEvidence(db: Db, id: string): Promise<void> {
  await sql(db).query('delete from plan_evidence where id = $1', [id]);
}

// ---- who is told, and reminders ----
/** Users of `units` (all units when empty) who hold `permission`. */
export async function planRecipients(db: Db, units: string[], permission: 'plan.report' | 'plan.review'): Promise<string[]> {
  const { rows } = await sql(db).query<{ id: string }>(
    `select distinct u.id from users u join user_roles ur on ur.user_id = u.id join roles r on r.code = ur.role_code
     where not u.disabled and ($1::text[] is null or u.unit_code = any ($1::text[])) and $2 = any (r.permissions)`,
    [units.length ? units : null, permission],
  );
  return rows.map((r) => r.id);
}

/**
 * Units with reports of the period not handed in, and how many. The system is no user with roles,
 * so row-level security shows it no report: it asks plan_report_status() which pairs have handed
 * theirs in, and reads nothing else.
 */
export async function unitsBehind(db: Db, planId: string, period: string): Promise<{ unit_code: string; n: number }[]> {
  return (
    await sql(db).query<{ unit_code: string; n: number }>(
      `select u.unit_code, count(*)::int as n from plan_task_units u join plan_tasks t on t.id = u.task_id
     where t.plan_id = $1 and not exists (select 1 from plan_report_status($1, $2) s where s.task_id = t.id and s.unit_code = u.unit_code)
     group by u.unit_code`,
      [planId, period],
    )
  ).rows;
}

/** Records a reminder; false when this one was already sent. */
export async function recordReminder(db: Db, planId: string, period: string, unit: string, kind: 'before' | 'after'): Promise<boolean> {
  const fresh = await sql(db).query(
    `insert into plan_reminders (plan_id, period, unit_code, kind) values ($1, $2, $3, $4) on conflict do nothing returning 1`,
    [planId, period, unit, kind],
  );
  return Boolean(fresh.rowCount);
}
