import { lazy } from 'react';
import { CalendarOutlined, FormOutlined } from '@ant-design/icons';
import { RequirePermission } from '../../auth/RequirePermission';
import type { WebModule } from '../types';

const HolidayCalendarPage = lazy(() => import('./HolidayCalendarPage'));
const MissingPlansPage = lazy(() => import('./MissingPlansPage'));

/**
 * 寒暑假日历与假期安排 (plan task 1): the school holiday calendar (edited by the district), the work
 * list of children without a plan for the coming holiday; the plan itself is a section of the child
 * file's 服务与活动 tab (web/src/modules/services/sections.tsx).
 */
export const holidaysModule: WebModule = {
  name: 'holidays',
  routes: [
    {
      path: 'holidays',
      element: (
        <RequirePermission permission="services.read">
          <HolidayCalendarPage />
        </RequirePermission>
      ),
    },
    {
      path: 'holidays/missing',
      element: (
        <RequirePermission permission="services.book">
          <MissingPlansPage />
        </RequirePermission>
      ),
    },
  ],
  nav: [
    { key: '/holidays/missing', label: 'holidays.missing.nav', icon: <FormOutlined />, permission: 'services.book', group: 'services' },
    { key: '/holidays', label: 'holidays.nav', icon: <CalendarOutlined />, permission: 'services.read', group: 'services' },
  ],
  crumbs: [
    { pattern: '/holidays', label: 'holidays.nav', parent: '/' },
    { pattern: '/holidays/missing', label: 'holidays.missing.nav', parent: '/' },
  ],
};
