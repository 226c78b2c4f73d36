/** Work logs: own logs, the street supervisor's view, children in scope only, own-only edits. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEnv, type Agent, type TestEnv } from '../../../test/harness.js';
import { addDays, shanghaiDate } from '#common/dates.js';

let env: TestEnv;
let director: Agent;
let dinghai: Agent;
let pingliang: Agent;
let own: string[];
let foreign: string;
const today = () => shanghaiDate(env.clock.now);

beforeAll(async () => {
  env = await testEnv();
  director = await env.login('director-dinghai');
  dinghai = await env.login('street-dinghai');
  pingliang = await env.login('street-pingliang');
  own = (
    await env.owner.query(`select c.id from children c join committees m on m.id = c.committee_id where m.code = 'dinghai-01' order by c.id limit 2`)
  ).rows.map((r) => r.id);
  foreign = (await env.owner.query(`select id from children where street_code = 'pingliang' limit 1`)).rows[0].id;
});
afterAll(async () => {
  await env?.close();
});

describe('work logs', () => {
  it('a worker records a log with children of their area; the street supervisor reads it; another street does not', async () => {
    const res = await director.post('/api/work-logs', { workedOn: today(), hours: 2.5, content: '入户走访两户困境儿童家庭，核实监护情况', childIds: own });
    expect(res.statusCode, res.body).toBe(201);
    const log = res.json();
    expect(log).toMatchObject({ hours: 2.5, workedOn: today(), mine: true, userName: '张丽华' });
    expect(log.children.map((c: { id: string }) => c.id).sort()).toEqual([...own].sort());

    const mine = (await director.get('/api/work-logs')).json();
    expect(mine.items.map((l: { id: string }) => l.id)).toContain(log.id);
    expect(mine.totalHours).toBe(2.5);

    // The supervisor's own list does not hold it; the street's list does.
    expect((await dinghai.get('/api/work-logs')).json().items.map((l: { id: string }) => l.id)).not.toContain(log.id);
    const street = (await dinghai.get('/api/work-logs?mine=false')).json();
    expect(street.items.find((l: { id: string }) => l.id === log.id)).toMatchObject({ mine: false, userName: '张丽华' });
    expect((await pingliang.get('/api/work-logs?mine=false')).json().items.map((l: { id: string }) => l.id)).not.toContain(log.id);

    // Date filters.
    expect((await director.get(`/api/work-logs?from=${addDays(today(), 1)}`)).json().total).toBe(0);
    expect((await director.get(`/api/work-logs?from=${today()}&to=${today()}`)).json().total).toBe(1);
  });

  it("refuses a child outside the caller's scope, and writes nothing", async () => {
    const count = async () => (await env.owner.query('select count(*)::int as n from work_logs')).rows[0].n;
    const before = await count();
    const res = await director.post('/api/work-logs', { workedOn: today(), hours: 1, content: '越界关联', childIds: [own[0], foreign] });
    expect(res.statusCode).toBe(404);
    expect(await count()).toBe(before);
    expect((await pingliang.post('/api/work-logs', { workedOn: today(), hours: 1, content: '越界关联', childIds: [own[0]] })).statusCode).toBe(404);
    expect(await count()).toBe(before);
  });

  it('refuses impossible input with Chinese messages', async () => {
    const bad = async (body: Record<string, unknown>) => {
      const res = await director.post('/api/work-logs', { workedOn: today(), hours: 1, content: '内容', childIds: [], ...body });
      expect(res.statusCode).toBe(400);
      return res.json().error;
    };
    expect((await bad({ workedOn: addDays(today(), 1) })).fields[0]).toMatchObject({ path: 'workedOn' });
    expect(JSON.stringify(await bad({ hours: 0.2 }))).toContain('0.5');
    expect(JSON.stringify(await bad({ hours: 25 }))).toContain('24');
    expect(JSON.stringify(await bad({ hours: 1.3 }))).toContain('0.5');
    expect(JSON.stringify(await bad({ content: '  ' }))).toContain('工作内容');
    expect(JSON.stringify(await bad({ workedOn: '2026-02-30' }))).toContain('日期不存在');
  });

  it('only the author edits or deletes a log', async () => {
    const log = (await director.post('/api/work-logs', { workedOn: today(), hours: 1, content: '电话回访', childIds: [own[0]] })).json();
    expect((await dinghai.patch(`/api/work-logs/${log.id}`, { hours: 3 })).statusCode).toBe(403);
    expect((await dinghai.delete(`/api/work-logs/${log.id}`)).statusCode).toBe(403);
    expect((await pingliang.delete(`/api/work-logs/${log.id}`)).statusCode).toBe(404);

    const edited = await director.patch(`/api/work-logs/${log.id}`, { hours: 1.5, content: '电话回访并记录需求', childIds: own });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ hours: 1.5, content: '电话回访并记录需求' });
    expect(edited.json().children).toHaveLength(2);
    expect((await director.patch(`/api/work-logs/${log.id}`, { childIds: [foreign] })).statusCode).toBe(404);
    expect((await env.owner.query('select count(*)::int as n from work_log_children where work_log_id = $1', [log.id])).rows[0].n).toBe(2);

    expect((await director.delete(`/api/work-logs/${log.id}`)).statusCode).toBe(204);
    expect((await env.owner.query('select 1 from work_logs where id = $1', [log.id])).rowCount).toBe(0);
    const actions = (await env.owner.query(`select action from audit_log where entity_id = $1 order by id`, [log.id])).rows.map((r) => r.action);
    expect(actions).toEqual(['worklog.create', 'worklog.update', 'worklog.delete']);
  });
});
