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

/**
 * Where a user's list starts. A child director works through their committee by what is due, so
 * their list opens sorted by the next visit's due date (overdue first); wider scopes by committee.
 */
export function initialListState(scopeKind: string): ChildListState {
  return scopeKind === 'committee' ? { ...INITIAL_LIST_STATE, sort: 'nextVisitDue', order: 'asc' } : INITIAL_LIST_STATE;
}

let saved: ChildListState | null = null;

export const childListState = {
  /** The list as the user left it in this page's life, or null for a first visit. */
  get: (): ChildListState | null => saved,
  set: (next: ChildListState): void => {
    saved = next;
  },
};

// The next user of this browser tab must not find the previous user's search.
onSessionEnd(() => {
  saved = null;
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
