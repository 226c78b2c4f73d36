/** The charity matching rule: three-valued, missing data is undetermined (never not matched); properties with fast-check. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CharityRules, matchChild, NEEDS, type ChildFacts } from './charity.js';
import { CHILD_CATEGORIES } from './values.js';

const DAY = '2026-12-04';
const full: ChildFacts = { birthDate: '2015-06-01', categories: ['disabled', 'low_income_dibao'], streetCode: 'dinghai', disabled: true, inSchool: true };

const rulesArb = fc.record(
  {
    categories: fc.subarray([...CHILD_CATEGORIES]),
    minAge: fc.option(fc.integer({ min: 0, max: 9 }), { nil: null }),
    maxAge: fc.option(fc.integer({ min: 9, max: 18 }), { nil: null }),
    streets: fc.subarray(['dinghai', 'pingliang', 'yinhang']),
    needs: fc.subarray([...NEEDS]),
  },
  { requiredKeys: [] },
);
const factsArb = fc.record({
  birthDate: fc.option(
    fc.date({ min: new Date('2008-12-05T00:00:00Z'), max: new Date('2026-12-04T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
    { nil: null },
  ),
  categories: fc.option(fc.subarray([...CHILD_CATEGORIES]), { nil: null }),
  streetCode: fc.option(fc.constantFrom('dinghai', 'pingliang', 'yinhang', 'daqiao'), { nil: null }),
  disabled: fc.option(fc.boolean(), { nil: null }),
  inSchool: fc.option(fc.boolean(), { nil: null }),
});

describe('matchChild', () => {
  it('matches, refuses and cannot decide, with Chinese reasons', () => {
    const rules: CharityRules = { categories: ['disabled', 'orphan_scattered'], minAge: 6, maxAge: 16, streets: ['dinghai'], needs: ['in_school'] };
    const ok = matchChild(rules, full, DAY);
    expect(ok.result).toBe('matched');
    expect(ok.reasons).toContain('属于残疾儿童');
    expect(ok.reasons).toContain('年龄 11 周岁，在 6–16 周岁');
    const old = matchChild(rules, { ...full, birthDate: '2006-01-01' }, DAY);
    expect(old).toEqual({ result: 'not_matched', reasons: ['年龄 20 周岁，不在 6–16 周岁'] });
    const unknown = matchChild(rules, { ...full, inSchool: null }, DAY);
    expect(unknown.result).toBe('undetermined');
    expect(unknown.reasons).toContain('档案未记录「在校就读」情况，需核实');
    // a definite no wins over an unknown
    expect(matchChild(rules, { ...full, inSchool: null, streetCode: 'pingliang' }, DAY).result).toBe('not_matched');
    expect(matchChild({}, { birthDate: null, categories: null, streetCode: null, disabled: null, inSchool: null }, DAY).result).toBe('matched');
    expect(matchChild({ needs: ['out_of_school'] }, { ...full, inSchool: false }, DAY).result).toBe('matched');
  });

  it('rejects rules that make no sense', () => {
    expect(CharityRules.safeParse({ minAge: 12, maxAge: 6 }).success).toBe(false);
    expect(CharityRules.safeParse({ categories: ['rich'] }).success).toBe(false);
    expect(CharityRules.safeParse({ extra: 1 }).success).toBe(false);
  });

  it('missing data never turns a match into not matched (property)', () => {
    fc.assert(
      fc.property(rulesArb, factsArb, fc.constantFrom('birthDate', 'categories', 'streetCode', 'disabled', 'inSchool'), (rules, facts, hide) => {
        const before = matchChild(rules, facts, DAY).result;
        const after = matchChild(rules, { ...facts, [hide]: null }, DAY).result;
        // forgetting a fact can only move towards undetermined: matched → matched|undetermined, undetermined stays
        if (before === 'matched') expect(['matched', 'undetermined']).toContain(after);
        if (before === 'undetermined') expect(after).toBe('undetermined');
        if (after === 'not_matched') expect(before).toBe('not_matched');
      }),
    );
  });

  it('a child with every fact recorded is never undetermined; reasons are Chinese and non-empty (property)', () => {
    const known = factsArb.filter((f) => Object.values(f).every((v) => v !== null));
    fc.assert(
      fc.property(rulesArb, known, (rules, facts) => {
        const m = matchChild(rules, facts, DAY);
        expect(m.result).not.toBe('undetermined');
        expect(m.reasons.length).toBeGreaterThan(0);
        for (const r of m.reasons) expect(r).toMatch(/[\u4e00-\u9fff]/);
      }),
    );
  });

  it('adding a need never turns not matched into matched, nor creates a match (property)', () => {
    fc.assert(
      fc.property(rulesArb, fc.subarray([...NEEDS]), factsArb, (a, more, facts) => {
        const b: CharityRules = { ...a, needs: [...new Set([...(a.needs ?? []), ...more])] };
        if (matchChild(a, facts, DAY).result === 'not_matched') expect(matchChild(b, facts, DAY).result).toBe('not_matched');
        if (matchChild(b, facts, DAY).result === 'matched') expect(matchChild(a, facts, DAY).result).toBe('matched');
      }),
    );
  });
});
