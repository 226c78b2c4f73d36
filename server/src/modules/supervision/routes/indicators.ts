/** 督办 route table: the indicator registry, the dashboard and the quarterly report workbook. */
import { z } from 'zod';
import { Dashboard, DashboardQuery, IndicatorDefs } from '#common/supervision.js';
import type { AppDeps, ZApp } from '../../../core/deps.js';
import { signedIn } from '../../../core/context.js';
import { can } from '../../../http/access.js';
import { contentDisposition } from '../../files/binary.js';
import * as reportCommands from '../commands/reports.js';
import { buildDashboard } from '../queries/dashboard.js';
import { defOf, indicators } from '../indicators/registry.js';
import { XLSX_MIME } from '../reportWorkbook.js';
import { errs, tags } from './shared.js';

export function indicatorRoutes(app: ZApp, deps: AppDeps): void {
  app.get(
    '/api/indicators',
    {
      config: { access: can('plan.read') },
      schema: { operationId: 'listIndicatorDefs', tags, summary: '指标登记表（定义、服务的任务、单位、默认目标）', response: { 200: IndicatorDefs, ...errs } },
    },
    async () => ({ items: indicators().map(defOf) }),
  );

  app.get(
    '/api/dashboard',
    {
      config: { access: can('plan.read') },
      schema: {
        operationId: 'getSupervisionDashboard',
        tags,
        summary: '督办看板：任务状态、单位报送及时性、各项指标（值、目标、红黄绿、按月趋势、按街道）',
        querystring: DashboardQuery,
        response: { 200: Dashboard, ...errs },
      },
    },
    async (req) => buildDashboard(deps, req.ctx, req.query),
  );

  app.get(
    '/api/plan/report.xlsx',
    {
      config: { access: can('plan.read') },
      schema: {
        operationId: 'exportQuarterlyReport',
        tags,
        summary: '季度报告（Excel：任务、单位报告、指标），数字与同期看板一致',
        querystring: DashboardQuery,
        response: { 200: z.any().describe('xlsx'), ...errs },
      },
    },
    async (req, reply) => {
      const { workbook, filename } = await reportCommands.exportQuarterlyReport(deps, signedIn(req.ctx), req.query);
      return reply
        .header('content-type', XLSX_MIME)
        .header('content-disposition', contentDisposition(filename))
        .header('cache-control', 'no-store')
        .send(workbook);
    },
  );
}
