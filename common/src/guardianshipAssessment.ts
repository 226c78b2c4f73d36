/**
 * 家庭监护能力评估 (plan task 15) — the instrument as data, its pure scoring, and the API contract
 * of the assessment workflow (commissioned → assessed → returned → archived; or cancelled).
 *
 * The instrument follows the structure of Shanghai's DB31/T 1305-2021 (the minor's and family's
 * basic situation; quality of guardianship; capacity of guardianship): dimensions with weights,
 * items with options and their scores, and grades with a minimum total and an `effect`. The grade
 * names of the Shanghai standard are unconfirmed; the default instrument uses the four grades of
 * the comparable Hubei standard DB42/T 1969-2023 and is marked `placeholder`.
 *
 * Scoring (scoreAssessment): a dimension's score is the sum of the chosen options' scores, its
 * `max` the sum of each item's best option, its percent score/max × 100; the total is the
 * weight-averaged percent (0–100, 2 decimals); the grade is the one with the highest `min` not
 * above the total. An unanswered item makes the result `incomplete` with no grade — never a guess.
 */
import { z } from 'zod';
import { page } from './api.js';
import { DateStr } from './casework.js';
import { plainName, plainText } from './text.js';

// ---- vocabulary ----

export const GRADE_EFFECTS = ['missing', 'improper', 'insufficient', 'normal'] as const;
export type GradeEffect = (typeof GRADE_EFFECTS)[number];
export const GRADE_EFFECT_ZH: Record<GradeEffect, string> = {
  missing: '监护缺失',
  improper: '监护失当',
  insufficient: '监护不足',
  normal: '监护正常',
};
/** Grades whose effect raises the child's risk and adds the dated category (the chain). */
export const CHAIN_EFFECTS: readonly GradeEffect[] = ['missing', 'improper'];
export const EFFECT_CATEGORY: Partial<Record<GradeEffect, 'guardianship_missing' | 'guardianship_improper'>> = {
  missing: 'guardianship_missing',
  improper: 'guardianship_improper',
};

export const ASSESSMENT_STATUSES = ['commissioned', 'assessed', 'returned', 'archived', 'cancelled'] as const;
export type AssessmentStatus = (typeof ASSESSMENT_STATUSES)[number];
export const ASSESSMENT_STATUS_ZH: Record<AssessmentStatus, string> = {
  commissioned: '已委托',
  assessed: '已评估',
  returned: '已反馈',
  archived: '已归档',
  cancelled: '已取消',
};

export const ASSESSMENT_METHODS = ['observation', 'interview', 'questionnaire'] as const;
export type AssessmentMethod = (typeof ASSESSMENT_METHODS)[number];
export const ASSESSMENT_METHOD_ZH: Record<AssessmentMethod, string> = { observation: '观察', interview: '访谈', questionnaire: '问卷' };

/** Which step each status allows next (the route refuses anything else, in Chinese). */
export const ASSESSMENT_NEXT: Record<AssessmentStatus, readonly ('record' | 'return' | 'archive' | 'cancel')[]> = {
  commissioned: ['record', 'cancel'],
  assessed: ['return', 'cancel'],
  returned: ['archive'],
  archived: [],
  cancelled: [],
};

// ---- the instrument ----

const Code = (label: string) =>
  z
    .string({ error: `请填写${label}编码` })
    .trim()
    .regex(/^[A-Za-z][A-Za-z0-9_.-]{0,39}$/, `${label}编码须以字母开头，只含字母、数字、下划线、点或连字符（最多 40 位）`);
const Label = (label: string, max: number) =>
  plainName(
    z
      .string({ error: `请填写${label}` })
      .trim()
      .min(1, `请填写${label}`)
      .max(max, `${label}最多 ${max} 个字`),
    label,
  );
const Text = (label: string, max: number) =>
  plainText(
    z
      .string({ error: `请填写${label}` })
      .trim()
      .min(1, `请填写${label}`)
      .max(max, `${label}最多 ${max} 个字`),
    label,
  );
const OptText = (label: string, max: number) => plainText(z.string().trim().max(max, `${label}最多 ${max} 个字`), label);

export const InstrumentOption = z.object({
  label: Label('选项内容', 100),
  score: z.number({ error: '请填写选项分值' }).min(0, '选项分值不能为负').max(1000, '选项分值不能超过 1000'),
});
export type InstrumentOption = z.infer<typeof InstrumentOption>;

export const InstrumentItem = z.object({
  code: Code('题目'),
  text: Label('题目内容', 200),
  options: z.array(InstrumentOption).min(2, '每道题至少 2 个选项').max(10, '每道题最多 10 个选项'),
});
export type InstrumentItem = z.infer<typeof InstrumentItem>;

export const InstrumentDimension = z.object({
  code: Code('维度'),
  name: Label('维度名称', 60),
  weight: z.number({ error: '请填写维度权重' }).gt(0, '维度权重须大于 0').max(100, '维度权重不能超过 100'),
  items: z.array(InstrumentItem).min(1, '每个维度至少 1 道题').max(60, '每个维度最多 60 道题'),
});
export type InstrumentDimension = z.infer<typeof InstrumentDimension>;

export const InstrumentDefinition = z.object({
  dimensions: z.array(InstrumentDimension).min(1, '量表至少 1 个维度').max(12, '量表最多 12 个维度'),
});
export type InstrumentDefinition = z.infer<typeof InstrumentDefinition>;

export const InstrumentGrade = z.object({
  code: Code('等级'),
  name: Label('等级名称', 30),
  min: z.number({ error: '请填写等级下限' }).min(0, '等级下限不能小于 0').max(100, '等级下限不能大于 100'),
  effect: z.enum(GRADE_EFFECTS, { error: '请选择等级的后果（缺失、失当、不足、正常）' }),
});
export type InstrumentGrade = z.infer<typeof InstrumentGrade>;

export interface Instrument {
  definition: InstrumentDefinition;
  grades: InstrumentGrade[];
}

export interface InstrumentProblem {
  path: string;
  message: string;
}

/**
 * Checks what the schema cannot: codes unique (dimensions, items across the instrument, grades),
 * each item with a positive best score, grade thresholds strictly ordered (as listed, ascending or
 * descending), one grade starting at 0. Answers the problems in Chinese (empty: valid).
 */
export function validateInstrument(ins: Instrument): InstrumentProblem[] {
  const out: InstrumentProblem[] = [];
  const dims = new Set<string>();
  const items = new Set<string>();
  ins.definition.dimensions.forEach((d, di) => {
    if (dims.has(d.code)) out.push({ path: `definition.dimensions.${di}.code`, message: `维度编码"${d.code}"重复` });
    dims.add(d.code);
    if (!(d.weight > 0)) out.push({ path: `definition.dimensions.${di}.weight`, message: '维度权重须大于 0' });
    d.items.forEach((it, ii) => {
      if (items.has(it.code)) out.push({ path: `definition.dimensions.${di}.items.${ii}.code`, message: `题目编码"${it.code}"重复` });
      items.add(it.code);
      if (Math.max(0, ...it.options.map((o) => o.score)) <= 0)
        out.push({ path: `definition.dimensions.${di}.items.${ii}.options`, message: `题目"${it.text}"至少一个选项的分值须大于 0` });
    });
  });
  const grades = new Set<string>();
  ins.grades.forEach((g, gi) => {
    if (grades.has(g.code)) out.push({ path: `grades.${gi}.code`, message: `等级编码"${g.code}"重复` });
    grades.add(g.code);
  });
  if (ins.grades.length < 2) out.push({ path: 'grades', message: '至少设置 2 个等级' });
  const mins = ins.grades.map((g) => g.min);
  const asc = mins.every((m, i) => i === 0 || m > (mins[i - 1] ?? -Infinity));
  const desc = mins.every((m, i) => i === 0 || m < (mins[i - 1] ?? Infinity));
  if (!asc && !desc) out.push({ path: 'grades', message: '等级下限须严格递增（或严格递减）排列，不能相同' });
  if (!mins.includes(0)) out.push({ path: 'grades', message: '须有一个等级的下限为 0（最低分也有等级）' });
  return out;
}

/** item code → index of the chosen option. */
export const Answers = z.record(z.string().max(40), z.number().int('答案须为选项序号').min(0, '答案须为选项序号').max(9, '答案须为选项序号'));
export type Answers = z.infer<typeof Answers>;

export interface DimensionScore {
  code: string;
  name: string;
  score: number;
  max: number;
  /** score / max × 100, 2 decimals. */
  percent: number;
  weight: number;
}

export type ScoreResult =
  | { complete: true; dimensions: DimensionScore[]; total: number; grade: InstrumentGrade }
  | { complete: false; dimensions: DimensionScore[]; missing: string[]; invalid: string[] };

const round2 = (x: number) => Math.round(x * 100 + Number.EPSILON * 100) / 100;

/** The grade of a total: the grade with the highest minimum not above it (null when none is). */
export function gradeOf(grades: readonly InstrumentGrade[], total: number): InstrumentGrade | null {
  let best: InstrumentGrade | null = null;
  for (const g of grades) if (g.min <= total && (!best || g.min > best.min)) best = g;
  return best;
}

/**
 * Scores answers against an instrument. Pure: the same inputs give the same result, on the server
 * (which stores it) and in the browser (the live score of the form). Unanswered items are listed in
 * `missing`, answers pointing at no option in `invalid`; either makes the result incomplete (no
 * total, no grade). Answers to codes the instrument does not have are ignored.
 */
export function scoreAssessment(ins: Instrument, answers: Readonly<Record<string, number | null | undefined>>): ScoreResult {
  const missing: string[] = [];
  const invalid: string[] = [];
  const exact: { score: number; max: number; weight: number }[] = [];
  const dimensions: DimensionScore[] = ins.definition.dimensions.map((d) => {
    let score = 0;
    let max = 0;
    for (const it of d.items) {
      max += Math.max(0, ...it.options.map((o) => o.score));
      const a = answers[it.code];
      if (a === undefined || a === null) missing.push(it.code);
      else if (!Number.isInteger(a) || a < 0 || a >= it.options.length) invalid.push(it.code);
      else score += it.options[a]?.score ?? 0;
    }
    exact.push({ score, max, weight: d.weight });
    return { code: d.code, name: d.name, score: round2(score), max: round2(max), percent: max > 0 ? round2((score / max) * 100) : 0, weight: d.weight };
  });
  if (missing.length || invalid.length) return { complete: false, dimensions, missing, invalid };
  const weights = exact.reduce((s, d) => s + d.weight, 0);
  // From the unrounded ratios, so that rounding happens once.
  const raw = exact.reduce((s, d) => s + (d.max > 0 ? (d.score / d.max) * d.weight : 0), 0);
  const total = Math.min(100, Math.max(0, round2(weights > 0 ? (raw / weights) * 100 : 0)));
  const grade = gradeOf(ins.grades, total);
  if (!grade) return { complete: false, dimensions, missing: [], invalid: ['grades'] };
  return { complete: true, dimensions, total, grade };
}

// ---- API: instruments ----

export const InstrumentSummary = z.object({
  code: z.string(),
  version: z.number(),
  name: z.string(),
  nameEn: z.string().nullable(),
  placeholder: z.boolean(),
  active: z.boolean(),
  note: z.string().nullable(),
  createdAt: z.string(),
  createdByName: z.string().nullable(),
  /** Assessments that used this version. */
  used: z.number(),
});
export type InstrumentSummary = z.infer<typeof InstrumentSummary>;

export const InstrumentDetail = InstrumentSummary.extend({ definition: InstrumentDefinition, grades: z.array(InstrumentGrade) });
export type InstrumentDetail = z.infer<typeof InstrumentDetail>;
export const InstrumentList = z.object({ items: z.array(InstrumentSummary) });

export const InstrumentParams = z.object({
  code: z.string().min(1).max(40),
  version: z.coerce.number({ error: '版本号须为数字' }).int('版本号须为整数').min(1, '版本号须为正整数'),
});

/** A new version of an instrument (a copy of the current one, edited); `code` new → a new instrument. */
export const InstrumentCreate = z.object({
  code: Code('量表'),
  name: Label('量表名称', 60),
  nameEn: OptText('英文名称', 120).nullable().optional(),
  note: OptText('修订说明', 500).nullable().optional(),
  definition: InstrumentDefinition,
  grades: z.array(InstrumentGrade).min(2, '至少设置 2 个等级').max(10, '最多 10 个等级'),
  /** Make it the instrument new assessments use at once. */
  activate: z.boolean().default(false),
});
export type InstrumentCreate = z.infer<typeof InstrumentCreate>;

// ---- API: assessments ----

export const AssessmentCommission = z.object({
  reason: Text('委托事由', 1000),
  assessorOrg: Label('评估机构', 100),
  dueOn: DateStr,
});
export type AssessmentCommission = z.infer<typeof AssessmentCommission>;

const Version = z.number({ error: '缺少版本号，请刷新后再改' }).int().min(1);

export const AssessmentResultBody = z.object({
  version: Version,
  methods: z
    .array(z.enum(ASSESSMENT_METHODS, { error: '评估方法只能是观察、访谈、问卷' }))
    .min(1, '请至少选择一种评估方法')
    .max(3),
  assessorName: Label('评估人', 40),
  assessedOn: DateStr,
  answers: Answers,
  narrative: Text('评估意见', 5000),
  measures: OptText('建议措施', 2000).nullable().optional(),
  reassessOn: DateStr.nullable().optional(),
});
export type AssessmentResultBody = z.infer<typeof AssessmentResultBody>;

export const AssessmentStepBody = z.object({ version: Version, on: DateStr.optional() });
export type AssessmentStepBody = z.infer<typeof AssessmentStepBody>;
export const AssessmentCancelBody = z.object({ version: Version, reason: Text('取消原因', 500) });
export type AssessmentCancelBody = z.infer<typeof AssessmentCancelBody>;

export const DimensionScoreOut = z.object({ code: z.string(), name: z.string(), score: z.number(), max: z.number(), percent: z.number(), weight: z.number() });

/** What the chain did when the result was recorded (full depth only). */
export const ChainOutcome = z.object({
  riskRaised: z.boolean(),
  categoryAdded: z.string().nullable(),
  rematched: z.boolean(),
});
export type ChainOutcome = z.infer<typeof ChainOutcome>;

/**
 * One assessment. `summary` depth (the committee's child director) carries the status and the
 * dates only: grade, scores, answers, narrative, measures, reason and the assessor are null.
 */
export const Assessment = z.object({
  id: z.string(),
  childId: z.string(),
  depth: z.enum(['full', 'summary']),
  status: z.enum(ASSESSMENT_STATUSES),
  instrumentCode: z.string(),
  instrumentVersion: z.number(),
  instrumentName: z.string(),
  instrumentPlaceholder: z.boolean(),
  commissionedOn: z.string(),
  commissionedUnit: z.string().nullable(),
  commissionedUnitName: z.string().nullable(),
  dueOn: z.string().nullable(),
  assessedOn: z.string().nullable(),
  returnedOn: z.string().nullable(),
  archivedOn: z.string().nullable(),
  reassessOn: z.string().nullable(),
  overdue: z.boolean(),
  // full depth only
  reason: z.string().nullable(),
  assessorOrg: z.string().nullable(),
  assessorName: z.string().nullable(),
  commissionedByName: z.string().nullable(),
  methods: z.array(z.enum(ASSESSMENT_METHODS)),
  answers: z.record(z.string(), z.number()).nullable(),
  dimensionScores: z.array(DimensionScoreOut).nullable(),
  totalScore: z.number().nullable(),
  grade: z.string().nullable(),
  gradeName: z.string().nullable(),
  gradeEffect: z.enum(GRADE_EFFECTS).nullable(),
  narrative: z.string().nullable(),
  measures: z.string().nullable(),
  cancelReason: z.string().nullable(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Assessment = z.infer<typeof Assessment>;

export const AssessmentDetail = Assessment.extend({
  /** The instrument version the assessment holds (full depth; null for summary). */
  instrument: InstrumentDetail.nullable(),
  childName: z.string().nullable(),
  canWrite: z.boolean(),
  chain: ChainOutcome.optional(),
});
export type AssessmentDetail = z.infer<typeof AssessmentDetail>;

export const ChildAssessments = z.object({
  depth: z.enum(['full', 'summary']),
  canWrite: z.boolean(),
  items: z.array(Assessment),
  /** The instrument a new commission would use. */
  activeInstrument: z.object({ code: z.string(), version: z.number(), name: z.string(), placeholder: z.boolean() }).nullable(),
});
export type ChildAssessments = z.infer<typeof ChildAssessments>;

export const AssessmentWorkView = z.enum(['overdue', 'reassess', 'open']);
export type AssessmentWorkView = z.infer<typeof AssessmentWorkView>;
export const AssessmentWorkQuery = z.object({
  view: AssessmentWorkView.default('overdue'),
  street: z.string().max(40).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export const AssessmentWorkItem = z.object({
  id: z.string(),
  childId: z.string(),
  childName: z.string(),
  streetName: z.string(),
  committeeName: z.string(),
  status: z.enum(ASSESSMENT_STATUSES),
  assessorOrg: z.string(),
  commissionedOn: z.string(),
  dueOn: z.string().nullable(),
  reassessOn: z.string().nullable(),
  gradeName: z.string().nullable(),
  /** Days past the due day (overdue) or until the re-assessment day (negative: past it). */
  days: z.number(),
});
export const AssessmentWorkList = page(AssessmentWorkItem);
export type AssessmentWorkList = z.infer<typeof AssessmentWorkList>;
