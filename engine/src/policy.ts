/**
 * The loaded policy pack: what `load.ts` builds from the YAML files and every evaluator reads.
 * Dates are day numbers (see dates.ts); money is integer fen.
 */
import { isoFromDay } from './dates.js';
import type { TExpr } from './expr/check.js';
import type { Type } from './expr/types.js';
import type { Domains, Facts } from './profile.js';

export const UNITS = ['civil-affairs', 'education', 'disabled-federation', 'health'] as const;
export type AdminUnit = (typeof UNITS)[number];
export const UNIT_LABELS: Record<AdminUnit, string> = {
  'civil-affairs': '区民政局',
  education: '区教育局',
  'disabled-federation': '区残联',
  health: '区卫健委',
};
export const KINDS = [
  'monthly-allowance',
  'means-tested-assistance',
  'assistance',
  'medical-assistance',
  'education-aid',
  'fee-waiver',
  'service-subsidy',
  'category',
] as const;
export type BenefitKind = (typeof KINDS)[number];
export const KIND_LABELS: Record<BenefitKind, string> = {
  'monthly-allowance': '按月发放的生活费',
  'means-tested-assistance': '经济状况核对的救助',
  assistance: '临时性救助',
  'medical-assistance': '医疗救助',
  'education-aid': '教育资助',
  'fee-waiver': '费用减免',
  'service-subsidy': '服务/项目补贴',
  category: '身份类别认定',
};

/** Where something stands in its source file, for error messages and the policy library page. */
export interface SourceRef {
  file: string;
  line: number;
  col: number;
}

/**
 * A cited document. `date`: issued/published; `from` / `to`: in force (default: from `date`). An
 * answer cites only the documents in force on its as-of date.
 */
export interface LegalBasis {
  doc: string;
  title?: string;
  article?: string;
  date?: string;
  from?: string;
  to?: string;
  url?: string;
  note?: string;
}

/** Whether a cited document is in force on a day (no date known: always cited). */
export function inForce(b: LegalBasis, day: number, dayOf: (iso: string) => number | null): boolean {
  const from = b.from ?? b.date;
  const f = from ? dayOf(from) : null;
  const t = b.to ? dayOf(b.to) : null;
  return (f === null || f <= day) && (t === null || day <= t);
}

/** A shared legal term as shown in the policy library (definitions.yaml). */
export interface TermInfo {
  name: string;
  label: string;
  scope: 'parent' | 'child';
  basis: string;
  review?: string;
  src: string;
  usedBy: string[];
}

export type ParamUnit = 'fen/month' | 'fen/year' | 'fen' | 'ratio' | 'years' | 'months' | 'days' | 'int';
export const PARAM_UNITS: readonly ParamUnit[] = ['fen/month', 'fen/year', 'fen', 'ratio', 'years', 'months', 'days', 'int'];

export interface ParamValue {
  from: number;
  /** As written (null = until the next value starts, or open). */
  to: number | null;
  /** The last day this value applies, after the next value's start is taken into account. */
  end: number | null;
  value: number;
  source: string;
  verified: boolean;
  note?: string;
  /** True for a value added by a what-if scenario. */
  whatIf?: boolean;
  at?: SourceRef;
}

export interface ParamDef {
  name: string;
  label: string;
  unit: ParamUnit;
  type: Type;
  note?: string;
  values: ParamValue[];
  at?: SourceRef;
}

export interface CriterionLeaf {
  kind: 'leaf';
  id: string;
  label: string;
  clause: string;
  src: string;
  expr: TExpr;
  /** Name of the left-hand quantity in explanations (家庭人均月收入). */
  term?: string;
  note?: string;
  /** Index in document order within its logic version: the batch result code is 1 + this. */
  index: number;
  /** Set when the criterion was generated from another policy's exclusion. */
  exclusionOf?: string;
  /** The shared terms (definitions.yaml) the criterion reads. */
  terms?: string[];
  at?: SourceRef;
}
export interface CriterionGroup {
  kind: 'all' | 'any' | 'not';
  id?: string;
  label?: string;
  children: Criterion[];
}
export type Criterion = CriterionLeaf | CriterionGroup;

export interface LogicVersion {
  version: string;
  from: number;
  to: number | null;
  end: number | null;
  /** False when the effective date is inferred (publication date, year of the document). */
  fromVerified: boolean;
  basis: string;
  note?: string;
  root: Criterion;
  leaves: CriterionLeaf[];
  at?: SourceRef;
}

export type Amount =
  | { kind: 'formula'; formula: TExpr; src: string; per: 'month' | 'year' | 'once'; label: string; note?: string }
  | { kind: 'terms'; params: string[]; text: string; note?: string }
  | { kind: 'none'; text: string };

export interface Relation {
  policy: string;
  clause?: string;
  note?: string;
}
export interface Stacking extends Relation {
  rule: 'allowed' | 'exclusive' | 'unconfirmed';
}

export interface TestExpect {
  result: 'eligible' | 'not-eligible' | 'undetermined';
  /** Fen, or 'not-maintained' (标准待维护), 'terms' (ratios and caps, all maintained) or 'none'. */
  amount?: number | 'not-maintained' | 'terms' | 'none';
  failed?: string[];
  missing?: string[];
  missingParams?: string[];
}
export interface TestCase {
  name: string;
  date: number;
  profile: unknown;
  facts: Facts;
  expect: TestExpect;
  at?: SourceRef;
}

export interface Policy {
  id: string;
  name: { zh: string; en: string };
  issuer: string;
  unit: AdminUnit;
  kind: BenefitKind;
  summary?: string;
  legalBasis: LegalBasis[];
  parameters: Map<string, ParamDef>;
  logic: LogicVersion[];
  amount: Amount;
  exclusions: Relation[];
  /** Filled by the loader: policies whose choice excludes this one. */
  excludedBy: Relation[];
  stacking: Stacking[];
  linked: Relation[];
  notes: string[];
  tests: TestCase[];
  file: string;
}

export interface Pack {
  policies: Policy[];
  byId: Map<string, Policy>;
  domains: Domains;
  policyIds: string[];
  /** The shared definitions (definitions.yaml) and the documents they cite. */
  terms: TermInfo[];
  termsBasis: LegalBasis[];
}

/** A what-if change: from `from`, parameter `param` of `policy` takes `value`. */
export interface Override {
  policy: string;
  param: string;
  from: number;
  value: number;
  note?: string;
}

/** The value of a parameter on a day, or null (标准待维护). */
export function paramAt(def: ParamDef, day: number): ParamValue | null {
  let found: ParamValue | null = null;
  for (const v of def.values) if (v.from <= day && (v.end === null || day <= v.end)) found = v;
  return found;
}

/** The logic version in force on a day, or null. */
export function logicAt(policy: Policy, day: number): LogicVersion | null {
  for (const v of policy.logic) if (v.from <= day && (v.end === null || day <= v.end)) return v;
  return null;
}

/** Fills `end` from `to` and the next entry's start (entries sorted by `from`). */
export function settleEnds<E extends { from: number; to: number | null; end: number | null }>(entries: E[]): void {
  entries.sort((a, b) => a.from - b.from);
  entries.forEach((e, i) => {
    const next = entries[i + 1];
    e.end = e.to ?? (next ? next.from - 1 : null);
  });
}

/** The pack with a what-if value: from `from` the parameter takes `value`; later values are dropped. */
export function withOverrides(pack: Pack, overrides: readonly Override[]): Pack {
  if (!overrides.length) return pack;
  const policies = pack.policies.map((p) => {
    const mine = overrides.filter((o) => o.policy === p.id);
    if (!mine.length) return p;
    const parameters = new Map(p.parameters);
    for (const o of mine) {
      const def = parameters.get(o.param);
      if (!def) throw new Error(`what-if: ${p.id} has no parameter ${o.param}`);
      const kept = def.values.filter((v) => v.from < o.from).map((v) => ({ ...v, to: v.to !== null && v.to >= o.from ? o.from - 1 : v.to }));
      const added: ParamValue = {
        from: o.from,
        to: null,
        end: null,
        value: o.value,
        source: `假设情景${o.note ? `（${o.note}）` : ''}`,
        verified: true,
        whatIf: true,
      };
      const values = [...kept, added];
      settleEnds(values);
      parameters.set(o.param, { ...def, values });
    }
    return { ...p, parameters };
  });
  for (const o of overrides) if (!pack.byId.has(o.policy)) throw new Error(`what-if: unknown policy ${o.policy}`);
  return { ...pack, policies, byId: new Map(policies.map((p) => [p.id, p])) };
}

/**
 * A dated value maintained by an administrator (in the platform, audited, with its source): it
 * takes precedence over the policy file for its period, so a missing standard can be added or a
 * wrong one corrected without a code change.
 */
export interface MaintainedValue {
  policy: string;
  param: string;
  from: number;
  to: number | null;
  value: number;
  source: string;
  verified: boolean;
  note?: string;
}

/** The pack with maintained values applied: file values overlapping a maintained period are clipped. */
export function withMaintainedValues(pack: Pack, entries: readonly MaintainedValue[]): Pack {
  if (!entries.length) return pack;
  for (const e of entries) {
    const def = pack.byId.get(e.policy)?.parameters.get(e.param);
    if (!def) throw new Error(`maintained value: ${e.policy} has no parameter ${e.param}`);
    if (e.to !== null && e.to < e.from) throw new Error(`maintained value ${e.policy}.${e.param}: 'to' is before 'from'`);
    if (!Number.isFinite(e.value)) throw new Error(`maintained value ${e.policy}.${e.param}: not a number`);
    if (!e.source.trim()) throw new Error(`maintained value ${e.policy}.${e.param}: a source is required`);
  }
  const sorted = [...entries].sort((a, b) => a.from - b.from);
  sorted.forEach((e, i) => {
    const next = sorted[i + 1];
    if (next && next.policy === e.policy && next.param === e.param && (e.to === null || e.to >= next.from)) {
      throw new Error(`maintained values of ${e.policy}.${e.param} overlap (${isoFromDay(e.from)} and ${isoFromDay(next.from)})`);
    }
  });
  const policies = pack.policies.map((p) => {
    const mine = entries.filter((e) => e.policy === p.id);
    if (!mine.length) return p;
    const parameters = new Map(p.parameters);
    for (const name of new Set(mine.map((e) => e.param))) {
      const def = parameters.get(name)!;
      const added = mine.filter((e) => e.param === name).sort((a, b) => a.from - b.from);
      // the file's values, clipped to the periods no maintained value covers
      const pieces: ParamValue[] = [];
      for (const v of def.values) {
        let spans: [number, number | null][] = [[v.from, v.end]];
        for (const m of added) {
          spans = spans.flatMap(([a, b]): [number, number | null][] => {
            const mEnd = m.to;
            if ((b !== null && b < m.from) || (mEnd !== null && a > mEnd)) return [[a, b]];
            const out: [number, number | null][] = [];
            if (a < m.from) out.push([a, m.from - 1]);
            if (mEnd !== null && (b === null || b > mEnd)) out.push([mEnd + 1, b]);
            return out;
          });
        }
        for (const [a, b] of spans) pieces.push({ ...v, from: a, to: b, end: b });
      }
      const values: ParamValue[] = [
        ...pieces,
        ...added.map((m) => ({
          from: m.from,
          to: m.to,
          end: m.to,
          value: m.value,
          source: m.source,
          verified: m.verified,
          ...(m.note ? { note: m.note } : {}),
        })),
      ];
      values.sort((a, b) => a.from - b.from);
      // open-ended entries end where the next one starts
      values.forEach((v, i) => {
        if (v.to === null) v.end = values[i + 1] ? values[i + 1]!.from - 1 : null;
      });
      parameters.set(name, { ...def, values });
    }
    return { ...p, parameters };
  });
  return { ...pack, policies, byId: new Map(policies.map((p) => [p.id, p])) };
}
