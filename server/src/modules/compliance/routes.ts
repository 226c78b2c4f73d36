/** /api/compliance: the yearly minors'-data compliance audit report (audit administrator: compliance.report). */
import { ErrorBody } from '#common/api.js';
import { ComplianceReport, ReportYearParam } from '#common/compliance.js';
import type { AppDeps, ZApp } from '../../core/deps.js';
import { inScope, signedIn } from '../../core/context.js';
import { can } from '../../http/access.js';
import { keysFor } from '../../runtime.js';
import * as commands from './commands.js';

const tags = ['合规审计 compliance'];
const errs = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

export function complianceRoutes(app: ZApp, deps: AppDeps): void {
  // The checkpoint key, derived from the master key once, when first needed (as the audit module does).
  let checkpointKey: Buffer | null = null;
  const anchor = () => ({ dataDir: deps.config.dataDir, key: (checkpointKey ??= keysFor(deps.config).auditCheckpoint) });

  app.get(
    '/api/compliance/reports/:year',
    {
      config: { access: can('compliance.report') },
      schema: {
        operationId: 'getComplianceReport',
        tags,
        summary: '年度未成年人个人信息保护合规审计报告（按上海时间的自然年）',
        params: ReportYearParam,
        response: { 200: ComplianceReport, ...errs },
      },
    },
    async (req) => inScope(deps.db, signedIn(req.ctx), (tx) => commands.yearlyReport(tx, req.params.year, deps.clock(), { anchor: anchor() })),
  );
}
