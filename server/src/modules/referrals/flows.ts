/**
 * 协同: the platform's existing flows as referrals, keeping their own notices.
 *
 * - A benefit submitted (entitlement → 已提交) sends a referral (benefit, or fee_waiver for a
 *   policy of 区教育局) from the submitter's unit to the unit that decides it; the decision, taken
 *   on the referral or on the entitlement page by anyone, completes that referral.
 * - A referral of kind benefit / fee_waiver sent directly (POST /api/referrals) brings the child's
 *   entitlement for its policy to 已提交 (created when there is none), the sender being its
 *   preparer — so separation of duties keeps the sender from deciding it.
 * - The 控辍保学 alert sends one referral to each of education, police and civil affairs.
 * - A problem escalated to a department sends it a referral; resolving either resolves the other.
 *
 * These flows address units by their own rules (a policy's unit, the alert's list), not by the
 * service directory. The referral's notice goes to the receiving unit's handlers who were not
 * already told by the flow's own notice.
 */
import { maskName } from '#common/mask.js';
import { REFERRAL_OPEN, type ReferralCreate } from '#common/referrals.js';
import { withMaintainedValues, type Pack } from '../../../../engine/src/index.js';
import type { SignedInCtx, Tx } from '../../core/context.js';
import { errors } from '../../core/errors.js';
import { transitionEntitlement } from '../eligibility/commands/entitlements.js';
import { BASE_PACK, maintainedValues } from '../eligibility/pack.js';
import { DECIDE_PERMISSION } from '../eligibility/policies.js';
import { decidingUnit } from '../eligibility/queries.js';
import * as entitlementsRepo from '../eligibility/repo/entitlements.js';
import { notify } from '../notifications/notify.js';
import { byOf, send } from './commands.js';
import * as repo from './repo.js';

export type SourceKind = 'entitlement' | 'problem' | 'dropout';

/** The policy pack with this installation's maintained values (for callers without the app's deps). */
export async function packOf(tx: Tx): Promise<Pack> {
  return withMaintainedValues(BASE_PACK, await maintainedValues(tx));
}

/** A benefit of 区教育局 is a school-fee waiver; any other a benefit to administer. */
export const benefitKindFor = (policyUnit: string): 'fee_waiver' | 'benefit' => (policyUnit === 'education' ? 'fee_waiver' : 'benefit');

/** The open referrals that carry a record. */
export async function openReferralsOf(tx: Tx, source: { kind: SourceKind; id: string }): Promise<{ id: string; to_unit: string }[]> {
  return (
    await tx.client.query<{ id: string; to_unit: string }>(
      `select id, to_unit from referrals where source_kind = $1 and source_id = $2 and status = any ($3::text[]) order by created_at`,
      [source.kind, source.id, [...REFERRAL_OPEN]],
    )
  ).rows;
}

/** The units of `codes` that exist and are active (the ones a flow can send a referral to). */
async function activeUnits(tx: Tx, codes: string[]): Promise<string[]> {
  const rows = (await tx.client.query<{ code: string }>('select code from units where code = any ($1::text[]) and active', [codes])).rows;
  return codes.filter((c) => rows.some((r) => r.code === c));
}

// ---- benefits ----

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
  const child = await repo.childForSender(tx, b.childId);
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

// ---- completing the referrals of a record decided elsewhere ----

/**
 * The record a referral carries was settled outside the referral (a benefit decided on the
 * entitlement page, a problem resolved on its page): each open referral carrying it (but `except`,
 * the one being completed now) is completed with that outcome, its event, audit row and notices.
 */
export async function completeReferralsOf(
  tx: Tx,
  ctx: SignedInCtx,
  source: { kind: SourceKind; id: string },
  outcome: string,
  result: 'done' | 'partly' | 'not_possible',
  except: string | null = null,
): Promise<string[]> {
  const done: string[] = [];
  for (const open of await openReferralsOf(tx, source)) {
    if (open.id === except) continue;
    const r = await repo.byId(tx, open.id, '1970-01-01', true);
    if (!r) continue;
    await repo.writeStep(tx, r.id, { status: 'completed', receivedAt: true, ended: true, outcome, outcomeResult: result });
    await repo.insertEvent(tx, { referralId: r.id, by: byOf(ctx), kind: 'status', from: r.status, to: 'completed', note: outcome });
    await tx.audit({
      action: 'referral.complete',
      entity: 'referral',
      entityId: r.id,
      summary: { childId: r.child_id, kind: r.kind, status: { from: r.status, to: 'completed' }, source, automatic: true },
    });
    const sender = r.from_user ? [r.from_user] : await repo.usersOfUnitWith(tx, r.from_unit, 'referrals.send');
    const receivers = ctx.actor.unitCode === r.to_unit ? [] : await repo.usersOfUnitWith(tx, r.to_unit, 'referrals.handle');
    await notify(
      tx,
      [...new Set([...sender, ...receivers])].filter((u) => u !== ctx.actor.userId),
      {
        kind: 'referral.completed',
        title: `转介已办结：${r.kind_name}`,
        body: `${r.street_name}${r.committee_name} ${maskName(r.child_name) ?? '*'}，${ctx.actor.unitName}已办理：${outcome}`,
        entity: 'referral',
        entityId: r.id,
        streetCode: r.street_code,
      },
    );
    done.push(r.id);
  }
  return done;
}

// ---- 控辍保学 ----

/** The units the 控辍保学 alert refers the child to. */
export const DROPOUT_UNITS = ['education', 'police', 'civil-affairs'];

/** The units that will receive the alert's referral when `ctx` records the change: active ones, not the caller's own. */
export async function dropoutReceivers(tx: Tx, ctx: SignedInCtx | null): Promise<string[]> {
  if (!ctx) return [];
  return activeUnits(
    tx,
    DROPOUT_UNITS.filter((u) => u !== ctx.actor.unitCode),
  );
}

/** One 控辍保学 referral to each receiver that has none open for this child. */
export async function referDropout(
  tx: Tx,
  ctx: SignedInCtx,
  child: { id: string; age: number },
  stage: string,
  units: string[],
  alreadyTold: string[],
  now: number,
): Promise<string[]> {
  const ids: string[] = [];
  const open = (
    await tx.client.query<{ to_unit: string }>(`select to_unit from referrals where child_id = $1 and kind = 'dropout' and status = any ($2::text[])`, [
      child.id,
      [...REFERRAL_OPEN],
    ])
  ).rows.map((r) => r.to_unit);
  for (const unit of units) {
    if (open.includes(unit)) continue;
    ids.push(
      await send(
        tx,
        ctx,
        {
          childId: child.id,
          kind: 'dropout',
          toUnit: unit,
          reason: `控辍保学：义务教育阶段儿童（${child.age}周岁）就学状态登记为「${stage}」，请核实并落实复学。`,
          urgency: 'urgent',
          source: { kind: 'dropout', id: null },
          skipDirectory: true,
          alreadyTold,
        },
        now,
      ),
    );
  }
  return ids;
}

// ---- escalated problems ----

/** A problem escalated to a department: a referral carrying it. */
export async function referEscalatedProblem(
  tx: Tx,
  ctx: SignedInCtx,
  p: { id: string; child_id: string; due_on: string | null },
  unitCode: string,
  reason: string,
  alreadyTold: string[],
  now: number,
  today: string,
): Promise<{ id: string; told: number } | null> {
  if (unitCode === ctx.actor.unitCode) return null;
  if ((await openReferralsOf(tx, { kind: 'problem', id: p.id })).some((r) => r.to_unit === unitCode)) return null;
  const told = (await repo.usersOfUnitWith(tx, unitCode, 'referrals.handle')).filter((u) => !alreadyTold.includes(u) && u !== ctx.actor.userId).length;
  const id = await send(
    tx,
    ctx,
    {
      childId: p.child_id,
      kind: 'problem',
      toUnit: unitCode,
      reason,
      dueOn: p.due_on && p.due_on >= today ? p.due_on : null,
      source: { kind: 'problem', id: p.id },
      skipDirectory: true,
      alreadyTold,
    },
    now,
  );
  return { id, told };
}
