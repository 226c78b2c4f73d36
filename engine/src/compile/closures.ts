/**
 * Batch backend 2: closures over typed arrays, column at a time. The rows are processed in chunks
 * of CHUNK; each IR node is a closure that fills its own chunk buffer from its arguments' buffers
 * (Uint8Array for tri/enum, Float64Array for numbers, Int32Array for sets), so a shared
 * sub-expression is computed once per chunk for all policies. No code generation.
 */
import { civilPacked } from '../dates.js';
import { MISSING_INT, type Column } from '../columns.js';
import { foldScalar, UNKNOWN, type IRGraph, type IRNode, type IRTree } from './ir.js';
import { ELIGIBLE, NOT_IN_FORCE, UNDETERMINED } from './codes.js';

export const CHUNK = 2048;

type Buf = Uint8Array | Float64Array | Int32Array;
type Step = (start: number, len: number) => void;

export type ChunkKernel = (n: number, cols: Record<string, Column>, codes: Uint8Array[], amounts: Float64Array[] | null) => void;

export function buildClosures(g: IRGraph): ChunkKernel {
  const used = new Set<number>();
  const mark = (id: number) => {
    if (used.has(id)) return;
    used.add(id);
    g.nodes[id]!.args.forEach(mark);
  };
  const markTree = (t: IRTree) => {
    mark(t.node);
    if (t.kind !== 'leaf') t.children.forEach(markTree);
  };
  for (const p of g.policies) {
    if (p.root) markTree(p.root);
    if (p.amount !== null) mark(p.amount);
  }

  const bufs: Buf[] = [];
  for (const n of g.nodes) {
    if (!used.has(n.id)) continue;
    const b = n.rep === 'num' || n.rep === 'date' ? new Float64Array(CHUNK) : n.rep === 'set' ? new Int32Array(CHUNK) : new Uint8Array(CHUNK);
    if (n.op === 'const') (b as Float64Array).fill(n.k!);
    bufs[n.id] = b;
  }
  let cols: Record<string, Column> = {};
  const steps: Step[] = [];
  for (const n of g.nodes) {
    if (!used.has(n.id) || n.op === 'const') continue;
    steps.push(stepFor(n, bufs, () => cols));
  }

  return (count, columns, codes, amounts) => {
    cols = columns;
    for (let start = 0; start < count; start += CHUNK) {
      const len = Math.min(CHUNK, count - start);
      for (let s = 0; s < steps.length; s++) steps[s]!(start, len);
      g.policies.forEach((p, j) => {
        const o = codes[j]!;
        if (!p.root) {
          o.fill(p.notYet ? NOT_IN_FORCE : UNDETERMINED, start, start + len);
          if (amounts) amounts[j]!.fill(NaN, start, start + len);
          return;
        }
        const r = bufs[p.root.node] as Uint8Array;
        const am = p.amount !== null ? (bufs[p.amount] as Float64Array) : null;
        const a = amounts ? amounts[j]! : null;
        for (let k = 0; k < len; k++) {
          const v = r[k]!;
          o[start + k] = v === 2 ? ELIGIBLE : v === 1 ? UNDETERMINED : 1 + firstFailing(p.root, k, bufs);
          if (a) a[start + k] = v === 2 && am ? Math.round(am[k]!) : NaN;
        }
      });
    }
  };
}

function firstOf(t: IRTree, k: number, bufs: Buf[], want: number): number {
  if (t.kind === 'leaf') return t.index;
  if (t.kind === 'not') return firstOf(t.children[0]!, k, bufs, 2 - want);
  if ((t.kind === 'all' && want === 2) || (t.kind === 'any' && want === 0)) return firstOf(t.children[0]!, k, bufs, want);
  for (const ch of t.children) if ((bufs[ch.node] as Uint8Array)[k] === want) return firstOf(ch, k, bufs, want);
  return firstOf(t.children[t.children.length - 1]!, k, bufs, want);
}
function firstFailing(t: IRTree, k: number, bufs: Buf[]): number {
  return firstOf(t, k, bufs, 0);
}

function stepFor(n: IRNode, bufs: Buf[], colsOf: () => Record<string, Column>): Step {
  const out = bufs[n.id]!;
  const A = n.args[0] !== undefined ? bufs[n.args[0]]! : null;
  const B = n.args[1] !== undefined ? bufs[n.args[1]]! : null;
  const C = n.args[2] !== undefined ? bufs[n.args[2]]! : null;
  switch (n.op) {
    case 'load': {
      const path = n.col!;
      if (n.kind === 'date' || n.kind === 'int') {
        const o = out as Float64Array;
        return (start, len) => {
          const c = colsOf()[path] as Int32Array;
          for (let k = 0; k < len; k++) {
            const x = c[start + k]!;
            o[k] = x === MISSING_INT ? NaN : x;
          }
        };
      }
      if (n.kind === 'bool') {
        const o = out as Uint8Array;
        return (start, len) => {
          const c = colsOf()[path] as Uint8Array;
          for (let k = 0; k < len; k++) {
            const x = c[start + k]!;
            o[k] = x === 0 ? 1 : x === 1 ? 0 : 2;
          }
        };
      }
      return (start, len) => {
        (out as Float64Array).set((colsOf()[path] as Float64Array).subarray(start, start + len));
      };
    }
    case 'not': {
      const a = A as Uint8Array,
        o = out as Uint8Array;
      return (_s, len) => {
        for (let k = 0; k < len; k++) o[k] = 2 - a[k]!;
      };
    }
    case 'and':
    case 'or': {
      const ins = n.args.map((x) => bufs[x] as Uint8Array),
        o = out as Uint8Array,
        isAnd = n.op === 'and';
      const first = ins[0]!,
        rest = ins.slice(1);
      return (_s, len) => {
        o.set(first.subarray(0, len));
        for (const b of rest) {
          if (isAnd)
            for (let k = 0; k < len; k++) {
              const v = b[k]!;
              if (v < o[k]!) o[k] = v;
            }
          else
            for (let k = 0; k < len; k++) {
              const v = b[k]!;
              if (v > o[k]!) o[k] = v;
            }
        }
      };
    }
    case 'lt':
    case 'le':
    case 'gt':
    case 'ge':
    case 'eq':
    case 'ne': {
      const a = A as Float64Array,
        b = B as Float64Array,
        o = out as Uint8Array;
      switch (n.op) {
        case 'lt':
          return (_s, len) => {
            for (let k = 0; k < len; k++) {
              const x = a[k]!,
                y = b[k]!;
              o[k] = x !== x || y !== y ? 1 : x < y ? 2 : 0;
            }
          };
        case 'le':
          return (_s, len) => {
            for (let k = 0; k < len; k++) {
              const x = a[k]!,
                y = b[k]!;
              o[k] = x !== x || y !== y ? 1 : x <= y ? 2 : 0;
            }
          };
        case 'gt':
          return (_s, len) => {
            for (let k = 0; k < len; k++) {
              const x = a[k]!,
                y = b[k]!;
              o[k] = x !== x || y !== y ? 1 : x > y ? 2 : 0;
            }
          };
        case 'ge':
          return (_s, len) => {
            for (let k = 0; k < len; k++) {
              const x = a[k]!,
                y = b[k]!;
              o[k] = x !== x || y !== y ? 1 : x >= y ? 2 : 0;
            }
          };
        case 'eq':
          return (_s, len) => {
            for (let k = 0; k < len; k++) {
              const x = a[k]!,
                y = b[k]!;
              o[k] = x !== x || y !== y ? 1 : x === y ? 2 : 0;
            }
          };
        default:
          return (_s, len) => {
            for (let k = 0; k < len; k++) {
              const x = a[k]!,
                y = b[k]!;
              o[k] = x !== x || y !== y ? 1 : x !== y ? 2 : 0;
            }
          };
      }
    }
    case 'eqe':
    case 'nee': {
      const a = A as Uint8Array,
        b = B as Uint8Array,
        o = out as Uint8Array,
        eq = n.op === 'eqe';
      return (_s, len) => {
        for (let k = 0; k < len; k++) {
          const x = a[k]!,
            y = b[k]!;
          o[k] = x === 0 || y === 0 ? 1 : (x === y) === eq ? 2 : 0;
        }
      };
    }
    case 'eqt':
    case 'net': {
      const a = A as Uint8Array,
        b = B as Uint8Array,
        o = out as Uint8Array,
        eq = n.op === 'eqt';
      return (_s, len) => {
        for (let k = 0; k < len; k++) {
          const x = a[k]!,
            y = b[k]!;
          o[k] = x === 1 || y === 1 ? 1 : (x === y) === eq ? 2 : 0;
        }
      };
    }
    case 'ine': {
      const a = A as Uint8Array,
        o = out as Uint8Array,
        m = n.k!;
      return (_s, len) => {
        for (let k = 0; k < len; k++) {
          const x = a[k]!;
          o[k] = x === 0 ? 1 : ((m >>> x) & 1) === 1 ? 2 : 0;
        }
      };
    }
    case 'inn': {
      const a = A as Float64Array,
        o = out as Uint8Array,
        ks = n.ks!;
      return (_s, len) => {
        for (let k = 0; k < len; k++) {
          const x = a[k]!;
          o[k] = x !== x ? 1 : ks.includes(x) ? 2 : 0;
        }
      };
    }
    case 'has': {
      const a = A as Int32Array,
        o = out as Uint8Array,
        m = n.k!;
      return (_s, len) => {
        for (let k = 0; k < len; k++) {
          const x = a[k]!;
          o[k] = x === -1 ? 1 : (x & m) !== 0 ? 2 : 0;
        }
      };
    }
    case 'add': {
      const a = A as Float64Array,
        b = B as Float64Array,
        o = out as Float64Array;
      return (_s, len) => {
        for (let k = 0; k < len; k++) o[k] = a[k]! + b[k]!;
      };
    }
    case 'sub': {
      const a = A as Float64Array,
        b = B as Float64Array,
        o = out as Float64Array;
      return (_s, len) => {
        for (let k = 0; k < len; k++) o[k] = a[k]! - b[k]!;
      };
    }
    case 'mul': {
      const a = A as Float64Array,
        b = B as Float64Array,
        o = out as Float64Array;
      return (_s, len) => {
        for (let k = 0; k < len; k++) o[k] = a[k]! * b[k]!;
      };
    }
    case 'div': {
      const a = A as Float64Array,
        b = B as Float64Array,
        o = out as Float64Array;
      return (_s, len) => {
        for (let k = 0; k < len; k++) {
          const y = b[k]!;
          o[k] = y === 0 ? NaN : a[k]! / y;
        }
      };
    }
    case 'neg': {
      const a = A as Float64Array,
        o = out as Float64Array;
      return (_s, len) => {
        for (let k = 0; k < len; k++) o[k] = -a[k]!;
      };
    }
    case 'dbt': {
      const a = A as Float64Array,
        b = B as Float64Array,
        o = out as Float64Array;
      return (_s, len) => {
        for (let k = 0; k < len; k++) o[k] = b[k]! - a[k]!;
      };
    }
    case 'addd': {
      const a = A as Float64Array,
        b = B as Float64Array,
        o = out as Float64Array;
      return (_s, len) => {
        for (let k = 0; k < len; k++) o[k] = a[k]! + Math.trunc(b[k]!);
      };
    }
    case 'ybt': {
      const a = A as Float64Array,
        b = B as Float64Array,
        o = out as Float64Array;
      return (_s, len) => {
        for (let k = 0; k < len; k++) {
          const x = a[k]!,
            y = b[k]!;
          if (x !== x || y !== y) {
            o[k] = NaN;
            continue;
          }
          const pa = civilPacked(x),
            pb = civilPacked(y);
          o[k] = Math.floor(pb / 10000) - Math.floor(pa / 10000) - (pb % 10000 < pa % 10000 ? 1 : 0);
        }
      };
    }
    case 'mbt': {
      const a = A as Float64Array,
        b = B as Float64Array,
        o = out as Float64Array;
      return (_s, len) => {
        for (let k = 0; k < len; k++) {
          const x = a[k]!,
            y = b[k]!;
          if (x !== x || y !== y) {
            o[k] = NaN;
            continue;
          }
          const pa = civilPacked(x),
            pb = civilPacked(y);
          o[k] =
            (Math.floor(pb / 10000) - Math.floor(pa / 10000)) * 12 +
            ((Math.floor(pb / 100) % 100) - (Math.floor(pa / 100) % 100)) -
            (pb % 100 < pa % 100 ? 1 : 0);
        }
      };
    }
    case 'if': {
      const c = A as Uint8Array,
        o = out as Float64Array,
        x = B as Float64Array,
        y = C as Float64Array;
      const unknown = UNKNOWN[n.rep];
      return (_s, len) => {
        for (let k = 0; k < len; k++) {
          const t = c[k]!;
          o[k] = t === 2 ? x[k]! : t === 0 ? y[k]! : unknown;
        }
      };
    }
    default: {
      // the rarer operations (calendar months, min/max, size, count, sum): the scalar reference
      const ins = n.args.map((x) => bufs[x]!),
        o = out,
        extra = { k: n.k, ks: n.ks };
      const args = new Array<number>(ins.length);
      const unknown = UNKNOWN[n.rep];
      return (_s, len) => {
        for (let k = 0; k < len; k++) {
          for (let j = 0; j < ins.length; j++) args[j] = ins[j]![k]!;
          const v = foldScalar(n.op, args, extra);
          o[k] = v !== v ? unknown : v;
        }
      };
    }
  }
}
