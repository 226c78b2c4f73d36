import { lazy } from 'react';
import { CalendarOutlined, ScheduleOutlined } from '@ant-design/icons';
import { RequirePermission } from '../../auth/RequirePermission';
import { lazyPart } from '../lazyPart';
import type { WebModule } from '../types';
import { DraftsCard, DueThisWeekCard, OverdueCard } from './VisitHomeCards';

// Child-file tabs load when the file page shows them, not with every page (see lazyPart).
const ChildVisitsTab = lazyPart(() => import('./ChildVisitsTab').then((m) => m.ChildVisitsTab));

// Pages load on demand, like the shell's own pages.
const WorklistPage = lazy(() => import('./WorklistPage'));
const VisitFormPage = lazy(() => import('./VisitFormPage'));
const VisitRulesPage = lazy(() => import('./VisitRulesPage'));

/** 走访: work lists, the visit form (phone-first), the child's visit history, rules and checklists. */
export const visitsModule: WebModule = {
  name: 'visits',
  routes: [
    {
      path: 'visits',
      element: (
        <RequirePermission permission="children.read">
          <WorklistPage />
        </RequirePermission>
      ),
    },
    {
      path: 'visits/new/:childId',
      element: (
        <RequirePermission permission="visits.write">
          <VisitFormPage />
        </RequirePermission>
      ),
    },
    {
      path: 'visits/:id/edit',
      element: (
        <RequirePermission permission="visits.write">
          <VisitFormPage />
        </RequirePermission>
      ),
    },
    {
      path: 'admin/visit-rules',
      element: (
        <RequirePermission permission="checklists.manage">
          <VisitRulesPage />
        </RequirePermission>
      ),
    },
  ],
  nav: [
    { key: '/visits', label: 'visits.nav', icon: <CalendarOutlined />, permission: 'children.read' },
    { key: '/admin/visit-rules', label: 'visits.nav.rules', icon: <ScheduleOutlined />, permission: 'checklists.manage' },
  ],
  homeCards: [
    { key: 'visits-overdue', permission: 'children.read', component: OverdueCard },
    { key: 'visits-due', permission: 'children.read', component: DueThisWeekCard },
    { key: 'visits-drafts', permission: 'visits.write', component: DraftsCard },
  ],
  childTabs: [
    {
      key: 'visits',
      label: 'visits.childTab',
      permission: 'children.read',
      render: ({ childId, onChanged }) => <ChildVisitsTab childId={childId} onChanged={onChanged} />,
    },
  ],
  crumbs: [
    { pattern: '/visits', label: 'visits.nav', parent: '/' },
    { pattern: '/visits/new/:childId', label: 'visits.nav.new', parent: '/visits' },
    { pattern: '/visits/:id/edit', label: 'visits.nav.edit', parent: '/visits' },
    { pattern: '/admin/visit-rules', label: 'visits.nav.rules', parent: '/' },
  ],
};
