/**
 * The school holiday calendar (寒假, 暑假) and children's holiday plans (plan task 1). The PURE
 * calendar helper is shared by the server, the web and the activities' cadence rules (the term
 * before a holiday): the holiday containing a day, the next holiday after a day, the term window
 * before a holiday. Dates are YYYY-MM-DD strings (Shanghai calendar days), compared as strings.
 */
import { z } from 'zod';
import { IsoDate } from './fields.js';
import { addDays } from './dates.js';
import { plainText } from './text.js';

export const SEASONS = ['winter', 'summer'] as const;
export type Season = (typeof SEASONS)[number];
export const SEASON_NAMES: Record<Season, string> = { winter: '寒假', summer: '暑假' };

/** A holiday as the calendar holds it; `year` is the calendar year it starts in. */
export interface Holiday {
  year: number;
  season: Season;
  startsOn: string;
  endsOn: string;
}

/** The shipped dates are examples: what the interface says about them. */
export const PLACEHOLDER_NOTE = '示例日期，请以区教育局校历为准';

const byStart = <H extends Holiday>(holidays: readonly H[]): H[] =>
  [...holidays].sort((a, b) => (a.startsOn < b.startsOn ? -1 : a.startsOn > b.startsOn ? 1 : 0));

/** The holiday whose dates contain `day` (first day and last day included), or null. */
export function holidayOn<H extends Holiday>(holidays: readonly H[], day: string): H | null {
  return byStart(holidays).find((h) => h.startsOn <= day && day <= h.endsOn) ?? null;
}

/** The first holiday starting strictly after `day`, or null when the calendar holds none. */
export function nextHoliday<H extends Holiday>(holidays: readonly H[], day: string): H | null {
  return byStart(holidays).find((h) => h.startsOn > day) ?? null;
}

/** The holiday `day` falls in, else the next one: the holiday a plan is written for. */
export function currentOrNextHoliday<H extends Holiday>(holidays: readonly H[], day: string): H | null {
  return holidayOn(holidays, day) ?? nextHoliday(holidays, day);
}

/**
 * The term before a holiday: from the day after the previous holiday ends (null when the calendar
 * has no earlier holiday: the start is unknown) to the day before the holiday starts.
 */
export function termBefore(holidays: readonly Holiday[], h: Holiday): { from: string | null; to: string } {
  const previous = byStart(holidays)
    .filter((x) => x.endsOn < h.startsOn)
    .pop();
  return { from: previous ? addDays(previous.endsOn, 1) : null, to: addDays(h.startsOn, -1) };
}

/** Whether two date ranges share at least one day. */
export function overlaps(a: { startsOn: string; endsOn: string }, b: { startsOn: string; endsOn: string }): boolean {
  return a.startsOn <= b.endsOn && b.startsOn <= a.endsOn;
}

/** What is wrong with a holiday's dates among the others (empty when nothing), in Chinese. */
export function holidayProblems(h: Holiday, others: readonly Holiday[]): string[] {
  const p: string[] = [];
  if (h.endsOn < h.startsOn) p.push('结束日期不能早于开始日期');
  if (Number(h.startsOn.slice(0, 4)) !== h.year) p.push(`${h.year}年${SEASON_NAMES[h.season]}的开始日期应在 ${h.year} 年内`);
  const days = (Date.parse(`${h.endsOn}T00:00:00Z`) - Date.parse(`${h.startsOn}T00:00:00Z`)) / 86_400_000 + 1;
  if (days > 100) p.push('一个假期最长 100 天，请核对日期');
  for (const o of others) {
    if (o.year === h.year && o.season === h.season) continue;
    if (overlaps(o, h)) p.push(`与${o.year}年${SEASON_NAMES[o.season]}（${o.startsOn} 至 ${o.endsOn}）的日期重叠`);
  }
  return p;
}

/**
 * The example dates shipped for a year (flagged placeholder): winter from late January to late
 * February, summer July and August. Not the education bureau's calendar.
 */
export function exampleHolidays(year: number): Holiday[] {
  return [
    { year, season: 'winter', startsOn: `${year}-01-24`, endsOn: `${year}-02-22` },
    { year, season: 'summer', startsOn: `${year}-07-01`, endsOn: `${year}-08-31` },
  ];
}

// ---- schemas ----

const Version = z.number({ error: '缺少版本号，请刷新后再改' }).int().min(1, '缺少版本号，请刷新后再改');

export const SeasonEnum = z.enum(SEASONS, { error: '假期应为寒假（winter）或暑假（summer）' });

export const SchoolHoliday = z.object({
  year: z.number(),
  season: SeasonEnum,
  startsOn: z.string(),
  endsOn: z.string(),
  placeholder: z.boolean(),
  note: z.string().nullable(),
  updatedByName: z.string().nullable(),
  updatedAt: z.string(),
  version: z.number(),
});
export type SchoolHoliday = z.infer<typeof SchoolHoliday>;
export const SchoolHolidayList = z.object({
  items: z.array(SchoolHoliday),
  /** The holiday today falls in, else the next one (null when the calendar has none ahead). */
  current: SchoolHoliday.nullable(),
  canManage: z.boolean(),
});
export const HolidayParams = z.object({
  year: z.coerce.number({ error: '年份应为数字' }).int('年份应为整数').min(2000, '年份应在 2000–2100 之间').max(2100, '年份应在 2000–2100 之间'),
  season: SeasonEnum,
});
export const HolidayWrite = z.object({
  startsOn: IsoDate('开始日期'),
  endsOn: IsoDate('结束日期'),
  note: plainText(z.string().trim().max(200, '备注最多 200 个字'), '备注').optional().nullable(),
  /** The version edited; absent when adding a holiday the calendar lacks. */
  version: Version.optional(),
});
export type HolidayWrite = z.infer<typeof HolidayWrite>;

export const PlanBooking = z.object({
  id: z.string(),
  programmeName: z.string(),
  sessionTitle: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  status: z.string(),
});
export const HolidayPlan = z.object({
  id: z.string().nullable(),
  childId: z.string(),
  year: z.number(),
  season: SeasonEnum,
  startsOn: z.string().nullable(),
  endsOn: z.string().nullable(),
  placeholder: z.boolean(),
  plan: z.string().nullable(),
  updatedAt: z.string().nullable(),
  updatedByName: z.string().nullable(),
  version: z.number().nullable(),
  /** The child's bookings whose session dates overlap the holiday. */
  bookings: z.array(PlanBooking),
});
export type HolidayPlan = z.infer<typeof HolidayPlan>;
export const ChildHolidayPlans = z.object({
  /** The current or next holiday first (its plan may be empty), then the plans written before, newest first. */
  items: z.array(HolidayPlan),
  canWrite: z.boolean(),
});
export type ChildHolidayPlans = z.infer<typeof ChildHolidayPlans>;
export const ChildHolidayParams = z.object({ id: z.string().uuid('编号格式不正确') }).extend(HolidayParams.shape);
export const PlanWrite = z.object({
  plan: plainText(z.string({ error: '请填写假期安排' }).trim().min(1, '请填写假期安排').max(2000, '假期安排最多 2000 个字'), '假期安排'),
  /** The version edited; absent when writing the first plan for this holiday. */
  version: Version.optional(),
});
export type PlanWrite = z.infer<typeof PlanWrite>;

export const MissingQuery = z.object({
  page: z.coerce.number({ error: '页码应为数字' }).int().min(1, '页码从 1 开始').default(1),
  pageSize: z.coerce.number({ error: '每页条数应为数字' }).int().min(1).max(100, '每页最多 100 条').default(20),
});
export const MissingPlans = z.object({
  holiday: SchoolHoliday.nullable(),
  items: z.array(
    z.object({ childId: z.string(), name: z.string(), age: z.number().nullable(), streetName: z.string().nullable(), committeeName: z.string().nullable() }),
  ),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});
export type MissingPlans = z.infer<typeof MissingPlans>;
