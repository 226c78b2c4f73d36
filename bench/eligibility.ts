/**
 * `npm run bench:eligibility`: the policy engine on 1,000,000 synthetic children.
 *
 * - Generates the profiles deterministically (seeded PRNG) straight into the columnar table.
 * - Batch: the whole pack for one as-of date, both backends (generated JS, chunked closures),
 *   median of 5 runs each; the faster is the default.
 * - Single child with the full Chinese trace: µs per child over 10,000 children.
 * - Peers on a sample (same profiles, same logic in their form, unknown handled explicitly):
 *   json-rules-engine (two boolean rules per policy: "definitely eligible" / "definitely not",
 *   neither = undetermined) and json-logic-engine (compiled, three-valued 0/1/2 with min/max).
 *   Derived values (ages, months since, per-capita income) are computed in JS per child and
 *   passed as facts, inside the timed loop. Their answers are checked against ours.
 * - @gorules/zen-engine cannot be installed reproducibly here: a line says so.
 * The SQL path (100,000 children in PostgreSQL) has its own benchmark: `npm run bench:eligibility-sql`.
 *
 * Options: BENCH_CHILDREN (1000000), BENCH_DATE (2025-03-01), BENCH_SINGLE (10000), BENCH_PEER_SAMPLE (20000), BENCH_SEED (20250301).
 */
import { performance } from 'node:perf_hooks';
import { Engine, type TopLevelCondition, type NestedCondition } from 'json-rules-engine';
import { LogicEngine } from 'json-logic-engine';
import { BOOL_NO, BOOL_YES, codecFor, MISSING_INT, ProfileTable, type Codec } from '../engine/src/columns.js';
import { compileBatch, type Backend, type BatchPlan, type BatchResult } from '../engine/src/compile/batch.js';
import { ELIGIBLE, UNDETERMINED } from '../engine/src/compile/codes.js';
import { foldScalar, UNKNOWN, type IRGraph, type IRNode } from '../engine/src/compile/ir.js';
import { evaluateChild } from '../engine/src/compile/single.js';
import { dayFromIso } from '../engine/src/dates.js';
import { loadPack } from '../engine/src/load.js';
import { INPUT_BY_PATH, INPUTS, type Facts } from '../engine/src/profile.js';

const N = Number(process.env.BENCH_CHILDREN ?? 1_000_000);
const DATE = process.env.BENCH_DATE ?? '2025-03-01';
const SINGLE = Number(process.env.BENCH_SINGLE ?? 10_000);
const PEER_SAMPLE = Number(process.env.BENCH_PEER_SAMPLE ?? 20_000);
const SEED = Number(process.env.BENCH_SEED ?? 20250301);
const asOf = dayFromIso(DATE)!;

const fmt = (x: number, d = 0) => x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

// ---- deterministic synthetic profiles, straight into columns ----
function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generate(n: number, codec: Codec, seed: number): ProfileTable {
  const rnd = mulberry32(seed);
  const t = new ProfileTable(n, codec);
  const I = (p: string) => t.col<Int32Array>(p),
    F = (p: string) => t.col<Float64Array>(p),
    U = (p: string) => t.col<Uint8Array>(p);
  const birth = I('child.birthDate'),
    hukou = U('child.hukou'),
    cats = I('child.categories'),
    disabled = U('child.disabled');
  const grade = I('child.disabilityGrade'),
    dtype = U('child.disabilityType'),
    autism = U('child.autism'),
    ill = U('child.seriousIllness');
  const hiv = U('child.hivInfected'),
    adopted = U('child.adopted'),
    fts = U('child.inFullTimeSchool'),
    stage = U('child.schoolStage');
  const inst = U('child.institutionalCare'),
    size = I('household.size'),
    income = F('household.monthlyIncome'),
    assets = F('household.assets');
  const dibao = U('household.receivesDibao'),
    marginal = U('household.marginalLowIncome'),
    receiving = I('benefits.receiving');
  const present = U('caregiver.present'),
    canRaise = U('caregiver.canRaise');
  const enumOf = (d: 'hukou' | 'category' | 'memberStatus' | 'schoolStage' | 'disabilityType' | 'policy', v: string) => codec.enumCode(d, v);
  const bit = (d: 'category' | 'policy', v: string) => codec.setBit(d, v);
  const bool = (pTrue: number, pUnknown: number) => {
    const r = rnd();
    return r < pUnknown ? 0 : r < pUnknown + pTrue ? BOOL_YES : BOOL_NO;
  };
  const pick = <T>(weighted: [T, number][]): T => {
    let r = rnd();
    for (const [v, w] of weighted) {
      if ((r -= w) < 0) return v;
    }
    return weighted[weighted.length - 1]![0];
  };
  const STATUS: [string | null, number][] = [
    ['alive_fit', 0.64],
    ['deceased', 0.09],
    ['missing', 0.03],
    ['out_of_contact', 0.06],
    ['imprisoned', 0.05],
    ['drug_rehab', 0.02],
    ['seriously_ill', 0.04],
    ['severely_disabled', 0.04],
    ['guardianship_revoked', 0.01],
    ['deported', 0.005],
    [null, 0.025],
  ];
  const CATS: [string, number][] = [
    ['orphan_scattered', 0.04],
    ['orphan_institutional', 0.02],
    ['defacto_unsupported', 0.06],
    ['guardianship_missing', 0.06],
    ['guardianship_improper', 0.03],
    ['disabled', 0.15],
    ['seriously_ill', 0.06],
    ['low_income_dibao', 0.2],
    ['low_income_marginal', 0.1],
    ['extreme_poverty', 0.02],
    ['migrant_in_difficulty', 0.12],
    ['left_behind', 0.1],
    ['reunited_with_parents', 0.04],
  ];
  const BASIC = [
    'basic-living-allowance-orphan-scattered',
    'basic-living-allowance-guardianship',
    'minimum-livelihood',
    'extreme-poverty-support',
    'medical-assistance',
  ];
  const slots = ['father', 'mother'].map((s) => ({
    status: U(`${s}.status`),
    since: I(`${s}.statusSince`),
    until: I(`${s}.statusUntil`),
    grade: I(`${s}.disabilityGrade`),
    dtype: U(`${s}.disabilityType`),
  }));
  for (let i = 0; i < n; i++) {
    const ageDays = Math.floor(rnd() * 20 * 365.25);
    birth[i] = rnd() < 0.01 ? MISSING_INT : asOf - ageDays;
    const age = ageDays / 365.25;
    hukou[i] = rnd() < 0.02 ? 0 : rnd() < 0.86 ? enumOf('hukou', 'local') : enumOf('hukou', 'other');
    if (rnd() < 0.03) cats[i] = -1;
    else {
      let m = 0;
      for (const [c, p] of CATS) if (rnd() < p) m |= bit('category', c);
      cats[i] = m;
    }
    disabled[i] = bool(0.12, 0.06);
    if (disabled[i] === BOOL_YES) {
      grade[i] = rnd() < 0.05 ? MISSING_INT : 1 + Math.floor(rnd() * 4);
      dtype[i] =
        rnd() < 0.05
          ? 0
          : enumOf(
              'disabilityType',
              pick([
                ['视力', 0.12],
                ['听力', 0.15],
                ['言语', 0.1],
                ['肢体', 0.25],
                ['智力', 0.2],
                ['精神', 0.1],
                ['多重', 0.08],
              ]),
            );
    }
    autism[i] = bool(0.02, 0.5);
    ill[i] = bool(0.05, 0.1);
    hiv[i] = bool(0.002, 0.45);
    adopted[i] = bool(0.01, 0.3);
    const st =
      age < 3
        ? null
        : age < 6
          ? '学前'
          : age < 12
            ? '小学'
            : age < 15
              ? '初中'
              : age < 18
                ? pick([
                    ['高中', 0.6],
                    ['中职', 0.3],
                    ['辍学', 0.1],
                  ])
                : pick([
                    ['高校', 0.5],
                    ['未入学', 0.3],
                    ['中职', 0.2],
                  ]);
    const stageMissing = rnd() < 0.08;
    stage[i] = st === null ? (rnd() < 0.5 ? enumOf('schoolStage', '未入学') : 0) : stageMissing ? 0 : enumOf('schoolStage', st);
    fts[i] = stage[i] === 0 ? (rnd() < 0.5 ? 0 : BOOL_YES) : ['学前', '未入学', '辍学'].includes(st ?? '未入学') ? BOOL_NO : BOOL_YES;
    inst[i] = bool(0.03, 0.15);
    size[i] = rnd() < 0.04 ? MISSING_INT : 1 + Math.floor(rnd() * 6);
    income[i] = rnd() < 0.1 ? NaN : rnd() < 0.05 ? 0 : Math.round(Math.exp(11 + rnd() * 2.5)) * 10;
    assets[i] = rnd() < 0.3 ? NaN : Math.round(rnd() * 50_000_000);
    dibao[i] = bool(0.12, 0.05);
    marginal[i] = bool(0.06, 0.1);
    if (rnd() < 0.05) receiving[i] = -1;
    else {
      let m = 0;
      for (const b of BASIC) if (rnd() < 0.06) m |= bit('policy', b);
      receiving[i] = m;
    }
    present[i] = bool(0.4, 0.2);
    canRaise[i] = bool(0.6, 0.3);
    for (const s of slots) {
      const status = rnd() < 0.03 ? null : pick(STATUS);
      s.status[i] = status === null ? 0 : enumOf('memberStatus', status);
      if (status === 'out_of_contact' || status === 'missing' || status === 'deceased')
        s.since[i] = rnd() < 0.1 ? MISSING_INT : asOf - Math.floor(rnd() * 2000);
      if (status === 'imprisoned' || status === 'drug_rehab') s.until[i] = rnd() < 0.1 ? MISSING_INT : asOf + Math.floor(rnd() * 1500) - 200;
      if (status === 'severely_disabled') {
        s.grade[i] = rnd() < 0.05 ? MISSING_INT : 1 + Math.floor(rnd() * 4);
        s.dtype[i] = rnd() < 0.1 ? 0 : 1 + Math.floor(rnd() * 7);
      }
    }
  }
  return t;
}

// ---- peers: facts, derived facts, translations ----
type Row = Record<string, unknown>;
const key = (path: string) => path.replace('.', '_');

type Derive = (facts: Facts) => number;
const DERIVE = new Map<number, Derive>();
/** A derived value as a closure over one child's facts, in IR representation (built once per node). */
function deriver(g: IRGraph, id: number, codec: Codec): Derive {
  const hit = DERIVE.get(id);
  if (hit) return hit;
  const n = g.nodes[id]!;
  let fn: Derive;
  if (n.op === 'const') {
    const k = n.k!;
    fn = () => k;
  } else if (n.op === 'load') {
    const f = INPUT_BY_PATH.get(n.col!)!,
      index = f.index,
      unknown = UNKNOWN[n.rep],
      domain = n.domain as 'policy';
    switch (f.kind) {
      case 'bool':
        fn = (x) => {
          const v = x.values[index];
          return v === null || v === undefined ? unknown : v ? 2 : 0;
        };
        break;
      case 'enum':
        fn = (x) => {
          const v = x.values[index];
          return v === null || v === undefined ? unknown : codec.enumCode(domain, v as string);
        };
        break;
      case 'set':
        fn = (x) => {
          const v = x.values[index] as string[] | null;
          return v === null || v === undefined ? unknown : v.reduce((m, s) => m | codec.setBit(domain, s), 0);
        };
        break;
      default:
        fn = (x) => {
          const v = x.values[index];
          return v === null || v === undefined ? unknown : (v as number);
        };
    }
  } else {
    const args = n.args.map((a) => deriver(g, a, codec)),
      extra = { k: n.k, ks: n.ks },
      op = n.op,
      unknown = UNKNOWN[n.rep];
    const buf = new Array<number>(args.length);
    fn = (x) => {
      for (let i = 0; i < args.length; i++) buf[i] = args[i]!(x);
      const v = foldScalar(op, buf, extra);
      return v !== v ? unknown : v;
    };
  }
  DERIVE.set(id, fn);
  return fn;
}

function isAtomOperand(n: IRNode) {
  return n.op === 'load' || n.op === 'const';
}

/** Nodes whose values the peers receive as facts: non-trivial operands of comparisons. */
function derivedNodes(g: IRGraph): number[] {
  const out = new Set<number>();
  const seen = new Set<number>();
  const visit = (id: number) => {
    if (seen.has(id)) return;
    seen.add(id);
    const n = g.nodes[id]!;
    if (n.op === 'and' || n.op === 'or' || n.op === 'not') {
      n.args.forEach(visit);
      return;
    }
    if (n.rep === 'tri' && n.op !== 'load' && n.op !== 'const') {
      const simple = ['lt', 'le', 'gt', 'ge', 'eq', 'ne', 'eqe', 'nee', 'ine', 'inn', 'has'].includes(n.op);
      if (!simple) {
        out.add(id);
        return;
      }
      for (const a of n.args) if (!isAtomOperand(g.nodes[a]!)) out.add(a);
    }
  };
  for (const p of g.policies) if (p.root) visit(p.root.node);
  return [...out];
}

/** The child's facts for a peer: its base facts (built before timing) plus the derived values. */
function peerFactsOf(g: IRGraph, derived: number[], base: Row, facts: Facts, codec: Codec): Row {
  const row = base;
  for (const id of derived) {
    const n = g.nodes[id]!;
    const v = deriver(g, id, codec)(facts);
    row[`n${id}`] = n.rep === 'tri' ? v : v !== v ? null : v;
  }
  return row;
}

function baseFacts(facts: Facts): Row {
  const row: Row = { _true: true };
  for (const f of INPUTS) row[key(f.path)] = facts.values[f.index] ?? null;
  return row;
}

/** Operand of an atom as (fact name | constant). */
function operand(g: IRGraph, id: number): { fact?: string; value?: unknown } {
  const n = g.nodes[id]!;
  if (n.op === 'const') {
    if (n.rep === 'enum') return { value: n.k === 0 ? null : g.codec.domains[n.domain as 'hukou'].values[n.k! - 1] };
    return { value: n.k !== n.k ? null : n.k };
  }
  if (n.op === 'load') return { fact: key(n.col!) };
  return { fact: `n${id}` };
}

const NEG: Record<string, string> = {
  lessThan: 'greaterThanInclusive',
  lessThanInclusive: 'greaterThan',
  greaterThan: 'lessThanInclusive',
  greaterThanInclusive: 'lessThan',
  equal: 'notEqual',
  notEqual: 'equal',
  in: 'notIn',
  notIn: 'in',
};

/** json-rules-engine: "definitely true" / "definitely false" conditions of a tri node. */
function jreConditions(g: IRGraph, id: number, derived: Set<number>, want: boolean): NestedCondition {
  const n = g.nodes[id]!;
  if (n.op === 'and' || n.op === 'or') {
    const parts = n.args.map((a) => jreConditions(g, a, derived, want));
    return (n.op === 'and') === want ? { all: parts } : { any: parts };
  }
  if (n.op === 'not') return jreConditions(g, n.args[0]!, derived, !want);
  if (n.op === 'const') return { fact: '_true', operator: 'equal', value: n.k === (want ? 2 : 0) };
  if (derived.has(id)) return { fact: `n${id}`, operator: 'equal', value: want ? 2 : 0 };
  if (n.op === 'load') return { fact: key(n.col!), operator: 'equal', value: want };
  const [a, b] = n.args.map((x) => operand(g, x));
  const known = (o: { fact?: string }) => (o.fact ? [{ fact: o.fact, operator: 'notEqual', value: null }] : []);
  const op = (
    {
      lt: 'lessThan',
      le: 'lessThanInclusive',
      gt: 'greaterThan',
      ge: 'greaterThanInclusive',
      eq: 'equal',
      ne: 'notEqual',
      eqe: 'equal',
      nee: 'notEqual',
    } as Record<string, string>
  )[n.op];
  if (op) {
    if (!a!.fact || b!.fact) throw new Error(`atom ${n.op} needs a fact and a constant`);
    return { all: [...known(a!), { fact: a!.fact, operator: want ? op : NEG[op]!, value: b!.value }] };
  }
  if (n.op === 'ine' || n.op === 'inn') {
    const dom = n.op === 'ine' ? g.codec.domains[g.nodes[n.args[0]!]!.domain as 'hukou'].values : null;
    const values = dom ? dom.filter((_, i) => ((n.k! >>> (i + 1)) & 1) === 1) : n.ks!;
    return { all: [...known(a!), { fact: a!.fact!, operator: want ? 'in' : 'notIn', value: values }] };
  }
  if (n.op === 'has') {
    const dom = g.codec.domains[g.nodes[n.args[0]!]!.domain as 'policy'].values;
    const values = dom.filter((_, i) => (n.k! & (1 << i)) !== 0);
    const each = values.map((v) => ({ fact: a!.fact!, operator: want ? 'contains' : 'doesNotContain', value: v }));
    return { all: [...known(a!), want ? { any: each } : { all: each }] };
  }
  throw new Error(`no json-rules-engine form for ${n.op}`);
}

/** json-logic-engine: a tri node as JSON logic giving 0 / 1 / 2. */
function jleLogic(g: IRGraph, id: number, derived: Set<number>): unknown {
  const n = g.nodes[id]!;
  if (n.op === 'and') return { min: n.args.map((a) => jleLogic(g, a, derived)) };
  if (n.op === 'or') return { max: n.args.map((a) => jleLogic(g, a, derived)) };
  if (n.op === 'not') return { '-': [2, jleLogic(g, n.args[0]!, derived)] };
  if (n.op === 'const') return n.k;
  if (derived.has(id)) return { var: `n${id}` };
  if (n.op === 'load') return { if: [{ '===': [{ var: key(n.col!) }, null] }, 1, { if: [{ var: key(n.col!) }, 2, 0] }] };
  const [a, b] = n.args.map((x) => operand(g, x));
  const ref = (o: { fact?: string; value?: unknown }) => (o.fact ? { var: o.fact } : o.value);
  const unknown = (o: { fact?: string }) => (o.fact ? [{ '===': [{ var: o.fact }, null] }] : []);
  const guard = (test: unknown, ...os: { fact?: string }[]) => {
    const u = os.flatMap(unknown);
    return u.length ? { if: [u.length === 1 ? u[0] : { or: u }, 1, { if: [test, 2, 0] }] } : { if: [test, 2, 0] };
  };
  const op = ({ lt: '<', le: '<=', gt: '>', ge: '>=', eq: '===', ne: '!==', eqe: '===', nee: '!==' } as Record<string, string>)[n.op];
  if (op) return guard({ [op]: [ref(a!), ref(b!)] }, a!, b!);
  if (n.op === 'ine' || n.op === 'inn') {
    const dom = n.op === 'ine' ? g.codec.domains[g.nodes[n.args[0]!]!.domain as 'hukou'].values : null;
    const values = dom ? dom.filter((_, i) => ((n.k! >>> (i + 1)) & 1) === 1) : n.ks!;
    return guard({ in: [ref(a!), values] }, a!);
  }
  if (n.op === 'has') {
    const dom = g.codec.domains[g.nodes[n.args[0]!]!.domain as 'policy'].values;
    const values = dom.filter((_, i) => (n.k! & (1 << i)) !== 0);
    return guard({ or: values.map((v) => ({ in: [v, ref(a!)] })) }, a!);
  }
  throw new Error(`no json-logic form for ${n.op}`);
}

// ---- run ----
async function main() {
  const pack = loadPack();
  const codec = codecFor(pack.domains);
  console.log(`bench:eligibility — ${pack.policies.length} policies, as of ${DATE}, ${fmt(N)} children, node ${process.version}`);
  let t0 = performance.now();
  const table = generate(N, codec, SEED);
  console.log(`generated ${fmt(N)} profiles into columns in ${fmt(performance.now() - t0)} ms (seed ${SEED})`);

  // batch, both backends
  const timings: Record<Backend, number> = { codegen: 0, closures: 0 };
  const plans = {} as Record<Backend, BatchPlan>;
  const results = {} as Record<Backend, BatchResult>;
  for (const backend of ['codegen', 'closures'] as Backend[]) {
    t0 = performance.now();
    const plan = compileBatch(pack, asOf, { backend });
    const compileMs = performance.now() - t0;
    const out = plan.run(table); // warm-up, and the buffers reused below
    const runs: number[] = [];
    for (let r = 0; r < 5; r++) {
      const s = performance.now();
      plan.run(table, { into: out });
      runs.push(performance.now() - s);
    }
    timings[backend] = median(runs);
    plans[backend] = plan;
    results[backend] = out;
    console.log(
      `batch ${backend.padEnd(8)}: median of 5 ${fmt(timings[backend], 1)} ms  (${fmt(N / (timings[backend] / 1000))} children/s, ${fmt((N * pack.policies.length) / (timings[backend] / 1000))} child×policy/s; runs ${runs.map((x) => fmt(x)).join(' / ')} ms; compile ${fmt(compileMs, 1)} ms; ${plan.operations} shared operations per child)`,
    );
  }
  const best: Backend = timings.codegen <= timings.closures ? 'codegen' : 'closures';
  console.log(
    `faster backend: ${best} (${fmt(Math.max(timings.codegen, timings.closures) / Math.min(timings.codegen, timings.closures), 2)}×); default backend: codegen`,
  );
  const ours = results[best];
  // both backends must agree
  let disagree = 0;
  for (let j = 0; j < ours.codes.length; j++) for (let i = 0; i < N; i++) if (results.codegen.codes[j]![i] !== results.closures.codes[j]![i]) disagree++;
  console.log(`backends agree on ${fmt(N * ours.codes.length - disagree)} of ${fmt(N * ours.codes.length)} results`);
  // amounts (for what-if costs)
  {
    const s = performance.now();
    plans[best].run(table, { amounts: true });
    console.log(`batch ${best} with amounts: ${fmt(performance.now() - s, 1)} ms`);
  }
  console.log('results per policy (eligible / not eligible / undetermined):');
  ours.policies.forEach((id, j) => {
    let e = 0,
      u = 0;
    const c = ours.codes[j]!;
    for (let i = 0; i < N; i++) {
      if (c[i] === ELIGIBLE) e++;
      else if (c[i] === UNDETERMINED) u++;
    }
    console.log(`  ${id.padEnd(48)} ${fmt(e).padStart(9)} / ${fmt(N - e - u).padStart(9)} / ${fmt(u).padStart(9)}`);
  });

  // single child with full trace
  const m = Math.min(SINGLE, N);
  const sample: Facts[] = [];
  for (let i = 0; i < m; i++) sample.push(table.get(i));
  for (let i = 0; i < Math.min(500, m); i++) evaluateChild(pack, sample[i]!, asOf); // warm-up
  t0 = performance.now();
  let chars = 0,
    mismatch = 0;
  for (let i = 0; i < m; i++) {
    const r = evaluateChild(pack, sample[i]!, asOf);
    for (let j = 0; j < r.length; j++) {
      chars += r[j]!.explanation.length;
      if (r[j]!.code !== ours.codes[j]![i]) mismatch++;
    }
  }
  const singleUs = ((performance.now() - t0) * 1000) / m;
  console.log(
    `single child, full trace of all ${pack.policies.length} policies: ${fmt(singleUs, 1)} µs per child (${fmt(m)} children; ${fmt(chars / m)} characters of explanation per child; ${mismatch} disagreements with the batch)`,
  );

  // peers
  const s = Math.min(PEER_SAMPLE, N);
  const g = plans[best].graph;
  const derived = derivedNodes(g);
  const derivedSet = new Set(derived);
  const bases: Row[] = [];
  const peerFacts: Facts[] = [];
  for (let i = 0; i < s; i++) {
    const f = table.get(i);
    peerFacts.push(f);
    bases.push(baseFacts(f));
  }
  const expectTri = (i: number, j: number) => {
    const c = ours.codes[j]![i]!;
    return c === ELIGIBLE ? 2 : c === UNDETERMINED ? 1 : 0;
  };

  // json-rules-engine
  const jre = new Engine([], { allowUndefinedFacts: true });
  g.policies.forEach((p) => {
    if (!p.root) return;
    jre.addRule({ name: `${p.id}:T`, conditions: wrapTop(jreConditions(g, p.root.node, derivedSet, true)), event: { type: `${p.id}:T` } });
    jre.addRule({ name: `${p.id}:F`, conditions: wrapTop(jreConditions(g, p.root.node, derivedSet, false)), event: { type: `${p.id}:F` } });
  });
  const jreN = Math.min(s, Number(process.env.BENCH_JRE_SAMPLE ?? s));
  let jreAgree = 0,
    jreTotal = 0;
  t0 = performance.now();
  for (let i = 0; i < jreN; i++) {
    const facts = peerFactsOf(g, derived, bases[i]!, peerFacts[i]!, codec);
    const { events } = await jre.run(facts);
    const types = new Set(events.map((e) => e.type));
    g.policies.forEach((p, j) => {
      const tri = !p.root ? 1 : types.has(`${p.id}:T`) ? 2 : types.has(`${p.id}:F`) ? 0 : 1;
      jreTotal++;
      if (tri === expectTri(i, j)) jreAgree++;
    });
  }
  const jreMs = performance.now() - t0;
  const jreRate = jreN / (jreMs / 1000);

  // json-logic-engine (compiled)
  const jle = new LogicEngine();
  const fns = g.policies.map((p) => (p.root ? (jle.build(jleLogic(g, p.root.node, derivedSet)) as (d: Row) => number) : () => 1));
  for (let i = 0; i < Math.min(500, s); i++) {
    const f = peerFactsOf(g, derived, bases[i]!, peerFacts[i]!, codec);
    for (const fn of fns) fn(f);
  }
  let jleAgree = 0,
    jleTotal = 0;
  t0 = performance.now();
  for (let i = 0; i < s; i++) {
    const facts = peerFactsOf(g, derived, bases[i]!, peerFacts[i]!, codec);
    for (let j = 0; j < fns.length; j++) {
      const tri = fns[j]!(facts);
      jleTotal++;
      if (tri === expectTri(i, j)) jleAgree++;
    }
  }
  const jleMs = performance.now() - t0;
  const jleRate = s / (jleMs / 1000);
  // the derived-fact computation alone, to show what part of the peers' time is ours
  t0 = performance.now();
  for (let i = 0; i < s; i++) peerFactsOf(g, derived, bases[i]!, peerFacts[i]!, codec);
  const derivedMs = performance.now() - t0;

  const oursRate = N / (timings[best] / 1000);
  console.log(
    `peers (same profiles, same logic, unknown explicit; ${derived.length} derived values per child computed in JS inside the timed loop, ${fmt((derivedMs / s) * 1000, 1)} µs of it per child):`,
  );
  console.log(`  ours (batch ${best})        ${fmt(oursRate).padStart(14)} children/s`);
  console.log(
    `  json-rules-engine ${fmt(jreRate).padStart(14)} children/s  (${fmt(jreN)} children; agrees on ${fmt(jreAgree)}/${fmt(jreTotal)} results)  → ours ${fmt(oursRate / jreRate)}×`,
  );
  console.log(
    `  json-logic-engine ${fmt(jleRate).padStart(14)} children/s  (${fmt(s)} children, compiled; agrees on ${fmt(jleAgree)}/${fmt(jleTotal)} results)  → ours ${fmt(oursRate / jleRate)}×`,
  );
  console.log('  @gorules/zen-engine: not measured — its platform packages are not all on the registry, so `npm ci` cannot install it reproducibly here');
  console.log(
    `aims: whole pack over 1,000,000 children < 1 s single-threaded: ${timings[best] * (1_000_000 / N) < 1000 ? 'met' : 'NOT met'} (${fmt(timings[best] * (1_000_000 / N), 1)} ms); ≥ 1,000× json-rules-engine: ${oursRate / jreRate >= 1000 ? 'met' : 'NOT met'} (${fmt(oursRate / jreRate)}×); single-child full explanation < 1 ms: ${singleUs < 1000 ? 'met' : 'NOT met'} (${fmt(singleUs, 1)} µs)`,
  );
  if (jreAgree !== jreTotal || jleAgree !== jleTotal || mismatch || disagree) {
    console.error('DISAGREEMENT between evaluators');
    process.exitCode = 1;
  }
}

function wrapTop(c: NestedCondition): TopLevelCondition {
  if ('all' in c || 'any' in c || 'not' in c) return c;
  return { all: [c] };
}

await main();
