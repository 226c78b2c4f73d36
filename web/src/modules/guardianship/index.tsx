import type { WebModule } from '../types';
import { lazyPart } from '../lazyPart';
import { assessmentCrumbs, assessmentNav, assessmentRoutes } from './assessments/pages';

const GuardianshipTab = lazyPart(() => import('./GuardianshipTab').then((m) => m.GuardianshipTab));

/**
 * 监护提质: the child file's 监护 tab (assessment, intervention ladder, guidance, supervision of a
 * child returned home, placement) and the pages of each part.
 */
export const guardianshipModule: WebModule = {
  name: 'guardianship',
  routes: [...assessmentRoutes],
  nav: [...assessmentNav],
  childTabs: [
    {
      key: 'guardianship',
      label: 'guardianship.childTab',
      anyPermission: ['guardianship.read', 'guardianship.summary'],
      render: ({ childId, onChanged }) => <GuardianshipTab childId={childId} onChanged={onChanged} />,
    },
  ],
  crumbs: [...assessmentCrumbs],
};
