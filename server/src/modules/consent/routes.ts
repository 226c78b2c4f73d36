/**
 * 授权与同意 (security requirement 29): the processing purposes and their lawful basis (read by every
 * signed-in user with org.read, kept by consent.manage), the bases and guardians' consents on a
 * child's file (read with children.read, recorded and withdrawn with consent.record, within the
 * caller's area by row-level security), and the publicity flag of an activity photo
 * (activities.write, refused without the children's consents). The route table only.
 */
import { z } from 'zod';
import { ErrorBody, IdParam } from '#common/api.js';
import { AttachmentParams } from '#common/activities.js';
import {
  BasisRecord,
  ChildConsents,
  Consent,
  ConsentCreate,
  ConsentWithdraw,
  PhotoPublicity,
  PhotoPublicityResult,
  Purpose,
  PurposeList,
  PurposeParam,
  PurposeUpdate,
  WithdrawResult,
} from '#common/consent.js';
import type { AppDeps, ZApp } from '../../core/deps.js';
import { inScope, signedIn } from '../../core/context.js';
import { can } from '../../http/access.js';
import * as commands from './commands.js';
import * as queries from './queries.js';

const tags = ['授权与同意 consent'];
const errs = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const ConsentParams = z.object({ id: z.string().uuid('编号格式不正确'), consentId: z.string().uuid('编号格式不正确') });

export function consentRoutes(app: ZApp, deps: AppDeps): void {
  app.get(
    '/api/processing-purposes',
    {
      config: { access: can('org.read') },
      schema: {
        operationId: 'listProcessingPurposes',
        tags,
        summary: '处理目的及其合法性基础（法定职责、监护人同意等）与法律依据',
        response: { 200: PurposeList, ...errs },
      },
    },
    async (req) => {
      const ctx = signedIn(req.ctx);
      return inScope(deps.db, ctx, (tx) => queries.listPurposes(tx, ctx));
    },
  );

  app.put(
    '/api/processing-purposes/:code',
    {
      config: { access: can('consent.manage') },
      schema: {
        operationId: 'updateProcessingPurpose',
        tags,
        summary: '修改处理目的的名称、合法性基础、法律依据与启用状态（版本号校验）',
        params: PurposeParam,
        body: PurposeUpdate,
        response: { 200: Purpose, ...errs },
      },
    },
    async (req) => {
      const ctx = signedIn(req.ctx);
      return inScope(deps.db, ctx, (tx) => commands.updatePurpose(tx, ctx, req.params.code, req.body));
    },
  );

  app.get(
    '/api/children/:id/consents',
    {
      config: { access: can('children.read') },
      schema: {
        operationId: 'childConsents',
        tags,
        summary: '儿童档案「授权与同意」：各处理目的的依据、监护人同意及其状态、可选的监护人',
        params: IdParam,
        response: { 200: ChildConsents, ...errs },
      },
    },
    async (req) => {
      const ctx = signedIn(req.ctx);
      return inScope(deps.db, ctx, (tx) => queries.childConsents(tx, ctx, req.params.id, deps.clock()));
    },
  );

  app.post(
    '/api/children/:id/bases',
    {
      config: { access: can('consent.record') },
      schema: {
        operationId: 'recordProcessingBasis',
        tags,
        summary: '在档案上记录一个处理目的的依据（非同意类目的；原记录保留）',
        params: IdParam,
        body: BasisRecord,
        response: { 201: z.object({ id: z.string() }), ...errs },
      },
    },
    async (req, reply) => {
      const ctx = signedIn(req.ctx);
      return reply.code(201).send(await inScope(deps.db, ctx, (tx) => commands.recordBasis(tx, ctx, req.params.id, req.body)));
    },
  );

  app.post(
    '/api/children/:id/consents',
    {
      config: { access: can('consent.record') },
      schema: {
        operationId: 'recordConsent',
        tags,
        summary: '记录监护人同意（监护人须为本档案家庭成员；满 8 周岁须记录儿童本人意见，满 14 周岁须本人同意）',
        params: IdParam,
        body: ConsentCreate,
        response: { 201: Consent, ...errs },
      },
    },
    async (req, reply) => {
      const ctx = signedIn(req.ctx);
      return reply.code(201).send(await inScope(deps.db, ctx, (tx) => commands.recordConsent(tx, ctx, req.params.id, req.body, deps.clock())));
    },
  );

  app.post(
    '/api/children/:id/consents/:consentId/withdraw',
    {
      config: { access: can('consent.record') },
      schema: {
        operationId: 'withdrawConsent',
        tags,
        summary: '撤回同意：即时终止该儿童转介至社会组织的在办转介、取消照片的宣传标记，并列出所做处理',
        params: ConsentParams,
        body: ConsentWithdraw,
        response: { 200: WithdrawResult, ...errs },
      },
    },
    async (req) => {
      const ctx = signedIn(req.ctx);
      return inScope(deps.db, ctx, (tx) => commands.withdrawConsent(tx, ctx, req.params.id, req.params.consentId, req.body, deps.clock()));
    },
  );

  app.put(
    '/api/activities/:id/attachments/:attachmentId/publicity',
    {
      config: { access: can('activities.write') },
      schema: {
        operationId: 'setPhotoPublicity',
        tags,
        summary: '标记活动照片用于宣传（须选出照片中的儿童，每名儿童须有有效的宣传使用同意），或取消标记',
        params: AttachmentParams,
        body: PhotoPublicity,
        response: { 200: PhotoPublicityResult, ...errs },
      },
    },
    async (req) => {
      const ctx = signedIn(req.ctx);
      return inScope(deps.db, ctx, (tx) => commands.setPhotoPublicity(tx, ctx, req.params.id, req.params.attachmentId, req.body, deps.clock()));
    },
  );
}
