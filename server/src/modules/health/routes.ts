/** GET /api/health: the server answers, and says whether the database does. */
import { z } from 'zod';
import type { AppDeps, ZApp } from '../../core/deps.js';
import { PUBLIC } from '../../http/access.js';

const Health = z.object({ status: z.enum(['ok', 'unavailable']), database: z.enum(['ok', 'unavailable']) });

export function healthRoutes(app: ZApp, deps: AppDeps): void {
  app.get('/api/health', {
    config: { access: PUBLIC },
    schema: { tags: ['系统 system'], summary: '健康检查', response: { 200: Health, 503: Health } },
  }, async (_req, reply) => {
    try {
      await deps.db.app.query('select 1');
      return { status: 'ok' as const, database: 'ok' as const };
    } catch {
      return reply.code(503).send({ status: 'unavailable', database: 'unavailable' });
    }
  });
}
