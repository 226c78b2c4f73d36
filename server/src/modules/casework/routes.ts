/**
 * Casework around a child: work logs, assistance given, problems and their resolution, help plans,
 * mentors and buddies. Reading needs `children.read`, writing `casework.write`, mentor people and
 * assignments `mentors.manage`.
 */
import type { AppDeps, ZApp } from '../../core/deps.js';
import { assistanceRoutes } from './assistance.js';
import { carePlanRoutes } from './carePlans.js';
import { mandatoryReportRoutes } from './mandatoryReports.js';
import { mentorRoutes } from './mentors.js';
import { problemRoutes } from './problems.js';
import { workLogRoutes } from './workLogs.js';

export function caseworkRoutes(app: ZApp, deps: AppDeps): void {
  workLogRoutes(app, deps);
  assistanceRoutes(app, deps);
  problemRoutes(app, deps);
  mandatoryReportRoutes(app, deps);
  carePlanRoutes(app, deps);
  mentorRoutes(app, deps);
}
