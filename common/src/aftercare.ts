/**
 * 返家监护监督与临时照料 (plan tasks 16, 17): the API contract of the supervision of a child
 * returned home (监护监督员, the follow-up schedule and records, ending it), the overdue follow-ups
 * (the street's list and the procuratorate's masked list), temporary care placements, and the
 * configurable follow-up schedule. Depth (full / summary) follows server/src/modules/guardianship/policies.ts:
 * a `summary` reader gets null for every note and for the supervisor's phone.
 */
import { z } from 'zod';
import { PageQuery, page } from './api.js';
import { DateStr } from './casework.js';
import { plainName, plainText } from './text.js';

// ---- vocabulary ----

export const FOLLOWUP_METHODS = ['home_visit', 'phone', 'school', 'other'] as const;
export type FollowupMethod = (typeof FOLLOWUP_METHODS)[number];
export const FOLLOWUP_METHOD_ZH: Record<FollowupMethod, string> = { home_visit: '入户走访', phone: '电话回访', school: '到校了解', other: '其他方式' };

export const PLACE_KINDS = ['institution', 'temporary_point'] as const;
export type PlaceKind = (typeof PLACE_KINDS)[number];
export const PLACE_KIND_ZH: Record<PlaceKind, string> = { institution: '未成年人救助保护机构', temporary_point: '街道困境儿童临时照料点' };

export const PLACEMENT_SERVICES = ['upbringing', 'education', 'medical', 'psychological'] as const;
export type PlacementService = (typeof PLACEMENT_SERVICES)[number];
export const PLACEMENT_SERVICE_ZH: Record<PlacementService, string> = { upbringing: '养育', education: '教育', medical: '医疗', psychological: '心理辅导' };

export const DISCHARGE_DESTINATIONS = ['family', 'kin', 'foster', 'institution', 'adoption', 'other'] as const;
export type DischargeDestination = (typeof DISCHARGE_DESTINATIONS)[number];
export const DISCHARGE_ZH: Record<DischargeDestination, string> = {
  family: '回归家庭',
  kin: '亲属抚养',
  foster: '家庭寄养',
  institution: '转入福利机构',
  adoption: '收养',
  other: '其他',
};

// ---- shared pieces ----

const Uuid = (message = '编号格式不正确') => z.string().uuid(message);
const Version = z.number({ error: '缺少版本号，请刷新后再改' }).int().min(1);
const Text = (label: string, max: number) =>
  plainText(
    z
      .string({ error: `请填写${label}` })
      .trim()
      .min(2, `${label}至少 2 个字`)
      .max(max, `${label}最多 ${max} 个字`),
    label,
  );
const OptText = (label: string, max: number) =>
  plainText(z.string().trim().max(max, `${label}最多 ${max} 个字`), label)
    .optional()
    .nullable();
const Phone = z
  .string()
  .trim()
  .regex(/^(1\d{10}|0\d{2,3}-?\d{7,8}|\d{8})$/, '电话号码格式不正确：手机 11 位，座机如 021-65431234');
const Days = (label: string, min: number, max: number) =>
  z
    .number({ error: `请填写${label}` })
    .int(`${label}须为整数`)
    .min(min, `${label}不能少于 ${min} 天`)
    .max(max, `${label}不能超过 ${max} 天`);

// ---- the schedule ----

export const AftercareSettings = z.object({
  firstIntervalDays: z.number(),
  firstPeriodDays: z.number(),
  laterIntervalDays: z.number(),
  version: z.number(),
  updatedAt: z.string().nullable(),
});
export type AftercareSettings = z.infer<typeof AftercareSettings>;
export const AftercareSettingsUpdate = z.object({
  firstIntervalDays: Days('返家初期回访间隔', 1, 365),
  firstPeriodDays: Days('返家初期时长', 0, 3650),
  laterIntervalDays: Days('此后回访间隔', 1, 365),
  version: Version,
});

// ---- supervision of a child returned home ----

export const SupervisorCandidate = z.object({ id: z.string(), displayName: z.string(), unitName: z.string(), roles: z.array(z.string()) });
export const SupervisorCandidateList = z.object({ items: z.array(SupervisorCandidate) });

/** The supervisor: a platform user of the child's street or committee, or a named person with a phone. */
const SupervisorPick = z.object({
  supervisorUserId: Uuid('请选择监护监督员').optional().nullable(),
  supervisorName: plainName(z.string().trim().max(40, '监督员姓名最多 40 个字'), '监督员姓名').optional().nullable(),
  supervisorPhone: Phone.optional().nullable().or(z.literal('')),
});
const supervisorRule = (b: z.infer<typeof SupervisorPick>, ctx: z.RefinementCtx) => {
  if (b.supervisorUserId) return;
  if (!b.supervisorName || b.supervisorName.length < 2) {
    ctx.addIssue({ code: 'custom', path: ['supervisorName'], message: '请选择平台用户作为监护监督员，或填写监督员姓名（至少 2 个字）' });
  }
  if (!b.supervisorPhone) ctx.addIssue({ code: 'custom', path: ['supervisorPhone'], message: '非平台用户担任监护监督员时，请填写其联系电话' });
};

export const SupervisionCreate = SupervisorPick.extend({
  childId: Uuid('请选择儿童'),
  returnedOn: DateStr,
  /** A fixed interval for this child instead of the district's schedule. */
  intervalDays: Days('回访间隔', 1, 365).optional().nullable(),
  note: OptText('备注', 1000),
}).superRefine(supervisorRule);
export type SupervisionCreate = z.infer<typeof SupervisionCreate>;

export const SupervisorChange = SupervisorPick.extend({ version: Version, note: OptText('备注', 1000) }).superRefine(supervisorRule);
export type SupervisorChange = z.infer<typeof SupervisorChange>;

export const SupervisionEnd = z.object({ endedOn: DateStr, reason: Text('结束原因', 500), version: Version });
export type SupervisionEnd = z.infer<typeof SupervisionEnd>;

export const FollowupRecord = z
  .object({
    doneOn: DateStr,
    method: z.enum(FOLLOWUP_METHODS, { error: '请选择回访方式' }),
    concerns: z.boolean().default(false),
    note: OptText('回访情况', 2000),
    version: Version,
  })
  .superRefine((b, ctx) => {
    if (b.concerns && (!b.note || b.note.length < 2))
      ctx.addIssue({ code: 'custom', path: ['note'], message: '发现问题时请写明情况（至少 2 个字），将登记为发现的问题' });
  });
export type FollowupRecord = z.infer<typeof FollowupRecord>;

export const Followup = z.object({
  id: z.string(),
  supervisionId: z.string(),
  dueOn: z.string(),
  doneOn: z.string().nullable(),
  method: z.enum(FOLLOWUP_METHODS).nullable(),
  concerns: z.boolean().nullable(),
  /** null at summary depth. */
  note: z.string().nullable(),
  daysOverdue: z.number(),
  problemId: z.string().nullable(),
  version: z.number(),
});
export type Followup = z.infer<typeof Followup>;

export const Supervision = z.object({
  id: z.string(),
  childId: z.string(),
  supervisorUserId: z.string().nullable(),
  supervisorName: z.string(),
  /** Masked; null when none or at summary depth. */
  supervisorPhoneMasked: z.string().nullable(),
  hasPhone: z.boolean(),
  returnedOn: z.string(),
  intervalDays: z.number(),
  firstPeriodDays: z.number(),
  laterIntervalDays: z.number(),
  startedOn: z.string(),
  endedOn: z.string().nullable(),
  endReason: z.string().nullable(),
  note: z.string().nullable(),
  nextDueOn: z.string().nullable(),
  followups: z.array(Followup),
  /** The caller is this supervision's supervisor. */
  mine: z.boolean(),
  /** May record the due follow-up (guardianship.write, or the supervisor). */
  canRecord: z.boolean(),
  /** May change the supervisor or end the supervision (guardianship.write). */
  canManage: z.boolean(),
  version: z.number(),
});
export type Supervision = z.infer<typeof Supervision>;

export const PhoneReveal = z.object({
  reason: z.string({ error: '请说明查看原因' }).trim().min(2, '请说明查看原因（至少 2 个字），如“电话联系监督员”').max(200, '原因最多 200 个字'),
});
export const RevealedPhone = z.object({ phone: z.string().nullable() });

// ---- placements ----

export const PlacementCreate = z.object({
  childId: Uuid('请选择儿童'),
  placeKind: z.enum(PLACE_KINDS, { error: '请选择照料场所类型' }),
  placeName: plainName(z.string({ error: '请填写场所名称' }).trim().min(2, '场所名称至少 2 个字').max(80, '场所名称最多 80 个字'), '场所名称'),
  startedOn: DateStr,
  reason: Text('安置原因', 1000),
  services: z.array(z.enum(PLACEMENT_SERVICES, { error: '服务内容只能是养育、教育、医疗、心理辅导' })).max(4),
  serviceNote: OptText('服务说明', 1000),
});
export type PlacementCreate = z.infer<typeof PlacementCreate>;

export const PlacementServicesUpdate = z.object({
  services: z.array(z.enum(PLACEMENT_SERVICES, { error: '服务内容只能是养育、教育、医疗、心理辅导' })).max(4),
  serviceNote: OptText('服务说明', 1000),
  version: Version,
});
export type PlacementServicesUpdate = z.infer<typeof PlacementServicesUpdate>;

export const PlacementDischarge = z.object({
  endedOn: DateStr,
  dischargedTo: z.enum(DISCHARGE_DESTINATIONS, { error: '请选择儿童的去向' }),
  dischargeNote: OptText('离开说明', 1000),
  version: Version,
});
export type PlacementDischarge = z.infer<typeof PlacementDischarge>;

export const Placement = z.object({
  id: z.string(),
  childId: z.string(),
  childName: z.string().nullable(),
  streetName: z.string().nullable(),
  committeeName: z.string().nullable(),
  placeKind: z.enum(PLACE_KINDS),
  placeName: z.string(),
  startedOn: z.string(),
  endedOn: z.string().nullable(),
  days: z.number(),
  /** null at summary depth (as every note). */
  reason: z.string().nullable(),
  services: z.array(z.enum(PLACEMENT_SERVICES)),
  serviceNote: z.string().nullable(),
  dischargedTo: z.enum(DISCHARGE_DESTINATIONS).nullable(),
  dischargeNote: z.string().nullable(),
  canEdit: z.boolean(),
  version: z.number(),
});
export type Placement = z.infer<typeof Placement>;

export const PlacementQuery = PageQuery.extend({
  status: z.enum(['current', 'ended', 'all'], { error: '状态只能是 current、ended 或 all' }).default('current'),
});
export const PlacementList = page(Placement);

// ---- the child's aftercare (the two cards of the 监护 tab) ----

export const ChildAftercare = z.object({
  depth: z.enum(['full', 'summary']),
  supervisions: z.array(Supervision),
  placements: z.array(Placement),
  /** guardianship.write: may start a supervision or a placement. */
  canWrite: z.boolean(),
});
export type ChildAftercare = z.infer<typeof ChildAftercare>;

// ---- overdue follow-ups ----

export const OverdueQuery = PageQuery;
/** The street's list (guardianship.read, under the caller's area). */
export const OverdueFollowup = z.object({
  followupId: z.string(),
  supervisionId: z.string(),
  childId: z.string(),
  childName: z.string(),
  streetName: z.string(),
  committeeName: z.string(),
  supervisorName: z.string(),
  dueOn: z.string(),
  daysOverdue: z.number(),
  version: z.number(),
});
export const OverdueList = page(OverdueFollowup);
/** The procuratorate's list (guardianship.oversight): the whole district, masked, no child id. */
export const MaskedOverdueFollowup = z.object({
  followupId: z.string(),
  childMasked: z.string(),
  streetName: z.string(),
  committeeName: z.string(),
  supervisorName: z.string(),
  dueOn: z.string(),
  daysOverdue: z.number(),
});
export const MaskedOverdueList = page(MaskedOverdueFollowup);

/** The follow-ups waiting on the caller as a supervisor (any depth). */
export const MyFollowup = z.object({
  followupId: z.string(),
  supervisionId: z.string(),
  childId: z.string(),
  childName: z.string(),
  dueOn: z.string(),
  daysOverdue: z.number(),
  version: z.number(),
});
export const MyFollowupList = z.object({ items: z.array(MyFollowup) });
