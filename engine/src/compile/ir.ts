/**
 * Lowering for the batch path: the policies' typed criteria, with parameters and the as-of date
 * resolved to constants, become one graph of operations over column values. Identical
 * sub-expressions are interned once across all policies (the age of the child, "both parents
 * dead or missing", the hukou test…), constants are folded (a parameter without a value makes
 * its criterion a constant unknown), and each policy keeps its criteria tree so that the first
 * failing criterion can be found.
 *
 * Value representation (shared with the generated code and the closures):
 * - tri: 0 false, 1 unknown, 2 true (so `and` is min, `or` is max, `not` is 2 - x);
 * - num (numbers, money) and date (day numbers): a double, NaN = unknown;
 * - enum: 1 + index in the domain, 0 = unknown;
 * - set: bit mask, -1 = unknown.
 */
import { addMonths, monthsBetween, yearsBetween } from '../dates.js';
import type { TExpr } from '../expr/check.js';
import type { Type } from '../expr/types.js';
import { logicAt, paramAt, type Criterion, type Pack, type ParamValue, type Policy } from '../policy.js';
import { INPUT_BY_PATH, SLOTS, type Domains } from '../profile.js';
import { codecFor, type Codec } from '../columns.js';

export type Rep = 'tri' | 'num' | 'date' | 'enum' | 'set';
export type Op =
  | 'const'
  | 'load'
  | 'not'
  | 'and'
  | 'or'
  | 'lt'
  | 'le'
  | 'gt'
  | 'ge'
  | 'eq'
  | 'ne'
  | 'eqe'
  | 'nee'
  | 'eqt'
  | 'net'
  | 'ine'
  | 'inn'
  | 'has'
  | 'add'
  | 'sub'
  | 'mul'
  | 'div'
  | 'neg'
  | 'ybt'
  | 'mbt'
  | 'dbt'
  | 'addd'
  | 'addm'
  | 'addy'
  | 'min'
  | 'max'
  | 'if'
  | 'size'
  | 'count'
  | 'sum';

export interface IRNode {
  id: number;
  op: Op;
  rep: Rep;
  args: number[];
  /** const: the value; ine / has: the mask; inn: unused. */
  k?: number;
  /** inn: the values. */
  ks?: number[];
  /** load: the column path and its kind. */
  col?: string;
  kind?: string;
  /** enum and set values: their domain. */
  domain?: string;
  key: string;
}

/** A policy's criteria tree over IR nodes: leaves in document order, groups by kind. */
export type IRTree = { kind: 'leaf'; index: number; node: number } | { kind: 'all' | 'any' | 'not'; node: number; children: IRTree[] };

export interface IRPolicy {
  id: string;
  /** null: no logic version in force on the date (every child undetermined, or not eligible when `notYet`). */
  version: string | null;
  /** The date is before the policy's first logic version: 政策尚未施行, not eligible for every child. */
  notYet: boolean;
  root: IRTree | null;
  leafIds: string[];
  /** The monthly amount in fen (num node), or null when not computable (no formula, or 标准待维护). */
  amount: number | null;
}

export interface IRGraph {
  nodes: IRNode[];
  policies: IRPolicy[];
  asOf: number;
  codec: Codec;
}

const TRI_F = 0,
  TRI_U = 1,
  TRI_T = 2;
export const UNKNOWN: Record<Rep, number> = { tri: TRI_U, num: NaN, date: NaN, enum: 0, set: -1 };
const STRICT = new Set<Op>([
  'not',
  'lt',
  'le',
  'gt',
  'ge',
  'eq',
  'ne',
  'eqe',
  'nee',
  'eqt',
  'net',
  'ine',
  'inn',
  'has',
  'add',
  'sub',
  'mul',
  'div',
  'neg',
  'ybt',
  'mbt',
  'dbt',
  'addd',
  'addm',
  'addy',
  'min',
  'max',
  'size',
  'count',
]);

function repOf(t: Type): Rep {
  switch (t.k) {
    case 'bool':
      return 'tri';
    case 'enum':
      return 'enum';
    case 'set':
      return 'set';
    case 'date':
      return 'date';
    default:
      return 'num';
  }
}

export function buildIR(pack: Pack, asOf: number): IRGraph {
  const codec = codecFor(pack.domains);
  const nodes: IRNode[] = [];
  const byKey = new Map<string, number>();

  const intern = (op: Op, rep: Rep, args: number[], extra: { k?: number; ks?: number[]; col?: string; kind?: string; domain?: string } = {}): number => {
    if (op === 'if' && (rep === 'enum' || rep === 'set')) extra = { ...extra, domain: nodes[args[1]!]!.domain };
    const key = `${op}:${rep}:${args.join(',')}:${extra.k ?? ''}:${extra.ks?.join('|') ?? ''}:${extra.col ?? ''}`;
    const found = byKey.get(key);
    if (found !== undefined) return found;
    // constant folding: every argument a constant
    if (op !== 'const' && op !== 'load' && args.length && args.every((a) => nodes[a]!.op === 'const')) {
      const v = foldScalar(
        op,
        args.map((a) => nodes[a]!.k!),
        extra,
      );
      return constant(rep, v !== v ? UNKNOWN[rep] : v, extra.domain);
    }
    const simplified = simplify(op, rep, args);
    if (simplified !== null) return simplified;
    const id = nodes.length;
    nodes.push({ id, op, rep, args, key, ...extra });
    byKey.set(key, id);
    return id;
  };
  const constant = (rep: Rep, v: number, domain?: string) => {
    const key = `const:${rep}:${Object.is(v, NaN) ? 'NaN' : v}:${domain ?? ''}`;
    const found = byKey.get(key);
    if (found !== undefined) return found;
    const id = nodes.length;
    nodes.push({ id, op: 'const', rep, args: [], k: v, key, ...(domain ? { domain } : {}) });
    byKey.set(key, id);
    return id;
  };
  /** Partial folding of and / or with constant operands. */
  const isUnknownConst = (a: number) => {
    const n = nodes[a]!;
    return n.op === 'const' && (n.rep === 'num' || n.rep === 'date' ? n.k !== n.k : n.k === UNKNOWN[n.rep]);
  };
  const simplify = (op: Op, rep: Rep, args: number[]): number | null => {
    // strict operations: an unknown operand makes the result unknown
    if (STRICT.has(op) && args.some(isUnknownConst)) return constant(rep, UNKNOWN[rep]);
    if (op === 'if' && isUnknownConst(args[0]!)) return constant(rep, UNKNOWN[rep], nodes[args[1]!]!.domain);
    if (op !== 'and' && op !== 'or') return null;
    const absorbing = op === 'and' ? TRI_F : TRI_T,
      neutral = op === 'and' ? TRI_T : TRI_F;
    const consts = args.filter((a) => nodes[a]!.op === 'const').map((a) => nodes[a]!.k!);
    if (consts.includes(absorbing)) return constant('tri', absorbing);
    if (!consts.length) return null;
    const rest = args.filter((a) => nodes[a]!.op !== 'const');
    const hasUnknown = consts.includes(TRI_U);
    if (!rest.length) return constant('tri', hasUnknown ? TRI_U : neutral);
    if (hasUnknown) return null; // keep: unknown caps the result
    return rest.length === 1 ? rest[0]! : intern(op, rep, rest);
  };

  const loadOf = (path: string) => {
    const f = INPUT_BY_PATH.get(path);
    if (!f) throw new Error(`no input ${path}`);
    const domain = f.type.k === 'enum' || f.type.k === 'set' ? f.type.domain : undefined;
    return intern('load', repOf(f.type), [], { col: path, kind: f.kind, ...(domain ? { domain } : {}) });
  };

  const policies: IRPolicy[] = pack.policies.map((policy) => {
    const version = logicAt(policy, asOf);
    const params = new Map<string, ParamValue | null>();
    for (const [name, def] of policy.parameters) params.set(name, paramAt(def, asOf));
    const lower = (e: TExpr, slot: number): number => lowerExpr(e, slot, { intern, constant, loadOf, params, asOf, codec, domains: pack.domains });
    if (!version) return { id: policy.id, version: null, notYet: asOf < policy.logic[0]!.from, root: null, leafIds: [], amount: null };
    const tree = (c: Criterion): IRTree => {
      if (c.kind === 'leaf') return { kind: 'leaf', index: c.index, node: lower(c.expr, -1) };
      const children = c.children.map(tree);
      const ids = children.map((ch) => ch.node);
      const node = c.kind === 'not' ? intern('not', 'tri', ids) : intern(c.kind === 'all' ? 'and' : 'or', 'tri', ids);
      return { kind: c.kind, node, children };
    };
    const root = tree(version.root);
    return {
      id: policy.id,
      version: version.version,
      notYet: false,
      root,
      leafIds: version.leaves.map((l) => l.id),
      amount: amountNode(policy, params, lower),
    };
  });
  return { nodes, policies, asOf, codec };
}

/** The amount in fen as a num node, when the formula's parameters all have verified values. */
function amountNode(policy: Policy, params: Map<string, ParamValue | null>, lower: (e: TExpr, slot: number) => number): number | null {
  const a = policy.amount;
  if (a.kind !== 'formula') return null;
  for (const name of paramNames(a.formula)) {
    const v = params.get(name);
    if (!v || (!v.verified && !v.whatIf)) return null;
  }
  return lower(a.formula, -1);
}
function paramNames(e: TExpr, out: string[] = []): string[] {
  if (e.k === 'param') out.push(e.name);
  for (const v of Object.values(e)) {
    if (v && typeof v === 'object' && 'k' in (v as object) && 't' in (v as object)) paramNames(v as TExpr, out);
    if (Array.isArray(v)) for (const x of v) if (x && typeof x === 'object' && 'k' in x && 't' in x) paramNames(x as TExpr, out);
  }
  return out;
}

interface LowerCtx {
  intern: (op: Op, rep: Rep, args: number[], extra?: { k?: number; ks?: number[]; col?: string; kind?: string; domain?: string }) => number;
  constant: (rep: Rep, v: number, domain?: string) => number;
  loadOf: (path: string) => number;
  params: Map<string, ParamValue | null>;
  asOf: number;
  codec: Codec;
  domains: Domains;
}

function lowerExpr(e: TExpr, slot: number, c: LowerCtx): number {
  const L = (x: TExpr, s = slot) => lowerExpr(x, s, c);
  switch (e.k) {
    case 'lit': {
      const rep = repOf(e.t);
      const domain = e.t.k === 'enum' || e.t.k === 'set' ? e.t.domain : undefined;
      if (e.v === null) return c.constant(rep, UNKNOWN[rep], domain);
      if (rep === 'tri') return c.constant('tri', e.v ? TRI_T : TRI_F);
      if (rep === 'enum') return c.constant('enum', c.codec.enumCode(domain as keyof Domains, e.v as string), domain);
      return c.constant(rep, e.v as number);
    }
    case 'field':
      return c.loadOf(e.field.path);
    case 'pfield': {
      if (slot < 0) throw new Error('parent field outside parents');
      return c.loadOf(`${SLOTS[slot]}.${e.field.name}`);
    }
    case 'age':
      return c.intern('ybt', 'num', [c.loadOf('child.birthDate'), c.constant('date', c.asOf)]);
    case 'param': {
      const p = c.params.get(e.name);
      return c.constant('num', p && (p.verified || p.whatIf) ? p.value : NaN);
    }
    case 'asOf':
      return c.constant('date', c.asOf);
    case 'not':
      return c.intern('not', 'tri', [L(e.arg)]);
    case 'and':
    case 'or':
      return c.intern(
        e.k,
        'tri',
        e.args.map((a) => L(a)),
      );
    case 'cmp': {
      const a = L(e.left),
        b = L(e.right);
      const rep = repOf(e.left.t);
      if (rep === 'enum') return c.intern(e.op === '==' ? 'eqe' : 'nee', 'tri', [a, b]);
      if (rep === 'tri') return c.intern(e.op === '==' ? 'eqt' : 'net', 'tri', [a, b]);
      const op = ({ '<': 'lt', '<=': 'le', '>': 'gt', '>=': 'ge', '==': 'eq', '!=': 'ne' } as const)[e.op];
      return c.intern(op, 'tri', [a, b]);
    }
    case 'in': {
      const a = L(e.left);
      if (e.left.t.k === 'enum') {
        const dom = e.left.t.domain;
        let mask = 0;
        for (const v of e.items) mask |= 1 << c.codec.enumCode(dom, v as string);
        return c.intern('ine', 'tri', [a], { k: mask });
      }
      return c.intern('inn', 'tri', [a], { ks: (e.items as number[]).slice().sort((x, y) => x - y) });
    }
    case 'has': {
      const s = L(e.set);
      const dom = (e.set.t as { domain: keyof Domains }).domain;
      let mask = 0;
      for (const v of e.items) mask |= c.codec.setBit(dom, v);
      return c.intern('has', 'tri', [s], { k: mask });
    }
    case 'arith':
      return c.intern(({ '+': 'add', '-': 'sub', '*': 'mul', '/': 'div' } as const)[e.op], 'num', [L(e.left), L(e.right)]);
    case 'neg':
      return c.intern('neg', 'num', [L(e.arg)]);
    case 'fn': {
      const args = e.args.map((a) => L(a));
      switch (e.fn) {
        case 'years_between':
          return c.intern('ybt', 'num', args);
        case 'months_between':
          return c.intern('mbt', 'num', args);
        case 'days_between':
          return c.intern('dbt', 'num', args);
        case 'add_days':
          return c.intern('addd', 'date', args);
        case 'add_months':
          return c.intern('addm', 'date', args);
        case 'add_years':
          return c.intern('addy', 'date', args);
        case 'min':
          return c.intern('min', 'num', args);
        case 'max':
          return c.intern('max', 'num', args);
        case 'size':
          return c.intern('size', 'num', args);
      }
    }
    // falls through (unreachable)
    case 'if':
      return c.intern('if', repOf(e.t), [L(e.cond), L(e.then), L(e.else)]);
    case 'quant':
      return c.intern(e.q === 'all' ? 'and' : 'or', 'tri', [L(e.body, 0), L(e.body, 1)]);
    case 'count': {
      if (!e.where) return c.constant('num', 2);
      return c.intern('count', 'num', [L(e.where, 0), L(e.where, 1)]);
    }
    case 'sum': {
      const w = (s: number) => (e.where ? L(e.where, s) : c.constant('tri', TRI_T));
      return c.intern('sum', 'num', [w(0), L(e.value, 0), w(1), L(e.value, 1)]);
    }
  }
}

function popcount(x: number): number {
  let n = 0;
  while (x) {
    x &= x - 1;
    n++;
  }
  return n;
}

/** One operation on scalar values: constant folding, and the reference for the generated code. */
export function foldScalar(op: Op, a: readonly number[], extra: { k?: number; ks?: number[] } = {}): number {
  const x = a.length > 0 ? a[0]! : NaN,
    y = a.length > 1 ? a[1]! : NaN,
    z = a.length > 2 ? a[2]! : NaN;
  const unk = x !== x || y !== y;
  switch (op) {
    case 'lt':
      return unk ? TRI_U : x < y ? TRI_T : TRI_F;
    case 'le':
      return unk ? TRI_U : x <= y ? TRI_T : TRI_F;
    case 'gt':
      return unk ? TRI_U : x > y ? TRI_T : TRI_F;
    case 'ge':
      return unk ? TRI_U : x >= y ? TRI_T : TRI_F;
    case 'eq':
      return unk ? TRI_U : x === y ? TRI_T : TRI_F;
    case 'ne':
      return unk ? TRI_U : x !== y ? TRI_T : TRI_F;
    case 'not':
      return 2 - x;
    case 'and':
      return Math.min(...a);
    case 'or':
      return Math.max(...a);
    case 'eqe':
      return x === 0 || y === 0 ? TRI_U : x === y ? TRI_T : TRI_F;
    case 'nee':
      return x === 0 || y === 0 ? TRI_U : x !== y ? TRI_T : TRI_F;
    case 'eqt':
      return x === TRI_U || y === TRI_U ? TRI_U : x === y ? TRI_T : TRI_F;
    case 'net':
      return x === TRI_U || y === TRI_U ? TRI_U : x !== y ? TRI_T : TRI_F;
    case 'ine':
      return x === 0 ? TRI_U : ((extra.k! >>> x) & 1) === 1 ? TRI_T : TRI_F;
    case 'inn':
      return x !== x ? TRI_U : extra.ks!.includes(x) ? TRI_T : TRI_F;
    case 'has':
      return x === -1 ? TRI_U : (x & extra.k!) !== 0 ? TRI_T : TRI_F;
    case 'add':
      return x + y;
    case 'sub':
      return x - y;
    case 'mul':
      return x * y;
    case 'div':
      return y === 0 ? NaN : x / y;
    case 'neg':
      return -x;
    case 'ybt':
      return unk ? NaN : yearsBetween(x, y);
    case 'mbt':
      return unk ? NaN : monthsBetween(x, y);
    case 'dbt':
      return y - x;
    case 'addd':
      return x + Math.trunc(y);
    case 'addm':
      return unk ? NaN : addMonths(x, y);
    case 'addy':
      return unk ? NaN : addMonths(x, 12 * Math.trunc(y));
    case 'min':
      return unk ? NaN : Math.min(x, y);
    case 'max':
      return unk ? NaN : Math.max(x, y);
    case 'if':
      return x === TRI_T ? y : x === TRI_F ? z : NaN; // caller maps NaN to the rep's unknown
    case 'size':
      return x === -1 ? NaN : popcount(x);
    case 'count':
      return a.some((t) => t === TRI_U) ? NaN : a.filter((t) => t === TRI_T).length;
    case 'sum': {
      let total = 0;
      for (let i = 0; i < a.length; i += 2) {
        const w = a[i]!,
          v = a[i + 1]!;
        if (w === TRI_U) return NaN;
        if (w === TRI_T) {
          if (v !== v) return NaN;
          total += v;
        }
      }
      return total;
    }
    default:
      throw new Error(`cannot fold ${op}`);
  }
}
