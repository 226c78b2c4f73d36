/**
 * 从业限制名单 (plan task 37; 未成年人保护法 Art. 62): the restricted-persons list the district loads
 * (.xlsx or .csv with the columns 姓名, 身份证号, 限制情形). Only a blind index of each identity
 * number and a masked name are kept; the ledger is matched on the blind index; only the holders of
 * workforce.restricted see the list, the matches and their review.
 */
import { z } from 'zod';
import { plainName } from './text.js';
import { OptLine, OptText } from './fields.js';

export const RESTRICTED_COLUMNS = ['姓名', '身份证号', '限制情形'] as const;
/** Largest file accepted (a list of a few thousand rows is far smaller). */
export const MAX_RESTRICTED_BYTES = 2 * 1024 * 1024;
export const MAX_RESTRICTED_ROWS = 20_000;

export const RestrictedUpload = z.object({
  name: plainName(z.string({ error: '请填写名单名称' }).trim().min(1, '请填写名单名称').max(120, '名单名称最多 120 个字'), '名单名称'),
  source: OptLine('来源', 120),
  filename: plainName(z.string({ error: '请选择文件' }).trim().min(1, '请选择文件').max(200, '文件名过长'), '文件名').refine(
    (v) => /\.(xlsx|csv)$/i.test(v),
    '请上传 .xlsx 或 .csv 文件',
  ),
  contentBase64: z
    .string({ error: '请选择文件' })
    .min(1, '文件为空')
    .max(Math.ceil((MAX_RESTRICTED_BYTES * 4) / 3) + 4, '文件过大（最大 2 MB）')
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, '文件内容编码不正确'),
});
export type RestrictedUpload = z.input<typeof RestrictedUpload>;

/** One row of the load report. */
export const RestrictedRowReport = z.object({
  row: z.number(),
  nameMasked: z.string().nullable(),
  outcome: z.enum(['loaded', 'duplicate', 'invalid']),
  message: z.string(),
});
export const RestrictedLoadReport = z.object({
  listId: z.string().nullable(),
  /** The same file was loaded before: nothing changed. */
  alreadyLoaded: z.boolean(),
  loaded: z.number(),
  invalid: z.number(),
  duplicates: z.number(),
  /** Ledger people found on the list by this load (new matches). */
  matches: z.number(),
  rows: z.array(RestrictedRowReport),
});
export type RestrictedLoadReport = z.infer<typeof RestrictedLoadReport>;

export const RestrictedListOut = z.object({
  id: z.string(),
  name: z.string(),
  source: z.string().nullable(),
  rows: z.number(),
  loadedAt: z.string(),
  loadedByName: z.string().nullable(),
  active: z.boolean(),
});
export const RestrictedLists = z.object({ items: z.array(RestrictedListOut) });

export const MATCH_STATUSES = ['open', 'confirmed', 'dismissed'] as const;
export const MATCH_STATUS_NAMES: Record<(typeof MATCH_STATUSES)[number], string> = { open: '待核查', confirmed: '已确认', dismissed: '已排除' };
export const RestrictedMatch = z.object({
  id: z.string(),
  staffName: z.string(),
  roleKind: z.string(),
  streetName: z.string().nullable(),
  hasAccount: z.boolean(),
  listName: z.string(),
  nameMasked: z.string().nullable(),
  restriction: z.string().nullable(),
  foundAt: z.string(),
  status: z.enum(MATCH_STATUSES),
  reviewedByName: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  note: z.string().nullable(),
});
export type RestrictedMatch = z.infer<typeof RestrictedMatch>;
export const RestrictedMatches = z.object({ items: z.array(RestrictedMatch) });
export const MatchQuery = z.object({ status: z.enum(MATCH_STATUSES).optional() });

export const MatchReview = z.object({
  decision: z.enum(['confirmed', 'dismissed'], { error: '请选择核查结论' }),
  note: OptText('核查说明', 1000).refine((v) => v !== null && v !== undefined && v.trim().length > 0, '请填写核查说明'),
});
export type MatchReview = z.input<typeof MatchReview>;
