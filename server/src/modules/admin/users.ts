/**
 * /api/admin/users: accounts. The system administrator manages accounts and business roles; the
 * security administrator alone grants administrator roles, unlocks accounts and resets second
 * factors, and alone manages administrator accounts (三权分立, adminAccounts.ts): the system
 * administrator cannot edit, disable or reset the password of the security or audit administrator.
 * Disabling an account or changing its roles, unit or committees ends its sessions.
 */
import { z } from 'zod';
import { AdminStatus, ErrorBody, IdParam, PasswordReset, User, UserCreate, UserList, UserQuery, UserUpdate } from '#common/api.js';
import { checkPassword } from '#common/password.js';
import type { AppDeps, ZApp } from '../../core/deps.js';
import { can } from '../../http/access.js';
import { inScope, type Tx } from '../../core/context.js';
import { errors } from '../../core/errors.js';
import { hashPassword } from '../auth/passwords.js';
import { diff } from '../org/routes.js';
import { actorLabel, alertAdministrators, auditRefusals, classLabel, REFUSALS, refuseLastOfClass } from './adminAccounts.js';
import { adminClassesOf, checkRoleSet } from './roleRules.js';

const tags = ['系统管理 admin'];
const errs = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

interface UserRow {
  id: string; username: string; display_name: string; unit_code: string; unit_name: string; unit_street: string | null;
  roles: string[]; committees: string[]; disabled: boolean; locked: boolean; totp_enabled: boolean; must_change_password: boolean;
  last_login_at: Date | null; created_at: Date;
}
/** The user query; `nowParam` names the bound parameter that holds the server clock (for the lock state). */
const selectUsers = (nowParam: string) => `
  select u.id, u.username, u.display_name, u.unit_code, un.name as unit_name, un.street_code as unit_street,
    coalesce((select array_agg(role_code order by role_code) from user_roles where user_id = u.id), '{}') as roles,
    coalesce((select array_agg(committee_id::text order by committee_id) from user_committees where user_id = u.id), '{}') as committees,
    u.disabled, coalesce(lf.locked_until > ${nowParam}, false) as locked, u.totp_enabled, u.must_change_password, u.last_login_at, u.created_at
  from users u join units un on un.code = u.unit_code left join login_failures lf on lf.username = u.username`;

const present = (r: UserRow): User => ({
  id: r.id, username: r.username, displayName: r.display_name, unitCode: r.unit_code, unitName: r.unit_name, roles: r.roles,
  committees: r.committees, disabled: r.disabled, locked: r.locked, totpEnabled: r.totp_enabled, mustChangePassword: r.must_change_password,
  lastLoginAt: r.last_login_at?.toISOString() ?? null, createdAt: r.created_at.toISOString(),
});

async function loadUser(tx: Tx, now: Date, id: string, lock = false): Promise<UserRow> {
  const row = (await tx.client.query<UserRow>(`${selectUsers('$1')} where u.id = $2 ${lock ? 'for update of u' : ''}`, [now, id])).rows[0];
  if (!row) throw errors.notFound('未找到该用户');
  return row;
}

async function checkUnit(tx: Tx, code: string): Promise<{ street_code: string | null }> {
  const unit = (await tx.client.query<{ street_code: string | null; active: boolean }>('select street_code, active from units where code = $1', [code])).rows[0];
  if (!unit || !unit.active) throw errors.validation([{ path: 'unitCode', message: '单位不存在或已停用' }]);
  return unit;
}

/** A child director's committees must be active and lie in the street of their unit. */
async function checkCommittees(tx: Tx, ids: string[], unitStreet: string | null): Promise<void> {
  if (!ids.length) return;
  const { rows } = await tx.client.query<{ id: string; street_code: string; active: boolean }>('select id, street_code, active from committees where id = any($1)', [ids]);
  if (rows.length !== new Set(ids).size || rows.some((r) => !r.active)) throw errors.validation([{ path: 'committees', message: '居民区不存在或已合并' }]);
  if (unitStreet && rows.some((r) => r.street_code !== unitStreet)) throw errors.validation([{ path: 'committees', message: '只能选择本单位所在街道的居民区' }]);
}

async function endSessions(tx: Tx, userId: string, now: Date): Promise<void> {
  await tx.client.query('update sessions set revoked_at = $2 where user_id = $1 and revoked_at is null', [userId, now]);
}

export function userRoutes(app: ZApp, deps: AppDeps): void {
  const now = () => new Date(deps.clock());

  app.get('/api/admin/users', {
    config: { access: can('admin.users.read') },
    schema: { tags, summary: '用户列表', querystring: UserQuery, response: { 200: UserList, ...errs } },
  }, async (req) => inScope(deps.db, req.ctx, async (tx) => {
    const { page, pageSize, q, unit, role } = req.query;
    const args: unknown[] = [];
    const where: string[] = [];
    if (q) { args.push(`%${q.toLowerCase()}%`); where.push(`(u.username like $${args.length} or u.display_name like $${args.length})`); }
    if (unit) { args.push(unit); where.push(`u.unit_code = $${args.length}`); }
    if (role) { args.push(role); where.push(`exists (select 1 from user_roles r where r.user_id = u.id and r.role_code = $${args.length})`); }
    const w = where.length ? `where ${where.join(' and ')}` : '';
    const total = (await tx.client.query<{ n: number }>(`select count(*)::int as n from users u ${w}`, args)).rows[0]!.n;
    const n = args.length;
    const { rows } = await tx.client.query<UserRow>(
      `${selectUsers(`$${n + 1}`)} ${w} order by u.unit_code, u.username limit $${n + 2} offset $${n + 3}`,
      [...args, now(), pageSize, (page - 1) * pageSize]);
    return { items: rows.map(present), total, page, pageSize };
  }));

  app.post('/api/admin/users', {
    config: { access: can('admin.users.write') },
    schema: { tags, summary: '新增用户（首次登录须修改密码）', body: UserCreate, response: { 201: User, ...errs } },
  }, async (req, reply) => {
    const b = req.body;
    const policy = checkPassword(b.password, b.username);
    if (!policy.ok) throw errors.validation([{ path: 'password', message: policy.message }]);
    const user = await inScope(deps.db, req.ctx, async (tx) => {
      const dup = await tx.client.query('select 1 from users where username = $1', [b.username]);
      if (dup.rowCount) throw errors.conflict('用户名已存在', [{ path: 'username', message: '用户名已存在' }]);
      const unit = await checkUnit(tx, b.unitCode);
      const roles = await checkRoleSet(tx.client, b.roles);
      if (adminClassesOf(roles).size) throw errors.forbidden('管理员角色须由安全管理员授予（三权分立）');
      await checkCommittees(tx, b.committees, unit.street_code);
      const { rows } = await tx.client.query<{ id: string }>(
        `insert into users (username, display_name, unit_code, password_hash, must_change_password) values ($1, $2, $3, $4, true) returning id`,
        [b.username, b.displayName, b.unitCode, await hashPassword(b.password)]);
      const id = rows[0]!.id;
      await tx.client.query('insert into user_roles (user_id, role_code) select $1, unnest($2::text[])', [id, [...new Set(b.roles)]]);
      await tx.client.query('insert into user_committees (user_id, committee_id) select $1, unnest($2::uuid[])', [id, [...new Set(b.committees)]]);
      await tx.audit({ action: 'admin.user.create', entity: 'user', entityId: id, summary: { username: b.username, unitCode: b.unitCode, roles: b.roles, committees: b.committees } });
      return present(await loadUser(tx, now(), id));
    });
    return reply.code(201).send(user);
  });

  app.patch('/api/admin/users/:id', {
    config: { access: can('admin.users.write') },
    schema: { tags, summary: '修改用户（姓名、单位、角色、居民区、停用）', params: IdParam, body: UserUpdate, response: { 200: User, ...errs } },
  }, async (req) => auditRefusals(deps, req.ctx, { action: 'admin.user.update', entity: 'user', entityId: req.params.id }, () => inScope(deps.db, req.ctx, async (tx) => {
    const b = req.body;
    const old = await loadUser(tx, now(), req.params.id, true);
    const self = old.id === req.ctx.actor!.userId;
    if (self && (b.roles || b.disabled !== undefined || b.unitCode)) throw errors.forbidden('不能修改本人的角色、单位或停用本人账户');
    const oldRoles = await checkRoleSet(tx.client, old.roles);
    // Another administrator's account is the security administrator's to manage (三权分立).
    if (!self && adminClassesOf(oldRoles).size) throw errors.forbidden(REFUSALS.systemAdminOnAdmin);
    if (b.roles) {
      const next = await checkRoleSet(tx.client, b.roles);
      const before = [...adminClassesOf(oldRoles)].sort().join();
      const after = [...adminClassesOf(next)].sort().join();
      if (before !== after) throw errors.forbidden('管理员角色须由安全管理员授予或撤销（三权分立）');
    }
    const unitCode = b.unitCode ?? old.unit_code;
    const unit = await checkUnit(tx, unitCode);
    const committees = b.committees ?? (b.unitCode && b.unitCode !== old.unit_code ? [] : old.committees);
    await checkCommittees(tx, committees, unit.street_code);
    await tx.client.query(
      `update users set display_name = coalesce($2, display_name), unit_code = $3, disabled = coalesce($4, disabled), updated_at = now() where id = $1`,
      [old.id, b.displayName ?? null, unitCode, b.disabled ?? null]);
    if (b.roles) {
      await tx.client.query('delete from user_roles where user_id = $1', [old.id]);
      await tx.client.query('insert into user_roles (user_id, role_code) select $1, unnest($2::text[])', [old.id, [...new Set(b.roles)]]);
    }
    await tx.client.query('delete from user_committees where user_id = $1', [old.id]);
    await tx.client.query('insert into user_committees (user_id, committee_id) select $1, unnest($2::uuid[])', [old.id, [...new Set(committees)]]);
    const next = await loadUser(tx, now(), old.id);
    const changes = diff(present(old), present(next));
    const accessChanged = ['roles', 'unitCode', 'committees', 'disabled'].some((k) => k in changes);
    if (accessChanged) await endSessions(tx, old.id, now());
    await tx.audit({ action: 'admin.user.update', entity: 'user', entityId: old.id, summary: { ...changes, sessionsEnded: accessChanged } });
    return present(next);
  })));

  app.post('/api/admin/users/:id/password', {
    config: { access: can('admin.users.write') },
    schema: { tags, summary: '重置用户密码（下次登录须修改，现有会话结束）', params: IdParam, body: PasswordReset, response: { 204: z.null(), ...errs } },
  }, async (req, reply) => {
    await auditRefusals(deps, req.ctx, { action: 'admin.user.password.reset', entity: 'user', entityId: req.params.id }, () => inScope(deps.db, req.ctx, async (tx) => {
      const u = await loadUser(tx, now(), req.params.id, true);
      // An administrator's password is reset only through a request and a second administrator's approval.
      if (adminClassesOf(await checkRoleSet(tx.client, u.roles)).size) throw errors.forbidden(REFUSALS.passwordResetNeedsApproval);
      const policy = checkPassword(req.body.password, u.username);
      if (!policy.ok) throw errors.validation([{ path: 'password', message: policy.message }]);
      await tx.client.query(
        `update users set password_hash = $2, must_change_password = true, password_is_demo = false, password_changed_at = $3, updated_at = $3 where id = $1`,
        [u.id, await hashPassword(req.body.password), now()]);
      await endSessions(tx, u.id, now());
      await tx.audit({ action: 'admin.user.password.reset', entity: 'user', entityId: u.id });
    }));
    return reply.code(204).send(null);
  });

  app.post('/api/admin/users/:id/unlock', {
    config: { access: can('security.accounts') },
    schema: { tags, summary: '解除登录锁定', params: IdParam, response: { 204: z.null(), ...errs } },
  }, async (req, reply) => {
    await inScope(deps.db, req.ctx, async (tx) => {
      const u = await loadUser(tx, now(), req.params.id);
      await tx.client.query('delete from login_failures where username = $1', [u.username]);
      await tx.audit({ action: 'security.user.unlock', entity: 'user', entityId: u.id });
    });
    return reply.code(204).send(null);
  });

  app.post('/api/admin/users/:id/reset-mfa', {
    config: { access: can('security.accounts') },
    schema: { tags, summary: '重置双因素认证（用户须重新绑定）', params: IdParam, response: { 204: z.null(), ...errs } },
  }, async (req, reply) => {
    await inScope(deps.db, req.ctx, async (tx) => {
      const u = await loadUser(tx, now(), req.params.id, true);
      if (u.id === req.ctx.actor!.userId) throw errors.forbidden('不能重置本人的双因素认证');
      await tx.client.query(`update users set totp_enabled = false, totp_secret_enc = null, recovery_code_hashes = '{}' where id = $1`, [u.id]);
      await endSessions(tx, u.id, now());
      const classes = adminClassesOf(await checkRoleSet(tx.client, u.roles));
      const alerted = classes.size ? await alertAdministrators(tx, {
        title: '管理员账户的双因素认证已被重置',
        body: `${actorLabel(req.ctx)}重置了${classLabel(classes)}账户 ${u.username}（${u.display_name}）的双因素认证。如非预期，请立即核实。`,
        entity: 'user', entityId: u.id,
      }) : 0;
      await tx.audit({ action: 'security.user.mfa.reset', entity: 'user', entityId: u.id, summary: alerted ? { administratorsAlerted: alerted } : null });
    });
    return reply.code(204).send(null);
  });

  app.put('/api/admin/users/:id/admin-role', {
    config: { access: can('security.accounts') },
    schema: {
      tags, summary: '授予或撤销管理员角色（系统/安全/审计管理员，三者互斥）', params: IdParam,
      body: z.object({ role: z.string().min(1).nullable() }), response: { 200: User, ...errs },
    },
  }, async (req) => inScope(deps.db, req.ctx, async (tx) => {
    const u = await loadUser(tx, now(), req.params.id, true);
    if (u.id === req.ctx.actor!.userId) throw errors.forbidden('不能修改本人的管理员角色');
    const current = await checkRoleSet(tx.client, u.roles);
    const business = current.filter((r) => !r.admin_class).map((r) => r.code);
    let nextRoles: string[];
    if (req.body.role) {
      const [role] = await checkRoleSet(tx.client, [req.body.role], 'role');
      if (!role?.admin_class) throw errors.validation([{ path: 'role', message: '这不是管理员角色' }]);
      if (business.length) throw errors.validation([{ path: 'role', message: '该账户持有业务角色；管理员须使用独立账户（三权分立）' }]);
      nextRoles = [role.code];
    } else {
      nextRoles = business; // revoking leaves an account without roles: it can log in but do nothing
      if (!current.some((r) => r.admin_class)) throw errors.validation([{ path: 'role', message: '该账户没有管理员角色' }]);
    }
    const before = adminClassesOf(current);
    const after = adminClassesOf(await checkRoleSet(tx.client, nextRoles));
    if (!u.disabled) await refuseLastOfClass(tx, u.id, [...before].filter((c) => !after.has(c)));
    await tx.client.query('delete from user_roles where user_id = $1', [u.id]);
    await tx.client.query('insert into user_roles (user_id, role_code) select $1, unnest($2::text[])', [u.id, nextRoles]);
    await endSessions(tx, u.id, now());
    const alerted = await alertAdministrators(tx, {
      title: '管理员角色变更',
      body: `${actorLabel(req.ctx)}将账户 ${u.username}（${u.display_name}）的管理员角色由「${classLabel(before) || '无'}」改为「${classLabel(after) || '无'}」。`,
      entity: 'user', entityId: u.id,
    });
    await tx.audit({ action: 'security.user.admin-role', entity: 'user', entityId: u.id, summary: { roles: { from: u.roles, to: nextRoles }, administratorsAlerted: alerted } });
    return present(await loadUser(tx, now(), u.id));
  }));

  app.put('/api/admin/users/:id/admin-status', {
    config: { access: can('security.accounts') },
    schema: {
      tags, summary: '停用或启用管理员账户（仅安全管理员；其他管理员收到提醒）', params: IdParam, body: AdminStatus, response: { 200: User, ...errs },
    },
  }, async (req) => auditRefusals(deps, req.ctx, { action: 'security.user.admin-status', entity: 'user', entityId: req.params.id }, () => inScope(deps.db, req.ctx, async (tx) => {
    const u = await loadUser(tx, now(), req.params.id, true);
    if (u.id === req.ctx.actor!.userId) throw errors.forbidden('不能停用或启用本人账户');
    const classes = adminClassesOf(await checkRoleSet(tx.client, u.roles));
    if (!classes.size) throw errors.validation([{ path: 'userId', message: REFUSALS.notAnAdminAccount }], REFUSALS.notAnAdminAccount);
    const disabled = req.body.disabled;
    if (disabled === u.disabled) return present(u);
    if (disabled) await refuseLastOfClass(tx, u.id, classes);
    await tx.client.query('update users set disabled = $2, updated_at = $3 where id = $1', [u.id, disabled, now()]);
    if (disabled) await endSessions(tx, u.id, now());
    const alerted = await alertAdministrators(tx, {
      title: disabled ? '管理员账户已被停用' : '管理员账户已被启用',
      body: `${actorLabel(req.ctx)}${disabled ? '停用' : '启用'}了${classLabel(classes)}账户 ${u.username}（${u.display_name}）。如非预期，请立即核实。`,
      entity: 'user', entityId: u.id,
    });
    await tx.audit({ action: 'security.user.admin-status', entity: 'user', entityId: u.id, summary: { disabled: { from: u.disabled, to: disabled }, administratorsAlerted: alerted } });
    return present(await loadUser(tx, now(), u.id));
  })));
}
