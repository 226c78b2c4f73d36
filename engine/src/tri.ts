/**
 * Three-valued (Kleene) logic, the ground of the policy engine: a criterion is true, false, or
 * unknown when the data it needs is missing. Missing data never becomes "not eligible".
 *
 * - all: false if any operand is false, else unknown if any is unknown, else true;
 * - any: true if any operand is true, else unknown if any is unknown, else false;
 * - not: swaps true and false, keeps unknown.
 */
export type Tri = true | false | null;

export const UNKNOWN: Tri = null;

export function all(values: Iterable<Tri>): Tri {
  let unknown = false;
  for (const v of values) {
    if (v === false) return false;
    if (v === null) unknown = true;
  }
  return unknown ? null : true;
}

export function any(values: Iterable<Tri>): Tri {
  let unknown = false;
  for (const v of values) {
    if (v === true) return true;
    if (v === null) unknown = true;
  }
  return unknown ? null : false;
}

export function not(v: Tri): Tri {
  return v === null ? null : !v;
}

/** A comparison whose operands may be missing: unknown unless both are present. */
export function compare<T>(a: T | null | undefined, b: T | null | undefined, op: (x: T, y: T) => boolean): Tri {
  if (a === null || a === undefined || b === null || b === undefined) return null;
  return op(a, b);
}

/** The outcome of a whole policy for one child. */
export type Verdict = 'eligible' | 'not-eligible' | 'undetermined';

export function verdict(v: Tri): Verdict {
  return v === true ? 'eligible' : v === false ? 'not-eligible' : 'undetermined';
}
