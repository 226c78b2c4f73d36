import { lazy } from 'react';
import { AuditOutlined, BookOutlined, FundOutlined, StopOutlined } from '@ant-design/icons';
import { RequirePermission } from '../../auth/RequirePermission';
import type { WebModule } from '../types';

const SessionsPage = lazy(() => import('./SessionsPage'));
const CoveragePage = lazy(() => import('./CoveragePage'));
const EvaluationsPage = lazy(() => import('./EvaluationsPage'));
const RestrictedPage = lazy(() => import('./RestrictedPage'));
const PersonArchivePage = lazy(() => import('./PersonArchivePage'));

/** 培训、考试、年度考核与奖励；从业限制名单（审核员）。 Its menu entries carry `group: 'workforce'` (固本强基). */
export const trainingModule: WebModule = {
  name: 'training',
  routes: [
    {
      path: 'training/sessions',
      element: (
        <RequirePermission permission="workforce.read">
          <SessionsPage />
        </RequirePermission>
      ),
    },
    {
      path: 'training/coverage',
      element: (
        <RequirePermission permission="workforce.read">
          <CoveragePage />
        </RequirePermission>
      ),
    },
    {
      path: 'training/evaluations',
      element: (
        <RequirePermission permission="workforce.read">
          <EvaluationsPage />
        </RequirePermission>
      ),
    },
    {
      path: 'training/people/:staffId',
      element: (
        <RequirePermission permission="workforce.read">
          <PersonArchivePage />
        </RequirePermission>
      ),
    },
    {
      path: 'restricted',
      element: (
        <RequirePermission permission="workforce.restricted">
          <RestrictedPage />
        </RequirePermission>
      ),
    },
  ],
  nav: [
    { key: '/training/sessions', label: 'training.nav.sessions', icon: <BookOutlined />, permission: 'workforce.read', group: 'workforce' },
    { key: '/training/coverage', label: 'training.nav.coverage', icon: <FundOutlined />, permission: 'workforce.read', group: 'workforce' },
    { key: '/training/evaluations', label: 'training.nav.evaluations', icon: <AuditOutlined />, permission: 'workforce.read', group: 'workforce' },
    { key: '/restricted', label: 'training.nav.restricted', icon: <StopOutlined />, permission: 'workforce.restricted', group: 'workforce' },
  ],
  crumbs: [
    { pattern: '/training/sessions', label: 'training.nav.sessions', parent: '/' },
    { pattern: '/training/coverage', label: 'training.nav.coverage', parent: '/' },
    { pattern: '/training/evaluations', label: 'training.nav.evaluations', parent: '/' },
    { pattern: '/training/people/:staffId', label: 'training.nav.archive', parent: '/training/coverage' },
    { pattern: '/restricted', label: 'training.nav.restricted', parent: '/' },
  ],
};
