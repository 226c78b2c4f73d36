/**
 * Changes to the ladder, each with its audit row: a new step (a step another unit takes is sent to
 * it as a referral in the same transaction: refused by the directory, nothing is written), its
 * outcome, its cancellation (withdrawing its open referral), and sending a declined step again.
 */
import { shanghaiDate } from '#common/dates.js';
import {
  INTERVENTION_KIND_DEFS,
  INTERVENTION_STATUS_ZH,
  type Intervention,
  type InterventionCancel,
  type InterventionCreate,
  type InterventionKind,
  type InterventionOutcome,
  type InterventionResend,
} from '#common/interventions.js';
import { REFERRAL_OPEN } from '#common/referrals.js';
import type { SignedInCtx, Tx } from '../../core/context.js';
import { errors } from '../../core/errors.js';
import { requireWrite } from '../guardianship/policies.js';
import { send, step as referralStep } from '../referrals/commands.js';
import { presentStep } from './presenters.js';
import * as repo from './repo.js';

const NOT_FOUND = '未找到该干预措施，或不在您的权限范围内';
const isOpen = (s: { status: string }) => s.status === 'planned' || s.status === 'in_progress';
const referralOpen = (s: repo.StepRow) => REFERRAL_OPEN.some((x) => x === s.referral_status);

export interface Saved {
  step: Intervention;
  /** Allowed but worth saying (a 训诫 with no 劝诫 before it). */
  warning: string | null;
}

/**
 * A skipped rung is allowed (serious harm goes to the police at once) but warned: the ladder
 * normally starts with the committee's 劝诫/制止.
 */
export function warningFor(kind: InterventionKind, existing: { kind: InterventionKind; status: string }[]): string | null {
  const rank = INTERVENTION_KIND_DEFS[kind].rank;
  if (rank === 0) return null;
  const below = existing.filter((s) => s.status !== 'cancelled' && INTERVENTION_KIND_DEFS[s.kind].rank < rank);
  if (below.length) return null;
  return `尚未记录较轻的干预措施（如劝诫/制止）。已按要求记录「${INTERVENTION_KIND_DEFS[kind].zh}」；情况严重时可直接采取，请在事由中写明理由`;
}

export async function create(
  tx: Tx,
  ctx: SignedInCtx,
  childId: string,
  b: InterventionCreate,
  now: number,
  opts: { skipDirectory?: boolean } = {},
): Promise<Saved & { referralId: string | null }> {
  const actor = ctx.actor;
  requireWrite(actor);
  const today = shanghaiDate(now);
  const child = await repo.childInScope(tx, childId);
  if (!child) throw errors.notFound('未找到该儿童档案，或不在您的辖区内');
  const def = INTERVENTION_KIND_DEFS[b.kind];
  const existing = await repo.stepsOfChild(tx, childId, today);
  const same = existing.find((s) => s.kind === b.kind && isOpen(s));
  if (same) throw errors.conflict(`该儿童已有一项${INTERVENTION_STATUS_ZH[same.status]}的「${def.zh}」，请先记录其结果或取消`);
  if (b.previousId && !existing.some((s) => s.id === b.previousId)) {
    throw errors.validation([{ path: 'previousId', message: '前一步措施不属于这名儿童' }]);
  }
  if (b.decidedOn && b.decidedOn > today) throw errors.validation([{ path: 'decidedOn', message: '实施日期不能晚于今天' }]);
  if (b.dueOn && b.dueOn < today) throw errors.validation([{ path: 'dueOn', message: '办理期限不能早于今天' }]);
  if (b.kind !== 'guidance_order' && b.sessionsRequired) {
    throw errors.validation([{ path: 'sessionsRequired', message: '只有家庭教育指导令需要填写指导次数' }]);
  }

  const toUnit = def.referralKind ? b.toUnit?.trim() || null : actor.unitCode;
  if (!toUnit) throw errors.validation([{ path: 'toUnit', message: `请选择实施「${def.zh}」的单位（${def.takenBy}）` }]);
  if (def.referralKind === null && b.toUnit && b.toUnit !== actor.unitCode) {
    throw errors.validation([{ path: 'toUnit', message: '劝诫/制止由本单位（居委会、街道）实施，无需转介' }]);
  }
  const viaReferral = def.referralKind !== null && toUnit !== actor.unitCode;
  const taken = !viaReferral && Boolean(b.decidedOn);
  const latest = existing.filter((s) => s.status !== 'cancelled').at(-1);
  const id = await repo.insertStep(tx, {
    childId,
    kind: b.kind,
    status: taken ? 'in_progress' : 'planned',
    unitCode: toUnit,
    personName: viaReferral ? null : (b.personName ?? null),
    decidedOn: viaReferral ? null : (b.decidedOn ?? null),
    reason: b.reason,
    outcomeNote: null,
    sessionsRequired: b.sessionsRequired ?? null,
    previousId: b.previousId ?? latest?.id ?? null,
    assessmentId: (await repo.latestAssessment(tx, childId))?.id ?? null,
    createdBy: actor.userId,
  });
  let referralId: string | null = null;
  if (viaReferral && def.referralKind) {
    // The directory check of `send` refuses a unit that does not take the kind: the transaction,
    // and with it the step, is rolled back.
    referralId = await send(
      tx,
      ctx,
      {
        childId,
        kind: def.referralKind,
        toUnit,
        reason: `${def.zh}：${b.reason}`,
        dueOn: b.dueOn ?? null,
        source: { kind: 'intervention', id },
        skipDirectory: opts.skipDirectory,
      },
      now,
    );
    await repo.setReferral(tx, id, referralId);
  }
  await tx.audit({
    action: 'guardianship.intervention.create',
    entity: 'guardianship_intervention',
    entityId: id,
    summary: { childId, kind: b.kind, unit: toUnit, referralId },
  });
  const row = await repo.stepById(tx, id, today);
  if (!row) throw new Error('intervention gone after insert');
  return { step: presentStep(row, 'full'), warning: warningFor(b.kind, existing), referralId };
}

async function loadForChange(tx: Tx, ctx: SignedInCtx, id: string, version: number, today: string): Promise<repo.StepRow> {
  requireWrite(ctx.actor);
  const s = await repo.stepById(tx, id, today, true);
  if (!s) throw errors.notFound(NOT_FOUND);
  if (s.version !== version) throw errors.staleVersion('该干预措施已被他人更新，请刷新后查看（您填写的内容仍保留在页面上）');
  if (!isOpen(s)) throw errors.conflict(`该措施已${INTERVENTION_STATUS_ZH[s.status]}，不能再更改`);
  return s;
}

/** The result recorded on the ladder: a 劝诫's, or a guidance order's after its sessions. */
export async function recordOutcome(tx: Tx, ctx: SignedInCtx, id: string, b: InterventionOutcome, now: number): Promise<Saved> {
  const today = shanghaiDate(now);
  const s = await loadForChange(tx, ctx, id, b.version, today);
  const name = INTERVENTION_KIND_DEFS[s.kind].zh;
  if (referralOpen(s)) {
    throw errors.conflict(`该「${name}」已转介给${s.unit_name ?? '接收单位'}办理，结果由接收单位办结时记录`);
  }
  if (s.kind !== 'admonition' && s.referral_id === null && s.unit_code !== ctx.actor.unitCode && s.status === 'planned') {
    throw errors.conflict(`该「${name}」尚未转介给实施单位，请先发送`);
  }
  if (b.decidedOn && b.decidedOn > today) throw errors.validation([{ path: 'decidedOn', message: '实施日期不能晚于今天' }]);
  if (b.sessionsRequired && s.kind !== 'guidance_order') {
    throw errors.validation([{ path: 'sessionsRequired', message: '只有家庭教育指导令需要填写指导次数' }]);
  }
  await repo.writeStep(tx, s.id, {
    status: b.status,
    outcomeNote: b.outcomeNote,
    personName: b.personName ?? s.person_name,
    decidedOn: b.decidedOn ?? s.decided_on ?? today,
    sessionsRequired: b.sessionsRequired ?? s.sessions_required,
  });
  await tx.audit({
    action: 'guardianship.intervention.outcome',
    entity: 'guardianship_intervention',
    entityId: s.id,
    summary: { childId: s.child_id, kind: s.kind, status: { from: s.status, to: b.status } },
  });
  const row = await repo.stepById(tx, s.id, today);
  if (!row) throw new Error('intervention gone after update');
  return { step: presentStep(row, 'full'), warning: null };
}

/** Cancels a step still to run; its open referral is withdrawn with the same reason. */
export async function cancel(tx: Tx, ctx: SignedInCtx, id: string, b: InterventionCancel, now: number): Promise<Saved> {
  const today = shanghaiDate(now);
  const s = await loadForChange(tx, ctx, id, b.version, today);
  if (referralOpen(s) && s.referral_id && s.referral_version !== null) {
    await referralStep(tx, ctx, s.referral_id, { step: 'withdraw', version: s.referral_version, reason: `干预措施取消：${b.reason}` }, now);
  }
  await repo.writeStep(tx, s.id, { status: 'cancelled', outcomeNote: `取消：${b.reason}` });
  await tx.audit({
    action: 'guardianship.intervention.cancel',
    entity: 'guardianship_intervention',
    entityId: s.id,
    summary: { childId: s.child_id, kind: s.kind, referralWithdrawn: referralOpen(s) },
  });
  const row = await repo.stepById(tx, s.id, today);
  if (!row) throw new Error('intervention gone after update');
  return { step: presentStep(row, 'full'), warning: null };
}

/** A step whose referral was declined or withdrawn (back to 待实施): sent again, perhaps to another unit. */
export async function resend(tx: Tx, ctx: SignedInCtx, id: string, b: InterventionResend, now: number): Promise<Saved> {
  const today = shanghaiDate(now);
  const s = await loadForChange(tx, ctx, id, b.version, today);
  const def = INTERVENTION_KIND_DEFS[s.kind];
  if (!def.referralKind) throw errors.conflict('劝诫/制止由本单位实施，无需转介');
  if (s.status !== 'planned' || referralOpen(s)) throw errors.conflict(`该「${def.zh}」的转介仍在办理中，无需重新发送`);
  const referralId = await send(
    tx,
    ctx,
    {
      childId: s.child_id,
      kind: def.referralKind,
      toUnit: b.toUnit,
      reason: `${def.zh}：${s.reason}`,
      dueOn: b.dueOn ?? null,
      source: { kind: 'intervention', id: s.id },
    },
    now,
  );
  await repo.writeStep(tx, s.id, { referralId, unitCode: b.toUnit, outcomeNote: null });
  await tx.audit({
    action: 'guardianship.intervention.resend',
    entity: 'guardianship_intervention',
    entityId: s.id,
    summary: { childId: s.child_id, kind: s.kind, unit: b.toUnit, referralId },
  });
  const row = await repo.stepById(tx, s.id, today);
  if (!row) throw new Error('intervention gone after update');
  return { step: presentStep(row, 'full'), warning: null };
}
