/**
 * /api/access: break the glass (越权查阅、紧急查阅) and its settings. The route table only; the
 * gate over /api/children/:id is fileGate.ts (registered by the application beside the guard).
 */
import { z } from 'zod';
import { ErrorBody, IdParam } from '#common/api.js';
import { AccessSettings, EmergencyChildView, EmergencyGranted, EmergencyRequest, EndGrant, Grant, GrantCreate, GrantList, GrantQuery } from '#common/access.js';
import type { AppDeps, ZApp } from '../../core/deps.js';
import { inScope } from '../../core/context.js';
import { can, canAny } from '../../http/access.js';
import * as access from './commands.js';

const tags = ['越权查阅 access'];
const errs = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const LiveGrant = z.object({ grant: Grant.nullable() });

export function accessRoutes(app: ZApp, deps: AppDeps): void {
  app.post(
    '/api/access/grants',
    {
      config: { access: can('children.read') },
      schema: {
        operationId: 'openAccessGrant',
        tags,
        summary: '说明理由后查阅一名儿童的档案（限时；审计管理员将收到通知）',
        body: GrantCreate,
        response: { 201: Grant, ...errs },
      },
    },
    async (req, reply) => reply.code(201).send(await inScope(deps.db, req.ctx, (tx) => access.openGrant(tx, req.body))),
  );

  app.post(
    '/api/access/emergency',
    {
      config: { access: can('children.emergency') },
      schema: {
        operationId: 'openEmergencyAccess',
        tags,
        summary: '紧急查阅：凭身份证号与理由只读查阅在档儿童（限时；审计管理员将收到紧急通知）',
        body: EmergencyRequest,
        response: { 201: EmergencyGranted, ...errs },
      },
    },
    async (req, reply) => reply.code(201).send(await inScope(deps.db, req.ctx, (tx) => access.openEmergency(tx, deps, req.body))),
  );

  app.get(
    '/api/access/emergency/:id',
    {
      config: { access: can('children.emergency') },
      schema: {
        operationId: 'getEmergencyChild',
        tags,
        summary: '紧急查阅期间只读查看儿童：身份、家庭与监护人、健康（每次查阅留痕）',
        params: IdParam,
        response: { 200: EmergencyChildView, ...errs },
      },
    },
    async (req) => inScope(deps.db, req.ctx, (tx) => access.emergencyView(tx, deps, req.params.id)),
  );

  app.get(
    '/api/access/grants',
    {
      config: { access: canAny('children.read', 'children.emergency', 'audit.read') },
      schema: {
        operationId: 'listAccessGrants',
        tags,
        summary: '查阅授权列表（本人的；审计管理员可见全部）',
        querystring: GrantQuery,
        response: { 200: GrantList, ...errs },
      },
    },
    async (req) => inScope(deps.db, req.ctx, (tx) => access.listGrants(tx, req.query)),
  );

  app.get(
    '/api/access/children/:id/grant',
    {
      config: { access: canAny('children.read', 'children.emergency') },
      schema: {
        operationId: 'getMyChildGrant',
        tags,
        summary: '本人对该儿童档案的有效查阅授权（无则为空）',
        params: IdParam,
        response: { 200: LiveGrant, ...errs },
      },
    },
    async (req) => inScope(deps.db, req.ctx, async (tx) => ({ grant: await access.myLiveGrant(tx, req.params.id) })),
  );

  app.post(
    '/api/access/grants/:id/end',
    {
      config: { access: canAny('children.read', 'children.emergency', 'audit.read') },
      schema: {
        operationId: 'endAccessGrant',
        tags,
        summary: '提前结束查阅授权（本人或审计管理员）',
        params: IdParam,
        body: EndGrant,
        response: { 200: Grant, ...errs },
      },
    },
    async (req) => inScope(deps.db, req.ctx, (tx) => access.endGrant(tx, req.params.id, req.body)),
  );

  app.get(
    '/api/access/settings',
    {
      // who opens files with a reason (the dialog names the hours), an emergency reader, the editor, the auditor
      config: { access: canAny('children.read', 'children.emergency', 'access.configure', 'audit.read') },
      schema: { operationId: 'getAccessSettings', tags, summary: '查阅授权时长与批量查阅预警阈值', response: { 200: AccessSettings, ...errs } },
    },
    async (req) => inScope(deps.db, req.ctx, (tx) => access.readSettings(tx)),
  );

  app.put(
    '/api/access/settings',
    {
      config: { access: can('access.configure') },
      schema: {
        operationId: 'updateAccessSettings',
        tags,
        summary: '设置查阅授权时长与批量查阅预警阈值',
        body: AccessSettings,
        response: { 200: AccessSettings, ...errs },
      },
    },
    async (req) => inScope(deps.db, req.ctx, (tx) => access.updateSettings(tx, req.body)),
  );
}
