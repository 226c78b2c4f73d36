import { useQuery } from '@tanstack/react-query';
import type { Committee } from '../../api/types';
import { useMe } from '../../auth/useAuth';
import { MAX_PAGE_SIZE, useStreets } from '../../hooks/useOrg';
import { childrenApi } from './api';

/** Streets the caller works in (a street user has one; district staff have all). */
export function useScopeStreets() {
  const me = useMe();
  const streets = useStreets();
  const inScope = new Set(me.scope.streets);
  return { ...streets, items: (streets.data?.items ?? []).filter((s) => inScope.has(s.code)) };
}

async function allCommittees(street?: string): Promise<Committee[]> {
  const out: Committee[] = [];
  for (let page = 1; page < 50; page++) {
    const res = await childrenApi.committees({ street, page, pageSize: MAX_PAGE_SIZE });
    out.push(...res.items);
    if (out.length >= res.total || res.items.length === 0) break;
  }
  return out;
}

/**
 * The committees a file may be registered in by this caller: every committee of the caller's
 * streets, or, for a child director, only the committees assigned to them.
 */
export function useScopeCommittees(enabled = true) {
  const me = useMe();
  const { streets, committees } = me.scope;
  const query = useQuery({
    queryKey: ['children', 'scope-committees', streets.join(','), committees.join(',')],
    enabled,
    queryFn: async () => {
      if (streets.length > 0) return (await Promise.all(streets.map((s) => allCommittees(s)))).flat();
      if (committees.length === 0) return [];
      const mine = new Set(committees);
      return (await allCommittees()).filter((c) => mine.has(c.id));
    },
  });
  return { data: enabled ? query.data : [], loading: enabled && query.isLoading };
}
