/** Roles: role → permissions is data, edited by the system administrator. */
import type { z } from 'zod';
import type { Role, RoleCreate, RoleUpdate } from '#common/api.js';
import type { Tx } from '../../../core/context.js';
import { errors } from '../../../core/errors.js';
import { diff } from '../../audit/presenters.js';
import { refuseForeignPermissions } from '../policies.js';
import { presentRole } from '../presenters.js';
import * as repo from '../repo.js';

async function getRole(tx: Tx, code: string, lock = false): Promise<repo.RoleRow> {
  const row = await repo.findRole(tx, code, lock);
  if (!row) throw errors.notFound('未找到该角色');
  return row;
}

export async function create(tx: Tx, b: z.infer<typeof RoleCreate>): Promise<Role> {
  refuseForeignPermissions(b.permissions, null);
  if (await repo.roleCodeTaken(tx, b.code)) throw errors.conflict('角色代码已存在', [{ path: 'code', message: '角色代码已存在' }]);
  await repo.insertRole(tx, b);
  await tx.audit({ action: 'admin.role.create', entity: 'role', entityId: b.code, summary: { ...b } });
  return presentRole(await getRole(tx, b.code));
}

/** Name or permissions; effective at once for every holder of the role. */
export async function update(tx: Tx, code: string, b: z.infer<typeof RoleUpdate>): Promise<Role> {
  const old = await getRole(tx, code, true);
  if (b.permissions) refuseForeignPermissions(b.permissions, old.admin_class);
  await repo.updateRole(tx, old.code, b.name ?? null, b.nameEn ?? null, b.permissions ? [...new Set(b.permissions)].sort() : null);
  const next = await getRole(tx, old.code);
  await tx.audit({ action: 'admin.role.update', entity: 'role', entityId: old.code, summary: diff(presentRole(old), presentRole(next)) });
  return presentRole(next);
}

/** A custom role that nobody holds. */
export async function remove(tx: Tx, code: string): Promise<void> {
  const old = await getRole(tx, code);
  if (old.builtin) throw errors.conflict('内置角色不能删除');
  if (await repo.roleInUse(tx, old.code)) throw errors.conflict('仍有用户持有该角色，请先调整这些用户的角色');
  await repo.deleteRole(tx, old.code);
  await tx.audit({ action: 'admin.role.delete', entity: 'role', entityId: old.code, summary: presentRole(old) });
}
