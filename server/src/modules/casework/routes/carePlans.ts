/** Help plans (帮扶方案): goals, measures, who is responsible, when to review; and the reviews. */
import { IdParam } from '#common/api.js';
import { CarePlan, CarePlanClose, CarePlanCreate, CarePlanList, CarePlanReviewCreate, CarePlanUpdate, ChildIdParam } from '#common/casework.js';
import { inScope, signedIn } from '../../../core/context.js';
import type { AppDeps, ZApp } from '../../../core/deps.js';
import { can } from '../../../http/access.js';
import * as plans from '../commands/carePlans.js';
import * as queries from '../queries.js';
import { errs } from './common.js';

const tags = ['个案工作 casework'];

export function carePlanRoutes(app: ZApp, deps: AppDeps): void {
  app.get(
    '/api/children/:id/care-plans',
    {
      config: { access: can('children.read') },
      schema: {
        operationId: 'listChildCarePlans',
        tags,
        summary: '某儿童的帮扶方案（执行中的在前）与评估记录',
        params: ChildIdParam,
        response: { 200: CarePlanList, ...errs },
      },
    },
    async (req) => inScope(deps.db, req.ctx, (tx) => queries.childCarePlans(tx, req.params.id, deps.clock())),
  );

  app.post(
    '/api/care-plans',
    {
      config: { access: can('casework.write') },
      schema: { operationId: 'createCarePlan', tags, summary: '制定帮扶方案', body: CarePlanCreate, response: { 201: CarePlan, ...errs } },
    },
    async (req, reply) => reply.code(201).send(await inScope(deps.db, req.ctx, (tx) => plans.create(tx, signedIn(req.ctx), req.body, deps.clock()))),
  );

  app.patch(
    '/api/care-plans/:id',
    {
      config: { access: can('casework.write') },
      schema: {
        operationId: 'updateCarePlan',
        tags,
        summary: '修改帮扶方案（须带版本号）',
        params: IdParam,
        body: CarePlanUpdate,
        response: { 200: CarePlan, ...errs },
      },
    },
    async (req) => inScope(deps.db, req.ctx, (tx) => plans.update(tx, signedIn(req.ctx), req.params.id, req.body, deps.clock())),
  );

  app.post(
    '/api/care-plans/:id/reviews',
    {
      config: { access: can('casework.write') },
      schema: {
        operationId: 'createCarePlanReview',
        tags,
        summary: '记录方案评估（下次复查日期成为方案的复查日期）',
        params: IdParam,
        body: CarePlanReviewCreate,
        response: { 201: CarePlan, ...errs },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await inScope(deps.db, req.ctx, (tx) => plans.review(tx, signedIn(req.ctx), req.params.id, req.body, deps.clock()))),
  );

  app.post(
    '/api/care-plans/:id/close',
    {
      config: { access: can('casework.write') },
      schema: { operationId: 'closeCarePlan', tags, summary: '结束帮扶方案', params: IdParam, body: CarePlanClose, response: { 200: CarePlan, ...errs } },
    },
    async (req) => inScope(deps.db, req.ctx, (tx) => plans.close(tx, signedIn(req.ctx), req.params.id, req.body, deps.clock())),
  );
}
