/** Types and calls of the 督办 API, from the shared zod contract (common/src/supervision.ts). */
import type { z } from 'zod';
import type * as S from '@common/supervision';
import { api, seg } from '../../api/client';

export type PlanSummary = z.infer<typeof S.PlanSummary>;
export type PlanList = z.infer<typeof S.PlanList>;
export type PlanTask = z.infer<typeof S.PlanTask>;
export type PlanTasks = z.infer<typeof S.PlanTasks>;
export type PlanTarget = z.infer<typeof S.PlanTarget>;
export type PlanAction = z.infer<typeof S.PlanAction>;
export type TaskUpdate = z.input<typeof S.TaskUpdate>;
export type TaskCreate = z.input<typeof S.TaskCreate>;
export type TargetSave = z.input<typeof S.TargetSave>;
export type PlanCreate = z.input<typeof S.PlanCreate>;
export type PlanSettings = z.input<typeof S.PlanSettings>;
export type PlanReport = z.infer<typeof S.PlanReport>;
export type PlanReportRow = z.infer<typeof S.PlanReportRow>;
export type PlanReportList = z.infer<typeof S.PlanReportList>;
export type ReportSave = z.input<typeof S.ReportSave>;
export type ReportReview = z.input<typeof S.ReportReview>;
export type Evidence = z.infer<typeof S.Evidence>;
export type ReportEvent = z.infer<typeof S.ReportEvent>;
export type Workspace = z.infer<typeof S.Workspace>;
export type WorkspaceRow = z.infer<typeof S.WorkspaceRow>;
export type PeriodInfo = z.infer<typeof S.PeriodInfo>;
export type PeriodList = z.infer<typeof S.PeriodList>;
export type OverdueList = z.infer<typeof S.OverdueList>;
export type IndicatorDef = z.infer<typeof S.IndicatorDef>;
export type IndicatorValue = z.infer<typeof S.IndicatorValue>;
export type Dashboard = z.infer<typeof S.Dashboard>;
export type DashboardTask = Dashboard['tasks']['items'][number];
export type DashboardUnit = Dashboard['units'][number];
export type { Cadence, Progress, Rag, ReportState, TaskStatus, IndicatorUnit } from '@common/supervision';
export { CADENCES, PROGRESS, REPORT_STATES, TASK_STATUSES } from '@common/supervision';

type Q = Record<string, string | number | undefined>;

export const planApi = {
  plans: () => api.get<PlanList>('/api/plans'),
  createPlan: (body: PlanCreate) => api.post<PlanSummary>('/api/plans', body),
  updatePlan: (id: string, body: PlanSettings) => api.put<PlanSummary>(`/api/plans/${seg(id)}`, body),
  tasks: (q: { plan?: string; mine?: 'true' | 'false' }) => api.get<PlanTasks>('/api/plan/tasks', q),
  createTask: (planId: string, body: TaskCreate) => api.post<PlanTask>(`/api/plans/${seg(planId)}/tasks`, body),
  updateTask: (id: string, body: TaskUpdate) => api.put<PlanTask>(`/api/plan/tasks/${seg(id)}`, body),
  addTarget: (taskId: string, body: TargetSave) => api.post<PlanTarget>(`/api/plan/tasks/${seg(taskId)}/targets`, body),
  updateTarget: (id: string, body: TargetSave) => api.put<PlanTarget>(`/api/plan/targets/${seg(id)}`, body),
  removeTarget: (id: string) => api.delete(`/api/plan/targets/${seg(id)}`),
  periods: (plan?: string) => api.get<PeriodList>('/api/plan/periods', { plan }),
  workspace: (q: { plan?: string; period?: string; unit?: string }) => api.get<Workspace>('/api/plan/workspace', q),
  reports: (q: Q) => api.get<PlanReportList>('/api/plan/reports', q),
  overdue: (q: { plan?: string; period?: string }) => api.get<OverdueList>('/api/plan/overdue', q),
  report: (id: string) => api.get<PlanReport>(`/api/plan/reports/${seg(id)}`),
  saveReport: (body: ReportSave) => api.put<PlanReport>('/api/plan/reports', body),
  submitReport: (id: string, version: number) => api.post<PlanReport>(`/api/plan/reports/${seg(id)}/submit`, { version }),
  reviewReport: (id: string, body: ReportReview) => api.post<PlanReport>(`/api/plan/reports/${seg(id)}/review`, body),
  uploadEvidence: (reportId: string, body: { filename: string; contentBase64: string }) => api.post<Evidence>(`/api/plan/reports/${seg(reportId)}/evidence`, body),
  removeEvidence: (id: string) => api.delete(`/api/plan/evidence/${seg(id)}`),
  evidencePath: (id: string) => `/api/plan/evidence/${seg(id)}`,
  indicators: () => api.get<{ items: IndicatorDef[] }>('/api/indicators'),
  dashboard: (q: { plan?: string; period?: string; street?: string }) => api.get<Dashboard>('/api/dashboard', q),
};
