/**
 * Parity of the SQL translation with the single-child evaluator, on a real PostgreSQL: random
 * profiles (with missing fields and missing parents) are passed as a VALUES list shaped like the
 * `eligibility_profiles` view, and every policy's expression must return 1 where the single
 * evaluator says eligible, 0 where not eligible, and NULL where undetermined.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packSql } from '../../../../engine/src/compile/sql.js';
import { evaluatePolicy } from '../../../../engine/src/compile/single.js';
import { dayFromIso } from '../../../../engine/src/dates.js';
import { loadPack } from '../../../../engine/src/load.js';
import { INPUTS, type Facts } from '../../../../engine/src/profile.js';
import { PROFILE_VIEW_COLUMNS, valuesSource } from '../../../../engine/src/sql.js';
import { AS_OF_DATES, factsArb } from '../../../../engine/src/testing.js';
import { testEnv, type TestEnv } from '../../../test/harness.js';

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
});
afterAll(async () => {
  await env?.close();
});

const pack = loadPack();
const expected = (code: number) => (code === 0 ? 1 : code === 255 ? null : 0);

async function check(date: string, rows: Facts[]) {
  const asOf = dayFromIso(date)!;
  const sql = packSql(pack, asOf).select(valuesSource(rows));
  const res = await env.owner.query<Record<string, unknown>>(sql);
  expect(res.rows.length).toBe(rows.length);
  for (const row of res.rows) {
    const i = Number(row.child_id);
    for (const policy of pack.policies) {
      const single = evaluatePolicy(pack, policy, rows[i]!, asOf);
      const got = row[policy.id] === null ? null : Number(row[policy.id]);
      expect(got, `${date} ${policy.id} row ${i}: ${single.explanation}`).toBe(expected(single.code));
    }
  }
}

describe('SQL translation parity (PostgreSQL)', () => {
  it('documents a view column for every profile input', () => {
    expect(PROFILE_VIEW_COLUMNS.map((c) => c.field)).toEqual(INPUTS.map((f) => f.path));
  });

  it('maps a profile with nothing known to NULL, never to 0, for criteria that need data', async () => {
    const empty: Facts = { values: INPUTS.map(() => null) };
    const asOf = dayFromIso('2025-03-01')!;
    const res = await env.owner.query<Record<string, unknown>>(packSql(pack, asOf).select(valuesSource([empty])));
    for (const policy of pack.policies) {
      const single = evaluatePolicy(pack, policy, empty, asOf);
      expect(single.result).toBe('undetermined');
      expect(res.rows[0]![policy.id], policy.id).toBeNull();
    }
  });

  for (const date of AS_OF_DATES) {
    it(`agrees with the single evaluator on random profiles, ${date}`, async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(factsArb(pack.policyIds), { minLength: 1, maxLength: 60 }), async (rows) => {
          await check(date, rows);
        }),
        { numRuns: 8 },
      );
    });
  }
});
