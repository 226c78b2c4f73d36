/** /api/admin/admin-requests: the password reset of an administrator account, under dual control (commands/requests.ts). */
import {
  AdminRequest,
  AdminRequestApproved,
  AdminRequestCreate,
  AdminRequestList,
  AdminRequestQuery,
  AdminRequestRefusal,
  ErrorBody,
  IdParam,
} from '#common/api.js';
import type { AppDeps, ZApp } from '../../../core/deps.js';
import { inScope, signedIn } from '../../../core/context.js';
import { can } from '../../../http/access.js';
import * as requestCommands from '../commands/requests.js';
import * as queries from '../queries.js';

const tags = ['系统管理 admin'];
const errs = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

export function adminRequestRoutes(app: ZApp, deps: AppDeps): void {
  const now = () => deps.clock();

  app.get(
    '/api/admin/admin-requests',
    {
      config: { access: can('admin.approvals') },
      schema: {
        operationId: 'listAdminRequests',
        tags,
        summary: '管理员账户操作申请（待审批在前）',
        querystring: AdminRequestQuery,
        response: { 200: AdminRequestList, ...errs },
      },
    },
    async (req) => inScope(deps.db, req.ctx, (tx) => queries.listRequests(tx, signedIn(req.ctx), req.query, now())),
  );

  app.post(
    '/api/admin/admin-requests',
    {
      config: { access: can('security.accounts') },
      schema: {
        operationId: 'createAdminRequest',
        tags,
        summary: '申请重置管理员账户的密码（须另一名管理员审批）',
        body: AdminRequestCreate,
        response: { 201: AdminRequest, ...errs },
      },
    },
    async (req, reply) => reply.code(201).send(await requestCommands.create(deps.db, signedIn(req.ctx), req.body, now())),
  );

  app.post(
    '/api/admin/admin-requests/:id/approve',
    {
      config: { access: can('admin.approvals') },
      schema: {
        operationId: 'approveAdminRequest',
        tags,
        summary: '批准管理员账户密码重置（返回一次性密码，仅显示一次；账户须改密并重新绑定双因素）',
        params: IdParam,
        response: { 200: AdminRequestApproved, ...errs },
      },
    },
    async (req) => requestCommands.approve(deps.db, signedIn(req.ctx), req.params.id, now()),
  );

  app.post(
    '/api/admin/admin-requests/:id/refuse',
    {
      config: { access: can('admin.approvals') },
      schema: {
        operationId: 'refuseAdminRequest',
        tags,
        summary: '拒绝管理员账户操作申请',
        params: IdParam,
        body: AdminRequestRefusal,
        response: { 200: AdminRequest, ...errs },
      },
    },
    async (req) => requestCommands.refuse(deps.db, signedIn(req.ctx), req.params.id, req.body.note, now()),
  );
}
