/** Whether the server and its database answer. */
import type pg from 'pg';
import * as repo from './repo.js';

export type Health = { status: 'ok' | 'unavailable'; database: 'ok' | 'unavailable' };

export async function check(pool: pg.Pool): Promise<Health> {
  try {
    await repo.ping(pool);
    return { status: 'ok', database: 'ok' };
  } catch {
    return { status: 'unavailable', database: 'unavailable' };
  }
}
