/**
 * Types and calls of the eligibility API: the types from the shared zod contract
 * (common/src/eligibility.ts), the calls through the typed client generated from the OpenAPI
 * document. The only place in this module that names URLs.
 */
import type { z } from 'zod';
import type * as E from '@common/eligibility';
import { call, http } from '../../api/client';
import type { operations } from '../../api/openapi.gen';

export type EvaluateResult = z.infer<typeof E.EvaluateResult>;
export type EvalPolicy = z.infer<typeof E.EvalPolicy>;
export type Entitlement = z.infer<typeof E.Entitlement>;
export type EntitlementTransition = z.input<typeof E.EntitlementTransition>;
export type WorklistPage = z.infer<typeof E.WorklistPage>;
export type WorklistItem = z.infer<typeof E.WorklistItem>;
export type WorklistChild = z.infer<typeof E.WorklistChild>;
export type WorklistChildPage = z.infer<typeof E.WorklistChildPage>;
export type WorklistFilters = z.infer<typeof E.WorklistFilters>;
export type RunResult = z.infer<typeof E.RunResult>;
export type PolicySummary = z.infer<typeof E.PolicySummary>;
export type PolicyTerm = z.infer<typeof E.PolicyTerm>;
export type PolicyDetail = z.infer<typeof E.PolicyDetail>;
export type PolicyValueCreate = z.input<typeof E.PolicyValueCreate>;
export type PolicyValueCreated = z.infer<typeof E.PolicyValueCreated>;
export type WhatIfRequest = operations['estimateEligibilityWhatIf']['requestBody']['content']['application/json'];
export type WhatIfResult = operations['estimateEligibilityWhatIf']['responses'][200]['content']['application/json'];
export type { EligibilityVerdict, EntitlementStatus, WorklistKind } from '@common/eligibility';
export { ENTITLEMENT_NEXT, WORKLIST_KINDS } from '@common/eligibility';

type WorklistQuery = WorklistFilters & { page: number; pageSize: number };

export const eligibilityApi = {
  current: (childId: string) => call<EvaluateResult>(http.GET('/api/children/{id}/eligibility', { params: { path: { id: childId } } })),
  evaluate: (childId: string) => call<EvaluateResult>(http.POST('/api/eligibility/evaluate', { body: { childId } })),
  entitlements: (childId: string) => call<{ items: Entitlement[] }>(http.GET('/api/children/{id}/entitlements', { params: { path: { id: childId } } })),
  entitlement: (id: string) => call<Entitlement>(http.GET('/api/entitlements/{id}', { params: { path: { id } } })),
  transition: (id: string, body: EntitlementTransition) =>
    call<Entitlement>(http.POST('/api/entitlements/{id}/transition', { params: { path: { id } }, body })),
  worklist: (q: WorklistQuery) => call<WorklistPage>(http.GET('/api/eligibility/worklist', { params: { query: q } })),
  worklistByChild: (q: WorklistQuery) => call<WorklistChildPage>(http.GET('/api/eligibility/worklist/children', { params: { query: q } })),
  assign: (items: { childId: string; policy: string }[]) => call<{ assigned: number }>(http.POST('/api/eligibility/worklist/assign', { body: { items } })),
  exportWorklist: (filters: WorklistFilters) =>
    call<{ id: string; filename: string; rows: number; masked: boolean }>(http.POST('/api/eligibility/worklist/export', { body: { filters } })),
  run: () => call<RunResult>(http.POST('/api/eligibility/run', { body: {} })),
  policies: () => call<{ items: PolicySummary[]; terms: PolicyTerm[] }>(http.GET('/api/policies')),
  policy: (id: string) => call<PolicyDetail>(http.GET('/api/policies/{id}', { params: { path: { id } } })),
  addValue: (id: string, body: PolicyValueCreate) => call<PolicyValueCreated>(http.POST('/api/policies/{id}/values', { params: { path: { id } }, body })),
  whatIf: (body: WhatIfRequest) => call<WhatIfResult>(http.POST('/api/eligibility/what-if', { body })),
};

/** Query keys of this module (every key starts with 'eligibility'). */
export const eligibilityKeys = {
  all: ['eligibility'] as const,
  current: (childId: string) => ['eligibility', 'child', childId, 'current'] as const,
  entitlements: (childId: string) => ['eligibility', 'child', childId, 'entitlements'] as const,
  entitlement: (id: string) => ['eligibility', 'entitlement', id] as const,
  worklist: (q: WorklistQuery, byChild: boolean) => ['eligibility', 'worklist', byChild ? 'children' : 'rows', q] as const,
  policies: ['eligibility', 'policies'] as const,
  policy: (id: string) => ['eligibility', 'policies', id] as const,
};

/** 3,200 元 from 320000 fen. */
export const yuan = (fen: number | null | undefined): string =>
  fen === null || fen === undefined ? '—' : `${(fen / 100).toLocaleString('zh-CN', { maximumFractionDigits: 2 })} 元`;
