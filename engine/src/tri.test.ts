import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { all, any, compare, not, verdict, type Tri } from './tri.js';

const tri = fc.constantFrom<Tri>(true, false, null);
/** Order of information: knowing more may only move unknown to true/false, never flip a known value. */
const refines = (coarse: Tri, fine: Tri) => coarse === null || coarse === fine;

describe('three-valued logic', () => {
  it('agrees with boolean logic when nothing is unknown', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean()), (bs) => {
        expect(all(bs)).toBe(bs.every(Boolean));
        expect(any(bs)).toBe(bs.some(Boolean));
      }),
    );
  });

  it('a single false decides all(), a single true decides any(), whatever is unknown', () => {
    fc.assert(
      fc.property(fc.array(tri), fc.nat(), (xs, i) => {
        const withFalse = [...xs.slice(0, i), false, ...xs.slice(i)];
        const withTrue = [...xs.slice(0, i), true, ...xs.slice(i)];
        expect(all(withFalse)).toBe(false);
        expect(any(withTrue)).toBe(true);
      }),
    );
  });

  it('is monotone: filling in missing data never contradicts an answer already known', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(tri, fc.boolean())), (pairs) => {
        const coarse = pairs.map(([t]) => t);
        const fine = pairs.map(([t, b]) => (t === null ? b : t));
        expect(refines(all(coarse), all(fine))).toBe(true);
        expect(refines(any(coarse), any(fine))).toBe(true);
      }),
    );
  });

  it('obeys De Morgan and double negation', () => {
    fc.assert(
      fc.property(fc.array(tri), (xs) => {
        expect(not(all(xs))).toBe(any(xs.map(not)));
        expect(not(any(xs))).toBe(all(xs.map(not)));
        for (const x of xs) expect(not(not(x))).toBe(x);
      }),
    );
  });

  it('treats a missing operand as unknown, never as false', () => {
    expect(compare<number>(null, 1100, (a, b) => a <= b)).toBeNull();
    expect(compare<number>(1200, undefined, (a, b) => a <= b)).toBeNull();
    expect(compare(1200, 1100, (a, b) => a <= b)).toBe(false);
    expect(verdict(all([true, null]))).toBe('undetermined');
    expect(verdict(all([false, null]))).toBe('not-eligible');
    expect(verdict(all([]))).toBe('eligible');
  });
});
