/**
 * The child as a receiving unit sees it through a referral (协同, case-scoped access): only the
 * sections the referral's kind declares, names, identity numbers and phones masked, never the
 * mental-health note, HIV status or addresses. Row-level security (the `app.ref_<section>` lists
 * set by `inScope(..., { referrals: true })`) decides which rows of the child tables the unit
 * reaches; this file asks only for the sections of the referral at hand and shows only the columns
 * of the children row that those sections name. Every view is audited and recorded on the
 * referral's timeline (an event of kind `view`, kept out of the timeline shown to users).
 */
import { CATEGORIES } from '#common/children.js';
import { ageOn, shanghaiDate } from '#common/dates.js';
import { maskIdNumber, maskName, maskPhone } from '#common/mask.js';
import { REFERRAL_SECTIONS, REFERRAL_SECTION_ZH, type ReferralChildView, type ReferralSection } from '#common/referrals.js';
import type { SignedInCtx, Tx } from '../../core/context.js';
import type { AppDeps } from '../../core/deps.js';
import { errors } from '../../core/errors.js';
import { byOf } from './commands.js';
import * as repo from './repo.js';
import * as referralRepo from './repo.js';

type Crypto = Pick<AppDeps, 'crypto'>;
/** Opens a sealed column (deps.crypto.decryptOrNull): a parameter, so the presenter stays pure. */
export type Decrypt = (sealed: string | null, column: string) => string | null;

const NOT_FOUND = '未找到该转介的儿童信息：转介不是发给本单位的、已撤回，或查阅期限已过';

/** The sections of a kind, in the canonical order, unknown codes dropped. */
export const sectionsOf = (declared: readonly string[]): ReferralSection[] => REFERRAL_SECTIONS.filter((s) => declared.includes(s));

const isCategory = (c: string): c is keyof typeof CATEGORIES => c in CATEGORIES;

export interface ChildViewRows {
  child: repo.ViewChildRow;
  categories: repo.ViewCategoryRow[];
  members?: repo.ViewMemberRow[];
  entitlements?: repo.ViewEntitlementRow[];
  problems?: repo.ViewProblemRow[];
  assistance?: repo.ViewAssistanceRow[];
  interventions?: repo.ViewInterventionRow[];
  assessment?: repo.ViewAssessmentRow | null;
}

/** Rows → the view: the sections asked for, and within the children row only their columns. */
export function presentChildView(
  decrypt: Decrypt,
  referralId: string,
  sections: ReferralSection[],
  accessUntil: Date | null,
  rows: ChildViewRows,
  today: string,
): ReferralChildView {
  const has = (s: ReferralSection) => sections.includes(s);
  const c = rows.child;
  const view: ReferralChildView = {
    referralId,
    sections,
    accessUntil: accessUntil?.toISOString() ?? null,
    identity: {
      id: c.id,
      name: maskName(c.name) ?? '*',
      sex: c.sex,
      birthDate: c.birth_date,
      age: ageOn(c.birth_date, today),
      idNumber: maskIdNumber(decrypt(c.id_number_enc, 'children.id_number')),
      streetName: c.street_name,
      committeeName: c.committee_name,
      categories: rows.categories.map((k) => ({ category: k.category, name: isCategory(k.category) ? CATEGORIES[k.category] : k.category, since: k.since })),
    },
  };
  if (has('school')) view.school = { stage: c.school_stage, schoolName: c.school_name, grade: c.school_grade };
  if (has('health')) view.health = { disabilityType: c.disability_type, disabilityGrade: c.disability_grade, seriousIllness: c.serious_illness };
  if (has('family') && rows.members) {
    view.family = rows.members.map((m) => ({
      id: m.id,
      name: maskName(m.name) ?? '*',
      relation: m.relation,
      role: m.role,
      status: m.status,
      phone: maskPhone(decrypt(m.phone_enc, 'household_members.phone')),
    }));
  }
  if (has('benefits') && rows.entitlements) {
    view.benefits = rows.entitlements.map((e) => ({
      id: e.id,
      policyId: e.policy_id,
      policyName: e.policy_name ?? e.policy_id,
      status: e.status,
      fromDate: e.from_date,
      version: e.version,
    }));
  }
  if (has('problems') && rows.problems) {
    view.problems = rows.problems.map((p) => ({ id: p.id, category: p.category, description: p.description, status: p.status, dueOn: p.due_on }));
  }
  if (has('assistance') && rows.assistance) {
    view.assistance = rows.assistance.map((a) => ({ id: a.id, kind: a.kind, description: a.description, givenOn: a.given_on, providerName: a.provider_name }));
  }
  if (has('guardianship') && rows.interventions) {
    view.guardianship = {
      steps: rows.interventions.map((i) => ({
        id: i.id,
        kind: i.kind,
        status: i.status,
        unitName: i.unit_name,
        decidedOn: i.decided_on,
        reason: i.reason,
        outcomeNote: i.outcome_note,
        sessionsRequired: i.sessions_required,
        sessionsAttended: i.attended,
        sessionsMissed: i.missed,
        createdOn: i.created_on,
        current: i.referral_id === referralId,
      })),
      assessment: rows.assessment ? { grade: rows.assessment.grade, effect: rows.assessment.effect, assessedOn: rows.assessment.assessed_on } : null,
    };
  }
  return view;
}

/**
 * Opens the child of referral `referralId` for the caller's unit: 404 unless the referral is
 * addressed to that unit and still open (or ended within the access window, not withdrawn).
 * Runs under `inScope(..., { referrals: true })`. Writes the audit row and the `view` event.
 */
export async function viewChild(tx: Tx, deps: Crypto, ctx: SignedInCtx, referralId: string, now: number): Promise<ReferralChildView> {
  // the window (open, or ended less than access_days_after days ago, never withdrawn) is the one
  // context.ts opens the rows with; the unit must be the receiver
  const window = await referralRepo.accessUntil(tx, referralId, ctx.actor.unitCode);
  const r = window?.open ? await repo.referralForView(tx, referralId, ctx.actor.unitCode) : null;
  if (!window || !r) throw errors.notFound(NOT_FOUND);
  const child = await repo.child(tx, r.child_id);
  if (!child) throw errors.notFound(NOT_FOUND);
  const sections = sectionsOf(r.sections);
  const has = (s: ReferralSection) => sections.includes(s);
  const rows: ChildViewRows = {
    child,
    categories: await repo.categories(tx, child.id),
    members: has('family') ? await repo.members(tx, child.id) : undefined,
    // a referral about one benefit (a fee waiver to decide) shows that entitlement, not the others
    entitlements: has('benefits')
      ? await repo.entitlements(tx, child.id, { entitlementId: r.source_kind === 'entitlement' ? r.source_id : null, policyId: r.policy_id })
      : undefined,
    // an escalated problem shows that problem; 暖杨通道 and the kinds without a source, all of them
    problems: has('problems') ? await repo.problems(tx, child.id, r.source_kind === 'problem' ? r.source_id : null) : undefined,
    assistance: has('assistance') ? await repo.assistance(tx, child.id) : undefined,
    // 监护: the ladder's steps and the latest grade (assessment narratives and scores never leave the file)
    interventions: has('guardianship') ? await repo.interventions(tx, child.id) : undefined,
    assessment: has('guardianship') ? await repo.latestAssessment(tx, child.id) : undefined,
  };
  const view = presentChildView((v, col) => deps.crypto.decryptOrNull(v, col), r.id, sections, window.until, rows, shanghaiDate(now));
  await referralRepo.insertEvent(tx, {
    referralId: r.id,
    by: byOf(ctx),
    kind: 'view',
    note: `查阅儿童信息：${sections.map((s) => REFERRAL_SECTION_ZH[s]).join('、')}`,
  });
  await tx.audit({ action: 'referral.child-view', entity: 'child', entityId: child.id, summary: { referralId: r.id, sections } });
  return view;
}
