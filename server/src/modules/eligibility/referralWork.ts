/**
 * 协同 for benefits: the referrals that carry an entitlement.
 *
 * - A benefit submitted (entitlement → 已提交) sends a referral (benefit, or fee_waiver for a
 *   policy of 区教育局) from the submitter's unit to the unit that decides it; the decision, taken on
 *   the referral or on the entitlement page by anyone, completes that referral.
 * - A referral of kind benefit / fee_waiver sent directly (POST /api/referrals) brings the child's
 *   entitlement for its policy to 已提交 (created when there is none), the sender being its preparer
 *   — so separation of duties keeps the sender from deciding it.
 * - 办结 of such a referral decides the entitlement through its workflow.
 * Registered with the referrals module (its completion handlers), which never imports eligibility.
 */
import { maskName } from '#common/mask.js';
import type { ReferralCreate, ReferralStepBody } from '#common/referrals.js';
import type { SignedInCtx, Tx } from '../../core/context.js';
import { errors } from '../../core/errors.js';
import { notify } from '../notifications/notify.js';
import { registerReferralHandler, type CompletionEffect } from '../referrals/completion.js';
import { byOf, send } from '../referrals/commands.js';
import { openReferralsOf } from '../referrals/flows.js';
import * as referralsRepo from '../referrals/repo.js';
import type { ReferralRow } from '../referrals/repo.js';
import { transitionEntitlement } from './commands/entitlements.js';
import { DECIDE_PERMISSION } from './policies.js';
import { packOf } from './referralFlows.js';
import { decidingUnit } from './queries.js';
import * as entitlementsRepo from './repo/entitlements.js';

/**
 * POST /api/referrals for a kind completed by an entitlement decision: the policy is required and
 * must be in the pack, the receiving unit must be the one that decides it, and the sender must be
 * able to prepare entitlements (entitlements.write). The child's active entitlement for the policy
 * is reused (or created), verified and submitted by the sender; the referral carries it.
 * Everything is checked before anything is written.
 */
export async function sendEntitlementReferral(tx: Tx, ctx: SignedInCtx, b: ReferralCreate, now: number): Promise<string> {
  const actor = ctx.actor;
  if (!b.policyId) throw errors.validation([{ path: 'policyId', message: '请选择申请的政策（待遇审批类转介须指明政策）' }]);
  const pack = await packOf(tx);
  const policy = pack.byId.get(b.policyId);
  if (!policy) throw errors.validation([{ path: 'policyId', message: '政策不存在，请从政策目录中选择' }]);
  const child = await referralsRepo.childForSender(tx, b.childId);
  if (!child) throw errors.notFound('未找到该儿童档案，或不在您的辖区内');
  const decider = await decidingUnit(tx, policy.unit);
  if (b.toUnit !== decider.code) {
    throw errors.validation([{ path: 'toUnit', message: `「${policy.name.zh}」由${decider.name}审批，请转介给${decider.name}` }]);
  }
  if (!actor.permissions.has(DECIDE_PERMISSION)) {
    throw errors.forbidden('待遇审批类转介须由可以核实、提交待遇的工作人员（如街道儿童督导员）发起');
  }
  const current = (await entitlementsRepo.entitlementsOfChild(tx, child.id)).find(
    (e) => e.policy_id === b.policyId && e.status !== 'refused' && e.status !== 'ended',
  );
  if (current?.status === 'granted') {
    throw errors.conflict(`该儿童已在享受「${policy.name.zh}」，无需再转介审批`);
  }
  if (current?.status === 'submitted' && (await openReferralsOf(tx, { kind: 'entitlement', id: current.id })).length) {
    throw errors.conflict(`该儿童的「${policy.name.zh}」已提交审批，且已有办理中的转介，请在该转介中跟进`);
  }

  let id = current?.id;
  if (!id) {
    id = await entitlementsRepo.insertSuggested(tx, child.id, { policy: b.policyId, amountFen: null, note: `由转介发起：${b.reason}` }, byOf(ctx));
    await tx.audit({ action: 'entitlement.create', entity: 'entitlement', entityId: id, summary: { childId: child.id, policy: b.policyId, via: 'referral' } });
  }
  for (const to of ['verified', 'submitted'] as const) {
    const e = await entitlementsRepo.entitlementById(tx, id);
    if (!e) throw new Error('entitlement gone while submitting it');
    if (e.status === 'submitted') break;
    if (to === 'submitted' || e.status === 'suggested') {
      await transitionEntitlement(tx, ctx, pack, id, { to, version: e.version, note: to === 'submitted' ? b.reason : null }, { now, skipReferral: true });
    }
  }
  return send(tx, ctx, { ...b, policyId: b.policyId, source: { kind: 'entitlement', id }, skipDirectory: true }, now);
}

/** The referral's entitlement: the one it carries, else the child's active one for its policy. */
async function entitlementOf(tx: Tx, r: ReferralRow): Promise<entitlementsRepo.EntRow | undefined> {
  if (r.source_kind === 'entitlement' && r.source_id) return entitlementsRepo.entitlementById(tx, r.source_id);
  if (!r.policy_id) return undefined;
  return (await entitlementsRepo.entitlementsOfChild(tx, r.child_id)).find(
    (e) => e.policy_id === r.policy_id && e.status !== 'refused' && e.status !== 'ended',
  );
}

async function completeEntitlement(tx: Tx, ctx: SignedInCtx, r: ReferralRow, b: ReferralStepBody, now: number): Promise<CompletionEffect> {
  const d = b.entitlement;
  if (!d) throw errors.validation([{ path: 'entitlement', message: '请选择批准或不予批准，审批结果将记入儿童的待遇记录' }]);
  if (d.decision === 'granted' && !d.fromDate) throw errors.validation([{ path: 'entitlement.fromDate', message: '请填写享受起始日期' }]);
  if (d.decision === 'refused' && !d.reason) throw errors.validation([{ path: 'entitlement.reason', message: '请填写不予批准的原因' }]);
  const e = await entitlementOf(tx, r);
  if (!e) throw errors.conflict('未找到该转介对应的待遇记录，请联系发起单位重新提交');
  const after = await transitionEntitlement(
    tx,
    ctx,
    await packOf(tx),
    e.id,
    { to: d.decision, version: e.version, fromDate: d.fromDate ?? null, amountFen: d.amountFen ?? null, reason: d.reason ?? null, note: b.outcome ?? null },
    { now, fromReferral: r.id },
  );
  if (after.status === 'submitted') {
    // The entitlement's own notice reaches only deciders with an area scope: the unit's other
    // handlers hear of the review through the referral they open it by.
    const skip = await entitlementsRepo.preparersOf(tx, e.id);
    skip.add(ctx.actor.userId);
    await notify(
      tx,
      (await referralsRepo.usersOfUnitWith(tx, r.to_unit, 'entitlements.write')).filter((u) => !skip.has(u)),
      {
        kind: 'referral.approval',
        title: `待复核：${r.kind_name}`,
        body: `${r.street_name}${r.committee_name} ${maskName(r.child_name) ?? '*'}，${ctx.actor.displayName}已初审同意，请另一位工作人员在转介中复核批准。`,
        entity: 'referral',
        entityId: r.id,
        streetCode: r.street_code,
      },
    );
    return { note: `初审同意，拟自 ${d.fromDate ?? ''} 起享受；还需另一位工作人员复核批准`, pending: true };
  }
  return { note: d.decision === 'granted' ? `待遇记录：已批准，自 ${d.fromDate ?? ''} 起享受` : `待遇记录：不予批准（${d.reason ?? ''}）` };
}

registerReferralHandler('entitlement', { complete: completeEntitlement, send: sendEntitlementReferral });
