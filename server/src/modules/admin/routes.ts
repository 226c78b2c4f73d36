import type { AppDeps, ZApp } from '../../app.js';
import { roleRoutes } from './roles.js';
import { userRoutes } from './users.js';

export function adminRoutes(app: ZApp, deps: AppDeps): void {
  roleRoutes(app, deps);
  userRoutes(app, deps);
}
