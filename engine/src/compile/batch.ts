/**
 * The batch evaluator: the whole pack over a columnar table for one as-of date, giving per child
 * and policy a result code (see codes.ts) and, on request, the amount in fen (NaN when not
 * eligible or 标准待维护). Parameters and the date are compiled in as constants, so a plan is
 * built per date (and per what-if scenario).
 *
 * Two backends: generated JavaScript (`codegen`, one fused loop) and chunked closures
 * (`closures`). Both were measured (bench/eligibility.ts); `codegen` is the default.
 */
import type { ProfileTable } from '../columns.js';
import { withOverrides, type Override, type Pack } from '../policy.js';
import { buildClosures } from './closures.js';
import { generate } from './codegen.js';
import { buildIR, type IRGraph } from './ir.js';

export type Backend = 'codegen' | 'closures';

export interface BatchResult {
  n: number;
  policies: string[];
  /** codes[p][i]: 0 eligible, 1 + first failing criterion, 255 undetermined. */
  codes: Uint8Array[];
  /** amounts[p][i]: monthly amount in fen, NaN when not eligible or not computable. */
  amounts: Float64Array[] | null;
}

export interface BatchPlan {
  asOf: number;
  backend: Backend;
  policies: string[];
  /** Criterion ids per policy in the logic version in force (decode code 1 + i → leafIds[p][i]). */
  leafIds: string[][];
  graph: IRGraph;
  /** Distinct operations computed per row (after sharing and folding). */
  operations: number;
  source?: string;
  run(table: ProfileTable, opts?: { amounts?: boolean; into?: BatchResult }): BatchResult;
}

export interface BatchOptions {
  backend?: Backend;
  overrides?: readonly Override[];
}

export function compileBatch(pack: Pack, asOf: number, opts: BatchOptions = {}): BatchPlan {
  const p = opts.overrides?.length ? withOverrides(pack, opts.overrides) : pack;
  const graph = buildIR(p, asOf);
  const backend = opts.backend ?? 'codegen';
  const policies = graph.policies.map((x) => x.id);
  const alloc = (n: number, amounts: boolean): BatchResult => ({
    n,
    policies,
    codes: policies.map(() => new Uint8Array(n)),
    amounts: amounts ? policies.map(() => new Float64Array(n)) : null,
  });
  const used = countUsed(graph);
  if (backend === 'codegen') {
    const { source, kernel } = generate(graph);
    return {
      asOf,
      backend,
      policies,
      graph,
      operations: used,
      source,
      leafIds: graph.policies.map((x) => x.leafIds),
      run(table, o = {}) {
        const r = o.into ?? alloc(table.n, !!o.amounts);
        kernel(table.n, table.cols, r.codes, r.amounts, 0);
        return r;
      },
    };
  }
  const kernel = buildClosures(graph);
  return {
    asOf,
    backend,
    policies,
    graph,
    operations: used,
    leafIds: graph.policies.map((x) => x.leafIds),
    run(table, o = {}) {
      const r = o.into ?? alloc(table.n, !!o.amounts);
      kernel(table.n, table.cols, r.codes, r.amounts);
      return r;
    },
  };
}

function countUsed(g: IRGraph): number {
  const used = new Set<number>();
  const mark = (id: number) => {
    if (used.has(id)) return;
    used.add(id);
    g.nodes[id]!.args.forEach(mark);
  };
  for (const p of g.policies)
    if (p.root) {
      const walk = (t: typeof p.root) => {
        mark(t.node);
        if (t.kind !== 'leaf') t.children.forEach(walk);
      };
      walk(p.root);
    }
  return [...used].filter((id) => g.nodes[id]!.op !== 'const').length;
}
