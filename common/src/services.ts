/**
 * 服务项目与优先预约 (plan tasks 7, 9, 12, 13, 25-27): the catalogue of programmes and their
 * sessions, priority tiers kept as data, bookings with a wait list. The API contract shared by the
 * server (validation + OpenAPI) and the web, and the PURE rules both use (a child's tier, the order
 * of the wait list and who takes a freed place).
 */
import { z } from 'zod';
import { IsoDate, Line, OptLine, OptText } from './fields.js';
import { plainText } from './text.js';

// ---- values ----

export const PROGRAMME_KINDS = {
  holiday_care: '寒暑托班',
  summer_camp: '夏令营',
  baby_house: '宝宝屋',
  childcare: '托育托位',
  home_teaching: '送教上门',
  companionship: '陪伴关爱',
  legal_education: '法治教育',
  mental_health: '心理健康',
  rehabilitation: '康复服务',
  caregiver_course: '科学育儿课程',
  guardianship_support: '监护支持',
  aid: '帮扶救助',
  other: '其他',
} as const;
export type ProgrammeKind = keyof typeof PROGRAMME_KINDS;
const KIND_CODES = [
  'holiday_care',
  'summer_camp',
  'baby_house',
  'childcare',
  'home_teaching',
  'companionship',
  'legal_education',
  'mental_health',
  'rehabilitation',
  'caregiver_course',
  'guardianship_support',
  'aid',
  'other',
] as const satisfies readonly ProgrammeKind[];

export const AUDIENCES = { child: '儿童', guardian: '监护人' } as const;
export type Audience = keyof typeof AUDIENCES;

export const BOOKING_STATUSES = {
  reserved: '已预留（待确认）',
  confirmed: '已确认',
  waitlisted: '候补中',
  cancelled: '已取消',
  expired: '逾期未确认',
  attended: '已参加',
  absent: '缺席',
} as const;
export type BookingStatus = keyof typeof BOOKING_STATUSES;
/** The statuses that hold a place. */
export const TAKING: readonly BookingStatus[] = ['reserved', 'confirmed', 'attended'];
/** The statuses of a live booking (one per participant and session). */
export const LIVE: readonly BookingStatus[] = ['reserved', 'confirmed', 'waitlisted', 'attended'];

export const SESSION_STATUSES = { open: '开放预约', closed: '已截止', cancelled: '已取消' } as const;

// ---- pure rules ----

export interface PriorityRule {
  code: string;
  rank: number;
  name: string;
  categories: readonly string[];
  duringWindow: boolean;
  active: boolean;
}

/**
 * A child's tier: the first active rule (by rank) whose categories it holds; a rule with no
 * categories matches everyone. Null only when no active rule matches at all.
 */
export function tierFor(categories: readonly string[], rules: readonly PriorityRule[]): PriorityRule | null {
  const held = new Set(categories);
  for (const r of [...rules].filter((x) => x.active).sort((a, b) => a.rank - b.rank)) {
    if (r.categories.length === 0 || r.categories.some((c) => held.has(c))) return r;
  }
  return null;
}

/** The tier of a participant not on file (an external one, or a child no rule matches): the last active tier. */
export function lastTier(rules: readonly PriorityRule[]): PriorityRule | null {
  const active = rules.filter((r) => r.active).sort((a, b) => b.rank - a.rank);
  return active[0] ?? null;
}

export interface WaitingEntry {
  id: string;
  rank: number;
  /** Milliseconds since the epoch. */
  requestedAt: number;
  /** Whether its tier may take a place now (the window is closed, or the tier books during it). */
  allowedNow: boolean;
}

/** Wait-list order: rank, then time of request, then id (a stable tie-break). */
export function waitOrder(a: WaitingEntry, b: WaitingEntry): number {
  return a.rank - b.rank || a.requestedAt - b.requestedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * Who takes the free places: the first `free` waiting entries allowed now, in wait-list order. The
 * database function booking_promote does the same (migration 20261206_1310); this is its model.
 */
export function promotions(waiting: readonly WaitingEntry[], free: number): WaitingEntry[] {
  if (free <= 0) return [];
  return waiting
    .filter((w) => w.allowedNow)
    .sort(waitOrder)
    .slice(0, free);
}

/** A masked label a provider sees: 张*明 · 9岁 (the name masked, the age on the session's first day). */
export function rosterLabel(maskedName: string, age: number | null): string {
  return age === null ? maskedName : `${maskedName} · ${age}岁`;
}

// ---- shared pieces ----

const Age = (label: string) =>
  z
    .number({ error: `${label}应为 0-18 的整数` })
    .int(`${label}应为整数`)
    .min(0, `${label}应为 0-18 的整数`)
    .max(18, `${label}应为 0-18 的整数`)
    .nullable()
    .optional();
const Version = z.number({ error: '缺少版本号，请刷新后再改' }).int().min(1, '缺少版本号，请刷新后再改');
const Uuid = (label: string) => z.string({ error: `请选择${label}` }).uuid(`${label}编号格式不正确`);
const Reason = (label: string) =>
  plainText(
    z
      .string({ error: `请填写${label}` })
      .trim()
      .min(2, `请填写${label}（至少 2 个字）`)
      .max(500, `${label}最多 500 个字`),
    label,
  );
const PageFields = {
  page: z.coerce.number({ error: '页码应为数字' }).int().min(1, '页码从 1 开始').default(1),
  pageSize: z.coerce.number({ error: '每页条数应为数字' }).int().min(1).max(100, '每页最多 100 条').default(20),
};

// ---- programmes ----

const ProgrammeFields = {
  name: Line('项目名称', 100),
  kind: z.enum(KIND_CODES, { error: '请选择项目类别' }),
  ownerUnitCode: Line('主办单位', 64),
  providerName: OptLine('承办机构', 100),
  audience: z.enum(['child', 'guardian'], { error: '服务对象应为儿童或监护人' }).default('child'),
  targetGroup: OptLine('服务对象说明', 200),
  minAge: Age('最小年龄'),
  maxAge: Age('最大年龄'),
  cost: OptLine('费用', 100),
  contact: OptLine('联系方式', 100),
  description: OptText('项目简介', 2000),
  planTasks: z.array(z.number().int().min(1, '任务编号应为正整数').max(100, '任务编号应不大于 100')).max(20, '最多关联 20 项任务').default([]),
  mode: z.enum(['group', 'appointment'], { error: '预约方式应为场次或单次预约' }).default('group'),
  priorityBooking: z.boolean({ error: '优先预约应为是或否' }).default(true),
  confirmHours: z
    .number({ error: '确认时限应为 1-720 小时' })
    .int('确认时限应为整数小时')
    .min(1, '确认时限应为 1-720 小时')
    .max(720, '确认时限应为 1-720 小时')
    .default(48),
};
const ageOrder = (v: { minAge?: number | null; maxAge?: number | null }) => v.minAge == null || v.maxAge == null || v.minAge <= v.maxAge;
const AGE_ORDER = { message: '最小年龄不能大于最大年龄', path: ['maxAge'] };

export const ProgrammeCreate = z
  .object({
    code: z
      .string({ error: '请填写项目代码' })
      .trim()
      .min(2, '项目代码至少 2 个字符')
      .max(40, '项目代码最多 40 个字符')
      .regex(/^[a-z0-9][a-z0-9-]*$/, '项目代码只能包含小写字母、数字和连字符'),
    ...ProgrammeFields,
  })
  .refine(ageOrder, AGE_ORDER);
export type ProgrammeCreate = z.infer<typeof ProgrammeCreate>;

export const ProgrammeUpdate = z
  .object({ ...ProgrammeFields, active: z.boolean({ error: '启用状态应为是或否' }), version: Version })
  .refine(ageOrder, AGE_ORDER);
export type ProgrammeUpdate = z.infer<typeof ProgrammeUpdate>;

export const Programme = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  kind: z.string(),
  ownerUnitCode: z.string(),
  ownerUnitName: z.string(),
  providerName: z.string().nullable(),
  audience: z.string(),
  targetGroup: z.string().nullable(),
  minAge: z.number().nullable(),
  maxAge: z.number().nullable(),
  cost: z.string().nullable(),
  contact: z.string().nullable(),
  description: z.string().nullable(),
  planTasks: z.array(z.number()),
  mode: z.string(),
  priorityBooking: z.boolean(),
  confirmHours: z.number(),
  active: z.boolean(),
  version: z.number(),
  openSessions: z.number(),
  canEdit: z.boolean(),
});
export type Programme = z.infer<typeof Programme>;

export const ProgrammeListQuery = z.object({
  kind: z.enum(KIND_CODES, { error: '项目类别不正确' }).optional(),
  audience: z.enum(['child', 'guardian'], { error: '服务对象应为儿童或监护人' }).optional(),
  age: z.coerce.number({ error: '年龄应为数字' }).int('年龄应为整数').min(0, '年龄应为 0-18').max(18, '年龄应为 0-18').optional(),
  ownerUnit: z.string().trim().max(64).optional(),
  hasOpen: z.enum(['true', 'false']).optional(),
  includeInactive: z.enum(['true', 'false']).optional(),
  q: z.string().trim().max(50, '关键词最多 50 个字').optional(),
  ...PageFields,
});
export type ProgrammeListQuery = z.infer<typeof ProgrammeListQuery>;
export const ProgrammeList = z.object({ items: z.array(Programme), total: z.number(), page: z.number(), pageSize: z.number() });

// ---- sessions ----

const SessionFields = {
  title: Line('场次名称', 100),
  startsOn: IsoDate('开始日期'),
  endsOn: IsoDate('结束日期'),
  place: OptLine('地点', 200),
  capacity: z.number({ error: '名额应为 1-10000 的整数' }).int('名额应为整数').min(1, '名额至少为 1').max(10000, '名额最多 10000'),
  priorityUntil: z.iso.datetime({ offset: true, error: '优先预约截止时间格式不正确' }).nullable().optional(),
  note: OptText('备注', 1000),
};
const dateOrder = (v: { startsOn: string; endsOn: string }) => v.endsOn >= v.startsOn;
const DATE_ORDER = { message: '结束日期不能早于开始日期', path: ['endsOn'] };

export const SessionCreate = z.object(SessionFields).refine(dateOrder, DATE_ORDER);
export type SessionCreate = z.infer<typeof SessionCreate>;
export const SessionUpdate = z.object({ ...SessionFields, version: Version }).refine(dateOrder, DATE_ORDER);
export type SessionUpdate = z.infer<typeof SessionUpdate>;
export const SessionCancel = z.object({ reason: Reason('取消原因'), version: Version });
export type SessionCancel = z.infer<typeof SessionCancel>;

export const ProgrammeSession = z.object({
  id: z.string(),
  programmeId: z.string(),
  title: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  place: z.string().nullable(),
  capacity: z.number(),
  priorityUntil: z.string().nullable(),
  windowOpen: z.boolean(),
  status: z.string(),
  cancelReason: z.string().nullable(),
  note: z.string().nullable(),
  taken: z.number(),
  waiting: z.number(),
  left: z.number(),
  started: z.boolean(),
  version: z.number(),
});
export type ProgrammeSession = z.infer<typeof ProgrammeSession>;

export const ProgrammeDetail = z.object({ programme: Programme, sessions: z.array(ProgrammeSession) });
export type ProgrammeDetail = z.infer<typeof ProgrammeDetail>;

// ---- bookings ----

export const BookingCreate = z
  .object({
    childId: Uuid('儿童').optional(),
    memberId: Uuid('监护人').optional(),
    externalName: OptLine('参加人姓名', 50),
  })
  .refine((v) => Boolean(v.childId) !== Boolean(v.externalName), {
    message: '请选择档案中的儿童，或（服务提供单位）填写档案外参加人的姓名',
    path: ['childId'],
  });
export type BookingCreate = z.infer<typeof BookingCreate>;

export const BookingConfirm = z.object({ version: Version });
export const BookingCancel = z.object({ reason: Reason('取消原因'), version: Version });
export type BookingCancel = z.infer<typeof BookingCancel>;
export const BookingAttendance = z.object({
  attended: z.boolean({ error: '请选择参加或缺席' }),
  note: OptText('出勤备注', 500),
  version: Version,
});
export type BookingAttendance = z.infer<typeof BookingAttendance>;

export const Booking = z.object({
  id: z.string(),
  sessionId: z.string(),
  programmeId: z.string(),
  programmeName: z.string(),
  sessionTitle: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  place: z.string().nullable(),
  participantKind: z.string(),
  childId: z.string().nullable(),
  label: z.string(),
  priorityCode: z.string(),
  priorityRank: z.number(),
  priorityName: z.string(),
  status: z.string(),
  position: z.number().nullable(),
  requestedAt: z.string(),
  expiresAt: z.string().nullable(),
  confirmedAt: z.string().nullable(),
  promotedAt: z.string().nullable(),
  cancelReason: z.string().nullable(),
  attendanceNote: z.string().nullable(),
  version: z.number(),
  canConfirm: z.boolean(),
  canCancel: z.boolean(),
  canMarkAttendance: z.boolean(),
});
export type Booking = z.infer<typeof Booking>;

export const ChildBookings = z.object({ items: z.array(Booking), canBook: z.boolean() });
export type ChildBookings = z.infer<typeof ChildBookings>;

export const Bookable = z.object({
  age: z.number(),
  tierName: z.string(),
  members: z.array(z.object({ id: z.string(), name: z.string(), relation: z.string() })),
  items: z.array(z.object({ programme: Programme, sessions: z.array(ProgrammeSession) })),
});
export type Bookable = z.infer<typeof Bookable>;

export const Roster = z.object({ session: ProgrammeSession, programme: Programme, items: z.array(Booking) });
export type Roster = z.infer<typeof Roster>;

// ---- priority rules ----

export const PriorityRuleOut = z.object({
  code: z.string(),
  rank: z.number(),
  name: z.string(),
  nameEn: z.string(),
  categories: z.array(z.string()),
  duringWindow: z.boolean(),
  active: z.boolean(),
  note: z.string().nullable(),
  updatedAt: z.string(),
});
export type PriorityRuleOut = z.infer<typeof PriorityRuleOut>;
export const PriorityRuleList = z.object({ items: z.array(PriorityRuleOut) });
export const PriorityRuleCodeParam = z.object({
  code: z
    .string()
    .max(40)
    .regex(/^[a-z0-9_-]+$/, '规则代码格式不正确'),
});
export const PriorityRuleUpdate = z.object({
  name: Line('档次名称', 50),
  nameEn: OptLine('英文名称', 100),
  categories: z.array(z.string().max(40)).max(20, '最多 20 个类别'),
  duringWindow: z.boolean({ error: '请选择优先期内是否可占名额' }),
  active: z.boolean({ error: '启用状态应为是或否' }),
  note: OptText('说明', 500),
});
export type PriorityRuleUpdate = z.infer<typeof PriorityRuleUpdate>;
