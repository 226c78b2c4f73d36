/** The demo charity data: deterministic, idempotent, and what the demo promises (three projects, aid on matched children, six dinghai children assigned to sw-sunshine). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matchChild } from '#common/charity.js';
import { shanghaiDate } from '#common/dates.js';
import { testEnv, type TestEnv } from '../../../test/harness.js';
import { DEMO_CHARITY_PROJECTS, seedDemoCharity } from '../../seed/demoCharity.js';
import { seedDemoWorkforce } from '../../seed/demoWorkforce.js';

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
         select p.name || '|' || c.name || '|' || c.birth_date::text || '|' || a.given_on::text || '|' || coalesce(a.amount::text, '-') as x
           from charity_aid a join charity_projects p on p.id = a.project_id join children c on c.id = a.child_id
         union all
         select 'assigned|' || c.name || '|' || c.birth_date::text || '|' || u.username from child_assignments ca join children c on c.id = ca.child_id join users u on u.id = ca.user_id) q`,
    )
  ).rows[0].s;

describe('seedDemoCharity', () => {
  it('is deterministic and idempotent, and gives what the demo promises', async () => {
    const today = shanghaiDate(a.clock.now);
    for (const env of [a, b]) await seedDemoWorkforce(env.owner, env.deps.crypto, { seed: 1, today });
    const [ra, rb] = await Promise.all([seedDemoCharity(a.owner, { today }), seedDemoCharity(b.owner, { today })]);
    expect(ra).toEqual(rb);
    expect(ra.projects).toBe(3);
    expect(ra.assignments).toBe(6);
    expect(ra.aid).toBeGreaterThanOrEqual(10);
    expect(await snapshot(a)).toEqual(await snapshot(b));
    expect(await seedDemoCharity(a.owner, { today })).toEqual({ projects: 0, aid: 0, assignments: 0 });

    // every aid record is of a child its project matches, within the project's period and amount
    const rows = (
      await a.owner.query(
        `select p.name, a.given_on::text, a.amount, p.amount_per_child, p.starts_on::text, e.birth_date::text, e.categories, e.disabled,
                e.in_full_time_school as in_school, c.street_code
           from charity_aid a join charity_projects p on p.id = a.project_id join children c on c.id = a.child_id
           join eligibility_profiles_at($1::date) e on e.child_id = a.child_id`,
        [today],
      )
    ).rows;
    for (const r of rows) {
      const p = DEMO_CHARITY_PROJECTS.find((x) => x.name === r.name);
      if (!p) throw new Error(r.name);
      const m = matchChild(
        p.rules,
        { birthDate: r.birth_date, categories: r.categories, streetCode: r.street_code, disabled: r.disabled, inSchool: r.in_school },
        today,
      );
      expect(m.result).toBe('matched');
      expect(r.given_on <= today && r.given_on >= r.starts_on).toBe(true);
    }
    // each project has given aid, and still has matched children left to help in dinghai
    const street = await a.login('street-dinghai');
    for (const p of (await street.get('/api/charity/projects')).json().items) {
      expect(p.childrenAided, p.name).toBeGreaterThan(0);
    }
    // sw-sunshine sees exactly its six dinghai children
    const sw = await a.login('sw-sunshine');
    const seen = (await sw.get('/api/children?pageSize=100')).json().items;
    expect(seen).toHaveLength(6);
    const names = (await street.get('/api/assignments')).json().items.map((i: { workerName: string }) => i.workerName);
    expect(names).toEqual(Array(6).fill('陆佳怡'));
  });
});
