/** 强制报告: the duties raised by serious safety problems, and recording how each was discharged. */
import { IdParam } from '#common/api.js';
import { MandatoryReport, MandatoryReportList, MandatoryReportQuery, MandatoryReportRecord } from '#common/casework.js';
import { inScope, signedIn } from '../../../core/context.js';
import type { AppDeps, ZApp } from '../../../core/deps.js';
import { can } from '../../../http/access.js';
import * as reports from '../commands/mandatoryReports.js';
import * as queries from '../queries.js';
import { errs } from './common.js';

const tags = ['个案工作 casework'];

export function mandatoryReportRoutes(app: ZApp, deps: AppDeps): void {
  app.get(
    '/api/mandatory-reports',
    {
      config: { access: can('children.read') },
      schema: {
        operationId: 'listMandatoryReports',
        tags,
        summary: '强制报告：待报告（默认）或全部；按辖区',
        querystring: MandatoryReportQuery,
        response: { 200: MandatoryReportList, ...errs },
      },
    },
    async (req) => inScope(deps.db, req.ctx, (tx) => queries.listMandatoryReports(tx, req.query)),
  );

  app.post(
    '/api/mandatory-reports/:id/record',
    {
      config: { access: can('casework.write') },
      schema: {
        operationId: 'recordMandatoryReport',
        tags,
        summary: '记录强制报告：已报告（时间、对象、方式）或未报告（原因）',
        params: IdParam,
        body: MandatoryReportRecord,
        response: { 200: MandatoryReport, ...errs },
      },
    },
    async (req) => inScope(deps.db, req.ctx, (tx) => reports.record(tx, signedIn(req.ctx), req.params.id, req.body, deps.clock())),
  );
}
