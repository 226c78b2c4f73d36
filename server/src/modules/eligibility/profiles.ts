/**
 * Children's files as the engine reads them (`ChildFileFacts`, derived by `profileFromChildFile`):
 * for every active child in the caller's area at once (the district run and what-if: one query per
 * table, RLS applies) or for one child (the per-child path), from the same columns in the same
 * order, so both give the same facts.
 */
import type { ChildFileFacts, Facts, Pack } from '../../../../engine/src/index.js';
import { checkProfile, profileFromChildFile } from '../../../../engine/src/index.js';
import type { AppDeps } from '../../core/deps.js';
import type { Tx } from '../../core/context.js';
import { errors } from '../../core/errors.js';
import * as profilesRepo from './repo/profiles.js';

export const profileError = (errs: { path: string; message: string }[]) =>
  errors.validation(
    errs.map((e) => ({ path: e.path, message: e.message })),
    '儿童档案中的数据无法用于匹配',
  );

/** The column HIV status is sealed with (as the children module writes it). */
const HIV_COLUMN = 'children.hiv_infected';

/**
 * The child's HIV status as stored, whoever the caller is: the matching needs the fact (the system
 * that runs it at night has no children.health either); what it discloses is filtered on output
 * (policies.ts: `visibleResults`, `hiddenPolicies`). Three-valued: '1' / '0' sealed, null unknown.
 */
export function openHiv(deps: Pick<AppDeps, 'crypto'>, sealed: string | null | undefined): boolean | null {
  if (!sealed) return null;
  const plain = deps.crypto.decrypt(sealed, HIV_COLUMN);
  if (plain !== '1' && plain !== '0') throw new Error('unexpected value in children.hiv_infected_enc');
  return plain === '1';
}

function factsOf(deps: AppDeps, c: profilesRepo.ChildFactsRow): ChildFileFacts {
  return {
    birthDate: c.birth_date,
    hukou: c.hukou,
    schoolStage: c.school_stage,
    disabilityType: c.disability_type,
    disabilityGrade: c.disability_grade,
    seriousIllness: c.serious_illness,
    householdSize: c.household_size,
    monthlyIncomeFen: c.monthly_income_fen,
    assetsFen: c.assets_fen,
    adopted: c.adopted,
    autism: c.autism,
    caregiverCanRaise: c.caregiver_can_raise,
    hivInfected: openHiv(deps, c.hiv_infected_enc),
    categories: [],
    members: [],
    benefits: [],
  };
}

function addRows(
  byId: (childId: string) => ChildFileFacts | undefined,
  categories: profilesRepo.CategoryRow[],
  members: profilesRepo.MemberRow[],
  benefits: profilesRepo.BenefitRow[],
): void {
  for (const k of categories) byId(k.child_id)?.categories.push({ category: k.category, since: k.since, until: k.until });
  for (const m of members) {
    byId(m.child_id)?.members.push({
      relation: m.relation,
      role: m.role,
      status: m.status,
      statusSince: m.status_since,
      statusUntil: m.status_until,
      disabilityType: m.disability_type,
      disabilityGrade: m.disability_grade,
    });
  }
  for (const b of benefits) byId(b.child_id)?.benefits.push({ benefit: b.benefit, since: b.since, until: b.until });
}

/** The child-file facts of every active child in scope, in id order. HIV status is decrypted (see openHiv). */
export async function loadChildFileFacts(tx: Tx, deps: AppDeps): Promise<{ ids: string[]; files: ChildFileFacts[] }> {
  const children = await profilesRepo.activeChildrenFacts(tx);
  const byId = new Map<string, ChildFileFacts>();
  const ids: string[] = [];
  const files: ChildFileFacts[] = [];
  for (const c of children) {
    const f = factsOf(deps, c);
    byId.set(c.id, f);
    ids.push(c.id);
    files.push(f);
  }
  const categories = await profilesRepo.activeChildrenCategories(tx);
  const members = await profilesRepo.activeChildrenMembers(tx);
  const benefits = await profilesRepo.activeChildrenBenefits(tx);
  addRows((id) => byId.get(id), categories, members, benefits);
  return { ids, files };
}

/** One child's file facts (HIV status decrypted); null when the child is not in the caller's area. */
export async function loadOneChildFileFacts(tx: Tx, deps: AppDeps, childId: string): Promise<ChildFileFacts | null> {
  const c = await profilesRepo.childFacts(tx, childId);
  if (!c) return null;
  const f = factsOf(deps, c);
  // One connection answers one query at a time: these run in turn.
  const categories = await profilesRepo.childCategories(tx, childId);
  const members = await profilesRepo.childMembers(tx, childId);
  const benefits = await profilesRepo.childBenefits(tx, childId);
  addRows(() => f, categories, members, benefits);
  return f;
}

/**
 * The validated profile facts of every active child in scope on a date. A file whose data cannot
 * be used is refused (400, as for one child), or left out with `skipInvalid`.
 */
export async function loadProfiles(
  tx: Tx,
  deps: AppDeps,
  pack: Pack,
  asOf: string,
  opts: { skipInvalid?: boolean } = {},
): Promise<{ ids: string[]; facts: Facts[] }> {
  const loaded = await loadChildFileFacts(tx, deps);
  const ids: string[] = [];
  const facts: Facts[] = [];
  loaded.files.forEach((file, i) => {
    const checked = checkProfile(profileFromChildFile(file, asOf, { policies: pack.policies }), pack.policyIds);
    const id = loaded.ids[i];
    if (checked.ok && id !== undefined) {
      ids.push(id);
      facts.push(checked.facts);
    } else if (!checked.ok && !opts.skipInvalid) throw profileError(checked.errors);
  });
  return { ids, facts };
}
