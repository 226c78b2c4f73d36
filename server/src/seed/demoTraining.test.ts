/** The demo training data: deterministic, runs once, and what the demo promises is there. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDate } from '#common/dates.js';
import { testEnv, type TestEnv } from '../../test/harness.js';
import { seedDemoTraining } from './demoTraining.js';
import { seedDemoWorkforce } from './demoWorkforce.js';

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
      `select (select json_agg(x order by x) from (select ts.topic || ts.held_on || s.name || a.attended as x
                 from training_attendance a join training_sessions ts on ts.id = a.session_id join staff s on s.id = a.staff_id) q) as att,
              (select json_agg(x order by x) from (select s.name || e.year || e.status || coalesce(e.grade, '-') || e.metrics::text as x
                 from staff_evaluations e join staff s on s.id = e.staff_id) q) as evals,
              (select json_agg(x order by x) from (select s.name || x.year || x.level || x.result as x from exam_records x join staff s on s.id = x.staff_id) q) as exams`,
    )
  ).rows[0];

describe('seedDemoTraining', () => {
  it('is deterministic, runs once, and has trained and untrained directors, exams, evaluations, rewards and one match', async () => {
    const today = shanghaiDate(a.clock.now);
    for (const env of [a, b]) await seedDemoWorkforce(env.owner, env.deps.crypto, { seed: 1, today });
    const [ra, rb] = await Promise.all([
      seedDemoTraining(a.owner, a.deps.crypto, { seed: 1, today }),
      seedDemoTraining(b.owner, b.deps.crypto, { seed: 1, today }),
    ]);
    expect(ra).toEqual(rb);
    expect(ra).toMatchObject({ sessions: 6, restricted: 1 });
    expect(ra.exams).toBeGreaterThan(10);
    expect(ra.rewards).toBeGreaterThan(0);
    expect(await snapshot(a)).toEqual(await snapshot(b));
    expect((await seedDemoTraining(a.owner, a.deps.crypto, { seed: 1, today })).sessions).toBe(0);

    const reviewer = await a.login('reviewer');
    const matches = (await reviewer.get('/api/restricted/matches')).json().items;
    expect(matches).toHaveLength(1);
    expect(matches[0]).toMatchObject({ streetName: '定海路街道', hasAccount: false, status: 'open' });

    const street = await a.login('street-dinghai');
    const cov = (await street.get('/api/training/coverage')).json();
    expect(cov.trained).toBeGreaterThan(0);
    expect(cov.untrained.total).toBeGreaterThan(0);
    const director = (await a.owner.query(`select id from staff where user_id = (select id from users where username = 'director-dinghai')`)).rows[0].id;
    expect(cov.untrained.items.map((i: { staffId: string }) => i.staffId)).not.toContain(director);
    const year = Number(today.slice(0, 4));
    const evals = (await street.get(`/api/training/evaluations?year=${year - 1}&pageSize=200`)).json();
    expect(evals.items.filter((e: { status: string }) => e.status === 'done').length).toBeGreaterThan(evals.total / 2);
    expect(evals.items.find((e: { status: string }) => e.status === 'done').metrics).toMatchObject({ computedOn: `${year - 1}-12-31` });
    // no demo login is suspended by the match
    expect((await a.owner.query(`select count(*)::int as n from staff_access_suspensions where reason = 'restricted'`)).rows[0].n).toBe(0);
  });
});
