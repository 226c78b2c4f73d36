/**
 * The SQL of the data feeds. Feeds and runs hold no child data (the routes let feeds.manage read
 * them); records and changes carry the area of their child and are filtered by row-level security,
 * so a street reviewer sees its own changes only. Matching is set-based: one query per run for the
 * blind indexes, one for the name + birth-date pairs.
 */
import type { FeedFact, FeedMapping, FeedRecordOutcome } from '#common/feeds.js';
import type { RecordFacts } from './policies.js';
import type { Tx } from '../../core/context.js';

type Q = Tx['client'];
const q = (tx: Tx): Q => tx.client;

// ---- feeds ----

export interface FeedRow {
  code: string;
  name: string;
  provider_unit: string;
  provider_unit_name: string;
  fact: FeedFact;
  frequency: 'daily' | 'weekly' | 'monthly' | 'quarterly';
  auto_apply: boolean;
  reviewer: 'street' | 'district';
  mapping: FeedMapping;
  rate_limit_per_minute: number;
  key_prefix: string | null;
  key_rotated_at: Date | null;
  updated_at: Date;
  updated_by_name: string | null;
  version: number;
  last_run_at: Date | null;
  last_run_id: string | null;
  waiting: number;
}

const FEED_SELECT = `select f.code, f.name, f.provider_unit, u.name as provider_unit_name, f.fact, f.frequency, f.auto_apply, f.reviewer, f.mapping,
         f.rate_limit_per_minute, f.key_prefix, f.key_rotated_at, f.updated_at, uu.display_name as updated_by_name, f.version,
         lr.received_at as last_run_at, lr.id as last_run_id,
         (select count(*)::int from feed_changes c where c.feed_code = f.code and c.state = 'waiting') as waiting
    from data_feeds f join units u on u.code = f.provider_unit left join users uu on uu.id = f.updated_by
    left join lateral (select r.id, r.received_at from feed_runs r where r.feed_code = f.code and r.state <> 'discarded'
                        order by r.received_at desc limit 1) lr on true`;

export async function feeds(tx: Tx): Promise<FeedRow[]> {
  return (await q(tx).query<FeedRow>(`${FEED_SELECT} where f.active order by f.code`)).rows;
}

export async function feed(tx: Tx, code: string): Promise<FeedRow | null> {
  return (await q(tx).query<FeedRow>(`${FEED_SELECT} where f.code = $1`, [code])).rows[0] ?? null;
}

export async function lockFeed(tx: Tx, code: string): Promise<{ version: number } | null> {
  return (await q(tx).query<{ version: number }>(`select version from data_feeds where code = $1 for update`, [code])).rows[0] ?? null;
}

export interface FeedSave {
  mapping: FeedMapping;
  frequency: string;
  autoApply: boolean;
  reviewer: string;
  rateLimitPerMinute: number;
}

/** Saves the definition and keeps it as a version (the history of the mapping). */
export async function saveFeed(tx: Tx, code: string, s: FeedSave, by: string | null, now: Date): Promise<void> {
  await q(tx).query(
    `with f as (update data_feeds set mapping = $2, frequency = $3, auto_apply = $4, reviewer = $5, rate_limit_per_minute = $6,
                  updated_by = $7, updated_at = $8, version = version + 1 where code = $1 returning version)
     insert into data_feed_versions (feed_code, version, mapping, frequency, auto_apply, reviewer, rate_limit_per_minute, saved_by, saved_at)
     select $1, f.version, $2, $3, $4, $5, $6, $7, $8 from f`,
    [code, JSON.stringify(s.mapping), s.frequency, s.autoApply, s.reviewer, s.rateLimitPerMinute, by, now],
  );
}

export async function setKey(tx: Tx, code: string, hash: string, prefix: string, now: Date): Promise<void> {
  await q(tx).query(`update data_feeds set api_key_hash = $2, key_prefix = $3, key_rotated_at = $4 where code = $1`, [code, hash, prefix, now]);
}

/** The hash of the feed's API key (for the push's constant-time comparison). */
export async function keyHash(tx: Tx, code: string): Promise<{ hash: string | null; limit: number } | null> {
  const { rows } = await q(tx).query<{ api_key_hash: string | null; rate_limit_per_minute: number }>(
    `select api_key_hash, rate_limit_per_minute from data_feeds where code = $1 and active`,
    [code],
  );
  const r = rows[0];
  return r ? { hash: r.api_key_hash, limit: r.rate_limit_per_minute } : null;
}

/** Every active feed's per-minute limit (the push route's rate limit reads it). */
export async function pushLimits(c: { query: Q['query'] }): Promise<Map<string, number>> {
  const { rows } = await c.query<{ code: string; rate_limit_per_minute: number }>(`select code, rate_limit_per_minute from data_feeds`);
  return new Map(rows.map((r) => [r.code, r.rate_limit_per_minute]));
}

// ---- runs ----

export interface RunRow {
  id: string;
  feed_code: string;
  feed_name: string;
  fact: FeedFact;
  source: 'upload' | 'api';
  filename: string | null;
  received_at: Date;
  received_by_name: string | null;
  state: 'checked' | 'confirmed' | 'discarded';
}

const RUN_SELECT = `select r.id, r.feed_code, f.name as feed_name, f.fact, r.source, r.filename, r.received_at,
    coalesce(u.display_name, case when r.source = 'api' then '数据接口' end) as received_by_name, r.state
  from feed_runs r join data_feeds f on f.code = r.feed_code left join users u on u.id = r.received_by`;

export async function run(tx: Tx, id: string): Promise<RunRow | null> {
  return (await q(tx).query<RunRow>(`${RUN_SELECT} where r.id = $1`, [id])).rows[0] ?? null;
}

export async function lockRun(tx: Tx, id: string): Promise<{ state: string; feed_code: string } | null> {
  return (await q(tx).query<{ state: string; feed_code: string }>(`select state, feed_code from feed_runs where id = $1 for update`, [id])).rows[0] ?? null;
}

export async function runBySha(tx: Tx, code: string, sha: string): Promise<string | null> {
  const { rows } = await q(tx).query<{ id: string }>(`select id from feed_runs where feed_code = $1 and content_sha256 = $2 and state <> 'discarded'`, [
    code,
    sha,
  ]);
  return rows[0]?.id ?? null;
}

export async function runs(tx: Tx, code: string, limit: number, offset: number): Promise<{ rows: RunRow[]; total: number }> {
  const [list, total] = await Promise.all([
    q(tx).query<RunRow>(`${RUN_SELECT} where r.feed_code = $1 order by r.received_at desc, r.id limit $2 offset $3`, [code, limit, offset]),
    q(tx).query<{ n: number }>(`select count(*)::int as n from feed_runs where feed_code = $1`, [code]),
  ]);
  return { rows: list.rows, total: total.rows[0]?.n ?? 0 };
}

/** A new run, or null when the same content was received for this feed at the same moment. */
export async function insertRun(
  tx: Tx,
  r: { feedCode: string; source: 'upload' | 'api'; filename: string | null; sha: string; by: string | null; now: Date },
): Promise<string | null> {
  const { rows } = await q(tx).query<{ id: string }>(
    `insert into feed_runs (feed_code, source, filename, content_sha256, received_by, received_at) values ($1, $2, $3, $4, $5, $6)
     on conflict (feed_code, content_sha256) where state <> 'discarded' do nothing returning id`,
    [r.feedCode, r.source, r.filename, r.sha, r.by, r.now],
  );
  return rows[0]?.id ?? null;
}

export async function setRunState(tx: Tx, id: string, state: 'confirmed' | 'discarded', by: string | null, now: Date): Promise<void> {
  await q(tx).query(`update feed_runs set state = $2, decided_by = $3, decided_at = $4 where id = $1`, [id, state, by, now]);
}

export interface RunCountsRow {
  run_id: string;
  records: number;
  matched: number;
  matched_by_name: number;
  ambiguous: number;
  unmatched: number;
  errors: number;
  duplicates: number;
  unchanged: number;
  applied: number;
  waiting: number;
  rejected: number;
  newly_eligible: number;
  no_longer_eligible: number;
  still_missing: number;
}

/** The figures of runs, counted from their records and changes (as the caller's scope shows them). */
export async function runCounts(tx: Tx, ids: string[]): Promise<Map<string, RunCountsRow>> {
  if (!ids.length) return new Map();
  const { rows } = await q(tx).query<RunCountsRow>(
    `select i.id as run_id,
            coalesce(rc.records, 0) as records, coalesce(rc.matched, 0) as matched, coalesce(rc.matched_by_name, 0) as matched_by_name,
            coalesce(rc.ambiguous, 0) as ambiguous, coalesce(rc.unmatched, 0) as unmatched, coalesce(rc.errors, 0) as errors,
            coalesce(rc.duplicates, 0) as duplicates, coalesce(rc.unchanged, 0) as unchanged,
            coalesce(cc.applied, 0) as applied, coalesce(cc.waiting, 0) as waiting, coalesce(cc.rejected, 0) as rejected,
            coalesce(cc.newly_eligible, 0) as newly_eligible, coalesce(cc.no_longer_eligible, 0) as no_longer_eligible,
            coalesce(cc.still_missing, 0) as still_missing
       from unnest($1::uuid[]) i(id)
       left join lateral (
         select count(*)::int as records,
                count(*) filter (where outcome in ('matched', 'unchanged'))::int as matched,
                count(*) filter (where outcome = 'matched-by-name')::int as matched_by_name,
                count(*) filter (where outcome = 'ambiguous')::int as ambiguous,
                count(*) filter (where outcome = 'unmatched')::int as unmatched,
                count(*) filter (where outcome = 'error')::int as errors,
                count(*) filter (where outcome = 'duplicate')::int as duplicates,
                count(*) filter (where outcome = 'unchanged')::int as unchanged
           from feed_records r where r.run_id = i.id) rc on true
       left join lateral (
         select count(*) filter (where c.state = 'applied')::int as applied,
                count(*) filter (where c.state = 'waiting')::int as waiting,
                count(*) filter (where c.state = 'rejected')::int as rejected,
                coalesce(sum(jsonb_array_length(c.newly_eligible)), 0)::int as newly_eligible,
                coalesce(sum(jsonb_array_length(c.no_longer_eligible)), 0)::int as no_longer_eligible,
                (select count(distinct e.child_id)::int from eligibility_results e
                  where e.child_id in (select c2.child_id from feed_changes c2 where c2.run_id = i.id and c2.state = 'applied')
                    and e.verdict = 'undetermined' and jsonb_array_length(e.missing) > 0) as still_missing
           from feed_changes c where c.run_id = i.id) cc on true`,
    [ids],
  );
  return new Map(rows.map((r) => [r.run_id, r]));
}

// ---- matching ----

export interface MatchHit {
  key: string;
  child_id: string;
  member_id: string | null;
  street_code: string;
  committee_id: string;
}

/** Children (child facts) or family members (member facts) of active files with these blind indexes. */
export async function matchByBidx(tx: Tx, fact: FeedFact, bidxs: string[]): Promise<MatchHit[]> {
  if (!bidxs.length) return [];
  const sql =
    fact === 'member.status'
      ? `select m.id_number_bidx as key, c.id as child_id, m.id as member_id, c.street_code, c.committee_id
           from household_members m join children c on c.id = m.child_id
          where m.id_number_bidx = any ($1::text[]) and c.status = 'active' order by c.id, m.id`
      : `select c.id_number_bidx as key, c.id as child_id, null::uuid as member_id, c.street_code, c.committee_id
           from children c where c.id_number_bidx = any ($1::text[]) and c.status = 'active'`;
  return (await q(tx).query<MatchHit>(sql, [bidxs])).rows;
}

/** The same by name and birth date; `key` is "name|birthDate". */
export async function matchByName(tx: Tx, fact: FeedFact, pairs: { name: string; birthDate: string }[]): Promise<MatchHit[]> {
  if (!pairs.length) return [];
  const sql =
    fact === 'member.status'
      ? `select k.name || '|' || to_char(k.birth, 'YYYY-MM-DD') as key, c.id as child_id, m.id as member_id, c.street_code, c.committee_id
           from unnest($1::text[], $2::date[]) k(name, birth)
           join household_members m on m.birth_date = k.birth and m.name = k.name
           join children c on c.id = m.child_id and c.status = 'active'`
      : `select k.name || '|' || to_char(k.birth, 'YYYY-MM-DD') as key, c.id as child_id, null::uuid as member_id, c.street_code, c.committee_id
           from unnest($1::text[], $2::date[]) k(name, birth)
           join children c on c.birth_date = k.birth and c.name = k.name and c.status = 'active'`;
  return (await q(tx).query<MatchHit>(sql, [pairs.map((p) => p.name), pairs.map((p) => p.birthDate)])).rows;
}

export interface RecordInsert {
  rowNo: number;
  outcome: string;
  confidence: number | null;
  name: string | null;
  idTail: string | null;
  birthDate: string | null;
  bidx: string | null;
  facts: object;
  messages: string[];
  childId: string | null;
  memberId: string | null;
  streetCode: string | null;
  committeeId: string | null;
}

/** The run's records, in batches of one statement each. */
export async function insertRecords(tx: Tx, runId: string, recs: RecordInsert[]): Promise<void> {
  const BATCH = 10_000;
  for (let i = 0; i < recs.length; i += BATCH) {
    const b = recs.slice(i, i + BATCH);
    await q(tx).query(
      `insert into feed_records (run_id, row_no, outcome, confidence, name, id_tail, birth_date, id_number_bidx, facts, messages,
                                 child_id, member_id, street_code, committee_id)
       select $1, t.row_no, t.outcome, t.confidence, t.name, t.id_tail, t.birth_date, t.bidx, t.facts::jsonb,
              array(select jsonb_array_elements_text(t.messages::jsonb)), t.child_id, t.member_id, t.street_code, t.committee_id
         from unnest($2::int[], $3::text[], $4::numeric[], $5::text[], $6::text[], $7::date[], $8::text[], $9::text[], $10::text[],
                     $11::uuid[], $12::uuid[], $13::text[], $14::uuid[])
              as t(row_no, outcome, confidence, name, id_tail, birth_date, bidx, facts, messages, child_id, member_id, street_code, committee_id)`,
      [
        runId,
        b.map((r) => r.rowNo),
        b.map((r) => r.outcome),
        b.map((r) => r.confidence),
        b.map((r) => r.name),
        b.map((r) => r.idTail),
        b.map((r) => r.birthDate),
        b.map((r) => r.bidx),
        b.map((r) => JSON.stringify(r.facts)),
        b.map((r) => JSON.stringify(r.messages)),
        b.map((r) => r.childId),
        b.map((r) => r.memberId),
        b.map((r) => r.streetCode),
        b.map((r) => r.committeeId),
      ],
    );
  }
}

export interface RecordRow {
  id: string;
  row_no: number;
  outcome: FeedRecordOutcome;
  confidence: string | null;
  name: string | null;
  id_tail: string | null;
  birth_date: string | null;
  child_id: string | null;
  child_name: string | null;
  member_name: string | null;
  messages: string[];
  change_id: string | null;
  change_fact: FeedFact | null;
  change_old: unknown;
  change_new: unknown;
  change_state: 'waiting' | 'applied' | 'rejected' | 'superseded' | null;
  member_relation: string | null;
}

const RECORD_SELECT = `select r.id, r.row_no, r.outcome, r.confidence, r.name, r.id_tail, to_char(r.birth_date, 'YYYY-MM-DD') as birth_date, r.child_id, c.name as child_name, m.name as member_name,
    m.relation as member_relation, r.messages, ch.id as change_id, ch.fact as change_fact, ch.old_value as change_old, ch.new_value as change_new,
    ch.state as change_state
  from feed_records r left join children c on c.id = r.child_id left join household_members m on m.id = r.member_id
  left join lateral (select * from feed_changes x where x.record_id = r.id order by x.created_at desc limit 1) ch on true`;

export async function records(tx: Tx, runId: string, outcome: string | null, limit: number, offset: number): Promise<{ rows: RecordRow[]; total: number }> {
  const [list, total] = await Promise.all([
    q(tx).query<RecordRow>(`${RECORD_SELECT} where r.run_id = $1 and ($2::text is null or r.outcome = $2) order by r.row_no, r.id limit $3 offset $4`, [
      runId,
      outcome,
      limit,
      offset,
    ]),
    q(tx).query<{ n: number }>(`select count(*)::int as n from feed_records r where r.run_id = $1 and ($2::text is null or r.outcome = $2)`, [runId, outcome]),
  ]);
  return { rows: list.rows, total: total.rows[0]?.n ?? 0 };
}

export async function record(tx: Tx, id: string): Promise<RecordRow | null> {
  return (await q(tx).query<RecordRow>(`${RECORD_SELECT} where r.id = $1`, [id])).rows[0] ?? null;
}

export async function lockRecord(tx: Tx, id: string): Promise<{ run_id: string; outcome: string; facts: object; confidence: string | null } | null> {
  return (
    (
      await q(tx).query<{ run_id: string; outcome: string; facts: object; confidence: string | null }>(
        `select run_id, outcome, facts, confidence from feed_records where id = $1 for update`,
        [id],
      )
    ).rows[0] ?? null
  );
}

export async function resolveRecord(tx: Tx, id: string, childId: string, memberId: string | null): Promise<void> {
  await q(tx).query(`update feed_records set child_id = $2, member_id = $3, outcome = 'matched', confidence = null where id = $1`, [id, childId, memberId]);
}

export async function memberOfChild(tx: Tx, childId: string, memberId: string): Promise<boolean> {
  return ((await q(tx).query(`select 1 from household_members where id = $1 and child_id = $2`, [memberId, childId])).rowCount ?? 0) > 0;
}

export async function childActive(tx: Tx, childId: string): Promise<boolean> {
  return ((await q(tx).query(`select 1 from children where id = $1 and status = 'active'`, [childId])).rowCount ?? 0) > 0;
}

// ---- confirm ----

export interface Candidate {
  record_id: string;
  confidence: string | null;
  facts: RecordFacts;
  child_id: string;
  member_id: string | null;
  member_name: string | null;
  relation: string | null;
  status: string | null;
  status_since: string | null;
  status_until: string | null;
  disability_type: string | null;
  disability_grade: number | null;
  school_stage: string | null;
  school_name: string | null;
}

const VALUES = `to_char(m.status_since, 'YYYY-MM-DD') as status_since, to_char(m.status_until, 'YYYY-MM-DD') as status_until`;

/**
 * The matched records of a run (or one record) with what is on file for their fact. A member
 * matched by identity number is every family member with that blind index (a parent on the files
 * of two siblings: two changes); one matched by name or by hand is the one found.
 */
export async function candidates(tx: Tx, fact: FeedFact, runId: string, recordId: string | null = null): Promise<Candidate[]> {
  const where = `r.run_id = $1 and ($2::uuid is null or r.id = $2) and r.outcome in ('matched', 'matched-by-name')`;
  const sql =
    fact === 'member.status'
      ? `select r.id as record_id, r.confidence, r.facts, c.id as child_id, m.id as member_id, m.name as member_name, m.relation, m.status, ${VALUES},
                null as disability_type, null::smallint as disability_grade, null as school_stage, null as school_name
           from feed_records r
           join household_members m on (r.confidence = 1 and m.id_number_bidx = r.id_number_bidx) or ((r.confidence is null or r.confidence < 1) and m.id = r.member_id)
           join children c on c.id = m.child_id and c.status = 'active'
          where ${where} order by r.row_no, c.id`
      : `select r.id as record_id, r.confidence, r.facts, c.id as child_id, null::uuid as member_id, null as member_name, null as relation,
                null as status, null as status_since, null as status_until, c.disability_type, c.disability_grade, c.school_stage, c.school_name
           from feed_records r join children c on c.id = r.child_id and c.status = 'active'
          where ${where} order by r.row_no`;
  return (await q(tx).query<Candidate>(sql, [runId, recordId])).rows;
}

export async function markUnchanged(tx: Tx, ids: string[]): Promise<void> {
  if (ids.length) await q(tx).query(`update feed_records set outcome = 'unchanged' where id = any ($1::uuid[])`, [ids]);
}

/** Records about a fact another record of the same run already proposes a change of. */
export async function markDuplicate(tx: Tx, ids: string[]): Promise<void> {
  if (ids.length)
    await q(tx).query(
      `update feed_records set outcome = 'duplicate', messages = array['与本批次另一条记录涉及同一档案的同一信息，已按另一条记录生成拟变更'] where id = any ($1::uuid[])`,
      [ids],
    );
}

/** Waiting changes of these facts are superseded by newer ones. */
export async function supersede(tx: Tx, keys: string[], now: Date): Promise<number> {
  if (!keys.length) return 0;
  const { rowCount } = await q(tx).query(
    `update feed_changes set state = 'superseded', decided_at = $2, note = '已被更新的数据取代' where fact_key = any ($1::text[]) and state = 'waiting'`,
    [keys, now],
  );
  return rowCount ?? 0;
}

export interface ChangeInsert {
  recordId: string;
  childId: string;
  memberId: string | null;
  factKey: string;
  oldValue: object;
  newValue: object;
  effectiveDate: string | null;
  evidence: string | null;
  confidence: number;
  auto: boolean;
}

export async function insertChanges(
  tx: Tx,
  runId: string,
  feedCode: string,
  fact: FeedFact,
  source: string,
  now: Date,
  cs: ChangeInsert[],
): Promise<{ id: string; auto: boolean }[]> {
  if (!cs.length) return [];
  const { rows } = await q(tx).query<{ id: string; auto: boolean }>(
    `insert into feed_changes (run_id, feed_code, fact, source, created_at, record_id, child_id, member_id, fact_key, old_value, new_value,
                               effective_date, evidence, confidence, auto)
     select $1, $2, $3, $4, $5, t.record_id, t.child_id, t.member_id, t.fact_key, t.old_value::jsonb, t.new_value::jsonb, t.effective_date,
            t.evidence, t.confidence, t.auto
       from unnest($6::uuid[], $7::uuid[], $8::uuid[], $9::text[], $10::text[], $11::text[], $12::date[], $13::text[], $14::numeric[], $15::boolean[])
            as t(record_id, child_id, member_id, fact_key, old_value, new_value, effective_date, evidence, confidence, auto)
     returning id, auto`,
    [
      runId,
      feedCode,
      fact,
      source,
      now,
      cs.map((c) => c.recordId),
      cs.map((c) => c.childId),
      cs.map((c) => c.memberId),
      cs.map((c) => c.factKey),
      cs.map((c) => JSON.stringify(c.oldValue)),
      cs.map((c) => JSON.stringify(c.newValue)),
      cs.map((c) => c.effectiveDate),
      cs.map((c) => c.evidence),
      cs.map((c) => c.confidence),
      cs.map((c) => c.auto),
    ],
  );
  return rows;
}

// ---- changes ----

export interface ChangeRow {
  id: string;
  run_id: string;
  feed_code: string;
  feed_name: string;
  child_id: string;
  child_name: string;
  street_name: string;
  committee_name: string;
  member_id: string | null;
  member_name: string | null;
  member_relation: string | null;
  fact: FeedFact;
  fact_key: string;
  old_value: unknown;
  new_value: unknown;
  effective_date: string | null;
  evidence: string | null;
  source: string;
  state: 'waiting' | 'applied' | 'rejected' | 'superseded';
  auto: boolean;
  created_at: Date;
  decided_at: Date | null;
  decided_by_name: string | null;
  note: string | null;
  newly_eligible: { policyId: string; policyName: string }[];
  no_longer_eligible: { policyId: string; policyName: string }[];
}

const CHANGE_SELECT = `select x.id, x.run_id, x.feed_code, f.name as feed_name, x.child_id, c.name as child_name, s.name as street_name, cm.name as committee_name,
    x.member_id, m.name as member_name, m.relation as member_relation, x.fact, x.fact_key, x.old_value, x.new_value,
    to_char(x.effective_date, 'YYYY-MM-DD') as effective_date, x.evidence, x.source, x.state, x.auto, x.created_at, x.decided_at,
    coalesce(u.display_name, case when x.decided_at is not null and x.decided_by is null then '系统（自动应用）' end) as decided_by_name,
    x.note, x.newly_eligible, x.no_longer_eligible
  from feed_changes x join data_feeds f on f.code = x.feed_code join children c on c.id = x.child_id
  join streets s on s.code = x.street_code join committees cm on cm.id = x.committee_id
  left join household_members m on m.id = x.member_id left join users u on u.id = x.decided_by`;

export async function changes(
  tx: Tx,
  f: { state?: string | undefined; feed?: string | undefined; street?: string | undefined },
  limit: number,
  offset: number,
): Promise<{ rows: ChangeRow[]; total: number }> {
  const where = `($1::text is null or x.state = $1) and ($2::text is null or x.feed_code = $2) and ($3::text is null or x.street_code = $3)`;
  const args = [f.state ?? null, f.feed ?? null, f.street ?? null];
  const [list, total] = await Promise.all([
    q(tx).query<ChangeRow>(`${CHANGE_SELECT} where ${where} order by x.created_at desc, x.id limit $4 offset $5`, [...args, limit, offset]),
    q(tx).query<{ n: number }>(`select count(*)::int as n from feed_changes x where ${where}`, args),
  ]);
  return { rows: list.rows, total: total.rows[0]?.n ?? 0 };
}

export async function change(tx: Tx, id: string): Promise<ChangeRow | null> {
  return (await q(tx).query<ChangeRow>(`${CHANGE_SELECT} where x.id = $1`, [id])).rows[0] ?? null;
}

export async function lockChange(tx: Tx, id: string): Promise<{ state: string } | null> {
  return (await q(tx).query<{ state: string }>(`select state from feed_changes where id = $1 for update`, [id])).rows[0] ?? null;
}

export async function decide(
  tx: Tx,
  id: string,
  d: { state: 'applied' | 'rejected'; by: string | null; now: Date; note: string | null; newly?: object[]; noLonger?: object[] },
): Promise<void> {
  await q(tx).query(
    `update feed_changes set state = $2, decided_by = $3, decided_at = $4, note = $5, newly_eligible = $6, no_longer_eligible = $7 where id = $1`,
    [id, d.state, d.by, d.now, d.note, JSON.stringify(d.newly ?? []), JSON.stringify(d.noLonger ?? [])],
  );
}

/** What is on file now for a change's fact (the file may have changed since it was proposed). */
export async function onFile(
  tx: Tx,
  fact: FeedFact,
  childId: string,
  memberId: string | null,
): Promise<Omit<Candidate, 'record_id' | 'confidence' | 'facts'> | null> {
  const sql =
    fact === 'member.status'
      ? `select m.child_id, m.id as member_id, m.name as member_name, m.relation, m.status, ${VALUES}, null as disability_type, null::smallint as disability_grade,
                null as school_stage, null as school_name from household_members m where m.id = $2 and m.child_id = $1`
      : `select c.id as child_id, null::uuid as member_id, null as member_name, null as relation, null as status, null as status_since, null as status_until,
                c.disability_type, c.disability_grade, c.school_stage, c.school_name from children c where c.id = $1 and ($2::uuid is null)`;
  return (await q(tx).query<Omit<Candidate, 'record_id' | 'confidence' | 'facts'>>(sql, [childId, memberId])).rows[0] ?? null;
}

export async function childVersion(tx: Tx, childId: string): Promise<number | null> {
  return (await q(tx).query<{ version: number }>(`select version from children where id = $1`, [childId])).rows[0]?.version ?? null;
}

/** The child's verdicts per policy and the policies with a granted entitlement. */
export async function eligibilityOf(tx: Tx, childId: string): Promise<{ verdicts: Map<string, string>; granted: Set<string> }> {
  const [v, g] = await Promise.all([
    q(tx).query<{ policy_id: string; verdict: string }>(`select policy_id, verdict from eligibility_results where child_id = $1`, [childId]),
    q(tx).query<{ policy_id: string }>(`select policy_id from entitlements where child_id = $1 and status = 'granted'`, [childId]),
  ]);
  return { verdicts: new Map(v.rows.map((r) => [r.policy_id, r.verdict])), granted: new Set(g.rows.map((r) => r.policy_id)) };
}

// ---- indicators (督办): the registry's query contract ($1 as-of day, $2 streets, $3 today) ----

/**
 * The last run of each active feed received on or before the as-of day, with its day. Feeds are
 * the district's: each street is given the district's figure, and the total row is the same.
 */
const LAST_RUNS = `select f.code, f.frequency, lr.id as run_id, lr.day
    from data_feeds f
    left join lateral (select r.id, (r.received_at at time zone 'Asia/Shanghai')::date as day from feed_runs r
                        where r.feed_code = f.code and r.state <> 'discarded' and (r.received_at at time zone 'Asia/Shanghai')::date <= $1::date
                        order by r.received_at desc limit 1) lr on true
   where f.active`;

const perStreetAndTotal = (agg: string) => `with x as (${agg})
  select s.code as street_code, x.num, x.den, null::numeric as val from streets s cross join x where s.code = any ($2::text[])
  union all select null, x.num, x.den, null::numeric from x`;

/** Share of the active feeds whose last run is within its frequency (a day, a week, 31 or 92 days). */
export const indicatorSqlOnTime = perStreetAndTotal(`select count(*) filter (where l.day is not null and $1::date - l.day <=
      case l.frequency when 'daily' then 1 when 'weekly' then 7 when 'monthly' then 31 else 92 end)::numeric as num, count(*)::numeric as den
    from (${LAST_RUNS}) l`);

/** Share of the records of the feeds' last runs that were matched to a file (errors and duplicates left out). */
export const indicatorSqlMatchRate = perStreetAndTotal(`select count(*) filter (where r.outcome in ('matched', 'matched-by-name', 'unchanged'))::numeric as num,
      count(*) filter (where r.outcome not in ('error', 'duplicate'))::numeric as den
    from (${LAST_RUNS}) l join feed_records r on r.run_id = l.run_id`);

/** Changes waiting for review now, by the street of their child (current state: the day only types $1). */
export const indicatorSqlWaiting = `select x.street_code, count(*) as num, null::numeric as den, null::numeric as val
    from feed_changes x where x.state = 'waiting' and x.street_code = any ($2::text[]) and $1::date is not null
   group by grouping sets ((x.street_code), ())`;

/** Distinct child × policy made eligible by feed changes applied on or before the day. */
export const indicatorSqlBenefitsFound = `select x.street_code, count(distinct (x.child_id, p.policy)) as num, null::numeric as den, null::numeric as val
    from feed_changes x cross join lateral (select e ->> 'policyId' as policy from jsonb_array_elements(x.newly_eligible) e) p
   where x.state = 'applied' and x.street_code = any ($2::text[]) and (x.decided_at at time zone 'Asia/Shanghai')::date <= $1::date
   group by grouping sets ((x.street_code), ())`;
