/**
 * 固本强基·人员台账与入职查询 (plan tasks 36, 37): the ledger of child directors, street supervisors
 * and social workers, the committees they serve, the accounts opened for them, and their record
 * checks (未成年人保护法 Art. 62). The API contract of the workforce and vetting modules.
 */
import { z } from 'zod';
import { IsoDate, Line, OptLine, OptText } from './fields.js';
import { PageQuery, page } from './api.js';
import { idNumberSchema } from './idNumber.js';
import { CHECK_KINDS, type CheckState } from './vetting.js';

// ---- reference lists ----

export const ROLE_KINDS = ['child_director', 'street_supervisor', 'social_worker', 'station_staff', 'other'] as const;
export type RoleKind = (typeof ROLE_KINDS)[number];
export const ROLE_KIND_NAMES: Record<RoleKind, string> = {
  child_director: '儿童主任',
  street_supervisor: '儿童督导员',
  social_worker: '社会工作者',
  station_staff: '未保站工作人员',
  other: '其他',
};

export const POSTS = ['party_secretary', 'committee_director', 'committee_member', 'social_worker', 'other'] as const;
export type Post = (typeof POSTS)[number];
export const POST_NAMES: Record<Post, string> = {
  party_secretary: '党组织书记',
  committee_director: '居委会主任',
  committee_member: '委员',
  social_worker: '社工',
  other: '其他',
};

export const CERT_LEVELS = ['none', 'assistant', 'intermediate', 'senior'] as const;
export type CertLevel = (typeof CERT_LEVELS)[number];
export const CERT_LEVEL_NAMES: Record<CertLevel, string> = {
  none: '无',
  assistant: '助理社会工作师',
  intermediate: '社会工作师',
  senior: '高级社会工作师',
};

/** The account role each role kind is opened with ("开通账号"); kinds without one get no account here. */
export const ACCOUNT_ROLE_OF: Partial<Record<RoleKind, string>> = {
  child_director: 'child_director',
  street_supervisor: 'street_supervisor',
  social_worker: 'social_worker',
};

export const CHECK_STATES = ['valid', 'expiring', 'lapsed', 'pending', 'none', 'restricted'] as const satisfies readonly CheckState[];

/** The refusal of Art. 62, shown whenever an account would reach children without a valid check. */
export const NO_VALID_CHECK_MESSAGE = '未通过入职查询（或已过期）的人员不能开通接触儿童档案的账号（未成年人保护法第六十二条）';
/** The banner of a suspended user. */
export const SUSPENDED_BANNER = '您的入职查询已过期，儿童档案访问已暂停。请联系街道儿童督导员办理年度查询。';

// ---- field builders ----

/** A one-line text that a spreadsheet would not run as a formula (exports open in Excel). */
const NoFormula = <T extends z.ZodType<string | null | undefined>>(s: T, label: string) =>
  s.refine((v) => typeof v !== 'string' || !/^[=+\-@\t\r]/.test(v), `${label}不能以 = + - @ 开头`);
const Name = NoFormula(Line('姓名', 40), '姓名');
const Ref = (label: string) => NoFormula(OptLine(label, 60), label);
const Note = NoFormula(OptText('备注', 500), '备注');
const Version = z.number({ error: '缺少版本号，请刷新后再改' }).int().min(1, '缺少版本号，请刷新后再改');
const Code = (label: string) =>
  z
    .string({ error: `请选择${label}` })
    .min(1, `请选择${label}`)
    .max(40, `${label}代码过长`)
    .regex(/^[a-z0-9][a-z0-9_-]*$/, `${label}代码不正确`);
const Uuid = (label: string) => z.string({ error: `请选择${label}` }).uuid(`${label}不正确`);
const Phone = z
  .string({ error: '手机号应为文字' })
  .trim()
  .regex(/^1\d{10}$|^0\d{2,3}-?\d{7,8}$/, '电话号码格式不正确（11 位手机号或带区号的固定电话）')
  .optional()
  .nullable();
export const Username = z
  .string({ error: '请填写用户名' })
  .trim()
  .regex(/^[a-z][a-z0-9._-]{2,31}$/, '用户名为 3–32 位小写字母、数字、点、下划线或连字符，以字母开头');

export const RoleKindEnum = z.enum(ROLE_KINDS, { error: '请选择人员类别' });
export const PostEnum = z.enum(POSTS, { error: '请选择职务' });
export const CertLevelEnum = z.enum(CERT_LEVELS, { error: '请选择社工职业水平证书等级' });
export const CheckStateEnum = z.enum(CHECK_STATES, { error: '查询状态不正确' });
export const CheckKindEnum = z.enum(CHECK_KINDS, { error: '请选择查询类型（入职前或年度）' });

// ---- the ledger ----

export const CheckSummary = z.object({
  state: CheckStateEnum,
  lastClearOn: z.string().nullable(),
  validUntil: z.string().nullable(),
  daysLeft: z.number().nullable(),
  renewalPending: z.boolean(),
  suspend: z.boolean(),
});
export type CheckSummary = z.infer<typeof CheckSummary>;

export const ServedCommittee = z.object({
  committeeId: z.string(),
  committeeName: z.string(),
  since: z.string(),
  until: z.string().nullable(),
});

export const StaffItem = z.object({
  id: z.string(),
  name: z.string(),
  gender: z.enum(['male', 'female']).nullable(),
  idNumberMasked: z.string().nullable(),
  phoneMasked: z.string().nullable(),
  roleKind: RoleKindEnum,
  post: PostEnum.nullable(),
  certLevel: CertLevelEnum,
  streetCode: z.string().nullable(),
  streetName: z.string().nullable(),
  unitCode: z.string(),
  unitName: z.string(),
  organisationId: z.string().nullable(),
  organisationName: z.string().nullable(),
  committees: z.array(ServedCommittee),
  appointedOn: z.string().nullable(),
  leftOn: z.string().nullable(),
  check: CheckSummary,
  userId: z.string().nullable(),
  username: z.string().nullable(),
  accessSuspended: z.boolean(),
  version: z.number(),
});
export type StaffItem = z.infer<typeof StaffItem>;

export const RecordCheck = z.object({
  id: z.string(),
  kind: CheckKindEnum,
  requestedOn: z.string(),
  requestRef: z.string().nullable(),
  answeredOn: z.string().nullable(),
  result: z.enum(['pending', 'clear', 'restricted']),
  answerRef: z.string().nullable(),
  note: z.string().nullable(),
  version: z.number(),
});
export type RecordCheck = z.infer<typeof RecordCheck>;

export const Staff = StaffItem.extend({
  note: z.string().nullable(),
  committeeHistory: z.array(ServedCommittee),
  checks: z.array(RecordCheck),
});
export type Staff = z.infer<typeof Staff>;

export const StaffQuery = PageQuery.extend({
  street: z.string().max(32).optional(),
  committee: z.string().uuid('居民区不正确').optional(),
  roleKind: RoleKindEnum.optional(),
  post: PostEnum.optional(),
  check: CheckStateEnum.optional(),
  status: z.enum(['active', 'left', 'all'], { error: '在职状态不正确' }).default('active'),
  q: z.string().trim().max(40, '搜索最多 40 个字').optional(),
});
export const StaffList = page(StaffItem);

const StaffFields = {
  name: Name,
  gender: z.enum(['male', 'female'], { error: '请选择性别' }).optional().nullable(),
  idNumber: idNumberSchema.optional().nullable(),
  phone: Phone,
  roleKind: RoleKindEnum,
  post: PostEnum.optional().nullable(),
  certLevel: CertLevelEnum.default('none'),
  streetCode: Code('街道').optional().nullable(),
  unitCode: Code('工作单位'),
  organisationId: Uuid('社会组织').optional().nullable(),
  appointedOn: IsoDate('任职日期').optional().nullable(),
  note: Note,
};
export const StaffCreate = z.object(StaffFields);
export const StaffUpdate = z.object({
  name: Name.optional(),
  roleKind: RoleKindEnum.optional(),
  unitCode: Code('工作单位').optional(),
  certLevel: CertLevelEnum.optional(),
  gender: StaffFields.gender,
  idNumber: StaffFields.idNumber,
  phone: StaffFields.phone,
  post: StaffFields.post,
  streetCode: StaffFields.streetCode,
  organisationId: StaffFields.organisationId,
  appointedOn: StaffFields.appointedOn,
  note: StaffFields.note,
  leftOn: IsoDate('离任日期').optional().nullable(),
  version: Version,
});
export type StaffUpdate = z.infer<typeof StaffUpdate>;

export const StaffReveal = z.object({ idNumber: z.string().nullable(), phone: z.string().nullable() });

export const CommitteeAssign = z.object({ committeeId: Uuid('居民区'), since: IsoDate('起始日期') });
export const CommitteeEnd = z.object({ until: IsoDate('结束日期') });
export const StaffCommitteeParams = z.object({ id: Uuid('人员'), committeeId: Uuid('居民区') });

export const AccountOpen = z.object({ username: Username });
export const AccountOpened = z.object({
  userId: z.string(),
  username: z.string(),
  /** Shown once; the holder must change it at the first login. */
  initialPassword: z.string(),
  staff: Staff,
});
export const AccountLink = z.object({ username: Username });

export const WorkforceOptions = z.object({
  today: z.string(),
  streets: z.array(z.object({ code: z.string(), name: z.string() })),
  committees: z.array(z.object({ id: z.string(), name: z.string(), streetCode: z.string() })),
  units: z.array(z.object({ code: z.string(), name: z.string(), kind: z.string(), streetCode: z.string().nullable() })),
  organisations: z.array(z.object({ id: z.string(), name: z.string(), unitCode: z.string().nullable() })),
});

// ---- record checks ----

export const CheckRequest = z.object({ kind: CheckKindEnum, requestedOn: IsoDate('申请查询日期'), requestRef: Ref('申请文号') });
export const CheckAnswer = z.object({
  answeredOn: IsoDate('查询结果日期'),
  result: z.enum(['clear', 'restricted'], { error: '请选择查询结果（无违法犯罪记录或存在从业限制）' }),
  answerRef: Ref('回复文号'),
  note: Note,
  version: Version,
});

export const DueQuery = PageQuery.extend({ street: z.string().max(32).optional() });
export const DueList = page(StaffItem);

export const VettingSettings = z.object({
  validityMonths: z.number({ error: '有效期应为月数' }).int('有效期应为整月').min(1, '有效期至少 1 个月').max(60, '有效期最多 60 个月'),
  remindDays: z
    .array(z.number({ error: '提醒天数应为数字' }).int().min(0, '提醒天数不能为负').max(365, '提醒最多提前 365 天'), { error: '请填写提醒天数' })
    .min(1, '至少设置一个提醒天数')
    .max(5, '最多 5 个提醒天数'),
  enforceFrom: IsoDate('开始暂停访问的日期').nullable(),
});
export type VettingSettings = z.infer<typeof VettingSettings>;
