/** 督办 route table: the unit's workspace, the overdue list, progress reports with their review, and evidence files. */
import { z } from 'zod';
import type { FastifyReply } from 'fastify';
import { IdParam } from '#common/api.js';
import {
  Evidence,
  EvidenceUpload,
  OverdueList,
  PlanReport,
  PlanReportList,
  PlanReportQuery,
  ReportReview,
  ReportSave,
  ReportSubmit,
  Workspace,
  WorkspaceQuery,
} from '#common/supervision.js';
import { shanghaiDate } from '#common/dates.js';
import type { AppDeps, ZApp } from '../../../core/deps.js';
import { inScope, signedIn } from '../../../core/context.js';
import { can } from '../../../http/access.js';
import { contentDisposition } from '../../files/binary.js';
import * as reportCommands from '../commands/reports.js';
import * as reportQueries from '../queries/reports.js';
import { errs, tags } from './shared.js';

/** A stored file goes out as an attachment that cannot run in the page. */
const sendFile = (reply: FastifyReply, f: { filename: string; mime: string; content: Buffer }) =>
  reply
    .header('content-type', f.mime)
    .header('content-disposition', contentDisposition(f.filename))
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'no-store')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .send(f.content);

export function reportRoutes(app: ZApp, deps: AppDeps): void {
  const today = () => shanghaiDate(deps.clock());

  app.get(
    '/api/plan/workspace',
    {
      config: { access: can('plan.report') },
      schema: {
        operationId: 'getPlanWorkspace',
        tags,
        summary: '本单位本期任务及报告状态（未报送、逾期）',
        querystring: WorkspaceQuery,
        response: { 200: Workspace, ...errs },
      },
    },
    async (req) => inScope(deps.db, req.ctx, (tx) => reportQueries.workspace(tx, signedIn(req.ctx).actor, today(), req.query)),
  );

  app.get(
    '/api/plan/overdue',
    {
      config: { access: can('plan.read') },
      schema: {
        operationId: 'listOverdueReports',
        tags,
        summary: '逾期未报送清单（报告期截止后仍未提交的任务×单位）',
        querystring: z.object({ plan: z.string().max(64).optional(), period: z.string().max(10).optional() }),
        response: { 200: OverdueList, ...errs },
      },
    },
    async (req) => inScope(deps.db, req.ctx, (tx) => reportQueries.overdueList(tx, signedIn(req.ctx).actor, today(), req.query)),
  );

  app.get(
    '/api/plan/reports',
    {
      config: { access: can('plan.read') },
      schema: {
        operationId: 'listPlanReports',
        tags,
        summary: '进展报告列表（本单位的；区民政局和领导可见全部）',
        querystring: PlanReportQuery,
        response: { 200: PlanReportList, ...errs },
      },
    },
    async (req) => inScope(deps.db, req.ctx, (tx) => reportQueries.reportList(tx, signedIn(req.ctx).actor, today(), req.query)),
  );

  app.get(
    '/api/plan/reports/:id',
    {
      config: { access: can('plan.read') },
      schema: { operationId: 'getPlanReport', tags, summary: '进展报告详情（含证明材料、办理经过）', params: IdParam, response: { 200: PlanReport, ...errs } },
    },
    async (req) => inScope(deps.db, req.ctx, (tx) => reportQueries.fullReport(tx, req.params.id, signedIn(req.ctx).actor)),
  );

  app.put(
    '/api/plan/reports',
    {
      config: { access: can('plan.report') },
      schema: {
        operationId: 'savePlanReport',
        tags,
        summary: '保存进展报告草稿（任务 × 单位 × 报告期，一份）',
        body: ReportSave,
        response: { 200: PlanReport, ...errs },
      },
    },
    async (req) => inScope(deps.db, req.ctx, (tx) => reportCommands.saveReport(tx, signedIn(req.ctx).actor, today(), req.body)),
  );

  app.post(
    '/api/plan/reports/:id/submit',
    {
      config: { access: can('plan.report') },
      schema: {
        operationId: 'submitPlanReport',
        tags,
        summary: '提交进展报告（通知牵头单位和区民政局审核）',
        params: IdParam,
        body: ReportSubmit,
        response: { 200: PlanReport, ...errs },
      },
    },
    async (req) => inScope(deps.db, req.ctx, (tx) => reportCommands.submitReport(tx, signedIn(req.ctx).actor, req.params.id, req.body.version)),
  );

  app.post(
    '/api/plan/reports/:id/review',
    {
      config: { access: can('plan.read') },
      schema: {
        operationId: 'reviewPlanReport',
        tags,
        summary: '审核进展报告：通过，或退回并说明理由（区民政局或任务牵头单位）',
        params: IdParam,
        body: ReportReview,
        response: { 200: PlanReport, ...errs },
      },
    },
    async (req) =>
      inScope(deps.db, req.ctx, (tx) =>
        reportCommands.reviewReport(tx, signedIn(req.ctx).actor, req.params.id, req.body.decision, req.body.comment, req.body.version),
      ),
  );

  app.post(
    '/api/plan/reports/:id/evidence',
    {
      bodyLimit: 14 * 1024 * 1024,
      config: { access: can('plan.report') },
      schema: {
        operationId: 'uploadPlanEvidence',
        tags,
        summary: '上传证明材料（JPEG/PNG/PDF/DOCX/XLSX，按文件内容判断类型，照片去除 EXIF/GPS，≤ 10 MB）',
        params: IdParam,
        body: EvidenceUpload,
        response: { 200: Evidence, ...errs },
      },
    },
    async (req) => reportCommands.uploadEvidence(deps, signedIn(req.ctx), req.params.id, req.body),
  );

  app.get(
    '/api/plan/evidence/:id',
    {
      config: { access: can('plan.read') },
      schema: {
        operationId: 'downloadPlanEvidence',
        tags,
        summary: '下载证明材料（先检查能否查看所属报告；一律作为附件下载）',
        params: IdParam,
        response: { 200: z.any().describe('文件内容'), ...errs },
      },
    },
    async (req, reply) => sendFile(reply, await inScope(deps.db, req.ctx, (tx) => reportCommands.downloadEvidence(tx, req.params.id))),
  );

  app.delete(
    '/api/plan/evidence/:id',
    {
      config: { access: can('plan.report') },
      schema: {
        operationId: 'deletePlanEvidence',
        tags,
        summary: '删除证明材料（仅上传人，仅草稿或退回的报告）',
        params: IdParam,
        response: { 200: z.object({ ok: z.literal(true) }), ...errs },
      },
    },
    async (req) => inScope(deps.db, req.ctx, (tx) => reportCommands.deleteEvidence(tx, signedIn(req.ctx).actor, req.params.id)),
  );
}
