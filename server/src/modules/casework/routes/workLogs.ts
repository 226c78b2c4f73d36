/**
 * Work logs (工作日志): each worker writes their own; a street supervisor reads the logs of the
 * workers of their street (RLS on work_logs: own rows, or the street / committee in scope).
 */
import { z } from 'zod';
import { IdParam } from '#common/api.js';
import { WorkLog, WorkLogCreate, WorkLogList, WorkLogQuery, WorkLogUpdate } from '#common/casework.js';
import { inScope, signedIn } from '../../../core/context.js';
import type { AppDeps, ZApp } from '../../../core/deps.js';
import { can } from '../../../http/access.js';
import * as workLogs from '../commands/workLogs.js';
import * as queries from '../queries.js';
import { errs } from './common.js';

const tags = ['个案工作 casework'];

export function workLogRoutes(app: ZApp, deps: AppDeps): void {
  app.get(
    '/api/work-logs',
    {
      config: { access: can('children.read') },
      schema: {
        operationId: 'listWorkLogs',
        tags,
        summary: '工作日志（本人的；街道督导员可看本街道工作人员的）',
        querystring: WorkLogQuery,
        response: { 200: WorkLogList, ...errs },
      },
    },
    async (req) => inScope(deps.db, req.ctx, (tx) => queries.listWorkLogs(tx, signedIn(req.ctx), req.query)),
  );

  app.post(
    '/api/work-logs',
    {
      config: { access: can('casework.write') },
      schema: { operationId: 'createWorkLog', tags, summary: '写工作日志', body: WorkLogCreate, response: { 201: WorkLog, ...errs } },
    },
    async (req, reply) => reply.code(201).send(await inScope(deps.db, req.ctx, (tx) => workLogs.create(tx, signedIn(req.ctx), req.body, deps.clock()))),
  );

  app.patch(
    '/api/work-logs/:id',
    {
      config: { access: can('casework.write') },
      schema: { operationId: 'updateWorkLog', tags, summary: '修改本人的工作日志', params: IdParam, body: WorkLogUpdate, response: { 200: WorkLog, ...errs } },
    },
    async (req) => inScope(deps.db, req.ctx, (tx) => workLogs.update(tx, signedIn(req.ctx), req.params.id, req.body, deps.clock())),
  );

  app.delete(
    '/api/work-logs/:id',
    {
      config: { access: can('casework.write') },
      schema: { operationId: 'deleteWorkLog', tags, summary: '删除本人的工作日志', params: IdParam, response: { 204: z.null(), ...errs } },
    },
    async (req, reply) => {
      await inScope(deps.db, req.ctx, (tx) => workLogs.remove(tx, signedIn(req.ctx), req.params.id));
      return reply.code(204).send(null);
    },
  );
}
