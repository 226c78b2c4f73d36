/**
 * Hostile input on the services write routes: a 1 MB string, a NUL byte, full-width digits where a
 * number belongs, a date that is not one. Each gets a clear Chinese refusal (never a 500) and nothing
 * is written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, shanghaiDate } from '#common/dates.js';
import { testEnv, type Agent, type TestEnv } from '../../../test/harness.js';

let env: TestEnv;
let district: Agent;
let street: Agent;
let youth: Agent;
let child: string;
let programme: string;
let session: string;
let booking: string;

beforeAll(async () => {
  env = await testEnv();
  [district, street, youth] = await Promise.all([env.login('district'), env.login('street-dinghai'), env.login('youth')]);
  const today = shanghaiDate(env.clock.now);
  child = (await env.owner.query(`select id from children where street_code = 'dinghai' and status = 'active' order by id limit 1`)).rows[0].id;
  programme = (await district.post('/api/programmes', { code: 'hostile', name: '测试项目', kind: 'other', ownerUnitCode: 'youth-league' })).json().id;
  session = (
    await district.post(`/api/programmes/${programme}/sessions`, { title: '场次', startsOn: addDays(today, 10), endsOn: addDays(today, 12), capacity: 5 })
  ).json().id;
  booking = (await street.post(`/api/programme-sessions/${session}/bookings`, { childId: child })).json().id;
});
afterAll(async () => {
  await env?.close();
});

const rows = async () =>
  (
    await env.owner.query(
      `select (select count(*) from programmes) + (select count(*) from programme_sessions) + (select count(*) from bookings)
            + (select count(*) from bookings where status <> 'reserved') + (select count(*) from programme_sessions where status <> 'open') as n`,
    )
  ).rows[0].n;

describe('hostile input on the services routes', () => {
  it('refuses each with a Chinese message and writes nothing', async () => {
    const before = await rows();
    const huge = '长'.repeat(1_000_000);
    const cases: [Agent, string, Record<string, unknown>][] = [
      [district, '/api/programmes', { code: 'x-1', name: huge, kind: 'other', ownerUnitCode: 'youth-league' }],
      [district, '/api/programmes', { code: 'x-2', name: '项目\u0000', kind: 'other', ownerUnitCode: 'youth-league' }],
      [district, '/api/programmes', { code: 'x-3', name: '项目', kind: 'other', ownerUnitCode: 'youth-league', minAge: '１２' }],
      [district, '/api/programmes', { code: 'x-4', name: '项目', kind: 'other', ownerUnitCode: 'no-such-unit' }],
      [district, `/api/programmes/${programme}/sessions`, { title: '场次', startsOn: '2026-13-45', endsOn: '2026-12-31', capacity: 5 }],
      [district, `/api/programmes/${programme}/sessions`, { title: '场次', startsOn: '２０２７-０１-０１', endsOn: '2027-01-02', capacity: 5 }],
      [district, `/api/programmes/${programme}/sessions`, { title: '场次', startsOn: '2027-01-01', endsOn: '2027-01-02', capacity: '５' }],
      [district, `/api/programmes/${programme}/sessions`, { title: '场次', startsOn: '2027-01-01', endsOn: '2027-01-02', capacity: 5, priorityUntil: '明天' }],
      [street, `/api/programme-sessions/${session}/bookings`, { childId: 'not-a-uuid' }],
      [youth, `/api/programme-sessions/${session}/bookings`, { externalName: huge }],
      [youth, `/api/programme-sessions/${session}/bookings`, { externalName: '王\u0000五' }],
      [street, `/api/bookings/${booking}/cancel`, { reason: huge, version: 1 }],
      [street, `/api/bookings/${booking}/cancel`, { reason: '原因\u0000', version: 1 }],
      [street, `/api/bookings/${booking}/confirm`, { version: '１' }],
      [youth, `/api/programme-sessions/${session}/cancel`, { reason: huge, version: 1 }],
    ];
    for (const [agent, url, body] of cases) {
      const res = await agent.post(url, body);
      expect([400, 413], `${url} ${res.body.slice(0, 200)}`).toContain(res.statusCode);
      expect(res.body).toMatch(/[\u4e00-\u9fff]/);
      expect(res.body).not.toMatch(/at .*\.ts:\d+|stack/i);
    }
    const patch = await district.patch('/api/booking-priority-rules/other', { name: huge, categories: [], duringWindow: false, active: true });
    expect([400, 413]).toContain(patch.statusCode);
    expect(await rows()).toBe(before);
  });
});
