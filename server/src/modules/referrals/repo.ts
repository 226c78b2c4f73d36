/**
 * All of the referrals module's SQL. Rows are typed as PostgreSQL returns them; presenters.ts turns
 * them into API shapes. Every query runs in the caller's transaction, under the referrals' policy
 * (sender's area, sending or receiving unit; 暖杨通道 only sender, receivers and the district).
 */
import type { WorkCalendarDay } from '#common/referralAdmin.js';
import type { ReceiverUpsert, ReferralCompletion, ReferralSection } from '#common/referrals.js';
import type pg from 'pg';
import type { Tx } from '../../core/context.js';
import type { Calendar } from './deadlines.js';

export interface KindRow {
  code: string;
  name: string;
  name_en: string;
  sections: ReferralSection[];
  completion: ReferralCompletion;
  default_days: number;
  channel: boolean;
  active: boolean;
  sort: number;
}

export interface SettingsRow {
  access_days_after: number;
  ack_working_days: number;
  channel_ack_hours: number;
  remind_before_days: number;
  district_after_days: number;
}

export interface ReferralRow {
  id: string;
  no: string;
  child_id: string;
  /** null when the caller no longer sees the child (a receiving unit after the access window). */
  child_name: string | null;
  street_code: string;
  street_name: string;
  committee_id: string;
  committee_name: string;
  member_id: string | null;
  kind: string;
  kind_name: string;
  policy_id: string | null;
  policy_name: string | null;
  channel: boolean;
  from_unit: string;
  from_unit_name: string;
  from_user: string | null;
  from_user_name: string | null;
  to_unit: string;
  to_unit_name: string;
  reason: string;
  urgency: 'normal' | 'urgent' | 'emergency';
  status: 'sent' | 'received' | 'accepted' | 'declined' | 'in_progress' | 'completed' | 'closed' | 'withdrawn';
  ack_due_at: Date;
  due_on: string;
  received_at: Date | null;
  accepted_at: Date | null;
  ended_at: Date | null;
  closed_at: Date | null;
  decline_reason: string | null;
  outcome: string | null;
  outcome_result: 'done' | 'partly' | 'not_possible' | null;
  source_kind: 'entitlement' | 'problem' | 'dropout' | 'intervention' | null;
  source_id: string | null;
  escalation_level: number;
  reminded_at: Date | null;
  created_at: Date;
  updated_at: Date;
  version: number;
  overdue: boolean;
}

const SELECT = `
  select r.id, r.no::text, r.child_id, c.name as child_name, r.street_code, s.name as street_name, r.committee_id, cm.name as committee_name,
         r.member_id, r.kind, k.name as kind_name, r.policy_id, pn.name_zh as policy_name, r.channel, r.from_unit, fu.name as from_unit_name, r.from_user, u.display_name as from_user_name,
         r.to_unit, tu.name as to_unit_name, r.reason, r.urgency, r.status, r.ack_due_at, to_char(r.due_on, 'YYYY-MM-DD') as due_on,
         r.received_at, r.accepted_at, r.ended_at, r.closed_at, r.decline_reason, r.outcome, r.outcome_result, r.source_kind, r.source_id,
         r.escalation_level, r.reminded_at, r.created_at, r.updated_at, r.version,
         (r.status in ('sent', 'received', 'accepted', 'in_progress')
           and ((r.status = 'sent' and r.ack_due_at < now()) or r.due_on < $TODAY::date)) as overdue
    from referrals r
    join referral_kinds k on k.code = r.kind
    join units fu on fu.code = r.from_unit
    join units tu on tu.code = r.to_unit
    join streets s on s.code = r.street_code
    join committees cm on cm.id = r.committee_id
    left join children c on c.id = r.child_id
    left join users u on u.id = r.from_user
    left join eligibility_policy_names pn on pn.policy_id = r.policy_id`;

/** The SELECT with the day the overdue flag is computed for bound at `$n`. */
export const selectWith = (todayParam: number) => SELECT.replace('$TODAY', `$${todayParam}`);

export async function kinds(tx: Tx, includeInactive = true): Promise<KindRow[]> {
  return (
    await tx.client.query<KindRow>(
      `select code, name, name_en, sections, completion, default_days, channel, active, sort from referral_kinds
        where $1 or active order by sort, code`,
      [includeInactive],
    )
  ).rows;
}

export async function kind(tx: Tx, code: string): Promise<KindRow | null> {
  return (await kindsByCode(tx, [code]))[0] ?? null;
}

export async function kindsByCode(tx: Tx, codes: string[]): Promise<KindRow[]> {
  return (
    await tx.client.query<KindRow>(
      'select code, name, name_en, sections, completion, default_days, channel, active, sort from referral_kinds where code = any ($1::text[])',
      [codes],
    )
  ).rows;
}

export async function updateKind(tx: Tx, code: string, k: { sections: string[]; defaultDays: number; active: boolean }): Promise<void> {
  await tx.client.query('update referral_kinds set sections = $2, default_days = $3, active = $4, updated_at = now() where code = $1', [
    code,
    k.sections,
    k.defaultDays,
    k.active,
  ]);
}

export async function settings(tx: Tx): Promise<SettingsRow> {
  const row = (
    await tx.client.query<SettingsRow>(
      'select access_days_after, ack_working_days, channel_ack_hours, remind_before_days, district_after_days from referral_settings',
    )
  ).rows[0];
  if (!row) throw new Error('referral_settings has no row (migration 20261204_1100)');
  return row;
}

export async function updateSettings(tx: Tx, s: SettingsRow): Promise<void> {
  await tx.client.query(
    `update referral_settings set access_days_after = $1, ack_working_days = $2, channel_ack_hours = $3, remind_before_days = $4,
            district_after_days = $5, updated_at = now()`,
    [s.access_days_after, s.ack_working_days, s.channel_ack_hours, s.remind_before_days, s.district_after_days],
  );
}

/** The calendar's exceptions within [from, to]. */
export async function calendar(tx: Tx, from: string, to: string): Promise<Calendar> {
  const rows = (
    await tx.client.query<{ day: string; kind: 'holiday' | 'workday' }>(
      `select to_char(day, 'YYYY-MM-DD') as day, kind from work_calendar where day between $1::date and $2::date`,
      [from, to],
    )
  ).rows;
  return {
    holidays: new Set(rows.filter((r) => r.kind === 'holiday').map((r) => r.day)),
    workdays: new Set(rows.filter((r) => r.kind === 'workday').map((r) => r.day)),
  };
}

export interface UnitRow {
  code: string;
  name: string;
  kind: string;
  active: boolean;
  street_code: string | null;
}

export async function unit(tx: Tx, code: string): Promise<UnitRow | null> {
  return (await unitsByCode(tx, [code]))[0] ?? null;
}

export async function unitsByCode(tx: Tx, codes: string[]): Promise<UnitRow[]> {
  return (await tx.client.query<UnitRow>('select code, name, kind, active, street_code from units where code = any ($1::text[])', [codes])).rows;
}

/** The child as the caller sees it under the generic scope (the sender must see the child). */
export interface SenderChildRow {
  id: string;
  name: string;
  birth_date: string;
  street_code: string;
  committee_id: string;
  street_name: string;
  committee_name: string;
}

export async function childForSender(tx: Tx, id: string): Promise<SenderChildRow | null> {
  return (await childrenForSender(tx, [id]))[0] ?? null;
}

export async function childrenForSender(tx: Tx, ids: string[]): Promise<SenderChildRow[]> {
  return (
    await tx.client.query<SenderChildRow>(
      `select c.id, c.name, to_char(c.birth_date, 'YYYY-MM-DD') as birth_date, c.street_code, c.committee_id, s.name as street_name, cm.name as committee_name
         from children c join streets s on s.code = c.street_code join committees cm on cm.id = c.committee_id where c.id = any ($1::uuid[])`,
      [ids],
    )
  ).rows;
}

export async function memberOfChild(tx: Tx, memberId: string, childId: string): Promise<boolean> {
  return (await tx.client.query('select 1 from household_members where id = $1 and child_id = $2', [memberId, childId])).rowCount === 1;
}

export interface NewReferral {
  /** Made by the caller (crypto.randomUUID), so that a batch knows which row is which. */
  id: string;
  childId: string;
  memberId: string | null;
  kind: string;
  policyId: string | null;
  channel: boolean;
  fromUnit: string;
  fromUser: string | null;
  toUnit: string;
  reason: string;
  urgency: string;
  ackDueAt: Date;
  dueOn: string;
  sourceKind: 'entitlement' | 'problem' | 'dropout' | 'intervention' | null;
  sourceId: string | null;
}

/** Any number of referrals in one statement, in the order given (their numbers follow it). */
export async function insertReferrals(tx: Tx, rs: NewReferral[]): Promise<void> {
  const col = <K extends keyof NewReferral>(k: K) => rs.map((r) => r[k]);
  await tx.client.query(
    // street_code and committee_id come from the child (trigger copy_area_from_child)
    `insert into referrals (id, child_id, member_id, kind, policy_id, channel, from_unit, from_user, to_unit, reason, urgency, ack_due_at, due_on, source_kind, source_id)
     select id, child_id, member_id, kind, policy_id, channel, from_unit, from_user, to_unit, reason, urgency, ack_due_at, due_on, source_kind, source_id
       from unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::boolean[], $7::text[], $8::uuid[], $9::text[], $10::text[], $11::text[],
                   $12::timestamptz[], $13::date[], $14::text[], $15::uuid[])
            with ordinality as r(id, child_id, member_id, kind, policy_id, channel, from_unit, from_user, to_unit, reason, urgency, ack_due_at, due_on,
                                 source_kind, source_id, n)
      order by n`,
    [
      col('id'),
      col('childId'),
      col('memberId'),
      col('kind'),
      col('policyId'),
      col('channel'),
      col('fromUnit'),
      col('fromUser'),
      col('toUnit'),
      col('reason'),
      col('urgency'),
      col('ackDueAt'),
      col('dueOn'),
      col('sourceKind'),
      col('sourceId'),
    ],
  );
}

export async function byId(tx: Tx, id: string, today: string, forUpdate = false): Promise<ReferralRow | null> {
  if (forUpdate) {
    const locked = await tx.client.query('select 1 from referrals where id = $1 for update', [id]);
    if (!locked.rowCount) return null;
  }
  return (await tx.client.query<ReferralRow>(`${selectWith(2)} where r.id = $1`, [id, today])).rows[0] ?? null;
}

export interface StepWrite {
  status: string;
  receivedAt?: boolean;
  acceptedAt?: boolean;
  ended?: boolean;
  closed?: boolean;
  declineReason?: string | null;
  outcome?: string | null;
  outcomeResult?: string | null;
}

export async function writeStep(tx: Tx, id: string, w: StepWrite): Promise<void> {
  await tx.client.query(
    `update referrals set status = $2,
            received_at = case when $3 and received_at is null then now() else received_at end,
            accepted_at = case when $4 then now() else accepted_at end,
            ended_at = case when $5 then now() else ended_at end,
            closed_at = case when $6 then now() else closed_at end,
            decline_reason = coalesce($7, decline_reason),
            outcome = coalesce($8, outcome),
            outcome_result = coalesce($9, outcome_result),
            updated_at = now(), version = version + 1
      where id = $1`,
    [id, w.status, !!w.receivedAt, !!w.acceptedAt, !!w.ended, !!w.closed, w.declineReason ?? null, w.outcome ?? null, w.outcomeResult ?? null],
  );
}

export interface EventWrite {
  referralId: string;
  by: { userId: string | null; username: string | null; displayName: string | null; unitCode: string | null };
  kind: 'status' | 'comment' | 'reminder' | 'escalation' | 'view';
  from?: string | null;
  to?: string | null;
  note?: string | null;
}

export async function insertEvent(tx: Tx, e: EventWrite): Promise<void> {
  await insertEvents(tx, [e]);
}

/** Any number of events in one statement, in the order given. */
export async function insertEvents(tx: Tx, es: EventWrite[]): Promise<void> {
  await tx.client.query(
    `insert into referral_events (referral_id, user_id, username, display_name, unit_code, kind, from_status, to_status, note)
     select referral_id, user_id, username, display_name, unit_code, kind, from_status, to_status, note
       from unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
            with ordinality as e(referral_id, user_id, username, display_name, unit_code, kind, from_status, to_status, note, n)
      order by n`,
    [
      es.map((e) => e.referralId),
      es.map((e) => e.by.userId),
      es.map((e) => e.by.username),
      es.map((e) => e.by.displayName),
      es.map((e) => e.by.unitCode),
      es.map((e) => e.kind),
      es.map((e) => e.from ?? null),
      es.map((e) => e.to ?? null),
      es.map((e) => e.note ?? null),
    ],
  );
}

export interface EventRow {
  id: string;
  at: Date;
  kind: 'status' | 'comment' | 'reminder' | 'escalation' | 'view';
  display_name: string | null;
  username: string | null;
  unit_name: string | null;
  from_status: string | null;
  to_status: string | null;
  note: string | null;
}

export async function events(tx: Tx, referralId: string): Promise<EventRow[]> {
  return (
    await tx.client.query<EventRow>(
      `select e.id::text, e.at, e.kind, e.display_name, e.username, un.name as unit_name, e.from_status, e.to_status, e.note
         from referral_events e left join units un on un.code = e.unit_code
        where e.referral_id = $1 and e.kind <> 'view' order by e.at, e.id`,
      [referralId],
    )
  ).rows;
}

/** Links attachments to referrals (pairs of a referral and an attachment), in one statement. */
export async function linkAttachments(tx: Tx, links: { referralId: string; attachmentId: string }[]): Promise<void> {
  if (!links.length) return;
  await tx.client.query('insert into referral_attachments (referral_id, attachment_id) select * from unnest($1::uuid[], $2::uuid[]) on conflict do nothing', [
    links.map((l) => l.referralId),
    links.map((l) => l.attachmentId),
  ]);
}

/** The unit's receivers entry (service directory), if any. */
export interface ReceiverEntryRow {
  kinds: string[];
  min_age: number | null;
  max_age: number | null;
  streets: string[];
  active: boolean;
}

export async function receiverOf(tx: Tx, unitCode: string): Promise<ReceiverEntryRow | null> {
  return (
    (await tx.client.query<ReceiverEntryRow>('select kinds, min_age, max_age, streets, active from referral_receivers where unit_code = $1', [unitCode]))
      .rows[0] ?? null
  );
}

/** Active users of `unit` holding `permission` through one of their roles (the addressees of a referral). */
export async function usersOfUnitWith(tx: Tx, unitCode: string, permission: string): Promise<string[]> {
  return (await usersOfUnitsWith(tx, [unitCode], permission)).get(unitCode) ?? [];
}

/** usersOfUnitWith for several units in one statement: each unit's users (ordered by id). */
export async function usersOfUnitsWith(tx: Tx, unitCodes: string[], permission: string): Promise<Map<string, string[]>> {
  const { rows } = await tx.client.query<{ unit_code: string; id: string }>(
    `select distinct u.unit_code, u.id from users u
      where u.unit_code = any ($1::text[]) and not u.disabled
        and exists (select 1 from user_roles ur join roles r on r.code = ur.role_code where ur.user_id = u.id and $2 = any (r.permissions))
      order by u.unit_code, u.id`,
    [unitCodes, permission],
  );
  const byUnit = new Map<string, string[]>();
  for (const r of rows) byUnit.set(r.unit_code, [...(byUnit.get(r.unit_code) ?? []), r.id]);
  return byUnit;
}

export interface ListFilter {
  box: 'incoming' | 'outgoing' | 'area';
  bucket: 'new' | 'due_soon' | 'overdue' | 'in_progress' | 'done' | 'all';
  kind?: string;
  childId?: string;
  unit: string;
  userId: string;
  today: string;
  /** The last day counted as "due soon" (today + the reminder days, in working days). */
  soonUntil: string;
}

const OPEN = `r.status in ('sent', 'received', 'accepted', 'in_progress')`;
/** $1 is always today's date in these conditions. */
const OVERDUE = `(${OPEN} and ((r.status = 'sent' and r.ack_due_at < now()) or r.due_on < $1::date))`;
const bucketSql = (b: ListFilter['bucket'], soon: string): string =>
  ({
    new: `r.status = 'sent' and not ${OVERDUE}`,
    due_soon: `${OPEN} and not ${OVERDUE} and r.due_on <= ${soon}::date`,
    overdue: OVERDUE,
    in_progress: `r.status in ('received', 'accepted', 'in_progress') and not ${OVERDUE}`,
    done: `r.status not in ('sent', 'received', 'accepted', 'in_progress')`,
    all: 'true',
  })[b];

/** The box's condition with its parameters numbered after today ($1) and the "soon" day ($2). */
function boxWhere(f: ListFilter): { sql: string; params: unknown[] } {
  const params: unknown[] = [f.today, f.soonUntil];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const parts: string[] = [];
  if (f.box === 'incoming') parts.push(`r.to_unit = ${p(f.unit)}`);
  else if (f.box === 'outgoing') parts.push(`(r.from_unit = ${p(f.unit)} or r.from_user = ${p(f.userId)}::uuid)`);
  // area: the referrals' policy decides (the caller's streets, committees, assigned children)
  if (f.kind) parts.push(`r.kind = ${p(f.kind)}`);
  if (f.childId) parts.push(`r.child_id = ${p(f.childId)}::uuid`);
  // $1 and $2 are used by the buckets and the counts; reference both here so every query binds the
  // same list (the bucket 'all' names neither: PostgreSQL cannot type an unreferenced parameter)
  parts.push('$1::date is not null and $2::date is not null');
  return { sql: parts.join(' and '), params };
}

export async function list(tx: Tx, f: ListFilter, limit: number, offset: number): Promise<{ rows: ReferralRow[]; total: number }> {
  const box = boxWhere(f);
  const where = `${box.sql} and ${bucketSql(f.bucket, '$2')}`;
  const total = Number((await tx.client.query<{ n: string }>(`select count(*)::text as n from referrals r where ${where}`, box.params)).rows[0]?.n ?? 0);
  const rows = (
    await tx.client.query<ReferralRow>(
      `${selectWith(1)} where ${where}
        order by (${OVERDUE}) desc, case r.urgency when 'emergency' then 0 when 'urgent' then 1 else 2 end, r.due_on, r.created_at desc
        limit ${Number(limit)} offset ${Number(offset)}`,
      box.params,
    )
  ).rows;
  return { rows, total };
}

export async function counts(tx: Tx, f: ListFilter): Promise<{ new: number; dueSoon: number; overdue: number; inProgress: number; done: number }> {
  const box = boxWhere(f);
  const b = (k: ListFilter['bucket']) => bucketSql(k, '$2');
  const row = (
    await tx.client.query<Record<string, string>>(
      `select count(*) filter (where ${b('new')})::text as new, count(*) filter (where ${b('due_soon')})::text as due_soon,
              count(*) filter (where ${b('overdue')})::text as overdue, count(*) filter (where ${b('in_progress')})::text as in_progress,
              count(*) filter (where ${b('done')})::text as done
         from referrals r where ${box.sql}`,
      box.params,
    )
  ).rows[0];
  const n = (k: string) => Number(row?.[k] ?? 0);
  return { new: n('new'), dueSoon: n('due_soon'), overdue: n('overdue'), inProgress: n('in_progress'), done: n('done') };
}

/** Whether the caller's unit may open the child through this referral now (open, or within the window). */
export async function accessUntil(tx: Tx, referralId: string, unit: string): Promise<{ open: boolean; until: Date | null } | null> {
  return (
    (
      await tx.client.query<{ open: boolean; until: Date | null }>(
        `select (r.status in ('sent', 'received', 'accepted', 'in_progress')
                 or (r.status <> 'withdrawn' and r.ended_at > now() - make_interval(days => s.access_days_after))) as open,
                case when r.ended_at is null then null else r.ended_at + make_interval(days => s.access_days_after) end as until
           from referrals r, referral_settings s where r.id = $1 and r.to_unit = $2`,
        [referralId, unit],
      )
    ).rows[0] ?? null
  );
}

/** Of `ids`, the attachments of `childId` the caller can see (RLS): the ones a referral may carry. */
export async function attachmentsOfChild(tx: Tx, ids: string[], childId: string): Promise<Set<string>> {
  const { rows } = await tx.client.query<{ id: string }>('select id from attachments where id = any ($1::uuid[]) and child_id = $2', [ids, childId]);
  return new Set(rows.map((r) => r.id));
}

export interface ReferralAttachmentRow {
  id: string;
  filename: string;
  mime: string;
  size_bytes: number;
}

/** The attachments a referral carries that the caller can read. */
export async function attachmentsOf(tx: Tx, referralId: string): Promise<ReferralAttachmentRow[]> {
  return (
    await tx.client.query<ReferralAttachmentRow>(
      `select a.id, a.filename, a.mime, a.size_bytes from referral_attachments ra join attachments a on a.id = ra.attachment_id
        where ra.referral_id = $1 order by a.created_at, a.id`,
      [referralId],
    )
  ).rows;
}

export interface AttachmentContentRow {
  id: string;
  child_id: string;
  filename: string;
  mime: string;
  content: Buffer;
}

/** One attachment's content, if the referral carries it and the caller can read it. */
export async function referralAttachmentContent(tx: Tx, referralId: string, attachmentId: string): Promise<AttachmentContentRow | null> {
  return (
    (
      await tx.client.query<AttachmentContentRow>(
        `select a.id, a.child_id, a.filename, a.mime, a.content from referral_attachments ra join attachments a on a.id = ra.attachment_id
          where ra.referral_id = $1 and ra.attachment_id = $2`,
        [referralId, attachmentId],
      )
    ).rows[0] ?? null
  );
}

/** A unit's entry of the default service directory, when the unit exists and has none yet (at start). */
export async function insertFirstReceiver(client: pg.ClientBase, r: { unit: string; kinds: string[]; services: string }): Promise<void> {
  await client.query(
    `insert into referral_receivers (unit_code, kinds, services) select $1, $2, $3 where exists (select 1 from units where code = $1)
     on conflict (unit_code) do nothing`,
    [r.unit, r.kinds, r.services],
  );
}

// ---- the child as a receiving unit sees it (childView.ts) ----
/**
 * The SQL of the child as a receiving unit sees it through a referral (GET /api/referrals/:id/child).
 * Every statement runs under `inScope(..., { referrals: true })`: row-level security lets through
 * only the sections the unit's open referrals declare; the query layer asks only for the sections of
 * the referral at hand, and reads only the columns of the children row its presenter shows.
 */

/** The referral's child, its kind's sections and what it carries, when it is addressed to `unit`. */
export interface ViewReferralRow {
  id: string;
  child_id: string;
  sections: string[];
  policy_id: string | null;
  source_kind: string | null;
  source_id: string | null;
}

export async function referralForView(tx: Tx, referralId: string, unit: string): Promise<ViewReferralRow | null> {
  return (
    (
      await tx.client.query<ViewReferralRow>(
        `select r.id, r.child_id, k.sections, r.policy_id, r.source_kind, r.source_id
           from referrals r join referral_kinds k on k.code = r.kind where r.id = $1 and r.to_unit = $2`,
        [referralId, unit],
      )
    ).rows[0] ?? null
  );
}

/** Only the columns of the children row a receiving unit may be shown (never notes, HIV, addresses). */
export interface ViewChildRow {
  id: string;
  name: string;
  sex: string;
  birth_date: string;
  id_number_enc: string | null;
  street_name: string;
  committee_name: string;
  school_stage: string | null;
  school_name: string | null;
  school_grade: string | null;
  disability_type: string | null;
  disability_grade: number | null;
  serious_illness: string | null;
}

export async function child(tx: Tx, id: string): Promise<ViewChildRow | null> {
  return (
    (
      await tx.client.query<ViewChildRow>(
        `select c.id, c.name, c.sex, to_char(c.birth_date, 'YYYY-MM-DD') as birth_date, c.id_number_enc, s.name as street_name, cm.name as committee_name,
                c.school_stage, c.school_name, c.school_grade, c.disability_type, c.disability_grade, c.serious_illness
           from children c join streets s on s.code = c.street_code join committees cm on cm.id = c.committee_id
          where c.id = $1`,
        [id],
      )
    ).rows[0] ?? null
  );
}

export interface ViewCategoryRow {
  category: string;
  since: string | null;
}

/** The categories in force. */
export async function categories(tx: Tx, childId: string): Promise<ViewCategoryRow[]> {
  return (
    await tx.client.query<ViewCategoryRow>(
      `select category, to_char(since, 'YYYY-MM-DD') as since from child_categories where child_id = $1 and until is null order by since, category`,
      [childId],
    )
  ).rows;
}

export interface ViewMemberRow {
  id: string;
  name: string;
  relation: string;
  role: string;
  status: string;
  phone_enc: string | null;
}

export async function members(tx: Tx, childId: string): Promise<ViewMemberRow[]> {
  return (
    await tx.client.query<ViewMemberRow>(
      `select id, name, relation, role, status, phone_enc from household_members where child_id = $1
        order by case role when 'guardian' then 0 when 'caregiver' then 1 else 2 end, relation, created_at, id`,
      [childId],
    )
  ).rows;
}

export interface ViewEntitlementRow {
  id: string;
  policy_id: string;
  policy_name: string | null;
  status: string;
  from_date: string | null;
  version: number;
}

/**
 * The child's entitlements; only the one the referral carries (`entitlementId`) or those of the
 * policy it applies for (`policyId`) when it names one.
 */
export async function entitlements(tx: Tx, childId: string, only: { entitlementId: string | null; policyId: string | null }): Promise<ViewEntitlementRow[]> {
  return (
    await tx.client.query<ViewEntitlementRow>(
      `select e.id, e.policy_id, pn.name_zh as policy_name, e.status, to_char(e.from_date, 'YYYY-MM-DD') as from_date, e.version
         from entitlements e left join eligibility_policy_names pn on pn.policy_id = e.policy_id
        where e.child_id = $1 and ($2::uuid is null or e.id = $2::uuid) and ($3::text is null or e.policy_id = $3)
        order by e.created_at desc, e.id`,
      [childId, only.entitlementId, only.policyId],
    )
  ).rows;
}

export interface ViewProblemRow {
  id: string;
  category: string;
  description: string;
  status: string;
  due_on: string | null;
}

/** The child's problems; only the one the referral carries (an escalated problem) when it names one. */
export async function problems(tx: Tx, childId: string, onlyId: string | null): Promise<ViewProblemRow[]> {
  return (
    await tx.client.query<ViewProblemRow>(
      `select id, category, description, status, to_char(due_on, 'YYYY-MM-DD') as due_on from problems
        where child_id = $1 and ($2::uuid is null or id = $2::uuid) order by created_at desc, id`,
      [childId, onlyId],
    )
  ).rows;
}

export interface ViewAssistanceRow {
  id: string;
  kind: string;
  description: string;
  given_on: string;
  provider_name: string;
}

export async function assistance(tx: Tx, childId: string): Promise<ViewAssistanceRow[]> {
  return (
    await tx.client.query<ViewAssistanceRow>(
      `select id, kind, description, to_char(given_on, 'YYYY-MM-DD') as given_on, provider_name from assistance where child_id = $1 order by given_on desc, id`,
      [childId],
    )
  ).rows;
}

/** 监护: the child's intervention steps (guardianship_interventions, under the 'guardianship' section's row-level security). */
export interface ViewInterventionRow {
  id: string;
  kind: string;
  status: string;
  unit_name: string | null;
  decided_on: string | null;
  reason: string;
  outcome_note: string | null;
  sessions_required: number | null;
  attended: number;
  missed: number;
  created_on: string;
  referral_id: string | null;
}

export async function interventions(tx: Tx, childId: string): Promise<ViewInterventionRow[]> {
  return (
    await tx.client.query<ViewInterventionRow>(
      `select i.id, i.kind, i.status, u.name as unit_name, to_char(i.decided_on, 'YYYY-MM-DD') as decided_on, i.reason, i.outcome_note, i.sessions_required,
              (select count(*)::int from guidance_sessions g where g.intervention_id = i.id and g.attended) as attended,
              (select count(*)::int from guidance_sessions g where g.intervention_id = i.id and g.attended = false) as missed,
              to_char((i.created_at at time zone 'Asia/Shanghai')::date, 'YYYY-MM-DD') as created_on, i.referral_id
         from guardianship_interventions i left join units u on u.code = i.unit_code
        where i.child_id = $1 order by i.created_at, i.id`,
      [childId],
    )
  ).rows;
}

/** The latest assessed assessment's grade (never its narrative, answers or scores). */
export interface ViewAssessmentRow {
  grade: string;
  effect: string | null;
  assessed_on: string;
}

export async function latestAssessment(tx: Tx, childId: string): Promise<ViewAssessmentRow | null> {
  return (
    (
      await tx.client.query<ViewAssessmentRow>(
        `select grade, grade_effect as effect, to_char(assessed_on, 'YYYY-MM-DD') as assessed_on from guardianship_assessments
          where child_id = $1 and status in ('assessed', 'returned', 'archived') and grade is not null
          order by assessed_on desc, created_at desc limit 1`,
        [childId],
      )
    ).rows[0] ?? null
  );
}

// ---- flows (referrals that follow a record decided elsewhere) ----

/** The referrals in `statuses` that carry a record (an entitlement, a problem, a dropout), oldest first. */
export async function referralsOfSource(tx: Tx, kind: string, id: string, statuses: string[]): Promise<{ id: string; to_unit: string }[]> {
  return (
    await tx.client.query<{ id: string; to_unit: string }>(
      'select id, to_unit from referrals where source_kind = $1 and source_id = $2 and status = any ($3::text[]) order by created_at',
      [kind, id, statuses],
    )
  ).rows;
}

/** The codes among `codes` of units that exist and are active. */
export async function activeUnitCodes(tx: Tx, codes: string[]): Promise<string[]> {
  return (await tx.client.query<{ code: string }>('select code from units where code = any ($1::text[]) and active', [codes])).rows.map((r) => r.code);
}

/** For each of the children, the units holding a referral of `kind` about it in `statuses`. */
export async function unitsWithReferralOf(tx: Tx, childIds: string[], kind: string, statuses: string[]): Promise<{ child_id: string; to_unit: string }[]> {
  return (
    await tx.client.query<{ child_id: string; to_unit: string }>(
      'select child_id, to_unit from referrals where child_id = any ($1::uuid[]) and kind = $2 and status = any ($3::text[])',
      [childIds, kind, statuses],
    )
  ).rows;
}

// ---- the deadline job ----

/** An open referral the deadline job may remind or escalate. */
export interface DeadlineCandidate {
  id: string;
  child_id: string;
  child_name: string | null;
  street_code: string;
  street_name: string;
  committee_name: string;
  kind: string;
  kind_name: string;
  channel: boolean;
  to_unit: string;
  to_unit_name: string;
  status: string;
  ack_due_at: Date;
  due_on: string;
  escalation_level: number;
  reminded_at: Date | null;
}

/** One batch of open referrals near or past a deadline, after `after` by id, locked (others' batches skip them). */
export async function deadlineCandidates(tx: Tx, after: string, today: string, remindBefore: string, now: Date, limit: number): Promise<DeadlineCandidate[]> {
  return (
    await tx.client.query<DeadlineCandidate>(
      `select r.id, r.child_id, c.name as child_name, r.street_code, s.name as street_name, cm.name as committee_name,
              r.kind, k.name as kind_name, r.channel, r.to_unit, tu.name as to_unit_name, r.status, r.ack_due_at,
              to_char(r.due_on, 'YYYY-MM-DD') as due_on, r.escalation_level, r.reminded_at
         from referrals r
         join referral_kinds k on k.code = r.kind
         join units tu on tu.code = r.to_unit
         join streets s on s.code = r.street_code
         join committees cm on cm.id = r.committee_id
         left join children c on c.id = r.child_id
        where r.status in ('sent', 'received', 'accepted', 'in_progress') and r.id > $1::uuid
          and ((r.reminded_at is null and r.due_on >= $2::date and r.due_on < $3::date)
               or (r.escalation_level < 2 and (r.ack_due_at < $4 or r.due_on < $2::date)))
        order by r.id
        limit $5
        for update of r skip locked`,
      [after, today, remindBefore, now, limit],
    )
  ).rows;
}

/** A reminder or escalation event written by the system. */
export async function insertSystemEvent(
  tx: Tx,
  referralId: string,
  at: Date,
  by: { username: string; displayName: string },
  kind: string,
  note: string,
): Promise<void> {
  await tx.client.query('insert into referral_events (referral_id, at, username, display_name, kind, note) values ($1, $2, $3, $4, $5, $6)', [
    referralId,
    at,
    by.username,
    by.displayName,
    kind,
    note,
  ]);
}

export async function markReminded(tx: Tx, id: string, at: Date): Promise<void> {
  await tx.client.query('update referrals set reminded_at = $2, updated_at = now() where id = $1 and reminded_at is null', [id, at]);
}

/** Raises the escalation level; false when it was already there. */
export async function raiseEscalation(tx: Tx, id: string, level: number): Promise<boolean> {
  return !!(await tx.client.query('update referrals set escalation_level = $2, updated_at = now() where id = $1 and escalation_level < $2', [id, level]))
    .rowCount;
}

/*
 * ---- the 协同 breakdown ----
 * The SQL of the 协同 breakdown (stats.ts): one pass over the referrals the caller sees (row-level
 * security), grouped by kind, by receiving unit and in total. Aggregates only.
 */

export interface StatsFilter {
  /** First and last day of the period (Shanghai dates). */
  from: string;
  to: string;
  /** The moment "now" for the acknowledgement and overdue figures. */
  now: Date;
  /** Today (Shanghai) for the due day. */
  today: string;
  street: string | null;
  toUnit: string | null;
}

export interface StatsRow {
  grouping: 'kind' | 'unit' | 'total';
  code: string | null;
  name: string | null;
  sent: string;
  ack_due: string;
  ack_on_time: string;
  completed: string;
  median_days: string | null;
  overdue_now: string;
}

export async function referralStats(tx: Tx, f: StatsFilter): Promise<StatsRow[]> {
  // $1 from, $2 to, $3 now, $4 today, $5 street, $6 receiving unit
  const START = `($1::date::timestamp at time zone 'Asia/Shanghai')`;
  const END = `(($2::date + 1)::timestamp at time zone 'Asia/Shanghai')`;
  const SENT = `r.created_at >= ${START} and r.created_at < ${END}`;
  const ACK_DUE = `${SENT} and (r.received_at is not null or (r.ack_due_at < $3::timestamptz and not (r.ended_at is not null and r.ended_at <= r.ack_due_at)))`;
  const ACK_ON_TIME = `${SENT} and r.received_at is not null and r.received_at <= r.ack_due_at`;
  const COMPLETED = `r.status in ('completed', 'closed') and r.outcome is not null and r.ended_at >= ${START} and r.ended_at < ${END}`;
  const OVERDUE = `r.status in ('sent', 'received', 'accepted', 'in_progress') and (r.due_on < $4::date or (r.status = 'sent' and r.ack_due_at < $3::timestamptz))`;
  const DAYS = `(r.ended_at at time zone 'Asia/Shanghai')::date - (r.created_at at time zone 'Asia/Shanghai')::date`;
  const { rows } = await tx.client.query<StatsRow>(
    `select case when grouping(r.kind) = 0 then 'kind' when grouping(r.to_unit) = 0 then 'unit' else 'total' end as grouping,
            coalesce(r.kind, r.to_unit) as code,
            case when grouping(r.kind) = 0 then min(k.name) when grouping(r.to_unit) = 0 then min(u.name) end as name,
            count(*) filter (where ${SENT})::text as sent,
            count(*) filter (where ${ACK_DUE})::text as ack_due,
            count(*) filter (where ${ACK_ON_TIME})::text as ack_on_time,
            count(*) filter (where ${COMPLETED})::text as completed,
            (percentile_cont(0.5) within group (order by ${DAYS}) filter (where ${COMPLETED}))::text as median_days,
            count(*) filter (where ${OVERDUE})::text as overdue_now
       from referrals r
       join referral_kinds k on k.code = r.kind
       join units u on u.code = r.to_unit
      where ($5::text is null or r.street_code = $5) and ($6::text is null or r.to_unit = $6)
        and (${SENT} or ${COMPLETED} or ${OVERDUE})
      group by grouping sets ((r.kind), (r.to_unit), ())
      order by 1, count(*) filter (where ${SENT}) desc, 2`,
    [f.from, f.to, f.now, f.today, f.street, f.toUnit],
  );
  return rows;
}

export async function streetOfUnit(tx: Tx, unitCode: string): Promise<{ code: string; name: string } | null> {
  return (await tx.client.query<{ code: string; name: string }>(`select code, name from streets where 'street-' || code = $1`, [unitCode])).rows[0] ?? null;
}

export async function street(tx: Tx, code: string): Promise<{ code: string; name: string } | null> {
  return (await tx.client.query<{ code: string; name: string }>('select code, name from streets where code = $1', [code])).rows[0] ?? null;
}

// ---- the service directory and the working-day calendar (directory.ts) ----

export interface ReceiverRow {
  id: string;
  unit_code: string;
  unit_name: string;
  unit_kind: string;
  kinds: string[];
  min_age: number | null;
  max_age: number | null;
  streets: string[];
  contact_name: string | null;
  contact_phone: string | null;
  capacity: number | null;
  services: string;
  active: boolean;
  version: number;
}

const RECEIVER = `select rr.id, rr.unit_code, u.name as unit_name, u.kind as unit_kind, rr.kinds, rr.min_age, rr.max_age, rr.streets,
                         rr.contact_name, rr.contact_phone, rr.capacity, rr.services, rr.active, rr.version
                    from referral_receivers rr join units u on u.code = rr.unit_code`;

export async function receiverById(tx: Tx, id: string, forUpdate = false): Promise<ReceiverRow | null> {
  return (await tx.client.query<ReceiverRow>(RECEIVER + ' where rr.id = $1' + (forUpdate ? ' for update of rr' : ''), [id])).rows[0] ?? null;
}

/** The directory's entries of active units (inactive entries too when asked), in the units' order. */
export async function receiverRows(tx: Tx, includeInactive: boolean): Promise<ReceiverRow[]> {
  return (await tx.client.query<ReceiverRow>(RECEIVER + ' where u.active and ($1 or rr.active) order by u.sort, u.code', [includeInactive])).rows;
}

export async function streetCodes(tx: Tx): Promise<string[]> {
  return (await tx.client.query<{ code: string }>('select code from streets')).rows.map((s) => s.code);
}

export async function unitHasReceiver(tx: Tx, unitCode: string): Promise<boolean> {
  return !!(await tx.client.query('select 1 from referral_receivers where unit_code = $1', [unitCode])).rowCount;
}

/** The entry's values $2…$11 of the insert and the update. */
const receiverValues = (b: ReceiverUpsert, userId: string) => [
  b.kinds,
  b.minAge ?? null,
  b.maxAge ?? null,
  b.streets,
  b.contactName || null,
  b.contactPhone || null,
  b.capacity ?? null,
  b.services ?? '',
  b.active,
  userId,
];

export async function insertReceiver(tx: Tx, b: ReceiverUpsert, userId: string): Promise<string | undefined> {
  const { rows } = await tx.client.query<{ id: string }>(
    `insert into referral_receivers (unit_code, kinds, min_age, max_age, streets, contact_name, contact_phone, capacity, services, active, updated_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) returning id`,
    [b.unitCode, ...receiverValues(b, userId)],
  );
  return rows[0]?.id;
}

export async function updateReceiver(tx: Tx, id: string, b: ReceiverUpsert, userId: string): Promise<void> {
  await tx.client.query(
    `update referral_receivers set kinds = $2, min_age = $3, max_age = $4, streets = $5, contact_name = $6, contact_phone = $7, capacity = $8,
            services = $9, active = $10, updated_by = $11, updated_at = now(), version = version + 1
      where id = $1`,
    [id, ...receiverValues(b, userId)],
  );
}

export async function calendarYear(tx: Tx, year: number): Promise<WorkCalendarDay[]> {
  return (
    await tx.client.query<WorkCalendarDay>(
      `select to_char(day, 'YYYY-MM-DD') as day, kind, note from work_calendar where extract(year from day) = $1 order by day`,
      [year],
    )
  ).rows;
}

/** Replaces the year's exceptions. */
export async function replaceCalendarYear(tx: Tx, year: number, items: WorkCalendarDay[]): Promise<void> {
  await tx.client.query('delete from work_calendar where extract(year from day) = $1', [year]);
  if (!items.length) return;
  await tx.client.query('insert into work_calendar (day, kind, note) select d::date, k, n from unnest($1::text[], $2::text[], $3::text[]) as x(d, k, n)', [
    items.map((i) => i.day),
    items.map((i) => i.kind),
    items.map((i) => i.note),
  ]);
}
