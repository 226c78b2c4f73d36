/**
 * 协同: a benefit submitted (entitlement → 已提交) sends a referral (benefit, or fee_waiver for a
 * policy of 区教育局) from the submitter's unit to the unit that decides it. Called by the
 * entitlement workflow (commands/entitlements.ts); the referral's own handlers are in referralWork.ts.
 */
import type { Pack } from '../../../../engine/src/index.js';
import { withMaintainedValues } from '../../../../engine/src/index.js';
import type { SignedInCtx, Tx } from '../../core/context.js';
import { send } from '../referrals/commands.js';
import { openReferralsOf } from '../referrals/flows.js';
import { BASE_PACK, maintainedValues } from './pack.js';
import { decidingUnit } from './queries.js';

/** The policy pack with this installation's maintained values (for callers without the app's deps). */
export async function packOf(tx: Tx): Promise<Pack> {
  return withMaintainedValues(BASE_PACK, await maintainedValues(tx));
}

/** A benefit of 区教育局 is a school-fee waiver; any other a benefit to administer. */
export const benefitKindFor = (policyUnit: string): 'fee_waiver' | 'benefit' => (policyUnit === 'education' ? 'fee_waiver' : 'benefit');

/**
 * The entitlement was just submitted by the caller: a referral to the unit that decides it (none
 * when that is the caller's own unit, or one is already open for this entitlement).
 */
export async function referSubmittedEntitlement(
  tx: Tx,
  ctx: SignedInCtx,
  pack: Pack,
  e: { id: string; child_id: string; policy_id: string; note: string | null },
  note: string | null,
  alreadyTold: string[],
  now: number,
): Promise<string | null> {
  const policy = pack.byId.get(e.policy_id);
  if (!policy) return null;
  const decider = await decidingUnit(tx, policy.unit);
  if (decider.code === ctx.actor.unitCode) return null;
  if ((await openReferralsOf(tx, { kind: 'entitlement', id: e.id })).length) return null;
  const text = note ?? e.note;
  return send(
    tx,
    ctx,
    {
      childId: e.child_id,
      kind: benefitKindFor(policy.unit),
      policyId: e.policy_id,
      toUnit: decider.code,
      reason: text ? `${policy.name.zh}：${text}` : policy.name.zh,
      source: { kind: 'entitlement', id: e.id },
      skipDirectory: true,
      alreadyTold,
    },
    now,
  );
}
