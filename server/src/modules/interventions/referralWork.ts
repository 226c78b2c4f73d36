/**
 * 协同 for the ladder: the referrals (训诫, 家庭教育指导令, 撤销监护资格/支持起诉) that carry a step to
 * the unit that takes it. Registered with the referrals module (completion 'intervention'), which
 * never imports this module.
 *
 * - 办结 by the receiving unit records on the step who took it, the day and the result: 已履行 or
 *   无效; "已作出" (issued) leaves a guidance order or a petition 实施中 (the sessions, the court's
 *   decision follow) and completes a 训诫; a guidance order issued needs its number of sessions.
 * - 退回 or 撤回 puts the step back to 待实施 with the reason; the street sends it again (another
 *   unit) or cancels it.
 * - POST /api/referrals of one of these kinds creates the step (a `send` handler): the sender needs
 *   guardianship.write; 撤销监护资格/支持起诉 sent directly is recorded as 申请撤销监护资格.
 */
import { shanghaiDate } from '#common/dates.js';
import { INTERVENTION_KIND_DEFS, INTERVENTION_RESULT_ZH, type InterventionKind, type InterventionStatus } from '#common/interventions.js';
import type { ReferralCreate, ReferralStepBody } from '#common/referrals.js';
import type { SignedInCtx, Tx } from '../../core/context.js';
import { errors } from '../../core/errors.js';
import { registerReferralHandler, type CompletionEffect } from '../referrals/completion.js';
import type { ReferralRow } from '../referrals/repo.js';
import { create } from './commands.js';
import * as repo from './repo.js';

const KIND_OF_REFERRAL: Record<string, InterventionKind> = {
  reprimand: 'reprimand',
  guidance_order: 'guidance_order',
  guardianship_petition: 'revocation_petition',
};

async function complete(tx: Tx, ctx: SignedInCtx, r: ReferralRow, b: ReferralStepBody, now: number): Promise<CompletionEffect> {
  const o = b.intervention;
  if (!o) throw errors.validation([{ path: 'intervention', message: '请填写实施结果、实施人和日期，将记入儿童的干预措施记录' }]);
  const today = shanghaiDate(now);
  if (o.decidedOn > today) throw errors.validation([{ path: 'intervention.decidedOn', message: '实施日期不能晚于今天' }]);
  const s = await repo.stepOfReferral(tx, r.id, today);
  if (!s) throw errors.conflict('未找到该转介对应的干预措施，请联系发起单位');
  if (s.status !== 'planned' && s.status !== 'in_progress') throw errors.conflict('该干预措施已结束，不能再记录结果');
  const sessions = o.sessionsRequired ?? s.sessions_required;
  if (s.kind === 'guidance_order' && o.result === 'issued' && !sessions) {
    throw errors.validation([{ path: 'intervention.sessionsRequired', message: '家庭教育指导令须写明监护人应参加的指导次数' }]);
  }
  if (s.kind !== 'guidance_order' && o.sessionsRequired) {
    throw errors.validation([{ path: 'intervention.sessionsRequired', message: '只有家庭教育指导令需要填写指导次数' }]);
  }
  const status: InterventionStatus = o.result === 'issued' ? (s.kind === 'reprimand' ? 'complied' : 'in_progress') : o.result;
  await repo.writeStep(tx, s.id, {
    status,
    unitCode: r.to_unit,
    personName: o.personName,
    decidedOn: o.decidedOn,
    outcomeNote: b.outcome ?? null,
    sessionsRequired: s.kind === 'guidance_order' ? sessions : s.sessions_required,
  });
  await tx.audit({
    action: 'guardianship.intervention.outcome',
    entity: 'guardianship_intervention',
    entityId: s.id,
    summary: { childId: s.child_id, kind: s.kind, status: { from: s.status, to: status }, referralId: r.id },
  });
  const name = INTERVENTION_KIND_DEFS[s.kind].zh;
  const need = s.kind === 'guidance_order' && sessions ? `，应参加指导 ${sessions} 次` : '';
  return { note: `干预措施「${name}」：${INTERVENTION_RESULT_ZH[o.result]}（${o.personName}，${o.decidedOn}${need}）` };
}

async function ended(tx: Tx, _ctx: SignedInCtx, r: ReferralRow, step: 'decline' | 'withdraw', reason: string, now: number): Promise<void> {
  const s = await repo.stepOfReferral(tx, r.id, shanghaiDate(now));
  if (!s || (s.status !== 'planned' && s.status !== 'in_progress')) return;
  const note = step === 'decline' ? `${r.to_unit_name}退回转介：${reason}` : `转介已撤回：${reason}`;
  await repo.writeStep(tx, s.id, { status: 'planned', outcomeNote: note });
  await tx.audit({
    action: `guardianship.intervention.referral-${step === 'decline' ? 'declined' : 'withdrawn'}`,
    entity: 'guardianship_intervention',
    entityId: s.id,
    summary: { childId: s.child_id, kind: s.kind, referralId: r.id },
  });
}

async function sendDirect(tx: Tx, ctx: SignedInCtx, b: ReferralCreate, now: number): Promise<string> {
  const kind = KIND_OF_REFERRAL[b.kind];
  if (!kind) throw errors.validation([{ path: 'kind', message: '转介类型不是干预措施' }]);
  if (!ctx.actor.permissions.has('guardianship.write')) {
    throw errors.forbidden('训诫、家庭教育指导令、撤销监护资格等干预措施须由可以记录监护事项的工作人员（如街道儿童督导员）在儿童档案的「监护」页发起');
  }
  const saved = await create(
    tx,
    ctx,
    b.childId,
    { kind, toUnit: b.toUnit, reason: b.reason, dueOn: b.dueOn ?? null, personName: null, decidedOn: null, sessionsRequired: null, previousId: null },
    now,
    { skipDirectory: true },
  );
  if (!saved.referralId) throw errors.validation([{ path: 'toUnit', message: '不能转介给本单位' }]);
  return saved.referralId;
}

registerReferralHandler('intervention', { complete, ended, send: sendDirect });
