/** SQL of problems (发现问题) and their timeline (problem_events). */
import type { ProblemCategory, ProblemEvent, ProblemSeverity, ProblemStatus } from '#common/casework.js';
import type { Tx } from '../../../core/context.js';
import { returnedId } from './rows.js';

export interface ProblemRow {
  id: string;
  child_id: string;
  child_name: string;
  street_code: string;
  street_name: string;
  committee_id: string;
  committee_name: string;
  description: string;
  category: ProblemCategory;
  severity: ProblemSeverity;
  responsible_unit: string | null;
  responsible_unit_name: string | null;
  due_on: string | null;
  status: ProblemStatus;
  resolution: string | null;
  resolved_on: string | null;
  escalated_to: string | null;
  escalated_to_name: string | null;
  visit_id: string | null;
  created_at: Date;
  updated_at: Date;
  version: number;
}
const SELECT = `select p.id, p.child_id, c.name as child_name, p.street_code, s.name as street_name, p.committee_id, m.name as committee_name,
  p.description, p.category, p.severity, p.responsible_unit, ru.name as responsible_unit_name, p.due_on, p.status, p.resolution, p.resolved_on,
  p.escalated_to, eu.name as escalated_to_name, p.visit_id, p.created_at, p.updated_at, p.version
  from problems p join children c on c.id = p.child_id join streets s on s.code = p.street_code join committees m on m.id = p.committee_id
  left join units ru on ru.code = p.responsible_unit left join units eu on eu.code = p.escalated_to`;

export interface EventRow {
  id: number;
  at: Date;
  user_id: string | null;
  username: string | null;
  display_name: string | null;
  kind: ProblemEvent['kind'];
  from_status: string | null;
  to_status: string | null;
  note: string | null;
}

export interface ProblemFilter {
  status?: ProblemStatus | 'unresolved';
  /** Only unresolved problems due before this date. */
  overdueBefore?: string;
  severity?: string;
  category?: string;
  street?: string;
  committee?: string;
}

export async function listProblems(tx: Tx, f: ProblemFilter, page: number, pageSize: number): Promise<{ rows: ProblemRow[]; total: number }> {
  const args: unknown[] = [];
  const where: string[] = [];
  const add = (sql: string, v: unknown) => {
    args.push(v);
    where.push(sql.replace('?', `$${args.length}`));
  };
  if (f.status === 'unresolved') where.push(`p.status <> 'resolved'`);
  else if (f.status) add('p.status = ?', f.status);
  if (f.overdueBefore) add(`p.status <> 'resolved' and p.due_on < ?`, f.overdueBefore);
  if (f.severity) add('p.severity = ?', f.severity);
  if (f.category) add('p.category = ?', f.category);
  if (f.street) add('p.street_code = ?', f.street);
  if (f.committee) add('p.committee_id = ?', f.committee);
  const w = where.length ? `where ${where.join(' and ')}` : '';
  const total = (await tx.client.query<{ n: number }>(`select count(*)::int as n from problems p ${w}`, args)).rows[0]?.n ?? 0;
  const { rows } = await tx.client.query<ProblemRow>(
    `${SELECT} ${w} order by (p.status = 'resolved'), p.due_on nulls last, p.created_at desc, p.id limit $${args.length + 1} offset $${args.length + 2}`,
    [...args, pageSize, (page - 1) * pageSize],
  );
  return { rows, total };
}

export interface ProblemCountsRow {
  open: number;
  in_progress: number;
  escalated: number;
  overdue: number;
  unresolved: number;
}

export async function problemCounts(tx: Tx, today: string): Promise<ProblemCountsRow> {
  const r = (
    await tx.client.query<ProblemCountsRow>(
      `select count(*) filter (where status = 'open')::int as open, count(*) filter (where status = 'in_progress')::int as in_progress,
              count(*) filter (where status = 'escalated')::int as escalated, count(*) filter (where status <> 'resolved' and due_on < $1)::int as overdue,
              count(*) filter (where status <> 'resolved')::int as unresolved
       from problems`,
      [today],
    )
  ).rows[0];
  return r ?? { open: 0, in_progress: 0, escalated: 0, overdue: 0, unresolved: 0 };
}

export async function listChildProblems(tx: Tx, childId: string): Promise<ProblemRow[]> {
  return (
    await tx.client.query<ProblemRow>(`${SELECT} where p.child_id = $1 order by (p.status = 'resolved'), p.due_on nulls last, p.created_at desc limit 500`, [
      childId,
    ])
  ).rows;
}

export async function findProblem(tx: Tx, id: string, lock = false): Promise<ProblemRow | undefined> {
  return (await tx.client.query<ProblemRow>(`${SELECT} where p.id = $1 ${lock ? 'for update of p' : ''}`, [id])).rows[0];
}

export async function problemEvents(tx: Tx, id: string): Promise<EventRow[]> {
  return (
    await tx.client.query<EventRow>(
      `select e.id, e.at, e.user_id, e.username, u.display_name, e.kind, e.from_status, e.to_status, e.note
     from problem_events e left join users u on u.id = e.user_id where e.problem_id = $1 order by e.at, e.id`,
      [id],
    )
  ).rows;
}

/**
 * Inserts a problem. street_code / committee_id are filled by the copy_area_from_child() trigger,
 * which raises 42501 when the child is not visible to the caller.
 */
export async function insertProblem(
  tx: Tx,
  v: {
    childId: string;
    description: string;
    category: string;
    severity: string;
    responsibleUnit: string | null;
    dueOn: string;
    visitId: string | null;
    createdBy: string | null;
  },
): Promise<string> {
  const r = await tx.client.query<{ id: string }>(
    `insert into problems (child_id, description, category, severity, responsible_unit, due_on, visit_id, created_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8) returning id`,
    [v.childId, v.description, v.category, v.severity, v.responsibleUnit, v.dueOn, v.visitId, v.createdBy],
  );
  return returnedId(r.rows);
}

export async function insertCreatedEvent(tx: Tx, problemId: string, childId: string, userId: string | null, username: string | null): Promise<void> {
  await tx.client.query(
    `insert into problem_events (problem_id, child_id, user_id, username, kind, to_status, note)
     values ($1, $2, $3, $4, 'created', 'open', null)`,
    [problemId, childId, userId, username],
  );
}

export async function insertEvent(
  tx: Tx,
  e: {
    problemId: string;
    childId: string;
    userId: string | null;
    username: string | null;
    kind: ProblemEvent['kind'];
    from: string | null;
    to: string | null;
    note: string | null;
  },
): Promise<void> {
  await tx.client.query(
    `insert into problem_events (problem_id, child_id, user_id, username, kind, from_status, to_status, note) values ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [e.problemId, e.childId, e.userId, e.username, e.kind, e.from, e.to, e.note],
  );
}

export async function updateProblemStatus(
  tx: Tx,
  id: string,
  v: { status: string; resolution: string | null; resolvedOn: string | null; dueOn: string | null },
): Promise<void> {
  await tx.client.query(
    `update problems set status = $2, resolution = $3, resolved_on = $4, due_on = $5, updated_at = now(), version = version + 1 where id = $1`,
    [id, v.status, v.resolution, v.resolvedOn, v.dueOn],
  );
}

export async function markEscalated(tx: Tx, id: string, unitCode: string): Promise<void> {
  await tx.client.query(`update problems set status = 'escalated', escalated_to = $2, updated_at = now(), version = version + 1 where id = $1`, [id, unitCode]);
}
