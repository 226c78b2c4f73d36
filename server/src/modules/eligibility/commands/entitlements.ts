/**
 * The entitlement workflow's commands: one step (suggested → verified → submitted → granted /
 * refused → ended) with the separation-of-duties rule (policies.ts), the write, the step's event,
 * the audit row and the notification of the next person; and a unit's review rule.
 */
import { ENTITLEMENT_NEXT, ENTITLEMENT_STATUS_ZH, type Entitlement, type EntitlementStatus, type EntitlementTransition } from '#common/eligibility.js';
import { maskName } from '#common/mask.js';
import type { Pack } from '../../../../../engine/src/index.js';
import type { AppDeps } from '../../../core/deps.js';
import { auditAlone, inScope, type SignedInCtx, type Tx } from '../../../core/context.js';
import { errors } from '../../../core/errors.js';
import { linkStepAttachments } from '../../files/commands/attachments.js';
import { notify, recipientsWhoCan } from '../../notifications/notify.js';
import { completeReferralsOf } from '../../referrals/flows.js';
import { referSubmittedEntitlement } from '../referralFlows.js';
import { packFor } from '../pack.js';
import { DECIDE_PERMISSION, DutyRefusal, mayDecide, stepActorsOf } from '../policies.js';
import { approvalsRequired, decidingUnit, FALLBACK_UNIT, presentOne, reviewRules } from '../queries.js';
import * as entitlementsRepo from '../repo/entitlements.js';
import * as profilesRepo from '../repo/profiles.js';

/** How a step is taken: the server clock, and the referral it comes from (协同). */
export interface TransitionOpts {
  now?: number;
  /** The referral whose completion decides it (not completed a second time here). */
  fromReferral?: string;
  /** A submission by a referral sent directly: that referral carries it (no second one). */
  skipReferral?: boolean;
}

/**
 * One step of the workflow. A grant that needs a second approver and has none yet is recorded as
 * an approval (status stays 已提交); the second, distinct approver grants. Every step is an event
 * with who did it (name and unit at the time) and an audit row. A submission refers the benefit
 * to the unit that decides it; a decision completes the referral carrying it (referrals/flows.ts).
 * Returns the entitlement as shown.
 */
export async function transitionEntitlement(
  tx: Tx,
  ctx: SignedInCtx,
  pack: Pack,
  id: string,
  b: EntitlementTransition,
  opts: TransitionOpts = {},
): Promise<Entitlement> {
  const now = opts.now ?? Date.now();
  const actor = ctx.actor;
  const e = await entitlementsRepo.entitlementForUpdate(tx, id);
  if (!e) throw errors.notFound('未找到该待遇记录，或不在您的辖区内');
  if (e.version !== b.version) throw errors.staleVersion();
  if (!ENTITLEMENT_NEXT[e.status].includes(b.to)) {
    throw errors.conflict(`待遇当前为「${ENTITLEMENT_STATUS_ZH[e.status]}」，不能改为「${ENTITLEMENT_STATUS_ZH[b.to]}」`, [
      { path: 'to', message: `可选的下一步：${ENTITLEMENT_NEXT[e.status].map((s) => ENTITLEMENT_STATUS_ZH[s]).join('、') || '无'}` },
    ]);
  }
  const attachmentIds = b.attachmentIds ?? [];
  if (attachmentIds.length && b.to !== 'verified') throw errors.validation([{ path: 'attachmentIds', message: '只有核实这一步可以附上材料' }]);

  const policy = pack.byId.get(e.policy_id);
  let required = 1;
  let approval = false;
  if (b.to === 'granted' || b.to === 'refused') {
    const decider = await decidingUnit(tx, policy?.unit ?? FALLBACK_UNIT);
    required = await approvalsRequired(tx, decider.code, e.policy_id);
    const steps = stepActorsOf(await entitlementsRepo.stepsOf(tx, e.id));
    const may = mayDecide(actor, decider, steps, b.to, required);
    if (!may.ok) throw may.error;
    approval = b.to === 'granted' && steps.approvers.size + 1 < required;
  }

  let fromDate = e.from_date;
  let amount = e.amount_fen === null ? null : Number(e.amount_fen);
  let reason = e.reason;
  if (b.to === 'granted') {
    if (!b.fromDate) throw errors.validation([{ path: 'fromDate', message: '请填写享受起始日期' }]);
    fromDate = b.fromDate;
    if (b.amountFen !== undefined && b.amountFen !== null) amount = b.amountFen;
  }
  if (b.to === 'refused') {
    if (!b.reason) throw errors.validation([{ path: 'reason', message: '请填写未获批的原因' }]);
    reason = b.reason;
  }
  const note = b.note ?? null;
  const status = approval ? e.status : b.to;
  await entitlementsRepo.updateEntitlement(tx, e.id, { status, fromDate, amountFen: amount, reason, note });
  const eventNote = approval
    ? [`初审同意（还需另一位工作人员复核批准），拟自 ${fromDate} 起享受`, note].filter(Boolean).join('\n')
    : b.to === 'refused'
      ? note
        ? `${reason}\n${note}`
        : reason
      : note;
  const eventId = await entitlementsRepo.insertEvent(tx, {
    entitlementId: e.id,
    childId: e.child_id,
    by: { userId: actor.userId, username: actor.username, displayName: actor.displayName, unitCode: actor.unitCode },
    from: e.status,
    to: status,
    note: eventNote,
    kind: approval ? 'approval' : 'status',
  });
  const linked = await linkStepAttachments(tx, e.id, eventId, attachmentIds);
  await tx.audit({
    action: approval ? 'entitlement.approve' : 'entitlement.status',
    entity: 'entitlement',
    entityId: e.id,
    summary: {
      childId: e.child_id,
      policy: e.policy_id,
      status: { from: e.status, to: status },
      fromDate,
      amountFen: amount,
      ...(b.to === 'granted' ? { approvalsRequired: required } : {}),
      ...(linked.length ? { attachmentIds: linked } : {}),
    },
  });
  if (!approval) {
    const told = await notifyNextActor(tx, pack, e, b.to, reason);
    if (b.to === 'submitted' && !opts.skipReferral) await referSubmittedEntitlement(tx, ctx, pack, e, note, told, now);
    if (b.to === 'granted' || b.to === 'refused') {
      const outcome = b.to === 'granted' ? `已批准，自 ${fromDate ?? ''} 起享受` : `不予批准：${reason ?? ''}`;
      await completeReferralsOf(tx, ctx, { kind: 'entitlement', id: e.id }, outcome, b.to === 'granted' ? 'done' : 'not_possible', opts.fromReferral ?? null);
    }
  } else await notifySecondReviewer(tx, ctx, pack, e);
  const after = await entitlementsRepo.entitlementById(tx, e.id);
  if (!after) throw new Error('entitlement gone after its step');
  return presentOne(tx, pack, after);
}

/**
 * The step in its own transaction. A refused decision (separation of duties) is a sensitive
 * attempt: audited on its own, since the step's transaction rolled back.
 */
export async function transition(deps: AppDeps, ctx: SignedInCtx, id: string, b: EntitlementTransition): Promise<Entitlement> {
  try {
    return await inScope(deps.db, ctx, async (tx) => transitionEntitlement(tx, ctx, (await packFor(deps, tx)).pack, id, b, { now: deps.clock() }));
  } catch (err) {
    if (err instanceof DutyRefusal) {
      await auditAlone(deps.db, ctx, {
        action: 'entitlement.status',
        outcome: 'denied',
        entity: 'entitlement',
        entityId: id,
        summary: { to: b.to, rule: err.rule },
      });
    }
    throw err;
  }
}

/**
 * The next person in the workflow hears of it, and only people who can open the entitlement: a
 * submitted benefit goes to the deciding unit's staff who may decide it (entitlements.write and a
 * scope reaching the child; never the verifier or submitter); a decision goes back to the child's
 * street office (eligibility.read over the child: the supervisor, the committee's child director).
 * The notice links to the entitlement itself.
 */
async function notifyNextActor(tx: Tx, pack: Pack, e: entitlementsRepo.EntRow, to: EntitlementStatus, reason: string | null): Promise<string[]> {
  if (to !== 'submitted' && to !== 'granted' && to !== 'refused') return [];
  const policy = pack.byId.get(e.policy_id);
  const child = await profilesRepo.childArea(tx, e.child_id);
  if (!policy || !child) return [];
  const area = { childId: e.child_id, streetCode: child.street_code, committeeId: child.committee_id };
  const who = `${child.street_name}${child.committee_name} ${maskName(child.name)}`;
  if (to === 'submitted') {
    const decider = await decidingUnit(tx, policy.unit);
    const preparers = await entitlementsRepo.preparersOf(tx, e.id);
    const users = (await recipientsWhoCan(tx, { units: [decider.code], permission: DECIDE_PERMISSION, area })).filter((u) => !preparers.has(u));
    await notify(tx, users, {
      kind: 'entitlement.submitted',
      title: `待审批：${policy.name.zh}`,
      body: `${who}，已由街道核实并提交，请在待遇记录中审批${decider.onBehalfOf ? `（代${decider.onBehalfOf}办理）` : ''}。`,
      entity: 'entitlement',
      entityId: e.id,
      streetCode: child.street_code,
    });
    return users;
  }
  const users = await recipientsWhoCan(tx, { streetOffices: [child.street_code], permission: 'eligibility.read', area });
  await notify(tx, users, {
    kind: `entitlement.${to}`,
    title: to === 'granted' ? `已批准：${policy.name.zh}` : `未获批：${policy.name.zh}`,
    body: to === 'refused' ? `${who}：${reason ?? ''}` : `${who}，请在待遇记录中查看。`,
    entity: 'entitlement',
    entityId: e.id,
    streetCode: child.street_code,
  });
  return users;
}

/** A first approval asks the deciding unit's other staff (not the preparers, not the approver) to review. */
async function notifySecondReviewer(tx: Tx, ctx: SignedInCtx, pack: Pack, e: entitlementsRepo.EntRow): Promise<void> {
  const policy = pack.byId.get(e.policy_id);
  const child = await profilesRepo.childArea(tx, e.child_id);
  if (!policy || !child) return;
  const decider = await decidingUnit(tx, policy.unit);
  const skip = await entitlementsRepo.preparersOf(tx, e.id);
  skip.add(ctx.actor.userId);
  const users = (
    await recipientsWhoCan(tx, {
      units: [decider.code],
      permission: DECIDE_PERMISSION,
      area: { childId: e.child_id, streetCode: child.street_code, committeeId: child.committee_id },
    })
  ).filter((u) => !skip.has(u));
  await notify(tx, users, {
    kind: 'entitlement.approval',
    title: `待复核：${policy.name.zh}`,
    body: `${child.street_name}${child.committee_name} ${maskName(child.name)}，已初审同意，请另一位工作人员复核批准。`,
    entity: 'entitlement',
    entityId: e.id,
    streetCode: child.street_code,
  });
}

/** 设置本单位审批待遇所需的审批人数 (1 or 2; per policy, * for all the unit's policies). */
export async function setReviewRule(tx: Tx, ctx: SignedInCtx, deps: AppDeps, b: { policy: string; approvals: number }) {
  const { pack } = await packFor(deps, tx);
  if (b.policy !== '*' && !pack.byId.has(b.policy)) throw errors.validation([{ path: 'policy', message: '政策不存在' }]);
  await entitlementsRepo.upsertReviewRule(tx, ctx.actor.unitCode, b.policy, b.approvals, ctx.actor.userId);
  await tx.audit({
    action: 'entitlement.review-rule',
    entity: 'unit',
    entityId: null,
    summary: { unit: ctx.actor.unitCode, policy: b.policy, approvals: b.approvals },
  });
  return reviewRules(tx, deps);
}
