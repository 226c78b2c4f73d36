/**
 * Parity: on random profiles (with missing fields and missing parents), the batch evaluator — both
 * backends — gives exactly the single-child evaluator's result code for every policy, including
 * undetermined; and the column encoding loses nothing.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codecFor, ProfileTable } from './columns.js';
import { compileBatch, type BatchPlan } from './compile/batch.js';
import { evaluatePolicy } from './compile/single.js';
import { dayFromIso } from './dates.js';
import { loadPack } from './load.js';
import { AS_OF_DATES, factsArb } from './testing.js';

const pack = loadPack();
const codec = codecFor(pack.domains);
const plans = new Map<string, Record<'codegen' | 'closures', BatchPlan>>();
const planFor = (date: string) => {
  let p = plans.get(date);
  if (!p) {
    const d = dayFromIso(date)!;
    p = { codegen: compileBatch(pack, d, { backend: 'codegen' }), closures: compileBatch(pack, d, { backend: 'closures' }) };
    plans.set(date, p);
  }
  return p;
};

describe('parity of the batch and single evaluators', () => {
  it('the column table round-trips facts', () => {
    fc.assert(
      fc.property(fc.array(factsArb(pack.policyIds), { minLength: 1, maxLength: 20 }), (rows) => {
        const t = ProfileTable.fromFacts(rows, codec);
        rows.forEach((r, i) => expect(t.get(i).values).toEqual(r.values));
      }),
      { numRuns: 100 },
    );
  });

  for (const date of AS_OF_DATES) {
    it(`gives identical result codes and amounts for every policy on ${date}`, () => {
      const asOf = dayFromIso(date)!;
      const { codegen, closures } = planFor(date);
      fc.assert(
        fc.property(fc.array(factsArb(pack.policyIds), { minLength: 1, maxLength: 64 }), (rows) => {
          const table = ProfileTable.fromFacts(rows, codec);
          const a = codegen.run(table, { amounts: true });
          const b = closures.run(table, { amounts: true });
          rows.forEach((facts, i) => {
            pack.policies.forEach((policy, j) => {
              const single = evaluatePolicy(pack, policy, facts, asOf);
              const ctx = `${policy.id} row ${i}: ${single.explanation}`;
              expect(a.codes[j]![i], ctx).toBe(single.code);
              expect(b.codes[j]![i], ctx).toBe(single.code);
              const fen = single.result === 'eligible' && single.amount.status === 'computed' ? single.amount.fen : NaN;
              expect(a.amounts![j]![i], ctx).toBe(fen);
              expect(b.amounts![j]![i], ctx).toBe(fen);
              // the code names the first failed criterion of the single evaluator's list
              if (single.result === 'not-eligible') expect(codegen.leafIds[j]![single.code - 1]).toBe(single.failed[0]);
            });
          });
        }),
        { numRuns: 60 },
      );
    }, 60_000); // 60 × 64 children × 13 policies with full traces: seconds on a loaded shared machine
  }
});
