/** SQL of mandatory reports (强制报告). */
import type { MandatoryReport } from '#common/casework.js';
import type { Tx } from '../../../core/context.js';

export interface MandatoryReportRow {
  id: string;
  child_id: string;
  child_name: string;
  street_name: string;
  committee_name: string;
  problem_id: string;
  description: string;
  status: MandatoryReport['status'];
  reported_at: Date | null;
  recipients: MandatoryReport['recipients'] | null;
  method: MandatoryReport['method'];
  note: string | null;
  not_reported_reason: string | null;
  recorded_by_name: string | null;
  recorded_at: Date | null;
  created_at: Date;
  version: number;
}
const SELECT = `select r.id, r.child_id, c.name as child_name, s.name as street_name, m.name as committee_name, r.problem_id, p.description,
  r.status, r.reported_at, r.recipients, r.method, r.note, r.not_reported_reason, coalesce(u.display_name, u.username) as recorded_by_name,
  r.recorded_at, r.created_at, r.version
  from mandatory_reports r join children c on c.id = r.child_id join problems p on p.id = r.problem_id
  join streets s on s.code = r.street_code join committees m on m.id = r.committee_id left join users u on u.id = r.recorded_by`;

/** Opens the duty for a problem (street and committee come from the child, trigger copy_area_from_child); null if it exists already. */
export async function insertMandatoryReport(tx: Tx, childId: string, problemId: string): Promise<string | null> {
  const r = await tx.client.query<{ id: string }>(
    'insert into mandatory_reports (child_id, problem_id) values ($1, $2) on conflict (problem_id) do nothing returning id',
    [childId, problemId],
  );
  return r.rows[0]?.id ?? null;
}

export async function listMandatoryReports(tx: Tx, f: { pendingOnly: boolean; childId?: string; problemId?: string }): Promise<MandatoryReportRow[]> {
  const conds: string[] = [];
  const args: unknown[] = [];
  if (f.pendingOnly) conds.push(`r.status = 'pending'`);
  if (f.childId) {
    args.push(f.childId);
    conds.push(`r.child_id = $${args.length}`);
  }
  if (f.problemId) {
    args.push(f.problemId);
    conds.push(`r.problem_id = $${args.length}`);
  }
  const { rows } = await tx.client.query<MandatoryReportRow>(
    `${SELECT} ${conds.length ? `where ${conds.join(' and ')}` : ''} order by (r.status = 'pending') desc, r.created_at desc limit 500`,
    args,
  );
  return rows;
}

export async function findMandatoryReport(tx: Tx, id: string): Promise<MandatoryReportRow | undefined> {
  return (await tx.client.query<MandatoryReportRow>(`${SELECT} where r.id = $1`, [id])).rows[0];
}

export async function lockMandatoryReport(tx: Tx, id: string): Promise<{ id: string; status: string; version: number; child_id: string } | undefined> {
  return (
    await tx.client.query<{ id: string; status: string; version: number; child_id: string }>(
      'select id, status, version, child_id from mandatory_reports where id = $1 for update',
      [id],
    )
  ).rows[0];
}

export async function recordReported(
  tx: Tx,
  id: string,
  v: { at: Date; recipients: string[]; method: string; note: string | null; userId: string | null },
): Promise<void> {
  await tx.client.query(
    `update mandatory_reports set status = 'reported', reported_at = $2, recipients = $3, method = $4, note = $5, not_reported_reason = null,
           recorded_by = $6, recorded_at = now(), version = version + 1 where id = $1`,
    [id, v.at, v.recipients, v.method, v.note, v.userId],
  );
}

export async function recordNotReported(tx: Tx, id: string, reason: string, userId: string | null): Promise<void> {
  await tx.client.query(
    `update mandatory_reports set status = 'not_reported', not_reported_reason = $2, reported_at = null, recipients = null, method = null, note = null,
           recorded_by = $3, recorded_at = now(), version = version + 1 where id = $1`,
    [id, reason, userId],
  );
}
