import { lazy } from 'react';
import { AuditOutlined, FieldTimeOutlined } from '@ant-design/icons';
import { RequirePermission } from '../../auth/RequirePermission';
import type { WebModule } from '../types';

const ReportPage = lazy(() => import('./ReportPage'));
const RetentionPage = lazy(() => import('./RetentionPage'));

/** 年度合规审计报告 (audit administrator) and 保存期限 (security administrator). */
export const complianceModule: WebModule = {
  name: 'compliance',
  routes: [
    {
      path: 'compliance/report',
      element: (
        <RequirePermission permission="compliance.report">
          <ReportPage />
        </RequirePermission>
      ),
    },
    {
      path: 'retention',
      element: (
        <RequirePermission permission="retention.manage">
          <RetentionPage />
        </RequirePermission>
      ),
    },
  ],
  nav: [
    { key: '/compliance/report', label: 'compliance.nav.report', icon: <AuditOutlined />, permission: 'compliance.report' },
    { key: '/retention', label: 'compliance.nav.retention', icon: <FieldTimeOutlined />, permission: 'retention.manage' },
  ],
  crumbs: [
    { pattern: '/compliance/report', label: 'compliance.nav.report', parent: '/' },
    { pattern: '/retention', label: 'compliance.nav.retention', parent: '/' },
  ],
};
