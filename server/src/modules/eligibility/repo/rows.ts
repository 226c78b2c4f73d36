/** Row helpers of the eligibility repo (no SQL of their own). */
import type pg from 'pg';
import type { Tx } from '../../../core/context.js';
import type { Database } from '../../../db/database.js';

/** What a repo function runs on: the request's scoped transaction, or a plain client (the owner's, in the seed). */
export type Client = Tx | pg.ClientBase;
export const db = (c: Client): pg.ClientBase => ('client' in c ? c.client : c);

/** The first row of an answer that always has one (a count, an insert … returning): throws if absent. */
export function firstRow<T>(rows: readonly T[], what: string): T {
  const r = rows[0];
  if (r === undefined) throw new Error(`no row: ${what}`);
  return r;
}

/** `fn` in one transaction on the owner's connection (the demo's seed steps, which run as no user). */
export async function asOwner<T>(database: Database, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await database.owner.connect();
  try {
    await client.query('begin');
    const out = await fn(client);
    await client.query('commit');
    return out;
  } catch (err) {
    await client.query('rollback');
    throw err;
  } finally {
    client.release();
  }
}
