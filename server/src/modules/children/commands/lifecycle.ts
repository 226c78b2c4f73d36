/**
 * The status of a file: 在册 → 结案 (with a reason) → reopened, and 转出 — the file moves to a
 * committee of another street, keeping its whole history, and the receiving street now holds it.
 */
import type { CloseInput, ReopenInput, TransferInput } from '#common/children.js';
import { CLOSE_REASONS } from '#common/children.js';
import { shanghaiDate } from '#common/dates.js';
import { inScope, type RequestCtx, type SignedInCtx, type Tx } from '../../../core/context.js';
import type { AppDeps } from '../../../core/deps.js';
import { errors } from '../../../core/errors.js';
import { recordHistory } from '../history.js';
import * as repo from '../repo.js';
import { lockFile } from './file.js';

export async function closeFile(tx: Tx, deps: AppDeps, id: string, input: CloseInput): Promise<number> {
  const today = shanghaiDate(deps.clock());
  if (input.closedOn > today) throw errors.validation([{ path: 'closedOn', message: '结案日期不能晚于今天' }]);
  const cur = await lockFile(tx, id, input.version);
  if (cur.status === 'closed') throw errors.conflict('档案已结案');
  const version = await repo.closeChild(tx, id, input.reason, input.closedOn);
  await recordHistory(tx, id, 'close', [{ field: 'status', old: '在册', new: `结案：${CLOSE_REASONS[input.reason]}${input.note ? `（${input.note}）` : ''}` }]);
  await tx.audit({ action: 'child.close', entity: 'child', entityId: id, summary: { reason: input.reason } });
  return version;
}

export async function reopenFile(tx: Tx, id: string, input: ReopenInput): Promise<number> {
  const cur = await lockFile(tx, id, input.version);
  if (cur.status !== 'closed') throw errors.conflict('档案在册，无需重新开档');
  // Retention minimised it (docs/retention.md): what identified the child is gone for good.
  if (cur.archived_at) throw errors.conflict('档案已归档（个人信息已按保存期限最小化），不能重新开档；如儿童再次需要帮扶，请新建档案');
  const version = await repo.reopenChild(tx, id);
  await repo.recomputeNextVisit(tx, id);
  await recordHistory(tx, id, 'reopen', [{ field: 'status', old: '结案', new: `在册（重新开档：${input.note}）` }]);
  await tx.audit({ action: 'child.reopen', entity: 'child', entityId: id, summary: { note: input.note } });
  return version;
}

/**
 * Transferring a file to another street (childTransferrer). The caller must see the file; the
 * move itself needs both streets in scope, so it runs with the destination street added to the
 * caller's scope for this one transaction — the act is audited and recorded in child_transfers,
 * which both streets can read.
 */
export async function transferFile(deps: AppDeps, ctx: SignedInCtx, id: string, input: TransferInput): Promise<{ version: number; toStreet: string }> {
  const actor = ctx.actor;
  // First, in the caller's own scope: the destination must exist, and the file must be visible to them.
  const { dest, from } = await inScope(deps.db, ctx, async (tx) => {
    const dest = await repo.committeeWithStreet(tx, input.toCommitteeId);
    if (!dest || !dest.active) throw errors.validation([{ path: 'toCommitteeId', message: '转入的居民区不存在或已停用' }]);
    const cur = await lockFile(tx, id, input.version);
    if (cur.status !== 'active') throw errors.conflict('已结案的档案不能转出');
    return { dest, from: cur };
  });
  if (from.street_code === dest.street_code) throw errors.validation([{ path: 'toCommitteeId', message: '同一街道内调整居民区请直接编辑档案' }]);
  const widened: RequestCtx = {
    ...ctx,
    actor: { ...actor, scope: { ...actor.scope, streets: [...new Set([...actor.scope.streets, from.street_code, dest.street_code])] } },
  };
  return inScope(deps.db, widened, async (tx) => {
    const cur = await lockFile(tx, id, input.version);
    // Rows that carry the area keys follow the child.
    const version = await repo.moveChild(tx, id, { streetCode: dest.street_code, committeeId: input.toCommitteeId });
    await repo.insertTransfer(tx, {
      childId: id,
      fromStreet: cur.street_code,
      fromCommittee: cur.committee_id,
      toStreet: dest.street_code,
      toCommittee: input.toCommitteeId,
      userId: actor.userId,
      reason: input.reason,
    });
    await recordHistory(tx, id, 'transfer', [
      { field: 'committee', old: `${cur.street_name} ${cur.committee_name}`, new: `${dest.street_name} ${dest.name}（${input.reason}）` },
    ]);
    await tx.audit({ action: 'child.transfer', entity: 'child', entityId: id, summary: { fromStreet: cur.street_code, toStreet: dest.street_code } });
    return { version, toStreet: dest.street_code };
  });
}
