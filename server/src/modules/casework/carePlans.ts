/** Help plans (帮扶方案): goals, measures, who is responsible, when to review; and the reviews. */
import { IdParam } from '#common/api.js';
import { CarePlan, CarePlanClose, CarePlanCreate, CarePlanList, CarePlanReviewCreate, CarePlanUpdate, ChildIdParam, type CarePlanReview } from '#common/casework.js';
import type { AppDeps, ZApp } from '../../core/deps.js';
import { can } from '../../http/access.js';
import { inScope, type Tx } from '../../core/context.js';
import { errors } from '../../core/errors.js';
import { shanghaiDate } from '#common/dates.js';
import { errs, iso, notInFuture, STALE, todayOf, visibleChild } from './shared.js';

const tags = ['个案工作 casework'];

interface PlanRow {
  id: string; child_id: string; goals: string; measures: string; responsible: string; review_on: string; status: 'active' | 'closed';
  created_at: Date; updated_at: Date; version: number;
}
interface ReviewRow { id: string; plan_id: string; reviewed_on: string; summary: string; next_review_on: string | null; reviewer_name: string; created_at: Date }
const PLAN = 'select id, child_id, goals, measures, responsible, review_on, status, created_at, updated_at, version from care_plans';

const presentReview = (r: ReviewRow): CarePlanReview => ({
  id: r.id, reviewedOn: r.reviewed_on, summary: r.summary, nextReviewOn: r.next_review_on, reviewerName: r.reviewer_name, createdAt: iso(r.created_at),
});

export function carePlanRoutes(app: ZApp, deps: AppDeps): void {
  const present = (p: PlanRow, reviews: ReviewRow[], today: string): CarePlan => ({
    id: p.id, childId: p.child_id, goals: p.goals, measures: p.measures, responsible: p.responsible, reviewOn: p.review_on,
    reviewOverdue: p.status === 'active' && p.review_on < today, status: p.status, createdAt: iso(p.created_at), updatedAt: iso(p.updated_at),
    version: p.version, reviews: reviews.filter((r) => r.plan_id === p.id).map(presentReview),
  });
  const reviewsOf = async (tx: Tx, planIds: string[]) => (await tx.client.query<ReviewRow>(
    `select id, plan_id, reviewed_on, summary, next_review_on, reviewer_name, created_at from care_plan_reviews
     where plan_id = any($1::uuid[]) order by reviewed_on desc, created_at desc`, [planIds])).rows;
  const loadPlan = async (tx: Tx, id: string, lock = false) => {
    const p = (await tx.client.query<PlanRow>(`${PLAN} where id = $1 ${lock ? 'for update' : ''}`, [id])).rows[0];
    if (!p) throw errors.notFound('未找到该帮扶方案，或不在您的辖区内');
    return p;
  };
  const full = async (tx: Tx, id: string) => {
    const p = await loadPlan(tx, id);
    return present(p, await reviewsOf(tx, [p.id]), todayOf(deps));
  };
  const checkWritable = (p: PlanRow, version: number | undefined) => {
    if (version !== undefined && p.version !== version) throw errors.conflict(STALE);
    if (p.status === 'closed') throw errors.validation([], '该帮扶方案已结束，不能再修改；如需继续帮扶，请制定新方案');
  };
  const checkReviewOn = (date: string, field: string) => {
    const today = todayOf(deps);
    if (date < today) throw errors.validation([{ path: field, message: `复查日期不能早于今天（${today}）` }]);
  };

  app.get('/api/children/:id/care-plans', {
    config: { access: can('children.read') },
    schema: { tags, summary: '某儿童的帮扶方案（执行中的在前）与评估记录', params: ChildIdParam, response: { 200: CarePlanList, ...errs } },
  }, async (req) => inScope(deps.db, req.ctx, async (tx) => {
    await visibleChild(tx, req.params.id);
    const plans = (await tx.client.query<PlanRow>(`${PLAN} where child_id = $1 order by (status = 'closed'), created_at desc limit 100`, [req.params.id])).rows;
    const reviews = plans.length ? await reviewsOf(tx, plans.map((p) => p.id)) : [];
    const today = todayOf(deps);
    return { items: plans.map((p) => present(p, reviews, today)) };
  }));

  app.post('/api/care-plans', {
    config: { access: can('casework.write') },
    schema: { tags, summary: '制定帮扶方案', body: CarePlanCreate, response: { 201: CarePlan, ...errs } },
  }, async (req, reply) => {
    const b = req.body;
    checkReviewOn(b.reviewOn, 'reviewOn');
    const created = await inScope(deps.db, req.ctx, async (tx) => {
      const child = await visibleChild(tx, b.childId);
      // One plan in force per child; the lock keeps two people from starting one at the same time.
      await tx.client.query('select 1 from children where id = $1 for update', [child.id]);
      const open = await tx.client.query(`select 1 from care_plans where child_id = $1 and status = 'active'`, [child.id]);
      if (open.rowCount) throw errors.conflict('该儿童已有执行中的帮扶方案，请修改现有方案，或先结束它再制定新方案');
      const { rows } = await tx.client.query<{ id: string }>(
        `insert into care_plans (child_id, goals, measures, responsible, review_on, created_by) values ($1, $2, $3, $4, $5, $6) returning id`,
        [child.id, b.goals, b.measures, b.responsible, b.reviewOn, req.ctx.actor!.userId]);
      const id = rows[0]!.id;
      await tx.audit({ action: 'careplan.create', entity: 'care_plan', entityId: id, summary: { childId: child.id, reviewOn: b.reviewOn } });
      return full(tx, id);
    });
    return reply.code(201).send(created);
  });

  app.patch('/api/care-plans/:id', {
    config: { access: can('casework.write') },
    schema: { tags, summary: '修改帮扶方案（须带版本号）', params: IdParam, body: CarePlanUpdate, response: { 200: CarePlan, ...errs } },
  }, async (req) => inScope(deps.db, req.ctx, async (tx) => {
    const b = req.body;
    const old = await loadPlan(tx, req.params.id, true);
    checkWritable(old, b.version);
    if (b.reviewOn && b.reviewOn !== old.review_on) checkReviewOn(b.reviewOn, 'reviewOn');
    await tx.client.query(
      `update care_plans set goals = coalesce($2, goals), measures = coalesce($3, measures), responsible = coalesce($4, responsible),
         review_on = coalesce($5, review_on), updated_at = now(), version = version + 1 where id = $1`,
      [old.id, b.goals ?? null, b.measures ?? null, b.responsible ?? null, b.reviewOn ?? null]);
    const changed: Record<string, unknown> = {};
    for (const [k, col] of [['goals', 'goals'], ['measures', 'measures'], ['responsible', 'responsible']] as const) {
      if (b[k] !== undefined && b[k] !== old[col]) changed[k] = 'changed';
    }
    if (b.reviewOn && b.reviewOn !== old.review_on) changed.reviewOn = { from: old.review_on, to: b.reviewOn };
    await tx.audit({ action: 'careplan.update', entity: 'care_plan', entityId: old.id, summary: { childId: old.child_id, ...changed } });
    return full(tx, old.id);
  }));

  app.post('/api/care-plans/:id/reviews', {
    config: { access: can('casework.write') },
    schema: { tags, summary: '记录方案评估（下次复查日期成为方案的复查日期）', params: IdParam, body: CarePlanReviewCreate, response: { 201: CarePlan, ...errs } },
  }, async (req, reply) => {
    const b = req.body;
    const today = todayOf(deps);
    notInFuture(b.reviewedOn, today, 'reviewedOn', '评估日期');
    if (b.nextReviewOn && b.nextReviewOn <= b.reviewedOn) {
      throw errors.validation([{ path: 'nextReviewOn', message: '下次复查日期须晚于本次评估日期' }]);
    }
    if (b.nextReviewOn && b.nextReviewOn < today) throw errors.validation([{ path: 'nextReviewOn', message: `下次复查日期不能早于今天（${today}）` }]);
    const result = await inScope(deps.db, req.ctx, async (tx) => {
      const plan = await loadPlan(tx, req.params.id, true);
      checkWritable(plan, undefined);
      const created = shanghaiDate(plan.created_at.getTime());
      if (b.reviewedOn < created) throw errors.validation([{ path: 'reviewedOn', message: `评估日期不能早于方案制定日期（${created}）` }]);
      const actor = req.ctx.actor!;
      const { rows } = await tx.client.query<{ id: string }>(
        `insert into care_plan_reviews (plan_id, child_id, reviewed_on, summary, next_review_on, reviewer_id, reviewer_name)
         values ($1, $2, $3, $4, $5, $6, $7) returning id`,
        [plan.id, plan.child_id, b.reviewedOn, b.summary, b.nextReviewOn ?? null, actor.userId, actor.displayName]);
      await tx.client.query(
        `update care_plans set review_on = coalesce($2, review_on), updated_at = now(), version = version + 1 where id = $1`, [plan.id, b.nextReviewOn ?? null]);
      await tx.audit({
        action: 'careplan.review', entity: 'care_plan', entityId: plan.id,
        summary: { childId: plan.child_id, reviewId: rows[0]!.id, reviewedOn: b.reviewedOn, nextReviewOn: b.nextReviewOn ?? null },
      });
      return full(tx, plan.id);
    });
    return reply.code(201).send(result);
  });

  app.post('/api/care-plans/:id/close', {
    config: { access: can('casework.write') },
    schema: { tags, summary: '结束帮扶方案', params: IdParam, body: CarePlanClose, response: { 200: CarePlan, ...errs } },
  }, async (req) => inScope(deps.db, req.ctx, async (tx) => {
    const plan = await loadPlan(tx, req.params.id, true);
    checkWritable(plan, req.body.version);
    await tx.client.query(`update care_plans set status = 'closed', updated_at = now(), version = version + 1 where id = $1`, [plan.id]);
    await tx.audit({ action: 'careplan.close', entity: 'care_plan', entityId: plan.id, summary: { childId: plan.child_id, note: req.body.note ?? null } });
    return full(tx, plan.id);
  }));
}
