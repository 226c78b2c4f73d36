/**
 * 社工分派: the street assigns children to the commissioned social worker, who then sees exactly
 * those children (API and database level); ending an assignment takes effect at once; another
 * street can neither assign a dinghai child nor be offered as a worker's area; hostile input.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDate } from '#common/dates.js';
import { testEnv, type Agent, type TestEnv } from '../../../test/harness.js';
import { seedDemoWorkforce } from '../../seed/demoWorkforce.js';
import { indicator } from '../supervision/indicators/registry.js';
import './indicators.js';

let env: TestEnv;
let street: Agent;
let pingliang: Agent;
let swId: string;
let kids: string[];
let sameCommittee: string;
let otherStreetChild: string;

beforeAll(async () => {
  env = await testEnv();
  await seedDemoWorkforce(env.owner, env.deps.crypto, { seed: 1, today: shanghaiDate(env.clock.now) });
  [street, pingliang] = await Promise.all([env.login('street-dinghai'), env.login('street-pingliang')]);
  swId = (await env.owner.query(`select id from users where username = 'sw-sunshine'`)).rows[0].id;
  const rows = (
    await env.owner.query(
      `select c.id from children c join committees m on m.id = c.committee_id where m.code = 'dinghai-01' and c.status = 'active' order by c.id limit 4`,
    )
  ).rows.map((r) => r.id);
  kids = rows.slice(0, 3);
  sameCommittee = rows[3];
  otherStreetChild = (await env.owner.query(`select id from children where street_code = 'pingliang' and status = 'active' order by id limit 1`)).rows[0].id;
});
afterAll(async () => {
  await env?.close();
});

const childIds = async (a: Agent) => {
  const res = await a.get('/api/children?pageSize=200');
  expect(res.statusCode, res.body).toBe(200);
  return res
    .json()
    .items.map((i: { id: string }) => i.id)
    .sort();
};

describe('assigning children to a commissioned social worker', () => {
  it('offers sw-sunshine to the street, with no children yet', async () => {
    const res = await street.get('/api/assignments/options');
    expect(res.statusCode, res.body).toBe(200);
    const w = res.json().workers.find((x: { userId: string }) => x.userId === swId);
    expect(w).toMatchObject({ username: 'sw-sunshine', basis: 'organisation', suspended: false, children: 0 });
    // the committees of the street with their active children (a whole committee can be assigned at once)
    const counts = (
      await env.owner.query(
        `select m.id, count(c.id)::int as n from committees m left join children c on c.committee_id = m.id and c.status = 'active'
          where m.street_code = 'dinghai' and m.active group by m.id`,
      )
    ).rows;
    expect(res.json().committees).toHaveLength(counts.length);
    for (const c of counts) expect(res.json().committees.find((x: { id: string }) => x.id === c.id)?.children).toBe(c.n);
    expect((await pingliang.get('/api/assignments/options')).json().committees.map((c: { id: string }) => c.id)).not.toContain(counts[0]?.id);
  });

  it('the worker sees exactly the three children assigned (API and database level); ending one leaves two', async () => {
    const sw = await env.login('sw-sunshine');
    expect(await childIds(sw)).toEqual([]);
    const res = await street.post('/api/assignments', { userId: swId, childIds: kids, note: '家庭走访跟进' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ assigned: 3, already: 0 });
    // the same session: the scope is read at each request, nothing cached
    expect(await childIds(sw)).toEqual([...kids].sort());
    expect((await sw.get(`/api/children/${kids[0]}`)).statusCode).toBe(200);
    expect((await sw.get(`/api/children/${sameCommittee}`)).statusCode).toBe(404);
    // database level: the app role with the worker's settings reads those three rows only
    await env.owner.query('begin');
    try {
      await env.owner.query(`set local role nuanyang_app`);
      await env.owner.query(
        `select set_config('app.user_id', $1, true), set_config('app.streets', '', true), set_config('app.committees', '', true),
                set_config('app.assigned_children', (select string_agg(child_id::text, ',') from child_assignments where user_id = $1::uuid), true)`,
        [swId],
      );
      const seen = (await env.owner.query(`select id from children order by id`)).rows.map((r) => r.id);
      expect(seen).toEqual([...kids].sort());
    } finally {
      await env.owner.query('rollback');
    }
    // notified once, of the three
    const notes = (await env.owner.query(`select title, body from notifications where user_id = $1 and kind = 'assignments.assigned'`, [swId])).rows;
    expect(notes).toHaveLength(1);
    expect(notes[0].title).toBe('新分派 3 名儿童');
    // the child file's 慈善帮扶 section names the worker, for the street and for the worker
    const section = (await sw.get(`/api/children/${kids[1]}/charity`)).json();
    expect(section.workers).toMatchObject([{ userId: swId, name: '陆佳怡', organisation: '杨浦区阳光社会工作服务社' }]);
    expect((await street.get(`/api/children/${kids[1]}/charity`)).json().workers).toHaveLength(1);
    expect((await sw.get(`/api/children/${sameCommittee}/charity`)).statusCode).toBe(404);
    // the street's list
    const list = (await street.get(`/api/assignments?userId=${swId}`)).json().items;
    expect(list.map((i: { childId: string }) => i.childId).sort()).toEqual([...kids].sort());
    expect(list[0]).toMatchObject({ note: '家庭走访跟进', workerName: '陆佳怡' });
    // assigning again: nothing doubled
    expect((await street.post('/api/assignments', { userId: swId, childIds: [kids[0]] })).json()).toEqual({ assigned: 0, already: 1 });
    // ending one: gone at once
    const end = await street.post('/api/assignments/end', { userId: swId, childId: kids[0] });
    expect(end.statusCode, end.body).toBe(200);
    expect(await childIds(sw)).toEqual([kids[1], kids[2]].sort());
    expect((await sw.get(`/api/children/${kids[0]}`)).statusCode).toBe(404);
    expect((await street.post('/api/assignments/end', { userId: swId, childId: kids[0] })).statusCode).toBe(404);
    const audit = (await env.owner.query(`select action from audit_log where action like 'assignments.%' order by id`)).rows.map((r) => r.action);
    expect(audit).toEqual(['assignments.assign', 'assignments.assign', 'assignments.assign', 'assignments.end']);
  });

  it('another street cannot assign a dinghai child, nor end its assignment; dinghai cannot assign a pingliang child', async () => {
    const before = (await env.owner.query(`select count(*)::int as n from child_assignments`)).rows[0].n;
    const p = await pingliang.post('/api/assignments', { userId: swId, childIds: [sameCommittee] });
    expect(p.statusCode).toBe(400);
    expect(p.body).toMatch(/不在您的辖区/);
    expect((await pingliang.post('/api/assignments/end', { userId: swId, childId: kids[1] })).statusCode).toBe(404);
    const d = await street.post('/api/assignments', { userId: swId, childIds: [otherStreetChild] });
    expect(d.statusCode).toBe(400);
    expect(d.body).toMatch(/不在您的辖区/);
    // a mixed list is refused whole
    expect((await street.post('/api/assignments', { userId: swId, childIds: [sameCommittee, otherStreetChild] })).statusCode).toBe(400);
    expect((await env.owner.query(`select count(*)::int as n from child_assignments`)).rows[0].n).toBe(before);
    // a director (no organisations.assign) and the worker themselves cannot assign
    const director = await env.login('director-dinghai');
    expect((await director.post('/api/assignments', { userId: swId, childIds: [sameCommittee] })).statusCode).toBe(403);
    const sw = await env.login('sw-sunshine');
    expect((await sw.post('/api/assignments', { userId: swId, childIds: [kids[1]] })).statusCode).toBe(403);
  });

  it('refuses a user who is not a commissioned worker, and a suspended worker', async () => {
    const dirId = (await env.owner.query(`select id from users where username = 'director-dinghai'`)).rows[0].id;
    const r1 = await street.post('/api/assignments', { userId: dirId, childIds: [sameCommittee] });
    expect(r1.statusCode).toBe(400);
    expect(r1.json().error.fields[0].path).toBe('userId');
    const staffId = (await env.owner.query(`select id from staff where user_id = $1`, [swId])).rows[0].id;
    await env.owner.query(`insert into staff_access_suspensions (staff_id, user_id, reason) values ($1, $2, 'lapsed')`, [staffId, swId]);
    const r2 = await street.post('/api/assignments', { userId: swId, childIds: [sameCommittee] });
    expect(r2.statusCode).toBe(400);
    expect(r2.body).toMatch(/从业查询/);
    await env.owner.query(`delete from staff_access_suspensions where user_id = $1`, [swId]);
  });

  it('refuses hostile input with Chinese text and writes nothing', async () => {
    const before = (await env.owner.query(`select count(*)::int as n from child_assignments`)).rows[0].n;
    for (const body of [
      { userId: 'x', childIds: [sameCommittee] },
      { userId: swId, childIds: 'all' },
      { userId: swId, childIds: [] },
      { userId: swId, childIds: [sameCommittee], note: '备\u0000注' },
      { userId: swId, childIds: [sameCommittee], note: '长'.repeat(1_000_000) },
      { userId: swId, childIds: [sameCommittee], note: "=cmd|' /C calc'!A0" },
      { userId: swId, childIds: [sameCommittee], projectId: 'abc' },
      { userId: 42, childIds: [sameCommittee] },
    ]) {
      const res = await street.post('/api/assignments', body);
      expect([400, 413], res.body.slice(0, 200)).toContain(res.statusCode);
      expect(res.body).toMatch(/[\u4e00-\u9fff]/);
    }
    for (const body of [{ userId: swId }, { userId: swId, childId: '\u0000' }]) {
      const res = await street.post('/api/assignments/end', body);
      expect(res.statusCode).toBe(400);
      expect(res.body).toMatch(/[\u4e00-\u9fff]/);
    }
    expect((await env.owner.query(`select count(*)::int as n from child_assignments`)).rows[0].n).toBe(before);
  });

  it('the task-40 indicator counts the children assigned, and shows on the dashboard', async () => {
    const spec = indicator('assignments.assignedChildren');
    if (!spec) throw new Error('not registered');
    const today = shanghaiDate(env.clock.now);
    // two children remain assigned (dinghai); a second worker on one of them counts once
    const { rows } = await env.owner.query(spec.sql, [today, ['dinghai', 'pingliang']]);
    expect(Number(rows.find((r) => r.street_code === null).num)).toBe(2);
    expect(Number(rows.find((r) => r.street_code === 'dinghai').num)).toBe(2);
    const dash = (await (await env.login('district')).get('/api/indicators')).json();
    const item = dash.items.find((i: { code: string }) => i.code === 'assignments.assignedChildren');
    expect(item?.tasks).toEqual([40]);
    const board = (await (await env.login('district')).get('/api/dashboard')).json();
    expect(board.indicators.find((i: { code: string }) => i.code === 'assignments.assignedChildren')).toMatchObject({ value: 2, tasks: [40] });
  });
});
