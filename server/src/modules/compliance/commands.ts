/**
 * The yearly compliance report (未成年人网络保护条例 Art. 37): built from the audit log and the
 * platform's tables for one Shanghai calendar year, with the audit chain verified at the time of
 * reading; that it was read, and for which year, is itself recorded (`compliance.report.view`).
 */
import type { z } from 'zod';
import type { ComplianceReport } from '#common/compliance.js';
import type { Tx } from '../../core/context.js';
import { verifyAuditChain, type VerifyOptions } from '../audit/verify.js';
import { presentReport } from './presenters.js';
import * as repo from './repo.js';

export async function yearlyReport(tx: Tx, year: number, nowMs: number, o: VerifyOptions): Promise<z.infer<typeof ComplianceReport>> {
  const from = `${String(year)}-01-01`;
  const to = `${String(year)}-12-31`;
  const files = await repo.fileCounts(tx, from, to);
  const processing = await repo.processing(tx, from, to);
  const months = await repo.byMonth(tx, from, to);
  const grants = await repo.grants(tx, from, to);
  const events = await repo.eventCounts(tx, from, to);
  const incidents = await repo.incidents(tx, from, to);
  const retention = await repo.retentionSettings(tx);
  const runs = await repo.retentionRuns(tx, from, to);
  const chain = await verifyAuditChain(tx.client, o);
  const purged = await repo.purgedRows(tx);
  const open = { incidents: await repo.openIncidents(tx), grants: await repo.openGrants(tx) };
  const report = presentReport({ year, from, to, nowMs, files, processing, months, grants, events, incidents, retention, runs, chain, purged, open });
  await tx.audit({
    action: 'compliance.report.view',
    entity: 'compliance_report',
    entityId: String(year),
    summary: { year, chainOk: chain.ok },
  });
  return report;
}
