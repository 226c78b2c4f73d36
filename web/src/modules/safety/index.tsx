import { lazy } from 'react';
import { AlertOutlined, BankOutlined, FileSearchOutlined, SafetyOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { RequirePermission } from '../../auth/RequirePermission';
import type { WebModule } from '../types';

const HazardsPage = lazy(() => import('./HazardsPage'));
const SitesPage = lazy(() => import('./SitesPage'));
const InspectPage = lazy(() => import('./InspectPage'));
const InspectionsPage = lazy(() => import('./InspectionsPage'));
const ChecklistsPage = lazy(() => import('./ChecklistsPage'));

/** 安全防护: the site register, inspections with checklists, hazards and their rectification. */
export const safetyModule: WebModule = {
  name: 'safety',
  routes: [
    {
      path: 'safety/hazards',
      element: (
        <RequirePermission permission="safety.read">
          <HazardsPage />
        </RequirePermission>
      ),
    },
    {
      path: 'safety/sites',
      element: (
        <RequirePermission permission="safety.read">
          <SitesPage />
        </RequirePermission>
      ),
    },
    {
      path: 'safety/inspect/:id',
      element: (
        <RequirePermission permission="safety.inspect">
          <InspectPage />
        </RequirePermission>
      ),
    },
    {
      path: 'safety/inspections',
      element: (
        <RequirePermission permission="safety.read">
          <InspectionsPage />
        </RequirePermission>
      ),
    },
    {
      path: 'safety/checklists',
      element: (
        <RequirePermission permission="safety.manage">
          <ChecklistsPage />
        </RequirePermission>
      ),
    },
  ],
  nav: [
    {
      key: 'safety-group',
      label: 'safety.nav',
      icon: <SafetyOutlined />,
      permission: 'safety.read',
      children: [
        { key: '/safety/hazards', label: 'safety.nav.hazards', icon: <AlertOutlined />, permission: 'safety.read' },
        { key: '/safety/sites', label: 'safety.nav.sites', icon: <BankOutlined />, permission: 'safety.read' },
        { key: '/safety/inspections', label: 'safety.nav.inspections', icon: <FileSearchOutlined />, permission: 'safety.read' },
        { key: '/safety/checklists', label: 'safety.nav.checklists', icon: <UnorderedListOutlined />, permission: 'safety.manage' },
      ],
    },
  ],
  crumbs: [
    { pattern: '/safety/hazards', label: 'safety.nav.hazards', parent: '/' },
    { pattern: '/safety/sites', label: 'safety.nav.sites', parent: '/' },
    { pattern: '/safety/inspect/:id', label: 'safety.nav.inspect', parent: '/safety/sites' },
    { pattern: '/safety/inspections', label: 'safety.nav.inspections', parent: '/' },
    { pattern: '/safety/checklists', label: 'safety.nav.checklists', parent: '/' },
  ],
};
