/**
 * 协同 numbers for 督办: GET /api/referrals/stats. Permission plan.read (the supervision dashboard's,
 * which shows it): aggregates only, narrowed to what the viewer's dashboard covers (stats.ts).
 */
import { ErrorBody } from '#common/api.js';
import { ReferralStats, ReferralStatsQuery } from '#common/referralStats.js';
import type { AppDeps, ZApp } from '../../../core/deps.js';
import { inScope, signedIn } from '../../../core/context.js';
import { can } from '../../../http/access.js';
import { referralStats } from '../stats.js';

export function referralStatsRoutes(app: ZApp, deps: AppDeps): void {
  app.get(
    '/api/referrals/stats',
    {
      config: { access: can('plan.read') },
      schema: {
        operationId: 'getReferralStats',
        tags: ['协同 referrals'],
        summary: '协同转介统计（督办看板）：按转介类型和接收单位，发出、按时签收率、办结、办结天数中位数、当前逾期',
        querystring: ReferralStatsQuery,
        response: { 200: ReferralStats, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody },
      },
    },
    async (req) => {
      const ctx = signedIn(req.ctx);
      return inScope(deps.db, ctx, (tx) => referralStats(tx, ctx, req.query, deps.clock()));
    },
  );
}
