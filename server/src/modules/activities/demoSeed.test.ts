/**
 * The demo activities: deterministic; 定海路's station missed the last closed quarter and has
 * nothing this quarter (on the overdue list, for the e2e journey); children of the demo took part;
 * a 清朗浦江 week; schools' lectures before the last summer holiday when the calendar has one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compliance, quarterOf } from '#common/activities.js';
import { addDays, shanghaiDate } from '#common/dates.js';
import { testEnv, type TestEnv } from '../../../test/harness.js';
import { seedDemoActivities } from '../../seed/demoActivities.js';

let a: TestEnv;
let b: TestEnv;
beforeAll(async () => {
  [a, b] = await Promise.all([testEnv(), testEnv()]);
  for (const env of [a, b]) {
    const year = Number(shanghaiDate(env.clock.now).slice(0, 4));
    await env.owner.query(`insert into school_holidays (year, season, starts_on, ends_on) values ($1, 'summer', $2, $3) on conflict do nothing`, [
      year - 1,
      `${year - 1}-07-05`,
      `${year - 1}-08-31`,
    ]);
    for (const [code, street] of [
      ['demo-school-1', 'dinghai'],
      ['demo-school-2', 'pingliang'],
      ['demo-school-3', 'jiangpu'],
    ])
      await env.owner.query(`insert into safety_sites (code, name, kind, street_code, responsible_unit_code) values ($1, $1, 'school', $2, 'education')`, [
        code,
        street,
      ]);
  }
});
afterAll(async () => {
  await Promise.all([a?.close(), b?.close()]);
});

const snapshot = async (env: TestEnv) =>
  (
    await env.owner.query(
      `select json_agg(x order by x) as s from (
         select a.title || a.kind || a.organiser_kind || coalesce(c.code, '-') || coalesce(a.street_code, '-') || coalesce(t.code, '-') || a.held_on::text
                || a.status || a.children_count || a.guardians_contacted::text
                || (select count(*) from activity_participants p where p.activity_id = a.id) as x
           from activities a left join committees c on c.id = a.committee_id left join safety_sites t on t.id = a.site_id) q`,
    )
  ).rows[0].s;

describe('seedDemoActivities', () => {
  it('is deterministic and shows what the journeys need', async () => {
    const today = shanghaiDate(a.clock.now);
    const [ra, rb] = await Promise.all([seedDemoActivities(a.owner, { seed: 7, today }), seedDemoActivities(b.owner, { seed: 7, today })]);
    expect(ra).toEqual(rb);
    expect(await snapshot(a)).toEqual(await snapshot(b));
    expect(ra.activities).toBeGreaterThan(50);
    expect(ra.participants).toBeGreaterThan(5);
    // nothing done in the future
    expect((await a.owner.query(`select count(*)::int as n from activities where status = 'done' and held_on > $1`, [today])).rows[0].n).toBe(0);
    // 定海路's station: overdue on the engine's reading
    const done = (
      await a.owner.query<{ organiser: string; held_on: string; kind: string; guardians_contacted: boolean }>(
        `select street_code as organiser, to_char(held_on, 'YYYY-MM-DD') as held_on, kind, guardians_contacted from activities where organiser_kind = 'station' and status = 'done'`,
      )
    ).rows.map((r) => ({ organiser: r.organiser, heldOn: r.held_on, kind: r.kind, guardiansContacted: r.guardians_contacted }));
    const rule = (await a.owner.query(`select activity_kinds, min_count from cadence_rules where code = 'station-quarterly'`)).rows[0];
    const [dinghai, pingliang] = compliance(
      { code: 'q', period: 'quarter', activityKinds: rule.activity_kinds, minCount: rule.min_count, requireGuardianContact: false },
      ['dinghai', 'pingliang'],
      done,
      [],
      today,
    );
    expect(dinghai).toMatchObject({ overdue: true, current: { count: 0 }, lastClosed: { status: 'missed' } });
    expect(pingliang?.lastClosed?.count ?? 0).toBeGreaterThanOrEqual(0);
    // the quarters before the last closed one are met
    const prev = quarterOf(addDays(quarterOf(addDays(quarterOf(today)[0], -1))[0], -1));
    expect(done.some((d) => d.organiser === 'dinghai' && d.heldOn >= prev[0] && d.heldOn <= prev[1])).toBe(true);
    // the director's committee held its safety event this year, with children of the committee
    const mine = await a.owner.query(
      `select count(*)::int as n from activity_participants p join activities x on x.id = p.activity_id join committees c on c.id = x.committee_id
        where c.code = 'dinghai-01' and x.kind = 'safety'`,
    );
    expect(mine.rows[0].n).toBeGreaterThan(0);
    expect((await a.owner.query(`select count(*)::int as n from activities where kind = 'qinglang_week'`)).rows[0].n).toBe(1);
    // schools: lectures before last summer's holiday, none created
    expect(ra.schools).toBeGreaterThan(0);
    expect((await a.owner.query(`select count(*)::int as n from safety_sites`)).rows[0].n).toBe(3);
    // the last summer holiday started by today (the test's row, or the calendar's example dates when later)
    const summer = (
      await a.owner.query(`select to_char(max(starts_on), 'YYYY-MM-DD') as d from school_holidays where season = 'summer' and starts_on <= $1`, [today])
    ).rows[0].d as string;
    const lectures = await a.owner.query(`select count(*)::int as n from activities where organiser_kind = 'school' and held_on between $1 and $2`, [
      addDays(summer, -10),
      addDays(summer, -2),
    ]);
    expect(lectures.rows[0].n).toBe(ra.schools);
  });
});
