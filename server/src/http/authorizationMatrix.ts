/**
 * The authorization matrix (issue 15, "proven by tests"): one row per operation of the OpenAPI
 * document. A row says how to call the operation on a record of the caller's own area and on one
 * of another area (the fixture that fills its path parameters), and what the area rule is; the
 * expected statuses themselves are derived in authorizationMatrix.test.ts from the builtin roles'
 * permissions (common/src/roles.ts) and the route's declared access, never copied from the server.
 *
 * A new route without a row, or a row whose operation is gone, fails the test: add the row here
 * (docs/security-tests.md, "adding a row").
 */

import type { Permission } from '#common/permissions.js';

export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/**
 * How a fixture's record relates to the caller:
 * - `area`: a record of a street (a child's file, a visit, a site …): callers scoped to another
 *   street, committee or assignment answer 404; district-wide roles reach it; roles without an
 *   area (administrators, departments) answer 404 unless the row says they reach it (`noArea`).
 * - `visible`: a record of a street that every holder of the permission may read district-wide
 *   (activities, safety sites and hazards, mentors, station rosters: no child's file in them);
 *   changing one of another street is refused (403/404/409).
 * - `global`: reference data or district-wide records: every holder of the permission reaches it.
 * - `foreign`: a record belonging to another user (an export, a saved filter, a notification):
 *   every caller answers 404.
 */
export type FixtureScope = 'area' | 'visible' | 'global' | 'foreign';

export interface Fixture {
  scope: FixtureScope;
  /**
   * The record belongs to a unit too (a referral's addressee, a programme's provider, a plan
   * report's unit): callers without an area (departments) are decided by their unit, so either
   * answer is right for them; the module's own tests pin it.
   */
  units?: true;
  /** A street's record that is not a child's: callers scoped to assigned children do not reach it. */
  streetOnly?: true;
  /**
   * Returns one row whose columns are the path parameters (a column that is no path parameter goes
   * into the query string). Area fixtures get $1 = street code,
   * $2 = committee code (the own committee is preferred), $3 = offset; global and foreign ones
   * $1 = offset (the offset gives each destructive call its own record).
   */
  sql: string;
}

const scoped = (cols: string, from: string, committee = 't.committee_id', street = 't.street_code', order = 't.id'): string =>
  'select ' +
  cols +
  ' from ' +
  from +
  ' where ' +
  street +
  ' = $1 order by (' +
  committee +
  ' = (select id from committees where code = $2::text)) is true desc, ' +
  order +
  ' offset $3 limit 1';
const global = (cols: string, from: string, order = 't.id'): string => 'select ' + cols + ' from ' + from + ' order by ' + order + ' offset $1 limit 1';

/** The fixtures, by the kind of record named in the path. */
export const FIXTURES = {
  child: { scope: 'area', sql: scoped('t.id', 'children t') },
  member: { scope: 'area', sql: scoped('t.child_id as id, t.id as "memberId"', 'household_members t') },
  childCategory: { scope: 'area', sql: scoped('t.child_id as id, t.id as "categoryId"', 'child_categories t') },
  childBenefit: { scope: 'area', sql: scoped('t.child_id as id, t.id as "benefitId"', 'child_benefits t') },
  holidayPlan: { scope: 'area', sql: scoped('t.child_id as id, t.year::text as year, t.season', 'holiday_plans t') },
  visit: { scope: 'area', sql: scoped('t.id', 'visits t') },
  workLog: { scope: 'area', sql: scoped('t.id', 'work_logs t') },
  assistance: { scope: 'area', sql: scoped('t.id', 'assistance t') },
  problem: { scope: 'area', sql: scoped('t.id', 'problems t') },
  mandatoryReport: { scope: 'area', sql: scoped('t.id', 'mandatory_reports t') },
  carePlan: { scope: 'area', sql: scoped('t.id', 'care_plans t') },
  mentor: { scope: 'visible', sql: scoped('t.id', 'mentors t', 'null::uuid') },
  attachment: { scope: 'area', sql: scoped('t.id', 'attachments t') },
  entitlement: { scope: 'area', sql: scoped('t.id', 'entitlements t') },
  // 暖杨通道 referrals are the addressee's and the district's only (not the street's): not a street's record
  referral: { scope: 'area', units: true, sql: scoped('t.id', 'referrals t', 't.committee_id', 'case when t.channel then null else t.street_code end') },
  referralAttachment: {
    scope: 'area',
    units: true,
    sql: scoped(
      't.id, a.attachment_id as "attachmentId"',
      'referrals t join referral_attachments a on a.referral_id = t.id',
      't.committee_id',
      'case when t.channel then null else t.street_code end',
    ),
  },
  supervisedChild: { scope: 'area', sql: scoped('t.child_id as id', 'guardianship_supervisions t') },
  supervision: { scope: 'area', sql: scoped('t.id', 'guardianship_supervisions t') },
  followup: { scope: 'area', sql: scoped('t.id', 'supervision_followups t') },
  placement: { scope: 'area', sql: scoped('t.id', 'placements t') },
  assessment: { scope: 'area', sql: scoped('t.id', 'guardianship_assessments t') },
  intervention: { scope: 'area', sql: scoped('t.id', 'guardianship_interventions t') },
  guardianshipDocument: { scope: 'area', sql: scoped('t.id', 'guardianship_documents t') },
  guidanceSession: { scope: 'area', units: true, sql: scoped('t.id', 'guidance_sessions t') },
  booking: { scope: 'area', units: true, sql: scoped('t.id', "bookings t join programmes p on p.id = t.programme_id and p.mode = 'group'") },
  // another street's appointment not booked by the own street's office (the booker sees its bookings)
  appointment: {
    scope: 'area',
    units: true,
    sql: scoped(
      't.id',
      "bookings t join programmes p on p.id = t.programme_id and p.mode = 'appointment' and (t.street_code = $1 and $1 = 'dinghai' or t.requested_by_unit is distinct from 'street-dinghai')",
    ),
  },
  activity: { scope: 'visible', sql: scoped('t.id', 'activities t') },
  activityParticipant: { scope: 'visible', sql: scoped('t.activity_id as id, t.id as "participantId"', 'activity_participants t') },
  // photos and sign-in sheets show children: scoped like a child's file, not visible district-wide
  activityAttachment: {
    scope: 'area',
    streetOnly: true,
    sql: scoped('t.id, a.id as "attachmentId"', 'activities t join activity_attachments a on a.activity_id = t.id'),
  },
  // marking a photo for publicity is a change of the activity (visible district-wide, changed by its street)
  activityPhoto: {
    scope: 'visible',
    sql: scoped('t.id, a.id as "attachmentId"', 'activities t join activity_attachments a on a.activity_id = t.id'),
  },
  site: { scope: 'visible', sql: scoped('t.id', 'safety_sites t', 'null::uuid') },
  inspection: { scope: 'visible', sql: scoped('t.id', 'inspections t', 'null::uuid') },
  hazard: { scope: 'visible', sql: scoped('t.id', 'hazards t', 'null::uuid') },
  staff: { scope: 'area', sql: scoped('t.id', 'staff t', 'null::uuid') },
  staffCommittee: {
    scope: 'area',
    sql: scoped('t.staff_id as id, t.committee_id as "committeeId"', 'staff_committees t', 't.committee_id', 't.street_code', 't.staff_id'),
  },
  recordCheck: { scope: 'area', sql: scoped('r.id', 'record_checks r join staff t on t.id = r.staff_id', 'null::uuid', 't.street_code', 'r.id') },
  exam: { scope: 'area', sql: scoped('r.id', 'exam_records r join staff t on t.id = r.staff_id', 'null::uuid', 't.street_code', 'r.id') },
  stationMember: { scope: 'visible', sql: scoped('t.id', 'station_members t', 'null::uuid') },
  committee: { scope: 'area', sql: scoped('t.id', 'committees t', 't.id') },
  charityAid: { scope: 'area', sql: scoped('t.id', 'charity_aid t') },
  projectChild: {
    scope: 'area',
    sql: scoped('t.project_id as id, t.child_id as "childId"', 'project_children t', 't.committee_id', 't.street_code', 't.child_id'),
  },
  trainee: {
    scope: 'area',
    sql: scoped('t.id as "staffId"', 'staff t join training_attendance a on a.staff_id = t.id', 'null::uuid', 't.street_code', 't.id'),
  },
  // district-wide records and reference data
  orgCommittee: { scope: 'global', sql: global('t.id', 'committees t') },
  user: { scope: 'global', sql: global('t.id', "users t where t.username in ('street-pingliang', 'youth', 'water', 'police', 'dpf')") },
  customRole: { scope: 'global', sql: global('t.code', "roles t where t.code = 'matrix_custom'", 't.code') },
  adminRequest: { scope: 'global', sql: global('t.id', 'admin_account_requests t') },
  unit: { scope: 'global', sql: global('t.code', "units t where t.code = 'water'", 't.code') },
  checklistItem: { scope: 'global', sql: global('t.id', 'checklist_items t') },
  policy: { scope: 'global', sql: global('t.policy_id as id', 'eligibility_policy_names t', 't.policy_id') },
  plan: { scope: 'global', sql: global('t.id', 'plans t') },
  planTask: { scope: 'global', sql: global('t.id', 'plan_tasks t') },
  planReport: { scope: 'global', units: true, sql: global('t.id', 'plan_reports t') },
  planTarget: { scope: 'global', sql: global('t.id', 'plan_targets t') },
  planEvidence: { scope: 'global', units: true, sql: global('t.id', 'plan_evidence t') },
  referralKind: { scope: 'global', sql: global('t.code', 'referral_kinds t', 't.code') },
  referralReceiver: { scope: 'global', sql: global('t.id', 'referral_receivers t') },
  instrument: { scope: 'global', sql: global('t.code, t.version::text as version', 'guardianship_instruments t', 't.code') },
  template: { scope: 'global', sql: global('t.code', 'guardianship_templates t', 't.code') },
  programme: { scope: 'global', sql: global('t.id', "programmes t where t.mode = 'group'") },
  homeTeachingProgramme: { scope: 'global', sql: global('t.id', "programmes t where t.mode = 'appointment'") },
  programmeSession: {
    scope: 'global',
    units: true,
    sql: global('t.id', "programme_sessions t join programmes p on p.id = t.programme_id and p.mode = 'group'"),
  },
  appointmentSlot: {
    scope: 'global',
    units: true,
    sql: global('t.id', "programme_sessions t join programmes p on p.id = t.programme_id and p.mode = 'appointment'"),
  },
  priorityRule: { scope: 'global', sql: global('t.code', 'booking_priority_rules t', 't.code') },
  cadenceRule: { scope: 'global', sql: global('t.code', 'cadence_rules t', 't.code') },
  safetyChecklist: { scope: 'global', sql: global('t.code', 'inspection_checklists t', 't.code') },
  schoolHoliday: { scope: 'global', sql: global('t.year::text as year, t.season', 'school_holidays t', 't.year, t.season') },
  staffingRule: { scope: 'global', sql: global('t.code', 'staffing_rules t', 't.code') },
  organisation: { scope: 'global', sql: global('t.id', 'organisations t') },
  orgProject: { scope: 'global', sql: global('t.id', 'org_projects t') },
  trainingSession: { scope: 'global', sql: global('t.id', 'training_sessions t') },
  charityProject: { scope: 'global', sql: global('t.id', 'charity_projects t') },
  restrictedMatch: { scope: 'global', sql: global('t.id', 'restricted_matches t') },
  feed: { scope: 'global', sql: global('t.code', 'data_feeds t', 't.code') },
  feedRun: { scope: 'global', sql: global('t.id', 'feed_runs t') },
  feedRecord: { scope: 'global', sql: global('t.id', 'feed_records t') },
  feedChange: { scope: 'area', sql: scoped('t.id', 'feed_changes t') },
  securityAlert: { scope: 'global', sql: global('t.id', 'security_alerts t') },
  processingPurpose: { scope: 'global', sql: global('t.code', 'processing_purposes t', 't.code') },
  // a grant is its holder's (and the audit administrator's, who may end any): others answer 404
  accessGrant: { scope: 'global', sql: global('t.id', 'access_grants t') },
  consent: { scope: 'area', sql: scoped('t.child_id as id, t.id as "consentId"', 'child_consents t') },
  // records of another user: every caller answers 404
  ownSession: {
    scope: 'foreign',
    sql: global('t.public_id as id', "sessions t join users u on u.id = t.user_id and u.username = 'matrix-owner'", 't.public_id'),
  },
  notification: { scope: 'foreign', sql: global('t.id', "notifications t join users u on u.id = t.user_id and u.username = 'matrix-owner'") },
  savedFilter: { scope: 'foreign', sql: global('t.id', "saved_filters t join users u on u.id = t.user_id and u.username = 'matrix-owner'") },
  export: { scope: 'foreign', sql: global('t.id', "exports t join users u on u.id = t.user_id and u.username = 'matrix-owner'") },
  import: { scope: 'foreign', sql: global('t.id', "imports t join users u on u.id = t.user_id and u.username = 'matrix-owner'") },
} satisfies Record<string, Fixture>;

export type FixtureName = keyof typeof FIXTURES;

/** What a call answers: reached (not 401/403/404, no 5xx), a status, refused (403/404/409), or any answer but 401 and 5xx. */
export type Expect = 'reached' | 401 | 403 | 404 | 'refused' | 'any';

export interface MatrixRow {
  method: Method;
  /** OpenAPI path, `{param}` style. */
  path: string;
  fixture?: FixtureName;
  /** The module refines the declared access: holders of none of these answer 403. */
  needs?: Permission[];
  /** The module hides the record from holders of none of these: they answer 404. */
  needsOr404?: Permission[];
  /**
   * Overrides of the derived expectation, for every role holding the permission (say why in a
   * comment); `other` does not apply to district-wide roles, whose area the other street is.
   */
  own?: Expect;
  other?: Expect;
  /** Body sent on the own-area call; default `{}` for methods with a body: the 400 still proves the guard let the caller through. */
  body?: unknown;
  /** Body sent on the other-area call (default: a minimal valid body generated from the OpenAPI schema). */
  otherBody?: unknown;
  /** Each call made by a fresh session of the user (logout, session end). */
  fresh?: true;
}

/** One row per operationId. */
export const MATRIX: Record<string, MatrixRow> = {
  getHealth: { method: 'GET', path: '/api/health' },
  login: { method: 'POST', path: '/api/auth/login' },
  verifyMfa: { method: 'POST', path: '/api/auth/mfa' },
  logout: { method: 'POST', path: '/api/auth/logout', fresh: true },
  getMe: { method: 'GET', path: '/api/auth/me' },
  listMySessions: { method: 'GET', path: '/api/auth/sessions' },
  revokeMySession: { method: 'DELETE', path: '/api/auth/sessions/{id}', fixture: 'ownSession', fresh: true },
  changeMyPassword: { method: 'POST', path: '/api/auth/password' },
  setupTotp: { method: 'POST', path: '/api/auth/totp/setup', fresh: true },
  enableTotp: { method: 'POST', path: '/api/auth/totp/enable' },
  disableTotp: { method: 'POST', path: '/api/auth/totp/disable' },
  getSessionStatus: { method: 'GET', path: '/api/auth/session' },
  keepSessionAlive: { method: 'POST', path: '/api/auth/keepalive' },
  getDraftKey: { method: 'POST', path: '/api/auth/draft-key' },
  listStreets: { method: 'GET', path: '/api/org/streets' },
  listCommittees: { method: 'GET', path: '/api/org/committees' },
  createCommittee: { method: 'POST', path: '/api/org/committees' },
  renameCommittee: { method: 'PATCH', path: '/api/org/committees/{id}', fixture: 'orgCommittee' },
  mergeCommittee: { method: 'POST', path: '/api/org/committees/{id}/merge', fixture: 'orgCommittee' },
  listUnits: { method: 'GET', path: '/api/org/units' },
  createUnit: { method: 'POST', path: '/api/org/units' },
  updateUnit: { method: 'PATCH', path: '/api/org/units/{code}', fixture: 'unit' },
  listRoles: { method: 'GET', path: '/api/admin/roles' },
  createRole: { method: 'POST', path: '/api/admin/roles' },
  updateRole: { method: 'PATCH', path: '/api/admin/roles/{code}', fixture: 'customRole' },
  deleteRole: { method: 'DELETE', path: '/api/admin/roles/{code}', fixture: 'customRole' },
  listUsers: { method: 'GET', path: '/api/admin/users' },
  createUser: { method: 'POST', path: '/api/admin/users' },
  updateUser: { method: 'PATCH', path: '/api/admin/users/{id}', fixture: 'user' },
  resetUserPassword: { method: 'POST', path: '/api/admin/users/{id}/password', fixture: 'user' },
  unlockUser: { method: 'POST', path: '/api/admin/users/{id}/unlock', fixture: 'user' },
  resetUserMfa: { method: 'POST', path: '/api/admin/users/{id}/reset-mfa', fixture: 'user' },
  setUserAdminRole: { method: 'PUT', path: '/api/admin/users/{id}/admin-role', fixture: 'user' },
  setUserAdminStatus: { method: 'PUT', path: '/api/admin/users/{id}/admin-status', fixture: 'user' },
  listAdminRequests: { method: 'GET', path: '/api/admin/admin-requests' },
  createAdminRequest: { method: 'POST', path: '/api/admin/admin-requests' },
  approveAdminRequest: { method: 'POST', path: '/api/admin/admin-requests/{id}/approve', fixture: 'adminRequest' },
  refuseAdminRequest: { method: 'POST', path: '/api/admin/admin-requests/{id}/refuse', fixture: 'adminRequest' },
  listAuditEntries: { method: 'GET', path: '/api/audit' },
  verifyAuditChain: { method: 'POST', path: '/api/audit/verify' },
  listMyNotifications: { method: 'GET', path: '/api/notifications' },
  markNotificationRead: { method: 'POST', path: '/api/notifications/{id}/read', fixture: 'notification' },
  markAllNotificationsRead: { method: 'POST', path: '/api/notifications/read-all' },
  listChildren: { method: 'GET', path: '/api/children' },
  searchChildren: { method: 'POST', path: '/api/children/search' },
  checkChildDuplicate: { method: 'POST', path: '/api/children/check' },
  createChild: { method: 'POST', path: '/api/children' },
  listSavedFilters: { method: 'GET', path: '/api/saved-filters' },
  createSavedFilter: { method: 'POST', path: '/api/saved-filters' },
  deleteSavedFilter: { method: 'DELETE', path: '/api/saved-filters/{id}', fixture: 'savedFilter' },
  getChild: { method: 'GET', path: '/api/children/{id}', fixture: 'child' },
  updateChild: { method: 'PATCH', path: '/api/children/{id}', fixture: 'child' },
  unmaskChild: { method: 'POST', path: '/api/children/{id}/unmask', fixture: 'child' },
  listChildHistory: { method: 'GET', path: '/api/children/{id}/history', fixture: 'child' },
  addChildMember: { method: 'POST', path: '/api/children/{id}/members', fixture: 'child' },
  updateChildMember: { method: 'PATCH', path: '/api/children/{id}/members/{memberId}', fixture: 'member' },
  removeChildMember: { method: 'DELETE', path: '/api/children/{id}/members/{memberId}', fixture: 'member' },
  unmaskChildMember: { method: 'POST', path: '/api/children/{id}/members/{memberId}/unmask', fixture: 'member' },
  revealChildContacts: { method: 'POST', path: '/api/children/{id}/contact', fixture: 'child' },
  addChildCategory: { method: 'POST', path: '/api/children/{id}/categories', fixture: 'child' },
  endChildCategory: { method: 'POST', path: '/api/children/{id}/categories/{categoryId}/end', fixture: 'childCategory' },
  addChildBenefit: { method: 'POST', path: '/api/children/{id}/benefits', fixture: 'child' },
  removeChildBenefit: { method: 'DELETE', path: '/api/children/{id}/benefits/{benefitId}', fixture: 'childBenefit' },
  closeChild: { method: 'POST', path: '/api/children/{id}/close', fixture: 'child' },
  reopenChild: { method: 'POST', path: '/api/children/{id}/reopen', fixture: 'child' },
  transferChild: {
    method: 'POST',
    path: '/api/children/{id}/transfer',
    fixture: 'child',
    otherBody: { toCommitteeId: '{{ownCommitteeId}}', reason: '矩阵测试', version: 1 },
  },
  listVisitRules: { method: 'GET', path: '/api/visit-rules' },
  replaceVisitRules: { method: 'PUT', path: '/api/visit-rules' },
  listChecklistItems: { method: 'GET', path: '/api/checklists' },
  createChecklistItem: { method: 'POST', path: '/api/checklists' },
  updateChecklistItem: { method: 'PATCH', path: '/api/checklists/{id}', fixture: 'checklistItem' },
  reorderChecklistItems: { method: 'POST', path: '/api/checklists/reorder' },
  listChildVisits: { method: 'GET', path: '/api/children/{id}/visits', fixture: 'child' },
  getVisitForm: { method: 'GET', path: '/api/children/{id}/visit-form', fixture: 'child' },
  getVisitSummary: { method: 'GET', path: '/api/visits/summary' },
  listVisitWork: { method: 'GET', path: '/api/visits/worklist' },
  getVisit: { method: 'GET', path: '/api/visits/{id}', fixture: 'visit' },
  createVisit: { method: 'POST', path: '/api/visits' },
  updateVisit: { method: 'PATCH', path: '/api/visits/{id}', fixture: 'visit' },
  submitVisit: { method: 'POST', path: '/api/visits/{id}/submit', fixture: 'visit' },
  // only the author deletes a draft, an assistance record, an attachment (module tests); another street's is a 404
  deleteVisit: { method: 'DELETE', path: '/api/visits/{id}', fixture: 'visit', own: 'any' },
  listWorkLogs: { method: 'GET', path: '/api/work-logs' },
  createWorkLog: { method: 'POST', path: '/api/work-logs' },
  // only the author changes a work log (casework tests); another street's log is still a 404
  updateWorkLog: { method: 'PATCH', path: '/api/work-logs/{id}', fixture: 'workLog', own: 'any' },
  deleteWorkLog: { method: 'DELETE', path: '/api/work-logs/{id}', fixture: 'workLog', own: 'any' },
  listChildAssistance: { method: 'GET', path: '/api/children/{id}/assistance', fixture: 'child' },
  createAssistance: { method: 'POST', path: '/api/assistance' },
  deleteAssistance: { method: 'DELETE', path: '/api/assistance/{id}', fixture: 'assistance', own: 'any' },
  listProblems: { method: 'GET', path: '/api/problems' },
  getProblemStats: { method: 'GET', path: '/api/problems/stats' },
  listChildProblems: { method: 'GET', path: '/api/children/{id}/problems', fixture: 'child' },
  getProblem: { method: 'GET', path: '/api/problems/{id}', fixture: 'problem' },
  createProblem: { method: 'POST', path: '/api/problems' },
  changeProblemStatus: { method: 'POST', path: '/api/problems/{id}/status', fixture: 'problem' },
  escalateProblem: { method: 'POST', path: '/api/problems/{id}/escalate', fixture: 'problem' },
  addProblemComment: { method: 'POST', path: '/api/problems/{id}/comments', fixture: 'problem' },
  listMandatoryReports: { method: 'GET', path: '/api/mandatory-reports' },
  recordMandatoryReport: { method: 'POST', path: '/api/mandatory-reports/{id}/record', fixture: 'mandatoryReport' },
  listChildCarePlans: { method: 'GET', path: '/api/children/{id}/care-plans', fixture: 'child' },
  createCarePlan: { method: 'POST', path: '/api/care-plans' },
  updateCarePlan: { method: 'PATCH', path: '/api/care-plans/{id}', fixture: 'carePlan' },
  createCarePlanReview: { method: 'POST', path: '/api/care-plans/{id}/reviews', fixture: 'carePlan' },
  closeCarePlan: { method: 'POST', path: '/api/care-plans/{id}/close', fixture: 'carePlan' },
  listMentors: { method: 'GET', path: '/api/mentors' },
  createMentor: { method: 'POST', path: '/api/mentors' },
  updateMentor: { method: 'PATCH', path: '/api/mentors/{id}', fixture: 'mentor' },
  getChildMentors: { method: 'GET', path: '/api/children/{id}/mentor', fixture: 'child' },
  assignChildMentor: { method: 'PUT', path: '/api/children/{id}/mentor', fixture: 'child' },
  assignChildBuddy: { method: 'PUT', path: '/api/children/{id}/buddy', fixture: 'child' },
  getMentorCoverage: { method: 'GET', path: '/api/mentors/coverage' },
  listMentorGaps: { method: 'GET', path: '/api/mentors/gaps' },
  uploadAttachment: { method: 'POST', path: '/api/attachments' },
  listChildAttachments: { method: 'GET', path: '/api/children/{id}/attachments', fixture: 'child' },
  downloadAttachment: { method: 'GET', path: '/api/attachments/{id}', fixture: 'attachment' },
  deleteAttachment: { method: 'DELETE', path: '/api/attachments/{id}', fixture: 'attachment', own: 'any' },
  exportChildren: { method: 'POST', path: '/api/children/export' },
  downloadExport: { method: 'GET', path: '/api/exports/{id}', fixture: 'export' },
  downloadImportTemplate: { method: 'GET', path: '/api/children/import/template' },
  startChildrenImport: { method: 'POST', path: '/api/children/import' },
  getImportReport: { method: 'GET', path: '/api/imports/{id}', fixture: 'import' },
  commitImport: { method: 'POST', path: '/api/imports/{id}/commit', fixture: 'import' },
  logChildPrint: { method: 'POST', path: '/api/children/{id}/print-log', fixture: 'child' },
  listPolicies: { method: 'GET', path: '/api/policies' },
  getPolicy: { method: 'GET', path: '/api/policies/{id}', fixture: 'policy' },
  createPolicyValue: { method: 'POST', path: '/api/policies/{id}/values', fixture: 'policy' },
  evaluateEligibility: { method: 'POST', path: '/api/eligibility/evaluate' },
  getChildEligibility: { method: 'GET', path: '/api/children/{id}/eligibility', fixture: 'child' },
  runEligibilityMatching: { method: 'POST', path: '/api/eligibility/run' },
  estimateEligibilityWhatIf: { method: 'POST', path: '/api/eligibility/what-if' },
  proposeCarePlan: { method: 'POST', path: '/api/children/{id}/care-plan-proposal', fixture: 'child' },
  listWorklist: { method: 'GET', path: '/api/eligibility/worklist' },
  listWorklistChildren: { method: 'GET', path: '/api/eligibility/worklist/children' },
  assignWorklistItems: { method: 'POST', path: '/api/eligibility/worklist/assign' },
  exportWorklist: { method: 'POST', path: '/api/eligibility/worklist/export' },
  listChildEntitlements: { method: 'GET', path: '/api/children/{id}/entitlements', fixture: 'child' },
  getEntitlement: { method: 'GET', path: '/api/entitlements/{id}', fixture: 'entitlement' },
  transitionEntitlement: { method: 'POST', path: '/api/entitlements/{id}/transition', fixture: 'entitlement' },
  listEntitlementReviewRules: { method: 'GET', path: '/api/entitlement-review-rules' },
  setEntitlementReviewRule: { method: 'PUT', path: '/api/entitlement-review-rules' },
  listPlans: { method: 'GET', path: '/api/plans' },
  createPlan: { method: 'POST', path: '/api/plans' },
  updatePlan: { method: 'PUT', path: '/api/plans/{id}', fixture: 'plan' },
  listPlanTasks: { method: 'GET', path: '/api/plan/tasks' },
  createPlanTask: { method: 'POST', path: '/api/plans/{id}/tasks', fixture: 'plan' },
  updatePlanTask: { method: 'PUT', path: '/api/plan/tasks/{id}', fixture: 'planTask' },
  createPlanTarget: { method: 'POST', path: '/api/plan/tasks/{id}/targets', fixture: 'planTask' },
  updatePlanTarget: { method: 'PUT', path: '/api/plan/targets/{id}', fixture: 'planTarget' },
  deletePlanTarget: { method: 'DELETE', path: '/api/plan/targets/{id}', fixture: 'planTarget' },
  listPlanPeriods: { method: 'GET', path: '/api/plan/periods' },
  getPlanWorkspace: { method: 'GET', path: '/api/plan/workspace' },
  listOverdueReports: { method: 'GET', path: '/api/plan/overdue' },
  listPlanReports: { method: 'GET', path: '/api/plan/reports' },
  getPlanReport: { method: 'GET', path: '/api/plan/reports/{id}', fixture: 'planReport' },
  savePlanReport: { method: 'PUT', path: '/api/plan/reports' },
  submitPlanReport: { method: 'POST', path: '/api/plan/reports/{id}/submit', fixture: 'planReport' },
  reviewPlanReport: { method: 'POST', path: '/api/plan/reports/{id}/review', fixture: 'planReport' },
  uploadPlanEvidence: { method: 'POST', path: '/api/plan/reports/{id}/evidence', fixture: 'planReport' },
  downloadPlanEvidence: { method: 'GET', path: '/api/plan/evidence/{id}', fixture: 'planEvidence' },
  deletePlanEvidence: { method: 'DELETE', path: '/api/plan/evidence/{id}', fixture: 'planEvidence' },
  listIndicatorDefs: { method: 'GET', path: '/api/indicators' },
  getSupervisionDashboard: { method: 'GET', path: '/api/dashboard' },
  exportQuarterlyReport: { method: 'GET', path: '/api/plan/report.xlsx' },
  listReferrals: { method: 'GET', path: '/api/referrals' },
  createReferral: { method: 'POST', path: '/api/referrals' },
  createChannelReferral: { method: 'POST', path: '/api/referrals/channel' },
  getReferral: { method: 'GET', path: '/api/referrals/{id}', fixture: 'referral' },
  stepReferral: { method: 'POST', path: '/api/referrals/{id}/steps', fixture: 'referral' },
  commentReferral: { method: 'POST', path: '/api/referrals/{id}/comments', fixture: 'referral' },
  downloadReferralAttachment: { method: 'GET', path: '/api/referrals/{id}/attachments/{attachmentId}', fixture: 'referralAttachment' },
  listReferralKinds: { method: 'GET', path: '/api/referral-kinds' },
  // the child as the addressed unit sees it: only the receiving unit (referrals tests)
  getReferralChild: { method: 'GET', path: '/api/referrals/{id}/child', fixture: 'referral', own: 'any' },
  getReferralStats: { method: 'GET', path: '/api/referrals/stats' },
  listReferralReceivers: { method: 'GET', path: '/api/referral-receivers' },
  createReferralReceiver: { method: 'POST', path: '/api/referral-receivers' },
  updateReferralReceiver: { method: 'PATCH', path: '/api/referral-receivers/{id}', fixture: 'referralReceiver' },
  updateReferralKind: { method: 'PATCH', path: '/api/referral-kinds/{code}', fixture: 'referralKind' },
  getReferralSettings: { method: 'GET', path: '/api/referral-settings' },
  putReferralSettings: { method: 'PUT', path: '/api/referral-settings' },
  getWorkCalendar: { method: 'GET', path: '/api/work-calendar' },
  putWorkCalendar: { method: 'PUT', path: '/api/work-calendar' },
  getAftercareSettings: { method: 'GET', path: '/api/aftercare/settings' },
  updateAftercareSettings: { method: 'PUT', path: '/api/aftercare/settings' },
  getChildAftercare: {
    method: 'GET',
    path: '/api/aftercare/children/{id}',
    fixture: 'supervisedChild',
    needsOr404: ['guardianship.read', 'guardianship.summary', 'guardianship.write', 'guardianship.manage', 'referrals.handle'],
  },
  listSupervisorCandidates: { method: 'GET', path: '/api/aftercare/children/{id}/supervisor-candidates', fixture: 'supervisedChild' },
  createSupervision: { method: 'POST', path: '/api/aftercare/supervisions' },
  changeSupervisor: {
    method: 'PATCH',
    path: '/api/aftercare/supervisions/{id}',
    fixture: 'supervision',
    otherBody: { supervisorName: '矩阵监督员', supervisorPhone: '13800138000', version: 1 },
  },
  endSupervision: { method: 'POST', path: '/api/aftercare/supervisions/{id}/end', fixture: 'supervision' },
  revealSupervisorPhone: { method: 'POST', path: '/api/aftercare/supervisions/{id}/phone', fixture: 'supervision' },
  recordFollowup: { method: 'POST', path: '/api/aftercare/followups/{id}', fixture: 'followup' },
  listOverdueFollowups: { method: 'GET', path: '/api/aftercare/followups/overdue' },
  listOverdueFollowupsMasked: { method: 'GET', path: '/api/aftercare/followups/oversight' },
  listMyFollowups: { method: 'GET', path: '/api/aftercare/followups/mine' },
  listPlacements: { method: 'GET', path: '/api/aftercare/placements' },
  createPlacement: { method: 'POST', path: '/api/aftercare/placements' },
  updatePlacementServices: { method: 'PATCH', path: '/api/aftercare/placements/{id}', fixture: 'placement' },
  dischargePlacement: { method: 'POST', path: '/api/aftercare/placements/{id}/discharge', fixture: 'placement' },
  listGuardianshipTemplates: { method: 'GET', path: '/api/guardianship/templates', needs: ['guardianship.read', 'guardianship.manage'] },
  guardianshipTemplateVersions: {
    method: 'GET',
    path: '/api/guardianship/templates/{code}/versions',
    fixture: 'template',
    needs: ['guardianship.read', 'guardianship.manage'],
  },
  createGuardianshipTemplate: { method: 'POST', path: '/api/guardianship/templates' },
  updateGuardianshipTemplate: { method: 'PUT', path: '/api/guardianship/templates/{code}', fixture: 'template' },
  // documents are read in full: a summary reader (the child director) sees them only as the child's supervisor
  listInterventionDocuments: { method: 'GET', path: '/api/guardianship/interventions/{id}/documents', fixture: 'intervention', own: 'any' },
  createInterventionDocument: { method: 'POST', path: '/api/guardianship/interventions/{id}/documents', fixture: 'intervention' },
  getGuardianshipDocument: { method: 'GET', path: '/api/guardianship/documents/{id}', fixture: 'guardianshipDocument' },
  // as listInterventionDocuments
  listChildGuardianshipDocuments: { method: 'GET', path: '/api/children/{id}/guardianship-documents', fixture: 'child', own: 'any' },
  childGuidance: { method: 'GET', path: '/api/children/{id}/guidance', fixture: 'child' },
  createGuidanceSession: { method: 'POST', path: '/api/children/{id}/guidance', fixture: 'child' },
  updateGuidanceSession: { method: 'PATCH', path: '/api/guidance-sessions/{id}', fixture: 'guidanceSession' },
  recordGuidanceAttendance: {
    method: 'POST',
    path: '/api/guidance-sessions/{id}/attendance',
    fixture: 'guidanceSession',
    otherBody: { attended: true, version: 1 },
  },
  // a session with its attendance recorded is kept (409) before the writer is checked (403)
  deleteGuidanceSession: { method: 'DELETE', path: '/api/guidance-sessions/{id}', fixture: 'guidanceSession', own: 'any' },
  listChildAssessments: { method: 'GET', path: '/api/children/{id}/guardianship/assessments', fixture: 'child' },
  commissionAssessment: { method: 'POST', path: '/api/children/{id}/guardianship/assessments', fixture: 'child' },
  assessmentWorkList: { method: 'GET', path: '/api/guardianship/assessments' },
  getAssessment: { method: 'GET', path: '/api/guardianship/assessments/{id}', fixture: 'assessment' },
  recordAssessmentResult: { method: 'POST', path: '/api/guardianship/assessments/{id}/result', fixture: 'assessment' },
  returnAssessment: { method: 'POST', path: '/api/guardianship/assessments/{id}/return', fixture: 'assessment' },
  archiveAssessment: { method: 'POST', path: '/api/guardianship/assessments/{id}/archive', fixture: 'assessment' },
  cancelAssessment: { method: 'POST', path: '/api/guardianship/assessments/{id}/cancel', fixture: 'assessment' },
  listInstruments: { method: 'GET', path: '/api/guardianship/instruments', needs: ['guardianship.read', 'guardianship.manage'] },
  getInstrument: {
    method: 'GET',
    path: '/api/guardianship/instruments/{code}/{version}',
    fixture: 'instrument',
    needs: ['guardianship.read', 'guardianship.manage'],
  },
  createInstrument: { method: 'POST', path: '/api/guardianship/instruments' },
  activateInstrument: { method: 'POST', path: '/api/guardianship/instruments/{code}/{version}/activate', fixture: 'instrument' },
  getGuardianshipLadder: {
    method: 'GET',
    path: '/api/children/{id}/guardianship/ladder',
    fixture: 'child',
    needs: ['guardianship.read', 'guardianship.summary'],
  },
  getGuardianshipLadderUnits: { method: 'GET', path: '/api/children/{id}/guardianship/ladder/units', fixture: 'child' },
  createGuardianshipIntervention: { method: 'POST', path: '/api/children/{id}/guardianship/interventions', fixture: 'child' },
  recordGuardianshipInterventionOutcome: { method: 'POST', path: '/api/guardianship/interventions/{id}/outcome', fixture: 'intervention' },
  cancelGuardianshipIntervention: { method: 'POST', path: '/api/guardianship/interventions/{id}/cancel', fixture: 'intervention' },
  resendGuardianshipIntervention: { method: 'POST', path: '/api/guardianship/interventions/{id}/resend', fixture: 'intervention' },
  listProgrammes: { method: 'GET', path: '/api/programmes' },
  createProgramme: { method: 'POST', path: '/api/programmes' },
  getProgramme: { method: 'GET', path: '/api/programmes/{id}', fixture: 'programme' },
  updateProgramme: { method: 'PATCH', path: '/api/programmes/{id}', fixture: 'programme' },
  createProgrammeSession: { method: 'POST', path: '/api/programmes/{id}/sessions', fixture: 'programme' },
  updateProgrammeSession: { method: 'PATCH', path: '/api/programme-sessions/{id}', fixture: 'programmeSession' },
  cancelProgrammeSession: { method: 'POST', path: '/api/programme-sessions/{id}/cancel', fixture: 'programmeSession' },
  programmeSessionRoster: { method: 'GET', path: '/api/programme-sessions/{id}/roster', fixture: 'programmeSession' },
  createBooking: { method: 'POST', path: '/api/programme-sessions/{id}/bookings', fixture: 'programmeSession' },
  confirmBooking: { method: 'POST', path: '/api/bookings/{id}/confirm', fixture: 'booking' },
  cancelBooking: { method: 'POST', path: '/api/bookings/{id}/cancel', fixture: 'booking' },
  recordBookingAttendance: { method: 'POST', path: '/api/bookings/{id}/attendance', fixture: 'booking' },
  childBookings: { method: 'GET', path: '/api/children/{id}/bookings', fixture: 'child' },
  childBookableSessions: { method: 'GET', path: '/api/children/{id}/bookable', fixture: 'child' },
  listBookingPriorityRules: { method: 'GET', path: '/api/booking-priority-rules' },
  updateBookingPriorityRule: { method: 'PATCH', path: '/api/booking-priority-rules/{code}', fixture: 'priorityRule' },
  listActivities: { method: 'GET', path: '/api/activities' },
  createActivity: { method: 'POST', path: '/api/activities' },
  listActivityOrganisers: { method: 'GET', path: '/api/activities/organisers' },
  activityCompliance: { method: 'GET', path: '/api/activities/compliance' },
  getActivity: { method: 'GET', path: '/api/activities/{id}', fixture: 'activity' },
  updateActivity: { method: 'PATCH', path: '/api/activities/{id}', fixture: 'activity' },
  cancelActivity: { method: 'POST', path: '/api/activities/{id}/cancel', fixture: 'activity' },
  completeActivity: { method: 'POST', path: '/api/activities/{id}/complete', fixture: 'activity' },
  addActivityParticipants: { method: 'POST', path: '/api/activities/{id}/participants', fixture: 'activity' },
  // a child director records only the own committees' activities, a station's are the street's
  removeActivityParticipant: { method: 'DELETE', path: '/api/activities/{id}/participants/{participantId}', fixture: 'activityParticipant', own: 'any' },
  uploadActivityAttachment: { method: 'POST', path: '/api/activities/{id}/attachments', fixture: 'activity' },
  downloadActivityAttachment: { method: 'GET', path: '/api/activities/{id}/attachments/{attachmentId}', fixture: 'activityAttachment' },
  // the activity is visible district-wide, so changing another street's is refused with 403 before the attachment is looked up
  deleteActivityAttachment: {
    method: 'DELETE',
    path: '/api/activities/{id}/attachments/{attachmentId}',
    fixture: 'activityAttachment',
    own: 'any',
    other: 'refused',
  },
  childActivities: { method: 'GET', path: '/api/children/{id}/activities', fixture: 'child' },
  listCadenceRules: { method: 'GET', path: '/api/cadence-rules' },
  updateCadenceRule: { method: 'PUT', path: '/api/cadence-rules/{code}', fixture: 'cadenceRule' },
  safetyOptions: { method: 'GET', path: '/api/safety/options' },
  listSafetySites: { method: 'GET', path: '/api/safety/sites' },
  getSafetySite: { method: 'GET', path: '/api/safety/sites/{id}', fixture: 'site' },
  createSafetySite: { method: 'POST', path: '/api/safety/sites' },
  updateSafetySite: { method: 'PUT', path: '/api/safety/sites/{id}', fixture: 'site' },
  deactivateSafetySite: { method: 'POST', path: '/api/safety/sites/{id}/deactivate', fixture: 'site' },
  reactivateSafetySite: { method: 'POST', path: '/api/safety/sites/{id}/reactivate', fixture: 'site' },
  listInspectionChecklists: { method: 'GET', path: '/api/safety/checklists' },
  inspectionChecklistVersions: { method: 'GET', path: '/api/safety/checklists/{code}/versions', fixture: 'safetyChecklist' },
  createInspectionChecklist: { method: 'POST', path: '/api/safety/checklists' },
  newInspectionChecklistVersion: { method: 'POST', path: '/api/safety/checklists/{code}/versions', fixture: 'safetyChecklist' },
  listInspections: { method: 'GET', path: '/api/safety/inspections' },
  getInspection: { method: 'GET', path: '/api/safety/inspections/{id}', fixture: 'inspection' },
  createInspection: { method: 'POST', path: '/api/safety/inspections' },
  listHazards: { method: 'GET', path: '/api/safety/hazards' },
  hazardsOverdueByUnit: { method: 'GET', path: '/api/safety/hazards/overdue-by-unit' },
  getHazard: { method: 'GET', path: '/api/safety/hazards/{id}', fixture: 'hazard' },
  reportHazardFix: { method: 'POST', path: '/api/safety/hazards/{id}/fix', fixture: 'hazard' },
  confirmHazardFix: { method: 'POST', path: '/api/safety/hazards/{id}/confirm', fixture: 'hazard' },
  sendBackHazardFix: { method: 'POST', path: '/api/safety/hazards/{id}/send-back', fixture: 'hazard' },
  listAppointmentProgrammes: { method: 'GET', path: '/api/appointments/programmes' },
  listAppointmentSlots: { method: 'GET', path: '/api/appointments/programmes/{id}/slots', fixture: 'homeTeachingProgramme' },
  createAppointmentSlots: { method: 'POST', path: '/api/appointments/programmes/{id}/slots', fixture: 'homeTeachingProgramme' },
  cancelAppointmentSlot: { method: 'POST', path: '/api/appointment-slots/{id}/cancel', fixture: 'appointmentSlot' },
  bookAppointment: { method: 'POST', path: '/api/appointment-slots/{id}/book', fixture: 'appointmentSlot' },
  childAppointments: { method: 'GET', path: '/api/children/{id}/appointments', fixture: 'child' },
  cancelAppointment: { method: 'POST', path: '/api/appointments/{id}/cancel', fixture: 'appointment' },
  completeAppointment: {
    method: 'POST',
    path: '/api/appointments/{id}/complete',
    fixture: 'appointment',
    otherBody: { attended: false, absenceNote: '矩阵测试', version: 1 },
    // only the providing unit records a visit: anyone else is refused before the record is looked up
    other: 'refused',
  },
  listSchoolHolidays: { method: 'GET', path: '/api/school-holidays' },
  saveSchoolHoliday: { method: 'PUT', path: '/api/school-holidays/{year}/{season}', fixture: 'schoolHoliday' },
  childHolidayPlans: { method: 'GET', path: '/api/children/{id}/holiday-plans', fixture: 'child' },
  writeHolidayPlan: { method: 'PUT', path: '/api/children/{id}/holiday-plans/{year}/{season}', fixture: 'holidayPlan' },
  missingHolidayPlans: { method: 'GET', path: '/api/holiday-plans/missing' },
  workforceOptions: { method: 'GET', path: '/api/workforce/options' },
  listStaff: { method: 'GET', path: '/api/workforce/staff' },
  getStaff: { method: 'GET', path: '/api/workforce/staff/{id}', fixture: 'staff' },
  createStaff: { method: 'POST', path: '/api/workforce/staff' },
  updateStaff: { method: 'PUT', path: '/api/workforce/staff/{id}', fixture: 'staff' },
  revealStaff: { method: 'POST', path: '/api/workforce/staff/{id}/reveal', fixture: 'staff' },
  assignStaffCommittee: { method: 'POST', path: '/api/workforce/staff/{id}/committees', fixture: 'staff' },
  endStaffCommittee: { method: 'POST', path: '/api/workforce/staff/{id}/committees/{committeeId}/end', fixture: 'staffCommittee' },
  openStaffAccount: { method: 'POST', path: '/api/workforce/staff/{id}/account', fixture: 'staff' },
  linkStaffAccount: { method: 'POST', path: '/api/workforce/staff/{id}/account/link', fixture: 'staff' },
  listChecksDue: { method: 'GET', path: '/api/vetting/due' },
  requestCheck: { method: 'POST', path: '/api/vetting/staff/{id}/checks', fixture: 'staff' },
  answerCheck: { method: 'POST', path: '/api/vetting/checks/{id}/answer', fixture: 'recordCheck' },
  getVettingSettings: { method: 'GET', path: '/api/vetting/settings' },
  saveVettingSettings: { method: 'PUT', path: '/api/vetting/settings' },
  listStaffingRules: { method: 'GET', path: '/api/staffing/rules' },
  updateStaffingRule: { method: 'PUT', path: '/api/staffing/rules/{code}', fixture: 'staffingRule' },
  staffingOverview: { method: 'GET', path: '/api/staffing/overview' },
  committeeDirectors: { method: 'GET', path: '/api/staffing/committees/{id}/directors', fixture: 'committee' },
  listStations: { method: 'GET', path: '/api/staffing/stations' },
  addStationMember: { method: 'POST', path: '/api/staffing/stations/members' },
  updateStationMember: { method: 'PUT', path: '/api/staffing/stations/members/{id}', fixture: 'stationMember' },
  endStationMember: { method: 'POST', path: '/api/staffing/stations/members/{id}/end', fixture: 'stationMember' },
  organisationOptions: { method: 'GET', path: '/api/organisations/options' },
  listOrganisations: { method: 'GET', path: '/api/organisations' },
  getOrganisation: { method: 'GET', path: '/api/organisations/{id}', fixture: 'organisation' },
  createOrganisation: { method: 'POST', path: '/api/organisations' },
  updateOrganisation: { method: 'PUT', path: '/api/organisations/{id}', fixture: 'organisation' },
  listOrgProjects: { method: 'GET', path: '/api/organisations/projects' },
  getOrgProject: { method: 'GET', path: '/api/organisations/projects/{id}', fixture: 'orgProject' },
  createOrgProject: { method: 'POST', path: '/api/organisations/projects' },
  updateOrgProject: { method: 'PUT', path: '/api/organisations/projects/{id}', fixture: 'orgProject' },
  addOrgProjectChild: { method: 'POST', path: '/api/organisations/projects/{id}/children', fixture: 'orgProject' },
  endOrgProjectChild: { method: 'POST', path: '/api/organisations/projects/{id}/children/{childId}/end', fixture: 'projectChild' },
  listTrainingSessions: { method: 'GET', path: '/api/training/sessions' },
  getTrainingSession: { method: 'GET', path: '/api/training/sessions/{id}', fixture: 'trainingSession' },
  createTrainingSession: { method: 'POST', path: '/api/training/sessions' },
  updateTrainingSession: { method: 'PUT', path: '/api/training/sessions/{id}', fixture: 'trainingSession' },
  listTrainingAttendance: { method: 'GET', path: '/api/training/sessions/{id}/attendance', fixture: 'trainingSession' },
  recordTrainingAttendance: { method: 'PUT', path: '/api/training/sessions/{id}/attendance', fixture: 'trainingSession' },
  listTrainingPeople: { method: 'GET', path: '/api/training/people' },
  getTrainingArchive: { method: 'GET', path: '/api/training/people/{staffId}/archive', fixture: 'trainee' },
  getTrainingCoverage: { method: 'GET', path: '/api/training/coverage' },
  registerExam: { method: 'POST', path: '/api/training/exams' },
  recordExamResult: { method: 'PUT', path: '/api/training/exams/{id}/result', fixture: 'exam' },
  listEvaluations: { method: 'GET', path: '/api/training/evaluations' },
  evaluationMetrics: { method: 'GET', path: '/api/training/evaluations/metrics', fixture: 'trainee' },
  saveEvaluation: { method: 'POST', path: '/api/training/evaluations' },
  createReward: { method: 'POST', path: '/api/training/rewards' },
  listRestrictedLists: { method: 'GET', path: '/api/restricted/lists' },
  loadRestrictedList: { method: 'POST', path: '/api/restricted/lists' },
  listRestrictedMatches: { method: 'GET', path: '/api/restricted/matches' },
  reviewRestrictedMatch: { method: 'POST', path: '/api/restricted/matches/{id}/review', fixture: 'restrictedMatch' },
  listFeeds: { method: 'GET', path: '/api/feeds' },
  getFeed: { method: 'GET', path: '/api/feeds/{code}', fixture: 'feed' },
  updateFeed: { method: 'PUT', path: '/api/feeds/{code}', fixture: 'feed' },
  rotateFeedKey: { method: 'POST', path: '/api/feeds/{code}/key', fixture: 'feed' },
  uploadFeedRun: { method: 'POST', path: '/api/feeds/{code}/runs', fixture: 'feed' },
  listFeedRuns: { method: 'GET', path: '/api/feeds/{code}/runs', fixture: 'feed' },
  getFeedRun: { method: 'GET', path: '/api/feed-runs/{id}', fixture: 'feedRun' },
  listFeedRecords: { method: 'GET', path: '/api/feed-runs/{id}/records', fixture: 'feedRun' },
  confirmFeedRun: { method: 'POST', path: '/api/feed-runs/{id}/confirm', fixture: 'feedRun' },
  discardFeedRun: { method: 'POST', path: '/api/feed-runs/{id}/discard', fixture: 'feedRun' },
  resolveFeedRecord: { method: 'POST', path: '/api/feed-records/{id}/resolve', fixture: 'feedRecord' },
  listFeedChanges: { method: 'GET', path: '/api/feed-changes' },
  applyFeedChange: { method: 'POST', path: '/api/feed-changes/{id}/apply', fixture: 'feedChange' },
  rejectFeedChange: { method: 'POST', path: '/api/feed-changes/{id}/reject', fixture: 'feedChange' },
  // public as a route (no session: a department system calls it), its credential is the feed's key:
  // a session without the key is refused like no key at all
  pushFeedRecords: { method: 'POST', path: '/api/feeds/{code}/push', fixture: 'feed', own: 401 },
  charityOptions: { method: 'GET', path: '/api/charity/options' },
  listCharityProjects: { method: 'GET', path: '/api/charity/projects' },
  getCharityProject: { method: 'GET', path: '/api/charity/projects/{id}', fixture: 'charityProject' },
  createCharityProject: { method: 'POST', path: '/api/charity/projects' },
  updateCharityProject: { method: 'PUT', path: '/api/charity/projects/{id}', fixture: 'charityProject' },
  charityMatches: { method: 'GET', path: '/api/charity/projects/{id}/matches', fixture: 'charityProject' },
  recordCharityAid: { method: 'POST', path: '/api/charity/aid' },
  cancelCharityAid: { method: 'POST', path: '/api/charity/aid/{id}/cancel', fixture: 'charityAid' },
  childCharity: { method: 'GET', path: '/api/children/{id}/charity', fixture: 'child' },
  assignmentOptions: { method: 'GET', path: '/api/assignments/options' },
  listAssignments: { method: 'GET', path: '/api/assignments' },
  assignChildren: { method: 'POST', path: '/api/assignments' },
  endAssignment: { method: 'POST', path: '/api/assignments/end' },
  // issue 15: security events, consent, break the glass, retention, the compliance report
  listSecurityAlerts: { method: 'GET', path: '/api/audit/alerts' },
  acknowledgeSecurityAlert: { method: 'POST', path: '/api/audit/alerts/{id}/acknowledge', fixture: 'securityAlert' },
  listProcessingPurposes: { method: 'GET', path: '/api/processing-purposes' },
  updateProcessingPurpose: { method: 'PUT', path: '/api/processing-purposes/{code}', fixture: 'processingPurpose' },
  childConsents: { method: 'GET', path: '/api/children/{id}/consents', fixture: 'child' },
  recordConsent: { method: 'POST', path: '/api/children/{id}/consents', fixture: 'child' },
  recordProcessingBasis: { method: 'POST', path: '/api/children/{id}/bases', fixture: 'child' },
  withdrawConsent: { method: 'POST', path: '/api/children/{id}/consents/{consentId}/withdraw', fixture: 'consent' },
  setPhotoPublicity: { method: 'PUT', path: '/api/activities/{id}/attachments/{attachmentId}/publicity', fixture: 'activityPhoto' },
  openAccessGrant: { method: 'POST', path: '/api/access/grants' },
  listAccessGrants: { method: 'GET', path: '/api/access/grants' },
  openEmergencyAccess: { method: 'POST', path: '/api/access/emergency' },
  // the read-only file of an emergency grant: without a live grant of the caller, 404 for everyone
  getEmergencyChild: { method: 'GET', path: '/api/access/emergency/{id}', fixture: 'child', own: 404, other: 404 },
  // the caller's own grant for that id, or null: the same answer for a child out of reach or unknown (nothing read)
  getMyChildGrant: { method: 'GET', path: '/api/access/children/{id}/grant', fixture: 'child', own: 'any', other: 'any' },
  // the holder or the audit administrator ends a grant; the demo grant is the leader's, already ended (409)
  endAccessGrant: { method: 'POST', path: '/api/access/grants/{id}/end', fixture: 'accessGrant', own: 'any' },
  getAccessSettings: { method: 'GET', path: '/api/access/settings' },
  updateAccessSettings: { method: 'PUT', path: '/api/access/settings' },
  getRetentionSettings: { method: 'GET', path: '/api/retention/settings' },
  updateRetentionSettings: { method: 'PUT', path: '/api/retention/settings' },
  runRetention: { method: 'POST', path: '/api/retention/runs' },
  getComplianceReport: { method: 'GET', path: '/api/compliance/reports/{year}' },
};

type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  nullable?: boolean;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number | boolean;
  minItems?: number;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  default?: unknown;
};

/** Strings tried, in order, against a field's pattern. */
const PATTERN_CANDIDATES = [
  '2026-12-01',
  '2026-12-01T08:00:00.000Z',
  '00000000-0000-4000-8000-000000000001',
  '13800138000',
  '08:00',
  '2026-12',
  'dinghai',
  'abc-1',
  'A1',
];

/**
 * A minimal value that passes a request schema of the OpenAPI document: required properties
 * only, the first enum value, lengths and bounds respected. Used so that a call on another
 * area's record passes validation and reaches the record lookup (which must answer 404).
 */
export function sampleOf(schema: JsonSchema | undefined, components: Record<string, JsonSchema> = {}, depth = 0): unknown {
  if (!schema || depth > 12) return null;
  if (schema.$ref) return sampleOf(components[schema.$ref.replace(/^#\/components\/schemas\//, '')], components, depth + 1);
  if (schema.const !== undefined) return schema.const;
  if (schema.enum?.length) return schema.enum[0];
  if (schema.default !== undefined) return schema.default;
  if (schema.allOf?.length) return Object.assign({}, ...schema.allOf.map((s) => sampleOf(s, components, depth + 1)));
  const alt = schema.anyOf ?? schema.oneOf;
  if (alt?.length) return sampleOf(alt.find((s) => s.type !== 'null') ?? alt[0], components, depth + 1);
  const type = Array.isArray(schema.type) ? (schema.type.find((t) => t !== 'null') ?? 'null') : schema.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const k of schema.required ?? []) out[k] = sampleOf(schema.properties?.[k], components, depth + 1);
      return out;
    }
    case 'array':
      return Array.from({ length: schema.minItems ?? 0 }, () => sampleOf(schema.items, components, depth + 1));
    case 'integer':
    case 'number': {
      const min = typeof schema.minimum === 'number' ? schema.minimum : typeof schema.exclusiveMinimum === 'number' ? schema.exclusiveMinimum + 1 : 1;
      return typeof schema.maximum === 'number' && schema.maximum < min ? schema.maximum : min;
    }
    case 'boolean':
      return false;
    case 'null':
      return null;
    case 'string': {
      if (schema.format === 'uuid') return '00000000-0000-4000-8000-000000000001';
      if (schema.format === 'date') return '2026-12-01';
      if (schema.format === 'date-time') return '2026-12-01T08:00:00.000Z';
      if (schema.format === 'email') return 'matrix@example.org';
      if (schema.pattern) {
        const re = new RegExp(schema.pattern, 'u');
        const hit = PATTERN_CANDIDATES.find((c) => re.test(c));
        if (hit) return hit;
      }
      const n = Math.max(schema.minLength ?? 0, 4);
      return '矩阵测试说明文字内容'.repeat(Math.ceil(n / 10)).slice(0, Math.min(n, schema.maxLength ?? n));
    }
    default:
      return null;
  }
}
