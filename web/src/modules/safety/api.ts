/**
 * Calls of the safety (安全防护) API, through the typed client; types from the shared contract
 * (common/src/safety.ts). The only file of the module that names URLs.
 */
import type { z } from 'zod';
import type * as S from '@common/safety';
import { call, http } from '../../api/client';

export type Site = z.infer<typeof S.Site>;
export type SiteList = z.infer<typeof S.SiteList>;
export type SiteQuery = Partial<z.infer<typeof S.SiteQuery>>;
export type SiteCreate = z.input<typeof S.SiteCreate>;
export type SiteUpdate = z.input<typeof S.SiteUpdate>;
export type Checklist = z.infer<typeof S.Checklist>;
export type ChecklistNewVersion = z.input<typeof S.ChecklistNewVersion>;
export type ChecklistCreate = z.input<typeof S.ChecklistCreate>;
export type Inspection = z.infer<typeof S.Inspection>;
export type InspectionList = z.infer<typeof S.InspectionList>;
export type InspectionQuery = Partial<z.infer<typeof S.InspectionQuery>>;
export type InspectionCreate = z.input<typeof S.InspectionCreate>;
export type Hazard = z.infer<typeof S.Hazard>;
export type HazardList = z.infer<typeof S.HazardList>;
export type HazardQuery = Partial<z.infer<typeof S.HazardQuery>>;
export type OverdueByUnit = z.infer<typeof S.OverdueByUnit>;
export type SafetyOptions = z.infer<typeof S.SafetyOptions>;
export {
  SITE_KINDS,
  SEVERITIES,
  HAZARD_STATUSES,
  CHECK_TOPICS,
  ITEM_RESULTS,
  type SiteKind,
  type HazardStatus,
  type Severity,
  type CheckTopic,
  type ItemResult,
} from '@common/safety';

export const safetyApi = {
  options: () => call<SafetyOptions>(http.GET('/api/safety/options')),
  sites: (query: SiteQuery) => call<SiteList>(http.GET('/api/safety/sites', { params: { query } })),
  site: (id: string) => call<Site>(http.GET('/api/safety/sites/{id}', { params: { path: { id } } })),
  createSite: (body: SiteCreate) => call<Site>(http.POST('/api/safety/sites', { body })),
  updateSite: (id: string, body: SiteUpdate) => call<Site>(http.PUT('/api/safety/sites/{id}', { params: { path: { id } }, body })),
  deactivateSite: (id: string, version: number) => call<Site>(http.POST('/api/safety/sites/{id}/deactivate', { params: { path: { id } }, body: { version } })),
  reactivateSite: (id: string, version: number) => call<Site>(http.POST('/api/safety/sites/{id}/reactivate', { params: { path: { id } }, body: { version } })),
  checklists: (query: { siteKind?: S.SiteKind; includeInactive?: 'true' | 'false' }) =>
    call<{ items: Checklist[] }>(http.GET('/api/safety/checklists', { params: { query } })),
  checklistVersions: (code: string) => call<{ items: Checklist[] }>(http.GET('/api/safety/checklists/{code}/versions', { params: { path: { code } } })),
  createChecklist: (body: ChecklistCreate) => call<Checklist>(http.POST('/api/safety/checklists', { body })),
  newChecklistVersion: (code: string, body: ChecklistNewVersion) =>
    call<Checklist>(http.POST('/api/safety/checklists/{code}/versions', { params: { path: { code } }, body })),
  inspections: (query: InspectionQuery) => call<InspectionList>(http.GET('/api/safety/inspections', { params: { query } })),
  inspection: (id: string) => call<Inspection>(http.GET('/api/safety/inspections/{id}', { params: { path: { id } } })),
  createInspection: (body: InspectionCreate) => call<Inspection>(http.POST('/api/safety/inspections', { body })),
  hazards: (query: HazardQuery) => call<HazardList>(http.GET('/api/safety/hazards', { params: { query } })),
  overdueByUnit: () => call<OverdueByUnit>(http.GET('/api/safety/hazards/overdue-by-unit')),
  reportFix: (id: string, note: string, version: number) =>
    call<Hazard>(http.POST('/api/safety/hazards/{id}/fix', { params: { path: { id } }, body: { note, version } })),
  confirm: (id: string, version: number) => call<Hazard>(http.POST('/api/safety/hazards/{id}/confirm', { params: { path: { id } }, body: { version } })),
  sendBack: (id: string, reason: string, version: number) =>
    call<Hazard>(http.POST('/api/safety/hazards/{id}/send-back', { params: { path: { id } }, body: { reason, version } })),
};

/** Query keys (every key starts with 'safety'; a write invalidates them all). */
export const safetyKeys = {
  all: ['safety'] as const,
  options: ['safety', 'options'] as const,
  sites: (q: SiteQuery) => ['safety', 'sites', q] as const,
  site: (id: string) => ['safety', 'site', id] as const,
  checklists: (q: object) => ['safety', 'checklists', q] as const,
  versions: (code: string) => ['safety', 'checklist-versions', code] as const,
  inspections: (q: InspectionQuery) => ['safety', 'inspections', q] as const,
  inspection: (id: string) => ['safety', 'inspection', id] as const,
  hazards: (q: HazardQuery) => ['safety', 'hazards', q] as const,
  overdue: ['safety', 'overdue-by-unit'] as const,
};
