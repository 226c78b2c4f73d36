/**
 * Retention (requirement 17) and the yearly compliance report (requirement 30, 未成年人网络保护条例
 * Art. 37): the settings with their legal minimums, the purge job's runs, and the report's shape.
 */
import { z } from 'zod';

// ---- retention ----

/** The legal floors: 网络安全法 Art. 21 (logs ≥ 6 months), PIPL Art. 56 (processing records ≥ 3 years). */
export const RETENTION_MINIMUMS = { auditMonths: 36, logMonths: 6, archiveAfterMonths: 12 } as const;
export const RETENTION_MAXIMUM_MONTHS = 1200;

const months = (label: string, min: number, why: string) =>
  z
    .number({ error: `${label}应为整数（月）` })
    .int(`${label}应为整数（月）`)
    .min(min, `${label}不能少于 ${min} 个月（${why}）`)
    .max(RETENTION_MAXIMUM_MONTHS, `${label}不能超过 ${RETENTION_MAXIMUM_MONTHS} 个月`);

export const RetentionSettingsUpdate = z.object({
  auditMonths: months('审计日志保存期限', RETENTION_MINIMUMS.auditMonths, '个人信息保护法第五十六条：处理情况记录至少保存三年'),
  logMonths: months('运行日志保存期限', RETENTION_MINIMUMS.logMonths, '网络安全法第二十一条：网络日志至少保存六个月'),
  archiveAfterMonths: months('结案档案归档期限', RETENTION_MINIMUMS.archiveAfterMonths, '结案后至少保留一年完整档案，以备重新开档'),
});
export type RetentionSettingsUpdate = z.infer<typeof RetentionSettingsUpdate>;

export const RetentionRun = z.object({
  id: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  /** The cutoff instant used for each period (ISO 8601). */
  cutoffs: z.record(z.string(), z.string()),
  /** Rows purged or files minimised, per table. */
  counts: z.record(z.string(), z.number()),
});
export type RetentionRun = z.infer<typeof RetentionRun>;

export const RetentionSettings = RetentionSettingsUpdate.extend({
  updatedAt: z.string(),
  updatedBy: z.string().nullable(),
  minimums: z.object({ auditMonths: z.number(), logMonths: z.number(), archiveAfterMonths: z.number() }),
  /** The cutoffs these settings give today (Shanghai days): what the next run removes before. */
  cutoffs: z.object({ audit: z.string(), logs: z.string(), archive: z.string() }),
  runs: z.array(RetentionRun),
});
export type RetentionSettings = z.infer<typeof RetentionSettings>;

// ---- the yearly report ----

export const ReportYearParam = z.object({
  year: z.coerce.number({ error: '年份应为四位数字' }).int('年份应为四位数字').min(2000, '年份不能早于 2000 年').max(2100, '年份不能晚于 2100 年'),
});

const Count = z.number().int();

export const ComplianceReport = z.object({
  year: z.number(),
  /** Shanghai calendar days, inclusive. */
  period: z.object({ from: z.string(), to: z.string() }),
  generatedAt: z.string(),
  files: z.object({
    heldAtEnd: Count,
    opened: Count,
    closed: Count,
    archived: Count,
    byStreet: z.array(z.object({ streetCode: z.string(), streetName: z.string(), heldAtEnd: Count, opened: Count, closed: Count, archived: Count })),
  }),
  /** Who processed what: per unit and role set, from the audit log. */
  processing: z.array(
    z.object({
      unitCode: z.string().nullable(),
      unitName: z.string(),
      roles: z.string(),
      users: Count,
      views: Count,
      changes: Count,
      unmasks: Count,
      exports: Count,
      prints: Count,
      referrals: Count,
      denied: Count,
    }),
  ),
  byMonth: z.array(z.object({ month: z.number(), logins: Count, views: Count, changes: Count, unmasks: Count, exports: Count, denied: Count })),
  outsideAssignment: z.object({
    grants: Count,
    ended: Count,
    byUnit: z.array(z.object({ unitCode: z.string().nullable(), unitName: z.string(), grants: Count })),
  }),
  incidents: z.object({
    byKind: z.array(z.object({ kind: z.string(), severity: z.string(), total: Count, acknowledged: Count, open: Count })),
    loginLockouts: Count,
    failedLogins: Count,
  }),
  retention: z.object({
    settings: z.object({ auditMonths: z.number(), logMonths: z.number(), archiveAfterMonths: z.number() }),
    runs: Count,
    counts: z.record(z.string(), z.number()),
    lastRunAt: z.string().nullable(),
  }),
  consents: z.object({ recorded: Count, withdrawn: Count, basisRecorded: Count }),
  chain: z.object({
    ok: z.boolean(),
    checked: Count,
    reason: z.string().nullable(),
    checkpoints: Count,
    purgedRows: Count,
  }),
  /** What still needs an answer at the time the report is generated. */
  openItems: z.array(z.object({ code: z.string(), label: z.string(), count: Count })),
});
export type ComplianceReport = z.infer<typeof ComplianceReport>;
