/**
 * The policy pack's own test cases (the `tests:` of every YAML file), run with both evaluators:
 * the single-child evaluator must give the expected result, amount, failed criteria and missing
 * data; the batch evaluator (both backends) must give the same result code.
 */
import { describe, expect, it } from 'vitest';
import { codecFor, ProfileTable } from './columns.js';
import { compileBatch } from './compile/batch.js';
import { NOT_IN_FORCE } from './compile/codes.js';
import { evaluatePolicy } from './compile/single.js';
import { isoFromDay } from './dates.js';
import { loadPack } from './load.js';

const pack = loadPack();
const codec = codecFor(pack.domains);

describe('the policy pack', () => {
  it('loads every policy file, each with test cases', () => {
    expect(pack.policies.length).toBeGreaterThanOrEqual(13);
    for (const p of pack.policies) expect(p.tests.length, p.id).toBeGreaterThan(0);
  });

  for (const policy of pack.policies) {
    describe(policy.id, () => {
      for (const t of policy.tests) {
        it(`${t.name} (${isoFromDay(t.date)})`, () => {
          const r = evaluatePolicy(pack, policy, t.facts, t.date);
          expect(r.result, r.explanation).toBe(t.expect.result);
          if (t.expect.failed) expect(r.failed).toEqual(t.expect.failed);
          // not eligible names its failed criteria, unless the policy was not yet in force (政策尚未施行)
          if (t.expect.result === 'not-eligible') expect(r.failed.length > 0 || (r.code === NOT_IN_FORCE && /政策尚未施行/.test(r.explanation))).toBe(true);
          if (t.expect.missing) expect(r.missing.map((m) => m.path)).toEqual(t.expect.missing);
          if (t.expect.missingParams) expect(r.missingParams.map((m) => m.name)).toEqual(t.expect.missingParams);
          if (t.expect.amount !== undefined) {
            // an undetermined result shows the standard only as conditional (若符合…)
            if (typeof t.expect.amount === 'number')
              expect(r.amount).toMatchObject({ status: r.result === 'undetermined' ? 'conditional' : 'computed', fen: t.expect.amount });
            else expect(r.amount.status).toBe(t.expect.amount);
          }
          expect(r.explanation.length).toBeGreaterThan(10);
          // the batch path agrees on the result code, with both backends
          const table = ProfileTable.fromFacts([t.facts], codec);
          for (const backend of ['codegen', 'closures'] as const) {
            const plan = compileBatch(pack, t.date, { backend });
            const j = plan.policies.indexOf(policy.id);
            const out = plan.run(table, { amounts: true });
            expect(out.codes[j]![0], backend).toBe(r.code);
            if (r.result === 'eligible' && r.amount.status === 'computed') expect(out.amounts![j]![0], backend).toBe(r.amount.fen);
            else expect(out.amounts![j]![0]).toBeNaN();
          }
        });
      }
    });
  }
});
