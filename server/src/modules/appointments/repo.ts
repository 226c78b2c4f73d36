/**
 * The SQL of the appointments module (送教上门 and other programmes of mode 'appointment'): slots
 * are programme_sessions of capacity 1 with a time (starts_at), a booking is a bookings row. Runs
 * under the caller's row-level security: a booker sees the bookings of its area, the owner unit
 * the bookings of its programmes; whether a slot is taken is asked of the security-definer
 * function appointment_taken_slots (ids only), since a booker cannot see other areas' bookings.
 */
import type { Tx } from '../../core/context.js';

function first<T>(rows: T[]): T {
  const r = rows[0];
  if (r === undefined) throw new Error('expected a row');
  return r;
}

// ---- programmes ----

export interface ProgrammeRow {
  id: string;
  code: string;
  name: string;
  kind: string;
  owner_unit_code: string;
  owner_unit_name: string | null;
  provider_name: string | null;
  audience: 'child' | 'guardian';
  min_age: number | null;
  max_age: number | null;
  contact: string | null;
  description: string | null;
  active: boolean;
  free_slots: string;
}

const PROGRAMME_SELECT = `select p.id, p.code, p.name, p.kind, p.owner_unit_code, u.name as owner_unit_name, p.provider_name, p.audience, p.min_age, p.max_age,
       p.contact, p.description, p.active,
       (select count(*) from programme_sessions s where s.programme_id = p.id and s.status = 'open' and s.starts_at > $1
           and s.id not in (select t.session_id from appointment_taken_slots(p.id) t)) as free_slots
  from programmes p left join units u on u.code = p.owner_unit_code`;

export async function programmes(tx: Tx, now: Date): Promise<ProgrammeRow[]> {
  const { rows } = await tx.client.query<ProgrammeRow>(`${PROGRAMME_SELECT} where p.mode = 'appointment' and p.active order by p.name, p.id`, [now]);
  return rows;
}

export async function programme(tx: Tx, id: string, now: Date): Promise<ProgrammeRow | null> {
  const { rows } = await tx.client.query<ProgrammeRow>(`${PROGRAMME_SELECT} where p.id = $2 and p.mode = 'appointment'`, [now, id]);
  return rows[0] ?? null;
}

// ---- appointments (bookings of appointment programmes) ----

export interface AppointmentRow {
  id: string;
  session_id: string;
  programme_id: string;
  programme_name: string;
  owner_unit_code: string;
  starts_at: Date;
  place: string | null;
  status: string;
  participant_kind: 'child' | 'guardian' | 'external';
  display_label: string;
  child_id: string | null;
  child_visible: boolean;
  street_code: string | null;
  requested_by: string | null;
  requested_by_name: string | null;
  requested_by_unit: string | null;
  requested_by_unit_name: string | null;
  cancel_reason: string | null;
  completion_note: string | null;
  duration_minutes: number | null;
  attendance_note: string | null;
  version: number;
}

const APPOINTMENT_SELECT = `select b.id, b.session_id, b.programme_id, p.name as programme_name, p.owner_unit_code, s.starts_at, s.place, b.status, b.participant_kind,
       b.display_label, b.child_id, exists (select 1 from children c where c.id = b.child_id) as child_visible, b.street_code,
       b.requested_by, ru.display_name as requested_by_name, b.requested_by_unit, un.name as requested_by_unit_name,
       b.cancel_reason, b.completion_note, b.duration_minutes, b.attendance_note, b.version
  from bookings b join programme_sessions s on s.id = b.session_id join programmes p on p.id = b.programme_id
  left join users ru on ru.id = b.requested_by left join units un on un.code = b.requested_by_unit`;

export async function appointment(tx: Tx, id: string): Promise<AppointmentRow | null> {
  const { rows } = await tx.client.query<AppointmentRow>(`${APPOINTMENT_SELECT} where b.id = $1 and p.mode = 'appointment'`, [id]);
  return rows[0] ?? null;
}

export async function lockAppointment(tx: Tx, id: string): Promise<void> {
  await tx.client.query('select 1 from bookings where id = $1 for update', [id]);
}

export async function appointmentsOfChild(tx: Tx, childId: string): Promise<AppointmentRow[]> {
  const { rows } = await tx.client.query<AppointmentRow>(
    `${APPOINTMENT_SELECT} where b.child_id = $1 and p.mode = 'appointment' order by s.starts_at desc, b.created_at desc limit 100`,
    [childId],
  );
  return rows;
}

// ---- slots ----

export interface SlotRow {
  id: string;
  programme_id: string;
  starts_at: Date;
  starts_on: string;
  place: string | null;
  status: 'open' | 'cancelled' | 'closed';
  cancel_reason: string | null;
  taken: boolean;
  version: number;
  booking_id: string | null;
  total: string;
}

/** Slots of a programme from `from`; `show` free = open, ahead, not taken; booked = holding a visible booking. */
export async function slots(
  tx: Tx,
  programmeId: string,
  q: { show: 'all' | 'free' | 'booked'; from: string; now: Date; limit: number; offset: number },
): Promise<{ rows: SlotRow[]; total: number }> {
  const { rows } = await tx.client.query<SlotRow>(
    `with taken as (select t.session_id from appointment_taken_slots($1) t)
     select s.id, s.programme_id, s.starts_at, s.starts_on::text, s.place, s.status, s.cancel_reason, s.version,
            s.id in (select session_id from taken) as taken, b.id as booking_id, count(*) over () as total
       from programme_sessions s
       left join lateral (select b.id from bookings b where b.session_id = s.id and b.status in ('confirmed', 'reserved', 'attended', 'absent')
                          order by b.created_at desc limit 1) b on true
      where s.programme_id = $1 and s.starts_on >= $2::date
        and ($3 <> 'free' or (s.status = 'open' and s.starts_at > $4 and s.id not in (select session_id from taken)))
        and ($3 <> 'booked' or b.id is not null)
      order by s.starts_at, s.id limit $5 offset $6`,
    [programmeId, q.from, q.show, q.now, q.limit, q.offset],
  );
  return { rows, total: Number(rows[0]?.total ?? 0) };
}

export interface LockedSlot {
  id: string;
  programme_id: string;
  starts_at: Date | null;
  starts_on: string;
  status: 'open' | 'cancelled' | 'closed';
  version: number;
  mode: string;
  audience: 'child' | 'guardian';
  min_age: number | null;
  max_age: number | null;
  owner_unit_code: string;
  programme_name: string;
  active: boolean;
}

/** The slot, locked for the rest of the transaction: one booking at a time takes it. */
export async function lockSlot(tx: Tx, id: string): Promise<LockedSlot | null> {
  const { rows } = await tx.client.query<LockedSlot>(
    `select s.id, s.programme_id, s.starts_at, s.starts_on::text, s.status, s.version, p.mode, p.audience, p.min_age, p.max_age, p.owner_unit_code,
            p.name as programme_name, p.active
       from programme_sessions s join programmes p on p.id = s.programme_id where s.id = $1 for update of s`,
    [id],
  );
  return rows[0] ?? null;
}

/** One booking of a child at a time (across slots): held until the transaction ends. */
export async function lockChild(tx: Tx, childId: string): Promise<void> {
  await tx.client.query(`select pg_advisory_xact_lock(hashtext('appointment-child:' || $1))`, [childId]);
}

export async function slotTaken(tx: Tx, programmeId: string, slotId: string): Promise<boolean> {
  const { rows } = await tx.client.query<{ taken: boolean }>(`select exists (select 1 from appointment_taken_slots($1) t where t.session_id = $2) as taken`, [
    programmeId,
    slotId,
  ]);
  return first(rows).taken;
}

export async function childHoldsFuture(tx: Tx, programmeId: string, childId: string, now: Date): Promise<boolean> {
  const { rows } = await tx.client.query<{ held: boolean }>(`select appointment_child_holds_future($1, $2, $3) as held`, [programmeId, childId, now]);
  return first(rows).held;
}

export async function insertSlots(
  tx: Tx,
  programmeId: string,
  slots_: { day: string; startsAt: string; title: string }[],
  place: string,
  userId: string,
): Promise<number> {
  let created = 0;
  for (const s of slots_) {
    const r = await tx.client.query(
      `insert into programme_sessions (programme_id, title, starts_on, ends_on, starts_at, place, capacity, created_by)
       select $1, $2, $3, $3, $4, $5, 1, $6
        where not exists (select 1 from programme_sessions x where x.programme_id = $1 and x.starts_at = $4 and x.status <> 'cancelled')`,
      [programmeId, s.title, s.day, s.startsAt, place, userId],
    );
    created += r.rowCount ?? 0;
  }
  return created;
}

export async function cancelSlot(tx: Tx, id: string, version: number, reason: string): Promise<boolean> {
  const r = await tx.client.query(
    `update programme_sessions set status = 'cancelled', cancel_reason = $3, updated_at = now(), version = version + 1
      where id = $1 and version = $2 and status = 'open'`,
    [id, version, reason],
  );
  return r.rowCount === 1;
}

export async function liveBookingsOfSlot(tx: Tx, slotId: string): Promise<AppointmentRow[]> {
  const { rows } = await tx.client.query<AppointmentRow>(
    `${APPOINTMENT_SELECT} where b.session_id = $1 and b.status in ('reserved', 'confirmed', 'waitlisted')`,
    [slotId],
  );
  return rows;
}

// ---- the child ----

export interface ChildFacts {
  id: string;
  name: string;
  birth_date: string;
  street_code: string;
  committee_id: string;
}

/** The child as the caller reaches it (row-level security), or null. */
export async function child(tx: Tx, childId: string): Promise<ChildFacts | null> {
  const { rows } = await tx.client.query<ChildFacts>(
    `select id, name, birth_date::text, street_code, committee_id from children where id = $1 and status = 'active'`,
    [childId],
  );
  return rows[0] ?? null;
}

export async function childVisible(tx: Tx, childId: string): Promise<boolean> {
  const { rows } = await tx.client.query<{ ok: boolean }>(`select exists (select 1 from children where id = $1) as ok`, [childId]);
  return first(rows).ok;
}

export interface MemberRow {
  id: string;
  name: string;
  relation: string;
}

/** The household's guardians and caregivers (who may take a caregiver programme). */
export async function guardiansOf(tx: Tx, childId: string): Promise<MemberRow[]> {
  const { rows } = await tx.client.query<MemberRow>(
    `select id, name, relation from household_members where child_id = $1 and role in ('guardian', 'caregiver') order by role, created_at, id`,
    [childId],
  );
  return rows;
}

export async function insertBooking(
  tx: Tx,
  b: {
    slotId: string;
    programmeId: string;
    kind: 'child' | 'guardian';
    child: ChildFacts;
    memberId: string | null;
    label: string;
    now: Date;
    userId: string;
    unitCode: string;
  },
): Promise<string> {
  const { rows } = await tx.client.query<{ id: string }>(
    `insert into bookings (session_id, programme_id, participant_kind, child_id, member_id, street_code, committee_id, display_label,
                           priority_code, priority_rank, status, requested_at, reserved_at, confirmed_at, requested_by, requested_by_unit)
     values ($1, $2, $3, $4, $5, $6, $7, $8, 'appointment', 0, 'confirmed', $9, $9, $9, $10, $11) returning id`,
    [b.slotId, b.programmeId, b.kind, b.child.id, b.memberId, b.child.street_code, b.child.committee_id, b.label, b.now, b.userId, b.unitCode],
  );
  return first(rows).id;
}

export async function cancelBooking(tx: Tx, id: string, version: number, reason: string, now: Date): Promise<boolean> {
  const r = await tx.client.query(
    `update bookings set status = 'cancelled', cancel_reason = $3, cancelled_at = $4, updated_at = now(), version = version + 1
      where id = $1 and version = $2 and status in ('reserved', 'confirmed', 'waitlisted')`,
    [id, version, reason, now],
  );
  return r.rowCount === 1;
}

export async function completeBooking(
  tx: Tx,
  id: string,
  version: number,
  c: { attended: boolean; note: string | null; minutes: number | null; absenceNote: string | null },
): Promise<boolean> {
  const r = await tx.client.query(
    `update bookings set status = $3, completion_note = $4, duration_minutes = $5, attendance_note = $6, updated_at = now(), version = version + 1
      where id = $1 and version = $2 and status = 'confirmed'`,
    [id, version, c.attended ? 'attended' : 'absent', c.note, c.minutes, c.absenceNote],
  );
  return r.rowCount === 1;
}

// ---- 督办 indicators (registered in indicators.ts): their SQL, with the module's other SQL ----

const THIS_YEAR = `s.starts_on between date_trunc('year', $1::date)::date and $1::date`;
const FROM = `from bookings b join programme_sessions s on s.id = b.session_id join programmes p on p.id = b.programme_id`;
const BY_STREET = 'group by grouping sets ((b.street_code), ())';

export const indicatorSqlHomeTeachingDone = `select b.street_code, count(*) as num, null::numeric as den, null::numeric as val
          ${FROM} where p.mode = 'appointment' and p.kind = 'home_teaching' and b.status = 'attended'
            and b.street_code = any ($2::text[]) and ${THIS_YEAR} ${BY_STREET}`;

export const indicatorSqlCaregiverParticipation = `select b.street_code, count(*) as num, null::numeric as den, null::numeric as val
          ${FROM} where (p.audience = 'guardian' or p.kind = 'caregiver_course') and b.status = 'attended'
            and b.street_code = any ($2::text[]) and ${THIS_YEAR} ${BY_STREET}`;
