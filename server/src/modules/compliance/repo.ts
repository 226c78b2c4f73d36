/**
 * Every SQL statement of the yearly compliance report. The year is [from, to) in Shanghai time;
 * the audit log is aggregated in SQL (one pass per figure group over the year's range of the `at`
 * index), never read row by row. Children's files are counted by `compliance_file_counts`, which
 * answers figures by street only.
 */
import type { Tx } from '../../core/context.js';

/** How an audit action counts in the report (docs/compliance-report.md). */
const CLASS = `case
    when a.outcome = 'denied' then 'denied'
    when a.action = 'auth.login' then case when a.outcome = 'success' then 'login' else 'other' end
    when a.action like 'auth.%' or a.action like 'audit.%' or a.action like 'http.%' or a.action like 'compliance.%'
      or a.action like 'security.%' or a.action like 'retention.%' or a.action like 'access.%' then 'other'
    when a.outcome <> 'success' then 'other'
    when a.action ~ '(unmask|reveal)' then 'unmask'
    when a.action ~ '(export|download)' then 'export'
    when a.action ~ 'print' then 'print'
    when a.action = 'referral.send' then 'referral'
    when a.action ~ '(^|[.-])(view|list|worklist|read|chain|candidates)$' then 'view'
    else 'change' end`;

const YEAR = `a.at >= ($1::date)::timestamp at time zone 'Asia/Shanghai' and a.at < (($2::date) + 1)::timestamp at time zone 'Asia/Shanghai'`;

export interface FileCountRow {
  street_code: string;
  street_name: string;
  held_at_end: number;
  opened: number;
  closed: number;
  archived: number;
}

export async function fileCounts(tx: Tx, from: string, to: string): Promise<FileCountRow[]> {
  const { rows } = await tx.client.query<FileCountRow>(
    `select f.street_code, s.name as street_name, f.held_at_end::int, f.opened::int, f.closed::int, f.archived::int
       from compliance_file_counts($1::date, $2::date) f join streets s on s.code = f.street_code
      order by s.sort, s.code`,
    [from, to],
  );
  return rows;
}

export interface ProcessingRow {
  unit_code: string | null;
  unit_name: string | null;
  roles: string;
  users: number;
  views: number;
  changes: number;
  unmasks: number;
  exports: number;
  prints: number;
  referrals: number;
  denied: number;
}

export async function processing(tx: Tx, from: string, to: string): Promise<ProcessingRow[]> {
  const { rows } = await tx.client.query<ProcessingRow>(
    `with a as (select a.unit_code, coalesce(a.roles, '') as roles, a.user_id, ${CLASS} as cls from audit_log a where ${YEAR}),
     -- per user first, then per unit and role: counting users this way avoids a sort per group (count distinct)
     u as (
       select unit_code, roles, user_id,
              count(*) filter (where cls = 'view') as views,
              count(*) filter (where cls = 'change') as changes,
              count(*) filter (where cls = 'unmask') as unmasks,
              count(*) filter (where cls = 'export') as exports,
              count(*) filter (where cls = 'print') as prints,
              count(*) filter (where cls = 'referral') as referrals,
              count(*) filter (where cls = 'denied') as denied
         from a where cls <> 'other' and cls <> 'login' group by unit_code, roles, user_id),
     g as (
       select unit_code, roles, count(user_id)::int as users, sum(views)::int as views, sum(changes)::int as changes, sum(unmasks)::int as unmasks,
              sum(exports)::int as exports, sum(prints)::int as prints, sum(referrals)::int as referrals, sum(denied)::int as denied
         from u group by unit_code, roles)
     select g.*, u.name as unit_name from g left join units u on u.code = g.unit_code
      order by (g.views + g.changes + g.unmasks + g.exports + g.prints + g.referrals) desc, g.unit_code, g.roles`,
    [from, to],
  );
  return rows;
}

export interface MonthRow {
  month: number;
  logins: number;
  views: number;
  changes: number;
  unmasks: number;
  exports: number;
  denied: number;
}

export async function byMonth(tx: Tx, from: string, to: string): Promise<MonthRow[]> {
  const { rows } = await tx.client.query<MonthRow>(
    `with a as (select extract(month from a.at at time zone 'Asia/Shanghai')::int as month, ${CLASS} as cls from audit_log a where ${YEAR})
     select m.month,
            count(a.cls) filter (where a.cls = 'login')::int as logins,
            count(a.cls) filter (where a.cls = 'view')::int as views,
            count(a.cls) filter (where a.cls = 'change')::int as changes,
            count(a.cls) filter (where a.cls = 'unmask')::int as unmasks,
            count(a.cls) filter (where a.cls in ('export', 'print'))::int as exports,
            count(a.cls) filter (where a.cls = 'denied')::int as denied
       from generate_series(1, 12) m(month) left join a on a.month = m.month
      group by m.month order by m.month`,
    [from, to],
  );
  return rows;
}

export interface GrantRow {
  unit_code: string | null;
  unit_name: string | null;
  grants: number;
  ended: number;
}

/** Access outside one's assignment (break the glass): `access.grant` and `access.grant.end` rows. */
export async function grants(tx: Tx, from: string, to: string): Promise<GrantRow[]> {
  const { rows } = await tx.client.query<GrantRow>(
    `select a.unit_code, u.name as unit_name,
            count(*) filter (where a.action = 'access.grant')::int as grants,
            count(*) filter (where a.action = 'access.grant.end')::int as ended
       from audit_log a left join units u on u.code = a.unit_code
      where ${YEAR} and a.action in ('access.grant', 'access.grant.end') and a.outcome = 'success'
      group by a.unit_code, u.name order by grants desc, a.unit_code`,
    [from, to],
  );
  return rows;
}

export interface EventCounts {
  login_lockouts: number;
  failed_logins: number;
  consent_recorded: number;
  consent_withdrawn: number;
  basis_recorded: number;
}

export async function eventCounts(tx: Tx, from: string, to: string): Promise<EventCounts> {
  const { rows } = await tx.client.query<EventCounts>(
    `select count(*) filter (where a.action in ('auth.login', 'auth.mfa') and a.outcome = 'denied' and a.reason = 'locked')::int as login_lockouts,
            count(*) filter (where a.action = 'auth.login' and a.outcome = 'failed')::int as failed_logins,
            count(*) filter (where a.action = 'consent.record' and a.outcome = 'success')::int as consent_recorded,
            count(*) filter (where a.action = 'consent.withdraw' and a.outcome = 'success')::int as consent_withdrawn,
            count(*) filter (where a.action = 'basis.record' and a.outcome = 'success')::int as basis_recorded
       from audit_log a
      where ${YEAR} and (a.action in ('auth.login', 'auth.mfa', 'consent.record', 'consent.withdraw', 'basis.record'))`,
    [from, to],
  );
  const r = rows[0];
  return r ?? { login_lockouts: 0, failed_logins: 0, consent_recorded: 0, consent_withdrawn: 0, basis_recorded: 0 };
}

export interface IncidentRow {
  kind: string;
  severity: string;
  total: number;
  acknowledged: number;
}

/** Security events raised in the year (the audit administrator reads security_alerts: audit.read). */
export async function incidents(tx: Tx, from: string, to: string): Promise<IncidentRow[]> {
  const { rows } = await tx.client.query<IncidentRow>(
    `select a.kind, a.severity, count(*)::int as total, count(a.acknowledged_at)::int as acknowledged
       from security_alerts a
      where a.created_at >= ($1::date)::timestamp at time zone 'Asia/Shanghai' and a.created_at < (($2::date) + 1)::timestamp at time zone 'Asia/Shanghai'
      group by a.kind, a.severity order by total desc, a.kind, a.severity`,
    [from, to],
  );
  return rows;
}

/** Security events still unacknowledged now, whatever their year. */
export async function openIncidents(tx: Tx): Promise<number> {
  const { rows } = await tx.client.query<{ n: number }>('select count(*)::int as n from security_alerts where acknowledged_at is null');
  return rows[0]?.n ?? 0;
}

export interface RetentionRow {
  audit_months: number;
  log_months: number;
  archive_after_months: number;
}

export async function retentionSettings(tx: Tx): Promise<RetentionRow | undefined> {
  return (await tx.client.query<RetentionRow>('select audit_months, log_months, archive_after_months from retention_settings')).rows[0];
}

export interface RunSumRow {
  runs: number;
  last_run_at: Date | null;
  counts: Record<string, number> | null;
}

/** The year's retention runs: how many, the last one, and their counts summed per table. */
export async function retentionRuns(tx: Tx, from: string, to: string): Promise<RunSumRow> {
  const { rows } = await tx.client.query<RunSumRow>(
    `with r as (select * from retention_runs r
                 where r.started_at >= ($1::date)::timestamp at time zone 'Asia/Shanghai' and r.started_at < (($2::date) + 1)::timestamp at time zone 'Asia/Shanghai')
     select (select count(*)::int from r) as runs, (select max(started_at) from r) as last_run_at,
            (select jsonb_object_agg(k, n) from (select e.key as k, sum(e.value::int)::int as n from r, jsonb_each_text(r.counts) e group by e.key) t) as counts`,
    [from, to],
  );
  return rows[0] ?? { runs: 0, last_run_at: null, counts: null };
}

export async function purgedRows(tx: Tx): Promise<number> {
  const { rows } = await tx.client.query<{ n: number }>('select coalesce(sum(purged), 0)::int as n from audit_purges');
  return rows[0]?.n ?? 0;
}

/** Break-the-glass access still open now: grants without their end (by the audit rows' entity ids). */
export async function openGrants(tx: Tx): Promise<number> {
  const { rows } = await tx.client.query<{ n: number }>(
    `select count(*)::int as n from (
       select entity_id from audit_log where action = 'access.grant' and outcome = 'success' and entity_id is not null
       except select entity_id from audit_log where action = 'access.grant.end' and outcome = 'success' and entity_id is not null) g`,
  );
  return rows[0]?.n ?? 0;
}
