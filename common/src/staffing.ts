/**
 * 配备 (plan tasks 3, 36): the staffing rule of residents' committees (thresholds are data, in
 * staffing_rules) and the rosters of the 12 street minor-protection stations (未成年人保护工作站)
 * with their coverage check. The pure rules shared by the server and the web, and the API contract
 * of the staffing module.
 */
import { z } from 'zod';
import { IsoDate, Line, OptLine, OptText } from './fields.js';

// ---- the staffing rule (task 36) ----

export interface StaffingRuleData {
  code: string;
  /** The rule applies to a committee with MORE children in difficulty than this. */
  childrenOver: number;
  minDirectors: number;
  active: boolean;
}

export interface CommitteeStaffing {
  committeeId: string;
  streetCode: string;
  /** Active children in difficulty (children.status = 'active') of the committee. */
  children: number;
  /** Current child directors serving the committee (not left, committee link not ended). */
  directors: number;
}

export interface StaffingViolation {
  ruleCode: string;
  committeeId: string;
  streetCode: string;
  children: number;
  directors: number;
  required: number;
  shortfall: number;
}

/**
 * The committees that break an active rule, one row per (rule, committee): a rule applies when the
 * committee has more children than its threshold, and is broken when it has fewer directors than
 * its minimum. A committee without children breaks no rule (every threshold is ≥ 0).
 */
export function staffingViolations(committees: readonly CommitteeStaffing[], rules: readonly StaffingRuleData[]): StaffingViolation[] {
  const out: StaffingViolation[] = [];
  for (const c of committees) {
    for (const r of rules) {
      if (!r.active || c.children <= r.childrenOver || c.directors >= r.minDirectors) continue;
      out.push({
        ruleCode: r.code,
        committeeId: c.committeeId,
        streetCode: c.streetCode,
        children: c.children,
        directors: c.directors,
        required: r.minDirectors,
        shortfall: r.minDirectors - c.directors,
      });
    }
  }
  return out;
}

/** Whether any active rule applies to a committee (it has more children than some threshold). */
export function ruleApplies(c: Pick<CommitteeStaffing, 'children'>, rules: readonly StaffingRuleData[]): boolean {
  return rules.some((r) => r.active && c.children > r.childrenOver);
}

// ---- station rosters (task 3) ----

export const STATION_ROLES = ['head', 'prosecutor_deputy', 'legal_deputy', 'social_worker', 'member'] as const;
export type StationRole = (typeof STATION_ROLES)[number];
export const STATION_ROLE_NAMES: Record<StationRole, string> = {
  head: '站长',
  prosecutor_deputy: '检察官副站长',
  legal_deputy: '法治副站长',
  social_worker: '社工',
  member: '成员',
};
export const STATION_ROLE_NAMES_EN: Record<StationRole, string> = {
  head: 'Head',
  prosecutor_deputy: 'Prosecutor deputy head',
  legal_deputy: 'Legal deputy head',
  social_worker: 'Social worker',
  member: 'Member',
};
/** The unit of a prosecutor deputy head (区检察院). */
export const PROSECUTOR_UNIT = 'procuratorate';
/** The roles every station must have a current holder of. */
export const REQUIRED_STATION_ROLES: readonly StationRole[] = ['head', 'prosecutor_deputy'];

export interface RosterMemberData {
  streetCode: string;
  role: StationRole;
  since: string;
  until: string | null;
}

/** Whether a member holds the post on a day (since ≤ day, and not ended on or before it). */
export function currentOn(m: Pick<RosterMemberData, 'since' | 'until'>, day: string): boolean {
  return m.since <= day && (m.until === null || m.until > day);
}

/** The streets missing a current holder of a required role on a day, street by street in order. */
export function stationGaps(streets: readonly string[], members: readonly RosterMemberData[], day: string): { streetCode: string; role: StationRole }[] {
  const gaps: { streetCode: string; role: StationRole }[] = [];
  for (const s of streets) {
    for (const role of REQUIRED_STATION_ROLES) {
      if (!members.some((m) => m.streetCode === s && m.role === role && currentOn(m, day))) gaps.push({ streetCode: s, role });
    }
  }
  return gaps;
}

// ---- contracts ----

/** A person's name: no leading = + - @ (a spreadsheet would run it as a formula when exported). */
export const noFormula = (v: string | null | undefined): boolean => v === null || v === undefined || !/^[=+\-@]/.test(v);
export const FORMULA_MESSAGE = (label: string) => `${label}不能以 = + - @ 开头`;
const Name = (label: string, max: number) => Line(label, max).refine(noFormula, FORMULA_MESSAGE(label));
const OptName = (label: string, max: number) => OptLine(label, max).refine(noFormula, FORMULA_MESSAGE(label));
const Phone = z
  .string({ error: '电话应为文字' })
  .trim()
  .regex(/^[0-9-]{0,20}$/, '电话只能包含数字和连字符，最多 20 位')
  .optional()
  .nullable();

export const StaffingRule = z.object({
  code: z.string(),
  name: z.string(),
  childrenOver: z.number(),
  minDirectors: z.number(),
  active: z.boolean(),
  note: z.string().nullable(),
  updatedAt: z.string(),
});
export type StaffingRule = z.infer<typeof StaffingRule>;
export const StaffingRuleList = z.object({ items: z.array(StaffingRule) });
export const RuleCodeParam = z.object({ code: z.string().max(64) });
export const StaffingRuleUpdate = z.object({
  name: Line('规则名称', 80),
  childrenOver: z
    .number({ error: '困境儿童人数阈值应为整数' })
    .int('困境儿童人数阈值应为整数')
    .min(0, '困境儿童人数阈值不能为负')
    .max(10000, '困境儿童人数阈值过大'),
  minDirectors: z.number({ error: '最少儿童主任人数应为整数' }).int('最少儿童主任人数应为整数').min(1, '最少配备 1 名儿童主任').max(50, '最少儿童主任人数过大'),
  active: z.boolean({ error: '请选择是否启用' }),
  note: OptText('依据说明', 500),
  /** The updatedAt the caller read: someone else's save in between is a conflict. */
  updatedAt: z.string({ error: '缺少版本信息' }).max(64),
});
export type StaffingRuleUpdate = z.infer<typeof StaffingRuleUpdate>;

export const ViolationQuery = z.object({ street: z.string().max(32).optional() });
export const Violation = z.object({
  ruleCode: z.string(),
  ruleName: z.string(),
  committeeId: z.string(),
  committeeName: z.string(),
  streetCode: z.string(),
  streetName: z.string(),
  children: z.number(),
  directors: z.number(),
  required: z.number(),
  shortfall: z.number(),
});
export type Violation = z.infer<typeof Violation>;
export const StreetStaffing = z.object({
  streetCode: z.string(),
  streetName: z.string(),
  /** Committees some active rule applies to (they have children in difficulty). */
  committees: z.number(),
  meeting: z.number(),
  violations: z.number(),
});
export const StaffingOverview = z.object({
  items: z.array(Violation),
  streets: z.array(StreetStaffing),
  committees: z.number(),
  meeting: z.number(),
});
export type StaffingOverview = z.infer<typeof StaffingOverview>;

export const CommitteeDirectors = z.object({
  committeeId: z.string(),
  committeeName: z.string(),
  streetName: z.string(),
  children: z.number(),
  directors: z.array(z.object({ staffId: z.string(), name: z.string(), post: z.string().nullable(), since: z.string(), otherCommittees: z.number() })),
});

export const StationMember = z.object({
  id: z.string(),
  streetCode: z.string(),
  role: z.enum(STATION_ROLES),
  personName: z.string(),
  unitCode: z.string().nullable(),
  unitName: z.string().nullable(),
  title: z.string().nullable(),
  /** Null when the caller may not see phones (only workforce.read holders do). */
  phone: z.string().nullable(),
  since: z.string(),
  until: z.string().nullable(),
  note: z.string().nullable(),
  version: z.number(),
});
export type StationMember = z.infer<typeof StationMember>;
export const Station = z.object({
  streetCode: z.string(),
  streetName: z.string(),
  members: z.array(StationMember),
  missing: z.array(z.enum(STATION_ROLES)),
  /** Whether the caller may add and edit this station's members. */
  canManage: z.boolean(),
});
export const StationQuery = z.object({ history: z.enum(['true', 'false']).optional() });
export const StationList = z.object({
  items: z.array(Station),
  gaps: z.array(z.object({ streetCode: z.string(), streetName: z.string(), role: z.enum(STATION_ROLES) })),
  phonesShown: z.boolean(),
  today: z.string(),
  units: z.array(z.object({ code: z.string(), name: z.string() })),
});
export type StationList = z.infer<typeof StationList>;

const RoleEnum = z.enum(STATION_ROLES, { error: '请选择站内职务' });
const memberFields = {
  role: RoleEnum,
  personName: Name('姓名', 40),
  unitCode: z.string().max(64).optional().nullable(),
  title: OptName('职务/职称', 60),
  phone: Phone,
  since: IsoDate('任职日期'),
  note: OptText('备注', 500),
};
export const StationMemberCreate = z.object({ streetCode: z.string({ error: '请选择街道' }).min(1, '请选择街道').max(32), ...memberFields });
export type StationMemberCreate = z.infer<typeof StationMemberCreate>;
export const StationMemberUpdate = z.object({ ...memberFields, version: z.number({ error: '缺少版本号' }).int() });
export type StationMemberUpdate = z.infer<typeof StationMemberUpdate>;
export const StationMemberEnd = z.object({ until: IsoDate('离任日期'), version: z.number({ error: '缺少版本号' }).int() });
export type StationMemberEnd = z.infer<typeof StationMemberEnd>;
