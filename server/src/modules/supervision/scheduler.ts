/**
 * Every morning at 07:00 Shanghai time: reminders of progress reports due within 7 days and of
 * reports past their due date (each sent once per unit, period and kind), and the running month's
 * indicator snapshot (the trend lines). At start, an installation without snapshots gets the last
 * twelve month-ends computed from its records, so the trend lines are not empty on day one.
 */
import type { AppDeps } from '../../core/deps.js';
import { inScope } from '../../core/context.js';
import { shanghaiDate } from '#common/dates.js';
import { systemCtx } from '../../http/systemActor.js';
import { sendReminders, REMIND_DAYS_BEFORE } from './commands/reminders.js';
import { snapshotMonth } from './indicators/compute.js';
import { anySnapshot } from './repo/indicators.js';

const DAY = 86_400_000;
export { REMIND_DAYS_BEFORE };

/** Sends the reminders due on `today`; returns how many unit reminders were sent. */
export async function sendReportReminders(deps: AppDeps, today: string): Promise<number> {
  const ctx = await systemCtx(deps, 'reminders');
  return inScope(deps.db, ctx, (tx) => sendReminders(tx, today));
}

/** The last twelve month-ends before this month, when no snapshot exists yet. */
export async function backfillSnapshots(deps: AppDeps): Promise<number> {
  if (await anySnapshot(deps.db.app)) return 0;
  const today = shanghaiDate(deps.clock());
  let n = 0;
  for (let i = 12; i >= 1; i--) {
    const d = new Date(Date.UTC(Number(today.slice(0, 4)), Number(today.slice(5, 7)) - 1 - i + 1, 0)); // last day of the month i months ago
    n += await snapshotMonth(deps, d.toISOString().slice(0, 10), false);
  }
  return n + (await snapshotMonth(deps, today, true));
}

export async function dailySupervision(deps: AppDeps): Promise<{ reminders: number; snapshot: number }> {
  const today = shanghaiDate(deps.clock());
  const reminders = await sendReportReminders(deps, today);
  const snapshot = await snapshotMonth(deps, today, true);
  return { reminders, snapshot };
}

/** Milliseconds until the next 07:00 in Shanghai. */
export function msUntilMorning(now: number): number {
  const sh = new Date(now + 8 * 3_600_000);
  const next = Date.UTC(sh.getUTCFullYear(), sh.getUTCMonth(), sh.getUTCDate(), 7) - 8 * 3_600_000;
  return next > now ? next - now : next + DAY - now;
}

/** `after`: the start-up runs wait for it (the first matching, whose results two indicators count). */
export function scheduleSupervision(deps: AppDeps, log: (m: string) => void, after: Promise<unknown> = Promise.resolve()): () => void {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const run = async () => {
    try {
      const r = await dailySupervision(deps);
      log(`督办：提醒 ${r.reminders} 个单位，指标快照 ${r.snapshot} 行 / supervision: ${r.reminders} reminders, ${r.snapshot} snapshot rows`);
    } catch (err) {
      log(`督办每日任务失败 / supervision daily run failed: ${(err as Error).message}`);
    }
    if (!stopped) timer = setTimeout(() => void run(), msUntilMorning(deps.clock()));
  };
  void (async () => {
    try {
      await after;
      const n = await backfillSnapshots(deps);
      if (n) log(`督办：已补算近 12 个月的指标快照（${n} 行）/ supervision: backfilled indicator snapshots (${n} rows)`);
      await dailySupervision(deps);
    } catch (err) {
      log(`督办指标快照失败 / supervision snapshot failed: ${(err as Error).message}`);
    }
    if (!stopped) timer = setTimeout(() => void run(), msUntilMorning(deps.clock()));
  })();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}
