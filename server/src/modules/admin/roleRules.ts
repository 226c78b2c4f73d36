import type pg from 'pg';
import { errors } from '../../core/errors.js';

export interface RoleFacts { code: string; admin_class: string | null }

/** Loads the roles named, refusing unknown codes and combinations that break 三权分立. */
export async function checkRoleSet(client: pg.ClientBase, codes: string[], field = 'roles'): Promise<RoleFacts[]> {
  const unique = [...new Set(codes)];
  const { rows } = await client.query<RoleFacts>('select code, admin_class from roles where code = any($1)', [unique]);
  const unknown = unique.filter((c) => !rows.some((r) => r.code === c));
  if (unknown.length) throw errors.validation([{ path: field, message: `角色不存在：${unknown.join('、')}` }]);
  const classes = new Set(rows.map((r) => r.admin_class).filter(Boolean));
  if (classes.size > 1) {
    throw errors.validation([{ path: field, message: '系统管理员、安全管理员、审计管理员三种角色互斥，不能授予同一账户（三权分立）' }]);
  }
  if (classes.size === 1 && rows.some((r) => !r.admin_class)) {
    throw errors.validation([{ path: field, message: '管理员账户不能同时持有业务角色，请为业务工作另设账户' }]);
  }
  return rows;
}

export const adminClassesOf = (roles: RoleFacts[]) => new Set(roles.map((r) => r.admin_class).filter((c): c is string => !!c));
