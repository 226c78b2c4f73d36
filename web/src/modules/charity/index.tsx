import { lazy } from 'react';
import { GiftOutlined, SolutionOutlined } from '@ant-design/icons';
import { RequirePermission } from '../../auth/RequirePermission';
import type { WebModule } from '../types';

const ProjectsPage = lazy(() => import('./ProjectsPage'));
const MatchesPage = lazy(() => import('./MatchesPage'));
const AssignmentsPage = lazy(() => import('./AssignmentsPage'));

/**
 * 慈善项目、儿童匹配与帮扶记录；社工分派。 Its menu entries carry `group: 'workforce'` (固本强基).
 * The child's aid is a section of the 服务与活动 tab (services/sections.tsx).
 */
export const charityModule: WebModule = {
  name: 'charity',
  routes: [
    {
      path: 'charity',
      element: (
        <RequirePermission permission="organisations.read">
          <ProjectsPage />
        </RequirePermission>
      ),
    },
    {
      path: 'charity/projects/:id',
      element: (
        <RequirePermission permission="charity.record">
          <MatchesPage />
        </RequirePermission>
      ),
    },
    {
      path: 'assignments',
      element: (
        <RequirePermission permission="organisations.assign">
          <AssignmentsPage />
        </RequirePermission>
      ),
    },
  ],
  nav: [
    { key: '/assignments', label: 'charity.nav.assignments', icon: <SolutionOutlined />, permission: 'organisations.assign', group: 'workforce' },
    { key: '/charity', label: 'charity.nav.projects', icon: <GiftOutlined />, permission: 'organisations.read', group: 'workforce' },
  ],
  crumbs: [
    { pattern: '/assignments', label: 'charity.nav.assignments', parent: '/' },
    { pattern: '/charity', label: 'charity.nav.projects', parent: '/' },
    { pattern: '/charity/projects/:id', label: 'charity.nav.matches', parent: '/charity' },
  ],
};
