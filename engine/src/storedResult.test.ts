/**
 * evaluatePolicyStored (the district run's stored values, without the trace) against the full
 * single-child evaluator: on random profiles (missing fields, missing parents) and every as-of date
 * of the test set — before a policy's first version too — the verdict, logic version, amount,
 * failed criteria with their labels, data still needed and open questions are the same.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluatePolicy, evaluatePolicyStored, type PolicyResult } from './compile/single.js';
import { dayFromIso } from './dates.js';
import { loadPack } from './load.js';
import { AS_OF_DATES, factsArb } from './testing.js';

const pack = loadPack();

/** What a stored row keeps of a full result. */
function projection(r: PolicyResult) {
  const labels = new Map(r.criteria.map((c) => [c.id, c.label]));
  return {
    policy: r.policy,
    asOf: r.asOf,
    result: r.result,
    logicVersion: r.logic?.version ?? null,
    amountFen: r.amount.status === 'computed' ? r.amount.fen : null,
    failed: r.failed.map((id) => ({ id, label: labels.get(id) ?? id })),
    missing: r.missing,
    review: r.review,
  };
}

describe('the stored values of a single-child result', () => {
  it('are those of the full evaluation, for every policy, child and date', () => {
    const dates = [...AS_OF_DATES, '2000-01-01', '2099-12-31'];
    fc.assert(
      fc.property(fc.constantFrom(...dates), factsArb(pack.policyIds), (iso, facts) => {
        const day = dayFromIso(iso);
        if (day === null) throw new Error(`invalid date ${iso}`);
        for (const p of pack.policies) expect(evaluatePolicyStored(pack, p, facts, day)).toEqual(projection(evaluatePolicy(pack, p, facts, day)));
      }),
      { numRuns: 400 },
    );
  });
});
