/**
 * /api/retention: the retention periods (security administrator: retention.manage) and a run on
 * demand. The daily run is jobs.ts; what each period removes is docs/retention.md.
 */
import { ErrorBody } from '#common/api.js';
import { RetentionRun, RetentionSettings, RetentionSettingsUpdate } from '#common/compliance.js';
import type { AppDeps, ZApp } from '../../core/deps.js';
import { inScope, signedIn } from '../../core/context.js';
import { can } from '../../http/access.js';
import * as commands from './commands.js';

const tags = ['保存期限 retention'];
const errs = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };
const MANAGE = { access: can('retention.manage') };

export function retentionRoutes(app: ZApp, deps: AppDeps): void {
  app.get(
    '/api/retention/settings',
    {
      config: MANAGE,
      schema: { operationId: 'getRetentionSettings', tags, summary: '保存期限设置与最近的清理记录', response: { 200: RetentionSettings, ...errs } },
    },
    async (req) => inScope(deps.db, signedIn(req.ctx), (tx) => commands.readSettings(tx, deps.clock())),
  );

  app.put(
    '/api/retention/settings',
    {
      config: MANAGE,
      schema: {
        operationId: 'updateRetentionSettings',
        tags,
        summary: '修改保存期限（审计日志不少于 36 个月，运行日志不少于 6 个月，结案档案不少于 12 个月后归档）',
        body: RetentionSettingsUpdate,
        response: { 200: RetentionSettings, ...errs },
      },
    },
    async (req) => {
      const ctx = signedIn(req.ctx);
      return inScope(deps.db, ctx, (tx) => commands.changeSettings(tx, ctx.actor, req.body, deps.clock()));
    },
  );

  app.post(
    '/api/retention/runs',
    {
      config: MANAGE,
      schema: { operationId: 'runRetention', tags, summary: '立即按保存期限清理（每天也会自动执行）', response: { 200: RetentionRun, ...errs } },
    },
    async (req) => {
      const { actor } = signedIn(req.ctx);
      const r = await commands.runRetention(deps, deps.clock(), {
        userId: actor.userId,
        username: actor.username,
        unitCode: actor.unitCode,
        roles: actor.roles.map((x) => x.code).join(','),
      });
      return inScope(deps.db, signedIn(req.ctx), (tx) => commands.lastRun(tx, r.runId));
    },
  );
}
