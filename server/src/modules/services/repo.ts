/**
 * The SQL of the services module: programmes, sessions, priority rules, bookings, and the booking
 * engine's security-definer functions (migration 20261206_1310: counting places, wait-list
 * positions, promotion, the sweep of lapsed reservations, cancelling a session's bookings).
 * Everything else runs under the caller's row-level security.
 */
import type pg from 'pg';
import type { Tx } from '../../core/context.js';

type Q = Pick<pg.ClientBase, 'query'>;

// ---- programmes ----

export interface ProgrammeRow {
  id: string;
  code: string;
  name: string;
  kind: string;
  owner_unit_code: string;
  owner_unit_name: string;
  provider_name: string | null;
  audience: string;
  target_group: string | null;
  min_age: number | null;
  max_age: number | null;
  cost: string | null;
  contact: string | null;
  description: string | null;
  plan_tasks: number[];
  mode: string;
  priority_booking: boolean;
  confirm_hours: number;
  active: boolean;
  version: number;
  open_sessions: number;
}

const PROGRAMME_COLS = `p.id, p.code, p.name, p.kind, p.owner_unit_code, coalesce(u.name, p.owner_unit_code) as owner_unit_name, p.provider_name, p.audience,
  p.target_group, p.min_age, p.max_age, p.cost, p.contact, p.description, p.plan_tasks, p.mode, p.priority_booking, p.confirm_hours, p.active, p.version,
  (select count(*)::int from programme_sessions s where s.programme_id = p.id and s.status = 'open' and s.starts_on >= $1::date) as open_sessions`;

export interface ProgrammeFilter {
  today: string;
  kind?: string;
  audience?: string;
  age?: number;
  ownerUnit?: string;
  hasOpen?: boolean;
  includeInactive: boolean;
  q?: string;
  mode?: string;
}

export async function listProgrammes(tx: Tx, f: ProgrammeFilter, limit: number, offset: number): Promise<{ rows: ProgrammeRow[]; total: number }> {
  const where = `($2::text is null or p.kind = $2) and ($3::text is null or p.audience = $3)
     and ($4::int is null or ((p.min_age is null or p.min_age <= $4) and (p.max_age is null or p.max_age >= $4)))
     and ($5::text is null or p.owner_unit_code = $5) and ($6 or p.active)
     and ($7::boolean is null or $7 = exists (select 1 from programme_sessions s where s.programme_id = p.id and s.status = 'open' and s.starts_on >= $1::date))
     and ($8::text is null or p.name ilike '%' || $8 || '%' or p.code ilike '%' || $8 || '%')
     and ($9::text is null or p.mode = $9)`;
  const args = [
    f.today,
    f.kind ?? null,
    f.audience ?? null,
    f.age ?? null,
    f.ownerUnit ?? null,
    f.includeInactive,
    f.hasOpen ?? null,
    f.q ?? null,
    f.mode ?? null,
  ];
  const { rows } = await tx.client.query<ProgrammeRow>(
    `select ${PROGRAMME_COLS} from programmes p left join units u on u.code = p.owner_unit_code where ${where}
      order by p.active desc, p.name, p.id limit $10 offset $11`,
    [...args, limit, offset],
  );
  const c = await tx.client.query<{ n: number }>(`select count(*)::int as n from programmes p where ${where}`, args);
  return { rows, total: c.rows[0]?.n ?? 0 };
}

export async function programme(tx: Tx, id: string, today: string, lock = false): Promise<ProgrammeRow | null> {
  const { rows } = await tx.client.query<ProgrammeRow>(
    `select ${PROGRAMME_COLS} from programmes p left join units u on u.code = p.owner_unit_code where p.id = $2 ${lock ? 'for update of p' : ''}`,
    [today, id],
  );
  return rows[0] ?? null;
}

export async function programmeByCode(tx: Tx, code: string): Promise<{ id: string } | null> {
  const { rows } = await tx.client.query<{ id: string }>('select id from programmes where code = $1', [code]);
  return rows[0] ?? null;
}

export async function unitExists(tx: Tx, code: string): Promise<boolean> {
  return ((await tx.client.query('select 1 from units where code = $1', [code])).rowCount ?? 0) > 0;
}

export interface ProgrammeValues {
  name: string;
  kind: string;
  ownerUnitCode: string;
  providerName: string | null;
  audience: string;
  targetGroup: string | null;
  minAge: number | null;
  maxAge: number | null;
  cost: string | null;
  contact: string | null;
  description: string | null;
  planTasks: number[];
  mode: string;
  priorityBooking: boolean;
  confirmHours: number;
}

const PV = (v: ProgrammeValues) => [
  v.name,
  v.kind,
  v.ownerUnitCode,
  v.providerName,
  v.audience,
  v.targetGroup,
  v.minAge,
  v.maxAge,
  v.cost,
  v.contact,
  v.description,
  v.planTasks,
  v.mode,
  v.priorityBooking,
  v.confirmHours,
];

export async function insertProgramme(tx: Tx, code: string, v: ProgrammeValues, userId: string): Promise<string> {
  const { rows } = await tx.client.query<{ id: string }>(
    `insert into programmes (name, kind, owner_unit_code, provider_name, audience, target_group, min_age, max_age, cost, contact, description,
       plan_tasks, mode, priority_booking, confirm_hours, code, created_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) returning id`,
    [...PV(v), code, userId],
  );
  return rows[0]?.id ?? '';
}

export async function updateProgramme(tx: Tx, id: string, version: number, v: ProgrammeValues, active: boolean): Promise<boolean> {
  const r = await tx.client.query(
    `update programmes set name = $1, kind = $2, owner_unit_code = $3, provider_name = $4, audience = $5, target_group = $6, min_age = $7, max_age = $8,
       cost = $9, contact = $10, description = $11, plan_tasks = $12, mode = $13, priority_booking = $14, confirm_hours = $15, active = $16,
       updated_at = now(), version = version + 1
     where id = $17 and version = $18`,
    [...PV(v), active, id, version],
  );
  return r.rowCount === 1;
}

// ---- sessions ----

export interface SessionRow {
  id: string;
  programme_id: string;
  title: string;
  starts_on: string;
  ends_on: string;
  place: string | null;
  capacity: number;
  priority_until: Date | null;
  status: string;
  cancel_reason: string | null;
  note: string | null;
  version: number;
  taken: number;
  waiting: number;
}

const SESSION_COLS = `s.id, s.programme_id, s.title, s.starts_on::text, s.ends_on::text, s.place, s.capacity, s.priority_until, s.status, s.cancel_reason, s.note, s.version,
  booking_places_taken(s.id) as taken, booking_waiting(s.id) as waiting`;

export async function sessionsOf(tx: Tx, programmeIds: string[], openFrom: string | null): Promise<SessionRow[]> {
  const { rows } = await tx.client.query<SessionRow>(
    `select ${SESSION_COLS} from programme_sessions s where s.programme_id = any ($1::uuid[])
       and ($2::date is null or (s.status = 'open' and s.starts_on >= $2::date))
     order by s.starts_on, s.title, s.id`,
    [programmeIds, openFrom],
  );
  return rows;
}

export async function session(tx: Tx, id: string): Promise<SessionRow | null> {
  const { rows } = await tx.client.query<SessionRow>(`select ${SESSION_COLS} from programme_sessions s where s.id = $1`, [id]);
  return rows[0] ?? null;
}

/** Takes the session's row lock: every booking, cancellation and promotion of a session queues here. */
export async function lockSession(tx: Tx, id: string): Promise<void> {
  await tx.client.query('select 1 from programme_sessions where id = $1 for update', [id]);
}

export interface SessionValues {
  title: string;
  startsOn: string;
  endsOn: string;
  place: string | null;
  capacity: number;
  priorityUntil: string | null;
  note: string | null;
}

export async function insertSession(tx: Tx, programmeId: string, v: SessionValues, userId: string): Promise<string> {
  const { rows } = await tx.client.query<{ id: string }>(
    `insert into programme_sessions (programme_id, title, starts_on, ends_on, place, capacity, priority_until, note, created_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id`,
    [programmeId, v.title, v.startsOn, v.endsOn, v.place, v.capacity, v.priorityUntil, v.note, userId],
  );
  return rows[0]?.id ?? '';
}

export async function updateSession(tx: Tx, id: string, version: number, v: SessionValues): Promise<boolean> {
  const r = await tx.client.query(
    `update programme_sessions set title = $1, starts_on = $2, ends_on = $3, place = $4, capacity = $5, priority_until = $6, note = $7,
       updated_at = now(), version = version + 1 where id = $8 and version = $9`,
    [v.title, v.startsOn, v.endsOn, v.place, v.capacity, v.priorityUntil, v.note, id, version],
  );
  return r.rowCount === 1;
}

export async function cancelSession(tx: Tx, id: string, version: number, reason: string): Promise<boolean> {
  const r = await tx.client.query(
    `update programme_sessions set status = 'cancelled', cancel_reason = $1, updated_at = now(), version = version + 1
      where id = $2 and version = $3 and status <> 'cancelled'`,
    [reason, id, version],
  );
  return r.rowCount === 1;
}

// ---- the engine (security-definer functions) ----

export interface ChangedBooking {
  booking_id: string;
  requested_by: string | null;
  requested_by_unit: string | null;
  child_id: string | null;
  street_code: string | null;
  committee_id: string | null;
  display_label: string;
}

export async function promote(tx: Tx, sessionId: string, now: Date): Promise<ChangedBooking[]> {
  const { rows } = await tx.client.query<ChangedBooking>('select * from booking_promote($1, $2)', [sessionId, now]);
  return rows;
}

export async function sweep(tx: Tx, now: Date): Promise<(ChangedBooking & { event: 'expired' | 'promoted'; session_id: string })[]> {
  const { rows } = await tx.client.query<ChangedBooking & { event: 'expired' | 'promoted'; session_id: string }>('select * from booking_sweep($1)', [now]);
  return rows;
}

export async function cancelSessionBookings(tx: Tx, sessionId: string, reason: string, now: Date): Promise<ChangedBooking[]> {
  const { rows } = await tx.client.query<ChangedBooking>('select * from booking_cancel_session($1, $2, $3)', [sessionId, reason, now]);
  return rows;
}

export async function placesTaken(tx: Tx, sessionId: string): Promise<number> {
  const { rows } = await tx.client.query<{ n: number }>('select booking_places_taken($1) as n', [sessionId]);
  return rows[0]?.n ?? 0;
}

export async function allowedNow(tx: Tx, sessionId: string, priorityCode: string, now: Date): Promise<boolean> {
  const { rows } = await tx.client.query<{ ok: boolean }>('select booking_allowed_now($1, $2, $3) as ok', [sessionId, priorityCode, now]);
  return rows[0]?.ok ?? false;
}

// ---- priority rules ----

export interface RuleRow {
  code: string;
  rank: number;
  name: string;
  name_en: string;
  categories: string[];
  during_window: boolean;
  active: boolean;
  note: string | null;
  updated_at: Date;
}

export async function rules(q: Q): Promise<RuleRow[]> {
  const { rows } = await q.query<RuleRow>(
    'select code, rank, name, name_en, categories, during_window, active, note, updated_at from booking_priority_rules order by rank',
  );
  return rows;
}

export async function updateRule(
  tx: Tx,
  code: string,
  v: { name: string; nameEn: string; categories: string[]; duringWindow: boolean; active: boolean; note: string | null },
  userId: string,
): Promise<boolean> {
  const r = await tx.client.query(
    `update booking_priority_rules set name = $2, name_en = $3, categories = $4, during_window = $5, active = $6, note = $7, updated_by = $8, updated_at = now()
      where code = $1`,
    [code, v.name, v.nameEn, v.categories, v.duringWindow, v.active, v.note, userId],
  );
  return r.rowCount === 1;
}

/** The default tiers, inserted when missing (an administrator's edits are kept). */
export async function insertRuleIfMissing(
  q: Q,
  r: { code: string; rank: number; name: string; nameEn: string; categories: readonly string[]; duringWindow: boolean; note: string },
): Promise<boolean> {
  const res = await q.query(
    `insert into booking_priority_rules (code, rank, name, name_en, categories, during_window, note) values ($1, $2, $3, $4, $5, $6, $7)
     on conflict do nothing`,
    [r.code, r.rank, r.name, r.nameEn, r.categories, r.duringWindow, r.note],
  );
  return res.rowCount === 1;
}

// ---- the child ----

export interface ChildFacts {
  id: string;
  name: string;
  birth_date: string;
  status: string;
  categories: string[];
}

/** The child as the caller sees it (null when out of reach), with its categories active on `day`. */
export async function child(tx: Tx, id: string, day: string): Promise<ChildFacts | null> {
  const { rows } = await tx.client.query<ChildFacts>(
    `select c.id, c.name, c.birth_date::text, c.status,
            coalesce((select array_agg(distinct k.category) from child_categories k
                       where k.child_id = c.id and k.since <= $2::date and (k.until is null or k.until >= $2::date)), '{}') as categories
       from children c where c.id = $1`,
    [id, day],
  );
  return rows[0] ?? null;
}

export async function guardians(tx: Tx, childId: string): Promise<{ id: string; name: string; relation: string }[]> {
  const { rows } = await tx.client.query<{ id: string; name: string; relation: string }>(
    `select id, name, relation from household_members where child_id = $1 and role in ('guardian', 'caregiver') order by (role = 'guardian') desc, created_at, id`,
    [childId],
  );
  return rows;
}

// ---- bookings ----

export interface BookingRow {
  id: string;
  session_id: string;
  programme_id: string;
  programme_name: string;
  owner_unit_code: string;
  session_title: string;
  starts_on: string;
  ends_on: string;
  place: string | null;
  participant_kind: string;
  child_id: string | null;
  display_label: string;
  priority_code: string;
  priority_rank: number;
  priority_name: string | null;
  status: string;
  position: number | null;
  requested_at: Date;
  expires_at: Date | null;
  confirmed_at: Date | null;
  promoted_at: Date | null;
  cancel_reason: string | null;
  attendance_note: string | null;
  requested_by: string | null;
  requested_by_unit: string | null;
  street_code: string | null;
  committee_id: string | null;
  version: number;
}

const BOOKING_COLS = `b.id, b.session_id, b.programme_id, p.name as programme_name, p.owner_unit_code, s.title as session_title, s.starts_on::text, s.ends_on::text, s.place,
  b.participant_kind, b.child_id, b.display_label, b.priority_code, b.priority_rank, r.name as priority_name, b.status,
  booking_wait_position(b.id) as position, b.requested_at, b.expires_at, b.confirmed_at, b.promoted_at, b.cancel_reason, b.attendance_note,
  b.requested_by, b.requested_by_unit, b.street_code, b.committee_id, b.version`;
const BOOKING_FROM = `bookings b join programme_sessions s on s.id = b.session_id join programmes p on p.id = b.programme_id
  left join booking_priority_rules r on r.code = b.priority_code`;

export async function booking(tx: Tx, id: string, lock = false): Promise<BookingRow | null> {
  const { rows } = await tx.client.query<BookingRow>(`select ${BOOKING_COLS} from ${BOOKING_FROM} where b.id = $1 ${lock ? 'for update of b' : ''}`, [id]);
  return rows[0] ?? null;
}

export async function bookingsOfChild(tx: Tx, childId: string): Promise<BookingRow[]> {
  const { rows } = await tx.client.query<BookingRow>(
    `select ${BOOKING_COLS} from ${BOOKING_FROM} where b.child_id = $1
      order by (b.status in ('reserved', 'confirmed', 'waitlisted')) desc, s.starts_on desc, b.requested_at desc`,
    [childId],
  );
  return rows;
}

/** A session's roster: its live and past bookings (seen by the programme's owner unit through the bookings' policy). */
export async function bookingsOfSession(tx: Tx, sessionId: string): Promise<BookingRow[]> {
  const { rows } = await tx.client.query<BookingRow>(
    `select ${BOOKING_COLS} from ${BOOKING_FROM} where b.session_id = $1
      order by array_position(array['attended','confirmed','reserved','waitlisted','absent','expired','cancelled'], b.status), b.priority_rank, b.requested_at, b.id`,
    [sessionId],
  );
  return rows;
}

export async function liveBookingOf(tx: Tx, sessionId: string, childId: string, memberId: string | null): Promise<boolean> {
  const r = await tx.client.query(
    `select 1 from bookings where session_id = $1 and child_id = $2 and coalesce(member_id, child_id) = coalesce($3::uuid, child_id)
        and status in ('reserved', 'confirmed', 'waitlisted', 'attended')`,
    [sessionId, childId, memberId],
  );
  return (r.rowCount ?? 0) > 0;
}

export interface BookingInsert {
  sessionId: string;
  programmeId: string;
  participantKind: 'child' | 'guardian' | 'external';
  childId: string | null;
  memberId: string | null;
  externalName: string | null;
  displayLabel: string;
  priorityCode: string;
  priorityRank: number;
  status: 'reserved' | 'waitlisted';
  now: Date;
  expiresAt: Date | null;
  userId: string;
  unitCode: string;
}

export async function insertBooking(tx: Tx, b: BookingInsert): Promise<string> {
  const { rows } = await tx.client.query<{ id: string }>(
    `insert into bookings (session_id, programme_id, participant_kind, child_id, member_id, external_name, display_label, priority_code, priority_rank,
       status, requested_at, reserved_at, expires_at, requested_by, requested_by_unit, created_at, updated_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, case when $10 = 'reserved' then $11::timestamptz end, $12, $13, $14, $11, $11) returning id`,
    [
      b.sessionId,
      b.programmeId,
      b.participantKind,
      b.childId,
      b.memberId,
      b.externalName,
      b.displayLabel,
      b.priorityCode,
      b.priorityRank,
      b.status,
      b.now,
      b.expiresAt,
      b.userId,
      b.unitCode,
    ],
  );
  return rows[0]?.id ?? '';
}

export async function setBookingStatus(
  tx: Tx,
  id: string,
  version: number,
  to: 'confirmed' | 'cancelled' | 'attended' | 'absent',
  now: Date,
  note: string | null,
): Promise<boolean> {
  const r = await tx.client.query(
    `update bookings set status = $3,
        confirmed_at = case when $3 = 'confirmed' then $4 else confirmed_at end,
        expires_at = case when $3 = 'confirmed' then null else expires_at end,
        cancelled_at = case when $3 = 'cancelled' then $4 else cancelled_at end,
        cancel_reason = case when $3 = 'cancelled' then $5 else cancel_reason end,
        attendance_note = case when $3 in ('attended', 'absent') then $5 else attendance_note end,
        updated_at = $4, version = version + 1
      where id = $1 and version = $2`,
    [id, version, to, now, note],
  );
  return r.rowCount === 1;
}

export async function unitName(tx: Tx, code: string): Promise<string> {
  const { rows } = await tx.client.query<{ name: string }>('select name from units where code = $1', [code]);
  return rows[0]?.name ?? code;
}

export async function sessionLabel(tx: Tx, sessionId: string): Promise<{ programme: string; title: string; starts_on: string } | null> {
  const { rows } = await tx.client.query<{ programme: string; title: string; starts_on: string }>(
    `select p.name as programme, s.title, s.starts_on::text from programme_sessions s join programmes p on p.id = s.programme_id where s.id = $1`,
    [sessionId],
  );
  return rows[0] ?? null;
}

// ---- 督办 indicators (registered in indicators.ts): their SQL, with the module's other SQL ----

const BY_STREET = 'group by grouping sets ((b.street_code), ())';
const SESSION_THIS_YEAR = `s.starts_on between date_trunc('year', $1::date)::date and $1::date`;

export const indicatorSqlPriorityShare = `select b.street_code, count(*) filter (where b.priority_rank < (select max(rank) from booking_priority_rules where active)) as num,
               count(*) as den, null::numeric as val
          from bookings b join programme_sessions s on s.id = b.session_id
               join programmes p on p.id = b.programme_id and p.mode = 'group' -- 送教上门 slots have no tiers
         where b.street_code = any ($2::text[]) and b.status in ('reserved', 'confirmed', 'attended') and ${SESSION_THIS_YEAR} ${BY_STREET}`;

export const indicatorSqlWaitDays = `select b.street_code, count(*) as num, null::numeric as den,
               round(avg(extract(epoch from (b.promoted_at - b.requested_at)) / 86400)::numeric, 1) as val
          from bookings b
         where b.street_code = any ($2::text[]) and b.promoted_at is not null
           and (b.promoted_at at time zone 'Asia/Shanghai')::date between date_trunc('year', $1::date)::date and $1::date ${BY_STREET}`;

export const indicatorSqlCoverage = `select b.street_code, count(*) filter (where b.covered) as num, count(*) as den, null::numeric as val
          from (select c.street_code, exists (select 1 from bookings k join programme_sessions s on s.id = k.session_id
                                              where k.child_id = c.id and k.status in ('confirmed', 'attended') and ${SESSION_THIS_YEAR}) as covered
                  from children c where c.status = 'active' and c.street_code = any ($2::text[])) b ${BY_STREET}`;
