import { lazy } from 'react';
import { ApartmentOutlined, SendOutlined } from '@ant-design/icons';
import { RequirePermission } from '../../auth/RequirePermission';
import { lazyPart } from '../lazyPart';
import type { WebModule } from '../types';
import { ReferralsHomeCard } from './ReferralsHomeCard';

// The child-file tab loads when the file page shows it (see lazyPart); whole pages on demand.
const ChildReferralsTab = lazyPart(() => import('./ChildReferralsTab').then((m) => m.ChildReferralsTab));
const QueuePage = lazy(() => import('./QueuePage'));
const ReferralPage = lazy(() => import('./ReferralPage'));
const ChildViewPage = lazy(() => import('./ChildViewPage'));
const DirectoryPage = lazy(() => import('./DirectoryPage'));

/** 协同转介: the work queue, one referral, the child as a receiving unit sees it, the directory. */
export const referralsModule: WebModule = {
  name: 'referrals',
  routes: [
    {
      path: 'referrals',
      element: (
        <RequirePermission permission="referrals.read">
          <QueuePage />
        </RequirePermission>
      ),
    },
    {
      path: 'referrals/directory',
      element: (
        <RequirePermission permission="referrals.manage">
          <DirectoryPage />
        </RequirePermission>
      ),
    },
    {
      path: 'referrals/:id',
      element: (
        <RequirePermission permission="referrals.read">
          <ReferralPage />
        </RequirePermission>
      ),
    },
    {
      path: 'referrals/:id/child',
      element: (
        <RequirePermission permission="referrals.read">
          <ChildViewPage />
        </RequirePermission>
      ),
    },
  ],
  nav: [
    { key: '/referrals', label: 'referrals.nav', icon: <SendOutlined />, permission: 'referrals.read' },
    { key: '/referrals/directory', label: 'referrals.nav.directory', icon: <ApartmentOutlined />, permission: 'referrals.manage' },
  ],
  homeCards: [{ key: 'referrals.incoming', permission: 'referrals.handle', component: ReferralsHomeCard }],
  childTabs: [
    { key: 'referrals', label: 'referrals.childTab', permission: 'referrals.read', render: ({ childId }) => <ChildReferralsTab childId={childId} /> },
  ],
  crumbs: [
    { pattern: '/referrals', label: 'referrals.nav', parent: '/' },
    { pattern: '/referrals/directory', label: 'referrals.nav.directory', parent: '/' },
    { pattern: '/referrals/:id', label: 'referrals.crumb.detail', parent: '/referrals' },
    { pattern: '/referrals/:id/child', label: 'referrals.crumb.child', parent: '/referrals' },
  ],
};
