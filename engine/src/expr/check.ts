/**
 * The type checker: from a parsed expression to a typed expression, or an error with its position.
 * It resolves names against the profile catalogue and the policy's parameters, checks units
 * (money is never added to days, an age is never compared with an amount), checks enum literals
 * against their domain (`child.hukou == 'locl'` is refused) and rewrites the sugar
 * (`child.age`, `age_at`, `months_since`, `date ± days`) into a small core.
 */
import { dayFromIso } from '../dates.js';
import { DERIVED, didYouMean, FIELD_BY_KEY, FIELDS, inputFor, PARENT_FIELD_BY_NAME, type Domains, type FieldDef, type InputField } from '../profile.js';
import { ExprError, parse, type Node, type Pos } from './parse.js';
import { sameType, T, typeName, type Type, type Unit } from './types.js';

export type Value = number | string | boolean | readonly string[] | null;
export type CmpOp = '==' | '!=' | '<' | '<=' | '>' | '>=';
export type FnName = 'years_between' | 'months_between' | 'days_between' | 'add_days' | 'add_months' | 'add_years' | 'min' | 'max' | 'size';

interface Base {
  t: Type;
  pos: Pos;
}
export type TExpr = Base &
  (
    | { k: 'lit'; v: Value }
    | { k: 'field'; field: InputField }
    | { k: 'pfield'; field: FieldDef; idx: readonly [number, number] }
    | { k: 'age' }
    | { k: 'param'; name: string }
    | { k: 'asOf' }
    | { k: 'not'; arg: TExpr }
    | { k: 'and' | 'or'; args: TExpr[] }
    | { k: 'cmp'; op: CmpOp; left: TExpr; right: TExpr }
    | { k: 'in'; left: TExpr; items: Value[] }
    | { k: 'has'; set: TExpr; items: string[] }
    | { k: 'arith'; op: '+' | '-' | '*' | '/'; left: TExpr; right: TExpr }
    | { k: 'neg'; arg: TExpr }
    | { k: 'fn'; fn: FnName; args: TExpr[] }
    | { k: 'if'; cond: TExpr; then: TExpr; else: TExpr }
    | { k: 'quant'; q: 'all' | 'any'; body: TExpr }
    | { k: 'count'; where: TExpr | null }
    | { k: 'sum'; where: TExpr | null; value: TExpr }
  );

export interface ParamInfo {
  type: Type;
  label: string;
}

/**
 * A legal term defined once for the whole pack (`engine/policies/definitions.yaml`): 重残, 失联,
 * 孤儿… A policy writes `term.severelyDisabled` and gets the definition's expression inlined, so
 * every policy decides the same parent the same way on all three paths.
 */
export interface TermDef {
  name: string;
  label: string;
  /** `parent`: read inside all/any parents (…); `child`: outside. */
  scope: 'parent' | 'child';
  /** The citation of the definition. */
  basis: string;
  /** Shown when the term is unknown although every fact it reads is recorded (需人工核实). */
  review?: string;
  node: Node;
}
export interface CheckContext {
  domains: Domains;
  params: ReadonlyMap<string, ParamInfo>;
  terms?: ReadonlyMap<string, TermDef>;
}

/** The typed expressions that stand for a defined term (for explanations and the policy library). */
export const TERM_OF = new WeakMap<TExpr, TermDef>();

/** A bare number literal whose unit is still open (`18` in `child.age < 18`). */
const POLY = new WeakSet<TExpr>();

export function checkExpression(src: string, ctx: CheckContext, expect: Type | null = T.bool): TExpr {
  const node = parse(src);
  const e = check(node, ctx, false);
  if (expect) {
    if (expect.k === 'num' && e.t.k === 'num' && POLY.has(e)) {
      if (expect.unit === 'fen') throw new ExprError('a sum of money needs a unit: write yuan or fen', e.pos);
      return { ...e, t: expect };
    }
    if (!sameType(e.t, expect)) throw new ExprError(`expected ${typeName(expect)}, found ${typeName(e.t)}`, e.pos);
  }
  return e;
}

function err(msg: string, pos: Pos): never {
  throw new ExprError(msg, pos);
}

function check(n: Node, ctx: CheckContext, inParent: boolean): TExpr {
  switch (n.k) {
    case 'num': {
      if (n.unit === null) {
        const e: TExpr = { k: 'lit', v: n.value, t: T.num('int'), pos: n.pos };
        POLY.add(e);
        return e;
      }
      if (n.unit === 'yuan') return { k: 'lit', v: Math.round(n.value * 100), t: T.num('fen'), pos: n.pos };
      if (n.unit === 'fen') {
        if (!Number.isInteger(n.value)) err('fen are whole numbers', n.pos);
        return { k: 'lit', v: n.value, t: T.num('fen'), pos: n.pos };
      }
      if (n.unit === '%') return { k: 'lit', v: n.value / 100, t: T.num('ratio'), pos: n.pos };
      return { k: 'lit', v: n.value, t: T.num(n.unit), pos: n.pos };
    }
    case 'str':
      return { k: 'lit', v: n.value, t: T.string, pos: n.pos };
    case 'bool':
      return { k: 'lit', v: n.value, t: T.bool, pos: n.pos };
    case 'unknown':
      return { k: 'lit', v: null, t: T.bool, pos: n.pos };
    case 'list':
      return err('a list is only allowed after in / not in / intersects', n.pos);
    case 'path':
      return checkPath(n.parts, n.pos, ctx, inParent);
    case 'neg': {
      const arg = check(n.arg, ctx, inParent);
      if (arg.t.k !== 'num') err(`cannot negate ${typeName(arg.t)}`, n.pos);
      if (arg.k === 'lit' && typeof arg.v === 'number') {
        const e: TExpr = { ...arg, v: -arg.v, pos: n.pos };
        if (POLY.has(arg)) POLY.add(e);
        return e;
      }
      return { k: 'neg', arg, t: arg.t, pos: n.pos };
    }
    case 'not': {
      const arg = check(n.arg, ctx, inParent);
      expectBool(arg, "'not'");
      return { k: 'not', arg, t: T.bool, pos: n.pos };
    }
    case 'bin':
      return checkBinary(n, ctx, inParent);
    case 'in': {
      const left = check(n.left, ctx, inParent);
      if (n.list.k !== 'list') err('expected a list', n.list.pos);
      if (left.t.k === 'set') err(`${typeName(left.t)} cannot be 'in' a list: use intersects`, n.opPos);
      if (left.t.k !== 'enum' && left.t.k !== 'num') err(`'in' needs an enum or a number on its left, found ${typeName(left.t)}`, n.opPos);
      const items = n.list.items.map((item) => literalOf(item, left.t, ctx));
      const e: TExpr = { k: 'in', left, items, t: T.bool, pos: n.pos };
      return n.negate ? { k: 'not', arg: e, t: T.bool, pos: n.pos } : e;
    }
    case 'intersects': {
      const set = check(n.left, ctx, inParent);
      if (set.t.k !== 'set') err(`intersects needs a set on its left, found ${typeName(set.t)}`, n.opPos);
      if (n.list.k !== 'list') err('expected a list', n.list.pos);
      const elem = T.enum(set.t.domain);
      const items = n.list.items.map((item) => literalOf(item, elem, ctx) as string);
      if (!items.length) err('intersects needs at least one value', n.list.pos);
      return { k: 'has', set, items, t: T.bool, pos: n.pos };
    }
    case 'call':
      return checkCall(n, ctx, inParent);
    case 'quant': {
      if (inParent) err('parents cannot be nested inside parents', n.pos);
      const body = check(n.body, ctx, true);
      expectBool(body, `'${n.q} parents (...)'`);
      return { k: 'quant', q: n.q, body, t: T.bool, pos: n.pos };
    }
    case 'count': {
      if (inParent) err('parents cannot be nested inside parents', n.pos);
      const where = n.where ? check(n.where, ctx, true) : null;
      if (where) expectBool(where, "'where'");
      return { k: 'count', where, t: T.num('int'), pos: n.pos };
    }
    case 'sum': {
      if (inParent) err('parents cannot be nested inside parents', n.pos);
      const where = n.where ? check(n.where, ctx, true) : null;
      if (where) expectBool(where, "'where'");
      const value = check(n.value, ctx, true);
      if (value.t.k !== 'num') err(`sum needs a number, found ${typeName(value.t)}`, n.value.pos);
      return { k: 'sum', where, value, t: value.t, pos: n.pos };
    }
  }
}

function expectBool(e: TExpr, where: string) {
  if (e.t.k !== 'bool') err(`${where} needs a condition (bool), found ${typeName(e.t)}`, e.pos);
}

function checkPath(parts: string[], pos: Pos, ctx: CheckContext, inParent: boolean): TExpr {
  const key = parts.join('.');
  if (parts.length === 1) {
    if (key === 'asOf') return { k: 'asOf', t: T.date, pos };
    const pf = PARENT_FIELD_BY_NAME.get(key);
    if (pf) {
      if (!inParent) err(`${key} is a parent's field: use it inside all parents (...), any parents (...), count(parents where ...) or sum(...)`, pos);
      return { k: 'pfield', field: pf, idx: [inputFor(pf, 'father').index, inputFor(pf, 'mother').index], t: pf.type, pos };
    }
    if (key === 'parents') err("'parents' is used as all parents (...), any parents (...), count(parents where ...) or sum(parents, ...)", pos);
    err(`unknown name ${key}${inParent ? didYouMean(key, [...PARENT_FIELD_BY_NAME.keys()]) : ''}`, pos);
  }
  if (parts[0] === 'term') {
    const t = parts.length === 2 ? ctx.terms?.get(parts[1]!) : undefined;
    if (!t)
      err(
        `unknown term ${key}${ctx.terms?.size ? didYouMean(parts[1] ?? '', [...ctx.terms.keys()]) || ` (terms: ${[...ctx.terms.keys()].join(', ')})` : ' (no definitions loaded)'}`,
        pos,
      );
    if (t.scope === 'parent' && !inParent)
      err(`${key} (${t.label}) is a parent's state: use it inside all parents (...), any parents (...) or count(parents where ...)`, pos);
    if (t.scope === 'child' && inParent) err(`${key} (${t.label}) is about the child: use it outside parents (...)`, pos);
    // inlined: the definition's own positions are kept (its errors were reported when it loaded)
    const e = check(t.node, ctx, inParent);
    const tagged = { ...e };
    TERM_OF.set(tagged, t);
    return tagged;
  }
  if (parts[0] === 'param') {
    if (parts.length !== 2) err(`unknown parameter ${key}`, pos);
    const p = ctx.params.get(parts[1]!);
    if (!p)
      err(
        `unknown parameter ${key}${didYouMean(parts[1]!, [...ctx.params.keys()]) || (ctx.params.size ? ` (parameters: ${[...ctx.params.keys()].join(', ')})` : ' (this policy declares no parameters)')}`,
        pos,
      );
    return { k: 'param', name: parts[1]!, t: p.type, pos };
  }
  if (key === 'child.age') return { k: 'age', t: DERIVED['child.age'].type, pos };
  const f = FIELD_BY_KEY.get(key);
  if (!f) {
    const options = [...FIELD_BY_KEY.keys(), 'child.age'];
    err(`unknown field ${key}${didYouMean(key, options)}`, pos);
  }
  return { k: 'field', field: inputFor(f, null), t: f.type, pos };
}

/** A literal in a list or compared with an enum, checked against the expected type. */
function literalOf(item: Node, expected: Type, ctx: CheckContext): Value {
  if (expected.k === 'enum') {
    if (item.k !== 'str') err(`expected a value of ${expected.domain} in quotes`, item.pos);
    const dom = ctx.domains[expected.domain];
    if (!dom.values.includes(item.value))
      err(`'${item.value}' is not a value of ${expected.domain}${didYouMean(item.value, dom.values) || ` (values: ${dom.values.join(', ')})`}`, item.pos);
    return item.value;
  }
  if (expected.k === 'num') {
    const e = check(item, ctx, false);
    if (e.k !== 'lit' || typeof e.v !== 'number') err('expected a number literal', item.pos);
    return unify(e, expected, item.pos).v;
  }
  err(`cannot list values of ${typeName(expected)}`, item.pos);
}

/** Gives a bare literal the unit of the other side; refuses mismatched units. */
function unify<E extends TExpr>(e: E, target: Type, pos: Pos): E {
  if (POLY.has(e) && target.k === 'num') {
    if (target.unit === 'fen') err('a sum of money needs a unit: write yuan or fen (e.g. 1100 yuan)', e.pos);
    return { ...e, t: target };
  }
  if (!sameType(e.t, target)) err(`expected ${typeName(target)}, found ${typeName(e.t)}`, pos);
  return e;
}

function checkBinary(n: Extract<Node, { k: 'bin' }>, ctx: CheckContext, inParent: boolean): TExpr {
  const pos = n.pos;
  if (n.op === 'and' || n.op === 'or') {
    const left = check(n.left, ctx, inParent),
      right = check(n.right, ctx, inParent);
    expectBool(left, `'${n.op}'`);
    expectBool(right, `'${n.op}'`);
    const flat = (e: TExpr) => (e.k === n.op ? (e as { args: TExpr[] }).args : [e]);
    return { k: n.op, args: [...flat(left), ...flat(right)], t: T.bool, pos };
  }
  if (n.op === 'contains') {
    const set = check(n.left, ctx, inParent);
    if (set.t.k !== 'set') err(`contains needs a set on its left, found ${typeName(set.t)}`, n.opPos);
    const item = literalOf(n.right, T.enum(set.t.domain), ctx) as string;
    return { k: 'has', set, items: [item], t: T.bool, pos };
  }
  let left = check(n.left, ctx, inParent),
    right = check(n.right, ctx, inParent);
  if (['==', '!=', '<', '<=', '>', '>='].includes(n.op)) {
    const op = n.op as CmpOp;
    // enum against a quoted value
    if (left.t.k === 'enum' && right.k === 'lit' && right.t.k === 'string') right = { ...right, v: literalOf(n.right, left.t, ctx), t: left.t };
    else if (right.t.k === 'enum' && left.k === 'lit' && left.t.k === 'string') left = { ...left, v: literalOf(n.left, right.t, ctx), t: right.t };
    if (left.t.k === 'num' && right.t.k === 'num') {
      if (POLY.has(left) && !POLY.has(right)) left = unify(left, right.t, n.opPos);
      else if (POLY.has(right)) right = unify(right, left.t, n.opPos);
    }
    if (!sameType(left.t, right.t)) err(`cannot compare ${typeName(left.t)} with ${typeName(right.t)}`, n.opPos);
    if (left.t.k === 'set') err('sets are compared with contains / intersects', n.opPos);
    if (left.t.k === 'string') err('compare a field with a quoted value', n.opPos);
    if (op !== '==' && op !== '!=' && left.t.k !== 'num' && left.t.k !== 'date') err(`'${op}' orders numbers and dates, not ${typeName(left.t)}`, n.opPos);
    return { k: 'cmp', op, left, right, t: T.bool, pos };
  }
  // arithmetic
  const op = n.op as '+' | '-' | '*' | '/';
  if (left.t.k === 'date' || right.t.k === 'date') {
    if (op === '-' && left.t.k === 'date' && right.t.k === 'date') return { k: 'fn', fn: 'days_between', args: [right, left], t: T.num('days'), pos };
    const [d, q] = left.t.k === 'date' ? [left, right] : [right, left];
    if ((op === '+' || (op === '-' && d === left)) && q.t.k === 'num' && !POLY.has(q) && ['days', 'months', 'years'].includes(q.t.unit)) {
      const amount: TExpr = op === '-' ? { k: 'neg', arg: q, t: q.t, pos: q.pos } : q;
      const fn = q.t.unit === 'days' ? 'add_days' : q.t.unit === 'months' ? 'add_months' : 'add_years';
      return { k: 'fn', fn, args: [d, amount], t: T.date, pos };
    }
    if (q.t.k === 'num' && POLY.has(q)) err('say which period: days, months or years (e.g. asOf - 6 months)', q.pos);
    err(`cannot ${op === '+' ? 'add' : op === '-' ? 'subtract' : op === '*' ? 'multiply' : 'divide'} ${typeName(left.t)} and ${typeName(right.t)}`, n.opPos);
  }
  if (left.t.k !== 'num' || right.t.k !== 'num') err(`'${op}' needs numbers, found ${typeName(left.t)} and ${typeName(right.t)}`, n.opPos);
  if (op === '+' || op === '-') {
    if (POLY.has(left) && !POLY.has(right)) left = unify(left, right.t, n.opPos);
    else if (POLY.has(right) && !POLY.has(left)) right = unify(right, left.t, n.opPos);
    const lu = (left.t as { unit: Unit }).unit,
      ru = (right.t as { unit: Unit }).unit;
    if (lu !== ru) err(`cannot ${op === '+' ? 'add' : 'subtract'} ${unitWord(ru)} ${op === '+' ? 'to' : 'from'} ${unitWord(lu)}`, n.opPos);
    const e: TExpr = { k: 'arith', op, left, right, t: T.num(lu), pos };
    if (POLY.has(left) && POLY.has(right)) POLY.add(e);
    return e;
  }
  const lu = (left.t as { unit: Unit }).unit,
    ru = (right.t as { unit: Unit }).unit;
  let unit: Unit | null = null;
  if (op === '*') {
    if (ru === 'int' || ru === 'ratio') unit = lu === 'int' && ru === 'ratio' ? 'ratio' : lu;
    else if (lu === 'int' || lu === 'ratio') unit = ru;
  } else {
    if (ru === 'int' || ru === 'ratio') unit = lu === 'int' ? 'ratio' : lu;
    else if (lu === ru) unit = 'ratio';
  }
  if (!unit) err(`cannot ${op === '*' ? 'multiply' : 'divide'} ${unitWord(lu)} by ${unitWord(ru)}`, n.opPos);
  const e: TExpr = { k: 'arith', op, left, right, t: T.num(unit), pos };
  if (POLY.has(left) && POLY.has(right) && op === '*') POLY.add(e);
  return e;
}

function unitWord(u: Unit): string {
  return u === 'fen' ? 'money (fen)' : u === 'int' ? 'a count' : u;
}

function checkCall(n: Extract<Node, { k: 'call' }>, ctx: CheckContext, inParent: boolean): TExpr {
  const pos = n.pos;
  const arity = (k: number) => {
    if (n.args.length !== k) err(`${n.name} takes ${k} argument${k > 1 ? 's' : ''}, found ${n.args.length}`, pos);
  };
  const argAt = (i: number) => check(n.args[i]!, ctx, inParent);
  const dateArg = (i: number) => {
    const a = argAt(i);
    if (a.t.k !== 'date') err(`${n.name} needs a date as argument ${i + 1}, found ${typeName(a.t)}`, a.pos);
    return a;
  };
  const asOf: TExpr = { k: 'asOf', t: T.date, pos };
  const birth: TExpr = {
    k: 'field',
    field: inputFor(
      FIELDS.find((f) => f.key === 'child.birthDate')!,
      null,
    ),
    t: T.date,
    pos,
  };
  switch (n.name) {
    case 'date': {
      arity(1);
      const a = n.args[0]!;
      if (a.k !== 'str') err("date needs a quoted date: date('2025-07-01')", a.pos);
      const day = dayFromIso(a.value);
      if (day === null) err(`'${a.value}' is not a date (YYYY-MM-DD)`, a.pos);
      return { k: 'lit', v: day, t: T.date, pos };
    }
    case 'age_at':
      arity(1);
      return { k: 'fn', fn: 'years_between', args: [birth, dateArg(0)], t: T.num('years'), pos };
    case 'years_between':
      arity(2);
      return { k: 'fn', fn: 'years_between', args: [dateArg(0), dateArg(1)], t: T.num('years'), pos };
    case 'months_between':
      arity(2);
      return { k: 'fn', fn: 'months_between', args: [dateArg(0), dateArg(1)], t: T.num('months'), pos };
    case 'days_between':
      arity(2);
      return { k: 'fn', fn: 'days_between', args: [dateArg(0), dateArg(1)], t: T.num('days'), pos };
    case 'years_since':
      arity(1);
      return { k: 'fn', fn: 'years_between', args: [dateArg(0), asOf], t: T.num('years'), pos };
    case 'months_since':
      arity(1);
      return { k: 'fn', fn: 'months_between', args: [dateArg(0), asOf], t: T.num('months'), pos };
    case 'days_since':
      arity(1);
      return { k: 'fn', fn: 'days_between', args: [dateArg(0), asOf], t: T.num('days'), pos };
    case 'months_until':
      arity(1);
      return { k: 'fn', fn: 'months_between', args: [asOf, dateArg(0)], t: T.num('months'), pos };
    case 'days_until':
      arity(1);
      return { k: 'fn', fn: 'days_between', args: [asOf, dateArg(0)], t: T.num('days'), pos };
    case 'min':
    case 'max': {
      arity(2);
      let a = argAt(0),
        b = argAt(1);
      if (a.t.k !== 'num' || b.t.k !== 'num') err(`${n.name} needs two numbers`, pos);
      if (POLY.has(a) && !POLY.has(b)) a = unify(a, b.t, a.pos);
      else if (POLY.has(b)) b = unify(b, a.t, b.pos);
      if (!sameType(a.t, b.t)) err(`${n.name} of ${typeName(a.t)} and ${typeName(b.t)}`, pos);
      return { k: 'fn', fn: n.name, args: [a, b], t: a.t, pos };
    }
    case 'size': {
      arity(1);
      const s = argAt(0);
      if (s.t.k !== 'set') err(`size needs a set, found ${typeName(s.t)}`, s.pos);
      return { k: 'fn', fn: 'size', args: [s], t: T.num('int'), pos };
    }
    case 'if': {
      arity(3);
      const c = argAt(0);
      expectBool(c, "if's condition");
      let a = argAt(1),
        b = argAt(2);
      if (a.t.k === 'num' && b.t.k === 'num') {
        if (POLY.has(a) && !POLY.has(b)) a = unify(a, b.t, a.pos);
        else if (POLY.has(b)) b = unify(b, a.t, b.pos);
      }
      if (!sameType(a.t, b.t)) err(`if's branches differ: ${typeName(a.t)} and ${typeName(b.t)}`, pos);
      if (a.t.k === 'set' || a.t.k === 'string') err(`if cannot choose between ${typeName(a.t)} values`, pos);
      return { k: 'if', cond: c, then: a, else: b, t: a.t, pos };
    }
    default: {
      const fns = [
        'date',
        'age_at',
        'years_between',
        'months_between',
        'days_between',
        'years_since',
        'months_since',
        'days_since',
        'months_until',
        'days_until',
        'min',
        'max',
        'size',
        'if',
      ];
      err(`unknown function ${n.name}${didYouMean(n.name, fns)}`, n.namePos);
    }
  }
}

/** Every input a typed expression reads (parent fields expanded to both slots). */
export function fieldsRead(e: TExpr, out = new Set<string>()): Set<string> {
  const visit = (x: TExpr) => {
    switch (x.k) {
      case 'field':
        out.add(x.field.path);
        break;
      case 'pfield':
        out.add(`father.${x.field.name}`);
        out.add(`mother.${x.field.name}`);
        break;
      case 'age':
        out.add('child.birthDate');
        break;
      case 'not':
      case 'neg':
        visit(x.arg);
        break;
      case 'and':
      case 'or':
        x.args.forEach(visit);
        break;
      case 'cmp':
      case 'arith':
        visit(x.left);
        visit(x.right);
        break;
      case 'in':
        visit(x.left);
        break;
      case 'has':
        visit(x.set);
        break;
      case 'fn':
        x.args.forEach(visit);
        break;
      case 'if':
        visit(x.cond);
        visit(x.then);
        visit(x.else);
        break;
      case 'quant':
        visit(x.body);
        break;
      case 'count':
        if (x.where) visit(x.where);
        break;
      case 'sum':
        if (x.where) visit(x.where);
        visit(x.value);
        break;
      default:
        break;
    }
  };
  visit(e);
  return out;
}

/** Every parameter a typed expression reads. */
export function paramsRead(e: TExpr, out = new Set<string>()): Set<string> {
  const visit = (x: TExpr): void => {
    if (x.k === 'param') {
      out.add(x.name);
      return;
    }
    for (const c of children(x)) visit(c);
  };
  visit(e);
  return out;
}

export function children(x: TExpr): TExpr[] {
  switch (x.k) {
    case 'not':
    case 'neg':
      return [x.arg];
    case 'and':
    case 'or':
      return x.args;
    case 'cmp':
    case 'arith':
      return [x.left, x.right];
    case 'in':
      return [x.left];
    case 'has':
      return [x.set];
    case 'fn':
      return x.args;
    case 'if':
      return [x.cond, x.then, x.else];
    case 'quant':
      return [x.body];
    case 'count':
      return x.where ? [x.where] : [];
    case 'sum':
      return x.where ? [x.where, x.value] : [x.value];
    default:
      return [];
  }
}
