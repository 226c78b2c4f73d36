/**
 * 寒暑假日历与假期安排: the example calendar at start and its editing (services.manage, version
 * check, overlaps refused), holiday plans under row-level security (a committee's director writes,
 * another street sees nothing), the bookings inside a holiday shown under its plan, the work list of
 * children without a plan, and the task-1 indicator on hand-made rows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLACEHOLDER_NOTE } from '#common/holidays.js';
import { shanghaiDate } from '#common/dates.js';
import { testEnv, type Agent, type TestEnv } from '../../../test/harness.js';
import { indicator } from '../supervision/indicators/registry.js';

let env: TestEnv;
let district: Agent;
let street: Agent;
let pingliang: Agent;
let director: Agent;
let police: Agent;
let today: string;
let year: number;
let child: string;

beforeAll(async () => {
  env = await testEnv();
  [district, street, pingliang, director, police] = await Promise.all([
    env.login('district'),
    env.login('street-dinghai'),
    env.login('street-pingliang'),
    env.login('director-dinghai'),
    env.login('police'),
  ]);
  today = shanghaiDate(env.clock.now);
  year = Number(today.slice(0, 4));
  child = (
    await env.owner.query<{ id: string }>(
      `select c.id from children c join committees m on m.id = c.committee_id where m.code = 'dinghai-01' and c.status = 'active' order by c.id limit 1`,
    )
  ).rows[0]!.id;
});
afterAll(async () => {
  await env?.close();
});

describe('the school holiday calendar', () => {
  it('ships example dates around today, flagged placeholder with the note; everyone with services.read reads them', async () => {
    const res = await street.get('/api/school-holidays');
    expect(res.statusCode, res.body).toBe(200);
    const cal = res.json();
    for (const y of [year - 1, year, year + 1]) {
      for (const season of ['winter', 'summer']) {
        expect(cal.items.find((h: { year: number; season: string }) => h.year === y && h.season === season)).toMatchObject({
          placeholder: true,
          note: PLACEHOLDER_NOTE,
        });
      }
    }
    expect(cal.current).not.toBeNull();
    expect(cal.canManage).toBe(false);
    expect((await district.get('/api/school-holidays')).json().canManage).toBe(true);
  });

  it('saves edited dates with services.manage, clearing the placeholder flag; a stale version is a 409; overlaps are refused', async () => {
    const h = (await district.get('/api/school-holidays'))
      .json()
      .items.find((x: { year: number; season: string }) => x.year === year + 1 && x.season === 'winter');
    const body = { startsOn: `${year + 1}-01-20`, endsOn: `${year + 1}-02-18`, note: '区教育局校历', version: h.version };
    expect((await street.put(`/api/school-holidays/${year + 1}/winter`, body)).statusCode).toBe(403);
    const ok = await district.put(`/api/school-holidays/${year + 1}/winter`, body);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ placeholder: false, startsOn: `${year + 1}-01-20`, version: h.version + 1, updatedByName: '王敏' });
    expect((await district.put(`/api/school-holidays/${year + 1}/winter`, body)).statusCode).toBe(409);
    const overlap = await district.put(`/api/school-holidays/${year + 1}/winter`, { ...body, endsOn: `${year + 1}-07-15`, version: h.version + 1 });
    expect(overlap.statusCode).toBe(400);
    expect(JSON.stringify(overlap.json())).toMatch(/日期重叠|最长 100 天/);
    // adding a year the calendar lacks (no version); adding it twice: 409
    const add = await district.put(`/api/school-holidays/2040/summer`, { startsOn: '2040-07-01', endsOn: '2040-08-31' });
    expect(add.statusCode, add.body).toBe(200);
    expect((await district.put(`/api/school-holidays/2040/summer`, { startsOn: '2040-07-01', endsOn: '2040-08-31' })).statusCode).toBe(409);
    const audit = await env.owner.query(`select action from audit_log where entity = 'school_holiday' order by id`);
    expect(audit.rows.map((r) => r.action)).toEqual(['holidays.calendar.update', 'holidays.calendar.create']);
  });
});

describe('holiday plans', () => {
  let holiday: { year: number; season: string; startsOn: string; endsOn: string };

  it('shows the current or next holiday first, without a plan yet; a director writes it; the bookings inside the holiday show under it', async () => {
    const res = await director.get(`/api/children/${child}/holiday-plans`);
    expect(res.statusCode, res.body).toBe(200);
    const first = res.json().items[0];
    expect(first).toMatchObject({ plan: null, id: null });
    holiday = first;
    expect(res.json().canWrite).toBe(true);
    // a booking of the child in a session inside the holiday (a group programme's row)
    const prog = (
      await env.owner.query<{ id: string }>(
        `insert into programmes (code, name, kind, owner_unit_code) values ('test-camp', '测试托班', 'holiday_care', 'youth-league') returning id`,
      )
    ).rows[0]!.id;
    const sess = (
      await env.owner.query<{ id: string }>(
        `insert into programme_sessions (programme_id, title, starts_on, ends_on, capacity) values ($1, '第一期', $2, $3, 20) returning id`,
        [prog, holiday.startsOn, holiday.startsOn],
      )
    ).rows[0]!.id;
    await env.owner.query(
      `insert into bookings (session_id, programme_id, participant_kind, child_id, display_label, priority_code, priority_rank, status)
       values ($1, $2, 'child', $3, '测*', 'other', 3, 'confirmed')`,
      [sess, prog, child],
    );
    const w = await director.put(`/api/children/${child}/holiday-plans/${holiday.year}/${holiday.season}`, { plan: '参加街道爱心托班，每周一次家访' });
    expect(w.statusCode, w.body).toBe(200);
    expect(w.json()).toMatchObject({ plan: '参加街道爱心托班，每周一次家访', version: 1 });
    expect(w.json().bookings).toEqual([expect.objectContaining({ programmeName: '测试托班', sessionTitle: '第一期', status: 'confirmed' })]);
  });

  it('edits at the version seen; a stale version or a second first plan is a 409; nothing else is written', async () => {
    const url = `/api/children/${child}/holiday-plans/${holiday.year}/${holiday.season}`;
    expect((await street.put(url, { plan: '另一份' })).statusCode).toBe(409);
    const ok = await street.put(url, { plan: '托班 + 社区读书会', version: 1 });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().version).toBe(2);
    expect((await director.put(url, { plan: '旧版本', version: 1 })).statusCode).toBe(409);
    expect((await env.owner.query(`select plan from holiday_plans where child_id = $1`, [child])).rows).toEqual([{ plan: '托班 + 社区读书会' }]);
    // a holiday the calendar lacks
    const none = await street.put(`/api/children/${child}/holiday-plans/2099/summer`, { plan: '暑假' });
    expect(none.statusCode).toBe(400);
    expect(none.json().error.fields[0].message).toMatch(/校历中没有2099年暑假/);
  });

  it('keeps plans within the child’s area: another street and a department see and write nothing', async () => {
    for (const a of [pingliang, police]) {
      expect((await a.get(`/api/children/${child}/holiday-plans`)).statusCode).toBe(404);
    }
    expect((await pingliang.put(`/api/children/${child}/holiday-plans/${holiday.year}/${holiday.season}`, { plan: 'x', version: 2 })).statusCode).toBe(404);
    expect((await police.put(`/api/children/${child}/holiday-plans/${holiday.year}/${holiday.season}`, { plan: 'x', version: 2 })).statusCode).toBe(403);
    // row-level security on the table itself: the app role of another street reads no row
    const res = await pingliang.get('/api/holiday-plans/missing?pageSize=100');
    expect(res.statusCode).toBe(200);
    expect(res.json().items.every((i: { streetName: string }) => i.streetName === '平凉路街道')).toBe(true);
  });

  it('lists the children without a plan for the holiday; the one planned is not among them', async () => {
    const res = await director.get('/api/holiday-plans/missing?pageSize=100');
    expect(res.statusCode, res.body).toBe(200);
    const m = res.json();
    expect(m.holiday).toMatchObject({ year: holiday.year, season: holiday.season });
    const inCommittee = (
      await env.owner.query<{ n: number }>(
        `select count(*)::int as n from children c join committees m on m.id = c.committee_id where m.code = 'dinghai-01' and c.status = 'active'`,
      )
    ).rows[0]!.n;
    expect(m.total).toBe(inCommittee - 1);
    expect(m.items.map((i: { childId: string }) => i.childId)).not.toContain(child);
    expect((await env.login('district')).get('/api/holiday-plans/missing')).toBeTruthy();
    expect((await police.get('/api/holiday-plans/missing')).statusCode).toBe(403);
  });
});

describe('the task-1 indicator', () => {
  it('equals the share computed by hand on a street of hand-made children, and is on the dashboard of task 1', async () => {
    // a street without demo children: three children, one with a plan for the current/next holiday, one with a plan for another
    const street_ = 'holtest';
    await env.owner.query(`insert into streets (code, name, name_en, sort) values ($1, '测试街道', 'Test', 99)`, [street_]);
    const cm = (
      await env.owner.query<{ id: string }>(`insert into committees (code, street_code, name) values ('hol-test', $1, '测试居委') returning id`, [street_])
    ).rows[0]!.id;
    const ids: string[] = [];
    for (const n of ['甲', '乙', '丙']) {
      ids.push(
        (
          await env.owner.query<{ id: string }>(
            `insert into children (street_code, committee_id, name, sex, birth_date, registered_on) values ($1, $2, $3, 'M', '2018-01-01', '2020-01-01') returning id`,
            [street_, cm, `测试${n}`],
          )
        ).rows[0]!.id,
      );
    }
    const h = (await district.get('/api/school-holidays')).json().current;
    await env.owner.query(`insert into holiday_plans (child_id, street_code, committee_id, year, season, plan) values ($1, '', $2, $3, $4, '计划')`, [
      ids[0],
      cm,
      h.year,
      h.season,
    ]);
    await env.owner.query(
      `insert into holiday_plans (child_id, street_code, committee_id, year, season, plan) values ($1, '', $2, 2030, 'summer', '很久以后')`,
      [ids[1], cm],
    );
    const spec = indicator('holidays.planCoverage')!;
    const { rows } = await env.owner.query(spec.sql, [today, [street_]]);
    const total = rows.find((r) => r.street_code === null);
    expect([Number(total.num), Number(total.den)]).toEqual([1, 3]);
    // 团区委 carries task 1: the figure is on its dashboard
    const dash = (await (await env.login('youth')).get('/api/dashboard')).json();
    expect(dash.indicators.map((i: { code: string }) => i.code)).toContain('holidays.planCoverage');
    expect((await district.get('/api/indicators')).json().items.find((i: { code: string }) => i.code === 'holidays.planCoverage')).toMatchObject({
      tasks: [1],
    });
  });
});
