/**
 * The casework API contract (work logs, assistance, problems, help plans, mentors): one zod schema
 * gives the server its validation and the web interface its types.
 */
import { z } from 'zod';
import { plainName, plainText } from './text.js';
import { PageQuery, page } from './api.js';
import { ASSISTANCE_KINDS, PROBLEM_CATEGORIES, PROBLEM_STATUSES, SEVERITIES } from './values.js';

export { ASSISTANCE_KINDS, PROBLEM_CATEGORIES, PROBLEM_STATUSES, SEVERITIES } from './values.js';

// ---- shared pieces ----

/** A calendar date `YYYY-MM-DD` that exists (2026-02-30 is refused). */
export const DateStr = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式须为 YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, '日期不存在，请核对年月日');

const Uuid = (message = '编号格式不正确') => z.string().uuid(message);
const Version = z.number({ error: '缺少版本号，请刷新后再改' }).int().min(1);
/** Free text of several lines (line breaks kept). */
const Text = (label: string, max: number) =>
  plainText(
    z
      .string({ error: `请填写${label}` })
      .trim()
      .min(1, `请填写${label}`)
      .max(max, `${label}最多 ${max} 个字`),
    label,
  );
/** A name shown to others: one line, no control characters. */
const Name = (label: string, max: number) =>
  plainName(
    z
      .string({ error: `请填写${label}` })
      .trim()
      .min(1, `请填写${label}`)
      .max(max, `${label}最多 ${max} 个字`),
    label,
  );
const OptionalText = (label: string, max: number) => z.string().trim().max(max, `${label}最多 ${max} 个字`).optional().nullable();

export const ChildIdParam = z.object({ id: Uuid() });

// ---- work logs (工作日志) ----

export const WorkLogChild = z.object({ id: z.string(), name: z.string() });
export const WorkLog = z.object({
  id: z.string(),
  userId: z.string(),
  userName: z.string(),
  mine: z.boolean(),
  workedOn: z.string(),
  hours: z.number(),
  content: z.string(),
  children: z.array(WorkLogChild),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type WorkLog = z.infer<typeof WorkLog>;
export const WorkLogList = page(WorkLog).extend({ totalHours: z.number() });
export type WorkLogList = z.infer<typeof WorkLogList>;
export const WorkLogQuery = PageQuery.extend({
  mine: z.enum(['true', 'false']).optional(),
  from: DateStr.optional(),
  to: DateStr.optional(),
});
const Hours = z
  .number({ error: '请填写工作时长（小时）' })
  .min(0.5, '工作时长至少 0.5 小时')
  .max(24, '工作时长最多 24 小时')
  .refine((h) => Number.isInteger(h * 2), '工作时长按 0.5 小时填写，如 1.5');
export const WorkLogCreate = z.object({
  workedOn: DateStr,
  hours: Hours,
  content: Text('工作内容', 2000),
  childIds: z.array(Uuid('所选儿童编号格式不正确')).max(50, '一条日志最多关联 50 名儿童').default([]),
});
export type WorkLogCreate = z.input<typeof WorkLogCreate>;
export const WorkLogUpdate = z.object({
  workedOn: DateStr.optional(),
  hours: Hours.optional(),
  content: Text('工作内容', 2000).optional(),
  childIds: z.array(Uuid('所选儿童编号格式不正确')).max(50, '一条日志最多关联 50 名儿童').optional(),
});
export type WorkLogUpdate = z.input<typeof WorkLogUpdate>;

// ---- assistance (关爱帮扶记录) ----

export const AssistanceKind = z.enum(ASSISTANCE_KINDS, { error: '请选择帮扶类型' });
export type AssistanceKind = z.infer<typeof AssistanceKind>;
export const Assistance = z.object({
  id: z.string(),
  childId: z.string(),
  kind: AssistanceKind,
  providerUnit: z.string().nullable(),
  providerUnitName: z.string().nullable(),
  providerName: z.string(),
  valueFen: z.number().nullable(),
  description: z.string(),
  givenOn: z.string(),
  problemId: z.string().nullable(),
  problemDescription: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
  /** The caller recorded it today: they may still delete it. */
  deletable: z.boolean(),
});
export type Assistance = z.infer<typeof Assistance>;
export const AssistanceList = z.object({ items: z.array(Assistance), totalValueFen: z.number() });
export type AssistanceList = z.infer<typeof AssistanceList>;
export const AssistanceCreate = z
  .object({
    childId: Uuid('请选择儿童'),
    kind: AssistanceKind,
    providerUnit: z.string().max(64).optional().nullable(),
    providerName: Name('提供方（单位或组织名称）', 100),
    valueFen: z.number().int('金额以分为单位，须为整数').min(0, '金额不能为负').max(100_000_000_00, '金额过大，请核对').optional().nullable(),
    description: Text('帮扶内容', 2000),
    givenOn: DateStr,
    problemId: Uuid('关联问题编号格式不正确').optional().nullable(),
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'money' && (v.valueFen === undefined || v.valueFen === null)) {
      ctx.addIssue({ code: 'custom', path: ['valueFen'], message: '资金帮扶请填写金额' });
    }
  });
export type AssistanceCreate = z.input<typeof AssistanceCreate>;

// ---- problems (发现问题和解决方案) ----

export const ProblemCategory = z.enum(PROBLEM_CATEGORIES, { error: '请选择问题类别' });
export type ProblemCategory = z.infer<typeof ProblemCategory>;
export const ProblemSeverity = z.enum(SEVERITIES, { error: '请选择严重程度' });
export type ProblemSeverity = z.infer<typeof ProblemSeverity>;
export const ProblemStatus = z.enum(PROBLEM_STATUSES, { error: '状态不正确' });
export type ProblemStatus = z.infer<typeof ProblemStatus>;
export const PROBLEM_EVENT_KINDS = ['created', 'status', 'comment', 'escalated', 'resolved', 'reopened', 'assigned'] as const;

export const Problem = z.object({
  id: z.string(),
  childId: z.string(),
  childName: z.string(),
  streetCode: z.string(),
  streetName: z.string(),
  committeeId: z.string(),
  committeeName: z.string(),
  description: z.string(),
  category: ProblemCategory,
  severity: ProblemSeverity,
  responsibleUnit: z.string().nullable(),
  responsibleUnitName: z.string().nullable(),
  dueOn: z.string().nullable(),
  status: ProblemStatus,
  resolution: z.string().nullable(),
  resolvedOn: z.string().nullable(),
  escalatedTo: z.string().nullable(),
  escalatedToName: z.string().nullable(),
  visitId: z.string().nullable(),
  overdue: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number(),
});
export type Problem = z.infer<typeof Problem>;
export const ProblemEvent = z.object({
  id: z.number(),
  at: z.string(),
  userId: z.string().nullable(),
  username: z.string().nullable(),
  /** The person's name (姓名) for the timeline; the login when the account is gone. */
  userDisplayName: z.string().nullable(),
  kind: z.enum(PROBLEM_EVENT_KINDS),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
  note: z.string().nullable(),
});
export type ProblemEvent = z.infer<typeof ProblemEvent>;
export const ProblemDetail = Problem.extend({ events: z.array(ProblemEvent) });
export type ProblemDetail = z.infer<typeof ProblemDetail>;
export const ProblemList = page(Problem);
export type ProblemList = z.infer<typeof ProblemList>;
export const ProblemQuery = PageQuery.extend({
  status: z.union([ProblemStatus, z.literal('unresolved')]).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  severity: ProblemSeverity.optional(),
  category: ProblemCategory.optional(),
  street: z.string().max(32).optional(),
  committee: Uuid('居民区编号格式不正确').optional(),
});
export const ProblemStats = z.object({ open: z.number(), inProgress: z.number(), escalated: z.number(), overdue: z.number(), unresolved: z.number() });
export type ProblemStats = z.infer<typeof ProblemStats>;
export const ProblemCreate = z.object({
  childId: Uuid('请选择儿童'),
  description: Text('问题描述', 2000),
  category: ProblemCategory,
  severity: ProblemSeverity,
  responsibleUnit: z.string().max(64).optional().nullable(),
  dueOn: DateStr.optional().nullable(),
});
export type ProblemCreate = z.input<typeof ProblemCreate>;
export const ProblemStatusChange = z
  .object({
    to: z.enum(['in_progress', 'resolved', 'open'], { error: '请选择要改成的状态' }),
    resolution: OptionalText('解决情况', 2000),
    resolvedOn: DateStr.optional().nullable(),
    note: OptionalText('说明', 1000),
    version: Version,
  })
  .superRefine((v, ctx) => {
    if (v.to === 'resolved' && !v.resolution) ctx.addIssue({ code: 'custom', path: ['resolution'], message: '标记为已解决须填写解决情况' });
    if (v.to === 'open' && !v.note) ctx.addIssue({ code: 'custom', path: ['note'], message: '重新打开须说明原因' });
  });
export type ProblemStatusChange = z.input<typeof ProblemStatusChange>;
export const ProblemEscalate = z.object({
  toUnit: z.string({ error: '请选择上报单位' }).min(1, '请选择上报单位').max(64),
  note: Text('上报说明', 1000),
  version: Version,
});
export type ProblemEscalate = z.input<typeof ProblemEscalate>;
export const ProblemEscalated = ProblemDetail.extend({ notified: z.number() });
export const ProblemComment = z.object({ note: Text('跟进记录', 1000) });

// ---- help plans (帮扶方案) ----

export const CarePlanReview = z.object({
  id: z.string(),
  reviewedOn: z.string(),
  summary: z.string(),
  nextReviewOn: z.string().nullable(),
  reviewerName: z.string(),
  createdAt: z.string(),
});
export type CarePlanReview = z.infer<typeof CarePlanReview>;
export const CarePlan = z.object({
  id: z.string(),
  childId: z.string(),
  goals: z.string(),
  measures: z.string(),
  responsible: z.string(),
  reviewOn: z.string(),
  reviewOverdue: z.boolean(),
  status: z.enum(['active', 'closed']),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number(),
  reviews: z.array(CarePlanReview),
});
export type CarePlan = z.infer<typeof CarePlan>;
export const CarePlanList = z.object({ items: z.array(CarePlan) });
export type CarePlanList = z.infer<typeof CarePlanList>;
export const CarePlanCreate = z.object({
  childId: Uuid('请选择儿童'),
  goals: Text('帮扶目标', 2000),
  measures: Text('帮扶措施', 4000),
  responsible: Name('责任人', 200),
  reviewOn: DateStr,
});
export type CarePlanCreate = z.input<typeof CarePlanCreate>;
export const CarePlanUpdate = z.object({
  goals: Text('帮扶目标', 2000).optional(),
  measures: Text('帮扶措施', 4000).optional(),
  responsible: Name('责任人', 200).optional(),
  reviewOn: DateStr.optional(),
  version: Version,
});
export type CarePlanUpdate = z.input<typeof CarePlanUpdate>;
export const CarePlanReviewCreate = z.object({
  reviewedOn: DateStr,
  summary: Text('评估小结', 2000),
  nextReviewOn: DateStr.optional().nullable(),
});
export type CarePlanReviewCreate = z.input<typeof CarePlanReviewCreate>;
export const CarePlanClose = z.object({ version: Version.optional(), note: OptionalText('结束说明', 1000) });

// ---- mentors and buddies (全员导师制) ----

export const MentorKind = z.enum(['mentor', 'buddy'], { error: '请选择类型（成长导师或互助伙伴）' });
export type MentorKind = z.infer<typeof MentorKind>;
export const Mentor = z.object({
  id: z.string(),
  kind: MentorKind,
  name: z.string(),
  organisation: z.string(),
  phoneMasked: z.string().nullable(),
  streetCode: z.string().nullable(),
  streetName: z.string().nullable(),
  active: z.boolean(),
  childCount: z.number(),
});
export type Mentor = z.infer<typeof Mentor>;
export const MentorList = page(Mentor);
export type MentorList = z.infer<typeof MentorList>;
export const MentorQuery = PageQuery.extend({
  kind: MentorKind.optional(),
  q: z.string().max(64).optional(),
  street: z.string().max(32).optional(),
  includeInactive: z.enum(['true', 'false']).optional(),
});
const Phone = z
  .string()
  .trim()
  .regex(/^(1\d{10}|0\d{2,3}-?\d{7,8}|\d{8})$/, '电话号码格式不正确：手机 11 位，座机如 021-65431234');
export const MentorCreate = z.object({
  kind: MentorKind,
  name: Name('姓名', 40),
  organisation: Name('学校或单位', 100),
  phone: Phone.optional().nullable().or(z.literal('')),
  streetCode: z.string().max(32).optional().nullable(),
});
export type MentorCreate = z.input<typeof MentorCreate>;
export const MentorUpdate = z.object({
  name: Name('姓名', 40).optional(),
  organisation: Name('学校或单位', 100).optional(),
  phone: Phone.optional().nullable().or(z.literal('')),
  streetCode: z.string().max(32).optional().nullable(),
  active: z.boolean().optional(),
});
export type MentorUpdate = z.input<typeof MentorUpdate>;
export const ChildMentors = z.object({ mentor: Mentor.nullable(), buddy: Mentor.nullable() });
export type ChildMentors = z.infer<typeof ChildMentors>;
export const AssignMentor = z.object({ mentorId: Uuid('请选择成长导师').nullable() });
export const AssignBuddy = z.object({ buddyId: Uuid('请选择互助伙伴').nullable() });
export const CoverageRow = z.object({
  streetCode: z.string(),
  streetName: z.string(),
  children: z.number(),
  withMentor: z.number(),
  withBuddy: z.number(),
  withBoth: z.number(),
});
export type CoverageRow = z.infer<typeof CoverageRow>;
export const Coverage = z.object({ items: z.array(CoverageRow), total: CoverageRow.omit({ streetCode: true, streetName: true }) });
export type Coverage = z.infer<typeof Coverage>;
export const CoverageQuery = z.object({ street: z.string().max(32).optional() });
export const GapQuery = PageQuery.extend({
  kind: MentorKind.default('mentor'),
  street: z.string().max(32).optional(),
  committee: Uuid('居民区编号格式不正确').optional(),
});
export const GapChild = z.object({
  id: z.string(),
  name: z.string(),
  sex: z.enum(['M', 'F']),
  birthDate: z.string(),
  streetCode: z.string(),
  streetName: z.string(),
  committeeName: z.string(),
  riskLevel: z.enum(['high', 'medium', 'low']),
  hasMentor: z.boolean(),
  hasBuddy: z.boolean(),
});
export type GapChild = z.infer<typeof GapChild>;
export const GapList = page(GapChild);
export type GapList = z.infer<typeof GapList>;

// ---- 强制报告 (mandatory reporting, 未成年人保护法 第十一条) ----
/**
 * Who must be told when a child is found injured, abused or in danger: 公安机关 first, and
 * 民政部门 (and 教育部门 where the child is at school). The duty is raised by a problem of the
 * safety category with severity 严重.
 */
export const MANDATORY_RECIPIENTS = {
  police: '公安机关',
  civil_affairs: '民政部门',
  education: '教育部门',
  procuratorate: '检察机关',
  other: '其他单位',
} as const;
export type MandatoryRecipient = keyof typeof MANDATORY_RECIPIENTS;
export const MANDATORY_RECIPIENT_CODES = Object.keys(MANDATORY_RECIPIENTS) as [MandatoryRecipient, ...MandatoryRecipient[]];
export const MANDATORY_METHODS = { phone: '电话报警/报告（如110）', in_person: '当面报告', written: '书面报告', online: '网上平台' } as const;
export type MandatoryMethod = keyof typeof MANDATORY_METHODS;
export const MANDATORY_METHOD_CODES = Object.keys(MANDATORY_METHODS) as [MandatoryMethod, ...MandatoryMethod[]];
export const MANDATORY_STATUSES = { pending: '待报告', reported: '已报告', not_reported: '未报告（已说明原因）' } as const;
/** True when a problem raises the mandatory-report duty. */
export const raisesMandatoryReport = (p: { category: string; severity: string }): boolean => p.category === 'safety' && p.severity === 'high';

export const MandatoryReport = z.object({
  id: z.string(),
  childId: z.string(),
  childName: z.string(),
  streetName: z.string(),
  committeeName: z.string(),
  problemId: z.string(),
  problemDescription: z.string(),
  status: z.enum(['pending', 'reported', 'not_reported']),
  reportedAt: z.string().nullable(),
  recipients: z.array(z.enum(MANDATORY_RECIPIENT_CODES)),
  method: z.enum(MANDATORY_METHOD_CODES).nullable(),
  note: z.string().nullable(),
  notReportedReason: z.string().nullable(),
  recordedBy: z.string().nullable(),
  recordedAt: z.string().nullable(),
  createdAt: z.string(),
  version: z.number(),
});
export type MandatoryReport = z.infer<typeof MandatoryReport>;
export const MandatoryReportList = z.object({ items: z.array(MandatoryReport) });
export const MandatoryReportQuery = z.object({
  status: z.enum(['pending', 'all']).default('pending'),
  childId: z.string().uuid('编号格式不正确').optional(),
  problemId: z.string().uuid('编号格式不正确').optional(),
});
export const MandatoryReportRecord = z.discriminatedUnion(
  'outcome',
  [
    z.object({
      outcome: z.literal('reported'),
      reportedAt: z.string().datetime({ offset: true, message: '请填写报告的日期和时间' }),
      recipients: z.array(z.enum(MANDATORY_RECIPIENT_CODES, '请选择报告对象')).min(1, '请选择报告对象（至少公安机关或民政部门之一）'),
      method: z.enum(MANDATORY_METHOD_CODES, '请选择报告方式'),
      note: z.string().trim().max(500, '说明最多 500 个字').nullable().optional(),
      version: z.number().int(),
    }),
    z.object({
      outcome: z.literal('not_reported'),
      reason: z.string({ error: '请说明未报告的原因' }).trim().min(4, '请说明未报告的原因（至少 4 个字）').max(500, '原因最多 500 个字'),
      version: z.number().int(),
    }),
  ],
  { error: '请选择“已报告”或“未报告”' },
);
export type MandatoryReportRecord = z.infer<typeof MandatoryReportRecord>;

// ---- one vocabulary for problems (the visit form, the problem lists, notifications) ----
/** Problem categories in Chinese: the words of the visit form, used everywhere a problem is shown. */
export const PROBLEM_CATEGORY_ZH = {
  living: '基本生活',
  safety: '安全保护',
  health: '医疗康复',
  schooling: '教育就学',
  guardianship: '监护照料',
  psychology: '心理关爱',
  policy: '政策落实',
  other: '其他',
} as const satisfies Record<ProblemCategory, string>;
/** Severity in Chinese: 严重 / 一般 / 轻微 (a problem's severity is not a risk level: no 高/中/低). */
export const SEVERITY_ZH = { high: '严重', medium: '一般', low: '轻微' } as const satisfies Record<ProblemSeverity, string>;
