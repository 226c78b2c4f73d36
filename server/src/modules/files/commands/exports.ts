/**
 * Excel export of the children list (security requirement 24): the current list with the caller's
 * filters, all pages, masked unless the caller may unmask and gives a reason; the file kept for its
 * creator only (RLS on user_id); every export and download audited here.
 */
import { CATEGORIES, RISK_LEVELS, type ChildFilters } from '#common/children.js';
import { MAX_EXPORT_ROWS, type ExportCreated, type ExportRequest } from '#common/files.js';
import type { z } from 'zod';
import type { AppDeps } from '../../../core/deps.js';
import { auditAlone, inReadScope, inScope, type SignedInCtx, type Tx } from '../../../core/context.js';
import { errors } from '../../../core/errors.js';
import { listChildren } from '../../children/queries.js';
import { buildChildrenWorkbook } from '../exportWorkbook.js';
import { mayExport } from '../policies.js';
import { XLSX_MIME, type Download } from '../presenters.js';
import * as repo from '../repo.js';
import { shanghaiDateTime } from '../sheet.js';

/** The filters in words, for the first sheet of the file. */
async function describeFilters(tx: Tx, f: ChildFilters): Promise<string> {
  const parts: string[] = [];
  if (f.q) parts.push(`关键词“${f.q}”`);
  if (f.street) parts.push(`街道：${(await repo.streetName(tx, f.street)) ?? f.street}`);
  if (f.committee) parts.push(`居民区：${(await repo.committeeName(tx, f.committee)) ?? f.committee}`);
  if (f.category) parts.push(`类别：${CATEGORIES[f.category]}`);
  if (f.risk) parts.push(`风险等级：${RISK_LEVELS[f.risk]}`);
  parts.push(`状态：${{ active: '在册', closed: '已结案', all: '全部' }[f.status]}`);
  if (f.overdue) parts.push('仅走访逾期');
  if (f.noMentor) parts.push('仅未配导师/伙伴');
  return parts.join('；');
}

const stamp = (ms: number) => shanghaiDateTime(ms).replace(/[-:]/g, '').replace(' ', '_');

/** Builds the file of the current list and keeps it for its creator; a refused unmask is audited as denied. */
export async function createExport(deps: AppDeps, ctx: SignedInCtx, body: z.output<typeof ExportRequest>): Promise<ExportCreated> {
  const { actor } = ctx;
  const { filters, unmasked, reason } = body;
  const allowed = mayExport(actor, unmasked);
  if (!allowed.ok) {
    await auditAlone(deps.db, ctx, { action: 'children.export', outcome: 'denied', summary: { unmasked: true, permission: 'children.unmask' } });
    throw allowed.error;
  }
  // The list is read on the read pool (a replica when DATABASE_READ_URL is set) in a read-only
  // transaction under the caller's scope; the file and its audit row are written on the primary.
  const at = deps.clock();
  const built = await inReadScope(deps.db, ctx, async (tx) => {
    // Counted up to one past the export limit: enough to refuse an oversized export.
    const { items, total, capped } = await listChildren(tx, deps, filters, { limit: MAX_EXPORT_ROWS + 1, offset: 0, cap: MAX_EXPORT_ROWS });
    if (capped || total > MAX_EXPORT_ROWS) {
      throw errors.validation(
        [],
        `当前名单共 ${capped ? `${MAX_EXPORT_ROWS} 条以上` : `${total} 条`}，超过单次导出上限 ${MAX_EXPORT_ROWS} 条，请按街道或居民区筛选后分批导出`,
      );
    }
    let fullIds: Map<string, string> | null = null;
    if (unmasked) {
      const rows = await repo.encryptedIdNumbers(
        tx,
        items.map((r) => r.id),
      );
      fullIds = new Map(rows.map((r) => [r.id, deps.crypto.decryptOrNull(r.id_number_enc, 'children.id_number') ?? '']));
    }
    const filterText = await describeFilters(tx, filters);
    const content = await buildChildrenWorkbook(items, fullIds, {
      actor,
      at,
      filters: filterText,
      masked: !unmasked,
      reason: unmasked ? (reason ?? null) : null,
    });
    return { content, rows: items.length };
  });
  const filename = `困境儿童名单_${stamp(at)}${unmasked ? '_完整证件号' : ''}.xlsx`;
  const { content, rows } = built;
  return inScope(deps.db, ctx, async (tx) => {
    const id = await repo.insertExport(tx, { userId: actor.userId, filename, rows, masked: !unmasked, content });
    await tx.audit({
      action: 'children.export',
      entity: 'export',
      entityId: id,
      reason: unmasked ? (reason ?? null) : null,
      summary: { rows, masked: !unmasked, filters: { ...filters, q: filters.q ? '（已填写）' : undefined } },
    });
    return { id, filename, rows, masked: !unmasked };
  });
}

/** An export file (its creator only, by RLS); every download is audited. */
export async function downloadExport(tx: Tx, id: string): Promise<Download> {
  const r = await repo.exportFile(tx, id);
  if (!r) throw errors.notFound('未找到该导出文件（导出文件仅导出人本人可以下载）');
  await tx.audit({ action: 'export.download', entity: 'export', entityId: r.id, summary: { rows: r.rows, masked: r.masked } });
  return { filename: r.filename, mime: XLSX_MIME, content: r.content };
}
