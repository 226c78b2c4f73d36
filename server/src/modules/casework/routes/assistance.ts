/** Assistance records (关爱帮扶记录): help actually given to a child, by whom, worth how much. */
import { z } from 'zod';
import { IdParam } from '#common/api.js';
import { Assistance, AssistanceCreate, AssistanceList, ChildIdParam } from '#common/casework.js';
import { inScope, signedIn } from '../../../core/context.js';
import type { AppDeps, ZApp } from '../../../core/deps.js';
import { can } from '../../../http/access.js';
import * as assistance from '../commands/assistance.js';
import * as queries from '../queries.js';
import { errs } from './common.js';

const tags = ['个案工作 casework'];

export function assistanceRoutes(app: ZApp, deps: AppDeps): void {
  app.get(
    '/api/children/:id/assistance',
    {
      config: { access: can('children.read') },
      schema: { operationId: 'listChildAssistance', tags, summary: '某儿童的帮扶记录', params: ChildIdParam, response: { 200: AssistanceList, ...errs } },
    },
    async (req) => inScope(deps.db, req.ctx, (tx) => queries.childAssistance(tx, signedIn(req.ctx), req.params.id, deps.clock())),
  );

  app.post(
    '/api/assistance',
    {
      config: { access: can('casework.write') },
      schema: { operationId: 'createAssistance', tags, summary: '登记帮扶记录', body: AssistanceCreate, response: { 201: Assistance, ...errs } },
    },
    async (req, reply) => reply.code(201).send(await inScope(deps.db, req.ctx, (tx) => assistance.create(tx, signedIn(req.ctx), req.body, deps.clock()))),
  );

  app.delete(
    '/api/assistance/:id',
    {
      config: { access: can('casework.write') },
      schema: { operationId: 'deleteAssistance', tags, summary: '删除帮扶记录（仅录入人当天可删）', params: IdParam, response: { 204: z.null(), ...errs } },
    },
    async (req, reply) => {
      await inScope(deps.db, req.ctx, (tx) => assistance.remove(tx, signedIn(req.ctx), req.params.id, deps.clock()));
      return reply.code(204).send(null);
    },
  );
}
