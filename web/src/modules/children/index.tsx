import { lazy } from 'react';
import { RequirePermission } from '../../auth/RequirePermission';
import type { WebModule } from '../types';

// Pages load on demand, like the shell's own pages.
const ChildListPage = lazy(() => import('./ChildListPage'));
const ChildDetailPage = lazy(() => import('./ChildDetailPage'));
const ChildFormPage = lazy(() => import('./ChildFormPage'));

/**
 * 儿童档案 (一人一档): the list, the file and its form. Its menu entry and crumbs stay in the shell
 * (layout/navItems.tsx, layout/Breadcrumbs.tsx): every other module's entries are placed after it.
 */
export const childrenModule: WebModule = {
  name: 'children',
  routes: [
    {
      path: 'children',
      element: (
        <RequirePermission permission="children.read">
          <ChildListPage />
        </RequirePermission>
      ),
    },
    {
      path: 'children/new',
      element: (
        <RequirePermission permission="children.write">
          <ChildFormPage />
        </RequirePermission>
      ),
    },
    {
      path: 'children/:id',
      element: (
        <RequirePermission permission="children.read">
          <ChildDetailPage />
        </RequirePermission>
      ),
    },
    {
      path: 'children/:id/edit',
      element: (
        <RequirePermission permission="children.write">
          <ChildFormPage />
        </RequirePermission>
      ),
    },
  ],
  nav: [],
};
