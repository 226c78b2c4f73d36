/** The work list's commands: 分配给我 (bulk assignment) and the Excel export, each audited. */
import type { WorklistFilters } from '#common/eligibility.js';
import { maskIdNumber } from '#common/mask.js';
import type { Pack } from '../../../../../engine/src/index.js';
import type { AppDeps } from '../../../core/deps.js';
import type { SignedInCtx, Tx } from '../../../core/context.js';
import { errors } from '../../../core/errors.js';
import { shanghaiDateTime } from '../../files/sheet.js';
import { packFor, todayShanghai } from '../pack.js';
import { presentWorklistItem } from '../presenters.js';
import { worklistSqlFor } from '../queries.js';
import * as assignmentsRepo from '../repo/assignments.js';
import * as worklistRepo from '../repo/worklist.js';
import { KIND_ZH, MAX_WORKLIST_EXPORT, workbook } from '../worklistWorkbook.js';

/**
 * 分配给我: the selected rows become the caller's (an earlier assignee's are taken over). Every row
 * must be a child the caller can see (RLS) — an unknown or out-of-area child refuses the whole
 * request with its reason, and nothing changes.
 */
export async function assignToMe(tx: Tx, ctx: SignedInCtx, deps: AppDeps, items: { childId: string; policy: string }[]): Promise<{ assigned: number }> {
  const actor = ctx.actor;
  const { pack } = await packFor(deps, tx);
  const unknownPolicy = items.find((i) => !pack.byId.has(i.policy));
  if (unknownPolicy) throw errors.validation([{ path: 'items', message: `政策不存在：${unknownPolicy.policy}` }]);
  const childIds = [...new Set(items.map((i) => i.childId))];
  const visible = await assignmentsRepo.visibleActiveChildren(tx, childIds);
  const missing = childIds.filter((id) => !visible.has(id));
  if (missing.length)
    throw errors.validation(
      [{ path: 'items', message: `有 ${missing.length} 名儿童不存在、已结案或不在您的辖区内，请刷新清单后重新选择` }],
      '分配失败，未做任何更改',
    );
  const unique = [...new Map(items.map((i) => [`${i.childId}|${i.policy}`, i])).values()];
  await assignmentsRepo.assign(tx, unique, actor.userId);
  await tx.audit({
    action: 'eligibility.assign',
    entity: 'eligibility',
    entityId: null,
    summary: { assigned: unique.length, children: childIds.length, to: actor.username },
  });
  return { assigned: unique.length };
}

/** The filters in words, for the first sheet of the file. */
async function describe(tx: Tx, pack: Pack, f: WorklistFilters): Promise<string> {
  const parts = [`清单：${KIND_ZH[f.kind]}`];
  if (f.street) parts.push(`街道：${(await worklistRepo.streetName(tx, f.street)) ?? f.street}`);
  if (f.committee) parts.push(`居民区：${(await worklistRepo.committeeName(tx, f.committee)) ?? f.committee}`);
  if (f.policy) parts.push(`政策：${pack.byId.get(f.policy)?.name.zh ?? f.policy}`);
  if (f.ageMin !== undefined || f.ageMax !== undefined) parts.push(`年龄：${f.ageMin ?? 0}-${f.ageMax ?? 18} 周岁`);
  if (f.assigned) parts.push(f.assigned === 'me' ? '仅分配给我的' : '仅未分配的');
  return parts.join('；');
}

/**
 * The work list with its filters as .xlsx: every row (up to MAX_WORKLIST_EXPORT), identity numbers
 * masked (first 6 and last 4), who / unit / when in the file and on every page, text cells escaped
 * against formula injection; stored for its creator (exports, RLS) and audited.
 */
export async function exportWorklist(
  tx: Tx,
  ctx: SignedInCtx,
  deps: AppDeps,
  f: WorklistFilters,
): Promise<{ id: string; filename: string; rows: number; masked: boolean }> {
  const actor = ctx.actor;
  const { pack } = await packFor(deps, tx);
  const today = todayShanghai(deps);
  const q = worklistSqlFor(tx, pack, f, today);
  const total = await worklistRepo.countRows(tx, q);
  if (total > MAX_WORKLIST_EXPORT) {
    throw errors.validation([], `当前清单共 ${total} 条，超过单次导出上限 ${MAX_WORKLIST_EXPORT} 条，请按街道、居民区或政策筛选后分批导出`);
  }
  const rows = await worklistRepo.exportRows(tx, q, today);
  const at = deps.clock();
  const content = await workbook(
    rows.map((r) => ({ item: presentWorklistItem(pack, actor.userId, r), id: maskIdNumber(deps.crypto.decryptOrNull(r.id_number_enc, 'children.id_number')) })),
    { actor, at, kind: f.kind, filters: await describe(tx, pack, f) },
  );
  const filename = `免申即享_${KIND_ZH[f.kind]}_${shanghaiDateTime(at).replace(/[-:]/g, '').replace(' ', '_')}.xlsx`;
  const id = await worklistRepo.insertExport(tx, { userId: actor.userId, filename, rows: rows.length, content });
  await tx.audit({ action: 'eligibility.export', entity: 'export', entityId: id, summary: { rows: rows.length, masked: true, filters: f } });
  return { id, filename, rows: rows.length, masked: true };
}
