/**
 * Every SQL statement of 返家监护监督与临时照料: supervisions and their follow-ups, placements, the
 * schedule settings, the supervisor candidates, the overdue lists (the street's under row-level
 * security; the procuratorate's through the masked security-definer function of migration
 * 20261205_1240_aftercare.sql). Typed rows in and out; no rule, no audit.
 */
import type { Tx } from '../../core/context.js';

function returnedId(rows: { id: string }[]): string {
  const row = rows[0];
  if (!row) throw new Error('insert returned no row');
  return row.id;
}

// ---- settings ----

export interface SettingsRow {
  first_interval_days: number;
  first_period_days: number;
  later_interval_days: number;
  version: number;
  updated_at: Date | null;
}

export async function settings(tx: Tx): Promise<SettingsRow> {
  const { rows } = await tx.client.query<SettingsRow>(
    'select first_interval_days, first_period_days, later_interval_days, version, updated_at from aftercare_settings where id',
  );
  return rows[0] ?? { first_interval_days: 30, first_period_days: 90, later_interval_days: 60, version: 1, updated_at: null };
}

export async function updateSettings(
  tx: Tx,
  s: { firstIntervalDays: number; firstPeriodDays: number; laterIntervalDays: number; version: number },
  userId: string,
): Promise<boolean> {
  const r = await tx.client.query(
    `update aftercare_settings set first_interval_days = $1, first_period_days = $2, later_interval_days = $3, updated_by = $4,
            updated_at = now(), version = version + 1
      where id and version = $5`,
    [s.firstIntervalDays, s.firstPeriodDays, s.laterIntervalDays, userId, s.version],
  );
  return r.rowCount === 1;
}

// ---- the child ----

export interface ChildRow {
  id: string;
  name: string;
  street_code: string;
  committee_id: string;
}

/** The child, if the caller's row-level security shows it (area, assignment). */
export async function child(tx: Tx, id: string): Promise<ChildRow | undefined> {
  const { rows } = await tx.client.query<ChildRow>('select id, name, street_code, committee_id from children where id = $1', [id]);
  return rows[0];
}

/** Whether the caller is the active guardianship supervisor of the child. */
export async function isSupervisorOf(tx: Tx, childId: string, userId: string): Promise<boolean> {
  const { rowCount } = await tx.client.query('select 1 from guardianship_supervisions where child_id = $1 and ended_on is null and supervisor_user_id = $2', [
    childId,
    userId,
  ]);
  return (rowCount ?? 0) > 0;
}

// ---- supervisor candidates: users of the child's street office or committee ----
// Only users whose own area already covers the child (the street's staff, the committee's
// directors): a supervisor records follow-ups on the child's file, which row-level security must
// let them reach. A worker of another committee or a commissioned social worker is named as a
// person instead.

export interface CandidateRow {
  id: string;
  display_name: string;
  unit_name: string;
  roles: string[];
}

export async function candidates(tx: Tx, childId: string): Promise<CandidateRow[]> {
  const { rows } = await tx.client.query<CandidateRow>(
    `select u.id, u.display_name, un.name as unit_name,
            coalesce((select array_agg(r.name order by r.name) from user_roles ur join roles r on r.code = ur.role_code where ur.user_id = u.id), '{}') as roles
       from children c
       join users u on not u.disabled
       join units un on un.code = u.unit_code
      where c.id = $1
        and (un.street_code = c.street_code and exists (select 1 from user_roles ur join roles r on r.code = ur.role_code
                                                         where ur.user_id = u.id and r.scope_kind = 'street')
             or exists (select 1 from user_committees uc where uc.user_id = u.id and uc.committee_id = c.committee_id))
      order by (exists (select 1 from user_committees uc where uc.user_id = u.id and uc.committee_id = c.committee_id)) desc, u.display_name
      limit 200`,
    [childId],
  );
  return rows;
}

/** A candidate by id: the user, if of the child's street or committee. */
export async function candidate(tx: Tx, childId: string, userId: string): Promise<CandidateRow | undefined> {
  return (await candidates(tx, childId)).find((c) => c.id === userId);
}

// ---- supervisions ----

export interface SupervisionRow {
  id: string;
  child_id: string;
  street_code: string;
  committee_id: string;
  supervisor_user_id: string | null;
  supervisor_name: string;
  supervisor_phone: string | null;
  returned_on: string;
  interval_days: number;
  first_period_days: number;
  later_interval_days: number;
  started_on: string;
  ended_on: string | null;
  end_reason: string | null;
  note: string | null;
  version: number;
}

const SUP_COLS = `id, child_id, supervisor_user_id, supervisor_name, supervisor_phone, returned_on, interval_days,
  first_period_days, later_interval_days, started_on, ended_on, end_reason, note, version`;

export async function supervisionsOf(tx: Tx, childId: string): Promise<SupervisionRow[]> {
  const { rows } = await tx.client.query<SupervisionRow>(
    `select ${SUP_COLS} from guardianship_supervisions where child_id = $1 order by (ended_on is null) desc, started_on desc, created_at desc`,
    [childId],
  );
  return rows;
}

export async function supervision(tx: Tx, id: string, lock = false): Promise<SupervisionRow | undefined> {
  const { rows } = await tx.client.query<SupervisionRow>(`select ${SUP_COLS} from guardianship_supervisions where id = $1${lock ? ' for update' : ''}`, [id]);
  return rows[0];
}

export async function insertSupervision(
  tx: Tx,
  s: {
    childId: string;
    supervisorUserId: string | null;
    supervisorName: string;
    supervisorPhone: string | null;
    returnedOn: string;
    intervalDays: number;
    firstPeriodDays: number;
    laterIntervalDays: number;
    startedOn: string;
    note: string | null;
    createdBy: string;
  },
): Promise<string> {
  const { rows } = await tx.client.query<{ id: string }>(
    `insert into guardianship_supervisions (child_id, supervisor_user_id, supervisor_name, supervisor_phone, returned_on,
                                            interval_days, first_period_days, later_interval_days, started_on, note, created_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) returning id`,
    [
      s.childId,
      s.supervisorUserId,
      s.supervisorName,
      s.supervisorPhone,
      s.returnedOn,
      s.intervalDays,
      s.firstPeriodDays,
      s.laterIntervalDays,
      s.startedOn,
      s.note,
      s.createdBy,
    ],
  );
  return returnedId(rows);
}

export async function changeSupervisor(
  tx: Tx,
  id: string,
  version: number,
  s: { supervisorUserId: string | null; supervisorName: string; supervisorPhone: string | null; note: string | null },
): Promise<boolean> {
  const r = await tx.client.query(
    `update guardianship_supervisions set supervisor_user_id = $3, supervisor_name = $4, supervisor_phone = $5, note = $6, updated_at = now(), version = version + 1
      where id = $1 and version = $2 and ended_on is null`,
    [id, version, s.supervisorUserId, s.supervisorName, s.supervisorPhone, s.note],
  );
  return r.rowCount === 1;
}

export async function endSupervision(tx: Tx, id: string, version: number, endedOn: string, reason: string): Promise<boolean> {
  const r = await tx.client.query(
    `update guardianship_supervisions set ended_on = $3, end_reason = $4, updated_at = now(), version = version + 1
      where id = $1 and version = $2 and ended_on is null`,
    [id, version, endedOn, reason],
  );
  if (r.rowCount !== 1) return false;
  // The follow-up still waiting is no longer due.
  await tx.client.query('delete from supervision_followups where supervision_id = $1 and done_on is null', [id]);
  return true;
}

// ---- follow-ups ----

export interface FollowupRow {
  id: string;
  supervision_id: string;
  child_id: string;
  due_on: string;
  done_on: string | null;
  method: 'home_visit' | 'phone' | 'school' | 'other' | null;
  concerns: boolean;
  note: string | null;
  problem_id: string | null;
  version: number;
}

const FU_COLS = 'id, supervision_id, child_id, due_on, done_on, method, concerns, note, problem_id, version';

export async function followupsOf(tx: Tx, supervisionIds: string[]): Promise<FollowupRow[]> {
  if (!supervisionIds.length) return [];
  const { rows } = await tx.client.query<FollowupRow>(
    `select ${FU_COLS} from supervision_followups where supervision_id = any ($1::uuid[]) order by due_on desc, created_at desc`,
    [supervisionIds],
  );
  return rows;
}

export async function followup(tx: Tx, id: string, lock = false): Promise<FollowupRow | undefined> {
  const { rows } = await tx.client.query<FollowupRow>(`select ${FU_COLS} from supervision_followups where id = $1${lock ? ' for update' : ''}`, [id]);
  return rows[0];
}

export async function insertFollowup(tx: Tx, supervisionId: string, childId: string, dueOn: string, createdBy: string | null): Promise<string> {
  const { rows } = await tx.client.query<{ id: string }>(
    `insert into supervision_followups (supervision_id, child_id, due_on, created_by)
     values ($1, $2, $3, $4) returning id`,
    [supervisionId, childId, dueOn, createdBy],
  );
  return returnedId(rows);
}

export async function recordFollowup(
  tx: Tx,
  id: string,
  version: number,
  f: { doneOn: string; method: string; concerns: boolean; note: string | null; problemId: string | null },
): Promise<boolean> {
  const r = await tx.client.query(
    `update supervision_followups set done_on = $3, method = $4, concerns = $5, note = $6, problem_id = $7, updated_at = now(), version = version + 1
      where id = $1 and version = $2 and done_on is null`,
    [id, version, f.doneOn, f.method, f.concerns, f.note, f.problemId],
  );
  return r.rowCount === 1;
}

// ---- overdue follow-ups ----

export interface OverdueRow {
  followup_id: string;
  supervision_id: string;
  child_id: string;
  child_name: string;
  street_name: string;
  committee_name: string;
  supervisor_name: string;
  due_on: string;
  version: number;
}

/** The caller's area (row-level security): follow-ups past their day and not done, oldest first. */
export async function overdue(tx: Tx, today: string, limit: number, offset: number): Promise<{ rows: OverdueRow[]; total: number }> {
  const { rows } = await tx.client.query<OverdueRow & { total: number }>(
    `select f.id as followup_id, f.supervision_id, f.child_id, c.name as child_name, s.name as street_name, cm.name as committee_name,
            g.supervisor_name, f.due_on, f.version, count(*) over () as total
       from supervision_followups f
       join guardianship_supervisions g on g.id = f.supervision_id and g.ended_on is null
       join children c on c.id = f.child_id
       join streets s on s.code = f.street_code
       join committees cm on cm.id = f.committee_id
      where f.done_on is null and f.due_on < $1
      order by f.due_on, f.id
      limit $2 offset $3`,
    [today, limit, offset],
  );
  return { rows, total: Number(rows[0]?.total ?? 0) };
}

export interface MaskedOverdueRow {
  followup_id: string;
  child_masked: string;
  street_name: string;
  committee_name: string;
  supervisor_name: string;
  due_on: string;
  days_overdue: number;
  total: number;
}

/** The district's overdue follow-ups, masked, for guardianship.oversight (the function checks it too). */
export async function maskedOverdue(tx: Tx, today: string, limit: number, offset: number): Promise<{ rows: MaskedOverdueRow[]; total: number }> {
  const { rows } = await tx.client.query<MaskedOverdueRow>(
    `select followup_id, child_masked, street_name, committee_name, supervisor_name, due_on, days_overdue, total from aftercare_overdue_followups($1, $2, $3)`,
    [today, limit, offset],
  );
  return { rows, total: Number(rows[0]?.total ?? 0) };
}

export interface MyFollowupRow {
  followup_id: string;
  supervision_id: string;
  child_id: string;
  child_name: string;
  due_on: string;
  version: number;
}

/** The follow-ups waiting on a supervisor user (their supervisions are visible to them by RLS). */
export async function mine(tx: Tx, userId: string): Promise<MyFollowupRow[]> {
  const { rows } = await tx.client.query<MyFollowupRow>(
    `select f.id as followup_id, f.supervision_id, f.child_id, c.name as child_name, f.due_on, f.version
       from supervision_followups f
       join guardianship_supervisions g on g.id = f.supervision_id and g.ended_on is null and g.supervisor_user_id = $1
       join children c on c.id = f.child_id
      where f.done_on is null
      order by f.due_on limit 100`,
    [userId],
  );
  return rows;
}

// ---- placements ----

export interface PlacementRow {
  id: string;
  child_id: string;
  child_name: string | null;
  street_name: string | null;
  committee_name: string | null;
  place_kind: 'institution' | 'temporary_point';
  place_name: string;
  started_on: string;
  ended_on: string | null;
  reason: string;
  services: ('upbringing' | 'education' | 'medical' | 'psychological')[];
  service_note: string | null;
  discharged_to: 'family' | 'kin' | 'foster' | 'institution' | 'adoption' | 'other' | null;
  discharge_note: string | null;
  version: number;
}

const PL_SELECT = `select p.id, p.child_id, c.name as child_name, s.name as street_name, cm.name as committee_name, p.place_kind, p.place_name,
  p.started_on, p.ended_on, p.reason, p.services, p.service_note, p.discharged_to, p.discharge_note, p.version
  from placements p left join children c on c.id = p.child_id left join streets s on s.code = p.street_code left join committees cm on cm.id = p.committee_id`;

export async function placementsOf(tx: Tx, childId: string): Promise<PlacementRow[]> {
  const { rows } = await tx.client.query<PlacementRow>(`${PL_SELECT} where p.child_id = $1 order by (p.ended_on is null) desc, p.started_on desc`, [childId]);
  return rows;
}

export async function placement(tx: Tx, id: string, lock = false): Promise<PlacementRow | undefined> {
  const { rows } = await tx.client.query<PlacementRow>(`${PL_SELECT} where p.id = $1${lock ? ' for update of p' : ''}`, [id]);
  return rows[0];
}

export async function listPlacements(
  tx: Tx,
  status: 'current' | 'ended' | 'all',
  limit: number,
  offset: number,
): Promise<{ rows: PlacementRow[]; total: number }> {
  const where = status === 'current' ? 'where p.ended_on is null' : status === 'ended' ? 'where p.ended_on is not null' : '';
  const { rows } = await tx.client.query<PlacementRow & { total: number }>(
    `${PL_SELECT.replace('select p.id', 'select count(*) over () as total, p.id')} ${where} order by p.started_on desc, p.id limit $1 offset $2`,
    [limit, offset],
  );
  return { rows, total: Number(rows[0]?.total ?? 0) };
}

export async function insertPlacement(
  tx: Tx,
  p: {
    childId: string;
    placeKind: string;
    placeName: string;
    startedOn: string;
    reason: string;
    services: string[];
    serviceNote: string | null;
    createdBy: string;
  },
): Promise<string> {
  const { rows } = await tx.client.query<{ id: string }>(
    `insert into placements (child_id, place_kind, place_name, started_on, reason, services, service_note, created_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8) returning id`,
    [p.childId, p.placeKind, p.placeName, p.startedOn, p.reason, p.services, p.serviceNote, p.createdBy],
  );
  return returnedId(rows);
}

export async function updateServices(tx: Tx, id: string, version: number, services: string[], serviceNote: string | null): Promise<boolean> {
  const r = await tx.client.query(
    `update placements set services = $3, service_note = $4, updated_at = now(), version = version + 1 where id = $1 and version = $2 and ended_on is null`,
    [id, version, services, serviceNote],
  );
  return r.rowCount === 1;
}

export async function discharge(tx: Tx, id: string, version: number, d: { endedOn: string; dischargedTo: string; note: string | null }): Promise<boolean> {
  const r = await tx.client.query(
    `update placements set ended_on = $3, discharged_to = $4, discharge_note = $5, updated_at = now(), version = version + 1
      where id = $1 and version = $2 and ended_on is null`,
    [id, version, d.endedOn, d.dischargedTo, d.note],
  );
  return r.rowCount === 1;
}
