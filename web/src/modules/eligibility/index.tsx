import { lazy } from 'react';
import { BookOutlined, CalculatorOutlined, GiftOutlined } from '@ant-design/icons';
import { RequirePermission } from '../../auth/RequirePermission';
import { lazyPart } from '../lazyPart';
import type { WebModule } from '../types';

// Child-file tabs load when the file page shows them, not with every page (see lazyPart).
const ChildBenefitsTab = lazyPart(() => import('./ChildBenefitsTab').then((m) => m.ChildBenefitsTab));

const WorklistPage = lazy(() => import('./WorklistPage'));
const PoliciesPage = lazy(() => import('./PoliciesPage'));
const PolicyPage = lazy(() => import('./PolicyPage'));
const WhatIfPage = lazy(() => import('./WhatIfPage'));
const EntitlementPage = lazy(() => import('./EntitlementPage'));

/** 免申即享: the child's benefits tab, the three work lists, the policy library. */
export const eligibilityModule: WebModule = {
  name: 'eligibility',
  routes: [
    {
      path: 'eligibility',
      element: (
        <RequirePermission permission="eligibility.read">
          <WorklistPage />
        </RequirePermission>
      ),
    },
    {
      path: 'policies',
      element: (
        <RequirePermission permission="eligibility.read">
          <PoliciesPage />
        </RequirePermission>
      ),
    },
    {
      path: 'policies/:id',
      element: (
        <RequirePermission permission="eligibility.read">
          <PolicyPage />
        </RequirePermission>
      ),
    },
    {
      path: 'entitlements/:id',
      element: (
        <RequirePermission permission="eligibility.read">
          <EntitlementPage />
        </RequirePermission>
      ),
    },
    {
      path: 'eligibility/what-if',
      element: (
        <RequirePermission permission="eligibility.read">
          <WhatIfPage />
        </RequirePermission>
      ),
    },
  ],
  nav: [
    { key: '/eligibility', label: 'eligibility.nav', icon: <GiftOutlined />, permission: 'eligibility.read' },
    { key: '/policies', label: 'eligibility.nav.policies', icon: <BookOutlined />, permission: 'eligibility.read' },
    { key: '/eligibility/what-if', label: 'eligibility.whatIf.title', icon: <CalculatorOutlined />, permission: 'eligibility.read' },
  ],
  childTabs: [
    { key: 'benefits', label: 'eligibility.childTab', permission: 'eligibility.read', render: ({ childId }) => <ChildBenefitsTab childId={childId} /> },
  ],
  crumbs: [
    { pattern: '/eligibility', label: 'eligibility.nav', parent: '/' },
    { pattern: '/policies', label: 'eligibility.nav.policies', parent: '/' },
    { pattern: '/policies/:id', label: 'eligibility.nav.policy', parent: '/policies' },
    { pattern: '/eligibility/what-if', label: 'eligibility.whatIf.title', parent: '/' },
  ],
};
