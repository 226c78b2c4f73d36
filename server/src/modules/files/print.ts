/**
 * The printable child file is rendered by the browser from the ordinary read APIs; this route
 * records that it was printed (security requirement 15: views, exports and prints are audited).
 */
import { z } from 'zod';
import { ErrorBody, IdParam } from '#common/api.js';
import type { AppDeps, ZApp } from '../../core/deps.js';
import { can } from '../../http/access.js';
import { inScope } from '../../core/context.js';
import { visibleChild } from './attachments.js';

export function printRoutes(app: ZApp, deps: AppDeps): void {
  app.post('/api/children/:id/print-log', {
    config: { access: can('children.read') },
    schema: {
      tags: ['儿童档案 children'], summary: '记录打印一人一档（记入审计日志）', params: IdParam,
      response: { 200: z.object({ ok: z.literal(true) }), 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
    },
  }, async (req) => inScope(deps.db, req.ctx, async (tx) => {
    await visibleChild(tx, req.params.id);
    await tx.audit({ action: 'child.print', entity: 'child', entityId: req.params.id });
    return { ok: true as const };
  }));
}
