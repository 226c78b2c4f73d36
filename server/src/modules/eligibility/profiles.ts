/**
 * The profiles of many children at once, for the district run and what-if: one query per table
 * for every active child in the caller's area (RLS applies), assembled into the child-file facts
 * the engine's derivation reads (`profileFromChildFile`) — the same derivation, from the same
 * columns, as the per-child path (`loadChildFile`), so both give the same facts.
 */
import type { ChildFileFacts, Facts, Pack } from '../../../../engine/src/index.js';
import { checkProfile, profileFromChildFile } from '../../../../engine/src/index.js';
import type { AppDeps } from '../../core/deps.js';
import type { Tx } from '../../core/context.js';
import { errors } from '../../core/errors.js';
import { openHiv } from '../children/healthFacts.js';

export const profileError = (errs: { path: string; message: string }[]) =>
  errors.validation(errs.map((e) => ({ path: e.path, message: e.message })), '儿童档案中的数据无法用于匹配');

interface ChildRow {
  id: string; birth_date: string; hukou: 'local' | 'other'; school_stage: string | null; disability_type: string | null; disability_grade: number | null;
  serious_illness: string | null; household_size: number | null; monthly_income_fen: number | null; assets_fen: number | null;
  adopted: boolean | null; autism: boolean | null; caregiver_can_raise: boolean | null; hiv_infected_enc: string | null;
}

/** The child-file facts of every active child in scope, in id order. HIV status is decrypted (see service.ts). */
export async function loadChildFileFacts(tx: Tx, deps: AppDeps): Promise<{ ids: string[]; files: ChildFileFacts[] }> {
  const children = (await tx.client.query<ChildRow>(
    `select id, birth_date, hukou, school_stage, disability_type, disability_grade, serious_illness, household_size, monthly_income_fen, assets_fen,
            adopted, autism, caregiver_can_raise, hiv_infected_enc
     from children where status = 'active' order by id`)).rows;
  const byId = new Map<string, ChildFileFacts>();
  const ids: string[] = [];
  const files: ChildFileFacts[] = [];
  for (const c of children) {
    const f: ChildFileFacts = {
      birthDate: c.birth_date, hukou: c.hukou, schoolStage: c.school_stage, disabilityType: c.disability_type, disabilityGrade: c.disability_grade,
      seriousIllness: c.serious_illness, householdSize: c.household_size, monthlyIncomeFen: c.monthly_income_fen, assetsFen: c.assets_fen,
      adopted: c.adopted, autism: c.autism, caregiverCanRaise: c.caregiver_can_raise, hivInfected: openHiv(deps, c.hiv_infected_enc),
      categories: [], members: [], benefits: [],
    };
    byId.set(c.id, f);
    ids.push(c.id);
    files.push(f);
  }
  const categories = await tx.client.query<{ child_id: string; category: string; since: string; until: string | null }>(
    `select k.child_id, k.category, k.since, k.until from child_categories k join children c on c.id = k.child_id where c.status = 'active'`);
  for (const k of categories.rows) byId.get(k.child_id)?.categories.push({ category: k.category, since: k.since, until: k.until });
  // The order of loadChildFile: the derivation takes the first member with relation 父亲 / 母亲.
  const members = await tx.client.query<{ child_id: string; relation: string; role: string; status: string; status_since: string | null; status_until: string | null;
    disability_type: string | null; disability_grade: number | null }>(
    `select m.child_id, m.relation, m.role, m.status, m.status_since, m.status_until, m.disability_type, m.disability_grade
     from household_members m join children c on c.id = m.child_id where c.status = 'active'
     order by m.child_id, case m.role when 'guardian' then 0 when 'caregiver' then 1 else 2 end, m.relation, m.created_at, m.id`);
  for (const m of members.rows) {
    byId.get(m.child_id)?.members.push({ relation: m.relation, role: m.role, status: m.status, statusSince: m.status_since, statusUntil: m.status_until,
      disabilityType: m.disability_type, disabilityGrade: m.disability_grade });
  }
  const benefits = await tx.client.query<{ child_id: string; benefit: string; since: string; until: string | null }>(
    `select b.child_id, b.benefit, b.since, b.until from child_benefits b join children c on c.id = b.child_id where c.status = 'active'`);
  for (const b of benefits.rows) byId.get(b.child_id)?.benefits.push({ benefit: b.benefit, since: b.since, until: b.until });
  return { ids, files };
}

/**
 * The validated profile facts of every active child in scope on a date. A file whose data cannot
 * be used is refused (400, as for one child), or left out with `skipInvalid`.
 */
export async function loadProfiles(tx: Tx, deps: AppDeps, pack: Pack, asOf: string, opts: { skipInvalid?: boolean } = {}): Promise<{ ids: string[]; facts: Facts[] }> {
  const loaded = await loadChildFileFacts(tx, deps);
  const ids: string[] = [];
  const facts: Facts[] = [];
  loaded.files.forEach((file, i) => {
    const checked = checkProfile(profileFromChildFile(file, asOf, { policies: pack.policies }), pack.policyIds);
    if (checked.ok) { ids.push(loaded.ids[i]!); facts.push(checked.facts); } else if (!opts.skipInvalid) throw profileError(checked.errors);
  });
  return { ids, facts };
}
