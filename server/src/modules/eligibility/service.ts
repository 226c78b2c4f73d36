/**
 * 免申即享 on the platform: the policy pack (loaded once, merged with the maintained dated values
 * of `policy_values`), evaluation of a child from its file, storage of results and suggested
 * entitlements.
 */
import type { EvalPolicy, EligibilityVerdict } from '#common/eligibility.js';
import {
  checkProfile, codecFor, dayFromIso, evaluateChild, isoFromDay, loadPack, ProfileTable, profileFromChildFile, renderPolicy, whatIf, withMaintainedValues,
  type MaintainedValue, type Pack, type PolicyResult,
} from '../../../../engine/src/index.js';
import type { AppDeps } from '../../app.js';
import type { Tx } from '../../http/context.js';
import { errors } from '../../http/errors.js';
import { shanghaiDate } from '../casework/problemCreator.js';
import { loadChildFile } from '../children/query.js';

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

export function presentResult(r: PolicyResult): EvalPolicy {
  const labels = new Map(r.criteria.map((c) => [c.id, c.label]));
  const citations = new Set<string>();
  for (const c of r.criteria) if (c.failed || c.value !== null) citations.add(c.clause);
  for (const b of r.legalBasis) citations.add([b.doc, b.title ? `《${b.title}》` : '', b.article ?? '', b.date ? `（${b.date}）` : ''].join(''));
  return {
    policy: r.policy, name: r.name, unit: r.unit, unitLabel: r.unitLabel, verdict: VERDICT_OF[r.result],
    amountFen: r.amount.status === 'computed' ? r.amount.fen : null,
    amountText: r.amount.status === 'not-maintained' ? `标准待维护：${r.amount.reason}` : r.amount.text,
    amountStatus: r.amount.status,
    failed: r.failed.map((id) => ({ id, label: labels.get(id) ?? id })),
    missing: [...r.missing, ...r.missingParams.map((p) => ({ path: `param.${p.name}`, label: `${p.label}（标准待维护）` }))],
    explanation: r.explanation,
    lines: renderPolicy(r).split('\n').map((l) => l.trim()).filter((l) => l.length > 0),
    citations: [...citations].filter((c) => c.length > 0),
    logicVersion: r.logic?.version ?? null,
  };
}

/** Every policy for a child in scope on a date (404 when the child is not visible). */
export async function evaluateChildFile(tx: Tx, deps: AppDeps, pack: Pack, childId: string, asOf: string): Promise<PolicyResult[]> {
  const file = await loadChildFile(tx, deps, childId);
  if (!file) throw errors.notFound('未找到该儿童档案，或不在您的辖区内');
  const profile = profileFromChildFile(file, asOf, { policies: pack.policies });
  const checked = checkProfile(profile, pack.policyIds);
  if (!checked.ok) throw errors.validation(checked.errors.map((e) => ({ path: e.path, message: e.message })), '儿童档案中的数据无法用于匹配');
  return evaluateChild(pack, checked.facts, dayFromIso(asOf)!);
}

/**
 * Stores the results of one child (one row per policy) and suggests an entitlement for each
 * eligible policy that has none (a refused one counts: it is not suggested again). Returns how
 * many results changed verdict or amount, and how many entitlements were suggested.
 */
export async function storeResults(tx: Tx, childId: string, results: PolicyResult[]): Promise<{ changed: number; suggested: number }> {
  const before = new Map((await tx.client.query<{ policy_id: string; verdict: string; amount_fen: string | null }>(
    'select policy_id, verdict, amount_fen from eligibility_results where child_id = $1', [childId])).rows.map((r) => [r.policy_id, r]));
  let changed = 0;
  const values: unknown[] = [];
  const rows: string[] = [];
  for (const r of results) {
    const v = VERDICT_OF[r.result];
    const amount = r.amount.status === 'computed' ? r.amount.fen : null;
    const old = before.get(r.policy);
    if (!old || old.verdict !== v || (old.amount_fen === null ? null : Number(old.amount_fen)) !== amount) changed++;
    const labels = new Map(r.criteria.map((c) => [c.id, c.label]));
    const n = values.length;
    rows.push(`($${n + 1}::uuid, $${n + 2}, $${n + 3}, $${n + 4}::date, $${n + 5}, $${n + 6}::bigint, $${n + 7}::jsonb, $${n + 8}::jsonb)`);
    values.push(childId, r.policy, r.logic?.version ?? null, r.asOf, v, amount,
      JSON.stringify(r.failed.map((id) => ({ id, label: labels.get(id) ?? id }))),
      JSON.stringify([...r.missing.map((m) => m.label), ...r.missingParams.map((p) => `${p.label}（标准待维护）`)]));
  }
  if (rows.length) {
    await tx.client.query(
      `insert into eligibility_results (child_id, policy_id, logic_version, as_of, verdict, amount_fen, failed, missing)
       values ${rows.join(', ')}
       on conflict (child_id, policy_id) do update set logic_version = excluded.logic_version, as_of = excluded.as_of, verdict = excluded.verdict,
         amount_fen = excluded.amount_fen, failed = excluded.failed, missing = excluded.missing, computed_at = now()`, values);
  }
  const eligible = results.filter((r) => r.result === 'eligible');
  let suggested = 0;
  if (eligible.length) {
    const have = new Set((await tx.client.query<{ policy_id: string }>(
      `select policy_id from entitlements where child_id = $1 and status <> 'ended'`, [childId])).rows.map((r) => r.policy_id));
    const a = tx.ctx.actor;
    for (const r of eligible) {
      if (have.has(r.policy)) continue;
      const amount = r.amount.status === 'computed' ? r.amount.fen : null;
      const id = (await tx.client.query<{ id: string }>(
        `insert into entitlements (child_id, policy_id, status, amount_fen, created_by) values ($1, $2, 'suggested', $3, $4) returning id`,
        [childId, r.policy, amount, a?.userId ?? null])).rows[0]!.id;
      await tx.client.query(
        `insert into entitlement_events (entitlement_id, child_id, user_id, username, from_status, to_status, note) values ($1, $2, $3, $4, null, 'suggested', $5)`,
        [id, childId, a?.userId ?? null, a?.username ?? null, `系统匹配：${r.asOf} 符合「${r.name.zh}」`]);
      await tx.audit({ action: 'entitlement.suggest', entity: 'entitlement', entityId: id, summary: { childId, policy: r.policy, asOf: r.asOf, amountFen: amount } });
      suggested++;
    }
  }
  return { changed, suggested };
}

export { isoFromDay };

/** Matches every active child in the caller's area against the pack and stores the results. */
export async function runMatching(tx: Tx, deps: AppDeps, asOf: string) {
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
  const ids = (await tx.client.query<{ id: string }>(`select id from children where status = 'active' order by id`)).rows.map((r) => r.id);
  const facts = [];
  const kept: string[] = [];
  for (const id of ids) {
    const file = await loadChildFile(tx, deps, id);
    if (!file) continue;
    const checked = checkProfile(profileFromChildFile(file, asOf, { policies: pack.policies }), pack.policyIds);
    if (checked.ok) { facts.push(checked.facts); kept.push(id); }
  }
  const table = ProfileTable.fromFacts(facts, codecFor(pack.domains));
  const result = whatIf(pack, table, dayFromIso(asOf)!, [{ policy: override.policy, param: override.param, from: dayFromIso(override.from)!, value: override.value }]);
  const p = result.policies.find((x) => x.policy === override.policy)!;
  return {
    asOf, children: kept.length, policy: p.policy, name: p.name, before: p.before, after: p.after,
    newlyEligible: Array.from(p.newlyEligible, (i) => kept[i]!), noLongerEligible: Array.from(p.noLongerEligible, (i) => kept[i]!),
    monthlyDeltaFen: p.monthlyDeltaFen, text: p.text,
  };
}
