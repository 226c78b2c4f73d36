/**
 * 协同: the platform's existing flows as referrals, keeping their own notices.
 *
 * - Benefits (a submitted entitlement, a benefit referral sent directly) are eligibility's:
 *   eligibility/referralWork.ts, which uses `send` and `completeReferralsOf` from here.
 * - The 控辍保学 alert sends one referral to each of education, police and civil affairs.
 * - A problem escalated to a department sends it a referral; resolving either resolves the other.
 *
 * These flows address units by their own rules (a policy's unit, the alert's list), not by the
 * service directory. The referral's notice goes to the receiving unit's handlers who were not
 * already told by the flow's own notice.
 */
import { maskName } from '#common/mask.js';
import { REFERRAL_OPEN } from '#common/referrals.js';
import type { SignedInCtx, Tx } from '../../core/context.js';
import { notify } from '../notifications/notify.js';
import { byOf, send, sendMany, type SendInput } from './commands.js';
import * as repo from './repo.js';

export type SourceKind = 'entitlement' | 'problem' | 'dropout';

/** The open referrals that carry a record. */
export async function openReferralsOf(tx: Tx, source: { kind: SourceKind; id: string }): Promise<{ id: string; to_unit: string }[]> {
  return repo.referralsOfSource(tx, source.kind, source.id, [...REFERRAL_OPEN]);
}

/** The units of `codes` that exist and are active (the ones a flow can send a referral to). */
async function activeUnits(tx: Tx, codes: string[]): Promise<string[]> {
  const active = await repo.activeUnitCodes(tx, codes);
  return codes.filter((c) => active.includes(c));
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
  return (await referDropoutMany(tx, ctx, [{ child, stage, alreadyTold }], units, now))[0] ?? [];
}

/**
 * referDropout for several children at once (distinct ones, as an import's): their referrals are
 * sent together (referrals/commands.ts sendMany), in a constant number of statements. The ids sent
 * for each child, in order.
 */
export async function referDropoutMany(
  tx: Tx,
  ctx: SignedInCtx,
  alerts: { child: { id: string; age: number }; stage: string; alreadyTold: string[] }[],
  units: string[],
  now: number,
): Promise<string[][]> {
  if (!alerts.length || !units.length) return alerts.map(() => []);
  const open = await repo.unitsWithReferralOf(
    tx,
    alerts.map((a) => a.child.id),
    'dropout',
    [...REFERRAL_OPEN],
  );
  const inputs = alerts.map(({ child, stage, alreadyTold }) =>
    units
      .filter((unit) => !open.some((o) => o.child_id === child.id && o.to_unit === unit))
      .map((unit): SendInput => ({
        childId: child.id,
        kind: 'dropout',
        toUnit: unit,
        reason: `控辍保学：义务教育阶段儿童（${child.age}周岁）就学状态登记为「${stage}」，请核实并落实复学。`,
        urgency: 'urgent',
        source: { kind: 'dropout', id: null },
        skipDirectory: true,
        alreadyTold,
      })),
  );
  const ids = await sendMany(tx, ctx, inputs.flat(), now);
  let next = 0;
  return inputs.map((forChild) => forChild.map(() => ids[next++] ?? ''));
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
