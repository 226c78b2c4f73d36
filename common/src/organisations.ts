/**
 * 社会组织 (plan task 40): the register of social organisations (social-work agencies, volunteer and
 * charity organisations, foundations) and their commissioned, incubated and cooperation projects
 * with the children each serves. The 统一社会信用代码 check (GB 32100-2015) and the API contract.
 */
import { z } from 'zod';
import { PageQuery, page } from './api.js';
import { IsoDate, Line, OptLine, OptText } from './fields.js';
import { FORMULA_MESSAGE, noFormula } from './staffing.js';

// ---- 统一社会信用代码 (GB 32100-2015) ----

/** The 31 characters of the code (no I, O, Z, S, V). */
export const CREDIT_CODE_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** The weights of the 17 body characters: 3^i mod 31. */
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The check character of a code's first 17 characters; null when one of them is not allowed. */
export function creditCheckChar(body: string): string | null {
  if (body.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CREDIT_CODE_CHARS.indexOf(body.charAt(i));
    if (v < 0) return null;
    sum += v * (CREDIT_WEIGHTS[i] ?? 0);
  }
  return CREDIT_CODE_CHARS.charAt((31 - (sum % 31)) % 31);
}

/** Why a 统一社会信用代码 is not one (null: it is valid). Upper-case letters only. */
export function creditCodeProblem(code: string): string | null {
  if (code.length !== 18) return '统一社会信用代码应为 18 位';
  if (![...code].every((ch) => CREDIT_CODE_CHARS.includes(ch))) return '统一社会信用代码只能包含数字和大写字母（不含 I、O、Z、S、V）';
  if (creditCheckChar(code.slice(0, 17)) !== code.charAt(17)) return '统一社会信用代码校验位不正确，请核对';
  return null;
}

export const isCreditCode = (code: string): boolean => creditCodeProblem(code) === null;

// ---- reference lists ----

export const ORG_KINDS = ['social_work_agency', 'volunteer', 'charity', 'foundation', 'other'] as const;
export type OrgKind = (typeof ORG_KINDS)[number];
export const ORG_KIND_NAMES: Record<OrgKind, string> = {
  social_work_agency: '社会工作服务机构',
  volunteer: '志愿服务组织',
  charity: '慈善组织',
  foundation: '基金会',
  other: '其他',
};
export const PROJECT_KINDS = ['commissioned', 'incubated', 'cooperation'] as const;
export type ProjectKind = (typeof PROJECT_KINDS)[number];
export const PROJECT_KIND_NAMES: Record<ProjectKind, string> = { commissioned: '政府购买服务', incubated: '孵化项目', cooperation: '合作项目' };
export const PROJECT_STATUSES = ['planned', 'running', 'finished', 'cancelled'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];
export const PROJECT_STATUS_NAMES: Record<ProjectStatus, string> = { planned: '筹备中', running: '实施中', finished: '已结项', cancelled: '已终止' };

// ---- contracts ----

const Name = (label: string, max: number) => Line(label, max).refine(noFormula, FORMULA_MESSAGE(label));
const OptName = (label: string, max: number) => OptLine(label, max).refine(noFormula, FORMULA_MESSAGE(label));
const OptDate = (label: string) => IsoDate(label).optional().nullable();
const Streets = z.array(z.string().max(32), { error: '服务街道应为列表' }).max(20, '街道最多 12 个');
const Version = z.number({ error: '缺少版本号' }).int();

export const CreditCode = z
  .string({ error: '统一社会信用代码应为文字' })
  .trim()
  .transform((v) => v.toUpperCase())
  .superRefine((v, c) => {
    const p = creditCodeProblem(v);
    if (p) c.addIssue({ code: 'custom', message: p });
  });

export const Organisation = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(ORG_KINDS),
  creditCode: z.string().nullable(),
  registeredOn: z.string().nullable(),
  registrationAuthority: z.string().nullable(),
  unitCode: z.string().nullable(),
  staffCount: z.number().nullable(),
  capacityNote: z.string().nullable(),
  serviceStreets: z.array(z.string()),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  incubated: z.boolean(),
  incubatedOn: z.string().nullable(),
  active: z.boolean(),
  note: z.string().nullable(),
  projectsRunning: z.number(),
  version: z.number(),
});
export type Organisation = z.infer<typeof Organisation>;
export const OrganisationList = page(Organisation);
export const OrganisationQuery = PageQuery.extend({
  q: z.string().max(64).optional(),
  kind: z.enum(ORG_KINDS).optional(),
  street: z.string().max(32).optional(),
  active: z.enum(['true', 'false']).optional(),
  incubated: z.enum(['true', 'false']).optional(),
});
export type OrganisationQuery = z.infer<typeof OrganisationQuery>;

const orgFields = {
  name: Name('组织名称', 80),
  kind: z.enum(ORG_KINDS, { error: '请选择组织类型' }),
  creditCode: CreditCode.optional().nullable(),
  registeredOn: OptDate('登记日期'),
  registrationAuthority: OptName('登记管理机关', 60),
  staffCount: z.number({ error: '专职人数应为整数' }).int('专职人数应为整数').min(0, '专职人数不能为负').max(100000, '专职人数过大').optional().nullable(),
  capacityNote: OptText('服务能力说明', 500),
  serviceStreets: Streets.default([]),
  contactName: OptName('联系人', 40),
  contactPhone: z
    .string({ error: '联系电话应为文字' })
    .trim()
    .regex(/^[0-9-]{0,20}$/, '联系电话只能包含数字和连字符，最多 20 位')
    .optional()
    .nullable(),
  incubated: z.boolean({ error: '请选择是否孵化' }).default(false),
  incubatedOn: OptDate('孵化日期'),
  active: z.boolean({ error: '请选择是否在册' }).default(true),
  note: OptText('备注', 1000),
};
export const OrganisationCreate = z.object(orgFields);
export type OrganisationCreate = z.infer<typeof OrganisationCreate>;
export const OrganisationUpdate = z.object({ ...orgFields, version: Version });
export type OrganisationUpdate = z.infer<typeof OrganisationUpdate>;

export const Project = z.object({
  id: z.string(),
  organisationId: z.string(),
  organisationName: z.string(),
  name: z.string(),
  kind: z.enum(PROJECT_KINDS),
  commissioningUnitCode: z.string().nullable(),
  commissioningUnitName: z.string().nullable(),
  budget: z.number().nullable(),
  startsOn: z.string(),
  endsOn: z.string(),
  deliverables: z.string().nullable(),
  childrenTarget: z.number().nullable(),
  streets: z.array(z.string()),
  planTasks: z.array(z.number()),
  status: z.enum(PROJECT_STATUSES),
  note: z.string().nullable(),
  /** Children currently served, in the whole district (a count only). */
  childrenServed: z.number(),
  version: z.number(),
});
export type Project = z.infer<typeof Project>;
export const ProjectList = page(Project);
export const ProjectQuery = PageQuery.extend({
  q: z.string().max(64).optional(),
  organisationId: z.string().uuid('组织编号无效').optional(),
  kind: z.enum(PROJECT_KINDS).optional(),
  status: z.enum(PROJECT_STATUSES).optional(),
  street: z.string().max(32).optional(),
});
export type ProjectQuery = z.infer<typeof ProjectQuery>;

const projectFields = {
  organisationId: z.string({ error: '请选择承接组织' }).uuid('请选择承接组织'),
  name: Name('项目名称', 100),
  kind: z.enum(PROJECT_KINDS, { error: '请选择项目类型' }),
  commissioningUnitCode: z.string().max(64).optional().nullable(),
  budget: z.number({ error: '预算应为数字' }).min(0, '预算不能为负').max(1e11, '预算过大').optional().nullable(),
  startsOn: IsoDate('开始日期'),
  endsOn: IsoDate('结束日期'),
  deliverables: OptText('服务内容与产出', 2000),
  childrenTarget: z
    .number({ error: '服务儿童目标数应为整数' })
    .int('服务儿童目标数应为整数')
    .min(0, '服务儿童目标数不能为负')
    .max(100000, '服务儿童目标数过大')
    .optional()
    .nullable(),
  streets: Streets.default([]),
  planTasks: z
    .array(z.number().int().min(1, '行动方案任务编号为 1–40').max(40, '行动方案任务编号为 1–40'), { error: '行动方案任务应为列表' })
    .max(40)
    .default([]),
  status: z.enum(PROJECT_STATUSES, { error: '请选择项目状态' }).default('running'),
  note: OptText('备注', 1000),
};
export const ProjectCreate = z.object(projectFields);
export type ProjectCreate = z.infer<typeof ProjectCreate>;
export const ProjectUpdate = z.object({ ...projectFields, version: Version });
export type ProjectUpdate = z.infer<typeof ProjectUpdate>;

export const ProjectChild = z.object({
  childId: z.string(),
  /** Masked (张*明) for a caller who cannot open the file. */
  name: z.string(),
  canOpen: z.boolean(),
  streetName: z.string(),
  committeeName: z.string(),
  since: z.string(),
  until: z.string().nullable(),
});
export const ProjectDetail = z.object({ project: Project, children: z.array(ProjectChild), canAssign: z.boolean() });
export type ProjectDetail = z.infer<typeof ProjectDetail>;
export const ProjectChildAdd = z.object({ childId: z.string({ error: '请选择儿童' }).uuid('请选择儿童'), since: IsoDate('开始服务日期') });
export const ProjectChildEnd = z.object({ until: IsoDate('结束服务日期') });
export const ProjectChildParam = z.object({ id: z.string().uuid('项目编号无效'), childId: z.string().uuid('儿童编号无效') });

export const OrganisationOptions = z.object({
  streets: z.array(z.object({ code: z.string(), name: z.string() })),
  units: z.array(z.object({ code: z.string(), name: z.string() })),
  organisations: z.array(z.object({ id: z.string(), name: z.string() })),
  today: z.string(),
});
