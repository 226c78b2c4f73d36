/** Types and calls of the visits API, from the shared zod contract (common/src/visits.ts). */
import type { z } from 'zod';
import type * as V from '@common/visits';
import { api, call, http, seg } from '../../api/client';

export type Visit = z.infer<typeof V.Visit>;
export type VisitPage = z.infer<typeof V.VisitPage>;
export type VisitForm = z.infer<typeof V.VisitForm>;
export type VisitCreate = z.input<typeof V.VisitCreate>;
export type VisitUpdate = z.input<typeof V.VisitUpdate>;
export type ProblemInput = z.input<typeof V.ProblemInput>;
export type Worklist = z.infer<typeof V.Worklist>;
export type WorklistItem = z.infer<typeof V.WorklistItem>;
export type VisitSummary = z.infer<typeof V.VisitSummary>;
export type VisitRule = z.infer<typeof V.VisitRule>;
export type VisitRuleInput = z.input<typeof V.VisitRuleInput>;
export type ChecklistItem = z.infer<typeof V.ChecklistItem>;
export type { CheckStatus, ChecklistListName, ProblemCategory, VisitKind, WorklistKind, WorklistScope } from '@common/visits';

export const visitsApi = {
  summary: () => call<VisitSummary>(http.GET('/api/visits/summary')),
  worklist: (q: { kind: string; scope: string; committeeId?: string; streetCode?: string; page?: number; pageSize?: number }) =>
    api.get<Worklist>('/api/visits/worklist', q),
  childVisits: (childId: string, page: number, pageSize: number) => api.get<VisitPage>(`/api/children/${seg(childId)}/visits`, { page, pageSize }),
  form: (childId: string) => api.get<VisitForm>(`/api/children/${seg(childId)}/visit-form`),
  get: (id: string) => call<Visit>(http.GET('/api/visits/{id}', { params: { path: { id } } })),
  create: (body: VisitCreate) => call<Visit>(http.POST('/api/visits', { body })),
  update: (id: string, body: VisitUpdate) => api.patch<Visit>(`/api/visits/${seg(id)}`, body),
  remove: (id: string) => call(http.DELETE('/api/visits/{id}', { params: { path: { id } } })),
  rules: () => api.get<{ items: VisitRule[]; highRiskFirstVisitDays: number }>('/api/visit-rules'),
  saveRules: (rules: VisitRuleInput[], highRiskFirstVisitDays?: number) =>
    api.put<{ items: VisitRule[]; highRiskFirstVisitDays: number; recomputed: number }>('/api/visit-rules', { rules, highRiskFirstVisitDays }),
  checklist: (list: string, includeInactive = false) =>
    api.get<{ items: ChecklistItem[] }>('/api/checklists', { list, includeInactive: includeInactive ? 'true' : undefined }),
  addItem: (body: { list: string; code: string; label: string; hint: string | null }) => api.post<ChecklistItem>('/api/checklists', body),
  updateItem: (id: string, body: { label?: string; hint?: string | null; active?: boolean }) => api.patch<ChecklistItem>(`/api/checklists/${seg(id)}`, body),
  reorder: (list: string, ids: string[]) => api.post<{ items: ChecklistItem[] }>('/api/checklists/reorder', { list, ids }),
};
