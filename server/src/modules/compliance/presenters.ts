/** Report figures → the API shape; the open items are named here, in Chinese, for the printed page. */
import type { z } from 'zod';
import type { ComplianceReport } from '#common/compliance.js';
import { RETENTION_MINIMUMS } from '#common/compliance.js';
import type { VerifyResult } from '../audit/verify.js';
import type * as repo from './repo.js';

export interface ReportParts {
  year: number;
  from: string;
  to: string;
  nowMs: number;
  files: repo.FileCountRow[];
  processing: repo.ProcessingRow[];
  months: repo.MonthRow[];
  grants: repo.GrantRow[];
  events: repo.EventCounts;
  incidents: repo.IncidentRow[];
  retention: repo.RetentionRow | undefined;
  runs: repo.RunSumRow;
  chain: VerifyResult;
  purged: number;
  open: { incidents: number; grants: number };
}

const sum = <T>(rows: T[], f: (r: T) => number) => rows.reduce((a, r) => a + f(r), 0);

export function presentReport(p: ReportParts): z.infer<typeof ComplianceReport> {
  const settings = p.retention
    ? { auditMonths: p.retention.audit_months, logMonths: p.retention.log_months, archiveAfterMonths: p.retention.archive_after_months }
    : { ...RETENTION_MINIMUMS };
  const openItems: { code: string; label: string; count: number }[] = [];
  if (p.open.incidents) openItems.push({ code: 'alerts.unacknowledged', label: '未确认的安全事件', count: p.open.incidents });
  if (p.open.grants) openItems.push({ code: 'access.grants.open', label: '尚未结束的超范围访问授权', count: p.open.grants });
  if (!p.chain.ok) openItems.push({ code: 'audit.chain.broken', label: '审计日志完整性校验未通过', count: 1 });
  if (!p.runs.runs) openItems.push({ code: 'retention.no-run', label: '本年度没有执行保存期限清理', count: 1 });
  return {
    year: p.year,
    period: { from: p.from, to: p.to },
    generatedAt: new Date(p.nowMs).toISOString(),
    files: {
      heldAtEnd: sum(p.files, (r) => r.held_at_end),
      opened: sum(p.files, (r) => r.opened),
      closed: sum(p.files, (r) => r.closed),
      archived: sum(p.files, (r) => r.archived),
      byStreet: p.files.map((r) => ({
        streetCode: r.street_code,
        streetName: r.street_name,
        heldAtEnd: r.held_at_end,
        opened: r.opened,
        closed: r.closed,
        archived: r.archived,
      })),
    },
    processing: p.processing.map((r) => ({
      unitCode: r.unit_code,
      unitName: r.unit_name ?? (r.unit_code ? r.unit_code : '（未登录或系统）'),
      roles: r.roles,
      users: r.users,
      views: r.views,
      changes: r.changes,
      unmasks: r.unmasks,
      exports: r.exports,
      prints: r.prints,
      referrals: r.referrals,
      denied: r.denied,
    })),
    byMonth: p.months.map((m) => ({ ...m })),
    outsideAssignment: {
      grants: sum(p.grants, (r) => r.grants),
      ended: sum(p.grants, (r) => r.ended),
      byUnit: p.grants.map((r) => ({ unitCode: r.unit_code, unitName: r.unit_name ?? r.unit_code ?? '—', grants: r.grants })),
    },
    incidents: {
      byKind: p.incidents.map((r) => ({ kind: r.kind, severity: r.severity, total: r.total, acknowledged: r.acknowledged, open: r.total - r.acknowledged })),
      loginLockouts: p.events.login_lockouts,
      failedLogins: p.events.failed_logins,
    },
    retention: {
      settings,
      runs: p.runs.runs,
      counts: p.runs.counts ?? {},
      lastRunAt: p.runs.last_run_at ? p.runs.last_run_at.toISOString() : null,
    },
    consents: { recorded: p.events.consent_recorded, withdrawn: p.events.consent_withdrawn, basisRecorded: p.events.basis_recorded },
    chain: { ok: p.chain.ok, checked: p.chain.checked, reason: p.chain.reason, checkpoints: p.chain.checkpoints, purgedRows: p.purged },
    openItems,
  };
}
