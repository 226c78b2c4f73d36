/**
 * The dashboard of one period for an area: the plan's tasks by status and action, units by
 * timeliness, and every indicator the viewer may see. The quarterly report (Excel and print) is
 * built from this same object, so its figures are the dashboard's by construction; a test checks
 * the workbook cell by cell all the same.
 *
 * What a viewer sees:
 * - plan.read.all (civil-affairs, leaders): every task and unit, the district or any one street;
 * - a street office: its own street, the tasks its unit carries and its own unit's timeliness;
 * - a district department: the district, its own tasks and timeliness, and only the indicators of
 *   its tasks (a department sees what its task needs).
 */
import type { AppDeps } from '../../../core/deps.js';
import { inReadScope, inScope, signedIn, type RequestCtx } from '../../../core/context.js';
import { errors } from '../../../core/errors.js';
import { shanghaiDate } from '#common/dates.js';
import { TASK_STATUSES, type Dashboard, type Progress, type TaskStatus } from '#common/supervision.js';
import { computeAll, present, trends, type Target } from '../indicators/compute.js';
import { indicators } from '../indicators/registry.js';
import { currentPeriodKey, periodIn } from '../periods.js';
import { canSeeAll } from '../policies.js';
import * as repo from '../repo/dashboard.js';
import { actionsOf } from '../repo/plan.js';
import { planOf } from './plan.js';

export interface DashboardArgs {
  plan?: string;
  period?: string;
  street?: string;
}

/** The task status from its units' submitted progress (drafts do not count). */
export function taskStatus(progress: Progress[], unitCount: number): TaskStatus {
  if (!progress.length) return 'unreported';
  if (progress.includes('late')) return 'late';
  if (progress.length === unitCount && progress.every((p) => p === 'done')) return 'done';
  if (progress.some((p) => p === 'in-progress' || p === 'done')) return 'in-progress';
  return 'not-started';
}

const zeroCounts = () => Object.fromEntries(TASK_STATUSES.map((s) => [s, 0])) as Record<TaskStatus, number>; // every status is a key

/**
 * `report`: built for the quarterly workbook, a read-only report, so read from the read pool (a
 * replica when DATABASE_READ_URL is set). The page itself reads the primary: it is cheap (the
 * indicators come from the cache) and shows a report the moment a street submits it.
 */
export async function buildDashboard(deps: AppDeps, ctx: RequestCtx, args: DashboardArgs, opts: { report?: boolean } = {}): Promise<Dashboard> {
  const { actor } = signedIn(ctx);
  const today = shanghaiDate(deps.clock());
  const all = canSeeAll(actor);
  return (opts.report ? inReadScope : inScope)(deps.db, ctx, async (tx) => {
    const plan = await planOf(tx, today, args.plan);
    const period = periodIn(plan, args.period ?? currentPeriodKey(plan, today), today);
    const periodInfo = period; // periodIn returns the plan's period itself
    const isToday = period.to >= today && period.from <= today;
    const asOf = period.to < today ? period.to : today;

    const streets = await repo.streetsWithUnits(tx);
    const ownStreet = streets.find((s) => s.unit === actor.unitCode) ?? null;
    let street: { code: string; name: string; unit: string } | null = null;
    if (args.street) {
      street = streets.find((s) => s.code === args.street) ?? null;
      if (!street) throw errors.validation([{ path: 'street', message: '街道不存在' }]);
      if (!all && street.code !== ownStreet?.code) throw errors.forbidden('只能查看本街道的督办看板');
    } else if (!all && ownStreet) {
      street = ownStreet; // a street office's dashboard is its street's
    }
    const viewStreets = street ? [street] : all || !ownStreet ? streets : [];

    // Tasks: all for plan.read.all (narrowed to the street's unit on a street dashboard), else the viewer's unit's.
    const unitFilter = street ? street.unit : all ? null : actor.unitCode;
    const tasks = await repo.dashboardTasks(tx, plan.id, unitFilter);
    const reports = await repo.dashboardReports(tx, plan.id, period.key, unitFilter);
    const submitted = reports.filter((r) => r.state === 'submitted' || r.state === 'accepted');
    const actions = await actionsOf(tx, plan.id);
    const total = zeroCounts();
    const byAction = actions.map((a) => ({ action: a.no, name: a.name, nameEn: a.name_en, counts: zeroCounts() }));
    const items = tasks.map((t) => {
      const status = taskStatus(
        submitted.filter((r) => r.task_id === t.id).map((r) => r.progress),
        t.unit_count,
      );
      total[status]++;
      const a = byAction.find((x) => x.action === t.action_no);
      if (a) a.counts[status]++;
      return { id: t.id, no: t.no, action: t.action_no, summary: t.summary, leadUnit: t.lead_unit, leadUnitName: t.lead_name, status };
    });

    // Units by timeliness: every (task, unit) pair due this period.
    const pairs = await repo.taskUnitPairs(tx, plan.id, unitFilter);
    const unitMap = new Map<string, Dashboard['units'][number]>();
    const overdue = today > periodInfo.dueOn;
    for (const p of pairs) {
      const u = unitMap.get(p.unit_code) ?? { unitCode: p.unit_code, unitName: p.unit_name, due: 0, onTime: 0, late: 0, missing: 0, accepted: 0 };
      unitMap.set(p.unit_code, u);
      u.due++;
      const r = submitted.find((x) => x.task_id === p.task_id && x.unit_code === p.unit_code);
      if (r) {
        if (r.submitted_on !== null && r.submitted_on <= r.due_on) u.onTime++;
        else u.late++;
        if (r.state === 'accepted') u.accepted++;
      } else if (overdue) u.missing++;
    }

    // Indicators: a department sees those of its tasks.
    let codes: string[] | undefined;
    if (!all && !ownStreet) {
      const mine = new Set(tasks.map((t) => t.no));
      codes = indicators()
        .filter((s) => s.tasks.some((n) => mine.has(n)))
        .map((s) => s.code);
    }
    const computed = viewStreets.length ? await computeAll(deps, { asOf, isToday, streets: viewStreets, codes }) : [];
    const series = await trends(
      deps,
      computed,
      asOf,
      isToday,
      viewStreets.map((s) => s.code),
      viewStreets.length === streets.length,
    );
    const targets = await repo.districtTargets(tx, plan.id, Number(asOf.slice(0, 4)));
    const names = new Map(streets.map((s) => [s.code, s.name]));
    const indicatorsOut = computed.map((c) => {
      const t = targets.find((g) => g.indicator === c.spec.code);
      const target: Target = t
        ? { value: Number(t.target_value), source: `第 ${t.no} 项任务年度目标：${t.text}` }
        : { value: c.spec.defaultTarget, source: c.spec.defaultTarget === null ? null : '平台默认目标' };
      const v = present(c, target, series.get(c.spec.code) ?? [], street?.code ?? null, (p) => actor.permissions.has(p));
      v.byStreet = v.byStreet.map((b) => ({ ...b, streetName: names.get(b.streetCode) ?? b.streetCode }));
      return v;
    });

    return {
      plan,
      period: {
        key: periodInfo.key,
        label: periodInfo.label,
        labelEn: periodInfo.labelEn,
        from: periodInfo.from,
        to: periodInfo.to,
        dueOn: periodInfo.dueOn,
        open: periodInfo.open,
        current: periodInfo.current,
      },
      asOf,
      street: street ? { code: street.code, name: street.name } : null,
      streets: (all ? streets : viewStreets).map((s) => ({ code: s.code, name: s.name })),
      tasks: { total, byAction, items },
      units: [...unitMap.values()],
      indicators: indicatorsOut,
      indicatorsComputedAt: (() => {
        const at = computed.map((c) => c.computedAt).filter((x): x is number => x !== null);
        return at.length ? new Date(Math.min(...at)).toISOString() : null;
      })(),
    };
  });
}
