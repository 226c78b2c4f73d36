/**
 * 强制报告 (未成年人保护法 第十一条): a problem of the safety category with severity 严重 (injury,
 * suspected abuse, danger) raises the duty to report to 公安机关 and 民政部门. The duty stays on the
 * street's list until someone records that it was reported (when, to whom, how) or why it was not.
 */
import { raisesMandatoryReport, type MandatoryReport, type MandatoryReportRecord } from '#common/casework.js';
import type { SignedInCtx, Tx } from '../../../core/context.js';
import { errors } from '../../../core/errors.js';
import { currentVersion, enforce, reportedAt } from '../policies.js';
import { mandatoryReport } from '../queries.js';
import * as repo from '../repo/mandatoryReports.js';

/** Opens the duty for a new problem when it calls for one (same transaction, audited). */
export async function raiseMandatoryReport(tx: Tx, problem: { id: string; childId: string; category: string; severity: string }): Promise<string | null> {
  if (!raisesMandatoryReport(problem)) return null;
  const id = await repo.insertMandatoryReport(tx, problem.childId, problem.id);
  if (id)
    await tx.audit({
      action: 'mandatory_report.raise',
      entity: 'mandatory_report',
      entityId: id,
      summary: { childId: problem.childId, problemId: problem.id },
    });
  return id;
}

export async function record(tx: Tx, me: SignedInCtx, id: string, b: MandatoryReportRecord, now: number): Promise<MandatoryReport> {
  const cur = await repo.lockMandatoryReport(tx, id);
  if (!cur) throw errors.notFound('未找到该强制报告事项，或不在您的辖区内');
  enforce(currentVersion(cur, b.version));
  const userId = me.actor.userId;
  if (b.outcome === 'reported') {
    const at = new Date(b.reportedAt);
    enforce(reportedAt(at, now));
    await repo.recordReported(tx, cur.id, { at, recipients: [...new Set(b.recipients)], method: b.method, note: b.note || null, userId });
  } else {
    await repo.recordNotReported(tx, cur.id, b.reason, userId);
  }
  await tx.audit({
    action: 'mandatory_report.record',
    entity: 'mandatory_report',
    entityId: cur.id,
    summary:
      b.outcome === 'reported'
        ? { outcome: b.outcome, recipients: b.recipients, method: b.method, childId: cur.child_id }
        : { outcome: b.outcome, childId: cur.child_id },
    ...(b.outcome === 'not_reported' ? { reason: b.reason } : {}),
  });
  return mandatoryReport(tx, cur.id);
}
