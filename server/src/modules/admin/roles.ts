/** /api/admin/roles: role → permissions is data, edited here. */
import { z } from 'zod';
import { CodeParam, ErrorBody, Role, RoleCreate, RoleList, RoleUpdate } from '#common/api.js';
import { PERMISSIONS, permissionsOutsideClass, type AdminClass } from '#common/permissions.js';
import type { AppDeps, ZApp } from '../../core/deps.js';
import { can } from '../../http/access.js';
import { inScope } from '../../core/context.js';
import { errors } from '../../core/errors.js';
import { diff } from '../org/routes.js';

const tags = ['系统管理 admin'];
const errs = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

interface RoleRow { code: string; name: string; name_en: string; scope_kind: Role['scopeKind']; admin_class: AdminClass | null; permissions: string[]; builtin: boolean; user_count: number }
const SELECT = `select r.code, r.name, r.name_en, r.scope_kind, r.admin_class, r.permissions, r.builtin,
  (select count(*)::int from user_roles ur where ur.role_code = r.code) as user_count from roles r`;
const present = (r: RoleRow): Role => ({
  code: r.code, name: r.name, nameEn: r.name_en, scopeKind: r.scope_kind, adminClass: r.admin_class, permissions: r.permissions, builtin: r.builtin, userCount: r.user_count,
});

function refuseForeignPermissions(perms: string[], cls: AdminClass | null): void {
  const bad = permissionsOutsideClass(perms, cls);
  if (bad.length) {
    throw errors.validation([{ path: 'permissions', message: `以下权限只能属于相应的管理员角色（三权分立）：${bad.map((p) => PERMISSIONS[p as keyof typeof PERMISSIONS].zh).join('、')}` }]);
  }
}

export function roleRoutes(app: ZApp, deps: AppDeps): void {
  app.get('/api/admin/roles', {
    config: { access: can('admin.roles.read') },
    schema: { tags, summary: '角色及其权限', response: { 200: RoleList, ...errs } },
  }, async (req) => inScope(deps.db, req.ctx, async (tx) => {
    const { rows } = await tx.client.query<RoleRow>(`${SELECT} order by r.builtin desc, r.code`);
    return { items: rows.map(present), permissions: Object.entries(PERMISSIONS).map(([code, l]) => ({ code, zh: l.zh, en: l.en })) };
  }));

  app.post('/api/admin/roles', {
    config: { access: can('admin.roles.write') },
    schema: { tags, summary: '新增角色', body: RoleCreate, response: { 201: Role, ...errs } },
  }, async (req, reply) => {
    refuseForeignPermissions(req.body.permissions, null);
    const role = await inScope(deps.db, req.ctx, async (tx) => {
      const dup = await tx.client.query('select 1 from roles where code = $1', [req.body.code]);
      if (dup.rowCount) throw errors.conflict('角色代码已存在', [{ path: 'code', message: '角色代码已存在' }]);
      await tx.client.query('insert into roles (code, name, name_en, scope_kind, permissions) values ($1, $2, $3, $4, $5)',
        [req.body.code, req.body.name, req.body.nameEn, req.body.scopeKind, req.body.permissions]);
      await tx.audit({ action: 'admin.role.create', entity: 'role', entityId: req.body.code, summary: { ...req.body } });
      return present((await tx.client.query<RoleRow>(`${SELECT} where r.code = $1`, [req.body.code])).rows[0]!);
    });
    return reply.code(201).send(role);
  });

  app.patch('/api/admin/roles/:code', {
    config: { access: can('admin.roles.write') },
    schema: { tags, summary: '修改角色名称或权限（立即对该角色的所有用户生效）', params: CodeParam, body: RoleUpdate, response: { 200: Role, ...errs } },
  }, async (req) => inScope(deps.db, req.ctx, async (tx) => {
    const old = (await tx.client.query<RoleRow>(`${SELECT} where r.code = $1 for update of r`, [req.params.code])).rows[0];
    if (!old) throw errors.notFound('未找到该角色');
    if (req.body.permissions) refuseForeignPermissions(req.body.permissions, old.admin_class);
    const b = req.body;
    await tx.client.query(
      `update roles set name = coalesce($2, name), name_en = coalesce($3, name_en), permissions = coalesce($4, permissions), updated_at = now() where code = $1`,
      [old.code, b.name ?? null, b.nameEn ?? null, b.permissions ? [...new Set(b.permissions)].sort() : null]);
    const next = (await tx.client.query<RoleRow>(`${SELECT} where r.code = $1`, [old.code])).rows[0]!;
    await tx.audit({ action: 'admin.role.update', entity: 'role', entityId: old.code, summary: diff(present(old), present(next)) });
    return present(next);
  }));

  app.delete('/api/admin/roles/:code', {
    config: { access: can('admin.roles.write') },
    schema: { tags, summary: '删除自定义角色（无用户时）', params: CodeParam, response: { 204: z.null(), ...errs } },
  }, async (req, reply) => {
    await inScope(deps.db, req.ctx, async (tx) => {
      const old = (await tx.client.query<RoleRow>(`${SELECT} where r.code = $1`, [req.params.code])).rows[0];
      if (!old) throw errors.notFound('未找到该角色');
      if (old.builtin) throw errors.conflict('内置角色不能删除');
      const used = await tx.client.query('select 1 from user_roles where role_code = $1 limit 1', [old.code]);
      if (used.rowCount) throw errors.conflict('仍有用户持有该角色，请先调整这些用户的角色');
      await tx.client.query('delete from roles where code = $1', [old.code]);
      await tx.audit({ action: 'admin.role.delete', entity: 'role', entityId: old.code, summary: present(old) });
    });
    return reply.code(204).send(null);
  });
}
