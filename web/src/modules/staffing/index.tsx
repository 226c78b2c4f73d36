import { lazy } from 'react';
import { ApartmentOutlined, SolutionOutlined } from '@ant-design/icons';
import { RequirePermission } from '../../auth/RequirePermission';
import type { WebModule } from '../types';

const OverviewPage = lazy(() => import('./OverviewPage'));
const StationsPage = lazy(() => import('./StationsPage'));

/** 居民区儿童主任配备规则与未保站人员名册。 Its menu entries carry `group: 'workforce'` (固本强基). */
export const staffingModule: WebModule = {
  name: 'staffing',
  routes: [
    {
      path: 'staffing/overview',
      element: (
        <RequirePermission permission="workforce.read">
          <OverviewPage />
        </RequirePermission>
      ),
    },
    {
      path: 'staffing/stations',
      element: (
        <RequirePermission permission="org.read">
          <StationsPage />
        </RequirePermission>
      ),
    },
  ],
  nav: [
    { key: '/staffing/overview', label: 'staffing.nav.overview', icon: <ApartmentOutlined />, permission: 'workforce.read', group: 'workforce' },
    { key: '/staffing/stations', label: 'staffing.nav.stations', icon: <SolutionOutlined />, permission: 'org.read', group: 'workforce' },
  ],
  crumbs: [
    { pattern: '/staffing/overview', label: 'staffing.nav.overview', parent: '/' },
    { pattern: '/staffing/stations', label: 'staffing.nav.stations', parent: '/' },
  ],
};
