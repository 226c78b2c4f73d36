/** The pure staffing rule and station coverage check, on examples and as properties (fast-check). */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { currentOn, ruleApplies, stationGaps, staffingViolations, STATION_ROLES, type StaffingRuleData } from './staffing.js';

const RULES: StaffingRuleData[] = [
  { code: 'committee-any', childrenOver: 0, minDirectors: 1, active: true },
  { code: 'committee-over-30', childrenOver: 30, minDirectors: 2, active: true },
];
const c = (children: number, directors: number) => ({ committeeId: 'c', streetCode: 's', children, directors });

describe('staffingViolations', () => {
  it('31 children + 1 director breaks the over-30 rule; 30 + 1 and 0 + 0 break nothing', () => {
    expect(staffingViolations([c(31, 1)], RULES)).toEqual([
      { ruleCode: 'committee-over-30', committeeId: 'c', streetCode: 's', children: 31, directors: 1, required: 2, shortfall: 1 },
    ]);
    expect(staffingViolations([c(30, 1)], RULES)).toEqual([]);
    expect(staffingViolations([c(0, 0)], RULES)).toEqual([]);
    expect(staffingViolations([c(31, 0)], RULES).map((v) => [v.ruleCode, v.shortfall])).toEqual([
      ['committee-any', 1],
      ['committee-over-30', 2],
    ]);
  });
  it('a threshold edit changes the result; an inactive rule never fires', () => {
    const edited = RULES.map((r) => (r.code === 'committee-over-30' ? { ...r, childrenOver: 29 } : r));
    expect(staffingViolations([c(30, 1)], edited).map((v) => v.ruleCode)).toEqual(['committee-over-30']);
    expect(
      staffingViolations(
        [c(31, 0)],
        RULES.map((r) => ({ ...r, active: false })),
      ),
    ).toEqual([]);
  });

  const rule = fc.record({
    code: fc.string({ minLength: 1, maxLength: 5 }),
    childrenOver: fc.integer({ min: 0, max: 60 }),
    minDirectors: fc.integer({ min: 1, max: 4 }),
    active: fc.boolean(),
  });
  const committee = fc.record({
    committeeId: fc.uuid(),
    streetCode: fc.constantFrom('dinghai', 'pingliang'),
    children: fc.integer({ min: 0, max: 80 }),
    directors: fc.integer({ min: 0, max: 5 }),
  });
  it('fires exactly for (active rule, committee) with children over the threshold and directors under the minimum, with a positive shortfall', () => {
    fc.assert(
      fc.property(fc.array(committee, { maxLength: 8 }), fc.array(rule, { maxLength: 4 }), (cs, rs) => {
        const v = staffingViolations(cs, rs);
        const expected = cs.flatMap((x) => rs.filter((r) => r.active && x.children > r.childrenOver && x.directors < r.minDirectors).map(() => x.committeeId));
        expect(v.map((x) => x.committeeId)).toEqual(expected);
        for (const x of v) expect(x.shortfall).toBe(x.required - x.directors);
        for (const x of v) expect(x.shortfall).toBeGreaterThan(0);
        // a committee without children never breaks a rule, nor does one a rule applies to not at all
        for (const x of v) expect(ruleApplies(x, rs)).toBe(true);
        // adding directors never creates a violation
        const more = staffingViolations(
          cs.map((x) => ({ ...x, directors: x.directors + 1 })),
          rs,
        );
        expect(more.length).toBeLessThanOrEqual(v.length);
      }),
    );
  });
});

describe('stationGaps', () => {
  const day = fc.integer({ min: 0, max: 800 }).map((n) => new Date(Date.UTC(2025, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
  const member = fc.record({
    streetCode: fc.constantFrom('dinghai', 'pingliang', 'jiangpu'),
    role: fc.constantFrom(...STATION_ROLES),
    since: day,
    until: fc.option(day, { nil: null }),
  });
  it('lists a street and role exactly when no member holds it on the day', () => {
    fc.assert(
      fc.property(fc.array(member, { maxLength: 12 }), day, (ms, d) => {
        const streets = ['dinghai', 'pingliang', 'jiangpu'];
        const gaps = stationGaps(streets, ms, d);
        for (const s of streets)
          for (const role of ['head', 'prosecutor_deputy'] as const) {
            const held = ms.some((m) => m.streetCode === s && m.role === role && m.since <= d && (m.until === null || m.until > d));
            expect(gaps.some((g) => g.streetCode === s && g.role === role)).toBe(!held);
          }
        expect(gaps.every((g) => g.role === 'head' || g.role === 'prosecutor_deputy')).toBe(true);
      }),
    );
  });
  it('a member ending on a day no longer holds the post that day', () => {
    expect(currentOn({ since: '2026-01-01', until: '2026-03-01' }, '2026-03-01')).toBe(false);
    expect(currentOn({ since: '2026-01-01', until: null }, '2026-01-01')).toBe(true);
    expect(currentOn({ since: '2026-01-02', until: null }, '2026-01-01')).toBe(false);
  });
});
