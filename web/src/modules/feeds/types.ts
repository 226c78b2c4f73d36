/**
 * The shapes of the 数据共享 (feeds) API, from the shared contract (common/src/feeds.ts): feeds and
 * their mappings, runs, records and the proposed changes waiting for review.
 */
import type { z } from 'zod';
import type * as F from '@common/feeds';
import { FEED_FIELD_CODES, FEED_RECORD_OUTCOMES, MAX_FEED_BYTES } from '@common/feeds';

export type FeedFact = F.FeedFact;
export type FeedField = F.FeedField;
export type FeedMapping = F.FeedMapping;
export type FeedSummary = F.FeedSummary;
export type Feed = F.Feed;
export type FeedUpdate = F.FeedUpdate;
export type FeedKey = z.infer<typeof F.FeedKey>;
export type FeedRun = F.FeedRun;
export type RunCounts = F.FeedRunCounts;
export type FeedRecord = F.FeedRecord;
export type FeedChange = F.FeedChange;
export type Outcome = F.FeedRecordOutcome;
export type ChangeState = F.FeedChangeState;
export type RunState = FeedRun['state'];
export type Frequency = F.FeedFrequency;
export type Reviewer = Feed['reviewer'];

export const FEED_FIELDS: readonly FeedField[] = FEED_FIELD_CODES;
export const OUTCOMES = FEED_RECORD_OUTCOMES;
export const FREQUENCIES = ['daily', 'weekly', 'monthly', 'quarterly'] as const satisfies readonly Frequency[];
export const REVIEWERS = ['street', 'district'] as const satisfies readonly Reviewer[];

export interface Paged<T> {
  items: T[];
  total: number;
}

export interface ChangeQuery {
  state: 'waiting' | 'applied' | 'rejected';
  feed?: string;
  street?: string;
  page: number;
  pageSize: number;
}

/** The largest file the upload accepts (the server checks it too). */
export const MAX_FEED_FILE_BYTES = MAX_FEED_BYTES;
