/**
 * What 返家监护监督与临时照料 adds to the guardianship module, spread with one line each into
 * ../sections.tsx (the two cards of the 监护 tab) and ../index.tsx (pages, menu, breadcrumbs).
 */
import { lazy } from 'react';
import { HomeOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { RequirePermission } from '../../../auth/RequirePermission';
import type { WebModule } from '../../types';
import type { GuardianshipSection } from '../sections';
import { PlacementCard, SupervisionCard } from './cards';

const FollowupsPage = lazy(() => import('./FollowupsPage'));
const PlacementsPage = lazy(() => import('./PlacementsPage'));

export const AFTERCARE_SECTIONS: GuardianshipSection[] = [
  {
    key: 'supervision',
    title: 'guardianship.aftercare.supervision.title',
    anyPermission: ['guardianship.read', 'guardianship.summary'],
    render: ({ childId }) => <SupervisionCard childId={childId} />,
  },
  {
    key: 'placement',
    title: 'guardianship.aftercare.placement.title',
    anyPermission: ['guardianship.read', 'guardianship.summary'],
    render: ({ childId }) => <PlacementCard childId={childId} />,
  },
];

export const aftercarePages: Pick<Required<WebModule>, 'routes' | 'nav' | 'crumbs'> = {
  routes: [
    // Every signed-in user: the tabs follow the permissions (the street's list, the masked oversight list, one's own follow-ups).
    { path: 'guardianship/followups', element: <FollowupsPage /> },
    {
      path: 'guardianship/placements',
      element: (
        <RequirePermission permission="guardianship.read">
          <PlacementsPage />
        </RequirePermission>
      ),
    },
  ],
  nav: [
    // The street's overdue list, the procuratorate's masked one, a supervisor's own follow-ups (tabs by permission).
    {
      key: '/guardianship/followups',
      label: 'guardianship.aftercare.nav.followups',
      icon: <SafetyCertificateOutlined />,
      anyPermission: ['guardianship.read', 'guardianship.oversight', 'guardianship.summary'],
    },
    { key: '/guardianship/placements', label: 'guardianship.aftercare.nav.placements', icon: <HomeOutlined />, permission: 'guardianship.read' },
  ],
  crumbs: [
    { pattern: '/guardianship/followups', label: 'guardianship.aftercare.nav.followups', parent: '/' },
    { pattern: '/guardianship/placements', label: 'guardianship.aftercare.nav.placements', parent: '/' },
  ],
};
