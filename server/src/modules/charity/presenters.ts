/** Rows of the charity module → API shapes. */
import { CharityRules, describeRules, type Aid, type CharityProject, type MatchedChild, type Match } from '#common/charity.js';
import { ageOn } from '#common/dates.js';
import type { AidRow, FactsRow, ProjectRow } from './repo.js';

const num = (v: string | null): number | null => (v === null ? null : Number(v));

/** The stored rules, read back through the contract (a row written before a rule existed reads as no rule). */
export function rulesOf(v: unknown): CharityRules {
  const r = CharityRules.safeParse(v);
  return r.success ? r.data : {};
}

export function projectOut(r: ProjectRow, streetName: (code: string) => string): CharityProject {
  const rules = rulesOf(r.rules);
  return {
    id: r.id,
    name: r.name,
    organisationId: r.organisation_id,
    organisationName: r.organisation_name,
    funder: r.funder,
    description: r.description,
    aidKind: r.aid_kind,
    amountPerChild: num(r.amount_per_child),
    budget: num(r.budget),
    capacity: r.capacity,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    active: r.active,
    rules,
    rulesText: describeRules(rules, streetName),
    childrenAided: r.children_aided,
    amountGiven: Number(r.amount_given),
    version: r.version,
  };
}

export function matchedOut(f: FactsRow, m: Match, day: string): MatchedChild {
  return {
    childId: f.child_id,
    name: f.name,
    streetName: f.street_name,
    committeeName: f.committee_name,
    age: f.birth_date === null ? null : ageOn(f.birth_date, day),
    reasons: m.reasons,
  };
}

export function aidOut(r: AidRow): Aid {
  return {
    id: r.id,
    projectId: r.project_id,
    projectName: r.project_name,
    childId: r.child_id,
    childName: r.child_name,
    givenOn: r.given_on,
    kind: r.kind,
    amount: num(r.amount),
    description: r.description,
    status: r.status,
    cancelReason: r.cancel_reason,
    recordedBy: r.recorded_by_name,
    version: r.version,
  };
}
