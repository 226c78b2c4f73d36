import { lazy } from 'react';
import { AlertOutlined, FileTextOutlined, SafetyCertificateOutlined, SolutionOutlined } from '@ant-design/icons';
import { RequirePermission } from '../../auth/RequirePermission';
import { lazyPart } from '../lazyPart';
import type { WebModule } from '../types';
import { ProblemsHomeCard } from './problems/ProblemsHomeCard';

// Child-file tabs load when the file page shows them, not with every page (see lazyPart).
const AssistanceTab = lazyPart(() => import('./childTabs/AssistanceTab').then((m) => m.AssistanceTab));
const CarePlansTab = lazyPart(() => import('./childTabs/CarePlansTab').then((m) => m.CarePlansTab));
const MentorTab = lazyPart(() => import('./childTabs/MentorTab').then((m) => m.MentorTab));
const ChildProblemsTab = lazyPart(() => import('./problems/ChildProblemsTab').then((m) => m.ChildProblemsTab));

// Whole pages load on demand; the child-file tabs and the home card are small and load with the module.
const ProblemsPage = lazy(() => import('./problems/ProblemsPage'));
const WorkLogsPage = lazy(() => import('./workLogs/WorkLogsPage'));
const MentorsPage = lazy(() => import('./mentors/MentorsPage'));
const MandatoryReportsPage = lazy(() => import('./mandatory/MandatoryReportsPage'));

/** Casework: problems and their resolution, work logs, assistance, help plans, mentors and buddies. */
export const caseworkModule: WebModule = {
  name: 'casework',
  routes: [
    {
      path: 'problems',
      element: (
        <RequirePermission permission="children.read">
          <ProblemsPage />
        </RequirePermission>
      ),
    },
    {
      path: 'mandatory-reports',
      element: (
        <RequirePermission permission="children.read">
          <MandatoryReportsPage />
        </RequirePermission>
      ),
    },
    {
      path: 'work-logs',
      element: (
        <RequirePermission permission="casework.write">
          <WorkLogsPage />
        </RequirePermission>
      ),
    },
    {
      path: 'mentors',
      element: (
        <RequirePermission permission="children.read">
          <MentorsPage />
        </RequirePermission>
      ),
    },
  ],
  nav: [
    { key: '/problems', label: 'casework.nav.problems', icon: <AlertOutlined />, permission: 'children.read' },
    { key: '/mandatory-reports', label: 'casework.nav.mandatory', icon: <SafetyCertificateOutlined />, permission: 'casework.write' },
    { key: '/work-logs', label: 'casework.nav.workLogs', icon: <FileTextOutlined />, permission: 'casework.write' },
    { key: '/mentors', label: 'casework.nav.mentors', icon: <SolutionOutlined />, permission: 'children.read' },
  ],
  crumbs: [
    { pattern: '/problems', label: 'casework.nav.problems', parent: '/' },
    { pattern: '/mandatory-reports', label: 'casework.nav.mandatory', parent: '/' },
    { pattern: '/work-logs', label: 'casework.nav.workLogs', parent: '/' },
    { pattern: '/mentors', label: 'casework.nav.mentors', parent: '/' },
  ],
  homeCards: [{ key: 'casework.problems', permission: 'children.read', component: ProblemsHomeCard }],
  childTabs: [
    { key: 'problems', label: 'casework.tab.problems', permission: 'children.read', render: ({ childId }) => <ChildProblemsTab childId={childId} /> },
    { key: 'assistance', label: 'casework.tab.assistance', permission: 'children.read', render: ({ childId }) => <AssistanceTab childId={childId} /> },
    { key: 'careplans', label: 'casework.tab.careplans', permission: 'children.read', render: ({ childId }) => <CarePlansTab childId={childId} /> },
    {
      key: 'mentor',
      label: 'casework.tab.mentor',
      permission: 'children.read',
      render: ({ childId, onChanged }) => <MentorTab childId={childId} onChanged={onChanged} />,
    },
  ],
};
