/**
 * What completing a referral writes to the child's file, by the kind's completion:
 * - response (暖杨通道): the outcome and measures only, on the referral;
 * - assistance (clinic, rehabilitation, employment, service): an assistance record on the file,
 *   given by the receiving unit;
 * - entitlement (benefit, fee_waiver): the entitlement the referral carries is granted or refused
 *   through the entitlement workflow (separation of duties, review rule, events, audit, notices);
 *   a grant that needs a second approver records the approval and leaves the referral open;
 * - school (dropout): the child's school fields, with the file's history;
 * - problem (escalated problem): the problem it carries is resolved with the outcome.
 * Returns a line for the referral's timeline, and `pending` when the referral stays open.
 */
import { shanghaiDate } from '#common/dates.js';
import { maskName } from '#common/mask.js';
import { ASSISTANCE_KIND_ZH, SCHOOL_STAGES, type SchoolStage } from '#common/values.js';
import type { ReferralStepBody } from '#common/referrals.js';
import type { SignedInCtx, Tx } from '../../core/context.js';
import { errors } from '../../core/errors.js';
import { notify } from '../notifications/notify.js';
import { changeStatus } from '../casework/commands/problems.js';
import { problemRow } from '../casework/queries.js';
import { changesBetween, recordHistory } from '../children/history.js';
import { updateChildColumns } from '../children/repo.js';
import { transitionEntitlement } from '../eligibility/commands/entitlements.js';
import * as entitlementsRepo from '../eligibility/repo/entitlements.js';
import { packOf } from './flows.js';
import * as repo from './repo.js';
import type { KindRow, ReferralRow } from './repo.js';

export interface CompletionEffect {
  note: string | null;
  /** The referral stays open (a first approval of a grant that needs a second approver). */
  pending?: boolean;
}

export async function applyCompletion(tx: Tx, ctx: SignedInCtx, r: ReferralRow, kind: KindRow, b: ReferralStepBody, now: number): Promise<CompletionEffect> {
  switch (kind.completion) {
    case 'response':
      return { note: null };
    case 'assistance': {
      const a = b.assistance;
      if (!a) throw errors.validation([{ path: 'assistance', message: '请填写提供的帮扶（类型、内容、日期），它将记入儿童档案' }]);
      const { rows } = await tx.client.query<{ id: string }>(
        `insert into assistance (child_id, kind, provider_unit, provider_name, value_fen, description, given_on, created_by)
         values ($1, $2, $3, $4, $5, $6, $7, $8) returning id`,
        [r.child_id, a.kind, ctx.actor.unitCode, ctx.actor.unitName, a.valueFen ?? null, a.description, a.givenOn, ctx.actor.userId],
      );
      await tx.audit({
        action: 'assistance.create',
        entity: 'assistance',
        entityId: rows[0]?.id ?? null,
        summary: { childId: r.child_id, referralId: r.id, kind: a.kind },
      });
      return { note: `已记入儿童档案的帮扶记录：${ASSISTANCE_KIND_ZH[a.kind]}，${a.givenOn}` };
    }
    case 'entitlement':
      return completeEntitlement(tx, ctx, r, b, now);
    case 'school':
      return completeSchool(tx, r, b);
    case 'problem':
      return completeProblem(tx, ctx, r, b, now);
  }
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
      (await repo.usersOfUnitWith(tx, r.to_unit, 'entitlements.write')).filter((u) => !skip.has(u)),
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

const isStage = (s: string): s is SchoolStage => SCHOOL_STAGES.some((x) => x === s);

async function completeSchool(tx: Tx, r: ReferralRow, b: ReferralStepBody): Promise<CompletionEffect> {
  const s = b.school;
  if (!s) throw errors.validation([{ path: 'school', message: '请填写就学情况（就学阶段、学校、年级），它将记入儿童档案' }]);
  if (!isStage(s.stage)) throw errors.validation([{ path: 'school.stage', message: `就学阶段只能是：${SCHOOL_STAGES.join('、')}` }]);
  const cur = (
    await tx.client.query<{ school_stage: string | null; school_name: string | null; school_grade: string | null }>(
      'select school_stage, school_name, school_grade from children where id = $1 for update',
      [r.child_id],
    )
  ).rows[0];
  if (!cur) throw errors.notFound('未找到该儿童档案，或不在您的权限范围内');
  const before = { schoolStage: cur.school_stage, schoolName: cur.school_name, schoolGrade: cur.school_grade };
  const after = { schoolStage: s.stage, schoolName: s.schoolName ?? null, schoolGrade: s.grade ?? null };
  const changes = changesBetween(before, after);
  if (changes.length) {
    await updateChildColumns(tx, r.child_id, [
      { col: 'school_stage', value: after.schoolStage },
      { col: 'school_name', value: after.schoolName },
      { col: 'school_grade', value: after.schoolGrade },
    ]);
    await recordHistory(tx, r.child_id, 'update', changes);
    await tx.audit({ action: 'child.update', entity: 'child', entityId: r.child_id, summary: { fields: changes.map((c) => c.field), referralId: r.id } });
  }
  const where = [s.stage, s.schoolName, s.grade].filter(Boolean).join(' ');
  return { note: changes.length ? `已记入儿童档案的就学情况：${where}` : `儿童档案的就学情况未变：${where}` };
}

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
