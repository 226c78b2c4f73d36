import { lazy } from 'react';
import { FileTextOutlined } from '@ant-design/icons';
import { RequirePermission } from '../../auth/RequirePermission';
import type { WebModule } from '../types';
import { lazyPart } from '../lazyPart';
import { aftercarePages } from './aftercare/parts';
import { assessmentCrumbs, assessmentNav, assessmentRoutes } from './assessments/pages';

const DocumentPrintPage = lazy(() => import('./documents/DocumentPrintPage'));
const TemplatesPage = lazy(() => import('./documents/TemplatesPage'));
const GuardianshipTab = lazyPart(() => import('./GuardianshipTab').then((m) => m.GuardianshipTab));

/**
 * 监护提质: the child file's 监护 tab (assessment, intervention ladder, guidance, supervision of a
 * child returned home, placement) and the pages of each part.
 */
export const guardianshipModule: WebModule = {
  name: 'guardianship',
  routes: [
    ...assessmentRoutes,
    ...aftercarePages.routes,
    {
      path: 'guardianship/documents/:id',
      element: (
        <RequirePermission permission="guardianship.read">
          <DocumentPrintPage />
        </RequirePermission>
      ),
    },
    {
      path: 'guardianship/templates',
      element: (
        <RequirePermission permission="guardianship.manage">
          <TemplatesPage />
        </RequirePermission>
      ),
    },
  ],
  nav: [
    ...assessmentNav,
    ...aftercarePages.nav,
    { key: '/guardianship/templates', label: 'guardianship.templates.nav', icon: <FileTextOutlined />, permission: 'guardianship.manage' },
  ],
  childTabs: [
    {
      key: 'guardianship',
      label: 'guardianship.childTab',
      anyPermission: ['guardianship.read', 'guardianship.summary'],
      render: ({ childId, onChanged }) => <GuardianshipTab childId={childId} onChanged={onChanged} />,
    },
  ],
  crumbs: [
    ...assessmentCrumbs,
    ...aftercarePages.crumbs,
    { pattern: '/guardianship/documents/:id', label: 'guardianship.documents.title', parent: '/' },
    { pattern: '/guardianship/templates', label: 'guardianship.templates.nav', parent: '/' },
  ],
};
