/**
 * The child file (一人一档) contract: list filters, the full file, and the inputs that create and
 * change it. Labels in Chinese are the terms of the national and Shanghai definitions.
 */
import { z } from 'zod';
import { plainName } from './text.js';
import { idNumberSchema, normaliseIdNumber } from './idNumber.js';
import { PageQuery, page } from './api.js';
import { CHILD_CATEGORIES, DISABILITY_TYPES, MEMBER_STATUSES, RELATIONS, SCHOOL_STAGES, type ChildCategory } from './values.js';

export {
  CATEGORIES,
  CHILD_CATEGORIES,
  CLOSE_REASONS,
  DISABILITY_TYPES,
  MEMBER_ROLES,
  MEMBER_STATUSES,
  RELATIONS,
  RISK_LEVELS,
  SCHOOL_STAGES,
} from './values.js';
export type Category = ChildCategory;
export const CATEGORY_CODES = CHILD_CATEGORIES;

export type MemberStatus = keyof typeof MEMBER_STATUSES;
export const MEMBER_STATUS_CODES = Object.keys(MEMBER_STATUSES) as [MemberStatus, ...MemberStatus[]];
/**
 * Statuses that carry a date: since (out of contact; for 宣告失踪 / 宣告死亡 the date of the court's
 * decision) or until (prison, rehabilitation).
 */
export const STATUS_SINCE: MemberStatus[] = ['out_of_contact', 'missing', 'declared_dead', 'deceased'];
export const STATUS_UNTIL: MemberStatus[] = ['imprisoned', 'drug_rehab'];

/**
 * Why a file is kept (or created) for someone who is 18 or older: a child file is for minors, so
 * such a file is never silent — the caseworker confirms and picks one of these (其他 with text).
 */
export const OVER18_REASONS = {
  full_time_school: '仍在全日制学校就读',
  disability_care: '重度残疾或重病，仍需照料',
  transition: '正在办理成年后的安置或转介',
  other: '其他',
} as const;
export type Over18Reason = keyof typeof OVER18_REASONS;
export const OVER18_REASON_CODES = Object.keys(OVER18_REASONS) as [Over18Reason, ...Over18Reason[]];
export const OVER18_MISSING =
  '该人员已年满18周岁：请确认仍为其建档，并在 over18Reason 中选择在档原因（仍在全日制学校就读、重度残疾或重病仍需照料、正在办理安置或转介、其他）';
export const OVER18_NOTE_MISSING = '在档原因选择“其他”时，请在 over18Note 中说明具体原因';

const date = z.string().date('日期格式应为 YYYY-MM-DD');
const fen = z.number().int('金额以分为单位的整数').min(0, '金额不能为负');
const text = (max: number) => z.string().trim().max(max, `最多 ${max} 个字`);
const phone = z
  .string()
  .trim()
  .regex(/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/, '电话号码格式不正确（手机 11 位，或区号-座机）');

// ---- list and search ----
export const ChildSort = z.enum(['name', 'birthDate', 'nextVisitDue', 'riskLevel', 'registeredOn', 'committee']);
export const ChildFilters = z.object({
  /** Name prefix, full pinyin prefix, pinyin initials prefix, or the last 4-6 characters of the identity number. */
  q: z.string().trim().max(40).optional(),
  street: z.string().max(32).optional(),
  committee: z.string().uuid('居民区编号格式不正确').optional(),
  category: z.enum(CATEGORY_CODES).optional(),
  risk: z.enum(['high', 'medium', 'low']).optional(),
  status: z.enum(['active', 'closed', 'all']).default('active'),
  overdue: z.boolean().optional(),
  noMentor: z.boolean().optional(),
  /** Files missing a required field (see the server's completeness rule). */
  incomplete: z.boolean().optional(),
  sort: ChildSort.default('committee'),
  order: z.enum(['asc', 'desc']).default('asc'),
});
export type ChildFilters = z.infer<typeof ChildFilters>;
export const ChildSearch = ChildFilters.extend({
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(200, '每页最多 200 条').default(20),
});
export type ChildSearch = z.infer<typeof ChildSearch>;
/** GET form of the same filters (query strings are text). */
export const ChildQueryString = PageQuery.extend({
  q: z.string().trim().max(40).optional(),
  street: z.string().max(32).optional(),
  committee: z.string().uuid('居民区编号格式不正确').optional(),
  category: z.enum(CATEGORY_CODES).optional(),
  risk: z.enum(['high', 'medium', 'low']).optional(),
  status: z.enum(['active', 'closed', 'all']).default('active'),
  overdue: z.enum(['true', 'false']).optional(),
  noMentor: z.enum(['true', 'false']).optional(),
  incomplete: z.enum(['true', 'false']).optional(),
  sort: ChildSort.default('committee'),
  order: z.enum(['asc', 'desc']).default('asc'),
});

export const ChildRow = z.object({
  id: z.string(),
  name: z.string(),
  sex: z.enum(['M', 'F']),
  birthDate: z.string(),
  age: z.number(),
  idNumberMasked: z.string().nullable(),
  streetCode: z.string(),
  streetName: z.string(),
  committeeId: z.string(),
  committeeName: z.string(),
  status: z.enum(['active', 'closed']),
  riskLevel: z.enum(['high', 'medium', 'low']),
  categories: z.array(z.string()),
  nextVisitDue: z.string().nullable(),
  overdueDays: z.number().nullable(),
});
export type ChildRow = z.infer<typeof ChildRow>;
/** Totals are exact up to COUNT_CAP; beyond it `capped` is true and the interface shows "10,000+". */
export const COUNT_CAP = 10_000;
export const ChildPage = page(ChildRow).extend({ capped: z.boolean() });

export const SavedFilter = z.object({ id: z.string(), name: z.string(), params: ChildFilters });
export const SavedFilterCreate = z.object({ name: plainName(z.string().trim().min(1, '请输入名称').max(30), '名称'), params: ChildFilters });

// ---- the file ----
export const CategoryEntry = z.object({
  id: z.string(),
  category: z.enum(CATEGORY_CODES),
  label: z.string(),
  since: z.string(),
  until: z.string().nullable(),
  sourceNote: z.string().nullable(),
});
export const Member = z.object({
  id: z.string(),
  name: z.string(),
  relation: z.string(),
  role: z.enum(['guardian', 'caregiver', 'member']),
  sex: z.enum(['M', 'F']).nullable(),
  birthDate: z.string().nullable(),
  idNumberMasked: z.string().nullable(),
  phoneMasked: z.string().nullable(),
  status: z.enum(MEMBER_STATUS_CODES),
  statusSince: z.string().nullable(),
  statusUntil: z.string().nullable(),
  disabilityType: z.string().nullable(),
  disabilityGrade: z.number().nullable(),
  note: z.string().nullable(),
});
export type Member = z.infer<typeof Member>;
export const Benefit = z.object({
  id: z.string(),
  benefit: z.string(),
  since: z.string(),
  until: z.string().nullable(),
  monthlyAmountFen: z.number().nullable(),
  note: z.string().nullable(),
});

export const ChildFile = z.object({
  id: z.string(),
  version: z.number(),
  name: z.string(),
  sex: z.enum(['M', 'F']),
  birthDate: z.string(),
  age: z.number(),
  idNumberMasked: z.string().nullable(),
  noIdNote: z.string().nullable(),
  ethnicity: z.string().nullable(),
  hukou: z.enum(['local', 'other']),
  hukouAddressMasked: z.string().nullable(),
  residenceAddressMasked: z.string().nullable(),
  phoneMasked: z.string().nullable(),
  streetCode: z.string(),
  streetName: z.string(),
  committeeId: z.string(),
  committeeName: z.string(),
  status: z.enum(['active', 'closed']),
  closedReason: z.enum(['aged_out', 'moved_away', 'no_longer_in_difficulty', 'deceased']).nullable(),
  closedOn: z.string().nullable(),
  registeredOn: z.string(),
  /** Set when the file was created for someone 18 or older: why it is kept. */
  over18Reason: z.enum(OVER18_REASON_CODES).nullable(),
  over18Note: z.string().nullable(),
  riskLevel: z.enum(['high', 'medium', 'low']),
  riskReason: z.string().nullable(),
  riskAssessedOn: z.string().nullable(),
  schoolStage: z.enum(SCHOOL_STAGES).nullable(),
  schoolName: z.string().nullable(),
  schoolGrade: z.string().nullable(),
  disabilityType: z.string().nullable(),
  disabilityGrade: z.number().nullable(),
  seriousIllness: z.string().nullable(),
  /** Null when absent *or* when the caller lacks children.health (see `restricted`). */
  mentalHealthNote: z.string().nullable(),
  householdSize: z.number().nullable(),
  monthlyIncomeFen: z.number().nullable(),
  assetsFen: z.number().nullable(),
  assetsAssessedOn: z.string().nullable(),
  /** 免申即享 facts, three-valued: true 是 / false 否 / null 未知. */
  adopted: z.boolean().nullable(),
  autism: z.boolean().nullable(),
  caregiverCanRaise: z.boolean().nullable(),
  /** Null when unknown *or* when the caller lacks children.health (see `restricted`). */
  hivInfected: z.boolean().nullable(),
  lastVisitOn: z.string().nullable(),
  nextVisitDue: z.string().nullable(),
  overdueDays: z.number().nullable(),
  mentor: z.object({ id: z.string(), name: z.string(), organisation: z.string() }).nullable(),
  buddy: z.object({ id: z.string(), name: z.string(), organisation: z.string() }).nullable(),
  categories: z.array(CategoryEntry),
  members: z.array(Member),
  benefits: z.array(Benefit),
  /** What the caller may do with this file, so the interface shows only what works. */
  /** contact: may reveal the family's phones and address to reach them (children.contact). */
  can: z.object({ edit: z.boolean(), unmask: z.boolean(), transfer: z.boolean(), health: z.boolean(), contact: z.boolean() }),
  restricted: z.array(z.string()),
});
export type ChildFile = z.infer<typeof ChildFile>;

// ---- inputs ----
export const MemberInput = z.object({
  name: plainName(z.string().trim().min(1, '请输入姓名').max(40), '姓名'),
  relation: z.enum(RELATIONS, { error: '请选择与儿童的关系' }),
  role: z.enum(['guardian', 'caregiver', 'member']),
  idNumber: idNumberSchema.nullable().optional(),
  sex: z.enum(['M', 'F']).nullable().optional(),
  birthDate: date.nullable().optional(),
  phone: phone.nullable().optional(),
  status: z.enum(MEMBER_STATUS_CODES).default('alive_fit'),
  statusSince: date.nullable().optional(),
  statusUntil: date.nullable().optional(),
  disabilityType: z.enum(DISABILITY_TYPES).nullable().optional(),
  disabilityGrade: z.number().int().min(1).max(4).nullable().optional(),
  note: text(200).nullable().optional(),
});
export type MemberInput = z.infer<typeof MemberInput>;

export const CategoryInput = z.object({
  category: z.enum(CATEGORY_CODES, { error: '请选择类别' }),
  since: date,
  sourceNote: text(200).nullable().optional(),
});
export type CategoryInput = z.infer<typeof CategoryInput>;

export const BenefitInput = z.object({
  benefit: z.string().trim().min(1, '请输入保障项目').max(60),
  since: date,
  until: date.nullable().optional(),
  monthlyAmountFen: fen.nullable().optional(),
  note: text(200).nullable().optional(),
});
export type BenefitInput = z.infer<typeof BenefitInput>;

/** Fields of the file itself that a caseworker edits (PATCH sends any subset plus `version`). */
export const ChildFields = z.object({
  name: plainName(z.string().trim().min(1, '请输入姓名').max(40, '姓名最多 40 个字'), '姓名'),
  ethnicity: text(20).nullable().optional(),
  hukou: z.enum(['local', 'other']),
  hukouAddress: text(120).nullable().optional(),
  residenceAddress: text(120).nullable().optional(),
  phone: phone.nullable().optional(),
  committeeId: z.string().uuid('请选择居民区'),
  riskLevel: z.enum(['high', 'medium', 'low']),
  riskReason: text(200).nullable().optional(),
  riskAssessedOn: date.nullable().optional(),
  schoolStage: z.enum(SCHOOL_STAGES).nullable().optional(),
  schoolName: text(60).nullable().optional(),
  schoolGrade: text(20).nullable().optional(),
  disabilityType: z.enum(DISABILITY_TYPES).nullable().optional(),
  disabilityGrade: z.number().int().min(1, '残疾等级为 1-4 级').max(4, '残疾等级为 1-4 级').nullable().optional(),
  seriousIllness: text(100).nullable().optional(),
  mentalHealthNote: text(1000).nullable().optional(),
  householdSize: z.number().int().min(1).max(30).nullable().optional(),
  monthlyIncomeFen: fen.nullable().optional(),
  assetsFen: fen.nullable().optional(),
  assetsAssessedOn: date.nullable().optional(),
});
export type ChildFields = z.infer<typeof ChildFields>;

/**
 * Facts of the file the policy engine (免申即享) reads, each three-valued: true 是, false 否,
 * null 未知 — unknown stays unknown (the engine answers "data needed", never "not eligible").
 * HIV infection is a restricted health fact: read and written only with `children.health`, stored
 * encrypted. Kept apart from ChildFields because the Excel import does not carry them.
 */
export const ChildFacts = z.object({
  /** 被依法收养 */
  adopted: z.boolean({ error: '请选择是、否或未知' }).nullable().optional(),
  /** 孤独症 */
  autism: z.boolean({ error: '请选择是、否或未知' }).nullable().optional(),
  /** 照料人（父母以外的监护人或实际照料人）有抚养能力 */
  caregiverCanRaise: z.boolean({ error: '请选择是、否或未知' }).nullable().optional(),
  /** 感染艾滋病病毒（受限健康信息） */
  hivInfected: z.boolean({ error: '请选择是、否或未知' }).nullable().optional(),
});
export type ChildFacts = z.infer<typeof ChildFacts>;
export const CHILD_FACT_KEYS = ['adopted', 'autism', 'caregiverCanRaise', 'hivInfected'] as const satisfies readonly (keyof ChildFacts)[];

/**
 * A new file. With an identity number, birth date and sex come from it; without one they are
 * required and `noIdNote` says why (the file is flagged).
 */
export const ChildCreate = ChildFields.extend({
  ...ChildFacts.shape,
  idNumber: idNumberSchema.nullable().optional(),
  birthDate: date.nullable().optional(),
  sex: z.enum(['M', 'F']).nullable().optional(),
  noIdNote: text(200).nullable().optional(),
  registeredOn: date.nullable().optional(),
  /** Required (checked by the server, which knows today) when the person is 18 or older. */
  over18Reason: z.enum(OVER18_REASON_CODES, { error: '请选择年满18周岁仍在档的原因' }).nullable().optional(),
  over18Note: text(200).nullable().optional(),
  categories: z.array(CategoryInput).default([]),
  members: z.array(MemberInput).default([]),
  benefits: z.array(BenefitInput).default([]),
}).superRefine((v, ctx) => {
  if (!v.idNumber) {
    if (!v.birthDate) ctx.addIssue({ code: 'custom', path: ['birthDate'], message: '无身份证号时须填写出生日期' });
    if (!v.sex) ctx.addIssue({ code: 'custom', path: ['sex'], message: '无身份证号时须填写性别' });
    if (!v.noIdNote) ctx.addIssue({ code: 'custom', path: ['noIdNote'], message: '请说明无身份证号的原因' });
  }
  if (v.over18Reason === 'other' && !v.over18Note) ctx.addIssue({ code: 'custom', path: ['over18Note'], message: OVER18_NOTE_MISSING });
});
export type ChildCreate = z.infer<typeof ChildCreate>;

export const ChildUpdate = ChildFields.partial()
  .extend(ChildFacts.shape)
  .extend({ version: z.number().int().min(1) });
export type ChildUpdate = z.infer<typeof ChildUpdate>;

// The identity number is normalised like creation does (spaces, full-width digits, lower-case x);
// the route checks it and answers in Chinese, so the schema only caps the length of what it reads.
export const DuplicateCheck = z.object({
  idNumber: z.string().max(64, '身份证号应为18位').overwrite(normaliseIdNumber).optional(),
  name: z.string().trim().max(40).optional(),
  birthDate: date.optional(),
});
export const DuplicateResult = z.object({
  duplicate: z.object({ id: z.string().nullable(), message: z.string() }).nullable(),
  similar: z.array(z.object({ id: z.string().nullable(), streetName: z.string(), committeeName: z.string().nullable(), name: z.string() })),
});

export const CloseInput = z.object({
  reason: z.enum(['aged_out', 'moved_away', 'no_longer_in_difficulty', 'deceased']),
  closedOn: date,
  note: text(200).nullable().optional(),
  version: z.number().int(),
});
export const ReopenInput = z.object({ note: z.string().trim().min(2, '请说明重新开档的原因').max(200), version: z.number().int() });
export const TransferInput = z.object({
  toCommitteeId: z.string().uuid('请选择转入的居民区'),
  reason: z.string().trim().min(2, '请说明转出原因').max(200),
  version: z.number().int(),
});
export type CloseInput = z.infer<typeof CloseInput>;
export type ReopenInput = z.infer<typeof ReopenInput>;
export type TransferInput = z.infer<typeof TransferInput>;

/** What the history stores instead of a sensitive value (identity number, phone, address, health). */
export const HIDDEN_HISTORY_VALUE = '（已修改，内容不显示）';
/** `userDisplayName`: the person's name (姓名) shown in the interface; `username` is the login. */
export const HistoryEntry = z.object({
  id: z.string(),
  at: z.string(),
  username: z.string().nullable(),
  userDisplayName: z.string().nullable(),
  action: z.string(),
  field: z.string().nullable(),
  oldValue: z.string().nullable(),
  newValue: z.string().nullable(),
});
export const HistoryPage = page(HistoryEntry);

export const UnmaskFields = z.object({
  reason: z.string().trim().min(2, '请说明查看原因').max(200),
  fields: z
    .array(z.enum(['idNumber', 'phone', 'residenceAddress', 'hukouAddress']))
    .min(1)
    .default(['idNumber']),
});
export const UnmaskedValues = z.object({
  idNumber: z.string().nullable().optional(),
  phone: z.string().nullable().optional(),
  residenceAddress: z.string().nullable().optional(),
  hukouAddress: z.string().nullable().optional(),
});

/**
 * 联系家庭: the contact details a visiting caseworker needs — the child's contact phone, the home
 * address and each guardian's or caregiver's phone — revealed together, with a reason (audited).
 */
export const ContactReveal = z.object({
  reason: z.string({ error: '请说明查看原因' }).trim().min(2, '请说明查看原因（至少 2 个字），如“电话预约走访”').max(200, '原因最多 200 个字'),
});
export const FamilyContacts = z.object({
  phone: z.string().nullable(),
  residenceAddress: z.string().nullable(),
  members: z.array(
    z.object({ id: z.string(), name: z.string(), relation: z.string(), role: z.enum(['guardian', 'caregiver', 'member']), phone: z.string().nullable() }),
  ),
});
export type FamilyContacts = z.infer<typeof FamilyContacts>;

export const CreatedChild = z.object({ id: z.string(), warnings: z.array(z.string()) });
