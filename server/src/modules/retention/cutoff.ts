/**
 * The start of a retention period, as `retention_cutoff(now, months)` computes it in SQL: the
 * Shanghai calendar day `months` months before today's (clamped to the month's last day, so
 * 03-31 minus one month is 02-28), at 00:00 Shanghai. A row older than the cutoff is past its
 * period; the purge function refuses any later cutoff.
 */
import { shanghaiDate } from '#common/dates.js';

const HOUR_MS = 3_600_000;

/** `date` (YYYY-MM-DD) minus whole months, clamped to the target month's last day. */
export function monthsBefore(date: string, months: number): string {
  const total = Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1 - months;
  const y = Math.floor(total / 12);
  const m = total - y * 12;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const d = Math.min(Number(date.slice(8, 10)), last);
  return `${String(y).padStart(4, '0')}-${String(m + 1).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** The cutoff day (Shanghai) for a period of `months` at instant `nowMs`. */
export function cutoffDate(nowMs: number, months: number): string {
  return monthsBefore(shanghaiDate(nowMs), months);
}

/** The cutoff instant: 00:00 Shanghai of `cutoffDate`. */
export function cutoffInstant(nowMs: number, months: number): Date {
  return new Date(Date.parse(`${cutoffDate(nowMs, months)}T00:00:00Z`) - 8 * HOUR_MS);
}
