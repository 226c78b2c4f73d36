/** Rows of the feeds module as the API answers them (common/src/feeds.ts). */
import { FEED_FREQUENCY_DAYS, type Feed, type FeedChange, type FeedRecord, type FeedRun, type FeedRunCounts, type FeedSummary } from '#common/feeds.js';
import { changeSummary } from './policies.js';
import type * as repo from './repo.js';

const DAY = 86_400_000;
const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

export const EMPTY_COUNTS: FeedRunCounts = {
  records: 0,
  matched: 0,
  matchedByName: 0,
  ambiguous: 0,
  unmatched: 0,
  errors: 0,
  duplicates: 0,
  unchanged: 0,
  applied: 0,
  waiting: 0,
  rejected: 0,
  newlyEligible: 0,
  noLongerEligible: 0,
  stillMissing: 0,
};

export function countsOut(r: repo.RunCountsRow | undefined): FeedRunCounts {
  if (!r) return EMPTY_COUNTS;
  return {
    records: r.records,
    matched: r.matched,
    matchedByName: r.matched_by_name,
    ambiguous: r.ambiguous,
    unmatched: r.unmatched,
    errors: r.errors,
    duplicates: r.duplicates,
    unchanged: r.unchanged,
    applied: r.applied,
    waiting: r.waiting,
    rejected: r.rejected,
    newlyEligible: r.newly_eligible,
    noLongerEligible: r.no_longer_eligible,
    stillMissing: r.still_missing,
  };
}

/** Share of the records that could be matched (errors and duplicates left out); null without any. */
export function matchRate(c: FeedRunCounts | undefined): number | null {
  if (!c) return null;
  const base = c.records - c.errors - c.duplicates;
  return base > 0 ? Math.round(((c.matched + c.matchedByName) / base) * 1000) / 1000 : null;
}

export function summaryOut(f: repo.FeedRow, lastCounts: FeedRunCounts | undefined, now: number): FeedSummary {
  const due = f.last_run_at ? new Date(f.last_run_at.getTime() + FEED_FREQUENCY_DAYS[f.frequency] * DAY) : null;
  return {
    code: f.code,
    name: f.name,
    providerUnit: f.provider_unit,
    providerUnitName: f.provider_unit_name,
    fact: f.fact,
    frequency: f.frequency,
    autoApply: f.auto_apply,
    reviewer: f.reviewer,
    lastRunAt: iso(f.last_run_at),
    onTime: due !== null && due.getTime() >= now,
    nextDue: iso(due),
    waiting: f.waiting,
    matchRate: matchRate(lastCounts),
    keyPrefix: f.key_prefix,
  };
}

export function feedOut(f: repo.FeedRow, lastCounts: FeedRunCounts | undefined, now: number): Feed {
  return {
    ...summaryOut(f, lastCounts, now),
    mapping: f.mapping,
    rateLimitPerMinute: f.rate_limit_per_minute,
    keyRotatedAt: iso(f.key_rotated_at),
    updatedAt: f.updated_at.toISOString(),
    updatedBy: f.updated_by_name,
  };
}

export function runOut(r: repo.RunRow, counts: repo.RunCountsRow | undefined, duplicateOf?: string): FeedRun {
  return {
    id: r.id,
    feedCode: r.feed_code,
    feedName: r.feed_name,
    source: r.source,
    filename: r.filename,
    receivedAt: r.received_at.toISOString(),
    receivedBy: r.received_by_name,
    state: r.state,
    counts: countsOut(counts),
    ...(duplicateOf ? { duplicateOf } : {}),
  };
}

export function recordOut(r: repo.RecordRow): FeedRecord {
  return {
    id: r.id,
    rowNo: r.row_no,
    outcome: r.outcome,
    confidence: r.confidence === null ? null : Number(r.confidence),
    name: r.name,
    idTail: r.id_tail,
    birthDate: r.birth_date,
    childId: r.child_id,
    childName: r.child_name,
    memberName: r.member_name,
    messages: r.messages,
    change:
      r.change_id && r.change_fact && r.change_state
        ? {
            id: r.change_id,
            fact: r.change_fact,
            summary: changeSummary(r.change_fact, r.change_old, r.change_new, r.member_name ? { relation: r.member_relation, name: r.member_name } : null),
            state: r.change_state,
          }
        : null,
  };
}

export function changeOut(c: repo.ChangeRow): FeedChange {
  return {
    id: c.id,
    runId: c.run_id,
    feedCode: c.feed_code,
    feedName: c.feed_name,
    childId: c.child_id,
    childName: c.child_name,
    streetName: c.street_name,
    committeeName: c.committee_name,
    memberName: c.member_name,
    fact: c.fact,
    summary: changeSummary(c.fact, c.old_value, c.new_value, c.member_id ? { relation: c.member_relation, name: c.member_name } : null),
    oldValue: c.old_value,
    newValue: c.new_value,
    effectiveDate: c.effective_date,
    evidence: c.evidence,
    state: c.state,
    auto: c.auto,
    createdAt: c.created_at.toISOString(),
    decidedAt: iso(c.decided_at),
    decidedBy: c.decided_by_name,
    note: c.note,
    newlyEligible: c.newly_eligible,
    noLongerEligible: c.no_longer_eligible,
  };
}
