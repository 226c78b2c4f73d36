/** The demo visits seeder: deterministic, realistic spread, some children overdue, next due dates set. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEnv, type TestEnv } from '../../../test/harness.js';
import { seedDemoVisits } from '../../seed/demoVisits.js';
import { addDays, shanghaiDate } from '#common/dates.js';

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
});
afterAll(async () => {
  await env?.close();
});

const fingerprint = async () =>
  (
    await env.owner.query<{ f: string }>(
      `select md5(string_agg(concat_ws('|', c.name, c.birth_date, v.visited_on, v.kind, v.visitor_name, v.people_met, v.checklist::text, v.findings, v.status), ',' order by c.name, c.birth_date, v.visited_on, v.status))
       as f from visits v join children c on c.id = v.child_id`,
    )
  ).rows[0]!.f;

describe('seedDemoVisits', () => {
  it("gives every active child visits over two years at its rule's interval, ~15% overdue, deterministically", async () => {
    const today = shanghaiDate(env.clock.now);
    const n = await seedDemoVisits(env.owner, { seed: 7, today });
    const active = (await env.owner.query<{ n: number }>(`select count(*)::int as n from children where status = 'active'`)).rows[0]!.n;
    expect(n).toBeGreaterThan(active * 3);
    const stats = (
      await env.owner.query(`
      select min(visited_on) as first, max(visited_on) as last, count(*) filter (where status = 'draft')::int as drafts,
             count(distinct child_id)::int as children, count(*) filter (where visitor_id is null)::int as anonymous
      from visits`)
    ).rows[0];
    expect(stats.first >= addDays(today, -730)).toBe(true);
    expect(stats.last <= today).toBe(true);
    // Children registered in the last few weeks may not have been visited yet.
    expect(stats.children / active).toBeGreaterThan(0.9);
    // Every visitor is a user of the child's street, or the generic 儿童主任.
    const wrongStreet = (
      await env.owner.query<{ n: number }>(`
      select count(*)::int as n from visits v join users u on u.id = v.visitor_id join units un on un.code = u.unit_code
      where un.street_code is distinct from v.street_code`)
    ).rows[0]!.n;
    expect(wrongStreet).toBe(0);
    expect((await env.owner.query(`select count(*)::int as n from visits where visitor_id is null and visitor_name <> '儿童主任'`)).rows[0].n).toBe(0);
    // Snapshots carry labels and statuses; attention lines carry a note.
    const bad = (
      await env.owner.query<{ n: number }>(`
      select count(*)::int as n from visits v, jsonb_array_elements(v.checklist) e
      where not (e ? 'label') or e->>'status' not in ('ok', 'attention', 'na') or (e->>'status' = 'attention' and coalesce(e->>'note', '') = '')`)
    ).rows[0]!.n;
    expect(bad).toBe(0);

    // Next due dates follow: roughly 15% overdue (the seeded share, plus none by accident).
    const due = (
      await env.owner.query(
        `
      select count(*) filter (where next_visit_due < $1::date)::int as overdue, count(*) filter (where next_visit_due is null)::int as missing,
             count(*) filter (where last_visit_on is null)::int as never
      from children where status = 'active'`,
        [today],
      )
    ).rows[0];
    expect(due.missing).toBe(0);
    expect(due.never).toBe(active - stats.children);
    expect(due.overdue / active).toBeGreaterThan(0.05);
    expect(due.overdue / active).toBeLessThan(0.3);
    // The interval between consecutive visits of a child never exceeds its rule.
    const late = (
      await env.owner.query<{ n: number }>(`
      select count(*)::int as n from (
        select v.child_id, v.visited_on - lag(v.visited_on) over (partition by v.child_id order by v.visited_on) as gap,
          (select min(vr.interval_days) from visit_rules vr, children c where c.id = v.child_id and vr.active and (vr.risk_level = c.risk_level
             or vr.category in (select category from child_categories cc where cc.child_id = c.id and cc.until is null))) as days
        from visits v where v.status = 'submitted') g where g.gap > g.days`)
    ).rows[0]!.n;
    expect(late).toBe(0);

    const first = await fingerprint();
    await env.owner.query('delete from visits');
    expect(await seedDemoVisits(env.owner, { seed: 7, today })).toBe(n);
    expect(await fingerprint()).toBe(first);
    await env.owner.query('delete from visits');
    await seedDemoVisits(env.owner, { seed: 8, today });
    expect(await fingerprint()).not.toBe(first);
  });
});
