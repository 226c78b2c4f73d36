/**
 * Notifications are written in the transaction of the event that causes them, one row per
 * recipient; a body holds no full personal data (use maskName for a child's name).
 */
import type { Tx } from '../../http/context.js';

export interface NotificationInput {
  kind: string;
  title: string;
  body: string;
  entity?: string | null;
  entityId?: string | null;
  streetCode?: string | null;
}

/** Active users of the given units, and/or of the street office of the given streets. */
export async function recipients(tx: Tx, opts: { units?: string[]; streetOffices?: string[]; roles?: string[] }): Promise<string[]> {
  const { rows } = await tx.client.query<{ id: string }>(
    `select distinct u.id from users u join units un on un.code = u.unit_code
     where not u.disabled
       and (u.unit_code = any ($1::text[]) or (un.kind = 'street' and un.street_code = any ($2::text[])))
       and (cardinality($3::text[]) = 0 or exists (select 1 from user_roles r where r.user_id = u.id and r.role_code = any ($3::text[])))`,
    [opts.units ?? [], opts.streetOffices ?? [], opts.roles ?? []],
  );
  return rows.map((r) => r.id);
}

export async function notify(tx: Tx, userIds: string[], n: NotificationInput): Promise<number> {
  const unique = [...new Set(userIds)];
  if (!unique.length) return 0;
  await tx.client.query(
    `insert into notifications (user_id, kind, title, body, entity, entity_id, street_code)
     select unnest($1::uuid[]), $2, $3, $4, $5, $6, $7`,
    [unique, n.kind, n.title, n.body, n.entity ?? null, n.entityId ?? null, n.streetCode ?? null],
  );
  return unique.length;
}
