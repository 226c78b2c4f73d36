/**
 * The profile: the typed facts a policy may read about one child on one date. Every field may be
 * missing (null or absent), which means *unknown*, never "no" or zero.
 *
 * The catalogue below is the single source of truth for the three evaluation paths: the type of
 * each field in the expression language, its column in the batch table (`columns.ts`), its column
 * in the SQL view (`sql.ts`), its Chinese label in explanations, and how the platform derives it
 * from the child file (`common/src/children.ts`, see `fromChildFile.ts`).
 *
 * Parents are two fixed slots, father and mother: a parent absent from the file is a parent whose
 * facts are all unknown.
 */
import { CATEGORIES, DISABILITY_TYPES, MEMBER_STATUSES, SCHOOL_STAGES } from '#common/children.js';
import { dayFromIso } from './dates.js';
import { T, type Domain, type DomainName, type Type } from './expr/types.js';

export type ColumnKind = 'date' | 'int' | 'money' | 'bool' | 'enum' | 'set';
export type FieldGroup = 'child' | 'household' | 'benefits' | 'caregiver' | 'parent';
export type Slot = 'father' | 'mother';
export const SLOTS: readonly Slot[] = ['father', 'mother'];
export const SLOT_LABELS: Record<Slot, string> = { father: '父亲', mother: '母亲' };

export interface FieldDef {
  /** `child.hukou`, or for a parent field its name in the parent scope (`status`). */
  key: string;
  group: FieldGroup;
  name: string;
  type: Type;
  kind: ColumnKind;
  label: string;
  en: string;
  /** Suffix when showing an integer (人, 级). */
  display?: string;
  /** Allowed integer range. */
  range?: [number, number];
  /** How the platform derives it from the child file. */
  source: string;
  /**
   * The authority that holds the fact (HIV status: 卫生健康部门). Such a fact comes from that unit,
   * never from a caseworker's "please fill in" list for every child.
   */
  heldBy?: string;
  /** Column of the SQL view (for parent fields: the suffix after father_ / mother_). */
  sql: string;
}

/** A field of one child (a parent field bound to a slot has key `father.status`). */
export interface InputField extends FieldDef {
  index: number;
  slot: Slot | null;
  /** The key used in missing-data lists and columns: `child.hukou`, `father.status`. */
  path: string;
  /** The Chinese label including the slot: 父亲·状态. */
  fullLabel: string;
  sqlColumn: string;
}

const d = (key: string, type: Type, kind: ColumnKind, label: string, en: string, source: string, extra: Partial<FieldDef> = {}): FieldDef => {
  const [group, name] = key.includes('.') ? (key.split('.') as [FieldGroup, string]) : (['parent', key] as [FieldGroup, string]);
  const sql = extra.sql ?? (group === 'parent' ? snake(name) : group === 'child' ? snake(name) : `${group}_${snake(name)}`);
  return { key, group, name, type, kind, label, en, source, ...extra, sql };
};
function snake(s: string): string {
  return s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

export const FIELDS: readonly FieldDef[] = [
  d('child.birthDate', T.date, 'date', '出生日期', 'birth date', 'children.birth_date'),
  d('child.hukou', T.enum('hukou'), 'enum', '户籍', 'household registration', 'children.hukou'),
  d(
    'child.categories',
    T.set('category'),
    'set',
    '困境儿童类别',
    'categories active on the date',
    'child_categories where since <= date and (until is null or until >= date)',
  ),
  d(
    'child.disabled',
    T.bool,
    'bool',
    '残疾',
    'has a disability',
    'a disability type or grade recorded, or the category `disabled`; no record = unknown (the platform decides whether absence means none)',
  ),
  d('child.disabilityGrade', T.num('int'), 'int', '残疾等级', 'disability grade (1 most severe)', 'children.disability_grade', {
    display: '级',
    range: [1, 4],
  }),
  d('child.disabilityType', T.enum('disabilityType'), 'enum', '残疾类别', 'disability type', 'children.disability_type'),
  d('child.autism', T.bool, 'bool', '孤独症', 'autism', 'children.autism (是/否/未知)'),
  d('child.seriousIllness', T.bool, 'bool', '重病', 'serious illness', 'children.serious_illness recorded, or the category `seriously_ill`'),
  d(
    'child.hivInfected',
    T.bool,
    'bool',
    '感染艾滋病病毒',
    'HIV-infected',
    'children.hiv_infected_enc (restricted health fact, children.health; encrypted, so the SQL view cannot read it: NULL there)',
    { heldBy: '卫生健康部门' },
  ),
  d('child.adopted', T.bool, 'bool', '被依法收养的孤儿', 'adopted orphan', 'children.adopted (是/否/未知)'),
  d('child.inFullTimeSchool', T.bool, 'bool', '全日制在校', 'in full-time school', 'children.school_stage in 小学/初中/高中/中职/高校 → yes; 未入学/辍学 → no'),
  d('child.schoolStage', T.enum('schoolStage'), 'enum', '就学阶段', 'school stage', 'children.school_stage'),
  d(
    'child.institutionalCare',
    T.bool,
    'bool',
    '机构养育',
    'raised in an institution',
    'category orphan_institutional → yes, orphan_scattered → no; otherwise unknown',
  ),
  d('household.size', T.num('int'), 'int', '家庭人口', 'household size', 'children.household_size', { display: '人', range: [1, 30] }),
  d('household.monthlyIncome', T.num('fen'), 'money', '家庭月收入', 'household monthly income', 'children.monthly_income_fen', {
    sql: 'household_monthly_income_fen',
  }),
  d('household.assets', T.num('fen'), 'money', '家庭财产', 'household assets', 'children.assets_fen', { sql: 'household_assets_fen' }),
  d('household.receivesDibao', T.bool, 'bool', '家庭享受低保', 'household receives 低保', 'category low_income_dibao active, or a 低保 benefit recorded'),
  d('household.marginalLowIncome', T.bool, 'bool', '低保边缘家庭', 'near-poverty (低保边缘) household', 'category low_income_marginal active'),
  d(
    'benefits.receiving',
    T.set('policy'),
    'set',
    '已享受的保障',
    'benefits received (policy ids)',
    'child_benefits active on the date whose benefit is a policy id or its Chinese name',
  ),
  d(
    'caregiver.present',
    T.bool,
    'bool',
    '有亲属/他人/机构实际照料',
    'actually cared for by relatives, others or an institution',
    'a member other than 父亲/母亲 with role guardian or caregiver',
  ),
  d('caregiver.canRaise', T.bool, 'bool', '照料人有抚养能力', 'caregiver able to raise the child', 'children.caregiver_can_raise (是/否/未知)'),
  d('status', T.enum('memberStatus'), 'enum', '状态', 'status', 'household_members.status (relation 父亲 / 母亲)'),
  d('statusSince', T.date, 'date', '状态起始日期', 'status since', 'household_members.status_since'),
  d('statusUntil', T.date, 'date', '状态截止日期', 'status until', 'household_members.status_until (expected release)'),
  d('disabilityGrade', T.num('int'), 'int', '残疾等级', 'disability grade', 'household_members.disability_grade', { display: '级', range: [1, 4] }),
  d('disabilityType', T.enum('disabilityType'), 'enum', '残疾类别', 'disability type', 'household_members.disability_type'),
];

/** Derived fields: computed from inputs at the as-of date. */
export const DERIVED = {
  'child.age': { type: T.num('years'), label: '年龄', en: 'age at the as-of date', from: 'child.birthDate' },
} as const;

export const PARENT_FIELDS = FIELDS.filter((f) => f.group === 'parent');

/** Every input of one child, in a fixed order (parent fields once per slot). */
export const INPUTS: readonly InputField[] = (() => {
  const out: InputField[] = [];
  for (const f of FIELDS) {
    if (f.group !== 'parent') out.push({ ...f, index: out.length, slot: null, path: f.key, fullLabel: f.label, sqlColumn: f.sql });
  }
  for (const slot of SLOTS) {
    for (const f of PARENT_FIELDS) {
      out.push({ ...f, index: out.length, slot, path: `${slot}.${f.name}`, fullLabel: `${SLOT_LABELS[slot]}${f.label}`, sqlColumn: `${slot}_${f.sql}` });
    }
  }
  return out;
})();
export const INPUT_BY_PATH: ReadonlyMap<string, InputField> = new Map(INPUTS.map((f) => [f.path, f]));
export const FIELD_BY_KEY: ReadonlyMap<string, FieldDef> = new Map(FIELDS.filter((f) => f.group !== 'parent').map((f) => [f.key, f]));
export const PARENT_FIELD_BY_NAME: ReadonlyMap<string, FieldDef> = new Map(PARENT_FIELDS.map((f) => [f.name, f]));

export function inputFor(f: FieldDef, slot: Slot | null): InputField {
  const path = slot ? `${slot}.${f.name}` : f.key;
  const input = INPUT_BY_PATH.get(path);
  if (!input) throw new Error(`no input ${path}`);
  return input;
}

// ---- value domains ----
const labelsOf = (values: readonly string[]) => Object.fromEntries(values.map((v) => [v, v]));
export const STATIC_DOMAINS: Record<Exclude<DomainName, 'policy'>, Domain> = {
  hukou: { name: 'hukou', values: ['local', 'other'], labels: { local: '本市户籍', other: '外省市户籍' } },
  category: { name: 'category', values: Object.keys(CATEGORIES), labels: CATEGORIES },
  memberStatus: { name: 'memberStatus', values: Object.keys(MEMBER_STATUSES), labels: MEMBER_STATUSES },
  schoolStage: { name: 'schoolStage', values: SCHOOL_STAGES, labels: labelsOf(SCHOOL_STAGES) },
  disabilityType: { name: 'disabilityType', values: DISABILITY_TYPES, labels: labelsOf(DISABILITY_TYPES) },
};

export type Domains = Record<DomainName, Domain>;

/** The domains of a pack: the static ones plus the policy ids (for `benefits.receiving`). */
export function domainsFor(policies: readonly { id: string; name: { zh: string } }[]): Domains {
  return {
    ...STATIC_DOMAINS,
    policy: { name: 'policy', values: policies.map((p) => p.id), labels: Object.fromEntries(policies.map((p) => [p.id, p.name.zh])) },
  };
}

// ---- the profile as written (JSON) ----
type Maybe<T> = T | null | undefined;
export interface ParentFacts {
  relation: Slot;
  status?: Maybe<string>;
  statusSince?: Maybe<string>;
  statusUntil?: Maybe<string>;
  disabilityGrade?: Maybe<number>;
  disabilityType?: Maybe<string>;
}
export interface Profile {
  child?: Maybe<{
    birthDate?: Maybe<string>;
    hukou?: Maybe<string>;
    categories?: Maybe<string[]>;
    disabled?: Maybe<boolean>;
    disabilityGrade?: Maybe<number>;
    disabilityType?: Maybe<string>;
    autism?: Maybe<boolean>;
    seriousIllness?: Maybe<boolean>;
    hivInfected?: Maybe<boolean>;
    adopted?: Maybe<boolean>;
    inFullTimeSchool?: Maybe<boolean>;
    schoolStage?: Maybe<string>;
    institutionalCare?: Maybe<boolean>;
  }>;
  household?: Maybe<{
    size?: Maybe<number>;
    monthlyIncome?: Maybe<number>;
    assets?: Maybe<number>;
    receivesDibao?: Maybe<boolean>;
    marginalLowIncome?: Maybe<boolean>;
  }>;
  parents?: Maybe<ParentFacts[]>;
  benefits?: Maybe<{ receiving?: Maybe<string[]> }>;
  caregiver?: Maybe<{ present?: Maybe<boolean>; canRaise?: Maybe<boolean> }>;
}

/** A validated profile: one value per input (day numbers for dates, fen for money), null = unknown. */
export type FactValue = number | string | boolean | readonly string[] | null;
export interface Facts {
  readonly values: readonly FactValue[];
}

export interface FieldError {
  path: string;
  message: string;
}
export type ProfileCheck = { ok: true; facts: Facts } | { ok: false; errors: FieldError[] };

const GROUP_KEYS: Record<string, string[]> = {};
for (const f of FIELDS) if (f.group !== 'parent') (GROUP_KEYS[f.group] ??= []).push(f.name);
const TOP = ['child', 'household', 'parents', 'benefits', 'caregiver'];

function nearest(word: string, options: readonly string[]): string | null {
  let best: string | null = null,
    bestD = Infinity;
  for (const o of options) {
    const dist = editDistance(word.toLowerCase(), o.toLowerCase());
    if (dist < bestD) {
      bestD = dist;
      best = o;
    }
  }
  return best !== null && bestD <= Math.max(2, Math.floor(word.length / 3)) ? best : null;
}
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}
export function didYouMean(word: string, options: readonly string[]): string {
  const n = nearest(word, options);
  return n ? `（是否应为 ${n}？）` : '';
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Validates a profile written as JSON and converts it to facts. Errors name the field
 * (`household.monthlyIncome`, `parents[1].status`) with a message in Chinese.
 * `policyIds`: when given, `benefits.receiving` must name policies of the pack.
 */
export function checkProfile(input: unknown, policyIds?: readonly string[]): ProfileCheck {
  const errors: FieldError[] = [];
  const values: FactValue[] = new Array<FactValue>(INPUTS.length).fill(null);
  if (!isPlainObject(input)) return { ok: false, errors: [{ path: '', message: '档案应为 JSON 对象' }] };
  for (const k of Object.keys(input)) {
    if (!TOP.includes(k)) errors.push({ path: k, message: `未知字段 ${k}${didYouMean(k, TOP)}` });
  }
  for (const group of ['child', 'household', 'benefits', 'caregiver']) {
    const obj = input[group];
    if (obj === undefined || obj === null) continue;
    if (!isPlainObject(obj)) {
      errors.push({ path: group, message: `${group} 应为对象` });
      continue;
    }
    const known = GROUP_KEYS[group]!;
    for (const [k, v] of Object.entries(obj)) {
      const path = `${group}.${k}`;
      if (path === 'child.age') {
        errors.push({ path, message: '年龄由出生日期按评估日期推算，请填写 child.birthDate' });
        continue;
      }
      if (!known.includes(k)) {
        errors.push({ path, message: `未知字段 ${path}${didYouMean(k, known)}` });
        continue;
      }
      const field = INPUT_BY_PATH.get(path)!;
      const r = checkValue(field, v, path, policyIds);
      if (typeof r === 'string') errors.push({ path, message: r });
      else values[field.index] = r.value;
    }
  }
  const parents = input.parents;
  if (parents !== undefined && parents !== null) {
    if (!Array.isArray(parents)) errors.push({ path: 'parents', message: 'parents 应为数组（父亲、母亲各至多一项）' });
    else {
      const seen = new Set<string>();
      parents.forEach((p, i) => {
        const base = `parents[${i}]`;
        if (!isPlainObject(p)) {
          errors.push({ path: base, message: '应为对象' });
          return;
        }
        const rel = p.relation;
        if (rel !== 'father' && rel !== 'mother') {
          errors.push({ path: `${base}.relation`, message: 'relation 应为 father 或 mother' });
          return;
        }
        if (seen.has(rel)) {
          errors.push({ path: `${base}.relation`, message: `${SLOT_LABELS[rel]}重复` });
          return;
        }
        seen.add(rel);
        for (const [k, v] of Object.entries(p)) {
          if (k === 'relation') continue;
          const f = PARENT_FIELD_BY_NAME.get(k);
          if (!f) {
            errors.push({ path: `${base}.${k}`, message: `未知字段 ${k}${didYouMean(k, [...PARENT_FIELD_BY_NAME.keys()])}` });
            continue;
          }
          const field = inputFor(f, rel);
          const r = checkValue(field, v, `${base}.${k}`, policyIds);
          if (typeof r === 'string') errors.push({ path: `${base}.${k}`, message: r });
          else values[field.index] = r.value;
        }
      });
    }
  }
  return errors.length ? { ok: false, errors } : { ok: true, facts: { values } };
}

function checkValue(f: InputField, v: unknown, path: string, policyIds?: readonly string[]): string | { value: FactValue } {
  if (v === null || v === undefined) return { value: null };
  const label = f.fullLabel;
  switch (f.kind) {
    case 'date': {
      if (typeof v !== 'string') return `${label}应为日期字符串 YYYY-MM-DD`;
      const day = dayFromIso(v);
      return day === null ? `${label}不是有效日期（YYYY-MM-DD，1900-2200 年）：${v}` : { value: day };
    }
    case 'money':
      if (typeof v !== 'number' || !Number.isInteger(v)) return `${label}应为以分为单位的整数`;
      if (v < 0) return `${label}不能为负`;
      if (v > 1e13) return `${label}超出范围`;
      return { value: v };
    case 'int': {
      if (typeof v !== 'number' || !Number.isInteger(v)) return `${label}应为整数`;
      const [lo, hi] = f.range ?? [0, 1e9];
      return v < lo || v > hi ? `${label}应在 ${lo}-${hi} 之间` : { value: v };
    }
    case 'bool':
      return typeof v === 'boolean' ? { value: v } : `${label}应为 true 或 false`;
    case 'enum': {
      const dom = f.type.k === 'enum' ? STATIC_DOMAINS[f.type.domain as Exclude<DomainName, 'policy'>] : null;
      if (typeof v !== 'string' || !dom || !dom.values.includes(v))
        return `${label}取值无效${typeof v === 'string' ? `：${v}` : ''}（可选：${dom?.values.join('、')}）`;
      return { value: v };
    }
    case 'set': {
      if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) return `${label}应为字符串数组`;
      const domain = f.type.k === 'set' ? f.type.domain : 'policy';
      const allowed = domain === 'policy' ? policyIds : STATIC_DOMAINS[domain].values;
      if (allowed) {
        const bad = (v as string[]).filter((x) => !allowed.includes(x));
        if (bad.length) return `${label}含未知取值：${bad.join('、')}${didYouMean(bad[0]!, allowed)}`;
      }
      return { value: [...new Set(v as string[])].sort() };
    }
  }
}

/** Facts from a profile known to be valid (throws with the field messages otherwise). */
export function factsOf(profile: unknown, policyIds?: readonly string[]): Facts {
  const r = checkProfile(profile, policyIds);
  if (!r.ok) throw new Error(`invalid profile: ${r.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
  return r.facts;
}
