/**
 * Every SQL statement of the access module: the settings (one row), the access grants (break the
 * glass; the user reads their own, the audit administrator all), the child a grant opens (under
 * the caller's scope, or by the definer functions of an emergency), and the bulk-view watch
 * (access_views: one row per audited view of a child; access_watch_marks: the last alert per kind).
 */
import type { Tx } from '../../core/context.js';

export interface SettingsRow {
  grant_hours: number;
  emergency_hours: number;
  bulk_view_files: number;
  bulk_view_minutes: number;
  unusual_files: number;
  unusual_history_days: number;
}

const SETTINGS_COLS = 'grant_hours, emergency_hours, bulk_view_files, bulk_view_minutes, unusual_files, unusual_history_days';

export async function settings(tx: Tx): Promise<SettingsRow> {
  const row = (await tx.client.query<SettingsRow>('select ' + SETTINGS_COLS + ' from access_settings')).rows[0];
  return row ?? { grant_hours: 4, emergency_hours: 4, bulk_view_files: 200, bulk_view_minutes: 10, unusual_files: 30, unusual_history_days: 30 };
}

export async function updateSettings(tx: Tx, s: SettingsRow, userId: string, at: Date): Promise<number> {
  const r = await tx.client.query(
    `update access_settings set grant_hours = $1, emergency_hours = $2, bulk_view_files = $3, bulk_view_minutes = $4, unusual_files = $5,
            unusual_history_days = $6, updated_at = $7, updated_by = $8`,
    [s.grant_hours, s.emergency_hours, s.bulk_view_files, s.bulk_view_minutes, s.unusual_files, s.unusual_history_days, at, userId],
  );
  return r.rowCount ?? 0;
}

// ---- the child a grant opens ----

/** A child in the caller's scope (row-level security decides). */
export async function childInScope(tx: Tx, childId: string): Promise<{ id: string; street_code: string } | undefined> {
  return (await tx.client.query<{ id: string; street_code: string }>('select id, street_code from children where id = $1', [childId])).rows[0];
}

/** Emergency: the active child of a blind index (definer function; the id only). */
export async function childByBlindIndex(tx: Tx, bidx: string): Promise<string | null> {
  return (await tx.client.query<{ id: string | null }>('select access_child_by_bidx($1) as id', [bidx])).rows[0]?.id ?? null;
}

export async function childStreet(tx: Tx, childId: string): Promise<string | null> {
  return (await tx.client.query<{ street: string | null }>('select access_child_street($1) as street', [childId])).rows[0]?.street ?? null;
}

/** Whether the child is assigned to the user (the case's officer). */
export async function isAssigned(tx: Tx, userId: string, childId: string): Promise<boolean> {
  return (await tx.client.query('select 1 from child_assignments where user_id = $1 and child_id = $2', [userId, childId])).rowCount === 1;
}

// ---- grants ----

export interface GrantRow {
  id: string;
  user_id: string;
  username: string;
  display_name: string;
  child_id: string;
  street_code: string;
  street_name: string;
  kind: 'outside_assignment' | 'emergency';
  reason: string;
  granted_at: Date;
  expires_at: Date;
  ended_at: Date | null;
  ended_by: string | null;
  end_reason: string | null;
}

const GRANT_COLS = `g.id, g.user_id, u.username, u.display_name, g.child_id, g.street_code, coalesce(s.name, g.street_code) as street_name, g.kind,
  g.reason, g.granted_at, g.expires_at, g.ended_at, eu.username as ended_by, g.end_reason`;
const GRANT_FROM = ` from access_grants g join users u on u.id = g.user_id left join streets s on s.code = g.street_code
  left join users eu on eu.id = g.ended_by`;

export async function insertGrant(
  tx: Tx,
  g: { userId: string; childId: string; streetCode: string; kind: 'outside_assignment' | 'emergency'; reason: string; grantedAt: Date; expiresAt: Date },
): Promise<string> {
  const r = await tx.client.query<{ id: string }>(
    `insert into access_grants (user_id, child_id, street_code, kind, reason, granted_at, expires_at) values ($1, $2, $3, $4, $5, $6, $7) returning id`,
    [g.userId, g.childId, g.streetCode, g.kind, g.reason, g.grantedAt, g.expiresAt],
  );
  return r.rows[0]?.id ?? '';
}

export async function grantById(tx: Tx, id: string): Promise<GrantRow | undefined> {
  return (await tx.client.query<GrantRow>('select ' + GRANT_COLS + GRANT_FROM + ' where g.id = $1', [id])).rows[0];
}

/** The user's live grant on a child (of a kind, when given). */
export async function liveGrant(tx: Tx, userId: string, childId: string, at: Date, kind?: string): Promise<GrantRow | undefined> {
  return (
    await tx.client.query<GrantRow>(
      'select ' +
        GRANT_COLS +
        GRANT_FROM +
        ` where g.user_id = $1 and g.child_id = $2 and g.ended_at is null and g.granted_at <= $3 and g.expires_at > $3
          and ($4::text is null or g.kind = $4) order by g.expires_at desc limit 1`,
      [userId, childId, at, kind ?? null],
    )
  ).rows[0];
}

export async function listGrants(
  tx: Tx,
  f: { at: Date; state?: 'active' | 'closed'; userId?: string; childId?: string },
  limit: number,
  offset: number,
): Promise<{ rows: GrantRow[]; total: number }> {
  const where = ` where ($1::text is null
      or ($1 = 'active' and g.ended_at is null and g.expires_at > $2)
      or ($1 = 'closed' and (g.ended_at is not null or g.expires_at <= $2)))
    and ($3::uuid is null or g.user_id = $3) and ($4::uuid is null or g.child_id = $4)`;
  const args = [f.state ?? null, f.at, f.userId ?? null, f.childId ?? null];
  const total = Number((await tx.client.query<{ n: string }>('select count(*) as n' + GRANT_FROM + where, args)).rows[0]?.n ?? 0);
  const rows = (
    await tx.client.query<GrantRow>('select ' + GRANT_COLS + GRANT_FROM + where + ' order by g.granted_at desc limit $5 offset $6', [...args, limit, offset])
  ).rows;
  return { rows, total };
}

export async function endGrant(tx: Tx, id: string, by: string, at: Date, reason: string | null): Promise<number> {
  const r = await tx.client.query(
    'update access_grants set ended_at = $2, ended_by = $3, end_reason = $4 where id = $1 and ended_at is null and expires_at > $2',
    [id, at, by, reason],
  );
  return r.rowCount ?? 0;
}

// ---- the bulk-view watch ----

/** One audited view of a child; its committee from the children row (visible: it was just read). */
export async function insertView(tx: Tx, userId: string, childId: string, at: Date): Promise<void> {
  await tx.client.query(
    `insert into access_views (user_id, child_id, committee_id, viewed_at)
     select $1, $2, (select committee_id from children where id = $2), $3`,
    [userId, childId, at],
  );
}

/** The distinct files the user viewed in the window (the (user, time) index). */
export async function filesInWindow(tx: Tx, userId: string, since: Date, until: Date): Promise<number> {
  const r = await tx.client.query<{ n: number }>(
    'select count(distinct child_id)::int as n from access_views where user_id = $1 and viewed_at > $2 and viewed_at <= $3',
    [userId, since, until],
  );
  return r.rows[0]?.n ?? 0;
}

/** Distinct files of the window outside the given committees, and which committees they are in. */
export async function filesOutside(tx: Tx, userId: string, since: Date, until: Date, known: string[]): Promise<{ n: number; committees: string[] }> {
  const r = await tx.client.query<{ n: number; committees: string[] | null }>(
    `select count(distinct child_id)::int as n, array_agg(distinct committee_id::text) as committees
       from access_views where user_id = $1 and viewed_at > $2 and viewed_at <= $3
        and (committee_id is null or not (committee_id = any ($4::uuid[])))`,
    [userId, since, until, known],
  );
  return { n: r.rows[0]?.n ?? 0, committees: (r.rows[0]?.committees ?? []).filter((c) => c !== null) };
}

/** The committees whose children the user viewed in the reference period before the window. */
export async function committeesViewed(tx: Tx, userId: string, from: Date, until: Date): Promise<string[]> {
  const r = await tx.client.query<{ c: string }>(
    'select distinct committee_id::text as c from access_views where user_id = $1 and viewed_at > $2 and viewed_at <= $3 and committee_id is not null',
    [userId, from, until],
  );
  return r.rows.map((x) => x.c);
}

/** Claims the alert of a kind for this window: true when none was raised since `notBefore`. */
export async function claimAlert(tx: Tx, userId: string, kind: string, at: Date, notBefore: Date): Promise<boolean> {
  const r = await tx.client.query(
    `insert into access_watch_marks (user_id, kind, alerted_at) values ($1, $2, $3)
     on conflict (user_id, kind) do update set alerted_at = excluded.alerted_at where access_watch_marks.alerted_at <= $4
     returning 1`,
    [userId, kind, at, notBefore],
  );
  return r.rowCount === 1;
}
