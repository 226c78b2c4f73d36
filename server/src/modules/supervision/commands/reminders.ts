/**
 * The morning reminders: reports due within REMIND_DAYS_BEFORE days and reports past their due
 * date, each sent once per unit, period and kind, to the unit's reporters. One audit row per run.
 */
import type { Tx } from '../../../core/context.js';
import { parsePeriod } from '#common/supervision.js';
import { notify } from '../../notifications/notify.js';
import { currentPeriodKey, periodsOf } from '../periods.js';
import { listPlans } from '../queries/plan.js';
import * as repo from '../repo/reports.js';

const DAY = 86_400_000;
export const REMIND_DAYS_BEFORE = 7;

/** Sends the reminders due on `today` (as the system); returns how many unit reminders were sent. */
export async function sendReminders(tx: Tx, today: string): Promise<number> {
  let sent = 0;
  for (const plan of (await listPlans(tx)).filter((p) => p.active)) {
    const periods = periodsOf(plan, today);
    const cur = periods.findIndex((p) => p.key === currentPeriodKey(plan, today));
    for (const p of periods.slice(Math.max(0, cur - 1), cur + 1)) {
      const daysLeft = Math.round((Date.parse(p.dueOn) - Date.parse(today)) / DAY);
      const kind = daysLeft < 0 ? 'after' : daysLeft <= REMIND_DAYS_BEFORE && p.to < today ? 'before' : null;
      if (!kind) continue;
      for (const r of await repo.unitsBehind(tx, plan.id, p.key)) {
        if (!(await repo.recordReminder(tx, plan.id, p.key, r.unit_code, kind))) continue;
        const label = parsePeriod(p.key)?.label ?? p.key;
        await notify(
          tx,
          await repo.planRecipients(tx, [r.unit_code], 'plan.report'),
          kind === 'before'
            ? {
                kind: 'plan.report.due',
                title: `督办报告将于 ${p.dueOn} 截止`,
                body: `本单位有 ${r.n} 项任务${label}的进展报告尚未提交，请于 ${p.dueOn} 前在“进展报送”中填报并提交。`,
              }
            : {
                kind: 'plan.report.overdue',
                title: `督办报告已逾期：${label}`,
                body: `本单位有 ${r.n} 项任务${label}的进展报告已过截止日期（${p.dueOn}）仍未提交，请尽快填报并提交。`,
              },
        );
        sent++;
      }
    }
  }
  await tx.audit({ action: 'plan.reminders', entity: 'plan', entityId: null, summary: { today, sent } });
  return sent;
}
