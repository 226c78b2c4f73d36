/** Rows of the files module → API shapes, and file downloads → HTTP answers. */
import type { FastifyReply } from 'fastify';
import type { Attachment, ImportReport } from '#common/files.js';
import { contentDisposition } from './binary.js';
import { mayDelete } from './policies.js';
import type { AttachmentRow, ImportRow } from './repo.js';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const presentAttachment = (r: AttachmentRow, userId: string | undefined): Attachment => ({
  id: r.id,
  childId: r.child_id,
  entity: r.entity,
  entityId: r.entity_id,
  filename: r.filename,
  mime: r.mime,
  sizeBytes: r.size_bytes,
  createdAt: r.created_at.toISOString(),
  createdByName: r.created_by_name,
  // Evidence linked to a step of an entitlement is part of its history.
  deletable: mayDelete(r, userId).ok,
});

export function presentImport(r: ImportRow, progress: { done: number; total: number } | null, page: number, pageSize: number): ImportReport {
  const error = r.status === 'failed' ? (r.problems_page?.[0]?.message ?? '导入失败') : null;
  return {
    id: r.id,
    filename: r.filename,
    status: r.status,
    totalRows: r.total_rows,
    validRows: r.valid_rows,
    createdRows: r.created_rows,
    updatedRows: r.updated_rows,
    unchangedRows: r.unchanged_rows,
    progress: progress && (r.status === 'checking' || r.status === 'committing') ? { done: progress.done, total: progress.total || r.total_rows } : null,
    error,
    problems: { items: r.problems_page ?? [], total: r.problem_count, page, pageSize },
    createdAt: r.created_at.toISOString(),
    finishedAt: r.finished_at ? r.finished_at.toISOString() : null,
  };
}

/** A file to hand over as a download. */
export interface Download {
  filename: string;
  mime: string;
  content: Buffer;
  /** Attachments are user content: a sandbox policy in case a browser renders it anyway. */
  sandbox?: boolean;
  /** no-store (the default) for personal data; the template is the same for everyone in an area. */
  noStore?: boolean;
}

/** Always a download (never rendered by the browser), with its type fixed and sniffing off. */
export function sendDownload(reply: FastifyReply, file: Download): FastifyReply {
  reply.header('content-type', file.mime).header('content-disposition', contentDisposition(file.filename)).header('x-content-type-options', 'nosniff');
  if (file.noStore !== false) reply.header('cache-control', 'no-store');
  if (file.sandbox) reply.header('content-security-policy', "default-src 'none'; sandbox");
  return reply.send(file.content);
}
