/**
 * Home visits (走访) contract: the visit plan rules, the two checklists (关爱服务内容清单 used by
 * the visit form, 儿童主任职责清单 for reference), visit records with their drafts, and the work
 * lists. One zod schema gives the server its check and the interface its type.
 */
import { z } from 'zod';
import { PageQuery, page } from './api.js';
import { CATEGORY_CODES } from './children.js';

import { CHECK_STATUSES, PROBLEM_CATEGORIES, RISK_LEVEL_CODES as RISK_LEVELS, SEVERITIES, VISIT_KINDS } from './values.js';

export { CHECK_STATUSES, PROBLEM_CATEGORIES, SEVERITIES, VISIT_KINDS, type CheckStatus, type ProblemCategory, type VisitKind } from './values.js';
/** The risk level codes (children.ts's RISK_LEVELS is the label map). */
export { RISK_LEVEL_CODES as RISK_LEVELS } from './values.js';
export const CHECKLIST_LISTS = ['service', 'duty'] as const;
export type ChecklistListName = (typeof CHECKLIST_LISTS)[number];

/** A submitted visit can be corrected by its author for this many days after submission. */
export const VISIT_EDIT_DAYS = 7;
/** Reserved checklist code under which a draft keeps the problems raised but not yet submitted. */
export const DRAFT_PROBLEMS_CODE = '__problems';

const date = z.string().date('日期格式应为 YYYY-MM-DD');
const text = (max: number, what: string) => z.string().trim().max(max, `${what}最多 ${max} 个字`);

// ---- visit plan rules ----
export const VisitRule = z.object({
  id: z.string(),
  riskLevel: z.enum(RISK_LEVELS).nullable(),
  category: z.string().nullable(),
  intervalDays: z.number(),
  label: z.string(),
  active: z.boolean(),
});
export type VisitRule = z.infer<typeof VisitRule>;
/**
 * A new file at high risk, or one raised to high risk, is due for a visit within this many days
 * (unless the interval rule is sooner), until the first visit after it became high risk.
 */
export const DEFAULT_HIGH_RISK_FIRST_VISIT_DAYS = 7;
const firstVisitDays = z.number('请填写首次走访期限天数').int('天数须为整数').min(1, '首次走访期限至少 1 天').max(90, '首次走访期限最多 90 天');
export const VisitRuleList = z.object({ items: z.array(VisitRule), highRiskFirstVisitDays: z.number() });

export const VisitRuleInput = z
  .object({
    riskLevel: z.enum(RISK_LEVELS, '风险等级应为 高/中/低').nullable().default(null),
    category: z.enum(CATEGORY_CODES, '请选择儿童类别').nullable().default(null),
    intervalDays: z.number('请填写走访间隔天数').int('间隔天数须为整数').min(1, '间隔至少 1 天').max(366, '间隔最多 366 天'),
    label: z.string().trim().min(2, '请填写规则说明（至少 2 个字）').max(60, '规则说明最多 60 个字'),
  })
  .refine((r) => r.riskLevel !== null || r.category !== null, { message: '每条规则须选择风险等级或儿童类别', path: ['riskLevel'] });
export type VisitRuleInput = z.input<typeof VisitRuleInput>;
export const VisitRulesReplace = z.object({
  rules: z.array(VisitRuleInput).min(1, '至少保留一条走访规则').max(50, '走访规则最多 50 条'),
  /** Left out: unchanged. */
  highRiskFirstVisitDays: firstVisitDays.optional(),
});
export const VisitRulesResult = z.object({ items: z.array(VisitRule), highRiskFirstVisitDays: z.number(), recomputed: z.number() });

// ---- checklists ----
export const ChecklistItem = z.object({
  id: z.string(),
  list: z.enum(CHECKLIST_LISTS),
  code: z.string(),
  label: z.string(),
  hint: z.string().nullable(),
  sort: z.number(),
  active: z.boolean(),
});
export type ChecklistItem = z.infer<typeof ChecklistItem>;
export const ChecklistQuery = z.object({
  list: z.enum(CHECKLIST_LISTS, '清单应为 service（服务内容）或 duty（职责）').default('service'),
  includeInactive: z.enum(['true', 'false']).optional(),
});
export const ChecklistItems = z.object({ items: z.array(ChecklistItem) });
export const ChecklistItemCreate = z.object({
  list: z.enum(CHECKLIST_LISTS, '请选择清单'),
  code: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_]{1,31}$/, '代码以小写字母开头，只能用小写字母、数字和下划线（2 到 32 个字符）'),
  label: z.string().trim().min(2, '名称至少 2 个字').max(30, '名称最多 30 个字'),
  hint: text(200, '说明').nullable().default(null),
});
export const ChecklistItemUpdate = z.object({
  label: z.string().trim().min(2, '名称至少 2 个字').max(30, '名称最多 30 个字').optional(),
  hint: text(200, '说明').nullable().optional(),
  active: z.boolean().optional(),
});
export const ChecklistReorder = z.object({
  list: z.enum(CHECKLIST_LISTS),
  ids: z.array(z.string().uuid('编号格式不正确')).min(1).max(100),
});

// ---- visits ----
export const CheckAnswer = z.object({
  code: z.string().min(1).max(32),
  status: z.enum(CHECK_STATUSES, '请选择 正常 / 需关注 / 不适用'),
  note: text(500, '情况说明').nullable().default(null),
});
export type CheckAnswer = z.input<typeof CheckAnswer>;
/** One line of a visit's checklist snapshot (labels as they were on the day). */
export const CheckEntry = z.object({
  code: z.string(),
  label: z.string(),
  status: z.enum(CHECK_STATUSES),
  note: z.string().nullable(),
});
export type CheckEntry = z.infer<typeof CheckEntry>;

export const ProblemInput = z.object({
  description: z.string().trim().min(2, '请描述发现的问题（至少 2 个字）').max(500, '问题描述最多 500 个字'),
  category: z.enum(PROBLEM_CATEGORIES, '请选择问题类别'),
  severity: z.enum(SEVERITIES, '请选择严重程度'),
  responsibleUnit: z.string().max(64).nullable().default(null),
  dueOn: date.nullable().default(null),
});
export type ProblemInput = z.input<typeof ProblemInput>;

const visitFields = {
  visitedOn: date,
  kind: z.enum(VISIT_KINDS, '请选择走访方式'),
  peopleMet: text(200, '见到的人').nullable().default(null),
  checklist: z.array(CheckAnswer).max(100).default([]),
  findings: text(4000, '走访情况').nullable().default(null),
  problems: z.array(ProblemInput).max(20, '一次走访最多登记 20 个问题').default([]),
  /** true: submit now (problems become problem records, the next due date moves); false: keep as draft. */
  submit: z.boolean().default(false),
};
export const VisitCreate = z.object({ childId: z.string().uuid('儿童编号格式不正确'), ...visitFields });
export type VisitCreate = z.input<typeof VisitCreate>;
export const VisitUpdate = z.object({ ...visitFields, version: z.number().int().min(1) });
export type VisitUpdate = z.input<typeof VisitUpdate>;
export const VisitSubmit = z.object({ version: z.number().int().min(1) });

export const VisitProblem = z.object({
  id: z.string(),
  description: z.string(),
  category: z.enum(PROBLEM_CATEGORIES),
  severity: z.enum(SEVERITIES),
  status: z.string(),
  dueOn: z.string().nullable(),
});
export type VisitProblem = z.infer<typeof VisitProblem>;

export const Visit = z.object({
  id: z.string(),
  childId: z.string(),
  childName: z.string(),
  visitedOn: z.string(),
  kind: z.enum(VISIT_KINDS),
  visitorId: z.string().nullable(),
  visitorName: z.string(),
  peopleMet: z.string().nullable(),
  checklist: z.array(CheckEntry),
  findings: z.string().nullable(),
  /** Problems raised in a draft, not yet problem records. */
  draftProblems: z.array(ProblemInput.extend({ responsibleUnit: z.string().nullable(), dueOn: z.string().nullable() })),
  /** Problem records created when the visit was submitted (or edited afterwards). */
  problems: z.array(VisitProblem),
  status: z.enum(['draft', 'submitted']),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  submittedAt: z.string().nullable(),
  /** Whether the caller may change it now (own draft, or own submitted visit within 7 days). */
  editable: z.boolean(),
  /** Whether the caller may delete it (own draft). */
  deletable: z.boolean(),
});
export type Visit = z.infer<typeof Visit>;
export const VisitPage = page(Visit);
export const ChildVisitsQuery = PageQuery;

/** What the visit form needs about the child, the current service checklist and an open draft. */
export const VisitForm = z.object({
  child: z.object({
    id: z.string(),
    name: z.string(),
    birthDate: z.string(),
    streetName: z.string(),
    committeeName: z.string(),
    riskLevel: z.enum(RISK_LEVELS),
    status: z.string(),
    lastVisitOn: z.string().nullable(),
    nextVisitDue: z.string().nullable(),
  }),
  checklist: z.array(ChecklistItem),
  /** The caller's own draft for this child, if one exists (continue it instead of starting another). */
  draft: z.object({ id: z.string(), visitedOn: z.string(), updatedAt: z.string() }).nullable(),
  today: z.string(),
});
export type VisitForm = z.infer<typeof VisitForm>;

// ---- work lists ----
export const WORKLIST_SCOPES = ['mine', 'committee', 'street'] as const;
export type WorklistScope = (typeof WORKLIST_SCOPES)[number];
export const WORKLIST_KINDS = ['due-this-week', 'overdue', 'drafts'] as const;
export type WorklistKind = (typeof WORKLIST_KINDS)[number];
export const WorklistQuery = PageQuery.extend({
  scope: z.enum(WORKLIST_SCOPES, '范围应为 mine / committee / street').default('street'),
  kind: z.enum(WORKLIST_KINDS, '列表应为 due-this-week / overdue / drafts').default('overdue'),
  committeeId: z.string().uuid('居民区编号格式不正确').optional(),
  streetCode: z.string().max(32).optional(),
});
export const WorklistItem = z.object({
  childId: z.string(),
  childName: z.string(),
  streetName: z.string(),
  committeeName: z.string(),
  riskLevel: z.enum(RISK_LEVELS),
  nextVisitDue: z.string().nullable(),
  lastVisitOn: z.string().nullable(),
  /** Days past the due date (overdue list); negative: days left (due this week). */
  daysOverdue: z.number().nullable(),
  /** The caller's draft for this child (drafts list, or an open draft on a due child). */
  draftId: z.string().nullable(),
  draftVisitedOn: z.string().nullable(),
  draftUpdatedAt: z.string().nullable(),
  draftKind: z.enum(VISIT_KINDS).nullable(),
});
export type WorklistItem = z.infer<typeof WorklistItem>;
export const Worklist = page(WorklistItem).extend({ today: z.string() });
export type Worklist = z.infer<typeof Worklist>;
export const VisitSummary = z.object({ dueThisWeek: z.number(), overdue: z.number(), drafts: z.number() });
export type VisitSummary = z.infer<typeof VisitSummary>;
