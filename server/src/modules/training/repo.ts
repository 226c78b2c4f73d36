/**
 * The SQL of the training module: sessions (records of units, read by every holder of
 * workforce.read), attendance, exams, evaluations and rewards (hanging off a ledger person: row-level
 * security shows the person's street only), the coverage list, the evaluation's metrics computed
 * set-based from the platform's records, and the 督办 indicator SQL.
 */
import type { Tx } from '../../core/context.js';

// ---- units ----

export async function unitStreet(tx: Tx, code: string): Promise<string | null> {
  const { rows } = await tx.client.query<{ street_code: string | null }>(`select street_code from units where code = $1`, [code]);
  return rows[0]?.street_code ?? null;
}

export async function unitExists(tx: Tx, code: string): Promise<boolean> {
  const { rowCount } = await tx.client.query(`select 1 from units where code = $1 and active`, [code]);
  return (rowCount ?? 0) > 0;
}

// ---- sessions ----

export interface SessionRow {
  id: string;
  topic: string;
  kind: string;
  held_on: string;
  hours: string;
  trainer: string | null;
  location: string | null;
  organiser_unit_code: string | null;
  organiser_unit_name: string | null;
  audience: string[];
  plan_tasks: number[];
  note: string | null;
  attendees: number;
  version: number;
}

const SESSION_COLS = `s.id, s.topic, s.kind, to_char(s.held_on, 'YYYY-MM-DD') as held_on, s.hours, s.trainer, s.location, s.organiser_unit_code,
  u.name as organiser_unit_name, s.audience, s.plan_tasks, s.note, s.version,
  (select count(*)::int from training_attendance a where a.session_id = s.id and a.attended) as attendees`;

export async function sessions(tx: Tx, q: { year?: number; kind?: string; limit: number; offset: number }): Promise<{ rows: SessionRow[]; total: number }> {
  const where = `($1::int is null or extract(year from s.held_on) = $1) and ($2::text is null or s.kind = $2)`;
  const args = [q.year ?? null, q.kind ?? null];
  const { rows } = await tx.client.query<SessionRow>(
    `select ${SESSION_COLS} from training_sessions s left join units u on u.code = s.organiser_unit_code
      where ${where} order by s.held_on desc, s.topic limit $3 offset $4`,
    [...args, q.limit, q.offset],
  );
  const { rows: n } = await tx.client.query<{ n: number }>(`select count(*)::int as n from training_sessions s where ${where}`, args);
  return { rows, total: n[0]?.n ?? 0 };
}

export async function session(tx: Tx, id: string): Promise<SessionRow | null> {
  const { rows } = await tx.client.query<SessionRow>(
    `select ${SESSION_COLS} from training_sessions s left join units u on u.code = s.organiser_unit_code where s.id = $1`,
    [id],
  );
  return rows[0] ?? null;
}

export interface SessionWrite {
  topic: string;
  kind: string;
  heldOn: string;
  hours: number;
  trainer: string | null;
  location: string | null;
  audience: string[];
  planTasks: number[];
  note: string | null;
}

export async function insertSession(tx: Tx, w: SessionWrite, unit: string, by: string): Promise<string> {
  const { rows } = await tx.client.query<{ id: string }>(
    `insert into training_sessions (topic, kind, held_on, hours, trainer, organiser_unit_code, location, audience, plan_tasks, note, created_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) returning id`,
    [w.topic, w.kind, w.heldOn, w.hours, w.trainer, unit, w.location, w.audience, w.planTasks, w.note, by],
  );
  const id = rows[0]?.id;
  if (!id) throw new Error('insert returned no row');
  return id;
}

export async function updateSession(tx: Tx, id: string, version: number, w: SessionWrite): Promise<boolean> {
  const { rowCount } = await tx.client.query(
    `update training_sessions set topic = $3, kind = $4, held_on = $5, hours = $6, trainer = $7, location = $8, audience = $9, plan_tasks = $10,
            note = $11, updated_at = now(), version = version + 1
      where id = $1 and version = $2`,
    [id, version, w.topic, w.kind, w.heldOn, w.hours, w.trainer, w.location, w.audience, w.planTasks, w.note],
  );
  return (rowCount ?? 0) > 0;
}

// ---- people of the caller's area (row-level security on staff) ----

export interface StaffOptionRow {
  id: string;
  name: string;
  role_kind: string;
  street_name: string | null;
  committees: string[];
}

const COMMITTEES_OF = (
  alias: string,
) => `coalesce((select array_agg(c.name order by c.name) from staff_committees sc join committees c on c.id = sc.committee_id
   where sc.staff_id = ${alias}.id and sc.until is null), '{}')`;

export async function staffOptions(tx: Tx, q: { name: string | null; roleKind: string | null }): Promise<StaffOptionRow[]> {
  const { rows } = await tx.client.query<StaffOptionRow>(
    `select s.id, s.name, s.role_kind, st.name as street_name, ${COMMITTEES_OF('s')} as committees
       from staff s left join streets st on st.code = s.street_code
      where s.left_on is null and ($1::text is null or s.name like '%' || $1 || '%') and ($2::text is null or s.role_kind = $2)
      order by st.sort nulls first, s.role_kind desc, s.name limit 300`,
    [q.name, q.roleKind],
  );
  return rows;
}

/** Which of these people the caller sees (the others are not in their area). */
export async function visibleStaff(tx: Tx, ids: string[]): Promise<string[]> {
  const { rows } = await tx.client.query<{ id: string }>(`select id from staff where id = any ($1::uuid[])`, [ids]);
  return rows.map((r) => r.id);
}

export interface StaffRow {
  id: string;
  name: string;
  role_kind: string;
  cert_level: string;
  user_id: string | null;
  street_code: string | null;
  street_name: string | null;
  appointed_on: string | null;
  left_on: string | null;
  committees: string[];
}

export async function staff(tx: Tx, id: string): Promise<StaffRow | null> {
  const { rows } = await tx.client.query<StaffRow>(
    `select s.id, s.name, s.role_kind, s.cert_level, s.user_id, s.street_code, st.name as street_name,
            to_char(s.appointed_on, 'YYYY-MM-DD') as appointed_on, to_char(s.left_on, 'YYYY-MM-DD') as left_on, ${COMMITTEES_OF('s')} as committees
       from staff s left join streets st on st.code = s.street_code where s.id = $1`,
    [id],
  );
  return rows[0] ?? null;
}

// ---- attendance ----

export async function upsertAttendance(
  tx: Tx,
  sessionId: string,
  entries: { staffId: string; attended: boolean; hours: number | null; note: string | null }[],
  by: string,
): Promise<void> {
  await tx.client.query(
    `insert into training_attendance (session_id, staff_id, attended, hours, note, recorded_by)
     select $1, t.staff_id, t.attended, t.hours, t.note, $6
       from unnest($2::uuid[], $3::boolean[], $4::numeric[], $5::text[]) as t(staff_id, attended, hours, note)
     on conflict (session_id, staff_id) do update
        set attended = excluded.attended, hours = excluded.hours, note = excluded.note, recorded_by = excluded.recorded_by, recorded_at = now()`,
    [sessionId, entries.map((e) => e.staffId), entries.map((e) => e.attended), entries.map((e) => e.hours), entries.map((e) => e.note), by],
  );
}

export interface AttendanceRowDb {
  staff_id: string;
  name: string;
  role_kind: string;
  street_name: string | null;
  attended: boolean;
  hours: string;
  note: string | null;
}

export async function attendance(tx: Tx, sessionId: string): Promise<AttendanceRowDb[]> {
  const { rows } = await tx.client.query<AttendanceRowDb>(
    `select a.staff_id, s.name, s.role_kind, st.name as street_name, a.attended, coalesce(a.hours, ts.hours) as hours, a.note
       from training_attendance a join staff s on s.id = a.staff_id join training_sessions ts on ts.id = a.session_id
       left join streets st on st.code = s.street_code
      where a.session_id = $1 order by st.sort nulls first, s.name`,
    [sessionId],
  );
  return rows;
}

// ---- a person's archive ----

export interface ArchiveRowDb {
  session_id: string;
  topic: string;
  kind: string;
  held_on: string;
  hours: string;
  attended: boolean;
}

export async function archive(tx: Tx, staffId: string): Promise<ArchiveRowDb[]> {
  const { rows } = await tx.client.query<ArchiveRowDb>(
    `select ts.id as session_id, ts.topic, ts.kind, to_char(ts.held_on, 'YYYY-MM-DD') as held_on, coalesce(a.hours, ts.hours) as hours, a.attended
       from training_attendance a join training_sessions ts on ts.id = a.session_id
      where a.staff_id = $1 order by ts.held_on desc`,
    [staffId],
  );
  return rows;
}

// ---- coverage: the rule of common/src/training.ts (coverageRequired, trainedInYear) in SQL ----

/** Covered people ($1 as-of day) and whether trained; `s` is staff. */
const REQUIRED = `s.role_kind in ('child_director', 'street_supervisor') and (s.appointed_on is null or s.appointed_on <= $1::date)
  and (s.left_on is null or s.left_on > $1::date)`;
const TRAINED = `exists (select 1 from training_attendance a join training_sessions ts on ts.id = a.session_id
   where a.staff_id = s.id and a.attended and ts.held_on between date_trunc('year', $1::date)::date and $1::date
     and (ts.kind = 'annual' or (ts.kind = 'induction' and date_trunc('year', s.appointed_on) = date_trunc('year', $1::date))))`;

export interface CoverageRowDb {
  id: string;
  name: string;
  role_kind: string;
  street_name: string | null;
  committees: string[];
  appointed_on: string | null;
  last_trained_on: string | null;
}

export async function coverage(
  tx: Tx,
  q: { asOf: string; street: string | null; limit: number; offset: number },
): Promise<{ required: number; trained: number; rows: CoverageRowDb[] }> {
  const { rows: counts } = await tx.client.query<{ required: number; trained: number }>(
    `select count(*)::int as required, count(*) filter (where ${TRAINED})::int as trained
       from staff s where ${REQUIRED} and ($2::text is null or s.street_code = $2)`,
    [q.asOf, q.street],
  );
  const { rows } = await tx.client.query<CoverageRowDb>(
    `select s.id, s.name, s.role_kind, st.name as street_name, ${COMMITTEES_OF('s')} as committees, to_char(s.appointed_on, 'YYYY-MM-DD') as appointed_on,
            (select to_char(max(ts.held_on), 'YYYY-MM-DD') from training_attendance a join training_sessions ts on ts.id = a.session_id
              where a.staff_id = s.id and a.attended) as last_trained_on
       from staff s left join streets st on st.code = s.street_code
      where ${REQUIRED} and not ${TRAINED} and ($2::text is null or s.street_code = $2)
      order by st.sort nulls first, s.role_kind desc, s.name limit $3 offset $4`,
    [q.asOf, q.street, q.limit, q.offset],
  );
  return { required: counts[0]?.required ?? 0, trained: counts[0]?.trained ?? 0, rows };
}

// ---- exams ----

export interface ExamRowDb {
  id: string;
  staff_id: string;
  year: number;
  level: string;
  registered_on: string;
  result: string;
  score: string | null;
  note: string | null;
  version: number;
}

const EXAM_COLS = `id, staff_id, year, level, to_char(registered_on, 'YYYY-MM-DD') as registered_on, result, score, note, version`;

export async function exams(tx: Tx, staffId: string): Promise<ExamRowDb[]> {
  const { rows } = await tx.client.query<ExamRowDb>(`select ${EXAM_COLS} from exam_records where staff_id = $1 order by year desc, level`, [staffId]);
  return rows;
}

export async function exam(tx: Tx, id: string): Promise<ExamRowDb | null> {
  const { rows } = await tx.client.query<ExamRowDb>(`select ${EXAM_COLS} from exam_records where id = $1`, [id]);
  return rows[0] ?? null;
}

/** A registration, or null when the person is already registered for that year and level. */
export async function insertExam(
  tx: Tx,
  e: { staffId: string; year: number; level: string; registeredOn: string; note: string | null },
  by: string,
): Promise<string | null> {
  const { rows } = await tx.client.query<{ id: string }>(
    `insert into exam_records (staff_id, year, level, registered_on, note, recorded_by) values ($1, $2, $3, $4, $5, $6)
     on conflict (staff_id, year, level) do nothing returning id`,
    [e.staffId, e.year, e.level, e.registeredOn, e.note, by],
  );
  return rows[0]?.id ?? null;
}

export async function setExamResult(tx: Tx, id: string, version: number, result: string, score: number | null, by: string): Promise<boolean> {
  const { rowCount } = await tx.client.query(
    `update exam_records set result = $3, score = $4, recorded_by = $5, updated_at = now(), version = version + 1 where id = $1 and version = $2`,
    [id, version, result, score, by],
  );
  return (rowCount ?? 0) > 0;
}

export async function setCertLevel(tx: Tx, staffId: string, level: string): Promise<void> {
  await tx.client.query(`update staff set cert_level = $2, updated_at = now(), version = version + 1 where id = $1`, [staffId, level]);
}

// ---- evaluations ----

export interface EvaluationRowDb {
  id: string | null;
  staff_id: string;
  name: string;
  street_name: string | null;
  committees: string[];
  status: string | null;
  metrics: unknown;
  grade: string | null;
  comment: string | null;
  reviewer_name: string | null;
  reviewed_at: Date | null;
  version: number | null;
}

/** Child directors serving during `year`. */
const DIRECTOR_IN_YEAR = `s.role_kind = 'child_director' and (s.appointed_on is null or s.appointed_on <= make_date($1::int, 12, 31))
  and (s.left_on is null or s.left_on >= make_date($1::int, 1, 1))`;

export async function evaluations(
  tx: Tx,
  q: { year: number; status: string | null; staffId: string | null; limit: number; offset: number },
): Promise<{ rows: EvaluationRowDb[]; total: number }> {
  const where = `${DIRECTOR_IN_YEAR} and ($2::text is null or coalesce(e.status, 'none') = $2) and ($3::uuid is null or s.id = $3)`;
  const from = `staff s left join staff_evaluations e on e.staff_id = s.id and e.year = $1 left join streets st on st.code = s.street_code
    left join users ru on ru.id = e.reviewer_id`;
  const args = [q.year, q.status, q.staffId];
  const { rows } = await tx.client.query<EvaluationRowDb>(
    `select e.id, s.id as staff_id, s.name, st.name as street_name, ${COMMITTEES_OF('s')} as committees, e.status, e.metrics, e.grade, e.comment,
            ru.display_name as reviewer_name, e.reviewed_at, e.version
       from ${from} where ${where}
      order by st.sort nulls first, (e.status = 'done') nulls first, s.name limit $4 offset $5`,
    [...args, q.limit, q.offset],
  );
  const { rows: n } = await tx.client.query<{ n: number }>(`select count(*)::int as n from ${from} where ${where}`, args);
  return { rows, total: n[0]?.n ?? 0 };
}

export async function evaluationOf(tx: Tx, staffId: string, year: number): Promise<{ id: string; status: string; version: number } | null> {
  const { rows } = await tx.client.query<{ id: string; status: string; version: number }>(
    `select id, status, version from staff_evaluations where staff_id = $1 and year = $2`,
    [staffId, year],
  );
  return rows[0] ?? null;
}

export interface MetricsRowDb {
  children: number;
  visits_on_time: number;
  files_complete: number;
  problems: number;
  problems_resolved: number;
  training_hours: string;
}

/**
 * The evaluation's criteria for one director and year, on `asOf` (the year's last day, or today
 * while the year runs), over the active children of the committees the director served in the year:
 *   visits on time: children whose next visit is not overdue on `asOf` (next_visit_due ≥ asOf, or no due day);
 *   files complete: children with an identity number, a residence address and at least one guardian;
 *   problems resolved: problems of those children recorded in the year, resolved within the year;
 *   training hours: hours attended in sessions held in the year.
 */
export async function metrics(tx: Tx, staffId: string, year: number, asOf: string): Promise<MetricsRowDb> {
  const { rows } = await tx.client.query<MetricsRowDb>(
    `with c as (
       select distinct ch.id, ch.next_visit_due, ch.id_number_bidx, ch.residence_address_enc
         from staff_committees sc join children ch on ch.committee_id = sc.committee_id and ch.status = 'active'
        where sc.staff_id = $1 and sc.since <= $3::date and (sc.until is null or sc.until >= make_date($2::int, 1, 1))
     ), p as (
       select pr.status, pr.resolved_on from problems pr
        where pr.child_id in (select id from c) and (pr.created_at at time zone 'Asia/Shanghai')::date between make_date($2::int, 1, 1) and $3::date
     )
     select (select count(*)::int from c) as children,
            (select count(*)::int from c where c.next_visit_due is null or c.next_visit_due >= $3::date) as visits_on_time,
            (select count(*)::int from c where c.id_number_bidx is not null and c.residence_address_enc is not null
                and exists (select 1 from household_members m where m.child_id = c.id and m.role = 'guardian')) as files_complete,
            (select count(*)::int from p) as problems,
            (select count(*)::int from p where p.status = 'resolved' and p.resolved_on <= $3::date) as problems_resolved,
            (select coalesce(sum(coalesce(a.hours, ts.hours)), 0) from training_attendance a join training_sessions ts on ts.id = a.session_id
              where a.staff_id = $1 and a.attended and extract(year from ts.held_on) = $2) as training_hours`,
    [staffId, year, asOf],
  );
  const r = rows[0];
  if (!r) throw new Error('metrics returned no row');
  return r;
}

export async function upsertEvaluation(
  tx: Tx,
  e: { staffId: string; year: number; metrics: unknown; grade: string | null; comment: string | null; status: string; reviewer: string; at: Date },
  version: number | null,
): Promise<string | null> {
  if (version === null) {
    const { rows } = await tx.client.query<{ id: string }>(
      `insert into staff_evaluations (staff_id, year, metrics, grade, comment, status, reviewer_id, reviewed_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8) on conflict (staff_id, year) do nothing returning id`,
      [e.staffId, e.year, JSON.stringify(e.metrics), e.grade, e.comment, e.status, e.reviewer, e.at],
    );
    return rows[0]?.id ?? null;
  }
  const { rows } = await tx.client.query<{ id: string }>(
    `update staff_evaluations set metrics = $3, grade = $4, comment = $5, status = $6, reviewer_id = $7, reviewed_at = $8, updated_at = now(),
            version = version + 1
      where staff_id = $1 and year = $2 and version = $9 and status = 'draft' returning id`,
    [e.staffId, e.year, JSON.stringify(e.metrics), e.grade, e.comment, e.status, e.reviewer, e.at, version],
  );
  return rows[0]?.id ?? null;
}

export async function evaluationsOf(tx: Tx, staffId: string): Promise<{ id: string; year: number; status: string; grade: string | null }[]> {
  const { rows } = await tx.client.query<{ id: string; year: number; status: string; grade: string | null }>(
    `select id, year, status, grade from staff_evaluations where staff_id = $1 order by year desc`,
    [staffId],
  );
  return rows;
}

// ---- rewards ----

export interface RewardRowDb {
  id: string;
  staff_id: string;
  year: number;
  title: string;
  granted_on: string;
  granting_unit_name: string | null;
  note: string | null;
}

export async function rewards(tx: Tx, staffId: string): Promise<RewardRowDb[]> {
  const { rows } = await tx.client.query<RewardRowDb>(
    `select r.id, r.staff_id, r.year, r.title, to_char(r.granted_on, 'YYYY-MM-DD') as granted_on, u.name as granting_unit_name, r.note
       from staff_rewards r left join units u on u.code = r.granting_unit_code where r.staff_id = $1 order by r.granted_on desc`,
    [staffId],
  );
  return rows;
}

export async function insertReward(
  tx: Tx,
  r: { staffId: string; title: string; grantedOn: string; unit: string | null; note: string | null },
  by: string,
): Promise<string> {
  const { rows } = await tx.client.query<{ id: string }>(
    `insert into staff_rewards (staff_id, year, title, granted_on, granting_unit_code, note, created_by)
     values ($1, extract(year from $3::date)::int, $2, $3, $4, $5, $6) returning id`,
    [r.staffId, r.title, r.grantedOn, r.unit, r.note, by],
  );
  const id = rows[0]?.id;
  if (!id) throw new Error('insert returned no row');
  return id;
}

// ---- 督办 indicators (the registry's contract: $1 day, $2 streets) ----

export const indicatorSqlCoverage = `select s.street_code, count(*) filter (where ${TRAINED}) as num, count(*) as den, null::numeric as val
     from staff s
    where s.street_code = any ($2::text[]) and ${REQUIRED}
    group by grouping sets ((s.street_code), ())`;

/** The previous year's evaluations of the directors who served in it, done by the day. */
export const indicatorSqlEvaluationsDone = `select s.street_code,
          count(*) filter (where exists (select 1 from staff_evaluations e where e.staff_id = s.id and e.year = extract(year from $1::date)::int - 1
                                          and e.status = 'done' and (e.reviewed_at at time zone 'Asia/Shanghai')::date <= $1::date)) as num,
          count(*) as den, null::numeric as val
     from staff s
    where s.street_code = any ($2::text[]) and s.role_kind = 'child_director'
      and (s.appointed_on is null or s.appointed_on < date_trunc('year', $1::date)::date)
      and (s.left_on is null or s.left_on >= (date_trunc('year', $1::date) - interval '1 year')::date)
    group by grouping sets ((s.street_code), ())`;

export const indicatorSqlExamsPassed = `select s.street_code, count(*) as num, null::numeric as den, null::numeric as val
     from exam_records x join staff s on s.id = x.staff_id
    where s.street_code = any ($2::text[]) and x.result = 'passed' and x.year = extract(year from $1::date)::int
    group by grouping sets ((s.street_code), ())`;
