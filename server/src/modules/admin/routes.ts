/** /api/admin: accounts, roles and the administrator-account requests; each table in routes/. */
import type { AppDeps, ZApp } from '../../core/deps.js';
import { adminRequestRoutes } from './routes/requests.js';
import { roleRoutes } from './routes/roles.js';
import { userRoutes } from './routes/users.js';

export function adminRoutes(app: ZApp, deps: AppDeps): void {
  roleRoutes(app, deps);
  userRoutes(app, deps);
  adminRequestRoutes(app, deps);
}
