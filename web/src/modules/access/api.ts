/**
 * Calls of the access API (越权查阅、紧急查阅) and of the audit administrator's security events,
 * through the typed client; types from the shared contract (common/src/access.ts). The only file of
 * the module that names URLs.
 */
import type { z } from 'zod';
import type * as A from '@common/access';
import { call, http } from '../../api/client';

export type Grant = z.infer<typeof A.Grant>;
export type GrantList = z.infer<typeof A.GrantList>;
export type EmergencyChildView = z.infer<typeof A.EmergencyChildView>;
export type AccessSettings = z.infer<typeof A.AccessSettings>;
export { ACCESS_REASON_REQUIRED, ALERT_KIND_ZH, GRANT_KIND_ZH, REASON_MAX, REASON_MIN } from '@common/access';

export const accessKeys = {
  all: ['access'] as const,
  settings: ['access', 'settings'] as const,
  myGrant: (childId: string) => ['access', 'my-grant', childId] as const,
  grants: (q: object) => ['access', 'grants', q] as const,
  emergency: (childId: string) => ['access', 'emergency', childId] as const,
};

export const accessApi = {
  settings: () => call<AccessSettings>(http.GET('/api/access/settings')),
  openGrant: (childId: string, reason: string) => call<Grant>(http.POST('/api/access/grants', { body: { childId, reason } })),
  myGrant: (childId: string) => call<{ grant: Grant | null }>(http.GET('/api/access/children/{id}/grant', { params: { path: { id: childId } } })),
  endGrant: (id: string, reason?: string) => call<Grant>(http.POST('/api/access/grants/{id}/end', { params: { path: { id } }, body: { reason } })),
  grants: (query: { state?: 'active' | 'closed'; page?: number; pageSize?: number }) => call<GrantList>(http.GET('/api/access/grants', { params: { query } })),
  emergency: (idNumber: string, reason: string) => call<{ grant: Grant; childId: string }>(http.POST('/api/access/emergency', { body: { idNumber, reason } })),
  emergencyChild: (childId: string) => call<EmergencyChildView>(http.GET('/api/access/emergency/{id}', { params: { path: { id: childId } } })),
};

/** Hours and minutes left until `iso`, for the banner. */
export function timeLeft(iso: string, now: number = Date.now()): { hours: number; minutes: number } {
  const ms = Math.max(0, new Date(iso).getTime() - now);
  return { hours: Math.floor(ms / 3_600_000), minutes: Math.floor((ms % 3_600_000) / 60_000) };
}
