/**
 * The single-child evaluator: every policy of the pack for one child on one date, with a full
 * trace — each criterion with its inputs, value (true / false / unknown), the parameter values
 * used with their effective dates, sources and `verified` flags, a Chinese explanation per
 * criterion and overall; the result with every failed criterion, or the exact data still needed;
 * the amount, or 标准待维护 with the reason; exclusions, stacking and linked benefits.
 */
import { dayFromIso, isoFromDay } from '../dates.js';
import { fieldsRead, paramsRead, TERM_OF, type TermDef, type TExpr } from '../expr/check.js';
import { describe, explain, type DescribeCtx } from '../expr/describe.js';
import { evaluate, needed, type Env } from '../expr/eval.js';
import { citeParam, fmt, fmtParam, yuan } from '../format.js';
import {
  inForce,
  KIND_LABELS,
  logicAt,
  paramAt,
  UNIT_LABELS,
  withOverrides,
  type Criterion,
  type CriterionLeaf,
  type LegalBasis,
  type LogicVersion,
  type Override,
  type Pack,
  type ParamDef,
  type ParamValue,
  type Policy,
} from '../policy.js';
import { INPUT_BY_PATH, type Facts } from '../profile.js';
import type { Tri } from '../tri.js';
import { ELIGIBLE, NOT_IN_FORCE, notEligible, UNDETERMINED, verdictOf, type Verdict } from './codes.js';

export interface ParamUse {
  name: string;
  label: string;
  unit: string;
  /** null: no value on the date (标准待维护). */
  value: number | null;
  text: string;
  from: string | null;
  to: string | null;
  source: string | null;
  verified: boolean | null;
  note?: string;
  whatIf?: boolean;
}

export interface InputUse {
  path: string;
  label: string;
  value: string;
  known: boolean;
}

export interface CriterionTrace {
  id: string;
  index: number;
  label: string;
  clause: string;
  note?: string;
  expr: string;
  value: Tri;
  /** In the list of failed criteria (for a criterion under `not`, failing means it held). */
  failed: boolean;
  explanation: string;
  inputs: InputUse[];
  params: ParamUse[];
  exclusionOf?: string;
}

export interface TreeTrace {
  kind: 'all' | 'any' | 'not' | 'leaf';
  id?: string;
  label?: string;
  value: Tri;
  children?: TreeTrace[];
}

export type AmountResult =
  | { status: 'computed'; fen: number; per: 'month' | 'year' | 'once'; text: string; params: ParamUse[] }
  | { status: 'not-maintained'; text: string; reason: string; params: ParamUse[] }
  | { status: 'unknown'; text: string; missing: string[] }
  /** Undetermined: the standard shown only as what would apply "若符合" (never as a decided amount). */
  | { status: 'conditional'; fen: number | null; per: 'month' | 'year' | 'once'; text: string; params: ParamUse[] }
  | { status: 'terms'; text: string; params: ParamUse[] }
  | { status: 'none'; text: string }
  | { status: 'not-applicable'; text: string };

export interface RelationText {
  policy: string;
  name: string;
  text: string;
}

export interface PolicyResult {
  policy: string;
  name: { zh: string; en: string };
  unit: string;
  unitLabel: string;
  kind: string;
  kindLabel: string;
  asOf: string;
  result: Verdict;
  code: number;
  logic: { version: string; from: string; to: string | null; fromVerified: boolean; basis: string; note?: string } | null;
  /** Why the result is undetermined when it is not about the child's data. */
  reason?: string;
  criteria: CriterionTrace[];
  tree: TreeTrace | null;
  failed: string[];
  missing: { path: string; label: string }[];
  missingParams: { name: string; label: string; reason: string }[];
  /**
   * Criteria left open although every fact they read is recorded (需人工核实): two texts disagree
   * (失联 without a period in a Shanghai text, 6 months in the national one), or a standard is
   * only unverified (待核实). Each names what a person has to check.
   */
  review: { criterion: string; text: string }[];
  amount: AmountResult;
  exclusions: RelationText[];
  stacking: RelationText[];
  linked: RelationText[];
  legalBasis: LegalBasis[];
  /** One paragraph in Chinese: the result, why, the amount. */
  explanation: string;
  /**
   * What a caseworker reads first: the decision and the one or two criteria that decided it, in
   * plain Chinese (the full trace and the legal basis follow in `criteria` and `explanation`).
   */
  summary: string;
}

export interface EvaluateOptions {
  overrides?: readonly Override[];
}

const BIRTH_INDEX = INPUT_BY_PATH.get('child.birthDate')!.index;

export function resolveParams(policy: Policy, asOf: number): Map<string, ParamValue | null> {
  const out = new Map<string, ParamValue | null>();
  for (const [name, def] of policy.parameters) out.set(name, paramAt(def, asOf));
  return out;
}

function paramUse(def: ParamDef, v: ParamValue | null): ParamUse {
  const u: ParamUse = {
    name: def.name,
    label: def.label,
    unit: def.unit,
    value: v?.value ?? null,
    text: v ? fmtParam(v, def.unit) : '标准待维护',
    from: v ? isoFromDay(v.from) : null,
    to: v && v.to !== null ? isoFromDay(v.to) : null,
    source: v?.source ?? null,
    verified: v?.verified ?? null,
  };
  if (v?.note) u.note = v.note;
  if (v?.whatIf) u.whatIf = true;
  return u;
}

/** Every policy of the pack for one child on one date. */
export function evaluateChild(pack: Pack, facts: Facts, asOf: number, opts: EvaluateOptions = {}): PolicyResult[] {
  const p = opts.overrides?.length ? withOverrides(pack, opts.overrides) : pack;
  return p.policies.map((policy) => evaluatePolicy(p, policy, facts, asOf));
}

export function evaluatePolicy(pack: Pack, policy: Policy, facts: Facts, asOf: number): PolicyResult {
  const params = resolveParams(policy, asOf);
  const env: Env = { values: facts.values, asOf, params, slot: -1, birthIndex: BIRTH_INDEX };
  const dctx: DescribeCtx = { env, domains: pack.domains, params: policy.parameters };
  const version = logicAt(policy, asOf);
  const rel = relationsOf(pack, policy);
  const base = {
    policy: policy.id,
    name: policy.name,
    unit: policy.unit,
    unitLabel: UNIT_LABELS[policy.unit],
    kind: policy.kind,
    kindLabel: KIND_LABELS[policy.kind],
    // only the documents in force on the as-of date are cited
    asOf: isoFromDay(asOf),
    legalBasis: basisInForce(policy, asOf),
    exclusions: rel.exclusions,
    stacking: rel.stacking,
    linked: rel.linked,
  };
  if (!version) {
    const first = policy.logic[0]!,
      last = policy.logic[policy.logic.length - 1]!;
    if (asOf < first.from) {
      // before its first version a policy does not exist yet: a decided "no", not "undetermined"
      const reason = `政策尚未施行：本政策自 ${isoFromDay(first.from)} 起施行（${first.basis}${first.fromVerified ? '' : '；施行日期未核实'}），评估日 ${isoFromDay(asOf)} 早于该日期`;
      return {
        ...base,
        result: 'not-eligible',
        code: NOT_IN_FORCE,
        logic: null,
        reason,
        criteria: [],
        tree: null,
        failed: [],
        missing: [],
        missingParams: [],
        review: [],
        amount: { status: 'not-applicable', text: '政策尚未施行，不计算金额' },
        explanation: `不符合「${policy.name.zh}」：${reason}。`,
        summary: `不符合：政策尚未施行（${isoFromDay(first.from)} 起施行）`,
      };
    }
    const reason =
      asOf < first.from
        ? `评估日 ${isoFromDay(asOf)} 早于本政策最早的逻辑版本（${first.version}，${isoFromDay(first.from)} 起）`
        : `评估日 ${isoFromDay(asOf)} 不在任何逻辑版本的有效期内（最近的版本 ${last.version} 至 ${last.end !== null ? isoFromDay(last.end) : '—'}）`;
    return {
      ...base,
      result: 'undetermined',
      code: UNDETERMINED,
      logic: null,
      reason,
      criteria: [],
      tree: null,
      failed: [],
      missing: [],
      missingParams: [],
      review: [],
      amount: { status: 'not-applicable', text: '无法判断，不计算金额' },
      explanation: `「${policy.name.zh}」尚无法判断：${reason}。`,
      summary: `尚无法判断：${reason}`,
    };
  }
  const { leafValues, values, rootValue, failedSet, missingFields, missingParams } = decide(version, env);

  const criteria = version.leaves.map((leaf) => leafTrace(leaf, leafValues[leaf.index]!, failedSet.has(leaf.index), dctx, policy, params));
  const failed = version.leaves.filter((l) => failedSet.has(l.index)).map((l) => l.id);
  let first = Infinity;
  for (const i of failedSet) if (i < first) first = i;
  const code = rootValue === true ? ELIGIBLE : rootValue === false ? notEligible(first) : UNDETERMINED;
  const result = verdictOf(code);
  const decided = result === 'not-eligible' ? { status: 'not-applicable' as const, text: '不符合条件，不计算金额' } : amountOf(policy, params, env, dctx);
  const amount: AmountResult =
    result === 'undetermined' && decided.status === 'computed'
      ? { status: 'conditional', fen: decided.fen, per: decided.per, text: `若符合，标准为${decided.text}`, params: decided.params }
      : result === 'undetermined' && decided.status === 'unknown'
        ? { status: 'not-applicable', text: '尚无法判断，不计算金额' }
        : decided;
  const review = rootValue === null ? reviewsOf(version.root, values, env, leafValues) : [];
  const missing = [...missingFields].sort(byInputOrder).map((path) => ({ path, label: INPUT_BY_PATH.get(path)?.fullLabel ?? path }));
  const mparams = [...policy.parameters.keys()]
    .filter((n) => missingParams.has(n))
    .map((name) => {
      const v = params.get(name);
      const reason = v
        ? `仅有未核实的值 ${fmtParam(v, policy.parameters.get(name)!.unit)}（${v.source}，${isoFromDay(v.from)} 起），待核实`
        : `${isoFromDay(asOf)} 无有效值（标准待维护）`;
      return { name, label: policy.parameters.get(name)?.label ?? name, reason };
    });
  const out: PolicyResult = {
    ...base,
    result,
    code,
    logic: {
      version: version.version,
      from: isoFromDay(version.from),
      to: version.end !== null ? isoFromDay(version.end) : null,
      fromVerified: version.fromVerified,
      basis: version.basis,
      ...(version.note ? { note: version.note } : {}),
    },
    criteria,
    tree: treeTrace(version.root, values),
    failed,
    missing,
    missingParams: mparams,
    review,
    amount,
    explanation: '',
    summary: '',
  };
  out.explanation = overall(out, policy, version);
  out.summary = summaryOf(out, version, values);
  return out;
}

/**
 * What a stored result keeps of evaluatePolicy's answer (the district run's rows): the verdict, the
 * logic version, the amount when eligible and computed, the failed criteria with their labels, the
 * data still needed and the open questions (需人工核实) — the same values, without the trace, the
 * explanations and the summary, which the stored row does not keep and which were most of the
 * district run's first night (a trace and its Chinese texts per child and policy).
 */
export interface StoredPolicyResult {
  policy: string;
  asOf: string;
  result: Verdict;
  logicVersion: string | null;
  /** evaluatePolicy's amount when its status is 'computed' (eligible only), else null. */
  amountFen: number | null;
  failed: { id: string; label: string }[];
  missing: { path: string; label: string }[];
  review: { criterion: string; text: string }[];
}

/** evaluatePolicy's stored values (StoredPolicyResult); equal to them for every child (single.test.ts). */
export function evaluatePolicyStored(pack: Pack, policy: Policy, facts: Facts, asOf: number): StoredPolicyResult {
  const version = logicAt(policy, asOf);
  const iso = isoFromDay(asOf);
  if (!version) {
    // before its first version: a decided "no"; between or after versions: undetermined
    const first = policy.logic[0];
    const result: Verdict = first !== undefined && asOf < first.from ? 'not-eligible' : 'undetermined';
    return { policy: policy.id, asOf: iso, result, logicVersion: null, amountFen: null, failed: [], missing: [], review: [] };
  }
  const params = resolveParams(policy, asOf);
  const env: Env = { values: facts.values, asOf, params, slot: -1, birthIndex: BIRTH_INDEX };
  const { leafValues, values, rootValue, failedSet, missingFields } = decide(version, env);
  const labels = new Map(version.leaves.map((l) => [l.id, l.label]));
  const failed = version.leaves.filter((l) => failedSet.has(l.index)).map((l) => ({ id: l.id, label: labels.get(l.id) ?? l.id }));
  const result: Verdict = rootValue === true ? 'eligible' : rootValue === false ? 'not-eligible' : 'undetermined';
  // Only an eligible result keeps an amount (an undetermined one shows it as conditional).
  let amountFen: number | null = null;
  if (result === 'eligible') {
    const a = amountOf(policy, params, env, { env, domains: pack.domains, params: policy.parameters });
    if (a.status === 'computed') amountFen = a.fen;
  }
  return {
    policy: policy.id,
    asOf: iso,
    result,
    logicVersion: version.version,
    amountFen,
    failed,
    missing: [...missingFields].sort(byInputOrder).map((path) => ({ path, label: INPUT_BY_PATH.get(path)?.fullLabel ?? path })),
    review: rootValue === null ? reviewsOf(version.root, values, env, leafValues) : [],
  };
}

/** The criteria's values for a child: every leaf once, then the groups; the leaves that failed it, or the data and standards it needs. */
function decide(version: LogicVersion, env: Env) {
  const leafValues: Tri[] = version.leaves.map((l) => evaluate(l.expr, env) as Tri);
  const values = new Map<Criterion, Tri>();
  const rootValue = groupValues(version.root, leafValues, values);
  const failedSet = new Set<number>();
  if (rootValue === false) collectFailed(version.root, false, values, failedSet);
  const missingFields = new Set<string>(),
    missingParams = new Set<string>();
  if (rootValue === null) collectNeeded(version.root, values, env, missingFields, missingParams);
  return { leafValues, values, rootValue, failedSet, missingFields, missingParams };
}

function byInputOrder(a: string, b: string): number {
  return (INPUT_BY_PATH.get(a)?.index ?? 1e9) - (INPUT_BY_PATH.get(b)?.index ?? 1e9);
}

/** Kleene values of every node of the criteria tree, from the leaves' values. */
function groupValues(c: Criterion, leaves: readonly Tri[], out: Map<Criterion, Tri>): Tri {
  let v: Tri;
  if (c.kind === 'leaf') v = leaves[c.index]!;
  else if (c.kind === 'not') {
    const x = groupValues(c.children[0]!, leaves, out);
    v = x === null ? null : !x;
  } else {
    const decides = c.kind === 'any';
    let unknown = false,
      decided = false;
    for (const ch of c.children) {
      const x = groupValues(ch, leaves, out);
      if (x === decides) decided = true;
      else if (x === null) unknown = true;
    }
    v = decided ? decides : unknown ? null : !decides;
  }
  out.set(c, v);
  return v;
}

/** F(node) for a false node (or S(node) for a true one): the leaves that decide it. */
function collectFailed(c: Criterion, want: boolean, values: Map<Criterion, Tri>, out: Set<number>): void {
  if (c.kind === 'leaf') {
    out.add(c.index);
    return;
  }
  if (c.kind === 'not') {
    collectFailed(c.children[0]!, !want, values, out);
    return;
  }
  // a false `all` / true `any`: the children with that value; a false `any` / true `all`: all children
  for (const ch of c.children) if (values.get(ch) === want) collectFailed(ch, want, values, out);
}

function collectNeeded(c: Criterion, values: Map<Criterion, Tri>, env: Env, fields: Set<string>, params: Set<string>): void {
  if (c.kind === 'leaf') {
    needed(c.expr, env, fields, params);
    return;
  }
  for (const ch of c.children) if (values.get(ch) === null) collectNeeded(ch, values, env, fields, params);
}

/** The cited documents in force on a day, worked out once per policy and day. */
const BASIS = new WeakMap<Policy, Map<number, LegalBasis[]>>();
function basisInForce(policy: Policy, day: number): LegalBasis[] {
  let m = BASIS.get(policy);
  if (!m) {
    m = new Map();
    BASIS.set(policy, m);
  }
  let r = m.get(day);
  if (!r) {
    r = policy.legalBasis.filter((b) => inForce(b, day, dayFromIso));
    m.set(day, r);
  }
  return r;
}

/** Whether an expression contains a term with a review text (only those can leave a 需人工核实). */
const HAS_REVIEW = new WeakMap<TExpr, boolean>();
function hasReview(e: TExpr): boolean {
  let r = HAS_REVIEW.get(e);
  if (r === undefined) {
    r = !!TERM_OF.get(e)?.review;
    if (!r)
      for (const v of Object.values(e)) {
        for (const k of Array.isArray(v) ? v : [v])
          if (k && typeof k === 'object' && 'k' in k && 't' in k && hasReview(k as TExpr)) {
            r = true;
            break;
          }
        if (r) break;
      }
    HAS_REVIEW.set(e, r);
  }
  return r;
}

/**
 * The open criteria that no missing fact explains: a defined term with a `review` text that is
 * unknown for a parent (or the child) whose facts are all recorded.
 */
function reviewsOf(c: Criterion, values: Map<Criterion, Tri>, env: Env, leafValues: readonly Tri[]): { criterion: string; text: string }[] {
  const out: { criterion: string; text: string }[] = [];
  const walk = (n: Criterion) => {
    if (values.get(n) !== null) return;
    if (n.kind !== 'leaf') {
      n.children.forEach(walk);
      return;
    }
    if (leafValues[n.index] !== null || !hasReview(n.expr)) return;
    const texts = new Set<string>();
    termsWithin(n.expr, env, texts);
    for (const text of texts) out.push({ criterion: n.id, text });
  };
  walk(c);
  return out;
}

/** Review texts of the unknown terms of an expression whose own inputs are known. */
function termsWithin(e: TExpr, env: Env, out: Set<string>): void {
  if (!hasReview(e)) return;
  const inParents = e.k === 'quant' || e.k === 'count' || e.k === 'sum';
  const scopes = inParents ? [0, 1] : [env.slot];
  const def: TermDef | undefined = TERM_OF.get(e);
  if (def?.review && evaluate(e, env) === null) {
    const fields = new Set<string>(),
      ps = new Set<string>();
    needed(e, env, fields, ps);
    if (!fields.size && !ps.size) {
      out.add(def.review);
      return;
    }
  }
  for (const v of Object.values(e)) {
    const kids = Array.isArray(v) ? v : [v];
    for (const k of kids) {
      if (!k || typeof k !== 'object' || !('k' in k) || !('t' in k)) continue;
      for (const s of scopes) termsWithin(k as TExpr, inParents ? { ...env, slot: s } : env, out);
    }
  }
}

function treeTrace(c: Criterion, values: Map<Criterion, Tri>): TreeTrace {
  if (c.kind === 'leaf') return { kind: 'leaf', id: c.id, label: c.label, value: values.get(c) ?? null };
  const t: TreeTrace = { kind: c.kind, value: values.get(c) ?? null, children: c.children.map((ch) => treeTrace(ch, values)) };
  if (c.id) t.id = c.id;
  if (c.label) t.label = c.label;
  return t;
}

/** What a criterion reads, worked out once per criterion. */
const LEAF_READS = new WeakMap<CriterionLeaf, { fields: string[]; params: string[] }>();
function readsOf(leaf: CriterionLeaf) {
  let r = LEAF_READS.get(leaf);
  if (!r) {
    r = { fields: [...fieldsRead(leaf.expr)].sort(byInputOrder), params: [...paramsRead(leaf.expr)] };
    LEAF_READS.set(leaf, r);
  }
  return r;
}
const RELATIONS = new WeakMap<Policy, ReturnType<typeof relationsText>>();
function relationsOf(pack: Pack, policy: Policy) {
  let r = RELATIONS.get(policy);
  if (!r) {
    r = relationsText(pack, policy);
    RELATIONS.set(policy, r);
  }
  return r;
}

function leafTrace(leaf: CriterionLeaf, value: Tri, failed: boolean, c: DescribeCtx, policy: Policy, params: Map<string, ParamValue | null>): CriterionTrace {
  const reads = readsOf(leaf);
  const inputs: InputUse[] = reads.fields.map((path) => {
    const f = INPUT_BY_PATH.get(path)!;
    const v = c.env.values[f.index] ?? null;
    return { path, label: f.fullLabel, value: fmt(v, f.type, c.domains, { display: f.display }), known: v !== null };
  });
  const used = reads.params.map((n) => paramUse(policy.parameters.get(n)!, params.get(n) ?? null));
  const t: CriterionTrace = {
    id: leaf.id,
    index: leaf.index,
    label: leaf.label,
    clause: leaf.clause,
    expr: leaf.src,
    value,
    failed,
    explanation: explain(leaf.expr, c, leaf.term),
    inputs,
    params: used,
  };
  if (leaf.note) t.note = leaf.note;
  if (leaf.exclusionOf) t.exclusionOf = leaf.exclusionOf;
  return t;
}

const PER: Record<string, string> = { month: '每月', year: '每年', once: '一次性' };

function amountOf(policy: Policy, params: Map<string, ParamValue | null>, env: Env, c: DescribeCtx): AmountResult {
  const a = policy.amount;
  if (a.kind === 'none') return { status: 'none', text: a.text };
  if (a.kind === 'terms') {
    const uses = a.params.map((n) => paramUse(policy.parameters.get(n)!, params.get(n) ?? null));
    const parts = uses.map((u) => `${u.label} ${u.text}${u.value !== null ? `（${u.source}，${u.from} 起${u.verified ? '' : '；未核实'}）` : ''}`);
    const text = `${a.text ? `${a.text}：` : ''}${parts.join('；')}`;
    const absent = uses.filter((u) => u.value === null),
      unverified = uses.filter((u) => u.verified === false && !u.whatIf);
    if (absent.length || unverified.length) {
      const reason = [
        ...absent.map((u) => `「${u.label}」在 ${isoFromDay(env.asOf)} 无有效值`),
        ...unverified.map((u) => `「${u.label}」仅有未核实的值 ${u.text}`),
      ].join('；');
      return { status: 'not-maintained', text: `标准待维护：${reason}（${text}）`, reason, params: uses };
    }
    return { status: 'terms', text, params: uses };
  }
  const names = [...paramsRead(a.formula)];
  const uses = names.map((n) => paramUse(policy.parameters.get(n)!, params.get(n) ?? null));
  const absent = uses.filter((u) => u.value === null);
  if (absent.length) {
    const reason = absent.map((u) => `「${u.label}」在 ${isoFromDay(env.asOf)} 无有效值`).join('；');
    return { status: 'not-maintained', text: `标准待维护：${reason}`, reason, params: uses };
  }
  const unverified = uses.filter((u) => u.verified === false && !u.whatIf);
  if (unverified.length) {
    const reason = `仅有未核实的值：${unverified.map((u) => `「${u.label}」${u.text}（${u.source}，${u.from} 起；未核实）`).join('；')}`;
    return { status: 'not-maintained', text: `标准待维护：${reason}`, reason, params: uses };
  }
  const v = evaluate(a.formula, env) as number | null;
  if (v === null) {
    const fields = new Set<string>(),
      ps = new Set<string>();
    needed(a.formula, env, fields, ps);
    const missing = [...fields].sort(byInputOrder);
    return { status: 'unknown', text: `金额无法计算，缺少：${missing.map((p) => INPUT_BY_PATH.get(p)?.fullLabel ?? p).join('、')}`, missing };
  }
  const fen = Math.round(v);
  const cites = names.map((n) => `${policy.parameters.get(n)!.label}：${citeParam(params.get(n)!)}`).join('；');
  const how = a.formula.k === 'param' ? `${a.label}；${cites}` : `${a.label}：${describe(a.formula, { ...c, cite: false })}；${cites}`;
  return { status: 'computed', fen, per: a.per, text: `${PER[a.per]} ${yuan(fen)}（${how}）`, params: uses };
}

function relationsText(pack: Pack, policy: Policy): { exclusions: RelationText[]; stacking: RelationText[]; linked: RelationText[] } {
  const name = (id: string) => pack.byId.get(id)?.name.zh ?? id;
  const cite = (clause?: string, note?: string) => [clause, note].filter(Boolean).join('；');
  const exclusions: RelationText[] = [
    ...policy.exclusions.map((r) => ({
      policy: r.policy,
      name: name(r.policy),
      text: `选择本项即不再享受「${name(r.policy)}」${cite(r.clause, r.note) ? `（${cite(r.clause, r.note)}）` : ''}`,
    })),
    ...policy.excludedBy.map((r) => ({
      policy: r.policy,
      name: name(r.policy),
      text: `与「${name(r.policy)}」二者择一：已选择该项的不再享受本项${cite(r.clause, r.note) ? `（${cite(r.clause, r.note)}）` : ''}`,
    })),
  ];
  const ruleText = { allowed: '可以同时享受', exclusive: '不能同时享受', unconfirmed: '能否同时享受尚未确认' } as const;
  const stacking = policy.stacking.map((s) => ({
    policy: s.policy,
    name: name(s.policy),
    text: `与「${name(s.policy)}」${ruleText[s.rule]}${cite(s.clause, s.note) ? `（${cite(s.clause, s.note)}）` : ''}`,
  }));
  const linked = policy.linked.map((r) => ({
    policy: r.policy,
    name: name(r.policy),
    text: `纳入本项保障的，同步享受「${name(r.policy)}」${cite(r.clause, r.note) ? `（${cite(r.clause, r.note)}）` : ''}`,
  }));
  return { exclusions, stacking, linked };
}

/** Criteria that only frame a benefit (residence, age): named in a summary only when they decide it. */
const FRAMING = new Set(['hukou', 'under-18', 'full-time-school', 'school-stage']);

function summaryOf(r: PolicyResult, v: LogicVersion, values: Map<Criterion, Tri>): string {
  const label = (id: string) => r.criteria.find((c) => c.id === id)?.label ?? id;
  const pick = (ids: string[]) => {
    const main = ids.filter((id) => !FRAMING.has(id) && !r.criteria.find((c) => c.id === id)?.exclusionOf);
    return (main.length ? main : ids).slice(0, 2).map(label);
  };
  if (r.result === 'eligible') {
    const deciding = new Set<number>();
    collectFailed(v.root, true, values, deciding);
    const ids = v.leaves.filter((l) => deciding.has(l.index)).map((l) => l.id);
    const amount =
      r.amount.status === 'computed' ? `，${r.amount.text.replace(/（.*$/, '')}` : r.amount.status === 'not-maintained' ? '，金额：标准待维护' : '';
    return `符合：${pick(ids).join('；')}${amount}`;
  }
  if (r.result === 'not-eligible') {
    const ids = r.failed.includes('hukou') ? ['hukou'] : r.failed;
    const note = r.failed.includes('hukou') ? `（${r.criteria.find((c) => c.id === 'hukou')?.note ?? ''}）` : '';
    return `不符合：未满足「${pick(ids).join('」「')}」${note.length > 2 ? note : ''}`;
  }
  const need = r.missing.map((m) => m.label);
  const parts = [
    need.length ? `还需补充${need.slice(0, 3).join('、')}${need.length > 3 ? `等 ${need.length} 项` : ''}` : '',
    r.review.length ? `需人工核实（${r.review[0]!.text.split('：')[0]}）` : '',
    r.missingParams.length ? `${r.missingParams.map((p) => `「${p.label}」${/待核实/.test(p.reason) ? '待核实' : '标准待维护'}`).join('、')}` : '',
  ].filter(Boolean);
  const amount = r.amount.status === 'conditional' ? `；${r.amount.text.replace(/（.*$/, '')}` : '';
  return `尚无法判断：${parts.join('；')}${amount}`;
}

function overall(r: PolicyResult, policy: Policy, v: LogicVersion): string {
  const since = `依据${v.basis}（逻辑版本 ${v.version}，${isoFromDay(v.from)} 起${v.fromVerified ? '' : '，起始日期未核实'}）`;
  const labels = (ids: string[]) =>
    ids
      .map((id) => r.criteria.find((c) => c.id === id)!)
      .map((c) => `${c.label}（${c.explanation}）`)
      .join('；');
  let text: string;
  if (r.result === 'eligible') {
    text = `符合「${policy.name.zh}」的全部条件，${since}。`;
  } else if (r.result === 'not-eligible') {
    // a failed criterion's note says what to do next (转介户籍地…)
    const notes = r.failed.map((id) => r.criteria.find((c) => c.id === id)?.note).filter((n): n is string => !!n);
    text = `不符合「${policy.name.zh}」：${labels(r.failed)}。${notes.length ? `${[...new Set(notes)].join('；')}。` : ''}${since}。`;
  } else {
    const need = [...r.missing.map((m) => m.label), ...r.missingParams.map((p) => `参数「${p.label}」（${p.reason}）`)];
    const review = r.review.map((x) => x.text);
    text = `尚无法判断「${policy.name.zh}」${need.length ? `，还需补充：${need.join('、')}` : ''}${review.length ? `${need.length ? '；' : '，'}需人工核实：${review.join('；')}` : ''}。${since}。`;
  }
  if (r.amount.status !== 'not-applicable') text += ` 金额：${r.amount.text}。`;
  if (r.result !== 'not-eligible') {
    for (const e of r.exclusions) text += ` ${e.text}。`;
    for (const l of r.linked) text += ` ${l.text}。`;
    for (const s of r.stacking) text += ` ${s.text}。`;
  }
  return text;
}
