/**
 * 服务预约 against a real PostgreSQL: the catalogue's access, priority booking and the wait list
 * (every refusal writes nothing), confirmation, cancellation with promotion in priority order,
 * expiry of unconfirmed reservations and the closing of a priority window (mocked clock), 30
 * concurrent requests for the last place, the provider's masked roster and attendance, the tiers'
 * admin with its audit history, and a property test of the database's promotion against the model.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, shanghaiDate } from '#common/dates.js';
import { promotions, type WaitingEntry } from '#common/services.js';
import { testEnv, type Agent, type TestEnv } from '../../../test/harness.js';
import { runBookingSweep } from './jobs.js';

let env: TestEnv;
let street: Agent;
let pingliang: Agent;
let youth: Agent;
let district: Agent;
let edu: Agent;
let today: string;
let kids: string[]; // active dinghai children, no categories (tier 3) unless set
let progId: string;
const kid = (i: number): string => kids[i] ?? '';

const HOUR = 3_600_000;

async function setCategories(childId: string, cats: string[]) {
  await env.owner.query('delete from child_categories where child_id = $1', [childId]);
  for (const c of cats)
    await env.owner.query(
      `insert into child_categories (child_id, street_code, committee_id, category, since) select id, street_code, committee_id, $2, '2020-01-01' from children where id = $1`,
      [childId, c],
    );
}

async function newSession(over: Record<string, unknown> = {}, programme = progId): Promise<string> {
  const res = await district.post(`/api/programmes/${programme}/sessions`, {
    title: '测试场次',
    startsOn: addDays(today, 30),
    endsOn: addDays(today, 40),
    place: '区青少年活动中心',
    capacity: 1,
    priorityUntil: null,
    ...over,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

const bookingCount = async () => Number((await env.owner.query('select count(*) as n from bookings')).rows[0].n);
const book = (agent: Agent, session: string, body: Record<string, unknown>) => agent.post(`/api/programme-sessions/${session}/bookings`, body);

async function signIn() {
  [street, pingliang, youth, district, edu] = await Promise.all([
    env.login('street-dinghai'),
    env.login('street-pingliang'),
    env.login('youth'),
    env.login('district'),
    env.login('edu'),
  ]);
}

/** Moves the mocked clock; sessions idle that long expire, so everyone signs in again. */
async function advance(ms: number) {
  env.clock.advance(ms);
  await signIn();
}

beforeAll(async () => {
  env = await testEnv();
  await signIn();
  today = shanghaiDate(env.clock.now);
  // 45 children of one dinghai committee, ten years old, with no category (tier 3) until a test sets one
  const committee = (await env.owner.query<{ id: string }>(`select id from committees where street_code = 'dinghai' order by code limit 1`)).rows[0]!.id;
  kids = (
    await env.owner.query<{ id: string }>(
      `insert into children (street_code, committee_id, name, sex, birth_date)
       select 'dinghai', $1, '测试儿童' || g, 'M', $2::date - interval '10 years' from generate_series(1, 45) g returning id`,
      [committee, today],
    )
  ).rows.map((r) => r.id);
  const res = await district.post('/api/programmes', {
    code: 'test-camp',
    name: '测试夏令营',
    kind: 'summer_camp',
    ownerUnitCode: 'youth-league',
    audience: 'child',
    confirmHours: 48,
  });
  expect(res.statusCode, res.body).toBe(201);
  progId = res.json().id;
});
afterAll(async () => {
  await env?.close();
});

describe('catalogue', () => {
  it('lets a provider keep its own unit’s programmes only, and lists with filters', async () => {
    const own = await youth.post('/api/programmes', { code: 'youth-818', name: '818 服务', kind: 'aid', ownerUnitCode: 'youth-league', minAge: 6, maxAge: 16 });
    expect(own.statusCode, own.body).toBe(201);
    const other = await youth.post('/api/programmes', { code: 'edu-x', name: '别的单位', kind: 'aid', ownerUnitCode: 'education' });
    expect(other.statusCode).toBe(403);
    expect(other.json().error.message).toMatch(/本单位/);
    const dup = await district.post('/api/programmes', { code: 'youth-818', name: '重复', kind: 'aid', ownerUnitCode: 'youth-league' });
    expect(dup.statusCode).toBe(400);
    const bad = await district.post('/api/programmes', { code: 'age-x', name: '年龄', kind: 'aid', ownerUnitCode: 'youth-league', minAge: 12, maxAge: 6 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].message).toBe('最小年龄不能大于最大年龄');
    // edit with a stale version → 409; street (provide, not the owner) → 403
    const p = own.json();
    expect((await youth.patch(`/api/programmes/${p.id}`, { ...p, name: '818 新名', version: p.version })).statusCode).toBe(200);
    expect((await youth.patch(`/api/programmes/${p.id}`, { ...p, name: '818 又改', version: p.version })).statusCode).toBe(409);
    expect((await street.patch(`/api/programmes/${p.id}`, { ...p, version: p.version + 1 })).statusCode).toBe(403);
    const list = (await street.get('/api/programmes?ownerUnit=youth-league&age=10&pageSize=5')).json();
    expect(list.items.map((x: { code: string }) => x.code)).toContain('youth-818');
    expect((await street.get('/api/programmes?age=20')).statusCode).toBe(400);
    const openOnly = (await street.get('/api/programmes?hasOpen=true&ownerUnit=youth-league')).json();
    expect(openOnly.items.every((x: { openSessions: number }) => x.openSessions > 0)).toBe(true);
  });
});

describe('booking', () => {
  it('reserves a free place, puts a non-priority child on the wait list during the window, and refuses a second booking', async () => {
    const s = await newSession({ capacity: 2, priorityUntil: new Date(env.clock.now + 72 * HOUR).toISOString() });
    const [a, b] = [kid(0), kid(1)];
    await setCategories(a, ['left_behind']);
    const r1 = await book(street, s, { childId: a });
    expect(r1.statusCode, r1.body).toBe(201);
    expect(r1.json()).toMatchObject({ status: 'reserved', priorityCode: 'in_difficulty', priorityRank: 1, position: null });
    expect(Date.parse(r1.json().expiresAt)).toBe(env.clock.now + 48 * HOUR);
    expect(r1.json().label).toMatch(/^.\*+.? · \d+岁$|^.\* · \d+岁$/);
    const r2 = await book(street, s, { childId: b });
    expect(r2.json()).toMatchObject({ status: 'waitlisted', priorityCode: 'other', position: 1 });
    const before = await bookingCount();
    const again = await book(street, s, { childId: a });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toMatch(/已预约/);
    expect(await bookingCount()).toBe(before);
    // the child's file shows both, with the position
    const mine = (await street.get(`/api/children/${b}/bookings`)).json();
    expect(mine.items[0]).toMatchObject({ status: 'waitlisted', position: 1 });
    // another street cannot book nor see the child
    expect((await book(pingliang, s, { childId: a })).statusCode).toBe(404);
  });

  it('refuses a cancelled, closed, started or appointment-mode session, a wrong age and a wrong audience — nothing written', async () => {
    const before = await bookingCount();
    const cancelled = await newSession();
    const c = (await district.get(`/api/programmes/${progId}`)).json().sessions.find((x: { id: string }) => x.id === cancelled);
    expect((await youth.post(`/api/programme-sessions/${cancelled}/cancel`, { reason: '场地维修', version: c.version })).statusCode).toBe(200);
    const closed = await newSession();
    await env.owner.query(`update programme_sessions set status = 'closed' where id = $1`, [closed]);
    const started = await newSession();
    await env.owner.query(`update programme_sessions set starts_on = $2::date - 1 where id = $1`, [started, today]);
    const appt = (
      await district.post('/api/programmes', { code: 'appt-test', name: '上门测试', kind: 'home_teaching', ownerUnitCode: 'education', mode: 'appointment' })
    ).json().id;
    const apptSession = await newSession({}, appt);
    const young = (
      await district.post('/api/programmes', { code: 'baby-test', name: '宝宝屋测试', kind: 'baby_house', ownerUnitCode: 'street-dinghai', maxAge: 3 })
    ).json().id;
    const youngSession = await newSession({}, young);
    const course = (
      await district.post('/api/programmes', {
        code: 'parent-test',
        name: '科学育儿测试',
        kind: 'caregiver_course',
        ownerUnitCode: 'health',
        audience: 'guardian',
      })
    ).json().id;
    const courseSession = await newSession({}, course);
    const k = kid(2);
    const cases: [string, Record<string, unknown>, number, RegExp][] = [
      [cancelled, { childId: k }, 409, /已取消/],
      [closed, { childId: k }, 409, /截止/],
      [started, { childId: k }, 409, /已开始/],
      [apptSession, { childId: k }, 409, /送教上门预约/],
      [youngSession, { childId: k }, 400, /3 岁及以下/],
      [courseSession, { childId: k }, 400, /监护人/],
      [courseSession, { childId: k, memberId: '7c9e6679-7425-40de-944b-e07fc1f90ae7' }, 400, /监护人/],
      [await newSession(), { childId: k, memberId: '7c9e6679-7425-40de-944b-e07fc1f90ae7' }, 400, /儿童本人/],
      [await newSession(), { externalName: '外来人' }, 403, /主办单位/],
    ];
    for (const [sid, body, code, msg] of cases) {
      const res = await book(street, sid, body);
      expect(res.statusCode, `${JSON.stringify(body)} ${res.body}`).toBe(code);
      expect(JSON.stringify(res.json())).toMatch(msg);
    }
    expect(await bookingCount()).toBe(before);
  });

  it('confirms, and on a cancel promotes the first waiting by rank then time; the booker is told', async () => {
    const s = await newSession({ capacity: 1 });
    const [holder, late1, early3, late2] = [kid(3), kid(4), kid(5), kid(6)];
    await setCategories(late1, ['disabled']);
    await setCategories(late2, ['reunited_with_parents']);
    const h = (await book(street, s, { childId: holder })).json();
    expect(h.status).toBe('reserved');
    expect((await book(street, s, { childId: early3 })).json()).toMatchObject({ status: 'waitlisted', position: 1 });
    env.clock.advance(60_000);
    expect((await book(street, s, { childId: late2 })).json()).toMatchObject({ status: 'waitlisted', priorityCode: 'reunited', position: 1 });
    env.clock.advance(60_000);
    const w1 = (await book(street, s, { childId: late1 })).json();
    expect(w1).toMatchObject({ status: 'waitlisted', priorityCode: 'in_difficulty', position: 1 });
    // confirm: stale version 409, then ok
    expect((await street.post(`/api/bookings/${h.id}/confirm`, { version: h.version + 5 })).statusCode).toBe(409);
    const conf = await street.post(`/api/bookings/${h.id}/confirm`, { version: h.version });
    expect(conf.json().status).toBe('confirmed');
    // cancel needs a reason
    expect((await street.post(`/api/bookings/${h.id}/cancel`, { reason: '', version: conf.json().version })).statusCode).toBe(400);
    const notesBefore = Number((await env.owner.query(`select count(*) as n from notifications where kind = 'services.booking'`)).rows[0].n);
    const cancel = await street.post(`/api/bookings/${h.id}/cancel`, { reason: '家长另有安排', version: conf.json().version });
    expect(cancel.json().status).toBe('cancelled');
    const after = (await env.owner.query(`select child_id, status from bookings where session_id = $1 order by priority_rank, requested_at`, [s])).rows;
    expect(after.find((r) => r.child_id === late1).status).toBe('reserved');
    expect(after.find((r) => r.child_id === late2).status).toBe('waitlisted');
    expect(after.find((r) => r.child_id === early3).status).toBe('waitlisted');
    const notes = await env.owner.query(
      `select n.user_id, u.username, n.body from notifications n join users u on u.id = n.user_id where kind = 'services.booking' order by n.created_at`,
    );
    expect(notes.rows.length).toBe(notesBefore + 1);
    expect(notes.rows.at(-1).username).toBe('street-dinghai');
    expect(notes.rows.at(-1).body).toMatch(/候补已转为预留名额/);
    expect(notes.rows.at(-1).body).not.toMatch(/\d{18}/);
  });

  it('expires an unconfirmed reservation with the mocked clock and promotes the next', async () => {
    const s = await newSession({ capacity: 1 });
    const [a, b] = [kid(7), kid(8)];
    const r = (await book(street, s, { childId: a })).json();
    expect((await book(street, s, { childId: b })).json().status).toBe('waitlisted');
    await advance(47 * HOUR);
    expect(await runBookingSweep(env.deps, env.clock.now)).toMatchObject({ expired: 0 });
    await advance(2 * HOUR);
    // a late confirmation is refused even before the job runs
    expect((await street.post(`/api/bookings/${r.id}/confirm`, { version: r.version })).statusCode).toBe(409);
    const run = await runBookingSweep(env.deps, env.clock.now);
    expect(run.expired).toBeGreaterThanOrEqual(1);
    const rows = (await env.owner.query(`select child_id, status, promoted_at from bookings where session_id = $1`, [s])).rows;
    expect(rows.find((x) => x.child_id === a).status).toBe('expired');
    expect(rows.find((x) => x.child_id === b)).toMatchObject({ status: 'reserved' });
    expect(rows.find((x) => x.child_id === b).promoted_at.getTime()).toBe(env.clock.now);
    // idempotent
    const again = await runBookingSweep(env.deps, env.clock.now);
    expect(again.promoted).toBe(0);
  });

  it('keeps the last tier waiting while the window is open and promotes it when the window closes', async () => {
    const s = await newSession({ capacity: 2, priorityUntil: new Date(env.clock.now + 24 * HOUR).toISOString() });
    const k = kid(9);
    expect((await book(street, s, { childId: k })).json()).toMatchObject({ status: 'waitlisted', position: 1 });
    const ext = await book(youth, s, { externalName: '王小明' });
    expect(ext.statusCode, ext.body).toBe(201);
    expect(ext.json()).toMatchObject({ status: 'waitlisted', participantKind: 'external', priorityCode: 'other', label: '王*明（档案外）' });
    await advance(25 * HOUR);
    await runBookingSweep(env.deps, env.clock.now);
    const rows = (await env.owner.query(`select participant_kind, status from bookings where session_id = $1 order by requested_at`, [s])).rows;
    expect(rows.map((r) => r.status)).toEqual(['reserved', 'reserved']);
  });

  it('raising the capacity promotes; lowering it below the places taken is refused', async () => {
    const s = await newSession({ capacity: 1 });
    await book(street, s, { childId: kid(10) });
    await book(street, s, { childId: kid(11) });
    const cur = (await district.get(`/api/programmes/${progId}`)).json().sessions.find((x: { id: string }) => x.id === s);
    expect(cur).toMatchObject({ taken: 1, waiting: 1, left: 0 });
    const body = { title: cur.title, startsOn: cur.startsOn, endsOn: cur.endsOn, place: cur.place, capacity: 2, priorityUntil: null, version: cur.version };
    const up = await youth.patch(`/api/programme-sessions/${s}`, body);
    expect(up.json()).toMatchObject({ taken: 2, waiting: 0 });
    const down = await youth.patch(`/api/programme-sessions/${s}`, { ...body, capacity: 1, version: up.json().version });
    expect(down.statusCode).toBe(400);
    expect(down.json().error.fields[0].message).toMatch(/不能少于已占用的 2 个/);
  });

  it('cancelling a session cancels its live bookings and tells their bookers', async () => {
    const s = await newSession({ capacity: 1 });
    await book(street, s, { childId: kid(12) });
    await book(youth, s, { externalName: '李四' });
    const cur = (await district.get(`/api/programmes/${progId}`)).json().sessions.find((x: { id: string }) => x.id === s);
    expect((await youth.post(`/api/programme-sessions/${s}/cancel`, { reason: '', version: cur.version })).statusCode).toBe(400);
    expect((await street.post(`/api/programme-sessions/${s}/cancel`, { reason: '天气原因', version: cur.version })).statusCode).toBe(403);
    const res = await youth.post(`/api/programme-sessions/${s}/cancel`, { reason: '台风停课', version: cur.version });
    expect(res.json().status).toBe('cancelled');
    const rows = (await env.owner.query(`select status, cancel_reason from bookings where session_id = $1`, [s])).rows;
    expect(rows.every((r) => r.status === 'cancelled' && /台风停课/.test(r.cancel_reason))).toBe(true);
    const told = (
      await env.owner.query(
        `select u.username from notifications n join users u on u.id = n.user_id where n.title = '服务场次已取消' and n.body like '%台风停课%' order by u.username`,
      )
    ).rows.map((r) => r.username);
    expect(told).toEqual(['street-dinghai', 'youth']);
  });
});

describe('across areas', () => {
  it('a cancel in one street promotes a child of another street, whose street is told; neither sees the other’s booking', async () => {
    const s = await newSession({ capacity: 1 });
    const pc = (await env.owner.query<{ id: string }>(`select id from committees where street_code = 'pingliang' order by code limit 1`)).rows[0]?.id;
    const other = (
      await env.owner.query<{ id: string }>(
        `insert into children (street_code, committee_id, name, sex, birth_date) values ('pingliang', $1, '平凉测试', 'F', $2::date - interval '10 years') returning id`,
        [pc, today],
      )
    ).rows[0]?.id;
    const mine = (await book(street, s, { childId: kid(44) })).json();
    expect(mine.status).toBe('reserved');
    const theirs = (await book(pingliang, s, { childId: other })).json();
    expect(theirs).toMatchObject({ status: 'waitlisted', position: 1 });
    // each street sees its own child's booking only
    expect((await pingliang.get(`/api/children/${kid(44)}/bookings`)).statusCode).toBe(404);
    await street.post(`/api/bookings/${mine.id}/cancel`, { reason: '家中有事', version: mine.version });
    expect((await pingliang.get(`/api/children/${other}/bookings`)).json().items[0]).toMatchObject({ status: 'reserved', position: null });
    const told = (
      await env.owner.query(
        `select u.username from notifications n join users u on u.id = n.user_id where n.title = '候补转为预留名额' and n.body like '%' || $1 || '%'`,
        [theirs.label],
      )
    ).rows.map((r) => r.username);
    expect(told).toEqual(['street-pingliang']);
  });
});

describe('concurrency', () => {
  it('30 concurrent requests for the last place: exactly one reserved, the rest waiting; a cancel promotes by priority', async () => {
    const s = await newSession({ capacity: 1 });
    const group = kids.slice(13, 43).slice(0, 30);
    expect(group.length).toBeGreaterThanOrEqual(20);
    const tiers = [['orphan_scattered'], ['reunited_with_parents'], []];
    for (let i = 0; i < group.length; i++) await setCategories(group[i]!, tiers[i % 3]!);
    const results = await Promise.all(group.map((c) => book(street, s, { childId: c })));
    expect(results.every((r) => r.statusCode === 201)).toBe(true);
    const statuses = results.map((r) => r.json().status);
    expect(statuses.filter((x) => x === 'reserved')).toHaveLength(1);
    expect(statuses.filter((x) => x === 'waitlisted')).toHaveLength(group.length - 1);
    const taken = Number((await env.owner.query(`select booking_places_taken($1) as n`, [s])).rows[0].n);
    expect(taken).toBe(1);
    const expected = (
      await env.owner.query(`select id from bookings where session_id = $1 and status = 'waitlisted' order by priority_rank, requested_at, id limit 1`, [s])
    ).rows[0].id;
    const holder = results.find((r) => r.json().status === 'reserved')!.json();
    await street.post(`/api/bookings/${holder.id}/cancel`, { reason: '测试取消', version: holder.version });
    const now = (await env.owner.query(`select id, priority_rank from bookings where session_id = $1 and status = 'reserved'`, [s])).rows;
    expect(now).toHaveLength(1);
    expect(now[0].id).toBe(expected);
    expect(now[0].priority_rank).toBe(1);
  });
});

describe('roster and attendance', () => {
  it('shows the owner unit masked labels and tiers only, audited; others are refused', async () => {
    const s = await newSession({ capacity: 3 });
    const b = (await book(street, s, { childId: kid(0) })).json();
    const r = await youth.get(`/api/programme-sessions/${s}/roster`);
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json();
    expect(body.items[0]).toMatchObject({ label: expect.stringMatching(/\*.* · \d+岁$/), priorityName: '困境儿童' });
    const name = (await env.owner.query('select name from children where id = $1', [kid(0)])).rows[0].name;
    expect(r.body).not.toContain(name);
    expect(Number((await env.owner.query(`select count(*) as n from audit_log where action = 'services.roster.view' and entity_id = $1`, [s])).rows[0].n)).toBe(
      1,
    );
    expect((await street.get(`/api/programme-sessions/${s}/roster`)).statusCode).toBe(403);
    expect((await edu.get(`/api/programme-sessions/${s}/roster`)).statusCode).toBe(403);
    // attendance only once the session started, by the owner unit
    expect((await youth.post(`/api/bookings/${b.id}/attendance`, { attended: true, version: b.version })).statusCode).toBe(409);
    await env.owner.query(`update programme_sessions set starts_on = $2 where id = $1`, [s, today]);
    expect((await street.post(`/api/bookings/${b.id}/attendance`, { attended: true, version: b.version })).statusCode).toBe(403);
    const att = await youth.post(`/api/bookings/${b.id}/attendance`, { attended: true, version: b.version });
    expect(att.json().status).toBe('attended');
  });
});

describe('priority tiers', () => {
  it('lists the defaults; the district edits one (audited with before and after); others are refused', async () => {
    const rules = (await street.get('/api/booking-priority-rules')).json().items;
    expect(rules.map((r: { code: string }) => r.code)).toEqual(['in_difficulty', 'reunited', 'other']);
    expect(rules[0].categories).not.toContain('reunited_with_parents');
    expect(rules[2]).toMatchObject({ categories: [], duringWindow: false });
    const body = { name: '来沪团聚儿童', categories: ['reunited_with_parents'], duringWindow: true, active: true };
    expect((await street.patch('/api/booking-priority-rules/reunited', body)).statusCode).toBe(403);
    expect((await district.patch('/api/booking-priority-rules/reunited', { ...body, categories: ['nonsense'] })).statusCode).toBe(400);
    const ok = await district.patch('/api/booking-priority-rules/reunited', body);
    expect(ok.json().name).toBe('来沪团聚儿童');
    const a = (await env.owner.query(`select summary from audit_log where action = 'services.priorityRule.update' order by id desc limit 1`)).rows[0].summary;
    expect(a.before.name).toBe('来沪与父母团聚儿童');
    expect(a.after.name).toBe('来沪团聚儿童');
  });
});

describe('promotion in the database follows the model (property)', () => {
  it('promotes the first allowed waiting bookings by rank then time and never exceeds capacity', async () => {
    const session = await newSession({ capacity: 1 });
    const sample = kids.slice(0, 12);
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 6 }),
        fc.array(fc.record({ rank: fc.integer({ min: 1, max: 3 }), minutes: fc.integer({ min: 0, max: 50 }), taking: fc.boolean() }), {
          minLength: 1,
          maxLength: 12,
        }),
        fc.boolean(),
        async (capacity, entries, windowOpen) => {
          await env.owner.query('delete from bookings where session_id = $1', [session]);
          const now = new Date(env.clock.now);
          await env.owner.query(`update programme_sessions set capacity = $2, priority_until = $3, status = 'open' where id = $1`, [
            session,
            capacity,
            windowOpen ? new Date(env.clock.now + HOUR) : null,
          ]);
          const codes = ['in_difficulty', 'reunited', 'other'];
          let taking = 0;
          const waiting: WaitingEntry[] = [];
          for (let i = 0; i < entries.length; i++) {
            const e = entries[i]!;
            const hold = e.taking && taking < capacity;
            if (hold) taking++;
            const requestedAt = env.clock.now - 3 * HOUR + e.minutes * 60_000;
            const { rows } = await env.owner.query(
              `insert into bookings (session_id, programme_id, participant_kind, child_id, display_label, priority_code, priority_rank, status, requested_at)
               values ($1, $2, 'child', $3, 'x', $4, $5, $6, $7) returning id`,
              [session, progId, sample[i], codes[e.rank - 1], e.rank, hold ? 'confirmed' : 'waitlisted', new Date(requestedAt)],
            );
            if (!hold) waiting.push({ id: rows[0].id, rank: e.rank, requestedAt, allowedNow: !windowOpen || e.rank < 3 });
          }
          const promoted = (await env.owner.query('select booking_id from booking_promote($1, $2)', [session, now])).rows.map((r) => r.booking_id);
          const model = promotions(waiting, capacity - taking).map((w) => w.id);
          expect(promoted.sort()).toEqual([...model].sort());
          const taken = Number((await env.owner.query('select booking_places_taken($1) as n', [session])).rows[0].n);
          expect(taken).toBeLessThanOrEqual(capacity);
        },
      ),
      { numRuns: 25 },
    );
  });
});
