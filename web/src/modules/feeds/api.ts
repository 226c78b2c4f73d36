/** Calls of the 数据共享 (feeds) API through the typed client: the only file of the module that names its URLs. */
import { call, http } from '../../api/client';
import type { ChangeQuery, Feed, FeedChange, FeedKey, FeedRecord, FeedRun, FeedSummary, FeedUpdate, Outcome, Paged } from './types';

const code = (c: string) => ({ params: { path: { code: c } } });
const id = (i: string) => ({ params: { path: { id: i } } });

export const feedsApi = {
  list: () => call<{ items: FeedSummary[] }>(http.GET('/api/feeds')),
  get: (c: string) => call<Feed>(http.GET('/api/feeds/{code}', code(c))),
  update: (c: string, body: FeedUpdate) => call<Feed>(http.PUT('/api/feeds/{code}', { ...code(c), body })),
  rotateKey: (c: string) => call<FeedKey>(http.POST('/api/feeds/{code}/key', code(c))),
  upload: (c: string, body: { filename: string; contentBase64: string }) => call<FeedRun>(http.POST('/api/feeds/{code}/runs', { ...code(c), body })),
  runs: (c: string, page: number, pageSize: number) =>
    call<Paged<FeedRun>>(http.GET('/api/feeds/{code}/runs', { params: { path: { code: c }, query: { page, pageSize } } })),
  run: (i: string) => call<FeedRun>(http.GET('/api/feed-runs/{id}', id(i))),
  records: (i: string, query: { outcome?: Outcome; page: number; pageSize: number }) =>
    call<Paged<FeedRecord>>(http.GET('/api/feed-runs/{id}/records', { params: { path: { id: i }, query } })),
  confirm: (i: string) => call<FeedRun>(http.POST('/api/feed-runs/{id}/confirm', id(i))),
  discard: (i: string) => call<FeedRun>(http.POST('/api/feed-runs/{id}/discard', id(i))),
  changes: (query: ChangeQuery) => call<Paged<FeedChange>>(http.GET('/api/feed-changes', { params: { query } })),
  apply: (i: string, note?: string) => call<FeedChange>(http.POST('/api/feed-changes/{id}/apply', { ...id(i), body: note ? { note } : {} })),
  reject: (i: string, note: string) => call<FeedChange>(http.POST('/api/feed-changes/{id}/reject', { ...id(i), body: { note } })),
  resolve: (recordId: string, body: { childId: string; memberId?: string }) =>
    call<FeedRecord>(http.POST('/api/feed-records/{id}/resolve', { ...id(recordId), body })),
};

/** Query keys: every key starts with 'feeds', so one invalidation after a write refreshes them all. */
export const feedKeys = {
  all: ['feeds'] as const,
  list: ['feeds', 'list'] as const,
  feed: (c: string) => ['feeds', 'feed', c] as const,
  runs: (c: string, page: number, pageSize: number) => ['feeds', 'runs', c, page, pageSize] as const,
  run: (i: string) => ['feeds', 'run', i] as const,
  records: (i: string, outcome: string | undefined, page: number, pageSize: number) => ['feeds', 'records', i, outcome ?? '', page, pageSize] as const,
  changes: (q: ChangeQuery) => ['feeds', 'changes', q] as const,
};
