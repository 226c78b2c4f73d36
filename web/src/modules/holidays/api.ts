/**
 * Calls of the holiday calendar and holiday plans API, through the typed client; types from the
 * shared contract (common/src/holidays.ts). The only file of this module that names URLs.
 */
import type { z } from 'zod';
import type * as H from '@common/holidays';
import { call, http } from '../../api/client';

export type SchoolHoliday = z.infer<typeof H.SchoolHoliday>;
export type SchoolHolidayList = z.infer<typeof H.SchoolHolidayList>;
export type HolidayPlan = z.infer<typeof H.HolidayPlan>;
export type ChildHolidayPlans = z.infer<typeof H.ChildHolidayPlans>;
export type MissingPlans = z.infer<typeof H.MissingPlans>;
export type Season = H.Season;
export { PLACEHOLDER_NOTE } from '@common/holidays';

export const holidaysApi = {
  calendar: () => call<SchoolHolidayList>(http.GET('/api/school-holidays')),
  saveHoliday: (year: number, season: Season, body: { startsOn: string; endsOn: string; note?: string | null; version?: number }) =>
    call<SchoolHoliday>(http.PUT('/api/school-holidays/{year}/{season}', { params: { path: { year, season } }, body })),
  childPlans: (id: string) => call<ChildHolidayPlans>(http.GET('/api/children/{id}/holiday-plans', { params: { path: { id } } })),
  writePlan: (id: string, year: number, season: Season, body: { plan: string; version?: number }) =>
    call<HolidayPlan>(http.PUT('/api/children/{id}/holiday-plans/{year}/{season}', { params: { path: { id, year, season } }, body })),
  missing: (page: number, pageSize: number) => call<MissingPlans>(http.GET('/api/holiday-plans/missing', { params: { query: { page, pageSize } } })),
};

/** Query keys (every key starts with 'holidays'). */
export const holidayKeys = {
  all: ['holidays'] as const,
  calendar: ['holidays', 'calendar'] as const,
  child: (id: string) => ['holidays', 'child', id] as const,
  missing: (page: number, pageSize: number) => ['holidays', 'missing', page, pageSize] as const,
};
