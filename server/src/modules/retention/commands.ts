/**
 * Retention's acts: changing the periods (security administrator, audited) and the purge run
 * (daily job, or started by hand): the audit log's oldest rows as a prefix of the chain, the
 * operational logs past their period, and the minimisation of files closed long ago. One owner
 * transaction per run: everything is purged and recorded, or nothing.
 */
import type { z } from 'zod';
import type { RetentionRun, RetentionSettings, RetentionSettingsUpdate } from '#common/compliance.js';
import { RETENTION_MINIMUMS } from '#common/compliance.js';
import type { AppDeps } from '../../core/deps.js';
import type { SignedInCtx, Tx } from '../../core/context.js';
import { errors } from '../../core/errors.js';
import { recordSecurityAlert } from '../../http/securityAlert.js';
import { SYSTEM_USER_ID } from '../../http/systemActor.js';
import { cutoffDate, cutoffInstant } from './cutoff.js';
import { presentRun, presentSettings } from './presenters.js';
import * as repo from './repo.js';

export async function readSettings(tx: Tx, nowMs: number): Promise<z.infer<typeof RetentionSettings>> {
  const s = await repo.settings(tx);
  if (!s) throw errors.notFound('保存期限设置不存在');
  return presentSettings(s, await repo.recentRuns(tx, 10), nowMs);
}

export async function changeSettings(
  tx: Tx,
  actor: SignedInCtx['actor'],
  input: RetentionSettingsUpdate,
  nowMs: number,
): Promise<z.infer<typeof RetentionSettings>> {
  const before = await repo.lockSettings(tx);
  if (!before) throw errors.notFound('保存期限设置不存在');
  await repo.updateSettings(tx, input, actor.userId, new Date(nowMs));
  await tx.audit({
    action: 'retention.settings.update',
    entity: 'retention_settings',
    summary: {
      from: { auditMonths: before.audit_months, logMonths: before.log_months, archiveAfterMonths: before.archive_after_months },
      to: input,
    },
  });
  return readSettings(tx, nowMs);
}

/** A run as the API shows it (after a run on demand). */
export async function lastRun(tx: Tx, id: string): Promise<z.infer<typeof RetentionRun>> {
  const r = (await repo.recentRuns(tx, 10)).find((x) => x.id === id);
  if (!r) throw errors.notFound('清理记录不存在');
  return presentRun(r);
}

/** Who started a run by hand (the daily run is the system actor's). */
export interface RunStarter {
  userId: string;
  username: string;
  unitCode: string;
  roles: string;
}

export interface RunResult {
  runId: string;
  counts: Record<string, number>;
  cutoffs: { audit: string; logs: string; archive: string };
}

/**
 * One purge run at `nowMs`. The audit purge comes first, so the run's own audit row (written
 * last, under the system actor) links to the last purged row's hash, as `audit_purges` records.
 */
export async function runRetention(deps: Pick<AppDeps, 'db'>, nowMs: number, by?: RunStarter): Promise<RunResult> {
  const client = await deps.db.owner.connect();
  try {
    await repo.begin(client);
    try {
      const s = await repo.settingsForRun(client);
      const now = new Date(nowMs);
      const auditCutoff = cutoffInstant(nowMs, Math.max(s.audit_months, RETENTION_MINIMUMS.auditMonths));
      const logCutoff = cutoffInstant(nowMs, Math.max(s.log_months, RETENTION_MINIMUMS.logMonths));
      const archiveBefore = cutoffDate(nowMs, Math.max(s.archive_after_months, RETENTION_MINIMUMS.archiveAfterMonths));
      const cutoffs = { audit: auditCutoff.toISOString(), logs: logCutoff.toISOString(), archive: archiveBefore };
      const runId = await repo.insertRun(client, now, cutoffs);

      const audit = await repo.purgeAudit(client, auditCutoff, now);
      const counts: Record<string, number> = { audit_log: audit?.purged ?? 0 };
      Object.assign(counts, await repo.purgeLogs(client, logCutoff, auditCutoff, now));
      let files = 0;
      let attachments = 0;
      for (const id of await repo.filesToArchive(client, archiveBefore)) {
        attachments += await repo.minimiseFile(client, id, now);
        await repo.minimiseConsents(client, id);
        files++;
      }
      counts.children_archived = files;
      counts.attachments = attachments;

      await repo.finishRun(client, runId, new Date(), counts);
      const total = Object.values(counts).reduce((a, b) => a + b, 0);
      await recordSecurityAlert(
        { client },
        {
          kind: 'retention.purge',
          severity: 'info',
          title: '按保存期限清理：' + String(total) + ' 条记录',
          body: '审计日志 ' + String(counts.audit_log) + ' 行，运行日志与过期文件若干，归档结案档案 ' + String(files) + ' 份',
          entity: 'retention_run',
          entityId: runId,
          userId: null,
          username: 'system',
          unitCode: 'civil-affairs',
          detail: { counts, cutoffs, auditThroughId: audit?.throughId ?? null },
        },
      );
      await repo.appendAudit(client, by ?? { userId: SYSTEM_USER_ID, username: 'system', unitCode: 'civil-affairs', roles: null }, runId, {
        counts,
        cutoffs,
        auditThroughId: audit?.throughId ?? null,
        trigger: by ? 'manual' : 'daily',
      });
      await repo.commit(client);
      return { runId, counts, cutoffs };
    } catch (err) {
      await repo.rollback(client);
      throw err;
    }
  } finally {
    client.release();
  }
}
