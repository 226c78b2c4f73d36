/**
 * Problems and assistance against a real PostgreSQL: the lifecycle and its timeline, escalation
 * notifying the unit's users with a masked name, the overdue list, optimistic concurrency, and
 * street isolation (another street's child is "not found" for reads and writes alike).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEnv, type Agent, type TestEnv } from '../../../test/harness.js';
import { addDays, shanghaiDate } from '#common/dates.js';

let env: TestEnv;
let director: Agent;
let dinghai: Agent;
let pingliang: Agent;
let child: { id: string; name: string };
let other: { id: string; name: string };
const DAY = 86_400_000;
const today = () => shanghaiDate(env.clock.now);

/** Moves the server clock; sessions idle out over such jumps, so everyone logs in again. */
async function travel(ms: number) {
  env.clock.advance(ms);
  director = await env.login('director-dinghai');
  dinghai = await env.login('street-dinghai');
  pingliang = await env.login('street-pingliang');
}

beforeAll(async () => {
  env = await testEnv();
  await travel(0);
  child = (
    await env.owner.query(`select c.id, c.name from children c join committees m on m.id = c.committee_id where m.code = 'dinghai-01' order by c.id limit 1`)
  ).rows[0];
  other = (await env.owner.query(`select id, name from children where street_code = 'pingliang' order by id limit 1`)).rows[0];
});
afterAll(async () => {
  await env?.close();
});

const newProblem = async (agent: Agent, body: Record<string, unknown> = {}) => {
  const res = await agent.post('/api/problems', {
    childId: child.id,
    description: '家中冬季取暖设施损坏，祖母年迈无力修理',
    category: 'living',
    severity: 'high',
    ...body,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
};

describe('problem lifecycle', () => {
  it('creates with a default deadline by severity, then in progress → resolved → reopened, with a timeline', async () => {
    const p = await newProblem(director);
    expect(p).toMatchObject({ status: 'open', version: 1, dueOn: addDays(today(), 7), overdue: false, childName: child.name, streetCode: 'dinghai' });
    expect((await newProblem(director, { severity: 'low' })).dueOn).toBe(addDays(today(), 30));
    expect((await newProblem(director, { severity: 'medium' })).dueOn).toBe(addDays(today(), 14));

    let res = await director.post(`/api/problems/${p.id}/status`, { to: 'in_progress', note: '已联系物业上门查看', version: 1 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'in_progress', version: 2 });

    // Resolving needs a resolution.
    res = await director.post(`/api/problems/${p.id}/status`, { to: 'resolved', version: 2 });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0]).toMatchObject({ path: 'resolution' });
    // Not after today.
    res = await director.post(`/api/problems/${p.id}/status`, { to: 'resolved', resolution: '已修复', resolvedOn: addDays(today(), 1), version: 2 });
    expect(res.statusCode).toBe(400);

    res = await director.post(`/api/problems/${p.id}/status`, { to: 'resolved', resolution: '街道协调物业更换取暖器，已恢复使用', version: 2 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'resolved', resolution: '街道协调物业更换取暖器，已恢复使用', resolvedOn: today(), version: 3 });

    // A resolved problem can only be reopened, with a reason.
    expect((await director.post(`/api/problems/${p.id}/status`, { to: 'in_progress', version: 3 })).statusCode).toBe(400);
    expect((await director.post(`/api/problems/${p.id}/status`, { to: 'open', version: 3 })).statusCode).toBe(400);
    res = await director.post(`/api/problems/${p.id}/status`, { to: 'open', note: '取暖器再次故障', version: 3 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'open', resolution: null, resolvedOn: null, version: 4 });

    expect((await director.post(`/api/problems/${p.id}/comments`, { note: '已报修，等待配件' })).statusCode).toBe(201);
    const detail = (await dinghai.get(`/api/problems/${p.id}`)).json();
    expect(detail.events.map((e: { kind: string }) => e.kind)).toEqual(['created', 'status', 'resolved', 'reopened', 'comment']);
    expect(detail.events[1]).toMatchObject({ fromStatus: 'open', toStatus: 'in_progress', note: '已联系物业上门查看', username: 'director-dinghai' });
    expect(detail.events[3]).toMatchObject({ fromStatus: 'resolved', toStatus: 'open', note: '取暖器再次故障' });

    const audit = (await env.owner.query(`select action from audit_log where entity_id = $1 order by id`, [p.id])).rows.map((r) => r.action);
    expect(audit).toEqual(['problem.create', 'problem.status', 'problem.status', 'problem.status', 'problem.comment']);

    const list = (await director.get(`/api/children/${child.id}/problems`)).json();
    expect(list.items.some((x: { id: string }) => x.id === p.id)).toBe(true);
  });

  it('refuses a stale version with 409 and writes nothing', async () => {
    const p = await newProblem(director);
    const first = await director.post(`/api/problems/${p.id}/status`, { to: 'in_progress', version: 1 });
    expect(first.statusCode).toBe(200);
    const events = async () => (await env.owner.query('select count(*)::int as n from problem_events where problem_id = $1', [p.id])).rows[0].n;
    const before = await events();
    const second = await dinghai.post(`/api/problems/${p.id}/status`, { to: 'resolved', resolution: '已处理', version: 1 });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.message).toBe('该记录已被他人修改，请刷新后再改');
    const esc = await dinghai.post(`/api/problems/${p.id}/escalate`, { toUnit: 'education', note: '需要教育局协调', version: 1 });
    expect(esc.statusCode).toBe(409);
    expect(await events()).toBe(before);
    const row = (await env.owner.query('select status, version from problems where id = $1', [p.id])).rows[0];
    expect(row).toEqual({ status: 'in_progress', version: 2 });
  });

  it('escalates to a department: status, event, and notifications to its users with a masked name only', async () => {
    const p = await newProblem(director, { category: 'schooling', description: `${child.name}已连续两周未到校` });
    const res = await director.post(`/api/problems/${p.id}/escalate`, { toUnit: 'education', note: `请区教育局协调学校为${child.name}办理复学`, version: 1 });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ status: 'escalated', escalatedTo: 'education', escalatedToName: '区教育局', version: 2 });
    expect(body.notified).toBeGreaterThan(0);
    expect(body.events.at(-1)).toMatchObject({ kind: 'escalated', fromStatus: 'open', toStatus: 'escalated' });

    const rows = (
      await env.owner.query(
        `select u.username, n.title, n.body, n.kind, n.entity_id from notifications n join users u on u.id = n.user_id where n.entity_id = $1`,
        [p.id],
      )
    ).rows;
    // 协同: 区教育局 receives the problem as a referral; its handlers are told by the referral's notice
    // (which they open), so the problem's notice is no longer relayed through 区民政局.
    expect(rows).toEqual([]);
    const ref = (await env.owner.query(`select id, kind, to_unit, status, source_kind from referrals where source_id = $1`, [p.id])).rows;
    expect(ref).toMatchObject([{ kind: 'problem', to_unit: 'education', status: 'sent', source_kind: 'problem' }]);
    const told = (
      await env.owner.query(`select u.username, n.title, n.body, n.kind from notifications n join users u on u.id = n.user_id where n.entity_id = $1`, [
        ref[0].id,
      ])
    ).rows;
    expect(told.length).toBe(body.notified);
    expect(told.map((r) => r.username)).toContain('edu');
    for (const r of told) {
      expect(r.kind).toBe('referral.new');
      expect(r.body).not.toContain(child.name);
      expect(r.title).not.toContain(child.name);
    }
    // The education user opens the referral, not the generic problem page.
    const edu = await env.login('edu');
    const mine = (await edu.get('/api/notifications')).json();
    expect(mine.items.some((n: { entityId: string }) => n.entityId === p.id)).toBe(false);
    expect((await edu.get(`/api/referrals/${ref[0].id}`)).statusCode).toBe(200);

    // Escalated → resolved is allowed, and completes the referral that carries it.
    const done = await director.post(`/api/problems/${p.id}/status`, { to: 'resolved', resolution: '学校已安排复学并指定班主任跟进', version: 2 });
    expect(done.statusCode, done.body).toBe(200);
    const after = (await env.owner.query(`select status, outcome from referrals where id = $1`, [ref[0].id])).rows[0];
    expect(after).toEqual({ status: 'completed', outcome: '问题已解决：学校已安排复学并指定班主任跟进' });
    // A resolved problem is not escalated.
    expect((await director.post(`/api/problems/${p.id}/escalate`, { toUnit: 'police', note: '再报', version: 3 })).statusCode).toBe(400);
  });

  it("escalates to the child's own street office only (and notifies its users), not another street's", async () => {
    const p = await newProblem(director, { category: 'guardianship' });
    const wrong = await director.post(`/api/problems/${p.id}/escalate`, { toUnit: 'street-pingliang', note: '请协调', version: 1 });
    expect(wrong.statusCode).toBe(400);
    expect((await director.post(`/api/problems/${p.id}/escalate`, { toUnit: 'no-such-unit', note: '请协调', version: 1 })).statusCode).toBe(400);
    const res = await director.post(`/api/problems/${p.id}/escalate`, { toUnit: 'street-dinghai', note: '监护人长期外出，请街道协调临时照料', version: 1 });
    expect(res.statusCode, res.body).toBe(200);
    const users = (
      await env.owner.query(`select u.username from notifications n join users u on u.id = n.user_id where n.entity_id = $1 order by 1`, [p.id])
    ).rows.map((r) => r.username);
    expect(users).toEqual(['director-dinghai', 'street-dinghai']);
  });

  it('lists overdue problems: past the deadline and not resolved', async () => {
    const late = await newProblem(director, { dueOn: addDays(today(), 1), description: '逾期测试问题' });
    const resolved = await newProblem(director, { dueOn: addDays(today(), 1), description: '逾期测试已解决' });
    await director.post(`/api/problems/${resolved.id}/status`, { to: 'resolved', resolution: '已解决', version: 1 });
    // A deadline in the past is refused at creation.
    expect(
      (await director.post('/api/problems', { childId: child.id, description: 'x', category: 'other', severity: 'low', dueOn: addDays(today(), -1) }))
        .statusCode,
    ).toBe(400);

    const before = (await dinghai.get('/api/problems?overdue=true&pageSize=200')).json();
    expect(before.items.some((x: { id: string }) => x.id === late.id)).toBe(false);

    await travel(3 * DAY);
    const after = (await dinghai.get('/api/problems?overdue=true&pageSize=200')).json();
    const ids = after.items.map((x: { id: string }) => x.id);
    expect(ids).toContain(late.id);
    expect(ids).not.toContain(resolved.id);
    expect(after.items.every((x: { overdue: boolean; status: string }) => x.overdue && x.status !== 'resolved')).toBe(true);
    const expected = (
      await env.owner.query(`select count(*)::int as n from problems where street_code = 'dinghai' and status <> 'resolved' and due_on < $1`, [today()])
    ).rows[0].n;
    expect(after.total).toBe(expected);
    const stats = (await dinghai.get('/api/problems/stats')).json();
    expect(stats.overdue).toBe(expected);
    // Filters combine; another street sees none of these.
    expect((await dinghai.get('/api/problems?status=resolved&pageSize=200')).json().items.every((x: { status: string }) => x.status === 'resolved')).toBe(true);
    expect((await pingliang.get('/api/problems?pageSize=200')).json().items.some((x: { streetCode: string }) => x.streetCode === 'dinghai')).toBe(false);
    expect((await pingliang.get('/api/problems?street=dinghai')).json().total).toBe(0);
    await travel(-3 * DAY);
  });
});

describe('assistance records', () => {
  it('records help given, linked to a problem of the same child only; the creator deletes it the same day only', async () => {
    const p = await newProblem(director, { category: 'living' });
    const body = {
      childId: child.id,
      kind: 'money',
      providerUnit: 'civil-affairs',
      providerName: '杨浦区慈善基金会',
      valueFen: 150000,
      description: '冬季临时救助金',
      givenOn: today(),
      problemId: p.id,
    };
    const res = await director.post('/api/assistance', body);
    expect(res.statusCode, res.body).toBe(201);
    const a = res.json();
    expect(a).toMatchObject({ kind: 'money', valueFen: 150000, providerUnitName: '区民政局', problemId: p.id, deletable: true });

    // Money without an amount, a date in the future, a problem of another child: refused.
    expect((await director.post('/api/assistance', { ...body, valueFen: null })).statusCode).toBe(400);
    expect((await director.post('/api/assistance', { ...body, givenOn: addDays(today(), 2) })).statusCode).toBe(400);
    const sibling = (await env.owner.query(`select id from children where street_code = 'dinghai' and id <> $1 limit 1`, [child.id])).rows[0].id;
    const foreignProblem = (await dinghai.post('/api/problems', { childId: sibling, description: '他人问题', category: 'health', severity: 'low' })).json();
    const mismatch = await director.post('/api/assistance', { ...body, problemId: foreignProblem.id });
    expect(mismatch.statusCode).toBe(400);
    expect(mismatch.json().error.fields[0].path).toBe('problemId');

    const list = (await dinghai.get(`/api/children/${child.id}/assistance`)).json();
    expect(list.items[0]).toMatchObject({ id: a.id, deletable: false });
    expect(list.totalValueFen).toBe(150000);

    // Another user may not delete it; the creator may not the next day.
    expect((await dinghai.delete(`/api/assistance/${a.id}`)).statusCode).toBe(403);
    const b = (await director.post('/api/assistance', { ...body, kind: 'material', valueFen: 20000, description: '棉被两床' })).json();
    await travel(DAY);
    expect((await director.delete(`/api/assistance/${a.id}`)).statusCode).toBe(403);
    await travel(-DAY);
    expect((await director.delete(`/api/assistance/${b.id}`)).statusCode).toBe(204);
    expect((await env.owner.query('select 1 from assistance where id = $1', [b.id])).rowCount).toBe(0);
    expect((await env.owner.query(`select 1 from audit_log where action = 'assistance.delete' and entity_id = $1`, [b.id])).rowCount).toBe(1);
  });
});

describe('street isolation', () => {
  it("street A cannot read, create, change or escalate problems of street B's child (404)", async () => {
    const p = await newProblem(dinghai);
    expect((await pingliang.get(`/api/problems/${p.id}`)).statusCode).toBe(404);
    expect((await pingliang.get(`/api/children/${child.id}/problems`)).statusCode).toBe(404);
    expect((await pingliang.post(`/api/problems/${p.id}/status`, { to: 'in_progress', version: 1 })).statusCode).toBe(404);
    expect((await pingliang.post(`/api/problems/${p.id}/escalate`, { toUnit: 'education', note: '越权上报', version: 1 })).statusCode).toBe(404);
    expect((await pingliang.post(`/api/problems/${p.id}/comments`, { note: '越权评论' })).statusCode).toBe(404);
    const create = await pingliang.post('/api/problems', { childId: child.id, description: '越权登记', category: 'other', severity: 'low' });
    expect(create.statusCode).toBe(404);
    // A child director sees only their committee: not pingliang's child either.
    expect((await director.post('/api/problems', { childId: other.id, description: '越权登记', category: 'other', severity: 'low' })).statusCode).toBe(404);
    expect((await env.owner.query(`select count(*)::int as n from problems where description = '越权登记'`)).rows[0].n).toBe(0);
    expect((await env.owner.query(`select count(*)::int as n from problem_events where note like '越权%'`)).rows[0].n).toBe(0);
    expect((await env.owner.query(`select count(*)::int as n from notifications where body like '%越权%'`)).rows[0].n).toBe(0);
    const row = (await env.owner.query('select status, version from problems where id = $1', [p.id])).rows[0];
    expect(row).toEqual({ status: 'open', version: 1 });
    // Pingliang's own work on its own child still works.
    const own = await pingliang.post('/api/problems', { childId: other.id, description: '本街道问题', category: 'health', severity: 'medium' });
    expect(own.statusCode).toBe(201);
  });

  it("street A cannot read, add or delete assistance of street B's child (404)", async () => {
    const a = (
      await dinghai.post('/api/assistance', {
        childId: child.id,
        kind: 'service',
        providerName: '定海路街道社工站',
        description: '课后托管服务',
        givenOn: today(),
      })
    ).json();
    expect((await pingliang.get(`/api/children/${child.id}/assistance`)).statusCode).toBe(404);
    expect(
      (await pingliang.post('/api/assistance', { childId: child.id, kind: 'material', providerName: '越权', description: '越权', givenOn: today() }))
        .statusCode,
    ).toBe(404);
    expect((await pingliang.delete(`/api/assistance/${a.id}`)).statusCode).toBe(404);
    expect((await env.owner.query(`select count(*)::int as n from assistance where provider_name = '越权'`)).rows[0].n).toBe(0);
    expect((await env.owner.query('select 1 from assistance where id = $1', [a.id])).rowCount).toBe(1);
  });

  it('a user without casework.write cannot record (403)', async () => {
    const edu = await env.login('edu');
    expect((await edu.post('/api/problems', { childId: child.id, description: 'x', category: 'other', severity: 'low' })).statusCode).toBe(403);
    expect((await edu.get('/api/problems')).statusCode).toBe(403);
  });
});
