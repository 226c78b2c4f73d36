/**
 * The nightly matching run (免申即享): every night at 02:00 Shanghai time the whole district is
 * matched again as the system (an audited actor with all streets in scope), so a change in a
 * policy's standard or a child reaching an age shows up in the work lists the next morning. At
 * start, a database that has never been matched (a fresh installation or demo) is matched at once.
 */
import type { AppDeps } from '../../core/deps.js';
import { inScope, type RequestCtx } from '../../core/context.js';
import { systemCtx as systemContext } from '../../http/systemActor.js';
import { markInterruptedRuns, runDistrict } from './commands/matching.js';
import { todayShanghai } from './pack.js';
import { anyResult } from './repo/results.js';
import { asOwner } from './repo/rows.js';
import { seedDemoEntitlementSteps } from '../../seed/demoEntitlements.js';

/** The matching run's actor: the system, with the permissions matching needs. */
export const systemCtx = (deps: AppDeps): Promise<RequestCtx> => systemContext(deps, 'matching', ['eligibility.read', 'entitlements.write']);

export async function matchDistrict(deps: AppDeps): Promise<{ children: number; suggested: number }> {
  return runDistrict(deps, await systemCtx(deps), todayShanghai(deps));
}

/** At start-up: the runs a previous server process left 'running' (it was killed) are marked 'interrupted'. */
export async function recordInterruptedRuns(deps: AppDeps): Promise<number> {
  const ctx = await systemCtx(deps);
  return inScope(deps.db, ctx, (tx) => markInterruptedRuns(tx));
}

/** Milliseconds until the next 02:00 in Shanghai (UTC+8, no daylight saving). */
export function msUntilNextRun(now: number): number {
  const shanghai = new Date(now + 8 * 3_600_000);
  const next = Date.UTC(shanghai.getUTCFullYear(), shanghai.getUTCMonth(), shanghai.getUTCDate(), 2) - 8 * 3_600_000;
  return next > now ? next - now : next + 86_400_000 - now;
}

export function scheduleMatching(deps: AppDeps, log: (m: string) => void): { stop: () => void; firstRun: Promise<void> } {
  let timer: NodeJS.Timeout | undefined;
  const run = async (why: string) => {
    try {
      const r = await matchDistrict(deps);
      log(`免申即享匹配完成 / matching done (${why}): ${r.children} children, ${r.suggested} new suggestions`);
    } catch (err) {
      log(`免申即享匹配失败 / matching failed (${why}): ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  const plan = () => {
    timer = setTimeout(() => void run('nightly').finally(plan), msUntilNextRun(Date.now()));
  };
  // Never matched yet (a fresh installation or demo): match now, in the background.
  const firstRun = (async () => {
    try {
      const ctx = await systemCtx(deps);
      const matched = await inScope(deps.db, ctx, (tx) => anyResult(tx));
      if (!matched) {
        await run('first start');
        // The demo shows benefits at each step, each done by a different person (issue 9).
        if (deps.config.demo) {
          const steps = await asOwner(deps.db, (client) => seedDemoEntitlementSteps(client, deps.clock()));
          if (steps) log(`演示待遇办理经过 / demo benefit steps: ${steps} entitlements`);
        }
      }
    } catch (err) {
      log(`免申即享匹配失败 / matching failed (first start): ${err instanceof Error ? err.message : String(err)}`);
    }
  })();
  plan();
  return { stop: () => clearTimeout(timer), firstRun };
}
