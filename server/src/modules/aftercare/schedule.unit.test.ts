/** The follow-up schedule of a child returned home: hand-computed cases and properties. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween } from '#common/dates.js';
import { daysOverdue, intervalAfter, nextDue } from './schedule.js';

const DEFAULT = { intervalDays: 30, firstPeriodDays: 90, laterIntervalDays: 60 };
const day = fc.integer({ min: 0, max: 3000 }).map((n) => addDays('2024-01-01', n));
const schedule = fc.record({
  intervalDays: fc.integer({ min: 1, max: 365 }),
  firstPeriodDays: fc.integer({ min: 0, max: 3650 }),
  laterIntervalDays: fc.integer({ min: 1, max: 365 }),
});

describe('the follow-up schedule', () => {
  it('follows the district default: every 30 days in the first 3 months, then every 60', () => {
    expect(nextDue('2026-01-10', '2026-01-10', DEFAULT)).toBe('2026-02-09');
    expect(nextDue('2026-01-10', '2026-02-09', DEFAULT)).toBe('2026-03-11');
    expect(nextDue('2026-01-10', '2026-03-11', DEFAULT)).toBe('2026-04-10'); // day 60 < 90: still 30
    expect(nextDue('2026-01-10', '2026-04-10', DEFAULT)).toBe('2026-06-09'); // day 90: from now on 60
    // a late follow-up counts from the day it was done
    expect(nextDue('2026-01-10', '2026-02-20', DEFAULT)).toBe('2026-03-22');
  });

  it('uses a fixed interval when the first period is zero', () => {
    expect(nextDue('2026-01-10', '2026-01-10', { intervalDays: 14, firstPeriodDays: 0, laterIntervalDays: 14 })).toBe('2026-01-24');
  });

  it('always schedules after the base day, by one of the two intervals, the later one once the first period is over', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 2000 }), schedule, (returnedOn, after, s) => {
        const from = addDays(returnedOn, after);
        const next = nextDue(returnedOn, from, s);
        const gap = daysBetween(from, next);
        expect(gap).toBeGreaterThan(0);
        expect([s.intervalDays, s.laterIntervalDays]).toContain(gap);
        if (after >= s.firstPeriodDays) expect(gap).toBe(s.laterIntervalDays);
        else expect(gap).toBe(s.intervalDays);
        expect(intervalAfter(returnedOn, from, s)).toBe(gap);
      }),
    );
  });

  it('is monotone: a later follow-up never brings the next one earlier', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 400 }), schedule, (returnedOn, a, extra, s) => {
        const first = addDays(returnedOn, a);
        const second = addDays(first, extra);
        if (s.laterIntervalDays >= s.intervalDays) expect(nextDue(returnedOn, second, s) >= nextDue(returnedOn, first, s)).toBe(true);
      }),
    );
  });

  it('counts days overdue from the due day, zero when done or not yet due', () => {
    expect(daysOverdue('2026-03-01', null, '2026-03-11')).toBe(10);
    expect(daysOverdue('2026-03-01', null, '2026-02-11')).toBe(0);
    expect(daysOverdue('2026-03-01', '2026-03-05', '2026-03-11')).toBe(0);
    fc.assert(
      fc.property(day, day, (due, today) => {
        expect(daysOverdue(due, null, today)).toBe(Math.max(0, daysBetween(due, today)));
      }),
    );
  });
});
