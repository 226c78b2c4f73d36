/**
 * The organisation's reference lists (streets, committees, units) for selects in every module.
 * They share the admin module's queries and keys, so a change made on the admin pages (which
 * invalidates ['admin']) refreshes every select; `loading` keeps the name the selects use.
 */
import { useStreetCommittees, useStreets as useAdminStreets, useUnits as useAdminUnits } from '../modules/admin/hooks';

export { MAX_PAGE_SIZE } from '../modules/admin/api';

const withLoading = <T extends { isLoading: boolean }>(q: T) => ({ ...q, loading: q.isLoading });

export const useStreets = () => withLoading(useAdminStreets());

/** Committees of one street; nothing is fetched until a street is chosen. */
export const useCommittees = (street: string | undefined, includeInactive = false) => withLoading(useStreetCommittees(street, includeInactive));

export const useUnits = () => withLoading(useAdminUnits());
