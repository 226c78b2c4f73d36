/**
 * Every permission a route can require. Role → permissions is data (table `roles`), editable by
 * administrators; this list is the vocabulary they choose from.
 */
export const PERMISSIONS = {
  'org.read': { zh: '查看组织与区域', en: 'View organisation and areas' },
  'admin.users.read': { zh: '查看用户', en: 'View users' },
  'admin.users.write': { zh: '管理用户', en: 'Manage users' },
  'admin.roles.read': { zh: '查看角色', en: 'View roles' },
  'admin.roles.write': { zh: '管理角色权限', en: 'Manage role permissions' },
  'admin.units.write': { zh: '管理单位', en: 'Manage units' },
  'admin.areas.write': { zh: '管理街道与居民区', en: 'Manage streets and committees' },
  'security.accounts': { zh: '账户安全管理（解锁、重置双因素、授予管理员角色）', en: 'Account security (unlock, reset 2FA, grant administrator roles)' },
  'admin.approvals': { zh: '审批管理员账户的敏感操作（双人复核）', en: 'Approve sensitive acts on administrator accounts (second approval)' },
  'audit.read': { zh: '查阅审计日志', en: 'Read the audit log' },
  'audit.verify': { zh: '校验审计日志完整性', en: 'Verify the audit chain' },
  'retention.manage': {
    zh: '设置日志与档案保存期限（审计日志、运行日志、结案档案归档）',
    en: 'Set retention periods (audit log, operational logs, archiving of closed files)',
  },
  'compliance.report': { zh: '生成年度未成年人个人信息保护合规审计报告', en: "Generate the yearly compliance audit report on minors' personal information" },
  'children.read': { zh: '查看儿童档案', en: 'View child files' },
  'children.write': { zh: '编辑儿童档案', en: 'Edit child files' },
  'children.unmask': { zh: '查看完整身份证号等敏感信息', en: 'View unmasked personal data' },
  'children.contact': {
    zh: '查看监护人联系电话与家庭住址（须说明原因，用于走访联系）',
    en: "Reveal guardians' phones and the family address (with a reason, to reach the family)",
  },
  'children.health': {
    zh: '查看和编辑受限健康信息（心理健康记录、感染艾滋病病毒情况）',
    en: 'View and edit restricted health information (mental-health notes, HIV status)',
  },
  'children.transfer': { zh: '儿童档案跨街道转出', en: 'Transfer a child file to another street' },
  'children.import': { zh: '导入儿童档案（Excel）', en: 'Import child files (Excel)' },
  'children.export': { zh: '导出儿童名单（Excel）', en: 'Export child lists (Excel)' },
  'children.emergency': {
    zh: '紧急查阅：凭身份证号查阅儿童档案（只读、限时，须说明理由，审计管理员将收到通知）',
    en: 'Emergency access: read a child file by identity number (read-only, time-limited, with a reason the audit administrator is told)',
  },
  'access.configure': { zh: '设置越权查阅时限与批量查阅预警阈值', en: 'Set the break-the-glass durations and the bulk-viewing alert thresholds' },
  'visits.write': { zh: '记录走访', en: 'Record visits' },
  'casework.write': { zh: '记录工作日志、帮扶、问题与帮扶方案', en: 'Record work logs, assistance, problems and help plans' },
  'mentors.manage': { zh: '管理成长导师与互助伙伴', en: 'Manage mentors and peer buddies' },
  'checklists.manage': { zh: '维护走访规则与服务内容清单', en: 'Maintain visit rules and checklists' },
  'eligibility.read': { zh: '查看免申即享匹配结果与工作清单', en: 'View eligibility results and work lists' },
  'entitlements.write': { zh: '核实、提交和办理保障待遇', en: 'Verify, submit and decide entitlements' },
  'policies.manage': { zh: '维护政策标准（带来源的分时段数值）', en: 'Maintain policy standards (dated values with sources)' },
  'plan.read': { zh: '查看行动方案、本单位任务与督办看板', en: 'View the action plan, own tasks and the supervision dashboard' },
  'plan.read.all': { zh: '查看全部任务、单位报告与全区指标', en: 'View every task, unit report and district indicator' },
  'plan.report': { zh: '报送本单位任务进展', en: "Report progress on own unit's tasks" },
  'plan.review': { zh: '审核各单位进展报告', en: "Review units' progress reports" },
  'plan.manage': { zh: '维护行动方案、任务分工与年度目标', en: 'Maintain the action plan, task division and yearly targets' },
  'referrals.read': { zh: '查看本单位收到和发出的转介', en: 'View the referrals the unit received and sent' },
  'referrals.send': { zh: '发起转介（含暖杨通道）', en: 'Send referrals (including 暖杨通道)' },
  'referrals.handle': {
    zh: '办理本单位收到的转介（签收、受理、退回、办结），办理期间按转介类型查看该儿童的相关信息',
    en: "Handle the unit's incoming referrals (acknowledge, accept, decline, complete), seeing the child's sections the kind needs",
  },
  'referrals.supervise': { zh: '单位负责人：接收本单位超时转介的督办提醒', en: "Unit head: receive escalations of the unit's overdue referrals" },
  'referrals.manage': { zh: '维护服务目录、转介类型与办理时限', en: 'Maintain the service directory, referral kinds and deadlines' },
  'guardianship.read': {
    zh: '查看监护评估、干预、指导、返家监护监督与临时照料的完整记录（每次查看记录审计）',
    en: 'View guardianship assessments, interventions, guidance, returned-home supervision and placements in full (every view audited)',
  },
  'guardianship.write': {
    zh: '记录监护评估、干预措施、监护指导、返家监护监督与临时照料',
    en: 'Record guardianship assessments, interventions, guidance, supervision and placements',
  },
  'guardianship.summary': {
    zh: '查看监护干预的步骤与本人待办（不含评估结论、笔录和法律文书）',
    en: 'See that guardianship steps exist and what falls to you (not assessments, notes or legal documents)',
  },
  'guardianship.manage': { zh: '维护监护能力评估量表与文书模板', en: 'Maintain the assessment instrument and document templates' },
  'guardianship.oversight': {
    zh: '检察监督：查看全区返家儿童随访与监护干预进展（脱敏）',
    en: 'Procuratorial oversight: returned-home follow-ups and interventions across the district (masked)',
  },
  'services.read': { zh: '查看服务项目、场次、活动与频次达标情况', en: 'View programmes, sessions, activities and cadence compliance' },
  'services.book': {
    zh: '为本辖区儿童（或其监护人）预约服务项目、候补、确认与取消',
    en: 'Book programmes for the children (or guardians) in your area: reserve, wait list, confirm, cancel',
  },
  'services.provide': {
    zh: '管理本单位的服务项目与场次、名单（脱敏）、签到和送教上门记录',
    en: "Run your unit's programmes and sessions: rosters (masked), attendance, home-teaching records",
  },
  'services.manage': {
    zh: '维护全区服务目录、优先预约规则、活动频次规则与寒暑假日历',
    en: 'Maintain the district catalogue, booking priority rules, activity cadence rules and the school holiday calendar',
  },
  'activities.write': {
    zh: '记录本单位或本辖区组织的活动（参与者、照片、签到表）',
    en: 'Record activities your unit or area organised (participants, photos, sign-in sheets)',
  },
  'safety.read': { zh: '查看场所安全检查与隐患整改情况', en: 'View site inspections and hazard rectification' },
  'safety.inspect': { zh: '对职责范围内的场所开展安全检查、登记隐患、确认整改', en: 'Inspect sites within your remit, record hazards, confirm their fixes' },
  'safety.rectify': { zh: '报告本单位负责隐患的整改情况', en: 'Report the fixing of hazards your unit answers for' },
  'safety.manage': { zh: '维护场所登记与检查表', en: 'Maintain the site register and inspection checklists' },
  'workforce.read': {
    zh: '查看本辖区儿童工作队伍台账（儿童主任、督导员、社工）、入职查询、培训与考核',
    en: 'View the workforce ledger of your area (child directors, supervisors, social workers), record checks, training and evaluation',
  },
  'workforce.manage': {
    zh: '维护本辖区人员台账、任职居民区、入职查询、培训签到、考试与年度考核，为通过查询的人员开通账号',
    en: 'Maintain the ledger of your area: committees served, record checks, training attendance, exams, evaluations; open accounts for checked people',
  },
  'workforce.configure': {
    zh: '维护配备规则、入职查询有效期与提醒、培训计划（全区）',
    en: 'Maintain the staffing rule, record-check validity and reminders, the training calendar (district)',
  },
  'workforce.restricted': {
    zh: '导入从业限制人员名单并复核比对结果（仅授权审核员）',
    en: 'Load the restricted-persons list and review its matches (authorised reviewer only)',
  },
  'organisations.read': {
    zh: '查看社会组织、委托与孵化项目、慈善项目',
    en: 'View social organisations, commissioned and incubated projects, charity projects',
  },
  'organisations.manage': {
    zh: '维护社会组织登记、委托与孵化项目、慈善项目及其匹配规则',
    en: 'Maintain the organisation register, commissioned and incubated projects, charity projects and their rules',
  },
  'organisations.assign': { zh: '为委托社工分派本辖区儿童', en: 'Assign children of your area to commissioned social workers' },
  'charity.record': { zh: '记录本辖区儿童获得的慈善帮扶', en: 'Record the charity aid children of your area received' },
  'consent.record': {
    zh: '记录本辖区儿童的处理依据与监护人同意、撤回同意',
    en: "Record the lawful bases and guardians' consents of your area's children, and their withdrawal",
  },
  'consent.manage': { zh: '维护处理目的及其合法性基础（全区）', en: 'Maintain the processing purposes and their lawful bases (district)' },
  'feeds.manage': {
    zh: '维护数据共享数据源（字段映射、接口密钥）、上传比对数据并确认批次、处理未匹配记录（全区）',
    en: 'Maintain data-sharing feeds (mappings, API keys), upload and confirm runs, resolve unmatched records (district)',
  },
  'feeds.review': {
    zh: '复核本辖区数据共享比对产生的拟变更（应用或驳回）',
    en: "Review the changes data-sharing feeds propose for your area's files (apply or reject)",
  },
} as const;

export type Permission = keyof typeof PERMISSIONS;
export const PERMISSION_CODES = Object.keys(PERMISSIONS) as Permission[];

/** Scope kinds: how far a role reaches over children's records (enforced by PostgreSQL RLS). */
export const SCOPE_KINDS = ['district', 'street', 'committee', 'assigned', 'none'] as const;
export type ScopeKind = (typeof SCOPE_KINDS)[number];

/**
 * 三权分立: the three administrator classes are mutually exclusive on one account.
 * A role may belong to at most one class.
 */
export const ADMIN_CLASSES = ['system', 'security', 'audit'] as const;
export type AdminClass = (typeof ADMIN_CLASSES)[number];

/**
 * Permissions that belong to one administrator class. A role may hold such a permission only if it
 * is of that class, so e.g. only audit administrators can ever read the full audit log.
 */
export const PERMISSION_CLASS: Partial<Record<Permission, AdminClass>> = {
  'admin.users.write': 'system',
  'admin.units.write': 'system',
  'admin.areas.write': 'system',
  'admin.roles.write': 'security',
  'security.accounts': 'security',
  'audit.read': 'audit',
  'audit.verify': 'audit',
  'retention.manage': 'security',
  'compliance.report': 'audit',
};

/**
 * Permissions that every administrator class may hold but no business role: the second approval of
 * an act on an administrator account must come from another administrator.
 */
export const ANY_ADMIN_PERMISSIONS: readonly Permission[] = ['admin.approvals'];

/** The permissions in `perms` that a role of class `cls` (null: a business role) may not hold. */
export function permissionsOutsideClass(perms: readonly string[], cls: AdminClass | null): string[] {
  return perms.filter((p) => {
    if (ANY_ADMIN_PERMISSIONS.includes(p as Permission)) return cls === null;
    const owner = PERMISSION_CLASS[p as Permission];
    return owner !== undefined && owner !== cls;
  });
}
