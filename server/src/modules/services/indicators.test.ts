/** The services indicators equal hand-computed figures on hand-made rows, and show on the dashboard of their tasks. */
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

describe('services indicators', () => {
  it('share of places by priority tiers, wait-list days and coverage', async () => {
    const o = env.owner;
    const kids = (await o.query(`select id from children where street_code = 'dinghai' and status = 'active' order by id limit 4`)).rows.map((r) => r.id);
    const active = Number((await o.query(`select count(*) as n from children where street_code = 'dinghai' and status = 'active'`)).rows[0].n);
    const p = (await o.query(`insert into programmes (code, name, kind, owner_unit_code) values ('ind', '指标', 'other', 'youth-league') returning id`)).rows[0]
      .id;
    const yearStart = `${today.slice(0, 4)}-01-01`;
    const s = (
      await o.query(`insert into programme_sessions (programme_id, title, starts_on, ends_on, capacity) values ($1, '本年', $2, $2, 10) returning id`, [
        p,
        yearStart,
      ])
    ).rows[0].id;
    const later = (
      await o.query(`insert into programme_sessions (programme_id, title, starts_on, ends_on, capacity) values ($1, '明年', $2, $2, 10) returning id`, [
        p,
        addDays(today, 400),
      ])
    ).rows[0].id;
    const ins = (sid: string, child: string, rank: number, status: string, requested: string, promoted: string | null) =>
      o.query(
        `insert into bookings (session_id, programme_id, participant_kind, child_id, display_label, priority_code, priority_rank, status, requested_at, promoted_at)
         values ($1, $2, 'child', $3, 'x', $4, $5, $6, $7, $8)`,
        [sid, p, child, ['in_difficulty', 'reunited', 'other'][rank - 1], rank, status, requested, promoted],
      );
    const t0 = `${yearStart}T02:00:00Z`;
    await ins(s, kids[0], 1, 'attended', t0, null); // priority, covered
    await ins(s, kids[1], 2, 'confirmed', t0, `${yearStart}T02:00:00Z`); // priority, covered, waited 0 days… (same instant)
    await ins(s, kids[2], 3, 'reserved', t0, null); // non-priority, not covered (reserved only)
    await ins(s, kids[3], 1, 'cancelled', t0, null); // not counted
    await ins(later, kids[3], 1, 'confirmed', t0, null); // next year's session: not this year
    // a promotion after four days this year
    await o.query(`update bookings set requested_at = promoted_at - interval '4 days' where child_id = $1 and session_id = $2`, [kids[1], s]);
    const figure = async (code: string) => {
      const spec = indicator(code);
      if (!spec) throw new Error(code);
      const { rows } = await o.query(spec.sql, spec.sql.includes('$3') ? [today, ['dinghai'], true] : [today, ['dinghai']]);
      const total = rows.find((r) => r.street_code === null);
      return { num: Number(total.num), den: total.den === null ? null : Number(total.den), val: total.val === null ? null : Number(total.val) };
    };
    expect(await figure('services.priorityShare')).toEqual({ num: 2, den: 3, val: null });
    expect(await figure('services.waitDays')).toEqual({ num: 1, den: null, val: 4 });
    expect(await figure('services.coverage')).toEqual({ num: 2, den: active, val: null });
    const district = await env.login('district');
    const dash = (await district.get('/api/indicators')).json();
    const codes = dash.items.map((i: { code: string; tasks?: number[] }) => i.code);
    expect(codes).toEqual(expect.arrayContaining(['services.priorityShare', 'services.waitDays', 'services.coverage']));
    const byCode = new Map(dash.items.map((i: { code: string; tasks: number[] }) => [i.code, i.tasks]));
    expect(byCode.get('services.priorityShare')).toEqual([25]);
    expect(byCode.get('services.waitDays')).toEqual([26]);
    expect(byCode.get('services.coverage')).toEqual([13]);
  });
});
