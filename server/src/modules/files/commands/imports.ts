/**
 * Excel import of children and guardians: its state changes, each audited here. Upload → the file
 * is read at once (a real .xlsx with the template's header, or a Chinese message and nothing
 * stored) → the row-by-row check runs in the background (importJobs.ts) and its result is saved
 * → commit, also in the background: one transaction, all rows or none, idempotent (the identity
 * number is the key; unchanged rows are counted, not written). Imports are visible only to their creator (RLS).
 */
import crypto from 'node:crypto';
import type { ChildCreate } from '#common/children.js';
import type { ImportProblem, ImportUpload } from '#common/files.js';
import type { AppDeps } from '../../../core/deps.js';
import { auditAlone, inScope, type AuditEntry, type RequestCtx, type SignedInCtx, type Tx } from '../../../core/context.js';
import { errors } from '../../../core/errors.js';
import { updateChild } from '../../children/commands/file.js';
import { createChildren } from '../../children/commands/batch.js';
import { addCategory, addMember } from '../../children/commands/family.js';
import { buildPlan, type Plan, type Prepared } from '../importPlan.js';
import { readImportFile, type RawRow } from '../importRead.js';
import * as repo from '../repo.js';
import { yieldToLoop } from '../sheet.js';
import { decodeBase64 } from './attachments.js';

const CREATE_BATCH = 500;
/** Problems kept in a report; a file with more is mostly wrong and the first ones say why. */
const MAX_PROBLEMS = 5_000;

export const capped = (problems: ImportProblem[]) =>
  problems.length <= MAX_PROBLEMS
    ? problems
    : [
        ...problems.slice(0, MAX_PROBLEMS),
        { row: 0, field: '', message: `问题超过 ${MAX_PROBLEMS} 条，仅列出前 ${MAX_PROBLEMS} 条；请先按这些提示修改后重新上传` },
      ];

/** A commit that found problems the check had not (the data changed in between): nothing written. */
export class StillInvalid extends Error {
  constructor(readonly problems: ImportProblem[]) {
    super('invalid');
  }
}

/** What runs the check and the commit in the background (importJobs.ts). */
export interface ImportRunner {
  check(ctx: RequestCtx, id: string, sha256: string, rows: RawRow[]): void;
  commit(ctx: RequestCtx, id: string): void;
}

/** The actor keeps the rights it had when the import started, for work that outlives the request. */
const background = (ctx: RequestCtx): RequestCtx => ({ ...ctx, requestId: `${ctx.requestId}:import` });

/**
 * The audit log is a hash chain: appending takes a transaction-scoped lock that every other audited
 * request waits for. Written row by row, a 10,000-row commit would hold that lock — and so stall
 * every view, login and change in the district — for its whole length. The commit's transaction
 * therefore collects its audit entries (each still recorded by the function that made the change)
 * and appends them together just before COMMIT: same rows, same transaction, the lock held for
 * about a second instead of minutes.
 */
function deferAudit(tx: Tx): { tx: Tx; flush: () => Promise<number> } {
  const pending: AuditEntry[] = [];
  const flush = async () => {
    let written = 0;
    while (pending.length) {
      const chunk = pending.splice(0, 2000);
      await repo.appendAuditRows(tx, chunk);
      written += chunk.length;
    }
    return written;
  };
  return {
    tx: {
      ...tx,
      audit: (entry) => {
        pending.push(entry);
        return Promise.resolve();
      },
    },
    flush,
  };
}

/** Upload: the file is read at once (refused with a message, audited as failed) and its check starts in the background. */
export async function startImport(deps: AppDeps, ctx: SignedInCtx, body: ImportUpload, runner: ImportRunner): Promise<{ id: string }> {
  const { filename } = body;
  const buf = decodeBase64(body.contentBase64);
  const read = await readImportFile(buf, filename);
  if (!read.ok) {
    await auditAlone(deps.db, ctx, { action: 'import.start', entity: 'import', outcome: 'failed', summary: { reason: 'unreadable', sizeBytes: buf.length } });
    throw errors.validation([{ path: 'contentBase64', message: read.message }], read.message);
  }
  const sha256 = crypto.createHash('sha256').update(buf).digest('hex');
  const id = await inScope(deps.db, ctx, async (tx) => {
    const row = await repo.insertImport(tx, { userId: ctx.actor.userId, filename: filename.slice(0, 200), sha256, totalRows: read.rows.length, content: buf });
    await tx.audit({ action: 'import.start', entity: 'import', entityId: row, summary: { rows: read.rows.length, sizeBytes: buf.length, sha256 } });
    return row;
  });
  runner.check(background(ctx), id, sha256, read.rows);
  return { id };
}

/** The check's result: 'checked' or 'invalid' with its problems. */
export async function recordCheck(tx: Tx, id: string, plan: Plan): Promise<void> {
  const valid = plan.actions.length;
  await repo.saveCheck(tx, id, {
    status: plan.problems.length ? 'invalid' : 'checked',
    total: plan.total,
    valid,
    create: plan.counts.create,
    update: plan.counts.update,
    unchanged: plan.counts.unchanged,
    problems: capped(plan.problems),
  });
  await tx.audit({
    action: 'import.check',
    entity: 'import',
    entityId: id,
    summary: { rows: plan.total, valid, problems: plan.problems.length, ...plan.counts },
  });
}

/** A check or commit that failed: the import says why, nothing was written. */
export async function recordFailure(tx: Tx, id: string, problems: ImportProblem[], action: string): Promise<void> {
  await repo.saveFailed(tx, id, capped(problems));
  await tx.audit({ action, entity: 'import', entityId: id, outcome: 'failed', summary: { problems: problems.length } });
}

/** 确认导入: only a checked import moves to committing; the commit itself runs in the background. */
export async function requestCommit(deps: AppDeps, ctx: SignedInCtx, id: string, runner: ImportRunner): Promise<{ id: string }> {
  await inScope(deps.db, ctx, async (tx) => {
    if (await repo.startCommitting(tx, id)) {
      await tx.audit({ action: 'import.commit.start', entity: 'import', entityId: id });
      return;
    }
    const status = await repo.importStatus(tx, id);
    if (!status) throw errors.notFound('未找到该导入记录（导入记录仅导入人本人可见）');
    const why: Record<string, string> = {
      checking: '文件还在检查中，请稍候',
      invalid: '文件检查未通过，请按报告修改后重新上传',
      committing: '正在导入，请勿重复提交',
      committed: '该文件已导入完成',
      failed: '该次导入已失败，请重新上传文件',
    };
    throw errors.conflict(why[status] ?? '当前状态不能导入');
  });
  runner.commit(background(ctx), id);
  return { id };
}

/** Where a running commit is: rows done of total, and the spreadsheet row being written (to name it if it fails). */
export interface CommitProgress {
  done: number;
  total: number;
  row: number;
}

/**
 * Writes a checked import in the caller's transaction: the same check as the dry run, now inside
 * the transaction that writes; then every row, or none (StillInvalid or an AppError roll it back).
 * `cached` gives the rows read by the check, and their parsed form, when the stored file is still the same.
 */
export async function commitImport(
  scoped: Tx,
  deps: AppDeps,
  id: string,
  cached: (sha256: string) => { rows: RawRow[]; prepared: Prepared } | null,
  job: CommitProgress,
): Promise<void> {
  const { tx, flush } = deferAudit(scoped);
  const file = await repo.importFile(tx, id);
  if (!file?.content) throw new StillInvalid([{ row: 0, field: '', message: '导入文件已不存在，请重新上传' }]);
  const kept = cached(file.file_sha256);
  let rows = kept?.rows;
  if (!rows) {
    const read = await readImportFile(file.content, file.filename);
    if (!read.ok) throw new StillInvalid([{ row: 0, field: '', message: read.message }]);
    rows = read.rows;
  }
  job.total = rows.length;
  // The same check as the dry run, now inside the transaction that writes.
  const plan: Plan = await buildPlan(tx, deps, rows, undefined, kept?.prepared ?? null);
  if (plan.problems.length) throw new StillInvalid(plan.problems);
  const done = { created: 0, updated: 0, unchanged: 0 };
  // New files are written in batches (one statement per table and batch); existing files
  // are updated one by one, since each update compares and records its own changes.
  let batch: { row: number; input: ChildCreate }[] = [];
  const writeBatch = async () => {
    const [head] = batch;
    if (!head) return;
    job.row = head.row;
    await repo.savepoint(tx, 'import_batch');
    try {
      await createChildren(
        tx,
        deps,
        batch.map((b) => b.input),
        { action: 'import' },
      );
      await repo.releaseSavepoint(tx, 'import_batch');
    } catch (err) {
      // Name the row that failed: replay the batch one row at a time (the import is
      // all-or-nothing, so this is only to tell the user which row to correct).
      await repo.rollbackToSavepoint(tx, 'import_batch');
      for (const b of batch) {
        job.row = b.row;
        await createChildren(tx, deps, [b.input], { action: 'import' });
      }
      throw err;
    }
    done.created += batch.length;
    batch = [];
    await yieldToLoop();
  };
  for (const [i, a] of plan.actions.entries()) {
    job.row = a.row;
    if (a.kind === 'create') {
      batch.push({ row: a.row, input: a.input });
      if (batch.length >= CREATE_BATCH) await writeBatch();
    } else if (a.kind === 'update') {
      let changed = 0;
      if (Object.keys(a.patch).length) changed += (await updateChild(tx, deps, a.childId, { ...a.patch, version: a.version })).changed.length;
      for (const m of a.members) {
        await addMember(tx, deps, a.childId, m);
        changed++;
      }
      for (const c of a.categories) {
        await addCategory(tx, deps, a.childId, { category: c.category, since: c.since, sourceNote: '批量导入' });
        changed++;
      }
      done[changed ? 'updated' : 'unchanged']++;
    } else {
      done.unchanged++;
    }
    job.done = i + 1;
    if (i % 200 === 199) await yieldToLoop();
  }
  await writeBatch();
  await repo.saveCommitted(tx, id, { ...done, valid: plan.actions.length });
  await tx.audit({ action: 'import.commit', entity: 'import', entityId: id, summary: { rows: plan.total, ...done } });
  await flush();
}
