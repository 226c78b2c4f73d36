/**
 * Casework around a child: work logs, assistance given, problems and their resolution, help plans,
 * mentors and buddies, mandatory reports. Reading needs `children.read`, writing `casework.write`,
 * mentor people and assignments `mentors.manage`. Each part's route table is in `routes/<part>.ts`.
 */
import type { AppDeps, ZApp } from '../../core/deps.js';
import { assistanceRoutes } from './routes/assistance.js';
import { carePlanRoutes } from './routes/carePlans.js';
import { mandatoryReportRoutes } from './routes/mandatoryReports.js';
import { mentorRoutes } from './routes/mentors.js';
import { problemRoutes } from './routes/problems.js';
import { workLogRoutes } from './routes/workLogs.js';
// 协同: this module's referral handlers (completing a referral writes to its records)
import './referralWork.js';

export function caseworkRoutes(app: ZApp, deps: AppDeps): void {
  workLogRoutes(app, deps);
  assistanceRoutes(app, deps);
  problemRoutes(app, deps);
  mandatoryReportRoutes(app, deps);
  carePlanRoutes(app, deps);
  mentorRoutes(app, deps);
}
