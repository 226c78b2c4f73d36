/**
 * 协同 administration routes: the service directory (read by every referral user: the send form
 * offers its units; changed with `referrals.manage`), the kinds, the settings and the working-day
 * calendar (`referrals.manage`). Every change audited (directory.ts). The route table only.
 */
import { CodeParam, ErrorBody, IdParam } from '#common/api.js';
import { WorkCalendar, WorkCalendarPut, WorkCalendarQuery } from '#common/referralAdmin.js';
import { Receiver, ReceiverList, ReceiverQuery, ReceiverUpsert, ReferralKindInfo, ReferralKindUpdate, ReferralSettings } from '#common/referrals.js';
import type { AppDeps, ZApp } from '../../../core/deps.js';
import { inScope, signedIn } from '../../../core/context.js';
import { can } from '../../../http/access.js';
import * as directory from '../directory.js';

const tags = ['协同 referrals'];
const errs = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

export function referralAdminRoutes(app: ZApp, deps: AppDeps): void {
  app.get(
    '/api/referral-receivers',
    {
      config: { access: can('referrals.read') },
      schema: {
        operationId: 'listReferralReceivers',
        tags,
        summary: '服务目录：接收转介的单位（按转介类型和儿童筛选时，只列出接收该类转介、覆盖该儿童年龄和街道的单位）',
        querystring: ReceiverQuery,
        response: { 200: ReceiverList, ...errs },
      },
    },
    async (req) => {
      const ctx = signedIn(req.ctx);
      return inScope(deps.db, ctx, (tx) => directory.listReceivers(tx, ctx, req.query, deps.clock()));
    },
  );

  app.post(
    '/api/referral-receivers',
    {
      config: { access: can('referrals.manage') },
      schema: { operationId: 'createReferralReceiver', tags, summary: '在服务目录中增加接收单位', body: ReceiverUpsert, response: { 201: Receiver, ...errs } },
    },
    async (req, reply) => {
      const ctx = signedIn(req.ctx);
      return reply.code(201).send(await inScope(deps.db, ctx, (tx) => directory.createReceiver(tx, ctx, req.body)));
    },
  );

  app.patch(
    '/api/referral-receivers/:id',
    {
      config: { access: can('referrals.manage') },
      schema: {
        operationId: 'updateReferralReceiver',
        tags,
        summary: '修改服务目录条目（接收的转介类型、年龄、街道、联系人、服务能力；须带版本号）',
        params: IdParam,
        body: ReceiverUpsert,
        response: { 200: Receiver, ...errs },
      },
    },
    async (req) => {
      const ctx = signedIn(req.ctx);
      return inScope(deps.db, ctx, (tx) => directory.updateReceiver(tx, ctx, req.params.id, req.body));
    },
  );

  app.patch(
    '/api/referral-kinds/:code',
    {
      config: { access: can('referrals.manage') },
      schema: {
        operationId: 'updateReferralKind',
        tags,
        summary: '修改转介类型：开放给接收单位的档案内容（须含身份信息）、默认期限、是否启用',
        params: CodeParam,
        body: ReferralKindUpdate,
        response: { 200: ReferralKindInfo, ...errs },
      },
    },
    async (req) => {
      const ctx = signedIn(req.ctx);
      return inScope(deps.db, ctx, (tx) => directory.updateKind(tx, req.params.code, req.body));
    },
  );

  app.get(
    '/api/referral-settings',
    {
      config: { access: can('referrals.manage') },
      schema: { operationId: 'getReferralSettings', tags, summary: '转介设置：访问期限、签收时限、提醒与督办', response: { 200: ReferralSettings, ...errs } },
    },
    async (req) => inScope(deps.db, signedIn(req.ctx), (tx) => directory.getSettings(tx)),
  );

  app.put(
    '/api/referral-settings',
    {
      config: { access: can('referrals.manage') },
      schema: { operationId: 'putReferralSettings', tags, summary: '修改转介设置', body: ReferralSettings, response: { 200: ReferralSettings, ...errs } },
    },
    async (req) => inScope(deps.db, signedIn(req.ctx), (tx) => directory.putSettings(tx, req.body)),
  );

  app.get(
    '/api/work-calendar',
    {
      config: { access: can('referrals.manage') },
      schema: {
        operationId: 'getWorkCalendar',
        tags,
        summary: '工作日历：某年的放假日和调休上班日（转介期限按工作日计算）',
        querystring: WorkCalendarQuery,
        response: { 200: WorkCalendar, ...errs },
      },
    },
    async (req) => inScope(deps.db, signedIn(req.ctx), (tx) => directory.getCalendar(tx, req.query.year)),
  );

  app.put(
    '/api/work-calendar',
    {
      config: { access: can('referrals.manage') },
      schema: {
        operationId: 'putWorkCalendar',
        tags,
        summary: '替换某年的放假日和调休上班日（放假日须是周一至周五，调休上班日须是周末）',
        querystring: WorkCalendarQuery,
        body: WorkCalendarPut,
        response: { 200: WorkCalendar, ...errs },
      },
    },
    async (req) => inScope(deps.db, signedIn(req.ctx), (tx) => directory.putCalendar(tx, req.query.year, req.body)),
  );
}
