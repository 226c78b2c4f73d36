/** Reading the consent module: the purposes register and a child's 授权与同意 tab. */
import { agreementNeeded, consentStatus, type ChildConsents } from '#common/consent.js';
import { ageOn, shanghaiDate } from '#common/dates.js';
import type { SignedInCtx, Tx } from '../../core/context.js';
import { errors } from '../../core/errors.js';
import { mayManage, mayRecord } from './policies.js';
import { basisOut, consentOut, factsOf, purposeOut } from './presenters.js';
import * as repo from './repo.js';

export async function listPurposes(tx: Tx, ctx: SignedInCtx) {
  return { items: (await repo.purposes(tx)).map(purposeOut), canManage: mayManage(ctx.actor) };
}

export async function childConsents(tx: Tx, ctx: SignedInCtx, childId: string, now: number): Promise<ChildConsents> {
  const today = shanghaiDate(now);
  const child = await repo.child(tx, childId);
  if (!child) throw errors.notFound('未找到该儿童档案，或不在您的权限范围内');
  const [purposes, bases, consents, guardians] = [
    await repo.purposes(tx),
    await repo.bases(tx, childId),
    await repo.consents(tx, childId),
    await repo.guardians(tx, childId),
  ];
  const age = ageOn(child.birth_date, today);
  const need = agreementNeeded(age);
  await tx.audit({ action: 'consent.view', entity: 'child', entityId: childId });
  return {
    childId,
    age,
    needs: { childView: need.childView, childConsent: need.childConsent },
    purposes: purposes
      .filter((p) => p.active || bases.some((b) => b.purpose_code === p.code) || consents.some((c) => c.purpose_code === p.code))
      .map((p) => {
        const b = bases.find((x) => x.purpose_code === p.code);
        return {
          code: p.code,
          name: p.name,
          basis: p.basis,
          legalText: p.legal_text,
          consentRequired: p.consent_required,
          anonymised: p.anonymised,
          recorded: b ? basisOut(b) : null,
          consentActive: p.consent_required ? consents.some((c) => c.purpose_code === p.code && consentStatus(factsOf(c), today) === 'active') : null,
        };
      }),
    consents: consents.map((c) => consentOut(c, today)),
    guardians: guardians.map((g) => ({ id: g.id, name: g.name, relation: g.relation })),
    canRecord: mayRecord(ctx.actor),
    today,
  };
}
