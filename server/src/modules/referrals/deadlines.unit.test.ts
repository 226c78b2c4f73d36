/**
 * Working days and the deadline rules (pure): property tests over random dates and calendars, and
 * the cases the district asks about (a Friday, a Saturday, 国庆 with its 调休 days, 暖杨通道 hours
 * across a weekend, reminders and both escalation levels).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '#common/dates.js';
import {
  PLAIN_CALENDAR,
  ackDeadline,
  addWorkingDays,
  decide,
  endOfShanghaiDay,
  isWorkingDay,
  workingDaysBetween,
  type Calendar,
  type DeadlineFacts,
} from './deadlines.js';

const BASE = '2026-01-01';
/** A date within 2026-2028. */
const date = fc.integer({ min: 0, max: 3 * 365 }).map((n) => addDays(BASE, n));
/** A random calendar: some weekdays made holidays, some weekend days made working days. */
const calendar: fc.Arbitrary<Calendar> = fc.array(fc.tuple(date, fc.boolean()), { maxLength: 60 }).map((days) => {
  const holidays = new Set<string>();
  const workdays = new Set<string>();
  for (const [d, h] of days) {
    const wd = new Date(`${d}T00:00:00Z`).getUTCDay();
    const weekend = wd === 0 || wd === 6;
    if (h && !weekend) holidays.add(d);
    if (!h && weekend) workdays.add(d);
  }
  return { holidays, workdays };
});
const n = fc.integer({ min: 1, max: 40 });

describe('working days', () => {
  it('addWorkingDays never lands on a non-working day for n ≥ 1', () => {
    fc.assert(fc.property(date, n, calendar, (d, k, cal) => isWorkingDay(addWorkingDays(d, k, cal), cal)));
  });

  it('workingDaysBetween(from, addWorkingDays(from, n)) = n for n ≥ 1; n = 0 is the first working day from `from` on', () => {
    fc.assert(fc.property(date, n, calendar, (d, k, cal) => workingDaysBetween(d, addWorkingDays(d, k, cal), cal) === k));
    fc.assert(
      fc.property(date, calendar, (d, cal) => {
        const z = addWorkingDays(d, 0, cal);
        return isWorkingDay(z, cal) && (isWorkingDay(d, cal) ? z === d : z > d && workingDaysBetween(d, z, cal) === 1);
      }),
    );
  });

  it('is monotonic and later than the start, and workingDaysBetween is antisymmetric', () => {
    fc.assert(
      fc.property(date, n, calendar, (d, k, cal) => {
        const a = addWorkingDays(d, k, cal);
        const b = addWorkingDays(d, k + 1, cal);
        return a > d && b > a;
      }),
    );
    fc.assert(fc.property(date, date, calendar, (a, b, cal) => workingDaysBetween(a, b, cal) === -workingDaysBetween(b, a, cal)));
  });

  it('never counts a holiday and always counts a 调休 working day', () => {
    fc.assert(
      fc.property(date, n, calendar, (d, k, cal) => {
        const end = addWorkingDays(d, k, cal);
        let counted = 0;
        for (let x = addDays(d, 1); x <= end; x = addDays(x, 1)) {
          if (cal.holidays.has(x) && isWorkingDay(x, cal)) return false;
          if (cal.workdays.has(x) && !isWorkingDay(x, cal)) return false;
          if (isWorkingDay(x, cal)) counted++;
        }
        return counted === k;
      }),
    );
  });

  it('a Friday + 1 is Monday, a Saturday + 1 is Monday, a Sunday + 0 is Monday', () => {
    expect(addWorkingDays('2027-01-08', 1, PLAIN_CALENDAR)).toBe('2027-01-11');
    expect(addWorkingDays('2027-01-09', 1, PLAIN_CALENDAR)).toBe('2027-01-11');
    expect(addWorkingDays('2027-01-10', 0, PLAIN_CALENDAR)).toBe('2027-01-11');
    expect(workingDaysBetween('2027-01-08', '2027-01-11', PLAIN_CALENDAR)).toBe(1);
  });

  it('respects 国庆 holidays and the weekend days worked in exchange (调休)', () => {
    // 2026: 10-01 (Thu) to 10-07 holidays; Sunday 09-27 and Saturday 10-10 are working days.
    const cal: Calendar = {
      holidays: new Set(['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07']),
      workdays: new Set(['2026-09-27', '2026-10-10']),
    };
    expect(addWorkingDays('2026-09-26', 1, cal)).toBe('2026-09-27'); // Saturday + 1 = the 调休 Sunday
    expect(addWorkingDays('2026-09-30', 1, cal)).toBe('2026-10-08'); // over the holiday week
    expect(addWorkingDays('2026-10-09', 1, cal)).toBe('2026-10-10'); // Friday + 1 = the 调休 Saturday
    expect(workingDaysBetween('2026-09-30', '2026-10-10', cal)).toBe(3); // 10-08, 10-09, 10-10
  });

  it('the acknowledgement deadline: clock hours for 暖杨通道 across a weekend, working days otherwise', () => {
    const saturdayNight = Date.parse('2027-01-09T22:30:00+08:00');
    const opts = { channelAckHours: 2, ackWorkingDays: 1 };
    expect(ackDeadline(saturdayNight, '2027-01-09', { ...opts, channel: true }, PLAIN_CALENDAR).toISOString()).toBe(
      new Date(Date.parse('2027-01-10T00:30:00+08:00')).toISOString(),
    );
    expect(ackDeadline(saturdayNight, '2027-01-09', { ...opts, channel: false }, PLAIN_CALENDAR)).toEqual(endOfShanghaiDay('2027-01-11'));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 * 86_400_000 }), fc.integer({ min: 1, max: 72 }), (ms, h) => {
        const now = Date.parse('2026-01-01T00:00:00Z') + ms;
        return ackDeadline(now, '2026-01-01', { channel: true, channelAckHours: h, ackWorkingDays: 1 }, PLAIN_CALENDAR).getTime() === now + h * 3_600_000;
      }),
    );
  });
});

describe('deadline rules', () => {
  const S = { remind_before_days: 1, district_after_days: 2, channel_ack_hours: 2 };
  const at = (iso: string) => Date.parse(`${iso}+08:00`);
  // sent Friday 2027-01-08, acknowledge by the end of Monday, complete by Wednesday 01-13
  const friday: DeadlineFacts = {
    status: 'sent',
    channel: false,
    ack_due_at: endOfShanghaiDay('2027-01-11'),
    due_on: '2027-01-13',
    escalation_level: 0,
    reminded_at: null,
  };

  it('nothing over the weekend, the unit head after Monday, 区民政局 two working days after the deadline', () => {
    expect(decide(friday, at('2027-01-09T10:00:00'), S, PLAIN_CALENDAR)).toEqual({ remind: false, level: 0, why: null });
    expect(decide(friday, at('2027-01-10T23:00:00'), S, PLAIN_CALENDAR).level).toBe(0);
    expect(decide(friday, at('2027-01-11T23:59:00'), S, PLAIN_CALENDAR).level).toBe(0);
    expect(decide(friday, at('2027-01-12T00:00:01'), S, PLAIN_CALENDAR)).toMatchObject({ level: 1, why: '超过签收时限仍未签收' });
    const received = { ...friday, status: 'received', escalation_level: 1 };
    expect(decide(received, at('2027-01-14T09:00:00'), S, PLAIN_CALENDAR)).toMatchObject({ level: 1, why: null });
    expect(decide(received, at('2027-01-15T23:00:00'), S, PLAIN_CALENDAR).level).toBe(1); // Thu, Fri: the two working days
    expect(decide(received, at('2027-01-16T00:01:00'), S, PLAIN_CALENDAR)).toMatchObject({ level: 2 });
  });

  it('a holiday pushes the escalation', () => {
    const cal: Calendar = { holidays: new Set(['2027-01-15']), workdays: new Set() };
    const r = { ...friday, status: 'accepted', escalation_level: 1 };
    expect(decide(r, at('2027-01-18T08:00:00'), S, cal).level).toBe(1);
    expect(decide(r, at('2027-01-19T08:00:00'), S, cal).level).toBe(2);
  });

  it('reminds once, the working day before the deadline, not after it has passed', () => {
    const r = { ...friday, status: 'received' };
    expect(decide(r, at('2027-01-11T09:00:00'), S, PLAIN_CALENDAR).remind).toBe(false); // two working days before
    expect(decide(r, at('2027-01-12T09:00:00'), S, PLAIN_CALENDAR).remind).toBe(true);
    expect(decide(r, at('2027-01-13T09:00:00'), S, PLAIN_CALENDAR).remind).toBe(true);
    expect(decide({ ...r, reminded_at: new Date() }, at('2027-01-13T09:00:00'), S, PLAIN_CALENDAR).remind).toBe(false);
    expect(decide(r, at('2027-01-14T09:00:00'), S, PLAIN_CALENDAR)).toMatchObject({ remind: false, level: 1 });
    // escalated for a late acknowledgement, then received: the response deadline is still reminded
    expect(decide({ ...r, escalation_level: 1 }, at('2027-01-12T09:00:00'), S, PLAIN_CALENDAR)).toMatchObject({ remind: true, level: 1 });
  });

  it('暖杨通道: the unit head when the hours pass, 区民政局 after as many again, on a Sunday', () => {
    const sent = at('2027-01-09T23:00:00'); // Saturday night
    const ch: DeadlineFacts = { ...friday, channel: true, ack_due_at: new Date(sent + 2 * 3_600_000), due_on: '2027-01-13' };
    expect(decide(ch, at('2027-01-10T00:59:00'), S, PLAIN_CALENDAR).level).toBe(0);
    expect(decide(ch, at('2027-01-10T01:01:00'), S, PLAIN_CALENDAR).level).toBe(1);
    expect(decide(ch, at('2027-01-10T03:01:00'), S, PLAIN_CALENDAR)).toMatchObject({ level: 2, why: '暖杨通道转介超过签收时限 2 小时仍未签收' });
    expect(decide({ ...ch, status: 'received' }, at('2027-01-10T03:01:00'), S, PLAIN_CALENDAR).level).toBe(0);
  });

  it('never lowers a level, and does nothing for ended referrals', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 }),
        fc.constantFrom('sent', 'received', 'accepted', 'in_progress', 'completed', 'declined', 'closed', 'withdrawn'),
        fc.integer({ min: 0, max: 60 * 86_400_000 }),
        (lvl, status, ms) => {
          const d = decide({ ...friday, status, escalation_level: lvl }, at('2027-01-01T00:00:00') + ms, S, PLAIN_CALENDAR);
          const ended = !['sent', 'received', 'accepted', 'in_progress'].includes(status);
          return d.level >= lvl && (!ended || (d.level === lvl && !d.remind)) && (d.why === null) === (d.level === lvl);
        },
      ),
    );
  });
});
