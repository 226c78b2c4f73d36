/** The aid rule: not in the future, within the project's period and active, amount per child, capacity, the child's match. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aidRefusals, type AidFacts } from './policies.js';

const base: AidFacts = {
  today: '2026-12-04',
  givenOn: '2026-12-01',
  amount: 500,
  project: { active: true, startsOn: '2026-01-01', endsOn: '2026-12-31', amountPerChild: 500, capacity: 10 },
  uptake: { children: 3, has: false },
  match: { result: 'matched', reasons: ['属于残疾儿童'] },
};

describe('aidRefusals', () => {
  it('accepts a good record and names each fault by field', () => {
    expect(aidRefusals(base)).toEqual({ fields: [], full: false });
    expect(aidRefusals({ ...base, givenOn: '2026-12-05' }).fields.map((f) => f.path)).toContain('givenOn');
    expect(aidRefusals({ ...base, givenOn: '2025-12-31' }).fields[0]?.message).toMatch(/项目期间/);
    expect(aidRefusals({ ...base, amount: 500.01 }).fields[0]?.path).toBe('amount');
    expect(aidRefusals({ ...base, project: { ...base.project, active: false } }).fields[0]?.message).toMatch(/停用/);
    expect(aidRefusals({ ...base, match: { result: 'not_matched', reasons: ['年龄 20 周岁'] } }).fields[0]?.path).toBe('childId');
    expect(aidRefusals({ ...base, match: { result: 'undetermined', reasons: [] } }).fields).toEqual([]);
    expect(aidRefusals({ ...base, uptake: { children: 10, has: false } }).full).toBe(true);
    // a child already aided by the project takes no new place
    expect(aidRefusals({ ...base, uptake: { children: 10, has: true } }).full).toBe(false);
  });

  it('capacity: full exactly when a new child would exceed it (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 60 }), fc.boolean(), (cap, taken, has) => {
        const r = aidRefusals({ ...base, project: { ...base.project, capacity: cap }, uptake: { children: taken, has } });
        expect(r.full).toBe(!has && taken >= cap);
      }),
    );
  });
});
