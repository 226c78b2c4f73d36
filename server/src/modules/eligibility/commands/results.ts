/**
 * Storing matching results and suggesting entitlements: the per-child store (after an evaluation
 * or a change of the child's file), the batch writes of the district run, and the suggested
 * entitlement with its first event and audit row.
 */
import type { PolicyResult, Pack } from '../../../../../engine/src/index.js';
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
  const cols: unknown[][] = [[], [], [], [], [], [], [], [], []];
  for (const { childId, results, basis } of entries) {
    for (const r of results) {
      const v = VERDICT_OF[r.result];
      const amount = r.amount.status === 'computed' ? r.amount.fen : null;
      const old = before.get(`${childId}|${r.policy}`);
      if (!old || old.verdict !== v || (old.amount_fen === null ? null : Number(old.amount_fen)) !== amount) changed++;
      const labels = new Map(r.criteria.map((c) => [c.id, c.label]));
      [
        childId,
        r.policy,
        r.logic?.version ?? null,
        r.asOf,
        v,
        amount,
        JSON.stringify(r.failed.map((id) => ({ id, label: labels.get(id) ?? id }))),
        JSON.stringify(toFillIn(r)),
        basis,
      ].forEach((x, k) => cols[k]?.push(x));
    }
  }
  await resultsRepo.upsertResults(tx, cols);
  return changed;
}

/**
 * Suggests an entitlement for every stored eligible result of these children that has none (an
 * ended one does not count, a refused one does) — what storeResults does per child, in one query.
 */
export async function suggestDue(tx: Tx, pack: Pack, childIds: readonly string[], asOf: string): Promise<number> {
  if (!childIds.length) return 0;
  const due = await resultsRepo.dueSuggestions(tx, childIds, pack.policyIds);
  for (const d of due)
    await suggestEntitlement(tx, d.child_id, { policy: d.policy_id, name: pack.byId.get(d.policy_id)?.name.zh ?? d.policy_id, asOf, amountFen: d.amount_fen });
  return due.length;
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
