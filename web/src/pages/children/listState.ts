import { onSessionEnd } from '../../auth/sessionEnd';

/**
 * The children list's filters and page, kept in memory only: going to a detail page and back keeps
 * them, and a searched name never lands in the address bar, history or browser storage.
 */
export interface ChildListState {
  q?: string;
  street?: string;
  committee?: string;
  page: number;
  pageSize: number;
}

let saved: ChildListState = { page: 1, pageSize: 20 };

export const childListState = {
  get: (): ChildListState => saved,
  set: (next: ChildListState): void => {
    saved = next;
  },
};

// The next user of this browser tab must not find the previous user's search.
onSessionEnd(() => {
  saved = { page: 1, pageSize: 20 };
});
