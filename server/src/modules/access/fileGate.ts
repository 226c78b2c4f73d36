/**
 * The file gate: one preValidation hook for every route under /api/children/:id. A user all of
 * whose child-reading roles carry `roles.file_reason_required` (the district leader) opens a
 * child's data only with a live access grant on that child, or when the child is assigned to
 * them; otherwise 403 ACCESS_REASON_REQUIRED (audited), and the interface asks for a reason.
 * Runs after the guard (the actor is known) and before validation, so no route escapes it.
 * Other users pass at once (a flag on the actor, no query).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { auditAlone, inScope } from '../../core/context.js';
import type { AppDeps } from '../../core/deps.js';
import { ACCESS_REASON_REQUIRED } from '#common/access.js';
import { CHILD_FILE_ROUTE, gateDecision, isUuid, reasonRequired } from './policies.js';
import * as repo from './repo.js';

function childIdOf(req: FastifyRequest): string | null {
  const p: unknown = req.params;
  return p !== null && typeof p === 'object' && 'id' in p && typeof p.id === 'string' ? p.id : null;
}

export function registerFileGate(app: FastifyInstance, deps: AppDeps): void {
  app.addHook('preValidation', async (req: FastifyRequest) => {
    if (!CHILD_FILE_ROUTE.test(req.routeOptions.url ?? '')) return;
    const actor = req.ctx.actor;
    if (!actor?.fileReasonRequired) return;
    const childId = childIdOf(req);
    if (!childId || !isUuid(childId)) return; // validation answers 400 (no child can match)
    const at = req.ctx.at ?? new Date(deps.clock());
    if (gateDecision(actor, childId, at) === 'open') return;
    const userId = actor.userId;
    if (await inScope(deps.db, req.ctx, (tx) => repo.isAssigned(tx, userId, childId))) return;
    await auditAlone(deps.db, req.ctx, {
      action: 'access.denied',
      outcome: 'denied',
      entity: 'child',
      entityId: childId,
      summary: { route: req.method + ' ' + (req.routeOptions.url ?? ''), code: ACCESS_REASON_REQUIRED },
    });
    throw reasonRequired();
  });
}
