/**
 * The district run (免申即享), batch path. Every active child in the caller's area is loaded with
 * one query per table (profiles.ts) and evaluated at once by the engine's batch evaluator over a
 * columnar table (`compileBatch(pack, asOf).run(table)`: one result code per child and policy).
 * The single-child evaluator — the failed criteria and missing data that the results store, in its
 * form without the trace (evaluatePolicyStored) — runs only for the children whose results may
 * differ from those stored:
 *
 * - a policy without a stored result for the child;
 * - a result code that changed (verdict, or the first failing criterion);
 * - a changed basis: a fingerprint of everything the stored row is a function of — the child's
 *   profile facts, the date-dependent quantities the policies read (full years of age, full months
 *   since / until a parent's status date: every operation of the compiled graph that takes the
 *   as-of date; if a policy used the date in another way, the date itself), and per policy the
 *   logic version, the standards in force and the pack's text. Equal basis ⇒ equal stored row, so
 *   the failed criteria and missing data of an unchanged code are never stale. The per-child
 *   re-match writes no basis (null): the next run recomputes that child.
 *
 * Those results are staged by COPY a chunk of children at a time and merged in one statement; for
 * every other child the stored rows are kept (a run over whole streets confirms their date on its
 * record). Entitlements are then suggested, in one query, for every eligible result that has none,
 * as the per-child path does. Stored results, suggestions and work lists are the same as
 * `runMatchingOneByOne` gives (batch.test.ts compares them).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  ProfileTable,
  codecFor,
  compileBatch,
  evaluatePolicyStored,
  INPUTS,
  POLICY_DIR,
  type Facts,
  type Pack,
  type StoredPolicyResult,
} from '../../../../engine/src/index.js';
import { ELIGIBLE, UNDETERMINED } from '../../../../engine/src/compile/codes.js';
import { foldScalar, type IRGraph, type IRTree } from '../../../../engine/src/compile/ir.js';
import { resolveParams } from '../../../../engine/src/compile/single.js';
import type { AppDeps } from '../../core/deps.js';
import type { Tx } from '../../core/context.js';
import { mergeStaged, stageResults, suggestDue } from './commands/results.js';
import { dayOf, packFor } from './pack.js';
import { loadProfiles } from './profiles.js';
import * as resultsRepo from './repo/results.js';
import * as runsRepo from './repo/runs.js';

/** Children whose full results are written per statement. */
const CHUNK = 500;

/**
 * Bump when what the basis covers changes: every stored basis then differs and is recomputed.
 * 2: the batch evaluator's result codes are part of it (they were compared apart, by an aggregate
 * of every stored row's verdict and first failed criterion).
 */
const BASIS_VERSION = 2;

/** The policy files' text: a new pack (labels, clauses, logic) changes every basis. */
const PACK_TEXT_HASH = (() => {
  const h = crypto.createHash('sha256');
  for (const f of fs
    .readdirSync(POLICY_DIR)
    .filter((x) => x.endsWith('.yaml'))
    .sort())
    h.update(f)
      .update('\0')
      .update(fs.readFileSync(path.join(POLICY_DIR, f)))
      .update('\0');
  return h.digest('base64url');
})();

const INPUT_INDEX = new Map(INPUTS.map((f) => [f.path, f]));

/** A numeric input's value in a child's facts (dates, integers and money are numbers there; null unknown). */
function valueAt(facts: Facts, path: string): number | null {
  const f = INPUT_INDEX.get(path);
  if (!f) throw new Error(`unknown input ${path}`);
  const v = facts.values[f.index];
  return typeof v === 'number' ? v : null;
}

/**
 * The basis function of a compiled plan: per child, a hash that is equal for two runs only when
 * the single-child result of every policy is necessarily equal — and, with it, the batch
 * evaluator's result codes of the child (`codes`), so that a run compares one value per child with
 * what is stored (a result code that changes with an equal basis would be a fault of the basis:
 * the child is recomputed then too, as when the stored rows' codes were compared).
 */
export function basisOf(pack: Pack, graph: IRGraph): (facts: Facts, codes: string) => string {
  const nodes = graph.nodes;
  const node = (id: number) => {
    const n = nodes[id];
    if (!n) throw new Error(`no node ${id} in the compiled graph`);
    return n;
  };
  const isConst = (id: number) => node(id).op === 'const';
  const isDateConst = (id: number) => isConst(id) && node(id).rep === 'date';
  // Structure of a node with date constants abstracted (their effect is in the terms below).
  const memo = new Map<number, string>();
  const struct = (id: number): string => {
    const hit = memo.get(id);
    if (hit !== undefined) return hit;
    const n = node(id);
    const s =
      n.op === 'const'
        ? n.rep === 'date'
          ? 'D'
          : `c:${n.rep}:${Object.is(n.k, NaN) ? 'NaN' : n.k}:${n.domain ?? ''}`
        : n.op === 'load'
          ? `L:${n.col}`
          : `${n.op}:${n.rep}:${n.k ?? ''}:${n.ks?.join('|') ?? ''}(${n.args.map(struct).join(',')})`;
    memo.set(id, s);
    return s;
  };
  const tree = (t: IRTree): unknown => (t.kind === 'leaf' ? [t.index, struct(t.node)] : [t.kind, t.children.map(tree)]);
  const policies = graph.policies.map((p) => {
    const policy = pack.byId.get(p.id);
    if (!policy) throw new Error(`policy ${p.id} of the plan is not in the pack`);
    const params = [...resolveParams(policy, graph.asOf)].map(([name, v]) => [name, v ? [v.value, v.verified, v.from, v.end, v.source] : null]);
    return [p.id, p.version, p.leafIds, p.root ? tree(p.root) : null, p.amount === null ? null : struct(p.amount), params];
  });
  // Operations that take a date constant (the as-of date, or one derived from it): their values
  // for the child are part of its basis when their other operands are inputs; otherwise the date.
  const terms: { op: IRGraph['nodes'][number]; args: ({ k: number } | { path: string })[] }[] = [];
  let dependsOnDate = false;
  for (const n of nodes) {
    if (n.op === 'const' || n.op === 'load' || !n.args.some(isDateConst)) continue;
    const args = n.args.map((a) => {
      const x = node(a);
      if (x.op === 'const') return { k: x.k ?? NaN }; // a constant node always carries its value
      const f = x.op === 'load' && x.col !== undefined ? INPUT_INDEX.get(x.col) : undefined;
      return f && (f.kind === 'date' || f.kind === 'int' || f.kind === 'money') ? { path: f.path } : null;
    });
    const known = args.filter((a) => a !== null);
    if (known.length < args.length) {
      dependsOnDate = true;
      continue;
    }
    terms.push({ op: n, args: known });
  }
  const plan = crypto
    .createHash('sha256')
    .update(JSON.stringify([BASIS_VERSION, PACK_TEXT_HASH, policies, terms.map((t) => struct(t.op.id)), dependsOnDate ? graph.asOf : null]))
    .digest('base64url');
  return (facts, codes) => {
    const values = terms.map((t) => {
      const v = foldScalar(
        t.op.op,
        t.args.map((a) => ('k' in a ? a.k : (valueAt(facts, a.path) ?? NaN))),
        { k: t.op.k, ks: t.op.ks },
      );
      return Number.isNaN(v) ? null : v;
    });
    return crypto
      .createHash('sha256')
      .update(plan)
      .update(JSON.stringify(facts.values))
      .update(JSON.stringify(values))
      .update(codes)
      .digest('base64url')
      .slice(0, 32);
  };
}

/**
 * Per policy of a compiled plan (one date), a key of what the policy's single-child result is a
 * function of: the inputs its definition names, except those its compiled logic reads only through
 * a date-dependent quantity (full years of age, full months since / until a date), which count by
 * that quantity. Two children with equal keys get equal results for the policy on that date, so
 * the district run evaluates each key once (thousands of children share "an orphan of 12 with no
 * disability"): the first run's full evaluation of every child was most of its time. Only within
 * one run: the date is the run's. batchMemo.test.ts checks the memoised results against the
 * single-child evaluator child by child.
 */
export function resultKeysOf(pack: Pack, graph: IRGraph): ((facts: Facts) => string)[] {
  const nodes = graph.nodes;
  const node = (id: number) => {
    const n = nodes[id];
    if (!n) throw new Error(`no node ${id} in the compiled graph`);
    return n;
  };
  const isDateConst = (id: number) => node(id).op === 'const' && node(id).rep === 'date';
  // A date-dependent quantity: an operation on a date constant whose other operands are constants
  // or numeric inputs (as basisOf's terms).
  const termArgs = (id: number): ({ k: number } | { path: string })[] | null => {
    const n = node(id);
    if (n.op === 'const' || n.op === 'load' || !n.args.some(isDateConst)) return null;
    const args = n.args.map((a) => {
      const x = node(a);
      if (x.op === 'const') return { k: x.k ?? NaN };
      const f = x.op === 'load' && x.col !== undefined ? INPUT_INDEX.get(x.col) : undefined;
      return f && (f.kind === 'date' || f.kind === 'int' || f.kind === 'money') ? { path: f.path } : null;
    });
    const known = args.filter((a) => a !== null);
    return known.length === args.length ? known : null;
  };
  return graph.policies.map((p) => {
    const policy = pack.byId.get(p.id);
    if (!policy) throw new Error(`policy ${p.id} of the plan is not in the pack`);
    // The inputs the policy can read: every input its definition names (the single-child
    // evaluator's expressions, amounts and reviews; a folded-away condition still lists its missing
    // data), found by name in the definition — more than it reads is only less sharing.
    const named = referencedInputs(policy);
    // The date-dependent quantities of the compiled logic, and the inputs read only through them.
    const terms = new Map<number, ({ k: number } | { path: string })[]>();
    const direct = new Set<number>();
    const seen = new Set<number>();
    const visit = (id: number) => {
      if (seen.has(id)) return;
      seen.add(id);
      const n = node(id);
      if (n.op === 'const') return;
      if (n.op === 'load') {
        const f = n.col !== undefined ? INPUT_INDEX.get(n.col) : undefined;
        if (f) direct.add(f.index);
        return;
      }
      const t = termArgs(id);
      if (t) terms.set(id, t);
      else n.args.forEach(visit);
    };
    const tree = (t: IRTree): void => {
      visit(t.node);
      if (t.kind !== 'leaf') t.children.forEach(tree);
    };
    if (p.root) tree(p.root);
    if (p.amount !== null) visit(p.amount);
    const throughTerms = new Set([...terms.values()].flatMap((args) => args.flatMap((a) => ('path' in a ? [INPUT_INDEX.get(a.path)?.index ?? -1] : []))));
    const cols = [...named].filter((i) => direct.has(i) || !throughTerms.has(i)).sort((a, b) => a - b);
    const ops = [...terms].map(([id, args]) => ({ n: node(id), args }));
    return (facts) => {
      const parts: unknown[] = cols.map((i) => facts.values[i] ?? null);
      for (const t of ops) {
        const v = foldScalar(
          t.n.op,
          t.args.map((a) => ('k' in a ? a.k : (valueAt(facts, a.path) ?? NaN))),
          { k: t.n.k, ks: t.n.ks },
        );
        parts.push(Number.isNaN(v) ? null : v);
      }
      return JSON.stringify(parts);
    };
  });
}

/** The indexes of the inputs a policy's definition names anywhere (a parent's field: every parent slot; age: the birth date). */
function referencedInputs(policy: unknown): Set<number> {
  const out = new Set<number>();
  const seen = new Set<unknown>();
  const walk = (x: unknown): void => {
    if (typeof x === 'string') {
      const f = INPUT_INDEX.get(x);
      if (f) out.add(f.index);
      if (x === 'child.age') out.add(INPUT_INDEX.get('child.birthDate')?.index ?? -1);
      const name = x.slice(x.lastIndexOf('.') + 1);
      for (const g of INPUTS) if (g.slot !== null && (g.name === name || g.key === name)) out.add(g.index);
      return;
    }
    if (typeof x !== 'object' || x === null || seen.has(x)) return;
    seen.add(x);
    const entries: Iterable<unknown> = x instanceof Map ? [...x].flat() : x instanceof Set || Array.isArray(x) ? x : Object.entries(x).flat();
    for (const v of entries) walk(v);
  };
  walk(policy);
  out.delete(-1);
  return out;
}

/**
 * The stored values of a run's children's single-child results, each policy evaluated once per key
 * (resultKeysOf), without the trace (evaluatePolicyStored): what evaluateChild gives, child by
 * child, as stored.
 */
export function memoEvaluator(pack: Pack, graph: IRGraph, day: number): (facts: Facts) => StoredPolicyResult[] {
  if (graph.policies.length !== pack.policies.length || graph.policies.some((p, j) => p.id !== pack.policies[j]?.id))
    throw new Error('the compiled plan and the pack list different policies');
  const keys = resultKeysOf(pack, graph);
  const memo = pack.policies.map(() => new Map<string, StoredPolicyResult>());
  return (facts) =>
    pack.policies.map((policy, j) => {
      const key = keys[j]?.(facts) ?? '';
      const m = memo[j];
      const hit = m?.get(key);
      if (hit) return hit;
      const r = evaluatePolicyStored(pack, policy, facts, day);
      m?.set(key, r);
      return r;
    });
}

/** Milliseconds spent per phase of a run (accumulated: a phase may recur, e.g. per chunk). */
function phaseTimer() {
  const ms: Record<string, number> = {};
  let t = performance.now();
  return {
    ms,
    lap(name: string) {
      const now = performance.now();
      ms[name] = Math.round((ms[name] ?? 0) + now - t);
      t = now;
    },
  };
}

/** Where a run is (phase, children done of total), for its record while it runs. */
export type Progress = (phase: string, done: number, total: number) => void;

/**
 * Matches every active child in the caller's area against the pack and stores the results (batch
 * path). The audited command is `runMatching` (commands/matching.ts). `runId`: the run's record
 * (runDistrict), which gets what the run covered and its phases; without it (a test, a benchmark)
 * a finished record is written here — the stored results' as-of date is read from the records.
 */
export async function matchBatch(tx: Tx, deps: AppDeps, asOf: string, opts: { runId?: string; progress?: Progress } = {}) {
  const started = performance.now();
  const phases = phaseTimer();
  const progress: Progress = opts.progress ?? (() => {});
  const { pack } = await packFor(deps, tx);
  const day = dayOf(asOf);
  progress('load', 0, 0);
  const { ids, facts } = await loadProfiles(tx, deps, pack, asOf);
  phases.lap('load');
  progress('evaluate', 0, ids.length);
  const table = ProfileTable.fromFacts(facts, codecFor(pack.domains));
  const plan = compileBatch(pack, day);
  const { codes } = plan.run(table);
  phases.lap('evaluate');
  const basis = basisOf(pack, plan.graph);
  const evaluate = memoEvaluator(pack, plan.graph, day);
  const out = { asOf, children: ids.length, eligible: 0, notEligible: 0, undetermined: 0, changed: 0, suggested: 0 };

  // What is stored, per child (repo/results.ts: storedSummaries).
  const policyIds = pack.policies.map((p) => p.id);
  const stored = new Map((await resultsRepo.storedSummaries(tx, policyIds)).map((r) => [r.child_id, r]));
  phases.lap('stored');

  const code = (j: number, i: number): number => codes[j]?.[i] ?? ELIGIBLE;
  // The child's result codes in the plan's policy order (the plan, with its leaves, is in the basis).
  const codeText = (i: number) => policyIds.map((_, j) => code(j, i)).join(',');

  let unchanged = 0;
  // Full results of the children that need them, a chunk at a time (a trace is large), staged and
  // merged once at the end (commands/results.ts: stageResults, mergeStaged).
  let pending: { childId: string; results: StoredPolicyResult[]; basis: string }[] = [];
  let staged = false;
  const flush = async () => {
    if (!pending.length) return;
    phases.lap('basis+recompute');
    await stageResults(tx, pending, !staged);
    staged = true;
    pending = [];
    phases.lap('stage');
  };
  for (const [i, id] of ids.entries()) {
    for (let j = 0; j < policyIds.length; j++) {
      const c = code(j, i);
      if (c === ELIGIBLE) out.eligible++;
      else if (c === UNDETERMINED) out.undetermined++;
      else out.notEligible++;
    }
    const f = facts[i];
    if (!f) throw new Error('profiles and ids differ in length');
    const b = basis(f, codeText(i));
    const s = stored.get(id);
    if (s && s.n === policyIds.length && s.basis === b) {
      unchanged++;
      continue;
    }
    pending.push({ childId: id, results: evaluate(f), basis: b });
    if (pending.length >= CHUNK) {
      await flush();
      progress('recompute', i + 1, ids.length);
    }
  }
  await flush();
  phases.lap('basis+recompute');
  progress('write', ids.length, ids.length);
  if (staged) out.changed = await mergeStaged(tx);
  phases.lap('merge');
  // Unchanged results are the same rows, computed for this run's date. A run over whole streets
  // writes nothing for them: its record (streets, policies, date) confirms them, and readers take
  // the date from it (eligibility_result_as_of, migration 20261209_1750). A run over a narrower
  // scope (committees, assigned children) cannot say that by street: it moves their date itself.
  const scope = tx.ctx.actor?.scope;
  const byStreet = !!scope && scope.committees.length === 0 && !scope.assigned && (tx.ctx.actor?.grants ?? []).length === 0;
  if (unchanged && !byStreet) await resultsRepo.moveAsOf(tx, asOf, policyIds);
  phases.lap('moveAsOf');
  // Every eligible result without an entitlement (an ended one does not count) is suggested, as the per-child path does.
  progress('suggest', ids.length, ids.length);
  out.suggested += await suggestDue(tx, pack, ids, asOf);
  phases.lap('suggest');
  const recomputed = ids.length - unchanged;
  const record: runsRepo.RunRecord = {
    streets: byStreet && scope ? scope.streets : null,
    policyIds,
    recomputed,
    durationMs: Math.round(performance.now() - started),
    phases: phases.ms,
  };
  if (opts.runId) await runsRepo.recordRun(tx, opts.runId, record);
  else await runsRepo.insertFinishedRun(tx, asOf, tx.ctx.actor?.userId ?? null, out, record);
  return { out, recomputed, phases: phases.ms, durationMs: record.durationMs };
}
