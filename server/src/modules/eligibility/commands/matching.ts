/**
 * The matching commands: a child evaluated and stored, the district run (batch path, and the
 * reference one-by-one path it is tested against) and the what-if estimate, each audited.
 */
import type { AppDeps } from '../../../core/deps.js';
import { inScope, type RequestCtx, type Tx } from '../../../core/context.js';
import { matchBatch, type Progress } from '../batch.js';
import { packFor, todayShanghai } from '../pack.js';
import { visibleResults } from '../policies.js';
import { presentResult } from '../presenters.js';
import { evaluateChildFile, evaluateProfile, whatIfInScope } from '../queries.js';
import * as profilesRepo from '../repo/profiles.js';
import * as runsRepo from '../repo/runs.js';
import { storeResults } from './results.js';

/**
 * 匹配: an inline profile is evaluated and nothing is stored; a child's file is evaluated, its
 * results stored and entitlements suggested (audited).
 */
export async function evaluate(tx: Tx, deps: AppDeps, b: { childId?: string; profile?: unknown; asOf?: string }) {
  const asOf = b.asOf ?? todayShanghai(deps);
  if (b.childId === undefined) return evaluateProfile(tx, deps, b.profile, asOf);
  const { pack } = await packFor(deps, tx);
  const results = await evaluateChildFile(tx, deps, pack, b.childId, asOf);
  const { suggested } = await storeResults(tx, b.childId, results);
  await tx.audit({
    action: 'eligibility.evaluate',
    entity: 'child',
    entityId: b.childId,
    summary: { asOf, eligible: results.filter((r) => r.result === 'eligible').map((r) => r.policy), suggested },
  });
  return { asOf, stored: true, results: visibleResults(tx.ctx, pack, results).map(presentResult), suggested };
}

/** Matches every active child in the caller's area (batch path), stores the results and audits the run. */
export async function runMatching(tx: Tx, deps: AppDeps, asOf: string) {
  return (await runMatchingMeasured(tx, deps, asOf)).out;
}

/** runMatching, also giving how many children were recomputed and the milliseconds of each phase (the run record, the benchmark). */
export async function runMatchingMeasured(tx: Tx, deps: AppDeps, asOf: string, opts: { runId?: string; progress?: Progress } = {}) {
  const { out, recomputed, phases, durationMs } = await matchBatch(tx, deps, asOf, opts);
  await tx.audit({ action: 'eligibility.run', entity: 'eligibility', entityId: null, summary: { ...out, recomputed } });
  return { out, recomputed, phases, durationMs };
}

/**
 * The district run with its record (matching_runs): the record is committed first, 'running';
 * the run's own transaction locks it, matches, and marks it 'done' in the same COMMIT as the
 * results. A run that throws is marked 'failed'; a run whose server dies (kill -9, power) keeps
 * the previous results — all of them, its own transaction never committed — and its record is
 * marked 'interrupted' by the next start-up or run (runsRepo.markInterrupted).
 */
export async function runDistrict(deps: AppDeps, ctx: RequestCtx, asOf: string) {
  const runId = await inScope(deps.db, ctx, async (tx) => {
    await runsRepo.markInterrupted(tx);
    return runsRepo.startRun(tx, asOf, ctx.actor?.userId ?? null);
  });
  const progress = progressWriter(deps, ctx, runId);
  try {
    const out = await inScope(deps.db, ctx, async (tx) => {
      await runsRepo.holdRun(tx, runId);
      const { out } = await runMatchingMeasured(tx, deps, asOf, { runId, progress: progress.note });
      await runsRepo.finishRun(tx, runId, 'done', out);
      return out;
    });
    progress.note('done', out.children, out.children);
    await progress.settled();
    return out;
  } catch (err) {
    await progress.settled();
    await inScope(deps.db, ctx, (tx) => runsRepo.finishRun(tx, runId, 'failed', null)).catch(() => {});
    throw err;
  }
}

/**
 * Writes a run's progress from its own connection (the run's transaction holds the run's row and
 * commits only at the end): at each phase, and at most once a second within one. Best effort: a
 * failed progress write never fails the run.
 */
function progressWriter(deps: AppDeps, ctx: RequestCtx, runId: string): { note: Progress; settled: () => Promise<unknown> } {
  let last = { phase: '', at: 0 };
  let writing: Promise<unknown> = Promise.resolve();
  return {
    note: (phase, done, total) => {
      const now = Date.now();
      if (phase === last.phase && now - last.at < 1000) return;
      last = { phase, at: now };
      writing = writing.then(() => inScope(deps.db, ctx, (tx) => runsRepo.noteProgress(tx, runId, phase, done, total)).catch(() => {}));
    },
    settled: () => writing,
  };
}

/** Runs left 'running' by a server that stopped without finishing them, marked 'interrupted' (at start-up). */
export async function markInterruptedRuns(tx: Tx): Promise<number> {
  return runsRepo.markInterrupted(tx);
}

/**
 * The district run as it was first written: every active child in the caller's area, one by one
 * with the single-child evaluator (full trace per child). Kept as the reference the batch run is
 * tested against (batch.test.ts); nothing else calls it.
 */
export async function runMatchingOneByOne(tx: Tx, deps: AppDeps, asOf: string) {
  const { pack } = await packFor(deps, tx);
  const ids = await profilesRepo.activeChildIds(tx);
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

/** 假如标准调整: the estimate over the caller's area (nothing stored), audited. */
export async function whatIf(tx: Tx, deps: AppDeps, b: { policy: string; param: string; from: string; value: number; asOf?: string }) {
  const result = await whatIfInScope(tx, deps, b.asOf ?? b.from, { policy: b.policy, param: b.param, from: b.from, value: b.value });
  await tx.audit({
    action: 'eligibility.what-if',
    entity: 'policy',
    entityId: null,
    summary: { policy: b.policy, param: b.param, from: b.from, value: b.value, children: result.children },
  });
  return result;
}
