/**
 * SQL of growth mentors and peer buddies (全员导师制). The mentors table holds people, not children's
 * data, so it has no row-level security: the street filter is explicit here.
 */
import type { MentorKind } from '#common/casework.js';
import type { Tx } from '../../../core/context.js';
import { returnedId } from './rows.js';

export interface MentorRow {
  id: string;
  kind: MentorKind;
  name: string;
  organisation: string;
  phone_enc: string | null;
  street_code: string | null;
  street_name: string | null;
  active: boolean;
  child_count: number;
}
const SELECT = `select m.id, m.kind, m.name, m.organisation, m.phone_enc, m.street_code, s.name as street_name, m.active,
  (select count(*)::int from children c where (c.mentor_id = m.id or c.buddy_id = m.id) and c.status = 'active') as child_count
  from mentors m left join streets s on s.code = m.street_code`;

export interface MentorFilter {
  /** The caller's streets (district-wide mentors are included); undefined: every street. */
  streets?: string[] | null;
  kind?: string;
  q?: string;
  street?: string;
  includeInactive: boolean;
}

export async function listMentors(tx: Tx, f: MentorFilter, page: number, pageSize: number): Promise<{ rows: MentorRow[]; total: number }> {
  const args: unknown[] = [];
  const where: string[] = [];
  const add = (sql: string, v: unknown) => {
    args.push(v);
    where.push(sql.replaceAll('?', `$${args.length}`));
  };
  if (f.streets) add('(m.street_code is null or m.street_code = any(?::text[]))', f.streets);
  if (f.kind) add('m.kind = ?', f.kind);
  if (f.q) add('(m.name like ? or m.organisation like ?)', `%${f.q}%`);
  if (f.street) add('m.street_code = ?', f.street);
  if (!f.includeInactive) where.push('m.active');
  const w = where.length ? `where ${where.join(' and ')}` : '';
  const total = (await tx.client.query<{ n: number }>(`select count(*)::int as n from mentors m ${w}`, args)).rows[0]?.n ?? 0;
  const { rows } = await tx.client.query<MentorRow>(
    `${SELECT} ${w} order by m.kind, (m.street_code is null), m.street_code, m.organisation, m.name limit $${args.length + 1} offset $${args.length + 2}`,
    [...args, pageSize, (page - 1) * pageSize],
  );
  return { rows, total };
}

export async function findMentor(tx: Tx, id: string, lock = false): Promise<MentorRow | undefined> {
  return (await tx.client.query<MentorRow>(`${SELECT} where m.id = $1 ${lock ? 'for update of m' : ''}`, [id])).rows[0];
}

export async function insertMentor(
  tx: Tx,
  v: { kind: string; name: string; organisation: string; phoneEnc: string | null; street: string | null },
): Promise<string> {
  const { rows } = await tx.client.query<{ id: string }>(
    `insert into mentors (kind, name, organisation, phone_enc, street_code) values ($1, $2, $3, $4, $5) returning id`,
    [v.kind, v.name, v.organisation, v.phoneEnc, v.street],
  );
  return returnedId(rows);
}

export async function updateMentor(
  tx: Tx,
  id: string,
  v: { name: string | null; organisation: string | null; phoneEnc: string | null; street: string | null; active: boolean | null },
): Promise<void> {
  await tx.client.query(
    `update mentors set name = coalesce($2, name), organisation = coalesce($3, organisation), phone_enc = $4, street_code = $5, active = coalesce($6, active) where id = $1`,
    [id, v.name, v.organisation, v.phoneEnc, v.street, v.active],
  );
}

/** The child's mentor and buddy ids (undefined when the child is not visible). */
export async function childMentorIds(tx: Tx, childId: string): Promise<{ mentor_id: string | null; buddy_id: string | null } | undefined> {
  return (await tx.client.query<{ mentor_id: string | null; buddy_id: string | null }>('select mentor_id, buddy_id from children where id = $1', [childId]))
    .rows[0];
}

export type PairColumn = 'mentor_id' | 'buddy_id';

/** Locks the child and reads who holds the role now. */
export async function lockChildPair(
  tx: Tx,
  childId: string,
  col: PairColumn,
): Promise<{ id: string; street_code: string; current: string | null; current_name: string | null } | undefined> {
  return (
    await tx.client.query<{ id: string; street_code: string; current: string | null; current_name: string | null }>(
      `select c.id, c.street_code, c.${col} as current, m.name as current_name from children c left join mentors m on m.id = c.${col}
       where c.id = $1 for update of c`,
      [childId],
    )
  ).rows[0];
}

export async function setChildPair(tx: Tx, childId: string, col: PairColumn, personId: string | null): Promise<void> {
  await tx.client.query(`update children set ${col} = $2, version = version + 1, updated_at = now() where id = $1`, [childId, personId]);
}

export async function insertChildHistory(
  tx: Tx,
  v: { childId: string; userId: string; username: string; action: string; field: string; oldValue: string | null; newValue: string | null },
): Promise<void> {
  await tx.client.query(`insert into child_history (child_id, user_id, username, action, field, old_value, new_value) values ($1, $2, $3, $4, $5, $6, $7)`, [
    v.childId,
    v.userId,
    v.username,
    v.action,
    v.field,
    v.oldValue,
    v.newValue,
  ]);
}

export interface CoverageRowDb {
  street_code: string;
  street_name: string;
  children: number;
  with_mentor: number;
  with_buddy: number;
  with_both: number;
}

export async function coverage(tx: Tx, street?: string): Promise<CoverageRowDb[]> {
  const args: unknown[] = [];
  let filter = '';
  if (street) {
    args.push(street);
    filter = `and c.street_code = $1`;
  }
  const { rows } = await tx.client.query<CoverageRowDb>(
    `select c.street_code, s.name as street_name, count(*)::int as children,
              count(c.mentor_id)::int as with_mentor, count(c.buddy_id)::int as with_buddy,
              count(*) filter (where c.mentor_id is not null and c.buddy_id is not null)::int as with_both
       from children c join streets s on s.code = c.street_code
       where c.status = 'active' ${filter}
       group by c.street_code, s.name, s.sort order by s.sort, c.street_code`,
    args,
  );
  return rows;
}

export interface GapRow {
  id: string;
  name: string;
  sex: 'M' | 'F';
  birth_date: string;
  street_code: string;
  street_name: string;
  committee_name: string;
  risk_level: 'high' | 'medium' | 'low';
  mentor_id: string | null;
  buddy_id: string | null;
}

export async function gaps(
  tx: Tx,
  f: { kind: MentorKind; street?: string; committee?: string },
  page: number,
  pageSize: number,
): Promise<{ rows: GapRow[]; total: number }> {
  const args: unknown[] = [];
  const where = [`c.status = 'active'`, f.kind === 'mentor' ? 'c.mentor_id is null' : 'c.buddy_id is null'];
  if (f.street) {
    args.push(f.street);
    where.push(`c.street_code = $${args.length}`);
  }
  if (f.committee) {
    args.push(f.committee);
    where.push(`c.committee_id = $${args.length}`);
  }
  const w = `where ${where.join(' and ')}`;
  const total = (await tx.client.query<{ n: number }>(`select count(*)::int as n from children c ${w}`, args)).rows[0]?.n ?? 0;
  const { rows } = await tx.client.query<GapRow>(
    `select c.id, c.name, c.sex, c.birth_date, c.street_code, s.name as street_name, m.name as committee_name, c.risk_level, c.mentor_id, c.buddy_id
       from children c join streets s on s.code = c.street_code join committees m on m.id = c.committee_id ${w}
       order by case c.risk_level when 'high' then 0 when 'medium' then 1 else 2 end, s.sort, m.code, c.name
       limit $${args.length + 1} offset $${args.length + 2}`,
    [...args, pageSize, (page - 1) * pageSize],
  );
  return { rows, total };
}
