/**
 * 活动与频次 (plan tasks 1, 2, 8, 29-31, 34, 35): activities organised by a residential committee, a
 * street's minor-protection station (未保站), a school or a department; their participants; the
 * cadence rules kept as data; and the PURE compliance engine shared by the server (compliance
 * lists, indicators) and its property tests. The API contract of the activities module.
 */
import { z } from 'zod';
import { IsoDate, Line, OptLine, OptText } from './fields.js';
export { IsoDate } from './fields.js';
import { addDays } from './dates.js';
import { plainName } from './text.js';
import { page, PageQuery } from './api.js';

// ---- reference lists ----

export const ACTIVITY_KINDS = [
  'safety',
  'lecture',
  'themed',
  'legal',
  'online_safety',
  'qinglang_week',
  'public_interest',
  'mental_health',
  'practice',
  'other',
] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];
export const ACTIVITY_KIND_NAMES: Record<ActivityKind, { zh: string; en: string }> = {
  safety: { zh: '安全知识（防溺水、防欺凌等）', en: 'Safety (drowning, bullying…)' },
  lecture: { zh: '专题讲座', en: 'Lecture' },
  themed: { zh: '主题活动', en: 'Themed activity' },
  legal: { zh: '法治教育', en: 'Legal education' },
  online_safety: { zh: '网络安全与防沉迷', en: 'Online safety and addiction prevention' },
  qinglang_week: { zh: '“清朗浦江”宣传周', en: '清朗浦江 online-environment week' },
  public_interest: { zh: '公益活动', en: 'Public-interest activity' },
  mental_health: { zh: '心理健康', en: 'Mental health' },
  practice: { zh: '教育实践', en: 'Education practice' },
  other: { zh: '其他', en: 'Other' },
};

/** The plan tasks an activity of a kind serves unless the recorder says otherwise. */
export const DEFAULT_PLAN_TASKS: Record<ActivityKind, number[]> = {
  safety: [29],
  lecture: [30],
  themed: [30],
  legal: [2],
  online_safety: [34],
  qinglang_week: [35],
  public_interest: [8],
  mental_health: [],
  practice: [1],
  other: [],
};

export const ORGANISER_KINDS = ['committee', 'station', 'school', 'department'] as const;
export type OrganiserKind = (typeof ORGANISER_KINDS)[number];
export const ORGANISER_KIND_NAMES: Record<OrganiserKind, { zh: string; en: string }> = {
  committee: { zh: '居民区', en: 'Residential committee' },
  station: { zh: '街道未保站', en: 'Street minor-protection station' },
  school: { zh: '学校', en: 'School' },
  department: { zh: '区级部门', en: 'District department' },
};

export const ACTIVITY_STATUSES = ['planned', 'done', 'cancelled'] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];

export const CADENCE_PERIODS = ['year', 'quarter', 'before_holiday'] as const;
export type CadencePeriod = (typeof CADENCE_PERIODS)[number];
export const CADENCE_ORGANISER_KINDS = ['committee', 'station', 'school'] as const;
export type CadenceOrganiserKind = (typeof CADENCE_ORGANISER_KINDS)[number];
export const SCHOOL_SITE_KINDS = ['school', 'kindergarten'] as const;

// ---- the compliance engine (pure) ----

export interface RuleLike {
  code: string;
  period: CadencePeriod;
  activityKinds: readonly string[];
  minCount: number;
  requireGuardianContact: boolean;
}

/** A done activity of an organiser: only these count. */
export interface DoneActivity {
  organiser: string;
  heldOn: string;
  kind: string;
  guardiansContacted: boolean;
}

export interface HolidayLike {
  startsOn: string;
  endsOn: string;
}

export interface Period {
  /** null: the holiday calendar does not say where it starts or ends. */
  start: string | null;
  end: string | null;
  /** The last day an activity counts for this period (its end). */
  deadline: string | null;
  count: number;
}
export interface CurrentPeriod extends Period {
  status: 'done' | 'due' | 'undetermined';
}
export interface ClosedPeriod extends Period {
  status: 'done' | 'missed' | 'undetermined';
}
export interface OrganiserCompliance {
  organiser: string;
  current: CurrentPeriod;
  lastClosed: ClosedPeriod | null;
  /** On the overdue list: missed the last closed period and not yet met the rule now, or past the current deadline. */
  overdue: boolean;
  /** The last counting activity (any period), for the lists. */
  lastHeldOn: string | null;
}

/** How far back a period whose start the calendar does not give is counted (a term is never longer). */
export const OPEN_START_DAYS = 366;

const pad = (n: number) => String(n).padStart(2, '0');

/** The calendar quarter holding `day`: [first day, last day]. */
export function quarterOf(day: string): [string, string] {
  const y = Number(day.slice(0, 4));
  const q = Math.floor((Number(day.slice(5, 7)) - 1) / 3);
  const start = `${y}-${pad(q * 3 + 1)}-01`;
  const next = q === 3 ? `${y + 1}-01-01` : `${y}-${pad(q * 3 + 4)}-01`;
  return [start, addDays(next, -1)];
}

export function yearOf(day: string): [string, string] {
  const y = day.slice(0, 4);
  return [`${y}-01-01`, `${y}-12-31`];
}

/**
 * The before-holiday periods around `day`: the current one runs from the day after the last
 * holiday that started on or before `day` ends, to the day before the next holiday starts; the last
 * closed one ends the day before that last holiday starts and begins the day after the holiday
 * before it ends. A missing calendar row leaves the bound null.
 */
export function holidayPeriods(
  holidays: readonly HolidayLike[],
  day: string,
): { current: [string | null, string | null]; lastClosed: [string | null, string] | null } {
  const sorted = [...holidays].sort((a, b) => (a.startsOn < b.startsOn ? -1 : a.startsOn > b.startsOn ? 1 : 0));
  let prevIdx = -1;
  sorted.forEach((h, i) => {
    if (h.startsOn <= day) prevIdx = i;
  });
  const prev = prevIdx >= 0 ? sorted[prevIdx] : undefined;
  const next = sorted[prevIdx + 1];
  const before = prevIdx >= 1 ? sorted[prevIdx - 1] : undefined;
  return {
    current: [prev ? addDays(prev.endsOn, 1) : null, next ? addDays(next.startsOn, -1) : null],
    lastClosed: prev ? [before ? addDays(before.endsOn, 1) : null, addDays(prev.startsOn, -1)] : null,
  };
}

function counting(rule: RuleLike, a: DoneActivity): boolean {
  return rule.activityKinds.includes(a.kind) && (!rule.requireGuardianContact || a.guardiansContacted);
}

function countIn(list: readonly DoneActivity[], start: string | null, end: string | null, upTo: string): number {
  // an open start counts back at most OPEN_START_DAYS from the end (or from the day for an open end)
  const last = end === null || end > upTo ? upTo : end;
  const first = start ?? addDays(end ?? upTo, -OPEN_START_DAYS);
  return list.filter((a) => a.heldOn >= first && a.heldOn <= last).length;
}

/**
 * Compliance of each organiser with one rule on `day`: the current period (start, end, deadline,
 * count, done | due, or undetermined when the holiday calendar has no row for it) and the last
 * closed period (done | missed, or undetermined — never missed — when a bound is unknown).
 * Only activities held on or before `day` count. Pure: the same inputs give the same answer.
 */
export function compliance(
  rule: RuleLike,
  organisers: readonly string[],
  activities: readonly DoneActivity[],
  holidays: readonly HolidayLike[],
  day: string,
): OrganiserCompliance[] {
  const byOrganiser = new Map<string, DoneActivity[]>();
  for (const a of activities) {
    if (a.heldOn > day || !counting(rule, a)) continue;
    const list = byOrganiser.get(a.organiser) ?? [];
    list.push(a);
    byOrganiser.set(a.organiser, list);
  }
  let cur: [string | null, string | null];
  let closed: [string | null, string | null] | null;
  if (rule.period === 'year') {
    cur = yearOf(day);
    closed = yearOf(addDays(cur[0] ?? day, -1));
  } else if (rule.period === 'quarter') {
    cur = quarterOf(day);
    closed = quarterOf(addDays(cur[0] ?? day, -1));
  } else {
    const p = holidayPeriods(holidays, day);
    cur = p.current;
    closed = p.lastClosed;
  }
  return organisers.map((organiser) => {
    const list = byOrganiser.get(organiser) ?? [];
    const count = countIn(list, cur[0], cur[1], day);
    const bounded = cur[1] !== null;
    const current: CurrentPeriod = {
      start: cur[0],
      end: cur[1],
      deadline: cur[1],
      count,
      status: count >= rule.minCount ? 'done' : bounded ? 'due' : 'undetermined',
    };
    let lastClosed: ClosedPeriod | null = null;
    if (closed) {
      const n = countIn(list, closed[0], closed[1], day);
      lastClosed = {
        start: closed[0],
        end: closed[1],
        deadline: closed[1],
        count: n,
        status: n >= rule.minCount ? 'done' : closed[0] === null ? 'undetermined' : 'missed',
      };
    }
    const pastDeadline = current.deadline !== null && current.deadline < day && current.status !== 'done';
    const overdue = (lastClosed?.status === 'missed' && current.status !== 'done') || pastDeadline;
    const lastHeldOn = list.reduce<string | null>((m, a) => (m === null || a.heldOn > m ? a.heldOn : m), null);
    return { organiser, current, lastClosed, overdue, lastHeldOn };
  });
}

/** Where an organiser stands, for the lists: overdue first, then due, done, undetermined. */
export function standing(c: OrganiserCompliance): 'overdue' | 'due' | 'done' | 'undetermined' {
  if (c.overdue) return 'overdue';
  return c.current.status;
}

// ---- schemas ----

const Uuid = (message = '编号格式不正确') => z.string().uuid(message);
const Version = z.number({ error: '缺少版本号，请刷新后再改' }).int().min(1);
const Count = (label: string) =>
  z
    .number({ error: `${label}应为数字（请使用半角数字）` })
    .int(`${label}应为整数`)
    .min(0, `${label}不能为负数`)
    .max(100000, `${label}不能超过 100000`);

export const ActivityKindEnum = z.enum(ACTIVITY_KINDS, { error: '活动类型不正确，请从列表中选择' });
export const OrganiserKindEnum = z.enum(ORGANISER_KINDS, { error: '组织者类型不正确，应为居民区、街道未保站、学校或区级部门' });

const ActivityFields = {
  title: Line('活动名称', 80),
  kind: ActivityKindEnum,
  organiserKind: OrganiserKindEnum,
  /** committee: the committee */
  committeeId: Uuid('居民区编号格式不正确').optional().nullable(),
  /** station: the street */
  streetCode: z.string().trim().max(40, '街道代码过长').optional().nullable(),
  /** school: the site */
  siteId: Uuid('学校编号格式不正确').optional().nullable(),
  /** department: the unit (default: the caller's own) */
  unitCode: z.string().trim().max(60, '单位代码过长').optional().nullable(),
  heldOn: IsoDate('活动日期'),
  endsOn: IsoDate('结束日期').optional().nullable(),
  place: OptLine('活动地点', 120),
  status: z.enum(['planned', 'done'], { error: '状态应为计划或已开展' }).default('planned'),
  childrenCount: Count('参加儿童人数').default(0),
  guardiansCount: Count('参加监护人人数').default(0),
  guardiansContacted: z.boolean({ error: '请选择是否已联系监护人' }).default(false),
  description: OptText('活动内容', 4000),
  planTasks: z
    .array(z.number({ error: '任务编号应为数字' }).int('任务编号应为整数').min(1, '任务编号为 1–41').max(41, '任务编号为 1–41'), { error: '任务编号应为列表' })
    .max(10, '最多关联 10 项任务')
    .optional(),
};
const endsAfterStart = (v: { heldOn: string; endsOn?: string | null }) => !v.endsOn || v.endsOn >= v.heldOn;
const ENDS_MSG = { message: '结束日期不能早于活动日期', path: ['endsOn'] };

export const ActivityCreate = z.object(ActivityFields).refine(endsAfterStart, ENDS_MSG);
export type ActivityCreate = z.infer<typeof ActivityCreate>;
export const ActivityUpdate = z.object({ ...ActivityFields, version: Version }).refine(endsAfterStart, ENDS_MSG);
export type ActivityUpdate = z.infer<typeof ActivityUpdate>;
export const ActivityCancel = z.object({ version: Version, reason: Line('取消原因', 200) });
export const ActivityComplete = z.object({
  version: Version,
  childrenCount: Count('参加儿童人数').optional(),
  guardiansCount: Count('参加监护人人数').optional(),
  guardiansContacted: z.boolean({ error: '请选择是否已联系监护人' }).optional(),
});

export const Activity = z.object({
  id: z.string(),
  title: z.string(),
  kind: ActivityKindEnum,
  organiserKind: OrganiserKindEnum,
  organiserName: z.string(),
  committeeId: z.string().nullable(),
  streetCode: z.string().nullable(),
  streetName: z.string().nullable(),
  siteId: z.string().nullable(),
  unitCode: z.string(),
  unitName: z.string(),
  heldOn: z.string(),
  endsOn: z.string().nullable(),
  place: z.string().nullable(),
  status: z.enum(ACTIVITY_STATUSES),
  cancelReason: z.string().nullable(),
  childrenCount: z.number(),
  guardiansCount: z.number(),
  guardiansContacted: z.boolean(),
  description: z.string().nullable(),
  planTasks: z.array(z.number()),
  participants: z.number(),
  attachments: z.number(),
  version: z.number(),
  canEdit: z.boolean(),
  createdAt: z.string(),
});
export type Activity = z.infer<typeof Activity>;
export const ActivityList = page(Activity);
export const ActivityQuery = PageQuery.extend({
  organiserKind: OrganiserKindEnum.optional(),
  kind: ActivityKindEnum.optional(),
  status: z.enum(ACTIVITY_STATUSES).optional(),
  street: z.string().max(40).optional(),
  committeeId: Uuid().optional(),
  siteId: Uuid().optional(),
  from: IsoDate('开始日期').optional(),
  to: IsoDate('截止日期').optional(),
  q: z.string().trim().max(40, '搜索词最多 40 个字').optional(),
});

export const Participant = z.object({
  id: z.string(),
  childId: z.string(),
  childName: z.string(),
  committeeName: z.string(),
  role: z.enum(['child', 'guardian']),
  memberId: z.string().nullable(),
  memberName: z.string().nullable(),
});
export const ActivityAttachment = z.object({
  id: z.string(),
  kind: z.enum(['photo', 'sign_in', 'other']),
  filename: z.string(),
  mime: z.string(),
  sizeBytes: z.number(),
  createdAt: z.string(),
  metadataRemoved: z.boolean().optional(),
});
export const ActivityDetail = Activity.extend({
  /** The participants the caller's area reaches (row-level security): others are counted, not named. */
  participantList: z.array(Participant),
  attachmentList: z.array(ActivityAttachment),
});
export type ActivityDetail = z.infer<typeof ActivityDetail>;

export const ParticipantAdd = z.object({
  childIds: z.array(Uuid('儿童编号格式不正确'), { error: '请选择儿童' }).min(1, '请至少选择一名儿童').max(200, '一次最多添加 200 名儿童'),
  /** Also add the children's guardians (each child's first guardian on file). */
  withGuardians: z.boolean().default(false),
});
export const ParticipantAdded = z.object({ added: z.number(), items: z.array(Participant) });
export const ParticipantParams = z.object({ id: Uuid(), participantId: Uuid() });
export const AttachmentParams = z.object({ id: Uuid(), attachmentId: Uuid() });
export const ActivityAttachmentUpload = z.object({
  kind: z.enum(['photo', 'sign_in', 'other'], { error: '请选择附件类型：照片、签到表或其他' }),
  filename: plainName(z.string({ error: '请提供文件名' }).trim().min(1, '请提供文件名').max(200, '文件名最多 200 个字符'), '文件名'),
  contentBase64: z.string({ error: '文件为空' }).min(1, '文件为空').max(14_000_000, '文件超过 10 MB，请压缩或拆分后再上传'),
});

export const ChildActivity = z.object({
  participantId: z.string(),
  activityId: z.string(),
  title: z.string(),
  kind: ActivityKindEnum,
  organiserName: z.string(),
  heldOn: z.string(),
  status: z.enum(ACTIVITY_STATUSES),
  role: z.enum(['child', 'guardian']),
  memberName: z.string().nullable(),
});
export const ChildActivities = z.object({ items: z.array(ChildActivity), total: z.number() });

// ---- organisers (pickers) ----
export const Organiser = z.object({
  kind: OrganiserKindEnum,
  /** committee id, street code, site id or unit code */
  key: z.string(),
  name: z.string(),
  streetCode: z.string().nullable(),
  streetName: z.string().nullable(),
  /** The caller may record activities for it. */
  writable: z.boolean(),
});
export type Organiser = z.infer<typeof Organiser>;
export const OrganiserQuery = z.object({ kind: OrganiserKindEnum.optional(), street: z.string().max(40).optional() });
export const OrganiserList = z.object({ items: z.array(Organiser) });

// ---- cadence rules ----
export const CadenceRule = z.object({
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  organiserKind: z.enum(CADENCE_ORGANISER_KINDS),
  activityKinds: z.array(ActivityKindEnum),
  period: z.enum(CADENCE_PERIODS),
  minCount: z.number(),
  siteKinds: z.array(z.string()),
  requireGuardianContact: z.boolean(),
  planTask: z.number().nullable(),
  active: z.boolean(),
  note: z.string().nullable(),
  version: z.number(),
  updatedAt: z.string(),
});
export type CadenceRule = z.infer<typeof CadenceRule>;
export const CadenceRuleList = z.object({ items: z.array(CadenceRule) });
export const CadenceRuleUpdate = z.object({
  name: Line('规则名称', 80),
  activityKinds: z.array(ActivityKindEnum, { error: '请选择计入的活动类型' }).min(1, '请至少选择一种计入的活动类型').max(ACTIVITY_KINDS.length),
  period: z.enum(CADENCE_PERIODS, { error: '周期应为每年、每季度或每个寒暑假前' }),
  minCount: z.number({ error: '最少次数应为数字（请使用半角数字）' }).int('最少次数应为整数').min(1, '最少次数至少为 1').max(100, '最少次数最多 100'),
  siteKinds: z
    .array(z.enum(SCHOOL_SITE_KINDS, { error: '学校类型应为中小学或幼儿园' }))
    .max(2)
    .default([]),
  requireGuardianContact: z.boolean({ error: '请选择是否要求联系监护人' }),
  active: z.boolean({ error: '请选择是否启用' }),
  note: OptText('说明', 500),
  version: Version,
});
export type CadenceRuleUpdate = z.infer<typeof CadenceRuleUpdate>;
export const CadenceCodeParam = z.object({ code: z.string().min(1).max(60) });

// ---- compliance lists ----
const PeriodOut = z.object({ start: z.string().nullable(), end: z.string().nullable(), deadline: z.string().nullable(), count: z.number() });
export const ComplianceRow = z.object({
  organiserKind: OrganiserKindEnum,
  key: z.string(),
  name: z.string(),
  streetCode: z.string().nullable(),
  streetName: z.string().nullable(),
  standing: z.enum(['overdue', 'due', 'done', 'undetermined']),
  current: PeriodOut.extend({ status: z.enum(['done', 'due', 'undetermined']) }),
  lastClosed: PeriodOut.extend({ status: z.enum(['done', 'missed', 'undetermined']) }).nullable(),
  lastHeldOn: z.string().nullable(),
  writable: z.boolean(),
});
export type ComplianceRow = z.infer<typeof ComplianceRow>;
export const RuleCompliance = z.object({
  rule: CadenceRule,
  counts: z.object({ overdue: z.number(), due: z.number(), done: z.number(), undetermined: z.number(), total: z.number() }),
  rows: z.array(ComplianceRow),
});
export type RuleCompliance = z.infer<typeof RuleCompliance>;
export const ComplianceQuery = z.object({ street: z.string().max(40).optional(), rule: z.string().max(60).optional() });
export const ComplianceReport = z.object({ day: z.string(), streetCode: z.string().nullable(), rules: z.array(RuleCompliance) });
export type ComplianceReport = z.infer<typeof ComplianceReport>;
