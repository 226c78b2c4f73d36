/**
 * entitlements and entitlement_events (the workflow's rows and steps), the evidence linked to the
 * steps, the units' review rules and what decides who may decide (users, roles, units); and the
 * maintained policy values (policy_values).
 */
import type { EntitlementStatus } from '#common/eligibility.js';
import { db, firstRow, type Client } from './rows.js';

export interface EntRow {
  id: string;
  child_id: string;
  policy_id: string;
  status: EntitlementStatus;
  from_date: string | null;
  amount_fen: string | null;
  note: string | null;
  reason: string | null;
  version: number;
  created_at: Date;
  updated_at: Date;
}
const ENT_SELECT = `select id, child_id, policy_id, status, to_char(from_date, 'YYYY-MM-DD') as from_date, amount_fen, note, reason, version, created_at, updated_at from entitlements`;

export async function entitlementById(c: Client, id: string): Promise<EntRow | undefined> {
  return (await db(c).query<EntRow>(`${ENT_SELECT} where id = $1`, [id])).rows[0];
}

/** The row locked for a step (undefined when absent or out of the caller's area). */
export async function entitlementForUpdate(c: Client, id: string): Promise<EntRow | undefined> {
  return (await db(c).query<EntRow>(`${ENT_SELECT} where id = $1 for update`, [id])).rows[0];
}

/** A child's entitlements: open ones first, then in the order they were suggested. */
export async function entitlementsOfChild(c: Client, childId: string): Promise<EntRow[]> {
  return (await db(c).query<EntRow>(`${ENT_SELECT} where child_id = $1 order by (status in ('refused', 'ended')), created_at, id`, [childId])).rows;
}

/** The policies of a child with an entitlement that is not ended. */
export async function openEntitlementPolicies(c: Client, childId: string): Promise<Set<string>> {
  return new Set(
    (await db(c).query<{ policy_id: string }>(`select policy_id from entitlements where child_id = $1 and status <> 'ended'`, [childId])).rows.map(
      (r) => r.policy_id,
    ),
  );
}

export async function updateEntitlement(
  c: Client,
  id: string,
  v: { status: EntitlementStatus; fromDate: string | null; amountFen: number | null; reason: string | null; note: string | null },
): Promise<void> {
  await db(c).query(
    `update entitlements set status = $2, from_date = $3, amount_fen = $4, reason = $5, note = coalesce($6, note), updated_at = now(), version = version + 1 where id = $1`,
    [id, v.status, v.fromDate, v.amountFen, v.reason, v.note],
  );
}

/** Who did a step, as recorded on its event (name and unit at the time). */
export interface StepBy {
  userId: string | null;
  username: string | null;
  displayName: string | null;
  unitCode: string | null;
}

/** A suggested entitlement and its first event; returns its id. */
export async function insertSuggested(c: Client, childId: string, s: { policy: string; amountFen: number | null; note: string }, by: StepBy): Promise<string> {
  const id = firstRow(
    (
      await db(c).query<{ id: string }>(
        `insert into entitlements (child_id, policy_id, status, amount_fen, created_by) values ($1, $2, 'suggested', $3, $4) returning id`,
        [childId, s.policy, s.amountFen, by.userId],
      )
    ).rows,
    'entitlement id',
  ).id;
  await db(c).query(
    `insert into entitlement_events (entitlement_id, child_id, user_id, username, display_name, unit_code, from_status, to_status, note) values ($1, $2, $3, $4, $5, $6, null, 'suggested', $7)`,
    [id, childId, by.userId, by.username, by.displayName, by.unitCode, s.note],
  );
  return id;
}

/**
 * A suggested entitlement with its first event for every eligible stored result of these children
 * that has none (an ended one does not count), in one statement: what insertSuggested does for
 * one. `names`: the policies' names, in the order of `policyIds` (the event's note). Each row's
 * area comes from a join with its child, made as the caller, and is checked once per statement
 * (migration 20261210_1901); a hidden child has none and its row trigger refuses it. Returns the
 * entitlements made, in child and policy order.
 */
export async function insertSuggestedDue(
  c: Client,
  childIds: readonly string[],
  policyIds: readonly string[],
  names: readonly string[],
  asOf: string,
  by: StepBy,
): Promise<{ id: string; child_id: string; policy_id: string; amount_fen: string | null }[]> {
  return (
    await db(c).query<{ id: string; child_id: string; policy_id: string; amount_fen: string | null }>(
      `with due as (
         select r.child_id, c.street_code, c.committee_id, r.policy_id, r.amount_fen
           from eligibility_results r left join children c on c.id = r.child_id
          where r.child_id = any ($1::uuid[]) and r.policy_id = any ($2::text[]) and r.verdict = 'eligible'
            and not exists (select 1 from entitlements e where e.child_id = r.child_id and e.policy_id = r.policy_id and e.status <> 'ended')
          order by r.child_id, r.policy_id),
       made as (
         insert into entitlements (child_id, street_code, committee_id, policy_id, status, amount_fen, created_by)
         select child_id, street_code, committee_id, policy_id, 'suggested', amount_fen, $5 from due
         returning id, child_id, street_code, committee_id, policy_id, amount_fen),
       events as (
         insert into entitlement_events (entitlement_id, child_id, street_code, committee_id, user_id, username, display_name, unit_code, from_status, to_status, note)
         select m.id, m.child_id, m.street_code, m.committee_id, $5, $6, $7, $8, null, 'suggested', '系统匹配：' || $4 || ' 符合「' || n.name || '」'
           from made m join unnest($2::text[], $3::text[]) n(policy_id, name) on n.policy_id = m.policy_id)
       select id, child_id, policy_id, amount_fen from made order by child_id, policy_id`,
      [childIds, policyIds, names, asOf, by.userId, by.username, by.displayName, by.unitCode],
    )
  ).rows;
}

/** The audit rows of suggested entitlements (insertSuggestedDue), one per entitlement, in their order, in one statement. */
export async function auditSuggested(
  c: Client,
  who: StepBy & { roles: string | null; ip: string | null; requestId: string },
  asOf: string,
  made: readonly { id: string; child_id: string; policy_id: string; amount_fen: string | null }[],
): Promise<void> {
  await db(c).query(
    `select audit_append($1, $2, $3, $4, $5, 'entitlement.suggest', 'entitlement', x.id, 'success',
            jsonb_build_object('childId', x.child_id, 'policy', x.policy_id, 'asOf', $6::text, 'amountFen', x.amount_fen), null, $7)
       from unnest($8::text[], $9::text[], $10::text[], $11::bigint[]) with ordinality x(id, child_id, policy_id, amount_fen, n)
      order by x.n`,
    [
      who.userId,
      who.username,
      who.unitCode,
      who.roles,
      who.ip,
      asOf,
      who.requestId,
      made.map((m) => m.id),
      made.map((m) => m.child_id),
      made.map((m) => m.policy_id),
      made.map((m) => m.amount_fen),
    ],
  );
}

/** A step's event; returns its id. */
export async function insertEvent(
  c: Client,
  e: { entitlementId: string; childId: string; by: StepBy; from: EntitlementStatus; to: EntitlementStatus; note: string | null; kind: 'status' | 'approval' },
): Promise<string> {
  return firstRow(
    (
      await db(c).query<{ id: string }>(
        `insert into entitlement_events (entitlement_id, child_id, user_id, username, display_name, unit_code, from_status, to_status, note, kind)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) returning id`,
        [e.entitlementId, e.childId, e.by.userId, e.by.username, e.by.displayName, e.by.unitCode, e.from, e.to, e.note, e.kind],
      )
    ).rows,
    'event id',
  ).id;
}

export interface EventRow {
  id: string;
  entitlement_id: string;
  at: Date;
  user_id: string | null;
  username: string | null;
  display_name: string | null;
  unit_name: string | null;
  from_status: string | null;
  to_status: string;
  note: string | null;
  kind: 'status' | 'approval';
}
export async function eventsOf(c: Client, entitlementIds: readonly string[]): Promise<EventRow[]> {
  return (
    await db(c).query<EventRow>(
      `select e.id, e.entitlement_id, e.at, e.user_id, e.username, e.display_name, un.name as unit_name, e.from_status, e.to_status, e.note, e.kind
     from entitlement_events e left join units un on un.code = e.unit_code where e.entitlement_id = any($1::uuid[]) order by e.at, e.id`,
      [entitlementIds],
    )
  ).rows;
}

/** Who did each step of one entitlement (the separation-of-duties check). */
export interface StepRow {
  user_id: string | null;
  to_status: string;
  kind: string;
}
export async function stepsOf(c: Client, entitlementId: string): Promise<StepRow[]> {
  return (await db(c).query<StepRow>('select user_id, to_status, kind from entitlement_events where entitlement_id = $1 order by at, id', [entitlementId]))
    .rows;
}

/** The users who verified or submitted it. */
export async function preparersOf(c: Client, entitlementId: string): Promise<Set<string>> {
  return new Set(
    (
      await db(c).query<{ user_id: string }>(
        `select distinct user_id from entitlement_events where entitlement_id = $1 and kind = 'status' and to_status in ('verified', 'submitted') and user_id is not null`,
        [entitlementId],
      )
    ).rows.map((r) => r.user_id),
  );
}

/** The evidence linked to each step (pending uploads, not yet linked, are not part of the history). */
export interface StepFileRow {
  id: string;
  event_id: string;
  filename: string;
  mime: string;
  size_bytes: number;
  created_at: Date;
}
export async function stepFilesOf(c: Client, entitlementIds: readonly string[]): Promise<StepFileRow[]> {
  return (
    await db(c).query<StepFileRow>(
      `select id, entitlement_event_id as event_id, filename, mime, size_bytes, created_at from attachments
     where entity = 'entitlement' and entity_id = any($1::uuid[]) and entitlement_event_id is not null order by created_at, id`,
      [entitlementIds],
    )
  ).rows;
}

/** Whether someone of the unit can act on a child's entitlement (the permission, with district scope). */
/**
 * Whether someone of the unit can decide a child's entitlement: `permission` and a way to open the
 * child — a district scope, or `referrals.handle` (a department decides through the benefit
 * referral addressed to it, which opens the child's benefits to it).
 */
export async function unitCanDecide(c: Client, unitCode: string, permission: string, viaReferral = 'referrals.handle'): Promise<boolean> {
  return !!(
    await db(c).query(
      `select 1 from users u where u.unit_code = $1 and not u.disabled
       and exists (select 1 from user_roles ur join roles r on r.code = ur.role_code where ur.user_id = u.id and $2 = any (r.permissions))
       and exists (select 1 from user_roles ur join roles r on r.code = ur.role_code where ur.user_id = u.id and (r.scope_kind = 'district' or $3 = any (r.permissions)))
     limit 1`,
      [unitCode, permission, viaReferral],
    )
  ).rowCount;
}

export async function unitName(c: Client, code: string): Promise<string | undefined> {
  return (await db(c).query<{ name: string }>('select name from units where code = $1', [code])).rows[0]?.name;
}

/** The unit's approvals setting for this policy, else for all its policies (undefined: none set). */
export async function approvalsSetting(c: Client, unitCode: string, policyId: string): Promise<number | undefined> {
  return (
    await db(c).query<{ approvals: number }>(
      `select approvals from entitlement_review_rules where unit_code = $1 and policy_id in ($2, '*') order by (policy_id = '*') limit 1`,
      [unitCode, policyId],
    )
  ).rows[0]?.approvals;
}

export interface ReviewRuleRow {
  unit_code: string;
  unit_name: string;
  policy_id: string;
  approvals: number;
  updated_at: Date;
}
export async function reviewRules(c: Client): Promise<ReviewRuleRow[]> {
  return (
    await db(c).query<ReviewRuleRow>(
      `select r.unit_code, u.name as unit_name, r.policy_id, r.approvals, r.updated_at from entitlement_review_rules r join units u on u.code = r.unit_code order by u.sort, r.policy_id`,
    )
  ).rows;
}

export async function upsertReviewRule(c: Client, unitCode: string, policyId: string, approvals: number, userId: string): Promise<void> {
  await db(c).query(
    `insert into entitlement_review_rules (unit_code, policy_id, approvals, updated_by) values ($1, $2, $3, $4)
     on conflict (unit_code, policy_id) do update set approvals = excluded.approvals, updated_by = excluded.updated_by, updated_at = now()`,
    [unitCode, policyId, approvals, userId],
  );
}

// ---- maintained policy values ----

export interface PolicyValueRow {
  id: string;
  policy_id: string;
  param: string;
  from_date: string;
  to_date: string | null;
  value: string;
  source: string;
  verified: boolean;
  note: string | null;
  created_at: Date;
}
export async function policyValues(c: Client): Promise<PolicyValueRow[]> {
  return (
    await db(c).query<PolicyValueRow>(
      `select id, policy_id, param, to_char(from_date, 'YYYY-MM-DD') as from_date, to_char(to_date, 'YYYY-MM-DD') as to_date, value::text as value, source, verified, note, created_at
     from policy_values order by policy_id, param, from_date`,
    )
  ).rows;
}

export async function insertPolicyValue(
  c: Client,
  v: {
    policy: string;
    param: string;
    from: string;
    to: string | null;
    value: number;
    source: string;
    verified: boolean;
    note: string | null;
    createdBy: string | null;
  },
): Promise<void> {
  await db(c).query(
    'insert into policy_values (policy_id, param, from_date, to_date, value, source, verified, note, created_by) values ($1, $2, $3, $4, $5, $6, $7, $8, $9)',
    [v.policy, v.param, v.from, v.to, v.value, v.source, v.verified, v.note, v.createdBy],
  );
}

/** The pack's policy ids and Chinese names (benefits are recorded by either), replacing the stored list. */
export async function syncPolicyNames(c: Client, ids: readonly string[], names: readonly string[]): Promise<void> {
  await db(c).query(
    `with p as (select * from unnest($1::text[], $2::text[]) as t(policy_id, name_zh)),
          d as (delete from eligibility_policy_names n where not exists (select 1 from p where p.policy_id = n.policy_id))
     insert into eligibility_policy_names (policy_id, name_zh) select policy_id, name_zh from p
     on conflict (policy_id) do update set name_zh = excluded.name_zh`,
    [ids, names],
  );
}
