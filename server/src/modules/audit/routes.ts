/** /api/audit: the audit log for audit administrators, with filters, and chain verification. */
import { AuditList, AuditQuery, AuditVerifyResult, ErrorBody, IdParam } from '#common/api.js';
import { AlertAck, AlertList, AlertQuery, SecurityAlert } from '#common/access.js';
import type { AppDeps, ZApp } from '../../core/deps.js';
import { inScope } from '../../core/context.js';
import { can } from '../../http/access.js';
import { keysFor } from '../../runtime.js';
import * as auditCommands from './commands.js';

const tags = ['审计 audit'];
const errs = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody };

export function auditRoutes(app: ZApp, deps: AppDeps): void {
  // The checkpoint key comes from the master key, like every other key; derived once, when first needed.
  let checkpointKey: Buffer | null = null;
  const anchor = () => ({ dataDir: deps.config.dataDir, key: (checkpointKey ??= keysFor(deps.config).auditCheckpoint) });

  app.get(
    '/api/audit',
    {
      config: { access: can('audit.read') },
      schema: { operationId: 'listAuditEntries', tags, summary: '查阅审计日志', querystring: AuditQuery, response: { 200: AuditList, ...errs } },
    },
    async (req) => inScope(deps.db, req.ctx, (tx) => auditCommands.readLog(tx, req.query)),
  );

  app.get(
    '/api/audit/alerts',
    {
      config: { access: can('audit.read') },
      schema: {
        operationId: 'listSecurityAlerts',
        tags,
        summary: '安全事件列表（越权查阅、批量查阅、双因素锁定等；未处理的在前）',
        querystring: AlertQuery,
        response: { 200: AlertList, ...errs },
      },
    },
    async (req) => inScope(deps.db, req.ctx, (tx) => auditCommands.readAlerts(tx, req.query)),
  );

  app.post(
    '/api/audit/alerts/:id/acknowledge',
    {
      config: { access: can('audit.read') },
      schema: {
        operationId: 'acknowledgeSecurityAlert',
        tags,
        summary: '处理安全事件：填写处理说明（留痕）',
        params: IdParam,
        body: AlertAck,
        response: { 200: SecurityAlert, ...errs, 404: ErrorBody, 409: ErrorBody },
      },
    },
    async (req) => inScope(deps.db, req.ctx, (tx) => auditCommands.acknowledgeAlert(tx, req.params.id, req.body)),
  );

  app.post(
    '/api/audit/verify',
    {
      config: { access: can('audit.verify') },
      schema: { operationId: 'verifyAuditChain', tags, summary: '校验审计日志哈希链', response: { 200: AuditVerifyResult, ...errs } },
    },
    async (req) => inScope(deps.db, req.ctx, (tx) => auditCommands.verify(tx, { anchor: anchor() })),
  );
}
