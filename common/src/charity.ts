/**
 * 救助+慈善+儿童 (plan task 20): charity projects, their rules as data, the pure matching of a child
 * to a project's rules, and the aid recorded on the child's file. The matching is three-valued like
 * every eligibility rule of the platform (design/architecture.md): a fact the file does not hold
 * makes the answer *undetermined*, never *not matched*.
 */
import { z } from 'zod';
import { ageOn } from './dates.js';
import { IsoDate, Line } from './fields.js';
import { PageQuery, page } from './api.js';
import { plainName, plainText } from './text.js';
import { CATEGORIES, CHILD_CATEGORIES } from './values.js';

// ---- vocabularies ----

export const AID_KINDS = ['money', 'goods', 'service'] as const;
export type AidKind = (typeof AID_KINDS)[number];
export const AID_KIND_NAMES: Record<AidKind, string> = { money: '资金', goods: '物资', service: '服务' };

/** Needs a project may require, each read from the child's file. */
export const NEEDS = ['disabled', 'in_school', 'out_of_school'] as const;
export type Need = (typeof NEEDS)[number];
export const NEED_NAMES: Record<Need, string> = { disabled: '残疾', in_school: '在校就读', out_of_school: '未入学或辍学' };

// ---- rules as data ----

export const CharityRules = z
  .object({
    /** Any of these categories (empty or absent: any child). */
    categories: z
      .array(z.enum(CHILD_CATEGORIES, { error: '请选择儿童类别' }))
      .max(CHILD_CATEGORIES.length)
      .optional(),
    minAge: z.number({ error: '最小年龄应为整数' }).int('最小年龄应为整数').min(0, '最小年龄不能小于 0').max(18, '最小年龄不能大于 18').optional().nullable(),
    maxAge: z.number({ error: '最大年龄应为整数' }).int('最大年龄应为整数').min(0, '最大年龄不能小于 0').max(18, '最大年龄不能大于 18').optional().nullable(),
    /** Children of these streets only (empty or absent: every street). */
    streets: z.array(z.string().min(1).max(32)).max(20).optional(),
    /** Every one of these needs. */
    needs: z
      .array(z.enum(NEEDS, { error: '请选择需求' }))
      .max(NEEDS.length)
      .optional(),
  })
  .strict()
  .refine((r) => r.minAge == null || r.maxAge == null || r.minAge <= r.maxAge, { message: '最小年龄不能大于最大年龄', path: ['maxAge'] });
export type CharityRules = z.infer<typeof CharityRules>;

/** What the file says about a child; null is "not recorded". */
export interface ChildFacts {
  birthDate: string | null;
  /** The child's current categories (null: not known). */
  categories: readonly string[] | null;
  streetCode: string | null;
  disabled: boolean | null;
  inSchool: boolean | null;
}

export const MATCH_RESULTS = ['matched', 'not_matched', 'undetermined'] as const;
export type MatchResult = (typeof MATCH_RESULTS)[number];
export const MATCH_RESULT_NAMES: Record<MatchResult, string> = { matched: '符合', not_matched: '不符合', undetermined: '待核实' };

export interface Match {
  result: MatchResult;
  /** One line per rule, in Chinese: why it holds, fails, or cannot be decided. */
  reasons: string[];
}

type Verdict = { v: boolean | null; reason: string };

const CATEGORY_NAMES = new Map<string, string>(Object.entries(CATEGORIES));
const catName = (c: string) => CATEGORY_NAMES.get(c) ?? c;

/**
 * Matches a child's facts against a project's rules on a day. Each rule gives yes / no / unknown;
 * the answer is the three-valued AND: any no → not matched, else any unknown → undetermined,
 * else matched.
 */
export function matchChild(rules: CharityRules, facts: ChildFacts, asOf: string, streetName: (code: string) => string = (c) => c): Match {
  const verdicts: Verdict[] = [];
  if (rules.categories && rules.categories.length > 0) {
    const wanted = rules.categories.map(catName).join('、');
    if (facts.categories === null) verdicts.push({ v: null, reason: `儿童类别未记录，无法判断是否属于：${wanted}` });
    else {
      const hit = rules.categories.filter((c) => facts.categories?.includes(c));
      verdicts.push(hit.length > 0 ? { v: true, reason: `属于${hit.map(catName).join('、')}` } : { v: false, reason: `不属于项目面向的儿童类别（${wanted}）` });
    }
  }
  const hasMin = rules.minAge != null;
  const hasMax = rules.maxAge != null;
  if (hasMin || hasMax) {
    const range = hasMin && hasMax ? `${rules.minAge}–${rules.maxAge} 周岁` : hasMin ? `${rules.minAge} 周岁以上` : `${rules.maxAge} 周岁以下`;
    if (facts.birthDate === null) verdicts.push({ v: null, reason: `出生日期未记录，无法判断年龄是否在 ${range}` });
    else {
      const age = ageOn(facts.birthDate, asOf);
      const ok = (rules.minAge == null || age >= rules.minAge) && (rules.maxAge == null || age <= rules.maxAge);
      verdicts.push({ v: ok, reason: ok ? `年龄 ${age} 周岁，在 ${range}` : `年龄 ${age} 周岁，不在 ${range}` });
    }
  }
  if (rules.streets && rules.streets.length > 0) {
    const names = rules.streets.map(streetName).join('、');
    if (facts.streetCode === null) verdicts.push({ v: null, reason: `所在街道未知，无法判断是否在 ${names}` });
    else {
      const ok = rules.streets.includes(facts.streetCode);
      verdicts.push({ v: ok, reason: ok ? `居住在${streetName(facts.streetCode)}` : `不在项目覆盖的街道（${names}）` });
    }
  }
  for (const need of rules.needs ?? []) {
    const fact = need === 'disabled' ? facts.disabled : need === 'in_school' ? facts.inSchool : facts.inSchool === null ? null : !facts.inSchool;
    const name = NEED_NAMES[need];
    verdicts.push(
      fact === null ? { v: null, reason: `档案未记录「${name}」情况，需核实` } : { v: fact, reason: fact ? `符合「${name}」` : `不符合「${name}」` },
    );
  }
  const reasons = verdicts.map((x) => x.reason);
  if (verdicts.some((x) => x.v === false)) return { result: 'not_matched', reasons: verdicts.filter((x) => x.v === false).map((x) => x.reason) };
  if (verdicts.some((x) => x.v === null)) return { result: 'undetermined', reasons };
  return { result: 'matched', reasons: reasons.length ? reasons : ['项目未设条件，所有儿童均可'] };
}

/** The rules in words, for the register and the matching list. */
export function describeRules(rules: CharityRules, streetName: (code: string) => string = (c) => c): string[] {
  const out: string[] = [];
  if (rules.categories?.length) out.push(`儿童类别（任一）：${rules.categories.map(catName).join('、')}`);
  if (rules.minAge != null || rules.maxAge != null) out.push(`年龄：${rules.minAge ?? 0}–${rules.maxAge ?? 18} 周岁`);
  if (rules.streets?.length) out.push(`街道：${rules.streets.map(streetName).join('、')}`);
  if (rules.needs?.length) out.push(`需求（全部）：${rules.needs.map((n) => NEED_NAMES[n]).join('、')}`);
  return out.length ? out : ['不限'];
}

// ---- contract ----

/** Spreadsheet formula injection (security requirement 24): a name may not start like a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;
const NoFormula = (label: string, max: number) => Line(label, max).refine((v) => !FORMULA_START.test(v), `${label}不能以 = + - @ 开头`);
const OptNoFormula = (label: string, max: number) =>
  plainName(
    z
      .string({ error: `${label}应为文字` })
      .trim()
      .max(max, `${label}最多 ${max} 个字`),
    label,
  )
    .refine((v) => !FORMULA_START.test(v), `${label}不能以 = + - @ 开头`)
    .optional()
    .nullable();
const OptFreeText = (label: string, max: number) =>
  plainText(
    z
      .string({ error: `${label}应为文字` })
      .trim()
      .max(max, `${label}最多 ${max} 个字`),
    label,
  )
    .refine((v) => !/^[=+@]/.test(v), `${label}不能以 = + @ 开头`)
    .optional()
    .nullable();
const Money = (label: string) =>
  z
    .number({ error: `${label}应为数字` })
    .min(0, `${label}不能为负数`)
    .max(99_999_999, `${label}过大`)
    .refine((v) => Math.round(v * 100) === v * 100 || Math.abs(Math.round(v * 100) - v * 100) < 1e-6, `${label}最多两位小数`);

const ProjectFields = {
  name: NoFormula('项目名称', 80),
  organisationId: z.string().uuid('请选择实施机构').nullable().optional(),
  funder: OptNoFormula('资助方', 80),
  description: OptFreeText('项目说明', 2000),
  aidKind: z.enum(AID_KINDS, { error: '请选择帮扶方式' }),
  amountPerChild: Money('每名儿童金额').nullable().optional(),
  budget: Money('项目预算').nullable().optional(),
  capacity: z.number({ error: '受助名额应为整数' }).int('受助名额应为整数').min(0, '受助名额不能为负数').max(100_000, '受助名额过大').nullable().optional(),
  startsOn: IsoDate('开始日期'),
  endsOn: IsoDate('结束日期').nullable().optional(),
  active: z.boolean({ error: '请选择是否启用' }).default(true),
  rules: CharityRules.default({}),
};
const periodOk = (p: { startsOn: string; endsOn?: string | null }) => !p.endsOn || p.endsOn >= p.startsOn;
export const CharityProjectCreate = z.object(ProjectFields).refine(periodOk, { message: '结束日期不能早于开始日期', path: ['endsOn'] });
export type CharityProjectCreate = z.infer<typeof CharityProjectCreate>;
export const CharityProjectUpdate = z
  .object({ ...ProjectFields, version: z.number({ error: '版本号应为数字' }).int() })
  .refine(periodOk, { message: '结束日期不能早于开始日期', path: ['endsOn'] });
export type CharityProjectUpdate = z.infer<typeof CharityProjectUpdate>;

export const CharityProject = z.object({
  id: z.string(),
  name: z.string(),
  organisationId: z.string().nullable(),
  organisationName: z.string().nullable(),
  funder: z.string().nullable(),
  description: z.string().nullable(),
  aidKind: z.enum(AID_KINDS),
  amountPerChild: z.number().nullable(),
  budget: z.number().nullable(),
  capacity: z.number().nullable(),
  startsOn: z.string(),
  endsOn: z.string().nullable(),
  active: z.boolean(),
  rules: CharityRules,
  rulesText: z.array(z.string()),
  /** Children who received aid from it (not cancelled), in the whole district. */
  childrenAided: z.number(),
  amountGiven: z.number(),
  version: z.number(),
});
export type CharityProject = z.infer<typeof CharityProject>;
export const CharityProjectQuery = PageQuery.extend({
  q: z.string().max(64).optional(),
  active: z.enum(['true', 'false']).optional(),
});
export const CharityProjectList = page(CharityProject);

export const CharityOptions = z.object({
  today: z.string(),
  organisations: z.array(z.object({ id: z.string(), name: z.string() })),
  streets: z.array(z.object({ code: z.string(), name: z.string() })),
  categories: z.array(z.object({ code: z.string(), name: z.string() })),
  needs: z.array(z.object({ code: z.string(), name: z.string() })),
});

export const MatchedChild = z.object({
  childId: z.string(),
  name: z.string(),
  streetName: z.string(),
  committeeName: z.string(),
  age: z.number().nullable(),
  reasons: z.array(z.string()),
});
export type MatchedChild = z.infer<typeof MatchedChild>;
export const MatchList = z.object({
  project: CharityProject,
  matched: z.array(MatchedChild),
  undetermined: z.array(MatchedChild),
  /** Children of the area who already received aid from the project (not listed above). */
  alreadyAided: z.number(),
});

export const AidCreate = z.object({
  projectId: z.string().uuid('请选择慈善项目'),
  childId: z.string().uuid('请选择儿童'),
  givenOn: IsoDate('帮扶日期'),
  kind: z.enum(AID_KINDS, { error: '请选择帮扶方式' }),
  amount: Money('金额').nullable().optional(),
  description: OptFreeText('帮扶内容', 500),
});
export type AidCreate = z.infer<typeof AidCreate>;
export const AidCancel = z.object({
  reason: Line('撤销原因', 200).refine((v) => !FORMULA_START.test(v), '撤销原因不能以 = + - @ 开头'),
  version: z.number({ error: '版本号应为数字' }).int(),
});
export type AidCancel = z.infer<typeof AidCancel>;

export const Aid = z.object({
  id: z.string(),
  projectId: z.string(),
  projectName: z.string(),
  childId: z.string(),
  childName: z.string(),
  givenOn: z.string(),
  kind: z.enum(AID_KINDS),
  amount: z.number().nullable(),
  description: z.string().nullable(),
  status: z.enum(['given', 'cancelled']),
  cancelReason: z.string().nullable(),
  recordedBy: z.string().nullable(),
  version: z.number(),
});
export type Aid = z.infer<typeof Aid>;

export const ChildCharity = z.object({
  aid: z.array(Aid),
  /** Active projects the child matches or may match (undetermined), with the reasons. */
  projects: z.array(z.object({ projectId: z.string(), name: z.string(), result: z.enum(MATCH_RESULTS), reasons: z.array(z.string()), aided: z.boolean() })),
  /** The commissioned social workers the child is assigned to. */
  workers: z.array(z.object({ userId: z.string(), name: z.string(), organisation: z.string().nullable(), since: z.string() })),
});
export type ChildCharity = z.infer<typeof ChildCharity>;
