/**
 * The demo rosters and organisation projects: deterministic, idempotent, and what the demo promises
 * (12 stations, 定海路街道 without a prosecutor deputy head so the coverage check shows one gap;
 * running projects serving children; every demo credit code valid).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDate } from '#common/dates.js';
import { isCreditCode } from '#common/organisations.js';
import { testEnv, type TestEnv } from '../../../test/harness.js';
import { seedDemoOrganisations } from '../../seed/demoOrganisations.js';
import { seedDemoStaffing } from '../../seed/demoStaffing.js';
import { seedDemoWorkforce } from '../../seed/demoWorkforce.js';

let a: TestEnv;
let b: TestEnv;
beforeAll(async () => {
  [a, b] = await Promise.all([testEnv(), testEnv()]);
});
afterAll(async () => {
  await Promise.all([a?.close(), b?.close()]);
});

const seed = async (env: TestEnv, today: string) => {
  await seedDemoWorkforce(env.owner, env.deps.crypto, { seed: 1, today });
  return [await seedDemoStaffing(env.owner, { today }), await seedDemoOrganisations(env.owner, { today })];
};
const snapshot = async (env: TestEnv) =>
  (
    await env.owner.query(
      `select (select json_agg(x order by x) from (select street_code || role || person_name || coalesce(phone, '-') || since::text as x from station_members) q) as m,
              (select json_agg(x order by x) from (select p.name || p.status || c.name || pc.since::text as x
                                                      from project_children pc join org_projects p on p.id = pc.project_id join children c on c.id = pc.child_id) q) as c`,
    )
  ).rows[0];

describe('the demo rosters and projects', () => {
  it('are deterministic, idempotent, and show the promised gap and served children', async () => {
    const today = shanghaiDate(a.clock.now);
    const [ra, rb] = await Promise.all([seed(a, today), seed(b, today)]);
    expect(ra).toEqual(rb);
    expect(ra[0]).toEqual({ members: 59 });
    expect(ra[1]).toMatchObject({ projects: 4 });
    expect(await snapshot(a)).toEqual(await snapshot(b));
    expect(await seedDemoStaffing(a.owner, { today })).toEqual({ members: 0 });
    expect(await seedDemoOrganisations(a.owner, { today })).toEqual({ projects: 0, children: 0 });

    const district = await a.login('district');
    const st = (await district.get('/api/staffing/stations')).json();
    expect(st.items).toHaveLength(12);
    expect(st.gaps).toEqual([{ streetCode: 'dinghai', streetName: '定海路街道', role: 'prosecutor_deputy' }]);

    const projects = (await district.get('/api/organisations/projects')).json();
    expect(projects.total).toBe(4);
    const running = projects.items.filter((p: { status: string }) => p.status === 'running');
    expect(running).toHaveLength(2);
    expect(running.every((p: { childrenServed: number }) => p.childrenServed > 0)).toBe(true);
    const codes = (await a.owner.query(`select credit_code from organisations where credit_code is not null`)).rows.map((r) => r.credit_code as string);
    expect(codes).toHaveLength(4);
    expect(codes.every(isCreditCode)).toBe(true);
    // street-dinghai sees the children of its street in the commissioned project, names in full
    const sd = await a.login('street-dinghai');
    const cw = running.find((p: { kind: string }) => p.kind === 'commissioned');
    const detail = (await sd.get(`/api/organisations/projects/${cw.id}`)).json();
    expect(detail.project.childrenServed).toBe(18);
    expect(detail.children.length).toBeGreaterThan(0);
    expect(detail.children.length).toBeLessThan(18);
    // the staffing page has violations to show: the ledger leaves some committees without a director
    expect((await district.get('/api/staffing/overview')).json().items.length).toBeGreaterThan(0);
  });
});
