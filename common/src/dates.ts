/**
 * Calendar dates (YYYY-MM-DD strings) as the district lives them: Shanghai, UTC+8 all year, no
 * daylight saving. One copy for the server, the web and the seed generator, so "today", a child's
 * age and a due date are the same wherever they are computed.
 */

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** The calendar date in Shanghai at the instant `ms` (milliseconds since the epoch). */
export function shanghaiDate(ms: number): string {
  return new Date(ms + 8 * HOUR_MS).toISOString().slice(0, 10);
}

/** Today in Shanghai by the machine's clock (the server passes its own clock to `shanghaiDate`). */
export function shanghaiToday(): string {
  return shanghaiDate(Date.now());
}

/** `date` plus `days` calendar days (negative to go back). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/**
 * Add whole months; a day the target month lacks rolls over into the next month, as
 * 2024-01-31 + 1 month → 2024-03-02 (the seed generator's demo histories were built this way).
 */
export function addMonths(date: string, months: number): string {
  const total = Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1 + months;
  const y = Math.floor(total / 12);
  const m = total - y * 12;
  const d = new Date(Date.UTC(y, m, 1));
  d.setUTCDate(Number(date.slice(8, 10)));
  return d.toISOString().slice(0, 10);
}

/**
 * Full years (周岁) of a person born on `birthDate` on `day`. Born on 29 February: the birthday of a
 * common year is 1 March (民法 counts the full day).
 */
export function ageOn(birthDate: string, day: string): number {
  const years = Number(day.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return day.slice(5) >= birthDate.slice(5) ? years : years - 1;
}
