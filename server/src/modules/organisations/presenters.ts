/** Rows of the organisations module → API shapes. */
import { maskName } from '#common/mask.js';
import { ORG_KINDS, PROJECT_KINDS, PROJECT_STATUSES, type Organisation, type Project } from '#common/organisations.js';
import type { OrgRow, ProjectChildRow, ProjectRow } from './repo.js';

const pick = <T extends string>(list: readonly T[], v: string, fallback: T): T => list.find((x) => x === v) ?? fallback;

export function orgOut(r: OrgRow): Organisation {
  return {
    id: r.id,
    name: r.name,
    kind: pick(ORG_KINDS, r.kind, 'other'),
    creditCode: r.credit_code,
    registeredOn: r.registered_on,
    registrationAuthority: r.registration_authority,
    unitCode: r.unit_code,
    staffCount: r.staff_count,
    capacityNote: r.capacity_note,
    serviceStreets: r.service_streets,
    contactName: r.contact_name,
    contactPhone: r.contact_phone,
    incubated: r.incubated,
    incubatedOn: r.incubated_on,
    active: r.active,
    note: r.note,
    projectsRunning: r.projects_running,
    version: r.version,
  };
}

export function projectOut(r: ProjectRow): Project {
  return {
    id: r.id,
    organisationId: r.organisation_id,
    organisationName: r.organisation_name,
    name: r.name,
    kind: pick(PROJECT_KINDS, r.kind, 'commissioned'),
    commissioningUnitCode: r.commissioning_unit_code,
    commissioningUnitName: r.commissioning_unit_name,
    budget: r.budget,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    deliverables: r.deliverables,
    childrenTarget: r.children_target,
    streets: r.streets,
    planTasks: r.plan_tasks,
    status: pick(PROJECT_STATUSES, r.status, 'running'),
    note: r.note,
    childrenServed: r.children_served,
    version: r.version,
  };
}

/** A served child: the name masked (张*明) for a caller who cannot open the file. */
export function projectChildOut(r: ProjectChildRow, canOpen: boolean) {
  return {
    childId: r.child_id,
    name: canOpen ? r.name : (maskName(r.name) ?? '*'),
    canOpen,
    streetName: r.street_name,
    committeeName: r.committee_name,
    since: r.since,
    until: r.until,
  };
}
