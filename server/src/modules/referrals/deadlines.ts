/**
 * Referral deadlines. Day deadlines count **working days**: Monday to Friday, minus the holidays
 * the district lists in `work_calendar`, plus the weekend days it lists as working days (调休). A
 * deadline of 1 working day set on a Friday falls on Monday; one set on Saturday falls on Monday
 * too (the weekend day itself does not count). 暖杨通道's acknowledgement deadline counts **hours
 * on the clock**, weekends included: harm to a child does not wait for Monday.
 *
 * Pure functions over a calendar snapshot, so tests move across weekends without a database.
 */
import { addDays, shanghaiDate } from '#common/dates.js';

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

/** What the deadline job must do for one open referral now. */
export interface DeadlineFacts {
  status: string;
  channel: boolean;
  ack_due_at: Date;
  due_on: string;
  escalation_level: number;
  reminded_at: Date | null;
}

export interface DeadlineSettings {
  remind_before_days: number;
  district_after_days: number;
  channel_ack_hours: number;
}

export interface DeadlineDecision {
  /** Remind the receiving unit's handlers (the response deadline is near, not yet passed). */
  remind: boolean;
  /** The escalation level the referral should be at: 0, 1 (the unit head), 2 (区民政局). */
  level: 0 | 1 | 2;
  /** Why, for the event and the notices (Chinese). */
  why: string | null;
}

const OPEN_STATUSES = new Set(['sent', 'received', 'accepted', 'in_progress']);

/**
 * The rules of reminders and escalation, in one pure function:
 * - reminder: once, when the response deadline (`due_on`, end of that day) is at most
 *   `remind_before_days` working days away and has not passed;
 * - level 1 (the receiving unit's head): the acknowledgement deadline passed while still 'sent',
 *   or the response deadline passed (today is after `due_on`);
 * - level 2 (区民政局): `district_after_days` working days after the response deadline have passed
 *   (today is after `due_on` + that many working days); for 暖杨通道 also when another
 *   `channel_ack_hours` passed after the acknowledgement deadline without acknowledgement.
 * The level never goes down: `level` is at least the referral's current level.
 */
export function decide(r: DeadlineFacts, nowMs: number, s: DeadlineSettings, cal: Calendar): DeadlineDecision {
  const current: 0 | 1 | 2 = r.escalation_level >= 2 ? 2 : r.escalation_level >= 1 ? 1 : 0;
  if (!OPEN_STATUSES.has(r.status)) return { remind: false, level: current, why: null };
  const today = shanghaiDate(nowMs);
  const ackMissed = r.status === 'sent' && r.ack_due_at.getTime() < nowMs;
  const dueMissed = today > r.due_on;
  const hours = s.channel_ack_hours * 3_600_000;
  let level: 0 | 1 | 2 = 0;
  let why: string | null = null;
  if (ackMissed || dueMissed) {
    level = 1;
    why = ackMissed ? '超过签收时限仍未签收' : `超过办理期限（${r.due_on}）仍未办结`;
  }
  if (dueMissed && today > addWorkingDays(r.due_on, s.district_after_days, cal)) {
    level = 2;
    why = `超过办理期限（${r.due_on}）${s.district_after_days} 个工作日仍未办结`;
  } else if (r.channel && ackMissed && nowMs > r.ack_due_at.getTime() + hours) {
    level = 2;
    why = `暖杨通道转介超过签收时限 ${s.channel_ack_hours} 小时仍未签收`;
  }
  // (also after an escalation for a missed acknowledgement: the response deadline is another matter)
  const remind = r.reminded_at === null && !dueMissed && workingDaysBetween(today, r.due_on, cal) <= s.remind_before_days;
  return { remind, level: level > current ? level : current, why: level > current ? why : null };
}
