/** The demo guidance sessions: deterministic, attended, missed (with a reason) and planned, some in the demo child director's committee. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDate } from '#common/dates.js';
import { testEnv, type TestEnv } from '../../../test/harness.js';
import { seedDemoGuidance } from '../../seed/demoGuidance.js';

let a: TestEnv;
let b: TestEnv;
beforeAll(async () => {
  [a, b] = await Promise.all([testEnv(), testEnv()]);
});
afterAll(async () => {
  await Promise.all([a?.close(), b?.close()]);
});

const snapshot = async (env: TestEnv) =>
  (
    await env.owner.query(
      `select json_agg(x order by x) as s from (select child_id::text || kind || provider || topic || scheduled_on::text || coalesce(attended::text, '-') || coalesce(absence_reason, '-') as x from guidance_sessions) q`,
    )
  ).rows[0].s;

describe('seedDemoGuidance', () => {
  it('is deterministic and has attended, missed and planned sessions', async () => {
    const today = shanghaiDate(a.clock.now);
    const [ra, rb] = await Promise.all([seedDemoGuidance(a.owner, { seed: 7, today }), seedDemoGuidance(b.owner, { seed: 7, today })]);
    expect(ra).toEqual(rb);
    expect(ra.sessions).toBeGreaterThan(10);
    expect(await snapshot(a)).toEqual(await snapshot(b));
    const counts = (
      await a.owner.query(
        `select count(*) filter (where attended)::int as attended, count(*) filter (where attended = false)::int as missed,
                                  count(*) filter (where attended is null)::int as planned, count(*) filter (where attended is null and scheduled_on <= $1)::int as stale,
                                  count(*) filter (where attended = false and absence_reason is null)::int as no_reason
                             from guidance_sessions`,
        [today],
      )
    ).rows[0];
    expect(counts.attended).toBeGreaterThan(0);
    expect(counts.missed).toBeGreaterThan(0);
    expect(counts.planned).toBeGreaterThan(0);
    expect(counts.stale).toBe(0);
    expect(counts.no_reason).toBe(0);
    const director = await a.owner.query(`select 1 from guidance_sessions g join committees m on m.id = g.committee_id where m.code = 'dinghai-01' limit 1`);
    expect(director.rowCount).toBe(1);
    // run again: children that have sessions get none more
    expect((await seedDemoGuidance(a.owner, { seed: 7, today, children: 0 })).sessions).toBe(0);
  });

  it('links the sessions of a child with a guidance order to the order', async () => {
    const today = shanghaiDate(b.clock.now);
    const child = (
      await b.owner.query(
        `select id from children where status = 'active' and not exists (select 1 from guidance_sessions g where g.child_id = children.id) order by id desc limit 1`,
      )
    ).rows[0];
    const order = (
      await b.owner.query(
        `insert into guardianship_interventions (child_id, street_code, committee_id, kind, status, reason, sessions_required)
         select id, street_code, committee_id, 'guidance_order', 'in_progress', '演示', 4 from children where id = $1 returning id`,
        [child.id],
      )
    ).rows[0];
    await seedDemoGuidance(b.owner, { seed: 8, today, children: 1 });
    const linked = (await b.owner.query('select count(*)::int as n from guidance_sessions where intervention_id = $1', [order.id])).rows[0].n;
    expect(linked).toBe(4);
  });
});
