/**
 * 社工分派 (plan tasks 20, 40): the street assigns children of its area to commissioned social
 * workers, who then see exactly those children. The route table only; every route needs
 * organisations.assign and works within the caller's streets.
 */
import { ErrorBody } from '#common/api.js';
import { AssignmentCreate, AssignmentEnd, AssignmentList, AssignmentQuery, AssignOptions, AssignResult } from '#common/assignments.js';
import { z } from 'zod';
import type { AppDeps, ZApp } from '../../core/deps.js';
import { inScope, signedIn } from '../../core/context.js';
import { can } from '../../http/access.js';
import * as commands from './commands.js';
import * as queries from './queries.js';
import './indicators.js';

const tags = ['社工分派 assignments'];
const errs = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const ASSIGN = { access: can('organisations.assign') };

export function assignmentRoutes(app: ZApp, deps: AppDeps): void {
  app.get(
    '/api/assignments/options',
    {
      config: ASSIGN,
      schema: {
        operationId: 'assignmentOptions',
        tags,
        summary: '可分派的社工（为本街道服务的机构社工或本街道台账中的社工）及在办的服务项目',
        response: { 200: AssignOptions, ...errs },
      },
    },
    async (req) => {
      const ctx = signedIn(req.ctx);
      return inScope(deps.db, ctx, (tx) => queries.options(tx, ctx));
    },
  );

  app.get(
    '/api/assignments',
    {
      config: ASSIGN,
      schema: {
        operationId: 'listAssignments',
        tags,
        summary: '本辖区的社工分派（可按社工或儿童筛选）',
        querystring: AssignmentQuery,
        response: { 200: AssignmentList, ...errs },
      },
    },
    async (req) => {
      const ctx = signedIn(req.ctx);
      return inScope(deps.db, ctx, (tx) => queries.list(tx, ctx, req.query));
    },
  );

  app.post(
    '/api/assignments',
    {
      config: ASSIGN,
      schema: {
        operationId: 'assignChildren',
        tags,
        summary: '把本辖区的儿童分派给机构社工（可批量，可关联服务项目）；社工收到通知',
        body: AssignmentCreate,
        response: { 200: AssignResult, ...errs },
      },
    },
    async (req) => {
      const ctx = signedIn(req.ctx);
      return inScope(deps.db, ctx, (tx) => commands.assign(tx, ctx, req.body));
    },
  );

  app.post(
    '/api/assignments/end',
    {
      config: ASSIGN,
      schema: {
        operationId: 'endAssignment',
        tags,
        summary: '结束分派：社工随即不再能查看该儿童',
        body: AssignmentEnd,
        response: { 200: z.object({ ended: z.boolean() }), ...errs },
      },
    },
    async (req) => {
      const ctx = signedIn(req.ctx);
      return inScope(deps.db, ctx, (tx) => commands.end(tx, ctx, req.body));
    },
  );
}
