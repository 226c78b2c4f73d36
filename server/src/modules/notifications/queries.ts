/**
 * Who receives a notice, and the caller's own notifications.
 *
 * A notice goes only to people who can act on it: every casework notice is addressed with
 * `recipientsWhoCan`, which keeps the users holding the permission its record's page needs AND an
 * area scope that reaches the record's child (the same rules as the session's scope, auth/sessions.ts
 * scopeOf). A notice someone cannot open only teaches them that the platform says 无权访问.
 */
import type { NotificationList } from '#common/notifications.js';
import type { Tx } from '../../core/context.js';
import { presentNotification } from './presenters.js';
import * as repo from './repo.js';

/** Where a record lives: what a recipient's scope must reach to open it. */
export interface RecordArea {
  childId: string;
  streetCode: string;
  committeeId: string;
}

/**
 * Active users of the given units and/or of the street offices of the given streets, who hold
 * `permission` (through any of their roles) and whose scope reaches the record's child: a
 * district role; a street role of a unit in the child's street; a committee role over the child's
 * committee; an assigned role with the child assigned. Users with a pending first-login step
 * are kept (their session gains its permissions once the step is done).
 */
export async function recipientsWhoCan(tx: Tx, opts: { units?: string[]; streetOffices?: string[]; permission: string; area: RecordArea }): Promise<string[]> {
  return repo.usersWhoCan(tx.client, {
    units: opts.units ?? [],
    streetOffices: opts.streetOffices ?? [],
    permission: opts.permission,
    streetCode: opts.area.streetCode,
    committeeId: opts.area.committeeId,
    childId: opts.area.childId,
  });
}

/** The unit that takes a notice no one of its addressed unit could open. */
export const FALLBACK_UNIT = 'civil-affairs';

/**
 * Addressing a notice to units: each unit's users who can open the record; a unit none of whose
 * users can (a department, which has no area scope) is named in `unreachable`, and 区民政局's
 * users who can open it receive the notice in its place — the sender says so in the text. A unit
 * in `referred` receives a referral from the same flow (协同): its handlers are told by the
 * referral's notice and open the child through it, so it is neither relayed nor named.
 * Street offices are addressed as in recipientsWhoCan.
 */
export async function routeToThoseWhoCan(
  tx: Tx,
  opts: { units: string[]; streetOffices?: string[]; permission: string; area: RecordArea; referred?: string[] },
): Promise<{ users: string[]; unreachable: string[] }> {
  const users: string[] = [];
  const unreachable: string[] = [];
  for (const unit of opts.units) {
    const found = await recipientsWhoCan(tx, { units: [unit], permission: opts.permission, area: opts.area });
    if (found.length) users.push(...found);
    else if (!opts.referred?.includes(unit)) unreachable.push(unit);
  }
  if (unreachable.length && !opts.units.includes(FALLBACK_UNIT))
    users.push(...(await recipientsWhoCan(tx, { units: [FALLBACK_UNIT], permission: opts.permission, area: opts.area })));
  if (opts.streetOffices?.length)
    users.push(...(await recipientsWhoCan(tx, { streetOffices: opts.streetOffices, permission: opts.permission, area: opts.area })));
  const names = unreachable.length ? await repo.unitNames(tx.client, unreachable) : [];
  return { users: [...new Set(users)], unreachable: unreachable.map((u) => names.find((n) => n.code === u)?.name ?? u) };
}

/**
 * Active users of the given units, and/or of the street office of the given streets, optionally
 * with one of `roles`. Not for casework notices (it does not check who can open the record): the
 * plan supervision module addresses its notices by permission itself.
 */
export async function recipients(tx: Tx, opts: { units?: string[]; streetOffices?: string[]; roles?: string[] }): Promise<string[]> {
  return repo.usersOf(tx.client, { units: opts.units ?? [], streetOffices: opts.streetOffices ?? [], roles: opts.roles ?? [] });
}

/** The caller's notifications, newest first (RLS: user_id = the caller). */
export async function listMine(tx: Tx, q: { page: number; pageSize: number; unread?: 'true' | 'false' }): Promise<NotificationList> {
  const unreadOnly = q.unread === 'true';
  const counts = await repo.countMine(tx.client, unreadOnly);
  const rows = await repo.listMine(tx.client, unreadOnly, q.pageSize, (q.page - 1) * q.pageSize);
  return { items: rows.map(presentNotification), total: counts.total, unread: counts.unread, page: q.page, pageSize: q.pageSize };
}
