/**
 * The demo plan reports read back through the API and give a dashboard with something in every
 * column: reports accepted, on time and late, missing, and in the running quarter drafts and
 * reports waiting for review. Deterministic for a given seed and day.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dashboard } from '#common/supervision.js';
import { seedDemoPlanReports } from '../../seed/demoPlan.js';
import { testEnv, type TestEnv } from '../../../test/harness.js';

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
  env.clock.now = Date.parse('2026-11-29T02:00:00Z');
});
afterAll(async () => {
  await env?.close();
});

describe('demo plan reports', () => {
  it('seeds every kind of report deterministically, and the dashboard reads them', async () => {
    const n = await seedDemoPlanReports(env.owner, { seed: 7, today: '2026-11-29' });
    expect(n).toBeGreaterThan(1000);
    const states = Object.fromEntries(
      (await env.owner.query<{ state: string; n: number }>(`select state, count(*)::int as n from plan_reports group by state`)).rows.map((r) => [
        r.state,
        r.n,
      ]),
    );
    for (const s of ['draft', 'submitted', 'accepted', 'returned']) expect(states[s], s).toBeGreaterThan(0);
    // Nothing is dated after today, nothing reviewed before it was submitted.
    expect((await env.owner.query(`select 1 from plan_reports where submitted_at > '2026-11-30' or reviewed_at < submitted_at`)).rowCount).toBe(0);
    // Seeding again changes nothing.
    await seedDemoPlanReports(env.owner, { seed: 7, today: '2026-11-29' });
    expect((await env.owner.query<{ n: number }>('select count(*)::int as n from plan_reports')).rows[0]!.n).toBe(n);

    const district = await env.login('district');
    const q3: Dashboard = (await district.get('/api/dashboard?period=2026Q3')).json();
    const sum = (k: 'onTime' | 'late' | 'missing' | 'accepted') => q3.units.reduce((a, u) => a + u[k], 0);
    expect(sum('onTime')).toBeGreaterThan(0);
    expect(sum('late')).toBeGreaterThan(0);
    expect(sum('missing')).toBeGreaterThan(0);
    expect(sum('accepted')).toBeGreaterThan(0);
    expect(q3.tasks.items).toHaveLength(41);
    const list = (await district.get('/api/plan/reports?period=2026Q3&state=returned')).json();
    expect(list.total).toBeGreaterThan(0);
    expect(list.items[0].reviewComment).toBeTruthy();
    const detail = (await district.get(`/api/plan/reports/${list.items[0].id}`)).json();
    expect(detail.history.map((h: { action: string }) => h.action)).toEqual(['submitted', 'returned']);
  });
});
