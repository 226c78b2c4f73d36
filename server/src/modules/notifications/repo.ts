/** Every SQL statement of notifications: addressing (who can open a record), writing, reading, marking read. */
import type pg from 'pg';

export interface NotificationRow {
  id: string;
  kind: string;
  title: string;
  body: string;
  entity: string | null;
  entity_id: string | null;
  created_at: Date;
  read_at: Date | null;
}

/** Where a record lives, and which street offices are addressed about it (usersWhoCan). */
export interface AddressedArea {
  childId: string;
  streetCode: string;
  committeeId: string;
  streetOffices: string[];
}

/**
 * For each area (by its index `n` in `areas`): the users of each unit of `units` (`unit` = its code)
 * and of the street offices of the area's `streetOffices` (`unit` = null) holding `permission`,
 * whose scope reaches the area's child. One statement for any number of records (an import's
 * 控辍保学 alerts address all their children at once).
 */
export async function usersWhoCan(
  c: pg.ClientBase,
  q: { areas: AddressedArea[]; units: string[]; permission: string },
): Promise<{ n: number; unit: string | null; id: string }[]> {
  const offices = q.areas.flatMap((a, n) => a.streetOffices.map((s) => ({ n: n + 1, s })));
  const { rows } = await c.query<{ n: number; unit: string | null; id: string }>(
    `with a as (select * from unnest($1::uuid[], $2::text[], $3::uuid[]) with ordinality as a(child_id, street_code, committee_id, n)),
          t as (select a.n, x.code as unit, null::text as office from a cross join unnest($4::text[]) as x(code)
                union all
                select o.n, null, o.street from unnest($5::bigint[], $6::text[]) as o(n, street))
     select distinct t.n::int - 1 as n, t.unit, u.id
       from t join a on a.n = t.n
       join users u on not u.disabled
       join units un on un.code = u.unit_code
      where (u.unit_code = t.unit or (t.office is not null and un.kind = 'street' and un.street_code = t.office))
        and exists (select 1 from user_roles ur join roles r on r.code = ur.role_code where ur.user_id = u.id and $7 = any (r.permissions))
        and exists (select 1 from user_roles ur join roles r on r.code = ur.role_code where ur.user_id = u.id and (
              r.scope_kind = 'district'
           or (r.scope_kind = 'street' and un.street_code = a.street_code)
           or (r.scope_kind = 'committee' and exists (select 1 from user_committees uc join committees c on c.id = uc.committee_id and c.active
                                                      where uc.user_id = u.id and uc.committee_id = a.committee_id))
           or (r.scope_kind = 'assigned' and exists (select 1 from child_assignments ca where ca.user_id = u.id and ca.child_id = a.child_id))))
      order by 1, 2 nulls last, 3`,
    [
      q.areas.map((a) => a.childId),
      q.areas.map((a) => a.streetCode),
      q.areas.map((a) => a.committeeId),
      q.units,
      offices.map((o) => o.n),
      offices.map((o) => o.s),
      q.permission,
    ],
  );
  return rows;
}

/** Active users of `units` or of the street offices of `streetOffices`, with one of `roles` (all roles when empty). */
export async function usersOf(c: pg.ClientBase, q: { units: string[]; streetOffices: string[]; roles: string[] }): Promise<string[]> {
  const { rows } = await c.query<{ id: string }>(
    `select distinct u.id from users u join units un on un.code = u.unit_code
     where not u.disabled
       and (u.unit_code = any ($1::text[]) or (un.kind = 'street' and un.street_code = any ($2::text[])))
       and (cardinality($3::text[]) = 0 or exists (select 1 from user_roles r where r.user_id = u.id and r.role_code = any ($3::text[])))`,
    [q.units, q.streetOffices, q.roles],
  );
  return rows.map((r) => r.id);
}

export async function unitNames(c: pg.ClientBase, codes: string[]): Promise<{ code: string; name: string }[]> {
  return (await c.query<{ code: string; name: string }>('select code, name from units where code = any ($1::text[])', [codes])).rows;
}

export interface NewNotification {
  userId: string;
  kind: string;
  title: string;
  body: string;
  entity: string | null;
  entityId: string | null;
  streetCode: string | null;
}

/** Any number of notifications, in one statement, in the order given. */
export async function insertNotifications(c: pg.ClientBase, rows: NewNotification[]): Promise<void> {
  await c.query(
    `insert into notifications (user_id, kind, title, body, entity, entity_id, street_code)
     select * from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::uuid[], $7::text[])`,
    (['userId', 'kind', 'title', 'body', 'entity', 'entityId', 'streetCode'] as const).map((k) => rows.map((r) => r[k])),
  );
}

/** The caller's counts (RLS: their own rows): total of the listed kind (all or unread), and unread. */
export async function countMine(c: pg.ClientBase, unreadOnly: boolean): Promise<{ total: number; unread: number }> {
  const row = (
    await c.query<{ total: number; unread: number }>(
      `select count(*) filter (where ${unreadOnly ? 'read_at is null' : 'true'})::int as total, count(*) filter (where read_at is null)::int as unread from notifications`,
    )
  ).rows[0];
  if (!row) throw new Error('count(*) answered no row');
  return row;
}

export async function listMine(c: pg.ClientBase, unreadOnly: boolean, limit: number, offset: number): Promise<NotificationRow[]> {
  const where = unreadOnly ? 'where read_at is null' : '';
  return (
    await c.query<NotificationRow>(
      `select id, kind, title, body, entity, entity_id, created_at, read_at from notifications ${where} order by created_at desc limit $1 offset $2`,
      [limit, offset],
    )
  ).rows;
}

/** Marks one of the caller's notifications read; the number of rows found (0: not theirs or none). */
export async function markRead(c: pg.ClientBase, id: string): Promise<number> {
  return (await c.query('update notifications set read_at = coalesce(read_at, now()) where id = $1', [id])).rowCount ?? 0;
}

export async function markAllRead(c: pg.ClientBase): Promise<void> {
  await c.query('update notifications set read_at = now() where read_at is null');
}
