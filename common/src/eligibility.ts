/**
 * 免申即享 contract: the policy library, evaluation results with their Chinese explanation, the
 * work lists and the entitlement workflow. One zod schema gives the server its check and the
 * interface its type. Money is integer fen.
 */
import { z } from 'zod';
import { PageQuery, page } from './api.js';

const date = z.string().date('日期格式应为 YYYY-MM-DD');

export const VERDICTS = ['eligible', 'not_eligible', 'undetermined'] as const;
export type EligibilityVerdict = (typeof VERDICTS)[number];
export const ENTITLEMENT_STATUSES = ['suggested', 'verified', 'submitted', 'granted', 'refused', 'ended'] as const;
export type EntitlementStatus = (typeof ENTITLEMENT_STATUSES)[number];
/** Allowed next steps of the entitlement workflow. */
export const ENTITLEMENT_NEXT: Record<EntitlementStatus, EntitlementStatus[]> = {
  suggested: ['verified', 'refused'],
  verified: ['submitted', 'refused'],
  submitted: ['granted', 'refused'],
  granted: ['ended'],
  refused: [],
  ended: [],
};
/** The statuses in Chinese, for the server's messages. */
export const ENTITLEMENT_STATUS_ZH: Record<EntitlementStatus, string> = {
  suggested: '系统建议',
  verified: '已核实',
  submitted: '已提交',
  granted: '已享受',
  refused: '未获批',
  ended: '已终止',
};
export const WORKLIST_KINDS = ['eligible-not-receiving', 'undetermined', 'no-longer-eligible'] as const;
export type WorklistKind = (typeof WORKLIST_KINDS)[number];

// ---- policy library ----
export const PolicyValue = z.object({
  from: z.string(),
  to: z.string().nullable(),
  value: z.number(),
  text: z.string(),
  source: z.string(),
  verified: z.boolean(),
  note: z.string().nullable(),
  /** True for a value maintained in the platform (not in the policy file). */
  maintained: z.boolean(),
});
export type PolicyValue = z.infer<typeof PolicyValue>;
export const PolicyParam = z.object({ name: z.string(), label: z.string(), unit: z.string(), values: z.array(PolicyValue) });
export type PolicyParam = z.infer<typeof PolicyParam>;
export const LegalBasisItem = z.object({
  doc: z.string(),
  title: z.string().optional(),
  article: z.string().optional(),
  date: z.string().optional(),
  url: z.string().optional(),
  note: z.string().optional(),
});
export const PolicySummary = z.object({
  id: z.string(),
  name: z.object({ zh: z.string(), en: z.string() }),
  issuer: z.string(),
  unit: z.string(),
  unitLabel: z.string(),
  kind: z.string(),
  kindLabel: z.string(),
  summary: z.string().nullable(),
  legalBasis: z.array(LegalBasisItem),
  parameters: z.array(PolicyParam),
});
export type PolicySummary = z.infer<typeof PolicySummary>;
/** A legal term defined once for every policy (engine/policies/definitions.yaml). */
export const PolicyTerm = z.object({ name: z.string(), label: z.string(), basis: z.string(), review: z.string().nullable(), usedBy: z.array(z.string()) });
export type PolicyTerm = z.infer<typeof PolicyTerm>;
export const PolicyList = z.object({ items: z.array(PolicySummary), terms: z.array(PolicyTerm) });
export const PolicyCriterion = z.object({ id: z.string(), label: z.string(), clause: z.string(), expr: z.string(), note: z.string().nullable() });
export const PolicyLogic = z.object({
  version: z.string(),
  from: z.string(),
  to: z.string().nullable(),
  fromVerified: z.boolean(),
  basis: z.string(),
  note: z.string().nullable(),
  criteria: z.array(PolicyCriterion),
});
export const PolicyTest = z.object({ name: z.string(), date: z.string(), expect: z.string(), profile: z.string() });
export const PolicyDetail = PolicySummary.extend({
  logic: z.array(PolicyLogic),
  amount: z.string(),
  tests: z.array(PolicyTest),
  notes: z.array(z.string()),
});
export type PolicyDetail = z.infer<typeof PolicyDetail>;
export const PolicyIdParam = z.object({ id: z.string().min(1).max(120) });
export const PolicyValueCreate = z.object({
  param: z.string().trim().min(1, '请选择参数'),
  from: date,
  to: date.nullable().optional(),
  /** In the parameter's unit (money in fen). */
  value: z.number({ error: '请输入数值' }).finite(),
  source: z.string().trim().min(1, '请填写来源（文件号或出处）').max(200),
  verified: z.boolean().default(false),
  note: z.string().trim().max(500).nullable().optional(),
});
export type PolicyValueCreate = z.input<typeof PolicyValueCreate>;
export const PolicyValueCreated = z.object({ policy: PolicyDetail, stale: z.boolean(), message: z.string() });

// ---- evaluation ----
export const EvaluateRequest = z
  .object({
    childId: z.string().uuid('编号格式不正确').optional(),
    profile: z.unknown().optional(),
    asOf: date.optional(),
  })
  .refine((b) => (b.childId === undefined) !== (b.profile === undefined), { message: '请提供 childId 或 profile 之一', path: ['childId'] });
export type EvaluateRequest = z.infer<typeof EvaluateRequest>;
export const EvalPolicy = z.object({
  policy: z.string(),
  name: z.object({ zh: z.string(), en: z.string() }),
  unit: z.string(),
  unitLabel: z.string(),
  verdict: z.enum(VERDICTS),
  amountFen: z.number().nullable(),
  amountText: z.string(),
  amountStatus: z.string(),
  failed: z.array(z.object({ id: z.string(), label: z.string() })),
  missing: z.array(z.object({ path: z.string(), label: z.string() })),
  /** The decision and the one or two criteria that decided it (shown first). */
  summary: z.string(),
  explanation: z.string(),
  lines: z.array(z.string()),
  citations: z.array(z.string()),
  logicVersion: z.string().nullable(),
});
export type EvalPolicy = z.infer<typeof EvalPolicy>;
export const EvaluateResult = z.object({
  asOf: z.string(),
  stored: z.boolean(),
  results: z.array(EvalPolicy),
  suggested: z.number(),
});
export type EvaluateResult = z.infer<typeof EvaluateResult>;
export const RunResult = z.object({
  asOf: z.string(),
  children: z.number(),
  eligible: z.number(),
  notEligible: z.number(),
  undetermined: z.number(),
  changed: z.number(),
  suggested: z.number(),
});
export type RunResult = z.infer<typeof RunResult>;

// ---- work lists ----
const age = z.coerce.number({ error: '年龄应为 0-18 的整数' }).int('年龄应为整数').min(0, '年龄不能小于 0').max(18, '年龄不能大于 18');
/** The filters of a work list (also those of its export). */
const worklistFilterShape = {
  kind: z.enum(WORKLIST_KINDS),
  policy: z.string().max(120).optional(),
  street: z.string().max(64).optional(),
  committee: z.string().uuid('居民区编号格式不正确').optional(),
  /** Age in full years today, inclusive. */
  ageMin: age.optional(),
  ageMax: age.optional(),
  /** 'me': assigned to the caller; 'none': not assigned to anyone. */
  assigned: z.enum(['me', 'none']).optional(),
};
const agesInOrder = (f: { ageMin?: number | undefined; ageMax?: number | undefined }) =>
  f.ageMin === undefined || f.ageMax === undefined || f.ageMin <= f.ageMax;
const AGE_ORDER = { message: '最小年龄不能大于最大年龄', path: ['ageMax'] };
export const WorklistFilters = z.object(worklistFilterShape).refine(agesInOrder, AGE_ORDER);
export type WorklistFilters = z.infer<typeof WorklistFilters>;
export const WorklistQuery = PageQuery.extend(worklistFilterShape).refine(agesInOrder, AGE_ORDER);
export const WorklistItem = z.object({
  childId: z.string(),
  childName: z.string(),
  committeeName: z.string(),
  streetName: z.string(),
  policy: z.string(),
  policyName: z.string(),
  unitLabel: z.string(),
  asOf: z.string(),
  amountFen: z.number().nullable(),
  missing: z.array(z.string()),
  entitlementId: z.string().nullable(),
  entitlementStatus: z.enum(ENTITLEMENT_STATUSES).nullable(),
  age: z.number(),
  /** Who handles it (分配给我), display name; null when unassigned. */
  assignee: z.string().nullable(),
  assignedToMe: z.boolean(),
});
export type WorklistItem = z.infer<typeof WorklistItem>;
export const WorklistPage = page(WorklistItem);
/** The work list grouped by child: a page of children, each with its policies on the list. */
export const WorklistChild = z.object({
  childId: z.string(),
  childName: z.string(),
  age: z.number(),
  committeeName: z.string(),
  streetName: z.string(),
  items: z.array(WorklistItem),
});
export const WorklistChildPage = page(WorklistChild);
export const WORKLIST_ASSIGN_MAX = 500;
export const WorklistAssign = z.object({
  items: z
    .array(z.object({ childId: z.string().uuid('编号格式不正确'), policy: z.string().min(1).max(120) }))
    .min(1, '请先选择要分配的记录')
    .max(WORKLIST_ASSIGN_MAX, `一次最多分配 ${WORKLIST_ASSIGN_MAX} 条`),
});
export const WorklistAssigned = z.object({ assigned: z.number() });
export const WorklistExportRequest = z.object({ filters: WorklistFilters });

// ---- entitlements ----
/** Files one step may carry. */
export const MAX_STEP_ATTACHMENTS = 20;
/** A file attached to a step (the evidence of the verification), downloaded through GET /api/attachments/:id. */
export const EntitlementAttachment = z.object({
  id: z.string(),
  filename: z.string(),
  mime: z.string(),
  sizeBytes: z.number(),
  createdAt: z.string(),
});
export type EntitlementAttachment = z.infer<typeof EntitlementAttachment>;
/** Kinds of event: a status change, or the first of two approvals (status stays 已提交). */
export const ENTITLEMENT_EVENT_KINDS = ['status', 'approval'] as const;
export const EntitlementEvent = z.object({
  at: z.string(),
  username: z.string().nullable(),
  fromStatus: z.string().nullable(),
  toStatus: z.string(),
  note: z.string().nullable(),
  /** Who did the step, as they were then: display name and unit (null for the system's matching). */
  displayName: z.string().nullable(),
  unitName: z.string().nullable(),
  kind: z.enum(ENTITLEMENT_EVENT_KINDS),
  attachments: z.array(EntitlementAttachment),
});
export const Entitlement = z.object({
  id: z.string(),
  childId: z.string(),
  policy: z.string(),
  policyName: z.string(),
  unitLabel: z.string(),
  status: z.enum(ENTITLEMENT_STATUSES),
  fromDate: z.string().nullable(),
  amountFen: z.number().nullable(),
  note: z.string().nullable(),
  reason: z.string().nullable(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  events: z.array(EntitlementEvent),
  /** The unit that grants or refuses it (the administering unit, or 区民政局 on its behalf). */
  decidingUnit: z.string(),
  /** Approvers a grant needs (1, or 2 when the deciding unit requires a second reviewer). */
  approvalsRequired: z.number(),
  /** Approvals given since submission (0, or 1 while the second reviewer is awaited). */
  approvals: z.number(),
  /** The next steps the caller may take on it (separation of duties applied). */
  allowed: z.array(z.enum(ENTITLEMENT_STATUSES)),
});
export type Entitlement = z.infer<typeof Entitlement>;
export const ReviewRule = z.object({
  unitCode: z.string(),
  unitName: z.string(),
  policy: z.string(),
  policyName: z.string(),
  approvals: z.number(),
  updatedAt: z.string(),
});
export const ReviewRuleList = z.object({ items: z.array(ReviewRule) });
export const ReviewRuleSet = z.object({
  /** A policy id, or '*' for every policy the unit decides. */
  policy: z.string().trim().min(1, '请选择政策').max(120),
  approvals: z.union([z.literal(1), z.literal(2)], { error: '审批人数只能是 1 或 2' }),
});
export const EntitlementList = z.object({ items: z.array(Entitlement) });
export const EntitlementTransition = z.object({
  to: z.enum(ENTITLEMENT_STATUSES),
  note: z.string().trim().max(500).nullable().optional(),
  reason: z.string().trim().max(500).nullable().optional(),
  fromDate: date.nullable().optional(),
  amountFen: z.number().int().min(0).nullable().optional(),
  /**
   * Verification only: attachments the caller uploaded first (POST /api/attachments, entity
   * 'entitlement', this entitlement's id), linked to the step when it is saved.
   */
  attachmentIds: z.array(z.string().uuid('附件编号格式不正确')).max(MAX_STEP_ATTACHMENTS, `一次最多附 ${MAX_STEP_ATTACHMENTS} 个文件`).optional(),
  version: z.number().int(),
});
export type EntitlementTransition = z.input<typeof EntitlementTransition>;
