/** Types and calls of the 督办 API, from the shared zod contract (common/src/supervision.ts). */
import type { z } from 'zod';
import type * as S from '@common/supervision';
import type * as RS from '@common/referralStats';
import type { UnitList } from '../../api/types';
import { call, http, seg, toQueryString } from '../../api/client';
import type { operations } from '../../api/openapi.gen';

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
export type ReferralStats = z.infer<typeof RS.ReferralStats>;
export type ReferralStatsRow = ReferralStats['byUnit'][number];
export type DashboardTask = Dashboard['tasks']['items'][number];
export type DashboardUnit = Dashboard['units'][number];
export type { Cadence, Progress, Rag, ReportState, TaskStatus, IndicatorUnit } from '@common/supervision';
export { CADENCES, PROGRESS, REPORT_STATES, TASK_STATUSES } from '@common/supervision';

export type ReportsQuery = NonNullable<operations['listPlanReports']['parameters']['query']>;
export type { UnitList };

const path = (id: string) => ({ params: { path: { id } } });

export const planApi = {
  plans: () => call<PlanList>(http.GET('/api/plans')),
  createPlan: (body: PlanCreate) => call<PlanSummary>(http.POST('/api/plans', { body })),
  updatePlan: (id: string, body: PlanSettings) => call<PlanSummary>(http.PUT('/api/plans/{id}', { ...path(id), body })),
  tasks: (query: { plan?: string; mine?: 'true' | 'false' }) => call<PlanTasks>(http.GET('/api/plan/tasks', { params: { query } })),
  createTask: (planId: string, body: TaskCreate) => call<PlanTask>(http.POST('/api/plans/{id}/tasks', { ...path(planId), body })),
  updateTask: (id: string, body: TaskUpdate) => call<PlanTask>(http.PUT('/api/plan/tasks/{id}', { ...path(id), body })),
  addTarget: (taskId: string, body: TargetSave) => call<PlanTarget>(http.POST('/api/plan/tasks/{id}/targets', { ...path(taskId), body })),
  updateTarget: (id: string, body: TargetSave) => call<PlanTarget>(http.PUT('/api/plan/targets/{id}', { ...path(id), body })),
  removeTarget: (id: string) => call(http.DELETE('/api/plan/targets/{id}', path(id))),
  periods: (plan?: string) => call<PeriodList>(http.GET('/api/plan/periods', { params: { query: { plan } } })),
  workspace: (query: { plan?: string; period?: string; unit?: string }) => call<Workspace>(http.GET('/api/plan/workspace', { params: { query } })),
  reports: (query: ReportsQuery) => call<PlanReportList>(http.GET('/api/plan/reports', { params: { query } })),
  overdue: (query: { plan?: string; period?: string }) => call<OverdueList>(http.GET('/api/plan/overdue', { params: { query } })),
  report: (id: string) => call<PlanReport>(http.GET('/api/plan/reports/{id}', path(id))),
  saveReport: (body: ReportSave) => call<PlanReport>(http.PUT('/api/plan/reports', { body })),
  submitReport: (id: string, version: number) => call<PlanReport>(http.POST('/api/plan/reports/{id}/submit', { ...path(id), body: { version } })),
  reviewReport: (id: string, body: ReportReview) => call<PlanReport>(http.POST('/api/plan/reports/{id}/review', { ...path(id), body })),
  uploadEvidence: (reportId: string, body: { filename: string; contentBase64: string }) =>
    call<Evidence>(http.POST('/api/plan/reports/{id}/evidence', { ...path(reportId), body })),
  removeEvidence: (id: string) => call(http.DELETE('/api/plan/evidence/{id}', path(id))),
  /** A file download goes through downloadFile (a blob saved under its name), not the JSON client. */
  evidencePath: (id: string) => `/api/plan/evidence/${seg(id)}`,
  /** The quarterly workbook, downloaded as a file (downloadFile), not through the JSON client. */
  workbookPath: (q: { plan?: string; period?: string; street?: string }) => `/api/plan/report.xlsx${toQueryString(q)}`,
  indicators: () => call<{ items: IndicatorDef[] }>(http.GET('/api/indicators')),
  dashboard: (query: { plan?: string; period?: string; street?: string }) => call<Dashboard>(http.GET('/api/dashboard', { params: { query } })),
  /** 协同转介 by receiving unit and by kind for a period (the dashboard's section). */
  referralStats: (query: { from?: string; to?: string; street?: string }) => call<ReferralStats>(http.GET('/api/referrals/stats', { params: { query } })),
  /** The organisation's units, for the unit filters and the task form. */
  units: () => call<UnitList>(http.GET('/api/org/units')),
};
