/**
 * Files contract: attachments (uploaded as base64 JSON, checked by magic bytes on the server),
 * Excel exports of the children list, and Excel imports of children and guardians (dry run, then
 * commit). One zod schema gives the server its check and the interface its type.
 */
import { z } from 'zod';
import { plainName } from './text.js';
import { ChildFilters } from './children.js';
import { PageQuery, page } from './api.js';

/** Largest file accepted, after base64 decoding (attachments and imports alike). */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
/** base64 of MAX_FILE_BYTES, rounded up: longer strings are refused before decoding. */
export const MAX_BASE64_CHARS = Math.ceil(MAX_FILE_BYTES / 3) * 4;
/** Rows an export may hold; a larger list must be narrowed with filters. */
export const MAX_EXPORT_ROWS = 50_000;
/** Rows an import may hold. */
export const MAX_IMPORT_ROWS = 20_000;
/** Guardians per child in the import template (监护人1…监护人N). */
export const IMPORT_GUARDIANS = 2;

// ---- attachments ----
/** The record an attachment belongs to (always of one child); 'entitlement': evidence of the verification step. */
export const ATTACHMENT_ENTITIES = ['child', 'visit', 'problem', 'assistance', 'care_plan', 'entitlement'] as const;
export type AttachmentEntity = (typeof ATTACHMENT_ENTITIES)[number];
/** What may be uploaded: decided by the file's first bytes, never by its name or declared type. */
export const ATTACHMENT_KINDS = {
  jpeg: { mime: 'image/jpeg', ext: '.jpg', label: 'JPEG 图片' },
  png: { mime: 'image/png', ext: '.png', label: 'PNG 图片' },
  pdf: { mime: 'application/pdf', ext: '.pdf', label: 'PDF 文档' },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', ext: '.docx', label: 'Word 文档（.docx）' },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', ext: '.xlsx', label: 'Excel 表格（.xlsx）' },
} as const;
export type AttachmentKind = keyof typeof ATTACHMENT_KINDS;

const filename = plainName(z.string().trim().min(1, '请提供文件名').max(200, '文件名最多 200 个字符'), '文件名');
const base64 = z.string().min(1, '文件为空').max(MAX_BASE64_CHARS, '文件超过 10 MB，请压缩或拆分后再上传');

export const AttachmentUpload = z.object({
  childId: z.string().uuid('儿童编号格式不正确'),
  entity: z.enum(ATTACHMENT_ENTITIES, { error: '附件所属记录类型不正确' }),
  entityId: z.string().uuid('记录编号格式不正确'),
  filename,
  contentBase64: base64,
});
export type AttachmentUpload = z.input<typeof AttachmentUpload>;

export const Attachment = z.object({
  id: z.string(),
  childId: z.string(),
  entity: z.enum(ATTACHMENT_ENTITIES),
  entityId: z.string(),
  filename: z.string(),
  mime: z.string(),
  sizeBytes: z.number(),
  createdAt: z.string(),
  createdByName: z.string().nullable(),
  /** The caller uploaded it: they may delete it. */
  deletable: z.boolean(),
  /** Photo metadata (EXIF/GPS) was removed before storing. */
  metadataRemoved: z.boolean().optional(),
});
export type Attachment = z.infer<typeof Attachment>;
export const AttachmentList = z.object({ items: z.array(Attachment) });
export type AttachmentList = z.infer<typeof AttachmentList>;
export const AttachmentQuery = z.object({
  entity: z.enum(ATTACHMENT_ENTITIES).optional(),
  entityId: z.string().uuid('记录编号格式不正确').optional(),
});

// ---- exports ----
export const ExportRequest = z
  .object({
    filters: ChildFilters.default({ status: 'active', sort: 'committee', order: 'asc' }),
    /** Full identity numbers: needs children.unmask and a reason; audited. */
    unmasked: z.boolean().default(false),
    reason: z.string().trim().max(200, '原因最多 200 个字').optional(),
  })
  .superRefine((v, ctx) => {
    if (v.unmasked && (!v.reason || v.reason.length < 2)) ctx.addIssue({ code: 'custom', path: ['reason'], message: '导出完整身份证号须说明原因' });
  });
export type ExportRequest = z.input<typeof ExportRequest>;
export const ExportCreated = z.object({ id: z.string(), filename: z.string(), rows: z.number(), masked: z.boolean() });
export type ExportCreated = z.infer<typeof ExportCreated>;

// ---- imports ----
export const IMPORT_STATUSES = ['checking', 'checked', 'invalid', 'committing', 'committed', 'failed'] as const;
export type ImportStatusCode = (typeof IMPORT_STATUSES)[number];

export const ImportUpload = z.object({ filename, contentBase64: base64 });
export type ImportUpload = z.input<typeof ImportUpload>;
export const ImportCreated = z.object({ id: z.string() });

/** One problem found in a row: the spreadsheet row number (1 = header), the column, what to do. */
export const ImportProblem = z.object({ row: z.number(), field: z.string(), message: z.string() });
export type ImportProblem = z.infer<typeof ImportProblem>;

export const ImportReportQuery = PageQuery;
export const ImportReport = z.object({
  id: z.string(),
  filename: z.string(),
  status: z.enum(IMPORT_STATUSES),
  /** Data rows in the file (header excluded). */
  totalRows: z.number(),
  /** Rows without problems. */
  validRows: z.number(),
  /** When checked: what a commit would do; when committed: what it did. */
  createdRows: z.number(),
  updatedRows: z.number(),
  unchangedRows: z.number(),
  /** Work in progress (checking or committing); null otherwise. */
  progress: z.object({ done: z.number(), total: z.number() }).nullable(),
  /** Why a commit failed (nothing was written). */
  error: z.string().nullable(),
  problems: page(ImportProblem),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type ImportReport = z.infer<typeof ImportReport>;
