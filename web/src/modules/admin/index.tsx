import { lazy } from 'react';
import { ApartmentOutlined, AuditOutlined, BankOutlined, SafetyCertificateOutlined, SettingOutlined, UserOutlined } from '@ant-design/icons';
import { RequirePermission } from '../../auth/RequirePermission';
import type { WebModule } from '../types';

// Pages load on demand: a child director never downloads the administration screens.
const UsersPage = lazy(() => import('./users/UsersPage'));
const RolesPage = lazy(() => import('./roles/RolesPage'));
const UnitsPage = lazy(() => import('./units/UnitsPage'));
const AreasPage = lazy(() => import('./areas/AreasPage'));
const AdminRequestsPage = lazy(() => import('./approvals/AdminRequestsPage'));

/** 系统管理: accounts, roles, units, streets and committees, and the approvals of administrator-account requests (三权分立). */
export const adminModule: WebModule = {
  name: 'admin',
  routes: [
    {
      path: 'admin/users',
      element: (
        <RequirePermission permission="admin.users.read">
          <UsersPage />
        </RequirePermission>
      ),
    },
    {
      path: 'admin/roles',
      element: (
        <RequirePermission permission="admin.roles.read">
          <RolesPage />
        </RequirePermission>
      ),
    },
    {
      path: 'admin/units',
      element: (
        <RequirePermission permission="org.read">
          <UnitsPage />
        </RequirePermission>
      ),
    },
    {
      path: 'admin/areas',
      element: (
        <RequirePermission permission="org.read">
          <AreasPage />
        </RequirePermission>
      ),
    },
    {
      path: 'admin/approvals',
      element: (
        <RequirePermission permission="admin.approvals">
          <AdminRequestsPage />
        </RequirePermission>
      ),
    },
  ],
  nav: [
    {
      key: 'admin',
      label: 'nav.admin',
      icon: <SettingOutlined />,
      children: [
        { key: '/admin/users', label: 'nav.users', icon: <UserOutlined />, permission: 'admin.users.read' },
        { key: '/admin/roles', label: 'nav.roles', icon: <SafetyCertificateOutlined />, permission: 'admin.roles.read' },
        { key: '/admin/units', label: 'nav.units', icon: <BankOutlined />, permission: 'org.read' },
        { key: '/admin/areas', label: 'nav.areas', icon: <ApartmentOutlined />, permission: 'org.read' },
        { key: '/admin/approvals', label: 'adminAccounts.nav', icon: <AuditOutlined />, permission: 'admin.approvals' },
      ],
    },
  ],
  crumbs: [
    { pattern: '/admin/users', label: 'nav.users', parent: '/admin' },
    { pattern: '/admin/roles', label: 'nav.roles', parent: '/admin' },
    { pattern: '/admin/units', label: 'nav.units', parent: '/admin' },
    { pattern: '/admin/areas', label: 'nav.areas', parent: '/admin' },
    { pattern: '/admin/approvals', label: 'adminAccounts.nav', parent: '/admin' },
  ],
};
