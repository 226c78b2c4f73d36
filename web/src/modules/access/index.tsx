import { lazy } from 'react';
import { AlertOutlined } from '@ant-design/icons';
import { RequirePermission } from '../../auth/RequirePermission';
import type { WebModule } from '../types';

const EmergencyPage = lazy(() => import('./EmergencyPage'));

/**
 * 越权查阅与紧急查阅 (break the glass): the emergency page of departments. The reason dialog and the
 * banner of a file opened through a grant sit on the child file page (ReasonGate, GrantBanner); the
 * auditor's security events are a page of the audit module.
 */
export const accessModule: WebModule = {
  name: 'access',
  routes: [
    {
      path: 'emergency',
      element: (
        <RequirePermission permission="children.emergency">
          <EmergencyPage />
        </RequirePermission>
      ),
    },
    {
      path: 'emergency/:id',
      element: (
        <RequirePermission permission="children.emergency">
          <EmergencyPage />
        </RequirePermission>
      ),
    },
  ],
  nav: [{ key: '/emergency', label: 'access.nav.emergency', icon: <AlertOutlined />, permission: 'children.emergency' }],
  crumbs: [
    { pattern: '/emergency', label: 'access.nav.emergency', parent: '/' },
    { pattern: '/emergency/:id', label: 'access.nav.emergency', parent: '/' },
  ],
};
