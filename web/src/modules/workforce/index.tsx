import { lazy } from 'react';
import { AlertOutlined, SettingOutlined, TeamOutlined } from '@ant-design/icons';
import { RequirePermission } from '../../auth/RequirePermission';
import type { WebModule } from '../types';

const StaffListPage = lazy(() => import('./StaffListPage'));
const StaffPage = lazy(() => import('./StaffPage'));
const SettingsPage = lazy(() => import('./SettingsPage'));

/** 人员台账（儿童主任、督导员、社工）、任职居民区、入职查询与开通账号。 Its menu entries carry `group: 'workforce'` (固本强基). */
export const workforceModule: WebModule = {
  name: 'workforce',
  routes: [
    {
      path: 'workforce',
      element: (
        <RequirePermission permission="workforce.read">
          <StaffListPage />
        </RequirePermission>
      ),
    },
    {
      path: 'workforce/due',
      element: (
        <RequirePermission permission="workforce.read">
          <StaffListPage due />
        </RequirePermission>
      ),
    },
    {
      path: 'workforce/staff/:id',
      element: (
        <RequirePermission permission="workforce.read">
          <StaffPage />
        </RequirePermission>
      ),
    },
    {
      path: 'workforce/settings',
      element: (
        <RequirePermission permission="workforce.configure">
          <SettingsPage />
        </RequirePermission>
      ),
    },
  ],
  nav: [
    { key: '/workforce', label: 'workforce.nav.ledger', icon: <TeamOutlined />, permission: 'workforce.read', group: 'workforce' },
    { key: '/workforce/due', label: 'workforce.nav.due', icon: <AlertOutlined />, permission: 'workforce.read', group: 'workforce' },
    { key: '/workforce/settings', label: 'workforce.nav.settings', icon: <SettingOutlined />, permission: 'workforce.configure', group: 'workforce' },
  ],
  crumbs: [
    { pattern: '/workforce', label: 'workforce.nav.ledger', parent: '/' },
    { pattern: '/workforce/due', label: 'workforce.nav.due', parent: '/' },
    { pattern: '/workforce/staff/:id', label: 'workforce.nav.person', parent: '/workforce' },
    { pattern: '/workforce/settings', label: 'workforce.nav.settings', parent: '/' },
  ],
};
