import { lazy } from 'react';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { RequirePermission } from '../../auth/RequirePermission';
import { lazyPart } from '../lazyPart';
import type { WebModule } from '../types';

const PurposesPage = lazy(() => import('./PurposesPage'));
const ConsentTab = lazyPart(() => import('./ConsentTab').then((m) => m.ConsentTab));

/** 授权与同意: the purposes register (kept by consent.manage) and the child file's tab. */
export const consentModule: WebModule = {
  name: 'consent',
  routes: [
    {
      path: 'consent/purposes',
      element: (
        <RequirePermission permission="consent.manage">
          <PurposesPage />
        </RequirePermission>
      ),
    },
  ],
  nav: [{ key: '/consent/purposes', label: 'consent.nav.purposes', icon: <SafetyCertificateOutlined />, permission: 'consent.manage' }],
  childTabs: [{ key: 'consent', label: 'consent.childTab', permission: 'children.read', render: ({ childId }) => <ConsentTab childId={childId} /> }],
  crumbs: [{ pattern: '/consent/purposes', label: 'consent.nav.purposes', parent: '/' }],
};
