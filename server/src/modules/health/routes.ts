/** GET /api/health: the server answers, and says whether the database does (route table). */
import { z } from 'zod';
import type { AppDeps, ZApp } from '../../core/deps.js';
import { PUBLIC } from '../../http/access.js';
import * as healthQueries from './queries.js';

const Health = z.object({ status: z.enum(['ok', 'unavailable']), database: z.enum(['ok', 'unavailable']) });

export function healthRoutes(app: ZApp, deps: AppDeps): void {
  app.get(
    '/api/health',
    {
      config: { access: PUBLIC },
      schema: { operationId: 'getHealth', tags: ['系统 system'], summary: '健康检查', response: { 200: Health, 503: Health } },
    },
    async (_req, reply) => {
      const health = await healthQueries.check(deps.db.app);
      return health.status === 'ok' ? health : reply.code(503).send(health);
    },
  );
}
