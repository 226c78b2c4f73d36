/** /api/notifications: the caller's own notifications (RLS: user_id = the caller) — route table. */
import { z } from 'zod';
import { ErrorBody, IdParam } from '#common/api.js';
import { NotificationList, NotificationQuery } from '#common/notifications.js';
import type { AppDeps, ZApp } from '../../core/deps.js';
import { AUTHENTICATED } from '../../http/access.js';
import { inScope } from '../../core/context.js';
import * as notificationCommands from './commands.js';
import * as notificationQueries from './queries.js';

const tags = ['通知 notifications'];

export function notificationRoutes(app: ZApp, deps: AppDeps): void {
  app.get(
    '/api/notifications',
    {
      config: { access: AUTHENTICATED },
      schema: {
        operationId: 'listMyNotifications',
        tags,
        summary: '我的通知',
        querystring: NotificationQuery,
        response: { 200: NotificationList, 401: ErrorBody, 403: ErrorBody },
      },
    },
    async (req) => inScope(deps.db, req.ctx, (tx) => notificationQueries.listMine(tx, req.query)),
  );

  app.post(
    '/api/notifications/:id/read',
    {
      config: { access: AUTHENTICATED },
      schema: { operationId: 'markNotificationRead', tags, summary: '标为已读', params: IdParam, response: { 204: z.null(), 401: ErrorBody, 404: ErrorBody } },
    },
    async (req, reply) => {
      await inScope(deps.db, req.ctx, (tx) => notificationCommands.markRead(tx, req.params.id));
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/notifications/read-all',
    {
      config: { access: AUTHENTICATED },
      schema: { operationId: 'markAllNotificationsRead', tags, summary: '全部标为已读', response: { 204: z.null(), 401: ErrorBody } },
    },
    async (req, reply) => {
      await inScope(deps.db, req.ctx, (tx) => notificationCommands.markAllRead(tx));
      return reply.code(204).send(null);
    },
  );
}
