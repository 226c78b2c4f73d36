/**
 * 入职查询 routes (plan task 37; 未成年人保护法 Art. 62): record checks before appointment and every year,
 * their settings, reminders before a lapse, and the suspension of access to children's files.
 * The route table only. Reading needs workforce.read; recording workforce.manage; the settings
 * workforce.configure.
 * They live in the workforce module (they answer with the ledger's person); the rule's commands,
 * the daily job and the indicators are the vetting module's, which never imports the ledger.
 */
import { ErrorBody, IdParam } from '#common/api.js';
import { shanghaiDate } from '#common/dates.js';
import { CheckAnswer, CheckRequest, DueList, DueQuery, Staff, VettingSettings } from '#common/workforce.js';
import type { AppDeps, ZApp } from '../../core/deps.js';
import { inScope, signedIn } from '../../core/context.js';
import { can } from '../../http/access.js';
import * as commands from '../vetting/commands.js';
import * as workforce from './queries.js';
import '../vetting/indicators.js';

const tags = ['入职查询 vetting'];
const errs = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

export function checkRoutes(app: ZApp, deps: AppDeps): void {
  const today = () => shanghaiDate(deps.clock());
  const now = () => new Date(deps.clock());

  app.get(
    '/api/vetting/due',
    {
      config: { access: can('workforce.read') },
      schema: {
        operationId: 'listChecksDue',
        tags,
        summary: '入职查询到期：本辖区在职人员中已过期、即将到期（提醒期内）、查询中、从未查询、存在从业限制的',
        querystring: DueQuery,
        response: { 200: DueList, ...errs },
      },
    },
    async (req) => inScope(deps.db, signedIn(req.ctx), (tx) => workforce.due(tx, deps, req.query, today())),
  );

  app.post(
    '/api/vetting/staff/:id/checks',
    {
      config: { access: can('workforce.manage') },
      schema: {
        operationId: 'requestCheck',
        tags,
        summary: '登记一次入职查询申请（入职前或年度；同一时间只能有一次待回复）',
        params: IdParam,
        body: CheckRequest,
        response: { 201: Staff, ...errs },
      },
    },
    async (req, reply) => {
      const ctx = signedIn(req.ctx);
      const out = await inScope(deps.db, ctx, async (tx) => {
        await commands.requestCheck(tx, ctx, req.params.id, req.body, today(), now());
        return workforce.get(tx, deps, req.params.id, today());
      });
      return reply.code(201).send(out);
    },
  );

  app.post(
    '/api/vetting/checks/:id/answer',
    {
      config: { access: can('workforce.manage') },
      schema: {
        operationId: 'answerCheck',
        tags,
        summary: '登记查询结果（不早于申请日、不晚于今天）；该人员账号的访问随即按结果暂停或恢复',
        params: IdParam,
        body: CheckAnswer,
        response: { 200: Staff, ...errs },
      },
    },
    async (req) => {
      const ctx = signedIn(req.ctx);
      return inScope(deps.db, ctx, async (tx) => {
        const staffId = await commands.answerCheck(tx, ctx, req.params.id, req.body, today(), now());
        return workforce.get(tx, deps, staffId, today());
      });
    },
  );

  app.get(
    '/api/vetting/settings',
    {
      config: { access: can('workforce.read') },
      schema: {
        operationId: 'getVettingSettings',
        tags,
        summary: '入职查询设置：有效期、提醒天数、开始暂停访问的日期',
        response: { 200: VettingSettings, ...errs },
      },
    },
    async (req) => inScope(deps.db, signedIn(req.ctx), (tx) => workforce.vettingSettings(tx)),
  );

  app.put(
    '/api/vetting/settings',
    {
      config: { access: can('workforce.configure') },
      schema: {
        operationId: 'saveVettingSettings',
        tags,
        summary: '修改入职查询设置（区民政局）',
        body: VettingSettings,
        response: { 200: VettingSettings, ...errs },
      },
    },
    async (req) => {
      const ctx = signedIn(req.ctx);
      return inScope(deps.db, ctx, (tx) => commands.saveSettings(tx, ctx, req.body));
    },
  );
}
