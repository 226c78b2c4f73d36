/** The breakdown's presenter (pure): rates and medians from the database's text figures. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { presentRow } from './stats.js';
import type { StatsRow } from './repo.js';

const row = (over: Partial<StatsRow>): StatsRow => ({
  grouping: 'unit',
  code: 'education',
  name: '区教育局',
  sent: '0',
  ack_due: '0',
  ack_on_time: '0',
  completed: '0',
  median_days: null,
  overdue_now: '0',
  ...over,
});

describe('presentRow', () => {
  it('gives the share acknowledged in time in percent with one decimal, none without a deadline come', () => {
    fc.assert(
      fc.property(fc.nat(10_000), fc.nat(10_000), (a, b) => {
        const due = Math.max(a, b);
        const onTime = Math.min(a, b);
        const r = presentRow(row({ ack_due: String(due), ack_on_time: String(onTime) }));
        if (due === 0) return r.ackRate === null;
        return r.ackRate !== null && r.ackRate >= 0 && r.ackRate <= 100 && Math.abs(r.ackRate - (onTime / due) * 100) <= 0.05 + 1e-9;
      }),
    );
    expect(presentRow(row({ ack_due: '3', ack_on_time: '2' })).ackRate).toBe(66.7);
  });

  it('rounds a median to one decimal and names the total 合计', () => {
    expect(presentRow(row({ median_days: '7.25' })).medianDays).toBe(7.3);
    expect(presentRow(row({ median_days: null })).medianDays).toBeNull();
    expect(presentRow(row({ grouping: 'total', code: null, name: null }))).toMatchObject({ code: '', name: '合计' });
  });
});
