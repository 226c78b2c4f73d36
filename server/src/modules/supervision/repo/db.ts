/**
 * What the repo functions run on: a request's transaction (`Tx`), a connection, or the pool (the
 * indicator cache and snapshots, which the system reads and writes outside any request).
 */
import type pg from 'pg';
import type { Tx } from '../../../core/context.js';

export type Db = Tx | pg.ClientBase | pg.Pool;

/** The connection of a transaction, or the connection or pool itself. */
export const sql = (db: Db): pg.ClientBase | pg.Pool => ('audit' in db ? db.client : db);
