/**
 * The follow-up schedule of a child returned home, a pure rule: after each follow-up (or the day
 * the child returned home, for the first), the next falls `intervalDays` later while the base day
 * lies within the first `firstPeriodDays` after the return, then `laterIntervalDays` later.
 * A supervision copies the district's schedule (aftercare_settings) when it starts.
 */
import { addDays, daysBetween } from '#common/dates.js';

export interface Schedule {
  intervalDays: number;
  firstPeriodDays: number;
  laterIntervalDays: number;
}

/** The interval that applies after a follow-up on `from` (YYYY-MM-DD). */
export function intervalAfter(returnedOn: string, from: string, s: Schedule): number {
  return daysBetween(returnedOn, from) < s.firstPeriodDays ? s.intervalDays : s.laterIntervalDays;
}

/** The day the next follow-up is due after one on `from` (the return day for the first). */
export function nextDue(returnedOn: string, from: string, s: Schedule): string {
  return addDays(from, intervalAfter(returnedOn, from, s));
}

/** Days a follow-up due on `dueOn` and not done is overdue on `today` (0 when not yet due). */
export function daysOverdue(dueOn: string, doneOn: string | null, today: string): number {
  if (doneOn) return 0;
  return Math.max(0, daysBetween(dueOn, today));
}
