/**
 * Calls of the charity (慈善帮扶) and assignments (社工分派) APIs, through the typed client; types
 * from the shared contracts (common/src/charity.ts, assignments.ts). The only file of the module
 * that names URLs.
 */
import type { z } from 'zod';
import type * as C from '@common/charity';
import type * as A from '@common/assignments';
import { call, http } from '../../api/client';

export type CharityProject = z.infer<typeof C.CharityProject>;
export type CharityProjectList = z.infer<typeof C.CharityProjectList>;
export type CharityProjectCreate = z.input<typeof C.CharityProjectCreate>;
export type CharityOptions = z.infer<typeof C.CharityOptions>;
export type MatchList = z.infer<typeof C.MatchList>;
export type MatchedChild = z.infer<typeof C.MatchedChild>;
export type Aid = z.infer<typeof C.Aid>;
export type AidCreate = z.input<typeof C.AidCreate>;
export type ChildCharity = z.infer<typeof C.ChildCharity>;
export type Worker = z.infer<typeof A.Worker>;
export type Assignment = z.infer<typeof A.Assignment>;
export type AssignOptions = z.infer<typeof A.AssignOptions>;
export type AssignmentCreate = z.input<typeof A.AssignmentCreate>;
export { AID_KINDS, NEEDS, MATCH_RESULTS, type AidKind, type Need, type MatchResult, type CharityRules } from '@common/charity';

export const charityKeys = {
  all: ['charity'] as const,
  options: ['charity', 'options'] as const,
  projects: (q: object) => ['charity', 'projects', q] as const,
  project: (id: string) => ['charity', 'project', id] as const,
  matches: (id: string) => ['charity', 'matches', id] as const,
  child: (id: string) => ['charity', 'child', id] as const,
  assignOptions: ['charity', 'assign-options'] as const,
  assignments: (userId?: string) => ['charity', 'assignments', userId ?? 'all'] as const,
};

export const charityApi = {
  options: () => call<CharityOptions>(http.GET('/api/charity/options')),
  projects: (query: { q?: string; active?: 'true' | 'false'; page?: number; pageSize?: number }) =>
    call<CharityProjectList>(http.GET('/api/charity/projects', { params: { query } })),
  project: (id: string) => call<CharityProject>(http.GET('/api/charity/projects/{id}', { params: { path: { id } } })),
  createProject: (body: CharityProjectCreate) => call<CharityProject>(http.POST('/api/charity/projects', { body })),
  updateProject: (id: string, body: CharityProjectCreate & { version: number }) =>
    call<CharityProject>(http.PUT('/api/charity/projects/{id}', { params: { path: { id } }, body })),
  matches: (id: string) => call<MatchList>(http.GET('/api/charity/projects/{id}/matches', { params: { path: { id } } })),
  recordAid: (body: AidCreate) => call<Aid>(http.POST('/api/charity/aid', { body })),
  cancelAid: (id: string, reason: string, version: number) =>
    call<Aid>(http.POST('/api/charity/aid/{id}/cancel', { params: { path: { id } }, body: { reason, version } })),
  child: (id: string) => call<ChildCharity>(http.GET('/api/children/{id}/charity', { params: { path: { id } } })),
  assignOptions: () => call<AssignOptions>(http.GET('/api/assignments/options')),
  assignments: (userId?: string) => call<{ items: Assignment[] }>(http.GET('/api/assignments', { params: { query: { userId } } })),
  /** The active children of a committee (a bulk assignment; at most 200, the server's limit per request). */
  childrenOf: async (committee: string) =>
    (await call<{ items: { id: string }[] }>(http.GET('/api/children', { params: { query: { committee, pageSize: 200 } } }))).items.map((c) => c.id),
  assign: (body: AssignmentCreate) => call<{ assigned: number; already: number }>(http.POST('/api/assignments', { body })),
  endAssignment: (userId: string, childId: string) => call<{ ended: boolean }>(http.POST('/api/assignments/end', { body: { userId, childId } })),
};
