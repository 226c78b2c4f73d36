/**
 * Home visits (走访): visit records with drafts, a child's visit history, the visit form's context,
 * the work lists (due this week, overdue, my drafts) and the home-page counts; the visit plan rules
 * and the checklists. Reading needs `children.read`, recording `visits.write`, editing the rules and
 * checklists `checklists.manage`. Every query runs under the caller's scope: a child or visit
 * outside it is "not found". The route table only: the work is in queries.ts and commands.ts.
 */
import { z } from 'zod';
import { ErrorBody, IdParam } from '#common/api.js';
import {
  ChecklistItem,
  ChecklistItemCreate,
  ChecklistItems,
  ChecklistItemUpdate,
  ChecklistQuery,
  ChecklistReorder,
  ChildVisitsQuery,
  Visit,
  VisitCreate,
  VisitForm,
  VisitPage,
  VisitRuleList,
  VisitRulesReplace,
  VisitRulesResult,
  VisitSubmit,
  VisitSummary,
  VisitUpdate,
  Worklist,
  WorklistQuery,
} from '#common/visits.js';
import type { AppDeps, ZApp } from '../../core/deps.js';
import { can } from '../../http/access.js';
import { inScope, signedIn } from '../../core/context.js';
import * as visitCommands from './commands.js';
import * as visitQueries from './queries.js';

const tags = ['走访 visits'];
const errs = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

export function visitRoutes(app: ZApp, deps: AppDeps): void {
  // ---- visit plan rules and checklists ----
  app.get(
    '/api/visit-rules',
    {
      config: { access: can('children.read') },
      schema: { operationId: 'listVisitRules', tags, summary: '走访计划规则（按风险等级或儿童类别的走访间隔）', response: { 200: VisitRuleList, ...errs } },
    },
    async (req) => inScope(deps.db, req.ctx, (tx) => visitQueries.listRules(tx)),
  );

  app.put(
    '/api/visit-rules',
    {
      config: { access: can('checklists.manage') },
      schema: {
        operationId: 'replaceVisitRules',
        tags,
        summary: '替换全部走访规则（之后重新计算辖区内在册儿童的下次应访日期）',
        body: VisitRulesReplace,
        response: { 200: VisitRulesResult, ...errs },
      },
    },
    async (req) => inScope(deps.db, req.ctx, (tx) => visitCommands.replaceRules(tx, req.body)),
  );

  app.get(
    '/api/checklists',
    {
      config: { access: can('children.read') },
      schema: {
        operationId: 'listChecklistItems',
        tags,
        summary: '关爱服务内容清单 / 儿童主任职责清单',
        querystring: ChecklistQuery,
        response: { 200: ChecklistItems, ...errs },
      },
    },
    async (req) => inScope(deps.db, req.ctx, (tx) => visitQueries.listChecklist(tx, req.query)),
  );

  app.post(
    '/api/checklists',
    {
      config: { access: can('checklists.manage') },
      schema: {
        operationId: 'createChecklistItem',
        tags,
        summary: '新增清单项（排在最后）',
        body: ChecklistItemCreate,
        response: { 201: ChecklistItem, ...errs },
      },
    },
    async (req, reply) => reply.code(201).send(await inScope(deps.db, req.ctx, (tx) => visitCommands.addChecklistItem(tx, req.body))),
  );

  app.patch(
    '/api/checklists/:id',
    {
      config: { access: can('checklists.manage') },
      schema: {
        operationId: 'updateChecklistItem',
        tags,
        summary: '修改清单项名称、说明，或停用/启用（已有走访记录不受影响）',
        params: IdParam,
        body: ChecklistItemUpdate,
        response: { 200: ChecklistItem, ...errs },
      },
    },
    async (req) => inScope(deps.db, req.ctx, (tx) => visitCommands.updateChecklistItem(tx, req.params.id, req.body)),
  );

  app.post(
    '/api/checklists/reorder',
    {
      config: { access: can('checklists.manage') },
      schema: {
        operationId: 'reorderChecklistItems',
        tags,
        summary: '调整清单项顺序（按给出的编号顺序）',
        body: ChecklistReorder,
        response: { 200: ChecklistItems, ...errs },
      },
    },
    async (req) => inScope(deps.db, req.ctx, (tx) => visitCommands.reorderChecklist(tx, req.body)),
  );

  // ---- visit records ----
  app.get(
    '/api/children/:id/visits',
    {
      config: { access: can('children.read') },
      schema: {
        operationId: 'listChildVisits',
        tags,
        summary: '儿童的走访记录（新的在前；他人的草稿不显示）',
        params: IdParam,
        querystring: ChildVisitsQuery,
        response: { 200: VisitPage, ...errs },
      },
    },
    async (req) => inScope(deps.db, req.ctx, (tx) => visitQueries.listChildVisits(tx, signedIn(req.ctx), req.params.id, req.query, deps.clock())),
  );

  app.get(
    '/api/children/:id/visit-form',
    {
      config: { access: can('visits.write') },
      schema: {
        operationId: 'getVisitForm',
        tags,
        summary: '记录走访所需：儿童概况、当前服务内容清单、本人未提交的草稿',
        params: IdParam,
        response: { 200: VisitForm, ...errs },
      },
    },
    async (req) => inScope(deps.db, req.ctx, (tx) => visitQueries.getVisitForm(tx, req.params.id, deps.clock())),
  );

  app.get(
    '/api/visits/summary',
    {
      config: { access: can('children.read') },
      schema: {
        operationId: 'getVisitSummary',
        tags,
        summary: '工作台计数：本周应访、已逾期、我的草稿（本人工作范围内）',
        response: { 200: VisitSummary, ...errs },
      },
    },
    async (req) => inScope(deps.db, req.ctx, (tx) => visitQueries.getSummary(tx, deps.clock())),
  );

  app.get(
    '/api/visits/worklist',
    {
      config: { access: can('children.read') },
      schema: {
        operationId: 'listVisitWork',
        tags,
        summary: '走访工作清单：本周应访 / 已逾期（按逾期天数）/ 我的草稿；范围：本人负责、居民区、街道',
        querystring: WorklistQuery,
        response: { 200: Worklist, ...errs },
      },
    },
    async (req) => inScope(deps.db, req.ctx, (tx) => visitQueries.getWorklist(tx, signedIn(req.ctx), req.query, deps.clock())),
  );

  app.get(
    '/api/visits/:id',
    {
      config: { access: can('children.read') },
      schema: { operationId: 'getVisit', tags, summary: '一次走访记录', params: IdParam, response: { 200: Visit, ...errs } },
    },
    async (req) => inScope(deps.db, req.ctx, (tx) => visitQueries.getVisit(tx, signedIn(req.ctx), req.params.id, deps.clock())),
  );

  app.post(
    '/api/visits',
    {
      config: { access: can('visits.write') },
      schema: {
        operationId: 'createVisit',
        tags,
        summary: '记录走访：保存草稿，或直接提交（发现的问题生成问题记录，下次应访日期随之更新）',
        body: VisitCreate,
        response: { 201: Visit, ...errs },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await inScope(deps.db, req.ctx, (tx) => visitCommands.createVisit(tx, signedIn(req.ctx), req.body, deps.clock()))),
  );

  app.patch(
    '/api/visits/:id',
    {
      config: { access: can('visits.write') },
      schema: {
        operationId: 'updateVisit',
        tags,
        summary: '修改走访：本人的草稿，或本人提交后 7 天内的记录（须带 version；他人已修改则 409）。submit=true 时一并提交草稿',
        params: IdParam,
        body: VisitUpdate,
        response: { 200: Visit, ...errs },
      },
    },
    async (req) => inScope(deps.db, req.ctx, (tx) => visitCommands.updateVisit(tx, signedIn(req.ctx), req.params.id, req.body, deps.clock())),
  );

  app.post(
    '/api/visits/:id/submit',
    {
      config: { access: can('visits.write') },
      schema: {
        operationId: 'submitVisit',
        tags,
        summary: '提交草稿（发现的问题生成问题记录，下次应访日期随之更新）',
        params: IdParam,
        body: VisitSubmit,
        response: { 200: Visit, ...errs },
      },
    },
    async (req) => inScope(deps.db, req.ctx, (tx) => visitCommands.submitVisit(tx, signedIn(req.ctx), req.params.id, req.body, deps.clock())),
  );

  app.delete(
    '/api/visits/:id',
    {
      config: { access: can('visits.write') },
      schema: {
        operationId: 'deleteVisit',
        tags,
        summary: '删除本人的走访草稿（已提交的记录不能删除）',
        params: IdParam,
        response: { 204: z.null(), ...errs },
      },
    },
    async (req, reply) => reply.code(204).send(await inScope(deps.db, req.ctx, (tx) => visitCommands.deleteVisit(tx, signedIn(req.ctx), req.params.id))),
  );
}
