/**
 * The policy pack of 免申即享 on the platform: the pack as written in engine/policies (loaded once),
 * merged with the maintained dated values of `policy_values` per application instance; the
 * policies whose results disclose a restricted health fact; today's date in Shanghai; and the
 * pure helpers the stored results and the work lists use.
 */
import type { EligibilityVerdict } from '#common/eligibility.js';
import { shanghaiDate } from '#common/dates.js';
import { dayFromIso, INPUT_BY_PATH, loadPack, withMaintainedValues, type MaintainedValue, type Pack, type PolicyResult } from '../../../../engine/src/index.js';
import type { AppDeps } from '../../core/deps.js';
import type { Tx } from '../../core/context.js';
import * as entitlementsRepo from './repo/entitlements.js';

/** The pack as written in engine/policies (validated once, at server start). */
export const BASE_PACK: Pack = loadPack();

export interface MaintainedRow extends MaintainedValue {
  id: number;
  createdAt: string;
}

/** The merged pack per application instance (maintained values live in that instance's database). */
const cache = new WeakMap<AppDeps, { pack: Pack; maintained: MaintainedRow[] }>();

/** A date column read as YYYY-MM-DD (to_char): a day number. */
function day(iso: string): number {
  const d = dayFromIso(iso);
  if (d === null) throw new Error(`invalid date ${iso}`);
  return d;
}

export async function maintainedValues(tx: Tx): Promise<MaintainedRow[]> {
  return (await entitlementsRepo.policyValues(tx)).map((r) => {
    const m: MaintainedRow = {
      id: Number(r.id),
      policy: r.policy_id,
      param: r.param,
      from: day(r.from_date),
      to: r.to_date ? day(r.to_date) : null,
      value: Number(r.value),
      source: r.source,
      verified: r.verified,
      createdAt: r.created_at.toISOString(),
    };
    if (r.note) m.note = r.note;
    return m;
  });
}

export async function packFor(deps: AppDeps, tx: Tx): Promise<{ pack: Pack; maintained: MaintainedRow[] }> {
  const hit = cache.get(deps);
  if (hit) return hit;
  const maintained = await maintainedValues(tx);
  const entry = { pack: withMaintainedValues(BASE_PACK, maintained), maintained };
  cache.set(deps, entry);
  return entry;
}
export function invalidatePack(deps: AppDeps): void {
  cache.delete(deps);
}

export const todayShanghai = (deps: AppDeps): string => shanghaiDate(deps.clock());

/** An ISO date the schema validated (YYYY-MM-DD) as a day number. */
export const dayOf = day;

export const VERDICT_OF: Record<PolicyResult['result'], EligibilityVerdict> = {
  eligible: 'eligible',
  'not-eligible': 'not_eligible',
  undetermined: 'undetermined',
};

/**
 * What the 待补充信息 list asks for one result: the child's facts a caseworker can fill in and that
 * could change this result, then the open questions to check by hand (需人工核实). Facts an
 * authority holds (HIV status: 卫生健康部门) are never on it — they come from that unit — nor are
 * standards (an administrator maintains them; the answer says 标准待维护 / 待核实).
 */
export function toFillIn(r: Pick<PolicyResult, 'missing' | 'review'>): string[] {
  const facts = r.missing.filter((m) => !INPUT_BY_PATH.get(m.path)?.heldBy).map((m) => m.label);
  return [...facts, ...r.review.map((x) => `需人工核实：${x.text}`)];
}

/** Kinds of benefit by what a child stands to lose when the answer waits (after monthly money). */
const KIND_RANK: Record<string, number> = {
  'monthly-allowance': 0,
  category: 1,
  'means-tested-assistance': 2,
  'medical-assistance': 3,
  'education-aid': 4,
  'fee-waiver': 5,
  assistance: 6,
  'service-subsidy': 7,
};
/**
 * The rank of a policy in 待补充信息 (lower first): monthly allowances by their standard on the
 * date (a higher standard first), then the other kinds in KIND_RANK's order. A ranking only: no
 * figure is shown from it.
 */
export function stakeRank(pack: Pack, asOf: string): { policies: string[]; ranks: number[] } {
  const d = day(asOf);
  const ranks = pack.policies.map((p) => {
    const a = p.amount;
    const param = a.kind === 'formula' && a.formula.k === 'param' ? p.parameters.get(a.formula.name) : undefined;
    const v = param?.values.find((x) => x.from <= d && (x.end === null || d <= x.end));
    const base = (KIND_RANK[p.kind] ?? 9) * 1e7;
    return v ? base - Math.min(v.value, 1e7 - 1) : base + 1e7 - 1;
  });
  return { policies: pack.policies.map((p) => p.id), ranks };
}

/**
 * Profile fields that are restricted health facts. A policy with a criterion reading one of them
 * discloses it through its result (eligible for the HIV allowance = HIV-infected; not eligible on
 * that criterion = not infected), so its results are shown only to users with children.health.
 */
export const RESTRICTED_FIELDS = ['child.hivInfected'] as const;

const restrictedCache = new WeakMap<Pack, ReadonlySet<string>>();
/** Policies whose result discloses a restricted health fact (any logic version reads one). */
export function restrictedPolicies(pack: Pack): ReadonlySet<string> {
  let hit = restrictedCache.get(pack);
  if (!hit) {
    const reads = (src: string) => RESTRICTED_FIELDS.some((f) => new RegExp(`\\b${f.replace('.', '\\.')}\\b`).test(src));
    hit = new Set(pack.policies.filter((p) => p.logic.some((l) => l.leaves.some((c) => reads(c.src)))).map((p) => p.id));
    restrictedCache.set(pack, hit);
  }
  return hit;
}
