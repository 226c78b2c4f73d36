/**
 * 督办 server state (TanStack Query). Every key starts with 'supervision', so a change invalidates
 * the module's lists with `invalidateSupervision()`. Reference lists (plans, periods, tasks) are
 * shared by the components of a page through the cache instead of being asked for twice.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { queryClient } from '../../api/queryClient';
import { planApi, type ReportsQuery } from './api';

type DashboardQ = { plan?: string; period?: string; street?: string };

export const supervisionKeys = {
  all: ['supervision'] as const,
  plans: ['supervision', 'plans'] as const,
  periods: (plan: string | undefined) => ['supervision', 'periods', plan ?? ''] as const,
  units: ['supervision', 'units'] as const,
  indicators: ['supervision', 'indicators'] as const,
  tasks: (plan: string | undefined, mine: 'true' | 'false') => ['supervision', 'tasks', plan ?? '', mine] as const,
  dashboard: (q: DashboardQ) => ['supervision', 'dashboard', q] as const,
  referralStats: (q: { from?: string; to?: string; street?: string }) => ['supervision', 'referralStats', q] as const,
  workspace: (q: { plan?: string; period?: string; unit?: string }) => ['supervision', 'workspace', q] as const,
  reports: (q: ReportsQuery) => ['supervision', 'reports', q] as const,
  overdue: (q: { plan?: string; period?: string }) => ['supervision', 'overdue', q] as const,
  report: (id: string) => ['supervision', 'report', id] as const,
};

/** After a change (a saved report, a new plan, an edited task), the module's answers are fetched again. */
export const invalidateSupervision = () => queryClient.invalidateQueries({ queryKey: supervisionKeys.all });

/** Reference lists that change seldom (the organisation's units, the indicator registry). */
const LONG = 300_000;

export const usePlans = () => useQuery({ queryKey: supervisionKeys.plans, queryFn: planApi.plans });

export const usePeriods = (plan: string | undefined) => useQuery({ queryKey: supervisionKeys.periods(plan), queryFn: () => planApi.periods(plan) });

/** The organisation's units; asked for only when `enabled`. */
export const useUnitList = (enabled = true) => useQuery({ queryKey: supervisionKeys.units, queryFn: planApi.units, staleTime: LONG, enabled });

/** The indicator registry (names and definitions), for selects and labels. */
export const useIndicatorDefs = () => useQuery({ queryKey: supervisionKeys.indicators, queryFn: planApi.indicators, staleTime: LONG });

export const usePlanTasks = (plan: string | undefined, mine: 'true' | 'false') =>
  useQuery({ queryKey: supervisionKeys.tasks(plan, mine), queryFn: () => planApi.tasks({ plan, mine }), placeholderData: keepPreviousData });

export const useDashboard = (q: DashboardQ) =>
  useQuery({ queryKey: supervisionKeys.dashboard(q), queryFn: () => planApi.dashboard(q), placeholderData: keepPreviousData });

/** 协同转介 figures for the dashboard's period and area. */
export const useReferralStats = (q: { from?: string; to?: string; street?: string }) =>
  useQuery({ queryKey: supervisionKeys.referralStats(q), queryFn: () => planApi.referralStats(q), placeholderData: keepPreviousData });

export const useWorkspace = (q: { plan?: string; period?: string; unit?: string }) =>
  useQuery({ queryKey: supervisionKeys.workspace(q), queryFn: () => planApi.workspace(q), placeholderData: keepPreviousData });

export const useReports = (q: ReportsQuery, enabled = true) =>
  useQuery({ queryKey: supervisionKeys.reports(q), queryFn: () => planApi.reports(q), placeholderData: keepPreviousData, enabled });

export const useOverdue = (q: { plan?: string; period?: string }) =>
  useQuery({ queryKey: supervisionKeys.overdue(q), queryFn: () => planApi.overdue(q), placeholderData: keepPreviousData, enabled: Boolean(q.period) });

export const useReport = (id: string) => useQuery({ queryKey: supervisionKeys.report(id), queryFn: () => planApi.report(id) });

/** The report form's own load (workspace row and report): kept out of the invalidations made while it is open. */
export const reportEditKey = (q: { taskId?: string; period?: string; unit?: string; plan?: string }) => ['supervision', 'report-edit', q] as const;

/** After a report was saved or submitted: the lists, counts and figures that show it (not the open form). */
export const invalidateReportLists = () => queryClient.invalidateQueries({ queryKey: supervisionKeys.all, predicate: (q) => q.queryKey[1] !== 'report-edit' });
