/**
 * 送教上门 appointments: slots in a batch (the owner unit only), booking (confirmed at once; one per
 * slot even under 20 concurrent requests; refusals in Chinese with nothing written), the provider's
 * masked roster, cancellation (frees the slot, tells the booker), completion once the time came,
 * and the indicators of tasks 25 and 12 on hand-made rows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, shanghaiDate } from '#common/dates.js';
import { testEnv, type Agent, type TestEnv } from '../../../test/harness.js';
import { indicator } from '../supervision/indicators/registry.js';

let env: TestEnv;
let edu: Agent;
let director: Agent;
let street: Agent;
let district: Agent;
let police: Agent;
let today: string;
let programme: string;
let toddler: string;
let toddler2: string;
let older: string;
let committee: string;

const count = async (sql: string, params: unknown[] = []) => (await env.owner.query<{ n: number }>(`select count(*)::int as n ${sql}`, params)).rows[0]!.n;

async function newChild(name: string, birth: string): Promise<string> {
  return (
    await env.owner.query<{ id: string }>(
      `insert into children (street_code, committee_id, name, sex, birth_date, registered_on) values ('dinghai', $1, $2, 'F', $3, '2025-01-01') returning id`,
      [committee, name, birth],
    )
  ).rows[0]!.id;
}

beforeAll(async () => {
  env = await testEnv();
  [edu, director, street, district, police] = await Promise.all([
    env.login('edu'),
    env.login('director-dinghai'),
    env.login('street-dinghai'),
    env.login('district'),
    env.login('police'),
  ]);
  today = shanghaiDate(env.clock.now);
  committee = (await env.owner.query<{ id: string }>(`select id from committees where code = 'dinghai-01'`)).rows[0]!.id;
  programme = (
    await env.owner.query<{ id: string }>(
      `insert into programmes (code, name, kind, owner_unit_code, mode, audience, min_age, max_age, plan_tasks)
       values ('test-home', '测试送教上门', 'home_teaching', 'education', 'appointment', 'child', 0, 3, '{25}') returning id`,
    )
  ).rows[0]!.id;
  toddler = await newChild('王小明', addDays(today, -800));
  toddler2 = await newChild('李小红', addDays(today, -400));
  older = await newChild('赵大壮', addDays(today, -3000));
});
afterAll(async () => {
  await env?.close();
});

const day1 = () => addDays(today, 3);
const day2 = () => addDays(today, 4);
let slotA: string;
let slotB: string;

describe('slots', () => {
  it('the owner unit creates slots in a batch (days × times, one place each, at home); duplicates are skipped', async () => {
    const res = await edu.post(`/api/appointments/programmes/${programme}/slots`, { days: [day1(), day2()], times: ['09:00', '14:30'] });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toEqual({ created: 4, skipped: 0 });
    const again = await edu.post(`/api/appointments/programmes/${programme}/slots`, { days: [day1()], times: ['09:00', '16:00'] });
    expect(again.json()).toEqual({ created: 1, skipped: 1 });
    expect(await count(`from programme_sessions where programme_id = $1 and capacity = 1 and place = '家中'`, [programme])).toBe(5);
    const slots = (await director.get(`/api/appointments/programmes/${programme}/slots?show=free`)).json();
    expect(slots.total).toBe(5);
    expect(slots.canProvide).toBe(false);
    expect(slots.items[0]).toMatchObject({ day: day1(), taken: false, past: false, appointment: null });
    slotA = slots.items[0].id;
    slotB = slots.items[1].id;
  });

  it('refuses another unit, a past time, and an empty batch, in Chinese, writing nothing', async () => {
    const body = { days: [day1()], times: ['18:00'] };
    expect((await street.post(`/api/appointments/programmes/${programme}/slots`, body)).statusCode).toBe(403);
    expect((await police.post(`/api/appointments/programmes/${programme}/slots`, body)).statusCode).toBe(403);
    expect((await director.post(`/api/appointments/programmes/${programme}/slots`, body)).statusCode).toBe(403);
    const past = await edu.post(`/api/appointments/programmes/${programme}/slots`, { days: [addDays(today, -1)], times: ['09:00'] });
    expect(past.statusCode).toBe(400);
    expect(past.json().error.fields[0].message).toMatch(/已经过去/);
    const empty = await edu.post(`/api/appointments/programmes/${programme}/slots`, { days: [], times: ['09:00'] });
    expect(empty.statusCode).toBe(400);
    expect(JSON.stringify(empty.json())).toMatch(/请至少选择一天/);
    expect(await count(`from programme_sessions where programme_id = $1`, [programme])).toBe(5);
  });
});

describe('booking', () => {
  it('books a slot for a child of the area: confirmed at once, masked for the provider', async () => {
    const res = await director.post(`/api/appointment-slots/${slotA}/book`, { childId: toddler });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ status: 'confirmed', displayLabel: '王*明 · 2岁', childId: toddler, canCancel: true, canComplete: false });
    const programmes = (await director.get('/api/appointments/programmes')).json().items;
    expect(programmes.find((p: { id: string }) => p.id === programme)).toMatchObject({ freeSlots: 4, canProvide: false });
    // the child's file shows it, and the programmes fitting the child's age
    const mine = (await director.get(`/api/children/${toddler}/appointments`)).json();
    expect(mine.items).toHaveLength(1);
    expect(mine.programmes.map((p: { id: string }) => p.id)).toContain(programme);
    expect(mine.canBook).toBe(true);
    expect((await director.get(`/api/children/${older}/appointments`)).json().programmes.map((p: { id: string }) => p.id)).not.toContain(programme);
  });

  it('refuses a taken slot, a second future slot of the child, an age outside the range, a cancelled or past slot — nothing written', async () => {
    const before = await count(`from bookings where programme_id = $1`, [programme]);
    const taken = await street.post(`/api/appointment-slots/${slotA}/book`, { childId: toddler2 });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.message).toMatch(/已被预约/);
    const twice = await director.post(`/api/appointment-slots/${slotB}/book`, { childId: toddler });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.message).toMatch(/已预约本项目今后的一个时段/);
    const age = await director.post(`/api/appointment-slots/${slotB}/book`, { childId: older });
    expect(age.statusCode).toBe(400);
    expect(age.json().error.fields[0].message).toMatch(/面向 0–3 岁儿童/);
    const cancelled = (
      await env.owner.query<{ id: string }>(
        `insert into programme_sessions (programme_id, title, starts_on, ends_on, starts_at, capacity, status, cancel_reason)
         values ($1, '已取消', $2, $2, $3, 1, 'cancelled', '老师请假') returning id`,
        [programme, day2(), `${day2()}T10:00:00+08:00`],
      )
    ).rows[0]!.id;
    expect((await director.post(`/api/appointment-slots/${cancelled}/book`, { childId: toddler2 })).json().error.message).toMatch(/已取消/);
    const past = (
      await env.owner.query<{ id: string }>(
        `insert into programme_sessions (programme_id, title, starts_on, ends_on, starts_at, capacity) values ($1, '过去', $2, $2, $3, 1) returning id`,
        [programme, addDays(today, -2), `${addDays(today, -2)}T10:00:00+08:00`],
      )
    ).rows[0]!.id;
    const p = await director.post(`/api/appointment-slots/${past}/book`, { childId: toddler2 });
    expect(p.statusCode).toBe(409);
    expect(p.json().error.message).toMatch(/已经过去/);
    // a child of another street: not found for this booker
    const other = (await env.owner.query<{ id: string }>(`select id from children where street_code = 'pingliang' and status = 'active' limit 1`)).rows[0]!.id;
    expect((await director.post(`/api/appointment-slots/${slotB}/book`, { childId: other })).statusCode).toBe(404);
    expect(await count(`from bookings where programme_id = $1`, [programme])).toBe(before);
  });

  it('gives one slot to exactly one of 20 concurrent requests for 20 different children', async () => {
    const open = (
      await env.owner.query<{ id: string }>(
        `insert into programmes (code, name, kind, owner_unit_code, mode) values ('test-open', '测试科学育儿上门', 'home_teaching', 'education', 'appointment') returning id`,
      )
    ).rows[0]!.id;
    const slot = (
      await env.owner.query<{ id: string }>(
        `insert into programme_sessions (programme_id, title, starts_on, ends_on, starts_at, capacity) values ($1, '唯一时段', $2, $2, $3, 1) returning id`,
        [open, day1(), `${day1()}T10:00:00+08:00`],
      )
    ).rows[0]!.id;
    // children other than this file's own: one of them winning here would give it a second appointment
    const kids = (
      await env.owner.query<{ id: string }>(`select id from children where status = 'active' and not (id = any($1)) order by id limit 20`, [
        [toddler, toddler2, older],
      ])
    ).rows.map((r) => r.id);
    expect(kids).toHaveLength(20);
    const results = await Promise.all(kids.map((childId) => district.post(`/api/appointment-slots/${slot}/book`, { childId })));
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes.filter((c) => c === 201)).toHaveLength(1);
    expect(codes.filter((c) => c === 409)).toHaveLength(19);
    expect(results.filter((r) => r.statusCode === 409).every((r) => /已被预约/.test(r.json().error.message))).toBe(true);
    expect(await count(`from bookings where session_id = $1`, [slot])).toBe(1);
  });
});

describe('the provider', () => {
  it('sees the roster masked (label and booker, no file, no address) and the view is audited', async () => {
    const res = await edu.get(`/api/appointments/programmes/${programme}/slots?show=booked`);
    expect(res.statusCode, res.body).toBe(200);
    const roster = res.json();
    expect(roster.canProvide).toBe(true);
    expect(roster.items).toHaveLength(1);
    expect(roster.items[0].appointment).toMatchObject({ displayLabel: '王*明 · 2岁', childId: null, requestedByName: '张丽华', canComplete: false });
    expect(JSON.stringify(roster)).not.toContain('王小明');
    expect(await count(`from audit_log where action = 'appointments.roster.view' and entity_id = $1`, [programme])).toBe(1);
    // the child's file stays closed to the provider
    expect((await edu.get(`/api/children/${toddler}/appointments`)).statusCode).toBe(404);
  });

  it('records completion only once the time came; then what was taught and how long', async () => {
    const a = (await director.get(`/api/children/${toddler}/appointments`)).json().items.find((i: { slotId: string }) => i.slotId === slotA);
    const early = await edu.post(`/api/appointments/${a.id}/complete`, { attended: true, completionNote: '认知卡片', durationMinutes: 60, version: a.version });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toMatch(/尚未到/);
    // the visit's time came (sessions expire if the test clock moves days ahead: move the slot instead)
    await env.owner.query(`update programme_sessions set starts_at = $2, starts_on = $3, ends_on = $3 where id = $1`, [
      a.slotId,
      new Date(env.clock.now - 3_600_000),
      shanghaiDate(env.clock.now - 3_600_000),
    ]);
    const noNote = await edu.post(`/api/appointments/${a.id}/complete`, { attended: true, version: a.version });
    expect(noNote.statusCode).toBe(400);
    expect(JSON.stringify(noNote.json())).toMatch(/请填写本次送教的内容/);
    expect(
      (await director.post(`/api/appointments/${a.id}/complete`, { attended: true, completionNote: 'x', durationMinutes: 5, version: a.version })).statusCode,
    ).toBe(403);
    const done = await edu.post(`/api/appointments/${a.id}/complete`, {
      attended: true,
      completionNote: '亲子共读与精细动作训练',
      durationMinutes: 90,
      version: a.version,
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: 'attended', completionNote: '亲子共读与精细动作训练', durationMinutes: 90 });
    expect((await edu.post(`/api/appointments/${a.id}/complete`, { attended: false, absenceNote: '不在家', version: a.version + 1 })).statusCode).toBe(409);
    const seen = (await director.get(`/api/children/${toddler}/appointments`)).json().items.find((i: { id: string }) => i.id === a.id);
    expect(seen).toMatchObject({ status: 'attended', completionNote: '亲子共读与精细动作训练' });
  });

  it('cancels a booking with a reason: the slot frees, the booker is told; a stale version is a 409', async () => {
    const booked = await director.post(`/api/appointment-slots/${slotB}/book`, { childId: toddler2 });
    expect(booked.statusCode, booked.body).toBe(201);
    const a = booked.json();
    expect((await edu.post(`/api/appointments/${a.id}/cancel`, { reason: '', version: a.version })).statusCode).toBe(400);
    const c = await edu.post(`/api/appointments/${a.id}/cancel`, { reason: '老师临时外出培训', version: a.version });
    expect(c.statusCode, c.body).toBe(200);
    expect(c.json()).toMatchObject({ status: 'cancelled', cancelReason: '老师临时外出培训' });
    expect((await edu.post(`/api/appointments/${a.id}/cancel`, { reason: '再次', version: a.version })).statusCode).toBe(409);
    const n = (
      await env.owner.query(
        `select n.title, n.body from notifications n join users u on u.id = n.user_id where u.username = 'director-dinghai' and n.entity_id = $1`,
        [a.id],
      )
    ).rows;
    expect(n).toHaveLength(1);
    expect(n[0].body).toContain('李*红');
    expect(n[0].body).toContain('老师临时外出培训');
    expect(n[0].body).not.toContain('李小红');
    // the slot is free again and may be booked
    const again = await street.post(`/api/appointment-slots/${slotB}/book`, { childId: toddler2 });
    expect(again.statusCode, again.body).toBe(201);
    // the booker cancels its own: nobody is notified
    const own = await street.post(`/api/appointments/${again.json().id}/cancel`, { reason: '家长改期', version: again.json().version });
    expect(own.statusCode).toBe(200);
    expect(await count(`from notifications where entity_id = $1`, [again.json().id])).toBe(0);
  });

  it('cancels a slot: its booking is cancelled and the booker told', async () => {
    const slots = (await director.get(`/api/appointments/programmes/${programme}/slots?show=free`)).json().items;
    const s = slots[slots.length - 1];
    const b = await director.post(`/api/appointment-slots/${s.id}/book`, { childId: toddler2 });
    expect(b.statusCode, b.body).toBe(201);
    expect((await street.post(`/api/appointment-slots/${s.id}/cancel`, { reason: 'x', version: s.version })).statusCode).toBe(403);
    const c = await edu.post(`/api/appointment-slots/${s.id}/cancel`, { reason: '区教育局统一调课', version: s.version });
    expect(c.statusCode, c.body).toBe(200);
    expect(c.json()).toMatchObject({ status: 'cancelled', cancelReason: '区教育局统一调课' });
    expect((await env.owner.query(`select status from bookings where id = $1`, [b.json().id])).rows[0].status).toBe('cancelled');
    expect(await count(`from notifications where entity_id = $1`, [b.json().id])).toBe(1);
  });
});

describe('indicators', () => {
  it('count home-teaching visits completed this year (task 25) and caregivers’ participation (task 12) as by hand', async () => {
    const figure = async (code: string) => {
      const spec = indicator(code)!;
      const { rows } = await env.owner.query(spec.sql, [today, ['dinghai']]);
      return Number(rows.find((r) => r.street_code === null)?.num ?? 0);
    };
    // one completed above (today, moved to an hour ago), if that is in the year of the as-of day
    const sameYear = shanghaiDate(env.clock.now - 3_600_000).slice(0, 4) === today.slice(0, 4);
    expect(await figure('appointments.homeTeachingDone')).toBe(sameYear ? 1 : 0);
    // a caregiver course: two attended bookings, one absent
    const course = (
      await env.owner.query<{ id: string }>(
        `insert into programmes (code, name, kind, owner_unit_code, audience) values ('test-parenting', '科学育儿讲座', 'caregiver_course', 'health', 'guardian') returning id`,
      )
    ).rows[0]!.id;
    const sess = (
      await env.owner.query<{ id: string }>(
        `insert into programme_sessions (programme_id, title, starts_on, ends_on, capacity) values ($1, '第一讲', $2, $2, 30) returning id`,
        [course, today],
      )
    ).rows[0]!.id;
    const member = async (childId: string) =>
      (
        await env.owner.query<{ id: string }>(
          `insert into household_members (child_id, street_code, committee_id, name, relation, role) values ($1, 'dinghai', $2, '家长', '母亲', 'guardian') returning id`,
          [childId, committee],
        )
      ).rows[0]!.id;
    for (const [childId, status] of [
      [toddler, 'attended'],
      [toddler2, 'attended'],
      [older, 'absent'],
    ] as const) {
      await env.owner.query(
        `insert into bookings (session_id, programme_id, participant_kind, child_id, member_id, display_label, priority_code, priority_rank, status)
         values ($1, $2, 'guardian', $3, $4, '家*', 'other', 3, $5)`,
        [sess, course, childId, await member(childId), status],
      );
    }
    expect(await figure('appointments.caregiverParticipation')).toBe(2);
    const all = (await district.get('/api/indicators')).json().items;
    expect(all.find((i: { code: string }) => i.code === 'appointments.homeTeachingDone')).toMatchObject({ tasks: [25] });
    expect(all.find((i: { code: string }) => i.code === 'appointments.caregiverParticipation')).toMatchObject({ tasks: [12] });
    // 区卫健委 carries task 12: on its dashboard (a health login is not among the demo accounts: the youth league carries 25)
    const youth = (await (await env.login('youth')).get('/api/dashboard')).json();
    expect(youth.indicators.map((i: { code: string }) => i.code)).toContain('appointments.homeTeachingDone');
  });
});
