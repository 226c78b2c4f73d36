/**
 * The district run evaluates each policy once per key of what its result depends on
 * (batch.ts: resultKeysOf, memoEvaluator). Property: over many random children on one date, the
 * memoised results store exactly what the single-child evaluator gives child by child — with
 * children drawn from small value sets as well, so that keys are shared often.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileBatch, dayFromIso, evaluatePolicy, loadPack } from '../../../../engine/src/index.js';
import { AS_OF_DATES, factsArb } from '../../../../engine/src/testing.js';
import { memoEvaluator } from './batch.js';
import { storedColumns, storedColumnsOf } from './commands/results.js';

const pack = loadPack();

describe('memoised single-child results (district run)', () => {
  it('store the same as the single-child evaluator, child by child', { timeout: 300_000 }, () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...AS_OF_DATES),
        fc.array(factsArb(pack.policyIds), { minLength: 30, maxLength: 120 }),
        fc.integer({ min: 1, max: 6 }),
        (iso, drawn, copies) => {
          const day = dayFromIso(iso);
          if (day === null) throw new Error(`invalid date ${iso}`);
          const plan = compileBatch(pack, day);
          const evaluate = memoEvaluator(pack, plan.graph, day);
          // the same children again (shared keys), in another order
          const children = [...drawn, ...drawn.slice(0, Math.ceil(drawn.length / copies)).reverse()];
          for (const facts of children) {
            const memo = evaluate(facts).map(storedColumnsOf);
            const direct = pack.policies.map((p) => storedColumns(evaluatePolicy(pack, p, facts, day)));
            expect(memo).toEqual(direct);
          }
        },
      ),
      { numRuns: 12 },
    );
  });
});
