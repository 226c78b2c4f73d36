/**
 * The background work of an import: the row-by-row check after the upload and the commit after
 * 确认导入, each on its own pooled transaction, with their progress kept in memory for the report.
 * Calls the import commands; no SQL and no audit of its own.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { ImportProblem } from '#common/files.js';
import type { AppDeps } from '../../core/deps.js';
import { inScope, type RequestCtx } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import { commitImport, recordCheck, recordFailure, StillInvalid, type CommitProgress, type ImportRunner } from './commands/imports.js';
import { IMPORT_COLUMNS } from './importColumns.js';
import { buildPlan, type Prepared } from './importPlan.js';
import type { RawRow } from './importRead.js';
import { yieldToLoop } from './sheet.js';

interface Job extends CommitProgress {
  phase: 'checking' | 'committing';
  promise: Promise<void>;
}

/**
 * Rows of a checked file, kept a while so the commit need not read the file again nor parse its
 * rows again (a few files at most: an abandoned import must not hold memory; the commit reads the
 * stored file otherwise).
 */
const KEEP_PARSED_MS = 30 * 60_000;
const KEEP_PARSED_FILES = 4;

export interface ImportJobs extends ImportRunner {
  /** The progress of an import this server is working on. */
  progress(id: string): { done: number; total: number } | undefined;
  /** Waits (up to 15 s) for running jobs, when the server stops. */
  close(): Promise<void>;
}

export function importJobs(deps: AppDeps, log: FastifyBaseLogger): ImportJobs {
  const jobs = new Map<string, Job>();
  const parsed = new Map<string, { sha256: string; rows: RawRow[]; prepared: Prepared; at: number }>();
  const keepParsed = (id: string, sha256: string, rows: RawRow[], prepared: Prepared) => {
    const now = Date.now();
    for (const [k, v] of parsed) if (now - v.at > KEEP_PARSED_MS) parsed.delete(k);
    for (const k of parsed.keys()) {
      if (parsed.size < KEEP_PARSED_FILES) break;
      parsed.delete(k); // the oldest first (a Map keeps insertion order)
    }
    parsed.set(id, { sha256, rows, prepared, at: now });
  };

  async function fail(ctx: RequestCtx, id: string, problems: ImportProblem[], err: unknown, action = 'import.commit'): Promise<void> {
    if (err) log.error({ err: { message: err instanceof Error ? err.message : undefined, code: codeOf(err) }, importId: id }, 'import failed');
    try {
      await inScope(deps.db, ctx, (tx) => recordFailure(tx, id, problems, action));
    } catch (e) {
      log.error({ err: { message: e instanceof Error ? e.message : undefined }, importId: id }, 'could not record the failed import');
    }
  }

  function check(ctx: RequestCtx, id: string, sha256: string, rows: RawRow[]): void {
    const job: Job = { phase: 'checking', done: 0, total: rows.length, row: 0, promise: Promise.resolve() };
    jobs.set(id, job);
    job.promise = (async () => {
      await yieldToLoop();
      try {
        const plan = await inScope(deps.db, ctx, (tx) =>
          buildPlan(tx, deps, rows, (n) => {
            job.done = n;
          }),
        );
        await inScope(deps.db, ctx, (tx) => recordCheck(tx, id, plan));
        if (!plan.problems.length) keepParsed(id, sha256, rows, plan.prepared);
      } catch (err) {
        await fail(ctx, id, [{ row: 0, field: '', message: '检查时发生错误，请稍后重新上传；如仍出错，请联系管理员' }], err, 'import.check');
      } finally {
        jobs.delete(id);
      }
    })();
  }

  function commit(ctx: RequestCtx, id: string): void {
    const job: Job = { phase: 'committing', done: 0, total: 0, row: 0, promise: Promise.resolve() };
    jobs.set(id, job);
    job.promise = (async () => {
      await yieldToLoop();
      try {
        const cached = (sha256: string) => {
          const c = parsed.get(id);
          return c && c.sha256 === sha256 ? { rows: c.rows, prepared: c.prepared } : null;
        };
        await inScope(deps.db, ctx, (tx) => commitImport(tx, deps, id, cached, job));
      } catch (err) {
        if (err instanceof StillInvalid) {
          await fail(ctx, id, err.problems, null);
        } else if (err instanceof AppError) {
          const field = fieldHeader(err.fields?.[0]?.path);
          const detail = err.fields?.[0]?.message;
          await fail(
            ctx,
            id,
            [{ row: job.row, field, message: `${err.message}${detail && detail !== err.message ? `（${detail}）` : ''}。导入已全部撤销，未写入任何数据` }],
            null,
          );
        } else {
          await fail(ctx, id, [{ row: job.row, field: '', message: '导入时发生错误，已全部撤销，未写入任何数据；请稍后重试，如仍出错请联系管理员' }], err);
        }
      } finally {
        jobs.delete(id);
        parsed.delete(id);
      }
    })();
  }

  return {
    check,
    commit,
    progress: (id) => jobs.get(id),
    close: async () => {
      await Promise.race([Promise.allSettled([...jobs.values()].map((j) => j.promise)), new Promise((r) => setTimeout(r, 15_000))]);
    },
  };
}

/** A database error's code (e.g. 23505), for the log. */
function codeOf(err: unknown): string | undefined {
  return err && typeof err === 'object' && 'code' in err && typeof err.code === 'string' ? err.code : undefined;
}

/** The template column of a child-file field named in an error (e.g. 'idNumber' → 身份证号). */
function fieldHeader(path: string | undefined): string {
  if (!path) return '';
  const key = path.split('.').pop() ?? path;
  const map: Record<string, string> = { committeeId: 'committee', monthlyIncomeFen: 'monthlyIncomeYuan' };
  return IMPORT_COLUMNS.find((c) => c.child === (map[key] ?? key))?.header ?? '';
}
