/** Who may edit a session and evaluate whom, and when an evaluation may be saved. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canEditSession, evaluateRefusal, metricsDay, saveRefusal } from './policies.js';

describe('training policies', () => {
  it('a street edits its own sessions; the district edits any', () => {
    const street = { userId: 'u1', unitCode: 'street-dinghai', permissions: new Set(['workforce.manage']) };
    const district = { userId: 'u2', unitCode: 'civil-affairs', permissions: new Set(['workforce.manage', 'workforce.configure']) };
    expect(canEditSession(street, 'street-dinghai')).toBe(true);
    expect(canEditSession(street, 'civil-affairs')).toBe(false);
    expect(canEditSession(street, null)).toBe(false);
    expect(canEditSession(district, 'street-dinghai')).toBe(true);
  });
  it('nobody evaluates themselves, and only directors are evaluated', () => {
    fc.assert(
      fc.property(fc.constantFrom('a', 'b', 'c'), fc.option(fc.constantFrom('a', 'b', 'c')), (me, them) => {
        const r = evaluateRefusal({ userId: me, unitCode: 'x', permissions: new Set() }, { userId: them, roleKind: 'child_director' });
        expect(r !== null).toBe(them === me);
      }),
    );
    expect(evaluateRefusal({ userId: 'a', unitCode: 'x', permissions: new Set() }, { userId: null, roleKind: 'street_supervisor' })).toMatch(/儿童主任/);
  });
  it('a done evaluation is final; finishing needs a grade', () => {
    expect(saveRefusal({ status: 'done' }, false, 'good')).toMatch(/已完成/);
    expect(saveRefusal(null, true, null)).toMatch(/等次/);
    expect(saveRefusal({ status: 'draft' }, true, 'pass')).toBeNull();
    expect(saveRefusal(null, false, null)).toBeNull();
  });
  it('metrics are taken on the year’s last day, or today while it runs', () => {
    expect(metricsDay(2025, '2026-03-01')).toBe('2025-12-31');
    expect(metricsDay(2026, '2026-03-01')).toBe('2026-03-01');
  });
});
