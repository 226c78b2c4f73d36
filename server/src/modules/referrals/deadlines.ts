/**
 * Referral deadlines. Day deadlines count **working days**: Monday to Friday, minus the holidays
 * the district lists in `work_calendar`, plus the weekend days it lists as working days (调休). A
 * deadline of 1 working day set on a Friday falls on Monday; one set on Saturday falls on Monday
 * too (the weekend day itself does not count). 暖杨通道's acknowledgement deadline counts **hours
 * on the clock**, weekends included: harm to a child does not wait for Monday.
 *
 * Pure functions over a calendar snapshot, so tests move across weekends without a database.
 */
import { addDays } from '#common/dates.js';

export interface Calendar {
  /** Weekdays that are holidays. */
  holidays: ReadonlySet<string>;
  /** Weekend days that are working days (调休). */
  workdays: ReadonlySet<string>;
}

export const PLAIN_CALENDAR: Calendar = { holidays: new Set(), workdays: new Set() };

/** 0 = Sunday … 6 = Saturday, for a YYYY-MM-DD date. */
function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

export function isWorkingDay(date: string, cal: Calendar): boolean {
  if (cal.workdays.has(date)) return true;
  if (cal.holidays.has(date)) return false;
  const d = weekday(date);
  return d !== 0 && d !== 6;
}

/** The date `n` working days after `date` (n ≥ 0; n = 0 gives the first working day from `date` on). */
export function addWorkingDays(date: string, n: number, cal: Calendar): string {
  let d = date;
  if (n === 0) {
    while (!isWorkingDay(d, cal)) d = addDays(d, 1);
    return d;
  }
  let left = n;
  while (left > 0) {
    d = addDays(d, 1);
    if (isWorkingDay(d, cal)) left--;
  }
  return d;
}

/** Working days from `from` (exclusive) to `to` (inclusive); negative when `to` is before `from`. */
export function workingDaysBetween(from: string, to: string, cal: Calendar): number {
  if (to === from) return 0;
  const sign = to > from ? 1 : -1;
  const end = sign > 0 ? to : from;
  let d = sign > 0 ? from : to;
  let n = 0;
  while (d < end) {
    d = addDays(d, 1);
    if (isWorkingDay(d, cal)) n++;
  }
  return sign * n;
}

/** The acknowledgement deadline: a number of hours (暖杨通道) or of working days (end of that day, Shanghai). */
export function ackDeadline(nowMs: number, today: string, opts: { channel: boolean; channelAckHours: number; ackWorkingDays: number }, cal: Calendar): Date {
  if (opts.channel) return new Date(nowMs + opts.channelAckHours * 3_600_000);
  return endOfShanghaiDay(addWorkingDays(today, opts.ackWorkingDays, cal));
}

/** 23:59:59.999 in Shanghai (UTC+8, no daylight saving) of a date. */
export function endOfShanghaiDay(date: string): Date {
  return new Date(Date.parse(`${date}T23:59:59.999+08:00`));
}
