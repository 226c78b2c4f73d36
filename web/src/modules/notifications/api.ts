/** Calls of the caller's own notifications. The bell's list is polled by a timer: background header. */
import type { NotificationList } from '@common/notifications';
import { BACKGROUND, call, http } from '../../api/client';

export type { Notification, NotificationList } from '@common/notifications';

export const notificationsApi = {
  /** The latest notifications and the unread count; a poll, so it does not extend the session. */
  latest: (pageSize: number) => call<NotificationList>(http.GET('/api/notifications', { params: { query: { pageSize } }, ...BACKGROUND })),
  markRead: (id: string) => call(http.POST('/api/notifications/{id}/read', { params: { path: { id } } })),
  markAllRead: () => call(http.POST('/api/notifications/read-all')),
};
