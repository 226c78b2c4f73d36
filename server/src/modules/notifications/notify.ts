/**
 * Notifications are written in the transaction of the event that causes them, one row per
 * recipient; a body holds no full personal data (use maskName for a child's name).
 *
 * A notice goes only to people who can act on it: every casework notice is addressed with
 * `recipientsWhoCan`, which keeps the users holding the permission its record's page needs AND an
 * area scope that reaches the record's child (the same rules as the session's scope, sessions.ts
 * scopeOf). A notice someone cannot open only teaches them that the platform says 无权访问.
 */
import type { Tx } from '../../core/context.js';

export interface NotificationInput {
  kind: string;
  title: string;
  body: string;
  entity?: string | null;
  entityId?: string | null;
  streetCode?: string | null;
}

/** Where a record lives: what a recipient's scope must reach to open it. */
export interface RecordArea { childId: string; streetCode: string; committeeId: string }

/**
 * Active users of the given units and/or of the street offices of the given streets, who hold
 * `permission` (through any of their roles) and whose scope reaches the record's child: a
 * district role; a street role of a unit in the child's street; a committee role over the child's
 * committee; an assigned role with the child assigned. Users with a pending first-login step
 * are kept (their session gains its permissions once the step is done).
 */
export async function recipientsWhoCan(tx: Tx, opts: { units?: string[]; streetOffices?: string[]; permission: string; area: RecordArea }): Promise<string[]> {
  const { rows } = await tx.client.query<{ id: string }>(
    `select distinct u.id from users u join units un on un.code = u.unit_code
     where not u.disabled
       and (u.unit_code = any ($1::text[]) or (un.kind = 'street' and un.street_code = any ($2::text[])))
       and exists (select 1 from user_roles ur join roles r on r.code = ur.role_code where ur.user_id = u.id and $3 = any (r.permissions))
       and exists (select 1 from user_roles ur join roles r on r.code = ur.role_code where ur.user_id = u.id and (
             r.scope_kind = 'district'
          or (r.scope_kind = 'street' and un.street_code = $4)
          or (r.scope_kind = 'committee' and exists (select 1 from user_committees uc join committees c on c.id = uc.committee_id and c.active
                                                     where uc.user_id = u.id and uc.committee_id = $5::uuid))
          or (r.scope_kind = 'assigned' and exists (select 1 from child_assignments ca where ca.user_id = u.id and ca.child_id = $6::uuid))))
     order by u.id`,
    [opts.units ?? [], opts.streetOffices ?? [], opts.permission, opts.area.streetCode, opts.area.committeeId, opts.area.childId],
  );
  return rows.map((r) => r.id);
}

/** The unit that takes a notice no one of its addressed unit could open (until departments get case-scoped access). */
export const FALLBACK_UNIT = 'civil-affairs';

/**
 * Addressing a notice to units: each unit's users who can open the record; a unit none of whose
 * users can (a department without access to child records, such as 区教育局 today) is named in
 * `unreachable`, and 区民政局's users who can open it receive the notice in its place — the
 * sender says so in the text. Street offices are addressed as in recipientsWhoCan.
 */
export async function routeToThoseWhoCan(tx: Tx, opts: { units: string[]; streetOffices?: string[]; permission: string; area: RecordArea }): Promise<{ users: string[]; unreachable: string[] }> {
  const users: string[] = [];
  const unreachable: string[] = [];
  for (const unit of opts.units) {
    const found = await recipientsWhoCan(tx, { units: [unit], permission: opts.permission, area: opts.area });
    if (found.length) users.push(...found);
    else unreachable.push(unit);
  }
  if (unreachable.length && !opts.units.includes(FALLBACK_UNIT)) users.push(...await recipientsWhoCan(tx, { units: [FALLBACK_UNIT], permission: opts.permission, area: opts.area }));
  if (opts.streetOffices?.length) users.push(...await recipientsWhoCan(tx, { streetOffices: opts.streetOffices, permission: opts.permission, area: opts.area }));
  const names = unreachable.length
    ? (await tx.client.query<{ code: string; name: string }>('select code, name from units where code = any ($1::text[])', [unreachable])).rows
    : [];
  return { users: [...new Set(users)], unreachable: unreachable.map((u) => names.find((n) => n.code === u)?.name ?? u) };
}

/**
 * Active users of the given units, and/or of the street office of the given streets, optionally
 * with one of `roles`. Not for casework notices (it does not check who can open the record): the
 * plan supervision module addresses its notices by permission itself.
 */
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
