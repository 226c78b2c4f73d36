/**
 * 协同 — referrals between units: the work queue (incoming, outgoing, the area's), sending a
 * referral and 暖杨通道, the steps of the status line, comments, and the kinds. Reading needs
 * `referrals.read`, sending `referrals.send`; which steps a caller may take is the policy's
 * (policies.ts: the receiving unit's `referrals.handle`, the sender). Every route runs with the
 * case-scoped access of the caller's unit (`inScope(..., { referrals: true })`). The route table only.
 */
import { z } from 'zod';
import { ErrorBody, IdParam } from '#common/api.js';
import {
  ChannelCreate,
  ReferralComment,
  ReferralCreate,
  ReferralDetail,
  ReferralKindList,
  ReferralList,
  ReferralQuery,
  ReferralStepBody,
} from '#common/referrals.js';
import type { AppDeps, ZApp } from '../../core/deps.js';
import { inScope, signedIn } from '../../core/context.js';
import { can } from '../../http/access.js';
import * as commands from './commands.js';
import * as queries from './queries.js';
import { sendDownload } from '../files/presenters.js';
import { childViewRoutes } from './routes/childView.js';
import { referralStatsRoutes } from './routes/stats.js';
import { referralAdminRoutes } from './routes/admin.js';

const tags = ['协同 referrals'];
const errs = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const REF = { referrals: true };

export function referralRoutes(app: ZApp, deps: AppDeps): void {
  app.get(
    '/api/referrals',
    {
      config: { access: can('referrals.read') },
      schema: {
        operationId: 'listReferrals',
        tags,
        summary: '转介工作台：本单位收到的（新收、即将到期、已逾期、办理中、已办结）、发出的、辖区的',
        querystring: ReferralQuery,
        response: { 200: ReferralList, ...errs },
      },
    },
    async (req) => {
      const ctx = signedIn(req.ctx);
      return inScope(deps.db, ctx, (tx) => queries.listReferrals(tx, ctx, req.query, deps.clock()), REF);
    },
  );

  app.post(
    '/api/referrals',
    {
      config: { access: can('referrals.send') },
      schema: {
        operationId: 'createReferral',
        tags,
        summary: '发起转介（接收单位须在服务目录中接收该类转介；期限按工作日计算）',
        body: ReferralCreate,
        response: { 201: ReferralDetail, ...errs },
      },
    },
    async (req, reply) => {
      const ctx = signedIn(req.ctx);
      return reply.code(201).send(await inScope(deps.db, ctx, (tx) => commands.create(tx, ctx, req.body, deps.clock()), REF));
    },
  );

  app.post(
    '/api/referrals/channel',
    {
      config: { access: can('referrals.send') },
      schema: {
        operationId: 'createChannelReferral',
        tags,
        summary: '暖杨通道：疑似侵害或紧急监护问题，同时转介公安、检察、民政等单位，按小时计算签收时限',
        body: ChannelCreate,
        response: { 201: z.object({ ids: z.array(z.string()) }), ...errs },
      },
    },
    async (req, reply) => {
      const ctx = signedIn(req.ctx);
      return reply.code(201).send(await inScope(deps.db, ctx, (tx) => commands.channel(tx, ctx, req.body, deps.clock()), REF));
    },
  );

  app.get(
    '/api/referrals/:id',
    {
      config: { access: can('referrals.read') },
      schema: { operationId: 'getReferral', tags, summary: '一件转介及其办理过程', params: IdParam, response: { 200: ReferralDetail, ...errs } },
    },
    async (req) => {
      const ctx = signedIn(req.ctx);
      return inScope(deps.db, ctx, (tx) => queries.referralDetail(tx, ctx, req.params.id, deps.clock()), REF);
    },
  );

  app.post(
    '/api/referrals/:id/steps',
    {
      config: { access: can('referrals.read') },
      schema: {
        operationId: 'stepReferral',
        tags,
        summary: '办理一步：签收、受理、退回（须说明原因）、开始办理、办结（须填写结果）、关闭、撤回',
        params: IdParam,
        body: ReferralStepBody,
        response: { 200: ReferralDetail, ...errs },
      },
    },
    async (req) => {
      const ctx = signedIn(req.ctx);
      return inScope(deps.db, ctx, (tx) => commands.step(tx, ctx, req.params.id, req.body, deps.clock()), REF);
    },
  );

  app.post(
    '/api/referrals/:id/comments',
    {
      config: { access: can('referrals.read') },
      schema: {
        operationId: 'commentReferral',
        tags,
        summary: '在转介中留言（双方可见）',
        params: IdParam,
        body: ReferralComment,
        response: { 200: ReferralDetail, ...errs },
      },
    },
    async (req) => {
      const ctx = signedIn(req.ctx);
      return inScope(deps.db, ctx, (tx) => commands.comment(tx, ctx, req.params.id, req.body.note, deps.clock()), REF);
    },
  );

  app.get(
    '/api/referrals/:id/attachments/:attachmentId',
    {
      config: { access: can('referrals.read') },
      schema: {
        operationId: 'downloadReferralAttachment',
        tags,
        summary: '下载转介所附材料（接收单位在办理期限内可下载；每次下载均记录）',
        params: z.object({ id: IdParam.shape.id, attachmentId: IdParam.shape.id }),
        response: { 200: z.any().describe('文件内容'), ...errs },
      },
    },
    async (req, reply) =>
      sendDownload(reply, await inScope(deps.db, req.ctx, (tx) => queries.attachmentDownload(tx, req.params.id, req.params.attachmentId), REF)),
  );

  app.get(
    '/api/referral-kinds',
    {
      config: { access: can('referrals.read') },
      schema: {
        operationId: 'listReferralKinds',
        tags,
        summary: '转介类型：每类开放给接收单位的档案内容和默认期限',
        response: { 200: ReferralKindList, ...errs },
      },
    },
    async (req) => inScope(deps.db, req.ctx, (tx) => queries.listKinds(tx)),
  );

  childViewRoutes(app, deps);
  referralStatsRoutes(app, deps);
  referralAdminRoutes(app, deps);
}
