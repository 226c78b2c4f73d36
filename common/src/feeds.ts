/**
 * 数据共享比对 (issue 16; plan tasks 19, 23, 41): facts from the departments that hold them. A feed
 * is one source's definition (provider, fact, the mapping of its own columns, frequency, review); a
 * run is one upload or one API push; a record is one row as matched to a child or family member;
 * a change is a proposed change of one fact on one file, applied through the children module's
 * own commands (history, 免申即享 re-matching) at once or after the street's review.
 */
import { z } from 'zod';
import { PageQuery } from './api.js';

export const FEED_FACTS = {
  'member.status': '家庭成员状态',
  'child.disability': '儿童残疾类别与等级',
  'child.schoolStage': '儿童就学阶段（学籍）',
} as const;
export type FeedFact = keyof typeof FEED_FACTS;
export const FEED_FACT_CODES = ['member.status', 'child.disability', 'child.schoolStage'] as const satisfies readonly FeedFact[];

export const FEED_FIELDS = {
  idNumber: '身份证号',
  name: '姓名',
  birthDate: '出生日期',
  relation: '与儿童关系',
  status: '状态',
  since: '起始日期',
  until: '截止日期',
  disabilityType: '残疾类别',
  disabilityGrade: '残疾等级',
  schoolStage: '就学阶段',
  school: '学校',
  evidence: '证件/文书编号',
} as const;
export type FeedField = keyof typeof FEED_FIELDS;
export const FEED_FIELD_CODES = [
  'idNumber',
  'name',
  'birthDate',
  'relation',
  'status',
  'since',
  'until',
  'disabilityType',
  'disabilityGrade',
  'schoolStage',
  'school',
  'evidence',
] as const satisfies readonly FeedField[];

/** The fields each fact needs mapped (besides idNumber and name, which every feed needs). */
export const FEED_REQUIRED_FIELDS: Record<FeedFact, FeedField[]> = {
  'member.status': ['idNumber', 'name', 'status'],
  'child.disability': ['idNumber', 'name', 'disabilityType', 'disabilityGrade'],
  'child.schoolStage': ['idNumber', 'name', 'schoolStage'],
};

export const FEED_FREQUENCIES = { daily: '每日', weekly: '每周', monthly: '每月', quarterly: '每季度' } as const;
export type FeedFrequency = keyof typeof FEED_FREQUENCIES;
/** How many days a run of each frequency may be late before the feed is no longer on time. */
export const FEED_FREQUENCY_DAYS: Record<FeedFrequency, number> = { daily: 1, weekly: 7, monthly: 31, quarterly: 92 };

export const FEED_REVIEWERS = { street: '街道复核', district: '区级复核' } as const;

/** Largest push (records) and upload (rows) accepted at once. */
export const MAX_PUSH_RECORDS = 5_000;
export const MAX_FEED_ROWS = 200_000;
export const MAX_FEED_BYTES = 30 * 1024 * 1024;

export const FeedFieldEnum = z.enum(FEED_FIELD_CODES);
export const FeedFactEnum = z.enum(FEED_FACT_CODES);
export const FeedFrequencyEnum = z.enum(['daily', 'weekly', 'monthly', 'quarterly']);
export const FeedReviewerEnum = z.enum(['street', 'district']);

const header = z.string({ error: '请填写源表头' }).trim().min(1, '请填写源表头').max(60, '源表头最多 60 个字');
export const FeedColumn = z.object({
  header,
  field: FeedFieldEnum,
  /** The source's own words → ours (e.g. {"刑满释放":"alive_fit","在押":"imprisoned"}, {"一级":"1"}). */
  values: z.record(z.string().max(60), z.string().max(60)).optional(),
});
export type FeedColumn = z.infer<typeof FeedColumn>;
export const FeedMapping = z.object({ columns: z.array(FeedColumn).min(1, '至少映射一列').max(40, '最多映射 40 列') });
export type FeedMapping = z.infer<typeof FeedMapping>;

export const FeedSummary = z.object({
  code: z.string(),
  name: z.string(),
  providerUnit: z.string(),
  providerUnitName: z.string(),
  fact: FeedFactEnum,
  frequency: FeedFrequencyEnum,
  autoApply: z.boolean(),
  reviewer: FeedReviewerEnum,
  lastRunAt: z.string().nullable(),
  onTime: z.boolean(),
  nextDue: z.string().nullable(),
  waiting: z.number(),
  matchRate: z.number().nullable(),
  keyPrefix: z.string().nullable(),
});
export type FeedSummary = z.infer<typeof FeedSummary>;
export const FeedList = z.object({ items: z.array(FeedSummary) });
export type FeedList = z.infer<typeof FeedList>;

export const Feed = FeedSummary.extend({
  mapping: FeedMapping,
  rateLimitPerMinute: z.number(),
  keyRotatedAt: z.string().nullable(),
  updatedAt: z.string(),
  updatedBy: z.string().nullable(),
});
export type Feed = z.infer<typeof Feed>;

export const FeedUpdate = z.object({
  mapping: FeedMapping,
  frequency: FeedFrequencyEnum,
  autoApply: z.boolean(),
  reviewer: FeedReviewerEnum,
  rateLimitPerMinute: z.number().int().min(1, '每分钟至少 1 次').max(600, '每分钟最多 600 次'),
});
export type FeedUpdate = z.infer<typeof FeedUpdate>;

export const FeedKey = z.object({ key: z.string(), keyPrefix: z.string() });
export const FeedCodeParam = z.object({ code: z.string().regex(/^[a-z][a-z0-9-]{1,40}$/, '数据源编码格式不正确') });

/** An upload: the file's name and its bytes in base64 (as the children import takes it). */
export const FeedUpload = z.object({
  filename: z
    .string({ error: '请选择文件' })
    .trim()
    .min(1, '请选择文件')
    .max(200, '文件名过长')
    .refine((v) => /\.(xlsx|csv)$/i.test(v), '请上传 .xlsx 或 .csv 文件'),
  contentBase64: z
    .string({ error: '请选择文件' })
    .min(1, '文件为空')
    .max(Math.ceil((MAX_FEED_BYTES * 4) / 3) + 4, '文件过大（最大 30 MB）')
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, '文件内容编码不正确'),
});
export type FeedUpload = z.infer<typeof FeedUpload>;

export const FeedPush = z.object({
  records: z.array(z.record(z.string(), z.unknown())).min(1, '没有记录').max(MAX_PUSH_RECORDS, `一次最多推送 ${MAX_PUSH_RECORDS} 条记录`),
});
export type FeedPush = z.infer<typeof FeedPush>;

export const FEED_RECORD_OUTCOMES = ['matched', 'matched-by-name', 'ambiguous', 'unmatched', 'error', 'duplicate', 'unchanged'] as const;
export type FeedRecordOutcome = (typeof FEED_RECORD_OUTCOMES)[number];
export const FEED_OUTCOME_LABELS: Record<FeedRecordOutcome, string> = {
  matched: '已匹配',
  'matched-by-name': '按姓名和出生日期匹配',
  ambiguous: '多人匹配待确认',
  unmatched: '未匹配',
  error: '有错误',
  duplicate: '重复',
  unchanged: '与档案一致',
};

export const FeedRunCounts = z.object({
  records: z.number(),
  matched: z.number(),
  matchedByName: z.number(),
  ambiguous: z.number(),
  unmatched: z.number(),
  errors: z.number(),
  duplicates: z.number(),
  unchanged: z.number(),
  applied: z.number(),
  waiting: z.number(),
  rejected: z.number(),
  newlyEligible: z.number(),
  noLongerEligible: z.number(),
  stillMissing: z.number(),
});
export type FeedRunCounts = z.infer<typeof FeedRunCounts>;

export const FeedRun = z.object({
  id: z.string(),
  feedCode: z.string(),
  feedName: z.string(),
  source: z.enum(['upload', 'api']),
  filename: z.string().nullable(),
  receivedAt: z.string(),
  receivedBy: z.string().nullable(),
  state: z.enum(['checked', 'confirmed', 'discarded']),
  counts: FeedRunCounts,
  duplicateOf: z.string().optional(),
});
export type FeedRun = z.infer<typeof FeedRun>;
export const FeedRunList = z.object({ items: z.array(FeedRun), total: z.number() });
export type FeedRunList = z.infer<typeof FeedRunList>;

export const FEED_CHANGE_STATES = { waiting: '待复核', applied: '已应用', rejected: '已驳回', superseded: '已被更新的变更取代' } as const;
export type FeedChangeState = keyof typeof FEED_CHANGE_STATES;
export const FeedChangeStateEnum = z.enum(['waiting', 'applied', 'rejected', 'superseded']);

export const FeedRecord = z.object({
  id: z.string(),
  rowNo: z.number(),
  outcome: z.enum(FEED_RECORD_OUTCOMES),
  confidence: z.number().nullable(),
  name: z.string().nullable(),
  idTail: z.string().nullable(),
  /** As the source gives it (YYYY-MM-DD): with the name, what a new file (主动发现) starts from. */
  birthDate: z.string().nullable(),
  childId: z.string().nullable(),
  childName: z.string().nullable(),
  memberName: z.string().nullable(),
  messages: z.array(z.string()),
  change: z.object({ id: z.string(), fact: FeedFactEnum, summary: z.string(), state: FeedChangeStateEnum }).nullable(),
});
export type FeedRecord = z.infer<typeof FeedRecord>;
export const FeedRecordList = z.object({ items: z.array(FeedRecord), total: z.number() });
export type FeedRecordList = z.infer<typeof FeedRecordList>;
export const FeedRecordQuery = PageQuery.extend({ outcome: z.enum(FEED_RECORD_OUTCOMES).optional() });

export const PolicyRef = z.object({ policyId: z.string(), policyName: z.string() });
export const FeedChange = z.object({
  id: z.string(),
  runId: z.string(),
  feedCode: z.string(),
  feedName: z.string(),
  childId: z.string(),
  childName: z.string(),
  streetName: z.string(),
  committeeName: z.string(),
  memberName: z.string().nullable(),
  fact: FeedFactEnum,
  summary: z.string(),
  oldValue: z.unknown(),
  newValue: z.unknown(),
  effectiveDate: z.string().nullable(),
  evidence: z.string().nullable(),
  state: FeedChangeStateEnum,
  auto: z.boolean(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
  decidedBy: z.string().nullable(),
  note: z.string().nullable(),
  newlyEligible: z.array(PolicyRef),
  noLongerEligible: z.array(PolicyRef),
});
export type FeedChange = z.infer<typeof FeedChange>;
export const FeedChangeList = z.object({ items: z.array(FeedChange), total: z.number() });
export type FeedChangeList = z.infer<typeof FeedChangeList>;
export const FeedChangeQuery = PageQuery.extend({
  state: FeedChangeStateEnum.optional(),
  feed: z.string().max(41).optional(),
  street: z.string().max(40).optional(),
});
export const FeedChangeApply = z.object({ note: z.string().trim().max(500, '说明最多 500 字').optional() });
export const FeedChangeReject = z.object({ note: z.string({ error: '请填写驳回理由' }).trim().min(2, '请填写驳回理由').max(500, '说明最多 500 字') });
export const FeedResolve = z.object({ childId: z.string().uuid('请选择儿童'), memberId: z.string().uuid('家庭成员编号格式不正确').optional() });
