/** The admin module's server state (TanStack Query): lists under keys that start with 'admin'. */
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { adminApi, adminKeys, MAX_PAGE_SIZE, type CommitteeQuery, type UserQuery } from './api';

export const useUnits = () => useQuery({ queryKey: adminKeys.units, queryFn: adminApi.units });

export const useStreets = () => useQuery({ queryKey: adminKeys.streets, queryFn: adminApi.streets });

/** Roles and the permission catalogue; not fetched without the permission to read them. */
export const useRoles = (enabled = true) => useQuery({ queryKey: adminKeys.roles, queryFn: adminApi.roles, enabled });

/** A street's committees, for selects; nothing is fetched until a street is chosen. */
export function useStreetCommittees(street: string | undefined, includeInactive = false) {
  const query: CommitteeQuery = { street, pageSize: MAX_PAGE_SIZE, includeInactive: includeInactive ? 'true' : undefined };
  return useQuery({ queryKey: adminKeys.committees(query), queryFn: () => adminApi.committees(query), enabled: !!street });
}

/** One page of committees (the areas page), kept on screen while the next page loads. */
export const useCommitteePage = (query: CommitteeQuery) =>
  useQuery({ queryKey: adminKeys.committees(query), queryFn: () => adminApi.committees(query), placeholderData: keepPreviousData });

export const useUserPage = (query: UserQuery) =>
  useQuery({ queryKey: adminKeys.users(query), queryFn: () => adminApi.users(query), placeholderData: keepPreviousData });

/** After a change: every admin list refetches (the ones on screen at once, the others when shown). */
export function useRefreshAdmin(): () => void {
  const queryClient = useQueryClient();
  return () => void queryClient.invalidateQueries({ queryKey: adminKeys.all });
}
