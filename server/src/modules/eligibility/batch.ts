/**
 * The district run (免申即享), batch path. Every active child in the caller's area is loaded with
 * one query per table (profiles.ts) and evaluated at once by the engine's batch evaluator over a
 * columnar table (`compileBatch(pack, asOf).run(table)`: one result code per child and policy).
 * The single-child evaluator — the full trace, failed criteria and missing data that the results
 * store — runs only for the children whose results may differ from those stored:
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
 * Those results are written a chunk of children per statement; for every other child the stored
 * rows are kept (only their as-of date moves to this run's, in one statement). Entitlements are then
 * suggested, in one query, for every eligible result that has none, as the per-child path does. Stored results, suggestions and work lists are the same as `runMatchingOneByOne`
 * gives (batch.test.ts compares them).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ProfileTable, codecFor, compileBatch, evaluateChild, INPUTS, POLICY_DIR, type Facts, type Pack } from '../../../../engine/src/index.js';
import { ELIGIBLE, UNDETERMINED } from '../../../../engine/src/compile/codes.js';
import { foldScalar, type IRGraph, type IRTree } from '../../../../engine/src/compile/ir.js';
import { resolveParams } from '../../../../engine/src/compile/single.js';
import type { AppDeps } from '../../core/deps.js';
import type { Tx } from '../../core/context.js';
import { suggestDue, writeResults } from './commands/results.js';
import { dayOf, packFor } from './pack.js';
import { loadProfiles } from './profiles.js';
import * as resultsRepo from './repo/results.js';

/** Children whose full results are written per statement. */
const CHUNK = 500;

/** Bump when what the basis covers changes: every stored basis then differs and is recomputed. */
const BASIS_VERSION = 1;

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
 * the single-child result of every policy is necessarily equal.
 */
export function basisOf(pack: Pack, graph: IRGraph): (facts: Facts) => string {
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
  return (facts) => {
    const values = terms.map((t) => {
      const v = foldScalar(
        t.op.op,
        t.args.map((a) => ('k' in a ? a.k : (valueAt(facts, a.path) ?? NaN))),
        { k: t.op.k, ks: t.op.ks },
      );
      return Number.isNaN(v) ? null : v;
    });
    return crypto.createHash('sha256').update(plan).update(JSON.stringify(facts.values)).update(JSON.stringify(values)).digest('base64url').slice(0, 32);
  };
}

/**
 * Matches every active child in the caller's area against the pack and stores the results (batch
 * path). The audited command is `runMatching` (commands/matching.ts).
 */
export async function matchBatch(tx: Tx, deps: AppDeps, asOf: string) {
  const { pack } = await packFor(deps, tx);
  const day = dayOf(asOf);
  const { ids, facts } = await loadProfiles(tx, deps, pack, asOf);
  const table = ProfileTable.fromFacts(facts, codecFor(pack.domains));
  const plan = compileBatch(pack, day);
  const { codes } = plan.run(table);
  const basis = basisOf(pack, plan.graph);
  const out = { asOf, children: ids.length, eligible: 0, notEligible: 0, undetermined: 0, changed: 0, suggested: 0 };

  // What is stored, per child (repo/results.ts: storedSummaries).
  const policyIds = pack.policies.map((p) => p.id);
  const stored = new Map((await resultsRepo.storedSummaries(tx, policyIds)).map((r) => [r.child_id, r]));

  const order = policyIds.map((id, j) => [id, j] as const).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const code = (j: number, i: number): number => codes[j]?.[i] ?? ELIGIBLE;
  const codeText = (i: number) =>
    order
      .map(([id, j]) => {
        const c = code(j, i);
        return `${id}=${c === ELIGIBLE ? 'E' : c === UNDETERMINED ? 'U' : `N${plan.leafIds[j]?.[c - 1] ?? ''}`}`;
      })
      .join(',');

  const unchanged: string[] = [];
  // Full results of the children that need them, a chunk at a time (a trace is large), one upsert per chunk.
  let pending: { childId: string; results: ReturnType<typeof evaluateChild>; basis: string }[] = [];
  const flush = async () => {
    out.changed += await writeResults(tx, pending);
    pending = [];
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
    const b = basis(f);
    const s = stored.get(id);
    if (s && s.n === policyIds.length && s.basis === b && s.codes === codeText(i)) {
      unchanged.push(id);
      continue;
    }
    pending.push({ childId: id, results: evaluateChild(pack, f, day), basis: b });
    if (pending.length >= CHUNK) await flush();
  }
  await flush();
  // Unchanged results: the same rows, computed for this run's date. (The rows just written carry
  // the date already, so these are the other active children's rows in the caller's area.)
  if (unchanged.length) await resultsRepo.moveAsOf(tx, asOf, policyIds);
  // Every eligible result without an entitlement (an ended one does not count) is suggested, as the per-child path does.
  out.suggested += await suggestDue(tx, pack, ids, asOf);
  return { out, recomputed: ids.length - unchanged.length };
}
