/**
 * Batch backend 1: generated JavaScript. The whole pack becomes one function with one loop over
 * the rows; every IR node is a local computed once per row (shared across policies), and each
 * policy writes its result code (and, optionally, its amount) into typed arrays. No object is
 * created per row.
 */
import { addMonths, civilPacked } from '../dates.js';
import { MISSING_INT, type Column } from '../columns.js';
import { UNKNOWN, type IRGraph, type IRNode, type IRTree } from './ir.js';
import { ELIGIBLE, NOT_IN_FORCE, UNDETERMINED } from './codes.js';

export type RowKernel = (n: number, cols: Record<string, Column>, codes: Uint8Array[], amounts: Float64Array[] | null, from: number) => void;

/** Helpers visible to the generated code (NaN in → NaN out). */
const HELPERS = {
  yb(a: number, b: number): number {
    if (a !== a || b !== b) return NaN;
    const pa = civilPacked(a),
      pb = civilPacked(b);
    return Math.floor(pb / 10000) - Math.floor(pa / 10000) - (pb % 10000 < pa % 10000 ? 1 : 0);
  },
  /** years from a to a constant date given as packed y*10000+md. */
  ybk(a: number, pb: number): number {
    if (a !== a) return NaN;
    const pa = civilPacked(a);
    return Math.floor(pb / 10000) - Math.floor(pa / 10000) - (pb % 10000 < pa % 10000 ? 1 : 0);
  },
  mb(a: number, b: number): number {
    if (a !== a || b !== b) return NaN;
    const pa = civilPacked(a),
      pb = civilPacked(b);
    const ya = Math.floor(pa / 10000),
      yb = Math.floor(pb / 10000);
    return (yb - ya) * 12 + ((Math.floor(pb / 100) % 100) - (Math.floor(pa / 100) % 100)) - (pb % 100 < pa % 100 ? 1 : 0);
  },
  am(a: number, b: number): number {
    return a !== a || b !== b ? NaN : addMonths(a, b);
  },
  ay(a: number, b: number): number {
    return a !== a || b !== b ? NaN : addMonths(a, 12 * Math.trunc(b));
  },
  pc(x: number): number {
    if (x === -1) return NaN;
    let n = 0;
    while (x) {
      x &= x - 1;
      n++;
    }
    return n;
  },
  BT: Uint8Array.of(1, 0, 2),
};

function lit(x: number): string {
  if (x !== x) return 'NaN';
  return Object.is(x, -0) ? '0' : String(x);
}

export interface GeneratedSource {
  source: string;
  kernel: RowKernel;
}

export function generate(g: IRGraph): GeneratedSource {
  const used = new Set<number>();
  const mark = (id: number) => {
    if (used.has(id)) return;
    used.add(id);
    for (const a of g.nodes[id]!.args) mark(a);
  };
  const markTree = (t: IRTree) => {
    mark(t.node);
    if (t.kind !== 'leaf') t.children.forEach(markTree);
  };
  for (const p of g.policies) {
    if (p.root) markTree(p.root);
    if (p.amount !== null) mark(p.amount);
  }
  const ref = (id: number) => {
    const n = g.nodes[id]!;
    return n.op === 'const' ? lit(n.k!) : `v${id}`;
  };
  const isConst = (id: number) => g.nodes[id]!.op === 'const';

  const header: string[] = [];
  const body: string[] = [];
  const cols = new Map<string, string>();
  for (const n of g.nodes) {
    if (!used.has(n.id) || n.op === 'const') continue;
    if (n.op === 'and' || n.op === 'or') {
      // min / max as statements (no nested copies of the operands)
      const f = n.op === 'and' ? '<' : '>';
      body.push(`let v${n.id} = ${ref(n.args[0]!)};`);
      for (const x of n.args.slice(1)) body.push(`if (${ref(x)} ${f} v${n.id}) v${n.id} = ${ref(x)};`);
      continue;
    }
    body.push(`const v${n.id} = ${expr(n)};`);
  }

  function colVar(path: string): string {
    let v = cols.get(path);
    if (!v) {
      v = `c${cols.size}`;
      cols.set(path, v);
      header.push(`const ${v} = cols[${JSON.stringify(path)}];`);
    }
    return v;
  }

  function expr(n: IRNode): string {
    const [a0, a1, a2] = n.args;
    const A = a0 !== undefined ? ref(a0) : '',
      B = a1 !== undefined ? ref(a1) : '',
      C = a2 !== undefined ? ref(a2) : '';
    const nanA = a0 !== undefined && !isConst(a0) ? `${A} !== ${A}` : 'false';
    const nanB = a1 !== undefined && !isConst(a1) ? `${B} !== ${B}` : 'false';
    const cmp = (op: string) => {
      const guard = [nanA, nanB].filter((x) => x !== 'false').join(' || ') || 'false';
      return guard === 'false' ? `(${A} ${op} ${B} ? 2 : 0)` : `(${guard} ? 1 : (${A} ${op} ${B} ? 2 : 0))`;
    };
    switch (n.op) {
      case 'load': {
        const c = colVar(n.col!);
        if (n.kind === 'date' || n.kind === 'int') return `(${c}[i] === ${MISSING_INT} ? NaN : ${c}[i])`;
        if (n.kind === 'bool') return `BT[${c}[i]]`;
        return `${c}[i]`;
      }
      case 'not':
        return `(2 - ${A})`;
      case 'lt':
        return cmp('<');
      case 'le':
        return cmp('<=');
      case 'gt':
        return cmp('>');
      case 'ge':
        return cmp('>=');
      case 'eq':
        return cmp('===');
      case 'ne':
        return cmp('!==');
      case 'eqe':
      case 'nee': {
        const guard = [isConst(a0!) ? null : `${A} === 0`, isConst(a1!) ? null : `${B} === 0`].filter(Boolean).join(' || ');
        const test = `(${A} ${n.op === 'eqe' ? '===' : '!=='} ${B} ? 2 : 0)`;
        return guard ? `(${guard} ? 1 : ${test})` : test;
      }
      case 'eqt':
      case 'net':
        return `((${A} === 1 || ${B} === 1) ? 1 : (${A} ${n.op === 'eqt' ? '===' : '!=='} ${B} ? 2 : 0))`;
      case 'ine':
        return `(${A} === 0 ? 1 : (((${n.k} >>> ${A}) & 1) === 1 ? 2 : 0))`;
      case 'inn':
        return `(${A} !== ${A} ? 1 : (${n.ks!.map((k) => `${A} === ${lit(k)}`).join(' || ') || 'false'}) ? 2 : 0)`;
      case 'has':
        return `(${A} === -1 ? 1 : ((${A} & ${n.k}) !== 0 ? 2 : 0))`;
      case 'add':
        return `(${A} + ${B})`;
      case 'sub':
        return `(${A} - ${B})`;
      case 'mul':
        return `(${A} * ${B})`;
      case 'div':
        return isConst(a1!) ? (g.nodes[a1!]!.k === 0 ? 'NaN' : `(${A} / ${B})`) : `(${B} === 0 ? NaN : ${A} / ${B})`;
      case 'neg':
        return `(-${A})`;
      case 'ybt':
        return isConst(a1!) && !Number.isNaN(g.nodes[a1!]!.k!) ? `H.ybk(${A}, ${civilPacked(g.nodes[a1!]!.k!)})` : `H.yb(${A}, ${B})`;
      case 'mbt':
        return `H.mb(${A}, ${B})`;
      case 'dbt':
        return `(${B} - ${A})`;
      case 'addd':
        return `(${A} + Math.trunc(${B}))`;
      case 'addm':
        return `H.am(${A}, ${B})`;
      case 'addy':
        return `H.ay(${A}, ${B})`;
      case 'min':
        return `((${nanA} || ${nanB}) ? NaN : (${A} < ${B} ? ${A} : ${B}))`;
      case 'max':
        return `((${nanA} || ${nanB}) ? NaN : (${A} > ${B} ? ${A} : ${B}))`;
      case 'if': {
        const unknown = lit(UNKNOWN[n.rep]);
        return `(${A} === 2 ? ${B} : (${A} === 0 ? ${C} : ${unknown}))`;
      }
      case 'size':
        return `H.pc(${A})`;
      case 'count': {
        const ts = n.args.map(ref);
        return `((${ts.map((t) => `${t} === 1`).join(' || ')}) ? NaN : (${ts.map((t) => `(${t} === 2 ? 1 : 0)`).join(' + ')}))`;
      }
      case 'sum': {
        const parts: string[] = [],
          unknown: string[] = [];
        for (let i = 0; i < n.args.length; i += 2) {
          const w = ref(n.args[i]!),
            v = ref(n.args[i + 1]!);
          unknown.push(`${w} === 1`, `(${w} === 2 && ${v} !== ${v})`);
          parts.push(`(${w} === 2 ? ${v} : 0)`);
        }
        return `((${unknown.join(' || ')}) ? NaN : (${parts.join(' + ')}))`;
      }
      default:
        throw new Error(`no code for ${n.op}`);
    }
  }

  /** Index of the first failing leaf of a false tree (or first satisfied leaf of a true one). */
  function firstOf(t: IRTree, want: 0 | 2): string {
    if (t.kind === 'leaf') return String(t.index);
    if (t.kind === 'not') return firstOf(t.children[0]!, want === 0 ? 2 : 0);
    // false `all` / true `any`: the first child with that value; false `any` / true `all`: the first child
    if ((t.kind === 'all' && want === 2) || (t.kind === 'any' && want === 0)) return firstOf(t.children[0]!, want);
    let e = firstOf(t.children[t.children.length - 1]!, want);
    for (let i = t.children.length - 2; i >= 0; i--) {
      const ch = t.children[i]!;
      e = `(${ref(ch.node)} === ${want} ? ${firstOf(ch, want)} : ${e})`;
    }
    return e;
  }

  const out: string[] = [];
  g.policies.forEach((p, j) => {
    header.push(`const o${j} = codes[${j}];`);
    if (!p.root) {
      out.push(`o${j}[i] = ${p.notYet ? NOT_IN_FORCE : UNDETERMINED};`, `if (amounts !== null) amounts[${j}][i] = NaN;`);
      return;
    }
    const r = ref(p.root.node);
    out.push(`const r${j} = ${r};`);
    out.push(`o${j}[i] = r${j} === 2 ? ${ELIGIBLE} : (r${j} === 1 ? ${UNDETERMINED} : 1 + ${firstOf(p.root, 0)});`);
    if (p.amount !== null) out.push(`if (amounts !== null) amounts[${j}][i] = r${j} === 2 ? Math.round(${ref(p.amount)}) : NaN;`);
    else out.push(`if (amounts !== null) amounts[${j}][i] = NaN;`);
  });

  const source = ['"use strict";', ...header, 'for (let i = from; i < n; i++) {', ...body.map((l) => `  ${l}`), ...out.map((l) => `  ${l}`), '}'].join('\n');
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  const factory = new Function('H', 'BT', `return function kernel(n, cols, codes, amounts, from) {\n${source}\n};`) as (
    h: typeof HELPERS,
    bt: Uint8Array,
  ) => RowKernel;
  return { source, kernel: factory(HELPERS, HELPERS.BT) };
}
