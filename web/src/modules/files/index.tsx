import { lazy } from 'react';
import { RequirePermission } from '../../auth/RequirePermission';
import { lazyPart } from '../lazyPart';
import type { WebModule } from '../types';

// Child-file tabs load when the file page shows them, not with every page (see lazyPart).
const AttachmentsTab = lazyPart(() => import('./AttachmentsTab').then((m) => m.AttachmentsTab));

// Pages load on demand, like the shell's own pages.
const ImportPage = lazy(() => import('./ImportPage'));
const PrintPage = lazy(() => import('./PrintPage'));

/**
 * Files: Excel import of children and guardians, the printable child file (一人一档), and the
 * attachments tab of the child file. The export and import buttons of the children list are
 * exported from ./components for the list page to place.
 */
export const filesModule: WebModule = {
  name: 'files',
  routes: [
    {
      path: 'children/import',
      element: (
        <RequirePermission permission="children.import">
          <ImportPage />
        </RequirePermission>
      ),
    },
    {
      path: 'children/:id/print',
      element: (
        <RequirePermission permission="children.read">
          <PrintPage />
        </RequirePermission>
      ),
    },
  ],
  nav: [],
  homeCards: [],
  childTabs: [
    { key: 'attachments', label: 'files.attachments.tab', permission: 'children.read', render: ({ childId }) => <AttachmentsTab childId={childId} /> },
  ],
  crumbs: [
    { pattern: '/children/import', label: 'files.crumb.import', parent: '/children' },
    { pattern: '/children/:id/print', label: 'files.crumb.print', parent: '/children' },
  ],
};
