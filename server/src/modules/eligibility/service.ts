/**
 * 免申即享 on the platform: the policy pack (loaded once, merged with the maintained dated values
 * of `policy_values`), evaluation of a child from its file, storage of results and suggested
 * entitlements.
 */
import type { EvalPolicy, EligibilityVerdict } from '#common/eligibility.js';
import {
  checkProfile, codecFor, dayFromIso, evaluateChild, INPUT_BY_PATH, isoFromDay, loadPack, ProfileTable, profileFromChildFile, renderPolicy, whatIf, withMaintainedValues,
  type MaintainedValue, type Pack, type PolicyResult,
} from '../../../../engine/src/index.js';
import type { AppDeps } from '../../core/deps.js';
import type { Tx } from '../../core/context.js';
import { errors } from '../../core/errors.js';
import { shanghaiDate } from '#common/dates.js';
import { mayHandleHealth, openHiv } from '../children/healthFacts.js';
import { loadChildFile } from '../children/queries.js';
import { loadProfiles, profileError } from './profiles.js';

/** The pack as written in engine/policies (validated once, at server start). */
export const BASE_PACK: Pack = loadPack();

export interface MaintainedRow extends MaintainedValue { id: number; createdAt: string }

/** The merged pack per application instance (maintained values live in that instance's database). */
const cache = new WeakMap<AppDeps, { pack: Pack; maintained: MaintainedRow[] }>();

export async function maintainedValues(tx: Tx): Promise<MaintainedRow[]> {
  const { rows } = await tx.client.query<{ id: string; policy_id: string; param: string; from_date: string; to_date: string | null; value: string; source: string; verified: boolean; note: string | null; created_at: Date }>(
    `select id, policy_id, param, to_char(from_date, 'YYYY-MM-DD') as from_date, to_char(to_date, 'YYYY-MM-DD') as to_date, value::text as value, source, verified, note, created_at
     from policy_values order by policy_id, param, from_date`);
  return rows.map((r) => {
    const m: MaintainedRow = {
      id: Number(r.id), policy: r.policy_id, param: r.param, from: dayFromIso(r.from_date)!, to: r.to_date ? dayFromIso(r.to_date)! : null,
      value: Number(r.value), source: r.source, verified: r.verified, createdAt: r.created_at.toISOString(),
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
export function invalidatePack(deps: AppDeps): void { cache.delete(deps); }

export const todayShanghai = (deps: AppDeps): string => shanghaiDate(deps.clock());

export const VERDICT_OF: Record<PolicyResult['result'], EligibilityVerdict> = { eligible: 'eligible', 'not-eligible': 'not_eligible', undetermined: 'undetermined' };

/**
 * What the 待补充信息 list asks for one result: the child's facts a caseworker can fill in and that
 * could change this result, then the open questions to check by hand (需人工核实). Facts an
 * authority holds (HIV status: 卫生健康部门) are never on it — they come from that unit — nor are
 * standards (an administrator maintains them; the answer says 标准待维护 / 待核实).
 */
export function toFillIn(r: PolicyResult): string[] {
  const facts = r.missing.filter((m) => !INPUT_BY_PATH.get(m.path)?.heldBy).map((m) => m.label);
  return [...facts, ...r.review.map((x) => `需人工核实：${x.text}`)];
}

/** The missing facts with where each comes from (the child tab shows all of them). */
function missingShown(r: PolicyResult): { path: string; label: string }[] {
  return [
    ...r.missing.map((m) => {
      const heldBy = INPUT_BY_PATH.get(m.path)?.heldBy;
      return { path: m.path, label: heldBy ? `${m.label}（由${heldBy}提供）` : m.label };
    }),
    ...r.missingParams.map((p) => ({ path: `param.${p.name}`, label: `${p.label}（${/待核实/.test(p.reason) ? '待核实' : '标准待维护'}）` })),
    ...r.review.map((x) => ({ path: `review.${x.criterion}`, label: `需人工核实：${x.text}` })),
  ];
}

/** Kinds of benefit by what a child stands to lose when the answer waits (after monthly money). */
const KIND_RANK: Record<string, number> = {
  'monthly-allowance': 0, category: 1, 'means-tested-assistance': 2, 'medical-assistance': 3, 'education-aid': 4, 'fee-waiver': 5, assistance: 6, 'service-subsidy': 7,
};
/**
 * The rank of a policy in 待补充信息 (lower first): monthly allowances by their standard on the
 * date (a higher standard first), then the other kinds in KIND_RANK's order. A ranking only: no
 * figure is shown from it.
 */
export function stakeRank(pack: Pack, asOf: string): { policies: string[]; ranks: number[] } {
  const day = dayFromIso(asOf)!;
  const ranks = pack.policies.map((p) => {
    const a = p.amount;
    const param = a.kind === 'formula' && a.formula.k === 'param' ? p.parameters.get(a.formula.name) : undefined;
    const v = param?.values.find((x) => x.from <= day && (x.end === null || day <= x.end));
    const base = (KIND_RANK[p.kind] ?? 9) * 1e7;
    return v ? base - Math.min(v.value, 1e7 - 1) : base + 1e7 - 1;
  });
  return { policies: pack.policies.map((p) => p.id), ranks };
}

export function presentResult(r: PolicyResult): EvalPolicy {
  const labels = new Map(r.criteria.map((c) => [c.id, c.label]));
  const citations = new Set<string>();
  for (const c of r.criteria) if (c.failed || c.value !== null) citations.add(c.clause);
  for (const b of r.legalBasis) citations.add([b.doc, b.title ? `《${b.title}》` : '', b.article ?? '', b.date ? `（${b.date}）` : ''].join(''));
  return {
    policy: r.policy, name: r.name, unit: r.unit, unitLabel: r.unitLabel, verdict: VERDICT_OF[r.result],
    // only a decided answer carries an amount; an undetermined one shows the standard as 若符合…
    amountFen: r.result === 'eligible' && r.amount.status === 'computed' ? r.amount.fen : null,
    amountText: r.amount.status === 'not-maintained' ? `标准待维护：${r.amount.reason}` : r.amount.text,
    amountStatus: r.amount.status,
    failed: r.failed.map((id) => ({ id, label: labels.get(id) ?? id })),
    missing: missingShown(r),
    summary: r.summary,
    explanation: r.explanation,
    lines: renderPolicy(r).split('\n').map((l) => l.trim()).filter((l) => l.length > 0),
    citations: [...citations].filter((c) => c.length > 0),
    logicVersion: r.logic?.version ?? null,
  };
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
/** The policies the caller may not see results of (none with children.health). */
export function hiddenPolicies(tx: Tx, pack: Pack): ReadonlySet<string> {
  return mayHandleHealth(tx) ? new Set() : restrictedPolicies(pack);
}
/** Drops the results the caller may not see. */
export function visibleResults<T extends { policy: string }>(tx: Tx, pack: Pack, results: T[]): T[] {
  const hidden = hiddenPolicies(tx, pack);
  return hidden.size ? results.filter((r) => !hidden.has(r.policy)) : results;
}

/**
 * The child's HIV status as stored, whoever the caller is: the matching needs the fact (the system
 * that runs it at night has no children.health either); what it discloses is filtered on output
 * (`visibleResults`, `hiddenPolicies`).
 */
async function storedHiv(tx: Tx, deps: AppDeps, childId: string): Promise<boolean | null> {
  const r = (await tx.client.query<{ hiv_infected_enc: string | null }>('select hiv_infected_enc from children where id = $1', [childId])).rows[0];
  return openHiv(deps, r?.hiv_infected_enc ?? null);
}

/** Every policy for a child in scope on a date (404 when the child is not visible). */
export async function evaluateChildFile(tx: Tx, deps: AppDeps, pack: Pack, childId: string, asOf: string): Promise<PolicyResult[]> {
  const file = await loadChildFile(tx, deps, childId);
  if (!file) throw errors.notFound('未找到该儿童档案，或不在您的辖区内');
  const hivInfected = file.restricted.includes('hivInfected') ? await storedHiv(tx, deps, childId) : file.hivInfected;
  const profile = profileFromChildFile(file, asOf, { policies: pack.policies, extra: { hivInfected } });
  const checked = checkProfile(profile, pack.policyIds);
  if (!checked.ok) throw profileError(checked.errors);
  return evaluateChild(pack, checked.facts, dayFromIso(asOf)!);
}

/**
 * Stores the results of one child (one row per policy) and suggests an entitlement for each
 * eligible policy that has none (a refused one counts: it is not suggested again). Returns how
 * many results changed verdict or amount, and how many entitlements were suggested.
 */
export async function storeResults(tx: Tx, childId: string, results: PolicyResult[], basis: string | null = null): Promise<{ changed: number; suggested: number }> {
  const changed = await writeResults(tx, [{ childId, results, basis }]);
  const eligible = results.filter((r) => r.result === 'eligible');
  let suggested = 0;
  if (eligible.length) {
    const have = new Set((await tx.client.query<{ policy_id: string }>(
      `select policy_id from entitlements where child_id = $1 and status <> 'ended'`, [childId])).rows.map((r) => r.policy_id));
    for (const r of eligible) {
      if (have.has(r.policy)) continue;
      await suggestEntitlement(tx, childId, { policy: r.policy, name: r.name.zh, asOf: r.asOf, amountFen: r.amount.status === 'computed' ? r.amount.fen : null });
      suggested++;
    }
  }
  return { changed, suggested };
}

/**
 * Upserts the results of several children (one statement), with their basis (what the batch run
 * compares to skip an unchanged child, batch.ts; null when not known). Returns how many results
 * are new or changed verdict or amount.
 */
export async function writeResults(tx: Tx, entries: readonly { childId: string; results: readonly PolicyResult[]; basis: string | null }[]): Promise<number> {
  if (!entries.length) return 0;
  const before = new Map((await tx.client.query<{ child_id: string; policy_id: string; verdict: string; amount_fen: number | null }>(
    'select child_id, policy_id, verdict, amount_fen from eligibility_results where child_id = any ($1::uuid[])', [entries.map((e) => e.childId)])).rows
    .map((r) => [`${r.child_id}|${r.policy_id}`, r]));
  let changed = 0;
  const cols: unknown[][] = [[], [], [], [], [], [], [], [], []];
  for (const { childId, results, basis } of entries) {
    for (const r of results) {
      const v = VERDICT_OF[r.result];
      const amount = r.amount.status === 'computed' ? r.amount.fen : null;
      const old = before.get(`${childId}|${r.policy}`);
      if (!old || old.verdict !== v || (old.amount_fen === null ? null : Number(old.amount_fen)) !== amount) changed++;
      const labels = new Map(r.criteria.map((c) => [c.id, c.label]));
      [childId, r.policy, r.logic?.version ?? null, r.asOf, v, amount,
        JSON.stringify(r.failed.map((id) => ({ id, label: labels.get(id) ?? id }))),
        JSON.stringify(toFillIn(r)), basis].forEach((x, k) => cols[k]!.push(x));
    }
  }
  await tx.client.query(
    `insert into eligibility_results (child_id, policy_id, logic_version, as_of, verdict, amount_fen, failed, missing, basis)
     select * from unnest($1::uuid[], $2::text[], $3::text[], $4::date[], $5::text[], $6::bigint[], $7::jsonb[], $8::jsonb[], $9::text[])
     on conflict (child_id, policy_id) do update set logic_version = excluded.logic_version, as_of = excluded.as_of, verdict = excluded.verdict,
       amount_fen = excluded.amount_fen, failed = excluded.failed, missing = excluded.missing, basis = excluded.basis, computed_at = now()`, cols);
  return changed;
}

/**
 * Suggests an entitlement for every stored eligible result of these children that has none (an
 * ended one does not count, a refused one does) — what storeResults does per child, in one query.
 */
export async function suggestDue(tx: Tx, pack: Pack, childIds: readonly string[], asOf: string): Promise<number> {
  if (!childIds.length) return 0;
  const due = await tx.client.query<{ child_id: string; policy_id: string; amount_fen: number | null }>(
    `select r.child_id, r.policy_id, r.amount_fen from eligibility_results r
     where r.child_id = any ($1::uuid[]) and r.policy_id = any ($2::text[]) and r.verdict = 'eligible'
       and not exists (select 1 from entitlements e where e.child_id = r.child_id and e.policy_id = r.policy_id and e.status <> 'ended')
     order by r.child_id, r.policy_id`, [childIds, pack.policyIds]);
  for (const d of due.rows) await suggestEntitlement(tx, d.child_id, { policy: d.policy_id, name: pack.byId.get(d.policy_id)!.name.zh, asOf, amountFen: d.amount_fen });
  return due.rowCount ?? 0;
}

/** A suggested entitlement for an eligible policy: the row, its first event and the audit row. */
export async function suggestEntitlement(tx: Tx, childId: string, s: { policy: string; name: string; asOf: string; amountFen: number | null }): Promise<void> {
  const a = tx.ctx.actor;
  const id = (await tx.client.query<{ id: string }>(
    `insert into entitlements (child_id, policy_id, status, amount_fen, created_by) values ($1, $2, 'suggested', $3, $4) returning id`,
    [childId, s.policy, s.amountFen, a?.userId ?? null])).rows[0]!.id;
  await tx.client.query(
    `insert into entitlement_events (entitlement_id, child_id, user_id, username, display_name, unit_code, from_status, to_status, note) values ($1, $2, $3, $4, $5, $6, null, 'suggested', $7)`,
    [id, childId, a?.userId ?? null, a?.username ?? null, a?.displayName ?? null, a?.unitCode ?? null, `系统匹配：${s.asOf} 符合「${s.name}」`]);
  await tx.audit({ action: 'entitlement.suggest', entity: 'entitlement', entityId: id, summary: { childId, policy: s.policy, asOf: s.asOf, amountFen: s.amountFen } });
}

export { isoFromDay };

/**
 * The district run as it was first written: every active child in the caller's area, one by one
 * with the single-child evaluator (full trace per child). Kept as the reference the batch run
 * (`runMatching` in batch.ts) is tested against; nothing else calls it.
 */
export async function runMatchingOneByOne(tx: Tx, deps: AppDeps, asOf: string) {
  const { pack } = await packFor(deps, tx);
  const ids = (await tx.client.query<{ id: string }>(`select id from children where status = 'active' order by id`)).rows.map((r) => r.id);
  const out = { asOf, children: ids.length, eligible: 0, notEligible: 0, undetermined: 0, changed: 0, suggested: 0 };
  for (const id of ids) {
    const results = await evaluateChildFile(tx, deps, pack, id, asOf);
    for (const r of results) {
      if (r.result === 'eligible') out.eligible++;
      else if (r.result === 'not-eligible') out.notEligible++;
      else out.undetermined++;
    }
    const s = await storeResults(tx, id, results);
    out.changed += s.changed;
    out.suggested += s.suggested;
  }
  await tx.audit({ action: 'eligibility.run', entity: 'eligibility', entityId: null, summary: out });
  return out;
}


/**
 * What if a standard changed? Every active child in the caller's area, evaluated for `asOf` with
 * and without the override: who becomes eligible, who no longer is, the change in monthly cost.
 */
export async function whatIfInScope(tx: Tx, deps: AppDeps, asOf: string, override: { policy: string; param: string; from: string; value: number }) {
  const { pack } = await packFor(deps, tx);
  const policy = pack.policies.find((p) => p.id === override.policy);
  if (!policy) throw errors.validation([{ path: 'policy', message: '政策不存在' }]);
  if (!policy.parameters.has(override.param)) throw errors.validation([{ path: 'param', message: '该政策没有这个参数' }]);
  if (hiddenPolicies(tx, pack).has(policy.id)) throw errors.forbidden('该政策的匹配结果涉及受限健康信息，仅限有相应权限的人员测算');
  const { ids: kept, facts } = await loadProfiles(tx, deps, pack, asOf, { skipInvalid: true });
  const table = ProfileTable.fromFacts(facts, codecFor(pack.domains));
  const result = whatIf(pack, table, dayFromIso(asOf)!, [{ policy: override.policy, param: override.param, from: dayFromIso(override.from)!, value: override.value }]);
  const p = result.policies.find((x) => x.policy === override.policy)!;
  return {
    asOf, children: kept.length, policy: p.policy, name: p.name, before: p.before, after: p.after,
    newlyEligible: Array.from(p.newlyEligible, (i) => kept[i]!), noLongerEligible: Array.from(p.noLongerEligible, (i) => kept[i]!),
    monthlyDeltaFen: p.monthlyDeltaFen, text: p.text,
  };
}
