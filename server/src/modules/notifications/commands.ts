/**
 * Writing notifications (in the transaction of the event that causes them, one row per recipient;
 * a body holds no full personal data — use maskName for a child's name) and marking them read.
 * Reading a notification is not audited (it never was: it is the caller's own inbox).
 */
import type { Tx } from '../../core/context.js';
import { errors } from '../../core/errors.js';
import * as repo from './repo.js';

export interface NotificationInput {
  kind: string;
  title: string;
  body: string;
  entity?: string | null;
  entityId?: string | null;
  streetCode?: string | null;
}

/** One notification per distinct user; the number written. */
export async function notify(tx: Tx, userIds: string[], n: NotificationInput): Promise<number> {
  const [written] = await notifyMany(tx, [{ userIds, notice: n }]);
  return written ?? 0;
}

/** notify for many notices at once, in one statement: the number written for each, in order. */
export async function notifyMany(tx: Tx, notices: { userIds: string[]; notice: NotificationInput }[]): Promise<number[]> {
  const rows: repo.NewNotification[] = [];
  const written = notices.map(({ userIds, notice }) => {
    const unique = [...new Set(userIds)];
    const n = { ...notice, entity: notice.entity ?? null, entityId: notice.entityId ?? null, streetCode: notice.streetCode ?? null };
    for (const userId of unique) rows.push({ ...n, userId });
    return unique.length;
  });
  if (rows.length) await repo.insertNotifications(tx.client, rows);
  return written;
}

export async function markRead(tx: Tx, id: string): Promise<void> {
  if (!(await repo.markRead(tx.client, id))) throw errors.notFound('未找到该通知');
}

export async function markAllRead(tx: Tx): Promise<void> {
  await repo.markAllRead(tx.client);
}
