/** Rows of the staffing module → API shapes. */
import { STATION_ROLES, type StaffingRule, type StationMember, type StationRole } from '#common/staffing.js';
import type { MemberRow, RuleRow } from './repo.js';

export const asRole = (r: string): StationRole => STATION_ROLES.find((x) => x === r) ?? 'member';

export function ruleOut(r: RuleRow): StaffingRule {
  return {
    code: r.code,
    name: r.name,
    childrenOver: r.children_over,
    minDirectors: r.min_directors,
    active: r.active,
    note: r.note,
    updatedAt: r.updated_at.toISOString(),
  };
}

/** A roster member; the phone only for callers who may read phones. */
export function memberOut(r: MemberRow, phones: boolean): StationMember {
  return {
    id: r.id,
    streetCode: r.street_code,
    role: asRole(r.role),
    personName: r.person_name,
    unitCode: r.unit_code,
    unitName: r.unit_name,
    title: r.title,
    phone: phones ? r.phone : null,
    since: r.since,
    until: r.until,
    note: r.note,
    version: r.version,
  };
}
