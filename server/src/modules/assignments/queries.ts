/** The reads of the assignments module, each within the caller's streets. */
import type { SignedInCtx, Tx } from '../../core/context.js';
import { assignmentOut, workerOut } from './presenters.js';
import * as repo from './repo.js';

export async function options(tx: Tx, ctx: SignedInCtx) {
  const streets = ctx.actor.scope.streets;
  const workers = await repo.workers(tx, streets);
  const projects = await repo.projects(tx, streets);
  const committees = await repo.committees(tx, streets);
  return { workers: workers.map(workerOut), projects, committees };
}

export async function list(tx: Tx, ctx: SignedInCtx, q: { userId?: string | undefined; childId?: string | undefined }) {
  return { items: (await repo.assignments(tx, ctx.actor.scope.streets, q)).map(assignmentOut) };
}

/** The commissioned social workers a child is assigned to (the child file's 慈善帮扶 section shows them). */
export async function workersOfChild(tx: Tx, childId: string) {
  return (await repo.workersOfChild(tx, childId)).map((w) => ({ userId: w.user_id, name: w.name, organisation: w.organisation, since: w.since.toISOString() }));
}
