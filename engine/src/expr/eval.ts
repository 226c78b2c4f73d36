/**
 * The reference interpreter of typed expressions, in three-valued logic: null is unknown. It is
 * what the single-child evaluator runs; the batch and SQL paths are checked against it.
 *
 * - a missing input makes every value computed from it unknown;
 * - and / or / not are Kleene (a false operand decides `and`, a true one decides `or`);
 * - comparisons, arithmetic, `in`, `contains`, date functions: unknown if an operand is unknown;
 *   division by zero is unknown;
 * - all parents / any parents: Kleene over the two slots; count and sum: unknown as soon as one
 *   parent's condition (or summed value) is unknown.
 */
import { addMonths, monthsBetween, yearsBetween } from '../dates.js';
import type { ParamValue } from '../policy.js';
import type { FactValue } from '../profile.js';
import type { TExpr, Value } from './check.js';

export interface Env {
  values: readonly FactValue[];
  asOf: number;
  /** Resolved parameters: null when the parameter has no value on the date. */
  params: ReadonlyMap<string, ParamValue | null>;
  /** Parent scope: 0 father, 1 mother, -1 outside. */
  slot: number;
  /** Index of child.birthDate. */
  birthIndex: number;
}

/** Evaluates in a parent's scope (the environment's slot is set and restored, no copy). */
export function inSlot(e: TExpr, env: Env, slot: number): Value {
  const prev = env.slot;
  env.slot = slot;
  try {
    return evaluate(e, env);
  } finally {
    env.slot = prev;
  }
}

export function evaluate(e: TExpr, env: Env): Value {
  switch (e.k) {
    case 'lit':
      return e.v;
    case 'field':
      return env.values[e.field.index] ?? null;
    case 'pfield':
      return env.slot < 0 ? null : (env.values[e.idx[env.slot]!] ?? null);
    case 'age': {
      const b = env.values[env.birthIndex];
      return typeof b === 'number' ? yearsBetween(b, env.asOf) : null;
    }
    case 'param': {
      // an unverified standard decides nothing: the criterion stays open (待核实), never a plain yes/no
      const p = env.params.get(e.name);
      return p && (p.verified || p.whatIf) ? p.value : null;
    }
    case 'asOf':
      return env.asOf;
    case 'not': {
      const v = evaluate(e.arg, env);
      return v === null ? null : !v;
    }
    case 'and': {
      let unknown = false;
      for (const a of e.args) {
        const v = evaluate(a, env);
        if (v === false) return false;
        if (v === null) unknown = true;
      }
      return unknown ? null : true;
    }
    case 'or': {
      let unknown = false;
      for (const a of e.args) {
        const v = evaluate(a, env);
        if (v === true) return true;
        if (v === null) unknown = true;
      }
      return unknown ? null : false;
    }
    case 'cmp': {
      const a = evaluate(e.left, env),
        b = evaluate(e.right, env);
      if (a === null || b === null) return null;
      switch (e.op) {
        case '==':
          return a === b;
        case '!=':
          return a !== b;
        case '<':
          return (a as number) < (b as number);
        case '<=':
          return (a as number) <= (b as number);
        case '>':
          return (a as number) > (b as number);
        case '>=':
          return (a as number) >= (b as number);
      }
    }
    // falls through (unreachable)
    case 'in': {
      const a = evaluate(e.left, env);
      return a === null ? null : e.items.includes(a);
    }
    case 'has': {
      const s = evaluate(e.set, env) as readonly string[] | null;
      if (s === null) return null;
      for (const i of e.items) if (s.includes(i)) return true;
      return false;
    }
    case 'arith': {
      const a = evaluate(e.left, env) as number | null,
        b = evaluate(e.right, env) as number | null;
      if (a === null || b === null) return null;
      switch (e.op) {
        case '+':
          return a + b;
        case '-':
          return a - b;
        case '*':
          return a * b;
        case '/':
          return b === 0 ? null : a / b;
      }
    }
    // falls through (unreachable)
    case 'neg': {
      const v = evaluate(e.arg, env) as number | null;
      return v === null ? null : -v;
    }
    case 'fn': {
      const a0 = evaluate(e.args[0]!, env);
      if (a0 === null) return null;
      if (e.fn === 'size') return (a0 as readonly string[]).length;
      const b0 = evaluate(e.args[1]!, env);
      if (b0 === null) return null;
      const a = a0 as number,
        b = b0 as number;
      switch (e.fn) {
        case 'years_between':
          return yearsBetween(a, b);
        case 'months_between':
          return monthsBetween(a, b);
        case 'days_between':
          return b - a;
        case 'add_days':
          return a + Math.trunc(b);
        case 'add_months':
          return addMonths(a, b);
        case 'add_years':
          return addMonths(a, 12 * Math.trunc(b));
        case 'min':
          return Math.min(a, b);
        case 'max':
          return Math.max(a, b);
      }
    }
    // falls through (unreachable)
    case 'if': {
      const c = evaluate(e.cond, env);
      return c === null ? null : evaluate(c ? e.then : e.else, env);
    }
    case 'quant': {
      const decides = e.q === 'any';
      const v0 = inSlot(e.body, env, 0);
      if (v0 === decides) return v0;
      const v1 = inSlot(e.body, env, 1);
      if (v1 === decides) return v1;
      return v0 === null || v1 === null ? null : !decides;
    }
    case 'count': {
      let n = 0;
      for (let s = 0; s < 2; s++) {
        const w = e.where ? inSlot(e.where, env, s) : true;
        if (w === null) return null;
        if (w) n++;
      }
      return n;
    }
    case 'sum': {
      let total = 0;
      for (let s = 0; s < 2; s++) {
        const w = e.where ? inSlot(e.where, env, s) : true;
        if (w === null) return null;
        if (!w) continue;
        const v = inSlot(e.value, env, s) as number | null;
        if (v === null) return null;
        total += v;
      }
      return total;
    }
  }
}

/**
 * The data still needed for an unknown expression: the inputs (paths such as `father.status`)
 * and parameters (names) whose absence makes it unknown. Only operands that are themselves
 * unknown are followed, so `x or y` with y true needs nothing, with y false needs x's inputs.
 */
export function needed(e: TExpr, env: Env, fields: Set<string>, params: Set<string>): void {
  const follow = (x: TExpr, xenv: Env = env) => {
    if (evaluate(x, xenv) === null) needed(x, xenv, fields, params);
  };
  // parent scopes get their own environment here: this path runs only for unknown results
  switch (e.k) {
    case 'field':
      if (env.values[e.field.index] === null || env.values[e.field.index] === undefined) fields.add(e.field.path);
      return;
    case 'pfield':
      if (env.slot >= 0) fields.add(`${env.slot === 0 ? 'father' : 'mother'}.${e.field.name}`);
      return;
    case 'age':
      fields.add('child.birthDate');
      return;
    case 'param':
      params.add(e.name);
      return;
    case 'lit':
    case 'asOf':
      return;
    case 'if': {
      const c = evaluate(e.cond, env);
      if (c === null) follow(e.cond);
      else follow(c ? e.then : e.else);
      return;
    }
    case 'quant':
    case 'count':
      for (let s = 0; s < 2; s++) {
        const senv = { ...env, slot: s };
        const body = e.k === 'quant' ? e.body : e.where;
        if (body) follow(body, senv);
      }
      return;
    case 'sum':
      for (let s = 0; s < 2; s++) {
        const senv = { ...env, slot: s };
        const w = e.where ? evaluate(e.where, senv) : true;
        if (w === null) follow(e.where!, senv);
        else if (w) follow(e.value, senv);
      }
      return;
    case 'not':
      follow(e.arg);
      return;
    case 'and':
    case 'or':
      for (const a of e.args) follow(a);
      return;
    case 'cmp':
    case 'arith':
      follow(e.left);
      follow(e.right);
      return;
    case 'in':
      follow(e.left);
      return;
    case 'has':
      follow(e.set);
      return;
    case 'neg':
      follow(e.arg);
      return;
    case 'fn':
      for (const a of e.args) follow(a);
      return;
  }
}
