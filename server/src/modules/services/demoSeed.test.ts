/** The demo catalogue and bookings: deterministic, every status present, and the journey's camp session with one place left. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDate } from '#common/dates.js';
import { testEnv, type TestEnv } from '../../../test/harness.js';
import { seedDemoServices } from '../../seed/demoServices.js';

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
      `select json_agg(x order by x) as s from (
         select p.code || '|' || s.title || '|' || s.starts_on || '|' || coalesce(b.child_id::text, b.external_name) || '|' || b.status || '|' || b.priority_code
                || '|' || b.display_label || '|' || b.requested_at::text as x
           from bookings b join programme_sessions s on s.id = b.session_id join programmes p on p.id = b.programme_id) q`,
    )
  ).rows[0].s;

describe('seedDemoServices', () => {
  it('is deterministic and shows what the journeys need', async () => {
    const today = shanghaiDate(a.clock.now);
    const [ra, rb] = await Promise.all([seedDemoServices(a.owner, { today }), seedDemoServices(b.owner, { today })]);
    expect(ra).toEqual(rb);
    expect(ra.programmes).toBeGreaterThanOrEqual(16);
    expect(await snapshot(a)).toEqual(await snapshot(b));
    const statuses = (await a.owner.query(`select array_agg(distinct status order by status) as s from bookings`)).rows[0].s;
    expect(statuses).toEqual(['absent', 'attended', 'cancelled', 'confirmed', 'expired', 'reserved', 'waitlisted']);
    // the camp: one place left, the window open, an external non-priority request waiting
    const camp = (
      await a.owner.query(
        `select s.id, s.capacity, s.priority_until > now() as window_open, booking_places_taken(s.id) as taken,
                (select array_agg(participant_kind || ':' || priority_code) from bookings w where w.session_id = s.id and w.status = 'waitlisted') as waiting
           from programme_sessions s join programmes p on p.id = s.programme_id
          where p.code = 'xindongli-camp' and s.starts_on > $1 order by s.starts_on limit 1`,
        [today],
      )
    ).rows[0];
    expect(camp.capacity - camp.taken).toBe(1);
    expect(camp.window_open).toBe(true);
    expect(camp.waiting).toEqual(['external:other']);
    // a Dinghai Road child in difficulty of the camp's ages is free to book it
    const free = await a.owner.query(
      `select c.id from children c join child_categories k on k.child_id = c.id and k.until is null and k.category <> 'reunited_with_parents'
        where c.street_code = 'dinghai' and c.status = 'active' and age($2::date, c.birth_date) between interval '8 years' and interval '14 years 11 months'
          and not exists (select 1 from bookings b where b.child_id = c.id and b.session_id = $1) limit 1`,
      [camp.id, (await a.owner.query(`select starts_on::text from programme_sessions where id = $1`, [camp.id])).rows[0].starts_on],
    );
    expect(free.rowCount).toBe(1);
    // the caregiver course has a guardian; every programme has an owner unit that exists
    expect((await a.owner.query(`select 1 from bookings where participant_kind = 'guardian' and member_id is not null`)).rowCount).toBeGreaterThan(0);
    // run again: nothing more
    expect((await seedDemoServices(a.owner, { today })).bookings).toBe(0);
  });
});
