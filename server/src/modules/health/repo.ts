/** The one statement of the health check. */
import type pg from 'pg';

/** Throws when the database does not answer. */
export async function ping(pool: pg.Pool): Promise<void> {
  await pool.query('select 1');
}
