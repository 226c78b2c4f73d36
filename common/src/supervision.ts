/**
 * 督办 contract: the action plan as data (tasks, units, yearly targets), units' periodic progress
 * reports with evidence and their review, the indicator registry's values, and the dashboard.
 * One zod schema gives the server its check and the interface its type.
 */
import { z } from 'zod';
import { plainName } from './text.js';
import { PageQuery, page } from './api.js';
import { MAX_BASE64_CHARS } from './files.js';

const longText = (label: string, max = 4000) => z.string().trim().max(max, `${label}最多 ${max} 个字`);

// ---- periods ----
export const CADENCES = ['month', 'quarter', 'half', 'year'] as const;
export type Cadence = (typeof CADENCES)[number];
export const CADENCE_LABELS: Record<Cadence, string> = { month: '每月', quarter: '每季度', half: '每半年', year: '每年' };

/** A reporting period: `2026Q3`, `2026-07`, `2026H1` or `2026`. */
export interface Period {
  key: string;
  cadence: Cadence;
  from: string;
  to: string;
  label: string;
  labelEn: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate(); // m is 1-based
const span = (y: number, m1: number, m2: number) => ({ from: `${y}-${pad(m1)}-01`, to: `${y}-${pad(m2)}-${pad(lastDay(y, m2))}` });

/** Parses a period key; null when it is not one. */
export function parsePeriod(key: string): Period | null {
  let m = /^(\d{4})Q([1-4])$/.exec(key);
  if (m) {
    const y = Number(m[1]),
      q = Number(m[2]);
    return { key, cadence: 'quarter', ...span(y, q * 3 - 2, q * 3), label: `${y}年第${'一二三四'[q - 1]}季度`, labelEn: `Q${q} ${y}` };
  }
  m = /^(\d{4})H([12])$/.exec(key);
  if (m) {
    const y = Number(m[1]),
      h = Number(m[2]);
    return { key, cadence: 'half', ...span(y, h * 6 - 5, h * 6), label: `${y}年${h === 1 ? '上' : '下'}半年`, labelEn: `H${h} ${y}` };
  }
  m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(key);
  if (m) {
    const y = Number(m[1]),
      mo = Number(m[2]);
    return { key, cadence: 'month', ...span(y, mo, mo), label: `${y}年${mo}月`, labelEn: `${y}-${pad(mo)}` };
  }
  m = /^(\d{4})$/.exec(key);
  if (m) {
    const y = Number(m[1]);
    return { key, cadence: 'year', ...span(y, 1, 12), label: `${y}年度`, labelEn: `${y}` };
  }
  return null;
}

/** The period of `cadence` that contains `day` (YYYY-MM-DD). */
export function periodOf(cadence: Cadence, day: string): Period {
  const y = Number(day.slice(0, 4)),
    mo = Number(day.slice(5, 7));
  const key =
    cadence === 'quarter' ? `${y}Q${Math.ceil(mo / 3)}` : cadence === 'half' ? `${y}H${mo <= 6 ? 1 : 2}` : cadence === 'month' ? `${y}-${pad(mo)}` : `${y}`;
  return parsePeriod(key)!;
}

/** Every period of `cadence` in the years `fromYear`..`toYear`, in order. */
export function periodsBetween(cadence: Cadence, fromYear: number, toYear: number): Period[] {
  const out: Period[] = [];
  for (let y = fromYear; y <= toYear; y++) {
    const keys =
      cadence === 'quarter'
        ? [1, 2, 3, 4].map((q) => `${y}Q${q}`)
        : cadence === 'half'
          ? [`${y}H1`, `${y}H2`]
          : cadence === 'month'
            ? Array.from({ length: 12 }, (_, i) => `${y}-${pad(i + 1)}`)
            : [`${y}`];
    for (const k of keys) out.push(parsePeriod(k)!);
  }
  return out;
}

/** The day a report for `period` is due: `dueDays` days after the period ends. */
export function dueDateOf(period: Period, dueDays: number): string {
  const d = new Date(`${period.to}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + dueDays);
  return d.toISOString().slice(0, 10);
}

// ---- the plan ----
export const PROGRESS = ['not-started', 'in-progress', 'done', 'late'] as const;
export type Progress = (typeof PROGRESS)[number];
export const PROGRESS_LABELS: Record<Progress, string> = { 'not-started': '未启动', 'in-progress': '推进中', done: '已完成', late: '滞后' };
/** A task's status on the dashboard: its units' progress combined, or not reported yet. */
export const TASK_STATUSES = ['done', 'in-progress', 'late', 'not-started', 'unreported'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
export const TASK_STATUS_LABELS: Record<TaskStatus, string> = { ...PROGRESS_LABELS, unreported: '未报告' };

export const PlanSummary = z.object({
  id: z.string(),
  name: z.string(),
  nameEn: z.string(),
  periodFrom: z.number(),
  periodTo: z.number(),
  cadence: z.enum(CADENCES),
  dueDays: z.number(),
  active: z.boolean(),
  source: z.string(),
  taskCount: z.number(),
});
export type PlanSummary = z.infer<typeof PlanSummary>;
export const PlanList = z.object({ items: z.array(PlanSummary) });

export const PlanAction = z.object({ no: z.number(), name: z.string(), nameEn: z.string() });
export type PlanAction = z.infer<typeof PlanAction>;
export const PlanUnit = z.object({ code: z.string(), name: z.string(), lead: z.boolean() });
export const PlanTarget = z.object({
  id: z.string(),
  taskId: z.string(),
  unitCode: z.string().nullable(),
  unitName: z.string().nullable(),
  year: z.number(),
  text: z.string(),
  indicator: z.string().nullable(),
  targetValue: z.number().nullable(),
});
export type PlanTarget = z.infer<typeof PlanTarget>;
export const PlanTask = z.object({
  id: z.string(),
  planId: z.string(),
  no: z.number(),
  action: z.number(),
  summary: z.string(),
  text: z.string(),
  leadUnit: z.string(),
  units: z.array(PlanUnit),
  targets: z.array(PlanTarget),
  indicators: z.array(z.string()),
  version: z.number(),
});
export type PlanTask = z.infer<typeof PlanTask>;
export const PlanTasks = z.object({ plan: PlanSummary, actions: z.array(PlanAction), tasks: z.array(PlanTask), mineOnly: z.boolean() });
export type PlanTasks = z.infer<typeof PlanTasks>;
export const PlanTasksQuery = z.object({ plan: z.string().max(64).optional(), mine: z.enum(['true', 'false']).optional() });

export const TaskUpdate = z.object({
  summary: z.string().trim().min(2, '任务简称至少 2 个字').max(40, '任务简称最多 40 个字'),
  text: z.string().trim().min(4, '请填写任务内容').max(2000, '任务内容最多 2000 个字'),
  action: z.number().int().min(1, '请选择所属行动'),
  units: z.array(z.string().min(1)).min(1, '至少需要一个责任单位').max(40),
  leadUnit: z.string().min(1, '请选择牵头单位'),
  version: z.number().int(),
});
export type TaskUpdate = z.infer<typeof TaskUpdate>;
export const TaskCreate = TaskUpdate.omit({ version: true });

export const TargetSave = z.object({
  unitCode: z.string().nullable(),
  year: z.number().int().min(2000, '年份不正确').max(2100, '年份不正确'),
  text: z.string().trim().min(2, '请填写目标').max(500, '目标最多 500 个字'),
  indicator: z.string().nullable(),
  targetValue: z.number().nullable(),
});
export type TargetSave = z.infer<typeof TargetSave>;

export const PlanCreate = z
  .object({
    id: z
      .string()
      .trim()
      .regex(/^[a-z0-9-]{3,40}$/, '编号只能用小写字母、数字和连字符，3-40 位'),
    name: plainName(z.string().trim().min(4, '请填写方案名称').max(120), '方案名称'),
    nameEn: plainName(z.string().trim().max(200), '英文名称').default(''),
    periodFrom: z.number().int().min(2000).max(2100),
    periodTo: z.number().int().min(2000).max(2100),
    cadence: z.enum(CADENCES).default('quarter'),
    dueDays: z.number().int().min(0, '报送期限不能为负').max(90, '报送期限最多为期末后 90 天').default(10),
    source: z.string().trim().max(500).default(''),
    /** Copy the actions and tasks of another plan (targets and reports are not copied). */
    copyFrom: z.string().nullable().default(null),
  })
  .refine((p) => p.periodTo >= p.periodFrom, { message: '结束年份不能早于开始年份', path: ['periodTo'] });
export const PlanSettings = z.object({
  name: plainName(z.string().trim().min(4).max(120), '方案名称'),
  nameEn: plainName(z.string().trim().max(200), '英文名称'),
  cadence: z.enum(CADENCES),
  dueDays: z.number().int().min(0).max(90),
  active: z.boolean(),
});

// ---- progress reports ----
export const REPORT_STATES = ['draft', 'submitted', 'accepted', 'returned'] as const;
export type ReportState = (typeof REPORT_STATES)[number];
export const REPORT_STATE_LABELS: Record<ReportState, string> = { draft: '草稿', submitted: '待审核', accepted: '已通过', returned: '已退回' };

export const Evidence = z.object({
  id: z.string(),
  filename: z.string(),
  mime: z.string(),
  sizeBytes: z.number(),
  createdAt: z.string(),
  createdByName: z.string().nullable(),
  deletable: z.boolean(),
});
export type Evidence = z.infer<typeof Evidence>;
export const ReportEvent = z.object({
  at: z.string(),
  action: z.string(),
  byName: z.string().nullable(),
  unitName: z.string().nullable(),
  comment: z.string().nullable(),
});

export const PlanReport = z.object({
  id: z.string(),
  planId: z.string(),
  taskId: z.string(),
  taskNo: z.number(),
  taskSummary: z.string(),
  unitCode: z.string(),
  unitName: z.string(),
  period: z.string(),
  periodLabel: z.string(),
  dueOn: z.string(),
  state: z.enum(REPORT_STATES),
  progress: z.enum(PROGRESS),
  done: z.string(),
  figures: z.string(),
  problems: z.string(),
  nextSteps: z.string(),
  submittedAt: z.string().nullable(),
  submittedByName: z.string().nullable(),
  late: z.boolean(),
  reviewedAt: z.string().nullable(),
  reviewedByName: z.string().nullable(),
  reviewComment: z.string().nullable(),
  version: z.number(),
  evidence: z.array(Evidence),
  history: z.array(ReportEvent),
  canEdit: z.boolean(),
  canReview: z.boolean(),
});
export type PlanReport = z.infer<typeof PlanReport>;
export const PlanReportRow = PlanReport.omit({ evidence: true, history: true, done: true, figures: true, problems: true, nextSteps: true }).extend({
  evidenceCount: z.number(),
  /** The report's text, with `full=true` (the printable report reads a period's reports at once). */
  done: z.string().optional(),
  figures: z.string().optional(),
  problems: z.string().optional(),
  nextSteps: z.string().optional(),
});
export type PlanReportRow = z.infer<typeof PlanReportRow>;
export const PlanReportList = page(PlanReportRow);
export const PlanReportQuery = PageQuery.extend({
  plan: z.string().max(64).optional(),
  period: z.string().max(10).optional(),
  unit: z.string().max(64).optional(),
  task: z.coerce.number().int().optional(),
  state: z.enum(REPORT_STATES).optional(),
  /** Reports waiting for the caller's review. */
  toReview: z.enum(['true', 'false']).optional(),
  /** Only reports handed in (submitted or accepted). */
  handedIn: z.enum(['true', 'false']).optional(),
  /** Include each report's text. */
  full: z.enum(['true', 'false']).optional(),
});

export const ReportSave = z.object({
  taskId: z.string().uuid('任务编号格式不正确'),
  period: z.string().min(1, '请选择报告期'),
  /** A civil-affairs user may report on behalf of a unit; others report for their own unit. */
  unitCode: z.string().optional(),
  progress: z.enum(PROGRESS, { error: '请选择进展状态' }),
  done: longText('工作进展'),
  figures: longText('数据', 2000),
  problems: longText('存在问题', 2000),
  nextSteps: longText('下一步计划', 2000),
  version: z.number().int().optional(),
});
export type ReportSave = z.infer<typeof ReportSave>;
export const ReportSubmit = z.object({ version: z.number().int() });
export const ReportReview = z
  .object({
    decision: z.enum(['accept', 'return'], { error: '请选择通过或退回' }),
    comment: z.string().trim().max(1000, '审核意见最多 1000 个字').default(''),
    version: z.number().int(),
  })
  .refine((r) => r.decision === 'accept' || r.comment.length >= 2, { message: '退回时请填写退回理由', path: ['comment'] });
export const EvidenceUpload = z.object({
  filename: plainName(z.string().trim().min(1, '请提供文件名').max(200, '文件名最多 200 个字符'), '文件名'),
  contentBase64: z.string().min(1, '文件为空').max(MAX_BASE64_CHARS, '文件超过 10 MB，请压缩或拆分后再上传'),
});

/** The caller's unit's tasks for one period, each with its report (or none yet). */
export const WorkspaceRow = z.object({
  task: PlanTask.pick({ id: true, no: true, action: true, summary: true, leadUnit: true }),
  unitCode: z.string(),
  unitName: z.string(),
  dueOn: z.string(),
  overdue: z.boolean(),
  report: PlanReportRow.nullable(),
});
export const Workspace = z.object({
  plan: PlanSummary,
  period: z.string(),
  periodLabel: z.string(),
  open: z.boolean(),
  dueOn: z.string(),
  unitCode: z.string(),
  unitName: z.string(),
  items: z.array(WorkspaceRow),
});
export type Workspace = z.infer<typeof Workspace>;
export const WorkspaceQuery = z.object({ plan: z.string().max(64).optional(), period: z.string().max(10).optional(), unit: z.string().max(64).optional() });

/** Task × unit pairs of a period still not handed in after its due date. */
export const OverdueList = z.object({
  period: z.string(),
  dueOn: z.string(),
  items: z.array(
    z.object({ taskId: z.string(), taskNo: z.number(), taskSummary: z.string(), unitCode: z.string(), unitName: z.string(), state: z.string().nullable() }),
  ),
});
export type OverdueList = z.infer<typeof OverdueList>;

export const PeriodInfo = z.object({
  key: z.string(),
  label: z.string(),
  labelEn: z.string(),
  from: z.string(),
  to: z.string(),
  dueOn: z.string(),
  open: z.boolean(),
  current: z.boolean(),
});
export const PeriodList = z.object({ plan: z.string(), current: z.string(), items: z.array(PeriodInfo) });

// ---- indicators ----
export const INDICATOR_UNITS = ['percent', 'count', 'days'] as const;
export type IndicatorUnit = (typeof INDICATOR_UNITS)[number];
export const RAGS = ['green', 'amber', 'red', 'none'] as const;
export type Rag = (typeof RAGS)[number];

export const IndicatorDef = z.object({
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  definition: z.string(),
  definitionEn: z.string(),
  unit: z.enum(INDICATOR_UNITS),
  direction: z.enum(['higher', 'lower', 'none']),
  tasks: z.array(z.number()),
  defaultTarget: z.number().nullable(),
});
export type IndicatorDef = z.infer<typeof IndicatorDef>;
export const IndicatorDefs = z.object({ items: z.array(IndicatorDef) });
export const StreetFigure = z.object({
  streetCode: z.string(),
  streetName: z.string(),
  value: z.number().nullable(),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
});
export const IndicatorValue = IndicatorDef.extend({
  /** null: no data (e.g. nothing to count yet), distinct from 0. */
  value: z.number().nullable(),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  target: z.number().nullable(),
  targetSource: z.string().nullable(),
  rag: z.enum(RAGS),
  /** How many cases the figure rests on (a percentage's denominator, a median's count); null for a count. */
  sample: z.number().nullable(),
  /** Fewer cases than the platform rates (MIN_SAMPLE): shown with its size, rag 'none'. */
  smallSample: z.boolean(),
  byStreet: z.array(StreetFigure),
  /** Month-end values ('YYYY-MM'), oldest first; null where nothing was recorded. */
  trend: z.array(z.object({ month: z.string(), value: z.number().nullable() })),
  /** Parts of a distribution (children by category, by risk). */
  parts: z.array(z.object({ key: z.string(), label: z.string(), value: z.number() })).nullable(),
  /** The interface path that lists what the figure counts (within the viewer's scope), if any. */
  drill: z.string().nullable(),
  /** Set when the indicator's query failed: the dashboard shows the message, the rest still works. */
  error: z.string().nullable(),
});
export type IndicatorValue = z.infer<typeof IndicatorValue>;

export const DashboardQuery = z.object({ plan: z.string().max(64).optional(), period: z.string().max(10).optional(), street: z.string().max(32).optional() });
export const TaskStatusCount = z.object(Object.fromEntries(TASK_STATUSES.map((s) => [s, z.number()])) as Record<TaskStatus, z.ZodNumber>);
export const Dashboard = z.object({
  plan: PlanSummary,
  period: PeriodInfo,
  /** The day the figures are for: the period's end, or today while the period runs. */
  asOf: z.string(),
  street: z.object({ code: z.string(), name: z.string() }).nullable(),
  streets: z.array(z.object({ code: z.string(), name: z.string() })),
  tasks: z.object({
    total: TaskStatusCount,
    byAction: z.array(z.object({ action: z.number(), name: z.string(), nameEn: z.string(), counts: TaskStatusCount })),
    items: z.array(
      z.object({
        id: z.string(),
        no: z.number(),
        action: z.number(),
        summary: z.string(),
        leadUnit: z.string(),
        leadUnitName: z.string(),
        status: z.enum(TASK_STATUSES),
      }),
    ),
  }),
  units: z.array(
    z.object({ unitCode: z.string(), unitName: z.string(), due: z.number(), onTime: z.number(), late: z.number(), missing: z.number(), accepted: z.number() }),
  ),
  indicators: z.array(IndicatorValue),
  /** When the indicators' figures were computed (the oldest of them): they are kept a few minutes. */
  indicatorsComputedAt: z.string().nullable(),
});
export type Dashboard = z.infer<typeof Dashboard>;
