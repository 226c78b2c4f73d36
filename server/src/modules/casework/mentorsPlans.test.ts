/** Mentors and buddies (people, assignment, coverage, gaps) and help plans (version check, reviews). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEnv, type Agent, type TestEnv } from '../../../test/harness.js';
import { addDays, shanghaiDate } from '#common/dates.js';

let env: TestEnv;
let dinghai: Agent;
let pingliang: Agent;
let director: Agent;
let kids: { id: string; name: string }[];
const today = () => shanghaiDate(env.clock.now);

beforeAll(async () => {
  env = await testEnv();
  dinghai = await env.login('street-dinghai');
  pingliang = await env.login('street-pingliang');
  director = await env.login('director-dinghai');
  // The first one is in the child director's committee, so the director can read it.
  kids = (
    await env.owner.query(`select c.id, c.name from children c join committees m on m.id = c.committee_id
    where c.street_code = 'dinghai' and c.status = 'active' order by (m.code = 'dinghai-01') desc, c.id limit 6`)
  ).rows;
});
afterAll(async () => {
  await env?.close();
});

const person = async (agent: Agent, body: Record<string, unknown>) => {
  const res = await agent.post('/api/mentors', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
};

describe('mentors and buddies', () => {
  it('stores the phone encrypted and answers it masked', async () => {
    const m = await person(dinghai, { kind: 'mentor', name: '周老师', organisation: '控江中学', phone: '13912345678' });
    expect(m).toMatchObject({ kind: 'mentor', phoneMasked: '139****5678', streetCode: 'dinghai', active: true, childCount: 0 });
    const raw = (await env.owner.query('select phone_enc from mentors where id = $1', [m.id])).rows[0].phone_enc;
    expect(raw).toMatch(/^v1\./);
    expect(raw).not.toContain('13912345678');
    expect((await dinghai.post('/api/mentors', { kind: 'mentor', name: '李老师', organisation: '控江中学', phone: '12345' })).statusCode).toBe(400);
    // Only mentors.manage.
    expect((await director.post('/api/mentors', { kind: 'buddy', name: '小王', organisation: '控江中学' })).statusCode).toBe(403);
    // Another street neither sees nor edits it.
    expect((await pingliang.get('/api/mentors?pageSize=200')).json().items.map((x: { id: string }) => x.id)).not.toContain(m.id);
    expect((await pingliang.patch(`/api/mentors/${m.id}`, { name: '改名' })).statusCode).toBe(403);
  });

  it('assigns and changes a mentor with history and a new file version; refuses the wrong kind, an inactive person, another street', async () => {
    const m1 = await person(dinghai, { kind: 'mentor', name: '吴老师', organisation: '杨浦高级中学' });
    const m2 = await person(dinghai, { kind: 'mentor', name: '郑老师', organisation: '复旦大学附属中学' });
    const b1 = await person(dinghai, { kind: 'buddy', name: '陈同学', organisation: '同济大学第一附属中学' });
    const child = kids[0]!;
    const v0 = (await env.owner.query('select version from children where id = $1', [child.id])).rows[0].version;

    let res = await dinghai.put(`/api/children/${child.id}/mentor`, { mentorId: m1.id });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().mentor).toMatchObject({ id: m1.id, name: '吴老师' });
    res = await dinghai.put(`/api/children/${child.id}/mentor`, { mentorId: m2.id });
    expect(res.json().mentor.id).toBe(m2.id);
    expect((await dinghai.put(`/api/children/${child.id}/mentor`, { mentorId: b1.id })).statusCode).toBe(400);
    res = await dinghai.put(`/api/children/${child.id}/buddy`, { buddyId: b1.id });
    expect(res.json()).toMatchObject({ mentor: { id: m2.id }, buddy: { id: b1.id } });

    const row = (await env.owner.query('select mentor_id, buddy_id, version from children where id = $1', [child.id])).rows[0];
    expect(row).toEqual({ mentor_id: m2.id, buddy_id: b1.id, version: v0 + 3 });
    const history = (
      await env.owner.query(
        `select action, field, old_value, new_value, street_code from child_history where child_id = $1 and action like '%.assign' order by id`,
        [child.id],
      )
    ).rows;
    expect(history).toEqual([
      { action: 'mentor.assign', field: 'mentor', old_value: null, new_value: '吴老师', street_code: 'dinghai' },
      { action: 'mentor.assign', field: 'mentor', old_value: '吴老师', new_value: '郑老师', street_code: 'dinghai' },
      { action: 'buddy.assign', field: 'buddy', old_value: null, new_value: '陈同学', street_code: 'dinghai' },
    ]);
    // Any reader of the file sees them; only mentors.manage assigns.
    expect((await director.get(`/api/children/${child.id}/mentor`)).json()).toMatchObject({
      mentor: { name: '郑老师', phoneMasked: null },
      buddy: { name: '陈同学' },
    });
    expect((await director.put(`/api/children/${child.id}/mentor`, { mentorId: null })).statusCode).toBe(403);

    // Another street's child: 404; a deactivated mentor: refused.
    const foreign = (await env.owner.query(`select id from children where street_code = 'pingliang' limit 1`)).rows[0].id;
    expect((await dinghai.put(`/api/children/${foreign}/mentor`, { mentorId: m1.id })).statusCode).toBe(404);
    expect((await dinghai.patch(`/api/mentors/${m1.id}`, { active: false })).json().active).toBe(false);
    expect((await dinghai.put(`/api/children/${kids[1]!.id}/mentor`, { mentorId: m1.id })).statusCode).toBe(400);
    // Pingliang cannot give its child a Dinghai mentor.
    const district = await env.login('district');
    expect((await district.put(`/api/children/${foreign}/mentor`, { mentorId: m2.id })).statusCode).toBe(400);
  });

  it('computes coverage by street and lists the gaps (figures computed by hand on a small set)', async () => {
    // Start from nothing in Dinghai, then: kids 0,1,2 get a mentor; kids 0,1,3 a buddy; kid 2 is closed afterwards.
    await env.owner.query(`update children set mentor_id = null, buddy_id = null where street_code = 'dinghai'`);
    const m = await person(dinghai, { kind: 'mentor', name: '孙老师', organisation: '杨浦区控江二村小学' });
    const b = await person(dinghai, { kind: 'buddy', name: '林同学', organisation: '控江中学' });
    for (const k of [0, 1, 2]) expect((await dinghai.put(`/api/children/${kids[k]!.id}/mentor`, { mentorId: m.id })).statusCode).toBe(200);
    for (const k of [0, 1, 3]) expect((await dinghai.put(`/api/children/${kids[k]!.id}/buddy`, { buddyId: b.id })).statusCode).toBe(200);
    await env.owner.query(`update children set status = 'closed', closed_reason = 'moved_away' where id = $1`, [kids[2]!.id]);
    const active = (await env.owner.query(`select count(*)::int as n from children where street_code = 'dinghai' and status = 'active'`)).rows[0].n;

    const cov = (await dinghai.get('/api/mentors/coverage')).json();
    expect(cov.items).toEqual([{ streetCode: 'dinghai', streetName: '定海路街道', children: active, withMentor: 2, withBuddy: 3, withBoth: 2 }]);
    expect(cov.total).toEqual({ children: active, withMentor: 2, withBuddy: 3, withBoth: 2 });
    // The district sees every street; Dinghai's row is the same.
    const all = (await (await env.login('district')).get('/api/mentors/coverage')).json();
    expect(all.items.find((r: { streetCode: string }) => r.streetCode === 'dinghai')).toEqual(cov.items[0]);
    expect(all.total.children).toBe((await env.owner.query(`select count(*)::int as n from children where status = 'active'`)).rows[0].n);

    const gaps = (await dinghai.get('/api/mentors/gaps?kind=mentor&pageSize=200')).json();
    expect(gaps.total).toBe(active - 2);
    const gapIds = gaps.items.map((g: { id: string }) => g.id);
    expect(gapIds).not.toContain(kids[0]!.id);
    expect(gapIds).not.toContain(kids[2]!.id); // closed: not counted
    expect(gapIds).toContain(kids[3]!.id);
    expect((await dinghai.get('/api/mentors/gaps?kind=buddy&pageSize=200')).json().total).toBe(active - 3);
    expect(
      (await pingliang.get('/api/mentors/gaps?kind=mentor&pageSize=200')).json().items.some((g: { streetCode: string }) => g.streetCode === 'dinghai'),
    ).toBe(false);
    expect((await dinghai.get('/api/mentors?kind=mentor')).json().items.find((x: { id: string }) => x.id === m.id).childCount).toBe(2);
  });
});

describe('help plans', () => {
  it('creates one active plan per child, edits with a version check, records reviews that move the review date, closes', async () => {
    const child = kids[4]!;
    const body = {
      childId: child.id,
      goals: '稳定就学，改善营养状况',
      measures: '1. 联系学校减免午餐费\n2. 每月入户一次',
      responsible: '张丽华（儿童主任）',
      reviewOn: addDays(today(), 30),
    };
    const res = await dinghai.post('/api/care-plans', body);
    expect(res.statusCode, res.body).toBe(201);
    const plan = res.json();
    expect(plan).toMatchObject({ status: 'active', version: 1, reviewOverdue: false, reviews: [] });
    expect((await dinghai.post('/api/care-plans', body)).statusCode).toBe(409);
    expect((await dinghai.post('/api/care-plans', { ...body, childId: kids[5]!.id, reviewOn: addDays(today(), -1) })).statusCode).toBe(400);

    const first = await dinghai.patch(`/api/care-plans/${plan.id}`, { goals: '稳定就学', version: 1 });
    expect(first.statusCode, first.body).toBe(200);
    const stale = await dinghai.patch(`/api/care-plans/${plan.id}`, { goals: '别人的修改', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.message).toBe('该记录已被他人修改，请刷新后再改');
    expect((await env.owner.query('select goals, version from care_plans where id = $1', [plan.id])).rows[0]).toEqual({ goals: '稳定就学', version: 2 });

    expect((await dinghai.post(`/api/care-plans/${plan.id}/reviews`, { reviewedOn: addDays(today(), 1), summary: '未来' })).statusCode).toBe(400);
    const next = addDays(today(), 60);
    const reviewed = await dinghai.post(`/api/care-plans/${plan.id}/reviews`, { reviewedOn: today(), summary: '已减免午餐费，体重回升', nextReviewOn: next });
    expect(reviewed.statusCode, reviewed.body).toBe(201);
    expect(reviewed.json()).toMatchObject({ reviewOn: next, version: 3 });
    expect(reviewed.json().reviews[0]).toMatchObject({ summary: '已减免午餐费，体重回升', reviewerName: '李娟', nextReviewOn: next });

    const list = (await director.get(`/api/children/${child.id}/care-plans`)).json();
    expect(list.items.length === 0 || list.items[0].id === plan.id).toBe(true);
    expect((await pingliang.get(`/api/children/${child.id}/care-plans`)).statusCode).toBe(404);
    expect((await pingliang.patch(`/api/care-plans/${plan.id}`, { goals: 'x', version: 3 })).statusCode).toBe(404);
    expect((await pingliang.post('/api/care-plans', { ...body, childId: child.id })).statusCode).toBe(404);

    const closed = await dinghai.post(`/api/care-plans/${plan.id}/close`, { version: 3 });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json().status).toBe('closed');
    expect((await dinghai.patch(`/api/care-plans/${plan.id}`, { goals: 'x', version: 4 })).statusCode).toBe(400);
    // A new plan may start once the old one is closed.
    expect((await dinghai.post('/api/care-plans', body)).statusCode).toBe(201);
    const actions = (await env.owner.query(`select action from audit_log where entity_id = $1 order by id`, [plan.id])).rows.map((r) => r.action);
    expect(actions).toEqual(['careplan.create', 'careplan.update', 'careplan.review', 'careplan.close']);
  });
});
