/**
 * The cadence compliance engine on hand-made calendars (quarter, year and holiday boundaries:
 * 31 Dec/1 Jan, 31 Mar/1 Apr, a holiday's first day) and its properties (fast-check).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compliance, holidayPeriods, quarterOf, standing, yearOf, type DoneActivity, type HolidayLike, type RuleLike } from './activities.js';
import { addDays } from './dates.js';

const YEARLY: RuleLike = { code: 'y', period: 'year', activityKinds: ['safety'], minCount: 1, requireGuardianContact: false };
const QUARTERLY: RuleLike = {
  code: 'q',
  period: 'quarter',
  activityKinds: ['lecture', 'themed', 'legal', 'online_safety', 'safety', 'qinglang_week'],
  minCount: 1,
  requireGuardianContact: false,
};
const SCHOOL: RuleLike = { code: 's', period: 'before_holiday', activityKinds: ['safety', 'lecture'], minCount: 1, requireGuardianContact: true };

const HOLIDAYS: HolidayLike[] = [
  { startsOn: '2026-01-24', endsOn: '2026-02-28' }, // winter 2026
  { startsOn: '2026-07-04', endsOn: '2026-08-31' }, // summer 2026
  { startsOn: '2027-01-23', endsOn: '2027-02-20' }, // winter 2027
];

const act = (organiser: string, heldOn: string, kind = 'safety', guardiansContacted = true): DoneActivity => ({ organiser, heldOn, kind, guardiansContacted });
const one = (rule: RuleLike, acts: DoneActivity[], day: string, holidays = HOLIDAYS) => compliance(rule, ['A'], acts, holidays, day)[0]!;

describe('periods', () => {
  it('cuts quarters and years at their boundaries', () => {
    expect(quarterOf('2026-03-31')).toEqual(['2026-01-01', '2026-03-31']);
    expect(quarterOf('2026-04-01')).toEqual(['2026-04-01', '2026-06-30']);
    expect(quarterOf('2026-12-31')).toEqual(['2026-10-01', '2026-12-31']);
    expect(quarterOf('2027-01-01')).toEqual(['2027-01-01', '2027-03-31']);
    expect(yearOf('2026-12-31')).toEqual(['2026-01-01', '2026-12-31']);
  });

  it('cuts the before-holiday terms at the holidays: the first day of a holiday closes the term', () => {
    expect(holidayPeriods(HOLIDAYS, '2026-07-03')).toEqual({ current: ['2026-03-01', '2026-07-03'], lastClosed: [null, '2026-01-23'] });
    expect(holidayPeriods(HOLIDAYS, '2026-07-04')).toEqual({ current: ['2026-09-01', '2027-01-22'], lastClosed: ['2026-03-01', '2026-07-03'] });
    // no next holiday in the calendar: the current term has no end
    expect(holidayPeriods(HOLIDAYS, '2027-03-01').current).toEqual(['2027-02-21', null]);
  });
});

describe('yearly rule (task 29) across 31 Dec / 1 Jan', () => {
  it('done in the year; on 1 January the year closes done, and the new year is due, not overdue', () => {
    const acts = [act('A', '2026-12-31')];
    expect(one(YEARLY, acts, '2026-12-31').current).toMatchObject({ start: '2026-01-01', end: '2026-12-31', count: 1, status: 'done' });
    const jan = one(YEARLY, acts, '2027-01-01');
    expect(jan.current).toMatchObject({ start: '2027-01-01', count: 0, status: 'due' });
    expect(jan.lastClosed).toMatchObject({ start: '2026-01-01', end: '2026-12-31', count: 1, status: 'done' });
    expect(jan.overdue).toBe(false);
  });

  it('a year without a safety event is missed: overdue until the new year has one', () => {
    const acts = [act('A', '2025-06-01'), act('A', '2026-05-01', 'lecture')];
    const r = one(YEARLY, acts, '2027-01-01');
    expect(r.lastClosed?.status).toBe('missed');
    expect(r.overdue).toBe(true);
    expect(standing(r)).toBe('overdue');
    const after = one(YEARLY, [...acts, act('A', '2027-01-01')], '2027-01-01');
    expect(after.overdue).toBe(false);
    expect(standing(after)).toBe('done');
  });

  it('an activity dated after the day does not count yet', () => {
    expect(one(YEARLY, [act('A', '2026-12-31')], '2026-12-30').current.count).toBe(0);
  });
});

describe('quarterly rule (task 30) across 31 Mar / 1 Apr', () => {
  it('a lecture on 31 March counts for Q1, not for Q2', () => {
    const acts = [act('A', '2026-03-31', 'lecture')];
    const q1 = one(QUARTERLY, acts, '2026-03-31');
    expect(q1.current).toMatchObject({ start: '2026-01-01', end: '2026-03-31', deadline: '2026-03-31', count: 1, status: 'done' });
    const q2 = one(QUARTERLY, acts, '2026-04-01');
    expect(q2.current).toMatchObject({ start: '2026-04-01', end: '2026-06-30', count: 0, status: 'due' });
    expect(q2.lastClosed).toMatchObject({ start: '2026-01-01', end: '2026-03-31', status: 'done' });
    expect(q2.overdue).toBe(false);
  });

  it('nothing in Q1: on 1 April the station is overdue; a lecture on 1 April takes it off', () => {
    const r = one(QUARTERLY, [act('A', '2025-12-31', 'themed')], '2026-04-01');
    expect(r.lastClosed).toMatchObject({ status: 'missed', count: 0 });
    expect(r.overdue).toBe(true);
    expect(one(QUARTERLY, [act('A', '2026-04-01', 'legal')], '2026-04-01').overdue).toBe(false);
  });

  it('Q4 closes on 31 December: 1 January looks back at Q4 of the year before', () => {
    const r = one(QUARTERLY, [act('A', '2026-10-01', 'lecture')], '2027-01-01');
    expect(r.lastClosed).toMatchObject({ start: '2026-10-01', end: '2026-12-31', status: 'done' });
  });

  it('counts only the rule’s kinds', () => {
    expect(one(QUARTERLY, [act('A', '2026-05-01', 'public_interest')], '2026-05-02').current.status).toBe('due');
  });
});

describe('before-holiday rule (task 31) at a holiday’s first day', () => {
  it('a lecture the day before the summer holiday, with guardians contacted, meets the term', () => {
    const acts = [act('A', '2026-07-03', 'lecture', true)];
    expect(one(SCHOOL, acts, '2026-07-03').current).toMatchObject({ start: '2026-03-01', end: '2026-07-03', count: 1, status: 'done' });
    const first = one(SCHOOL, acts, '2026-07-04');
    expect(first.lastClosed).toMatchObject({ start: '2026-03-01', end: '2026-07-03', status: 'done' });
    expect(first.current).toMatchObject({ start: '2026-09-01', end: '2027-01-22', count: 0, status: 'due' });
    expect(first.overdue).toBe(false);
  });

  it('without contact to guardians it does not count: missed, overdue from the holiday’s first day', () => {
    const acts = [act('A', '2026-06-20', 'lecture', false)];
    expect(one(SCHOOL, acts, '2026-07-03').overdue).toBe(false);
    const r = one(SCHOOL, acts, '2026-07-04');
    expect(r.lastClosed?.status).toBe('missed');
    expect(r.overdue).toBe(true);
  });

  it('a lecture on the holiday’s first day belongs to no term before it', () => {
    const r = one(SCHOOL, [act('A', '2026-07-04', 'lecture')], '2026-07-05');
    expect(r.lastClosed?.status).toBe('missed');
    expect(r.current.count).toBe(0); // the next term starts on 1 September
  });

  it('no calendar row: undetermined, never missed', () => {
    expect(one(SCHOOL, [], '2026-05-01', []).current.status).toBe('undetermined');
    expect(one(SCHOOL, [], '2026-05-01', []).lastClosed).toBeNull();
    // the first holiday in the calendar has no holiday before it: its term's start is unknown
    const r = one(SCHOOL, [], '2026-02-01', HOLIDAYS);
    expect(r.lastClosed).toMatchObject({ start: null, end: '2026-01-23', status: 'undetermined' });
    expect(r.overdue).toBe(false);
    // the next holiday is not in the calendar yet
    const open = one(SCHOOL, [], '2027-03-01');
    expect(open.current).toMatchObject({ end: null, status: 'undetermined' });
  });
});

// ---- properties ----

const dayArb = fc.integer({ min: 0, max: 3 * 366 }).map((n) => addDays('2025-01-01', n));
const kindArb = fc.constantFrom('safety', 'lecture', 'themed', 'public_interest', 'other');
const actArb = fc.record({ organiser: fc.constantFrom('A', 'B', 'C'), heldOn: dayArb, kind: kindArb, guardiansContacted: fc.boolean() });
const ruleArb = fc.record({
  code: fc.constant('r'),
  period: fc.constantFrom('year' as const, 'quarter' as const, 'before_holiday' as const),
  activityKinds: fc.subarray(['safety', 'lecture', 'themed'], { minLength: 1 }),
  minCount: fc.integer({ min: 1, max: 3 }),
  requireGuardianContact: fc.boolean(),
});
// holidays: disjoint, increasing, a winter and a summer a year
const calendarArb = fc.array(fc.tuple(fc.integer({ min: 10, max: 40 }), fc.integer({ min: 20, max: 60 })), { minLength: 0, maxLength: 6 }).map((gaps) => {
  let d = '2024-12-01';
  return gaps.map(([gap, len]) => {
    const startsOn = addDays(d, gap * 4);
    const endsOn = addDays(startsOn, len);
    d = endsOn;
    return { startsOn, endsOn };
  });
});

describe('properties', () => {
  it('the current period holds the day (or starts after it, in a holiday); counts never exceed what was held', () => {
    fc.assert(
      fc.property(ruleArb, fc.array(actArb, { maxLength: 30 }), calendarArb, dayArb, (rule, acts, holidays, day) => {
        for (const r of compliance(rule, ['A', 'B', 'C'], acts, holidays, day)) {
          const { start, end } = r.current;
          if (end !== null) expect(end >= day).toBe(true);
          if (start !== null && end !== null) expect(start <= end || rule.period === 'before_holiday').toBe(true);
          if (rule.period !== 'before_holiday') expect(start !== null && start <= day).toBe(true);
          const held = acts.filter((a) => a.organiser === r.organiser && a.heldOn <= day).length;
          expect(r.current.count).toBeLessThanOrEqual(held);
          if (r.lastClosed?.end) expect(r.lastClosed.end < day).toBe(true);
        }
      }),
    );
  });

  it('a period with an unknown bound is never missed; done iff the count reaches the minimum', () => {
    fc.assert(
      fc.property(ruleArb, fc.array(actArb, { maxLength: 30 }), calendarArb, dayArb, (rule, acts, holidays, day) => {
        for (const r of compliance(rule, ['A', 'B'], acts, holidays, day)) {
          if (r.lastClosed && r.lastClosed.start === null) expect(r.lastClosed.status).not.toBe('missed');
          if (r.current.end === null) expect(r.current.status).not.toBe('due');
          expect(r.current.status === 'done').toBe(r.current.count >= rule.minCount);
          if (r.lastClosed) expect(r.lastClosed.status === 'done').toBe(r.lastClosed.count >= rule.minCount);
        }
      }),
    );
  });

  it('overdue exactly when the last closed period was missed and the current one is not done', () => {
    fc.assert(
      fc.property(ruleArb, fc.array(actArb, { maxLength: 30 }), calendarArb, dayArb, (rule, acts, holidays, day) => {
        for (const r of compliance(rule, ['A', 'B', 'C'], acts, holidays, day)) {
          expect(r.overdue).toBe(r.lastClosed?.status === 'missed' && r.current.status !== 'done');
        }
      }),
    );
  });

  it('adding a counting activity in the current period never puts an organiser on the overdue list', () => {
    fc.assert(
      fc.property(fc.constantFrom('year' as const, 'quarter' as const), fc.array(actArb, { maxLength: 20 }), dayArb, (period, acts, day) => {
        const rule: RuleLike = { ...YEARLY, period, activityKinds: ['safety'] };
        const before = compliance(rule, ['A'], acts, [], day)[0]!;
        const after = compliance(rule, ['A'], [...acts, act('A', day, 'safety')], [], day)[0]!;
        expect(after.current.count).toBe(before.current.count + 1);
        if (!before.overdue) expect(after.overdue).toBe(false);
        expect(after.current.status).toBe('done');
        expect(after.overdue).toBe(false);
      }),
    );
  });

  it('does not depend on the order of the activities or the calendar rows', () => {
    fc.assert(
      fc.property(ruleArb, fc.array(actArb, { maxLength: 20 }), calendarArb, dayArb, (rule, acts, holidays, day) => {
        const a = compliance(rule, ['A', 'B', 'C'], acts, holidays, day);
        const b = compliance(rule, ['A', 'B', 'C'], [...acts].reverse(), [...holidays].reverse(), day);
        expect(b).toEqual(a);
      }),
    );
  });
});
