/**
 * Every domain module's routes, registered in this order. A module is one folder under
 * server/src/modules with a `routes.ts` exporting `(app, deps) => void`.
 */
import type { AppDeps, ZApp } from '../core/deps.js';
import { adminRoutes } from './admin/routes.js';
import { auditRoutes } from './audit/routes.js';
import { authRoutes } from './auth/routes.js';
import { sessionRoutes } from './auth/sessionRoutes.js';
import { caseworkRoutes } from './casework/routes.js';
import { childrenRoutes } from './children/routes.js';
import { filesRoutes } from './files/routes.js';
import { healthRoutes } from './health/routes.js';
import { notificationRoutes } from './notifications/routes.js';
import { orgRoutes } from './org/routes.js';
import { visitRoutes } from './visits/routes.js';
import { eligibilityRoutes } from './eligibility/routes.js';
import { supervisionRoutes } from './supervision/routes.js';
import { referralRoutes } from './referrals/routes.js';
import { aftercareRoutes } from './aftercare/routes.js';
import { guidanceRoutes } from './guidance/routes.js';
import { guardianshipRoutes } from './guardianship/routes.js';
import { interventionRoutes } from './interventions/routes.js';

export const MODULES: ((app: ZApp, deps: AppDeps) => void)[] = [
  healthRoutes,
  authRoutes,
  sessionRoutes, // session keep-alive, the key of the browser's form drafts
  orgRoutes,
  adminRoutes,
  auditRoutes,
  notificationRoutes,
  childrenRoutes,
  visitRoutes, // visit plan rules, checklists, visit records, work lists
  caseworkRoutes, // work logs, assistance, problems, help plans, mentors
  filesRoutes, // attachments, Excel export and import
  eligibilityRoutes, // 免申即享: policies, evaluation, work lists, entitlements
  supervisionRoutes, // 督办: the plan, progress reports, indicators, dashboard
  referralRoutes, // 协同: referrals between units, case-scoped access, 暖杨通道
  aftercareRoutes, // 监护提质: children returned home (监护监督员, follow-ups), temporary placement
  guidanceRoutes, // 监护提质: document templates and documents, guidance for guardians
  guardianshipRoutes, // 监护评估: the guardianship-capacity assessment and its instrument
  interventionRoutes, // 监护提质: the intervention ladder, its referrals and suggestions
];
