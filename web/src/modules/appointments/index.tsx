import { lazy } from 'react';
import { ReadOutlined } from '@ant-design/icons';
import { RequirePermission } from '../../auth/RequirePermission';
import type { WebModule } from '../types';

const AppointmentsPage = lazy(() => import('./AppointmentsPage'));
const SlotsPage = lazy(() => import('./SlotsPage'));

/**
 * 送教上门 (plan tasks 25, 12): programmes booked by the slot — the slots and the masked roster of
 * the unit running them, completion records; booking from the child file's 服务与活动 tab
 * (web/src/modules/services/sections.tsx).
 */
export const appointmentsModule: WebModule = {
  name: 'appointments',
  routes: [
    {
      path: 'appointments',
      element: (
        <RequirePermission permission="services.read">
          <AppointmentsPage />
        </RequirePermission>
      ),
    },
    {
      path: 'appointments/:id',
      element: (
        <RequirePermission permission="services.read">
          <SlotsPage />
        </RequirePermission>
      ),
    },
  ],
  nav: [{ key: '/appointments', label: 'appointments.nav', icon: <ReadOutlined />, permission: 'services.read', group: 'services' }],
  crumbs: [
    { pattern: '/appointments', label: 'appointments.nav', parent: '/' },
    { pattern: '/appointments/:id', label: 'appointments.slots.title', parent: '/appointments' },
  ],
};
