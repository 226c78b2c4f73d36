/**
 * 培训与考核 (plan tasks 37-39): training sessions and attendance, each person's archive, the yearly
 * full-training coverage rule, exams (with the certificate level a pass raises), the yearly
 * evaluation of child directors and rewards. The contracts of the training module and its pure rules.
 */
import { z } from 'zod';
import { page, PageQuery } from './api.js';
import { IsoDate, Line, OptLine, OptText } from './fields.js';

// ---- reference lists ----

export const TRAINING_KINDS = ['induction', 'annual', 'specialised', 'social_work'] as const;
export type TrainingKind = (typeof TRAINING_KINDS)[number];
export const TRAINING_KIND_NAMES: Record<TrainingKind, string> = {
  induction: '岗前培训',
  annual: '年度全员培训',
  specialised: '专题培训',
  social_work: '社工专业培训',
};

export const ROLE_KINDS = ['child_director', 'street_supervisor', 'social_worker', 'station_staff', 'other'] as const;
export type RoleKind = (typeof ROLE_KINDS)[number];
export const ROLE_KIND_NAMES: Record<RoleKind, string> = {
  child_director: '儿童主任',
  street_supervisor: '儿童督导员',
  social_worker: '社会工作者',
  station_staff: '工作站人员',
  other: '其他',
};

export const CERT_LEVELS = ['none', 'assistant', 'intermediate', 'senior'] as const;
export type CertLevel = (typeof CERT_LEVELS)[number];
export const EXAM_LEVELS = ['assistant', 'intermediate', 'senior'] as const;
export type ExamLevel = (typeof EXAM_LEVELS)[number];
export const CERT_LEVEL_NAMES: Record<CertLevel, string> = { none: '无', assistant: '助理社会工作师', intermediate: '社会工作师', senior: '高级社会工作师' };
export const EXAM_RESULTS = ['registered', 'passed', 'failed', 'absent'] as const;
export type ExamResult = (typeof EXAM_RESULTS)[number];
export const EXAM_RESULT_NAMES: Record<ExamResult, string> = { registered: '已报名', passed: '通过', failed: '未通过', absent: '缺考' };

export const GRADES = ['excellent', 'good', 'pass', 'fail'] as const;
export type Grade = (typeof GRADES)[number];
export const GRADE_NAMES: Record<Grade, string> = { excellent: '优秀', good: '良好', pass: '合格', fail: '不合格' };

// ---- pure rules ----

/** Who the yearly full-training rule covers: child directors and street supervisors. */
export const COVERED_ROLE_KINDS: readonly RoleKind[] = ['child_director', 'street_supervisor'];

export interface CoveragePerson {
  roleKind: RoleKind;
  appointedOn: string | null;
  leftOn: string | null;
}

export interface AttendedSession {
  kind: TrainingKind;
  heldOn: string;
  attended: boolean;
}

/**
 * The person must be trained in the year of `asOf`: a child director or supervisor appointed by
 * `asOf` (or without an appointment day) who had not left by it.
 */
export function coverageRequired(p: CoveragePerson, asOf: string): boolean {
  if (!COVERED_ROLE_KINDS.includes(p.roleKind)) return false;
  if (p.appointedOn !== null && p.appointedOn > asOf) return false;
  return p.leftOn === null || p.leftOn > asOf;
}

/**
 * Trained in the year of `asOf` (1 January to `asOf`): attended an annual full training held in it,
 * or — for someone appointed in that year — an induction training held in it.
 */
export function trainedInYear(p: CoveragePerson, sessions: readonly AttendedSession[], asOf: string): boolean {
  const year = asOf.slice(0, 4);
  const newThisYear = p.appointedOn !== null && p.appointedOn.slice(0, 4) === year;
  return sessions.some(
    (s) => s.attended && s.heldOn.slice(0, 4) === year && s.heldOn <= asOf && (s.kind === 'annual' || (s.kind === 'induction' && newThisYear)),
  );
}

/** The certificate level after passing an exam of `passed`: only ever upward. */
export function raisedCertLevel(current: CertLevel, passed: ExamLevel): CertLevel {
  return CERT_LEVELS.indexOf(passed) > CERT_LEVELS.indexOf(current) ? passed : current;
}

/** Text a spreadsheet would run as a formula (=, +, -, @ first): refused in one-line fields. */
export const FORMULA_START = /^[=+\-@]/;
const noFormula = <T extends z.ZodType<string | null | undefined>>(s: T, label: string) =>
  s.refine((v) => v === null || v === undefined || !FORMULA_START.test(v), `${label}不能以 = + - @ 开头`);

// ---- sessions ----

export const TrainingKindEnum = z.enum(TRAINING_KINDS, { error: '请选择培训类型' });
export const RoleKindEnum = z.enum(ROLE_KINDS, { error: '培训对象类型不正确' });

const sessionFields = {
  topic: noFormula(Line('培训主题', 120), '培训主题'),
  kind: TrainingKindEnum,
  heldOn: IsoDate('培训日期'),
  hours: z.number({ error: '请填写学时' }).positive('学时须大于 0').max(200, '学时不能超过 200').multipleOf(0.5, '学时以 0.5 为单位'),
  trainer: noFormula(OptLine('授课人', 60), '授课人'),
  location: noFormula(OptLine('地点', 120), '地点'),
  audience: z.array(RoleKindEnum).max(5, '培训对象类型不正确').default([]),
  planTasks: z.array(z.number().int().min(1, '任务编号不正确').max(60, '任务编号不正确')).max(10, '最多关联 10 项任务').default([]),
  note: OptText('备注', 1000),
};
export const SessionCreate = z.object(sessionFields);
export type SessionCreate = z.input<typeof SessionCreate>;
export const SessionUpdate = z.object({ ...sessionFields, version: z.number().int().min(1) });
export type SessionUpdate = z.input<typeof SessionUpdate>;

export const Session = z.object({
  id: z.string(),
  topic: z.string(),
  kind: TrainingKindEnum,
  heldOn: z.string(),
  hours: z.number(),
  trainer: z.string().nullable(),
  location: z.string().nullable(),
  organiserUnitCode: z.string().nullable(),
  organiserUnitName: z.string().nullable(),
  audience: z.array(RoleKindEnum),
  planTasks: z.array(z.number()),
  note: z.string().nullable(),
  /** Attendance records the caller can see (their area's people). */
  attendees: z.number(),
  /** The caller's unit organised it (or the caller configures the district's training): they may edit it. */
  canEdit: z.boolean(),
  version: z.number(),
});
export type Session = z.infer<typeof Session>;
export const SessionList = page(Session);
export const SessionQuery = PageQuery.extend({
  year: z.coerce.number().int().min(2000, '年份不正确').max(2100, '年份不正确').optional(),
  kind: TrainingKindEnum.optional(),
});

// ---- attendance ----

export const AttendanceEntry = z.object({
  staffId: z.string().uuid('人员编号格式不正确'),
  attended: z.boolean({ error: '请选择是否出勤' }),
  /** Hours actually attended; null: the session's hours. */
  hours: z.number().positive('学时须大于 0').max(200, '学时不能超过 200').nullable().optional(),
  note: OptLine('备注', 200),
});
export const AttendanceBulk = z.object({
  entries: z.array(AttendanceEntry).min(1, '请至少选择一人').max(500, '一次最多记录 500 人'),
});
export type AttendanceBulk = z.input<typeof AttendanceBulk>;

export const AttendanceRow = z.object({
  staffId: z.string(),
  name: z.string(),
  roleKind: RoleKindEnum,
  streetName: z.string().nullable(),
  attended: z.boolean(),
  hours: z.number(),
  note: z.string().nullable(),
});
export const AttendanceList = z.object({ items: z.array(AttendanceRow) });

/** People of the caller's area who may be marked (the picker). */
export const StaffOption = z.object({
  id: z.string(),
  name: z.string(),
  roleKind: RoleKindEnum,
  streetName: z.string().nullable(),
  committees: z.array(z.string()),
});
export const StaffOptionList = z.object({ items: z.array(StaffOption) });
export const StaffOptionQuery = z.object({
  q: OptLine('姓名', 40),
  roleKind: RoleKindEnum.optional(),
});

// ---- each person's archive ----

export const ArchiveSession = z.object({
  sessionId: z.string(),
  topic: z.string(),
  kind: TrainingKindEnum,
  heldOn: z.string(),
  hours: z.number(),
  attended: z.boolean(),
});
export const ExamRecord = z.object({
  id: z.string(),
  staffId: z.string(),
  year: z.number(),
  level: z.enum(EXAM_LEVELS),
  registeredOn: z.string(),
  result: z.enum(EXAM_RESULTS),
  score: z.number().nullable(),
  note: z.string().nullable(),
  version: z.number(),
});
export const Reward = z.object({
  id: z.string(),
  staffId: z.string(),
  year: z.number(),
  title: z.string(),
  grantedOn: z.string(),
  grantingUnitName: z.string().nullable(),
  note: z.string().nullable(),
});
export const PersonArchive = z.object({
  staffId: z.string(),
  name: z.string(),
  certLevel: z.enum(CERT_LEVELS),
  sessions: z.array(ArchiveSession),
  hoursByYear: z.array(z.object({ year: z.number(), hours: z.number(), sessions: z.number() })),
  exams: z.array(ExamRecord),
  evaluations: z.array(z.object({ id: z.string(), year: z.number(), status: z.enum(['draft', 'done']), grade: z.enum(GRADES).nullable() })),
  rewards: z.array(Reward),
});
export type PersonArchive = z.infer<typeof PersonArchive>;

// ---- coverage ----

export const CoverageQuery = PageQuery.extend({ street: z.string().max(40).optional() });
export const CoverageRow = z.object({
  staffId: z.string(),
  name: z.string(),
  roleKind: RoleKindEnum,
  streetName: z.string().nullable(),
  committees: z.array(z.string()),
  appointedOn: z.string().nullable(),
  lastTrainedOn: z.string().nullable(),
});
export const Coverage = z.object({
  year: z.number(),
  asOf: z.string(),
  required: z.number(),
  trained: z.number(),
  untrained: page(CoverageRow),
});
export type Coverage = z.infer<typeof Coverage>;

// ---- exams ----

export const ExamCreate = z.object({
  staffId: z.string().uuid('人员编号格式不正确'),
  year: z.number({ error: '请填写考试年度' }).int('年度应为整数').min(2000, '年度不正确').max(2100, '年度不正确'),
  level: z.enum(EXAM_LEVELS, { error: '请选择考试级别' }),
  registeredOn: IsoDate('报名日期'),
  note: OptText('备注', 500),
});
export type ExamCreate = z.input<typeof ExamCreate>;
export const ExamResultBody = z.object({
  result: z.enum(['passed', 'failed', 'absent'], { error: '请选择考试结果' }),
  score: z.number().min(0, '成绩不能为负').max(999, '成绩不正确').nullable().optional(),
  version: z.number().int().min(1),
});
export type ExamResultBody = z.input<typeof ExamResultBody>;
export const ExamOut = ExamRecord.extend({ certLevel: z.enum(CERT_LEVELS) });

// ---- evaluations ----

/**
 * The criteria computed from the platform for a director and a year (see docs/training.md):
 * shares as numerator/denominator so an empty committee shows "no children", not 0 %.
 */
export const EvaluationMetrics = z.object({
  computedOn: z.string(),
  children: z.number(),
  visitsOnTime: z.object({ num: z.number(), den: z.number() }),
  filesComplete: z.object({ num: z.number(), den: z.number() }),
  problemsResolved: z.object({ num: z.number(), den: z.number() }),
  trainingHours: z.number(),
});
export type EvaluationMetrics = z.infer<typeof EvaluationMetrics>;

export const Evaluation = z.object({
  id: z.string().nullable(),
  staffId: z.string(),
  name: z.string(),
  streetName: z.string().nullable(),
  committees: z.array(z.string()),
  year: z.number(),
  status: z.enum(['none', 'draft', 'done']),
  metrics: EvaluationMetrics.nullable(),
  grade: z.enum(GRADES).nullable(),
  comment: z.string().nullable(),
  reviewerName: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  version: z.number().nullable(),
});
export type Evaluation = z.infer<typeof Evaluation>;
export const EvaluationList = page(Evaluation);
export const EvaluationQuery = PageQuery.extend({
  year: z.coerce.number().int().min(2000, '年份不正确').max(2100, '年份不正确'),
  status: z.enum(['none', 'draft', 'done']).optional(),
});
export const EvaluationSave = z.object({
  staffId: z.string().uuid('人员编号格式不正确'),
  year: z.number().int().min(2000, '年度不正确').max(2100, '年度不正确'),
  grade: z.enum(GRADES, { error: '请选择评价等次' }).nullable().optional(),
  comment: OptText('评语', 2000),
  /** done: the evaluation is final (a grade is needed). */
  finish: z.boolean().default(false),
  /** null for the first save of the year. */
  version: z.number().int().min(1).nullable().optional(),
});
export type EvaluationSave = z.input<typeof EvaluationSave>;
export const MetricsQuery = z.object({
  staffId: z.string().uuid('人员编号格式不正确'),
  year: z.coerce.number().int().min(2000, '年份不正确').max(2100, '年份不正确'),
});

// ---- rewards ----

export const RewardCreate = z.object({
  staffId: z.string().uuid('人员编号格式不正确'),
  title: noFormula(Line('奖励名称', 120), '奖励名称'),
  grantedOn: IsoDate('授予日期'),
  grantingUnitCode: z.string().max(64).nullable().optional(),
  note: OptText('备注', 500),
});
export type RewardCreate = z.input<typeof RewardCreate>;

export const StaffIdParam = z.object({ staffId: z.string().uuid('人员编号格式不正确') });
