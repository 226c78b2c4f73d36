import type { AppDeps, ZApp } from '../../core/deps.js';
import { adminRequestRoutes } from './adminRequests.js';
import { roleRoutes } from './roles.js';
import { userRoutes } from './users.js';

export function adminRoutes(app: ZApp, deps: AppDeps): void {
  roleRoutes(app, deps);
  userRoutes(app, deps);
  adminRequestRoutes(app, deps);
}
