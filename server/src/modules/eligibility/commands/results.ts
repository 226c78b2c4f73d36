/**
 * Storing matching results and suggesting entitlements: the per-child store (after an evaluation
 * or a change of the child's file), the batch writes of the district run, and the suggested
 * entitlement with its first event and audit row.
 */
import type { PolicyResult, Pack, StoredPolicyResult } from '../../../../../engine/src/index.js';
import type { AppDeps } from '../../../core/deps.js';
import type { Tx } from '../../../core/context.js';
import { packFor, todayShanghai, toFillIn, VERDICT_OF } from '../pack.js';
import { evaluateChildFile } from '../queries.js';
import * as entitlementsRepo from '../repo/entitlements.js';
import * as profilesRepo from '../repo/profiles.js';
import * as resultsRepo from '../repo/results.js';

/**
 * Stores the results of one child (one row per policy) and suggests an entitlement for each
 * eligible policy that has none (a refused one counts: it is not suggested again). Returns how
 * many results changed verdict or amount, and how many entitlements were suggested.
 */
export async function storeResults(
  tx: Tx,
  childId: string,
  results: PolicyResult[],
  basis: string | null = null,
): Promise<{ changed: number; suggested: number }> {
  const changed = await writeResults(tx, [{ childId, results, basis }]);
  const eligible = results.filter((r) => r.result === 'eligible');
  let suggested = 0;
  if (eligible.length) {
    const have = await entitlementsRepo.openEntitlementPolicies(tx, childId);
    for (const r of eligible) {
      if (have.has(r.policy)) continue;
      await suggestEntitlement(tx, childId, {
        policy: r.policy,
        name: r.name.zh,
        asOf: r.asOf,
        amountFen: r.amount.status === 'computed' ? r.amount.fen : null,
      });
      suggested++;
    }
  }
  return { changed, suggested };
}

/**
 * 免申即享 after a change of the child's file: the child is matched against every policy again
 * (today) and the results stored, within the caller's transaction. Nothing happens when the child
 * is no longer in the caller's area (transferred out). The children module calls this.
 */
export async function rematchChild(tx: Tx, deps: AppDeps, childId: string): Promise<void> {
  const { pack } = await packFor(deps, tx);
  if (!(await profilesRepo.childVisible(tx, childId))) return;
  await storeResults(tx, childId, await evaluateChildFile(tx, deps, pack, childId, todayShanghai(deps)));
}

/**
 * Upserts the results of several children (one statement), with their basis (what the batch run
 * compares to skip an unchanged child, batch.ts; null when not known). Returns how many results
 * are new or changed verdict or amount.
 */
export async function writeResults(tx: Tx, entries: readonly { childId: string; results: readonly PolicyResult[]; basis: string | null }[]): Promise<number> {
  if (!entries.length) return 0;
  const before = new Map(
    (
      await resultsRepo.storedVerdicts(
        tx,
        entries.map((e) => e.childId),
      )
    ).map((r) => [`${r.child_id}|${r.policy_id}`, r]),
  );
  let changed = 0;
  for (const { childId, results } of entries) {
    for (const r of results) {
      const amount = r.amount.status === 'computed' ? r.amount.fen : null;
      const old = before.get(`${childId}|${r.policy}`);
      if (!old || old.verdict !== VERDICT_OF[r.result] || (old.amount_fen === null ? null : Number(old.amount_fen)) !== amount) changed++;
    }
  }
  await resultsRepo.upsertResults(tx, resultColumns(entries));
  return changed;
}

/** The stored rows of these results, as columns (child, policy, logic version, as of, verdict, amount, failed, missing, basis). */
function resultColumns(entries: readonly { childId: string; results: readonly PolicyResult[]; basis: string | null }[]): unknown[][] {
  const cols: unknown[][] = [[], [], [], [], [], [], [], [], []];
  for (const { childId, results, basis } of entries) {
    for (const r of results) [childId, ...storedColumns(r), basis].forEach((x, k) => cols[k]?.push(x));
  }
  return cols;
}

/** What a stored result row keeps of a policy's result: policy, logic version, as of, verdict, amount, failed criteria, data to fill in (JSON). */
export function storedColumns(r: PolicyResult): [string, string | null, string, string, number | null, string, string] {
  const labels = new Map(r.criteria.map((c) => [c.id, c.label]));
  return [
    r.policy,
    r.logic?.version ?? null,
    r.asOf,
    VERDICT_OF[r.result],
    r.amount.status === 'computed' ? r.amount.fen : null,
    JSON.stringify(r.failed.map((id) => ({ id, label: labels.get(id) ?? id }))),
    JSON.stringify(toFillIn(r)),
  ];
}

/** storedColumns of the district run's results (evaluatePolicyStored: the same values without the trace). */
export function storedColumnsOf(r: StoredPolicyResult): ReturnType<typeof storedColumns> {
  return [r.policy, r.logicVersion, r.asOf, VERDICT_OF[r.result], r.amountFen, JSON.stringify(r.failed), JSON.stringify(toFillIn(r))];
}

/**
 * The district run's writes, in two steps: the full results of each chunk of children go to a
 * staging table of the transaction (`first`: create it), and mergeStaged then counts what changed
 * and writes them into the results in one statement — instead of a read and an upsert per chunk.
 */
export async function stageResults(
  tx: Tx,
  entries: readonly { childId: string; results: readonly StoredPolicyResult[]; basis: string | null }[],
  first: boolean,
): Promise<void> {
  if (first) await resultsRepo.createStage(tx);
  const rows: (string | number | null)[][] = [];
  for (const { childId, results, basis } of entries) for (const r of results) rows.push([childId, ...storedColumnsOnce(r), basis]);
  await resultsRepo.stageRows(tx, rows);
}

/**
 * storedColumnsOf, once per result object: the district run's evaluator hands the same result to
 * every child with the same key (batch.ts: memoEvaluator), and its JSON is the same each time.
 */
const storedOnce = new WeakMap<StoredPolicyResult, ReturnType<typeof storedColumns>>();
function storedColumnsOnce(r: StoredPolicyResult): ReturnType<typeof storedColumns> {
  let cols = storedOnce.get(r);
  if (!cols) storedOnce.set(r, (cols = storedColumnsOf(r)));
  return cols;
}

/** Merges the staged results (stageResults); returns how many are new or changed verdict or amount. */
export async function mergeStaged(tx: Tx): Promise<number> {
  return resultsRepo.mergeStage(tx);
}

/**
 * Suggests an entitlement for every stored eligible result of these children that has none (an
 * ended one does not count, a refused one does) — what storeResults does per child, in one query.
 */
export async function suggestDue(tx: Tx, pack: Pack, childIds: readonly string[], asOf: string): Promise<number> {
  if (!childIds.length) return 0;
  // In three statements whatever their number (the first run suggests tens of thousands): the
  // entitlements, their first events, then the audit rows — the same rows suggestEntitlement writes
  // one by one (the audit watchers look only at views of a child file, not at suggestions).
  const a = tx.ctx.actor;
  const by = { userId: a?.userId ?? null, username: a?.username ?? null, displayName: a?.displayName ?? null, unitCode: a?.unitCode ?? null };
  const names = pack.policyIds.map((id) => pack.byId.get(id)?.name.zh ?? id);
  const made = await entitlementsRepo.insertSuggestedDue(tx, childIds, pack.policyIds, names, asOf, by);
  if (made.length)
    await entitlementsRepo.auditSuggested(
      tx,
      { ...by, roles: a ? a.roles.map((r) => r.code).join(',') : null, ip: tx.ctx.ip, requestId: tx.ctx.requestId },
      asOf,
      made,
    );
  return made.length;
}

/** A suggested entitlement for an eligible policy: the row, its first event and the audit row. */
export async function suggestEntitlement(tx: Tx, childId: string, s: { policy: string; name: string; asOf: string; amountFen: number | null }): Promise<void> {
  const a = tx.ctx.actor;
  const id = await entitlementsRepo.insertSuggested(
    tx,
    childId,
    { policy: s.policy, amountFen: s.amountFen, note: `系统匹配：${s.asOf} 符合「${s.name}」` },
    { userId: a?.userId ?? null, username: a?.username ?? null, displayName: a?.displayName ?? null, unitCode: a?.unitCode ?? null },
  );
  await tx.audit({
    action: 'entitlement.suggest',
    entity: 'entitlement',
    entityId: id,
    summary: { childId, policy: s.policy, asOf: s.asOf, amountFen: s.amountFen },
  });
}
