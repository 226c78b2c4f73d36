/**
 * The booking job: every few minutes, reservations not confirmed in time lapse and every session with
 * a free place and someone waiting promotes (closed priority windows included), in ONE transaction
 * through the security-definer booking_sweep; the bookers are told. Runs as the system actor
 * (http/systemActor.ts) on the application's pool. Started by main.ts; tests call `runBookingSweep`
 * with the `now` they need.
 */
import type { AppDeps } from '../../core/deps.js';
import { inScope } from '../../core/context.js';
import { systemCtx } from '../../http/systemActor.js';
import { tellBookers } from './commands.js';
import * as repo from './repo.js';

export const SWEEP_INTERVAL_MS = 5 * 60_000;

export async function runBookingSweep(deps: AppDeps, nowMs: number): Promise<{ expired: number; promoted: number }> {
  const ctx = await systemCtx(deps, 'booking-sweep', ['services.read']);
  return inScope(deps.db, ctx, async (tx) => {
    const rows = await repo.sweep(tx, new Date(nowMs));
    const sessions = [...new Set(rows.map((r) => r.session_id))];
    for (const sid of sessions) {
      const mine = rows.filter((r) => r.session_id === sid);
      await tellBookers(
        tx,
        mine.filter((r) => r.event === 'expired'),
        sid,
        (label, session) => ({ title: '预留名额已逾期', body: `${label} 在 ${session} 的预留名额未在时限内确认，已释放给候补。如仍需参加，请重新预约。` }),
      );
      await tellBookers(
        tx,
        mine.filter((r) => r.event === 'promoted'),
        sid,
        (label, session) => ({ title: '候补转为预留名额', body: `${label} 在 ${session} 的候补已转为预留名额，请在确认时限内确认。` }),
      );
    }
    const expired = rows.filter((r) => r.event === 'expired').length;
    const promoted = rows.length - expired;
    if (rows.length) await tx.audit({ action: 'services.booking.sweep', entity: null, entityId: null, summary: { expired, promoted } });
    return { expired, promoted };
  });
}

export function scheduleBookingSweep(deps: AppDeps, log: (m: string) => void, everyMs = SWEEP_INTERVAL_MS, firstMs = 15_000): () => void {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const run = async () => {
    try {
      const r = await runBookingSweep(deps, deps.clock());
      if (r.expired || r.promoted) log(`服务预约：逾期 ${r.expired} 个，候补递补 ${r.promoted} 个 / bookings: ${r.expired} lapsed, ${r.promoted} promoted`);
    } catch (err) {
      log(`服务预约任务失败 / booking sweep failed: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (!stopped) timer = setTimeout(() => void run(), everyMs);
  };
  timer = setTimeout(() => void run(), firstMs);
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}
