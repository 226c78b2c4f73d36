/**
 * Every SQL statement of the retention module. The settings are read and changed in the caller's
 * transaction (row-level security: retention.manage, compliance.report). The purge runs on the
 * owner's connection: deleting audit rows (`audit_purge_before`) and minimising files
 * (`retention_minimise_child`) are owner-only functions the application role cannot call.
 */
import type pg from 'pg';
import type { Tx } from '../../core/context.js';

export interface SettingsRow {
  audit_months: number;
  log_months: number;
  archive_after_months: number;
  updated_at: Date;
  updated_by: string | null;
}

const SETTINGS = 'select audit_months, log_months, archive_after_months, updated_at, updated_by::text from retention_settings';

/** The settings as the caller may read them (undefined: no permission, by RLS). */
export async function settings(tx: Tx): Promise<SettingsRow | undefined> {
  return (await tx.client.query<SettingsRow>(SETTINGS)).rows[0];
}

export async function lockSettings(tx: Tx): Promise<SettingsRow | undefined> {
  return (await tx.client.query<SettingsRow>(`${SETTINGS} for update`)).rows[0];
}

export async function updateSettings(
  tx: Tx,
  s: { auditMonths: number; logMonths: number; archiveAfterMonths: number },
  userId: string,
  at: Date,
): Promise<void> {
  await tx.client.query('update retention_settings set audit_months = $1, log_months = $2, archive_after_months = $3, updated_at = $4, updated_by = $5', [
    s.auditMonths,
    s.logMonths,
    s.archiveAfterMonths,
    at,
    userId,
  ]);
}

export interface RunRow {
  id: string;
  started_at: Date;
  finished_at: Date | null;
  cutoffs: Record<string, string>;
  counts: Record<string, number>;
}

export async function recentRuns(tx: Tx, limit: number): Promise<RunRow[]> {
  return (await tx.client.query<RunRow>('select id, started_at, finished_at, cutoffs, counts from retention_runs order by started_at desc limit $1', [limit]))
    .rows;
}

// ---- the purge, on the owner's connection ----

export async function begin(client: pg.ClientBase): Promise<void> {
  await client.query('begin');
}
export async function commit(client: pg.ClientBase): Promise<void> {
  await client.query('commit');
}
export async function rollback(client: pg.ClientBase): Promise<void> {
  await client.query('rollback');
}

/** The settings, locked for the run: two runs at once wait for each other. */
export async function settingsForRun(client: pg.ClientBase): Promise<SettingsRow> {
  const r = (await client.query<SettingsRow>(`${SETTINGS} for update`)).rows[0];
  if (!r) throw new Error('retention_settings has no row');
  return r;
}

/** The audit rows before the cutoff, as a prefix of the chain; undefined when none is that old. */
export async function purgeAudit(client: pg.ClientBase, cutoff: Date, now: Date): Promise<{ throughId: number; purged: number } | undefined> {
  const r = (await client.query<{ through_id: string; purged: number }>('select through_id, purged from audit_purge_before($1, $2)', [cutoff, now])).rows[0];
  return r ? { throughId: Number(r.through_id), purged: r.purged } : undefined;
}

/** Operational logs past `cutoff`: each table's rule, counted. */
export async function purgeLogs(client: pg.ClientBase, cutoff: Date, auditCutoff: Date, now: Date): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  const run = async (key: string, sql: string, args: unknown[]) => {
    counts[key] = (await client.query(sql, args)).rowCount ?? 0;
  };
  // Read notifications; unread ones stay until read (they may still ask for something).
  await run('notifications', 'delete from notifications where read_at < $1', [cutoff]);
  // Sessions that ended (logged out, revoked or expired) before the cutoff.
  await run('sessions', 'delete from sessions where least(coalesce(revoked_at, expires_at), expires_at) < $1', [cutoff]);
  // Failure counters whose last failure is older and that lock nothing now.
  await run('login_failures', 'delete from login_failures where last_failed_at < $1 and (locked_until is null or locked_until < $2)', [cutoff, now]);
  // Export files and uploaded spreadsheets (children's data) past the period.
  await run('exports', 'delete from exports where created_at < $1', [cutoff]);
  await run('imports', "delete from imports where created_at < $1 and status not in ('checking', 'committing')", [cutoff]);
  // Draft keys of users with no session left: the drafts they sealed can no longer be opened.
  await run(
    'user_draft_keys',
    'delete from user_draft_keys k where k.created_at < $1 and not exists (select 1 from sessions s where s.user_id = k.user_id and s.revoked_at is null and s.expires_at > $2)',
    [cutoff, now],
  );
  // The bulk-viewing watch's counts (it looks back 30 days at most) and its marks.
  await run('access_views', 'delete from access_views where viewed_at < $1', [cutoff]);
  await run('access_watch_marks', 'delete from access_watch_marks where alerted_at < $1', [cutoff]);
  // Records of finished nightly matching runs (a run still running is never touched).
  await run('matching_runs', "delete from matching_runs where status <> 'running' and started_at < $1", [cutoff]);
  // Acknowledged security events are incidents the yearly report counts: kept as long as the audit log.
  await run('security_alerts', 'delete from security_alerts where acknowledged_at < $1', [auditCutoff]);
  return counts;
}

/** Files closed before `beforeDay` (Shanghai date) and not yet archived. */
export async function filesToArchive(client: pg.ClientBase, beforeDay: string): Promise<string[]> {
  return (
    await client.query<{ id: string }>(
      "select id from children where status = 'closed' and closed_on < $1::date and archived_at is null order by closed_on, id",
      [beforeDay],
    )
  ).rows.map((r) => r.id);
}

/** Minimises one closed file (retention_minimise_child); returns the attachments deleted. */
export async function minimiseFile(client: pg.ClientBase, childId: string, at: Date): Promise<number> {
  const r = (await client.query<{ n: number }>('select retention_minimise_child($1, $2) as n', [childId, at])).rows[0];
  return r?.n ?? 0;
}

/**
 * The consents of a minimised file keep their facts (purpose, dates, method, withdrawal) as
 * processing records, not the guardian's name nor the free text.
 */
export async function minimiseConsents(client: pg.ClientBase, childId: string): Promise<number> {
  return (
    (
      await client.query(
        `update child_consents set guardian_name = left(guardian_name, 1) || '某', scope_note = null, evidence_note = null,
           withdraw_reason = case when withdraw_reason is null then null else '（已归档清除）' end
         where child_id = $1`,
        [childId],
      )
    ).rowCount ?? 0
  );
}

export async function insertRun(client: pg.ClientBase, startedAt: Date, cutoffs: Record<string, string>): Promise<string> {
  const r = (
    await client.query<{ id: string }>('insert into retention_runs (started_at, cutoffs) values ($1, $2) returning id', [startedAt, JSON.stringify(cutoffs)])
  ).rows[0];
  if (!r) throw new Error('retention_runs insert returned no row');
  return r.id;
}

export async function finishRun(client: pg.ClientBase, id: string, finishedAt: Date, counts: Record<string, number>): Promise<void> {
  await client.query('update retention_runs set finished_at = $2, counts = $3 where id = $1', [id, finishedAt, JSON.stringify(counts)]);
}

/** The run's audit row: the system actor for the daily run, the user who started it otherwise. */
export async function appendAudit(
  client: pg.ClientBase,
  by: { userId: string; username: string; unitCode: string; roles: string | null },
  runId: string,
  summary: Record<string, unknown>,
): Promise<void> {
  await client.query(`select audit_append($1, $2, $3, $4, null, 'retention.purge', 'retention_run', $5, 'success', $6::jsonb, null, 'retention')`, [
    by.userId,
    by.username,
    by.unitCode,
    by.roles,
    runId,
    JSON.stringify(summary),
  ]);
}
