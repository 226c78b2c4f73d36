import { lazy } from 'react';
import { createBrowserRouter } from 'react-router';
import { RequireAuth } from './auth/RequireAuth';
import { RequirePermission } from './auth/RequirePermission';
import { AppLayout } from './layout/AppLayout';
import { LoginPage } from './pages/login/LoginPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { WEB_MODULES } from './modules/registry';

// Pages load on demand: a child director never downloads the administration screens.
const HomePage = lazy(() => import('./pages/home/HomePage'));
const MePage = lazy(() => import('./pages/me/MePage'));
const UsersPage = lazy(() => import('./pages/admin/users/UsersPage'));
const RolesPage = lazy(() => import('./pages/admin/roles/RolesPage'));
const UnitsPage = lazy(() => import('./pages/admin/units/UnitsPage'));
const AreasPage = lazy(() => import('./pages/admin/areas/AreasPage'));
const AdminRequestsPage = lazy(() => import('./pages/admin/approvals/AdminRequestsPage'));
const AuditPage = lazy(() => import('./pages/audit/AuditPage'));

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  {
    element: <RequireAuth />,
    children: [
      {
        element: <AppLayout />,
        children: [
          { index: true, element: <HomePage /> },
          ...WEB_MODULES.flatMap((m) => m.routes),
          { path: 'me', element: <MePage /> },
          { path: 'admin/users', element: <RequirePermission permission="admin.users.read"><UsersPage /></RequirePermission> },
          { path: 'admin/roles', element: <RequirePermission permission="admin.roles.read"><RolesPage /></RequirePermission> },
          { path: 'admin/units', element: <RequirePermission permission="org.read"><UnitsPage /></RequirePermission> },
          { path: 'admin/areas', element: <RequirePermission permission="org.read"><AreasPage /></RequirePermission> },
          { path: 'admin/approvals', element: <RequirePermission permission="admin.approvals"><AdminRequestsPage /></RequirePermission> },
          { path: 'audit', element: <RequirePermission permission="audit.read"><AuditPage /></RequirePermission> },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
