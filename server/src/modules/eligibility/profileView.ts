/**
 * The SQL path of 免申即享: the `eligibility_profiles` view (migration 0023) and the reference
 * data it needs. `packSql(pack, asOf).select(profilesAt(asOf))` gives per child and policy 1
 * (eligible), 0 (not eligible) or NULL (undetermined), as the single-child evaluator does — except
 * for the HIV allowance, whose input the database cannot read (encrypted): NULL over SQL.
 */
import type pg from 'pg';
import { dayFromIso, loadPack, packSql, type Pack } from '../../../../engine/src/index.js';
import * as entitlementsRepo from './repo/entitlements.js';

export const PROFILE_VIEW = 'eligibility_profiles';
/** The setting the view reads for its as-of date (today in Shanghai when unset). */
export const AS_OF_SETTING = 'eligibility.as_of';

/** The profile rows on a date, as a FROM item named like the view (the date as a literal). */
export function profilesAt(asOf: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf)) throw new Error(`invalid date ${asOf}`);
  return `eligibility_profiles_at(DATE '${asOf}') AS ${PROFILE_VIEW}`;
}

/**
 * One statement counting, per policy, the children eligible (`<policy>:e`) and undetermined
 * (`<policy>:u`) on a date, over the view in the caller's area. `OFFSET 0` keeps the per-child
 * select a subquery: flattened, PostgreSQL would compute each policy's expression once per
 * FILTER (measured: 3.0 s instead of 2.0 s on 100,000 children).
 */
export function countByPolicySql(pack: Pack, asOf: string): string {
  const day = dayFromIso(asOf);
  if (day === null) throw new Error(`invalid date ${asOf}`);
  const counts = pack.policies.map(
    (p) => `  count(*) FILTER (WHERE r."${p.id}" = 1)::int AS "${p.id}:e", count(*) FILTER (WHERE r."${p.id}" IS NULL)::int AS "${p.id}:u"`,
  );
  return `SELECT count(*)::int AS children,\n${counts.join(',\n')}\nFROM (${packSql(pack, day).select(profilesAt(asOf))}\nOFFSET 0) r`;
}

/** Writes the pack's policy ids and Chinese names (benefits are recorded by either); at every start. */
export async function syncPolicyNames(client: pg.ClientBase, pack: Pack = loadPack()): Promise<void> {
  await entitlementsRepo.syncPolicyNames(
    client,
    pack.policies.map((p) => p.id),
    pack.policies.map((p) => p.name.zh),
  );
}
