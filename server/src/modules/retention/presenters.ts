/** Retention rows → API shapes: the settings with the cutoffs they give today, and the runs. */
import type { z } from 'zod';
import { RETENTION_MINIMUMS, type RetentionRun, type RetentionSettings } from '#common/compliance.js';
import { cutoffDate } from './cutoff.js';
import type { RunRow, SettingsRow } from './repo.js';

export function presentRun(r: RunRow): z.infer<typeof RetentionRun> {
  return {
    id: r.id,
    startedAt: r.started_at.toISOString(),
    finishedAt: r.finished_at ? r.finished_at.toISOString() : null,
    cutoffs: r.cutoffs,
    counts: r.counts,
  };
}

export function presentSettings(s: SettingsRow, runs: RunRow[], nowMs: number): z.infer<typeof RetentionSettings> {
  return {
    auditMonths: s.audit_months,
    logMonths: s.log_months,
    archiveAfterMonths: s.archive_after_months,
    updatedAt: s.updated_at.toISOString(),
    updatedBy: s.updated_by,
    minimums: { ...RETENTION_MINIMUMS },
    cutoffs: { audit: cutoffDate(nowMs, s.audit_months), logs: cutoffDate(nowMs, s.log_months), archive: cutoffDate(nowMs, s.archive_after_months) },
    runs: runs.map(presentRun),
  };
}
