/** SQL of help plans (帮扶方案) and their reviews. */
import type { Tx } from '../../../core/context.js';
import { returnedId } from './rows.js';

export interface PlanRow {
  id: string;
  child_id: string;
  goals: string;
  measures: string;
  responsible: string;
  review_on: string;
  status: 'active' | 'closed';
  created_at: Date;
  updated_at: Date;
  version: number;
}
export interface ReviewRow {
  id: string;
  plan_id: string;
  reviewed_on: string;
  summary: string;
  next_review_on: string | null;
  reviewer_name: string;
  created_at: Date;
}
const PLAN = 'select id, child_id, goals, measures, responsible, review_on, status, created_at, updated_at, version from care_plans';

export async function reviewsOf(tx: Tx, planIds: string[]): Promise<ReviewRow[]> {
  return (
    await tx.client.query<ReviewRow>(
      `select id, plan_id, reviewed_on, summary, next_review_on, reviewer_name, created_at from care_plan_reviews
     where plan_id = any($1::uuid[]) order by reviewed_on desc, created_at desc`,
      [planIds],
    )
  ).rows;
}

export async function findPlan(tx: Tx, id: string, lock = false): Promise<PlanRow | undefined> {
  return (await tx.client.query<PlanRow>(`${PLAN} where id = $1 ${lock ? 'for update' : ''}`, [id])).rows[0];
}

export async function listChildPlans(tx: Tx, childId: string): Promise<PlanRow[]> {
  return (await tx.client.query<PlanRow>(`${PLAN} where child_id = $1 order by (status = 'closed'), created_at desc limit 100`, [childId])).rows;
}

export async function hasActivePlan(tx: Tx, childId: string): Promise<boolean> {
  const open = await tx.client.query(`select 1 from care_plans where child_id = $1 and status = 'active'`, [childId]);
  return !!open.rowCount;
}

export async function insertPlan(
  tx: Tx,
  v: { childId: string; goals: string; measures: string; responsible: string; reviewOn: string; createdBy: string },
): Promise<string> {
  const { rows } = await tx.client.query<{ id: string }>(
    `insert into care_plans (child_id, goals, measures, responsible, review_on, created_by) values ($1, $2, $3, $4, $5, $6) returning id`,
    [v.childId, v.goals, v.measures, v.responsible, v.reviewOn, v.createdBy],
  );
  return returnedId(rows);
}

export async function updatePlan(
  tx: Tx,
  id: string,
  v: { goals: string | null; measures: string | null; responsible: string | null; reviewOn: string | null },
): Promise<void> {
  await tx.client.query(
    `update care_plans set goals = coalesce($2, goals), measures = coalesce($3, measures), responsible = coalesce($4, responsible),
         review_on = coalesce($5, review_on), updated_at = now(), version = version + 1 where id = $1`,
    [id, v.goals, v.measures, v.responsible, v.reviewOn],
  );
}

export async function insertReview(
  tx: Tx,
  v: { planId: string; childId: string; reviewedOn: string; summary: string; nextReviewOn: string | null; reviewerId: string; reviewerName: string },
): Promise<string> {
  const { rows } = await tx.client.query<{ id: string }>(
    `insert into care_plan_reviews (plan_id, child_id, reviewed_on, summary, next_review_on, reviewer_id, reviewer_name)
         values ($1, $2, $3, $4, $5, $6, $7) returning id`,
    [v.planId, v.childId, v.reviewedOn, v.summary, v.nextReviewOn, v.reviewerId, v.reviewerName],
  );
  return returnedId(rows);
}

export async function moveReviewOn(tx: Tx, id: string, nextReviewOn: string | null): Promise<void> {
  await tx.client.query(`update care_plans set review_on = coalesce($2, review_on), updated_at = now(), version = version + 1 where id = $1`, [
    id,
    nextReviewOn,
  ]);
}

export async function closePlan(tx: Tx, id: string): Promise<void> {
  await tx.client.query(`update care_plans set status = 'closed', updated_at = now(), version = version + 1 where id = $1`, [id]);
}
