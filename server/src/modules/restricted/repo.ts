/**
 * The SQL of the restricted list. Every table here is readable only by holders of
 * workforce.restricted (RLS); the ledger side (who matched, their account) is reached only through
 * the SECURITY DEFINER functions of migration 20261207_1430.
 */
import type { Tx } from '../../core/context.js';

export async function listBySha(tx: Tx, sha: string): Promise<{ id: string } | null> {
  const { rows } = await tx.client.query<{ id: string }>(`select id from restricted_lists where file_sha256 = $1`, [sha]);
  return rows[0] ?? null;
}

/** A new list, or null when the same file was loaded at the same time by someone else. */
export async function insertList(tx: Tx, l: { name: string; source: string | null; sha: string; rows: number; by: string }): Promise<string | null> {
  const { rows } = await tx.client.query<{ id: string }>(
    `insert into restricted_lists (name, source, file_sha256, rows, loaded_by) values ($1, $2, $3, $4, $5)
     on conflict (file_sha256) where file_sha256 is not null do nothing returning id`,
    [l.name, l.source, l.sha, l.rows, l.by],
  );
  return rows[0]?.id ?? null;
}

export async function insertPersons(tx: Tx, listId: string, persons: { bidx: string; nameMasked: string | null; restriction: string | null }[]): Promise<void> {
  if (!persons.length) return;
  await tx.client.query(
    `insert into restricted_persons (list_id, id_number_bidx, name_masked, restriction)
     select $1, b, n, r from unnest($2::text[], $3::text[], $4::text[]) as t(b, n, r)
     on conflict (list_id, id_number_bidx) do nothing`,
    [listId, persons.map((p) => p.bidx), persons.map((p) => p.nameMasked), persons.map((p) => p.restriction)],
  );
}

export async function matchList(tx: Tx, listId: string): Promise<number> {
  const { rows } = await tx.client.query<{ n: number }>(`select match_restricted_for_list($1) as n`, [listId]);
  return rows[0]?.n ?? 0;
}

/** Matches one ledger person against the active lists; answers nothing (see the migration). */
export async function matchStaff(tx: Tx, staffId: string): Promise<void> {
  await tx.client.query(`select match_restricted_for_staff($1)`, [staffId]);
}

export interface ListRowDb {
  id: string;
  name: string;
  source: string | null;
  rows: number;
  loaded_at: Date;
  loaded_by_name: string | null;
  active: boolean;
}

export async function lists(tx: Tx): Promise<ListRowDb[]> {
  const { rows } = await tx.client.query<ListRowDb>(
    `select l.id, l.name, l.source, l.rows, l.loaded_at, u.display_name as loaded_by_name, l.active
       from restricted_lists l left join users u on u.id = l.loaded_by
      order by l.loaded_at desc`,
  );
  return rows;
}

export interface MatchRowDb {
  id: string;
  staff_id: string;
  staff_name: string;
  role_kind: string;
  street_name: string | null;
  has_account: boolean;
  user_id: string | null;
  list_name: string;
  name_masked: string | null;
  restriction: string | null;
  found_at: Date;
  status: 'open' | 'confirmed' | 'dismissed';
  reviewed_by_name: string | null;
  reviewed_at: Date | null;
  note: string | null;
}

export async function matches(tx: Tx, status: string | null): Promise<MatchRowDb[]> {
  const { rows } = await tx.client.query<MatchRowDb>(`select * from restricted_match_rows($1)`, [status]);
  return rows;
}

/** Records the reviewer's decision on an open match; false when it is no longer open. */
export async function review(tx: Tx, id: string, status: 'confirmed' | 'dismissed', note: string, by: string, now: Date): Promise<boolean> {
  const { rowCount } = await tx.client.query(
    `update restricted_matches set status = $2, note = $3, reviewed_by = $4, reviewed_at = $5 where id = $1 and status = 'open'`,
    [id, status, note, by, now],
  );
  return (rowCount ?? 0) > 0;
}

export async function matchExists(tx: Tx, id: string): Promise<boolean> {
  const { rowCount } = await tx.client.query(`select 1 from restricted_matches where id = $1`, [id]);
  return (rowCount ?? 0) > 0;
}

export async function suspend(tx: Tx, matchId: string, now: Date): Promise<string | null> {
  const { rows } = await tx.client.query<{ user_id: string | null }>(`select restricted_match_suspend($1, $2) as user_id`, [matchId, now]);
  return rows[0]?.user_id ?? null;
}
