/** The API contract of the caller's own notifications (server routes and web). */
import { z } from 'zod';
import { PageQuery, page } from './api.js';

export const Notification = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  entity: z.string().nullable(),
  entityId: z.string().nullable(),
  createdAt: z.string(),
  read: z.boolean(),
});
export type Notification = z.infer<typeof Notification>;

export const NotificationList = page(Notification).extend({ unread: z.number() });
export type NotificationList = z.infer<typeof NotificationList>;

export const NotificationQuery = PageQuery.extend({ unread: z.enum(['true', 'false']).optional() });
export type NotificationQuery = z.infer<typeof NotificationQuery>;
