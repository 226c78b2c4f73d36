/**
 * The daily record-check job: brings every suspension in line with the checks (refreshAccess over
 * the district) and sends the reminders due before a lapse. Runs as the system actor with every
 * street in scope (row-level security stays on). Started by main.ts; tests call `runVetting` with
 * the `now` they need.
 */
import { shanghaiDate } from '#common/dates.js';
import type { AppDeps } from '../../core/deps.js';
import { inScope } from '../../core/context.js';
import { systemCtx } from '../../http/systemActor.js';
import { refreshAccess, sendReminders } from './commands.js';

export const VETTING_INTERVAL_MS = 6 * 60 * 60_000;

export async function runVetting(deps: AppDeps, nowMs: number): Promise<{ suspended: number; lifted: number; reminders: number }> {
  const ctx = await systemCtx(deps, 'vetting', ['workforce.read']);
  const today = shanghaiDate(nowMs);
  return inScope(deps.db, ctx, async (tx) => {
    const r = await refreshAccess(tx, 'all', today, new Date(nowMs));
    const reminders = await sendReminders(tx, today, new Date(nowMs));
    return { ...r, reminders };
  });
}

/** Runs shortly after start and then every few hours (the day's work is idempotent: reminders go once). */
export function scheduleVetting(deps: AppDeps, log: (m: string) => void, everyMs = VETTING_INTERVAL_MS, firstMs = 20_000): () => void {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const run = async () => {
    try {
      const r = await runVetting(deps, deps.clock());
      if (r.suspended || r.lifted || r.reminders)
        log(
          `入职查询：暂停 ${r.suspended} 个账号，恢复 ${r.lifted} 个，提醒 ${r.reminders} 条 / record checks: ${r.suspended} suspended, ${r.lifted} lifted, ${r.reminders} reminders`,
        );
    } catch (err) {
      log(`入职查询任务失败 / record-check job failed: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (!stopped) timer = setTimeout(() => void run(), everyMs);
  };
  timer = setTimeout(() => void run(), firstMs);
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}
