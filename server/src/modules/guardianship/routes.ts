/**
 * 监护评估 — the guardianship-capacity assessment (家庭监护能力评估, plan task 15): a child's
 * assessments, the workflow steps, the area's work lists and the instruments. Every route runs
 * with the case-scoped access of the caller's unit (a unit holding a referral that opens the
 * 'guardianship' section), decides the depth with policies.ts (404 for `none`) and audits every
 * read of guardianship content. The route table only.
 */
import { z } from 'zod';
import { ErrorBody, IdParam } from '#common/api.js';
import {
  AssessmentCancelBody,
  AssessmentCommission,
  AssessmentDetail,
  AssessmentResultBody,
  AssessmentStepBody,
  AssessmentWorkList,
  AssessmentWorkQuery,
  ChildAssessments,
  InstrumentCreate,
  InstrumentDetail,
  InstrumentList,
  InstrumentParams,
} from '#common/guardianshipAssessment.js';
import type { AppDeps, ZApp } from '../../core/deps.js';
import { inScope, signedIn } from '../../core/context.js';
import { errors } from '../../core/errors.js';
import { can } from '../../http/access.js';
import { GUARDIANSHIP_ACCESS } from './policies.js';
import * as commands from './commands.js';
import * as queries from './queries.js';
import './indicators.js';

const tags = ['监护评估 guardianship assessments'];
const errs = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const REF = { referrals: true };
const Saved = z.object({ id: z.string(), version: z.number() });

export function guardianshipRoutes(app: ZApp, deps: AppDeps): void {
  app.get(
    '/api/children/:id/guardianship/assessments',
    {
      config: { access: GUARDIANSHIP_ACCESS },
      schema: {
        operationId: 'listChildAssessments',
        tags,
        summary: '儿童的家庭监护能力评估（儿童主任只见状态和日期），每次查阅留痕',
        params: IdParam,
        response: { 200: ChildAssessments, ...errs },
      },
    },
    async (req) => {
      const ctx = signedIn(req.ctx);
      return inScope(deps.db, ctx, (tx) => queries.childAssessments(tx, deps, ctx, req.params.id), REF);
    },
  );

  app.post(
    '/api/children/:id/guardianship/assessments',
    {
      config: { access: GUARDIANSHIP_ACCESS },
      schema: {
        operationId: 'commissionAssessment',
        tags,
        summary: '委托家庭监护能力评估（委托单位为本单位，使用当前启用的量表版本）',
        params: IdParam,
        body: AssessmentCommission,
        response: { 201: Saved, ...errs },
      },
    },
    async (req, reply) => {
      const ctx = signedIn(req.ctx);
      const id = await inScope(deps.db, ctx, (tx) => commands.commission(tx, deps, ctx, req.params.id, req.body), REF);
      return reply.code(201).send({ id, version: 1 });
    },
  );

  app.get(
    '/api/guardianship/assessments',
    {
      config: { access: can('guardianship.read') },
      schema: {
        operationId: 'assessmentWorkList',
        tags,
        summary: '辖区评估工作清单：逾期未完成的委托、即将到期或已到期的复评、办理中的评估',
        querystring: AssessmentWorkQuery,
        response: { 200: AssessmentWorkList, ...errs },
      },
    },
    async (req) => {
      const ctx = signedIn(req.ctx);
      return inScope(deps.db, ctx, (tx) => queries.workList(tx, deps, ctx, req.query));
    },
  );

  app.get(
    '/api/guardianship/assessments/:id',
    {
      config: { access: GUARDIANSHIP_ACCESS },
      schema: {
        operationId: 'getAssessment',
        tags,
        summary: '一次评估（含所用量表版本、各维度得分、等级、评估意见），每次查阅留痕',
        params: IdParam,
        response: { 200: AssessmentDetail, ...errs },
      },
    },
    async (req) => {
      const ctx = signedIn(req.ctx);
      return inScope(deps.db, ctx, (tx) => queries.assessmentDetail(tx, deps, ctx, req.params.id), REF);
    },
  );

  app.post(
    '/api/guardianship/assessments/:id/result',
    {
      config: { access: GUARDIANSHIP_ACCESS },
      schema: {
        operationId: 'recordAssessmentResult',
        tags,
        summary: '录入评估结果：服务器按该评估所用量表版本计分定级；监护缺失或失当时，同一事务内将风险调为高、登记困境类别并重新匹配保障政策',
        params: IdParam,
        body: AssessmentResultBody,
        response: { 200: AssessmentDetail, ...errs },
      },
    },
    async (req) => {
      const ctx = signedIn(req.ctx);
      return inScope(
        deps.db,
        ctx,
        async (tx) => {
          const { chain } = await commands.recordResult(tx, deps, ctx, req.params.id, req.body, req.log);
          return { ...(await queries.assessmentDetail(tx, deps, ctx, req.params.id)), chain };
        },
        REF,
      );
    },
  );

  const step = (path: 'return' | 'archive', operationId: string, summary: string) =>
    app.post(
      `/api/guardianship/assessments/:id/${path}`,
      {
        config: { access: GUARDIANSHIP_ACCESS },
        schema: { operationId, tags, summary, params: IdParam, body: AssessmentStepBody, response: { 200: AssessmentDetail, ...errs } },
      },
      async (req) => {
        const ctx = signedIn(req.ctx);
        return inScope(
          deps.db,
          ctx,
          async (tx) => {
            await (path === 'return' ? commands.returnResult : commands.archive)(tx, deps, ctx, req.params.id, req.body);
            return queries.assessmentDetail(tx, deps, ctx, req.params.id);
          },
          REF,
        );
      },
    );
  step('return', 'returnAssessment', '评估结果反馈（已评估 → 已反馈）');
  step('archive', 'archiveAssessment', '评估归档（已反馈 → 已归档）');

  app.post(
    '/api/guardianship/assessments/:id/cancel',
    {
      config: { access: GUARDIANSHIP_ACCESS },
      schema: {
        operationId: 'cancelAssessment',
        tags,
        summary: '取消评估（须说明原因；已反馈、已归档的不能取消）',
        params: IdParam,
        body: AssessmentCancelBody,
        response: { 200: AssessmentDetail, ...errs },
      },
    },
    async (req) => {
      const ctx = signedIn(req.ctx);
      return inScope(
        deps.db,
        ctx,
        async (tx) => {
          await commands.cancel(tx, ctx, req.params.id, req.body);
          return queries.assessmentDetail(tx, deps, ctx, req.params.id);
        },
        REF,
      );
    },
  );

  // ---- instruments ----

  app.get(
    '/api/guardianship/instruments',
    {
      config: { access: GUARDIANSHIP_ACCESS },
      schema: { operationId: 'listInstruments', tags, summary: '评估量表的各版本', response: { 200: InstrumentList, ...errs } },
    },
    async (req) => {
      const ctx = signedIn(req.ctx);
      if (!ctx.actor.permissions.has('guardianship.manage') && !ctx.actor.permissions.has('guardianship.read'))
        throw errors.forbidden('没有查看评估量表的权限');
      return inScope(deps.db, ctx, (tx) => queries.instrumentList(tx));
    },
  );

  app.get(
    '/api/guardianship/instruments/:code/:version',
    {
      config: { access: GUARDIANSHIP_ACCESS },
      schema: {
        operationId: 'getInstrument',
        tags,
        summary: '评估量表的一个版本（维度、题目、选项分值、权重、等级）',
        params: InstrumentParams,
        response: { 200: InstrumentDetail, ...errs },
      },
    },
    async (req) => {
      const ctx = signedIn(req.ctx);
      if (!ctx.actor.permissions.has('guardianship.manage') && !ctx.actor.permissions.has('guardianship.read'))
        throw errors.forbidden('没有查看评估量表的权限');
      return inScope(deps.db, ctx, (tx) => queries.instrumentDetail(tx, req.params.code, req.params.version));
    },
  );

  app.post(
    '/api/guardianship/instruments',
    {
      config: { access: can('guardianship.manage') },
      schema: {
        operationId: 'createInstrument',
        tags,
        summary: '新建评估量表版本（通常复制当前版本后修改）；已完成的评估仍按其原版本保存，不受影响',
        body: InstrumentCreate,
        response: { 201: InstrumentDetail, ...errs },
      },
    },
    async (req, reply) => {
      const ctx = signedIn(req.ctx);
      const out = await inScope(deps.db, ctx, async (tx) => {
        const { code, version } = await commands.createInstrument(tx, ctx, req.body);
        return queries.instrumentDetail(tx, code, version);
      });
      return reply.code(201).send(out);
    },
  );

  app.post(
    '/api/guardianship/instruments/:code/:version/activate',
    {
      config: { access: can('guardianship.manage') },
      schema: {
        operationId: 'activateInstrument',
        tags,
        summary: '启用一个量表版本：此后新委托的评估使用它（其他版本停用）',
        params: InstrumentParams,
        response: { 200: InstrumentDetail, ...errs },
      },
    },
    async (req) => {
      const ctx = signedIn(req.ctx);
      return inScope(deps.db, ctx, async (tx) => {
        await commands.activateInstrument(tx, req.params.code, req.params.version);
        return queries.instrumentDetail(tx, req.params.code, req.params.version);
      });
    },
  );
}
