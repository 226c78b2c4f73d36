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
import { servicesRoutes } from './services/routes.js';
import { activityRoutes } from './activities/routes.js';
import { safetyRoutes } from './safety/routes.js';
import { appointmentRoutes } from './appointments/routes.js';
import { holidayRoutes } from './holidays/routes.js';
import { workforceRoutes } from './workforce/routes.js';
import { checkRoutes } from './workforce/checkRoutes.js';
import { staffingRoutes } from './staffing/routes.js';
import { organisationRoutes } from './organisations/routes.js';
import { trainingRoutes } from './training/routes.js';
import { restrictedRoutes } from './restricted/routes.js';
import { charityRoutes } from './charity/routes.js';
import { assignmentRoutes } from './assignments/routes.js';
import { consentRoutes } from './consent/routes.js';
import { accessRoutes } from './access/routes.js';
import { retentionRoutes } from './retention/routes.js';
import { complianceRoutes } from './compliance/routes.js';
import { feedRoutes } from './feeds/routes.js';

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
  servicesRoutes, // 服务: programmes, sessions, priority booking and wait lists, 送教上门, holiday plans
  activityRoutes, // 活动: activities, participants, cadence rules and compliance
  safetyRoutes, // 安全防护: sites, inspections, hazards and their rectification
  appointmentRoutes, // 送教上门: appointment slots, booking, completion
  holidayRoutes, // 寒暑假日历与假期安排: the school holiday calendar, children's holiday plans
  workforceRoutes, // 人员台账: people, committees served, accounts for checked people
  checkRoutes, // 入职查询: record checks and their settings (the vetting module keeps the rule's commands, job and indicators)
  staffingRoutes, // 配备: the staffing rule, the stations' rosters
  organisationRoutes, // 社会组织: organisations, commissioned and incubated projects
  trainingRoutes, // 培训与考核: training, exams, evaluations, rewards
  restrictedRoutes, // 从业限制名单: the restricted list and its matches (reviewer only)
  charityRoutes, // 救助+慈善+儿童: charity projects, matching, aid on the file
  assignmentRoutes, // 社工分派: children assigned to commissioned social workers
  consentRoutes, // 授权与同意: lawful bases per purpose, guardians' consents, publicity photos
  accessRoutes, // 越权查阅、紧急查阅 (break the glass) and the bulk-viewing watch
  retentionRoutes, // 保存期限: retention periods, the purge run (requirement 17)
  complianceRoutes, // 年度合规审计报告 (requirement 30)
  feedRoutes, // 数据共享比对: feeds from departments, matched to files, reviewed changes, the push endpoint
];
