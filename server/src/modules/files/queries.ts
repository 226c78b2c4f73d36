/** Reads of the files module: a child's attachments, an import's report, the import template. */
import type { AttachmentList, ImportReport } from '#common/files.js';
import type { Tx } from '../../core/context.js';
import { errors } from '../../core/errors.js';
import { buildTemplate } from './importTemplate.js';
import { presentAttachment, presentImport } from './presenters.js';
import * as repo from './repo.js';

/** A child file visible in the caller's area, or 404. */
export async function visibleChild(tx: Tx, childId: string): Promise<void> {
  if (!(await repo.childVisible(tx, childId))) throw errors.notFound('未找到该档案，或不在您的辖区内');
}

export async function listAttachments(
  tx: Tx,
  childId: string,
  filter: { entity?: string | undefined; entityId?: string | undefined },
): Promise<AttachmentList> {
  await visibleChild(tx, childId);
  const rows = await repo.listAttachments(tx, childId, filter);
  return { items: rows.map((r) => presentAttachment(r, tx.ctx.actor?.userId)) };
}

/** The template with the active committees of the caller's area. */
export async function importTemplate(tx: Tx): Promise<Buffer> {
  const scope = tx.ctx.actor?.scope ?? { streets: [], committees: [] };
  return buildTemplate(await repo.templateCommittees(tx, scope));
}

/**
 * An import's progress and one page of its problems (visible to its creator only, by RLS).
 * `progressOf` is the running job's progress, if this server runs it; an import left 'checking'
 * or 'committing' with no job is one the server lost by restarting: it is marked failed here.
 */
export async function importReport(
  tx: Tx,
  id: string,
  page: number,
  pageSize: number,
  progressOf: (id: string) => { done: number; total: number } | undefined,
): Promise<ImportReport> {
  const load = () => repo.importReport(tx, id, (page - 1) * pageSize, pageSize);
  let r = await load();
  if (!r) throw errors.notFound('未找到该导入记录（导入记录仅导入人本人可见）');
  const job = progressOf(r.id);
  if ((r.status === 'checking' || r.status === 'committing') && !job) {
    // The server restarted while this import was running: say so instead of waiting forever.
    if (await repo.failLostImport(tx, r.id, [{ row: 0, field: '', message: '服务器重启，导入已中断且未写入任何数据，请重新上传' }])) r = (await load()) ?? r;
  }
  return presentImport(r, job ?? null, page, pageSize);
}
