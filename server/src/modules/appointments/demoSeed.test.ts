/** The demo holiday plans and 送教上门 appointments: deterministic, and what the journeys need. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDate } from '#common/dates.js';
import { testEnv, type TestEnv } from '../../../test/harness.js';
import { seedDemoAppointments } from '../../seed/demoAppointments.js';
import { seedDemoHolidays } from '../../seed/demoHolidays.js';

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
      `select (select json_agg(x order by x) from (select child_id::text || year || season || plan as x from holiday_plans) q) as plans,
              (select json_agg(x order by x) from (select s.starts_at::text || coalesce(b.child_id::text, '-') || coalesce(b.status, '-') || coalesce(b.display_label, '-') as x
                 from programme_sessions s join programmes p on p.id = s.programme_id left join bookings b on b.session_id = s.id where p.code = 'home-teaching') q) as slots`,
    )
  ).rows[0];

describe('the demo holiday plans and home-teaching appointments', () => {
  it('are deterministic, plan the coming winter holiday for some children, and offer 送教上门 slots with bookings and one visit completed', async () => {
    const today = shanghaiDate(a.clock.now);
    const run = async (env: TestEnv) => ({
      h: await seedDemoHolidays(env.owner, { seed: 7, today }),
      s: await seedDemoAppointments(env.owner, { seed: 7, today }),
    });
    const [ra, rb] = await Promise.all([run(a), run(b)]);
    expect(ra).toEqual(rb);
    expect(await snapshot(a)).toEqual(await snapshot(b));
    expect(ra.h.plans).toBeGreaterThan(10);
    const winter = (
      await a.owner.query(`select distinct p.season, m.code = 'dinghai-01' as director from holiday_plans p join committees m on m.id = p.committee_id`)
    ).rows;
    expect(winter.every((r) => r.season === 'winter')).toBe(true);
    expect(winter.some((r) => r.director)).toBe(true);
    const p = (await a.owner.query(`select owner_unit_code, mode, min_age, max_age, audience from programmes where code = 'home-teaching'`)).rows[0];
    expect(p).toEqual({ owner_unit_code: 'education', mode: 'appointment', min_age: 0, max_age: 3, audience: 'child' });
    const st = (
      await a.owner.query(
        `select count(*) filter (where s.starts_at > now())::int as ahead, count(b.id) filter (where b.status = 'confirmed')::int as booked,
                count(b.id) filter (where b.status = 'attended' and b.completion_note is not null)::int as done
           from programme_sessions s join programmes p on p.id = s.programme_id left join bookings b on b.session_id = s.id where p.code = 'home-teaching'`,
      )
    ).rows[0];
    expect(st.ahead).toBeGreaterThanOrEqual(20);
    expect(st.booked).toBeGreaterThan(0);
    expect(st.done).toBe(1);
    // a second run adds nothing
    expect(await seedDemoAppointments(a.owner, { seed: 7, today })).toEqual({ slots: 0, bookings: 0 });
  });
});
