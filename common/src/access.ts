/**
 * 越权查阅与紧急查阅 (break the glass, requirement 14) and the bulk-viewing watch (requirement 26):
 * the request and response shapes of /api/access and of the audit administrator's security
 * events (/api/audit/alerts).
 */
import { z } from 'zod';
import { PageQuery, page } from './api.js';
import { normaliseIdNumber } from './idNumber.js';
import { NAME_FORBIDDEN, TEXT_FORBIDDEN } from './text.js';

/** The error code of a file that opens only with a reason (403). */
export const ACCESS_REASON_REQUIRED = 'ACCESS_REASON_REQUIRED';
export const ACCESS_REASON_REQUIRED_MESSAGE = '查看该儿童档案需说明理由（越权查阅将通知审计管理员）';

export const REASON_MIN = 5;
export const REASON_MAX = 500;

/** Why a file is opened: 5 to 500 characters, no control characters (line breaks included). */
export const GrantReason = z
  .string({ error: '请说明查阅理由' })
  .trim()
  .min(REASON_MIN, `请说明查阅理由（至少 ${REASON_MIN} 个字）`)
  .max(REASON_MAX, `查阅理由最多 ${REASON_MAX} 个字`)
  .refine((v) => !NAME_FORBIDDEN.test(v), '查阅理由不能含有控制字符（如换行、制表符）或文字方向控制符');

export const GRANT_KINDS = ['outside_assignment', 'emergency'] as const;
export type GrantKind = (typeof GRANT_KINDS)[number];
export const GRANT_KIND_ZH: Record<GrantKind, string> = { outside_assignment: '越权查阅', emergency: '紧急查阅' };

export const GrantCreate = z.object({
  childId: z.string().uuid('编号格式不正确'),
  reason: GrantReason,
});

export const EmergencyRequest = z.object({
  idNumber: z.string({ error: '请输入身份证号' }).max(64, '身份证号应为18位').min(1, '请输入身份证号').overwrite(normaliseIdNumber),
  reason: GrantReason,
});

export const EndGrant = z.object({
  reason: z
    .string()
    .trim()
    .max(500, '结束说明最多 500 个字')
    .refine((v) => !NAME_FORBIDDEN.test(v), '结束说明不能含有控制字符')
    .optional(),
});

export const Grant = z.object({
  id: z.string(),
  userId: z.string(),
  username: z.string(),
  displayName: z.string(),
  childId: z.string(),
  streetCode: z.string(),
  streetName: z.string(),
  kind: z.enum(GRANT_KINDS),
  reason: z.string(),
  grantedAt: z.string(),
  expiresAt: z.string(),
  endedAt: z.string().nullable(),
  endedBy: z.string().nullable(),
  endReason: z.string().nullable(),
  /** active: open now; ended: ended early; expired: its time ran out. */
  state: z.enum(['active', 'ended', 'expired']),
});
export type Grant = z.infer<typeof Grant>;

export const GrantQuery = PageQuery.extend({
  state: z.enum(['active', 'closed']).optional(),
  mine: z.enum(['true', 'false']).optional(),
  childId: z.string().uuid('编号格式不正确').optional(),
});
export const GrantList = page(Grant);

export const EmergencyGranted = z.object({ grant: Grant, childId: z.string() });

/** What a department reads in an emergency: identity, family and guardians, health. Read-only, masked. */
export const EmergencyChildView = z.object({
  grant: Grant,
  identity: z.object({
    id: z.string(),
    name: z.string(),
    sex: z.enum(['M', 'F']),
    birthDate: z.string(),
    age: z.number(),
    idNumberMasked: z.string().nullable(),
    streetName: z.string(),
    committeeName: z.string(),
    status: z.enum(['active', 'closed']),
    riskLevel: z.enum(['high', 'medium', 'low']),
    categories: z.array(z.object({ category: z.string(), name: z.string() })),
  }),
  family: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      relation: z.string(),
      role: z.enum(['guardian', 'caregiver', 'member']),
      status: z.string(),
      phoneMasked: z.string().nullable(),
    }),
  ),
  health: z.object({ disabilityType: z.string().nullable(), disabilityGrade: z.number().nullable(), seriousIllness: z.string().nullable() }),
});
export type EmergencyChildView = z.infer<typeof EmergencyChildView>;

const hours = (label: string) =>
  z.coerce
    .number({ error: `${label}须为整数` })
    .int(`${label}须为整数`)
    .min(1, `${label}至少 1 小时`)
    .max(72, `${label}最多 72 小时`);

export const AccessSettings = z.object({
  grantHours: hours('越权查阅时长'),
  emergencyHours: hours('紧急查阅时长'),
  bulkViewFiles: z.coerce.number().int('须为整数').min(10, '批量查阅阈值至少 10 份').max(100000, '批量查阅阈值最多 100000 份'),
  bulkViewMinutes: z.coerce.number().int('须为整数').min(1, '时间窗口至少 1 分钟').max(1440, '时间窗口最多 1440 分钟'),
  unusualFiles: z.coerce.number().int('须为整数').min(5, '异常区域阈值至少 5 份').max(100000, '异常区域阈值最多 100000 份'),
  unusualHistoryDays: z.coerce.number().int('须为整数').min(1, '参照期至少 1 天').max(365, '参照期最多 365 天'),
});
export type AccessSettings = z.infer<typeof AccessSettings>;

// ---- security events (安全事件), read by the audit administrator ----
export const ALERT_KIND_ZH: Record<string, string> = {
  'access.break-glass': '越权/紧急查阅',
  'access.bulk-view': '批量查阅',
  'access.unusual-area': '异常区域查阅',
  'security.mfa-lockout': '双因素验证锁定',
  'security.integrity': '加密数据完整性校验失败',
  'retention.purge': '到期数据清除',
  'backup.restore': '备份恢复',
};

export const SecurityAlert = z.object({
  id: z.string(),
  kind: z.string(),
  severity: z.enum(['info', 'warning', 'critical']),
  userId: z.string().nullable(),
  username: z.string().nullable(),
  unitCode: z.string().nullable(),
  title: z.string(),
  body: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
  entity: z.string().nullable(),
  entityId: z.string().nullable(),
  createdAt: z.string(),
  acknowledgedAt: z.string().nullable(),
  acknowledgedBy: z.string().nullable(),
  ackNote: z.string().nullable(),
});
export type SecurityAlert = z.infer<typeof SecurityAlert>;

const dateParam = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
export const AlertQuery = PageQuery.extend({
  kind: z
    .string()
    .regex(/^[a-z][a-z0-9_.-]{1,60}$/, '事件类型格式错误')
    .optional(),
  state: z.enum(['open', 'acknowledged']).optional(),
  from: dateParam.optional(),
  to: dateParam.optional(),
});
export const AlertList = page(SecurityAlert).extend({ open: z.number() });

export const AlertAck = z.object({
  note: z
    .string({ error: '请填写处理说明' })
    .trim()
    .min(2, '请填写处理说明（至少 2 个字）')
    .max(500, '处理说明最多 500 个字')
    .refine((v) => !TEXT_FORBIDDEN.test(v), '处理说明不能含有控制字符或文字方向控制符'),
});
