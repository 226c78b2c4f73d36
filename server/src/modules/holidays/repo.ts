/**
 * The SQL of the holidays module: the school holiday calendar, children's holiday plans, and what
 * it reads of bookings (the child's sessions overlapping a holiday) and of the child file. Every
 * request-path statement runs under the caller's row-level security; the start-up defaults run as
 * the owner (`pg.ClientBase`).
 */
import type pg from 'pg';
import type { Tx } from '../../core/context.js';

function first<T>(rows: T[]): T {
  const r = rows[0];
  if (r === undefined) throw new Error('expected a row');
  return r;
}

// ---- the calendar ----

export interface HolidayRow {
  year: number;
  season: 'winter' | 'summer';
  starts_on: string;
  ends_on: string;
  placeholder: boolean;
  note: string | null;
  updated_by_name: string | null;
  updated_at: Date;
  version: number;
}

const HOLIDAY_SELECT = `select h.year, h.season, h.starts_on::text, h.ends_on::text, h.placeholder, h.note, u.display_name as updated_by_name, h.updated_at, h.version
  from school_holidays h left join users u on u.id = h.updated_by`;

export async function holidays(c: Tx): Promise<HolidayRow[]> {
  const { rows } = await c.client.query<HolidayRow>(`${HOLIDAY_SELECT} order by h.starts_on`);
  return rows;
}

export async function holiday(c: Tx, year: number, season: string, lock = false): Promise<HolidayRow | null> {
  const { rows } = await c.client.query<HolidayRow>(
    lock
      ? `select h.year, h.season, h.starts_on::text, h.ends_on::text, h.placeholder, h.note, null::text as updated_by_name, h.updated_at, h.version
           from school_holidays h where h.year = $1 and h.season = $2 for update`
      : `${HOLIDAY_SELECT} where h.year = $1 and h.season = $2`,
    [year, season],
  );
  return rows[0] ?? null;
}

export async function insertHoliday(
  c: Tx,
  h: { year: number; season: string; startsOn: string; endsOn: string; note: string | null; userId: string },
): Promise<boolean> {
  const r = await c.client.query(
    `insert into school_holidays (year, season, starts_on, ends_on, placeholder, note, updated_by) values ($1, $2, $3, $4, false, $5, $6)
     on conflict (year, season) do nothing`,
    [h.year, h.season, h.startsOn, h.endsOn, h.note, h.userId],
  );
  return r.rowCount === 1;
}

/** Saves edited dates; clears the placeholder flag (someone entered the calendar). */
export async function updateHoliday(
  c: Tx,
  h: { year: number; season: string; startsOn: string; endsOn: string; note: string | null; userId: string; version: number },
): Promise<boolean> {
  const r = await c.client.query(
    `update school_holidays set starts_on = $3, ends_on = $4, note = $5, placeholder = false, updated_by = $6, updated_at = now(), version = version + 1
      where year = $1 and season = $2 and version = $7`,
    [h.year, h.season, h.startsOn, h.endsOn, h.note, h.userId, h.version],
  );
  return r.rowCount === 1;
}

/** Start-up defaults: example dates for the years missing (owner connection, idempotent). */
export async function insertExampleHoliday(
  client: pg.ClientBase,
  h: { year: number; season: string; startsOn: string; endsOn: string; note: string },
): Promise<boolean> {
  const r = await client.query(
    `insert into school_holidays (year, season, starts_on, ends_on, placeholder, note) values ($1, $2, $3, $4, true, $5)
     on conflict (year, season) do nothing`,
    [h.year, h.season, h.startsOn, h.endsOn, h.note],
  );
  return r.rowCount === 1;
}

// ---- the child and its plans ----

/** Whether the caller reaches the child (row-level security on children). */
export async function childVisible(tx: Tx, childId: string): Promise<boolean> {
  const { rows } = await tx.client.query<{ ok: boolean }>(`select exists (select 1 from children where id = $1) as ok`, [childId]);
  return first(rows).ok;
}

export interface PlanRow {
  id: string;
  child_id: string;
  year: number;
  season: 'winter' | 'summer';
  plan: string;
  updated_at: Date;
  updated_by_name: string | null;
  version: number;
}

export async function plansOf(tx: Tx, childId: string): Promise<PlanRow[]> {
  const { rows } = await tx.client.query<PlanRow>(
    `select p.id, p.child_id, p.year, p.season, p.plan, p.updated_at, u.display_name as updated_by_name, p.version
       from holiday_plans p left join users u on u.id = p.created_by
      where p.child_id = $1 order by p.year desc, p.season = 'summer' desc`,
    [childId],
  );
  return rows;
}

export async function plan(tx: Tx, childId: string, year: number, season: string): Promise<PlanRow | null> {
  const { rows } = await tx.client.query<PlanRow>(
    `select p.id, p.child_id, p.year, p.season, p.plan, p.updated_at, u.display_name as updated_by_name, p.version
       from holiday_plans p left join users u on u.id = p.created_by where p.child_id = $1 and p.year = $2 and p.season = $3`,
    [childId, year, season],
  );
  return rows[0] ?? null;
}

/** The first plan of a holiday; false when one exists already (written meanwhile). */
export async function insertPlan(tx: Tx, p: { childId: string; year: number; season: string; plan: string; userId: string }): Promise<string | null> {
  const { rows } = await tx.client.query<{ id: string }>(
    `insert into holiday_plans (child_id, street_code, committee_id, year, season, plan, created_by)
     select c.id, c.street_code, c.committee_id, $2, $3, $4, $5 from children c where c.id = $1
     on conflict (child_id, year, season) do nothing returning id`,
    [p.childId, p.year, p.season, p.plan, p.userId],
  );
  return rows[0]?.id ?? null;
}

/** Saves a plan at the version seen (created_by follows the last writer: who answers for it). */
export async function updatePlan(tx: Tx, id: string, version: number, text: string, userId: string): Promise<boolean> {
  const r = await tx.client.query(
    `update holiday_plans set plan = $3, created_by = $4, updated_at = now(), version = version + 1 where id = $1 and version = $2`,
    [id, version, text, userId],
  );
  return r.rowCount === 1;
}

export interface PlanBookingRow {
  id: string;
  programme_name: string;
  session_title: string;
  starts_on: string;
  ends_on: string;
  status: string;
}

/** The child's bookings (live or done) whose session dates overlap [from, to]. */
export async function bookingsBetween(tx: Tx, childId: string, from: string, to: string): Promise<PlanBookingRow[]> {
  const { rows } = await tx.client.query<PlanBookingRow>(
    `select b.id, p.name as programme_name, s.title as session_title, s.starts_on::text, s.ends_on::text, b.status
       from bookings b join programme_sessions s on s.id = b.session_id join programmes p on p.id = b.programme_id
      where b.child_id = $1 and b.status in ('reserved', 'confirmed', 'waitlisted', 'attended', 'absent')
        and s.starts_on <= $3::date and s.ends_on >= $2::date
      order by s.starts_on, p.name`,
    [childId, from, to],
  );
  return rows;
}

// ---- the work list ----

export interface MissingRow {
  id: string;
  name: string;
  birth_date: string;
  street_name: string | null;
  committee_name: string | null;
  total: string;
}

/** Active children in the caller's scope without a plan for the holiday (row-level security decides the scope). */
export async function childrenWithoutPlan(tx: Tx, year: number, season: string, limit: number, offset: number): Promise<{ rows: MissingRow[]; total: number }> {
  const { rows } = await tx.client.query<MissingRow>(
    `select c.id, c.name, c.birth_date::text, s.name as street_name, m.name as committee_name, count(*) over () as total
       from children c left join streets s on s.code = c.street_code left join committees m on m.id = c.committee_id
      where c.status = 'active' and not exists (select 1 from holiday_plans p where p.child_id = c.id and p.year = $1 and p.season = $2)
      order by s.sort nulls last, m.name, c.name_pinyin, c.id
      limit $3 offset $4`,
    [year, season, limit, offset],
  );
  return { rows, total: Number(rows[0]?.total ?? 0) };
}

// ---- 督办 indicators (registered in indicators.ts): their SQL, with the module's other SQL ----

const ACTIVE_ON = `c.street_code = any ($2::text[]) and c.registered_on <= $1::date and (c.status = 'active' or c.closed_on > $1::date)`;

export const indicatorSqlPlanCoverage = `with h as (select year, season from school_holidays where ends_on >= $1::date order by starts_on limit 1)
        select c.street_code,
               count(*) filter (where exists (select 1 from holiday_plans p where p.child_id = c.id and p.year = h.year and p.season = h.season
                                                and (p.created_at at time zone 'Asia/Shanghai')::date <= $1::date)) as num,
               count(*) as den, null::numeric as val
          from children c cross join h where ${ACTIVE_ON}
         group by grouping sets ((c.street_code), ())`;
