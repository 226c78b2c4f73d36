/**
 * Hostile input on the write routes of the appointments and holidays modules: a 1 MB text, a NUL
 * byte, full-width digits, a date or time that is not one. Each gets a clear Chinese refusal
 * (never a 500) and nothing is written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, shanghaiDate } from '#common/dates.js';
import { testEnv, type Agent, type TestEnv } from '../../../test/harness.js';

let env: TestEnv;
let district: Agent;
let child: string;
let programme: string;
let slot: string;
let today: string;

beforeAll(async () => {
  env = await testEnv();
  district = await env.login('district');
  today = shanghaiDate(env.clock.now);
  child = (await env.owner.query<{ id: string }>(`select id from children where street_code = 'dinghai' and status = 'active' order by id limit 1`)).rows[0]!
    .id;
  programme = (
    await env.owner.query<{ id: string }>(
      `insert into programmes (code, name, kind, owner_unit_code, mode) values ('test-hostile', '测试上门', 'home_teaching', 'civil-affairs', 'appointment') returning id`,
    )
  ).rows[0]!.id;
  slot = (
    await env.owner.query<{ id: string }>(
      `insert into programme_sessions (programme_id, title, starts_on, ends_on, starts_at, capacity) values ($1, '时段', $2, $2, $3, 1) returning id`,
      [programme, addDays(today, 2), `${addDays(today, 2)}T09:00:00+08:00`],
    )
  ).rows[0]!.id;
});
afterAll(async () => {
  await env?.close();
});

const rows = async () =>
  (
    await env.owner.query<{ n: number }>(
      `select ((select count(*) from bookings) + (select count(*) from programme_sessions) + (select count(*) from holiday_plans)
             + (select count(*) from school_holidays) + (select sum(version) from school_holidays))::int as n`,
    )
  ).rows[0]!.n;

describe('hostile input on the appointments and holidays routes', () => {
  it('refuses each with a Chinese message and writes nothing', async () => {
    const before = await rows();
    const year = Number(today.slice(0, 4));
    const cases: [string, string, unknown][] = [
      ['POST', `/api/appointments/programmes/${programme}/slots`, { days: ['２０２６-１２-３０'], times: ['09:00'] }],
      ['POST', `/api/appointments/programmes/${programme}/slots`, { days: [addDays(today, 5)], times: ['２５:００'] }],
      ['POST', `/api/appointments/programmes/${programme}/slots`, { days: ['2026-02-30'], times: ['09:00'] }],
      ['POST', `/api/appointments/programmes/${programme}/slots`, { days: [addDays(today, 5)], times: ['09:00'], place: '家\u0000中' }],
      ['POST', `/api/appointment-slots/${slot}/book`, { childId: '１２３' }],
      ['POST', `/api/appointment-slots/${slot}/cancel`, { reason: '长'.repeat(1_000_000), version: 1 }],
      ['POST', `/api/appointment-slots/${slot}/cancel`, { reason: '取消', version: '１' }],
      ['PUT', `/api/school-holidays/${year}/winter`, { startsOn: '２０２６-０１-２０', endsOn: `${year}-02-20`, version: 1 }],
      ['PUT', `/api/school-holidays/${year}/spring`, { startsOn: `${year}-03-01`, endsOn: `${year}-03-10` }],
      ['PUT', `/api/school-holidays/１２/winter`, { startsOn: `${year}-01-20`, endsOn: `${year}-02-20` }],
      ['PUT', `/api/children/${child}/holiday-plans/${year}/summer`, { plan: '长'.repeat(1_000_000) }],
      ['PUT', `/api/children/${child}/holiday-plans/${year}/summer`, { plan: '托班\u0000' }],
      ['PUT', `/api/children/${child}/holiday-plans/${year}/summer`, { plan: '托班', version: '１' }],
    ];
    for (const [method, url, body] of cases) {
      const res = await district.request(method as 'POST' | 'PUT', url, body);
      expect([400, 413], `${url} ${res.body.slice(0, 200)}`).toContain(res.statusCode);
      expect(res.body).toMatch(/[\u4e00-\u9fff]/);
      expect(res.body).not.toMatch(/at .*\.ts:\d+|stack/i);
    }
    // a completion with a non-number duration
    const b = await district.post(`/api/appointment-slots/${slot}/book`, { childId: child });
    expect(b.statusCode, b.body).toBe(201);
    const after = await rows();
    const bad = await district.post(`/api/appointments/${b.json().id}/complete`, {
      attended: true,
      completionNote: '内容',
      durationMinutes: '６０',
      version: 1,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toMatch(/[\u4e00-\u9fff]/);
    expect(after).toBe(before + 1);
    expect(await rows()).toBe(after);
  });
});
