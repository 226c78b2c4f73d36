/**
 * 社会组织 (plan task 40): the register of social-work agencies, volunteer and charity organisations, and their commissioned and incubated projects with the children served.
 * The route table only. Reading needs organisations.read; the register and projects
 * organisations.manage (the district); adding a child of the caller's area to a project
 * organisations.assign (RLS on project_children keeps it to the caller's area).
 */
import { IdParam, ErrorBody } from '#common/api.js';
import {
  Organisation,
  OrganisationCreate,
  OrganisationList,
  OrganisationOptions,
  OrganisationQuery,
  OrganisationUpdate,
  Project,
  ProjectChildAdd,
  ProjectChildEnd,
  ProjectChildParam,
  ProjectCreate,
  ProjectDetail,
  ProjectList,
  ProjectQuery,
  ProjectUpdate,
} from '#common/organisations.js';
import type { AppDeps, ZApp } from '../../core/deps.js';
import { inScope, signedIn } from '../../core/context.js';
import { can } from '../../http/access.js';
import * as commands from './commands.js';
import * as queries from './queries.js';
import './indicators.js';

const tags = ['社会组织 organisations'];
const errs = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const READ = { access: can('organisations.read') };
const MANAGE = { access: can('organisations.manage') };
const ASSIGN = { access: can('organisations.assign') };

export function organisationRoutes(app: ZApp, deps: AppDeps): void {
  app.get(
    '/api/organisations/options',
    {
      config: READ,
      schema: { operationId: 'organisationOptions', tags, summary: '表单选项：街道、委托单位、组织', response: { 200: OrganisationOptions, ...errs } },
    },
    async (req) => inScope(deps.db, signedIn(req.ctx), (tx) => queries.options(tx, deps.clock())),
  );

  app.get(
    '/api/organisations',
    {
      config: READ,
      schema: {
        operationId: 'listOrganisations',
        tags,
        summary: '社会组织登记：按名称/信用代码、类型、服务街道、是否在册、是否孵化筛选，分页',
        querystring: OrganisationQuery,
        response: { 200: OrganisationList, ...errs },
      },
    },
    async (req) => inScope(deps.db, signedIn(req.ctx), (tx) => queries.listOrganisations(tx, req.query)),
  );

  app.get(
    '/api/organisations/:id',
    { config: READ, schema: { operationId: 'getOrganisation', tags, summary: '一家社会组织', params: IdParam, response: { 200: Organisation, ...errs } } },
    async (req) => inScope(deps.db, signedIn(req.ctx), (tx) => queries.organisation(tx, req.params.id)),
  );

  app.post(
    '/api/organisations',
    {
      config: MANAGE,
      schema: {
        operationId: 'createOrganisation',
        tags,
        summary: '登记社会组织（统一社会信用代码按 GB 32100-2015 校验）',
        body: OrganisationCreate,
        response: { 201: Organisation, ...errs },
      },
    },
    async (req, reply) => {
      const ctx = signedIn(req.ctx);
      return reply.code(201).send(await inScope(deps.db, ctx, (tx) => commands.createOrganisation(tx, ctx, req.body)));
    },
  );

  app.put(
    '/api/organisations/:id',
    {
      config: MANAGE,
      schema: {
        operationId: 'updateOrganisation',
        tags,
        summary: '修改社会组织登记（版本号校验）',
        params: IdParam,
        body: OrganisationUpdate,
        response: { 200: Organisation, ...errs },
      },
    },
    async (req) => inScope(deps.db, signedIn(req.ctx), (tx) => commands.updateOrganisation(tx, req.params.id, req.body)),
  );

  // ---- projects ----
  app.get(
    '/api/organisations/projects',
    {
      config: READ,
      schema: {
        operationId: 'listOrgProjects',
        tags,
        summary: '委托、孵化与合作项目：按组织、类型、状态、街道筛选，分页',
        querystring: ProjectQuery,
        response: { 200: ProjectList, ...errs },
      },
    },
    async (req) => inScope(deps.db, signedIn(req.ctx), (tx) => queries.listProjects(tx, req.query, deps.clock())),
  );

  app.get(
    '/api/organisations/projects/:id',
    {
      config: READ,
      schema: {
        operationId: 'getOrgProject',
        tags,
        summary: '一个项目及其服务的儿童（仅本辖区；无权查看档案者看到脱敏姓名）',
        params: IdParam,
        response: { 200: ProjectDetail, ...errs },
      },
    },
    async (req) => {
      const ctx = signedIn(req.ctx);
      return inScope(deps.db, ctx, (tx) => queries.project(tx, ctx, req.params.id, deps.clock()));
    },
  );

  app.post(
    '/api/organisations/projects',
    {
      config: MANAGE,
      schema: { operationId: 'createOrgProject', tags, summary: '新建项目（委托/孵化/合作）', body: ProjectCreate, response: { 201: Project, ...errs } },
    },
    async (req, reply) => {
      const ctx = signedIn(req.ctx);
      return reply.code(201).send(await inScope(deps.db, ctx, (tx) => commands.createProject(tx, ctx, req.body, deps.clock())));
    },
  );

  app.put(
    '/api/organisations/projects/:id',
    {
      config: MANAGE,
      schema: {
        operationId: 'updateOrgProject',
        tags,
        summary: '修改项目（版本号校验）',
        params: IdParam,
        body: ProjectUpdate,
        response: { 200: Project, ...errs },
      },
    },
    async (req) => inScope(deps.db, signedIn(req.ctx), (tx) => commands.updateProject(tx, req.params.id, req.body, deps.clock())),
  );

  app.post(
    '/api/organisations/projects/:id/children',
    {
      config: ASSIGN,
      schema: {
        operationId: 'addOrgProjectChild',
        tags,
        summary: '添加本辖区儿童为项目服务对象',
        params: IdParam,
        body: ProjectChildAdd,
        response: { 200: ProjectDetail, ...errs },
      },
    },
    async (req) => {
      const ctx = signedIn(req.ctx);
      return inScope(deps.db, ctx, async (tx) => {
        await commands.addChild(tx, ctx, req.params.id, req.body.childId, req.body.since);
        return queries.project(tx, ctx, req.params.id, deps.clock());
      });
    },
  );

  app.post(
    '/api/organisations/projects/:id/children/:childId/end',
    {
      config: ASSIGN,
      schema: {
        operationId: 'endOrgProjectChild',
        tags,
        summary: '结束一名儿童在项目中的服务（记录保留）',
        params: ProjectChildParam,
        body: ProjectChildEnd,
        response: { 200: ProjectDetail, ...errs },
      },
    },
    async (req) => {
      const ctx = signedIn(req.ctx);
      return inScope(deps.db, ctx, async (tx) => {
        await commands.endChild(tx, req.params.id, req.params.childId, req.body.until);
        return queries.project(tx, ctx, req.params.id, deps.clock());
      });
    },
  );
}
