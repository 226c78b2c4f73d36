/**
 * /api/children: the child file (一人一档), and /api/saved-filters: the list's saved filters. Rows
 * are filtered by PostgreSQL RLS under the caller's scope; a file outside it is "not found". The
 * route table only: each handler is one call into a command (commands/) or a query (queries.ts).
 */
import { z } from 'zod';
import { ErrorBody, IdParam, PageQuery } from '#common/api.js';
import {
  BenefitInput,
  CategoryInput,
  ChildCreate,
  ContactReveal,
  FamilyContacts,
  ChildFile,
  ChildPage,
  ChildQueryString,
  ChildSearch,
  ChildUpdate,
  CloseInput,
  CreatedChild,
  DuplicateCheck,
  DuplicateResult,
  HistoryPage,
  MemberInput,
  ReopenInput,
  SavedFilter,
  SavedFilterCreate,
  TransferInput,
  UnmaskFields,
  UnmaskedValues,
} from '#common/children.js';
import type { AppDeps, ZApp } from '../../core/deps.js';
import { can } from '../../http/access.js';
import { inScope, signedIn } from '../../core/context.js';
import {
  childCommands,
  closeFile,
  deleteFilter,
  reopenFile,
  revealContacts,
  saveFilter,
  transferFile,
  unmaskChild,
  unmaskMember,
  viewChild,
} from './commands/index.js';
import { checkDuplicate, historyPage, savedFilters, searchChildren } from './queries.js';
// 协同: this module's referral handlers (completing a referral writes to its records)
import './referralWork.js';

const tags = ['儿童档案 children'];
const errs = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const MemberParams = z.object({ id: z.string().uuid('编号格式不正确'), memberId: z.string().uuid('编号格式不正确') });
const Created = z.object({ id: z.string() });
const Version = z.object({ version: z.number() });

export function childrenRoutes(app: ZApp, deps: AppDeps): void {
  app.get(
    '/api/children',
    {
      config: { access: can('children.read') },
      schema: {
        operationId: 'listChildren',
        tags,
        summary: '辖区内儿童列表（证件号脱敏；含姓名、拼音、首字母、证件号后4-6位检索）',
        querystring: ChildQueryString,
        response: { 200: ChildPage, ...errs },
      },
    },
    async (req) =>
      searchChildren(deps, req.ctx, {
        ...req.query,
        overdue: req.query.overdue === 'true' ? true : undefined,
        noMentor: req.query.noMentor === 'true' ? true : undefined,
        incomplete: req.query.incomplete === 'true' ? true : undefined,
      }),
  );

  // The interface searches with POST so that names and identity digits never appear in a URL.
  app.post(
    '/api/children/search',
    {
      config: { access: can('children.read') },
      schema: {
        operationId: 'searchChildren',
        tags,
        summary: '检索儿童（条件放在请求体中，不进入网址与日志）',
        body: ChildSearch,
        response: { 200: ChildPage, ...errs },
      },
    },
    async (req) => searchChildren(deps, req.ctx, req.body),
  );

  app.post(
    '/api/children/check',
    {
      config: { access: can('children.write') },
      schema: {
        operationId: 'checkChildDuplicate',
        tags,
        summary: '登记前查重：同一身份证号（全区）、同名同出生日期',
        body: DuplicateCheck,
        response: { 200: DuplicateResult, ...errs },
      },
    },
    async (req) => inScope(deps.db, req.ctx, (tx) => checkDuplicate(tx, deps, req.body)),
  );

  app.post(
    '/api/children',
    {
      config: { access: can('children.write') },
      schema: { operationId: 'createChild', tags, summary: '新建儿童档案', body: ChildCreate, response: { 201: CreatedChild, ...errs } },
    },
    async (req, reply) => reply.code(201).send(await inScope(deps.db, req.ctx, (tx) => childCommands.create(tx, deps, req.body, req.log))),
  );

  app.get(
    '/api/saved-filters',
    {
      config: { access: can('children.read') },
      schema: { operationId: 'listSavedFilters', tags, summary: '我保存的筛选条件', response: { 200: z.object({ items: z.array(SavedFilter) }), ...errs } },
    },
    async (req) => inScope(deps.db, req.ctx, (tx) => savedFilters(tx)),
  );

  app.post(
    '/api/saved-filters',
    {
      config: { access: can('children.read') },
      schema: {
        operationId: 'createSavedFilter',
        tags,
        summary: '保存筛选条件（如"我的逾期走访"）',
        body: SavedFilterCreate,
        response: { 201: SavedFilter, ...errs },
      },
    },
    async (req, reply) => reply.code(201).send(await inScope(deps.db, req.ctx, (tx) => saveFilter(tx, signedIn(req.ctx), req.body))),
  );

  app.delete(
    '/api/saved-filters/:id',
    {
      config: { access: can('children.read') },
      schema: { operationId: 'deleteSavedFilter', tags, summary: '删除保存的筛选条件', params: IdParam, response: { 204: z.null(), ...errs } },
    },
    async (req, reply) =>
      reply.code(204).send(
        await inScope(deps.db, req.ctx, async (tx) => {
          await deleteFilter(tx, req.params.id);
          return null;
        }),
      ),
  );

  app.get(
    '/api/children/:id',
    {
      config: { access: can('children.read') },
      schema: { operationId: 'getChild', tags, summary: '儿童档案（证件号、电话、地址脱敏）', params: IdParam, response: { 200: ChildFile, ...errs } },
    },
    async (req) => inScope(deps.db, req.ctx, (tx) => viewChild(tx, deps, req.params.id)),
  );

  app.patch(
    '/api/children/:id',
    {
      config: { access: can('children.write') },
      schema: {
        operationId: 'updateChild',
        tags,
        summary: '修改档案（须带 version；他人已修改时返回 409）',
        params: IdParam,
        body: ChildUpdate,
        response: { 200: ChildFile, ...errs },
      },
    },
    async (req) => inScope(deps.db, req.ctx, (tx) => childCommands.update(tx, deps, req.params.id, req.body, req.log)),
  );

  app.post(
    '/api/children/:id/unmask',
    {
      config: { access: can('children.unmask') },
      schema: {
        operationId: 'unmaskChild',
        tags,
        summary: '查看完整身份证号、电话或地址（须说明原因，记入审计日志）',
        params: IdParam,
        body: UnmaskFields,
        response: { 200: UnmaskedValues, ...errs },
      },
    },
    async (req) => inScope(deps.db, req.ctx, (tx) => unmaskChild(tx, deps, req.params.id, req.body)),
  );

  app.get(
    '/api/children/:id/history',
    {
      config: { access: can('children.read') },
      schema: {
        operationId: 'listChildHistory',
        tags,
        summary: '档案变更历史',
        params: IdParam,
        querystring: PageQuery,
        response: { 200: HistoryPage, ...errs },
      },
    },
    async (req) => inScope(deps.db, req.ctx, (tx) => historyPage(tx, req.params.id, req.query.page, req.query.pageSize)),
  );

  // ---- family, categories, benefits ----
  app.post(
    '/api/children/:id/members',
    {
      config: { access: can('children.write') },
      schema: { operationId: 'addChildMember', tags, summary: '添加监护人或家庭成员', params: IdParam, body: MemberInput, response: { 201: Created, ...errs } },
    },
    async (req, reply) =>
      reply.code(201).send({ id: await inScope(deps.db, req.ctx, (tx) => childCommands.addMember(tx, deps, req.params.id, req.body, req.log)) }),
  );

  app.patch(
    '/api/children/:id/members/:memberId',
    {
      config: { access: can('children.write') },
      schema: {
        operationId: 'updateChildMember',
        tags,
        summary: '修改家庭成员（含父母状况）',
        params: MemberParams,
        body: MemberInput.partial(),
        response: { 204: z.null(), ...errs },
      },
    },
    async (req, reply) => {
      await inScope(deps.db, req.ctx, (tx) => childCommands.updateMember(tx, deps, req.params.id, req.params.memberId, req.body, req.log));
      return reply.code(204).send(null);
    },
  );

  app.delete(
    '/api/children/:id/members/:memberId',
    {
      config: { access: can('children.write') },
      schema: { operationId: 'removeChildMember', tags, summary: '删除家庭成员（误录时）', params: MemberParams, response: { 204: z.null(), ...errs } },
    },
    async (req, reply) => {
      await inScope(deps.db, req.ctx, (tx) => childCommands.removeMember(tx, deps, req.params.id, req.params.memberId, req.log));
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/children/:id/members/:memberId/unmask',
    {
      config: { access: can('children.unmask') },
      schema: {
        operationId: 'unmaskChildMember',
        tags,
        summary: '查看家庭成员完整证件号和电话（须说明原因）',
        params: MemberParams,
        body: z.object({ reason: z.string().trim().min(2, '请说明查看原因').max(200) }),
        response: { 200: z.object({ idNumber: z.string().nullable(), phone: z.string().nullable() }), ...errs },
      },
    },
    async (req) => inScope(deps.db, req.ctx, (tx) => unmaskMember(tx, deps, req.params.id, req.params.memberId, req.body.reason)),
  );

  app.post(
    '/api/children/:id/contact',
    {
      config: { access: can('children.contact') },
      schema: {
        operationId: 'revealChildContacts',
        tags,
        summary: '联系家庭：查看儿童联系电话、居住地址和监护人/照料人电话（须说明原因，记入审计日志）',
        params: IdParam,
        body: ContactReveal,
        response: { 200: FamilyContacts, ...errs },
      },
    },
    async (req) => inScope(deps.db, req.ctx, (tx) => revealContacts(tx, deps, req.params.id, req.body)),
  );

  app.post(
    '/api/children/:id/categories',
    {
      config: { access: can('children.write') },
      schema: {
        operationId: 'addChildCategory',
        tags,
        summary: '登记困境类别（带起始日期与来源）',
        params: IdParam,
        body: CategoryInput,
        response: { 201: Created, ...errs },
      },
    },
    async (req, reply) =>
      reply.code(201).send({ id: await inScope(deps.db, req.ctx, (tx) => childCommands.addCategory(tx, deps, req.params.id, req.body, req.log)) }),
  );

  app.post(
    '/api/children/:id/categories/:categoryId/end',
    {
      config: { access: can('children.write') },
      schema: {
        operationId: 'endChildCategory',
        tags,
        summary: '终止困境类别',
        params: z.object({ id: z.string().uuid(), categoryId: z.string().uuid() }),
        body: z.object({ until: z.string().date('日期格式应为 YYYY-MM-DD') }),
        response: { 204: z.null(), ...errs },
      },
    },
    async (req, reply) => {
      await inScope(deps.db, req.ctx, (tx) => childCommands.endCategory(tx, deps, req.params.id, req.params.categoryId, req.body.until, req.log));
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/children/:id/benefits',
    {
      config: { access: can('children.write') },
      schema: { operationId: 'addChildBenefit', tags, summary: '登记已享受的保障', params: IdParam, body: BenefitInput, response: { 201: Created, ...errs } },
    },
    async (req, reply) =>
      reply.code(201).send({ id: await inScope(deps.db, req.ctx, (tx) => childCommands.addBenefit(tx, deps, req.params.id, req.body, req.log)) }),
  );

  app.delete(
    '/api/children/:id/benefits/:benefitId',
    {
      config: { access: can('children.write') },
      schema: {
        operationId: 'removeChildBenefit',
        tags,
        summary: '删除保障记录（误录时）',
        params: z.object({ id: z.string().uuid(), benefitId: z.string().uuid() }),
        response: { 204: z.null(), ...errs },
      },
    },
    async (req, reply) => {
      await inScope(deps.db, req.ctx, (tx) => childCommands.removeBenefit(tx, deps, req.params.id, req.params.benefitId, req.log));
      return reply.code(204).send(null);
    },
  );

  // ---- lifecycle ----
  app.post(
    '/api/children/:id/close',
    {
      config: { access: can('children.write') },
      schema: { operationId: 'closeChild', tags, summary: '结案', params: IdParam, body: CloseInput, response: { 200: Version, ...errs } },
    },
    async (req) => ({ version: await inScope(deps.db, req.ctx, (tx) => closeFile(tx, deps, req.params.id, req.body)) }),
  );

  app.post(
    '/api/children/:id/reopen',
    {
      config: { access: can('children.write') },
      schema: { operationId: 'reopenChild', tags, summary: '重新开档', params: IdParam, body: ReopenInput, response: { 200: Version, ...errs } },
    },
    async (req) => ({ version: await inScope(deps.db, req.ctx, (tx) => reopenFile(tx, req.params.id, req.body)) }),
  );

  app.post(
    '/api/children/:id/transfer',
    {
      config: { access: can('children.transfer') },
      schema: {
        operationId: 'transferChild',
        tags,
        summary: '转出到其他街道（档案及历史随之移交）',
        params: IdParam,
        body: TransferInput,
        response: { 200: z.object({ version: z.number(), toStreet: z.string() }), ...errs },
      },
    },
    async (req) => transferFile(deps, signedIn(req.ctx), req.params.id, req.body),
  );
}
