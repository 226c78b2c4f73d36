/**
 * 慈善帮扶: the register (organisations.manage), the matching list over the caller's area (matched,
 * undetermined, the aided left out), aid records with their rules (future, period, amount per
 * child, the child's match, capacity under concurrency), cancelling with a reason, the child's
 * section, the task-20 indicators against hand-computed figures, and hostile input.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, shanghaiDate } from '#common/dates.js';
import { testEnv, type Agent, type TestEnv } from '../../../test/harness.js';
import { indicator } from '../supervision/indicators/registry.js';
import './indicators.js';

let env: TestEnv;
let district: Agent;
let street: Agent;
let pingliang: Agent;
let today: string;
let yearStart: string;

const project = (over: Record<string, unknown> = {}) => ({
  name: '残疾儿童助学金',
  funder: '上海暖杨慈善基金会',
  aidKind: 'money',
  amountPerChild: 800,
  budget: 100000,
  capacity: 100,
  startsOn: yearStart,
  endsOn: null,
  active: true,
  rules: { categories: ['disabled'], maxAge: 17 },
  ...over,
});

beforeAll(async () => {
  env = await testEnv();
  today = shanghaiDate(env.clock.now);
  yearStart = `${today.slice(0, 4)}-01-01`;
  [district, street, pingliang] = await Promise.all([env.login('district'), env.login('street-dinghai'), env.login('street-pingliang')]);
});
afterAll(async () => {
  await env?.close();
});

/** Children of a street with a current category (hand-computed from the tables). */
const withCategory = async (streetCode: string, category: string) =>
  (
    await env.owner.query(
      `select c.id from children c where c.street_code = $1 and c.status = 'active'
          and exists (select 1 from child_categories k where k.child_id = c.id and k.category = $2 and k.since <= $3 and (k.until is null or k.until >= $3))
        order by c.id`,
      [streetCode, category, today],
    )
  ).rows.map((r) => r.id as string);

describe('charity projects and aid', () => {
  let p: { id: string; version: number };
  let disabledKids: string[];

  it('the district registers a project; a street may not', async () => {
    const res = await district.post('/api/charity/projects', project());
    expect(res.statusCode, res.body).toBe(201);
    p = res.json();
    expect(res.json()).toMatchObject({ name: '残疾儿童助学金', rulesText: ['儿童类别（任一）：残疾儿童', '年龄：0–17 周岁'], childrenAided: 0 });
    expect((await street.post('/api/charity/projects', project())).statusCode).toBe(403);
    const list = (await street.get('/api/charity/projects')).json();
    expect(list.items.map((i: { id: string }) => i.id)).toContain(p.id);
  });

  it('lists the matching children of the caller’s area: matched by the file, undetermined when a fact is missing', async () => {
    disabledKids = await withCategory('dinghai', 'disabled');
    expect(disabledKids.length).toBeGreaterThan(2);
    const res = await street.get(`/api/charity/projects/${p.id}/matches`);
    expect(res.statusCode, res.body).toBe(200);
    const m = res.json();
    const under18 = (
      await env.owner.query(`select id from children where id = any ($1::uuid[]) and birth_date > ($2::date - interval '18 years')::date order by id`, [
        disabledKids,
        today,
      ])
    ).rows.map((r) => r.id);
    expect(m.matched.map((c: { childId: string }) => c.childId).sort()).toEqual(under18);
    expect(m.matched.every((c: { streetName: string }) => c.streetName === '定海路街道')).toBe(true);
    expect(m.undetermined).toEqual([]); // categories and birth dates are always recorded
    // a need the files may not record: in school
    const q = await district.post('/api/charity/projects', project({ name: '在校助学', rules: { needs: ['in_school'], streets: ['dinghai'] }, capacity: 1 }));
    expect(q.statusCode, q.body).toBe(201);
    // 学前 is neither in school nor out of it: undetermined as well
    const unknownSchool = Number(
      (
        await env.owner.query(
          `select count(*)::int as n from children where street_code = 'dinghai' and status = 'active' and (school_stage is null or school_stage = '学前')`,
        )
      ).rows[0].n,
    );
    const m2 = (await street.get(`/api/charity/projects/${q.json().id}/matches`)).json();
    expect(m2.undetermined).toHaveLength(unknownSchool);
    if (unknownSchool) expect(m2.undetermined[0].reasons).toContain('档案未记录「在校就读」情况，需核实');
    // another street's caller: the street rule leaves them nothing
    const m3 = (await pingliang.get(`/api/charity/projects/${q.json().id}/matches`)).json();
    expect(m3.matched).toEqual([]);
    expect(m3.undetermined).toEqual([]);
  });

  it('records aid with its rules; the child leaves the matching list and the file shows it', async () => {
    const child = disabledKids[0];
    const aid = (over: Record<string, unknown> = {}) => ({
      projectId: p.id,
      childId: child,
      givenOn: today,
      kind: 'money',
      amount: 800,
      description: '秋季助学金',
      ...over,
    });
    const future = await street.post('/api/charity/aid', aid({ givenOn: addDays(today, 1) }));
    expect(future.statusCode).toBe(400);
    expect(future.json().error.fields[0]).toMatchObject({ path: 'givenOn', message: '帮扶日期不能晚于今天' });
    const over = await street.post('/api/charity/aid', aid({ amount: 800.5 }));
    expect(over.statusCode).toBe(400);
    expect(over.json().error.fields[0].path).toBe('amount');
    const before = await street.post('/api/charity/aid', aid({ givenOn: addDays(yearStart, -1) }));
    expect(before.statusCode).toBe(400);
    const notDisabled = (
      await env.owner.query(
        `select id from children c where street_code = 'dinghai' and status = 'active' and not exists (select 1 from child_categories k where k.child_id = c.id and k.category = 'disabled') limit 1`,
      )
    ).rows[0].id;
    const nm = await street.post('/api/charity/aid', aid({ childId: notDisabled }));
    expect(nm.statusCode).toBe(400);
    expect(nm.body).toMatch(/不符合项目条件/);
    expect((await pingliang.post('/api/charity/aid', aid())).statusCode).toBe(404);
    expect((await env.owner.query(`select count(*)::int as n from charity_aid`)).rows[0].n).toBe(0);

    const ok = await street.post('/api/charity/aid', aid());
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ status: 'given', amount: 800, projectName: '残疾儿童助学金', recordedBy: expect.any(String) });
    const m = (await street.get(`/api/charity/projects/${p.id}/matches`)).json();
    expect(m.matched.map((c: { childId: string }) => c.childId)).not.toContain(child);
    expect(m.alreadyAided).toBe(1);
    const file = (await street.get(`/api/children/${child}/charity`)).json();
    expect(file.aid).toHaveLength(1);
    expect(file.projects.find((x: { projectId: string }) => x.projectId === p.id)).toMatchObject({ result: 'matched', aided: true });
    expect((await pingliang.get(`/api/children/${child}/charity`)).statusCode).toBe(404);
    // the project's totals are the district's
    expect((await pingliang.get(`/api/charity/projects/${p.id}`)).json()).toMatchObject({ childrenAided: 1, amountGiven: 800 });

    // cancel: a reason is required; the row stays; twice is a conflict
    const a = ok.json();
    expect((await street.post(`/api/charity/aid/${a.id}/cancel`, { reason: '', version: a.version })).statusCode).toBe(400);
    expect((await street.post(`/api/charity/aid/${a.id}/cancel`, { reason: '重复登记', version: a.version + 1 })).statusCode).toBe(409);
    const c = await street.post(`/api/charity/aid/${a.id}/cancel`, { reason: '重复登记', version: a.version });
    expect(c.statusCode, c.body).toBe(200);
    expect(c.json()).toMatchObject({ status: 'cancelled', cancelReason: '重复登记' });
    expect((await street.post(`/api/charity/aid/${a.id}/cancel`, { reason: '重复登记', version: c.json().version })).statusCode).toBe(409);
    expect((await pingliang.post(`/api/charity/aid/${a.id}/cancel`, { reason: 'x', version: c.json().version })).statusCode).toBe(404);
    const audit = (await env.owner.query(`select action from audit_log where action like 'charity.aid.%' order by id`)).rows.map((r) => r.action);
    expect(audit).toEqual(['charity.aid.record', 'charity.aid.cancel']);
    // given again after the cancellation
    expect((await street.post('/api/charity/aid', aid())).statusCode).toBe(201);
  });

  it('capacity holds when two recorders race for the last place', async () => {
    const small = (await district.post('/api/charity/projects', project({ name: '名额一名', capacity: 1 }))).json();
    const [x, y] = await Promise.all([
      street.post('/api/charity/aid', { projectId: small.id, childId: disabledKids[1], givenOn: today, kind: 'goods', amount: null }),
      street.post('/api/charity/aid', { projectId: small.id, childId: disabledKids[2], givenOn: today, kind: 'goods', amount: null }),
    ]);
    expect([x.statusCode, y.statusCode].sort()).toEqual([201, 409]);
    expect([x, y].find((r) => r.statusCode === 409)?.body).toMatch(/名额/);
    expect((await env.owner.query(`select count(*)::int as n from charity_aid where project_id = $1`, [small.id])).rows[0].n).toBe(1);
  });

  it('a stale project version is a conflict', async () => {
    const cur = (await district.get(`/api/charity/projects/${p.id}`)).json();
    const body = { ...project(), active: true, version: cur.version };
    expect((await district.put(`/api/charity/projects/${p.id}`, body)).statusCode).toBe(200);
    expect((await district.put(`/api/charity/projects/${p.id}`, body)).statusCode).toBe(409);
  });

  it('the task-20 indicators equal hand-computed figures and show on the dashboard', async () => {
    const figure = async (code: string) => {
      const spec = indicator(code);
      if (!spec) throw new Error(code);
      const { rows } = await env.owner.query(spec.sql, [today, ['dinghai', 'pingliang']]);
      const total = rows.find((r) => r.street_code === null);
      return Number(total?.num ?? 0);
    };
    // given so far: one 800 (another was cancelled) and one goods without amount, both dinghai, this year
    expect(await figure('charity.childrenAided')).toBe(2);
    expect(await figure('charity.aidAmount')).toBe(800);
    // active: 残疾儿童助学金, 在校助学 (dinghai only), 名额一名
    expect(await figure('charity.activeProjects')).toBe(3);
    const spec = indicator('charity.activeProjects');
    const rows = (await env.owner.query(spec?.sql ?? '', [today, ['dinghai', 'pingliang']])).rows;
    expect(Number(rows.find((r) => r.street_code === 'pingliang').num)).toBe(2);
    // last year's aid does not count
    await env.owner.query(`update charity_aid set given_on = $1 where status = 'given' and amount is null`, [addDays(yearStart, -1)]);
    expect(await figure('charity.childrenAided')).toBe(1);
    const dash = (await district.get('/api/indicators')).json();
    const byCode = new Map(dash.items.map((i: { code: string; tasks: number[] }) => [i.code, i.tasks]));
    for (const code of ['charity.childrenAided', 'charity.aidAmount', 'charity.activeProjects']) expect(byCode.get(code)).toEqual([20]);
    // on the supervision dashboard of the district, with the figures above (the whole district: only dinghai has aid)
    const board = (await district.get('/api/dashboard')).json();
    const onBoard = new Map(board.indicators.map((i: { code: string; value: number | null; tasks: number[] }) => [i.code, i]));
    expect(onBoard.get('charity.childrenAided')).toMatchObject({ value: 1, tasks: [20] });
    expect(onBoard.get('charity.aidAmount')).toMatchObject({ value: 800, tasks: [20] });
    expect(onBoard.get('charity.activeProjects')).toMatchObject({ value: 3, tasks: [20] });
  });

  it('refuses hostile input with Chinese text and writes nothing', async () => {
    const count = async () => (await env.owner.query(`select (select count(*) from charity_projects) + (select count(*) from charity_aid) as n`)).rows[0].n;
    const before = await count();
    const cases: [string, Record<string, unknown>][] = [
      ['/api/charity/projects', project({ name: '项\u0000目' })],
      ['/api/charity/projects', project({ name: '长'.repeat(1_000_000) })],
      ['/api/charity/projects', project({ name: "=cmd|' /C calc'!A0" })],
      ['/api/charity/projects', project({ funder: '@SUM(1+1)' })],
      ['/api/charity/projects', project({ amountPerChild: '800' })],
      ['/api/charity/projects', project({ amountPerChild: -1 })],
      ['/api/charity/projects', project({ startsOn: '2026-02-30' })],
      ['/api/charity/projects', project({ endsOn: '2000-01-01' })],
      ['/api/charity/projects', project({ rules: { minAge: 12, maxAge: 6 } })],
      ['/api/charity/projects', project({ rules: { categories: ['rich'] } })],
      ['/api/charity/projects', project({ rules: { streets: ['atlantis'] } })],
      ['/api/charity/projects', project({ rules: 'everyone' })],
      ['/api/charity/aid', { projectId: p.id, childId: disabledKids[3], givenOn: today, kind: 'money', amount: 1, description: '=HYPERLINK("x")' }],
      ['/api/charity/aid', { projectId: p.id, childId: disabledKids[3], givenOn: today, kind: 'cash', amount: 1 }],
      ['/api/charity/aid', { projectId: p.id, childId: 'x', givenOn: today, kind: 'money', amount: 1 }],
      ['/api/charity/aid', { projectId: p.id, childId: disabledKids[3], givenOn: '２０２６-０１-０１', kind: 'money', amount: 1 }],
      ['/api/charity/aid', { projectId: p.id, childId: disabledKids[3], givenOn: today, kind: 'money', amount: 1, description: '\u0000' }],
    ];
    for (const [url, body] of cases) {
      const res = await (url.endsWith('projects') ? district : street).post(url, body);
      expect([400, 413], `${url} ${res.body.slice(0, 200)}`).toContain(res.statusCode);
      expect(res.body).toMatch(/[\u4e00-\u9fff]/);
      expect(res.body).not.toMatch(/at .*\.ts:\d+|stack/i);
    }
    const aidId = (await env.owner.query(`select id from charity_aid where status = 'given' limit 1`)).rows[0].id;
    for (const body of [
      { reason: '原\u0000因', version: 1 },
      { reason: '=cmd', version: 1 },
      { reason: '原因', version: '1' },
    ]) {
      const res = await street.post(`/api/charity/aid/${aidId}/cancel`, body);
      expect(res.statusCode).toBe(400);
      expect(res.body).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(await count()).toBe(before);
    expect((await env.owner.query(`select status from charity_aid where id = $1`, [aidId])).rows[0].status).toBe('given');
  });
});
