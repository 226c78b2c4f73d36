/** The school holiday calendar helper: hand-made calendars (a winter holiday across New Year) and properties. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays } from './dates.js';
import { currentOrNextHoliday, exampleHolidays, holidayOn, holidayProblems, nextHoliday, termBefore, type Holiday } from './holidays.js';

// A calendar whose winter holiday spans New Year (2026-12-28 to 2027-02-10, counted in 2026).
const CAL: Holiday[] = [
  { year: 2026, season: 'summer', startsOn: '2026-07-04', endsOn: '2026-08-31' },
  { year: 2026, season: 'winter', startsOn: '2026-12-28', endsOn: '2027-02-10' },
  { year: 2027, season: 'summer', startsOn: '2027-07-03', endsOn: '2027-08-31' },
];

describe('the holiday calendar helper', () => {
  it('finds the holiday containing a day, first and last days included, across New Year', () => {
    expect(holidayOn(CAL, '2026-12-27')).toBeNull();
    expect(holidayOn(CAL, '2026-12-28')?.season).toBe('winter');
    expect(holidayOn(CAL, '2026-12-31')?.year).toBe(2026);
    expect(holidayOn(CAL, '2027-01-01')).toMatchObject({ year: 2026, season: 'winter' });
    expect(holidayOn(CAL, '2027-02-10')?.season).toBe('winter');
    expect(holidayOn(CAL, '2027-02-11')).toBeNull();
  });

  it('finds the next holiday strictly after a day, and the current-or-next one', () => {
    expect(nextHoliday(CAL, '2026-09-01')).toMatchObject({ year: 2026, season: 'winter' });
    expect(nextHoliday(CAL, '2026-12-28')).toMatchObject({ year: 2027, season: 'summer' });
    expect(nextHoliday(CAL, '2027-01-01')).toMatchObject({ year: 2027, season: 'summer' });
    expect(currentOrNextHoliday(CAL, '2027-01-01')).toMatchObject({ year: 2026, season: 'winter' });
    expect(currentOrNextHoliday(CAL, '2027-09-01')).toBeNull();
    expect(nextHoliday([], '2027-01-01')).toBeNull();
  });

  it('gives the term before a holiday: the day after the previous one ends to the day before it starts', () => {
    expect(termBefore(CAL, CAL[1]!)).toEqual({ from: '2026-09-01', to: '2026-12-27' });
    expect(termBefore(CAL, CAL[2]!)).toEqual({ from: '2027-02-11', to: '2027-07-02' });
    // no earlier holiday in the calendar: the start is unknown
    expect(termBefore(CAL, CAL[0]!)).toEqual({ from: null, to: '2026-07-03' });
  });

  it('refuses overlapping dates, an end before the start, a start outside the year', () => {
    expect(holidayProblems(CAL[1]!, CAL)).toEqual([]);
    expect(holidayProblems({ year: 2027, season: 'winter', startsOn: '2027-02-01', endsOn: '2027-02-20' }, CAL).join()).toMatch(/日期重叠/);
    expect(holidayProblems({ year: 2027, season: 'winter', startsOn: '2027-02-20', endsOn: '2027-02-01' }, []).join()).toMatch(/结束日期不能早于开始日期/);
    expect(holidayProblems({ year: 2027, season: 'winter', startsOn: '2026-12-20', endsOn: '2027-02-01' }, []).join()).toMatch(/应在 2027 年内/);
    expect(exampleHolidays(2027).every((h) => holidayProblems(h, exampleHolidays(2027)).length === 0)).toBe(true);
  });

  // A random calendar of non-overlapping holidays, and a random day.
  const day = fc.integer({ min: 0, max: 3000 }).map((n) => addDays('2025-01-01', n));
  const calendar = fc.array(fc.tuple(fc.integer({ min: 1, max: 120 }), fc.integer({ min: 0, max: 70 })), { minLength: 0, maxLength: 8 }).map((gaps) => {
    let cursor = '2025-01-01';
    return gaps.map(([gap, len], i): Holiday => {
      const startsOn = addDays(cursor, gap);
      const endsOn = addDays(startsOn, len);
      cursor = endsOn;
      return { year: Number(startsOn.slice(0, 4)), season: i % 2 ? 'summer' : 'winter', startsOn, endsOn };
    });
  });

  it('property: the holiday on a day contains it; no other does', () => {
    fc.assert(
      fc.property(calendar, day, (cal, d) => {
        const h = holidayOn(cal, d);
        const containing = cal.filter((x) => x.startsOn <= d && d <= x.endsOn);
        expect(containing.length).toBeLessThanOrEqual(1);
        expect(h).toBe(containing[0] ?? null);
      }),
    );
  });

  it('property: the next holiday starts after the day, and no holiday starts in between', () => {
    fc.assert(
      fc.property(calendar, day, (cal, d) => {
        const n = nextHoliday(cal, d);
        if (!n) {
          expect(cal.every((x) => x.startsOn <= d)).toBe(true);
        } else {
          expect(n.startsOn > d).toBe(true);
          expect(cal.some((x) => x.startsOn > d && x.startsOn < n.startsOn)).toBe(false);
        }
      }),
    );
  });

  it('property: the term before a holiday touches no holiday and ends the day before it', () => {
    fc.assert(
      fc.property(calendar, (cal) => {
        for (const h of cal) {
          const t = termBefore(cal, h);
          expect(addDays(t.to, 1)).toBe(h.startsOn);
          if (t.from !== null) {
            // every day of the term falls in no holiday
            for (let x = t.from; x <= t.to; x = addDays(x, 1)) expect(holidayOn(cal, x)).toBeNull();
            expect(holidayOn(cal, addDays(t.from, -1))).not.toBeNull();
          } else {
            expect(cal.some((x) => x.endsOn < h.startsOn)).toBe(false);
          }
        }
      }),
      { numRuns: 50 },
    );
  });
});
