/**
 * The SQL of the child as a receiving unit sees it through a referral (GET /api/referrals/:id/child).
 * Every statement runs under `inScope(..., { referrals: true })`: row-level security lets through
 * only the sections the unit's open referrals declare; the query layer asks only for the sections of
 * the referral at hand, and reads only the columns of the children row its presenter shows.
 */
import type { Tx } from '../../core/context.js';

/** The referral's child, its kind's sections and what it carries, when it is addressed to `unit`. */
export interface ViewReferralRow {
  id: string;
  child_id: string;
  sections: string[];
  policy_id: string | null;
  source_kind: string | null;
  source_id: string | null;
}

export async function referralForView(tx: Tx, referralId: string, unit: string): Promise<ViewReferralRow | null> {
  return (
    (
      await tx.client.query<ViewReferralRow>(
        `select r.id, r.child_id, k.sections, r.policy_id, r.source_kind, r.source_id
           from referrals r join referral_kinds k on k.code = r.kind where r.id = $1 and r.to_unit = $2`,
        [referralId, unit],
      )
    ).rows[0] ?? null
  );
}

/** Only the columns of the children row a receiving unit may be shown (never notes, HIV, addresses). */
export interface ViewChildRow {
  id: string;
  name: string;
  sex: string;
  birth_date: string;
  id_number_enc: string | null;
  street_name: string;
  committee_name: string;
  school_stage: string | null;
  school_name: string | null;
  school_grade: string | null;
  disability_type: string | null;
  disability_grade: number | null;
  serious_illness: string | null;
}

export async function child(tx: Tx, id: string): Promise<ViewChildRow | null> {
  return (
    (
      await tx.client.query<ViewChildRow>(
        `select c.id, c.name, c.sex, to_char(c.birth_date, 'YYYY-MM-DD') as birth_date, c.id_number_enc, s.name as street_name, cm.name as committee_name,
                c.school_stage, c.school_name, c.school_grade, c.disability_type, c.disability_grade, c.serious_illness
           from children c join streets s on s.code = c.street_code join committees cm on cm.id = c.committee_id
          where c.id = $1`,
        [id],
      )
    ).rows[0] ?? null
  );
}

export interface ViewCategoryRow {
  category: string;
  since: string | null;
}

/** The categories in force. */
export async function categories(tx: Tx, childId: string): Promise<ViewCategoryRow[]> {
  return (
    await tx.client.query<ViewCategoryRow>(
      `select category, to_char(since, 'YYYY-MM-DD') as since from child_categories where child_id = $1 and until is null order by since, category`,
      [childId],
    )
  ).rows;
}

export interface ViewMemberRow {
  id: string;
  name: string;
  relation: string;
  role: string;
  status: string;
  phone_enc: string | null;
}

export async function members(tx: Tx, childId: string): Promise<ViewMemberRow[]> {
  return (
    await tx.client.query<ViewMemberRow>(
      `select id, name, relation, role, status, phone_enc from household_members where child_id = $1
        order by case role when 'guardian' then 0 when 'caregiver' then 1 else 2 end, relation, created_at, id`,
      [childId],
    )
  ).rows;
}

export interface ViewEntitlementRow {
  id: string;
  policy_id: string;
  policy_name: string | null;
  status: string;
  from_date: string | null;
  version: number;
}

/**
 * The child's entitlements; only the one the referral carries (`entitlementId`) or those of the
 * policy it applies for (`policyId`) when it names one.
 */
export async function entitlements(tx: Tx, childId: string, only: { entitlementId: string | null; policyId: string | null }): Promise<ViewEntitlementRow[]> {
  return (
    await tx.client.query<ViewEntitlementRow>(
      `select e.id, e.policy_id, pn.name_zh as policy_name, e.status, to_char(e.from_date, 'YYYY-MM-DD') as from_date, e.version
         from entitlements e left join eligibility_policy_names pn on pn.policy_id = e.policy_id
        where e.child_id = $1 and ($2::uuid is null or e.id = $2::uuid) and ($3::text is null or e.policy_id = $3)
        order by e.created_at desc, e.id`,
      [childId, only.entitlementId, only.policyId],
    )
  ).rows;
}

export interface ViewProblemRow {
  id: string;
  category: string;
  description: string;
  status: string;
  due_on: string | null;
}

/** The child's problems; only the one the referral carries (an escalated problem) when it names one. */
export async function problems(tx: Tx, childId: string, onlyId: string | null): Promise<ViewProblemRow[]> {
  return (
    await tx.client.query<ViewProblemRow>(
      `select id, category, description, status, to_char(due_on, 'YYYY-MM-DD') as due_on from problems
        where child_id = $1 and ($2::uuid is null or id = $2::uuid) order by created_at desc, id`,
      [childId, onlyId],
    )
  ).rows;
}

export interface ViewAssistanceRow {
  id: string;
  kind: string;
  description: string;
  given_on: string;
  provider_name: string;
}

export async function assistance(tx: Tx, childId: string): Promise<ViewAssistanceRow[]> {
  return (
    await tx.client.query<ViewAssistanceRow>(
      `select id, kind, description, to_char(given_on, 'YYYY-MM-DD') as given_on, provider_name from assistance where child_id = $1 order by given_on desc, id`,
      [childId],
    )
  ).rows;
}

/** 监护: the child's intervention steps (guardianship_interventions, under the 'guardianship' section's row-level security). */
export interface ViewInterventionRow {
  id: string;
  kind: string;
  status: string;
  unit_name: string | null;
  decided_on: string | null;
  reason: string;
  outcome_note: string | null;
  sessions_required: number | null;
  attended: number;
  missed: number;
  created_on: string;
  referral_id: string | null;
}

export async function interventions(tx: Tx, childId: string): Promise<ViewInterventionRow[]> {
  return (
    await tx.client.query<ViewInterventionRow>(
      `select i.id, i.kind, i.status, u.name as unit_name, to_char(i.decided_on, 'YYYY-MM-DD') as decided_on, i.reason, i.outcome_note, i.sessions_required,
              (select count(*)::int from guidance_sessions g where g.intervention_id = i.id and g.attended) as attended,
              (select count(*)::int from guidance_sessions g where g.intervention_id = i.id and g.attended = false) as missed,
              to_char((i.created_at at time zone 'Asia/Shanghai')::date, 'YYYY-MM-DD') as created_on, i.referral_id
         from guardianship_interventions i left join units u on u.code = i.unit_code
        where i.child_id = $1 order by i.created_at, i.id`,
      [childId],
    )
  ).rows;
}

/** The latest assessed assessment's grade (never its narrative, answers or scores). */
export interface ViewAssessmentRow {
  grade: string;
  effect: string | null;
  assessed_on: string;
}

export async function latestAssessment(tx: Tx, childId: string): Promise<ViewAssessmentRow | null> {
  return (
    (
      await tx.client.query<ViewAssessmentRow>(
        `select grade, grade_effect as effect, to_char(assessed_on, 'YYYY-MM-DD') as assessed_on from guardianship_assessments
          where child_id = $1 and status in ('assessed', 'returned', 'archived') and grade is not null
          order by assessed_on desc, created_at desc limit 1`,
        [childId],
      )
    ).rows[0] ?? null
  );
}
