/**
 * 安全防护 (plan tasks 32, 33): the site register, inspection checklists (data, versioned), inspections
 * and the hazards they find with their rectification. The pure rules shared by the server and the web
 * (who may inspect a site, when a hazard is overdue) and the API contract of the safety module.
 */
import { z } from 'zod';
import { IsoDate, Line } from './fields.js';
import { PageQuery, page } from './api.js';
import { plainText } from './text.js';

// ---- reference lists ----

export const SITE_KINDS = ['school', 'kindergarten', 'protection_institution', 'childcare', 'river_section', 'other'] as const;
export type SiteKind = (typeof SITE_KINDS)[number];
export const SITE_KIND_NAMES: Record<SiteKind, string> = {
  school: '中小学',
  kindergarten: '幼儿园',
  protection_institution: '未成年人救助保护机构',
  childcare: '托育机构',
  river_section: '河道（段）',
  other: '其他涉儿童场所',
};
export const SITE_KIND_NAMES_EN: Record<SiteKind, string> = {
  school: 'School',
  kindergarten: 'Kindergarten',
  protection_institution: 'Child protection institution',
  childcare: 'Childcare',
  river_section: 'River section',
  other: 'Other site',
};
/** Task 32's sites (schools, kindergartens, institutions, childcare); task 33's are river sections. */
export const TASK32_KINDS: readonly SiteKind[] = ['school', 'kindergarten', 'protection_institution', 'childcare'];

export const CHECK_TOPICS = ['fire', 'school_bus', 'food', 'disaster', 'water', 'other'] as const;
export type CheckTopic = (typeof CHECK_TOPICS)[number];
export const CHECK_TOPIC_NAMES: Record<CheckTopic, string> = {
  fire: '消防安全',
  school_bus: '校车安全',
  food: '卫生食品安全',
  disaster: '自然灾害防范',
  water: '涉水安全',
  other: '其他',
};

export const ITEM_RESULTS = ['ok', 'issue', 'na'] as const;
export type ItemResult = (typeof ITEM_RESULTS)[number];
export const HAZARD_STATUSES = ['open', 'fix_reported', 'confirmed'] as const;
export type HazardStatus = (typeof HAZARD_STATUSES)[number];
export const HAZARD_STATUS_NAMES: Record<HazardStatus, string> = { open: '待整改', fix_reported: '整改待确认', confirmed: '已确认整改' };
export const SEVERITIES = ['general', 'major'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const SEVERITY_NAMES: Record<Severity, string> = { general: '一般隐患', major: '重大隐患' };

/** The unit of district civil affairs: it may inspect every site. */
export const DISTRICT_SAFETY_UNIT = 'civil-affairs';

// ---- pure rules ----

export interface RemitSite {
  streetCode: string | null;
  responsibleUnitCode: string;
  inspectingUnits: readonly string[];
}
export interface RemitUnit {
  code: string;
  /** The street of a street office (null for a department). */
  streetCode: string | null;
}

/**
 * Whether a unit may inspect a site: district civil affairs everywhere; a street office its own
 * street's sites; a unit listed among the site's inspecting units; the site's responsible unit.
 */
export function withinRemit(unit: RemitUnit, site: RemitSite): boolean {
  if (unit.code === DISTRICT_SAFETY_UNIT) return true;
  if (unit.streetCode !== null && unit.streetCode === site.streetCode) return true;
  if (site.inspectingUnits.includes(unit.code)) return true;
  return site.responsibleUnitCode === unit.code;
}

/** Overdue: not confirmed, and the deadline (a day) is before today. */
export function isOverdue(h: { status: string; deadline: string }, today: string): boolean {
  return h.status !== 'confirmed' && h.deadline < today;
}

// ---- schemas ----

const Text = (label: string, max: number) =>
  plainText(
    z
      .string({ error: `请填写${label}` })
      .trim()
      .min(1, `请填写${label}`)
      .max(max, `${label}最多 ${max} 个字`),
    label,
  );
const OptText = (label: string, max: number) =>
  plainText(z.string().trim().max(max, `${label}最多 ${max} 个字`), label)
    .optional()
    .nullable();
const Version = z.number({ error: '缺少版本号，请刷新后再改' }).int().min(1, '缺少版本号，请刷新后再改');
const UnitCode = (label: string) =>
  z
    .string({ error: `请选择${label}` })
    .min(1, `请选择${label}`)
    .max(40, `${label}代码过长`);
const Code = (label: string) =>
  z.string({ error: `请填写${label}` }).regex(/^[a-z][a-z0-9_-]{1,39}$/, `${label}为 2–40 位小写字母、数字、下划线或连字符，以字母开头`);

export const SiteKindEnum = z.enum(SITE_KINDS, { error: '请选择场所类型' });
export const CheckTopicEnum = z.enum(CHECK_TOPICS, { error: '请选择检查项目类别' });
export const ItemResultEnum = z.enum(ITEM_RESULTS, { error: '检查结果应为“符合”“存在问题”或“不适用”' });
export const HazardStatusEnum = z.enum(HAZARD_STATUSES, { error: '隐患状态不正确' });
export const SeverityEnum = z.enum(SEVERITIES, { error: '请选择隐患等级（一般或重大）' });

// sites
export const Site = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  kind: SiteKindEnum,
  streetCode: z.string().nullable(),
  streetName: z.string().nullable(),
  address: z.string().nullable(),
  responsibleUnitCode: z.string(),
  responsibleUnitName: z.string(),
  inspectingUnits: z.array(z.object({ code: z.string(), name: z.string() })),
  active: z.boolean(),
  note: z.string().nullable(),
  lastInspectedOn: z.string().nullable(),
  openHazards: z.number(),
  /** Whether the caller may inspect it (safety.inspect and within the remit). */
  canInspect: z.boolean(),
  version: z.number(),
});
export type Site = z.infer<typeof Site>;
export const SiteList = page(Site);
export const SiteQuery = PageQuery.extend({
  kind: SiteKindEnum.optional(),
  street: z.string().max(32).optional(),
  responsibleUnit: z.string().max(40).optional(),
  q: z.string().max(64, '搜索词最多 64 个字').optional(),
  /** 'true': only the sites the caller may inspect. */
  mine: z.enum(['true', 'false']).optional(),
  includeInactive: z.enum(['true', 'false']).optional(),
});
export type SiteQuery = z.infer<typeof SiteQuery>;
const SiteFields = {
  name: Line('场所名称', 80),
  kind: SiteKindEnum,
  streetCode: z.string({ error: '请选择所在街道' }).min(1, '请选择所在街道').max(32),
  address: OptText('地址', 200),
  responsibleUnitCode: UnitCode('责任单位'),
  inspectingUnits: z.array(UnitCode('检查单位'), { error: '检查单位应为列表' }).max(20, '检查单位最多 20 个').default([]),
  note: OptText('备注', 1000),
};
export const SiteCreate = z.object({ ...SiteFields, code: Code('场所代码').optional() });
export type SiteCreate = z.infer<typeof SiteCreate>;
export const SiteUpdate = z.object({ ...SiteFields, version: Version });
export type SiteUpdate = z.infer<typeof SiteUpdate>;
export const VersionBody = z.object({ version: Version });

// checklists
export const ChecklistItem = z.object({
  code: z.string({ error: '请填写检查项代码' }).regex(/^[a-z][a-z0-9_-]{0,39}$/, '检查项代码为 1–40 位小写字母、数字、下划线或连字符，以字母开头'),
  text: Line('检查项内容', 200),
  topic: CheckTopicEnum,
});
export type ChecklistItem = z.infer<typeof ChecklistItem>;
export const Checklist = z.object({
  code: z.string(),
  version: z.number(),
  name: z.string(),
  siteKinds: z.array(SiteKindEnum),
  items: z.array(ChecklistItem),
  active: z.boolean(),
  latest: z.boolean(),
  createdAt: z.string(),
  createdByName: z.string().nullable(),
});
export type Checklist = z.infer<typeof Checklist>;
export const ChecklistList = z.object({ items: z.array(Checklist) });
export type ChecklistList = z.infer<typeof ChecklistList>;
export const ChecklistQuery = z.object({
  siteKind: SiteKindEnum.optional(),
  /** 'true': every version (the history), not only the latest of each. */
  history: z.enum(['true', 'false']).optional(),
  includeInactive: z.enum(['true', 'false']).optional(),
});
const ChecklistFields = {
  name: Line('检查表名称', 60),
  siteKinds: z.array(SiteKindEnum, { error: '请选择适用的场所类型' }).min(1, '请至少选择一种适用的场所类型').max(SITE_KINDS.length),
  items: z
    .array(ChecklistItem, { error: '请填写检查项' })
    .min(1, '检查表至少要有一个检查项')
    .max(100, '检查项最多 100 个')
    .superRefine((items, ctx) => {
      const seen = new Set<string>();
      items.forEach((it, i) => {
        if (seen.has(it.code)) ctx.addIssue({ code: 'custom', path: [i, 'code'], message: `检查项代码「${it.code}」重复` });
        seen.add(it.code);
      });
    }),
};
export const ChecklistCreate = z.object({ ...ChecklistFields, code: Code('检查表代码') });
export type ChecklistCreate = z.infer<typeof ChecklistCreate>;
/** A new version (inspections keep the version they were made with). */
export const ChecklistNewVersion = z.object({ ...ChecklistFields, active: z.boolean({ error: '请选择是否启用' }), version: Version });
export type ChecklistNewVersion = z.infer<typeof ChecklistNewVersion>;
export const ChecklistCodeParam = z.object({ code: z.string().min(1).max(40) });

// hazards
export const Hazard = z.object({
  id: z.string(),
  inspectionId: z.string().nullable(),
  siteId: z.string(),
  siteName: z.string(),
  siteKind: SiteKindEnum,
  streetCode: z.string().nullable(),
  streetName: z.string().nullable(),
  itemCode: z.string().nullable(),
  itemText: z.string().nullable(),
  description: z.string(),
  severity: SeverityEnum,
  responsibleUnitCode: z.string(),
  responsibleUnitName: z.string(),
  inspectingUnitCode: z.string().nullable(),
  inspectingUnitName: z.string().nullable(),
  inspectedOn: z.string().nullable(),
  deadline: z.string(),
  status: HazardStatusEnum,
  overdue: z.boolean(),
  fixNote: z.string().nullable(),
  fixReportedAt: z.string().nullable(),
  fixReportedByName: z.string().nullable(),
  confirmedAt: z.string().nullable(),
  confirmedByName: z.string().nullable(),
  sentBackReason: z.string().nullable(),
  sentBackAt: z.string().nullable(),
  createdAt: z.string(),
  canReportFix: z.boolean(),
  canConfirm: z.boolean(),
  version: z.number(),
});
export type Hazard = z.infer<typeof Hazard>;
export const HazardList = page(Hazard);
export const HazardQuery = PageQuery.extend({
  /** fix: my unit answers for them and they are open; confirm: my unit inspected and a fix is reported. */
  box: z.enum(['fix', 'confirm', 'all'], { error: '列表类型不正确' }).default('all'),
  status: HazardStatusEnum.optional(),
  overdue: z.enum(['true', 'false']).optional(),
  responsibleUnit: z.string().max(40).optional(),
  street: z.string().max(32).optional(),
  siteId: z.string().uuid('场所编号格式不正确').optional(),
});
export type HazardQuery = z.infer<typeof HazardQuery>;
export const HazardFix = z.object({ note: Text('整改情况', 2000), version: Version });
export const HazardSendBack = z.object({ reason: Text('退回原因', 500), version: Version });
export const OverdueByUnit = z.object({
  today: z.string(),
  items: z.array(z.object({ unitCode: z.string(), unitName: z.string(), overdue: z.number(), major: z.number(), open: z.number() })),
});
export type OverdueByUnit = z.infer<typeof OverdueByUnit>;

// inspections
export const NewHazard = z.object({
  description: Text('隐患描述', 1000),
  severity: SeverityEnum.default('general'),
  /** The site's responsible unit when left out. */
  responsibleUnitCode: UnitCode('整改责任单位').optional().nullable(),
  deadline: IsoDate('整改期限'),
});
export const InspectionResultIn = z.object({
  code: z.string({ error: '缺少检查项代码' }).min(1, '缺少检查项代码').max(40, '检查项代码过长'),
  result: ItemResultEnum,
  note: OptText('检查说明', 1000),
  hazard: NewHazard.optional().nullable(),
});
export const InspectionCreate = z.object({
  siteId: z.string({ error: '请选择场所' }).uuid('请选择场所'),
  inspectedOn: IsoDate('检查日期'),
  checklistCode: z.string({ error: '请选择检查表' }).min(1, '请选择检查表').max(40),
  results: z.array(InspectionResultIn, { error: '请逐项填写检查结果' }).min(1, '请逐项填写检查结果').max(100, '检查项最多 100 个'),
  findings: OptText('检查结论', 2000),
});
export type InspectionCreate = z.infer<typeof InspectionCreate>;
export const Inspection = z.object({
  id: z.string(),
  siteId: z.string(),
  siteName: z.string(),
  siteKind: SiteKindEnum,
  streetName: z.string().nullable(),
  unitCode: z.string(),
  unitName: z.string(),
  inspectedOn: z.string(),
  checklistCode: z.string(),
  checklistVersion: z.number(),
  checklistName: z.string(),
  results: z.array(z.object({ code: z.string(), text: z.string(), topic: z.string(), result: ItemResultEnum, note: z.string().nullable() })),
  findings: z.string().nullable(),
  inspectorName: z.string().nullable(),
  issues: z.number(),
  hazards: z.array(Hazard),
  createdAt: z.string(),
});
export type Inspection = z.infer<typeof Inspection>;
export const InspectionList = page(Inspection.omit({ results: true, hazards: true }));
export const InspectionQuery = PageQuery.extend({
  siteId: z.string().uuid('场所编号格式不正确').optional(),
  street: z.string().max(32).optional(),
  kind: SiteKindEnum.optional(),
  /** 'true': only the inspections of the caller's unit. */
  mine: z.enum(['true', 'false']).optional(),
});
export type InspectionQuery = z.infer<typeof InspectionQuery>;

/** Choices for the forms: units (responsible, inspecting) and streets. */
export const SafetyOptions = z.object({
  units: z.array(z.object({ code: z.string(), name: z.string(), kind: z.string() })),
  streets: z.array(z.object({ code: z.string(), name: z.string() })),
  today: z.string(),
});
export type SafetyOptions = z.infer<typeof SafetyOptions>;
