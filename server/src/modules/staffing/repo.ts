/**
 * The SQL of the staffing module: the rules (data), the committees' counts of active children in
 * difficulty and of current child directors, the station rosters, and the 督办 indicator SQL.
 *
 * The counts run in the caller's transaction under row-level security: children and staff rows
 * reach only the caller's area (a street its own committees, the district all), so a street
 * supervisor never learns another street's figures. Station rosters and rules are records of units
 * (no RLS): the commands decide who writes which street's roster.
 */
import type { Tx } from '../../core/context.js';

// ---- rules ----

export interface RuleRow {
  code: string;
  name: string;
  children_over: number;
  min_directors: number;
  active: boolean;
  note: string | null;
  updated_at: Date;
}

export async function rules(tx: Tx): Promise<RuleRow[]> {
  const { rows } = await tx.client.query<RuleRow>(
    `select code, name, children_over, min_directors, active, note, updated_at from staffing_rules order by children_over, code`,
  );
  return rows;
}

export async function rule(tx: Tx, code: string): Promise<RuleRow | null> {
  const { rows } = await tx.client.query<RuleRow>(
    `select code, name, children_over, min_directors, active, note, updated_at from staffing_rules where code = $1 for update`,
    [code],
  );
  return rows[0] ?? null;
}

export async function updateRule(
  tx: Tx,
  code: string,
  w: { name: string; childrenOver: number; minDirectors: number; active: boolean; note: string | null },
  userId: string,
): Promise<void> {
  await tx.client.query(
    `update staffing_rules set name = $2, children_over = $3, min_directors = $4, active = $5, note = $6, updated_by = $7,
            updated_at = greatest(clock_timestamp(), updated_at + interval '1 millisecond')
      where code = $1`,
    [code, w.name, w.childrenOver, w.minDirectors, w.active, w.note, userId],
  );
}

// ---- committees' staffing (under the caller's RLS) ----

export interface CommitteeCountRow {
  committee_id: string;
  committee_name: string;
  street_code: string;
  street_name: string;
  children: number;
  directors: number;
}

/**
 * Every active committee of the caller's streets with its active children (as the caller sees
 * them) and its current child directors. A committee outside the caller's area has no visible
 * children, so it is left out by the street filter ($1: the caller's streets).
 */
export async function committeeCounts(tx: Tx, streets: string[], today: string): Promise<CommitteeCountRow[]> {
  const { rows } = await tx.client.query<CommitteeCountRow>(
    `select cm.id as committee_id, cm.name as committee_name, cm.street_code, st.name as street_name,
            (select count(*) from children c where c.committee_id = cm.id and c.status = 'active')::int as children,
            (select count(distinct s.id) from staff_committees sc join staff s on s.id = sc.staff_id
              where sc.committee_id = cm.id and sc.until is null and sc.since <= $2::date
                and s.role_kind = 'child_director' and s.left_on is null)::int as directors
       from committees cm join streets st on st.code = cm.street_code
      where cm.active and cm.street_code = any ($1::text[])
      order by st.sort, st.code, cm.name`,
    [streets, today],
  );
  return rows;
}

export interface DirectorRow {
  staff_id: string;
  name: string;
  post: string | null;
  since: string;
  other_committees: number;
}

export async function committee(tx: Tx, id: string): Promise<{ id: string; name: string; street_code: string; street_name: string } | null> {
  const { rows } = await tx.client.query<{ id: string; name: string; street_code: string; street_name: string }>(
    `select cm.id, cm.name, cm.street_code, st.name as street_name from committees cm join streets st on st.code = cm.street_code where cm.id = $1`,
    [id],
  );
  return rows[0] ?? null;
}

export async function committeeChildren(tx: Tx, id: string): Promise<number> {
  const { rows } = await tx.client.query<{ n: number }>(`select count(*)::int as n from children where committee_id = $1 and status = 'active'`, [id]);
  return rows[0]?.n ?? 0;
}

export async function committeeDirectors(tx: Tx, id: string): Promise<DirectorRow[]> {
  const { rows } = await tx.client.query<DirectorRow>(
    `select s.id as staff_id, s.name, s.post, to_char(sc.since, 'YYYY-MM-DD') as since,
            (select count(*) from staff_committees o where o.staff_id = s.id and o.until is null and o.committee_id <> $1)::int as other_committees
       from staff_committees sc join staff s on s.id = sc.staff_id
      where sc.committee_id = $1 and sc.until is null and s.role_kind = 'child_director' and s.left_on is null
      order by s.name`,
    [id],
  );
  return rows;
}

// ---- streets, units ----

export async function streets(tx: Tx): Promise<{ code: string; name: string }[]> {
  const { rows } = await tx.client.query<{ code: string; name: string }>(`select code, name from streets order by sort, code`);
  return rows;
}

export async function activeUnits(tx: Tx): Promise<{ code: string; name: string }[]> {
  const { rows } = await tx.client.query<{ code: string; name: string }>(`select code, name from units where active order by sort, code`);
  return rows;
}

export async function unitExists(tx: Tx, code: string): Promise<boolean> {
  const { rowCount } = await tx.client.query(`select 1 from units where code = $1 and active`, [code]);
  return (rowCount ?? 0) > 0;
}

// ---- station rosters ----

export interface MemberRow {
  id: string;
  street_code: string;
  role: string;
  person_name: string;
  unit_code: string | null;
  unit_name: string | null;
  title: string | null;
  phone: string | null;
  since: string;
  until: string | null;
  note: string | null;
  version: number;
}

const MEMBER_COLS = `m.id, m.street_code, m.role, m.person_name, m.unit_code, u.name as unit_name, m.title, m.phone,
  to_char(m.since, 'YYYY-MM-DD') as since, to_char(m.until, 'YYYY-MM-DD') as until, m.note, m.version`;

/** The members of every station: current ones on the day, or all (history). */
export async function members(tx: Tx, today: string, history: boolean): Promise<MemberRow[]> {
  const { rows } = await tx.client.query<MemberRow>(
    `select ${MEMBER_COLS} from station_members m left join units u on u.code = m.unit_code
      where $2 or (m.since <= $1::date and (m.until is null or m.until > $1::date))
      order by m.street_code, array_position(array['head', 'prosecutor_deputy', 'legal_deputy', 'social_worker', 'member'], m.role), m.since, m.person_name`,
    [today, history],
  );
  return rows;
}

export async function member(tx: Tx, id: string, lock = false): Promise<MemberRow | null> {
  const { rows } = await tx.client.query<MemberRow>(
    `select ${MEMBER_COLS} from station_members m left join units u on u.code = m.unit_code where m.id = $1 ${lock ? 'for update of m' : ''}`,
    [id],
  );
  return rows[0] ?? null;
}

export interface MemberWrite {
  role: string;
  personName: string;
  unitCode: string | null;
  title: string | null;
  phone: string | null;
  since: string;
  note: string | null;
}

export async function insertMember(tx: Tx, street: string, w: MemberWrite, userId: string): Promise<string> {
  const { rows } = await tx.client.query<{ id: string }>(
    `insert into station_members (street_code, role, person_name, unit_code, title, phone, since, note, created_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id`,
    [street, w.role, w.personName, w.unitCode, w.title, w.phone, w.since, w.note, userId],
  );
  const id = rows[0]?.id;
  if (id === undefined) throw new Error('insert returned no row');
  return id;
}

export async function updateMember(tx: Tx, id: string, version: number, w: MemberWrite): Promise<boolean> {
  const { rowCount } = await tx.client.query(
    `update station_members set role = $3, person_name = $4, unit_code = $5, title = $6, phone = $7, since = $8, note = $9,
            updated_at = now(), version = version + 1
      where id = $1 and version = $2`,
    [id, version, w.role, w.personName, w.unitCode, w.title, w.phone, w.since, w.note],
  );
  return (rowCount ?? 0) > 0;
}

export async function endMember(tx: Tx, id: string, version: number, until: string): Promise<boolean> {
  const { rowCount } = await tx.client.query(
    `update station_members set until = $3, updated_at = now(), version = version + 1 where id = $1 and version = $2`,
    [id, version, until],
  );
  return (rowCount ?? 0) > 0;
}

// ---- 督办 indicators (registered in indicators.ts): their SQL, with the module's other SQL ----

/**
 * Each active committee of the counted streets on the as-of day ($1): its children in the file that
 * day (registered by then, still active or closed after it) and its child directors serving that
 * day; then the rules (current data) applied as common/src/staffing.ts does.
 */
const COMMITTEE_STAFFING = `with cs as (
    select cm.id, cm.street_code,
           (select count(*) from children c where c.committee_id = cm.id and c.registered_on <= $1::date
              and (c.status = 'active' or c.closed_on > $1::date)) as children,
           (select count(distinct s.id) from staff_committees sc join staff s on s.id = sc.staff_id
             where sc.committee_id = cm.id and sc.since <= $1::date and (sc.until is null or sc.until > $1::date)
               and s.role_kind = 'child_director' and (s.left_on is null or s.left_on > $1::date)) as directors
      from committees cm where cm.active and cm.street_code = any ($2::text[])),
  judged as (
    select cs.street_code,
           exists (select 1 from staffing_rules r where r.active and cs.children > r.children_over) as applies,
           exists (select 1 from staffing_rules r where r.active and cs.children > r.children_over and cs.directors < r.min_directors) as breaks
      from cs)`;

/** Committees breaking an active rule on the day (a count; lower is better). */
export const indicatorSqlViolations = `${COMMITTEE_STAFFING}
  select street_code, count(*) filter (where breaks) as num, null::numeric as den, null::numeric as val
    from judged group by grouping sets ((street_code), ())`;

/** Of the committees some rule applies to (they have children in difficulty), the share meeting every rule. */
export const indicatorSqlMeeting = `${COMMITTEE_STAFFING}
  select street_code, count(*) filter (where applies and not breaks) as num, count(*) filter (where applies) as den, null::numeric as val
    from judged group by grouping sets ((street_code), ())`;

/** Streets whose station has a prosecutor deputy head serving on the day (of the counted streets). */
export const indicatorSqlProsecutorDeputy = `select s.code as street_code,
         count(*) filter (where exists (select 1 from station_members m where m.street_code = s.code and m.role = 'prosecutor_deputy'
                                          and m.since <= $1::date and (m.until is null or m.until > $1::date))) as num,
         null::numeric as den, null::numeric as val
    from streets s where s.code = any ($2::text[])
   group by grouping sets ((s.code), ())`;
