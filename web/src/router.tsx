import { lazy } from 'react';
import { createBrowserRouter } from 'react-router';
import { RequireAuth } from './auth/RequireAuth';
import { AppLayout } from './layout/AppLayout';
import { LoginPage } from './modules/auth/login/LoginPage';
import { NotFoundPage } from './modules/shell/NotFoundPage';
import { WEB_MODULES } from './modules/registry';

// Pages load on demand (the modules' pages too: see each module's index.tsx).
const HomePage = lazy(() => import('./modules/shell/HomePage'));

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  {
    element: <RequireAuth />,
    children: [
      {
        element: <AppLayout />,
        children: [{ index: true, element: <HomePage /> }, ...WEB_MODULES.flatMap((m) => m.routes), { path: '*', element: <NotFoundPage /> }],
      },
    ],
  },
]);
