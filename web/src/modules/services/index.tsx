import { lazy } from 'react';
import { AppstoreOutlined, OrderedListOutlined } from '@ant-design/icons';
import { RequirePermission } from '../../auth/RequirePermission';
import type { WebModule } from '../types';
import { lazyPart } from '../lazyPart';

const ServicesTab = lazyPart(() => import('./ServicesTab').then((m) => m.ServicesTab));
const CataloguePage = lazy(() => import('./CataloguePage'));
const ProgrammePage = lazy(() => import('./ProgrammePage'));
const RosterPage = lazy(() => import('./RosterPage'));
const RulesPage = lazy(() => import('./RulesPage'));

/**
 * 服务项目与优先预约: the catalogue of programmes and their sessions, booking with priority and a
 * wait list, the providers' rosters, the priority tiers, the child file's 服务与活动 tab (bookings,
 * holiday plans, activities taken part in).
 */
export const servicesModule: WebModule = {
  name: 'services',
  routes: [
    {
      path: 'services',
      element: (
        <RequirePermission permission="services.read">
          <CataloguePage />
        </RequirePermission>
      ),
    },
    {
      path: 'services/programmes/:id',
      element: (
        <RequirePermission permission="services.read">
          <ProgrammePage />
        </RequirePermission>
      ),
    },
    {
      path: 'services/sessions/:id/roster',
      element: (
        <RequirePermission permission="services.provide">
          <RosterPage />
        </RequirePermission>
      ),
    },
    {
      path: 'services/priority-rules',
      element: (
        <RequirePermission permission="services.manage">
          <RulesPage />
        </RequirePermission>
      ),
    },
  ],
  nav: [
    { key: '/services', label: 'services.nav', icon: <AppstoreOutlined />, permission: 'services.read', group: 'services' },
    { key: '/services/priority-rules', label: 'services.nav.rules', icon: <OrderedListOutlined />, permission: 'services.manage', group: 'services' },
  ],
  childTabs: [
    {
      key: 'services',
      label: 'services.childTab',
      permission: 'services.read',
      render: ({ childId, onChanged }) => <ServicesTab childId={childId} onChanged={onChanged} />,
    },
  ],
  crumbs: [
    { pattern: '/services', label: 'services.nav', parent: '/' },
    { pattern: '/services/priority-rules', label: 'services.nav.rules', parent: '/' },
    { pattern: '/services/programmes/:id', label: 'services.crumb.programme', parent: '/services' },
    { pattern: '/services/sessions/:id/roster', label: 'services.crumb.roster', parent: '/services' },
  ],
};
