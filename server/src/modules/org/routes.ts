/** /api/org: streets, residential committees (add, rename, merge) and units. */
import { z } from 'zod';
import {
  CodeParam,
  CommitteeCreate,
  CommitteeList,
  CommitteeMerge,
  CommitteeQuery,
  CommitteeRename,
  Committee,
  ErrorBody,
  IdParam,
  StreetList,
  Unit,
  UnitCreate,
  UnitList,
  UnitUpdate,
} from '#common/api.js';
import type { AppDeps, ZApp } from '../../core/deps.js';
import { inScope, signedIn } from '../../core/context.js';
import { can } from '../../http/access.js';
import * as orgCommands from './commands.js';
import * as queries from './queries.js';

const tags = ['组织 org'];
const errs = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

export function orgRoutes(app: ZApp, deps: AppDeps): void {
  app.get(
    '/api/org/streets',
    {
      config: { access: can('org.read') },
      schema: { operationId: 'listStreets', tags, summary: '杨浦区的街道', response: { 200: StreetList, ...errs } },
    },
    async (req) => inScope(deps.db, req.ctx, (tx) => queries.listStreets(tx)),
  );

  app.get(
    '/api/org/committees',
    {
      config: { access: can('org.read') },
      schema: { operationId: 'listCommittees', tags, summary: '居民区（居委会）列表', querystring: CommitteeQuery, response: { 200: CommitteeList, ...errs } },
    },
    async (req) => inScope(deps.db, req.ctx, (tx) => queries.listCommittees(tx, req.query)),
  );

  app.post(
    '/api/org/committees',
    {
      config: { access: can('admin.areas.write') },
      schema: { operationId: 'createCommittee', tags, summary: '新增居民区', body: CommitteeCreate, response: { 201: Committee, ...errs } },
    },
    async (req, reply) => reply.code(201).send(await inScope(deps.db, req.ctx, (tx) => orgCommands.createCommittee(tx, req.body))),
  );

  app.patch(
    '/api/org/committees/:id',
    {
      config: { access: can('admin.areas.write') },
      schema: { operationId: 'renameCommittee', tags, summary: '居民区更名', params: IdParam, body: CommitteeRename, response: { 200: Committee, ...errs } },
    },
    async (req) => inScope(deps.db, req.ctx, (tx) => orgCommands.renameCommittee(tx, req.params.id, req.body.name)),
  );

  app.post(
    '/api/org/committees/:id/merge',
    {
      config: { access: can('admin.areas.write') },
      schema: {
        operationId: 'mergeCommittee',
        tags,
        summary: '将居民区并入同街道的另一居民区（儿童档案与儿童主任随之转入）',
        params: IdParam,
        body: CommitteeMerge,
        response: { 200: z.object({ from: Committee, into: Committee, movedChildren: z.number(), movedDirectors: z.number() }), ...errs },
      },
    },
    async (req) => orgCommands.mergeCommittees(deps.db, signedIn(req.ctx), req.params.id, req.body.intoId),
  ); // opens its own district-wide scope

  app.get(
    '/api/org/units',
    {
      config: { access: can('org.read') },
      schema: { operationId: 'listUnits', tags, summary: '责任单位（区职能部门、街道办事处等）', response: { 200: UnitList, ...errs } },
    },
    async (req) => inScope(deps.db, req.ctx, (tx) => queries.listUnits(tx)),
  );

  app.post(
    '/api/org/units',
    {
      config: { access: can('admin.units.write') },
      schema: { operationId: 'createUnit', tags, summary: '新增单位', body: UnitCreate, response: { 201: Unit, ...errs } },
    },
    async (req, reply) => reply.code(201).send(await inScope(deps.db, req.ctx, (tx) => orgCommands.createUnit(tx, req.body))),
  );

  app.patch(
    '/api/org/units/:code',
    {
      config: { access: can('admin.units.write') },
      schema: { operationId: 'updateUnit', tags, summary: '修改单位名称或停用', params: CodeParam, body: UnitUpdate, response: { 200: Unit, ...errs } },
    },
    async (req) => inScope(deps.db, req.ctx, (tx) => orgCommands.updateUnit(tx, req.params.code, req.body)),
  );
}
