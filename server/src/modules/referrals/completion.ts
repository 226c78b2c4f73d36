/**
 * What completing a referral writes to the child's file, by the kind's completion:
 * - response (暖杨通道): the outcome and measures only, on the referral (here);
 * - entitlement (benefit, fee_waiver): eligibility/referralWork.ts — the entitlement is decided
 *   through its workflow (separation of duties, review rule, events, audit, notices); a grant that
 *   needs a second approver records the approval and leaves the referral open;
 * - school (dropout): children/referralWork.ts — the child's school fields with the file's history;
 * - problem, assistance: casework/referralWork.ts — the problem is resolved; an assistance record.
 *
 * The modules that own those records register their handler here (as supervision's indicators
 * are registered): they import this module, this module never imports them, so the import graph
 * keeps one direction (server/src/core/moduleGraph.unit.test.ts).
 */
import type { ReferralCompletion, ReferralCreate, ReferralStepBody } from '#common/referrals.js';
import type { SignedInCtx, Tx } from '../../core/context.js';
import type { KindRow, ReferralRow } from './repo.js';

export interface CompletionEffect {
  note: string | null;
  /** The referral stays open (a first approval of a grant that needs a second approver). */
  pending?: boolean;
}

export interface ReferralHandler {
  /** 办结: writes the effect on the child's file; a line for the referral's timeline. */
  complete: (tx: Tx, ctx: SignedInCtx, r: ReferralRow, b: ReferralStepBody, now: number) => Promise<CompletionEffect>;
  /** A referral of this completion sent directly (POST /api/referrals): prepares its record and sends it; the referral's id. */
  send?: (tx: Tx, ctx: SignedInCtx, b: ReferralCreate, now: number) => Promise<string>;
  /** 退回 or 撤回 of a referral that carries a record (source_kind): the record hears of it (the ladder's step goes back to 待实施). */
  ended?: (tx: Tx, ctx: SignedInCtx, r: ReferralRow, step: 'decline' | 'withdraw', reason: string, now: number) => Promise<void>;
}

const handlers = new Map<ReferralCompletion, ReferralHandler>();

export function registerReferralHandler(completion: ReferralCompletion, handler: ReferralHandler): void {
  handlers.set(completion, handler);
}

export function senderFor(completion: ReferralCompletion): ReferralHandler['send'] {
  return handlers.get(completion)?.send;
}

export async function applyCompletion(tx: Tx, ctx: SignedInCtx, r: ReferralRow, kind: KindRow, b: ReferralStepBody, now: number): Promise<CompletionEffect> {
  if (kind.completion === 'response') return { note: null };
  const handler = handlers.get(kind.completion);
  // A handler missing means its module was not loaded: a programming error, not the user's.
  if (!handler) throw new Error(`no referral handler registered for completion '${kind.completion}'`);
  return handler.complete(tx, ctx, r, b, now);
}

/** 退回 / 撤回: the handler of the kind's completion hears of it (when it asks to). */
export async function applyEnded(
  tx: Tx,
  ctx: SignedInCtx,
  r: ReferralRow,
  kind: { completion: ReferralCompletion } | null,
  step: 'decline' | 'withdraw',
  reason: string,
  now: number,
): Promise<void> {
  const ended = kind ? handlers.get(kind.completion)?.ended : undefined;
  if (ended) await ended(tx, ctx, r, step, reason, now);
}
