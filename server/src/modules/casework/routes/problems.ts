/**
 * Problems found about a child (发现问题和解决方案) and their timeline:
 * open → in_progress → resolved; any unresolved → escalated (to the street office or a district
 * department, who are notified); escalated → in_progress / resolved; resolved → open (reopened).
 */
import { z } from 'zod';
import { IdParam } from '#common/api.js';
import {
  ChildIdParam,
  Problem,
  ProblemComment,
  ProblemCreate,
  ProblemDetail,
  ProblemEscalate,
  ProblemEscalated,
  ProblemList,
  ProblemQuery,
  ProblemStats,
  ProblemStatusChange,
} from '#common/casework.js';
import { shanghaiDate } from '#common/dates.js';
import { inScope, signedIn } from '../../../core/context.js';
import type { AppDeps, ZApp } from '../../../core/deps.js';
import { can } from '../../../http/access.js';
import * as problems from '../commands/problems.js';
import * as queries from '../queries.js';
import { errs } from './common.js';

const tags = ['个案工作 casework'];

export function problemRoutes(app: ZApp, deps: AppDeps): void {
  app.get(
    '/api/problems',
    {
      config: { access: can('children.read') },
      schema: {
        operationId: 'listProblems',
        tags,
        summary: '辖区内的问题列表（可按状态、逾期、街道、居民区筛选）',
        querystring: ProblemQuery,
        response: { 200: ProblemList, ...errs },
      },
    },
    async (req) => inScope(deps.db, req.ctx, (tx) => queries.listProblems(tx, req.query, deps.clock())),
  );

  app.get(
    '/api/problems/stats',
    {
      config: { access: can('children.read') },
      schema: { operationId: 'getProblemStats', tags, summary: '辖区内问题数（待处理、处理中、已上报、逾期）', response: { 200: ProblemStats, ...errs } },
    },
    async (req) => inScope(deps.db, req.ctx, (tx) => queries.problemStats(tx, deps.clock())),
  );

  app.get(
    '/api/children/:id/problems',
    {
      config: { access: can('children.read') },
      schema: {
        operationId: 'listChildProblems',
        tags,
        summary: '某儿童的问题（未解决在前）',
        params: ChildIdParam,
        response: { 200: z.object({ items: z.array(Problem) }), ...errs },
      },
    },
    async (req) => inScope(deps.db, req.ctx, (tx) => queries.childProblems(tx, req.params.id, deps.clock())),
  );

  app.get(
    '/api/problems/:id',
    {
      config: { access: can('children.read') },
      schema: { operationId: 'getProblem', tags, summary: '问题详情与处理经过', params: IdParam, response: { 200: ProblemDetail, ...errs } },
    },
    async (req) => inScope(deps.db, req.ctx, (tx) => queries.problemDetail(tx, req.params.id, shanghaiDate(deps.clock()))),
  );

  app.post(
    '/api/problems',
    {
      config: { access: can('casework.write') },
      schema: {
        operationId: 'createProblem',
        tags,
        summary: '登记发现的问题（未填期限时：高 7 天、中 14 天、低 30 天）',
        body: ProblemCreate,
        response: { 201: ProblemDetail, ...errs },
      },
    },
    async (req, reply) => reply.code(201).send(await inScope(deps.db, req.ctx, (tx) => problems.create(tx, signedIn(req.ctx), req.body, deps.clock()))),
  );

  app.post(
    '/api/problems/:id/status',
    {
      config: { access: can('casework.write') },
      schema: {
        operationId: 'changeProblemStatus',
        tags,
        summary: '变更问题状态（开始处理、解决、重新打开）',
        params: IdParam,
        body: ProblemStatusChange,
        response: { 200: ProblemDetail, ...errs },
      },
    },
    async (req) => inScope(deps.db, req.ctx, (tx) => problems.changeStatus(tx, signedIn(req.ctx), req.params.id, req.body, deps.clock())),
  );

  app.post(
    '/api/problems/:id/escalate',
    {
      config: { access: can('casework.write') },
      schema: {
        operationId: 'escalateProblem',
        tags,
        summary: '上报问题到街道办事处或区职能部门（通知该单位人员）',
        params: IdParam,
        body: ProblemEscalate,
        response: { 200: ProblemEscalated, ...errs },
      },
    },
    async (req) => inScope(deps.db, req.ctx, (tx) => problems.escalate(tx, signedIn(req.ctx), req.params.id, req.body, deps.clock())),
  );

  app.post(
    '/api/problems/:id/comments',
    {
      config: { access: can('casework.write') },
      schema: {
        operationId: 'addProblemComment',
        tags,
        summary: '添加跟进记录',
        params: IdParam,
        body: ProblemComment,
        response: { 201: ProblemDetail, ...errs },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await inScope(deps.db, req.ctx, (tx) => problems.comment(tx, signedIn(req.ctx), req.params.id, req.body, deps.clock()))),
  );
}
