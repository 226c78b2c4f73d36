/**
 * Who may record an activity for which organiser (pure; the same function gives the refusal and
 * the interface's `canEdit` / `writable` flags):
 *   committee  — the committee's child director (committee scope), or its street's staff;
 *   station    — the street's office (the street's 未保站);
 *   school     — the education bureau;
 *   department — a department for itself;
 *   district civil affairs (district scope with activities.write) — any.
 * Reading the compliance lists: a street sees its own street, a child director the streets of its
 * committees, the district and the departments every street.
 */
import type { Actor } from '../../core/context.js';

export interface Remit {
  writer: boolean;
  district: boolean;
  unitCode: string;
  unitKind: string | null;
  unitStreet: string | null;
  /** A committee-scoped role (child director): only its committees. */
  committeeOnly: boolean;
  committees: string[];
}

export function remitOf(actor: Actor, unit: { kind: string; street_code: string | null } | null): Remit {
  return {
    writer: actor.permissions.has('activities.write'),
    district: actor.scope.kind === 'district',
    unitCode: actor.unitCode,
    unitKind: unit?.kind ?? null,
    unitStreet: unit?.street_code ?? null,
    committeeOnly: actor.scope.kind === 'committee',
    committees: actor.scope.committees,
  };
}

export type OrganiserRef =
  | { kind: 'committee'; committeeId: string; street: string }
  | { kind: 'station'; street: string }
  | { kind: 'school'; siteStreet: string | null }
  | { kind: 'department'; unitCode: string };

/** Why the caller may not record for the organiser (Chinese), or null when they may. */
export function refusal(r: Remit, o: OrganiserRef): string | null {
  if (!r.writer) return '您没有记录活动的权限';
  if (r.district) return null;
  switch (o.kind) {
    case 'committee':
      if (r.committeeOnly) return r.committees.includes(o.committeeId) ? null : '儿童主任只能为本人负责的居民区记录活动';
      return r.unitKind === 'street' && r.unitStreet === o.street ? null : '只能为本街道的居民区记录活动';
    case 'station':
      if (r.committeeOnly) return '儿童主任只能为本人负责的居民区记录活动，未保站活动由街道记录';
      return r.unitKind === 'street' && r.unitStreet === o.street ? null : '只能记录本街道未保站的活动';
    case 'school':
      return r.unitCode === 'education' ? null : '学校的活动由区教育局或区民政局记录';
    case 'department':
      return r.unitKind === 'department' && r.unitCode === o.unitCode ? null : '区级部门只能记录本部门组织的活动';
  }
}

/**
 * The streets whose organisers the caller's compliance lists show: null for every street (the
 * district, departments), else the caller's own streets.
 */
export function complianceStreets(actor: Actor, committeeStreets: string[]): string[] | null {
  if (actor.scope.kind === 'district' || actor.scope.kind === 'none') return null;
  if (actor.scope.kind === 'committee') return committeeStreets;
  return actor.scope.streets;
}

/** Photos and sign-in sheets show children: the organiser's recorders, the district, and the activity's street. */
export function mayReadAttachments(actor: Actor, r: Remit, o: OrganiserRef, street: string | null, committeeId: string | null): boolean {
  if (r.district || refusal(r, o) === null) return true;
  if (street && actor.scope.streets.includes(street)) return true;
  return committeeId !== null && actor.scope.committees.includes(committeeId);
}
