/**
 * What completing a referral writes to the child's file, by the kind's completion:
 * - response (暖杨通道): the outcome and measures only, on the referral;
 * - assistance (clinic, rehabilitation, employment, service): an assistance record on the file,
 *   given by the receiving unit.
 * Returns a line for the referral's timeline.
 */
import { ASSISTANCE_KIND_ZH } from '#common/values.js';
import type { ReferralStepBody } from '#common/referrals.js';
import type { SignedInCtx, Tx } from '../../core/context.js';
import { errors } from '../../core/errors.js';
import type { KindRow, ReferralRow } from './repo.js';

export async function applyCompletion(tx: Tx, ctx: SignedInCtx, r: ReferralRow, kind: KindRow, b: ReferralStepBody, now: number): Promise<string | null> {
  void now;
  switch (kind.completion) {
    case 'response':
      return null;
    case 'assistance': {
      const a = b.assistance;
      if (!a) throw errors.validation([{ path: 'assistance', message: '请填写提供的帮扶（类型、内容、日期），它将记入儿童档案' }]);
      const { rows } = await tx.client.query<{ id: string }>(
        `insert into assistance (child_id, kind, provider_unit, provider_name, value_fen, description, given_on, created_by)
         values ($1, $2, $3, $4, $5, $6, $7, $8) returning id`,
        [r.child_id, a.kind, ctx.actor.unitCode, ctx.actor.unitName, a.valueFen ?? null, a.description, a.givenOn, ctx.actor.userId],
      );
      await tx.audit({
        action: 'assistance.create',
        entity: 'assistance',
        entityId: rows[0]?.id ?? null,
        summary: { childId: r.child_id, referralId: r.id, kind: a.kind },
      });
      return `已记入儿童档案的帮扶记录：${ASSISTANCE_KIND_ZH[a.kind]}，${a.givenOn}`;
    }
    default:
      throw errors.conflict(`「${kind.name}」类转介须在对应的办理页面完成`);
  }
}
