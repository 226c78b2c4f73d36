/**
 * Excel import of children and guardians. Upload → the file is read at once (a real .xlsx with the
 * template's header, or a Chinese message and nothing stored) → the row-by-row check runs in the
 * background on its own pooled transaction → the report (problems by row and column) → commit,
 * also in the background: one transaction, all rows or none, idempotent (the identity number is
 * the key; unchanged rows are counted, not written). Imports are visible only to their creator (RLS).
 */
import crypto from 'node:crypto';
import { ErrorBody, IdParam } from '#common/api.js';
import { ImportCreated, ImportReport, ImportReportQuery, ImportUpload, type ImportProblem } from '#common/files.js';
import type { AppDeps, ZApp } from '../../core/deps.js';
import { can } from '../../http/access.js';
import { auditAlone, inScope, type AuditEntry, type RequestCtx, type Tx } from '../../core/context.js';
import { AppError, errors } from '../../core/errors.js';
import type { ChildCreate } from '#common/children.js';
import { updateChild } from '../children/commands/file.js';
import { createChildren } from '../children/commands/batch.js';

const CREATE_BATCH = 500;
import { addCategory, addMember } from '../children/commands/family.js';
import { decodeBase64 } from './attachments.js';
import { contentDisposition } from './binary.js';
import { XLSX_MIME } from './exports.js';
import { IMPORT_COLUMNS } from './importColumns.js';
import { buildPlan, type Plan } from './importPlan.js';
import { readImportFile, type RawRow } from './importRead.js';
import { buildTemplate } from './importTemplate.js';
import { yieldToLoop } from './sheet.js';

const tags = ['导入导出 import/export'];
const errs = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
/** Problems kept in a report; a file with more is mostly wrong and the first ones say why. */
const MAX_PROBLEMS = 5_000;

interface Job { phase: 'checking' | 'committing'; done: number; total: number; promise: Promise<void> }

/** A commit that found problems the check had not (the data changed in between): nothing written. */
class StillInvalid extends Error {
  constructor(readonly problems: ImportProblem[]) { super('invalid'); }
}

interface ImportRow {
  id: string; filename: string; status: ImportReport['status']; total_rows: number; valid_rows: number; created_rows: number; updated_rows: number;
  unchanged_rows: number; created_at: Date; finished_at: Date | null; problem_count: number; problems_page: ImportProblem[] | null;
}

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
    const a = tx.ctx.actor;
    const roles = a ? a.roles.map((r) => r.code).join(',') : null;
    let written = 0;
    while (pending.length) {
      const chunk = pending.splice(0, 2000);
      await tx.client.query(
        `select audit_append(u.user_id, u.username, u.unit_code, u.roles, u.ip, u.action, u.entity, u.entity_id, u.outcome, u.summary::jsonb, u.reason, u.request_id)
         from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[])
              with ordinality as u(user_id, username, unit_code, roles, ip, action, entity, entity_id, outcome, summary, reason, request_id, n)
         order by u.n`,
        [chunk.map((e) => e.userId ?? a?.userId ?? null), chunk.map((e) => e.username ?? a?.username ?? null), chunk.map((e) => e.unitCode ?? a?.unitCode ?? null),
          chunk.map(() => roles), chunk.map(() => tx.ctx.ip), chunk.map((e) => e.action), chunk.map((e) => e.entity ?? null), chunk.map((e) => e.entityId ?? null),
          chunk.map((e) => e.outcome ?? 'success'), chunk.map((e) => (e.summary ? JSON.stringify(e.summary) : null)), chunk.map((e) => e.reason ?? null),
          chunk.map(() => tx.ctx.requestId)]);
      written += chunk.length;
    }
    return written;
  };
  return { tx: { ...tx, audit: async (entry) => { pending.push(entry); } }, flush };
}

/** The actor keeps the rights it had when the import started, for work that outlives the request. */
const background = (ctx: RequestCtx): RequestCtx => ({ ...ctx, requestId: `${ctx.requestId}:import` });

/**
 * Rows of a checked file, kept a while so the commit need not read the file again (a few files
 * at most: an abandoned import must not hold memory; the commit reads the stored file otherwise).
 */
const KEEP_PARSED_MS = 30 * 60_000;
const KEEP_PARSED_FILES = 4;

export function importRoutes(app: ZApp, deps: AppDeps): void {
  const jobs = new Map<string, Job>();
  const parsed = new Map<string, { sha256: string; rows: RawRow[]; at: number }>();
  const keepParsed = (id: string, sha256: string, rows: RawRow[]) => {
    const now = Date.now();
    for (const [k, v] of parsed) if (now - v.at > KEEP_PARSED_MS) parsed.delete(k);
    while (parsed.size >= KEEP_PARSED_FILES) parsed.delete(parsed.keys().next().value!);
    parsed.set(id, { sha256, rows, at: now });
  };
  app.addHook('onClose', async () => {
    await Promise.race([Promise.allSettled([...jobs.values()].map((j) => j.promise)), new Promise((r) => setTimeout(r, 15_000))]);
  });

  const capped = (problems: ImportProblem[]) => problems.length <= MAX_PROBLEMS ? problems
    : [...problems.slice(0, MAX_PROBLEMS), { row: 0, field: '', message: `问题超过 ${MAX_PROBLEMS} 条，仅列出前 ${MAX_PROBLEMS} 条；请先按这些提示修改后重新上传` }];

  function startCheck(ctx: RequestCtx, id: string, sha256: string, rows: RawRow[]): void {
    const job: Job = { phase: 'checking', done: 0, total: rows.length, promise: Promise.resolve() };
    jobs.set(id, job);
    job.promise = (async () => {
      await yieldToLoop();
      try {
        const plan = await inScope(deps.db, ctx, (tx) => buildPlan(tx, deps, rows, (n) => { job.done = n; }));
        const valid = plan.actions.length;
        await inScope(deps.db, ctx, async (tx) => {
          await tx.client.query(
            `update imports set status = $2, total_rows = $3, valid_rows = $4, created_rows = $5, updated_rows = $6, unchanged_rows = $7, problems = $8::jsonb,
               finished_at = case when $2 = 'invalid' then now() end where id = $1`,
            [id, plan.problems.length ? 'invalid' : 'checked', plan.total, valid, plan.counts.create, plan.counts.update, plan.counts.unchanged, JSON.stringify(capped(plan.problems))]);
          await tx.audit({ action: 'import.check', entity: 'import', entityId: id, summary: { rows: plan.total, valid, problems: plan.problems.length, ...plan.counts } });
        });
        if (!plan.problems.length) keepParsed(id, sha256, rows);
      } catch (err) {
        await fail(ctx, id, [{ row: 0, field: '', message: '检查时发生错误，请稍后重新上传；如仍出错，请联系管理员' }], err, 'import.check');
      } finally {
        jobs.delete(id);
      }
    })();
  }

  function startCommit(ctx: RequestCtx, id: string): void {
    const job: Job = { phase: 'committing', done: 0, total: 0, promise: Promise.resolve() };
    jobs.set(id, job);
    job.promise = (async () => {
      await yieldToLoop();
      let currentRow = 0;
      try {
        await inScope(deps.db, ctx, async (scoped) => {
          const { tx, flush } = deferAudit(scoped);
          const file = (await tx.client.query<{ content: Buffer | null; filename: string; file_sha256: string }>(
            'select content, filename, file_sha256 from imports where id = $1', [id])).rows[0];
          if (!file?.content) throw new StillInvalid([{ row: 0, field: '', message: '导入文件已不存在，请重新上传' }]);
          const cached = parsed.get(id);
          let rows = cached && cached.sha256 === file.file_sha256 ? cached.rows : null;
          if (!rows) {
            const read = await readImportFile(file.content, file.filename);
            if (!read.ok) throw new StillInvalid([{ row: 0, field: '', message: read.message }]);
            rows = read.rows;
          }
          job.total = rows.length;
          // The same check as the dry run, now inside the transaction that writes.
          const plan: Plan = await buildPlan(tx, deps, rows);
          if (plan.problems.length) throw new StillInvalid(plan.problems);
          const done = { created: 0, updated: 0, unchanged: 0 };
          // New files are written in batches (one statement per table and batch); existing files
          // are updated one by one, since each update compares and records its own changes.
          let batch: { row: number; input: ChildCreate }[] = [];
          const writeBatch = async () => {
            if (!batch.length) return;
            currentRow = batch[0]!.row;
            await tx.client.query('savepoint import_batch');
            try {
              await createChildren(tx, deps, batch.map((b) => b.input), { action: 'import' });
              await tx.client.query('release savepoint import_batch');
            } catch (err) {
              // Name the row that failed: replay the batch one row at a time (the import is
              // all-or-nothing, so this is only to tell the user which row to correct).
              await tx.client.query('rollback to savepoint import_batch');
              for (const b of batch) {
                currentRow = b.row;
                await createChildren(tx, deps, [b.input], { action: 'import' });
              }
              throw err;
            }
            done.created += batch.length;
            batch = [];
            await yieldToLoop();
          };
          for (const [i, a] of plan.actions.entries()) {
            currentRow = a.row;
            if (a.kind === 'create') {
              batch.push({ row: a.row, input: a.input });
              if (batch.length >= CREATE_BATCH) await writeBatch();
            } else if (a.kind === 'update') {
              let changed = 0;
              if (Object.keys(a.patch).length) changed += (await updateChild(tx, deps, a.childId, { ...a.patch, version: a.version })).changed.length;
              for (const m of a.members) { await addMember(tx, deps, a.childId, m); changed++; }
              for (const c of a.categories) { await addCategory(tx, deps, a.childId, { category: c.category, since: c.since, sourceNote: '批量导入' }); changed++; }
              done[changed ? 'updated' : 'unchanged']++;
            } else {
              done.unchanged++;
            }
            job.done = i + 1;
            if (i % 200 === 199) await yieldToLoop();
          }
          await writeBatch();
          await tx.client.query(
            `update imports set status = 'committed', created_rows = $2, updated_rows = $3, unchanged_rows = $4, valid_rows = $5, finished_at = now(), content = null
             where id = $1`, [id, done.created, done.updated, done.unchanged, plan.actions.length]);
          await tx.audit({ action: 'import.commit', entity: 'import', entityId: id, summary: { rows: plan.total, ...done } });
          await flush();
        });
      } catch (err) {
        if (err instanceof StillInvalid) {
          await fail(ctx, id, err.problems, null);
        } else if (err instanceof AppError) {
          const field = fieldHeader(err.fields?.[0]?.path);
          const detail = err.fields?.[0]?.message;
          await fail(ctx, id, [{ row: currentRow, field, message: `${err.message}${detail && detail !== err.message ? `（${detail}）` : ''}。导入已全部撤销，未写入任何数据` }], null);
        } else {
          await fail(ctx, id, [{ row: currentRow, field: '', message: '导入时发生错误，已全部撤销，未写入任何数据；请稍后重试，如仍出错请联系管理员' }], err);
        }
      } finally {
        jobs.delete(id);
        parsed.delete(id);
      }
    })();
  }

  async function fail(ctx: RequestCtx, id: string, problems: ImportProblem[], err: unknown, action = 'import.commit'): Promise<void> {
    if (err) app.log.error({ err: { message: (err as Error).message, code: (err as { code?: string }).code }, importId: id }, 'import failed');
    try {
      await inScope(deps.db, ctx, async (tx) => {
        await tx.client.query(`update imports set status = 'failed', problems = $2::jsonb, finished_at = now() where id = $1`, [id, JSON.stringify(capped(problems))]);
        await tx.audit({ action, entity: 'import', entityId: id, outcome: 'failed', summary: { problems: problems.length } });
      });
    } catch (e) {
      app.log.error({ err: { message: (e as Error).message }, importId: id }, 'could not record the failed import');
    }
  }

  app.get('/api/children/import/template', {
    config: { access: can('children.import') },
    schema: { tags, summary: '下载儿童及监护人导入模板（.xlsx，含填写说明和本辖区居民区列表）' },
  }, async (req, reply) => {
    const scope = req.ctx.actor!.scope;
    const committees = await inScope(deps.db, req.ctx, async (tx) => (await tx.client.query<{ street: string; name: string }>(
      `select s.name as street, m.name from committees m join streets s on s.code = m.street_code
       where m.active and (m.street_code = any($1::text[]) or m.id = any($2::uuid[])) order by s.sort, m.code`, [scope.streets, scope.committees])).rows);
    const content = await buildTemplate(committees);
    return reply
      .header('content-type', XLSX_MIME)
      .header('content-disposition', contentDisposition('困境儿童导入模板.xlsx'))
      .header('x-content-type-options', 'nosniff')
      .send(content);
  });

  app.post('/api/children/import', {
    bodyLimit: 14 * 1024 * 1024,
    config: { access: can('children.import') },
    schema: { tags, summary: '上传 Excel 导入文件（先检查，不写入；返回导入编号，检查在后台进行）', body: ImportUpload, response: { 200: ImportCreated, ...errs } },
  }, async (req) => {
    const { filename } = req.body;
    const buf = decodeBase64(req.body.contentBase64);
    const read = await readImportFile(buf, filename);
    if (!read.ok) {
      await auditAlone(deps.db, req.ctx, { action: 'import.start', entity: 'import', outcome: 'failed', summary: { reason: 'unreadable', sizeBytes: buf.length } });
      throw errors.validation([{ path: 'contentBase64', message: read.message }], read.message);
    }
    const sha256 = crypto.createHash('sha256').update(buf).digest('hex');
    const ctx = background(req.ctx);
    const id = await inScope(deps.db, req.ctx, async (tx) => {
      const row = (await tx.client.query<{ id: string }>(
        `insert into imports (user_id, kind, filename, file_sha256, status, total_rows, content) values ($1, 'children', $2, $3, 'checking', $4, $5) returning id`,
        [req.ctx.actor!.userId, filename.slice(0, 200), sha256, read.rows.length, buf])).rows[0]!.id;
      await tx.audit({ action: 'import.start', entity: 'import', entityId: row, summary: { rows: read.rows.length, sizeBytes: buf.length, sha256 } });
      return row;
    });
    startCheck(ctx, id, sha256, read.rows);
    return { id };
  });

  app.get('/api/imports/:id', {
    config: { access: can('children.import') },
    schema: { tags, summary: '导入进度与检查报告（问题分页；仅导入人本人可见）', params: IdParam, querystring: ImportReportQuery, response: { 200: ImportReport, ...errs } },
  }, async (req) => inScope(deps.db, req.ctx, async (tx) => {
    const { page, pageSize } = req.query;
    const load = async () => (await tx.client.query<ImportRow>(
      `select id, filename, status, total_rows, valid_rows, created_rows, updated_rows, unchanged_rows, created_at, finished_at,
              jsonb_array_length(problems) as problem_count,
              (select jsonb_agg(e order by n) from jsonb_array_elements(problems) with ordinality as p(e, n) where n > $2 and n <= $2 + $3) as problems_page
       from imports where id = $1`, [req.params.id, (page - 1) * pageSize, pageSize])).rows[0];
    let r = await load();
    if (!r) throw errors.notFound('未找到该导入记录（导入记录仅导入人本人可见）');
    const job = jobs.get(r.id);
    if ((r.status === 'checking' || r.status === 'committing') && !job) {
      // The server restarted while this import was running: say so instead of waiting forever.
      const lost = await tx.client.query(
        `update imports set status = 'failed', problems = $2::jsonb, finished_at = now() where id = $1 and status in ('checking', 'committing') and created_at < now() - interval '5 seconds'`,
        [r.id, JSON.stringify([{ row: 0, field: '', message: '服务器重启，导入已中断且未写入任何数据，请重新上传' }])]);
      if (lost.rowCount) r = (await load())!;
    }
    const error = r.status === 'failed' ? r.problems_page?.[0]?.message ?? '导入失败' : null;
    return {
      id: r.id, filename: r.filename, status: r.status, totalRows: r.total_rows, validRows: r.valid_rows, createdRows: r.created_rows,
      updatedRows: r.updated_rows, unchangedRows: r.unchanged_rows,
      progress: job && (r.status === 'checking' || r.status === 'committing') ? { done: job.done, total: job.total || r.total_rows } : null,
      error, problems: { items: r.problems_page ?? [], total: r.problem_count, page, pageSize },
      createdAt: r.created_at.toISOString(), finishedAt: r.finished_at ? r.finished_at.toISOString() : null,
    };
  }));

  app.post('/api/imports/:id/commit', {
    config: { access: can('children.import') },
    schema: { tags, summary: '确认导入（仅检查通过的文件；全部写入或全部不写入，在后台进行）', params: IdParam, response: { 200: ImportCreated, ...errs } },
  }, async (req) => {
    await inScope(deps.db, req.ctx, async (tx) => {
      const moved = await tx.client.query(`update imports set status = 'committing' where id = $1 and status = 'checked' returning id`, [req.params.id]);
      if (moved.rowCount) {
        await tx.audit({ action: 'import.commit.start', entity: 'import', entityId: req.params.id });
        return;
      }
      const cur = (await tx.client.query<{ status: string }>('select status from imports where id = $1', [req.params.id])).rows[0];
      if (!cur) throw errors.notFound('未找到该导入记录（导入记录仅导入人本人可见）');
      const why: Record<string, string> = {
        checking: '文件还在检查中，请稍候',
        invalid: '文件检查未通过，请按报告修改后重新上传',
        committing: '正在导入，请勿重复提交',
        committed: '该文件已导入完成',
        failed: '该次导入已失败，请重新上传文件',
      };
      throw errors.conflict(why[cur.status] ?? '当前状态不能导入');
    });
    startCommit(background(req.ctx), req.params.id);
    return { id: req.params.id };
  });
}

/** The template column of a child-file field named in an error (e.g. 'idNumber' → 身份证号). */
function fieldHeader(path: string | undefined): string {
  if (!path) return '';
  const key = path.split('.').pop()!;
  const map: Record<string, string> = { committeeId: 'committee', monthlyIncomeFen: 'monthlyIncomeYuan' };
  return IMPORT_COLUMNS.find((c) => c.child === (map[key] ?? key))?.header ?? '';
}
