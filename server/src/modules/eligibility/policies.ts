/**
 * Record-level rules of 免申即享 and the flags the interface shows from the same functions.
 *
 * Separation of duties (issue 9): verifying and submitting are casework of the child's street —
 * the same street worker may do both. Granting and refusing are decisions of the unit that
 * administers the benefit (the policy's `unit`), never of whoever verified or submitted it, and a
 * unit may require a second, distinct approver (entitlement_review_rules). A department decides
 * through the benefit referral a submission sends it (协同: its staff with entitlements.write and
 * referrals.handle open the child's benefits through the referral); a unit with nobody who can
 * (neither a district scope nor referrals.handle) has its benefits decided by 区民政局 on its
 * behalf, so no decision waits on someone who cannot see it.
 *
 * Restricted health facts: results of a policy reading HIV status are shown only to users with
 * children.health.
 */
import { ENTITLEMENT_NEXT, type EntitlementStatus } from '#common/eligibility.js';
import type { Pack } from '../../../../engine/src/index.js';
import type { Actor, RequestCtx } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import { restrictedPolicies } from './pack.js';

export const DECIDE_PERMISSION = 'entitlements.write';
/** The permission that reads restricted health facts (as the children module names it). */
export const HEALTH_PERMISSION = 'children.health';

/** A refusal of separation of duties: 403 with the reason, audited on its own (the request's transaction rolls back). */
export class DutyRefusal extends AppError {
  constructor(
    message: string,
    readonly rule: string,
  ) {
    super(403, 'FORBIDDEN', message);
  }
}

export type Verdict = { ok: true } | { ok: false; error: DutyRefusal };

/** The unit that decides a policy's benefits (`onBehalfOf`: the administering unit it decides for). */
export interface Decider {
  code: string;
  name: string;
  onBehalfOf: string | null;
}

/** Who verified or submitted it, and who has approved it since its (latest) submission. */
export interface StepActors {
  preparers: Set<string>;
  approvers: Set<string>;
}
export function stepActorsOf(events: readonly { user_id: string | null; to_status: string; kind: string }[]): StepActors {
  const preparers = new Set<string>();
  let approvers = new Set<string>();
  for (const e of events) {
    if (!e.user_id) continue;
    if (e.kind === 'status' && (e.to_status === 'verified' || e.to_status === 'submitted')) {
      preparers.add(e.user_id);
      if (e.to_status === 'submitted') approvers = new Set();
    }
    if (e.kind === 'approval') approvers.add(e.user_id);
  }
  return { preparers, approvers };
}

/**
 * Whether the actor may take a decision step (granted / refused) on this entitlement. The
 * messages are the ones the API answers with.
 */
export function mayDecide(actor: Actor, decider: Decider, steps: StepActors, to: EntitlementStatus, required: number): Verdict {
  const act = to === 'granted' ? '批准' : '作出未获批决定';
  if (actor.unitCode !== decider.code) {
    const behalf = decider.onBehalfOf ? `（代${decider.onBehalfOf}办理）` : '';
    return {
      ok: false,
      error: new DutyRefusal(
        `该待遇由${decider.name}${behalf}审批，只有${decider.name}的工作人员可以${act}；您所在的${actor.unitName}可以核实和提交`,
        'deciding-unit',
      ),
    };
  }
  if (steps.preparers.has(actor.userId)) {
    return { ok: false, error: new DutyRefusal(`您核实或提交了这项待遇，按职责分离，${act}须由${decider.name}的另一位工作人员办理`, 'preparer') };
  }
  if (to === 'granted' && required > 1 && steps.approvers.has(actor.userId)) {
    return { ok: false, error: new DutyRefusal(`您已初审同意；按${decider.name}的设置，批准须由另一位工作人员复核同意`, 'second-reviewer') };
  }
  return { ok: true };
}

/** The steps the actor may take now (the interface's buttons; the transition applies the same rules). */
export function allowedSteps(actor: Actor | null, status: EntitlementStatus, decider: Decider, steps: StepActors, required: number): EntitlementStatus[] {
  if (!actor?.permissions.has(DECIDE_PERMISSION)) return [];
  return ENTITLEMENT_NEXT[status].filter((to) => (to === 'granted' || to === 'refused' ? mayDecide(actor, decider, steps, to, required).ok : true));
}

/** Whether the caller reads restricted health facts. */
export const mayHandleHealth = (ctx: RequestCtx): boolean => !!ctx.actor?.permissions.has(HEALTH_PERMISSION);

/** The policies the caller may not see results of (none with children.health). */
export function hiddenPolicies(ctx: RequestCtx, pack: Pack): ReadonlySet<string> {
  return mayHandleHealth(ctx) ? new Set() : restrictedPolicies(pack);
}

/** Drops the results the caller may not see. */
export function visibleResults<T extends { policy: string }>(ctx: RequestCtx, pack: Pack, results: T[]): T[] {
  const hidden = hiddenPolicies(ctx, pack);
  return hidden.size ? results.filter((r) => !hidden.has(r.policy)) : results;
}
