/**
 * 救助+慈善+儿童 (plan task 20): charity projects with their rules, the matching of children to
 * them, and the aid recorded on the child's file. The route table only. Reading the register needs
 * organisations.read, keeping it organisations.manage; the matching list, the child's section and
 * the aid records charity.record (within the caller's area, by row-level security).
 */
import { IdParam, ErrorBody } from '#common/api.js';
import {
  Aid,
  AidCancel,
  AidCreate,
  CharityOptions,
  CharityProject,
  CharityProjectCreate,
  CharityProjectList,
  CharityProjectQuery,
  CharityProjectUpdate,
  ChildCharity,
  MatchList,
} from '#common/charity.js';
import type { AppDeps, ZApp } from '../../core/deps.js';
import { inScope, signedIn } from '../../core/context.js';
import { can } from '../../http/access.js';
import * as commands from './commands.js';
import * as queries from './queries.js';
import './indicators.js';

const tags = ['慈善帮扶 charity'];
const errs = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const READ = { access: can('organisations.read') };
const MANAGE = { access: can('organisations.manage') };
const RECORD = { access: can('charity.record') };

export function charityRoutes(app: ZApp, deps: AppDeps): void {
  app.get(
    '/api/charity/options',
    {
      config: READ,
      schema: {
        operationId: 'charityOptions',
        tags,
        summary: '慈善项目表单的选项：机构、街道、儿童类别、需求、今天',
        response: { 200: CharityOptions, ...errs },
      },
    },
    async (req) => inScope(deps.db, signedIn(req.ctx), (tx) => queries.options(tx, deps.clock())),
  );

  app.get(
    '/api/charity/projects',
    {
      config: READ,
      schema: {
        operationId: 'listCharityProjects',
        tags,
        summary: '慈善项目登记（按名称、资助方、启用状态筛选，分页）',
        querystring: CharityProjectQuery,
        response: { 200: CharityProjectList, ...errs },
      },
    },
    async (req) => inScope(deps.db, signedIn(req.ctx), (tx) => queries.listProjects(tx, req.query)),
  );

  app.get(
    '/api/charity/projects/:id',
    { config: READ, schema: { operationId: 'getCharityProject', tags, summary: '一个慈善项目', params: IdParam, response: { 200: CharityProject, ...errs } } },
    async (req) => inScope(deps.db, signedIn(req.ctx), (tx) => queries.project(tx, req.params.id)),
  );

  app.post(
    '/api/charity/projects',
    {
      config: MANAGE,
      schema: {
        operationId: 'createCharityProject',
        tags,
        summary: '登记慈善项目（帮扶方式、每名儿童金额、预算、名额、期间、匹配条件）',
        body: CharityProjectCreate,
        response: { 201: CharityProject, ...errs },
      },
    },
    async (req, reply) => {
      const ctx = signedIn(req.ctx);
      return reply.code(201).send(await inScope(deps.db, ctx, (tx) => commands.createProject(tx, ctx, req.body)));
    },
  );

  app.put(
    '/api/charity/projects/:id',
    {
      config: MANAGE,
      schema: {
        operationId: 'updateCharityProject',
        tags,
        summary: '修改慈善项目（版本号校验）',
        params: IdParam,
        body: CharityProjectUpdate,
        response: { 200: CharityProject, ...errs },
      },
    },
    async (req) => inScope(deps.db, signedIn(req.ctx), (tx) => commands.updateProject(tx, req.params.id, req.body)),
  );

  app.get(
    '/api/charity/projects/:id/matches',
    {
      config: RECORD,
      schema: {
        operationId: 'charityMatches',
        tags,
        summary: '项目匹配名单：本辖区符合条件且尚未受助的儿童，及资料不全、待核实的儿童',
        params: IdParam,
        response: { 200: MatchList, ...errs },
      },
    },
    async (req) => inScope(deps.db, signedIn(req.ctx), (tx) => queries.matches(tx, req.params.id, deps.clock())),
  );

  app.post(
    '/api/charity/aid',
    {
      config: RECORD,
      schema: {
        operationId: 'recordCharityAid',
        tags,
        summary: '登记一次慈善帮扶（日期不晚于今天、在项目期间内，金额不超过每名儿童标准，名额未满）',
        body: AidCreate,
        response: { 201: Aid, ...errs },
      },
    },
    async (req, reply) => {
      const ctx = signedIn(req.ctx);
      return reply.code(201).send(await inScope(deps.db, ctx, (tx) => commands.recordAid(tx, ctx, req.body, deps.clock())));
    },
  );

  app.post(
    '/api/charity/aid/:id/cancel',
    {
      config: RECORD,
      schema: {
        operationId: 'cancelCharityAid',
        tags,
        summary: '撤销一条帮扶记录（须写明原因，记录保留）',
        params: IdParam,
        body: AidCancel,
        response: { 200: Aid, ...errs },
      },
    },
    async (req) => {
      const ctx = signedIn(req.ctx);
      return inScope(deps.db, ctx, (tx) => commands.cancelAid(tx, ctx, req.params.id, req.body));
    },
  );

  app.get(
    '/api/children/:id/charity',
    {
      config: RECORD,
      schema: {
        operationId: 'childCharity',
        tags,
        summary: '儿童档案「慈善帮扶」：帮扶记录、可匹配的在办项目、分派的机构社工',
        params: IdParam,
        response: { 200: ChildCharity, ...errs },
      },
    },
    async (req) => inScope(deps.db, signedIn(req.ctx), (tx) => queries.childCharity(tx, req.params.id, deps.clock())),
  );
}
