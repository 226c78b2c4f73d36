/** /api/admin/users: accounts (commands/users.ts). */
import { z } from 'zod';
import { AdminStatus, ErrorBody, IdParam, PasswordReset, User, UserCreate, UserList, UserQuery, UserUpdate } from '#common/api.js';
import type { AppDeps, ZApp } from '../../../core/deps.js';
import { inScope, signedIn } from '../../../core/context.js';
import { can } from '../../../http/access.js';
import * as userCommands from '../commands/users.js';
import * as queries from '../queries.js';

const tags = ['系统管理 admin'];
const errs = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

export function userRoutes(app: ZApp, deps: AppDeps): void {
  const now = () => new Date(deps.clock());

  app.get(
    '/api/admin/users',
    {
      config: { access: can('admin.users.read') },
      schema: { operationId: 'listUsers', tags, summary: '用户列表', querystring: UserQuery, response: { 200: UserList, ...errs } },
    },
    async (req) => inScope(deps.db, req.ctx, (tx) => queries.listUsers(tx, req.query, now())),
  );

  app.post(
    '/api/admin/users',
    {
      config: { access: can('admin.users.write') },
      schema: { operationId: 'createUser', tags, summary: '新增用户（首次登录须修改密码）', body: UserCreate, response: { 201: User, ...errs } },
    },
    async (req, reply) => reply.code(201).send(await inScope(deps.db, req.ctx, (tx) => userCommands.create(tx, signedIn(req.ctx), req.body, now()))),
  );

  app.patch(
    '/api/admin/users/:id',
    {
      config: { access: can('admin.users.write') },
      schema: {
        operationId: 'updateUser',
        tags,
        summary: '修改用户（姓名、单位、角色、居民区、停用）',
        params: IdParam,
        body: UserUpdate,
        response: { 200: User, ...errs },
      },
    },
    async (req) => userCommands.update(deps.db, signedIn(req.ctx), req.params.id, req.body, now()),
  );

  app.post(
    '/api/admin/users/:id/password',
    {
      config: { access: can('admin.users.write') },
      schema: {
        operationId: 'resetUserPassword',
        tags,
        summary: '重置用户密码（下次登录须修改，现有会话结束）',
        params: IdParam,
        body: PasswordReset,
        response: { 204: z.null(), ...errs },
      },
    },
    async (req, reply) => {
      await userCommands.resetPassword(deps.db, signedIn(req.ctx), req.params.id, req.body.password, now());
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/admin/users/:id/unlock',
    {
      config: { access: can('security.accounts') },
      schema: { operationId: 'unlockUser', tags, summary: '解除登录锁定', params: IdParam, response: { 204: z.null(), ...errs } },
    },
    async (req, reply) => {
      await inScope(deps.db, req.ctx, (tx) => userCommands.unlock(tx, req.params.id, now()));
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/admin/users/:id/reset-mfa',
    {
      config: { access: can('security.accounts') },
      schema: { operationId: 'resetUserMfa', tags, summary: '重置双因素认证（用户须重新绑定）', params: IdParam, response: { 204: z.null(), ...errs } },
    },
    async (req, reply) => {
      await inScope(deps.db, req.ctx, (tx) => userCommands.resetMfa(tx, signedIn(req.ctx), req.params.id, now()));
      return reply.code(204).send(null);
    },
  );

  app.put(
    '/api/admin/users/:id/admin-role',
    {
      config: { access: can('security.accounts') },
      schema: {
        operationId: 'setUserAdminRole',
        tags,
        summary: '授予或撤销管理员角色（系统/安全/审计管理员，三者互斥）',
        params: IdParam,
        body: z.object({ role: z.string().min(1).nullable() }),
        response: { 200: User, ...errs },
      },
    },
    async (req) => inScope(deps.db, req.ctx, (tx) => userCommands.setAdminRole(tx, signedIn(req.ctx), req.params.id, req.body.role, now())),
  );

  app.put(
    '/api/admin/users/:id/admin-status',
    {
      config: { access: can('security.accounts') },
      schema: {
        operationId: 'setUserAdminStatus',
        tags,
        summary: '停用或启用管理员账户（仅安全管理员；其他管理员收到提醒）',
        params: IdParam,
        body: AdminStatus,
        response: { 200: User, ...errs },
      },
    },
    async (req) => userCommands.setAdminStatus(deps.db, signedIn(req.ctx), req.params.id, req.body, now()),
  );
}
