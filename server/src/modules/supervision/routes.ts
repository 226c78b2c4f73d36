/**
 * 督办 routes: the plan (tasks, units, yearly targets; edited by plan.manage, audited), periods,
 * the unit's workspace, progress reports with evidence and their review, the indicator registry,
 * the dashboard and the quarterly report workbook. The tables are in routes/.
 */
import type { AppDeps, ZApp } from '../../core/deps.js';
import { indicatorRoutes } from './routes/indicators.js';
import { planRoutes } from './routes/plan.js';
import { reportRoutes } from './routes/reports.js';

export function supervisionRoutes(app: ZApp, deps: AppDeps): void {
  planRoutes(app, deps);
  reportRoutes(app, deps);
  indicatorRoutes(app, deps);
}
