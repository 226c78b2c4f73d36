/** Notification rows → the API's shape. */
import type { Notification } from '#common/notifications.js';
import type { NotificationRow } from './repo.js';

export function presentNotification(r: NotificationRow): Notification {
  return {
    id: r.id,
    kind: r.kind,
    title: r.title,
    body: r.body,
    entity: r.entity,
    entityId: r.entity_id,
    createdAt: r.created_at.toISOString(),
    read: !!r.read_at,
  };
}
