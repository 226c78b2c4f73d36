/**
 * The plan file becomes rows once: at start, a plan id not yet in the database is loaded from its
 * file (actions, tasks, responsible units with 各街道 expanded to the 12 street offices, and the
 * first-named unit as lead). From then on the database is the plan: administrators edit it in the
 * interface (audited), and a later start never overwrites their changes.
 */
import type pg from 'pg';
import { loadPlanFile, expandUnits, type PlanFile } from './plan/planFile.js';
import * as repo from './repo/plan.js';

/** Yearly targets the district set itself, linked to the indicators that measure them. */
const DEFAULT_TARGETS: { task: number; year: number; text: string; indicator: string; value: number }[] = [
  { task: 4, year: 2026, text: '每名困境儿童配备一名成长导师', indicator: 'mentors.mentor', value: 100 },
  { task: 4, year: 2026, text: '每名困境儿童配备一名互助伙伴', indicator: 'mentors.buddy', value: 100 },
  { task: 18, year: 2026, text: '困境儿童一人一档，档案必填项齐全', indicator: 'files.complete', value: 95 },
  { task: 18, year: 2026, text: '按走访规则定期走访，按期率不低于 90%', indicator: 'visits.onTime', value: 90 },
  { task: 19, year: 2026, text: '符合条件的儿童及时纳入保障，可享未享清零', indicator: 'eligibility.notReceiving', value: 0 },
];

export async function applyPlanFile(client: pg.ClientBase, plan: PlanFile = loadPlanFile()): Promise<boolean> {
  if (await repo.planExists(client, plan.id)) return false;
  const streets = await repo.streetUnitCodes(client);
  const source = `${plan.source.district}《${plan.source.document}》${plan.source.table}`;
  await repo.insertPlanFromFile(client, { id: plan.id, name: plan.name.zh, nameEn: plan.name.en, from: plan.period.from, to: plan.period.to, source });
  for (const a of plan.actions) await repo.insertAction(client, plan.id, a.code, a.name.zh, a.name.en);
  const taskIds = new Map<number, string>();
  for (const t of plan.tasks) {
    const id = await repo.insertNumberedTask(client, plan.id, t);
    taskIds.set(t.no, id);
    await repo.insertTaskUnits(client, id, expandUnits(t.units, streets));
  }
  if (plan.id === 'yangpu-2024-2026') {
    for (const g of DEFAULT_TARGETS) {
      const taskId = taskIds.get(g.task);
      if (!taskId) continue;
      await repo.insertDistrictTarget(client, taskId, g);
    }
  }
  return true;
}
