/**
 * Calls of the workforce (人员台账) and vetting (入职查询) APIs, through the typed client; types from
 * the shared contract (common/src/workforce.ts). The only file of the module that names URLs.
 */
import type { z } from 'zod';
import type * as W from '@common/workforce';
import { call, http } from '../../api/client';

export type StaffItem = z.infer<typeof W.StaffItem>;
export type Staff = z.infer<typeof W.Staff>;
export type StaffList = z.infer<typeof W.StaffList>;
export type StaffQuery = Partial<z.infer<typeof W.StaffQuery>>;
export type StaffCreate = z.input<typeof W.StaffCreate>;
export type StaffUpdate = z.input<typeof W.StaffUpdate>;
export type RecordCheck = z.infer<typeof W.RecordCheck>;
export type CheckRequest = z.input<typeof W.CheckRequest>;
export type CheckAnswer = z.input<typeof W.CheckAnswer>;
export type VettingSettings = z.infer<typeof W.VettingSettings>;
export type WorkforceOptions = z.infer<typeof W.WorkforceOptions>;
export type AccountOpened = z.infer<typeof W.AccountOpened>;
export type DueQuery = Partial<z.infer<typeof W.DueQuery>>;
export { ROLE_KINDS, POSTS, CERT_LEVELS, CHECK_STATES, type RoleKind, type Post, type CertLevel } from '@common/workforce';
export type { CheckState } from '@common/vetting';

export const workforceApi = {
  options: () => call<WorkforceOptions>(http.GET('/api/workforce/options')),
  list: (query: StaffQuery) => call<StaffList>(http.GET('/api/workforce/staff', { params: { query } })),
  get: (id: string) => call<Staff>(http.GET('/api/workforce/staff/{id}', { params: { path: { id } } })),
  create: (body: StaffCreate) => call<Staff>(http.POST('/api/workforce/staff', { body })),
  update: (id: string, body: StaffUpdate) => call<Staff>(http.PUT('/api/workforce/staff/{id}', { params: { path: { id } }, body })),
  reveal: (id: string) => call<{ idNumber: string | null; phone: string | null }>(http.POST('/api/workforce/staff/{id}/reveal', { params: { path: { id } } })),
  assignCommittee: (id: string, committeeId: string, since: string) =>
    call<Staff>(http.POST('/api/workforce/staff/{id}/committees', { params: { path: { id } }, body: { committeeId, since } })),
  endCommittee: (id: string, committeeId: string, until: string) =>
    call<Staff>(http.POST('/api/workforce/staff/{id}/committees/{committeeId}/end', { params: { path: { id, committeeId } }, body: { until } })),
  openAccount: (id: string, username: string) =>
    call<AccountOpened>(http.POST('/api/workforce/staff/{id}/account', { params: { path: { id } }, body: { username } })),
  linkAccount: (id: string, username: string) =>
    call<Staff>(http.POST('/api/workforce/staff/{id}/account/link', { params: { path: { id } }, body: { username } })),
  requestCheck: (id: string, body: CheckRequest) => call<Staff>(http.POST('/api/vetting/staff/{id}/checks', { params: { path: { id } }, body })),
  answerCheck: (checkId: string, body: CheckAnswer) => call<Staff>(http.POST('/api/vetting/checks/{id}/answer', { params: { path: { id: checkId } }, body })),
  due: (query: DueQuery) => call<StaffList>(http.GET('/api/vetting/due', { params: { query } })),
  settings: () => call<VettingSettings>(http.GET('/api/vetting/settings')),
  saveSettings: (body: VettingSettings) => call<VettingSettings>(http.PUT('/api/vetting/settings', { body })),
};

/** Query keys (every key starts with 'workforce'; a write invalidates them all). */
export const workforceKeys = {
  all: ['workforce'] as const,
  options: ['workforce', 'options'] as const,
  list: (q: StaffQuery) => ['workforce', 'list', q] as const,
  person: (id: string) => ['workforce', 'person', id] as const,
  due: (q: DueQuery) => ['workforce', 'due', q] as const,
  settings: ['workforce', 'settings'] as const,
};
