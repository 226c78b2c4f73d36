/**
 * 监护提质 — the intervention ladder (干预措施): a child's steps with the suggested next one, the
 * units that take a step, a new step (sent as a referral when another unit takes it), its outcome,
 * cancelling it, sending it again after a decline. Depth and writing: guardianship/policies.ts;
 * rows: row-level security of the caller's area. The route table only.
 */
import { z } from 'zod';
import { ErrorBody, IdParam } from '#common/api.js';
import {
  Intervention,
  InterventionCancel,
  InterventionCreate,
  InterventionOutcome,
  InterventionResend,
  InterventionUnits,
  InterventionUnitsQuery,
  Ladder,
} from '#common/interventions.js';
import type { AppDeps, ZApp } from '../../core/deps.js';
import { inScope, signedIn } from '../../core/context.js';
import { AUTHENTICATED, can } from '../../http/access.js';
import { errors } from '../../core/errors.js';
import * as commands from './commands.js';
import * as queries from './queries.js';
// Side effects: the referral handler of completion 'intervention', the 督办 indicators.
import './referralWork.js';
import './indicators.js';

const tags = ['监护提质 guardianship'];
const errs = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const Saved = z.object({ step: Intervention, warning: z.string().nullable() });

export function interventionRoutes(app: ZApp, deps: AppDeps): void {
  app.get(
    '/api/children/:id/guardianship/ladder',
    {
      config: { access: AUTHENTICATED },
      schema: {
        operationId: 'getGuardianshipLadder',
        tags,
        summary: '儿童的监护干预措施（劝诫→训诫→家庭教育指导令→撤销监护资格/支持起诉）及平台建议的下一步；儿童主任只见措施存在与其任务；每次查阅留痕',
        params: IdParam,
        response: { 200: Ladder, ...errs },
      },
    },
    async (req) => {
      const ctx = signedIn(req.ctx);
      // Deny by default: without either guardianship permission the route is refused outright (403);
      // with one, a child out of reach is a 404 (guardianship/policies.ts).
      if (!ctx.actor.permissions.has('guardianship.read') && !ctx.actor.permissions.has('guardianship.summary')) {
        throw errors.forbidden('没有查看监护干预措施的权限');
      }
      return inScope(deps.db, ctx, (tx) => queries.ladder(tx, ctx, req.params.id, deps.clock()));
    },
  );

  app.get(
    '/api/children/:id/guardianship/ladder/units',
    {
      config: { access: can('guardianship.write') },
      schema: {
        operationId: 'getGuardianshipLadderUnits',
        tags,
        summary: '可实施某类干预措施的单位（服务目录）及转介期限',
        params: IdParam,
        querystring: InterventionUnitsQuery,
        response: { 200: InterventionUnits, ...errs },
      },
    },
    async (req) => {
      const ctx = signedIn(req.ctx);
      return inScope(deps.db, ctx, (tx) => queries.unitsFor(tx, ctx, req.params.id, req.query.kind, deps.clock()));
    },
  );

  app.post(
    '/api/children/:id/guardianship/interventions',
    {
      config: { access: can('guardianship.write') },
      schema: {
        operationId: 'createGuardianshipIntervention',
        tags,
        summary: '新增干预措施：劝诫/制止由本单位实施；训诫、家庭教育指导令、撤销监护资格/支持起诉转介给实施单位（须在服务目录中接收该类转介）',
        params: IdParam,
        body: InterventionCreate,
        response: { 201: Saved, ...errs },
      },
    },
    async (req, reply) => {
      const ctx = signedIn(req.ctx);
      const saved = await inScope(deps.db, ctx, (tx) => commands.create(tx, ctx, req.params.id, req.body, deps.clock()));
      return reply.code(201).send({ step: saved.step, warning: saved.warning });
    },
  );

  app.post(
    '/api/guardianship/interventions/:id/outcome',
    {
      config: { access: can('guardianship.write') },
      schema: {
        operationId: 'recordGuardianshipInterventionOutcome',
        tags,
        summary: '记录干预措施的结果（实施中、已履行、无效）；转介办理中的措施由接收单位办结时记录',
        params: IdParam,
        body: InterventionOutcome,
        response: { 200: Saved, ...errs },
      },
    },
    async (req) => {
      const ctx = signedIn(req.ctx);
      return inScope(deps.db, ctx, (tx) => commands.recordOutcome(tx, ctx, req.params.id, req.body, deps.clock()));
    },
  );

  app.post(
    '/api/guardianship/interventions/:id/cancel',
    {
      config: { access: can('guardianship.write') },
      schema: {
        operationId: 'cancelGuardianshipIntervention',
        tags,
        summary: '取消尚未结束的干预措施（须说明原因）；其办理中的转介一并撤回',
        params: IdParam,
        body: InterventionCancel,
        response: { 200: Saved, ...errs },
      },
    },
    async (req) => {
      const ctx = signedIn(req.ctx);
      return inScope(deps.db, ctx, (tx) => commands.cancel(tx, ctx, req.params.id, req.body, deps.clock()));
    },
  );

  app.post(
    '/api/guardianship/interventions/:id/resend',
    {
      config: { access: can('guardianship.write') },
      schema: {
        operationId: 'resendGuardianshipIntervention',
        tags,
        summary: '转介被退回或撤回的干预措施重新发送（可换接收单位）',
        params: IdParam,
        body: InterventionResend,
        response: { 200: Saved, ...errs },
      },
    },
    async (req) => {
      const ctx = signedIn(req.ctx);
      return inScope(deps.db, ctx, (tx) => commands.resend(tx, ctx, req.params.id, req.body, deps.clock()));
    },
  );
}
