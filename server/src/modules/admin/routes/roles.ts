/** /api/admin/roles: role → permissions is data, edited here (commands/roles.ts). */
import { z } from 'zod';
import { CodeParam, ErrorBody, Role, RoleCreate, RoleList, RoleUpdate } from '#common/api.js';
import type { AppDeps, ZApp } from '../../../core/deps.js';
import { inScope } from '../../../core/context.js';
import { can } from '../../../http/access.js';
import * as roleCommands from '../commands/roles.js';
import * as queries from '../queries.js';

const tags = ['系统管理 admin'];
const errs = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

export function roleRoutes(app: ZApp, deps: AppDeps): void {
  app.get(
    '/api/admin/roles',
    {
      config: { access: can('admin.roles.read') },
      schema: { operationId: 'listRoles', tags, summary: '角色及其权限', response: { 200: RoleList, ...errs } },
    },
    async (req) => inScope(deps.db, req.ctx, (tx) => queries.listRoles(tx)),
  );

  app.post(
    '/api/admin/roles',
    {
      config: { access: can('admin.roles.write') },
      schema: { operationId: 'createRole', tags, summary: '新增角色', body: RoleCreate, response: { 201: Role, ...errs } },
    },
    async (req, reply) => reply.code(201).send(await inScope(deps.db, req.ctx, (tx) => roleCommands.create(tx, req.body))),
  );

  app.patch(
    '/api/admin/roles/:code',
    {
      config: { access: can('admin.roles.write') },
      schema: {
        operationId: 'updateRole',
        tags,
        summary: '修改角色名称或权限（立即对该角色的所有用户生效）',
        params: CodeParam,
        body: RoleUpdate,
        response: { 200: Role, ...errs },
      },
    },
    async (req) => inScope(deps.db, req.ctx, (tx) => roleCommands.update(tx, req.params.code, req.body)),
  );

  app.delete(
    '/api/admin/roles/:code',
    {
      config: { access: can('admin.roles.write') },
      schema: { operationId: 'deleteRole', tags, summary: '删除自定义角色（无用户时）', params: CodeParam, response: { 204: z.null(), ...errs } },
    },
    async (req, reply) => {
      await inScope(deps.db, req.ctx, (tx) => roleCommands.remove(tx, req.params.code));
      return reply.code(204).send(null);
    },
  );
}
