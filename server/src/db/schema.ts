/**
 * Drizzle table definitions used for typed queries. The tables themselves are created by the SQL
 * migrations in server/migrations (which also hold RLS, grants and functions); schema.test.ts
 * checks that every column declared here exists in the migrated database with a matching type.
 */
import { bigint, boolean, customType, date, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });
const tz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const streets = pgTable('streets', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  nameEn: text('name_en').notNull(),
  sort: integer('sort').notNull(),
});

export const committees = pgTable('committees', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull(),
  streetCode: text('street_code').notNull(),
  name: text('name').notNull(),
  active: boolean('active').notNull(),
  mergedInto: uuid('merged_into'),
  createdAt: tz('created_at').notNull().defaultNow(),
  updatedAt: tz('updated_at').notNull().defaultNow(),
});

export const units = pgTable('units', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  nameEn: text('name_en').notNull(),
  kind: text('kind').$type<'district' | 'department' | 'street' | 'organisation'>().notNull(),
  streetCode: text('street_code'),
  active: boolean('active').notNull(),
  sort: integer('sort').notNull(),
});

export const roles = pgTable('roles', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  nameEn: text('name_en').notNull(),
  scopeKind: text('scope_kind').$type<'district' | 'street' | 'committee' | 'assigned' | 'none'>().notNull(),
  adminClass: text('admin_class').$type<'system' | 'security' | 'audit'>(),
  permissions: text('permissions').array().notNull(),
  builtin: boolean('builtin').notNull(),
  updatedAt: tz('updated_at').notNull().defaultNow(),
});

export const users = pgTable('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  username: text('username').notNull(),
  displayName: text('display_name').notNull(),
  unitCode: text('unit_code').notNull(),
  passwordHash: text('password_hash').notNull(),
  passwordChangedAt: tz('password_changed_at').notNull().defaultNow(),
  passwordIsDemo: boolean('password_is_demo').notNull().default(false),
  mustChangePassword: boolean('must_change_password').notNull().default(false),
  disabled: boolean('disabled').notNull().default(false),
  totpSecretEnc: text('totp_secret_enc'),
  totpEnabled: boolean('totp_enabled').notNull().default(false),
  totpLastStep: bigint('totp_last_step', { mode: 'number' }).notNull().default(0),
  recoveryCodeHashes: text('recovery_code_hashes').array().notNull().default([]),
  lastLoginAt: tz('last_login_at'),
  createdAt: tz('created_at').notNull().defaultNow(),
  updatedAt: tz('updated_at').notNull().defaultNow(),
  mustReenrollTotp: boolean('must_reenroll_totp').notNull().default(false),
});

/** A password reset of an administrator account waiting for a second administrator (三权分立). */
export const adminAccountRequests = pgTable('admin_account_requests', {
  id: uuid('id').primaryKey().defaultRandom(),
  kind: text('kind').notNull(),
  targetUserId: uuid('target_user_id').notNull(),
  requestedBy: uuid('requested_by').notNull(),
  reason: text('reason').notNull(),
  status: text('status').notNull().default('pending'),
  decidedBy: uuid('decided_by'),
  decidedAt: tz('decided_at'),
  decisionNote: text('decision_note'),
  createdAt: tz('created_at').notNull().defaultNow(),
});

export const userRoles = pgTable('user_roles', {
  userId: uuid('user_id').notNull(),
  roleCode: text('role_code').notNull(),
}, (t) => [primaryKey({ columns: [t.userId, t.roleCode] })]);

export const userCommittees = pgTable('user_committees', {
  userId: uuid('user_id').notNull(),
  committeeId: uuid('committee_id').notNull(),
}, (t) => [primaryKey({ columns: [t.userId, t.committeeId] })]);

export const sessions = pgTable('sessions', {
  idHash: bytea('id_hash').primaryKey(),
  publicId: uuid('public_id').notNull().defaultRandom(),
  userId: uuid('user_id').notNull(),
  createdAt: tz('created_at').notNull(),
  lastSeenAt: tz('last_seen_at').notNull(),
  expiresAt: tz('expires_at').notNull(),
  revokedAt: tz('revoked_at'),
  ip: text('ip'),
  userAgent: text('user_agent'),
  csrfToken: text('csrf_token').notNull(),
  pending: text('pending').$type<'mfa' | 'mfa-enroll' | 'password-change'>(),
});

/** Per-user keys of the browser's encrypted form drafts (20261203_0700_draft_keys.sql). */
export const userDraftKeys = pgTable('user_draft_keys', {
  userId: uuid('user_id').primaryKey(),
  keySealed: text('key_sealed').notNull(),
  createdAt: tz('created_at').notNull(),
});

export const loginFailures = pgTable('login_failures', {
  username: text('username').primaryKey(),
  failures: integer('failures').notNull(),
  mfaFailures: integer('mfa_failures').notNull(),
  lastFailedAt: tz('last_failed_at').notNull(),
  lockedUntil: tz('locked_until'),
});

export const auditLog = pgTable('audit_log', {
  id: bigint('id', { mode: 'number' }).primaryKey(),
  at: tz('at').notNull(),
  userId: uuid('user_id'),
  username: text('username'),
  unitCode: text('unit_code'),
  roles: text('roles'),
  ip: text('ip'),
  action: text('action').notNull(),
  entity: text('entity'),
  entityId: text('entity_id'),
  outcome: text('outcome').$type<'success' | 'denied' | 'failed'>().notNull(),
  summary: jsonb('summary').$type<Record<string, unknown>>(),
  reason: text('reason'),
  requestId: text('request_id'),
  prevHash: bytea('prev_hash'),
  hash: bytea('hash').notNull(),
  hashAlg: text('hash_alg').$type<'sha256' | 'sm3'>().notNull(),
});

export const children = pgTable('children', {
  id: uuid('id').primaryKey().defaultRandom(),
  streetCode: text('street_code').notNull(),
  committeeId: uuid('committee_id').notNull(),
  name: text('name').notNull(),
  namePinyin: text('name_pinyin').notNull(),
  nameInitials: text('name_initials').notNull(),
  sex: text('sex').$type<'M' | 'F'>().notNull(),
  birthDate: date('birth_date', { mode: 'string' }).notNull(),
  idNumberEnc: text('id_number_enc'),
  idNumberBidx: text('id_number_bidx'),
  ethnicity: text('ethnicity'),
  hukou: text('hukou').$type<'local' | 'other'>().notNull(),
  hukouAddressEnc: text('hukou_address_enc'),
  residenceAddressEnc: text('residence_address_enc'),
  phoneEnc: text('phone_enc'),
  status: text('status').$type<'active' | 'closed'>().notNull(),
  createdBy: uuid('created_by'),
  createdAt: tz('created_at').notNull().defaultNow(),
  updatedAt: tz('updated_at').notNull().defaultNow(),
  idNumberTail: text('id_number_tail'),
  /** Generated: reverse(id_number_tail), for suffix search by index. */
  idTailRev: text('id_tail_rev'),
  noIdNote: text('no_id_note'),
  schoolStage: text('school_stage'),
  schoolName: text('school_name'),
  schoolGrade: text('school_grade'),
  disabilityType: text('disability_type'),
  disabilityGrade: smallint('disability_grade'),
  seriousIllness: text('serious_illness'),
  mentalHealthNoteEnc: text('mental_health_note_enc'),
  riskLevel: text('risk_level').$type<'high' | 'medium' | 'low'>().notNull(),
  riskReason: text('risk_reason'),
  riskAssessedOn: date('risk_assessed_on', { mode: 'string' }),
  householdSize: smallint('household_size'),
  monthlyIncomeFen: bigint('monthly_income_fen', { mode: 'number' }),
  assetsFen: bigint('assets_fen', { mode: 'number' }),
  assetsAssessedOn: date('assets_assessed_on', { mode: 'string' }),
  closedReason: text('closed_reason'),
  closedOn: date('closed_on', { mode: 'string' }),
  registeredOn: date('registered_on', { mode: 'string' }).notNull(),
  lastVisitOn: date('last_visit_on', { mode: 'string' }),
  nextVisitDue: date('next_visit_due', { mode: 'string' }),
  mentorId: uuid('mentor_id'),
  buddyId: uuid('buddy_id'),
  version: integer('version').notNull(),
  /** 免申即享 facts (0021): true 是 / false 否 / null 未知. */
  adopted: boolean('adopted'),
  autism: boolean('autism'),
  caregiverCanRaise: boolean('caregiver_can_raise'),
  /** Restricted (children.health): encrypted '1' / '0'. */
  hivInfectedEnc: text('hiv_infected_enc'),
  /** Why a file is kept for someone 18 or older (20261203_0500). */
  over18Reason: text('over18_reason'),
  over18Note: text('over18_note'),
  /** The day the file became high risk; drives the first-visit deadline. */
  highRiskSince: date('high_risk_since', { mode: 'string' }),
});

export const householdMembers = pgTable('household_members', {
  id: uuid('id').primaryKey().defaultRandom(),
  childId: uuid('child_id').notNull(),
  streetCode: text('street_code').notNull(),
  committeeId: uuid('committee_id').notNull(),
  name: text('name').notNull(),
  relation: text('relation').notNull(),
  role: text('role').$type<'guardian' | 'caregiver' | 'member'>().notNull(),
  sex: text('sex').$type<'M' | 'F'>(),
  birthDate: date('birth_date', { mode: 'string' }),
  idNumberEnc: text('id_number_enc'),
  idNumberBidx: text('id_number_bidx'),
  phoneEnc: text('phone_enc'),
  status: text('status').notNull(),
  statusSince: date('status_since', { mode: 'string' }),
  statusUntil: date('status_until', { mode: 'string' }),
  createdAt: tz('created_at').notNull().defaultNow(),
  disabilityType: text('disability_type'),
  disabilityGrade: smallint('disability_grade'),
  note: text('note'),
});

export const childAssignments = pgTable('child_assignments', {
  childId: uuid('child_id').notNull(),
  userId: uuid('user_id').notNull(),
  streetCode: text('street_code').notNull(),
  committeeId: uuid('committee_id').notNull(),
}, (t) => [primaryKey({ columns: [t.childId, t.userId] })]);

/** 强制报告 duties raised by serious safety problems (20261203_0500). */
export const mandatoryReports = pgTable('mandatory_reports', {
  id: uuid('id').primaryKey().defaultRandom(),
  childId: uuid('child_id').notNull(),
  streetCode: text('street_code').notNull(),
  committeeId: uuid('committee_id').notNull(),
  problemId: uuid('problem_id').notNull(),
  status: text('status').$type<'pending' | 'reported' | 'not_reported'>().notNull(),
  reportedAt: tz('reported_at'),
  recipients: text('recipients').array(),
  method: text('method'),
  note: text('note'),
  notReportedReason: text('not_reported_reason'),
  recordedBy: uuid('recorded_by'),
  recordedAt: tz('recorded_at'),
  createdAt: tz('created_at').notNull().defaultNow(),
  version: integer('version').notNull(),
});

export const visitSettings = pgTable('visit_settings', {
  id: boolean('id').primaryKey(),
  highRiskFirstVisitDays: integer('high_risk_first_visit_days').notNull(),
  updatedAt: tz('updated_at').notNull().defaultNow(),
});
