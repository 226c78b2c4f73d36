import { lazy } from 'react';
import { CalendarOutlined, CheckSquareOutlined, ScheduleOutlined } from '@ant-design/icons';
import { RequirePermission } from '../../auth/RequirePermission';
import type { WebModule } from '../types';

const ActivitiesPage = lazy(() => import('./ActivitiesPage'));
const CompliancePage = lazy(() => import('./CompliancePage'));
const RulesPage = lazy(() => import('./RulesPage'));

/**
 * 活动与频次: activities organised by committees, stations, schools and departments, their
 * participants and sign-in sheets, and the cadence rules' compliance lists (due, overdue, done).
 * The child's participation is a section of the 服务与活动 tab (services/sections.tsx).
 */
export const activitiesModule: WebModule = {
  name: 'activities',
  routes: [
    {
      path: 'activities',
      element: (
        <RequirePermission permission="services.read">
          <ActivitiesPage />
        </RequirePermission>
      ),
    },
    {
      path: 'activities/compliance',
      element: (
        <RequirePermission permission="services.read">
          <CompliancePage />
        </RequirePermission>
      ),
    },
    {
      path: 'activities/rules',
      element: (
        <RequirePermission permission="services.manage">
          <RulesPage />
        </RequirePermission>
      ),
    },
  ],
  nav: [
    { key: '/activities', label: 'activities.nav.list', icon: <CalendarOutlined />, permission: 'services.read', group: 'services' },
    { key: '/activities/compliance', label: 'activities.nav.compliance', icon: <CheckSquareOutlined />, permission: 'services.read', group: 'services' },
    { key: '/activities/rules', label: 'activities.nav.rules', icon: <ScheduleOutlined />, permission: 'services.manage', group: 'services' },
  ],
  crumbs: [
    { pattern: '/activities', label: 'activities.nav.list', parent: '/' },
    { pattern: '/activities/compliance', label: 'activities.nav.compliance', parent: '/' },
    { pattern: '/activities/rules', label: 'activities.nav.rules', parent: '/' },
  ],
};
