/**
 * The plan file becomes rows once: at start, a plan id not yet in the database is loaded from its
 * file (actions, tasks, responsible units with 各街道 expanded to the 12 street offices, and the
 * first-named unit as lead). From then on the database is the plan: administrators edit it in the
 * interface (audited), and a later start never overwrites their changes.
 */
import type pg from 'pg';
import { loadPlanFile, expandUnits, type PlanFile } from './plan/planFile.js';

/** Yearly targets the district set itself, linked to the indicators that measure them. */
const DEFAULT_TARGETS: { task: number; year: number; text: string; indicator: string; value: number }[] = [
  { task: 4, year: 2026, text: '每名困境儿童配备一名成长导师', indicator: 'mentors.mentor', value: 100 },
  { task: 4, year: 2026, text: '每名困境儿童配备一名互助伙伴', indicator: 'mentors.buddy', value: 100 },
  { task: 18, year: 2026, text: '困境儿童一人一档，档案必填项齐全', indicator: 'files.complete', value: 95 },
  { task: 18, year: 2026, text: '按走访规则定期走访，按期率不低于 90%', indicator: 'visits.onTime', value: 90 },
  { task: 19, year: 2026, text: '符合条件的儿童及时纳入保障，可享未享清零', indicator: 'eligibility.notReceiving', value: 0 },
];

export async function applyPlanFile(client: pg.ClientBase, plan: PlanFile = loadPlanFile()): Promise<boolean> {
  const exists = await client.query('select 1 from plans where id = $1', [plan.id]);
  if (exists.rowCount) return false;
  const streets = (await client.query<{ code: string }>(`select code from units where kind = 'street' order by sort, code`)).rows.map((r) => r.code);
  const source = `${plan.source.district}《${plan.source.document}》${plan.source.table}`;
  await client.query(
    `insert into plans (id, name, name_en, period_from, period_to, source) values ($1, $2, $3, $4, $5, $6)`,
    [plan.id, plan.name.zh, plan.name.en, plan.period.from, plan.period.to, source],
  );
  for (const a of plan.actions) {
    await client.query('insert into plan_actions (plan_id, no, name, name_en) values ($1, $2, $3, $4)', [plan.id, a.code, a.name.zh, a.name.en]);
  }
  const taskIds = new Map<number, string>();
  for (const t of plan.tasks) {
    const { rows } = await client.query<{ id: string }>(
      `insert into plan_tasks (plan_id, no, action_no, summary, text, lead_unit) values ($1, $2, $3, $4, $5, $6) returning id`,
      [plan.id, t.no, t.action, t.summary, t.text, t.lead],
    );
    const id = rows[0]!.id;
    taskIds.set(t.no, id);
    const units = expandUnits(t.units, streets);
    await client.query(
      `insert into plan_task_units (task_id, unit_code, sort) select $1, u, o from unnest($2::text[]) with ordinality as x(u, o)`,
      [id, units],
    );
  }
  if (plan.id === 'yangpu-2024-2026') {
    for (const g of DEFAULT_TARGETS) {
      const taskId = taskIds.get(g.task);
      if (!taskId) continue;
      await client.query(
        `insert into plan_targets (task_id, unit_code, year, text, indicator, target_value) values ($1, null, $2, $3, $4, $5)`,
        [taskId, g.year, g.text, g.indicator, g.value],
      );
    }
  }
  return true;
}
