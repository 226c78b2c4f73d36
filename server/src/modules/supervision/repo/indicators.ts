/**
 * SQL around the indicators: running a registered indicator's query (its text is data of the
 * registry), the day's cache, the month-end snapshots and the streets.
 */
import type pg from 'pg';
import { sql, type Db } from './db.js';

export async function allStreets(db: Db): Promise<{ code: string; name: string }[]> {
  return (await sql(db).query<{ code: string; name: string }>('select code, name from streets order by sort, code')).rows;
}

/** Bounds the transaction's statements: a slow indicator fails alone. */
export async function limitStatementTime(db: Db): Promise<void> {
  await sql(db).query(`set local statement_timeout = '20s'`);
}

export interface IndicatorRow {
  street_code: string | null;
  num: unknown;
  den: unknown;
  val: unknown;
}
export interface IndicatorPartRow {
  street_code: string | null;
  key: string;
  n: unknown;
}

/** Runs a registered indicator query (registry contract: $1 as-of day, $2 streets, $3 is-today). */
export async function runIndicatorQuery(db: Db, text: string, args: unknown[]): Promise<IndicatorRow[]> {
  return (await sql(db).query<IndicatorRow>(text, args)).rows;
}

export async function runIndicatorPartsQuery(db: Db, text: string, args: unknown[]): Promise<IndicatorPartRow[]> {
  return (await sql(db).query<IndicatorPartRow>(text, args)).rows;
}

export interface CacheRow {
  indicator: string;
  street_code: string;
  numerator: unknown;
  denominator: unknown;
  value: unknown;
  parts: { key: string; n: number }[] | null;
  computed_at: Date;
}

export async function cacheRows(db: Db, asOf: string, codes: string[]): Promise<CacheRow[]> {
  return (
    await sql(db).query<CacheRow>(
      `select indicator, street_code, numerator, denominator, value, parts, computed_at from indicator_cache where as_of = $1 and indicator = any ($2::text[])`,
      [asOf, codes],
    )
  ).rows;
}

export interface CacheLine {
  streetCode: string;
  num: number | null;
  den: number | null;
  val: number | null;
  parts: { key: string; n: number }[] | null;
}

/** Replaces an indicator's cached figures of a day, in one transaction of its own. */
export async function replaceCache(pool: pg.Pool, code: string, asOf: string, list: CacheLine[], computedAt: Date): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    await client.query('delete from indicator_cache where indicator = $1 and as_of = $2', [code, asOf]);
    await client.query(
      `insert into indicator_cache (indicator, as_of, street_code, numerator, denominator, value, parts, computed_at)
       select $1, $2, s, n, d, v, p, $8 from unnest($3::text[], $4::numeric[], $5::numeric[], $6::numeric[], $7::jsonb[]) as t(s, n, d, v, p)`,
      [
        code,
        asOf,
        list.map((x) => x.streetCode),
        list.map((x) => x.num),
        list.map((x) => x.den),
        list.map((x) => x.val),
        list.map((x) => (x.parts ? JSON.stringify(x.parts) : null)),
        computedAt,
      ],
    );
    await client.query('commit');
  } catch (err) {
    await client.query('rollback').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}

export interface SnapshotRow {
  street_code: string;
  numerator: unknown;
  denominator: unknown;
  value: unknown;
  computed_at: Date;
}

export async function snapshotOf(db: Db, code: string, month: string): Promise<SnapshotRow[]> {
  return (
    await sql(db).query<SnapshotRow>(
      `select street_code, numerator, denominator, value, computed_at from indicator_snapshots where indicator = $1 and month = $2`,
      [code, month],
    )
  ).rows;
}

export async function anySnapshot(db: Db): Promise<boolean> {
  return Boolean((await sql(db).query('select 1 from indicator_snapshots limit 1')).rowCount);
}

export interface SnapshotLine {
  code: string;
  month: string;
  streetCode: string;
  num: number | null;
  den: number | null;
  value: number | null;
}

export async function upsertSnapshots(db: Db, rows: SnapshotLine[]): Promise<void> {
  await sql(db).query(
    `insert into indicator_snapshots (indicator, month, street_code, numerator, denominator, value)
     select * from unnest($1::text[], $2::text[], $3::text[], $4::numeric[], $5::numeric[], $6::numeric[])
     on conflict (indicator, month, street_code) do update set numerator = excluded.numerator, denominator = excluded.denominator,
       value = excluded.value, computed_at = now()`,
    [
      rows.map((r) => r.code),
      rows.map((r) => r.month),
      rows.map((r) => r.streetCode),
      rows.map((r) => r.num),
      rows.map((r) => r.den),
      rows.map((r) => r.value),
    ],
  );
}

export interface TrendRow {
  indicator: string;
  month: string;
  street_code: string;
  numerator: unknown;
  denominator: unknown;
  value: unknown;
}

/** Snapshots of `months`: the district rows, or those of `streets`. */
export async function trendRows(db: Db, months: string[], streets: string[], allStreets: boolean): Promise<TrendRow[]> {
  return (
    await sql(db).query<TrendRow>(
      `select indicator, month, street_code, numerator, denominator, value from indicator_snapshots
     where month = any ($1::text[]) and ${allStreets ? `street_code = ''` : `street_code = any ($2::text[])`}`,
      allStreets ? [months] : [months, streets],
    )
  ).rows;
}
