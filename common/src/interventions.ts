/**
 * 监护提质 — the intervention ladder (干预措施, plan tasks 10 and 14): the API contract and the
 * vocabulary, shared by the server (validation, OpenAPI) and the web interface (types, labels).
 *
 * The ladder, in order: 劝诫/制止 by the residential committee itself (no referral) → 训诫 by the
 * police → 家庭教育指导令 (court, procuratorate or police; required guidance sessions) → 申请撤销
 * 监护资格 / 支持起诉 (procuratorate, court or civil affairs). A step another unit takes is carried
 * to it as a referral (kind `reprimand`, `guidance_order`, `guardianship_petition`) with that
 * kind's deadline; the receiving unit's 办结 records the step's outcome.
 */
import { z } from 'zod';
import { DateStr } from './casework.js';
import { plainName, plainText } from './text.js';

export const INTERVENTION_KINDS = ['admonition', 'reprimand', 'guidance_order', 'revocation_petition', 'supported_prosecution'] as const;
export type InterventionKind = (typeof INTERVENTION_KINDS)[number];

export interface InterventionKindDef {
  code: InterventionKind;
  zh: string;
  en: string;
  /** The rung of the ladder (0 劝诫 … 3 撤销/支持起诉; the last two share the top rung). */
  rank: 0 | 1 | 2 | 3;
  /** The referral kind that carries the step to another unit; null: taken by the sender's own unit. */
  referralKind: 'reprimand' | 'guidance_order' | 'guardianship_petition' | null;
  /** Who usually takes it (a hint for the form; the service directory decides). */
  takenBy: string;
}

export const INTERVENTION_KIND_DEFS: Record<InterventionKind, InterventionKindDef> = {
  admonition: { code: 'admonition', zh: '劝诫/制止', en: 'Admonition', rank: 0, referralKind: null, takenBy: '居（村）委会' },
  reprimand: { code: 'reprimand', zh: '训诫', en: 'Reprimand', rank: 1, referralKind: 'reprimand', takenBy: '公安机关' },
  guidance_order: {
    code: 'guidance_order',
    zh: '家庭教育指导令',
    en: 'Family-education guidance order',
    rank: 2,
    referralKind: 'guidance_order',
    takenBy: '人民法院、人民检察院或公安机关',
  },
  revocation_petition: {
    code: 'revocation_petition',
    zh: '申请撤销监护资格',
    en: 'Petition to revoke guardianship',
    rank: 3,
    referralKind: 'guardianship_petition',
    takenBy: '人民检察院、人民法院或民政部门',
  },
  supported_prosecution: {
    code: 'supported_prosecution',
    zh: '支持起诉',
    en: 'Supported prosecution',
    rank: 3,
    referralKind: 'guardianship_petition',
    takenBy: '人民检察院',
  },
};
export const INTERVENTION_STATUSES = ['planned', 'in_progress', 'complied', 'failed', 'cancelled'] as const;
export type InterventionStatus = (typeof INTERVENTION_STATUSES)[number];
export const INTERVENTION_STATUS_ZH: Record<InterventionStatus, string> = {
  planned: '待实施',
  in_progress: '实施中',
  complied: '已履行',
  failed: '无效',
  cancelled: '已取消',
};
/** A step still running: the ladder waits for it before suggesting the next. */
export const INTERVENTION_OPEN: readonly InterventionStatus[] = ['planned', 'in_progress'];

/** What the receiving unit's 办结 says happened (ReferralStepBody.intervention.result). */
export const INTERVENTION_RESULTS = ['issued', 'complied', 'failed'] as const;
export type InterventionResult = (typeof INTERVENTION_RESULTS)[number];
export const INTERVENTION_RESULT_ZH: Record<InterventionResult, string> = {
  issued: '已作出（指导令已发出 / 申请已提出）',
  complied: '已实施，监护人已改正',
  failed: '未能实施或监护人拒不改正',
};

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
const Person = plainName(z.string().trim().max(50, '实施人最多 50 个字'), '实施人').optional().nullable();
const Sessions = z
  .number({ error: '指导次数须为数字' })
  .int('指导次数须为整数')
  .min(1, '指导次数至少 1 次')
  .max(100, '指导次数最多 100 次')
  .optional()
  .nullable();

export const InterventionKindEnum = z.enum(INTERVENTION_KINDS, { error: '请选择干预措施（劝诫、训诫、家庭教育指导令、撤销监护资格或支持起诉）' });

/** A new step. `toUnit`: the unit that takes it (not for 劝诫: the caller's own unit). */
export const InterventionCreate = z.object({
  kind: InterventionKindEnum,
  toUnit: z.string().trim().max(64).optional().nullable(),
  reason: Text('干预事由', 2000),
  /** 劝诫 taken already: who and when (the other kinds: the receiving unit records them). */
  personName: Person,
  decidedOn: DateStr.optional().nullable(),
  /** The referral's deadline (default: the referral kind's working days). */
  dueOn: DateStr.optional().nullable(),
  /** A guidance order: the sessions asked for (the court or procuratorate may set them on 办结). */
  sessionsRequired: Sessions,
  previousId: Uuid('前一步措施编号格式不正确').optional().nullable(),
});
export type InterventionCreate = z.infer<typeof InterventionCreate>;

/** The outcome recorded on the ladder (a 劝诫, or a guidance order's end after its sessions). */
export const InterventionOutcome = z.object({
  version: Version,
  status: z.enum(['in_progress', 'complied', 'failed'], { error: '请选择结果：实施中、已履行或无效' }),
  outcomeNote: Text('结果说明', 2000),
  personName: Person,
  decidedOn: DateStr.optional().nullable(),
  sessionsRequired: Sessions,
});
export type InterventionOutcome = z.infer<typeof InterventionOutcome>;

export const InterventionCancel = z.object({ version: Version, reason: Text('取消原因', 1000) });
export type InterventionCancel = z.infer<typeof InterventionCancel>;

/** Sends a step whose referral was declined (back to 待实施) again, perhaps to another unit. */
export const InterventionResend = z.object({
  version: Version,
  toUnit: z.string({ error: '请选择接收单位' }).trim().min(1, '请选择接收单位').max(64),
  dueOn: DateStr.optional().nullable(),
});
export type InterventionResend = z.infer<typeof InterventionResend>;

/** 办结 of a referral carrying a step (ReferralStepBody.intervention). */
export const InterventionReferralOutcome = z.object({
  result: z.enum(INTERVENTION_RESULTS, { error: '请选择实施结果' }),
  decidedOn: DateStr,
  personName: plainName(z.string({ error: '请填写实施人' }).trim().min(1, '请填写实施人').max(50, '实施人最多 50 个字'), '实施人'),
  sessionsRequired: Sessions,
});
export type InterventionReferralOutcome = z.infer<typeof InterventionReferralOutcome>;

export const InterventionStatusEnum = z.enum(INTERVENTION_STATUSES);

/** A step as `full` depth shows it. Summary depth: reason, outcomeNote, personName and referral notes are null. */
export const Intervention = z.object({
  id: z.string(),
  childId: z.string(),
  kind: InterventionKindEnum,
  status: InterventionStatusEnum,
  unitCode: z.string().nullable(),
  unitName: z.string().nullable(),
  personName: z.string().nullable(),
  decidedOn: z.string().nullable(),
  reason: z.string().nullable(),
  outcomeNote: z.string().nullable(),
  sessionsRequired: z.number().nullable(),
  sessionsAttended: z.number(),
  sessionsMissed: z.number(),
  previousId: z.string().nullable(),
  referral: z
    .object({
      id: z.string(),
      no: z.number(),
      status: z.string(),
      dueOn: z.string(),
      overdue: z.boolean(),
      declineReason: z.string().nullable(),
    })
    .nullable(),
  /** Documents of the step (H3's printable letters): how many; the link area shows them. */
  documents: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number(),
});
export type Intervention = z.infer<typeof Intervention>;

export const LadderSuggestion = z.object({
  kind: InterventionKindEnum,
  /** Chinese, e.g. 训诫后仍发现侵害情形，建议申请家庭教育指导令. Null at summary depth. */
  reason: z.string().nullable(),
  basis: z.enum(['failed', 'harm_after', 'sessions_missed', 'assessment', 'assessment_after']),
  /** The other kind of the same rung (撤销监护资格 ↔ 支持起诉). */
  alternative: InterventionKindEnum.nullable(),
});
export type LadderSuggestion = z.infer<typeof LadderSuggestion>;

export const Ladder = z.object({
  depth: z.enum(['full', 'summary']),
  steps: z.array(Intervention),
  suggestion: LadderSuggestion.nullable(),
  /** What falls to the caller (the child director: record a 劝诫, watch a guidance order's sessions). */
  tasks: z.array(z.string()),
  canWrite: z.boolean(),
});
export type Ladder = z.infer<typeof Ladder>;

/** The units that take a step of a kind for this child (the service directory), for the new-step dialog. */
export const InterventionUnits = z.object({
  items: z.array(z.object({ code: z.string(), name: z.string(), defaultDays: z.number(), dueOn: z.string() })),
});
export const InterventionUnitsQuery = z.object({ kind: InterventionKindEnum });
