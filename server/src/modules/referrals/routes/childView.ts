/**
 * 协同 — the child as the receiving unit sees it through a referral: only the sections of the
 * referral's kind, masked, every view audited. The route table only.
 */
import { ErrorBody, IdParam } from '#common/api.js';
import { ReferralChildView } from '#common/referrals.js';
import type { AppDeps, ZApp } from '../../../core/deps.js';
import { inScope, signedIn } from '../../../core/context.js';
import { can } from '../../../http/access.js';
import { viewChild } from '../childView.js';

const tags = ['协同 referrals'];

export function childViewRoutes(app: ZApp, deps: AppDeps): void {
  app.get(
    '/api/referrals/:id/child',
    {
      config: { access: can('referrals.handle') },
      schema: {
        operationId: 'getReferralChild',
        tags,
        summary: '接收单位查阅转介涉及的儿童：只含该类转介开放的内容（姓名、证件号、电话已遮蔽），每次查阅留痕',
        params: IdParam,
        response: { 200: ReferralChildView, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (req) => {
      const ctx = signedIn(req.ctx);
      return inScope(deps.db, ctx, (tx) => viewChild(tx, deps, ctx, req.params.id, deps.clock()), { referrals: true });
    },
  );
}
