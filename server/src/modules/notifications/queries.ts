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
  const rows = await repo.usersWhoCan(tx.client, {
    areas: [{ ...opts.area, streetOffices: opts.streetOffices ?? [] }],
    units: opts.units ?? [],
    permission: opts.permission,
  });
  return [...new Set(rows.map((r) => r.id))].sort();
}

/** The unit that takes a notice no one of its addressed unit could open. */
export const FALLBACK_UNIT = 'civil-affairs';

/** A record to address with routeToThoseWhoCan, and the streets whose offices are told of it. */
export interface RoutedRecord {
  area: RecordArea;
  streetOffices?: string[];
}

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
  const [one] = await routeManyToThoseWhoCan(tx, { ...opts, records: [{ area: opts.area, streetOffices: opts.streetOffices }] });
  if (!one) throw new Error('routeManyToThoseWhoCan answered nothing for one record');
  return one;
}

/**
 * routeToThoseWhoCan for many records at once (the same units, permission and referred units),
 * in two statements whatever their number: one answer per record, in order.
 */
export async function routeManyToThoseWhoCan(
  tx: Tx,
  opts: { units: string[]; permission: string; records: RoutedRecord[]; referred?: string[] },
): Promise<{ users: string[]; unreachable: string[] }[]> {
  if (!opts.records.length) return [];
  const needsFallback = !opts.units.includes(FALLBACK_UNIT);
  // The fallback unit's users are read with the others (one statement); they are used only for a
  // record one of whose units no one can open.
  const rows = await repo.usersWhoCan(tx.client, {
    areas: opts.records.map((r) => ({ ...r.area, streetOffices: r.streetOffices ?? [] })),
    units: needsFallback ? [...opts.units, FALLBACK_UNIT] : opts.units,
    permission: opts.permission,
  });
  const byTarget = new Map<string, string[]>();
  for (const r of rows) {
    const key = `${r.n}:${r.unit ?? ''}`;
    byTarget.set(key, [...(byTarget.get(key) ?? []), r.id]);
  }
  const found = (n: number, unit: string | null) => byTarget.get(`${n}:${unit ?? ''}`) ?? [];
  const routed = opts.records.map((record, n) => {
    const users: string[] = [];
    const unreachable: string[] = [];
    for (const unit of opts.units) {
      const those = found(n, unit);
      if (those.length) users.push(...those);
      else if (!opts.referred?.includes(unit)) unreachable.push(unit);
    }
    if (unreachable.length && needsFallback) users.push(...found(n, FALLBACK_UNIT));
    if (record.streetOffices?.length) users.push(...found(n, null));
    return { users: [...new Set(users)], unreachable };
  });
  const codes = [...new Set(routed.flatMap((r) => r.unreachable))];
  const names = codes.length ? await repo.unitNames(tx.client, codes) : [];
  return routed.map((r) => ({ users: r.users, unreachable: r.unreachable.map((u) => names.find((x) => x.code === u)?.name ?? u) }));
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
