/**
 * 返家监护监督与临时照料 (plan tasks 16, 17) — the route table. Depth and the right to write are
 * decided per record by ../guardianship/policies.ts (the assigned supervisor records follow-ups
 * without guardianship.write); the procuratorate's overdue list takes guardianship.oversight and
 * reads masked rows only. Every read of guardianship content is audited (queries.ts).
 */
import { ErrorBody, IdParam } from '#common/api.js';
import {
  AftercareSettings,
  AftercareSettingsUpdate,
  ChildAftercare,
  FollowupRecord,
  MaskedOverdueList,
  MyFollowupList,
  OverdueList,
  OverdueQuery,
  PhoneReveal,
  PlacementCreate,
  PlacementDischarge,
  PlacementList,
  PlacementQuery,
  PlacementServicesUpdate,
  RevealedPhone,
  SupervisionCreate,
  SupervisionEnd,
  SupervisorCandidateList,
  SupervisorChange,
} from '#common/aftercare.js';
import { shanghaiDate } from '#common/dates.js';
import type { AppDeps, ZApp } from '../../core/deps.js';
import { inScope, signedIn, type RequestCtx, type SignedInCtx, type Tx } from '../../core/context.js';
import { can } from '../../http/access.js';
import { SUPERVISOR_ACCESS } from '../guardianship/policies.js';
import * as commands from './commands.js';
import * as queries from './queries.js';
// The 督办 figures of tasks 16 and 17 register themselves on import.
import './indicators.js';

const tags = ['监护提质 aftercare'];
const errs = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

export function aftercareRoutes(app: ZApp, deps: AppDeps): void {
  const run = <T>(req: { ctx: RequestCtx }, fn: (tx: Tx, ctx: SignedInCtx, today: string) => Promise<T>) => {
    const ctx = signedIn(req.ctx);
    return inScope(deps.db, ctx, (tx) => fn(tx, ctx, shanghaiDate(deps.clock())));
  };

  app.get(
    '/api/aftercare/settings',
    {
      config: { access: SUPERVISOR_ACCESS },
      schema: {
        operationId: 'getAftercareSettings',
        tags,
        summary: '返家回访周期设置（返家初期间隔、初期时长、此后间隔）',
        response: { 200: AftercareSettings, ...errs },
      },
    },
    async (req) => run(req, (tx) => queries.settings(tx)),
  );

  app.put(
    '/api/aftercare/settings',
    {
      config: { access: can('guardianship.manage') },
      schema: {
        operationId: 'updateAftercareSettings',
        tags,
        summary: '修改返家回访周期（只影响此后开始的监督）',
        body: AftercareSettingsUpdate,
        response: { 200: AftercareSettings, ...errs },
      },
    },
    async (req) => run(req, (tx, ctx) => commands.updateSettings(tx, ctx, req.body)),
  );

  app.get(
    '/api/aftercare/children/:id',
    {
      config: { access: SUPERVISOR_ACCESS },
      schema: {
        operationId: 'getChildAftercare',
        tags,
        summary: '儿童的返家监护监督与临时照料（儿童主任只见概要；每次查看均记录）',
        params: IdParam,
        response: { 200: ChildAftercare, ...errs },
      },
    },
    async (req) => run(req, (tx, ctx, today) => queries.childAftercare(tx, ctx, req.params.id, deps.crypto, today)),
  );

  app.get(
    '/api/aftercare/children/:id/supervisor-candidates',
    {
      config: { access: can('guardianship.write') },
      schema: {
        operationId: 'listSupervisorCandidates',
        tags,
        summary: '可担任监护监督员的平台用户（儿童所在街道、居民区的工作人员）',
        params: IdParam,
        response: { 200: SupervisorCandidateList, ...errs },
      },
    },
    async (req) => run(req, (tx, ctx) => queries.candidates(tx, ctx, req.params.id)),
  );

  app.post(
    '/api/aftercare/supervisions',
    {
      config: { access: can('guardianship.write') },
      schema: {
        operationId: 'createSupervision',
        tags,
        summary: '指定监护监督员，开始返家监护监督（按回访周期生成首次回访）',
        body: SupervisionCreate,
        response: { 201: ChildAftercare, ...errs },
      },
    },
    async (req, reply) => reply.code(201).send(await run(req, (tx, ctx) => commands.createSupervision(tx, ctx, req.body, deps.crypto, deps.clock()))),
  );

  app.patch(
    '/api/aftercare/supervisions/:id',
    {
      config: { access: can('guardianship.write') },
      schema: {
        operationId: 'changeSupervisor',
        tags,
        summary: '更换监护监督员',
        params: IdParam,
        body: SupervisorChange,
        response: { 200: ChildAftercare, ...errs },
      },
    },
    async (req) => run(req, (tx, ctx) => commands.changeSupervisor(tx, ctx, req.params.id, req.body, deps.crypto, deps.clock())),
  );

  app.post(
    '/api/aftercare/supervisions/:id/end',
    {
      config: { access: can('guardianship.write') },
      schema: {
        operationId: 'endSupervision',
        tags,
        summary: '结束返家监护监督（须说明原因）',
        params: IdParam,
        body: SupervisionEnd,
        response: { 200: ChildAftercare, ...errs },
      },
    },
    async (req) => run(req, (tx, ctx) => commands.endSupervision(tx, ctx, req.params.id, req.body, deps.crypto, deps.clock())),
  );

  app.post(
    '/api/aftercare/supervisions/:id/phone',
    {
      config: { access: SUPERVISOR_ACCESS },
      schema: {
        operationId: 'revealSupervisorPhone',
        tags,
        summary: '查看监督员联系电话（须说明原因，记录审计）',
        params: IdParam,
        body: PhoneReveal,
        response: { 200: RevealedPhone, ...errs },
      },
    },
    async (req) => run(req, (tx, ctx) => commands.revealPhone(tx, ctx, req.params.id, req.body.reason, deps.crypto)),
  );

  app.post(
    '/api/aftercare/followups/:id',
    {
      config: { access: SUPERVISOR_ACCESS },
      schema: {
        operationId: 'recordFollowup',
        tags,
        summary: '记录到期的回访（监督员本人或有监护记录权限者）；发现问题时登记为发现的问题；自动安排下次回访',
        params: IdParam,
        body: FollowupRecord,
        response: { 200: ChildAftercare, ...errs },
      },
    },
    async (req) => run(req, (tx, ctx) => commands.recordFollowup(tx, ctx, req.params.id, req.body, deps.crypto, deps.clock())),
  );

  app.get(
    '/api/aftercare/followups/overdue',
    {
      config: { access: can('guardianship.read') },
      schema: {
        operationId: 'listOverdueFollowups',
        tags,
        summary: '辖区逾期未回访（按应回访日期排序）',
        querystring: OverdueQuery,
        response: { 200: OverdueList, ...errs },
      },
    },
    async (req) => run(req, (tx, _ctx, today) => queries.overdue(tx, req.query, today)),
  );

  app.get(
    '/api/aftercare/followups/oversight',
    {
      config: { access: can('guardianship.oversight') },
      schema: {
        operationId: 'listOverdueFollowupsMasked',
        tags,
        summary: '检察监督：全区逾期未回访（儿童姓名脱敏；每次查看均记录）',
        querystring: OverdueQuery,
        response: { 200: MaskedOverdueList, ...errs },
      },
    },
    async (req) => run(req, (tx, _ctx, today) => queries.maskedOverdue(tx, req.query, today)),
  );

  app.get(
    '/api/aftercare/followups/mine',
    {
      config: { access: SUPERVISOR_ACCESS },
      schema: { operationId: 'listMyFollowups', tags, summary: '本人作为监护监督员待完成的回访', response: { 200: MyFollowupList, ...errs } },
    },
    async (req) => run(req, (tx, ctx, today) => queries.mine(tx, ctx, today)),
  );

  app.get(
    '/api/aftercare/placements',
    {
      config: { access: can('guardianship.read') },
      schema: {
        operationId: 'listPlacements',
        tags,
        summary: '临时照料儿童（默认当前在照料中的）',
        querystring: PlacementQuery,
        response: { 200: PlacementList, ...errs },
      },
    },
    async (req) => run(req, (tx, ctx, today) => queries.placements(tx, ctx, req.query, today)),
  );

  app.post(
    '/api/aftercare/placements',
    {
      config: { access: can('guardianship.write') },
      schema: {
        operationId: 'createPlacement',
        tags,
        summary: '登记临时照料（每名儿童同时只有一条进行中的安置）',
        body: PlacementCreate,
        response: { 201: ChildAftercare, ...errs },
      },
    },
    async (req, reply) => reply.code(201).send(await run(req, (tx, ctx) => commands.createPlacement(tx, ctx, req.body, deps.crypto, deps.clock()))),
  );

  app.patch(
    '/api/aftercare/placements/:id',
    {
      config: { access: can('guardianship.write') },
      schema: {
        operationId: 'updatePlacementServices',
        tags,
        summary: '修改临时照料的服务内容',
        params: IdParam,
        body: PlacementServicesUpdate,
        response: { 200: ChildAftercare, ...errs },
      },
    },
    async (req) => run(req, (tx, ctx) => commands.updateServices(tx, ctx, req.params.id, req.body, deps.crypto, deps.clock())),
  );

  app.post(
    '/api/aftercare/placements/:id/discharge',
    {
      config: { access: can('guardianship.write') },
      schema: {
        operationId: 'dischargePlacement',
        tags,
        summary: '办理离开临时照料（日期与去向）',
        params: IdParam,
        body: PlacementDischarge,
        response: { 200: ChildAftercare, ...errs },
      },
    },
    async (req) => run(req, (tx, ctx) => commands.dischargePlacement(tx, ctx, req.params.id, req.body, deps.crypto, deps.clock())),
  );
}
