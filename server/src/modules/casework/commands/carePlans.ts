/** Changes to help plans (帮扶方案) and their reviews, each with its audit row. */
import type { z } from 'zod';
import type { CarePlan, CarePlanClose, CarePlanCreate, CarePlanReviewCreate, CarePlanUpdate } from '#common/casework.js';
import { shanghaiDate } from '#common/dates.js';
import type { SignedInCtx, Tx } from '../../../core/context.js';
import { errors } from '../../../core/errors.js';
import { enforce, planWritable, reviewAfterPlan, reviewDates, reviewOnDate } from '../policies.js';
import { carePlan, planRow, visibleChild } from '../queries.js';
import * as areas from '../repo/areas.js';
import * as repo from '../repo/carePlans.js';

export async function create(tx: Tx, me: SignedInCtx, b: z.infer<typeof CarePlanCreate>, now: number): Promise<CarePlan> {
  enforce(reviewOnDate(b.reviewOn, shanghaiDate(now), 'reviewOn'));
  const child = await visibleChild(tx, b.childId);
  // One plan in force per child; the lock keeps two people from starting one at the same time.
  await areas.lockChild(tx, child.id);
  if (await repo.hasActivePlan(tx, child.id)) throw errors.conflict('该儿童已有执行中的帮扶方案，请修改现有方案，或先结束它再制定新方案');
  const id = await repo.insertPlan(tx, {
    childId: child.id,
    goals: b.goals,
    measures: b.measures,
    responsible: b.responsible,
    reviewOn: b.reviewOn,
    createdBy: me.actor.userId,
  });
  await tx.audit({ action: 'careplan.create', entity: 'care_plan', entityId: id, summary: { childId: child.id, reviewOn: b.reviewOn } });
  return carePlan(tx, id, now);
}

export async function update(tx: Tx, _me: SignedInCtx, id: string, b: z.infer<typeof CarePlanUpdate>, now: number): Promise<CarePlan> {
  const old = await planRow(tx, id, true);
  enforce(planWritable(old, b.version));
  if (b.reviewOn && b.reviewOn !== old.review_on) enforce(reviewOnDate(b.reviewOn, shanghaiDate(now), 'reviewOn'));
  await repo.updatePlan(tx, old.id, { goals: b.goals ?? null, measures: b.measures ?? null, responsible: b.responsible ?? null, reviewOn: b.reviewOn ?? null });
  const changed: Record<string, unknown> = {};
  for (const [k, col] of [
    ['goals', 'goals'],
    ['measures', 'measures'],
    ['responsible', 'responsible'],
  ] as const) {
    if (b[k] !== undefined && b[k] !== old[col]) changed[k] = 'changed';
  }
  if (b.reviewOn && b.reviewOn !== old.review_on) changed.reviewOn = { from: old.review_on, to: b.reviewOn };
  await tx.audit({ action: 'careplan.update', entity: 'care_plan', entityId: old.id, summary: { childId: old.child_id, ...changed } });
  return carePlan(tx, old.id, now);
}

export async function review(tx: Tx, me: SignedInCtx, id: string, b: z.infer<typeof CarePlanReviewCreate>, now: number): Promise<CarePlan> {
  enforce(reviewDates(b.reviewedOn, b.nextReviewOn, shanghaiDate(now)));
  const plan = await planRow(tx, id, true);
  enforce(planWritable(plan, undefined));
  enforce(reviewAfterPlan(b.reviewedOn, plan.created_at));
  const actor = me.actor;
  const reviewId = await repo.insertReview(tx, {
    planId: plan.id,
    childId: plan.child_id,
    reviewedOn: b.reviewedOn,
    summary: b.summary,
    nextReviewOn: b.nextReviewOn ?? null,
    reviewerId: actor.userId,
    reviewerName: actor.displayName,
  });
  await repo.moveReviewOn(tx, plan.id, b.nextReviewOn ?? null);
  await tx.audit({
    action: 'careplan.review',
    entity: 'care_plan',
    entityId: plan.id,
    summary: { childId: plan.child_id, reviewId, reviewedOn: b.reviewedOn, nextReviewOn: b.nextReviewOn ?? null },
  });
  return carePlan(tx, plan.id, now);
}

export async function close(tx: Tx, _me: SignedInCtx, id: string, b: z.infer<typeof CarePlanClose>, now: number): Promise<CarePlan> {
  const plan = await planRow(tx, id, true);
  enforce(planWritable(plan, b.version));
  await repo.closePlan(tx, plan.id);
  await tx.audit({ action: 'careplan.close', entity: 'care_plan', entityId: plan.id, summary: { childId: plan.child_id, note: b.note ?? null } });
  return carePlan(tx, plan.id, now);
}
