/**
 * 协同 — referrals (转介) between units about a child: the API contract and the vocabulary.
 *
 * A referral goes from a unit (or a person) to a unit, about a child (or one of the family), with
 * a kind, a reason, an urgency and deadlines; the receiving unit acknowledges it, accepts or
 * declines it, works on it and completes it with an outcome; the sender closes it. While it is open
 * (and for a configurable number of days after) the receiving unit sees that child — only the
 * sections of the file its kind declares.
 */
import { z } from 'zod';
import { PageQuery, page } from './api.js';
import { DateStr } from './casework.js';
import { InterventionReferralOutcome } from './interventions.js';
import { plainName, plainText } from './text.js';

// ---- vocabulary ----

/** Sections of the child file a referral kind can open to the receiving unit. */
export const REFERRAL_SECTIONS = ['identity', 'school', 'health', 'family', 'benefits', 'problems', 'assistance', 'visits', 'guardianship'] as const;
export type ReferralSection = (typeof REFERRAL_SECTIONS)[number];
export const REFERRAL_SECTION_ZH: Record<ReferralSection, string> = {
  identity: '身份与困境类别',
  school: '就学',
  health: '健康与残疾',
  family: '家庭与监护人',
  benefits: '保障待遇',
  problems: '发现的问题',
  assistance: '帮扶记录',
  visits: '走访记录',
  guardianship: '监护评估与干预',
};

/** How a referral of a kind is completed, and what the completion writes to the child's file. */
export const REFERRAL_COMPLETIONS = ['entitlement', 'school', 'problem', 'assistance', 'response', 'intervention'] as const;
export type ReferralCompletion = (typeof REFERRAL_COMPLETIONS)[number];

export interface ReferralKindDef {
  code: string;
  zh: string;
  en: string;
  sections: ReferralSection[];
  completion: ReferralCompletion;
  /** Working days to complete, by default. */
  defaultDays: number;
  /** 暖杨通道: acknowledged within hours, seen only by the sender, the receivers and the district. */
  channel: boolean;
}

/**
 * The kinds every installation starts with (table `referral_kinds`; administrators may change the
 * sections and the default deadline). A school-fee waiver shows identity, school, categories and
 * the entitlement — never health or guardianship notes.
 */
export const REFERRAL_KINDS: ReferralKindDef[] = [
  {
    code: 'benefit',
    zh: '保障待遇审批',
    en: 'Benefit to administer',
    sections: ['identity', 'family', 'benefits'],
    completion: 'entitlement',
    defaultDays: 10,
    channel: false,
  },
  {
    code: 'fee_waiver',
    zh: '教育费用减免',
    en: 'School-fee waiver',
    sections: ['identity', 'school', 'benefits'],
    completion: 'entitlement',
    defaultDays: 10,
    channel: false,
  },
  {
    code: 'dropout',
    zh: '控辍保学',
    en: 'Dropout follow-up',
    sections: ['identity', 'school', 'family'],
    completion: 'school',
    defaultDays: 5,
    channel: false,
  },
  { code: 'problem', zh: '问题协调处理', en: 'Escalated problem', sections: ['identity', 'problems'], completion: 'problem', defaultDays: 10, channel: false },
  {
    code: 'harm',
    zh: '疑似侵害（暖杨通道）',
    en: 'Suspected harm (暖杨通道)',
    sections: ['identity', 'family', 'problems'],
    completion: 'response',
    defaultDays: 3,
    channel: true,
  },
  {
    code: 'guardianship_urgent',
    zh: '紧急监护问题（暖杨通道）',
    en: 'Urgent guardianship problem (暖杨通道)',
    sections: ['identity', 'family', 'problems', 'guardianship'],
    completion: 'response',
    defaultDays: 3,
    channel: true,
  },
  {
    code: 'employment',
    zh: '监护人就业帮扶',
    en: 'Employment help for a guardian',
    sections: ['identity', 'family'],
    completion: 'assistance',
    defaultDays: 20,
    channel: false,
  },
  {
    code: 'clinic',
    zh: '儿童心理门诊',
    en: "Children's psychology clinic",
    sections: ['identity', 'health'],
    completion: 'assistance',
    defaultDays: 10,
    channel: false,
  },
  {
    code: 'rehabilitation',
    zh: '康复救助',
    en: 'Rehabilitation',
    sections: ['identity', 'health', 'benefits'],
    completion: 'assistance',
    defaultDays: 15,
    channel: false,
  },
  { code: 'service', zh: '关爱服务', en: 'Care service', sections: ['identity'], completion: 'assistance', defaultDays: 15, channel: false },
  // 监护提质: the intervention ladder's steps that another unit takes. Completing one records the
  // step's outcome on the guardianship intervention it carries (guardianship module).
  {
    code: 'reprimand',
    zh: '训诫（公安）',
    en: 'Reprimand of a guardian (police)',
    sections: ['identity', 'family', 'guardianship'],
    completion: 'intervention',
    defaultDays: 5,
    channel: false,
  },
  {
    code: 'guidance_order',
    zh: '家庭教育指导令',
    en: 'Family-education guidance order',
    sections: ['identity', 'family', 'guardianship'],
    completion: 'intervention',
    defaultDays: 10,
    channel: false,
  },
  {
    code: 'guardianship_petition',
    zh: '撤销监护资格 / 支持起诉',
    en: 'Petition to revoke guardianship / supported prosecution',
    sections: ['identity', 'family', 'guardianship'],
    completion: 'intervention',
    defaultDays: 20,
    channel: false,
  },
];

export const REFERRAL_STATUSES = ['sent', 'received', 'accepted', 'declined', 'in_progress', 'completed', 'closed', 'withdrawn'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];
export const REFERRAL_STATUS_ZH: Record<ReferralStatus, string> = {
  sent: '已发送',
  received: '已签收',
  accepted: '已受理',
  declined: '已退回',
  in_progress: '办理中',
  completed: '已办结',
  closed: '已关闭',
  withdrawn: '已撤回',
};
/** Statuses in which the receiving unit still has work to do (and sees the child). */
export const REFERRAL_OPEN: readonly ReferralStatus[] = ['sent', 'received', 'accepted', 'in_progress'];

/** The steps: who takes them (the receiving unit or the sender) and from where. */
export const REFERRAL_STEP_CODES = ['receive', 'accept', 'decline', 'start', 'complete', 'close', 'withdraw'] as const;
export type ReferralStep = (typeof REFERRAL_STEP_CODES)[number];
export const REFERRAL_STEPS: Record<ReferralStep, { by: 'receiver' | 'sender'; from: readonly ReferralStatus[]; to: ReferralStatus; zh: string }> = {
  receive: { by: 'receiver', from: ['sent'], to: 'received', zh: '签收' },
  accept: { by: 'receiver', from: ['sent', 'received'], to: 'accepted', zh: '受理' },
  decline: { by: 'receiver', from: ['sent', 'received'], to: 'declined', zh: '退回' },
  start: { by: 'receiver', from: ['accepted'], to: 'in_progress', zh: '开始办理' },
  complete: { by: 'receiver', from: ['accepted', 'in_progress'], to: 'completed', zh: '办结' },
  close: { by: 'sender', from: ['completed', 'declined'], to: 'closed', zh: '确认关闭' },
  withdraw: { by: 'sender', from: ['sent', 'received', 'accepted', 'in_progress'], to: 'withdrawn', zh: '撤回' },
};

export const URGENCIES = ['normal', 'urgent', 'emergency'] as const;
export type Urgency = (typeof URGENCIES)[number];
export const URGENCY_ZH: Record<Urgency, string> = { normal: '一般', urgent: '紧急', emergency: '特急' };

export const OUTCOME_RESULTS = ['done', 'partly', 'not_possible'] as const;
export const OUTCOME_RESULT_ZH: Record<(typeof OUTCOME_RESULTS)[number], string> = { done: '已解决', partly: '部分解决', not_possible: '无法解决' };

/** The work queue's buckets. */
export const QUEUE_BUCKETS = ['new', 'due_soon', 'overdue', 'in_progress', 'done', 'all'] as const;
export type QueueBucket = (typeof QUEUE_BUCKETS)[number];

// ---- schemas ----

const Uuid = (message = '编号格式不正确') => z.string().uuid(message);
const Version = z.number({ error: '缺少版本号，请刷新后再改' }).int().min(1);
const Text = (label: string, max: number) =>
  plainText(
    z
      .string({ error: `请填写${label}` })
      .trim()
      .min(1, `请填写${label}`)
      .max(max, `${label}最多 ${max} 个字`),
    label,
  );
const OptText = (label: string, max: number) =>
  plainText(z.string().trim().max(max, `${label}最多 ${max} 个字`), label)
    .optional()
    .nullable();

export const ReferralKindCode = z.string({ error: '请选择转介类型' }).min(1, '请选择转介类型').max(40);
export const ReferralStatus = z.enum(REFERRAL_STATUSES);
export const UrgencyEnum = z.enum(URGENCIES, { error: '紧急程度只能是一般、紧急或特急' });

export const ReferralCreate = z.object({
  childId: Uuid('请选择儿童'),
  /** A family member the referral is about (a guardian's employment help). */
  memberId: Uuid('家庭成员编号格式不正确').optional().nullable(),
  kind: ReferralKindCode,
  /** The 免申即享 policy applied for: required by kinds completed by an entitlement decision (benefit, fee_waiver). */
  policyId: z.string().min(1).max(80).optional().nullable(),
  toUnit: z.string({ error: '请选择接收单位' }).min(1, '请选择接收单位').max(64),
  reason: Text('转介事由', 2000),
  urgency: UrgencyEnum.default('normal'),
  /** The day the work should be done by; default: the kind's working days from today. */
  dueOn: DateStr.optional().nullable(),
  attachmentIds: z.array(Uuid('附件编号格式不正确')).max(10, '最多附 10 个附件').optional(),
});
export type ReferralCreate = z.infer<typeof ReferralCreate>;

/** 暖杨通道: one report to several units at once (police, procuratorate, civil affairs). */
export const ChannelCreate = z.object({
  childId: Uuid('请选择儿童'),
  kind: z.enum(['harm', 'guardianship_urgent'], { error: '请选择疑似侵害或紧急监护问题' }),
  toUnits: z.array(z.string().min(1).max(64)).min(1, '请至少选择一个接收单位').max(3, '最多选择 3 个接收单位'),
  reason: Text('情况说明', 2000),
  attachmentIds: z.array(Uuid('附件编号格式不正确')).max(10, '最多附 10 个附件').optional(),
});
export type ChannelCreate = z.infer<typeof ChannelCreate>;

export const SchoolOutcome = z.object({
  stage: z.string().min(1, '请选择就学阶段').max(20),
  schoolName: plainName(z.string().trim().max(100, '学校名称最多 100 个字'), '学校名称').optional().nullable(),
  grade: plainName(z.string().trim().max(20, '年级最多 20 个字'), '年级').optional().nullable(),
});
export const AssistanceOutcome = z.object({
  kind: z.enum(['material', 'money', 'service', 'referral', 'education', 'medical', 'psychological'], { error: '请选择帮扶类型' }),
  description: Text('帮扶内容', 1000),
  givenOn: DateStr,
  valueFen: z.number().int().min(0, '金额不能为负').max(100_000_000).optional().nullable(),
});
export const EntitlementOutcome = z.object({
  decision: z.enum(['granted', 'refused'], { error: '请选择批准或不予批准' }),
  fromDate: DateStr.optional().nullable(),
  amountFen: z.number().int().min(0).max(100_000_000).optional().nullable(),
  reason: OptText('不予批准的原因', 500),
});

/** One step of a referral. `version` is what the actor saw: a stale one is refused (409). */
export const ReferralStepBody = z.object({
  step: z.enum(REFERRAL_STEP_CODES, { error: '未知的操作' }),
  version: Version,
  note: OptText('说明', 2000),
  /** decline, withdraw */
  reason: OptText('原因', 1000),
  /** complete: what was done */
  outcome: OptText('办理结果', 2000),
  result: z.enum(OUTCOME_RESULTS).optional().nullable(),
  school: SchoolOutcome.optional().nullable(),
  assistance: AssistanceOutcome.optional().nullable(),
  entitlement: EntitlementOutcome.optional().nullable(),
  /** complete, kind completed by 'intervention' (训诫, 家庭教育指导令, 撤销监护资格/支持起诉): the step's outcome. */
  intervention: InterventionReferralOutcome.optional().nullable(),
});
export type ReferralStepBody = z.infer<typeof ReferralStepBody>;

export const ReferralComment = z.object({ note: Text('留言', 2000) });

export const ReferralEvent = z.object({
  id: z.number(),
  at: z.string(),
  kind: z.enum(['status', 'comment', 'reminder', 'escalation', 'view']),
  by: z.string().nullable(),
  unitName: z.string().nullable(),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
  note: z.string().nullable(),
});
export type ReferralEvent = z.infer<typeof ReferralEvent>;

export const Referral = z.object({
  id: z.string(),
  no: z.number(),
  childId: z.string(),
  /** Masked (张*明). */
  childName: z.string(),
  streetCode: z.string(),
  streetName: z.string(),
  committeeName: z.string(),
  memberId: z.string().nullable(),
  kind: z.string(),
  kindName: z.string(),
  policyId: z.string().nullable(),
  policyName: z.string().nullable(),
  channel: z.boolean(),
  fromUnit: z.string(),
  fromUnitName: z.string(),
  fromUserName: z.string().nullable(),
  toUnit: z.string(),
  toUnitName: z.string(),
  reason: z.string(),
  urgency: UrgencyEnum,
  status: ReferralStatus,
  ackDueAt: z.string(),
  dueOn: z.string(),
  receivedAt: z.string().nullable(),
  acceptedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  declineReason: z.string().nullable(),
  outcome: z.string().nullable(),
  outcomeResult: z.enum(OUTCOME_RESULTS).nullable(),
  sourceKind: z.enum(['entitlement', 'problem', 'dropout', 'intervention']).nullable(),
  sourceId: z.string().nullable(),
  escalationLevel: z.number(),
  /** Acknowledgement or completion deadline passed while open. */
  overdue: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number(),
  /** The steps the caller may take now. */
  can: z.array(z.enum(REFERRAL_STEP_CODES)),
  /** Whether the caller may open the child through this referral (the receiving unit, window open). */
  canViewChild: z.boolean(),
});
export type Referral = z.infer<typeof Referral>;
export const ReferralAttachment = z.object({ id: z.string(), filename: z.string(), mime: z.string(), sizeBytes: z.number() });
export const ReferralDetail = Referral.extend({
  events: z.array(ReferralEvent),
  /** Materials sent with the referral (child attachments the sender chose). */
  attachments: z.array(ReferralAttachment),
  completion: z.enum(REFERRAL_COMPLETIONS),
  sections: z.array(z.enum(REFERRAL_SECTIONS)),
});
export type ReferralDetail = z.infer<typeof ReferralDetail>;
export const ReferralList = page(Referral).extend({
  counts: z.object({ new: z.number(), dueSoon: z.number(), overdue: z.number(), inProgress: z.number(), done: z.number() }),
});
export type ReferralList = z.infer<typeof ReferralList>;

export const ReferralQuery = PageQuery.extend({
  box: z.enum(['incoming', 'outgoing', 'area'], { error: '只能查看收到的、发出的或辖区的转介' }).default('incoming'),
  bucket: z.enum(QUEUE_BUCKETS).default('all'),
  kind: z.string().max(40).optional(),
  childId: Uuid().optional(),
});

/** The child as a receiving unit sees it through a referral: only the kind's sections. */
export const ReferralChildView = z.object({
  referralId: z.string(),
  sections: z.array(z.enum(REFERRAL_SECTIONS)),
  accessUntil: z.string().nullable(),
  identity: z.object({
    id: z.string(),
    name: z.string(),
    sex: z.string(),
    birthDate: z.string(),
    age: z.number(),
    idNumber: z.string().nullable(),
    streetName: z.string(),
    committeeName: z.string(),
    categories: z.array(z.object({ category: z.string(), name: z.string(), since: z.string().nullable() })),
  }),
  school: z.object({ stage: z.string().nullable(), schoolName: z.string().nullable(), grade: z.string().nullable() }).optional(),
  health: z.object({ disabilityType: z.string().nullable(), disabilityGrade: z.number().nullable(), seriousIllness: z.string().nullable() }).optional(),
  family: z
    .array(z.object({ id: z.string(), name: z.string(), relation: z.string(), role: z.string(), status: z.string(), phone: z.string().nullable() }))
    .optional(),
  benefits: z
    .array(z.object({ id: z.string(), policyId: z.string(), policyName: z.string(), status: z.string(), fromDate: z.string().nullable(), version: z.number() }))
    .optional(),
  problems: z.array(z.object({ id: z.string(), category: z.string(), description: z.string(), status: z.string(), dueOn: z.string().nullable() })).optional(),
  assistance: z.array(z.object({ id: z.string(), kind: z.string(), description: z.string(), givenOn: z.string(), providerName: z.string() })).optional(),
  /** 监护: the intervention ladder's steps (the one this referral carries marked) and the latest assessment's grade — never its narrative or scores. */
  guardianship: z
    .object({
      steps: z.array(
        z.object({
          id: z.string(),
          kind: z.string(),
          status: z.string(),
          unitName: z.string().nullable(),
          decidedOn: z.string().nullable(),
          reason: z.string(),
          outcomeNote: z.string().nullable(),
          sessionsRequired: z.number().nullable(),
          sessionsAttended: z.number(),
          sessionsMissed: z.number(),
          createdOn: z.string(),
          current: z.boolean(),
        }),
      ),
      assessment: z.object({ grade: z.string(), effect: z.string().nullable(), assessedOn: z.string() }).nullable(),
    })
    .optional(),
});
export type ReferralChildView = z.infer<typeof ReferralChildView>;

// ---- directory ----
export const ReferralKindInfo = z.object({
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  sections: z.array(z.enum(REFERRAL_SECTIONS)),
  completion: z.enum(REFERRAL_COMPLETIONS),
  defaultDays: z.number(),
  channel: z.boolean(),
  active: z.boolean(),
});
export type ReferralKindInfo = z.infer<typeof ReferralKindInfo>;
export const ReferralKindList = z.object({
  items: z.array(ReferralKindInfo),
  /** 暖杨通道: hours to acknowledge (referral_settings), so the sender's form states them. */
  channelAckHours: z.number(),
});
export const ReferralKindUpdate = z.object({
  sections: z
    .array(z.enum(REFERRAL_SECTIONS))
    .min(1, '至少开放身份信息')
    .refine((s) => s.includes('identity'), '身份信息必须开放'),
  defaultDays: z.number().int().min(1, '期限至少 1 个工作日').max(365),
  active: z.boolean(),
});

export const Receiver = z.object({
  id: z.string(),
  unitCode: z.string(),
  unitName: z.string(),
  unitKind: z.string(),
  kinds: z.array(z.string()),
  minAge: z.number().nullable(),
  maxAge: z.number().nullable(),
  streets: z.array(z.string()),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  capacity: z.number().nullable(),
  services: z.string(),
  active: z.boolean(),
  version: z.number(),
});
export type Receiver = z.infer<typeof Receiver>;
export const ReceiverList = z.object({ items: z.array(Receiver) });
export const ReceiverQuery = z.object({
  kind: z.string().max(40).optional(),
  childId: Uuid().optional(),
  includeInactive: z.enum(['true', 'false']).optional(),
});
export const ReceiverUpsert = z.object({
  unitCode: z.string().min(1, '请选择单位').max(64),
  kinds: z.array(ReferralKindCode).min(1, '请至少选择一种接收的转介类型'),
  minAge: z.number().int().min(0).max(25).optional().nullable(),
  maxAge: z.number().int().min(0).max(25).optional().nullable(),
  streets: z.array(z.string().max(32)).default([]),
  contactName: plainName(z.string().trim().max(50, '联系人最多 50 个字'), '联系人').optional().nullable(),
  contactPhone: z
    .string()
    .trim()
    .regex(/^[0-9+\-() ]{0,30}$/, '联系电话只能包含数字、空格和 +-()')
    .optional()
    .nullable(),
  capacity: z.number().int().min(0).max(100000).optional().nullable(),
  services: OptText('服务内容', 1000),
  active: z.boolean().default(true),
  version: Version.optional(),
});
export type ReceiverUpsert = z.infer<typeof ReceiverUpsert>;

export const ReferralSettings = z.object({
  accessDaysAfter: z.number().int().min(0).max(365),
  ackWorkingDays: z.number().int().min(1).max(30),
  channelAckHours: z.number().int().min(1, '签收时限至少 1 小时').max(72, '签收时限最多 72 小时'),
  remindBeforeDays: z.number().int().min(0).max(30),
  districtAfterDays: z.number().int().min(1).max(30),
});
export type ReferralSettings = z.infer<typeof ReferralSettings>;
