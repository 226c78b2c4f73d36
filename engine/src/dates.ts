/**
 * Calendar dates as day numbers (days since 1970-01-01, proleptic Gregorian), so that every path
 * (single evaluator, batch columns, SQL) computes ages and periods with the same integer rules.
 *
 * - years_between(a, b): full years from a to b: yb - ya, less one if (mb, db) < (ma, da).
 * - months_between(a, b): full months: (yb - ya) * 12 + (mb - ma), less one if db < da.
 * - days_between(a, b): b - a.
 * - add_months(d, n): calendar months, clamped to the month's last day (PostgreSQL's
 *   `date + interval 'n months'`).
 * A person born on 29 February turns a year older on 1 March in common years.
 */

export const MIN_YEAR = 1900;
export const MAX_YEAR = 2200;

/** Days from 1970-01-01 to y-m-d (Howard Hinnant's days_from_civil). */
export function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Year, month (1-12) and day of a day number, packed as y * 10000 + m * 100 + d. */
export function civilPacked(z: number): number {
  z += 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return y * 10000 + m * 100 + d;
}

export function civil(z: number): { y: number; m: number; d: number } {
  const p = civilPacked(z);
  return { y: Math.floor(p / 10000), m: Math.floor(p / 100) % 100, d: p % 100 };
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date written YYYY-MM-DD (years 1900-2200) → day number; anything else → null. */
export function dayFromIso(s: string): number | null {
  const m = ISO.exec(s);
  if (!m) return null;
  const y = Number(m[1]),
    mo = Number(m[2]),
    d = Number(m[3]);
  if (y < MIN_YEAR || y > MAX_YEAR || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
  return daysFromCivil(y, mo, d);
}

export function isoFromDay(z: number): string {
  const p = civilPacked(z);
  const y = Math.floor(p / 10000),
    m = Math.floor(p / 100) % 100,
    d = p % 100;
  return `${y}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

/** Full years from a to b (negative when b is before a). */
export function yearsBetween(a: number, b: number): number {
  const pa = civilPacked(a),
    pb = civilPacked(b);
  return Math.floor(pb / 10000) - Math.floor(pa / 10000) - (pb % 10000 < pa % 10000 ? 1 : 0);
}

/** Full months from a to b. */
export function monthsBetween(a: number, b: number): number {
  const pa = civilPacked(a),
    pb = civilPacked(b);
  const ya = Math.floor(pa / 10000),
    yb = Math.floor(pb / 10000);
  const ma = Math.floor(pa / 100) % 100,
    mb = Math.floor(pb / 100) % 100;
  return (yb - ya) * 12 + (mb - ma) - (pb % 100 < pa % 100 ? 1 : 0);
}

/** d plus n calendar months (n truncated to an integer), clamped to the end of the month. */
export function addMonths(z: number, n: number): number {
  const { y, m, d } = civil(z);
  const total = y * 12 + (m - 1) + Math.trunc(n);
  const ny = Math.floor(total / 12),
    nm = total - ny * 12 + 1;
  return daysFromCivil(ny, nm, Math.min(d, daysInMonth(ny, nm)));
}

/** The as-of date written in Chinese: 2025年3月1日. */
export function zhDate(z: number): string {
  const { y, m, d } = civil(z);
  return `${y}年${m}月${d}日`;
}
