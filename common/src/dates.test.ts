import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, addMonths, ageOn, daysBetween, shanghaiDate } from './dates.js';

const day = fc
  .date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2040-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

describe('Shanghai calendar dates', () => {
  it('takes the Shanghai day, which starts at 16:00 UTC', () => {
    expect(shanghaiDate(Date.parse('2026-12-03T15:59:59Z'))).toBe('2026-12-03');
    expect(shanghaiDate(Date.parse('2026-12-03T16:00:00Z'))).toBe('2026-12-04');
  });

  it('adds days and counts them back', () => {
    fc.assert(fc.property(day, fc.integer({ min: -4000, max: 4000 }), (d, n) => daysBetween(d, addDays(d, n)) === n));
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
  });

  it('adds months with roll-over of missing days', () => {
    expect(addMonths('2024-01-31', 1)).toBe('2024-03-02');
    expect(addMonths('2024-03-15', -3)).toBe('2023-12-15');
    fc.assert(
      fc.property(day, fc.integer({ min: -240, max: 240 }), (d, n) => {
        const r = addMonths(d.slice(0, 8) + '01', n);
        return r.endsWith('-01') && addMonths(r, -n) === d.slice(0, 8) + '01';
      }),
    );
  });

  it('counts full years; a 29 February birthday comes on 1 March in a common year', () => {
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
    expect(ageOn('2008-02-29', '2026-03-01')).toBe(18);
    expect(ageOn('2010-12-03', '2026-12-03')).toBe(16);
    fc.assert(fc.property(day, day, (b, t) => b > t || ageOn(b, t) >= 0));
  });
});
