/**
 * 协同 administration: the working-day calendar the referral deadlines count with (holidays on
 * weekdays and the weekend days worked in exchange, 调休, from each year's State Council notice).
 * The service directory, kinds and settings schemas are in referrals.ts.
 */
import { z } from 'zod';
import { DateStr } from './casework.js';
import { plainText } from './text.js';

export const WORK_DAY_KINDS = ['holiday', 'workday'] as const;
export const WORK_DAY_KIND_ZH: Record<(typeof WORK_DAY_KINDS)[number], string> = { holiday: '放假', workday: '调休上班' };

export const WorkCalendarQuery = z.object({
  year: z.coerce.number({ error: '请选择年份' }).int('年份须为整数').min(2000, '年份须在 2000 至 2100 之间').max(2100, '年份须在 2000 至 2100 之间'),
});

export const WorkCalendarDay = z.object({
  day: DateStr,
  kind: z.enum(WORK_DAY_KINDS, { error: '只能是放假或调休上班' }),
  note: plainText(z.string().trim().max(50, '说明最多 50 个字'), '说明').default(''),
});
export type WorkCalendarDay = z.infer<typeof WorkCalendarDay>;

export const WorkCalendar = z.object({ year: z.number(), items: z.array(WorkCalendarDay) });
export type WorkCalendar = z.infer<typeof WorkCalendar>;

/** The whole year's exceptions, replacing the ones stored. */
export const WorkCalendarPut = z.object({ items: z.array(WorkCalendarDay).max(120, '一年最多 120 个例外日期') });
export type WorkCalendarPut = z.infer<typeof WorkCalendarPut>;
