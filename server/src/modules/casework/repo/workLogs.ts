/** SQL of work logs (工作日志). RLS on work_logs: own rows, or the street / committee in scope. */
import type { Tx } from '../../../core/context.js';
import { returnedId } from './rows.js';

export interface WorkLogRow {
  id: string;
  user_id: string;
  user_name: string;
  worked_on: string;
  hours: string;
  content: string;
  children: { id: string; name: string }[];
  created_at: Date;
  updated_at: Date;
}
const SELECT = `select w.id, w.user_id, coalesce(u.display_name, '') as user_name, w.worked_on, w.hours::text as hours, w.content,
  coalesce((select json_agg(json_build_object('id', c.id, 'name', c.name) order by c.name)
            from work_log_children wc join children c on c.id = wc.child_id where wc.work_log_id = w.id), '[]'::json) as children,
  w.created_at, w.updated_at
  from work_logs w left join users u on u.id = w.user_id`;

export interface WorkLogFilter {
  userId?: string;
  from?: string;
  to?: string;
}

export async function listWorkLogs(
  tx: Tx,
  f: WorkLogFilter,
  page: number,
  pageSize: number,
): Promise<{ rows: WorkLogRow[]; total: number; hours: string | null }> {
  const args: unknown[] = [];
  const where: string[] = [];
  const add = (sql: string, v: unknown) => {
    args.push(v);
    where.push(sql.replace('?', `$${args.length}`));
  };
  if (f.userId) add('w.user_id = ?', f.userId);
  if (f.from) add('w.worked_on >= ?', f.from);
  if (f.to) add('w.worked_on <= ?', f.to);
  const w = where.length ? `where ${where.join(' and ')}` : '';
  const sums = (await tx.client.query<{ n: number; hours: string | null }>(`select count(*)::int as n, sum(hours)::text as hours from work_logs w ${w}`, args))
    .rows[0];
  const { rows } = await tx.client.query<WorkLogRow>(
    `${SELECT} ${w} order by w.worked_on desc, w.created_at desc limit $${args.length + 1} offset $${args.length + 2}`,
    [...args, pageSize, (page - 1) * pageSize],
  );
  return { rows, total: sums?.n ?? 0, hours: sums?.hours ?? null };
}

export async function findWorkLog(tx: Tx, id: string): Promise<WorkLogRow | undefined> {
  return (await tx.client.query<WorkLogRow>(`${SELECT} where w.id = $1`, [id])).rows[0];
}

export async function insertWorkLog(
  tx: Tx,
  v: { userId: string; street: string | null; committee: string | null; workedOn: string; hours: number; content: string },
): Promise<string> {
  const { rows } = await tx.client.query<{ id: string }>(
    `insert into work_logs (user_id, street_code, committee_id, worked_on, hours, content) values ($1, $2, $3, $4, $5, $6) returning id`,
    [v.userId, v.street, v.committee, v.workedOn, v.hours, v.content],
  );
  return returnedId(rows);
}

export async function insertWorkLogChildren(tx: Tx, id: string, childIds: string[]): Promise<void> {
  await tx.client.query('insert into work_log_children (work_log_id, child_id) select $1, unnest($2::uuid[])', [id, childIds]);
}

export async function deleteWorkLogChildren(tx: Tx, id: string): Promise<void> {
  await tx.client.query('delete from work_log_children where work_log_id = $1', [id]);
}

export async function updateWorkLog(tx: Tx, id: string, v: { workedOn: string | null; hours: number | null; content: string | null }): Promise<void> {
  await tx.client.query(
    `update work_logs set worked_on = coalesce($2, worked_on), hours = coalesce($3, hours), content = coalesce($4, content), updated_at = now() where id = $1`,
    [id, v.workedOn, v.hours, v.content],
  );
}

export async function deleteWorkLog(tx: Tx, id: string, userId: string): Promise<void> {
  await tx.client.query('delete from work_logs where id = $1 and user_id = $2', [id, userId]);
}
