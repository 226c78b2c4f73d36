/** eligibility_results: the stored matching results per child and policy. */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import { db, firstRow, type Client } from './rows.js';

export interface StoredVerdictRow {
  child_id: string;
  policy_id: string;
  verdict: string;
  amount_fen: number | null;
}
export async function storedVerdicts(c: Client, childIds: readonly string[]): Promise<StoredVerdictRow[]> {
  return (
    await db(c).query<StoredVerdictRow>('select child_id, policy_id, verdict, amount_fen from eligibility_results where child_id = any ($1::uuid[])', [
      childIds,
    ])
  ).rows;
}

/** Upserts results given as columns (child, policy, logic version, as of, verdict, amount, failed, missing, basis). */
export async function upsertResults(c: Client, cols: unknown[][]): Promise<void> {
  await db(c).query(
    `insert into eligibility_results (child_id, policy_id, logic_version, as_of, verdict, amount_fen, failed, missing, basis)
     select * from unnest($1::uuid[], $2::text[], $3::text[], $4::date[], $5::text[], $6::bigint[], $7::jsonb[], $8::jsonb[], $9::text[])
     on conflict (child_id, policy_id) do update set logic_version = excluded.logic_version, as_of = excluded.as_of, verdict = excluded.verdict,
       amount_fen = excluded.amount_fen, failed = excluded.failed, missing = excluded.missing, basis = excluded.basis, computed_at = now()`,
    cols,
  );
}

/**
 * The district run's staging table (its transaction's own, dropped at commit): full results of the
 * children the run recomputes, merged at the end in one statement (mergeStage).
 */
export async function createStage(c: Client): Promise<void> {
  await db(c).query(
    `drop table if exists eligibility_stage;
     create temp table eligibility_stage (child_id uuid not null, policy_id text not null, logic_version text, as_of date not null, verdict text not null,
       amount_fen bigint, failed jsonb not null, missing jsonb not null, basis text) on commit drop`,
  );
}

/** A value in COPY's text format: null as \N; backslash, tab, newline and carriage return escaped. */
const COPY_ESCAPE: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
export function copyText(v: string | number | null): string {
  if (v === null) return '\\N';
  return String(v).replace(/[\\\t\n\r]/g, (ch) => COPY_ESCAPE[ch] ?? ch);
}

/**
 * Rows (child, policy, logic version, as of, verdict, amount, failed, missing — JSON text —, basis)
 * into the staging table, by COPY: the rows were sent as nine array parameters, serialised to
 * array literals in Node and parsed back by the server (a share of the first run's write).
 */
export async function stageRows(c: Client, rows: readonly (readonly (string | number | null)[])[]): Promise<void> {
  if (!rows.length) return;
  const text = rows.map((r) => r.map(copyText).join('\t')).join('\n') + '\n';
  const copy = db(c).query(
    copyFrom('copy eligibility_stage (child_id, policy_id, logic_version, as_of, verdict, amount_fen, failed, missing, basis) from stdin'),
  );
  await pipeline(Readable.from([text]), copy);
}

/**
 * The staged rows into the results, in one statement: how many are new or changed verdict or
 * amount is counted on the rows as they were before (one snapshot for the whole statement). The
 * area of a new row comes from a join with its child, made as the caller, and the statement is
 * checked once against the children (migration 20261210_1900) instead of a lookup per row; a child
 * the caller cannot see has no area from the (left) join, and the row trigger refuses it.
 */
export async function mergeStage(c: Client): Promise<number> {
  // Statistics of the staged rows: a few hundred on a quiet night (look the stored rows up by key),
  // every child on the first run (one pass over both).
  await db(c).query('analyze eligibility_stage');
  return firstRow(
    (
      await db(c).query<{ changed: number }>(
        `with changed as (
           select count(*)::int as n from eligibility_stage s left join eligibility_results r on r.child_id = s.child_id and r.policy_id = s.policy_id
            where r.id is null or r.verdict <> s.verdict or r.amount_fen is distinct from s.amount_fen),
         merged as (
           insert into eligibility_results (child_id, street_code, committee_id, policy_id, logic_version, as_of, verdict, amount_fen, failed, missing, basis)
           select s.child_id, c.street_code, c.committee_id, s.policy_id, s.logic_version, s.as_of, s.verdict, s.amount_fen, s.failed, s.missing, s.basis
             from eligibility_stage s left join children c on c.id = s.child_id
           on conflict (child_id, policy_id) do update set logic_version = excluded.logic_version, as_of = excluded.as_of, verdict = excluded.verdict,
             amount_fen = excluded.amount_fen, failed = excluded.failed, missing = excluded.missing, basis = excluded.basis, computed_at = now()
           returning 1)
         select (select n from changed) as changed, (select count(*) from merged)::int as merged`,
      )
    ).rows,
    'merge',
  ).changed;
}

/** Eligible stored results of these children without an entitlement (an ended one does not count). */
export async function dueSuggestions(
  c: Client,
  childIds: readonly string[],
  policyIds: readonly string[],
): Promise<{ child_id: string; policy_id: string; amount_fen: number | null }[]> {
  return (
    await db(c).query<{ child_id: string; policy_id: string; amount_fen: number | null }>(
      `select r.child_id, r.policy_id, r.amount_fen from eligibility_results r
     where r.child_id = any ($1::uuid[]) and r.policy_id = any ($2::text[]) and r.verdict = 'eligible'
       and not exists (select 1 from entitlements e where e.child_id = r.child_id and e.policy_id = r.policy_id and e.status <> 'ended')
     order by r.child_id, r.policy_id`,
      [childIds, policyIds],
    )
  ).rows;
}

/**
 * What is stored, per active child: the number of rows for the pack's policies, and their basis
 * when all rows share one (it covers the result codes too: batch.ts, basisOf) — two plain
 * aggregates, where the result codes were read from every row's jsonb and sorted per child.
 */
export interface StoredSummaryRow {
  child_id: string;
  n: number;
  basis: string | null;
}
export async function storedSummaries(c: Client, policyIds: readonly string[]): Promise<StoredSummaryRow[]> {
  return (
    await db(c).query<StoredSummaryRow>(
      `select r.child_id, count(*)::int as n, case when count(r.basis) = count(*) and min(r.basis) = max(r.basis) then min(r.basis) end as basis
     from eligibility_results r join children c on c.id = r.child_id
     where c.status = 'active' and r.policy_id = any ($1::text[])
     group by r.child_id`,
      [policyIds],
    )
  ).rows;
}

/** The active children's rows not computed for this date get the date (their results are unchanged). */
export async function moveAsOf(c: Client, asOf: string, policyIds: readonly string[]): Promise<void> {
  await db(c).query(
    `update eligibility_results r set as_of = $1::date, computed_at = now() from children c
     where c.id = r.child_id and c.status = 'active' and r.policy_id = any ($2::text[]) and r.as_of <> $1::date`,
    [asOf, policyIds],
  );
}

/** Whether anything was ever matched (in the caller's area). */
export async function anyResult(c: Client): Promise<boolean> {
  return !!(await db(c).query('select 1 from eligibility_results limit 1')).rowCount;
}

/** Eligible results of a child with no granted or refused entitlement (the care-plan proposal). */
export async function eligibleUndecidedPolicies(c: Client, childId: string): Promise<string[]> {
  return (
    await db(c).query<{ policy_id: string }>(
      `select r.policy_id from eligibility_results r
     where r.child_id = $1 and r.verdict = 'eligible'
       and not exists (select 1 from entitlements e where e.child_id = r.child_id and e.policy_id = r.policy_id and e.status in ('granted', 'refused'))
     order by r.policy_id`,
      [childId],
    )
  ).rows.map((r) => r.policy_id);
}
