/**
 * Reads of 免申即享 that combine repo calls, the engine and presenters: the policy library, a
 * child's evaluation (also used by the commands that store it), what-if, entitlements with their
 * deciding unit and the caller's next steps, the work lists and the review rules.
 */
import type { Entitlement, EntitlementStatus, WorklistFilters } from '#common/eligibility.js';
import { UNIT_LABELS } from '../../../../engine/src/policy.js';
import {
  checkProfile,
  codecFor,
  evaluateChild,
  ProfileTable,
  profileFromChildFile,
  whatIf,
  type Pack,
  type PolicyResult,
} from '../../../../engine/src/index.js';
import type { AppDeps } from '../../core/deps.js';
import type { Tx } from '../../core/context.js';
import { errors } from '../../core/errors.js';
import { dayOf, packFor, stakeRank, todayShanghai } from './pack.js';
import { allowedSteps, hiddenPolicies, stepActorsOf, visibleResults, type Decider, DECIDE_PERMISSION } from './policies.js';
import { detailOf, presentEntitlement, presentResult, presentReviewRule, presentTerms, presentWorklistItem, summaryOf } from './presenters.js';
import { loadOneChildFileFacts, loadProfiles, profileError } from './profiles.js';
import * as entitlementsRepo from './repo/entitlements.js';
import * as profilesRepo from './repo/profiles.js';
import * as worklistRepo from './repo/worklist.js';

/** The unit that decides when the administering department cannot yet open child records. */
export const FALLBACK_UNIT = 'civil-affairs';

// ---- policy library ----

export async function listPolicies(tx: Tx, deps: AppDeps) {
  const { pack, maintained } = await packFor(deps, tx);
  return { items: pack.policies.map((p) => summaryOf(p, maintained)), terms: presentTerms(pack) };
}

export async function getPolicy(tx: Tx, deps: AppDeps, id: string) {
  const { pack, maintained } = await packFor(deps, tx);
  const p = pack.byId.get(id);
  if (!p) throw errors.notFound('未找到该政策');
  return detailOf(p, maintained);
}

// ---- evaluation ----

/** Every policy for a child in scope on a date (404 when the child is not visible). */
export async function evaluateChildFile(tx: Tx, deps: AppDeps, pack: Pack, childId: string, asOf: string): Promise<PolicyResult[]> {
  const file = await loadOneChildFileFacts(tx, deps, childId);
  if (!file) throw errors.notFound('未找到该儿童档案，或不在您的辖区内');
  const profile = profileFromChildFile(file, asOf, { policies: pack.policies, extra: { hivInfected: file.hivInfected ?? null } });
  const checked = checkProfile(profile, pack.policyIds);
  if (!checked.ok) throw profileError(checked.errors);
  return evaluateChild(pack, checked.facts, dayOf(asOf));
}

/** A child's results today, computed and not stored. */
export async function childEligibility(tx: Tx, deps: AppDeps, childId: string) {
  const { pack } = await packFor(deps, tx);
  const asOf = todayShanghai(deps);
  const results = await evaluateChildFile(tx, deps, pack, childId, asOf);
  return { asOf, stored: false, results: visibleResults(tx.ctx, pack, results).map(presentResult), suggested: 0 };
}

/** An inline profile evaluated (nothing stored). */
export async function evaluateProfile(tx: Tx, deps: AppDeps, profile: unknown, asOf: string) {
  const { pack } = await packFor(deps, tx);
  const checked = checkProfile(profile, pack.policyIds);
  if (!checked.ok)
    throw errors.validation(
      checked.errors.map((e) => ({ path: e.path ? `profile.${e.path}` : 'profile', message: e.message })),
      '档案数据有误，请按提示修改',
    );
  const results = evaluateChild(pack, checked.facts, dayOf(asOf));
  return { asOf, stored: false, results: results.map(presentResult), suggested: 0 };
}

/**
 * What if a standard changed? Every active child in the caller's area, evaluated for `asOf` with
 * and without the override: who becomes eligible, who no longer is, the change in monthly cost.
 */
export async function whatIfInScope(tx: Tx, deps: AppDeps, asOf: string, override: { policy: string; param: string; from: string; value: number }) {
  const { pack } = await packFor(deps, tx);
  const policy = pack.policies.find((p) => p.id === override.policy);
  if (!policy) throw errors.validation([{ path: 'policy', message: '政策不存在' }]);
  if (!policy.parameters.has(override.param)) throw errors.validation([{ path: 'param', message: '该政策没有这个参数' }]);
  if (hiddenPolicies(tx.ctx, pack).has(policy.id)) throw errors.forbidden('该政策的匹配结果涉及受限健康信息，仅限有相应权限的人员测算');
  const { ids: kept, facts } = await loadProfiles(tx, deps, pack, asOf, { skipInvalid: true });
  const table = ProfileTable.fromFacts(facts, codecFor(pack.domains));
  const result = whatIf(pack, table, dayOf(asOf), [{ policy: override.policy, param: override.param, from: dayOf(override.from), value: override.value }]);
  const p = result.policies.find((x) => x.policy === override.policy);
  if (!p) throw new Error(`what-if gave no answer for ${override.policy}`);
  const idAt = (i: number) => kept[i] ?? '';
  return {
    asOf,
    children: kept.length,
    policy: p.policy,
    name: p.name,
    before: p.before,
    after: p.after,
    newlyEligible: Array.from(p.newlyEligible, idAt),
    noLongerEligible: Array.from(p.noLongerEligible, idAt),
    monthlyDeltaFen: p.monthlyDeltaFen,
    text: p.text,
  };
}

// ---- entitlements ----

/**
 * The unit that grants or refuses a policy's benefits: its administering unit when someone there
 * can act on a child's entitlement (entitlements.write with a district scope, or with
 * referrals.handle: a department decides through the benefit referral the submission sends it),
 * else 区民政局.
 */
export async function decidingUnit(tx: Tx, policyUnit: string, cache?: Map<string, Decider>): Promise<Decider> {
  const hit = cache?.get(policyUnit);
  if (hit) return hit;
  const able = await entitlementsRepo.unitCanDecide(tx, policyUnit, DECIDE_PERMISSION);
  const code = able ? policyUnit : FALLBACK_UNIT;
  const labels: Record<string, string> = UNIT_LABELS;
  const name = (await entitlementsRepo.unitName(tx, code)) ?? labels[code] ?? code;
  const d: Decider = { code, name, onBehalfOf: able ? null : (labels[policyUnit] ?? policyUnit) };
  cache?.set(policyUnit, d);
  return d;
}

/** Approvers a grant needs: the unit's rule for this policy, else for all its policies, else 1. */
export async function approvalsRequired(tx: Tx, unitCode: string, policyId: string): Promise<number> {
  return (await entitlementsRepo.approvalsSetting(tx, unitCode, policyId)) ?? 1;
}

/** Entitlements for the API: their steps with who did each, the deciding unit and the caller's next steps. */
export async function presentEntitlements(tx: Tx, pack: Pack, rows: entitlementsRepo.EntRow[]): Promise<Entitlement[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const events = await entitlementsRepo.eventsOf(tx, ids);
  const files = await entitlementsRepo.stepFilesOf(tx, ids);
  const deciders = new Map<string, Decider>();
  const out: Entitlement[] = [];
  for (const r of rows) {
    const p = pack.byId.get(r.policy_id);
    const own = events.filter((e) => e.entitlement_id === r.id);
    const decider = await decidingUnit(tx, p?.unit ?? FALLBACK_UNIT, deciders);
    const required = await approvalsRequired(tx, decider.code, r.policy_id);
    const steps = stepActorsOf(own);
    const allowed: EntitlementStatus[] = allowedSteps(tx.ctx.actor, r.status, decider, steps, required);
    out.push(presentEntitlement(pack, r, own, files, { decider, required, approvers: steps.approvers.size, allowed }));
  }
  return out;
}

/** One entitlement as the API shows it (after a step). */
export async function presentOne(tx: Tx, pack: Pack, row: entitlementsRepo.EntRow): Promise<Entitlement> {
  const [one] = await presentEntitlements(tx, pack, [row]);
  if (!one) throw new Error('no entitlement presented');
  return one;
}

export async function entitlementsOfChild(tx: Tx, deps: AppDeps, childId: string) {
  if (!(await profilesRepo.childVisible(tx, childId))) throw errors.notFound('未找到该儿童档案，或不在您的辖区内');
  const { pack } = await packFor(deps, tx);
  const rows = await entitlementsRepo.entitlementsOfChild(tx, childId);
  return {
    items: await presentEntitlements(
      tx,
      pack,
      visibleResults(
        tx.ctx,
        pack,
        rows.map((r) => ({ ...r, policy: r.policy_id })),
      ),
    ),
  };
}

export async function getEntitlement(tx: Tx, deps: AppDeps, id: string): Promise<Entitlement> {
  const { pack } = await packFor(deps, tx);
  const row = await entitlementsRepo.entitlementById(tx, id);
  if (!row || hiddenPolicies(tx.ctx, pack).has(row.policy_id)) throw errors.notFound('未找到该待遇记录，或不在您的辖区内');
  return presentOne(tx, pack, row);
}

export async function reviewRules(tx: Tx, deps: AppDeps) {
  const { pack } = await packFor(deps, tx);
  return { items: (await entitlementsRepo.reviewRules(tx)).map((r) => presentReviewRule(pack, r)) };
}

// ---- work lists ----

/** The list's SQL for the caller (their id, the policies they may not see). */
export const worklistSqlFor = (tx: Tx, pack: Pack, f: WorklistFilters, today: string): worklistRepo.WorklistSql =>
  worklistRepo.worklistSql(f, today, tx.ctx.actor?.userId ?? null, hiddenPolicies(tx.ctx, pack));

/** One page of rows (child × policy). 待补充信息 is ranked by what is at stake, then by how little is missing. */
export async function listWorklist(tx: Tx, deps: AppDeps, q: WorklistFilters & { page: number; pageSize: number }) {
  const { page, pageSize, ...f } = q;
  const { pack } = await packFor(deps, tx);
  const today = todayShanghai(deps);
  const sql = worklistSqlFor(tx, pack, f, today);
  const total = await worklistRepo.countRows(tx, sql);
  const rows = await worklistRepo.pageOfRows(tx, sql, today, page, pageSize, f.kind === 'undetermined' ? stakeRank(pack, today) : null);
  return { items: rows.map((r) => presentWorklistItem(pack, tx.ctx.actor?.userId, r)), total, page, pageSize };
}

/** One page of children, each with its rows on the list (the child row expands to its policies). */
export async function listWorklistByChild(tx: Tx, deps: AppDeps, q: WorklistFilters & { page: number; pageSize: number }) {
  const { page, pageSize, ...f } = q;
  const { pack } = await packFor(deps, tx);
  const today = todayShanghai(deps);
  const sql = worklistSqlFor(tx, pack, f, today);
  const total = await worklistRepo.countChildren(tx, sql);
  const ids = await worklistRepo.pageOfChildIds(tx, sql, page, pageSize);
  if (!ids.length) return { items: [], total, page, pageSize };
  const rows = await worklistRepo.rowsOfChildren(tx, sql, today, ids);
  const items = ids.flatMap((id) => {
    const own = rows.filter((r) => r.child_id === id);
    const first = own[0];
    if (!first) return [];
    return [
      {
        childId: id,
        childName: first.child_name,
        age: first.age,
        committeeName: first.committee_name,
        streetName: first.street_name,
        items: own.map((r) => presentWorklistItem(pack, tx.ctx.actor?.userId, r)),
      },
    ];
  });
  return { items, total, page, pageSize };
}
