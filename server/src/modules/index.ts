/**
 * Every domain module's routes, registered in this order. A module is one folder under
 * server/src/modules with a `routes.ts` exporting `(app, deps) => void`.
 */
import type { AppDeps, ZApp } from '../app.js';
import { adminRoutes } from './admin/routes.js';
import { auditRoutes } from './audit/routes.js';
import { authRoutes } from './auth/routes.js';
import { childrenRoutes } from './children/routes.js';
import { healthRoutes } from './health/routes.js';
import { notificationRoutes } from './notifications/routes.js';
import { orgRoutes } from './org/routes.js';

export const MODULES: ((app: ZApp, deps: AppDeps) => void)[] = [
  healthRoutes,
  authRoutes,
  orgRoutes,
  adminRoutes,
  auditRoutes,
  childrenRoutes,
  notificationRoutes,
];
import { caseworkRoutes } from './casework/routes.js'; MODULES.push(caseworkRoutes); // casework: work logs, assistance, problems, help plans, mentors
import { filesRoutes } from './files/routes.js'; MODULES.push(filesRoutes); // files: attachments, Excel export and import
import { visitRoutes } from './visits/routes.js'; MODULES.push(visitRoutes); // visits: visit plan rules, checklists, visit records, work lists
