import { lazy } from 'react';
import type { WebModule } from '../types';

// The page loads on demand, like every module's pages.
const MePage = lazy(() => import('./MePage'));

/**
 * 个人中心: the user's profile, second factor, password and sessions. No side-menu entry (the user
 * menu opens it); every signed-in user may open it, and an administrator who must enrol a second
 * factor is kept on it (RequireAuth).
 */
export const meModule: WebModule = {
  name: 'me',
  routes: [{ path: 'me', element: <MePage /> }],
  nav: [],
  crumbs: [{ pattern: '/me', label: 'nav.me', parent: '/' }],
};
