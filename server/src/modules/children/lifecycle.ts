/**
 * The status of a file: 在册 → 结案 (with a reason) → reopened, and 转出 — the file moves to a
 * committee of another street, keeping its whole history, and the receiving street now holds it.
 */
import type { CloseInput, ReopenInput, TransferInput } from '#common/children.js';
import { CLOSE_REASONS } from '#common/children.js';
import type { AppDeps } from '../../core/deps.js';
import { inScope, type RequestCtx, type Tx } from '../../core/context.js';
import { errors } from '../../core/errors.js';
import { shanghaiDate } from '#common/dates.js';
import { recordHistory } from './history.js';
import { lockFile } from './childWriter.js';
import { CHILD_DATA_TABLES } from './childDataTables.js';

export async function closeFile(tx: Tx, deps: AppDeps, id: string, input: CloseInput): Promise<number> {
  const today = shanghaiDate(deps.clock());
  if (input.closedOn > today) throw errors.validation([{ path: 'closedOn', message: '结案日期不能晚于今天' }]);
  const cur = await lockFile(tx, id, input.version);
  if (cur.status === 'closed') throw errors.conflict('档案已结案');
  const version = (await tx.client.query<{ version: number }>(
    `update children set status = 'closed', closed_reason = $2, closed_on = $3, next_visit_due = null, version = version + 1, updated_at = now()
     where id = $1 returning version`, [id, input.reason, input.closedOn])).rows[0]!.version;
  await recordHistory(tx, id, 'close', [{ field: 'status', old: '在册', new: `结案：${CLOSE_REASONS[input.reason]}${input.note ? `（${input.note}）` : ''}` }]);
  await tx.audit({ action: 'child.close', entity: 'child', entityId: id, summary: { reason: input.reason } });
  return version;
}

export async function reopenFile(tx: Tx, id: string, input: ReopenInput): Promise<number> {
  const cur = await lockFile(tx, id, input.version);
  if (cur.status !== 'closed') throw errors.conflict('档案在册，无需重新开档');
  const version = (await tx.client.query<{ version: number }>(
    `update children set status = 'active', closed_reason = null, closed_on = null, version = version + 1, updated_at = now() where id = $1 returning version`, [id])).rows[0]!.version;
  await tx.client.query('select recompute_next_visit($1)', [id]);
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
export async function transferFile(deps: AppDeps, ctx: RequestCtx, id: string, input: TransferInput): Promise<{ version: number; toStreet: string }> {
  const actor = ctx.actor;
  if (!actor) throw errors.unauthenticated();
  const dest = (await deps.db.app.query<{ street_code: string; street_name: string; name: string; active: boolean }>(
    'select m.street_code, s.name as street_name, m.name, m.active from committees m join streets s on s.code = m.street_code where m.id = $1', [input.toCommitteeId])).rows[0];
  if (!dest || !dest.active) throw errors.validation([{ path: 'toCommitteeId', message: '转入的居民区不存在或已停用' }]);
  // First, in the caller's own scope: the file must be visible to them.
  const from = await inScope(deps.db, ctx, async (tx) => {
    const cur = await lockFile(tx, id, input.version);
    if (cur.status !== 'active') throw errors.conflict('已结案的档案不能转出');
    return cur;
  });
  if (from.street_code === dest.street_code) throw errors.validation([{ path: 'toCommitteeId', message: '同一街道内调整居民区请直接编辑档案' }]);
  const widened: RequestCtx = { ...ctx, actor: { ...actor, scope: { ...actor.scope, streets: [...new Set([...actor.scope.streets, from.street_code, dest.street_code])] } } };
  return inScope(deps.db, widened, async (tx) => {
    const cur = await lockFile(tx, id, input.version);
    const version = (await tx.client.query<{ version: number }>(
      'update children set committee_id = $2, version = version + 1, updated_at = now() where id = $1 returning version', [id, input.toCommitteeId])).rows[0]!.version;
    // Rows that carry the area keys follow the child.
    for (const t of CHILD_DATA_TABLES) {
      await tx.client.query(`update ${t} set street_code = $2, committee_id = $3 where child_id = $1`, [id, dest.street_code, input.toCommitteeId]);
    }
    await tx.client.query(
      `insert into child_transfers (child_id, from_street, from_committee, to_street, to_committee, user_id, reason) values ($1, $2, $3, $4, $5, $6, $7)`,
      [id, cur.street_code, cur.committee_id, dest.street_code, input.toCommitteeId, actor.userId, input.reason]);
    await recordHistory(tx, id, 'transfer', [{ field: 'committee', old: `${cur.street_name} ${cur.committee_name}`, new: `${dest.street_name} ${dest.name}（${input.reason}）` }]);
    await tx.audit({ action: 'child.transfer', entity: 'child', entityId: id, summary: { fromStreet: cur.street_code, toStreet: dest.street_code } });
    return { version, toStreet: dest.street_code };
  });
}
