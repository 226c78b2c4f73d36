/**
 * Calls of the organisations (社会组织) API, through the typed client; types from the shared
 * contract (common/src/organisations.ts). The only file of the module that names URLs.
 */
import type { z } from 'zod';
import type * as O from '@common/organisations';
import { call, http } from '../../api/client';
import type { ChildList } from '../../api/types';

export type Organisation = z.infer<typeof O.Organisation>;
export type OrganisationList = z.infer<typeof O.OrganisationList>;
export type OrganisationQuery = Partial<z.infer<typeof O.OrganisationQuery>>;
export type OrganisationCreate = z.input<typeof O.OrganisationCreate>;
export type OrganisationUpdate = z.input<typeof O.OrganisationUpdate>;
export type Project = z.infer<typeof O.Project>;
export type ProjectList = z.infer<typeof O.ProjectList>;
export type ProjectQuery = Partial<z.infer<typeof O.ProjectQuery>>;
export type ProjectCreate = z.input<typeof O.ProjectCreate>;
export type ProjectUpdate = z.input<typeof O.ProjectUpdate>;
export type ProjectDetail = z.infer<typeof O.ProjectDetail>;
export type OrganisationOptions = z.infer<typeof O.OrganisationOptions>;
export { ORG_KINDS, PROJECT_KINDS, PROJECT_STATUSES, creditCodeProblem, type OrgKind, type ProjectKind, type ProjectStatus } from '@common/organisations';

export const orgApi = {
  options: () => call<OrganisationOptions>(http.GET('/api/organisations/options')),
  list: (query: OrganisationQuery) => call<OrganisationList>(http.GET('/api/organisations', { params: { query } })),
  create: (body: OrganisationCreate) => call<Organisation>(http.POST('/api/organisations', { body })),
  update: (id: string, body: OrganisationUpdate) => call<Organisation>(http.PUT('/api/organisations/{id}', { params: { path: { id } }, body })),
  projects: (query: ProjectQuery) => call<ProjectList>(http.GET('/api/organisations/projects', { params: { query } })),
  project: (id: string) => call<ProjectDetail>(http.GET('/api/organisations/projects/{id}', { params: { path: { id } } })),
  createProject: (body: ProjectCreate) => call<Project>(http.POST('/api/organisations/projects', { body })),
  updateProject: (id: string, body: ProjectUpdate) => call<Project>(http.PUT('/api/organisations/projects/{id}', { params: { path: { id } }, body })),
  addChild: (id: string, childId: string, since: string) =>
    call<ProjectDetail>(http.POST('/api/organisations/projects/{id}/children', { params: { path: { id } }, body: { childId, since } })),
  endChild: (id: string, childId: string, until: string) =>
    call<ProjectDetail>(http.POST('/api/organisations/projects/{id}/children/{childId}/end', { params: { path: { id, childId } }, body: { until } })),
  /** Children of the caller's area (the child search of the file list). */
  searchChildren: (q: string) => call<ChildList>(http.GET('/api/children', { params: { query: { q: q || undefined, pageSize: 20 } } })),
};

/** Query keys (every key starts with 'organisations'; a write invalidates them all). */
export const orgKeys = {
  all: ['organisations'] as const,
  options: ['organisations', 'options'] as const,
  list: (q: OrganisationQuery) => ['organisations', 'list', q] as const,
  projects: (q: ProjectQuery) => ['organisations', 'projects', q] as const,
  project: (id: string) => ['organisations', 'project', id] as const,
  children: (q: string) => ['organisations', 'children', q] as const,
};
