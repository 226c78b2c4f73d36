/** Children and units as casework reads them: is the child visible (RLS), is the unit active. */
import type { Tx } from '../../../core/context.js';

export interface VisibleChildRow {
  id: string;
  name: string;
  street_code: string;
  committee_id: string;
  mentor_id: string | null;
  buddy_id: string | null;
}
export interface UnitRow {
  code: string;
  name: string;
  kind: string;
  street_code: string | null;
  active: boolean;
}

/** The child, if the caller's scope reaches it (RLS); otherwise undefined. */
export async function findVisibleChild(tx: Tx, childId: string): Promise<VisibleChildRow | undefined> {
  return (await tx.client.query<VisibleChildRow>('select id, name, street_code, committee_id, mentor_id, buddy_id from children where id = $1', [childId]))
    .rows[0];
}

export async function findUnit(tx: Tx, code: string): Promise<UnitRow | undefined> {
  return (await tx.client.query<UnitRow>('select code, name, kind, street_code, active from units where code = $1', [code])).rows[0];
}

/** How many of these children the caller's scope reaches. */
export async function countVisibleChildren(tx: Tx, ids: string[]): Promise<number> {
  return (await tx.client.query<{ n: number }>('select count(*)::int as n from children where id = any($1::uuid[])', [ids])).rows[0]?.n ?? 0;
}

/** The street of a unit (null for district units, or an unknown code). */
export async function unitStreet(tx: Tx, code: string): Promise<string | null> {
  return (await tx.client.query<{ street_code: string | null }>('select street_code from units where code = $1', [code])).rows[0]?.street_code ?? null;
}

/** Locks the child's row for the rest of the transaction. */
export async function lockChild(tx: Tx, childId: string): Promise<void> {
  await tx.client.query('select 1 from children where id = $1 for update', [childId]);
}

export async function streetExists(tx: Tx, code: string): Promise<boolean> {
  return !!(await tx.client.query('select 1 from streets where code = $1', [code])).rowCount;
}
