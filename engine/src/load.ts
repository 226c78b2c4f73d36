/**
 * Loads and validates the policy files (`engine/policies/*.yaml`). Anything wrong — an unknown key,
 * a field the profile does not have, a type or unit error in an expression, an unknown parameter,
 * overlapping dated values, a test case naming a criterion that does not exist — is refused with
 * the file, line, column and reason, so an invalid pack stops the start.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YNode, type Pair, type Scalar, type YAMLMap } from 'yaml';
import { dayFromIso, isoFromDay } from './dates.js';
import { checkExpression, paramsRead, type ParamInfo, type TermDef } from './expr/check.js';
import { ExprError, parse } from './expr/parse.js';
import { T, type Type } from './expr/types.js';
import {
  KINDS,
  PARAM_UNITS,
  settleEnds,
  UNITS,
  type AdminUnit,
  type Amount,
  type BenefitKind,
  type Criterion,
  type CriterionLeaf,
  type LegalBasis,
  type LogicVersion,
  type Pack,
  type ParamDef,
  type ParamUnit,
  type ParamValue,
  type Policy,
  type Relation,
  type SourceRef,
  type Stacking,
  type TermInfo,
  type TestCase,
  type TestExpect,
} from './policy.js';
import { checkProfile, didYouMean, domainsFor, INPUT_BY_PATH, type Domains } from './profile.js';

export const POLICY_DIR = fileURLToPath(new URL('../policies/', import.meta.url));

export interface LoadIssue {
  file: string;
  line: number;
  col: number;
  reason: string;
}

export class PolicyLoadError extends Error {
  constructor(readonly issues: LoadIssue[]) {
    super(issues.map((i) => `${i.file}:${i.line}:${i.col}: ${i.reason}`).join('\n'));
    this.name = 'PolicyLoadError';
  }
  get file() {
    return this.issues[0]!.file;
  }
  get line() {
    return this.issues[0]!.line;
  }
  get col() {
    return this.issues[0]!.col;
  }
  get reason() {
    return this.issues[0]!.reason;
  }
}

type Ctx = { domains: Domains; params: ReadonlyMap<string, ParamInfo>; terms?: ReadonlyMap<string, TermDef> };

/** Relations remember their node, for errors found once the whole pack is known. */
const RELATION_NODE = new WeakMap<object, YNode>();

class Stop extends Error {
  constructor(readonly issue: LoadIssue) {
    super(issue.reason);
  }
}

/** Reads one YAML document with positions. */
class Reader {
  readonly lc = new LineCounter();
  constructor(
    readonly file: string,
    readonly src: string,
  ) {}

  at(offset: number): SourceRef {
    const p = this.lc.linePos(offset);
    return { file: this.file, line: p.line, col: p.col };
  }
  ref(node: YNode | null | undefined): SourceRef {
    return this.at(node?.range?.[0] ?? 0);
  }
  /** The node a relation (exclusion, stacking, linked) was read from. */
  root(rel: object): YNode | null {
    return RELATION_NODE.get(rel) ?? null;
  }
  fail(node: YNode | null | undefined, reason: string, offset?: number): never {
    const at = offset !== undefined ? this.at(offset) : this.ref(node);
    throw new Stop({ file: this.file, line: at.line, col: at.col, reason });
  }

  /** A mapping's entries by key; unknown keys and missing required keys are refused. */
  map(
    node: YNode | null | undefined,
    what: string,
    allowed: readonly string[],
    required: readonly string[] = [],
  ): Map<string, { key: Scalar; value: YNode | null }> {
    if (!isMap(node)) this.fail(node, `${what} should be a mapping`);
    const out = new Map<string, { key: Scalar; value: YNode | null }>();
    for (const pair of node.items as Pair<Scalar, YNode | null>[]) {
      const k = String(pair.key?.value);
      if (!allowed.includes(k))
        this.fail(
          pair.key,
          `unknown key '${k}' in ${what}${didYouMean(k, allowed).replace(/（是否应为 (.*)？）/, " (did you mean '$1'?)") || ` (allowed: ${allowed.join(', ')})`}`,
        );
      if (out.has(k)) this.fail(pair.key, `duplicate key '${k}' in ${what}`);
      out.set(k, { key: pair.key, value: pair.value ?? null });
    }
    for (const r of required) if (!out.has(r)) this.fail(node, `${what} is missing '${r}'`);
    return out;
  }
  str(node: YNode | null | undefined, what: string): string {
    if (!isScalar(node) || typeof node.value !== 'string' || !node.value.trim()) this.fail(node, `${what} should be a non-empty text`);
    return (node as Scalar<string>).value.trim();
  }
  text(node: YNode | null | undefined, what: string): string {
    if (isScalar(node) && (typeof node.value === 'number' || typeof node.value === 'boolean')) return String(node.value);
    return this.str(node, what);
  }
  bool(node: YNode | null | undefined, what: string): boolean {
    if (!isScalar(node) || typeof node.value !== 'boolean') this.fail(node, `${what} should be true or false`);
    return (node as Scalar<boolean>).value;
  }
  date(node: YNode | null | undefined, what: string): number {
    const s = isScalar(node) ? String(node.value) : '';
    const d = dayFromIso(s);
    if (d === null) this.fail(node, `${what} should be a date YYYY-MM-DD, found ${isScalar(node) ? `'${s}'` : 'nothing'}`);
    return d;
  }
  seq(node: YNode | null | undefined, what: string): YNode[] {
    if (!isSeq(node)) this.fail(node, `${what} should be a list`);
    return node.items as YNode[];
  }
  oneOf<T extends string>(node: YNode | null | undefined, what: string, values: readonly T[]): T {
    const s = this.str(node, what);
    if (!values.includes(s as T)) this.fail(node, `${what} '${s}' is not one of ${values.join(', ')}`);
    return s as T;
  }

  /** Source offset of character `i` of a scalar's value (expressions may span lines). */
  offsetIn(node: Scalar, i: number): number {
    const [start, end] = node.range ?? [0, 0];
    const value = String(node.value);
    let j = start;
    if (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') {
      j = this.src.indexOf('\n', start) + 1;
    } else if (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') j++;
    if ((node.type === 'PLAIN' || node.type === 'QUOTE_SINGLE') && !this.src.slice(start, end).includes('\n')) return j + i;
    let k = 0;
    while (k < i && j < end) {
      if (value[k] === this.src[j]) {
        k++;
        j++;
      } else if (/\s/.test(this.src[j]!)) j++;
      else if (/\s/.test(value[k]!)) k++;
      else j++;
    }
    return j;
  }

  /** Type-checks an expression held in a scalar; errors point into the expression. */
  expr(node: YNode | null | undefined, what: string, ctx: Ctx, expect: Type | null) {
    if (!isScalar(node) || typeof node.value !== 'string') {
      if (isScalar(node) && (typeof node.value === 'boolean' || typeof node.value === 'number'))
        return { src: String(node.value), e: this.exprText(String(node.value), node, what, ctx, expect) };
      this.fail(node, `${what} should be an expression (text)`);
    }
    const src = (node as Scalar<string>).value;
    return { src: src.trim(), e: this.exprText(src, node, what, ctx, expect) };
  }
  private exprText(src: string, node: Scalar, what: string, ctx: Ctx, expect: Type | null) {
    try {
      return checkExpression(src, ctx, expect);
    } catch (e) {
      if (e instanceof ExprError) this.fail(node, `${what}: ${e.message}`, this.offsetIn(node, e.pos.start));
      throw e;
    }
  }
}

const TOP_KEYS = [
  'id',
  'name',
  'issuer',
  'unit',
  'kind',
  'summary',
  'legalBasis',
  'parameters',
  'logic',
  'amount',
  'exclusions',
  'stacking',
  'linked',
  'notes',
  'tests',
] as const;
const ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const PARAM_NAME = /^[a-z][A-Za-z0-9]*$/;

export function paramType(unit: ParamUnit): Type {
  switch (unit) {
    case 'fen/month':
    case 'fen/year':
    case 'fen':
      return T.num('fen');
    case 'ratio':
      return T.num('ratio');
    case 'years':
      return T.num('years');
    case 'months':
      return T.num('months');
    case 'days':
      return T.num('days');
    case 'int':
      return T.num('int');
  }
}

interface Parsed {
  reader: Reader;
  root: YAMLMap;
  id: string;
  name: { zh: string; en: string };
}

/** Loads every `*.yaml` in a folder (default: engine/policies). */
export function loadPack(dir: string = POLICY_DIR): Pack {
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
    .sort();
  return loadPackFromSources(
    files.map((f) => ({ file: path.relative(process.cwd(), path.join(dir, f)) || f, text: fs.readFileSync(path.join(dir, f), 'utf8') })),
  );
}

/** The file of shared definitions: not a policy (see readDefinitions). */
export const DEFINITIONS_FILE = 'definitions.yaml';
const isDefinitions = (file: string) => path.basename(file) === DEFINITIONS_FILE;

export function loadPackFromSources(sources: readonly { file: string; text: string }[]): Pack {
  const issues: LoadIssue[] = [];
  const guard = <R>(fn: () => R): R | null => {
    try {
      return fn();
    } catch (e) {
      if (e instanceof Stop) {
        issues.push(e.issue);
        return null;
      }
      throw e;
    }
  };
  // Pass 1: syntax, ids and names (the policy ids are a value domain of the profile).
  const parsed: Parsed[] = [];
  for (const s of sources) {
    if (isDefinitions(s.file)) continue;
    const r = guard(() => {
      const reader = new Reader(s.file, s.text);
      const doc = parseDocument(s.text, { lineCounter: reader.lc, prettyErrors: false, uniqueKeys: true });
      if (doc.errors.length) {
        const e = doc.errors[0]!;
        reader.fail(null, `YAML: ${e.message.split('\n')[0]}`, e.pos[0]);
      }
      const m = reader.map(doc.contents, 'a policy file', TOP_KEYS, ['id', 'name', 'issuer', 'unit', 'kind', 'legalBasis', 'logic', 'amount', 'tests']);
      const idNode = m.get('id')!.value;
      const id = reader.str(idNode, 'id');
      if (!ID.test(id)) reader.fail(idNode, `id '${id}' should be lower-case words joined by '-'`);
      const base = path.basename(s.file).replace(/\.ya?ml$/, '');
      if (base !== id) reader.fail(idNode, `id '${id}' should match the file name '${base}'`);
      const nm = reader.map(m.get('name')!.value, 'name', ['zh', 'en'], ['zh', 'en']);
      return {
        reader,
        root: doc.contents as YAMLMap,
        id,
        name: { zh: reader.str(nm.get('zh')!.value, 'name.zh'), en: reader.str(nm.get('en')!.value, 'name.en') },
      };
    });
    if (r) {
      const dup = parsed.find((p) => p.id === r.id);
      if (dup) guard(() => r.reader.fail(r.root, `policy id '${r.id}' is also used by ${dup.reader.file}`));
      else parsed.push(r);
    }
  }
  if (issues.length) throw new PolicyLoadError(issues);
  const domains = domainsFor(parsed);
  const ids = parsed.map((p) => p.id);
  // Pass 1b: the shared definitions, which every policy's expressions may reference as term.<name>.
  const defSource = sources.find((s) => isDefinitions(s.file));
  const defs = defSource ? guard(() => readDefinitions(defSource, domains)) : { terms: new Map<string, TermDef>(), basis: [] as LegalBasis[] };
  if (issues.length || !defs) throw new PolicyLoadError(issues);
  // Pass 2: each file in full.
  const policies: Policy[] = [];
  for (const p of parsed) {
    const policy = guard(() => readPolicy(p, domains, ids, defs.terms));
    if (policy) policies.push(policy);
  }
  if (issues.length) throw new PolicyLoadError(issues);
  // Pass 3: cross-file relations, generated exclusion criteria, test expectations.
  const byId = new Map(policies.map((p) => [p.id, p]));
  for (const p of policies) {
    const reader = parsed.find((x) => x.id === p.id)!.reader;
    guard(() => {
      for (const list of [p.exclusions, p.stacking, p.linked] as Relation[][]) {
        for (const rel of list) {
          if (rel.policy === p.id) reader.fail(reader.root(rel), `a policy cannot refer to itself`);
          if (!byId.has(rel.policy))
            reader.fail(
              reader.root(rel),
              `unknown policy '${rel.policy}'${didYouMean(rel.policy, ids).replace(/（是否应为 (.*)？）/, " (did you mean '$1'?)")}`,
            );
        }
      }
    });
  }
  if (issues.length) throw new PolicyLoadError(issues);
  for (const a of policies) {
    for (const rel of a.exclusions) {
      const b = byId.get(rel.policy)!;
      b.excludedBy.push({ policy: a.id, clause: rel.clause, note: rel.note });
      for (const v of b.logic) addExclusionLeaf(v, a, rel, domains, b);
    }
  }
  for (const p of policies) {
    const reader = parsed.find((x) => x.id === p.id)!.reader;
    guard(() => checkTests(p, reader));
  }
  if (issues.length) throw new PolicyLoadError(issues);
  // a term is used by a policy that names it or names a term built on it
  const refs = (src: string) => [...src.matchAll(/\bterm\.([A-Za-z0-9]+)/g)].map((x) => x[1]!);
  const closure = (names: readonly string[]): Set<string> => {
    const out = new Set<string>();
    const add = (n: string) => {
      if (out.has(n)) return;
      out.add(n);
      const t = defs.terms.get(n);
      if (t) refs(TERM_SRC.get(t) ?? '').forEach(add);
    };
    names.forEach(add);
    return out;
  };
  const reach = new Map(policies.map((p) => [p.id, closure(p.logic.flatMap((v) => v.leaves.flatMap((l) => l.terms ?? [])))]));
  const terms: TermInfo[] = [...defs.terms.values()].map((t) => ({
    name: t.name,
    label: t.label,
    scope: t.scope,
    basis: t.basis,
    src: TERM_SRC.get(t) ?? '',
    ...(t.review ? { review: t.review } : {}),
    usedBy: policies.filter((p) => reach.get(p.id)!.has(t.name)).map((p) => p.id),
  }));
  return { policies, byId, domains, policyIds: ids, terms, termsBasis: defs.basis };
}

const TERM_SRC = new WeakMap<TermDef, string>();
const TERM_NAME = /^[a-z][A-Za-z0-9]*$/;

/**
 * definitions.yaml: the legal terms every policy shares (重残, 失联, 孤儿…), each defined once with
 * its citation. A term may use the terms defined above it (so there is no cycle) and no parameter.
 */
function readDefinitions(s: { file: string; text: string }, domains: Domains): { terms: Map<string, TermDef>; basis: LegalBasis[] } {
  const r = new Reader(s.file, s.text);
  const doc = parseDocument(s.text, { lineCounter: r.lc, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) r.fail(null, `YAML: ${doc.errors[0]!.message.split('\n')[0]}`, doc.errors[0]!.pos[0]);
  const m = r.map(doc.contents, 'the definitions file', ['legalBasis', 'terms'], ['legalBasis', 'terms']);
  const basis = readLegalBasis(r, m.get('legalBasis')!.value);
  const tn = m.get('terms')!.value;
  if (!isMap(tn)) r.fail(tn, 'terms should be a mapping of name → definition');
  const terms = new Map<string, TermDef>();
  for (const pair of (tn as YAMLMap).items as Pair<Scalar, YNode>[]) {
    const name = String(pair.key.value);
    if (!TERM_NAME.test(name)) r.fail(pair.key, `term name '${name}' should be camelCase letters`);
    if (terms.has(name)) r.fail(pair.key, `term '${name}' is defined twice`);
    const tm = r.map(pair.value, `term ${name}`, ['label', 'scope', 'basis', 'review', 'expr'], ['label', 'scope', 'basis', 'expr']);
    const exprNode = tm.get('expr')!.value;
    const src = r.str(exprNode, `expression of ${name}`);
    const t: TermDef = {
      name,
      label: r.str(tm.get('label')!.value, 'label'),
      scope: r.oneOf(tm.get('scope')!.value, 'scope', ['parent', 'child'] as const),
      basis: r.str(tm.get('basis')!.value, 'basis'),
      node: { k: 'bool', value: true, pos: { start: 0, end: 0 } },
    };
    if (tm.has('review')) t.review = r.str(tm.get('review')!.value, 'review');
    // a parent term is checked inside a parents scope; its errors point into this file
    const wrapped = t.scope === 'parent' ? `all parents (${src})` : src;
    try {
      checkExpression(wrapped, { domains, params: new Map(), terms }, T.bool);
      t.node = parse(src);
    } catch (e) {
      if (e instanceof ExprError)
        r.fail(exprNode, `term ${name}: ${e.message}`, r.offsetIn(exprNode as Scalar, Math.max(0, e.pos.start - (wrapped.length - src.length - 1))));
      throw e;
    }
    TERM_SRC.set(t, src);
    terms.set(name, t);
  }
  return { terms, basis };
}

function readLegalBasis(r: Reader, node: YNode | null): LegalBasis[] {
  return r.seq(node, 'legalBasis').map((n) => {
    const b = r.map(n, 'a legal basis', ['doc', 'title', 'article', 'date', 'from', 'to', 'url', 'note'], ['doc']);
    const out: LegalBasis = { doc: r.str(b.get('doc')!.value, 'doc') };
    for (const k of ['title', 'article', 'url', 'note'] as const) if (b.has(k)) out[k] = r.text(b.get(k)!.value, k);
    for (const k of ['date', 'from', 'to'] as const)
      if (b.has(k)) {
        const dn = b.get(k)!.value;
        r.date(dn, k);
        out[k] = String((dn as Scalar).value);
      }
    return out;
  });
}

function readPolicy(p: Parsed, domains: Domains, ids: string[], terms: ReadonlyMap<string, TermDef>): Policy {
  const r = p.reader;
  const m = r.map(p.root, 'a policy file', TOP_KEYS);
  const get = (k: string) => m.get(k)?.value ?? null;
  const unit = r.oneOf(get('unit'), 'unit', UNITS) as AdminUnit;
  const kind = r.oneOf(get('kind'), 'kind', KINDS) as BenefitKind;
  const legalBasis: LegalBasis[] = readLegalBasis(r, get('legalBasis'));
  if (!legalBasis.length) r.fail(get('legalBasis'), 'legalBasis needs at least one document');

  // parameters
  const parameters = new Map<string, ParamDef>();
  const reference = new Set<string>();
  const pnode = get('parameters');
  if (pnode) {
    if (!isMap(pnode)) r.fail(pnode, 'parameters should be a mapping of name → definition');
    for (const pair of (pnode as YAMLMap).items as Pair<Scalar, YNode>[]) {
      const name = String(pair.key.value);
      if (!PARAM_NAME.test(name)) r.fail(pair.key, `parameter name '${name}' should be camelCase letters`);
      const pm = r.map(pair.value, `parameter ${name}`, ['label', 'unit', 'note', 'values', 'reference'], ['label', 'unit', 'values']);
      const punit = r.oneOf(pm.get('unit')!.value, `unit of ${name}`, PARAM_UNITS);
      const type = paramType(punit);
      if (pm.has('reference') && r.bool(pm.get('reference')!.value, 'reference')) reference.add(name);
      const values: ParamValue[] = r.seq(pm.get('values')!.value, `values of ${name}`).map((vn) => {
        const vm = r.map(vn, `a value of ${name}`, ['from', 'to', 'value', 'source', 'verified', 'note'], ['from', 'value', 'source', 'verified']);
        const from = r.date(vm.get('from')!.value, 'from');
        const to = vm.has('to') ? r.date(vm.get('to')!.value, 'to') : null;
        if (to !== null && to < from) r.fail(vm.get('to')!.value, `'to' is before 'from'`);
        const lit = r.expr(vm.get('value')!.value, `value of ${name}`, { domains, params: new Map() }, type);
        const num =
          lit.e.k === 'lit' && typeof lit.e.v === 'number'
            ? lit.e.v
            : r.fail(vm.get('value')!.value, `value of ${name} should be a number with its unit (e.g. 3200 yuan)`);
        const v: ParamValue = {
          from,
          to,
          end: null,
          value: num,
          source: r.str(vm.get('source')!.value, 'source'),
          verified: r.bool(vm.get('verified')!.value, 'verified'),
          at: r.ref(vn),
        };
        if (vm.has('note')) v.note = r.str(vm.get('note')!.value, 'note');
        return v;
      });
      const sorted = [...values].sort((a, b) => a.from - b.from);
      sorted.forEach((v, i) => {
        const next = sorted[i + 1];
        if (next && (next.from === v.from || (v.to !== null && v.to >= next.from)))
          r.fail(
            null,
            `values of ${name} overlap: one from ${iso(v.from)}${v.to !== null ? ` to ${iso(v.to)}` : ''}, another from ${iso(next.from)}`,
            (next.at && offsetOf(r, next.at)) || 0,
          );
      });
      settleEnds(values);
      const def: ParamDef = { name, label: r.str(pm.get('label')!.value, 'label'), unit: punit, type, values, at: r.ref(pair.key) };
      if (pm.has('note')) def.note = r.str(pm.get('note')!.value, 'note');
      parameters.set(name, def);
    }
  }
  const pinfo = new Map<string, ParamInfo>([...parameters].map(([k, v]) => [k, { type: v.type, label: v.label }]));
  const ctx: Ctx = { domains, params: pinfo, terms };
  const used = new Set<string>();

  // logic versions
  const logic: LogicVersion[] = r.seq(get('logic'), 'logic').map((vn) => {
    const vm = r.map(vn, 'a logic version', ['version', 'from', 'to', 'fromVerified', 'basis', 'note', 'criteria'], ['version', 'from', 'basis', 'criteria']);
    const from = r.date(vm.get('from')!.value, 'from');
    const to = vm.has('to') ? r.date(vm.get('to')!.value, 'to') : null;
    if (to !== null && to < from) r.fail(vm.get('to')!.value, `'to' is before 'from'`);
    const leaves: CriterionLeaf[] = [];
    const seen = new Map<string, YNode>();
    const readNode = (n: YNode | null): Criterion => {
      if (!isMap(n)) r.fail(n, 'a criterion should be a mapping: a leaf (id, label, clause, expr) or a group (all / any / not)');
      const keys = (n as YAMLMap).items.map((i) => String((i.key as Scalar).value));
      const group = keys.find((k) => k === 'all' || k === 'any' || k === 'not');
      if (group) {
        const gm = r.map(n, `'${group}' group`, [group, 'id', 'label'], [group]);
        const body = gm.get(group)!.value;
        const children = group === 'not' ? [readNode(body)] : r.seq(body, `'${group}'`).map(readNode);
        if (group !== 'not' && children.length === 0) r.fail(body, `'${group}' needs at least one criterion`);
        const g: Criterion = { kind: group, children };
        if (gm.has('id')) g.id = r.str(gm.get('id')!.value, 'id');
        if (gm.has('label')) g.label = r.str(gm.get('label')!.value, 'label');
        return g;
      }
      const lm = r.map(n, 'a criterion', ['id', 'label', 'clause', 'expr', 'term', 'note'], ['id', 'label', 'clause', 'expr']);
      const idNode = lm.get('id')!.value;
      const id = r.str(idNode, 'id');
      if (!ID.test(id)) r.fail(idNode, `criterion id '${id}' should be lower-case words joined by '-'`);
      if (seen.has(id)) r.fail(idNode, `criterion id '${id}' is used twice in this logic version (first at line ${r.ref(seen.get(id)).line})`);
      seen.set(id, idNode!);
      const { src, e } = r.expr(lm.get('expr')!.value, `criterion ${id}`, ctx, T.bool);
      paramsRead(e, used);
      const leaf: CriterionLeaf = {
        kind: 'leaf',
        id,
        label: r.str(lm.get('label')!.value, 'label'),
        clause: r.str(lm.get('clause')!.value, 'clause'),
        src,
        expr: e,
        index: leaves.length,
        at: r.ref(n),
      };
      if (lm.has('term')) leaf.term = r.str(lm.get('term')!.value, 'term');
      const termsUsed = [...src.matchAll(/\bterm\.([A-Za-z0-9]+)/g)].map((x) => x[1]!);
      if (termsUsed.length) leaf.terms = [...new Set(termsUsed)];
      if (lm.has('note')) leaf.note = r.str(lm.get('note')!.value, 'note');
      leaves.push(leaf);
      return leaf;
    };
    const root = readNode(vm.get('criteria')!.value);
    const v: LogicVersion = {
      version: r.text(vm.get('version')!.value, 'version'),
      from,
      to,
      end: null,
      fromVerified: vm.has('fromVerified') ? r.bool(vm.get('fromVerified')!.value, 'fromVerified') : true,
      basis: r.str(vm.get('basis')!.value, 'basis'),
      root,
      leaves,
      at: r.ref(vn),
    };
    if (vm.has('note')) v.note = r.str(vm.get('note')!.value, 'note');
    return v;
  });
  if (!logic.length) r.fail(get('logic'), 'logic needs at least one version');
  const sortedLogic = [...logic].sort((a, b) => a.from - b.from);
  sortedLogic.forEach((v, i) => {
    const next = sortedLogic[i + 1];
    if (next && (next.from === v.from || (v.to !== null && v.to >= next.from)))
      r.fail(null, `logic versions ${v.version} and ${next.version} overlap`, offsetOf(r, next.at!));
  });
  settleEnds(logic);

  // amount
  const an = get('amount');
  let amount: Amount;
  {
    const am = r.map(an, 'amount', ['formula', 'per', 'label', 'note', 'terms', 'text', 'none']);
    if (am.has('formula')) {
      const { src, e } = r.expr(am.get('formula')!.value, 'amount formula', ctx, T.num('fen'));
      paramsRead(e, used);
      amount = {
        kind: 'formula',
        formula: e,
        src,
        per: am.has('per') ? r.oneOf(am.get('per')!.value, 'per', ['month', 'year', 'once'] as const) : 'month',
        label: am.has('label') ? r.str(am.get('label')!.value, 'label') : p.name.zh,
      };
      if (am.has('note')) amount.note = r.str(am.get('note')!.value, 'note');
    } else if (am.has('terms')) {
      const params = r.seq(am.get('terms')!.value, 'terms').map((t) => {
        const n = r.str(t, 'a term');
        if (!parameters.has(n)) r.fail(t, `unknown parameter '${n}' in terms`);
        used.add(n);
        return n;
      });
      amount = { kind: 'terms', params, text: am.has('text') ? r.str(am.get('text')!.value, 'text') : '' };
      if (am.has('note')) amount.note = r.str(am.get('note')!.value, 'note');
    } else if (am.has('none')) {
      amount = { kind: 'none', text: r.str(am.get('none')!.value, 'none') };
    } else amount = r.fail(an, 'amount needs formula, terms or none');
  }
  for (const name of parameters.keys())
    if (!used.has(name) && !reference.has(name))
      r.fail(null, `parameter ${name} is never used (mark it 'reference: true' if it is kept for information)`, offsetOf(r, parameters.get(name)!.at!));

  const relations = (key: 'exclusions' | 'linked'): Relation[] =>
    get(key)
      ? r.seq(get(key), key).map((n) => {
          const rm = r.map(n, `an entry of ${key}`, ['policy', 'clause', 'note'], ['policy']);
          const rel: Relation = { policy: r.str(rm.get('policy')!.value, 'policy') };
          if (rm.has('clause')) rel.clause = r.str(rm.get('clause')!.value, 'clause');
          if (rm.has('note')) rel.note = r.str(rm.get('note')!.value, 'note');
          RELATION_NODE.set(rel, rm.get('policy')!.value!);
          return rel;
        })
      : [];
  const stacking: Stacking[] = get('stacking')
    ? r.seq(get('stacking'), 'stacking').map((n) => {
        const rm = r.map(n, 'an entry of stacking', ['policy', 'rule', 'clause', 'note'], ['policy', 'rule']);
        const s: Stacking = {
          policy: r.str(rm.get('policy')!.value, 'policy'),
          rule: r.oneOf(rm.get('rule')!.value, 'rule', ['allowed', 'exclusive', 'unconfirmed'] as const),
        };
        if (rm.has('clause')) s.clause = r.str(rm.get('clause')!.value, 'clause');
        if (rm.has('note')) s.note = r.str(rm.get('note')!.value, 'note');
        RELATION_NODE.set(s, rm.get('policy')!.value!);
        return s;
      })
    : [];

  const policy: Policy = {
    id: p.id,
    name: p.name,
    issuer: r.str(get('issuer'), 'issuer'),
    unit,
    kind,
    legalBasis,
    parameters,
    logic,
    amount,
    exclusions: relations('exclusions'),
    excludedBy: [],
    stacking,
    linked: relations('linked'),
    notes: get('notes') ? r.seq(get('notes'), 'notes').map((n) => r.str(n, 'a note')) : [],
    tests: [],
    file: r.file,
  };
  if (get('summary')) policy.summary = r.str(get('summary'), 'summary');

  // tests (expectations are checked once the whole pack is known)
  policy.tests = r.seq(get('tests'), 'tests').map((tn) => {
    const tm = r.map(tn, 'a test case', ['name', 'date', 'profile', 'expect'], ['name', 'date', 'profile', 'expect']);
    const profileNode = tm.get('profile')!.value;
    const profile = (profileNode as { toJSON(): unknown } | null)?.toJSON() ?? {};
    const checked = checkProfile(profile, ids);
    const facts = checked.ok
      ? checked.facts
      : r.fail(nodeAtPath(profileNode, checked.errors[0]!.path) ?? profileNode, `test profile: ${checked.errors[0]!.path}: ${checked.errors[0]!.message}`);
    const em = r.map(tm.get('expect')!.value, 'expect', ['result', 'amount', 'failed', 'missing', 'missingParams'], ['result']);
    const expect: TestExpect = { result: r.oneOf(em.get('result')!.value, 'result', ['eligible', 'not-eligible', 'undetermined'] as const) };
    if (em.has('amount')) {
      const an2 = em.get('amount')!.value;
      const s = isScalar(an2) ? String(an2.value) : '';
      if (s === 'not-maintained' || s === 'none' || s === 'terms') expect.amount = s;
      else {
        const lit = r.expr(an2, 'expected amount', { domains, params: new Map() }, T.num('fen'));
        expect.amount = lit.e.k === 'lit' ? (lit.e.v as number) : r.fail(an2, 'expected amount should be a sum (3200 yuan), not-maintained, terms or none');
      }
    }
    for (const k of ['failed', 'missing', 'missingParams'] as const) {
      if (em.has(k)) {
        const list = r.seq(em.get(k)!.value, k).map((n) => r.str(n, k));
        if (k === 'missing')
          r.seq(em.get(k)!.value, k).forEach((n, i) => {
            if (!INPUT_BY_PATH.has(list[i]!)) r.fail(n, `unknown field '${list[i]}' (fields are written child.birthDate, father.status, …)`);
          });
        if (k === 'missingParams')
          r.seq(em.get(k)!.value, k).forEach((n, i) => {
            if (!parameters.has(list[i]!)) r.fail(n, `unknown parameter '${list[i]}'`);
          });
        expect[k] = list;
      }
    }
    const t: TestCase = { name: r.str(tm.get('name')!.value, 'name'), date: r.date(tm.get('date')!.value, 'date'), profile, facts, expect, at: r.ref(tn) };
    TEST_NODES.set(t, { failed: em.get('failed')?.value ?? null, node: tn });
    return t;
  });
  return policy;
}

const TEST_NODES = new WeakMap<TestCase, { failed: YNode | null; node: YNode }>();

function checkTests(p: Policy, r: Reader): void {
  for (const t of p.tests) {
    const nodes = TEST_NODES.get(t)!;
    if (!t.expect.failed) continue;
    const version = p.logic.find((v) => v.from <= t.date && (v.end === null || t.date <= v.end));
    if (!version) r.fail(nodes.node, `test '${t.name}': no logic version in force on ${iso(t.date)}, so no criterion can fail`);
    const idsHere = version.leaves.map((l) => l.id);
    t.expect.failed.forEach((id, i) => {
      if (!idsHere.includes(id))
        r.fail(
          (nodes.failed as { items?: YNode[] })?.items?.[i] ?? nodes.failed,
          `test '${t.name}': no criterion '${id}' in logic version ${version.version}${didYouMean(id, idsHere).replace(/（是否应为 (.*)？）/, " (did you mean '$1'?)")}`,
        );
    });
  }
}

/** Adds to `b`'s logic version the generated criterion "has not chosen policy a". */
function addExclusionLeaf(v: LogicVersion, a: Policy, rel: Relation, domains: Domains, b: Policy): void {
  const src = `not (benefits.receiving contains '${a.id}')`;
  const leaf: CriterionLeaf = {
    kind: 'leaf',
    id: `not-chosen-${a.id}`,
    label: `未选择领取「${a.name.zh}」（二者择一）`,
    clause: rel.clause ?? a.legalBasis[0]!.doc,
    src,
    expr: checkExpression(src, { domains, params: new Map() }),
    index: 0,
    exclusionOf: a.id,
  };
  if (rel.note) leaf.note = rel.note;
  if (v.root.kind === 'all') v.root.children.push(leaf);
  else v.root = { kind: 'all', children: [v.root, leaf] };
  v.leaves = [];
  const walk = (c: Criterion) => {
    if (c.kind === 'leaf') {
      c.index = v.leaves.length;
      v.leaves.push(c);
    } else c.children.forEach(walk);
  };
  walk(v.root);
  void b;
}

function nodeAtPath(node: YNode | null, p: string): YNode | null {
  let cur: YNode | null = node;
  for (const part of p.split(/[.[\]]+/).filter(Boolean)) {
    if (isMap(cur)) cur = (cur.items.find((i) => String((i.key as Scalar).value) === part)?.value as YNode) ?? null;
    else if (isSeq(cur)) cur = (cur.items[Number(part)] as YNode) ?? null;
    else return cur;
  }
  return cur;
}

function offsetOf(r: Reader, at: SourceRef): number {
  // back from line/col to an offset, for issues found after reading
  let line = 1,
    i = 0;
  while (line < at.line && i < r.src.length) {
    if (r.src[i] === '\n') line++;
    i++;
  }
  return i + at.col - 1;
}

const iso = isoFromDay;
