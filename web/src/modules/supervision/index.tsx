import { lazy } from 'react';
import { AimOutlined, DashboardOutlined, FileDoneOutlined, FundOutlined, OrderedListOutlined } from '@ant-design/icons';
import { RequirePermission } from '../../auth/RequirePermission';
import type { WebModule } from '../types';
import { OverviewCard, ReportDueCard, ReviewCard } from './HomeCards';

// Pages load on demand; ECharts loads only with the first chart (see LazyChart).
const DashboardPage = lazy(() => import('./DashboardPage'));
const TasksPage = lazy(() => import('./TasksPage'));
const ReportsPage = lazy(() => import('./ReportsPage'));
const ReportEditPage = lazy(() => import('./ReportEditPage'));
const ReportDetailPage = lazy(() => import('./ReportDetailPage'));
const IndicatorsPage = lazy(() => import('./IndicatorsPage'));
const PrintReportPage = lazy(() => import('./PrintReportPage'));

/** 督办: the district action plan's tasks, units' progress reports and their review, indicators and the dashboard. */
export const supervisionModule: WebModule = {
  name: 'supervision',
  routes: [
    {
      path: 'supervision',
      element: (
        <RequirePermission permission="plan.read">
          <DashboardPage />
        </RequirePermission>
      ),
    },
    {
      path: 'supervision/tasks',
      element: (
        <RequirePermission permission="plan.read">
          <TasksPage />
        </RequirePermission>
      ),
    },
    {
      path: 'supervision/reports',
      element: (
        <RequirePermission permission="plan.read">
          <ReportsPage />
        </RequirePermission>
      ),
    },
    {
      path: 'supervision/reports/edit',
      element: (
        <RequirePermission permission="plan.report">
          <ReportEditPage />
        </RequirePermission>
      ),
    },
    {
      path: 'supervision/reports/:id',
      element: (
        <RequirePermission permission="plan.read">
          <ReportDetailPage />
        </RequirePermission>
      ),
    },
    {
      path: 'supervision/indicators',
      element: (
        <RequirePermission permission="plan.read">
          <IndicatorsPage />
        </RequirePermission>
      ),
    },
    {
      path: 'supervision/print',
      element: (
        <RequirePermission permission="plan.read">
          <PrintReportPage />
        </RequirePermission>
      ),
    },
  ],
  nav: [
    {
      key: 'supervision-group',
      label: 'supervision.nav',
      icon: <AimOutlined />,
      permission: 'plan.read',
      children: [
        { key: '/supervision', label: 'supervision.nav.dashboard', icon: <DashboardOutlined />, permission: 'plan.read' },
        { key: '/supervision/tasks', label: 'supervision.nav.tasks', icon: <OrderedListOutlined />, permission: 'plan.read' },
        { key: '/supervision/reports', label: 'supervision.nav.reports', icon: <FileDoneOutlined />, permission: 'plan.read' },
        { key: '/supervision/indicators', label: 'supervision.nav.indicators', icon: <FundOutlined />, permission: 'plan.read' },
      ],
    },
  ],
  homeCards: [
    { key: 'supervision-due', permission: 'plan.report', component: ReportDueCard },
    { key: 'supervision-review', permission: 'plan.review', component: ReviewCard },
    { key: 'supervision-overview', permission: 'plan.read.all', component: OverviewCard },
  ],
  crumbs: [
    { pattern: '/supervision', label: 'supervision.nav.dashboard', parent: '/' },
    { pattern: '/supervision/tasks', label: 'supervision.nav.tasks', parent: '/supervision' },
    { pattern: '/supervision/reports', label: 'supervision.nav.reports', parent: '/supervision' },
    { pattern: '/supervision/reports/edit', label: 'supervision.crumb.edit', parent: '/supervision/reports' },
    { pattern: '/supervision/reports/:id', label: 'supervision.crumb.report', parent: '/supervision/reports' },
    { pattern: '/supervision/indicators', label: 'supervision.nav.indicators', parent: '/supervision' },
    { pattern: '/supervision/print', label: 'supervision.crumb.print', parent: '/supervision' },
  ],
};
