/**
 * The files module's route table: attachments of a child's file, Excel export of the children
 * list, Excel import of children and guardians (security requirements 23 and 24), and the audit
 * of printed files. The work is in commands/, queries.ts and importJobs.ts.
 */
import { z } from 'zod';
import { ErrorBody, IdParam } from '#common/api.js';
import {
  Attachment,
  AttachmentList,
  AttachmentQuery,
  AttachmentUpload,
  ExportCreated,
  ExportRequest,
  ImportCreated,
  ImportReport,
  ImportReportQuery,
  ImportUpload,
} from '#common/files.js';
import type { AppDeps, ZApp } from '../../core/deps.js';
import { can } from '../../http/access.js';
import { inScope, signedIn } from '../../core/context.js';
import * as attachmentCommands from './commands/attachments.js';
import * as exportCommands from './commands/exports.js';
import * as importCommands from './commands/imports.js';
import { logPrint } from './commands/print.js';
import { importJobs } from './importJobs.js';
import { sendDownload, XLSX_MIME } from './presenters.js';
import * as queries from './queries.js';

const errs = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };
const Ok = z.object({ ok: z.literal(true) });
/** Base64 of a 10 MB file plus the JSON around it; every other route keeps the 1 MB default. */
const UPLOAD_LIMIT = 14 * 1024 * 1024;

export function filesRoutes(app: ZApp, deps: AppDeps): void {
  attachmentRoutes(app, deps);
  exportRoutes(app, deps);
  importRoutes(app, deps);
  printRoutes(app, deps);
}

function attachmentRoutes(app: ZApp, deps: AppDeps): void {
  const tags = ['附件 attachments'];

  app.post(
    '/api/attachments',
    {
      bodyLimit: UPLOAD_LIMIT,
      config: { access: can('children.read') },
      schema: {
        tags,
        operationId: 'uploadAttachment',
        summary: '上传附件（JPEG/PNG/PDF/DOCX/XLSX，按文件内容判断类型，照片去除 EXIF/GPS，≤ 10 MB）',
        body: AttachmentUpload,
        response: { 200: Attachment, ...errs },
      },
    },
    async (req) => attachmentCommands.upload(deps, signedIn(req.ctx), req.body),
  );

  app.get(
    '/api/children/:id/attachments',
    {
      config: { access: can('children.read') },
      schema: {
        tags,
        operationId: 'listChildAttachments',
        summary: '某儿童档案的附件（可按记录筛选）',
        params: IdParam,
        querystring: AttachmentQuery,
        response: { 200: AttachmentList, ...errs },
      },
    },
    async (req) => inScope(deps.db, req.ctx, (tx) => queries.listAttachments(tx, req.params.id, req.query)),
  );

  app.get(
    '/api/attachments/:id',
    {
      config: { access: can('children.read') },
      schema: {
        tags,
        operationId: 'downloadAttachment',
        summary: '下载附件（先经辖区权限检查；一律作为附件下载）',
        params: IdParam,
        response: { 200: z.any().describe('文件内容'), ...errs },
      },
    },
    async (req, reply) => sendDownload(reply, await inScope(deps.db, req.ctx, (tx) => attachmentCommands.download(tx, req.params.id))),
  );

  app.delete(
    '/api/attachments/:id',
    {
      config: { access: can('children.read') },
      schema: { tags, operationId: 'deleteAttachment', summary: '删除附件（仅上传人）', params: IdParam, response: { 200: Ok, ...errs } },
    },
    async (req) => inScope(deps.db, req.ctx, (tx) => attachmentCommands.remove(tx, signedIn(req.ctx), req.params.id)),
  );
}

function exportRoutes(app: ZApp, deps: AppDeps): void {
  const tags = ['导入导出 import/export'];

  app.post(
    '/api/children/export',
    {
      config: { access: can('children.export') },
      schema: {
        tags,
        operationId: 'exportChildren',
        summary: '导出当前儿童名单为 Excel（默认脱敏；完整身份证号须有权限并说明原因；记入审计）',
        body: ExportRequest,
        response: { 200: ExportCreated, ...errs },
      },
    },
    async (req) => exportCommands.createExport(deps, signedIn(req.ctx), req.body),
  );

  app.get(
    '/api/exports/:id',
    {
      config: { access: can('children.export') },
      schema: {
        tags,
        operationId: 'downloadExport',
        summary: '下载导出文件（仅导出人本人）',
        params: IdParam,
        response: { 200: z.any().describe('Excel 文件'), ...errs },
      },
    },
    async (req, reply) => sendDownload(reply, await inScope(deps.db, req.ctx, (tx) => exportCommands.downloadExport(tx, req.params.id))),
  );
}

function importRoutes(app: ZApp, deps: AppDeps): void {
  const tags = ['导入导出 import/export'];
  const importErrs = { ...errs, 409: ErrorBody };
  const jobs = importJobs(deps, app.log);
  app.addHook('onClose', () => jobs.close());

  app.get(
    '/api/children/import/template',
    {
      config: { access: can('children.import') },
      schema: { tags, operationId: 'downloadImportTemplate', summary: '下载儿童及监护人导入模板（.xlsx，含填写说明和本辖区居民区列表）' },
    },
    async (req, reply) =>
      sendDownload(reply, {
        filename: '困境儿童导入模板.xlsx',
        mime: XLSX_MIME,
        noStore: false,
        content: await inScope(deps.db, req.ctx, (tx) => queries.importTemplate(tx)),
      }),
  );

  app.post(
    '/api/children/import',
    {
      bodyLimit: UPLOAD_LIMIT,
      config: { access: can('children.import') },
      schema: {
        tags,
        operationId: 'startChildrenImport',
        summary: '上传 Excel 导入文件（先检查，不写入；返回导入编号，检查在后台进行）',
        body: ImportUpload,
        response: { 200: ImportCreated, ...importErrs },
      },
    },
    async (req) => importCommands.startImport(deps, signedIn(req.ctx), req.body, jobs),
  );

  app.get(
    '/api/imports/:id',
    {
      config: { access: can('children.import') },
      schema: {
        tags,
        operationId: 'getImportReport',
        summary: '导入进度与检查报告（问题分页；仅导入人本人可见）',
        params: IdParam,
        querystring: ImportReportQuery,
        response: { 200: ImportReport, ...importErrs },
      },
    },
    async (req) => inScope(deps.db, req.ctx, (tx) => queries.importReport(tx, req.params.id, req.query.page, req.query.pageSize, (id) => jobs.progress(id))),
  );

  app.post(
    '/api/imports/:id/commit',
    {
      config: { access: can('children.import') },
      schema: {
        tags,
        operationId: 'commitImport',
        summary: '确认导入（仅检查通过的文件；全部写入或全部不写入，在后台进行）',
        params: IdParam,
        response: { 200: ImportCreated, ...importErrs },
      },
    },
    async (req) => importCommands.requestCommit(deps, signedIn(req.ctx), req.params.id, jobs),
  );
}

function printRoutes(app: ZApp, deps: AppDeps): void {
  app.post(
    '/api/children/:id/print-log',
    {
      config: { access: can('children.read') },
      schema: {
        tags: ['儿童档案 children'],
        operationId: 'logChildPrint',
        summary: '记录打印一人一档（记入审计日志）',
        params: IdParam,
        response: { 200: Ok, ...errs },
      },
    },
    async (req) => inScope(deps.db, req.ctx, (tx) => logPrint(tx, req.params.id)),
  );
}
