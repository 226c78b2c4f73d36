/**
 * The pure booking rules (common/src/services.ts): a child's tier from its categories and the
 * default tiers, and who takes freed places — always by rank then time, only tiers allowed now,
 * never more than the free places (fast-check properties).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lastTier, promotions, tierFor, waitOrder, type PriorityRule, type WaitingEntry } from '#common/services.js';
import { CHILD_CATEGORIES } from '#common/values.js';
import { DEFAULT_RULES } from './defaults.js';

const RULES: PriorityRule[] = DEFAULT_RULES.map((r) => ({ ...r, categories: [...r.categories], active: true }));

describe('tierFor', () => {
  it('puts any category but reunited in tier 1, reunited alone in tier 2, none in tier 3', () => {
    fc.assert(
      fc.property(fc.subarray([...CHILD_CATEGORIES]), (cats) => {
        const t = tierFor(cats, RULES);
        const difficulty = cats.some((c) => c !== 'reunited_with_parents');
        const expected = difficulty ? 'in_difficulty' : cats.includes('reunited_with_parents') ? 'reunited' : 'other';
        expect(t?.code).toBe(expected);
      }),
    );
  });
  it('skips inactive tiers; the last active tier takes external participants', () => {
    const without = RULES.map((r) => (r.code === 'reunited' ? { ...r, active: false } : r));
    expect(tierFor(['reunited_with_parents'], without)?.code).toBe('other');
    expect(lastTier(RULES)?.code).toBe('other');
    expect(tierFor([], [])).toBeNull();
  });
});

const entry = fc.record({
  id: fc.uuid(),
  rank: fc.integer({ min: 1, max: 3 }),
  requestedAt: fc.integer({ min: 0, max: 1000 }),
  allowedNow: fc.boolean(),
});

describe('promotions', () => {
  it('follow rank then time, take only tiers allowed now, and never exceed the free places', () => {
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 40 }), fc.integer({ min: -2, max: 10 }), (waiting: WaitingEntry[], free) => {
        const chosen = promotions(waiting, free);
        expect(chosen.length).toBeLessThanOrEqual(Math.max(0, free));
        expect(chosen.every((c) => c.allowedNow)).toBe(true);
        for (let i = 1; i < chosen.length; i++) expect(waitOrder(chosen[i - 1]!, chosen[i]!)).toBeLessThanOrEqual(0);
        // nobody allowed and left out comes before someone chosen
        const left = waiting.filter((w) => w.allowedNow && !chosen.includes(w));
        const lastChosen = chosen.at(-1);
        if (lastChosen) for (const l of left) expect(waitOrder(l, lastChosen)).toBeGreaterThanOrEqual(0);
        // all places filled when enough are allowed
        expect(chosen.length).toBe(Math.min(Math.max(0, free), waiting.filter((w) => w.allowedNow).length));
      }),
    );
  });
});
