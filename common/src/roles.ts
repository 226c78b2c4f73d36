import type { AdminClass, Permission, ScopeKind } from './permissions.js';

export interface BuiltinRole {
  code: string;
  zh: string;
  en: string;
  scopeKind: ScopeKind;
  adminClass: AdminClass | null;
  permissions: Permission[];
}

/** The roles every installation starts with. Their permissions can be edited afterwards. */
export const BUILTIN_ROLES: BuiltinRole[] = [
  {
    code: 'sysadmin',
    zh: '系统管理员',
    en: 'System administrator',
    scopeKind: 'none',
    adminClass: 'system',
    permissions: ['org.read', 'admin.users.read', 'admin.users.write', 'admin.roles.read', 'admin.units.write', 'admin.areas.write', 'admin.approvals'],
  },
  {
    code: 'secadmin',
    zh: '安全管理员',
    en: 'Security administrator',
    scopeKind: 'none',
    adminClass: 'security',
    permissions: ['org.read', 'admin.users.read', 'admin.roles.read', 'admin.roles.write', 'security.accounts', 'admin.approvals'],
  },
  {
    code: 'auditadmin',
    zh: '审计管理员',
    en: 'Audit administrator',
    scopeKind: 'none',
    adminClass: 'audit',
    permissions: ['org.read', 'audit.read', 'audit.verify', 'admin.approvals'],
  },
  {
    code: 'district_civil',
    zh: '区民政局工作人员',
    en: 'District civil-affairs staff',
    scopeKind: 'district',
    adminClass: null,
    permissions: [
      'org.read',
      'children.read',
      'children.write',
      'children.unmask',
      'children.health',
      'children.transfer',
      'children.import',
      'children.export',
      'visits.write',
      'casework.write',
      'mentors.manage',
      'checklists.manage',
      'eligibility.read',
      'entitlements.write',
      'policies.manage',
      'plan.read',
      'plan.read.all',
      'plan.report',
      'plan.review',
      'plan.manage',
      'referrals.read',
      'referrals.send',
      'referrals.handle',
      'referrals.supervise',
      'referrals.manage',
      'guardianship.read',
      'guardianship.write',
      'guardianship.manage',
    ],
  },
  {
    code: 'department',
    zh: '区职能部门工作人员',
    en: 'District department staff',
    scopeKind: 'none',
    adminClass: null,
    // A department works on a child only through a referral addressed to it (referrals.handle),
    // deciding the benefits it administers (entitlements.write) through it.
    permissions: ['org.read', 'plan.read', 'plan.report', 'referrals.read', 'referrals.send', 'referrals.handle', 'entitlements.write'],
  },
  {
    // 单位负责人: a department's or street office's head, told when the unit's referrals are overdue.
    code: 'unit_head',
    zh: '单位负责人',
    en: 'Head of unit',
    scopeKind: 'none',
    adminClass: null,
    permissions: ['org.read', 'plan.read', 'plan.report', 'referrals.read', 'referrals.send', 'referrals.handle', 'referrals.supervise', 'entitlements.write'],
  },
  {
    // 区检察院未检部门: receives the ladder's steps as referrals, and oversees follow-ups of
    // children returned home across the district (masked lists, no file).
    code: 'procurator',
    zh: '检察院未检工作人员',
    en: 'Procuratorate (juvenile prosecution) staff',
    scopeKind: 'none',
    adminClass: null,
    permissions: ['org.read', 'plan.read', 'plan.report', 'referrals.read', 'referrals.send', 'referrals.handle', 'guardianship.oversight'],
  },
  {
    code: 'street_supervisor',
    zh: '街道儿童督导员',
    en: 'Street supervisor',
    scopeKind: 'street',
    adminClass: null,
    permissions: [
      'org.read',
      'children.read',
      'children.write',
      'children.unmask',
      'children.contact',
      'children.health',
      'children.transfer',
      'children.import',
      'children.export',
      'visits.write',
      'casework.write',
      'mentors.manage',
      'eligibility.read',
      'entitlements.write',
      'plan.read',
      'plan.report',
      'referrals.read',
      'referrals.send',
      'referrals.handle',
      'referrals.supervise',
      'guardianship.read',
      'guardianship.write',
    ],
  },
  {
    // 区领导 / 区未保委办公室: read the plan, every unit's reports and the district's figures, and
    // drill down to children lists (masked).
    code: 'leader',
    zh: '区领导（督办看板）',
    en: 'District leader (supervision dashboard)',
    scopeKind: 'district',
    adminClass: null,
    permissions: ['org.read', 'children.read', 'eligibility.read', 'plan.read', 'plan.read.all', 'referrals.read'],
  },
  {
    code: 'child_director',
    zh: '儿童主任',
    en: 'Child director',
    scopeKind: 'committee',
    adminClass: null,
    // children.contact: the director visits the families of the committee and must be able to call them.
    permissions: [
      'org.read',
      'children.read',
      'children.write',
      'children.contact',
      'visits.write',
      'casework.write',
      'eligibility.read',
      'referrals.read',
      'referrals.send',
      // 劝诫 is the committee's own step: the director sees the ladder's steps and their own tasks.
      'guardianship.summary',
    ],
  },
  {
    code: 'social_worker',
    zh: '社会组织社工',
    en: 'Social worker (commissioned organisation)',
    scopeKind: 'assigned',
    adminClass: null,
    permissions: ['org.read', 'children.read', 'visits.write', 'casework.write', 'referrals.read', 'referrals.send'],
  },
];
