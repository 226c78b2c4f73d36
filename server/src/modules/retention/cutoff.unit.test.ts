import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shanghaiDate } from '#common/dates.js';
import { cutoffDate, cutoffInstant, monthsBefore } from './cutoff.js';

const day = fc
  .date({ min: new Date('2001-01-01T00:00:00Z'), max: new Date('2098-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

describe('retention cutoff (month arithmetic)', () => {
  it('examples across month ends and leap years', () => {
    expect(monthsBefore('2026-03-31', 1)).toBe('2026-02-28');
    expect(monthsBefore('2024-03-31', 1)).toBe('2024-02-29');
    expect(monthsBefore('2027-02-28', 36)).toBe('2024-02-28');
    expect(monthsBefore('2026-12-05', 6)).toBe('2026-06-05');
    expect(monthsBefore('2026-01-15', 13)).toBe('2024-12-15');
    // 2026-03-01 02:00 Shanghai is still 2026-02-28 in UTC: the Shanghai day counts.
    expect(cutoffDate(Date.parse('2026-02-28T18:00:00Z'), 1)).toBe('2026-02-01');
    expect(cutoffInstant(Date.parse('2026-02-28T18:00:00Z'), 1).toISOString()).toBe('2026-01-31T16:00:00.000Z');
  });

  it('lands in the right month, on the same day or the month end, never later than the period allows', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 600 }), (d, n) => {
        const c = monthsBefore(d, n);
        const months = (Number(d.slice(0, 4)) - Number(c.slice(0, 4))) * 12 + Number(d.slice(5, 7)) - Number(c.slice(5, 7));
        expect(months).toBe(n);
        const cd = Number(c.slice(8, 10));
        const dd = Number(d.slice(8, 10));
        const last = new Date(Date.UTC(Number(c.slice(0, 4)), Number(c.slice(5, 7)), 0)).getUTCDate();
        expect(cd).toBe(Math.min(dd, last));
        expect(c <= d).toBe(true);
      }),
    );
  });

  it('is monotone: a later day never gives an earlier cutoff, a longer period never a later one', () => {
    fc.assert(
      fc.property(day, day, fc.integer({ min: 0, max: 240 }), fc.integer({ min: 0, max: 24 }), (a, b, n, k) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(monthsBefore(lo, n) <= monthsBefore(hi, n)).toBe(true);
        expect(monthsBefore(a, n + k) <= monthsBefore(a, n)).toBe(true);
      }),
    );
  });

  it('the instant is midnight Shanghai of the cutoff day', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.parse('2001-01-01'), max: Date.parse('2098-01-01') }), fc.integer({ min: 0, max: 600 }), (now, n) => {
        const i = cutoffInstant(now, n).getTime();
        expect(shanghaiDate(i)).toBe(cutoffDate(now, n));
        expect(shanghaiDate(i - 1)).not.toBe(cutoffDate(now, n));
        expect(i <= now).toBe(true);
      }),
    );
  });
});
