/**
 * The referral deadline job: every five minutes (暖杨通道's acknowledgement deadline counts hours),
 * reminders before the response deadline and escalations after the deadlines (deadlineJobs.ts).
 * Started by main.ts with the other background jobs (off with NUANYANG_JOBS=false); tests call
 * `runDeadlines` directly with the `now` they need.
 */
import type { AppDeps } from '../../core/deps.js';
import { runDeadlines } from './deadlineJobs.js';

export const DEADLINE_INTERVAL_MS = 5 * 60_000;

export function scheduleReferralDeadlines(deps: AppDeps, log: (m: string) => void, everyMs = DEADLINE_INTERVAL_MS, firstMs = 10_000): () => void {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const run = async () => {
    try {
      const r = await runDeadlines(deps, deps.clock());
      if (r.reminded || r.escalated)
        log(`转介期限：提醒 ${r.reminded} 件，督办 ${r.escalated} 次 / referral deadlines: ${r.reminded} reminders, ${r.escalated} escalations`);
    } catch (err) {
      log(`转介期限任务失败 / referral deadline run failed: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (!stopped) timer = setTimeout(() => void run(), everyMs);
  };
  timer = setTimeout(() => void run(), firstMs);
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}
