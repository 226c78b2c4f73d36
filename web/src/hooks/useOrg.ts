import { api } from '../api/client';
import type { CommitteeList, StreetList, UnitList } from '../api/types';
import { useApi } from './useApi';

/** The largest page the server allows; a street has far fewer committees than this. */
export const MAX_PAGE_SIZE = 200;

export function useStreets() {
  return useApi(() => api.get<StreetList>('/api/org/streets'), []);
}

/** Active committees of one street, for selects; nothing is fetched until a street is chosen. */
export function useCommittees(street: string | undefined, includeInactive = false) {
  return useApi(
    () =>
      street
        ? api.get<CommitteeList>('/api/org/committees', { street, pageSize: MAX_PAGE_SIZE, includeInactive: includeInactive ? 'true' : undefined })
        : Promise.resolve<CommitteeList>({ items: [], total: 0, page: 1, pageSize: MAX_PAGE_SIZE }),
    [street, includeInactive],
  );
}

export function useUnits() {
  return useApi(() => api.get<UnitList>('/api/org/units'), []);
}
