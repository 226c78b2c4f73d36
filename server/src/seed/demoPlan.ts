/**
 * Demo progress reports (督办) for the action plan: every responsible unit's report on each of its
 * tasks for each quarter from the plan's start to the last finished quarter — most handed in on
 * time and accepted, some late, a few never — and, for the running quarter, some drafts and some
 * submitted reports waiting for review. Deterministic: each report's fate comes from a hash of the
 * seed, the task, the unit and the period.
 */
import type pg from 'pg';
import { dueDateOf, parsePeriod, periodOf, periodsBetween } from '#common/supervision.js';
import { hash } from './demoVisits.js';

/** A stable number in [0, 1) from the seed and the text. */
const chance = (seed: number, text: string) => hash(seed, text) / 4294967296;

const addDays = (date: string, days: number) => {
  const d = new Date(`${date}T02:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString();
};

export async function seedDemoPlanReports(client: pg.ClientBase, opts: { seed: number; today: string }): Promise<number> {
  const plan = (
    await client.query<{ id: string; period_from: number; period_to: number; due_days: number }>(
      `select id, period_from, period_to, due_days from plans where id = 'yangpu-2024-2026'`,
    )
  ).rows[0];
  if (!plan) return 0;
  const pairs = (
    await client.query<{ task_id: string; no: number; summary: string; unit_code: string; lead_unit: string }>(
      `select t.id as task_id, t.no, t.summary, u.unit_code, t.lead_unit from plan_tasks t join plan_task_units u on u.task_id = t.id where t.plan_id = $1`,
      [plan.id],
    )
  ).rows;
  const reviewer = (await client.query<{ id: string }>(`select id from users where username = 'district'`)).rows[0]?.id ?? null;
  const current = periodOf('quarter', opts.today);
  const periods = periodsBetween('quarter', plan.period_from, plan.period_to).filter((p) => p.from <= opts.today);
  const rows: unknown[][] = [];
  for (const p of periods) {
    const running = p.key === current.key;
    const due = dueDateOf(p, plan.due_days);
    const age = periods.length - periods.indexOf(p); // 1 = the running quarter
    for (const x of pairs) {
      const r = chance(opts.seed, `${x.task_id}|${x.unit_code}|${p.key}`);
      const r2 = chance(opts.seed + 1, `${x.unit_code}|${p.key}|${x.no}`);
      let state: string,
        submittedAt: string | null = null,
        reviewedAt: string | null = null;
      if (running) {
        if (r < 0.25) state = 'draft';
        else if (r < 0.4) {
          state = 'submitted';
          submittedAt = addDays(opts.today, -Math.floor(r2 * 10));
        } else continue;
      } else if (opts.today <= due && r < 0.5) {
        continue; // the last quarter's reports are still coming in
      } else if (r < 0.06) {
        continue; // never handed in
      } else {
        const late = r < 0.16;
        submittedAt = addDays(due, late ? 3 + Math.floor(r2 * 20) : -Math.floor(r2 * 12));
        if (submittedAt > `${opts.today}T00:00:00Z`) submittedAt = addDays(opts.today, -1);
        // Reviewed a few days after it came in (a returned report waits for its resubmission).
        const reviewed = new Date(Date.parse(submittedAt) + (2 + Math.floor(r2 * 10)) * 86_400_000).toISOString();
        if (age <= 2 && r2 < 0.3) state = 'submitted';
        else if (reviewed > `${opts.today}T00:00:00Z`) state = 'submitted';
        else {
          state = r2 > 0.95 ? 'returned' : 'accepted';
          reviewedAt = reviewed;
        }
      }
      const finalYear = p.from.slice(0, 4) === String(plan.period_to);
      // Few units fall behind (one late unit makes its whole task late on the dashboard).
      const progress = r2 < 0.012 ? 'late' : finalYear && r2 > 0.55 ? 'done' : r2 < 0.05 ? 'not-started' : 'in-progress';
      const label = parsePeriod(p.key)!.label;
      rows.push([
        x.task_id,
        x.unit_code,
        p.key,
        due,
        state,
        progress,
        `${label}，围绕“${x.summary}”按计划推进：召开专题会议 ${1 + Math.floor(r2 * 3)} 次，开展相关服务 ${5 + Math.floor(r * 40)} 人次。`,
        `服务困境儿童 ${10 + Math.floor(r2 * 90)} 人次`,
        progress === 'late' ? '部分工作受人手不足影响，进度滞后' : '',
        '继续按方案推进，下季度完成阶段性目标',
        submittedAt,
        reviewedAt,
        reviewedAt ? reviewer : null,
        state === 'returned' ? '请补充具体数据和证明材料' : null,
      ]);
    }
  }
  if (!rows.length) return 0;
  const col = (i: number) => rows.map((r) => r[i]);
  // The reports and, for those newly written, their history (a second run adds nothing).
  await client.query(
    `with ins as (
       insert into plan_reports (task_id, unit_code, period, due_on, state, progress, done, figures, problems, next_steps, submitted_at, reviewed_at, reviewed_by, review_comment, created_at, updated_at)
       select t.*, coalesce(t.submitted_at, now()), coalesce(t.reviewed_at, t.submitted_at, now())
       from unnest($1::uuid[], $2::text[], $3::text[], $4::date[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[],
                   $11::timestamptz[], $12::timestamptz[], $13::uuid[], $14::text[])
         as t(task_id, unit_code, period, due_on, state, progress, done, figures, problems, next_steps, submitted_at, reviewed_at, reviewed_by, review_comment)
       on conflict (task_id, unit_code, period) do nothing
       returning id, unit_code, state, submitted_at, reviewed_at, reviewed_by, review_comment)
     insert into plan_report_events (report_id, at, user_id, unit_code, action, comment)
     select id, submitted_at, null::uuid, unit_code, 'submitted', null from ins where submitted_at is not null
     union all
     select id, reviewed_at, reviewed_by, 'civil-affairs', case state when 'returned' then 'returned' else 'accepted' end, review_comment from ins where reviewed_at is not null`,
    Array.from({ length: 14 }, (_, i) => col(i)),
  );
  return rows.length;
}
