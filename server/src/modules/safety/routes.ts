/**
 * 安全防护 (tasks 32, 33): the site register, inspection checklists, inspections, hazards and their
 * rectification. The route table only. Reading needs safety.read; the register and checklists
 * safety.manage; an inspection and confirming a fix safety.inspect (within the unit's remit, decided
 * in policies.ts); reporting a fix safety.rectify (the responsible unit).
 */
import { IdParam, ErrorBody } from '#common/api.js';
import {
  Checklist,
  ChecklistCodeParam,
  ChecklistCreate,
  ChecklistList,
  ChecklistNewVersion,
  ChecklistQuery,
  Hazard,
  HazardFix,
  HazardList,
  HazardQuery,
  HazardSendBack,
  Inspection,
  InspectionCreate,
  InspectionList,
  InspectionQuery,
  OverdueByUnit,
  SafetyOptions,
  Site,
  SiteCreate,
  SiteList,
  SiteQuery,
  SiteUpdate,
  VersionBody,
} from '#common/safety.js';
import type { AppDeps, ZApp } from '../../core/deps.js';
import { inScope, signedIn } from '../../core/context.js';
import { can } from '../../http/access.js';
import * as commands from './commands.js';
import * as queries from './queries.js';
import './indicators.js';

const tags = ['安全防护 safety'];
const errs = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const READ = { access: can('safety.read') };
const MANAGE = { access: can('safety.manage') };

export function safetyRoutes(app: ZApp, deps: AppDeps): void {
  app.get(
    '/api/safety/options',
    {
      config: READ,
      schema: { operationId: 'safetyOptions', tags, summary: '安全防护表单的选项：单位、街道、今天的日期', response: { 200: SafetyOptions, ...errs } },
    },
    async (req) => inScope(deps.db, signedIn(req.ctx), (tx) => queries.options(tx, deps.clock())),
  );

  // ---- sites ----
  app.get(
    '/api/safety/sites',
    {
      config: READ,
      schema: {
        operationId: 'listSafetySites',
        tags,
        summary: '场所登记：按类型、街道、责任单位筛选，分页（mine=true 仅本单位可检查的场所）',
        querystring: SiteQuery,
        response: { 200: SiteList, ...errs },
      },
    },
    async (req) => {
      const ctx = signedIn(req.ctx);
      return inScope(deps.db, ctx, (tx) => queries.listSites(tx, ctx, req.query));
    },
  );

  app.get(
    '/api/safety/sites/:id',
    { config: READ, schema: { operationId: 'getSafetySite', tags, summary: '一个场所', params: IdParam, response: { 200: Site, ...errs } } },
    async (req) => {
      const ctx = signedIn(req.ctx);
      return inScope(deps.db, ctx, (tx) => queries.site(tx, ctx, req.params.id));
    },
  );

  app.post(
    '/api/safety/sites',
    {
      config: MANAGE,
      schema: {
        operationId: 'createSafetySite',
        tags,
        summary: '登记场所（学校、幼儿园、救助保护机构、托育机构、河道等）',
        body: SiteCreate,
        response: { 201: Site, ...errs },
      },
    },
    async (req, reply) => {
      const ctx = signedIn(req.ctx);
      return reply.code(201).send(await inScope(deps.db, ctx, (tx) => commands.createSite(tx, ctx, req.body)));
    },
  );

  app.put(
    '/api/safety/sites/:id',
    {
      config: MANAGE,
      schema: {
        operationId: 'updateSafetySite',
        tags,
        summary: '修改场所登记（版本号校验）',
        params: IdParam,
        body: SiteUpdate,
        response: { 200: Site, ...errs },
      },
    },
    async (req) => {
      const ctx = signedIn(req.ctx);
      return inScope(deps.db, ctx, (tx) => commands.updateSite(tx, ctx, req.params.id, req.body));
    },
  );

  app.post(
    '/api/safety/sites/:id/deactivate',
    {
      config: MANAGE,
      schema: {
        operationId: 'deactivateSafetySite',
        tags,
        summary: '停用场所（检查和隐患记录保留）',
        params: IdParam,
        body: VersionBody,
        response: { 200: Site, ...errs },
      },
    },
    async (req) => {
      const ctx = signedIn(req.ctx);
      return inScope(deps.db, ctx, (tx) => commands.setSiteActive(tx, ctx, req.params.id, req.body.version, false));
    },
  );

  app.post(
    '/api/safety/sites/:id/reactivate',
    {
      config: MANAGE,
      schema: {
        operationId: 'reactivateSafetySite',
        tags,
        summary: '重新启用已停用的场所',
        params: IdParam,
        body: VersionBody,
        response: { 200: Site, ...errs },
      },
    },
    async (req) => {
      const ctx = signedIn(req.ctx);
      return inScope(deps.db, ctx, (tx) => commands.setSiteActive(tx, ctx, req.params.id, req.body.version, true));
    },
  );

  // ---- checklists ----
  app.get(
    '/api/safety/checklists',
    {
      config: READ,
      schema: {
        operationId: 'listInspectionChecklists',
        tags,
        summary: '检查表（每个检查表的最新版本；history=true 时列出全部版本）',
        querystring: ChecklistQuery,
        response: { 200: ChecklistList, ...errs },
      },
    },
    async (req) => inScope(deps.db, signedIn(req.ctx), (tx) => queries.listChecklists(tx, req.query)),
  );

  app.get(
    '/api/safety/checklists/:code/versions',
    {
      config: READ,
      schema: {
        operationId: 'inspectionChecklistVersions',
        tags,
        summary: '一个检查表的全部版本',
        params: ChecklistCodeParam,
        response: { 200: ChecklistList, ...errs },
      },
    },
    async (req) => inScope(deps.db, signedIn(req.ctx), (tx) => queries.checklistVersions(tx, req.params.code)),
  );

  app.post(
    '/api/safety/checklists',
    {
      config: MANAGE,
      schema: { operationId: 'createInspectionChecklist', tags, summary: '新建检查表', body: ChecklistCreate, response: { 201: Checklist, ...errs } },
    },
    async (req, reply) => {
      const ctx = signedIn(req.ctx);
      return reply.code(201).send(await inScope(deps.db, ctx, (tx) => commands.createChecklist(tx, ctx, req.body)));
    },
  );

  app.post(
    '/api/safety/checklists/:code/versions',
    {
      config: MANAGE,
      schema: {
        operationId: 'newInspectionChecklistVersion',
        tags,
        summary: '保存检查表的新版本（已完成的检查保留其所用版本）',
        params: ChecklistCodeParam,
        body: ChecklistNewVersion,
        response: { 201: Checklist, ...errs },
      },
    },
    async (req, reply) => {
      const ctx = signedIn(req.ctx);
      return reply.code(201).send(await inScope(deps.db, ctx, (tx) => commands.newChecklistVersion(tx, ctx, req.params.code, req.body)));
    },
  );

  // ---- inspections ----
  app.get(
    '/api/safety/inspections',
    {
      config: READ,
      schema: {
        operationId: 'listInspections',
        tags,
        summary: '检查记录，按日期倒序（mine=true 仅本单位的检查）',
        querystring: InspectionQuery,
        response: { 200: InspectionList, ...errs },
      },
    },
    async (req) => {
      const ctx = signedIn(req.ctx);
      return inScope(deps.db, ctx, (tx) => queries.listInspections(tx, ctx, req.query));
    },
  );

  app.get(
    '/api/safety/inspections/:id',
    {
      config: READ,
      schema: { operationId: 'getInspection', tags, summary: '一次检查：逐项结果和发现的隐患', params: IdParam, response: { 200: Inspection, ...errs } },
    },
    async (req) => {
      const ctx = signedIn(req.ctx);
      return inScope(deps.db, ctx, (tx) => queries.inspection(tx, ctx, req.params.id, deps.clock()));
    },
  );

  app.post(
    '/api/safety/inspections',
    {
      config: { access: can('safety.inspect') },
      schema: {
        operationId: 'createInspection',
        tags,
        summary: '登记一次检查：逐项填写结果，存在问题的项登记隐患（职责范围内的场所；不得晚于今天）',
        body: InspectionCreate,
        response: { 201: Inspection, ...errs },
      },
    },
    async (req, reply) => {
      const ctx = signedIn(req.ctx);
      return reply.code(201).send(await inScope(deps.db, ctx, (tx) => commands.createInspection(tx, ctx, req.body, deps.clock())));
    },
  );

  // ---- hazards ----
  app.get(
    '/api/safety/hazards',
    {
      config: READ,
      schema: {
        operationId: 'listHazards',
        tags,
        summary: '隐患：box=fix 本单位待整改，box=confirm 本单位待确认，可按状态、逾期、责任单位筛选',
        querystring: HazardQuery,
        response: { 200: HazardList, ...errs },
      },
    },
    async (req) => {
      const ctx = signedIn(req.ctx);
      return inScope(deps.db, ctx, (tx) => queries.listHazards(tx, ctx, req.query, deps.clock()));
    },
  );

  app.get(
    '/api/safety/hazards/overdue-by-unit',
    {
      config: READ,
      schema: { operationId: 'hazardsOverdueByUnit', tags, summary: '各责任单位未整改和逾期的隐患数', response: { 200: OverdueByUnit, ...errs } },
    },
    async (req) => inScope(deps.db, signedIn(req.ctx), (tx) => queries.overdueByUnit(tx, deps.clock())),
  );

  app.get(
    '/api/safety/hazards/:id',
    { config: READ, schema: { operationId: 'getHazard', tags, summary: '一项隐患', params: IdParam, response: { 200: Hazard, ...errs } } },
    async (req) => {
      const ctx = signedIn(req.ctx);
      return inScope(deps.db, ctx, (tx) => queries.hazard(tx, ctx, req.params.id, deps.clock()));
    },
  );

  app.post(
    '/api/safety/hazards/:id/fix',
    {
      config: { access: can('safety.rectify') },
      schema: { operationId: 'reportHazardFix', tags, summary: '责任单位报告整改情况', params: IdParam, body: HazardFix, response: { 200: Hazard, ...errs } },
    },
    async (req) => {
      const ctx = signedIn(req.ctx);
      return inScope(deps.db, ctx, (tx) => commands.reportFix(tx, ctx, req.params.id, req.body, deps.clock()));
    },
  );

  app.post(
    '/api/safety/hazards/:id/confirm',
    {
      config: { access: can('safety.inspect') },
      schema: {
        operationId: 'confirmHazardFix',
        tags,
        summary: '检查单位确认整改完成（报告整改的人不能确认本人的整改）',
        params: IdParam,
        body: VersionBody,
        response: { 200: Hazard, ...errs },
      },
    },
    async (req) => {
      const ctx = signedIn(req.ctx);
      return inScope(deps.db, ctx, (tx) => commands.confirmFix(tx, ctx, req.params.id, req.body.version, deps.clock()));
    },
  );

  app.post(
    '/api/safety/hazards/:id/send-back',
    {
      config: { access: can('safety.inspect') },
      schema: {
        operationId: 'sendBackHazardFix',
        tags,
        summary: '检查单位退回整改（须填写原因）',
        params: IdParam,
        body: HazardSendBack,
        response: { 200: Hazard, ...errs },
      },
    },
    async (req) => {
      const ctx = signedIn(req.ctx);
      return inScope(deps.db, ctx, (tx) => commands.sendBack(tx, ctx, req.params.id, req.body, deps.clock()));
    },
  );
}
