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
import type { AppDeps } from '../../core/deps.js';
import { inScope, type Actor, type RequestCtx } from '../../core/context.js';
import { errors } from '../../core/errors.js';
import { shanghaiDate } from '#common/dates.js';
import { TASK_STATUSES, type Dashboard, type Progress, type TaskStatus } from '#common/supervision.js';
import { computeAll, present, trends, type Target } from './indicators/compute.js';
import { indicators } from './indicators/registry.js';
import { canSeeAll, periodIn, periodsOf, planOf, currentPeriodKey } from './service.js';

export interface DashboardArgs { plan?: string; period?: string; street?: string }

/** The task status from its units' submitted progress (drafts do not count). */
export function taskStatus(progress: Progress[], unitCount: number): TaskStatus {
  if (!progress.length) return 'unreported';
  if (progress.includes('late')) return 'late';
  if (progress.length === unitCount && progress.every((p) => p === 'done')) return 'done';
  if (progress.some((p) => p === 'in-progress' || p === 'done')) return 'in-progress';
  return 'not-started';
}

const zeroCounts = () => Object.fromEntries(TASK_STATUSES.map((s) => [s, 0])) as Record<TaskStatus, number>;

export async function buildDashboard(deps: AppDeps, ctx: RequestCtx, args: DashboardArgs): Promise<Dashboard> {
  const actor = ctx.actor!;
  const today = shanghaiDate(deps.clock());
  const all = canSeeAll(actor);
  return inScope(deps.db, ctx, async (tx) => {
    const plan = await planOf(tx, today, args.plan);
    const period = periodIn(plan, args.period ?? currentPeriodKey(plan, today), today);
    const periodInfo = periodsOf(plan, today).find((p) => p.key === period.key)!;
    const isToday = period.to >= today && period.from <= today;
    const asOf = period.to < today ? period.to : today;

    const streets = (await tx.client.query<{ code: string; name: string; unit: string }>(
      `select s.code, s.name, 'street-' || s.code as unit from streets s order by s.sort, s.code`)).rows;
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
    const tasks = (await tx.client.query<{ id: string; no: number; action_no: number; summary: string; lead_unit: string; lead_name: string; unit_count: number }>(
      `select t.id, t.no, t.action_no, t.summary, t.lead_unit, n.name as lead_name,
              (select count(*)::int from plan_task_units u where u.task_id = t.id and ($2::text is null or u.unit_code = $2)) as unit_count
       from plan_tasks t join units n on n.code = t.lead_unit
       where t.plan_id = $1 and ($2::text is null or exists (select 1 from plan_task_units u where u.task_id = t.id and u.unit_code = $2))
       order by t.no`, [plan.id, unitFilter])).rows;
    const reports = (await tx.client.query<{ task_id: string; unit_code: string; state: string; progress: Progress; submitted_on: string | null; due_on: string }>(
      `select r.task_id, r.unit_code, r.state, r.progress, to_char(r.submitted_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as submitted_on, to_char(r.due_on, 'YYYY-MM-DD') as due_on
       from plan_reports r join plan_tasks t on t.id = r.task_id where t.plan_id = $1 and r.period = $2 and ($3::text is null or r.unit_code = $3)`,
      [plan.id, period.key, unitFilter])).rows;
    const submitted = reports.filter((r) => r.state === 'submitted' || r.state === 'accepted');
    const actions = (await tx.client.query<{ no: number; name: string; name_en: string }>('select no, name, name_en from plan_actions where plan_id = $1 order by no', [plan.id])).rows;
    const total = zeroCounts();
    const byAction = actions.map((a) => ({ action: a.no, name: a.name, nameEn: a.name_en, counts: zeroCounts() }));
    const items = tasks.map((t) => {
      const status = taskStatus(submitted.filter((r) => r.task_id === t.id).map((r) => r.progress), t.unit_count);
      total[status]++;
      const a = byAction.find((x) => x.action === t.action_no);
      if (a) a.counts[status]++;
      return { id: t.id, no: t.no, action: t.action_no, summary: t.summary, leadUnit: t.lead_unit, leadUnitName: t.lead_name, status };
    });

    // Units by timeliness: every (task, unit) pair due this period.
    const pairs = (await tx.client.query<{ task_id: string; unit_code: string; unit_name: string; sort: number }>(
      `select u.task_id, u.unit_code, n.name as unit_name, n.sort from plan_task_units u join plan_tasks t on t.id = u.task_id join units n on n.code = u.unit_code
       where t.plan_id = $1 and ($2::text is null or u.unit_code = $2) order by n.sort, n.code`, [plan.id, unitFilter])).rows;
    const unitMap = new Map<string, Dashboard['units'][number]>();
    const overdue = today > periodInfo.dueOn;
    for (const p of pairs) {
      const u = unitMap.get(p.unit_code) ?? { unitCode: p.unit_code, unitName: p.unit_name, due: 0, onTime: 0, late: 0, missing: 0, accepted: 0 };
      unitMap.set(p.unit_code, u);
      u.due++;
      const r = submitted.find((x) => x.task_id === p.task_id && x.unit_code === p.unit_code);
      if (r) {
        if (r.submitted_on! <= r.due_on) u.onTime++;
        else u.late++;
        if (r.state === 'accepted') u.accepted++;
      } else if (overdue) u.missing++;
    }

    // Indicators: a department sees those of its tasks.
    let codes: string[] | undefined;
    if (!all && !ownStreet) {
      const mine = new Set(tasks.map((t) => t.no));
      codes = indicators().filter((s) => s.tasks.some((n) => mine.has(n))).map((s) => s.code);
    }
    const computed = viewStreets.length ? await computeAll(deps, { asOf, isToday, streets: viewStreets, codes }) : [];
    const series = await trends(deps, computed, asOf, isToday, viewStreets.map((s) => s.code), viewStreets.length === streets.length);
    const targets = (await tx.client.query<{ indicator: string; target_value: string; text: string; no: number }>(
      `select g.indicator, g.target_value, g.text, t.no from plan_targets g join plan_tasks t on t.id = g.task_id
       where t.plan_id = $1 and g.indicator is not null and g.target_value is not null and g.unit_code is null and g.year <= $2
       order by g.year desc, g.created_at desc`, [plan.id, Number(asOf.slice(0, 4))])).rows;
    const names = new Map(streets.map((s) => [s.code, s.name]));
    const indicatorsOut = computed.map((c) => {
      const t = targets.find((g) => g.indicator === c.spec.code);
      const target: Target = t ? { value: Number(t.target_value), source: `第 ${t.no} 项任务年度目标：${t.text}` }
        : { value: c.spec.defaultTarget, source: c.spec.defaultTarget === null ? null : '平台默认目标' };
      const v = present(c, target, series.get(c.spec.code) ?? [], street?.code ?? null, (p) => actor.permissions.has(p));
      v.byStreet = v.byStreet.map((b) => ({ ...b, streetName: names.get(b.streetCode) ?? b.streetCode }));
      return v;
    });

    return {
      plan,
      period: { key: periodInfo.key, label: periodInfo.label, labelEn: periodInfo.labelEn, from: periodInfo.from, to: periodInfo.to, dueOn: periodInfo.dueOn, open: periodInfo.open, current: periodInfo.current },
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

export type { Actor };
