/**
 * The API contract shared by the server (validation + OpenAPI) and the web interface (types).
 * One zod schema gives both the check and the type.
 */
import { z } from 'zod';
import { plainName } from './text.js';
import { ADMIN_CLASSES, PERMISSION_CODES, SCOPE_KINDS } from './permissions.js';

export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    requestId: z.string(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

export const Username = z
  .string()
  .min(3, '用户名至少 3 个字符')
  .max(64, '用户名最多 64 个字符')
  .regex(/^[a-z0-9][a-z0-9._-]*$/, '用户名只能包含小写字母、数字、点、下划线和连字符');

export const LoginRequest = z.object({
  username: z.string().min(1, '请输入用户名').max(64),
  password: z.string().min(1, '请输入密码').max(256),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const MfaRequest = z.object({ code: z.string().min(6, '请输入 6 位动态码或恢复码').max(32) });

/** What a session still has to do before it is a full session. */
export const Pending = z.enum(['mfa', 'mfa-enroll', 'password-change']);
export type Pending = z.infer<typeof Pending>;

export const Scope = z.object({
  kind: z.enum(SCOPE_KINDS),
  streets: z.array(z.string()),
  committees: z.array(z.string()),
  label: z.string(),
});
export type Scope = z.infer<typeof Scope>;

export const Me = z.object({
  user: z.object({ id: z.string(), username: z.string(), displayName: z.string(), totpEnabled: z.boolean() }),
  unit: z.object({ code: z.string(), name: z.string(), nameEn: z.string() }),
  roles: z.array(z.object({ code: z.string(), name: z.string(), nameEn: z.string() })),
  permissions: z.array(z.string()),
  scope: Scope,
  pending: Pending.nullable(),
  csrfToken: z.string(),
  demoMode: z.boolean(),
  idleTimeoutMinutes: z.number(),
  /** The record check of a child-facing role lapsed: no child file opens until a valid one is recorded. */
  accessSuspended: z.boolean(),
});
export type Me = z.infer<typeof Me>;

export const LoginResponse = Me;

export const SessionInfo = z.object({
  id: z.string(),
  current: z.boolean(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
});
export const SessionList = z.object({ items: z.array(SessionInfo) });
export type SessionInfo = z.infer<typeof SessionInfo>;

export const PasswordChange = z.object({
  currentPassword: z.string().min(1, '请输入当前密码').max(256),
  newPassword: z.string().min(1, '请输入新密码').max(256),
});

export const TotpSetup = z.object({ secret: z.string(), otpauthUrl: z.string() });
export const TotpEnable = z.object({ code: z.string().regex(/^\d{6}$/, '动态码为 6 位数字') });
export const RecoveryCodes = z.object({ recoveryCodes: z.array(z.string()) });

// ---- pagination ----
export const PageQuery = z.object({
  page: z.coerce.number().int().min(1, '页码从 1 开始').default(1),
  pageSize: z.coerce.number().int().min(1).max(200, '每页最多 200 条').default(20),
});
export const page = <T extends z.ZodTypeAny>(item: T) => z.object({ items: z.array(item), total: z.number(), page: z.number(), pageSize: z.number() });

// ---- organisation ----
export const Street = z.object({ code: z.string(), name: z.string(), nameEn: z.string(), committeeCount: z.number() });
export type Street = z.infer<typeof Street>;
export const StreetList = z.object({ items: z.array(Street) });

export const Committee = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  streetCode: z.string(),
  active: z.boolean(),
  mergedInto: z.string().nullable(),
});
export type Committee = z.infer<typeof Committee>;
export const CommitteeQuery = PageQuery.extend({
  street: z.string().max(32).optional(),
  q: z.string().max(64).optional(),
  includeInactive: z.enum(['true', 'false']).optional(),
});
export const CommitteeList = page(Committee);
export const CommitteeCreate = z.object({
  streetCode: z.string().min(1, '请选择街道'),
  name: plainName(z.string().trim().min(2, '居民区名称至少 2 个字').max(40, '居民区名称最多 40 个字'), '居民区名称'),
});
export const CommitteeRename = z.object({ name: plainName(z.string().trim().min(2, '居民区名称至少 2 个字').max(40), '居民区名称') });
export const CommitteeMerge = z.object({ intoId: z.string().uuid('请选择合并到的居民区') });

export const UnitKind = z.enum(['district', 'department', 'street', 'organisation']);
export const Unit = z.object({
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  kind: UnitKind,
  streetCode: z.string().nullable(),
  active: z.boolean(),
});
export type Unit = z.infer<typeof Unit>;
export const UnitList = z.object({ items: z.array(Unit) });
export const UnitCreate = z.object({
  code: z.string().regex(/^[a-z][a-z0-9-]{1,40}$/, '单位代码只能用小写字母、数字和连字符，以字母开头'),
  name: plainName(z.string().trim().min(2, '单位名称至少 2 个字').max(60), '单位名称'),
  nameEn: plainName(z.string().trim().max(120), '英文名称').default(''),
  kind: UnitKind,
  streetCode: z.string().nullable().default(null),
});
export const UnitUpdate = z.object({
  name: plainName(z.string().trim().min(2).max(60), '单位名称').optional(),
  nameEn: plainName(z.string().trim().max(120), '英文名称').optional(),
  active: z.boolean().optional(),
});

// ---- roles ----
export const Role = z.object({
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  scopeKind: z.enum(SCOPE_KINDS),
  adminClass: z.enum(ADMIN_CLASSES).nullable(),
  permissions: z.array(z.string()),
  builtin: z.boolean(),
  userCount: z.number(),
});
export type Role = z.infer<typeof Role>;
export const RoleList = z.object({ items: z.array(Role), permissions: z.array(z.object({ code: z.string(), zh: z.string(), en: z.string() })) });
export const RoleCreate = z.object({
  code: z.string().regex(/^[a-z][a-z0-9_]{1,40}$/, '角色代码只能用小写字母、数字和下划线，以字母开头'),
  name: plainName(z.string().trim().min(2, '角色名称至少 2 个字').max(40), '角色名称'),
  nameEn: plainName(z.string().trim().max(80), '英文名称').default(''),
  scopeKind: z.enum(SCOPE_KINDS),
  permissions: z.array(z.enum(PERMISSION_CODES as [string, ...string[]])).default([]),
});
export const RoleUpdate = z.object({
  name: plainName(z.string().trim().min(2).max(40), '角色名称').optional(),
  nameEn: plainName(z.string().trim().max(80), '英文名称').optional(),
  permissions: z.array(z.enum(PERMISSION_CODES as [string, ...string[]])).optional(),
});

// ---- users ----
export const User = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  unitCode: z.string(),
  unitName: z.string(),
  roles: z.array(z.string()),
  committees: z.array(z.string()),
  disabled: z.boolean(),
  locked: z.boolean(),
  totpEnabled: z.boolean(),
  mustChangePassword: z.boolean(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
});
export type User = z.infer<typeof User>;
export const UserQuery = PageQuery.extend({
  q: z.string().max(64).optional(),
  unit: z.string().max(64).optional(),
  role: z.string().max(64).optional(),
});
export const UserList = page(User);
export const UserCreate = z.object({
  username: Username,
  displayName: plainName(z.string().trim().min(1, '请输入姓名').max(40), '姓名'),
  unitCode: z.string().min(1, '请选择单位'),
  /** May be empty: an account waiting for the security administrator to grant an administrator role. */
  roles: z.array(z.string()).default([]),
  committees: z.array(z.string().uuid()).default([]),
  password: z.string().min(1, '请输入初始密码').max(256),
});
export const UserUpdate = z.object({
  displayName: plainName(z.string().trim().min(1).max(40), '姓名').optional(),
  unitCode: z.string().min(1).optional(),
  roles: z.array(z.string()).min(1, '至少选择一个角色').optional(),
  committees: z.array(z.string().uuid()).optional(),
  disabled: z.boolean().optional(),
});
export const PasswordReset = z.object({ password: z.string().min(1).max(256) });

// ---- administrator accounts (三权分立: the security administrator manages them; a reset needs a second administrator) ----
export const AdminStatus = z.object({ disabled: z.boolean() });
export const AdminRequestStatus = z.enum(['pending', 'approved', 'refused', 'expired']);
export const AdminRequestCreate = z.object({
  userId: z.string().uuid('请选择管理员账户'),
  reason: z.string().trim().min(4, '请说明申请理由（至少 4 个字）').max(300, '申请理由最多 300 个字'),
});
export const AdminRequestQuery = PageQuery.extend({ status: AdminRequestStatus.optional() });
export const AdminRequestRefusal = z.object({ note: z.string().trim().max(300, '说明最多 300 个字').optional() });
const AdminRequestUser = z.object({ id: z.string(), username: z.string(), displayName: z.string() });
export const AdminRequest = z.object({
  id: z.string(),
  kind: z.literal('password-reset'),
  status: AdminRequestStatus,
  reason: z.string(),
  target: AdminRequestUser.extend({ roles: z.array(z.string()) }),
  requestedBy: AdminRequestUser,
  decidedBy: AdminRequestUser.nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
  createdAt: z.string(),
  expiresAt: z.string(),
  /** Whether the caller may approve or refuse it now (not the requester, not the account holder, still pending). */
  canDecide: z.boolean(),
});
export type AdminRequest = z.infer<typeof AdminRequest>;
export const AdminRequestList = page(AdminRequest);
/** The approval's answer: the one-time password, shown once, to the approver only. */
export const AdminRequestApproved = z.object({ request: AdminRequest, temporaryPassword: z.string() });

// ---- audit ----
export const AuditOutcome = z.enum(['success', 'denied', 'failed']);
export const AuditEntry = z.object({
  id: z.string(),
  at: z.string(),
  userId: z.string().nullable(),
  username: z.string().nullable(),
  unitCode: z.string().nullable(),
  roles: z.string().nullable(),
  ip: z.string().nullable(),
  action: z.string(),
  entity: z.string().nullable(),
  entityId: z.string().nullable(),
  outcome: AuditOutcome,
  summary: z.record(z.string(), z.unknown()).nullable(),
  reason: z.string().nullable(),
  requestId: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;
/** Action codes as the log writes them (`children.export`), comma-separated in a query string. */
const AuditActionCode = z.string().regex(/^[a-z][a-z0-9_.-]{0,63}$/i, '操作代码格式错误');
export const AuditQuery = PageQuery.extend({
  username: z.string().max(64).optional(),
  /** Prefix of an action code (`child.` finds every child action). */
  action: z.string().max(64).optional(),
  /** Any of these exact action codes (the interface picks them by their readable names). */
  actions: z
    .string()
    .max(4000)
    .optional()
    .transform((v) =>
      v
        ? v
            .split(',')
            .map((a) => a.trim())
            .filter(Boolean)
        : undefined,
    )
    .pipe(z.array(AuditActionCode).max(100, '最多选择 100 种操作').optional()),
  /** Rows of the system actor (nightly matching, reminders, indicators) are hidden unless 'true'. */
  includeSystem: z.enum(['true', 'false']).optional(),
  entity: z.string().max(64).optional(),
  outcome: AuditOutcome.optional(),
  from: z.string().date('日期格式应为 YYYY-MM-DD').optional(),
  to: z.string().date('日期格式应为 YYYY-MM-DD').optional(),
});
export const AuditList = page(AuditEntry);
export const AuditVerifyResult = z.object({
  ok: z.boolean(),
  checked: z.number(),
  firstBrokenId: z.string().nullable(),
  reason: z.string().nullable(),
  /** Signed checkpoints (outside the database) compared with the chain; 0: truncation not checkable. */
  checkpoints: z.number(),
  lastCheckpoint: z.object({ id: z.string(), at: z.string() }).nullable(),
  /** Rows after the last checkpoint, protected by the chain alone. */
  afterLastCheckpoint: z.number(),
});

// ---- children (minimal read model; the full file is built on top) ----
export const ChildSummary = z.object({
  id: z.string(),
  name: z.string(),
  sex: z.enum(['M', 'F']),
  birthDate: z.string(),
  idNumberMasked: z.string().nullable(),
  streetCode: z.string(),
  streetName: z.string(),
  committeeId: z.string(),
  committeeName: z.string(),
  status: z.string(),
});
export type ChildSummary = z.infer<typeof ChildSummary>;
export const ChildQuery = PageQuery.extend({
  q: z.string().max(64).optional(),
  street: z.string().max(32).optional(),
  committee: z.string().uuid().optional(),
});
export const ChildList = page(ChildSummary);
export const Guardian = z.object({
  id: z.string(),
  name: z.string(),
  relation: z.string(),
  role: z.enum(['guardian', 'caregiver', 'member']),
  status: z.string(),
  phoneMasked: z.string().nullable(),
});
export const ChildDetail = ChildSummary.extend({ guardians: z.array(Guardian), hukou: z.string() });
export const Unmasked = z.object({ idNumber: z.string().nullable() });
export const UnmaskRequest = z.object({ reason: z.string().trim().min(2, '请说明查看原因').max(200) });

export const IdParam = z.object({ id: z.string().uuid('编号格式不正确') });
export const CodeParam = z.object({ code: z.string().min(1).max(64) });
