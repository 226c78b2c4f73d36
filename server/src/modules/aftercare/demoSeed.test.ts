/**
 * The demo aftercare: deterministic for a seed, children and day; one supervision overdue, one on
 * time, one supervised by the demo child director; one placement open and one discharged — and
 * the demo accounts find them (the street's overdue list, the procuratorate's masked list, the
 * director's own follow-up).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, shanghaiDate } from '#common/dates.js';
import { testEnv, type TestEnv } from '../../../test/harness.js';
import { seedDemoAftercare } from '../../seed/demoAftercare.js';

let a: TestEnv;
let b: TestEnv;
let today: string;
beforeAll(async () => {
  [a, b] = await Promise.all([testEnv(), testEnv()]);
  today = shanghaiDate(a.clock.now);
});
afterAll(async () => {
  await Promise.all([a?.close(), b?.close()]);
});

const snapshot = async (env: TestEnv) =>
  (
    await env.owner.query(`
  select (select json_agg(x order by x) from (select child_id::text || supervisor_name || returned_on::text || coalesce(supervisor_user_id::text, '-') as x from guardianship_supervisions) q) as sups,
         (select json_agg(x order by x) from (select child_id::text || due_on::text || coalesce(done_on::text, '-') || coalesce(method, '-') as x from supervision_followups) q) as fus,
         (select json_agg(x order by x) from (select child_id::text || place_kind || started_on::text || coalesce(ended_on::text, '-') as x from placements) q) as pls`)
  ).rows[0];

describe('seedDemoAftercare', () => {
  it('is deterministic for a seed, children and day', async () => {
    const [ra, rb] = await Promise.all([
      seedDemoAftercare(a.owner, { seed: 7, today, fieldCrypto: a.deps.crypto }),
      seedDemoAftercare(b.owner, { seed: 7, today, fieldCrypto: b.deps.crypto }),
    ]);
    expect(ra).toEqual(rb);
    expect(ra).toMatchObject({ supervisions: 3, placements: 2 });
    expect(await snapshot(a)).toEqual(await snapshot(b));
  });

  it('gives each demo account something to open', async () => {
    const street = await a.login('street-dinghai');
    const overdue = (await street.get('/api/aftercare/followups/overdue')).json();
    expect(overdue.items).toHaveLength(1);
    expect(overdue.items[0]).toMatchObject({ supervisorName: '刘建华', daysOverdue: 17, dueOn: addDays(today, -17) });

    const masked = (await (await a.login('procurator')).get('/api/aftercare/followups/oversight')).json();
    expect(masked.total).toBe(1);
    expect(masked.items[0].childMasked).not.toBe(overdue.items[0].childName);

    const director = await a.login('director-dinghai');
    const mine = (await director.get('/api/aftercare/followups/mine')).json();
    expect(mine.items).toHaveLength(1);
    expect(mine.items[0].dueOn).toBe(addDays(today, 5));
    const view = (await director.get(`/api/aftercare/children/${mine.items[0].childId}`)).json();
    expect(view.supervisions[0]).toMatchObject({ mine: true, canRecord: true });

    // the on-time one: every follow-up done by its day, the next ahead; notes readable
    const pl = await a.login('street-pingliang');
    const pid = (await a.owner.query(`select child_id from guardianship_supervisions where supervisor_name = '陈桂芳'`)).rows[0].child_id;
    const s = (await pl.get(`/api/aftercare/children/${pid}`)).json().supervisions[0];
    const done = s.followups.filter((f: { doneOn: string | null }) => f.doneOn);
    expect(done).toHaveLength(4);
    expect(done.every((f: { doneOn: string; dueOn: string; note: string }) => f.doneOn <= f.dueOn && f.note.length > 5)).toBe(true);
    expect(s.nextDueOn).toBe(addDays(today, 46));

    const district = await a.login('district');
    expect((await district.get('/api/aftercare/placements')).json().total).toBe(1);
    expect((await district.get('/api/aftercare/placements?status=ended')).json().items[0]).toMatchObject({ dischargedTo: 'kin', placeKind: 'temporary_point' });
  });

  it('feeds the 督办 indicators of tasks 16 and 17', async () => {
    const d = (await (await a.login('district')).get('/api/dashboard')).json();
    const by = new Map(d.indicators.map((i: { code: string }) => [i.code, i]));
    for (const code of ['aftercare.followupsOnTime', 'aftercare.overdueFollowups', 'aftercare.inPlacement', 'aftercare.placementsThisYear']) {
      expect(by.get(code), code).toBeDefined();
      expect((by.get(code) as { error: string | null }).error, code).toBeNull();
    }
    expect((by.get('aftercare.overdueFollowups') as { value: number }).value).toBe(1);
    expect((by.get('aftercare.inPlacement') as { value: number }).value).toBe(1);
    // 6 follow-ups due in the last 90 days before today… of those due before today: the overdue one is late
    const onTime = by.get('aftercare.followupsOnTime') as { value: number | null };
    expect(onTime.value).not.toBeNull();
    expect(onTime.value).toBeLessThan(100);
  });
});
