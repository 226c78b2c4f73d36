/**
 * The SQL of the activities module: activities, their participants (row-level security: the
 * child's area), photos and sign-in sheets, cadence rules and their defaults, the holiday calendar
 * and the organisers the compliance lists are drawn from. Everything in a request runs under the
 * caller's scope; the start-up defaults run as the owner.
 */
import type pg from 'pg';
import type { ActivityKind, ActivityStatus, OrganiserKind } from '#common/activities.js';
import type { Tx } from '../../core/context.js';

/** The one row a statement that always answers returns. */
function first<T>(rows: T[]): T {
  const r = rows[0];
  if (r === undefined) throw new Error('expected a row');
  return r;
}

// ---- units and organisers ----

export interface UnitRow {
  code: string;
  name: string;
  kind: string;
  street_code: string | null;
}

export async function unit(tx: Tx, code: string): Promise<UnitRow | null> {
  const { rows } = await tx.client.query<UnitRow>('select code, name, kind, street_code from units where code = $1', [code]);
  return rows[0] ?? null;
}

export interface CommitteeRow {
  id: string;
  name: string;
  street_code: string;
  active: boolean;
}

export async function committee(tx: Tx, id: string): Promise<CommitteeRow | null> {
  const { rows } = await tx.client.query<CommitteeRow>('select id, name, street_code, active from committees where id = $1', [id]);
  return rows[0] ?? null;
}

export async function streetExists(tx: Tx, code: string): Promise<boolean> {
  return Boolean((await tx.client.query('select 1 from streets where code = $1', [code])).rowCount);
}

export interface SiteRow {
  id: string;
  name: string;
  kind: string;
  street_code: string | null;
  active: boolean;
}

export async function site(tx: Tx, id: string): Promise<SiteRow | null> {
  const { rows } = await tx.client.query<SiteRow>('select id, name, kind, street_code, active from safety_sites where id = $1', [id]);
  return rows[0] ?? null;
}

export interface OrganiserRow {
  key: string;
  name: string;
  street_code: string | null;
  street_name: string | null;
}

/** Active committees (of the given streets, or all). */
export async function committees(tx: Tx, streets: string[] | null): Promise<OrganiserRow[]> {
  const { rows } = await tx.client.query<OrganiserRow>(
    `select c.id::text as key, c.name, c.street_code, s.name as street_name from committees c join streets s on s.code = c.street_code
      where c.active and ($1::text[] is null or c.street_code = any ($1)) order by s.sort, c.code`,
    [streets],
  );
  return rows;
}

/** The streets' minor-protection stations: one per street. */
export async function stations(tx: Tx, streets: string[] | null): Promise<OrganiserRow[]> {
  const { rows } = await tx.client.query<OrganiserRow>(
    `select s.code as key, s.name || '未保站' as name, s.code as street_code, s.name as street_name from streets s
      where ($1::text[] is null or s.code = any ($1)) order by s.sort`,
    [streets],
  );
  return rows;
}

/** Active sites of the given kinds (schools, kindergartens). */
export async function schools(tx: Tx, streets: string[] | null, kinds: string[]): Promise<OrganiserRow[]> {
  const { rows } = await tx.client.query<OrganiserRow>(
    `select t.id::text as key, t.name, t.street_code, s.name as street_name from safety_sites t left join streets s on s.code = t.street_code
      where t.active and t.kind = any ($2::text[]) and ($1::text[] is null or t.street_code = any ($1)) order by s.sort nulls last, t.name, t.id`,
    [streets, kinds],
  );
  return rows;
}

export async function departments(tx: Tx): Promise<OrganiserRow[]> {
  const { rows } = await tx.client.query<OrganiserRow>(
    `select code as key, name, null::text as street_code, null::text as street_name from units where kind in ('department', 'district') and active order by sort, code`,
  );
  return rows;
}

export async function streetsOfCommittees(tx: Tx, ids: string[]): Promise<string[]> {
  const { rows } = await tx.client.query<{ street_code: string }>('select distinct street_code from committees where id = any ($1::uuid[])', [ids]);
  return rows.map((r) => r.street_code);
}

// ---- activities ----

export interface ActivityRow {
  id: string;
  title: string;
  kind: ActivityKind;
  organiser_kind: OrganiserKind;
  organiser_name: string;
  committee_id: string | null;
  committee_street: string | null;
  street_code: string | null;
  street_name: string | null;
  site_id: string | null;
  unit_code: string;
  unit_name: string;
  held_on: string;
  ends_on: string | null;
  place: string | null;
  status: ActivityStatus;
  cancel_reason: string | null;
  children_count: number;
  guardians_count: number;
  guardians_contacted: boolean;
  description: string | null;
  plan_tasks: number[];
  participants: number;
  attachments: number;
  version: number;
  created_at: Date;
}

const ACTIVITY_COLS = `a.id, a.title, a.kind, a.organiser_kind,
  case a.organiser_kind when 'committee' then c.name when 'station' then s.name || '未保站' when 'school' then t.name else u.name end as organiser_name,
  a.committee_id, c.street_code as committee_street, a.street_code, s.name as street_name, a.site_id, a.unit_code, u.name as unit_name,
  to_char(a.held_on, 'YYYY-MM-DD') as held_on, to_char(a.ends_on, 'YYYY-MM-DD') as ends_on, a.place, a.status, a.cancel_reason,
  a.children_count, a.guardians_count, a.guardians_contacted, a.description, a.plan_tasks,
  activity_participant_count(a.id) as participants,
  (select count(*)::int from activity_attachments x where x.activity_id = a.id) as attachments,
  a.version, a.created_at`;
const ACTIVITY_FROM = `activities a join units u on u.code = a.unit_code left join committees c on c.id = a.committee_id
  left join streets s on s.code = a.street_code left join safety_sites t on t.id = a.site_id`;

export async function activity(tx: Tx, id: string, lock = false): Promise<ActivityRow | null> {
  const { rows } = await tx.client.query<ActivityRow>(`select ${ACTIVITY_COLS} from ${ACTIVITY_FROM} where a.id = $1 ${lock ? 'for update of a' : ''}`, [id]);
  return rows[0] ?? null;
}

export interface ActivityFilter {
  organiserKind?: string;
  kind?: string;
  status?: string;
  street?: string;
  committeeId?: string;
  siteId?: string;
  from?: string;
  to?: string;
  q?: string;
}

export async function listActivities(tx: Tx, f: ActivityFilter, limit: number, offset: number): Promise<{ rows: ActivityRow[]; total: number }> {
  const where = `($1::text is null or a.organiser_kind = $1) and ($2::text is null or a.kind = $2) and ($3::text is null or a.status = $3)
    and ($4::text is null or a.street_code = $4) and ($5::uuid is null or a.committee_id = $5) and ($6::uuid is null or a.site_id = $6)
    and ($7::date is null or a.held_on >= $7) and ($8::date is null or a.held_on <= $8) and ($9::text is null or a.title ilike '%' || $9 || '%')`;
  const args = [
    f.organiserKind ?? null,
    f.kind ?? null,
    f.status ?? null,
    f.street ?? null,
    f.committeeId ?? null,
    f.siteId ?? null,
    f.from ?? null,
    f.to ?? null,
    f.q ? f.q.replace(/[\\%_]/g, (c) => `\\${c}`) : null,
  ];
  const total = Number(first((await tx.client.query<{ n: string }>(`select count(*) as n from activities a where ${where}`, args)).rows).n);
  const { rows } = await tx.client.query<ActivityRow>(
    `select ${ACTIVITY_COLS} from ${ACTIVITY_FROM} where ${where} order by a.held_on desc, a.created_at desc, a.id limit $10 offset $11`,
    [...args, limit, offset],
  );
  return { rows, total };
}

export interface ActivityValues {
  title: string;
  kind: string;
  organiserKind: string;
  committeeId: string | null;
  streetCode: string | null;
  siteId: string | null;
  unitCode: string;
  heldOn: string;
  endsOn: string | null;
  place: string | null;
  status: string;
  childrenCount: number;
  guardiansCount: number;
  guardiansContacted: boolean;
  description: string | null;
  planTasks: number[];
}

const VALUE_ARGS = (v: ActivityValues) => [
  v.title,
  v.kind,
  v.organiserKind,
  v.committeeId,
  v.streetCode,
  v.siteId,
  v.unitCode,
  v.heldOn,
  v.endsOn,
  v.place,
  v.status,
  v.childrenCount,
  v.guardiansCount,
  v.guardiansContacted,
  v.description,
  v.planTasks,
];

export async function insertActivity(tx: Tx, v: ActivityValues, by: string): Promise<string> {
  const { rows } = await tx.client.query<{ id: string }>(
    `insert into activities (title, kind, organiser_kind, committee_id, street_code, site_id, unit_code, held_on, ends_on, place, status,
                             children_count, guardians_count, guardians_contacted, description, plan_tasks, created_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) returning id`,
    [...VALUE_ARGS(v), by],
  );
  return first(rows).id;
}

export async function updateActivity(tx: Tx, id: string, version: number, v: ActivityValues): Promise<boolean> {
  const r = await tx.client.query(
    `update activities set title = $1, kind = $2, organiser_kind = $3, committee_id = $4, street_code = $5, site_id = $6, unit_code = $7,
            held_on = $8, ends_on = $9, place = $10, status = $11, children_count = $12, guardians_count = $13, guardians_contacted = $14,
            description = $15, plan_tasks = $16, updated_at = now(), version = version + 1
      where id = $17 and version = $18`,
    [...VALUE_ARGS(v), id, version],
  );
  return r.rowCount === 1;
}

export async function cancelActivity(tx: Tx, id: string, version: number, reason: string): Promise<boolean> {
  const r = await tx.client.query(
    `update activities set status = 'cancelled', cancel_reason = $3, updated_at = now(), version = version + 1 where id = $1 and version = $2`,
    [id, version, reason],
  );
  return r.rowCount === 1;
}

export async function completeActivity(
  tx: Tx,
  id: string,
  version: number,
  v: { childrenCount: number; guardiansCount: number; guardiansContacted: boolean },
): Promise<boolean> {
  const r = await tx.client.query(
    `update activities set status = 'done', children_count = $3, guardians_count = $4, guardians_contacted = $5, updated_at = now(), version = version + 1
      where id = $1 and version = $2`,
    [id, version, v.childrenCount, v.guardiansCount, v.guardiansContacted],
  );
  return r.rowCount === 1;
}

// ---- participants (row-level security: the child's area) ----

export interface ParticipantRow {
  id: string;
  child_id: string;
  child_name: string;
  committee_name: string;
  role: 'child' | 'guardian';
  member_id: string | null;
  member_name: string | null;
}

export async function participants(tx: Tx, activityId: string): Promise<ParticipantRow[]> {
  const { rows } = await tx.client.query<ParticipantRow>(
    `select p.id, p.child_id, ch.name as child_name, c.name as committee_name, p.role, p.member_id, m.name as member_name
       from activity_participants p join children ch on ch.id = p.child_id join committees c on c.id = p.committee_id
       left join household_members m on m.id = p.member_id
      where p.activity_id = $1 order by c.code, ch.name, p.role, p.id`,
    [activityId],
  );
  return rows;
}

/** The children among `ids` the caller reaches, with each one's first guardian on file. */
export async function reachableChildren(tx: Tx, ids: string[]): Promise<{ id: string; guardian_id: string | null }[]> {
  const { rows } = await tx.client.query<{ id: string; guardian_id: string | null }>(
    `select c.id, (select h.id from household_members h where h.child_id = c.id order by (h.role = 'guardian') desc, h.id limit 1) as guardian_id
       from children c where c.id = any ($1::uuid[])`,
    [ids],
  );
  return rows;
}

export async function insertParticipant(tx: Tx, activityId: string, childId: string, memberId: string | null, by: string): Promise<string | null> {
  const { rows } = await tx.client.query<{ id: string }>(
    `insert into activity_participants (activity_id, child_id, member_id, role, created_by) values ($1, $2, $3, $4, $5)
     on conflict do nothing returning id`,
    [activityId, childId, memberId, memberId ? 'guardian' : 'child', by],
  );
  return rows[0]?.id ?? null;
}

export async function participant(tx: Tx, activityId: string, id: string): Promise<{ id: string; child_id: string } | null> {
  const { rows } = await tx.client.query<{ id: string; child_id: string }>(
    'select id, child_id from activity_participants where id = $1 and activity_id = $2',
    [id, activityId],
  );
  return rows[0] ?? null;
}

export async function deleteParticipant(tx: Tx, id: string): Promise<boolean> {
  return (await tx.client.query('delete from activity_participants where id = $1', [id])).rowCount === 1;
}

export async function childVisible(tx: Tx, childId: string): Promise<boolean> {
  return Boolean((await tx.client.query('select 1 from children where id = $1', [childId])).rowCount);
}

export interface ChildActivityRow {
  participant_id: string;
  activity_id: string;
  title: string;
  kind: ActivityKind;
  organiser_name: string;
  held_on: string;
  status: ActivityStatus;
  role: 'child' | 'guardian';
  member_name: string | null;
}

export async function childActivities(tx: Tx, childId: string): Promise<ChildActivityRow[]> {
  const { rows } = await tx.client.query<ChildActivityRow>(
    `select p.id as participant_id, a.id as activity_id, a.title, a.kind,
            case a.organiser_kind when 'committee' then c.name when 'station' then s.name || '未保站' when 'school' then t.name else u.name end as organiser_name,
            to_char(a.held_on, 'YYYY-MM-DD') as held_on, a.status, p.role, m.name as member_name
       from activity_participants p join ${ACTIVITY_FROM} on a.id = p.activity_id left join household_members m on m.id = p.member_id
      where p.child_id = $1 order by a.held_on desc, a.id, p.role`,
    [childId],
  );
  return rows;
}

// ---- attachments ----

export interface AttachmentRow {
  id: string;
  kind: 'photo' | 'sign_in' | 'other';
  filename: string;
  mime: string;
  size_bytes: number;
  created_at: Date;
}

export async function attachments(tx: Tx, activityId: string): Promise<AttachmentRow[]> {
  const { rows } = await tx.client.query<AttachmentRow>(
    `select id, kind, filename, mime, size_bytes, created_at from activity_attachments where activity_id = $1 order by created_at, id`,
    [activityId],
  );
  return rows;
}

export async function insertAttachment(
  tx: Tx,
  activityId: string,
  f: { kind: string; filename: string; mime: string; data: Buffer; sha256: string },
  by: string,
): Promise<string> {
  const { rows } = await tx.client.query<{ id: string }>(
    `insert into activity_attachments (activity_id, kind, filename, mime, size_bytes, sha256, content, created_by) values ($1, $2, $3, $4, $5, $6, $7, $8) returning id`,
    [activityId, f.kind, f.filename, f.mime, f.data.length, f.sha256, f.data, by],
  );
  return first(rows).id;
}

export async function attachmentContent(tx: Tx, activityId: string, id: string): Promise<{ filename: string; mime: string; content: Buffer } | null> {
  const { rows } = await tx.client.query<{ filename: string; mime: string; content: Buffer }>(
    'select filename, mime, content from activity_attachments where id = $1 and activity_id = $2',
    [id, activityId],
  );
  return rows[0] ?? null;
}

export async function deleteAttachment(tx: Tx, activityId: string, id: string): Promise<boolean> {
  return (await tx.client.query('delete from activity_attachments where id = $1 and activity_id = $2', [id, activityId])).rowCount === 1;
}

// ---- cadence rules and the calendar ----

export interface RuleRow {
  code: string;
  name: string;
  name_en: string;
  organiser_kind: 'committee' | 'station' | 'school';
  activity_kinds: ActivityKind[];
  period: 'year' | 'quarter' | 'before_holiday';
  min_count: number;
  site_kinds: string[];
  require_guardian_contact: boolean;
  plan_task: number | null;
  active: boolean;
  note: string | null;
  version: number;
  updated_at: Date;
}

const RULE_ORDER = `order by coalesce(plan_task, 99), code`;

export async function rules(tx: Tx): Promise<RuleRow[]> {
  return (await tx.client.query<RuleRow>(`select * from cadence_rules ${RULE_ORDER}`)).rows;
}

export async function rule(tx: Tx, code: string): Promise<RuleRow | null> {
  return (await tx.client.query<RuleRow>('select * from cadence_rules where code = $1', [code])).rows[0] ?? null;
}

export async function updateRule(
  tx: Tx,
  code: string,
  version: number,
  v: {
    name: string;
    activityKinds: string[];
    period: string;
    minCount: number;
    siteKinds: string[];
    requireGuardianContact: boolean;
    active: boolean;
    note: string | null;
  },
  by: string,
): Promise<boolean> {
  const r = await tx.client.query(
    `update cadence_rules set name = $3, activity_kinds = $4, period = $5, min_count = $6, site_kinds = $7, require_guardian_contact = $8, active = $9,
            note = $10, updated_by = $11, updated_at = now(), version = version + 1
      where code = $1 and version = $2`,
    [code, version, v.name, v.activityKinds, v.period, v.minCount, v.siteKinds, v.requireGuardianContact, v.active, v.note, by],
  );
  return r.rowCount === 1;
}

export interface DefaultRule {
  code: string;
  name: string;
  nameEn: string;
  organiserKind: string;
  activityKinds: string[];
  period: string;
  minCount: number;
  siteKinds: string[];
  requireGuardianContact: boolean;
  planTask: number;
  note: string;
}

/** Start-up defaults: a rule missing is added; one an administrator edited stays as edited. */
export async function insertDefaultRule(client: pg.ClientBase, r: DefaultRule): Promise<void> {
  await client.query(
    `insert into cadence_rules (code, name, name_en, organiser_kind, activity_kinds, period, min_count, site_kinds, require_guardian_contact, plan_task, note)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) on conflict (code) do nothing`,
    [r.code, r.name, r.nameEn, r.organiserKind, r.activityKinds, r.period, r.minCount, r.siteKinds, r.requireGuardianContact, r.planTask, r.note],
  );
}

export async function holidays(tx: Tx): Promise<{ starts_on: string; ends_on: string }[]> {
  const { rows } = await tx.client.query<{ starts_on: string; ends_on: string }>(
    `select to_char(starts_on, 'YYYY-MM-DD') as starts_on, to_char(ends_on, 'YYYY-MM-DD') as ends_on from school_holidays order by starts_on`,
  );
  return rows;
}

export interface DoneRow {
  organiser: string;
  held_on: string;
  kind: string;
  guardians_contacted: boolean;
}

/** Done activities of one organiser kind held in [from, to]; the organiser key as the engine wants it. */
export async function doneActivities(tx: Tx, organiserKind: string, from: string, to: string): Promise<DoneRow[]> {
  const key = organiserKind === 'committee' ? 'a.committee_id::text' : organiserKind === 'station' ? 'a.street_code' : 'a.site_id::text';
  const { rows } = await tx.client.query<DoneRow>(
    `select ${key} as organiser, to_char(a.held_on, 'YYYY-MM-DD') as held_on, a.kind, a.guardians_contacted
       from activities a where a.status = 'done' and a.organiser_kind = $1 and a.held_on between $2 and $3`,
    [organiserKind, from, to],
  );
  return rows;
}

/** 督办: the activities held this year marked with a plan task (indicators.ts registers one per task). */
export const heldCountSql = (task: number) => {
  const held = `a.status = 'done' and ${task} = any (a.plan_tasks) and a.held_on between date_trunc('year', $1::date)::date and $1::date`;
  return `select s.code as street_code, count(a.id) as num, null::numeric as den, null::numeric as val
            from streets s left join activities a on a.street_code = s.code and ${held}
           where s.code = any ($2::text[]) group by s.code
          union all
          select null, count(*), null, null from activities a
           where ${held} and (a.street_code = any ($2::text[]) or (a.street_code is null and (select count(*) from streets) <= cardinality($2::text[])))`;
};

// ---- 督办 indicators (registered in indicators.ts): their SQL, with the module's other SQL ----

const BY_STREET = 'group by grouping sets ((x.street_code), ())';

export const indicatorSqlCommitteeSafety = `with r as (select activity_kinds, min_count from cadence_rules where code = 'committee-safety-yearly'),
             x as (select c.street_code,
                          (select count(*) from activities a, r where a.committee_id = c.id and a.organiser_kind = 'committee' and a.status = 'done'
                              and a.kind = any (r.activity_kinds) and a.held_on between date_trunc('year', $1::date)::date and $1::date) >= (select min_count from r) as ok
                     from committees c where c.active and c.street_code = any ($2::text[]) and exists (select 1 from r))
        select x.street_code, count(*) filter (where x.ok) as num, count(*) as den, null::numeric as val from x ${BY_STREET}`;

export const indicatorSqlStationQuarterly = `with r as (select activity_kinds, min_count from cadence_rules where code = 'station-quarterly'),
             q as (select (date_trunc('quarter', $1::date + 1) - interval '1 day')::date as e),
             x as (select s.code as street_code,
                          (select count(*) from activities a, r, q where a.street_code = s.code and a.organiser_kind = 'station' and a.status = 'done'
                              and a.kind = any (r.activity_kinds) and a.held_on between date_trunc('quarter', q.e)::date and q.e) >= (select min_count from r) as ok
                     from streets s where s.code = any ($2::text[]) and exists (select 1 from r))
        select x.street_code, count(*) filter (where x.ok) as num, count(*) as den, null::numeric as val from x ${BY_STREET}`;

export const indicatorSqlSchoolPreHoliday = `with r as (select activity_kinds, min_count, site_kinds, require_guardian_contact from cadence_rules where code = 'school-before-holiday'),
             h as (select starts_on from school_holidays where starts_on <= $1::date order by starts_on desc limit 1),
             p as (select coalesce((select y.ends_on + 1 from school_holidays y where y.starts_on < h.starts_on order by y.starts_on desc limit 1),
                                   h.starts_on - 367) as s, h.starts_on - 1 as e from h),
             x as (select t.street_code,
                          (select count(*) from activities a where a.site_id = t.id and a.organiser_kind = 'school' and a.status = 'done'
                              and a.kind = any (r.activity_kinds) and (not r.require_guardian_contact or a.guardians_contacted)
                              and a.held_on between p.s and p.e) >= r.min_count as ok
                     from safety_sites t, p, r where t.active and t.kind = any (r.site_kinds) and t.street_code = any ($2::text[]))
        select x.street_code, count(*) filter (where x.ok) as num, count(*) as den, null::numeric as val from x ${BY_STREET}`;
