/** The demo safety register: deterministic, and what the journeys need (overdue for 区教育局 and a street, every status, a river section inspected by water). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDate } from '#common/dates.js';
import { testEnv, type TestEnv } from '../../../test/harness.js';
import { seedDemoSafety } from '../../seed/demoSafety.js';

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
         select s.code || i.inspected_on::text || i.unit_code || i.checklist_code || i.results::text || coalesce(h.description, '-') || coalesce(h.deadline::text, '-') || coalesce(h.status, '-') as x
           from safety_sites s left join inspections i on i.site_id = s.id left join hazards h on h.inspection_id = i.id) q`,
    )
  ).rows[0].s;

describe('seedDemoSafety', () => {
  it('is deterministic, idempotent, and has hazards in every status with overdue ones for 区教育局 and a street', async () => {
    const today = shanghaiDate(a.clock.now);
    const [ra, rb] = await Promise.all([seedDemoSafety(a.owner, { today }), seedDemoSafety(b.owner, { today })]);
    expect(ra).toEqual(rb);
    expect(ra).toMatchObject({ sites: 9 });
    expect(await snapshot(a)).toEqual(await snapshot(b));
    expect(await seedDemoSafety(a.owner, { today })).toEqual({ sites: 0, inspections: 0, hazards: 0 });
    const st = (
      await a.owner.query(
        `select status, count(*)::int as n, count(*) filter (where status <> 'confirmed' and deadline < $1)::int as overdue,
                count(*) filter (where sent_back_reason is not null)::int as sent_back from hazards group by status order by status`,
        [today],
      )
    ).rows;
    expect(st.map((r) => r.status)).toEqual(['confirmed', 'fix_reported', 'open']);
    expect(st.find((r) => r.status === 'open').sent_back).toBe(1);
    const overdue = (
      await a.owner.query(`select distinct responsible_unit_code as u from hazards where status <> 'confirmed' and deadline < $1 order by 1`, [today])
    ).rows.map((r) => r.u);
    expect(overdue).toEqual(expect.arrayContaining(['education', 'street-dinghai']));
    const river = (
      await a.owner.query(
        `select count(*)::int as n from inspections i join safety_sites s on s.id = i.site_id where s.kind = 'river_section' and i.unit_code = 'water'`,
      )
    ).rows[0].n;
    expect(river).toBeGreaterThan(0);
    // confirmed by someone other than the reporter (the database would refuse otherwise), every date in the past
    expect((await a.owner.query(`select count(*)::int as n from inspections where inspected_on > $1`, [today])).rows[0].n).toBe(0);
    const names = (await a.owner.query(`select name from safety_sites order by name`)).rows.map((r) => r.name as string);
    expect(names.every((n) => n.includes('示例'))).toBe(true);
  });
});
