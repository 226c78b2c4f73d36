/**
 * 监护提质 — documents from templates and guidance for guardians (plan tasks 5, 11, 14): the
 * template placeholders, the PURE fill function shared by the server (the stored document) and the
 * web (the template editor's preview), and the API contract of the guidance module.
 */
import { z } from 'zod';
import { IsoDate, Line } from './fields.js';
import { plainText } from './text.js';

// ---- placeholders and the fill function ----

/** The placeholders a template may use, written {{名称}} in its body. */
export const PLACEHOLDERS = [
  { name: '儿童姓名', en: "Child's name" },
  { name: '儿童性别', en: "Child's sex" },
  { name: '出生日期', en: "Child's birth date" },
  { name: '监护人姓名', en: "Guardian's name" },
  { name: '监护人关系', en: "Guardian's relation to the child" },
  { name: '街道', en: 'Street' },
  { name: '居委', en: 'Residential committee' },
  { name: '日期', en: 'Date the document is made' },
  { name: '事由', en: 'Reason for the intervention' },
  { name: '单位', en: 'Unit taking the step' },
  { name: '干预类型', en: 'Kind of intervention' },
  { name: '经办人', en: 'Person who took the step' },
  { name: '决定日期', en: 'Day the step was taken' },
  { name: '指导次数', en: 'Guidance sessions required' },
] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number]['name'];
export const PLACEHOLDER_NAMES: readonly string[] = PLACEHOLDERS.map((p) => p.name);

/** What a value missing from the file prints as: a line to fill in by hand. */
export const BLANK = '＿＿＿＿';

const isPlaceholder = (n: string): n is Placeholder => PLACEHOLDER_NAMES.includes(n);

const PLACEHOLDER_RE = /\{\{([^{}]*)\}\}/g;

/** The placeholder names a body uses (trimmed, in order, repeated as often as they occur). */
export function placeholdersIn(body: string): string[] {
  return [...body.matchAll(PLACEHOLDER_RE)].map((m) => (m[1] ?? '').trim());
}

/**
 * What is wrong with a template body, in Chinese (empty when nothing): an unknown placeholder is
 * named; a "{{" or "}}" left without its pair too.
 */
export function templateProblems(body: string): string[] {
  const problems: string[] = [];
  const unknown = [...new Set(placeholdersIn(body).filter((n) => !PLACEHOLDER_NAMES.includes(n)))];
  for (const n of unknown) problems.push(n ? `模板中有未知的占位符「{{${n}}}」，可用的占位符：${PLACEHOLDER_NAMES.join('、')}` : '模板中有空的占位符「{{}}」');
  const rest = body.replace(PLACEHOLDER_RE, '');
  if (rest.includes('{{') || rest.includes('}}')) problems.push('模板中有不成对的「{{」或「}}」，占位符应写作 {{儿童姓名}} 这样的形式');
  return problems;
}

export type FillValues = Partial<Record<Placeholder, string | number | null | undefined>>;

/**
 * Fills a template: each {{名称}} becomes its value as plain text; a value missing (undefined, null,
 * empty or blank) becomes the line ＿＿＿＿ to fill by hand, never "undefined"; an unknown name (a
 * template saved before the list changed) too. One pass: a value holding "{{…}}" stays as written.
 * The result is text, never markup: whoever shows it escapes it (React does) or prints it as text.
 */
export function fillTemplate(body: string, values: FillValues): string {
  return body.replace(PLACEHOLDER_RE, (_, raw: string) => {
    const name = raw.trim();
    const v = isPlaceholder(name) ? values[name] : undefined;
    if (v === undefined || v === null) return BLANK;
    const s = String(v).trim();
    return s ? s : BLANK;
  });
}

/** Sample values for the template editor's preview. */
export const SAMPLE_VALUES: Record<Placeholder, string> = {
  儿童姓名: '张小明',
  儿童性别: '男',
  出生日期: '2015-03-08',
  监护人姓名: '张建国',
  监护人关系: '父亲',
  街道: '定海路街道',
  居委: '示例居民区',
  日期: '2026年12月5日',
  事由: '长期外出务工，未委托他人照料儿童',
  单位: '定海路街道办事处',
  干预类型: '劝诫/制止',
  经办人: '李明',
  决定日期: '2026年12月1日',
  指导次数: '6',
};

/** A date as printed in a letter: 2026年12月5日. */
export function letterDate(iso: string | null | undefined): string | null {
  if (!iso) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日` : null;
}

// ---- reference lists ----

export const INTERVENTION_KINDS = ['admonition', 'reprimand', 'guidance_order', 'revocation_petition', 'supported_prosecution'] as const;
export type InterventionKind = (typeof INTERVENTION_KINDS)[number];
export const INTERVENTION_KIND_NAMES: Record<InterventionKind, string> = {
  admonition: '劝诫/制止',
  reprimand: '训诫',
  guidance_order: '家庭教育指导令',
  revocation_petition: '撤销监护资格',
  supported_prosecution: '支持起诉',
};
/** The name of an intervention kind (the code itself when unknown). */
export function interventionKindName(kind: string): string {
  const k = INTERVENTION_KINDS.find((x) => x === kind);
  return k ? INTERVENTION_KIND_NAMES[k] : kind;
}
export const TEMPLATE_KINDS = [...INTERVENTION_KINDS, 'other'] as const;
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];

export const GUIDANCE_KINDS = ['family_education', 'psychological', 'behavioural'] as const;
export type GuidanceKind = (typeof GUIDANCE_KINDS)[number];
export const GUIDANCE_KIND_NAMES: Record<GuidanceKind, string> = {
  family_education: '家庭教育指导',
  psychological: '心理辅导',
  behavioural: '行为指导',
};

/** Attendance of one session: recorded or not yet. */
export type Attendance = 'planned' | 'attended' | 'absent';
export const attendanceOf = (attended: boolean | null): Attendance => (attended === null ? 'planned' : attended ? 'attended' : 'absent');

/**
 * The counts of a guidance order: required (the order's number of sessions), attended, missed,
 * planned (not yet recorded), and whether all required sessions were attended.
 */
export function orderProgress(required: number | null, sessions: { attended: boolean | null }[]) {
  const attended = sessions.filter((s) => s.attended === true).length;
  const missed = sessions.filter((s) => s.attended === false).length;
  const planned = sessions.filter((s) => s.attended === null).length;
  return { required: required ?? 0, attended, missed, planned, complete: (required ?? 0) > 0 && attended >= (required ?? 0) };
}

// ---- schemas ----

const Uuid = (message = '编号格式不正确') => z.string().uuid(message);
const Version = z.number({ error: '缺少版本号，请刷新后再改' }).int().min(1);
const OptText = (label: string, max: number) =>
  plainText(z.string().trim().max(max, `${label}最多 ${max} 个字`), label)
    .optional()
    .nullable();

export const TemplateKindEnum = z.enum(TEMPLATE_KINDS, { error: '请选择文书适用的干预类型' });
export const GuidanceKindEnum = z.enum(GUIDANCE_KINDS, { error: '请选择指导类型（家庭教育指导、心理辅导或行为指导）' });

const TemplateBody = plainText(
  z
    .string({ error: '请填写文书正文' })
    .min(1, '请填写文书正文')
    .max(20000, '文书正文最多 20000 个字')
    .refine((v) => v.trim().length > 0, '请填写文书正文'),
  '文书正文',
).superRefine((v, ctx) => {
  for (const message of templateProblems(v)) ctx.addIssue({ code: 'custom', message });
});

export const GuardianshipTemplate = z.object({
  code: z.string(),
  version: z.number(),
  kind: TemplateKindEnum,
  title: z.string(),
  body: z.string(),
  active: z.boolean(),
  /** Shipped with the product: the district's default, to edit. */
  isDefault: z.boolean(),
  createdAt: z.string(),
  createdByName: z.string().nullable(),
});
export type GuardianshipTemplate = z.infer<typeof GuardianshipTemplate>;
export const TemplateList = z.object({ items: z.array(GuardianshipTemplate) });
export const TemplateListQuery = z.object({
  kind: TemplateKindEnum.optional(),
  /** 'true': every version of every template (the history), not only the latest. */
  history: z.enum(['true', 'false']).optional(),
  includeInactive: z.enum(['true', 'false']).optional(),
});

export const TemplateCreate = z.object({
  code: z.string({ error: '请填写模板代码' }).regex(/^[a-z][a-z0-9_-]{1,39}$/, '模板代码为 2–40 位小写字母、数字、下划线或连字符，以字母开头'),
  kind: TemplateKindEnum,
  title: Line('文书标题', 60),
  body: TemplateBody,
});
export type TemplateCreate = z.infer<typeof TemplateCreate>;
/** A new version of a template (the versions before stay, and the documents filled from them). */
export const TemplateUpdate = z.object({
  kind: TemplateKindEnum,
  title: Line('文书标题', 60),
  body: TemplateBody,
  active: z.boolean({ error: '请选择是否启用' }),
  /** The version the editor started from: a newer one is refused (409). */
  version: Version,
});
export type TemplateUpdate = z.infer<typeof TemplateUpdate>;
export const TemplateCodeParam = z.object({ code: z.string().min(1).max(40) });

export const DocumentCreate = z.object({
  templateCode: z.string({ error: '请选择文书模板' }).min(1, '请选择文书模板').max(40),
});
export const GuardianshipDocument = z.object({
  id: z.string(),
  interventionId: z.string(),
  interventionKind: z.string(),
  childId: z.string(),
  childName: z.string(),
  templateCode: z.string(),
  templateVersion: z.number(),
  title: z.string(),
  /** The text as filled (only in the detail answer). */
  body: z.string().nullable(),
  createdAt: z.string(),
  createdByName: z.string().nullable(),
});
export type GuardianshipDocument = z.infer<typeof GuardianshipDocument>;
export const DocumentList = z.object({ items: z.array(GuardianshipDocument) });

export const GuidanceSession = z.object({
  id: z.string(),
  childId: z.string(),
  kind: GuidanceKindEnum,
  scheduledOn: z.string(),
  attendance: z.enum(['planned', 'attended', 'absent']),
  /** Full depth only (null in summary). */
  provider: z.string().nullable(),
  topic: z.string().nullable(),
  memberId: z.string().nullable(),
  memberName: z.string().nullable(),
  interventionId: z.string().nullable(),
  problemId: z.string().nullable(),
  problemText: z.string().nullable(),
  absenceReason: z.string().nullable(),
  note: z.string().nullable(),
  version: z.number(),
});
export type GuidanceSession = z.infer<typeof GuidanceSession>;

export const GuidanceOrder = z.object({
  id: z.string(),
  status: z.string(),
  unitName: z.string().nullable(),
  decidedOn: z.string().nullable(),
  required: z.number(),
  attended: z.number(),
  missed: z.number(),
  planned: z.number(),
  complete: z.boolean(),
});
export type GuidanceOrder = z.infer<typeof GuidanceOrder>;

export const GuidanceChild = z.object({
  depth: z.enum(['full', 'summary']),
  canWrite: z.boolean(),
  sessions: z.array(GuidanceSession),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  orders: z.array(GuidanceOrder),
  /** Choices for the form (full depth only). */
  members: z.array(z.object({ id: z.string(), name: z.string(), relation: z.string(), role: z.string() })),
  problems: z.array(z.object({ id: z.string(), text: z.string(), category: z.string(), status: z.string() })),
});
export type GuidanceChild = z.infer<typeof GuidanceChild>;
export const GuidanceQuery = z.object({
  page: z.coerce.number({ error: '页码应为数字' }).int().min(1, '页码从 1 开始').default(1),
  pageSize: z.coerce.number({ error: '每页条数应为数字' }).int().min(1).max(100, '每页最多 100 条').default(10),
});

const SessionFields = {
  kind: GuidanceKindEnum,
  provider: Line('指导机构或人员', 80),
  topic: Line('指导主题', 100),
  scheduledOn: IsoDate('指导日期'),
  memberId: Uuid('请选择接受指导的监护人').optional().nullable(),
  interventionId: Uuid('请选择关联的家庭教育指导令').optional().nullable(),
  problemId: Uuid('请选择关联的问题').optional().nullable(),
  note: OptText('备注', 2000),
};
export const GuidanceCreate = z.object(SessionFields);
export type GuidanceCreate = z.infer<typeof GuidanceCreate>;
export const GuidanceUpdate = z.object({ ...SessionFields, version: Version });
export type GuidanceUpdate = z.infer<typeof GuidanceUpdate>;
export const GuidanceAttendanceBody = z
  .object({
    attended: z.boolean({ error: '请选择参加或缺席' }),
    absenceReason: OptText('缺席原因', 200),
    note: OptText('备注', 2000),
    version: Version,
  })
  .superRefine((v, ctx) => {
    if (!v.attended && !v.absenceReason?.trim()) ctx.addIssue({ code: 'custom', path: ['absenceReason'], message: '缺席时请填写缺席原因' });
  });
export type GuidanceAttendanceBody = z.infer<typeof GuidanceAttendanceBody>;
export const VersionQuery = z.object({ version: z.coerce.number({ error: '缺少版本号，请刷新后再改' }).int().min(1, '缺少版本号，请刷新后再改') });

/** A child's documents, and the interventions a document can be filled for. */
export const ChildDocuments = z.object({
  items: z.array(GuardianshipDocument),
  interventions: z.array(
    z.object({ id: z.string(), kind: z.string(), status: z.string(), decidedOn: z.string().nullable(), unitName: z.string().nullable(), reason: z.string() }),
  ),
});
export type ChildDocuments = z.infer<typeof ChildDocuments>;
