/**
 * The pure decisions of the staffing module: which streets' rosters a caller may write (a street
 * its own, the district every street) and whether the caller sees the stations' phone numbers.
 */
import type { ScopeKind } from '#common/permissions.js';

export interface Caller {
  scopeKind: ScopeKind;
  streets: readonly string[];
  permissions: ReadonlySet<string>;
}

/** A roster is written by workforce.manage holders for a street of their scope (the district: all). */
export function mayManageStation(c: Caller, street: string): boolean {
  if (!c.permissions.has('workforce.manage')) return false;
  return c.scopeKind === 'district' || c.streets.includes(street);
}

/**
 * The roster is readable by every signed-in user with org.read (the names of officials are public
 * within the platform); their phones only by workforce.read holders, who coordinate the stations.
 */
export function mayReadPhones(c: Caller): boolean {
  return c.permissions.has('workforce.read');
}
