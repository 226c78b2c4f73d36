/**
 * 批量查阅预警 (requirement 26) with the mocked clock: 199 files in the window no alert, the 200th
 * one, the 201st no second one; after the window a new one may come. Unusual area: 30 files in the
 * window outside the committees viewed in the previous 30 days (hand-made history).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { testEnv, type Agent, type TestEnv } from '../../../test/harness.js';
import { seedDemoAccess } from '../../seed/demoAccess.js';

let env: TestEnv;
let district: Agent;
let street: Agent;
let kids: { id: string; committee_id: string }[];
const MINUTE = 60_000;
const DAY = 86_400_000;

beforeAll(async () => {
  env = await testEnv();
  [district, street] = await Promise.all([env.login('district'), env.login('street-dinghai')]);
  kids = (await env.owner.query(`select id, committee_id from children where status = 'active' and street_code = 'dinghai' order by committee_id, id limit 40`))
    .rows;
});
afterAll(async () => {
  await env?.close();
});

function at<T>(xs: T[], i: number): T {
  const x = xs[i];
  if (x === undefined) throw new Error('too few children in the demo data');
  return x;
}
const kid = (i: number) => at(kids, i);
const userId = async (u: string) => (await env.owner.query('select id from users where username = $1', [u])).rows[0].id as string;
const alerts = async (kind: string, u: string) =>
  (await env.owner.query(`select detail from security_alerts a join users u on u.id = a.user_id where a.kind = $1 and u.username = $2`, [kind, u])).rows;

/** n hand-made views by a user at a time (distinct files of a committee, or of fresh ones). */
async function history(user: string, n: number, at: Date, committee: string | null = null) {
  const id = await userId(user);
  for (let i = 0; i < n; i++) {
    await env.owner.query('insert into access_views (user_id, child_id, committee_id, viewed_at) values ($1, $2, $3, $4)', [
      id,
      randomUUID(),
      committee ?? randomUUID(),
      at,
    ]);
  }
}

describe('bulk viewing', () => {
  it('199 files in the window: no alert; the 200th: one; the 201st: no second one', async () => {
    await history('district', 198, new Date(env.clock.now - MINUTE));
    expect((await district.get(`/api/children/${kid(0).id}`)).statusCode).toBe(200); // 199
    expect(await alerts('access.bulk-view', 'district')).toHaveLength(0);
    expect((await district.get(`/api/children/${kid(1).id}`)).statusCode).toBe(200); // 200
    const raised = await alerts('access.bulk-view', 'district');
    expect(raised).toHaveLength(1);
    expect(raised[0].detail).toMatchObject({ count: 200, windowMinutes: 10, threshold: 200 });
    const note = await env.owner.query(
      `select 1 from notifications n join users u on u.id = n.user_id where u.username = 'auditor' and n.kind = 'access.bulk-view'`,
    );
    expect(note.rowCount).toBe(1);
    expect((await district.get(`/api/children/${kid(2).id}`)).statusCode).toBe(200); // 201
    // viewing the same file again is not a new file, and raises nothing either
    expect((await district.get(`/api/children/${kid(2).id}`)).statusCode).toBe(200);
    expect(await alerts('access.bulk-view', 'district')).toHaveLength(1);
  });

  it('after the window a new alert is possible', async () => {
    env.clock.advance(11 * MINUTE);
    await history('district', 199, new Date(env.clock.now - MINUTE));
    expect((await district.get(`/api/children/${kid(3).id}`)).statusCode).toBe(200);
    expect(await alerts('access.bulk-view', 'district')).toHaveLength(2);
  });

  it('counts unmasking and the family contacts as views too', async () => {
    env.clock.advance(11 * MINUTE);
    district = await env.login('district');
    await history('district', 199, new Date(env.clock.now - MINUTE));
    const res = await district.post(`/api/children/${kid(4).id}/unmask`, { fields: ['idNumber'], reason: '核对身份证号' });
    expect(res.statusCode, res.body).toBe(200);
    expect(await alerts('access.bulk-view', 'district')).toHaveLength(3);
  });
});

describe('unusual area', () => {
  it('30 files outside the committees viewed in the previous 30 days raise one alert; files in them do not count', async () => {
    const home = kid(0).committee_id;
    const away = kids.filter((k) => k.committee_id !== home);
    expect(away.length).toBeGreaterThanOrEqual(3);
    // the history: the user works on one committee
    await history('street-dinghai', 5, new Date(env.clock.now - 5 * DAY), home);
    // in the window: 28 files of other committees, and files of the home committee
    await history('street-dinghai', 28, new Date(env.clock.now - MINUTE));
    await history('street-dinghai', 10, new Date(env.clock.now - MINUTE), home);
    expect((await street.get(`/api/children/${kid(0).id}`)).statusCode).toBe(200); // home: still 28 outside
    expect((await street.get(`/api/children/${at(away, 0).id}`)).statusCode).toBe(200); // 29
    expect(await alerts('access.unusual-area', 'street-dinghai')).toHaveLength(0);
    expect((await street.get(`/api/children/${at(away, 1).id}`)).statusCode).toBe(200); // 30
    const raised = await alerts('access.unusual-area', 'street-dinghai');
    expect(raised).toHaveLength(1);
    expect(raised[0].detail).toMatchObject({ count: 30, threshold: 30 });
    expect(raised[0].detail.committees).toContain(at(away, 1).committee_id);
    expect((await street.get(`/api/children/${at(away, 2).id}`)).statusCode).toBe(200); // 31: no second one
    expect(await alerts('access.unusual-area', 'street-dinghai')).toHaveLength(1);
    expect(await alerts('access.bulk-view', 'street-dinghai')).toHaveLength(0); // 42 files: under 200
  });
});

describe('the demo', () => {
  it('seeds the leader ended grant and two open security events for the auditor, once', async () => {
    const today = new Date(env.clock.now).toISOString().slice(0, 10);
    const first = await seedDemoAccess(env.owner, { today });
    if (first.grants === 0) return; // already in the template
    expect(first).toEqual({ grants: 1, alerts: 2 });
    expect(await seedDemoAccess(env.owner, { today })).toEqual({ grants: 0, alerts: 0 });
    const auditor = await env.login('auditor');
    const list = (await auditor.get('/api/audit/alerts?state=open')).json();
    expect(list.items.map((a: { kind: string }) => a.kind)).toEqual(expect.arrayContaining(['access.break-glass', 'access.bulk-view']));
    const grants = (await auditor.get('/api/access/grants?state=closed')).json();
    expect(grants.items.some((g: { username: string; state: string }) => g.username === 'leader' && g.state === 'ended')).toBe(true);
  });
});
