/** Calls of the shell's own pages: the 工作台's count of the children in the caller's area. */
import { call, http } from '../../api/client';
import type { ChildList } from '../../api/types';

export const shellApi = {
  /** The number of children the caller's scope reaches (one row asked for: only the total is used). */
  childrenCount: async () => (await call<ChildList>(http.GET('/api/children', { params: { query: { pageSize: 1 } } }))).total,
};
