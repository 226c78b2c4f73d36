/** Types and calls of the eligibility API, from the shared zod contract (common/src/eligibility.ts). */
import type { z } from 'zod';
import type * as E from '@common/eligibility';
import { api, seg } from '../../api/client';

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
export type { EligibilityVerdict, EntitlementStatus, WorklistKind } from '@common/eligibility';
export { ENTITLEMENT_NEXT, WORKLIST_KINDS } from '@common/eligibility';

export const eligibilityApi = {
  current: (childId: string) => api.get<EvaluateResult>(`/api/children/${seg(childId)}/eligibility`),
  evaluate: (childId: string) => api.post<EvaluateResult>('/api/eligibility/evaluate', { childId }),
  entitlements: (childId: string) => api.get<{ items: Entitlement[] }>(`/api/children/${seg(childId)}/entitlements`),
  entitlement: (id: string) => api.get<Entitlement>(`/api/entitlements/${seg(id)}`),
  transition: (id: string, body: EntitlementTransition) => api.post<Entitlement>(`/api/entitlements/${seg(id)}/transition`, body),
  worklist: (q: WorklistFilters & { page: number; pageSize: number }) => api.get<WorklistPage>('/api/eligibility/worklist', q),
  worklistByChild: (q: WorklistFilters & { page: number; pageSize: number }) => api.get<WorklistChildPage>('/api/eligibility/worklist/children', q),
  assign: (items: { childId: string; policy: string }[]) => api.post<{ assigned: number }>('/api/eligibility/worklist/assign', { items }),
  exportWorklist: (filters: WorklistFilters) => api.post<{ id: string; filename: string; rows: number; masked: boolean }>('/api/eligibility/worklist/export', { filters }),
  run: () => api.post<RunResult>('/api/eligibility/run', {}),
  policies: () => api.get<{ items: PolicySummary[]; terms: PolicyTerm[] }>('/api/policies'),
  policy: (id: string) => api.get<PolicyDetail>(`/api/policies/${seg(id)}`),
  addValue: (id: string, body: PolicyValueCreate) => api.post<PolicyValueCreated>(`/api/policies/${seg(id)}/values`, body),
};

/** 3,200 元 from 320000 fen. */
export const yuan = (fen: number | null | undefined): string =>
  fen === null || fen === undefined ? '—' : `${(fen / 100).toLocaleString('zh-CN', { maximumFractionDigits: 2 })} 元`;
