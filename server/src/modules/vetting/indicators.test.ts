/**
 * The 督办 indicators of the record checks (task 37) against hand-computed figures, and their place
 * on the district's dashboard.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, shanghaiDate } from '#common/dates.js';
import { testEnv, type TestEnv } from '../../../test/harness.js';
import { indicator } from '../supervision/indicators/registry.js';
import './indicators.js';

let env: TestEnv;
let today: string;

beforeAll(async () => {
  env = await testEnv();
  today = shanghaiDate(env.clock.now);
});
afterAll(async () => {
  await env?.close();
});

async function person(name: string, roleKind: string, answeredDaysAgo: number | null, leftOn: string | null = null, result = 'clear') {
  const id = (
    await env.owner.query(
      `insert into staff (name, role_kind, street_code, unit_code, appointed_on, left_on, created_at) values ($1, $2, 'dinghai', 'street-dinghai', $3, $4, now() - interval '2 years') returning id`,
      [name, roleKind, addDays(today, -700), leftOn],
    )
  ).rows[0].id;
  if (answeredDaysAgo !== null)
    await env.owner.query(`insert into record_checks (staff_id, kind, requested_on, answered_on, result) values ($1, 'annual', $2, $2, $3)`, [
      id,
      addDays(today, -answeredDaysAgo),
      result,
    ]);
}

describe('record-check indicators', () => {
  it('coverage and lapses equal the hand-computed figures and appear on the district dashboard', async () => {
    await person('有效主任', 'child_director', 100); // valid
    await person('有效督导', 'street_supervisor', 364); // valid through today (12 months less a day)
    await person('过期主任', 'child_director', 400); // lapsed
    await person('未查社工', 'social_worker', null); // never checked
    await person('限制社工', 'social_worker', 10, null, 'restricted'); // restricted: not valid, not lapsed
    await person('离任主任', 'child_director', 400, addDays(today, -30)); // left: not counted
    await person('其他人员', 'other', null); // not a child-facing kind
    const coverage = indicator('vetting.checkCoverage');
    const lapsed = indicator('vetting.lapsed');
    if (!coverage || !lapsed) throw new Error('indicators not registered');
    const total = async (sql: string) => (await env.owner.query(sql, [today, ['dinghai']])).rows.find((r) => r.street_code === null);
    const c = await total(coverage.sql);
    expect([Number(c.num), Number(c.den)]).toEqual([2, 5]);
    const l = await total(lapsed.sql);
    expect(Number(l.num)).toBe(1);
    const dash = (await (await env.login('district')).get('/api/dashboard')).json();
    const codes = dash.indicators.map((i: { code: string }) => i.code);
    expect(codes).toContain('vetting.checkCoverage');
    expect(codes).toContain('vetting.lapsed');
    expect(dash.indicators.find((i: { code: string }) => i.code === 'vetting.checkCoverage').value).toBe(40);
  });
});
