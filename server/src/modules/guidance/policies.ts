/**
 * Access of the guidance module, on the shared guardianship depth rule
 * (../guardianship/policies.ts): the child must be reachable (row-level security: area, assigned
 * worker, guardianship supervisor, a unit through a referral with the 'guardianship' section),
 * then the depth decides what is shown — documents only at `full`, sessions' notes only at `full`.
 */
import type { SignedInCtx, Tx } from '../../core/context.js';
import { errors } from '../../core/errors.js';
import { requireDepth, requireWrite, type GuardianshipDepth } from '../guardianship/policies.js';
import * as repo from './repo.js';

/** The caller's depth for the child, or 404 when the child is out of reach (or the caller has no guardianship access). */
export async function depthFor(tx: Tx, ctx: SignedInCtx, childId: string): Promise<Exclude<GuardianshipDepth, 'none'>> {
  const r = await repo.reach(tx, childId);
  if (!r.visible) throw errors.notFound();
  return requireDepth(ctx.actor, { supervisor: r.supervisor, viaReferral: r.viaReferral });
}

/** Documents (legal letters naming the family): depth `full` only; a summary reader gets 404 as if none existed. */
export async function requireFull(tx: Tx, ctx: SignedInCtx, childId: string): Promise<void> {
  if ((await depthFor(tx, ctx, childId)) !== 'full') throw errors.notFound();
}

/** Writing: reachable, then guardianship.write (or the child's supervisor). */
export async function requireWriter(tx: Tx, ctx: SignedInCtx, childId: string): Promise<void> {
  const r = await repo.reach(tx, childId);
  if (!r.visible) throw errors.notFound();
  requireDepth(ctx.actor, { supervisor: r.supervisor, viaReferral: r.viaReferral });
  requireWrite(ctx.actor, { supervisor: r.supervisor });
}

/** Whether the caller may write, for the interface's buttons. */
export async function canWrite(tx: Tx, ctx: SignedInCtx, childId: string): Promise<boolean> {
  const r = await repo.reach(tx, childId);
  return ctx.actor.permissions.has('guardianship.write') || r.supervisor;
}
