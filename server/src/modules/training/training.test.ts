/**
 * Training, exams, evaluations and rewards through the API on the demo ledger, and the three 督办
 * indicators on hand-made rows (a street of their own): each equals the figure computed by hand and
 * is on the district's dashboard.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDate } from '#common/dates.js';
import { coverageRequired, trainedInYear, type RoleKind, type TrainingKind } from '#common/training.js';
import { testEnv, type Agent, type TestEnv } from '../../../test/harness.js';
import { seedDemoWorkforce } from '../../seed/demoWorkforce.js';
import { indicator } from '../supervision/indicators/registry.js';

let env: TestEnv;
let district: Agent;
let street: Agent;
let pingliang: Agent;
let today: string;
let year: number;

const one = async <T>(sql: string, args: unknown[] = []): Promise<T> => {
  const { rows } = await env.owner.query(sql, args);
  if (!rows[0]) throw new Error(`no row: ${sql}`);
  return rows[0] as T;
};

beforeAll(async () => {
  env = await testEnv();
  today = shanghaiDate(env.clock.now);
  year = Number(today.slice(0, 4));
  await seedDemoWorkforce(env.owner, env.deps.crypto, { seed: 1, today });
  [district, street, pingliang] = await Promise.all([env.login('district'), env.login('street-dinghai'), env.login('street-pingliang')]);
});
afterAll(async () => {
  await env?.close();
});

const session = (over: Record<string, unknown> = {}) => ({
  topic: '儿童主任年度全员培训',
  kind: 'annual',
  heldOn: `${year}-01-01`,
  hours: 6,
  trainer: '区民政局',
  location: '区社会福利中心',
  audience: ['child_director'],
  planTasks: [37],
  ...over,
});

describe('sessions and attendance', () => {
  let districtSession: string;
  let streetSession: string;

  it('the district and a street create sessions; a street edits only its own', async () => {
    const d = await district.post('/api/training/sessions', session());
    expect(d.statusCode).toBe(201);
    districtSession = d.json().id;
    expect(d.json()).toMatchObject({ organiserUnitCode: 'civil-affairs', canEdit: true, hours: 6 });
    const s = await street.post('/api/training/sessions', session({ topic: '定海路街道儿童主任业务培训', kind: 'specialised', hours: 2.5 }));
    expect(s.statusCode).toBe(201);
    streetSession = s.json().id;
    const list = (await street.get(`/api/training/sessions?year=${year}`)).json();
    expect(list.total).toBe(2);
    expect(list.items.find((x: { id: string }) => x.id === districtSession).canEdit).toBe(false);
    expect((await street.put(`/api/training/sessions/${districtSession}`, { ...session({ topic: '改' }), version: 1 })).statusCode).toBe(403);
    expect((await street.put(`/api/training/sessions/${streetSession}`, { ...session({ topic: '改名' }), version: 1 })).json().topic).toBe('改名');
    expect((await street.put(`/api/training/sessions/${streetSession}`, { ...session({ topic: '再改' }), version: 1 })).statusCode).toBe(409);
    expect((await pingliang.put(`/api/training/sessions/${streetSession}`, { ...session(), version: 2 })).statusCode).toBe(403);
  });

  it('a street marks its own people (bulk) and never another street’s', async () => {
    const people = (await street.get('/api/training/people?roleKind=child_director')).json().items;
    expect(people.length).toBeGreaterThan(5);
    expect(people.every((p: { streetName: string }) => p.streetName === '定海路街道')).toBe(true);
    const other = await one<{ id: string }>(`select id from staff where street_code = 'pingliang' limit 1`);
    const before = await one<{ n: number }>(`select count(*)::int as n from training_attendance`);
    const bad = await street.put(`/api/training/sessions/${districtSession}/attendance`, {
      entries: [
        { staffId: people[0].id, attended: true },
        { staffId: other.id, attended: true },
      ],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0]).toMatchObject({ path: 'entries.1.staffId' });
    expect((await one<{ n: number }>(`select count(*)::int as n from training_attendance`)).n).toBe(before.n);

    const ok = await street.put(`/api/training/sessions/${districtSession}/attendance`, {
      entries: [
        { staffId: people[0].id, attended: true },
        { staffId: people[1].id, attended: true, hours: 3 },
        { staffId: people[2].id, attended: false, note: '病假' },
      ],
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().items).toHaveLength(3);
    expect((await one<{ n: number }>(`select count(*)::int as n from audit_log where action = 'training.attendance.record'`)).n).toBe(1);
    // pingliang sees the session but none of dinghai's attendance
    expect((await pingliang.get(`/api/training/sessions/${districtSession}/attendance`)).json().items).toHaveLength(0);
    expect((await pingliang.get(`/api/training/sessions/${districtSession}`)).json().attendees).toBe(0);
    expect((await street.get(`/api/training/sessions/${districtSession}`)).json().attendees).toBe(2);

    const archive = (await street.get(`/api/training/people/${people[1].id}/archive`)).json();
    expect(archive.sessions).toHaveLength(1);
    expect(archive.hoursByYear).toEqual([{ year, hours: 3, sessions: 1 }]);
    expect((await pingliang.get(`/api/training/people/${people[1].id}/archive`)).statusCode).toBe(404);
  });

  it('the coverage equals the pure rule over the street’s ledger', async () => {
    const cov = (await street.get('/api/training/coverage?pageSize=200')).json();
    const { rows: staff } = await env.owner.query<{ id: string; role_kind: RoleKind; appointed_on: string | null; left_on: string | null }>(
      `select id, role_kind, to_char(appointed_on, 'YYYY-MM-DD') as appointed_on, to_char(left_on, 'YYYY-MM-DD') as left_on from staff where street_code = 'dinghai'`,
    );
    const { rows: att } = await env.owner.query<{ staff_id: string; kind: TrainingKind; held_on: string; attended: boolean }>(
      `select a.staff_id, s.kind, to_char(s.held_on, 'YYYY-MM-DD') as held_on, a.attended from training_attendance a join training_sessions s on s.id = a.session_id`,
    );
    const people = staff.map((s) => ({ id: s.id, p: { roleKind: s.role_kind, appointedOn: s.appointed_on, leftOn: s.left_on } }));
    const required = people.filter((x) => coverageRequired(x.p, today));
    const trained = required.filter((x) =>
      trainedInYear(
        x.p,
        att.filter((a) => a.staff_id === x.id).map((a) => ({ kind: a.kind, heldOn: a.held_on, attended: a.attended })),
        today,
      ),
    );
    expect([cov.required, cov.trained]).toEqual([required.length, trained.length]);
    expect(cov.trained).toBe(2);
    expect(cov.untrained.total).toBe(required.length - 2);
    expect(cov.untrained.items).toHaveLength(required.length - 2);
  });
});

describe('exams', () => {
  it('a pass raises the certificate level in the same transaction, only upward, audited', async () => {
    const p = await one<{ id: string; cert_level: string }>(
      `select id, cert_level from staff where street_code = 'dinghai' and role_kind = 'child_director' and cert_level = 'assistant' order by name limit 1`,
    );
    const reg = await street.post('/api/training/exams', { staffId: p.id, year, level: 'intermediate', registeredOn: `${year}-01-01` });
    expect(reg.statusCode).toBe(201);
    expect((await street.post('/api/training/exams', { staffId: p.id, year, level: 'intermediate', registeredOn: `${year}-01-01` })).statusCode).toBe(409);
    const res = await street.put(`/api/training/exams/${reg.json().id}/result`, { result: 'passed', score: 72, version: 1 });
    expect(res.json()).toMatchObject({ result: 'passed', score: 72, certLevel: 'intermediate' });
    expect((await one<{ cert_level: string }>(`select cert_level from staff where id = $1`, [p.id])).cert_level).toBe('intermediate');
    // a lower level passed later leaves it where it is
    const low = (await street.post('/api/training/exams', { staffId: p.id, year, level: 'assistant', registeredOn: `${year}-01-01` })).json();
    expect((await street.put(`/api/training/exams/${low.id}/result`, { result: 'passed', score: 80, version: 1 })).json().certLevel).toBe('intermediate');
    const audit = await env.owner.query(`select summary from audit_log where action = 'training.exam.result' order by id`);
    expect(audit.rows.map((r) => [r.summary.certBefore, r.summary.certAfter])).toEqual([
      ['assistant', 'intermediate'],
      ['intermediate', 'intermediate'],
    ]);
    const other = await one<{ id: string }>(`select id from staff where street_code = 'pingliang' limit 1`);
    expect((await street.post('/api/training/exams', { staffId: other.id, year, level: 'assistant', registeredOn: `${year}-01-01` })).statusCode).toBe(400);
  });
});

describe('evaluations', () => {
  it('computes the metrics, saves them with the evaluation, finishes once, and never lets a reviewer evaluate themselves', async () => {
    const director = await one<{ id: string; user_id: string }>(
      `select id, user_id from staff where user_id = (select id from users where username = 'director-dinghai')`,
    );
    const list = (await street.get(`/api/training/evaluations?year=${year}&pageSize=200`)).json();
    expect(list.items.length).toBeGreaterThan(5);
    expect(list.items.every((e: { status: string }) => e.status === 'none')).toBe(true);
    const m = (await street.get(`/api/training/evaluations/metrics?staffId=${director.id}&year=${year}`)).json();
    // the template's children in dinghai-01, counted by hand
    const hand = await one<{ n: number; due: number }>(
      `select count(*)::int as n, count(*) filter (where next_visit_due is null or next_visit_due >= $1::date)::int as due
         from children where committee_id = (select id from committees where code = 'dinghai-01') and status = 'active'`,
      [today],
    );
    expect(m.children).toBe(hand.n);
    expect(m.visitsOnTime).toEqual({ num: hand.due, den: hand.n });

    expect((await street.post('/api/training/evaluations', { staffId: director.id, year, finish: true })).statusCode).toBe(400);
    const draft = await street.post('/api/training/evaluations', { staffId: director.id, year, grade: 'good', comment: '走访及时' });
    expect(draft.json()).toMatchObject({ status: 'draft', grade: 'good', version: 1 });
    expect(draft.json().metrics.children).toBe(hand.n);
    const done = await street.post('/api/training/evaluations', { staffId: director.id, year, grade: 'excellent', finish: true, version: 1 });
    expect(done.json()).toMatchObject({ status: 'done', grade: 'excellent', reviewerName: expect.any(String) });
    expect((await street.post('/api/training/evaluations', { staffId: director.id, year, grade: 'pass', version: 2 })).statusCode).toBe(409);
    const saved = await one<{ metrics: { children: number } }>(`select metrics from staff_evaluations where staff_id = $1`, [director.id]);
    expect(saved.metrics.children).toBe(hand.n);

    // the director cannot evaluate themselves, and neither can the database be made to record it
    await env.owner.query(`update user_roles set role_code = 'street_supervisor' where user_id = $1`, [director.user_id]);
    const self = await env.login('director-dinghai');
    const r = await self.post('/api/training/evaluations', { staffId: director.id, year: year - 1, grade: 'excellent', finish: true });
    expect(r.statusCode).toBe(403);
    expect(r.json().error.message).toMatch(/不能评价自己/);
    await expect(
      env.owner.query(`insert into staff_evaluations (staff_id, year, grade, status, reviewer_id) values ($1, $2, 'good', 'done', $3)`, [
        director.id,
        year - 2,
        director.user_id,
      ]),
    ).rejects.toThrow(/不能评价自己/);
    await env.owner.query(`update user_roles set role_code = 'child_director' where user_id = $1`, [director.user_id]);
  });

  it('rewards are recorded on the person and shown in the archive', async () => {
    const p = await one<{ id: string }>(`select id from staff where street_code = 'dinghai' and role_kind = 'child_director' order by name limit 1`);
    const r = await street.post('/api/training/rewards', { staffId: p.id, title: '杨浦区优秀儿童主任', grantedOn: today, grantingUnitCode: 'civil-affairs' });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ grantingUnitName: '区民政局', year });
    expect((await street.get(`/api/training/people/${p.id}/archive`)).json().rewards).toHaveLength(1);
  });
});

describe('hostile input', () => {
  it('refuses each write with a Chinese message and writes nothing', async () => {
    const p = await one<{ id: string }>(`select id from staff where street_code = 'dinghai' and role_kind = 'child_director' order by name limit 1`);
    const s = (await street.post('/api/training/sessions', session({ topic: '被攻击的培训' }))).json().id;
    const count = async () =>
      (
        await one<{ n: number }>(
          `select (select count(*) from training_sessions) + (select count(*) from training_attendance) + (select count(*) from exam_records)
                + (select count(*) from staff_evaluations) + (select count(*) from staff_rewards) as n`,
        )
      ).n;
    const before = await count();
    const cases: [string, string, unknown][] = [
      ['POST', '/api/training/sessions', session({ topic: '=cmd|" /C calc"!A0' })],
      ['POST', '/api/training/sessions', session({ topic: '长'.repeat(200_000) })],
      ['POST', '/api/training/sessions', session({ topic: '培训\u0000' })],
      ['POST', '/api/training/sessions', session({ heldOn: '２０２６-０１-０１' })],
      ['POST', '/api/training/sessions', session({ heldOn: `${year}-02-30` })],
      ['POST', '/api/training/sessions', session({ hours: '6' })],
      ['POST', '/api/training/sessions', session({ hours: 1e9 })],
      ['POST', '/api/training/sessions', session({ kind: 'party' })],
      ['PUT', `/api/training/sessions/${s}/attendance`, { entries: [{ staffId: 'x', attended: true }] }],
      ['PUT', `/api/training/sessions/${s}/attendance`, { entries: [{ staffId: p.id, attended: 'yes' }] }],
      ['PUT', `/api/training/sessions/${s}/attendance`, { entries: [{ staffId: p.id, attended: true, hours: 99 }] }],
      ['PUT', `/api/training/sessions/${s}/attendance`, { entries: [] }],
      ['POST', '/api/training/exams', { staffId: p.id, year: '2026; drop table staff', level: 'assistant', registeredOn: today }],
      ['POST', '/api/training/exams', { staffId: p.id, year, level: 'master', registeredOn: today }],
      ['POST', '/api/training/evaluations', { staffId: p.id, year, grade: 'A+' }],
      ['POST', '/api/training/evaluations', { staffId: p.id, year, comment: 'x\u0000' }],
      ['POST', '/api/training/evaluations', { staffId: p.id, year: year + 1, grade: 'good' }],
      ['POST', '/api/training/rewards', { staffId: p.id, title: '=HYPERLINK("http://x")', grantedOn: today }],
      ['POST', '/api/training/rewards', { staffId: p.id, title: '奖', grantedOn: today, grantingUnitCode: 'no-such-unit' }],
    ];
    for (const [method, url, body] of cases) {
      const res = await street.request(method === 'POST' ? 'POST' : 'PUT', url, body);
      expect(res.statusCode, `${method} ${url} ${JSON.stringify(body).slice(0, 60)}`).toBe(400);
      expect(res.json().error.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect(await count()).toBe(before);
  });
});

describe('the 督办 indicators', () => {
  it('equal the figures computed by hand on a street of hand-made people, and are on the dashboard', async () => {
    await env.owner.query(`insert into streets (code, name, name_en, sort) values ('trtest', '培训测试街道', 'Test', 99)`);
    const add = async (name: string, role: string, appointed: string, left: string | null = null) =>
      (
        await one<{ id: string }>(
          `insert into staff (name, role_kind, street_code, unit_code, appointed_on, left_on) values ($1, $2, 'trtest', 'civil-affairs', $3, $4) returning id`,
          [name, role, appointed, left],
        )
      ).id;
    const jan = `${year}-01-01`;
    const d1 = await add('甲', 'child_director', '2020-01-01'); // annual this year: trained
    const d2 = await add('乙', 'child_director', jan); // new this year, induction: trained
    const d3 = await add('丙', 'child_director', '2020-01-01'); // induction only, not new: not trained
    const s1 = await add('丁', 'street_supervisor', '2020-01-01'); // annual last year only: not trained
    await add('戊', 'child_director', '2020-01-01', jan); // left on 1 January: not covered, but served last year
    await add('己', 'social_worker', '2020-01-01'); // not covered
    const sess = async (kind: string, on: string) =>
      (await one<{ id: string }>(`insert into training_sessions (topic, kind, held_on, hours) values ('测试', $1, $2, 2) returning id`, [kind, on])).id;
    const annual = await sess('annual', jan);
    const induction = await sess('induction', jan);
    const lastYear = await sess('annual', `${year - 1}-06-01`);
    for (const [s, p] of [
      [annual, d1],
      [induction, d2],
      [induction, d3],
      [lastYear, s1],
    ])
      await env.owner.query(`insert into training_attendance (session_id, staff_id) values ($1, $2)`, [s, p]);
    // last year's evaluations: d1 done, d3 a draft, d4 none (d2 did not serve last year)
    await env.owner.query(`insert into staff_evaluations (staff_id, year, grade, status, reviewed_at) values ($1, $2, 'good', 'done', now())`, [d1, year - 1]);
    await env.owner.query(`insert into staff_evaluations (staff_id, year, status) values ($1, $2, 'draft')`, [d3, year - 1]);
    // exams this year: d1 passed, d3 failed, s1 passed last year
    await env.owner.query(`insert into exam_records (staff_id, year, level, registered_on, result) values ($1, $2, 'assistant', $3, 'passed')`, [
      d1,
      year,
      jan,
    ]);
    await env.owner.query(`insert into exam_records (staff_id, year, level, registered_on, result) values ($1, $2, 'assistant', $3, 'failed')`, [
      d3,
      year,
      jan,
    ]);
    await env.owner.query(`insert into exam_records (staff_id, year, level, registered_on, result) values ($1, $2, 'assistant', $3, 'passed')`, [
      s1,
      year - 1,
      `${year - 1}-01-01`,
    ]);
    const figure = async (code: string) => {
      const spec = indicator(code);
      if (!spec) throw new Error(code);
      const { rows } = await env.owner.query(spec.sql, [today, ['trtest']]);
      const total = rows.find((r) => r.street_code === null);
      return [Number(total.num), total.den === null ? null : Number(total.den)];
    };
    expect(await figure('training.coverage')).toEqual([2, 4]);
    expect(await figure('training.evaluationsDone')).toEqual([1, 3]);
    expect(await figure('training.examsPassed')).toEqual([1, null]);

    const dash = (await district.get('/api/dashboard')).json();
    const codes = dash.indicators.map((i: { code: string }) => i.code);
    expect(codes).toEqual(expect.arrayContaining(['training.coverage', 'training.evaluationsDone', 'training.examsPassed']));
    const all = (await district.get('/api/indicators')).json().items;
    expect(all.find((i: { code: string }) => i.code === 'training.coverage')).toMatchObject({ tasks: [37, 39] });
  });
});
