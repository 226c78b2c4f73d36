/**
 * Children's files as 免申即享 reads them: the columns the engine's derivation needs
 * (`profileFromChildFile`), for every active child in scope (the district run) or for one child,
 * and the few facts the care-plan proposal and the notifications read. Eligibility reads these
 * tables itself (it does not import the children module); RLS applies to every query.
 */
import { db, type Client } from './rows.js';

export interface ChildFactsRow {
  id: string;
  birth_date: string;
  hukou: 'local' | 'other';
  school_stage: string | null;
  disability_type: string | null;
  disability_grade: number | null;
  serious_illness: string | null;
  household_size: number | null;
  monthly_income_fen: number | null;
  assets_fen: number | null;
  adopted: boolean | null;
  autism: boolean | null;
  caregiver_can_raise: boolean | null;
  hiv_infected_enc: string | null;
}
export interface CategoryRow {
  child_id: string;
  category: string;
  since: string;
  until: string | null;
}
export interface MemberRow {
  child_id: string;
  relation: string;
  role: string;
  status: string;
  status_since: string | null;
  status_until: string | null;
  disability_type: string | null;
  disability_grade: number | null;
}
export interface BenefitRow {
  child_id: string;
  benefit: string;
  since: string;
  until: string | null;
}

// ---- every active child in scope (district run, what-if) ----

export async function activeChildrenFacts(c: Client): Promise<ChildFactsRow[]> {
  return (
    await db(c).query<ChildFactsRow>(
      `select id, birth_date, hukou, school_stage, disability_type, disability_grade, serious_illness, household_size, monthly_income_fen, assets_fen,
            adopted, autism, caregiver_can_raise, hiv_infected_enc
     from children where status = 'active' order by id`,
    )
  ).rows;
}

export async function activeChildrenCategories(c: Client): Promise<CategoryRow[]> {
  return (
    await db(c).query<CategoryRow>(
      `select k.child_id, k.category, k.since, k.until from child_categories k join children c on c.id = k.child_id where c.status = 'active'`,
    )
  ).rows;
}

/** The order of the per-child read: the derivation takes the first member with relation 父亲 / 母亲. */
export async function activeChildrenMembers(c: Client): Promise<MemberRow[]> {
  return (
    await db(c).query<MemberRow>(
      `select m.child_id, m.relation, m.role, m.status, m.status_since, m.status_until, m.disability_type, m.disability_grade
     from household_members m join children c on c.id = m.child_id where c.status = 'active'
     order by m.child_id, case m.role when 'guardian' then 0 when 'caregiver' then 1 else 2 end, m.relation, m.created_at, m.id`,
    )
  ).rows;
}

export async function activeChildrenBenefits(c: Client): Promise<BenefitRow[]> {
  return (
    await db(c).query<BenefitRow>(
      `select b.child_id, b.benefit, b.since, b.until from child_benefits b join children c on c.id = b.child_id where c.status = 'active'`,
    )
  ).rows;
}

export async function activeChildIds(c: Client): Promise<string[]> {
  return (await db(c).query<{ id: string }>(`select id from children where status = 'active' order by id`)).rows.map((r) => r.id);
}

// ---- one child ----

/** The child's own columns the matching reads; undefined when the child is not visible (RLS). */
export async function childFacts(c: Client, childId: string): Promise<ChildFactsRow | undefined> {
  return (
    await db(c).query<ChildFactsRow>(
      `select id, birth_date, hukou, school_stage, disability_type, disability_grade, serious_illness, household_size, monthly_income_fen, assets_fen,
            adopted, autism, caregiver_can_raise, hiv_infected_enc
     from children where id = $1`,
      [childId],
    )
  ).rows[0];
}

export async function childCategories(c: Client, childId: string): Promise<CategoryRow[]> {
  return (
    await db(c).query<CategoryRow>('select child_id, category, since, until from child_categories where child_id = $1 order by until nulls first, since', [
      childId,
    ])
  ).rows;
}

/** In the order of the child file (guardian, caregiver, others): the derivation takes the first 父亲 / 母亲. */
export async function childMembers(c: Client, childId: string): Promise<MemberRow[]> {
  return (
    await db(c).query<MemberRow>(
      `select child_id, relation, role, status, status_since, status_until, disability_type, disability_grade
     from household_members where child_id = $1 order by case role when 'guardian' then 0 when 'caregiver' then 1 else 2 end, relation, created_at, id`,
      [childId],
    )
  ).rows;
}

export async function childBenefits(c: Client, childId: string): Promise<BenefitRow[]> {
  return (await db(c).query<BenefitRow>('select child_id, benefit, since, until from child_benefits where child_id = $1 order by since desc', [childId])).rows;
}

/** Whether the child exists and is in the caller's area. */
export async function childVisible(c: Client, childId: string): Promise<boolean> {
  return !!(await db(c).query('select id from children where id = $1', [childId])).rowCount;
}

/** What the care-plan proposal reads of the file besides the matching. */
export interface CareFactsRow {
  risk_level: 'high' | 'medium' | 'low';
  risk_reason: string | null;
  disability_grade: number | null;
  school_stage: string | null;
  has_mentor: boolean;
  has_buddy: boolean;
}
export async function careFacts(c: Client, childId: string): Promise<CareFactsRow | undefined> {
  return (
    await db(c).query<CareFactsRow>(
      `select c.risk_level, c.risk_reason, c.disability_grade, c.school_stage,
       exists (select 1 from mentors x where x.id = c.mentor_id) as has_mentor,
       exists (select 1 from mentors x where x.id = c.buddy_id) as has_buddy
     from children c where c.id = $1`,
      [childId],
    )
  ).rows[0];
}

export interface OpenProblemRow {
  category: string;
  description: string;
  responsible_unit: string | null;
}
export async function openProblems(c: Client, childId: string): Promise<OpenProblemRow[]> {
  return (
    await db(c).query<OpenProblemRow>(
      `select category, description, responsible_unit from problems where child_id = $1 and status <> 'resolved' order by severity, created_at`,
      [childId],
    )
  ).rows;
}

/** The child's name and area, for a notification (undefined when not visible). */
export interface ChildAreaRow {
  name: string;
  street_code: string;
  committee_id: string;
  street_name: string;
  committee_name: string;
}
export async function childArea(c: Client, childId: string): Promise<ChildAreaRow | undefined> {
  return (
    await db(c).query<ChildAreaRow>(
      `select c.name, c.street_code, c.committee_id, s.name as street_name, m.name as committee_name from children c join streets s on s.code = c.street_code
     join committees m on m.id = c.committee_id where c.id = $1`,
      [childId],
    )
  ).rows[0];
}
