/** A plan's reporting periods: which exist, which runs today, when each is due. No database. */
import { errors } from '../../core/errors.js';
import { dueDateOf, parsePeriod, periodOf, periodsBetween, type Period, type PlanSummary } from '#common/supervision.js';

export interface PlanPeriod extends Period {
  dueOn: string;
  open: boolean;
  current: boolean;
}

export function periodsOf(plan: PlanSummary, today: string): PlanPeriod[] {
  const all = periodsBetween(plan.cadence, plan.periodFrom, plan.periodTo);
  const cur = currentPeriodKey(plan, today);
  return all.map((p) => ({ ...p, dueOn: dueDateOf(p, plan.dueDays), open: p.from <= today, current: p.key === cur }));
}

/** The period running today, kept within the plan's years. */
export function currentPeriodKey(plan: PlanSummary, today: string): string {
  const all = periodsBetween(plan.cadence, plan.periodFrom, plan.periodTo);
  const first = all[0];
  const last = all[all.length - 1];
  const p = periodOf(plan.cadence, today);
  if (first && p.to < first.from) return first.key;
  if (last && p.from > last.to) return last.key;
  return p.key;
}

/** A period of the plan, or a 400 saying what is wrong with it. */
export function periodIn(plan: PlanSummary, key: string, today: string, path = 'period'): PlanPeriod {
  const p = parsePeriod(key);
  if (!p || p.cadence !== plan.cadence) {
    throw errors.validation([
      {
        path,
        message: `报告期“${key}”不正确：本方案按${{ month: '月', quarter: '季度', half: '半年', year: '年度' }[plan.cadence]}报送，例如 ${periodOf(plan.cadence, today).key}`,
      },
    ]);
  }
  const found = periodsOf(plan, today).find((x) => x.key === p.key);
  if (!found) throw errors.validation([{ path, message: `报告期“${p.label}”不在本方案的实施期（${plan.periodFrom}-${plan.periodTo} 年）内` }]);
  return found;
}
