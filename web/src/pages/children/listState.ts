import { onSessionEnd } from '../../auth/sessionEnd';
import type { ChildFilters } from './types';

/**
 * The children list's filters, sort and page, kept in memory only: going to a file and back keeps
 * them, and a searched name or identity digits never land in the address bar, history or storage.
 */
export interface ChildListState extends ChildFilters {
  page: number;
  pageSize: number;
}

export const INITIAL_LIST_STATE: ChildListState = { status: 'active', sort: 'committee', order: 'asc', page: 1, pageSize: 20 };

let saved: ChildListState = INITIAL_LIST_STATE;

export const childListState = {
  get: (): ChildListState => saved,
  set: (next: ChildListState): void => {
    saved = next;
  },
};

// The next user of this browser tab must not find the previous user's search.
onSessionEnd(() => {
  saved = INITIAL_LIST_STATE;
});

/** The filters of a list state, as the search body and the saved-filter parameters take them. */
export function filtersOf(s: ChildListState): ChildFilters {
  const out: ChildFilters = { status: s.status ?? 'active', sort: s.sort ?? 'committee', order: s.order ?? 'asc' };
  if (s.q) out.q = s.q;
  if (s.street) out.street = s.street;
  if (s.committee) out.committee = s.committee;
  if (s.category) out.category = s.category;
  if (s.risk) out.risk = s.risk;
  if (s.overdue) out.overdue = true;
  if (s.noMentor) out.noMentor = true;
  if (s.incomplete) out.incomplete = true;
  return out;
}

