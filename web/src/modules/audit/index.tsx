import { lazy } from 'react';
import { AlertOutlined, AuditOutlined } from '@ant-design/icons';
import { RequirePermission } from '../../auth/RequirePermission';
import type { WebModule } from '../types';

const AuditPage = lazy(() => import('./AuditPage'));
const AlertsPage = lazy(() => import('./AlertsPage'));

/** 审计日志: the audit log for audit administrators, and the chain's verification. */
export const auditModule: WebModule = {
  name: 'audit',
  routes: [
    {
      path: 'audit',
      element: (
        <RequirePermission permission="audit.read">
          <AuditPage />
        </RequirePermission>
      ),
    },
    {
      path: 'audit/alerts',
      element: (
        <RequirePermission permission="audit.read">
          <AlertsPage />
        </RequirePermission>
      ),
    },
  ],
  nav: [
    { key: '/audit', label: 'nav.audit', icon: <AuditOutlined />, permission: 'audit.read' },
    { key: '/audit/alerts', label: 'access.nav.alerts', icon: <AlertOutlined />, permission: 'audit.read' },
  ],
  crumbs: [
    { pattern: '/audit', label: 'nav.audit', parent: '/' },
    { pattern: '/audit/alerts', label: 'access.nav.alerts', parent: '/' },
  ],
};
