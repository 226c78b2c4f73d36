/**
 * Server state in the interface (TanStack Query): answers are cached per query key, refetched after a
 * mutation invalidates them, and retried once when the network dropped. Keys start with the
 * module's name (['visits', 'worklist', filters]), so a mutation invalidates its module's lists
 * with one call: `queryClient.invalidateQueries({ queryKey: ['visits'] })`.
 */
import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './client';

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A list the user just saw is shown at once when they come back, and refreshed behind it.
      staleTime: 30_000,
      // Only a dropped network is worth a retry: 4xx answers (refused, not found) will not change.
      retry: (failures, err) => failures < 1 && err instanceof ApiError && err.status === 0,
      // A child director switching apps mid-visit should not see the page reload under them.
      refetchOnWindowFocus: false,
    },
    mutations: { retry: false },
  },
});
