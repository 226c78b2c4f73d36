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
