/**
 * 协同 for casework: 办结 of an escalated problem's referral resolves the problem (its events,
 * audit and notices as on the problem's page); 办结 of a referral completed by help given (clinic,
 * rehabilitation, employment, service) records it as assistance on the file, given by the
 * receiving unit. Registered with the referrals module.
 */
import { shanghaiDate } from '#common/dates.js';
import type { ReferralStepBody } from '#common/referrals.js';
import { ASSISTANCE_KIND_ZH } from '#common/values.js';
import type { SignedInCtx, Tx } from '../../core/context.js';
import { errors } from '../../core/errors.js';
import { registerReferralHandler, type CompletionEffect } from '../referrals/completion.js';
import type { ReferralRow } from '../referrals/repo.js';
import { changeStatus } from './commands/problems.js';
import { problemRow } from './queries.js';
import { insertAssistance } from './repo/assistance.js';

async function completeProblem(tx: Tx, ctx: SignedInCtx, r: ReferralRow, b: ReferralStepBody, now: number): Promise<CompletionEffect> {
  if (r.source_kind !== 'problem' || !r.source_id) throw errors.conflict('该转介没有对应的问题记录，请按其他方式办结');
  const p = await problemRow(tx, r.source_id, true);
  if (p.status === 'resolved') return { note: '问题此前已标记为已解决' };
  await changeStatus(
    tx,
    ctx,
    p.id,
    { to: 'resolved', version: p.version, resolution: b.outcome ?? '', resolvedOn: shanghaiDate(now), note: b.note ?? null },
    now,
    { fromReferral: r.id },
  );
  return { note: '问题已标记为已解决' };
}

async function completeAssistance(tx: Tx, ctx: SignedInCtx, r: ReferralRow, b: ReferralStepBody): Promise<CompletionEffect> {
  const a = b.assistance;
  if (!a) throw errors.validation([{ path: 'assistance', message: '请填写提供的帮扶（类型、内容、日期），它将记入儿童档案' }]);
  const id = await insertAssistance(tx, {
    childId: r.child_id,
    kind: a.kind,
    providerUnit: ctx.actor.unitCode,
    providerName: ctx.actor.unitName,
    valueFen: a.valueFen ?? null,
    description: a.description,
    givenOn: a.givenOn,
    problemId: null,
    createdBy: ctx.actor.userId,
  });
  await tx.audit({
    action: 'assistance.create',
    entity: 'assistance',
    entityId: id,
    summary: { childId: r.child_id, referralId: r.id, kind: a.kind },
  });
  return { note: `已记入儿童档案的帮扶记录：${ASSISTANCE_KIND_ZH[a.kind]}，${a.givenOn}` };
}

registerReferralHandler('problem', { complete: completeProblem });
registerReferralHandler('assistance', { complete: (tx, ctx, r, b) => completeAssistance(tx, ctx, r, b) });
