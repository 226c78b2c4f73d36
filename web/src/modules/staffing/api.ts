/**
 * Calls of the staffing (配备与未保站) API, through the typed client; types from the shared contract
 * (common/src/staffing.ts). The only file of the module that names URLs.
 */
import type { z } from 'zod';
import type * as S from '@common/staffing';
import { call, http } from '../../api/client';

export type StaffingRule = z.infer<typeof S.StaffingRule>;
export type StaffingRuleUpdate = z.input<typeof S.StaffingRuleUpdate>;
export type StaffingOverview = z.infer<typeof S.StaffingOverview>;
export type Violation = z.infer<typeof S.Violation>;
export type CommitteeDirectors = z.infer<typeof S.CommitteeDirectors>;
export type StationList = z.infer<typeof S.StationList>;
export type Station = StationList['items'][number];
export type StationMember = z.infer<typeof S.StationMember>;
export type StationMemberCreate = z.input<typeof S.StationMemberCreate>;
export type StationMemberUpdate = z.input<typeof S.StationMemberUpdate>;
export { STATION_ROLES, type StationRole } from '@common/staffing';

export const staffingApi = {
  rules: () => call<{ items: StaffingRule[] }>(http.GET('/api/staffing/rules')),
  updateRule: (code: string, body: StaffingRuleUpdate) => call<StaffingRule>(http.PUT('/api/staffing/rules/{code}', { params: { path: { code } }, body })),
  overview: (street?: string) => call<StaffingOverview>(http.GET('/api/staffing/overview', { params: { query: street ? { street } : {} } })),
  directors: (id: string) => call<CommitteeDirectors>(http.GET('/api/staffing/committees/{id}/directors', { params: { path: { id } } })),
  stations: (history: boolean) => call<StationList>(http.GET('/api/staffing/stations', { params: { query: history ? { history: 'true' as const } : {} } })),
  addMember: (body: StationMemberCreate) => call<StationMember>(http.POST('/api/staffing/stations/members', { body })),
  updateMember: (id: string, body: StationMemberUpdate) =>
    call<StationMember>(http.PUT('/api/staffing/stations/members/{id}', { params: { path: { id } }, body })),
  endMember: (id: string, until: string, version: number) =>
    call<StationMember>(http.POST('/api/staffing/stations/members/{id}/end', { params: { path: { id } }, body: { until, version } })),
};

/** Query keys (every key starts with 'staffing'; a write invalidates them all). */
export const staffingKeys = {
  all: ['staffing'] as const,
  rules: ['staffing', 'rules'] as const,
  overview: (street?: string) => ['staffing', 'overview', street ?? ''] as const,
  directors: (id: string) => ['staffing', 'directors', id] as const,
  stations: (history: boolean) => ['staffing', 'stations', history] as const,
};
