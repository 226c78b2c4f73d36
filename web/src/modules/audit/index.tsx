import { lazy } from 'react';
import { AuditOutlined } from '@ant-design/icons';
import { RequirePermission } from '../../auth/RequirePermission';
import type { WebModule } from '../types';

const AuditPage = lazy(() => import('./AuditPage'));

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
  ],
  nav: [{ key: '/audit', label: 'nav.audit', icon: <AuditOutlined />, permission: 'audit.read' }],
  crumbs: [{ pattern: '/audit', label: 'nav.audit', parent: '/' }],
};
