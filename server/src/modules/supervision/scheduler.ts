/**
 * Every morning at 07:00 Shanghai time: reminders of progress reports due within 7 days and of
 * reports past their due date (each sent once per unit, period and kind), and the running month's
 * indicator snapshot (the trend lines). At start, an installation without snapshots gets the last
 * twelve month-ends computed from its records, so the trend lines are not empty on day one.
 */
import type { AppDeps } from '../../core/deps.js';
import { inScope } from '../../core/context.js';
import { shanghaiDate } from '#common/dates.js';
import { parsePeriod } from '#common/supervision.js';
import { notify } from '../notifications/notify.js';
import { systemCtx } from '../../http/systemActor.js';
import { snapshotMonth } from './indicators/compute.js';
import { currentPeriodKey, listPlans, periodsOf, planRecipients } from './service.js';

const DAY = 86_400_000;
export const REMIND_DAYS_BEFORE = 7;

/** Sends the reminders due on `today`; returns how many unit reminders were sent. */
export async function sendReportReminders(deps: AppDeps, today: string): Promise<number> {
  const ctx = await systemCtx(deps, 'reminders');
  return inScope(deps.db, ctx, async (tx) => {
    // The system is no user with roles, so row-level security shows it no report: it asks
    // plan_report_status() which pairs have handed theirs in, and reads nothing else.
    let sent = 0;
    for (const plan of (await listPlans(tx)).filter((p) => p.active)) {
      const periods = periodsOf(plan, today);
      const cur = periods.findIndex((p) => p.key === currentPeriodKey(plan, today));
      for (const p of periods.slice(Math.max(0, cur - 1), cur + 1)) {
        const daysLeft = Math.round((Date.parse(p.dueOn) - Date.parse(today)) / DAY);
        const kind = daysLeft < 0 ? 'after' : daysLeft <= REMIND_DAYS_BEFORE && p.to < today ? 'before' : null;
        if (!kind) continue;
        const { rows } = await tx.client.query<{ unit_code: string; n: number }>(
          `select u.unit_code, count(*)::int as n from plan_task_units u join plan_tasks t on t.id = u.task_id
           where t.plan_id = $1 and not exists (select 1 from plan_report_status($1, $2) s where s.task_id = t.id and s.unit_code = u.unit_code)
           group by u.unit_code`, [plan.id, p.key]);
        for (const r of rows) {
          const fresh = await tx.client.query(`insert into plan_reminders (plan_id, period, unit_code, kind) values ($1, $2, $3, $4) on conflict do nothing returning 1`,
            [plan.id, p.key, r.unit_code, kind]);
          if (!fresh.rowCount) continue;
          const label = parsePeriod(p.key)?.label ?? p.key;
          await notify(tx, await planRecipients(tx, [r.unit_code], 'plan.report'), kind === 'before'
            ? { kind: 'plan.report.due', title: `督办报告将于 ${p.dueOn} 截止`, body: `本单位有 ${r.n} 项任务${label}的进展报告尚未提交，请于 ${p.dueOn} 前在“进展报送”中填报并提交。` }
            : { kind: 'plan.report.overdue', title: `督办报告已逾期：${label}`, body: `本单位有 ${r.n} 项任务${label}的进展报告已过截止日期（${p.dueOn}）仍未提交，请尽快填报并提交。` });
          sent++;
        }
      }
    }
    await tx.audit({ action: 'plan.reminders', entity: 'plan', entityId: null, summary: { today, sent } });
    return sent;
  });
}

/** The last twelve month-ends before this month, when no snapshot exists yet. */
export async function backfillSnapshots(deps: AppDeps): Promise<number> {
  const any = await deps.db.app.query('select 1 from indicator_snapshots limit 1');
  if (any.rowCount) return 0;
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
    if (!stopped) timer = setTimeout(run, msUntilMorning(deps.clock()));
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
    if (!stopped) timer = setTimeout(run, msUntilMorning(deps.clock()));
  })();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}
