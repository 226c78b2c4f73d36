/** The caller's saved filters of the children list (如"我的逾期走访"): at most 30, names unique per user. */
import type { z } from 'zod';
import type { SavedFilterCreate } from '#common/children.js';
import type { SignedInCtx, Tx } from '../../../core/context.js';
import { errors } from '../../../core/errors.js';
import * as repo from '../repo.js';

export async function saveFilter(tx: Tx, ctx: SignedInCtx, body: z.infer<typeof SavedFilterCreate>) {
  if ((await repo.countSavedFilters(tx)) >= 30) throw errors.conflict('最多保存 30 个筛选条件，请先删除不用的');
  if (await repo.savedFilterNamed(tx, body.name)) throw errors.conflict('已有同名的筛选条件', [{ path: 'name', message: '名称已存在' }]);
  const id = await repo.insertSavedFilter(tx, ctx.actor.userId, body.name, body.params);
  return { id, name: body.name, params: body.params };
}

/** Deletes one of the caller's own filters (another user's is "not found": RLS). */
export async function deleteFilter(tx: Tx, id: string): Promise<void> {
  if (!(await repo.deleteSavedFilter(tx, id))) throw errors.notFound();
}
