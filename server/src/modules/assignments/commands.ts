/**
 * The writes of the assignments module: the street assigns children of its area to a commissioned
 * social worker (bulk, optionally under a project, with a note), and ends an assignment. Each is
 * audited; the worker is told of the children they can now open. Ending takes effect at the
 * worker's next request: their scope is read from child_assignments at the start of every
 * transaction (core/context.ts), nothing is cached.
 */
import type { AssignmentCreate, AssignmentEnd } from '#common/assignments.js';
import type { SignedInCtx, Tx } from '../../core/context.js';
import { errors } from '../../core/errors.js';
import { notify, recipientsWhoCan } from '../notifications/notify.js';
import { outsideArea, workerRefusal } from './policies.js';
import * as repo from './repo.js';

export async function assign(tx: Tx, ctx: SignedInCtx, body: AssignmentCreate) {
  const streets = ctx.actor.scope.streets;
  const worker = (await repo.workers(tx, streets, body.userId))[0] ?? null;
  const refusal = workerRefusal(worker);
  if (refusal || worker === null) throw errors.validation([{ path: 'userId', message: refusal ?? '' }], refusal ?? '');
  const projectId = body.projectId ?? null;
  if (projectId !== null && !(await repo.projectServes(tx, projectId, streets))) {
    throw errors.validation([{ path: 'projectId', message: '请选择在办、服务本街道的项目' }]);
  }
  const kids = await repo.childrenInArea(tx, body.childIds, streets);
  const outside = outsideArea(
    body.childIds,
    kids.map((k) => k.id),
  );
  if (outside.length) {
    const msg = `有 ${outside.length} 名儿童不在您的辖区或不存在，不能分派`;
    throw errors.validation([{ path: 'childIds', message: msg }], msg);
  }
  const added = await repo.insertAssignments(
    tx,
    body.userId,
    kids.map((k) => k.id),
    projectId,
    body.note?.trim() || null,
    ctx.actor.userId,
  );
  for (const id of added) {
    await tx.audit({ action: 'assignments.assign', entity: 'child', entityId: id, summary: { worker: body.userId, project: projectId } });
  }
  // The worker is told only of the children they can open now (a suspended or disabled account is not).
  const names: string[] = [];
  for (const k of kids.filter((c) => added.includes(c.id))) {
    const who = await recipientsWhoCan(tx, {
      units: [worker.unit_code],
      permission: 'children.read',
      area: { childId: k.id, streetCode: k.street_code, committeeId: k.committee_id },
    });
    if (who.includes(body.userId)) names.push(k.name);
  }
  if (names.length) {
    await notify(tx, [body.userId], {
      kind: 'assignments.assigned',
      title: `新分派 ${names.length} 名儿童`,
      body: ctx.actor.unitName + '将以下儿童分派给您跟进：' + names.slice(0, 20).join('、') + (names.length > 20 ? ` 等 ${names.length} 名` : '') + '。',
      entity: null,
      entityId: null,
      streetCode: kids[0]?.street_code ?? null,
    });
  }
  return { assigned: added.length, already: kids.length - added.length };
}

export async function end(tx: Tx, ctx: SignedInCtx, body: AssignmentEnd) {
  const gone = await repo.deleteAssignment(tx, body.userId, body.childId, ctx.actor.scope.streets);
  if (!gone) throw errors.notFound('未找到该分派，或不在您的辖区');
  await tx.audit({
    action: 'assignments.end',
    entity: 'child',
    entityId: body.childId,
    summary: { worker: body.userId, project: gone.project_id, since: gone.assigned_at.toISOString() },
  });
  return { ended: true };
}
