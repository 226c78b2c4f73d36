import { lazy } from 'react';
import { AuditOutlined, DatabaseOutlined, ShareAltOutlined } from '@ant-design/icons';
import { RequirePermission } from '../../auth/RequirePermission';
import type { WebModule } from '../types';
import { ReviewHomeCard } from './ReviewHomeCard';

const FeedsPage = lazy(() => import('./FeedsPage'));
const FeedPage = lazy(() => import('./FeedPage'));
const RunPage = lazy(() => import('./RunPage'));
const ReviewPage = lazy(() => import('./ReviewPage'));

/**
 * 数据共享比对 (issue 16): the departments' feeds and their mappings, keys and uploads
 * (feeds.manage), the run reports, and the changes waiting for review in one's area (feeds.review).
 */
export const feedsModule: WebModule = {
  name: 'feeds',
  routes: [
    {
      path: 'feeds',
      element: (
        <RequirePermission permission="feeds.manage">
          <FeedsPage />
        </RequirePermission>
      ),
    },
    {
      path: 'feeds/review',
      element: (
        <RequirePermission permission="feeds.review">
          <ReviewPage />
        </RequirePermission>
      ),
    },
    {
      path: 'feeds/runs/:id',
      element: (
        <RequirePermission permission="feeds.manage">
          <RunPage />
        </RequirePermission>
      ),
    },
    {
      path: 'feeds/:code',
      element: (
        <RequirePermission permission="feeds.manage">
          <FeedPage />
        </RequirePermission>
      ),
    },
  ],
  nav: [
    {
      key: 'group:feeds',
      label: 'feeds.nav',
      icon: <ShareAltOutlined />,
      anyPermission: ['feeds.manage', 'feeds.review'],
      children: [
        { key: '/feeds', label: 'feeds.nav.list', icon: <DatabaseOutlined />, permission: 'feeds.manage' },
        { key: '/feeds/review', label: 'feeds.nav.review', icon: <AuditOutlined />, permission: 'feeds.review' },
      ],
    },
  ],
  homeCards: [{ key: 'feeds.review', permission: 'feeds.review', component: ReviewHomeCard }],
  crumbs: [
    { pattern: '/feeds', label: 'feeds.nav.list', parent: '/' },
    { pattern: '/feeds/review', label: 'feeds.nav.review', parent: '/' },
    { pattern: '/feeds/:code', label: 'feeds.nav.feed', parent: '/feeds' },
    { pattern: '/feeds/runs/:id', label: 'feeds.nav.run', parent: '/feeds' },
  ],
};
