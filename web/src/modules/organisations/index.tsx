import { lazy } from 'react';
import { BankOutlined, ProjectOutlined } from '@ant-design/icons';
import { RequirePermission } from '../../auth/RequirePermission';
import type { WebModule } from '../types';

const OrganisationsPage = lazy(() => import('./OrganisationsPage'));
const ProjectsPage = lazy(() => import('./ProjectsPage'));
const ProjectPage = lazy(() => import('./ProjectPage'));

/** 社会组织登记、委托与孵化项目。 Its menu entries carry `group: 'workforce'` (固本强基). */
export const organisationsModule: WebModule = {
  name: 'organisations',
  routes: [
    {
      path: 'organisations',
      element: (
        <RequirePermission permission="organisations.read">
          <OrganisationsPage />
        </RequirePermission>
      ),
    },
    {
      path: 'organisations/projects',
      element: (
        <RequirePermission permission="organisations.read">
          <ProjectsPage />
        </RequirePermission>
      ),
    },
    {
      path: 'organisations/projects/:id',
      element: (
        <RequirePermission permission="organisations.read">
          <ProjectPage />
        </RequirePermission>
      ),
    },
  ],
  nav: [
    { key: '/organisations', label: 'organisations.nav.register', icon: <BankOutlined />, permission: 'organisations.read', group: 'workforce' },
    { key: '/organisations/projects', label: 'organisations.nav.projects', icon: <ProjectOutlined />, permission: 'organisations.read', group: 'workforce' },
  ],
  crumbs: [
    { pattern: '/organisations', label: 'organisations.nav.register', parent: '/' },
    { pattern: '/organisations/projects', label: 'organisations.nav.projects', parent: '/' },
    { pattern: '/organisations/projects/:id', label: 'organisations.nav.project', parent: '/organisations/projects' },
  ],
};
