/**
 * The SQL of the record checks (入职查询): the checks, their settings, the suspensions of access,
 * the reminders sent, and the 督办 indicator queries. Under row-level security: checks, reminders
 * and suspensions are visible with the person (the person's street); a suspension of an account
 * linked to no ledger person only with a district scope (migration 1410).
 */
import type { Tx } from '../../core/context.js';
import type { CheckRecord, CheckSettings } from '#common/vetting.js';

export async function settings(tx: Tx): Promise<CheckSettings> {
  const { rows } = await tx.client.query<CheckSettings>(
    `select validity_months as "validityMonths", remind_days as "remindDays", enforce_from as "enforceFrom" from record_check_settings`,
  );
  return rows[0] ?? { validityMonths: 12, remindDays: [30, 7], enforceFrom: null };
}

export async function saveSettings(tx: Tx, s: CheckSettings, by: string): Promise<void> {
  await tx.client.query(`update record_check_settings set validity_months = $1, remind_days = $2, enforce_from = $3, updated_by = $4, updated_at = now()`, [
    s.validityMonths,
    s.remindDays,
    s.enforceFrom,
    by,
  ]);
}

// ---- checks ----

export async function staffExists(tx: Tx, staffId: string): Promise<{ id: string; name: string; street_code: string | null } | null> {
  const { rows } = await tx.client.query<{ id: string; name: string; street_code: string | null }>(
    `select id, name, street_code from staff where id = $1 for update`,
    [staffId],
  );
  return rows[0] ?? null;
}

export async function pendingCheck(tx: Tx, staffId: string): Promise<boolean> {
  return !!(await tx.client.query(`select 1 from record_checks where staff_id = $1 and result = 'pending'`, [staffId])).rowCount;
}

export async function insertCheck(tx: Tx, staffId: string, c: { kind: string; requestedOn: string; requestRef: string | null }, by: string): Promise<string> {
  const { rows } = await tx.client.query<{ id: string }>(
    `insert into record_checks (staff_id, kind, requested_on, request_ref, recorded_by) values ($1, $2, $3, $4, $5) returning id`,
    [staffId, c.kind, c.requestedOn, c.requestRef, by],
  );
  const r = rows[0];
  if (!r) throw new Error('insert returned no row');
  return r.id;
}

export interface CheckRow {
  id: string;
  staff_id: string;
  requested_on: string;
  result: string;
  version: number;
}

export async function lockCheck(tx: Tx, id: string): Promise<CheckRow | null> {
  const { rows } = await tx.client.query<CheckRow>(`select id, staff_id, requested_on, result, version from record_checks where id = $1 for update`, [id]);
  return rows[0] ?? null;
}

export async function answerCheck(
  tx: Tx,
  id: string,
  a: { answeredOn: string; result: string; answerRef: string | null; note: string | null },
  by: string,
): Promise<void> {
  await tx.client.query(
    `update record_checks set answered_on = $2, result = $3, answer_ref = $4, note = $5, recorded_by = $6, version = version + 1, updated_at = now()
      where id = $1`,
    [id, a.answeredOn, a.result, a.answerRef, a.note, by],
  );
}

// ---- access ----

/** Which of these roles need a valid record check (roles.requires_record_check). */
export async function rolesNeedingCheck(tx: Tx, roles: string[]): Promise<string[]> {
  const { rows } = await tx.client.query<{ code: string }>(`select code from roles where code = any ($1::text[]) and requires_record_check order by code`, [
    roles,
  ]);
  return rows.map((r) => r.code);
}

/** Whether the account is linked to a ledger person whose checks are these (null: not linked); read without the caller's street scope. */
export async function linkedChecks(tx: Tx, userId: string): Promise<CheckRecord[] | null> {
  const { rows } = await tx.client.query<{ checks: CheckRecord[] }>(`select staff_checks_of_user($1) as checks`, [userId]);
  return rows[0]?.checks ?? null;
}

export interface AccessRow {
  staff_id: string | null;
  user_id: string;
  street_code: string | null;
  name: string;
  left: boolean;
  /** The user holds a role that requires a valid check. */
  requires: boolean;
  suspended_reason: string | null;
  checks: CheckRecord[];
}

/**
 * Ledger people linked to an account (all, or the given ones) with what refreshAccess needs, and —
 * when `unlinked` — the accounts holding a role that needs a check but linked to no ledger person.
 */
export async function accessRows(tx: Tx, staffIds: string[] | null, today: string, unlinked: boolean): Promise<AccessRow[]> {
  const { rows } = await tx.client.query<AccessRow>(
    `select s.id as staff_id, s.user_id, s.street_code, s.name, (s.left_on is not null and s.left_on <= $2::date) as left,
            exists (select 1 from user_roles ur join roles r on r.code = ur.role_code where ur.user_id = s.user_id and r.requires_record_check) as requires,
            (select x.reason from staff_access_suspensions x where x.user_id = s.user_id) as suspended_reason,
            coalesce((select json_agg(json_build_object('kind', rc.kind, 'requestedOn', rc.requested_on, 'answeredOn', rc.answered_on, 'result', rc.result))
                        from record_checks rc where rc.staff_id = s.id), '[]') as checks
       from staff s
      where s.user_id is not null and ($1::uuid[] is null or s.id = any ($1::uuid[]))
     union all
     select null, u.id, null, u.display_name, false, true, (select x.reason from staff_access_suspensions x where x.user_id = u.id), '[]'
       from users u
      where $3 and not exists (select 1 from staff s where s.user_id = u.id)
        and exists (select 1 from user_roles ur join roles r on r.code = ur.role_code where ur.user_id = u.id and r.requires_record_check)`,
    [staffIds, today, unlinked],
  );
  return rows;
}

/**
 * Suspensions to lift: of a ledger person no longer linked to the account; of an account linked to
 * no ledger person (no_check) that is now linked, holds no such role, or before enforce_from.
 */
export async function orphanSuspensions(tx: Tx, enforced: boolean): Promise<{ user_id: string }[]> {
  const { rows } = await tx.client.query<{ user_id: string }>(
    `select x.user_id from staff_access_suspensions x
      where (x.staff_id is not null and not exists (select 1 from staff s where s.id = x.staff_id and s.user_id = x.user_id))
         or x.staff_id is null and (not $1 or exists (select 1 from staff s where s.user_id = x.user_id)
                                    or not exists (select 1 from user_roles ur join roles r on r.code = ur.role_code where ur.user_id = x.user_id and r.requires_record_check))`,
    [enforced],
  );
  return rows;
}

export async function suspend(tx: Tx, userId: string, staffId: string | null, reason: string, since: Date): Promise<void> {
  await tx.client.query(
    `insert into staff_access_suspensions (user_id, staff_id, reason, since) values ($1, $2, $3, $4)
     on conflict (user_id) do update set staff_id = excluded.staff_id, reason = excluded.reason`,
    [userId, staffId, reason, since],
  );
}

export async function lift(tx: Tx, userId: string): Promise<void> {
  await tx.client.query(`delete from staff_access_suspensions where user_id = $1`, [userId]);
}

// ---- reminders ----

export interface ReminderPerson {
  staff_id: string;
  name: string;
  street_code: string | null;
  user_id: string | null;
  checks: CheckRecord[];
}

/** Active people who have had a clear answer (only they can lapse), with their checks. */
export async function activeChecked(tx: Tx, today: string): Promise<ReminderPerson[]> {
  const { rows } = await tx.client.query<ReminderPerson>(
    `select s.id as staff_id, s.name, s.street_code, s.user_id,
            (select json_agg(json_build_object('kind', rc.kind, 'requestedOn', rc.requested_on, 'answeredOn', rc.answered_on, 'result', rc.result))
               from record_checks rc where rc.staff_id = s.id) as checks
       from staff s
      where (s.left_on is null or s.left_on > $1::date) and exists (select 1 from record_checks rc where rc.staff_id = s.id and rc.result = 'clear')`,
    [today],
  );
  return rows;
}

/** Records a reminder; false when it was already sent (once per person, lapse day and lead time). */
export async function markReminder(tx: Tx, staffId: string, dueOn: string, daysBefore: number, at: Date): Promise<boolean> {
  const { rowCount } = await tx.client.query(
    `insert into record_check_reminders (staff_id, due_on, days_before, sent_at) values ($1, $2, $3, $4) on conflict do nothing`,
    [staffId, dueOn, daysBefore, at],
  );
  return (rowCount ?? 0) > 0;
}

/** The active, unsuspended users of a street's office who manage its ledger (workforce.manage). */
export async function streetManagers(tx: Tx, streetCode: string): Promise<string[]> {
  const { rows } = await tx.client.query<{ id: string }>(
    `select distinct u.id from users u join units un on un.code = u.unit_code
      where not u.disabled and un.kind = 'street' and un.street_code = $1
        and not exists (select 1 from staff_access_suspensions x where x.user_id = u.id)
        and exists (select 1 from user_roles ur join roles r on r.code = ur.role_code where ur.user_id = u.id and 'workforce.manage' = any (r.permissions))
      order by u.id`,
    [streetCode],
  );
  return rows.map((r) => r.id);
}

export async function endSessions(tx: Tx, userId: string, now: Date): Promise<void> {
  await tx.client.query('update sessions set revoked_at = $2 where user_id = $1 and revoked_at is null', [userId, now]);
}

// ---- 督办 indicators (task 37) ----

/**
 * A valid check on $1, as common/src/vetting.ts decides it: a clear answer given by $1 whose
 * validity (the configured months, less a day) reaches $1, and no restricting answer given by $1.
 */
const VALID_ON = `(exists (select 1 from record_checks rc, record_check_settings cs
                           where rc.staff_id = s.id and rc.result = 'clear' and rc.answered_on <= $1::date
                             and (rc.answered_on + make_interval(months => cs.validity_months) - interval '1 day')::date >= $1::date)
                   and not exists (select 1 from record_checks rc where rc.staff_id = s.id and rc.result = 'restricted' and rc.answered_on <= $1::date))`;
const ACTIVE_ON = `s.street_code = any ($2::text[]) and (s.appointed_on is null or s.appointed_on <= $1::date) and (s.left_on is null or s.left_on > $1::date)
                   and s.role_kind in ('child_director', 'street_supervisor', 'social_worker') and (s.created_at at time zone 'Asia/Shanghai')::date <= $1::date`;

/** Share of the active child directors, supervisors and social workers with a valid check. */
export const indicatorSqlCheckCoverage = `select s.street_code, count(*) filter (where ${VALID_ON}) as num, count(*) as den, null::numeric as val
    from staff s where ${ACTIVE_ON}
   group by grouping sets ((s.street_code), ())`;

/** Active people whose last clear answer has lapsed (and who hold no newer one). */
export const indicatorSqlLapsed = `select s.street_code, count(*) filter (where not ${VALID_ON}
           and exists (select 1 from record_checks rc where rc.staff_id = s.id and rc.result = 'clear' and rc.answered_on <= $1::date)
           and not exists (select 1 from record_checks rc where rc.staff_id = s.id and rc.result = 'restricted' and rc.answered_on <= $1::date)) as num,
         null::numeric as den, null::numeric as val
    from staff s where ${ACTIVE_ON}
   group by grouping sets ((s.street_code), ())`;
