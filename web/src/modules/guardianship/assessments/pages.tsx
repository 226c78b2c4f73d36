import { lazy } from 'react';
import { FileSearchOutlined, FormOutlined } from '@ant-design/icons';
import type { RouteObject } from 'react-router';
import { RequirePermission } from '../../../auth/RequirePermission';
import type { WebModule } from '../../types';

const WorkListPage = lazy(() => import('./WorkListPage'));
const InstrumentsPage = lazy(() => import('./InstrumentsPage'));
const PrintPage = lazy(() => import('./PrintPage'));

/** The assessment's pages: the area's work list, the instrument admin, the print view of one assessment. */
export const assessmentRoutes: RouteObject[] = [
  {
    path: 'guardianship/assessments',
    element: (
      <RequirePermission permission="guardianship.read">
        <WorkListPage />
      </RequirePermission>
    ),
  },
  {
    path: 'guardianship/assessments/:id/print',
    element: (
      <RequirePermission permission="guardianship.read">
        <PrintPage />
      </RequirePermission>
    ),
  },
  {
    path: 'guardianship/instruments',
    element: (
      <RequirePermission permission="guardianship.manage">
        <InstrumentsPage />
      </RequirePermission>
    ),
  },
];

export const assessmentNav: WebModule['nav'] = [
  { key: '/guardianship/assessments', label: 'guardianship.assess.work.nav', icon: <FileSearchOutlined />, permission: 'guardianship.read' },
  { key: '/guardianship/instruments', label: 'guardianship.instruments.nav', icon: <FormOutlined />, permission: 'guardianship.manage' },
];

export const assessmentCrumbs: NonNullable<WebModule['crumbs']> = [
  { pattern: '/guardianship/assessments', label: 'guardianship.assess.work.nav', parent: '/' },
  { pattern: '/guardianship/assessments/:id/print', label: 'guardianship.assess.print', parent: '/guardianship/assessments' },
  { pattern: '/guardianship/instruments', label: 'guardianship.instruments.nav', parent: '/' },
];
