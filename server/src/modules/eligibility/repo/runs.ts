/** matching_runs: one row per district matching run, committed before the run starts. */
import { db, firstRow, type Client } from './rows.js';

/**
 * Marks 'interrupted' every run still 'running' whose transaction is gone: its row is not locked
 * (a live run holds it with `for update` until it commits) and it started more than two seconds
 * ago (the gap between recording a run and its transaction locking the row). Returns how many.
 */
export async function markInterrupted(c: Client): Promise<number> {
  const r = await db(c).query(
    `update matching_runs set status = 'interrupted', finished_at = now()
      where id in (select id from matching_runs where status = 'running' and started_at < now() - interval '2 seconds' for update skip locked)`,
  );
  return r.rowCount ?? 0;
}

export async function startRun(c: Client, asOf: string, userId: string | null): Promise<string> {
  const r = await db(c).query<{ id: string }>('insert into matching_runs (as_of, started_by) values ($1, $2) returning id', [asOf, userId]);
  return firstRow(r.rows, 'matching run').id;
}

/** Locks the run's row for the run's transaction: while it is held, the run is alive. */
export async function holdRun(c: Client, id: string): Promise<void> {
  await db(c).query('select id from matching_runs where id = $1 for update', [id]);
}

export async function finishRun(
  c: Client,
  id: string,
  status: 'done' | 'failed',
  counts: { children: number; changed: number; suggested: number } | null,
): Promise<void> {
  await db(c).query(
    `update matching_runs set status = $2, finished_at = now(), children = $3, changed = $4, suggested = $5 where id = $1 and status = 'running'`,
    [id, status, counts?.children ?? null, counts?.changed ?? null, counts?.suggested ?? null],
  );
}

/** What a run covered and how long it took (set in the run's own transaction, before finishRun). */
export interface RunRecord {
  streets: readonly string[] | null;
  policyIds: readonly string[];
  recomputed: number;
  durationMs: number;
  phases: Record<string, number>;
}
export async function recordRun(c: Client, id: string, r: RunRecord): Promise<void> {
  await db(c).query(`update matching_runs set streets = $2, policy_ids = $3, recomputed = $4, duration_ms = $5, phases = $6 where id = $1`, [
    id,
    r.streets,
    r.policyIds,
    r.recomputed,
    r.durationMs,
    JSON.stringify(r.phases),
  ]);
}

/** A run made outside runDistrict (a test, a benchmark): its record, finished, in the run's own transaction. */
export async function insertFinishedRun(
  c: Client,
  asOf: string,
  userId: string | null,
  counts: { children: number; changed: number; suggested: number },
  r: RunRecord,
): Promise<void> {
  await db(c).query(
    `insert into matching_runs (as_of, started_by, status, finished_at, children, changed, suggested, streets, policy_ids, recomputed, duration_ms, phases)
     values ($1, $2, 'done', now(), $3, $4, $5, $6, $7, $8, $9, $10)`,
    [asOf, userId, counts.children, counts.changed, counts.suggested, r.streets, r.policyIds, r.recomputed, r.durationMs, JSON.stringify(r.phases)],
  );
}

/** The progress of a running run, written from another connection than the run's (its row is locked). */
export async function noteProgress(c: Client, id: string, phase: string, done: number, total: number | null): Promise<void> {
  await db(c).query(
    `insert into matching_run_progress (run_id, phase, done, total) values ($1, $2, $3, $4)
     on conflict (run_id) do update set phase = excluded.phase, done = excluded.done, total = excluded.total, at = now()`,
    [id, phase, done, total],
  );
}
