/**
 * The writes of the consent module, each audited in its own transaction: a purpose's lawful basis
 * (consent.manage), a basis recorded on a file (`basis.record`), a guardian's consent
 * (`consent.record`) and its withdrawal (`consent.withdraw`), which is honoured at once: the child's
 * open referrals to social organisations are ended (their case-scoped access stops with them) and
 * the child is taken off every publicity photo; what was done is listed in the answer and the audit.
 * The publicity flag of an activity photo is set only when every child it shows has an active
 * publicity consent.
 */
import {
  ORG_REFERRAL_PURPOSE,
  PUBLICITY_PURPOSE,
  consentRefusals,
  type BasisRecord,
  type ConsentCreate,
  type ConsentWithdraw,
  type PhotoPublicity,
  type PurposeUpdate,
} from '#common/consent.js';
import { shanghaiDate } from '#common/dates.js';
import { maskName } from '#common/mask.js';
import type { SignedInCtx, Tx } from '../../core/context.js';
import { errors } from '../../core/errors.js';
import { writable } from '../activities/commands.js';
import { notify } from '../notifications/notify.js';
import { missingConsent } from './policies.js';
import { consentOut, factsOf, purposeOut } from './presenters.js';
import * as repo from './repo.js';

export async function updatePurpose(tx: Tx, ctx: SignedInCtx, code: string, b: PurposeUpdate) {
  const cur = await repo.purpose(tx, code, true);
  if (!cur) throw errors.notFound('未找到该处理目的');
  if (cur.version !== b.version) throw errors.staleVersion();
  if ((code === ORG_REFERRAL_PURPOSE || code === PUBLICITY_PURPOSE) && b.basis !== 'consent') {
    throw errors.validation([{ path: 'basis', message: '转介至社会组织和宣传使用照片须以监护人同意为基础（个保法第三十一条）' }]);
  }
  if (await repo.nameTaken(tx, code, b.name)) throw errors.validation([{ path: 'name', message: '已有同名的处理目的' }]);
  if (!(await repo.updatePurpose(tx, code, b.version, b, ctx.actor.userId))) throw errors.staleVersion();
  await tx.audit({
    action: 'basis.purpose.update',
    entity: 'processing_purpose',
    entityId: code,
    summary: {
      from: { basis: cur.basis, active: cur.active, defaultOnFile: cur.default_on_file },
      to: { basis: b.basis, active: b.active, defaultOnFile: b.defaultOnFile },
    },
  });
  const r = await repo.purpose(tx, code);
  if (!r) throw errors.notFound();
  return purposeOut(r);
}

export async function recordBasis(tx: Tx, ctx: SignedInCtx, childId: string, b: BasisRecord) {
  const child = await repo.child(tx, childId);
  if (!child) throw errors.notFound('未找到该儿童档案，或不在您的权限范围内');
  const p = await repo.purpose(tx, b.purposeCode);
  if (!p || !p.active) throw errors.validation([{ path: 'purposeCode', message: '处理目的不存在或已停用' }]);
  if (p.consent_required) throw errors.validation([{ path: 'purposeCode', message: '该目的以监护人同意为基础：请记录同意，而不是处理依据' }]);
  const id = await repo.recordBasis(tx, { childId, purposeCode: p.code, basis: p.basis, note: b.note?.trim() || null }, ctx.actor.userId);
  await tx.audit({ action: 'basis.record', entity: 'child', entityId: childId, summary: { basis: id, purpose: p.code, lawfulBasis: p.basis } });
  return { id };
}

export async function recordConsent(tx: Tx, ctx: SignedInCtx, childId: string, b: ConsentCreate, now: number) {
  const today = shanghaiDate(now);
  const child = await repo.child(tx, childId, true);
  if (!child) throw errors.notFound('未找到该儿童档案，或不在您的权限范围内');
  const p = await repo.purpose(tx, b.purposeCode);
  if (!p) throw errors.validation([{ path: 'purposeCode', message: '处理目的不存在' }]);
  const guardian = (await repo.guardians(tx, childId)).find((g) => g.id === b.guardianMemberId);
  const fields = consentRefusals({
    today,
    birthDate: child.birth_date,
    givenOn: b.givenOn,
    validUntil: b.validUntil ?? null,
    childAgreement: b.childAgreement ?? null,
    purposeNeedsConsent: p.consent_required,
    purposeActive: p.active,
  });
  if (!guardian) fields.push({ path: 'guardianMemberId', message: '请选择本档案家庭成员中的监护人' });
  if (fields.length) throw errors.validation(fields, fields.length === 1 && fields[0] ? fields[0].message : undefined);
  if (!guardian) throw errors.notFound();
  const id = await repo.insertConsent(
    tx,
    {
      childId,
      purposeCode: p.code,
      guardianMemberId: guardian.id,
      guardianName: guardian.name,
      guardianRelation: guardian.relation,
      childAgreement: b.childAgreement ?? null,
      givenOn: b.givenOn,
      method: b.method,
      scopeNote: b.scopeNote?.trim() || null,
      evidenceNote: b.evidenceNote?.trim() || null,
      validUntil: b.validUntil ?? null,
    },
    ctx.actor.userId,
  );
  await tx.audit({
    action: 'consent.record',
    entity: 'child',
    entityId: childId,
    summary: { consent: id, purpose: p.code, method: b.method, givenOn: b.givenOn, validUntil: b.validUntil ?? null, childAgreement: b.childAgreement ?? null },
  });
  const r = await repo.consent(tx, id);
  if (!r) throw errors.notFound();
  return consentOut(r, today);
}

export async function withdrawConsent(tx: Tx, ctx: SignedInCtx, childId: string, id: string, b: ConsentWithdraw, now: number) {
  const today = shanghaiDate(now);
  const cur = await repo.consent(tx, id, true);
  if (!cur || cur.child_id !== childId) throw errors.notFound('未找到该同意记录');
  if (cur.withdrawn_on !== null) throw errors.conflict('该同意已撤回');
  if (cur.version !== b.version) throw errors.staleVersion();
  const effects: string[] = [];
  const a = ctx.actor;
  if (cur.purpose_code === ORG_REFERRAL_PURPOSE) {
    for (const r of await repo.openOrgReferrals(tx, childId)) {
      await repo.endReferral(tx, r, `监护人撤回「${cur.purpose_name}」的同意，转介终止：${b.reason}`, a);
      await tx.audit({
        action: 'referral.withdraw',
        entity: 'referral',
        entityId: r.id,
        summary: { childId, toUnit: r.to_unit, status: { from: r.status, to: 'withdrawn' }, cause: 'consent.withdraw', consent: id },
      });
      effects.push(`终止转介 #${r.no}（${r.kind_name}，接收单位：${r.to_unit_name}），该单位即时失去查阅权限`);
      await notify(
        tx,
        (await repo.usersOfUnitWith(tx, r.to_unit, 'referrals.handle')).filter((u) => u !== a.userId),
        {
          kind: 'referral.withdrawn',
          title: `转介已终止：${r.kind_name}`,
          body: `监护人撤回了同意，转介 #${r.no} 已终止，请停止处理该儿童的信息。`,
          entity: 'referral',
          entityId: r.id,
        },
      );
    }
  }
  if (cur.purpose_code === PUBLICITY_PURPOSE) {
    for (const ph of await repo.removeFromPublicity(tx, childId)) effects.push(`照片「${ph.filename}」（活动：${ph.title}）取消宣传使用标记`);
  }
  if (!effects.length) effects.push('没有需要终止的处理');
  if (!(await repo.withdrawConsent(tx, id, b.version, { on: today, reason: b.reason, effects }, a.userId))) throw errors.staleVersion();
  await tx.audit({
    action: 'consent.withdraw',
    entity: 'child',
    entityId: childId,
    summary: { consent: id, purpose: cur.purpose_code, effects },
    reason: b.reason,
  });
  const r = await repo.consent(tx, id);
  if (!r) throw errors.notFound();
  return { consent: consentOut(r, today), effects };
}

/**
 * Marks an activity photo for publicity with the children it shows (or clears the mark). Each child
 * must be one the caller sees and have an active publicity consent today; otherwise 409 names them.
 */
export async function setPhotoPublicity(tx: Tx, ctx: SignedInCtx, activityId: string, attachmentId: string, b: PhotoPublicity, now: number) {
  const today = shanghaiDate(now);
  await writable(tx, ctx, activityId);
  const ph = await repo.photo(tx, activityId, attachmentId);
  if (!ph) throw errors.notFound('未找到该附件');
  if (ph.kind !== 'photo') throw errors.validation([{ path: 'publicity', message: '只有照片可以标记为宣传使用' }]);
  const ids = [...new Set(b.childIds)];
  if (b.publicity) {
    if (!ids.length) throw errors.validation([{ path: 'childIds', message: '请选择照片中出现的儿童（每名儿童须有监护人的宣传使用同意）' }]);
    const seen = await repo.visibleChildren(tx, ids);
    const unknown = ids.findIndex((id) => !seen.some((c) => c.id === id));
    if (unknown >= 0) throw errors.validation([{ path: `childIds.${unknown}`, message: '儿童不存在或不在您的权限范围内' }]);
    const purpose = await repo.purpose(tx, PUBLICITY_PURPOSE);
    const all = await repo.consentsOf(tx, ids, PUBLICITY_PURPOSE);
    const missing = seen
      .map((c) => ({ c, why: missingConsent(purpose?.name ?? '宣传报道使用照片', all.filter((x) => x.child_id === c.id).map(factsOf), today) }))
      .filter((x) => x.why !== null);
    if (missing.length) {
      throw errors.conflict(
        '不能标记为宣传使用：以下儿童缺少监护人对「' +
          (purpose?.name ?? '宣传报道使用照片') +
          '」的有效同意：' +
          missing.map((x) => maskName(x.c.name) ?? '*').join('、'),
        missing.map((x) => ({ path: `childIds.${ids.indexOf(x.c.id)}`, message: x.why ?? '' })),
      );
    }
  }
  await repo.setPublicity(tx, attachmentId, b.publicity, b.publicity ? ids : [], ctx.actor.userId);
  await tx.audit({
    action: 'activity.photo.publicity',
    entity: 'activity',
    entityId: activityId,
    summary: { attachmentId, publicity: b.publicity, childIds: b.publicity ? ids : [] },
  });
  return { attachmentId, publicity: b.publicity, childIds: b.publicity ? ids : [] };
}
