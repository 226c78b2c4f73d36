/**
 * Chinese explanations of criteria: what each side of a comparison is, its value, how it compares,
 * and the parameter used with its source and effective date, e.g.
 * "家庭人均月收入 1,200 元（家庭月收入 3,600 元 ÷ 家庭人口 3 人），高于 城乡低保标准 1,100 元（…，2025-07-01 起；未核实）".
 */
import { isoFromDay } from '../dates.js';
import { citeParam, fmt } from '../format.js';
import type { ParamDef } from '../policy.js';
import { SLOT_LABELS, SLOTS, type Domains } from '../profile.js';
import { TERM_OF, type TExpr, type Value } from './check.js';
import { evaluate, type Env } from './eval.js';

export interface DescribeCtx {
  env: Env;
  domains: Domains;
  params: ReadonlyMap<string, ParamDef>;
  /** Cite each parameter's source and date where it is used (default true). */
  cite?: boolean;
}

const ORDER_WORDS: Record<string, [string, string]> = {
  '<': ['低于', '不低于'],
  '<=': ['不高于', '高于'],
  '>': ['高于', '不高于'],
  '>=': ['不低于', '低于'],
  '==': ['等于', '不等于'],
  '!=': ['不等于', '等于'],
};
const DATE_WORDS: Record<string, [string, string]> = {
  '<': ['早于', '不早于'],
  '<=': ['不晚于', '晚于'],
  '>': ['晚于', '不晚于'],
  '>=': ['不早于', '早于'],
  '==': ['为', '不是'],
  '!=': ['不是', '为'],
};
const SYM: Record<string, string> = { '+': '+', '-': '−', '*': '×', '/': '÷' };

function val(e: TExpr, c: DescribeCtx): Value {
  return evaluate(e, c.env);
}

function slotPrefix(c: DescribeCtx): string {
  return c.env.slot >= 0 ? SLOT_LABELS[SLOTS[c.env.slot]!] : '';
}

/** Name of a field-like node, without its value. */
function nameOf(e: TExpr, c: DescribeCtx): string | null {
  switch (e.k) {
    case 'field':
      return e.field.fullLabel;
    case 'pfield':
      return `${slotPrefix(c) || '父/母'}${e.field.label}`;
    case 'age':
      return '年龄';
    case 'param':
      return c.params.get(e.name)?.label ?? e.name;
    case 'asOf':
      return '评估日';
    default:
      return null;
  }
}

function hintsOf(e: TExpr) {
  if (e.k === 'age') return { age: true };
  if (e.k === 'fn' && e.fn === 'years_between' && e.args[0]?.k === 'field' && e.args[0].field.path === 'child.birthDate') return { age: true };
  if (e.k === 'field' || e.k === 'pfield') return { display: e.field.display };
  return {};
}

/** A value with what it is: "家庭月收入 3,600 元", "父亲状态 死亡", "城乡低保标准 1,100 元（来源，起始日）". */
export function describe(e: TExpr, c: DescribeCtx): string {
  const v = val(e, c);
  const shown = fmt(v, e.t, c.domains, hintsOf(e));
  switch (e.k) {
    case 'lit':
      return shown;
    case 'field':
    case 'pfield':
    case 'age':
    case 'asOf':
      return v === null ? `${nameOf(e, c)}未知` : `${nameOf(e, c)} ${shown}`;
    case 'param': {
      const p = c.env.params.get(e.name);
      const label = nameOf(e, c);
      if (!p) return `${label}（${isoFromDay(c.env.asOf)} 无有效值，标准待维护）`;
      // an unverified value is shown, but it decides nothing (the comparison stays 待核实)
      if (!p.verified && !p.whatIf) return `${label} ${fmt(p.value, e.t, c.domains)}（${citeParam(p)}；待核实，不作判断依据）`;
      return c.cite === false ? `${label} ${shown}` : `${label} ${shown}（${citeParam(p)}）`;
    }
    case 'neg':
      return `−${inner(e.arg, c)}`;
    case 'arith': {
      const text = `${inner(e.left, c)} ${SYM[e.op]} ${inner(e.right, c)}`;
      return v === null ? `${text}（无法计算）` : `${text} = ${shown}`;
    }
    case 'fn':
      return describeFn(e, v, shown, c);
    case 'if': {
      const cv = val(e.cond, c);
      return cv === null ? `取决于：${explain(e.cond, c)}` : describe(cv ? e.then : e.else, c);
    }
    case 'count': {
      const parts = SLOTS.map((_, s) => (e.where ? explain(e.where, { ...c, env: { ...c.env, slot: s } }) : SLOT_LABELS[SLOTS[s]!]));
      return `符合条件的父母 ${v === null ? '人数未知' : `${String(v)} 人`}（${parts.join('；')}）`;
    }
    case 'sum': {
      const parts = SLOTS.map((_, s) => describe(e.value, { ...c, env: { ...c.env, slot: s } }));
      return `合计 ${shown}（${parts.join('；')}）`;
    }
    default:
      return explain(e, c);
  }
}

function inner(e: TExpr, c: DescribeCtx): string {
  const d = describe(e, c);
  return e.k === 'arith' ? `（${d}）` : d;
}

function dateName(e: TExpr, c: DescribeCtx): string {
  const v = val(e, c);
  if (e.k === 'asOf') return `评估日（${isoFromDay(c.env.asOf)}）`;
  const n = nameOf(e, c);
  if (n) return v === null ? `${n}（未知）` : `${n}（${isoFromDay(v as number)}）`;
  return describe(e, c);
}

function describeFn(e: Extract<TExpr, { k: 'fn' }>, v: Value, shown: string, c: DescribeCtx): string {
  const [a, b] = e.args as [TExpr, TExpr];
  const unknown = v === null ? '未知' : shown;
  switch (e.fn) {
    case 'years_between':
      if (a.k === 'field' && a.field.path === 'child.birthDate') return b.k === 'asOf' ? `年龄 ${unknown}` : `${dateName(b, c)}时年龄 ${unknown}`;
      return `${dateName(a, c)}至${dateName(b, c)} ${unknown}`;
    case 'months_between':
    case 'days_between':
      if (b.k === 'asOf') return `${dateName(a, c)}，距评估日已 ${unknown}`;
      if (a.k === 'asOf') return `${dateName(b, c)}，距评估日还有 ${unknown}`;
      return `${dateName(a, c)}至${dateName(b, c)} ${unknown}`;
    case 'add_days':
    case 'add_months':
    case 'add_years':
      return `${dateName(a, c)} ${b.k === 'neg' ? `− ${describe(b.arg, c)}` : `+ ${describe(b, c)}`}${e.fn === 'add_years' ? ' 年' : ''} = ${unknown}`;
    case 'min':
    case 'max': {
      const word = e.fn === 'min' ? '不高于' : '不低于';
      if (b.k === 'lit') return `${describe(a, c)}（${word} ${describe(b, c)}）${v !== null && v !== val(a, c) ? `，取 ${unknown}` : ''}`;
      if (a.k === 'lit') return `${describe(b, c)}（${word} ${describe(a, c)}）${v !== null && v !== val(b, c) ? `，取 ${unknown}` : ''}`;
      return `${describe(a, c)} 与 ${describe(b, c)} 中较${e.fn === 'min' ? '小' : '大'}者 ${unknown}`;
    }
    case 'size':
      return `${describe(a, c)}，共 ${v === null ? '未知' : `${String(v)} 项`}`;
  }
}

function listOf(items: readonly Value[], e: TExpr, c: DescribeCtx): string {
  return items.map((i) => fmt(i, e.t, c.domains, hintsOf(e))).join('、');
}

/** A condition and how it stands: "户籍为本市户籍", "家庭月收入 … 高于 …", "父亲状态未知". */
export function explain(e: TExpr, c: DescribeCtx, term?: string): string {
  const def = TERM_OF.get(e);
  if (def) {
    // a defined term reads as its name and verdict, then the facts that decided it
    const v = val(e, c);
    const who = def.scope === 'parent' ? slotPrefix(c) || '父/母' : '儿童';
    const raw = explainRaw(e, c, term);
    if (v === true) return `${who}属于「${def.label}」（${raw}）`;
    if (v === false) return `${who}不属于「${def.label}」（${raw}）`;
    return `${who}是否属于「${def.label}」${raw ? `：${raw}` : '需人工核实'}`;
  }
  return explainRaw(e, c, term);
}

function explainRaw(e: TExpr, c: DescribeCtx, term?: string): string {
  const v = val(e, c);
  switch (e.k) {
    case 'lit':
      return v === null ? '需人工核实' : v ? '恒成立' : '恒不成立';
    case 'field':
    case 'pfield':
      return `${nameOf(e, c)}：${fmt(v, e.t, c.domains)}`;
    case 'not': {
      if (e.arg.k === 'field' || e.arg.k === 'pfield') return `${nameOf(e.arg, c)}：${fmt(val(e.arg, c), e.arg.t, c.domains)}`;
      return explain(e.arg, c);
    }
    case 'and':
    case 'or': {
      // only the operands that decide: a false `and` shows its false parts, a true `or` its true ones
      const shownArgs = e.args.filter((a) => {
        const av = val(a, c);
        if (v === null) return av === null;
        return e.k === 'and' ? (v ? true : av === false) : v ? av === true : true;
      });
      if (e.k === 'or' && v === false) return explainFalseOr(shownArgs, c);
      return shownArgs.map((a) => explain(a, c)).join(e.k === 'and' || v === false ? '；' : '；或 ');
    }
    case 'cmp': {
      const lhs = term ? termDescribe(e.left, term, c) : describe(e.left, c);
      const l = val(e.left, c),
        r = val(e.right, c);
      if (e.left.t.k === 'enum' || e.left.t.k === 'bool') {
        const name = nameOf(e.left, c) ?? describe(e.left, c);
        if (l === null) return `${name}未知`;
        if (e.left.t.k === 'bool' && e.right.k === 'lit') return `${name}：${fmt(l, e.left.t, c.domains)}`;
        const expected = e.right.k === 'lit' ? fmt(r, e.right.t, c.domains) : describe(e.right, c);
        const actual = fmt(l, e.left.t, c.domains);
        if (r === null) return `${name}为${actual}；${expected}`;
        const same = l === r;
        if (e.op === '==') return same ? `${name}为${actual}` : `${name}为${actual}，不是${expected}`;
        return same ? `${name}为${actual}` : `${name}为${actual}，不是${expected}`;
      }
      const rhs = e.right.k === 'lit' ? fmt(r, e.right.t, c.domains, hintsOf(e.left)) : describe(e.right, c);
      if (v === null) return `无法判断：${[l === null ? lhs : null, r === null ? rhs : null].filter(Boolean).join('；')}`;
      const words = e.left.t.k === 'date' ? DATE_WORDS[e.op]! : ORDER_WORDS[e.op]!;
      return `${lhs}，${v ? words[0] : words[1]} ${rhs}`;
    }
    case 'in': {
      const name = nameOf(e.left, c) ?? describe(e.left, c);
      const l = val(e.left, c);
      if (l === null) return `${name}未知`;
      const actual = fmt(l, e.left.t, c.domains, hintsOf(e.left));
      return `${name}为${actual}，${v ? '属于' : '不属于'}${listOf(e.items, e.left, c)}`;
    }
    case 'has': {
      const name = nameOf(e.set, c) ?? '集合';
      const s = val(e.set, c) as readonly string[] | null;
      if (s === null) return `${name}未知`;
      const dom = e.set.t.k === 'set' ? c.domains[e.set.t.domain] : null;
      const label = (i: string) => `「${dom?.labels[i] ?? i}」`;
      const have = fmt(s, e.set.t, c.domains);
      if (v)
        return `${name}：${have}，包含${e.items
          .filter((i) => s.includes(i))
          .map(label)
          .join('、')}`;
      return `${name}：${have}，${e.items.length > 1 ? '不包含其中任何一项：' : '不包含'}${e.items.map(label).join('、')}`;
    }
    case 'quant': {
      const parts = SLOTS.map((_, s) => explain(e.body, { ...c, env: { ...c.env, slot: s } }));
      return parts.join('；');
    }
    case 'if': {
      const cv = val(e.cond, c);
      if (cv === null) return `取决于：${explain(e.cond, c)}`;
      const branch = cv ? e.then : e.else;
      // an `unknown` branch is a rule left open on purpose: say why it is open
      if (branch.k === 'lit' && branch.v === null) return `${explain(e.cond, c)}，需人工核实`;
      return explain(branch, c);
    }
    default:
      return describe(e, c);
  }
}

function termDescribe(e: TExpr, term: string, c: DescribeCtx): string {
  const v = val(e, c);
  const how = e.k === 'arith' || e.k === 'fn' ? describe(e, c) : null;
  if (v === null) return `${term}未知${how ? `（${how}）` : ''}`;
  const shown = fmt(v, e.t, c.domains, hintsOf(e));
  if (e.k === 'arith') {
    const text = `${inner(e.left, c)} ${SYM[e.op]} ${inner(e.right, c)}`;
    return `${term} ${shown}（${text}）`;
  }
  return `${term} ${shown}`;
}

/** An enum test that is false: "父亲状态 … 不是/不属于 values" (to merge several on the same field). */
function falseEnumTest(e: TExpr, c: DescribeCtx): { name: string; actual: string; values: string[] } | null {
  if (val(e, c) !== false) return null;
  if (e.k === 'cmp' && e.op === '==' && e.left.t.k === 'enum' && e.right.k === 'lit') {
    const name = nameOf(e.left, c);
    return name ? { name, actual: fmt(val(e.left, c), e.left.t, c.domains), values: [fmt(e.right.v, e.right.t, c.domains)] } : null;
  }
  if (e.k === 'in' && e.left.t.k === 'enum') {
    const name = nameOf(e.left, c);
    return name ? { name, actual: fmt(val(e.left, c), e.left.t, c.domains), values: e.items.map((i) => fmt(i, e.left.t, c.domains)) } : null;
  }
  if (e.k === 'and') {
    const falses = e.args.filter((a) => val(a, c) === false).map((a) => falseEnumTest(a, c));
    if (falses.length && falses.every((x) => x && x.name === falses[0]!.name)) {
      return { name: falses[0]!.name, actual: falses[0]!.actual, values: falses.flatMap((x) => x!.values) };
    }
  }
  return null;
}

/** A false `or`: its enum tests on one field merged ("父亲状态为重残，不属于重病、服刑在押…"), the rest explained. */
function explainFalseOr(args: TExpr[], c: DescribeCtx): string {
  const merged = new Map<string, { actual: string; values: string[] }>();
  const rest: string[] = [];
  for (const a of args) {
    const t = falseEnumTest(a, c);
    if (!t) {
      rest.push(explain(a, c));
      continue;
    }
    const m = merged.get(t.name);
    if (m) m.values.push(...t.values);
    else merged.set(t.name, { actual: t.actual, values: [...t.values] });
  }
  const parts = [...merged].map(([name, m]) => `${name}为${m.actual}，不属于${[...new Set(m.values)].join('、')}`);
  return [...parts, ...rest].join('；');
}
