/** Types and calls of the visits API, from the shared zod contract (common/src/visits.ts). */
import type { z } from 'zod';
import type * as V from '@common/visits';
import { call, http } from '../../api/client';
import type { ChecklistListName, WorklistKind, WorklistScope } from '@common/visits';

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

export type WorklistQuery = { kind: WorklistKind; scope: WorklistScope; committeeId?: string; streetCode?: string; page?: number; pageSize?: number };
export type ChecklistItemCreate = { list: ChecklistListName; code: string; label: string; hint: string | null };
export type ChecklistItemUpdate = { label?: string; hint?: string | null; active?: boolean };
export type VisitRules = { items: VisitRule[]; highRiskFirstVisitDays: number };

/** Every call of the visits module, on the typed client (the only place that names its URLs). */
export const visitsApi = {
  summary: () => call<VisitSummary>(http.GET('/api/visits/summary')),
  worklist: (query: WorklistQuery) => call<Worklist>(http.GET('/api/visits/worklist', { params: { query } })),
  childVisits: (id: string, page: number, pageSize: number) =>
    call<VisitPage>(http.GET('/api/children/{id}/visits', { params: { path: { id }, query: { page, pageSize } } })),
  form: (id: string) => call<VisitForm>(http.GET('/api/children/{id}/visit-form', { params: { path: { id } } })),
  get: (id: string) => call<Visit>(http.GET('/api/visits/{id}', { params: { path: { id } } })),
  create: (body: VisitCreate) => call<Visit>(http.POST('/api/visits', { body })),
  update: (id: string, body: VisitUpdate) => call<Visit>(http.PATCH('/api/visits/{id}', { params: { path: { id } }, body })),
  remove: (id: string) => call(http.DELETE('/api/visits/{id}', { params: { path: { id } } })),
  rules: () => call<VisitRules>(http.GET('/api/visit-rules')),
  saveRules: (rules: VisitRuleInput[], highRiskFirstVisitDays?: number) =>
    call<VisitRules & { recomputed: number }>(http.PUT('/api/visit-rules', { body: { rules, highRiskFirstVisitDays } })),
  checklist: (list: ChecklistListName, includeInactive = false) =>
    call<{ items: ChecklistItem[] }>(http.GET('/api/checklists', { params: { query: { list, includeInactive: includeInactive ? 'true' : undefined } } })),
  addItem: (body: ChecklistItemCreate) => call<ChecklistItem>(http.POST('/api/checklists', { body })),
  updateItem: (id: string, body: ChecklistItemUpdate) => call<ChecklistItem>(http.PATCH('/api/checklists/{id}', { params: { path: { id } }, body })),
  reorder: (list: ChecklistListName, ids: string[]) => call<{ items: ChecklistItem[] }>(http.POST('/api/checklists/reorder', { body: { list, ids } })),
};
