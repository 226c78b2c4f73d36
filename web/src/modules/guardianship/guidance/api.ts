/**
 * Calls of the guidance for guardians (监护指导) API, through the typed client; types from the shared
 * contract (common/src/guidance.ts). The only place in this part that names URLs.
 */
import type { z } from 'zod';
import type * as G from '@common/guidance';
import { call, http } from '../../../api/client';

export type GuidanceChild = z.infer<typeof G.GuidanceChild>;
export type GuidanceSession = z.infer<typeof G.GuidanceSession>;
export type GuidanceOrder = z.infer<typeof G.GuidanceOrder>;
export type GuidanceCreate = z.input<typeof G.GuidanceCreate>;
export type GuidanceUpdate = z.input<typeof G.GuidanceUpdate>;
export type GuidanceAttendance = z.input<typeof G.GuidanceAttendanceBody>;
export { GUIDANCE_KINDS, GUIDANCE_KIND_NAMES, type GuidanceKind } from '@common/guidance';

export const guidanceApi = {
  child: (id: string, page: number, pageSize: number) =>
    call<GuidanceChild>(http.GET('/api/children/{id}/guidance', { params: { path: { id }, query: { page, pageSize } } })),
  create: (childId: string, body: GuidanceCreate) =>
    call<GuidanceSession>(http.POST('/api/children/{id}/guidance', { params: { path: { id: childId } }, body })),
  update: (id: string, body: GuidanceUpdate) => call<GuidanceSession>(http.PATCH('/api/guidance-sessions/{id}', { params: { path: { id } }, body })),
  attendance: (id: string, body: GuidanceAttendance) =>
    call<GuidanceSession>(http.POST('/api/guidance-sessions/{id}/attendance', { params: { path: { id } }, body })),
  remove: (id: string, version: number) => call<null>(http.DELETE('/api/guidance-sessions/{id}', { params: { path: { id }, query: { version } } })),
};

/** Query keys of this part (every key starts with 'guardianship', 'guidance'). */
export const guidanceKeys = {
  all: ['guardianship', 'guidance'] as const,
  child: (id: string, page: number) => ['guardianship', 'guidance', id, page] as const,
};
