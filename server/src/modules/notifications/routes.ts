/** /api/notifications: the caller's own notifications (RLS: user_id = the caller). */
import { z } from 'zod';
import { ErrorBody, IdParam, PageQuery, page } from '#common/api.js';
import type { AppDeps, ZApp } from '../../core/deps.js';
import { AUTHENTICATED } from '../../http/access.js';
import { inScope } from '../../core/context.js';
import { errors } from '../../core/errors.js';

const tags = ['通知 notifications'];
export const Notification = z.object({
  id: z.string(), kind: z.string(), title: z.string(), body: z.string(), entity: z.string().nullable(), entityId: z.string().nullable(),
  createdAt: z.string(), read: z.boolean(),
});
const NotificationList = page(Notification).extend({ unread: z.number() });

export function notificationRoutes(app: ZApp, deps: AppDeps): void {
  app.get('/api/notifications', {
    config: { access: AUTHENTICATED },
    schema: { tags, summary: '我的通知', querystring: PageQuery.extend({ unread: z.enum(['true', 'false']).optional() }), response: { 200: NotificationList, 401: ErrorBody, 403: ErrorBody } },
  }, async (req) => inScope(deps.db, req.ctx, async (tx) => {
    const { page: p, pageSize, unread } = req.query;
    const where = unread === 'true' ? 'where read_at is null' : '';
    const counts = (await tx.client.query<{ total: number; unread: number }>(
      `select count(*) filter (where ${unread === 'true' ? 'read_at is null' : 'true'})::int as total, count(*) filter (where read_at is null)::int as unread from notifications`)).rows[0]!;
    const { rows } = await tx.client.query<{ id: string; kind: string; title: string; body: string; entity: string | null; entity_id: string | null; created_at: Date; read_at: Date | null }>(
      `select id, kind, title, body, entity, entity_id, created_at, read_at from notifications ${where} order by created_at desc limit $1 offset $2`,
      [pageSize, (p - 1) * pageSize]);
    return {
      items: rows.map((r) => ({ id: r.id, kind: r.kind, title: r.title, body: r.body, entity: r.entity, entityId: r.entity_id, createdAt: r.created_at.toISOString(), read: !!r.read_at })),
      total: counts.total, unread: counts.unread, page: p, pageSize,
    };
  }));

  app.post('/api/notifications/:id/read', {
    config: { access: AUTHENTICATED },
    schema: { tags, summary: '标为已读', params: IdParam, response: { 204: z.null(), 401: ErrorBody, 404: ErrorBody } },
  }, async (req, reply) => {
    const n = await inScope(deps.db, req.ctx, async (tx) => (await tx.client.query('update notifications set read_at = coalesce(read_at, now()) where id = $1', [req.params.id])).rowCount);
    if (!n) throw errors.notFound('未找到该通知');
    return reply.code(204).send(null);
  });

  app.post('/api/notifications/read-all', {
    config: { access: AUTHENTICATED },
    schema: { tags, summary: '全部标为已读', response: { 204: z.null(), 401: ErrorBody } },
  }, async (req, reply) => {
    await inScope(deps.db, req.ctx, (tx) => tx.client.query('update notifications set read_at = now() where read_at is null'));
    return reply.code(204).send(null);
  });
}
