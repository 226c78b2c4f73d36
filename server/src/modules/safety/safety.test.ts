/**
 * 安全防护 against real PostgreSQL: the register (safety.manage), the default checklists and their
 * versions, inspections within the unit's remit (and every refusal writing nothing), a hazard's
 * lifecycle with the two-person confirmation (the API refusal and the database check), overdue by
 * unit, notifications, and the indicators equal to hand-computed figures on hand-made rows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, shanghaiDate } from '#common/dates.js';
import { testEnv, type Agent, type TestEnv } from '../../../test/harness.js';
import { addUser } from '../../../test/users.js';
import { indicator } from '../supervision/indicators/registry.js';

let env: TestEnv;
let district: Agent;
let water: Agent;
let streetD: Agent;
let streetP: Agent;
let edu: Agent;
let police: Agent;
let leader: Agent;
let today: string;
const site: Record<string, { id: string; version: number }> = {};

const counts = async () =>
  (await env.owner.query<{ i: number; h: number }>(`select (select count(*) from inspections)::int as i, (select count(*) from hazards)::int as h`)).rows[0];

const riverResults = (issue?: { code: string; deadline: string; responsibleUnitCode?: string }) =>
  ['barriers', 'signs', 'rescue', 'publicity', 'patrol'].map((code) =>
    issue?.code === code
      ? {
          code,
          result: 'issue',
          note: '缺失',
          hazard: { description: '警示标牌缺失', severity: 'general', deadline: issue.deadline, responsibleUnitCode: issue.responsibleUnitCode },
        }
      : { code, result: 'ok' },
  );

beforeAll(async () => {
  env = await testEnv();
  [district, water, streetD, streetP, edu, police, leader] = await Promise.all([
    env.login('district'),
    env.login('water'),
    env.login('street-dinghai'),
    env.login('street-pingliang'),
    env.login('edu'),
    env.login('police'),
    env.login('leader'),
  ]);
  today = shanghaiDate(env.clock.now);
  const mk = async (key: string, body: Record<string, unknown>) => {
    const res = await district.post('/api/safety/sites', body);
    expect(res.statusCode, res.body).toBe(201);
    site[key] = { id: res.json().id, version: res.json().version };
  };
  await mk('river', { name: '测试河段', kind: 'river_section', streetCode: 'dinghai', responsibleUnitCode: 'street-dinghai', inspectingUnits: ['water'] });
  await mk('school', { name: '测试小学', kind: 'school', streetCode: 'pingliang', responsibleUnitCode: 'education', inspectingUnits: ['police'] });
  await mk('inst', { name: '测试救助站', kind: 'protection_institution', streetCode: 'changbai', responsibleUnitCode: 'civil-affairs' });
});
afterAll(async () => {
  await env?.close();
});

describe('the register and checklists', () => {
  it('lists sites with filters and pagination; only safety.manage writes; deactivation keeps the record', async () => {
    const all = (await leader.get('/api/safety/sites?pageSize=2')).json();
    expect(all.total).toBe(3);
    expect(all.items).toHaveLength(2);
    expect((await leader.get('/api/safety/sites?kind=school')).json().items.map((s: { name: string }) => s.name)).toEqual(['测试小学']);
    expect((await leader.get('/api/safety/sites?street=dinghai')).json().total).toBe(1);
    expect((await leader.get('/api/safety/sites?responsibleUnit=education')).json().total).toBe(1);
    // water may inspect only the river section (an inspecting unit); a street office its own street
    expect((await water.get('/api/safety/sites?mine=true')).json().items.map((s: { name: string }) => s.name)).toEqual(['测试河段']);
    expect((await streetP.get('/api/safety/sites?mine=true')).json().items.map((s: { name: string }) => s.name)).toEqual(['测试小学']);
    expect((await leader.post('/api/safety/sites', { name: 'x', kind: 'school', streetCode: 'dinghai', responsibleUnitCode: 'education' })).statusCode).toBe(
      403,
    );
    expect((await edu.post('/api/safety/sites', { name: 'x', kind: 'school', streetCode: 'dinghai', responsibleUnitCode: 'education' })).statusCode).toBe(403);
    const bad = await district.post('/api/safety/sites', {
      name: '坏场所',
      kind: 'school',
      streetCode: 'nowhere',
      responsibleUnitCode: 'nobody',
      inspectingUnits: ['ghost'],
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .error.fields.map((f: { path: string }) => f.path)
        .sort(),
    ).toEqual(['inspectingUnits', 'responsibleUnitCode', 'streetCode']);
    // a temporary site, deactivated: gone from the default list, kept with includeInactive, stale version refused
    const tmp = (
      await district.post('/api/safety/sites', { name: '临时场所', kind: 'other', streetCode: 'yanji', responsibleUnitCode: 'street-yanji' })
    ).json();
    expect((await district.post(`/api/safety/sites/${tmp.id}/deactivate`, { version: tmp.version + 5 })).statusCode).toBe(409);
    const off = await district.post(`/api/safety/sites/${tmp.id}/deactivate`, { version: tmp.version });
    expect(off.json()).toMatchObject({ active: false });
    expect((await leader.get('/api/safety/sites')).json().total).toBe(3);
    expect((await leader.get('/api/safety/sites?includeInactive=true')).json().total).toBe(4);
  });

  it('has the default checklists, and a new version leaves past inspections on theirs', async () => {
    const lists = (await leader.get('/api/safety/checklists')).json().items;
    expect(lists.map((c: { code: string }) => c.code).sort()).toEqual(['disaster', 'fire', 'food', 'river-patrol', 'school-bus']);
    expect((await leader.get('/api/safety/checklists?siteKind=river_section')).json().items.map((c: { code: string }) => c.code)).toEqual(['river-patrol']);
    const first = await police.post('/api/safety/inspections', {
      siteId: site.school!.id,
      inspectedOn: today,
      checklistCode: 'school-bus',
      results: ['licence', 'driver', 'escort', 'capacity', 'na-route'].map((code) => ({ code, result: code === 'na-route' ? 'na' : 'ok' })),
    });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json().checklistVersion).toBe(1);
    const sb = lists.find((c: { code: string }) => c.code === 'school-bus');
    const v2 = await district.post('/api/safety/checklists/school-bus/versions', {
      name: sb.name,
      siteKinds: sb.siteKinds,
      items: [...sb.items, { code: 'gps', text: '校车卫星定位装置在线', topic: 'school_bus' }],
      active: true,
      version: 1,
    });
    expect(v2.statusCode, v2.body).toBe(201);
    expect(v2.json()).toMatchObject({ version: 2, latest: true });
    // saving from version 1 again is stale
    expect((await district.post('/api/safety/checklists/school-bus/versions', { ...sb, active: true, version: 1 })).statusCode).toBe(409);
    expect((await edu.post('/api/safety/checklists/school-bus/versions', { ...sb, active: true, version: 2 })).statusCode).toBe(403);
    expect((await leader.get('/api/safety/checklists/school-bus/versions')).json().items.map((c: { version: number }) => c.version)).toEqual([2, 1]);
    const old = (await leader.get(`/api/safety/inspections/${first.json().id}`)).json();
    expect(old.checklistVersion).toBe(1);
    expect(old.results.map((r: { code: string }) => r.code)).not.toContain('gps');
    // the next inspection uses version 2 and must answer its new item
    const missing = await police.post('/api/safety/inspections', {
      siteId: site.school!.id,
      inspectedOn: today,
      checklistCode: 'school-bus',
      results: ['licence', 'driver', 'escort', 'capacity', 'na-route'].map((code) => ({ code, result: 'ok' })),
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('校车卫星定位装置在线');
    // a new checklist: a duplicate code, duplicate items refused
    expect(
      (await district.post('/api/safety/checklists', { code: 'fire', name: '重复', siteKinds: ['school'], items: [{ code: 'a', text: 'a', topic: 'fire' }] }))
        .statusCode,
    ).toBe(400);
    const dup = await district.post('/api/safety/checklists', {
      code: 'playground',
      name: '游乐设施',
      siteKinds: ['kindergarten'],
      items: [
        { code: 'a', text: '滑梯', topic: 'other' },
        { code: 'a', text: '秋千', topic: 'other' },
      ],
    });
    expect(dup.statusCode).toBe(400);
    expect(dup.body).toContain('重复');
  });
});

describe('inspections', () => {
  it('refuses, in Chinese and writing nothing: outside the remit, a future date, a checklist not for the site, a missing or unknown item, an issue without a hazard, a past deadline', async () => {
    const before = await counts();
    const base = { siteId: site.river!.id, inspectedOn: today, checklistCode: 'river-patrol', results: riverResults() };
    const cases: [Agent, Record<string, unknown>, number, RegExp][] = [
      [edu, base, 403, /检查职责范围/],
      [streetP, base, 403, /检查职责范围/],
      [leader, base, 403, /权限/],
      [water, { ...base, inspectedOn: addDays(today, 1) }, 400, /检查日期不能晚于今天/],
      [water, { ...base, checklistCode: 'fire' }, 400, /不适用于河道/],
      [water, { ...base, results: riverResults().slice(1) }, 400, /尚未填写结果/],
      [water, { ...base, results: [...riverResults(), { code: 'ghost', result: 'ok' }] }, 400, /没有检查项「ghost」/],
      [water, { ...base, results: riverResults().map((r) => (r.code === 'signs' ? { code: 'signs', result: 'issue' } : r)) }, 400, /请登记隐患/],
      [water, { ...base, results: riverResults({ code: 'signs', deadline: addDays(today, -1) }) }, 400, /整改期限不能早于今天/],
      [water, { ...base, results: riverResults({ code: 'signs', deadline: addDays(today, 5), responsibleUnitCode: 'ghost-unit' }) }, 400, /未知的整改责任单位/],
      [water, { ...base, results: riverResults().map((r) => ({ ...r, result: 'maybe' })) }, 400, /符合/],
    ];
    for (const [agent, body, status, message] of cases) {
      const res = await agent.post('/api/safety/inspections', body);
      expect(res.statusCode, res.body).toBe(status);
      expect(res.json().error.message + JSON.stringify(res.json().error.fields ?? [])).toMatch(message);
    }
    expect(await counts()).toEqual(before);
  });

  it('accepts an inspection from each kind of remit: street office, listed unit, responsible unit, district', async () => {
    const ok = (res: { statusCode: number; body: string }) => expect(res.statusCode, res.body).toBe(201);
    ok(await streetD.post('/api/safety/inspections', { siteId: site.river!.id, inspectedOn: today, checklistCode: 'river-patrol', results: riverResults() }));
    ok(
      await water.post('/api/safety/inspections', {
        siteId: site.river!.id,
        inspectedOn: addDays(today, -3),
        checklistCode: 'river-patrol',
        results: riverResults(),
      }),
    );
    const disaster = (code: string) => ({ code, result: 'ok' });
    const body = (id: string) => ({
      siteId: id,
      inspectedOn: today,
      checklistCode: 'disaster',
      results: ['plan', 'buildings', 'drainage', 'supplies'].map(disaster),
    });
    ok(await edu.post('/api/safety/inspections', body(site.school!.id)));
    ok(await district.post('/api/safety/inspections', body(site.inst!.id)));
    const list = (await leader.get(`/api/safety/inspections?siteId=${site.river!.id}`)).json();
    expect(list.total).toBe(2);
    expect((await water.get('/api/safety/inspections?mine=true')).json().total).toBe(1);
  });
});

describe('a hazard from finding to confirmation', () => {
  it('assigns it to the responsible unit, lets it report the fix, and the inspecting unit confirm or send back', async () => {
    const res = await water.post('/api/safety/inspections', {
      siteId: site.river!.id,
      inspectedOn: today,
      checklistCode: 'river-patrol',
      results: riverResults({ code: 'signs', deadline: addDays(today, 10) }),
      findings: '警示标牌缺失',
    });
    expect(res.statusCode, res.body).toBe(201);
    const h = res.json().hazards[0];
    expect(h).toMatchObject({
      status: 'open',
      responsibleUnitCode: 'street-dinghai',
      inspectingUnitCode: 'water',
      itemText: expect.stringContaining('警示标牌'),
      overdue: false,
    });
    // told: street-dinghai's users holding safety.rectify (not the child director)
    const told = (
      await env.owner.query(
        `select u.username from notifications n join users u on u.id = n.user_id where n.entity = 'hazard' and n.entity_id = $1 order by u.username`,
        [h.id],
      )
    ).rows.map((r) => r.username);
    expect(told).toEqual(['street-dinghai']);
    // lists: to fix for street-dinghai, not to confirm yet for water
    expect((await streetD.get('/api/safety/hazards?box=fix')).json().items.map((x: { id: string }) => x.id)).toContain(h.id);
    expect((await water.get('/api/safety/hazards?box=confirm')).json().total).toBe(0);
    // only the responsible unit reports; water may not confirm an open hazard
    expect((await streetP.post(`/api/safety/hazards/${h.id}/fix`, { note: '已整改', version: h.version })).statusCode).toBe(403);
    expect((await water.post(`/api/safety/hazards/${h.id}/confirm`, { version: h.version })).statusCode).toBe(409);
    expect((await streetD.post(`/api/safety/hazards/${h.id}/fix`, { note: '已整改', version: h.version + 1 })).statusCode).toBe(409);
    const fixed = await streetD.post(`/api/safety/hazards/${h.id}/fix`, { note: '已补设警示标牌两块', version: h.version });
    expect(fixed.statusCode, fixed.body).toBe(200);
    expect(fixed.json()).toMatchObject({ status: 'fix_reported', fixReportedByName: '李娟' });
    expect(
      (
        await env.owner.query(
          `select count(*)::int as n from notifications n join users u on u.id = n.user_id where u.username = 'water' and n.entity_id = $1`,
          [h.id],
        )
      ).rows[0].n,
    ).toBe(1);
    // the responsible unit cannot confirm its own fix; water sends it back, then confirms the next report
    expect((await streetD.post(`/api/safety/hazards/${h.id}/confirm`, { version: fixed.json().version })).statusCode).toBe(403);
    expect((await water.post(`/api/safety/hazards/${h.id}/send-back`, { reason: '  ', version: fixed.json().version })).statusCode).toBe(400);
    const back = await water.post(`/api/safety/hazards/${h.id}/send-back`, { reason: '标牌位置不醒目', version: fixed.json().version });
    expect(back.json()).toMatchObject({ status: 'open', sentBackReason: '标牌位置不醒目', fixReportedByName: null });
    const again = (await streetD.post(`/api/safety/hazards/${h.id}/fix`, { note: '已移至入口处', version: back.json().version })).json();
    expect((await water.get('/api/safety/hazards?box=confirm')).json().items.map((x: { id: string }) => x.id)).toEqual([h.id]);
    const done = await water.post(`/api/safety/hazards/${h.id}/confirm`, { version: again.version });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: 'confirmed', confirmedByName: '蒋海峰' });
    expect((await water.post(`/api/safety/hazards/${h.id}/confirm`, { version: done.json().version })).statusCode).toBe(409);
    const audit = (await env.owner.query(`select action from audit_log where entity_id = $1 order by id`, [h.id])).rows.map((r) => r.action);
    expect(audit).toEqual(['safety.hazard.fix', 'safety.hazard.sendBack', 'safety.hazard.fix', 'safety.hazard.confirm']);
  });

  it('refuses the person who reported the fix as its confirmer, and so does the database', async () => {
    // 区民政局 inspects the institution it answers for: the same unit reports and confirms — two people
    const res = await district.post('/api/safety/inspections', {
      siteId: site.inst!.id,
      inspectedOn: today,
      checklistCode: 'fire',
      results: ['exits', 'extinguishers', 'alarms', 'wiring', 'drills'].map((code) =>
        code === 'wiring' ? { code, result: 'issue', hazard: { description: '私拉电线', severity: 'major', deadline: today } } : { code, result: 'ok' },
      ),
    });
    expect(res.statusCode, res.body).toBe(201);
    const h = res.json().hazards[0];
    expect(h.responsibleUnitCode).toBe('civil-affairs');
    const fixed = (await district.post(`/api/safety/hazards/${h.id}/fix`, { note: '已拆除', version: h.version })).json();
    expect(fixed.canConfirm).toBe(false);
    const self = await district.post(`/api/safety/hazards/${h.id}/confirm`, { version: fixed.version });
    expect(self.statusCode).toBe(403);
    expect(self.json().error.message).toContain('不能确认本人报告的整改');
    const reporter = (await env.owner.query(`select fix_reported_by from hazards where id = $1`, [h.id])).rows[0].fix_reported_by;
    await expect(env.owner.query(`update hazards set status = 'confirmed', confirmed_by = $2 where id = $1`, [h.id, reporter])).rejects.toThrow(/check/);
    await addUser(env, 'district2', '刘芳', 'civil-affairs', ['district_civil']);
    const other = await env.login('district2');
    const ok = await other.post(`/api/safety/hazards/${h.id}/confirm`, { version: fixed.version });
    expect(ok.statusCode, ok.body).toBe(200);
  });

  it('counts overdue hazards by responsible unit, and the list drills down', async () => {
    // a hazard past its deadline: made today with deadline today, then its deadline moved two days back
    const res = await police.post('/api/safety/inspections', {
      siteId: site.school!.id,
      inspectedOn: today,
      checklistCode: 'food',
      results: ['licence', 'storage', 'samples', 'hygiene', 'water'].map((code) =>
        code === 'samples' ? { code, result: 'issue', hazard: { description: '未留样', deadline: today } } : { code, result: 'ok' },
      ),
    });
    expect(res.statusCode, res.body).toBe(201);
    const h = res.json().hazards[0];
    expect(h.responsibleUnitCode).toBe('education');
    const before = (await leader.get('/api/safety/hazards/overdue-by-unit')).json();
    expect(before.items.find((u: { unitCode: string }) => u.unitCode === 'education')).toMatchObject({ overdue: 0, open: 1 });
    await env.owner.query(`update hazards set deadline = $2 where id = $1`, [h.id, addDays(today, -2)]);
    const after = (await leader.get('/api/safety/hazards/overdue-by-unit')).json();
    expect(after.items[0]).toMatchObject({ unitCode: 'education', unitName: '区教育局', overdue: 1, open: 1, major: 0 });
    const drill = (await leader.get('/api/safety/hazards?overdue=true&responsibleUnit=education')).json();
    expect(drill.items.map((x: { id: string; overdue: boolean }) => [x.id, x.overdue])).toEqual([[h.id, true]]);
    // the fix reported late still counts as overdue until confirmed
    const fixed = (await edu.post(`/api/safety/hazards/${h.id}/fix`, { note: '已补留样', version: h.version })).json();
    expect((await leader.get('/api/safety/hazards/overdue-by-unit')).json().items[0]).toMatchObject({ unitCode: 'education', overdue: 1 });
    await police.post(`/api/safety/hazards/${h.id}/confirm`, { version: fixed.version });
    expect(
      (await leader.get('/api/safety/hazards/overdue-by-unit')).json().items.find((u: { unitCode: string }) => u.unitCode === 'education'),
    ).toBeUndefined();
  });
});

describe('indicators', () => {
  it('equal hand-computed figures on hand-made rows, by street, and appear on the dashboards of tasks 32 and 33', async () => {
    await env.owner.query(`delete from hazards; delete from inspections; delete from safety_sites`);
    const day = '2026-06-30';
    const ins = async (siteId: string, street: string, on: string) =>
      (
        await env.owner.query(
          `insert into inspections (site_id, street_code, unit_code, inspected_on, checklist_code, checklist_version) values ($1, $2, 'civil-affairs', $3, 'fire', 1) returning id`,
          [siteId, street, on],
        )
      ).rows[0].id;
    const mkSite = async (code: string, kind: string, street: string) =>
      (
        await env.owner.query(
          `insert into safety_sites (code, name, kind, street_code, responsible_unit_code, created_at) values ($1, $1, $2, $3, 'education', '2025-01-01') returning id`,
          [code, kind, street],
        )
      ).rows[0].id;
    // task 32: dinghai 2 schools (one inspected twice this year, one last year only), pingliang 1 kindergarten inspected; a river in dinghai
    const s1 = await mkSite('t-s1', 'school', 'dinghai');
    const s2 = await mkSite('t-s2', 'school', 'dinghai');
    const k1 = await mkSite('t-k1', 'kindergarten', 'pingliang');
    const r1 = await mkSite('t-r1', 'river_section', 'dinghai');
    await mkSite('t-r2', 'river_section', 'pingliang');
    const i1 = await ins(s1, 'dinghai', '2026-02-01');
    await ins(s1, 'dinghai', '2026-05-01');
    await ins(s1, 'dinghai', '2026-07-15'); // after the day: not counted
    await ins(s2, 'dinghai', '2025-11-01'); // last year
    await ins(k1, 'pingliang', '2026-03-01');
    await ins(r1, 'dinghai', '2026-04-01');
    // hazards (deadline, status, fix reported, confirmed)
    const hz = async (siteId: string, street: string, deadline: string, created: string, fix: string | null, confirmed: string | null) =>
      env.owner.query(
        `insert into hazards (inspection_id, site_id, street_code, description, responsible_unit_code, deadline, status, fix_reported_at, confirmed_at, created_at)
         values ($1, $2, $3, 'x', 'education', $4, $5, $6::date + time '10:00', $7::date + time '10:00', $8::date + time '10:00')`,
        [i1, siteId, street, deadline, confirmed ? 'confirmed' : fix ? 'fix_reported' : 'open', fix, confirmed, created],
      );
    await hz(s1, 'dinghai', '2026-03-01', '2026-02-01', '2026-02-20', '2026-02-25'); // on time
    await hz(s1, 'dinghai', '2026-04-01', '2026-02-01', '2026-04-10', '2026-04-12'); // late fix
    await hz(s1, 'dinghai', '2026-05-01', '2026-02-01', null, null); // overdue on the day
    await hz(s1, 'dinghai', '2026-06-01', '2026-02-01', '2026-05-20', '2026-07-05'); // confirmed after the day: overdue on the day, not on time yet
    await hz(k1, 'pingliang', '2026-08-01', '2026-03-01', null, null); // not due yet
    await hz(k1, 'pingliang', '2026-06-15', '2026-03-01', '2026-06-10', '2026-06-12'); // on time
    const fig = async (code: string) => {
      const spec = indicator(code)!;
      const { rows } = await env.owner.query(spec.sql, [day, ['dinghai', 'pingliang']]);
      const pick = (s: string | null) => {
        const r = rows.find((x) => x.street_code === s);
        return r ? [Number(r.num), r.den === null ? null : Number(r.den)] : null;
      };
      return { all: pick(null), dinghai: pick('dinghai'), pingliang: pick('pingliang') };
    };
    expect(await fig('safety.inspections32')).toEqual({ all: [3, null], dinghai: [2, null], pingliang: [1, null] });
    expect(await fig('safety.coverage32')).toEqual({ all: [2, 3], dinghai: [1, 2], pingliang: [1, 1] });
    expect(await fig('safety.inspections33')).toEqual({ all: [1, null], dinghai: [1, null], pingliang: null });
    expect(await fig('safety.coverage33')).toEqual({ all: [1, 2], dinghai: [1, 1], pingliang: [0, 1] });
    expect(await fig('safety.hazardsOverdue')).toEqual({ all: [2, null], dinghai: [2, null], pingliang: null });
    expect(await fig('safety.hazardsOnTime')).toEqual({ all: [2, 5], dinghai: [1, 4], pingliang: [1, 1] });

    // the district's dashboard for the quarter ending on that day shows them with the same figures
    const dashRes = await district.get('/api/dashboard?period=2026Q2');
    expect(dashRes.statusCode, dashRes.body.slice(0, 300)).toBe(200);
    const dash = dashRes.json();
    expect(dash.asOf).toBe(day);
    const value = (code: string) => dash.indicators.find((i: { code: string }) => i.code === code)?.value;
    expect(
      ['safety.inspections32', 'safety.coverage32', 'safety.inspections33', 'safety.coverage33', 'safety.hazardsOverdue', 'safety.hazardsOnTime'].map(value),
    ).toEqual([3, 66.7, 1, 50, 2, 40]);
    // 区水务局 carries task 33 only: its dashboard shows the river figures, not the schools'
    const w = (await water.get('/api/dashboard?period=2026Q2')).json().indicators.map((i: { code: string }) => i.code);
    expect(w).toEqual(expect.arrayContaining(['safety.inspections33', 'safety.coverage33', 'safety.hazardsOverdue', 'safety.hazardsOnTime']));
    expect(w).not.toContain('safety.inspections32');
  });
});
