/**
 * The three work lists (可享未享 / 待补充信息 / 可能不再符合) with their filters, paged by row or
 * by child, the rows of the export, and the export's stored file.
 */
import type { EntitlementStatus, WorklistFilters } from '#common/eligibility.js';
import { db, firstRow, type Client } from './rows.js';

/** FROM and WHERE of a work list with its filters; args are positional ($1…). */
export interface WorklistSql {
  from: string;
  where: string;
  args: unknown[];
}

/**
 * The list's SQL. `userId`: the caller (for 分配给我的); `hidden`: policies whose results the
 * caller may not see.
 */
export function worklistSql(f: WorklistFilters, today: string, userId: string | null, hidden: ReadonlySet<string>): WorklistSql {
  const args: unknown[] = [];
  const arg = (v: unknown) => {
    args.push(v);
    return `$${args.length}`;
  };
  let where: string;
  if (f.kind === 'eligible-not-receiving') {
    where = `r.verdict = 'eligible' and not exists (select 1 from entitlements g where g.child_id = r.child_id and g.policy_id = r.policy_id and g.status = 'granted')`;
  } else if (f.kind === 'undetermined') {
    // only results with something to fill in or to check by hand (toFillIn): facts held by a health
    // or court authority are never on a caseworker's list
    where = `r.verdict = 'undetermined' and jsonb_array_length(r.missing) > 0`;
  } else {
    where = `r.verdict = 'not_eligible' and exists (select 1 from entitlements g where g.child_id = r.child_id and g.policy_id = r.policy_id and g.status = 'granted')`;
  }
  where += ` and c.status = 'active'`;
  if (f.policy) where += ` and r.policy_id = ${arg(f.policy)}`;
  // r.street_code / r.committee_id: the indexed area keys of the results (eligibility_results_area).
  if (f.street) where += ` and r.street_code = ${arg(f.street)}`;
  if (f.committee) where += ` and r.committee_id = ${arg(f.committee)}::uuid`;
  // Full years today: born on or before today minus ageMin years, and after today minus (ageMax + 1) years.
  if (f.ageMin !== undefined) where += ` and c.birth_date <= (${arg(today)}::date - make_interval(years => ${arg(f.ageMin)}::int))::date`;
  if (f.ageMax !== undefined) where += ` and c.birth_date > (${arg(today)}::date - make_interval(years => ${arg(f.ageMax + 1)}::int))::date`;
  if (f.assigned === 'me') where += ` and a.user_id = ${arg(userId)}::uuid`;
  if (f.assigned === 'none') where += ' and a.user_id is null';
  if (hidden.size) where += ` and r.policy_id <> all (${arg([...hidden])}::text[])`;
  const from = `from eligibility_results r join children c on c.id = r.child_id join streets s on s.code = r.street_code join committees m on m.id = r.committee_id
      left join entitlements e on e.child_id = r.child_id and e.policy_id = r.policy_id and e.status not in ('refused', 'ended')
      left join eligibility_assignments a on a.child_id = r.child_id and a.policy_id = r.policy_id
      left join users au on au.id = a.user_id`;
  return { from, where, args };
}

export interface WorklistRow {
  child_id: string;
  child_name: string;
  age: number;
  committee_name: string;
  street_name: string;
  policy_id: string;
  as_of: string;
  amount_fen: string | null;
  missing: string[];
  entitlement_id: string | null;
  entitlement_status: EntitlementStatus | null;
  assignee_id: string | null;
  assignee: string | null;
}
const columns = (
  k: number,
) => `r.child_id, c.name as child_name, date_part('year', age(${`$${k}`}::date, c.birth_date))::int as age, m.name as committee_name, s.name as street_name,
  r.policy_id, to_char(eligibility_result_as_of(r.street_code, r.policy_id, r.as_of, r.computed_at, c.status = 'active'), 'YYYY-MM-DD') as as_of, r.amount_fen, r.missing, e.id as entitlement_id, e.status as entitlement_status,
  a.user_id as assignee_id, au.display_name as assignee`;

export async function countRows(c: Client, q: WorklistSql): Promise<number> {
  return firstRow((await db(c).query<{ n: number }>(`select count(*)::int as n ${q.from} where ${q.where}`, q.args)).rows, 'count').n;
}

/**
 * One page of rows (child × policy). `stake` (待补充信息): ranks by what is at stake (policies
 * and their ranks), then by how little is missing.
 */
export async function pageOfRows(
  c: Client,
  q: WorklistSql,
  today: string,
  page: number,
  pageSize: number,
  stake: { policies: string[]; ranks: number[] } | null,
): Promise<WorklistRow[]> {
  const k = q.args.length;
  let order = 'm.name, c.name, r.child_id, r.policy_id';
  const extra: unknown[] = [];
  if (stake) {
    extra.push(stake.policies, stake.ranks);
    order = `($${k + 5}::bigint[])[array_position($${k + 4}::text[], r.policy_id)] nulls last, jsonb_array_length(r.missing), ${order}`;
  }
  return (
    await db(c).query<WorklistRow>(`select ${columns(k + 1)} ${q.from} where ${q.where} order by ${order} limit $${k + 2} offset $${k + 3}`, [
      ...q.args,
      today,
      pageSize,
      (page - 1) * pageSize,
      ...extra,
    ])
  ).rows;
}

export async function countChildren(c: Client, q: WorklistSql): Promise<number> {
  return firstRow((await db(c).query<{ n: number }>(`select count(distinct r.child_id)::int as n ${q.from} where ${q.where}`, q.args)).rows, 'count').n;
}

/** One page of the children on the list, by committee and name. */
export async function pageOfChildIds(c: Client, q: WorklistSql, page: number, pageSize: number): Promise<string[]> {
  const k = q.args.length;
  return (
    await db(c).query<{ child_id: string }>(
      `select r.child_id from (select distinct r.child_id, m.name as committee_name, c.name as child_name ${q.from} where ${q.where}) r
     order by r.committee_name, r.child_name, r.child_id limit $${k + 1} offset $${k + 2}`,
      [...q.args, pageSize, (page - 1) * pageSize],
    )
  ).rows.map((r) => r.child_id);
}

/** The rows of these children on the list. */
export async function rowsOfChildren(c: Client, q: WorklistSql, today: string, childIds: readonly string[]): Promise<WorklistRow[]> {
  const k = q.args.length;
  return (
    await db(c).query<WorklistRow>(`select ${columns(k + 1)} ${q.from} where ${q.where} and r.child_id = any ($${k + 2}::uuid[]) order by r.policy_id`, [
      ...q.args,
      today,
      childIds,
    ])
  ).rows;
}

/** Every row of the list with the child's encrypted identity number (the export). */
export async function exportRows(c: Client, q: WorklistSql, today: string): Promise<(WorklistRow & { id_number_enc: string | null })[]> {
  const k = q.args.length;
  return (
    await db(c).query<WorklistRow & { id_number_enc: string | null }>(
      `select ${columns(k + 1)}, c.id_number_enc ${q.from} where ${q.where} order by s.name, m.name, c.name, r.child_id, r.policy_id`,
      [...q.args, today],
    )
  ).rows;
}

export async function streetName(c: Client, code: string): Promise<string | undefined> {
  return (await db(c).query<{ name: string }>('select name from streets where code = $1', [code])).rows[0]?.name;
}

export async function committeeName(c: Client, id: string): Promise<string | undefined> {
  return (await db(c).query<{ name: string }>('select name from committees where id = $1', [id])).rows[0]?.name;
}

/** The export file, kept for its creator (exports, RLS); returns its id. */
export async function insertExport(c: Client, e: { userId: string; filename: string; rows: number; content: Buffer }): Promise<string> {
  return firstRow(
    (
      await db(c).query<{ id: string }>(
        `insert into exports (user_id, kind, filename, rows, masked, content) values ($1, 'eligibility', $2, $3, true, $4) returning id`,
        [e.userId, e.filename, e.rows, e.content],
      )
    ).rows,
    'export id',
  ).id;
}
