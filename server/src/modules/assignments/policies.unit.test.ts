/** The assignment rules: who may take children, and which requested children lie outside the area. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { outsideArea, workerRefusal } from './policies.js';

describe('workerRefusal', () => {
  it('refuses a user not offered to the street and a suspended worker, in Chinese', () => {
    expect(workerRefusal(null)).toMatch(/本街道/);
    expect(workerRefusal({ suspended: true })).toMatch(/从业查询/);
    expect(workerRefusal({ suspended: false })).toBeNull();
  });
});

describe('outsideArea', () => {
  it('is exactly the requested children the area does not hold, each once (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.uuid(), { maxLength: 20 }), fc.array(fc.uuid(), { maxLength: 20 }), (requested, held) => {
        const out = outsideArea(requested, held);
        expect(new Set(out).size).toBe(out.length);
        for (const id of out) expect(held).not.toContain(id);
        for (const id of requested) if (!held.includes(id)) expect(out).toContain(id);
      }),
    );
  });
});
