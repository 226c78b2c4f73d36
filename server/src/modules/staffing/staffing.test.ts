/**
 * 配备 against real PostgreSQL: the staffing rule on hand-made committees (31 children + 1 director
 * breaks the over-30 rule, 30 + 1 does not, 0 + 0 breaks nothing), the threshold edited as data,
 * a street seeing only its own committees, the station rosters (a street for its own station,
 * phones only for workforce.read holders, the gap list), and the indicators of tasks 3 and 36 equal
 * to hand-computed figures and on the dashboard.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, shanghaiDate } from '#common/dates.js';
import { testEnv, type Agent, type TestEnv } from '../../../test/harness.js';
import { indicator } from '../supervision/indicators/registry.js';

let env: TestEnv;
let district: Agent;
let streetD: Agent;
let streetP: Agent;
let director: Agent;
let today: string;
const cm: Record<string, string> = {};

async function mkCommittee(code: string, street: string): Promise<string> {
  const { rows } = await env.owner.query<{ id: string }>(`insert into committees (code, street_code, name) values ($1, $2, $3) returning id`, [
    code,
    street,
    `测试${code}居委`,
  ]);
  const id = rows[0]?.id;
  if (id === undefined) throw new Error('no committee');
  return id;
}

async function mkChildren(committeeId: string, street: string, n: number, registeredOn = '2025-01-01'): Promise<void> {
  await env.owner.query(
    `insert into children (street_code, committee_id, name, sex, birth_date, registered_on)
     select $1, $2, '配备测试' || g, 'F', date '2015-01-01', $4::date from generate_series(1, $3) g`,
    [street, committeeId, n, registeredOn],
  );
}

async function mkDirector(committeeId: string, street: string, since = '2025-01-01'): Promise<string> {
  const { rows } = await env.owner.query<{ id: string }>(
    `insert into staff (name, role_kind, street_code, unit_code, appointed_on) values ('测试主任', 'child_director', $1, $2, $3) returning id`,
    [street, `street-${street}`, since],
  );
  const id = rows[0]?.id;
  if (id === undefined) throw new Error('no staff');
  await env.owner.query(`insert into staff_committees (staff_id, committee_id, street_code, since) values ($1, $2, $3, $4)`, [id, committeeId, street, since]);
  return id;
}

beforeAll(async () => {
  env = await testEnv();
  [district, streetD, streetP, director] = await Promise.all([
    env.login('district'),
    env.login('street-dinghai'),
    env.login('street-pingliang'),
    env.login('director-dinghai'),
  ]);
  today = shanghaiDate(env.clock.now);
  cm.a = await mkCommittee('stf-a', 'dinghai'); // 31 children, 1 director: breaks the over-30 rule
  cm.b = await mkCommittee('stf-b', 'dinghai'); // 30 children, 1 director: fine
  cm.c = await mkCommittee('stf-c', 'dinghai'); // no children, no director: fine
  await mkChildren(cm.a, 'dinghai', 31);
  await mkChildren(cm.b, 'dinghai', 30);
  await mkDirector(cm.a, 'dinghai');
  await mkDirector(cm.b, 'dinghai');
});
afterAll(async () => {
  await env?.close();
});

type V = { committeeId: string; ruleCode: string; children: number; directors: number; required: number; shortfall: number };
const mine = (items: V[]) => items.filter((v) => [cm.a, cm.b, cm.c].includes(v.committeeId)).map((v) => [v.committeeId, v.ruleCode, v.shortfall]);

describe('the staffing rule', () => {
  it('lists 31 children + 1 director as a violation, not 30 + 1 nor 0 + 0; a threshold edit changes the result', async () => {
    const res = await district.get('/api/staffing/overview');
    expect(res.statusCode, res.body).toBe(200);
    const o = res.json();
    expect(mine(o.items)).toEqual([[cm.a, 'committee-over-30', 1]]);
    const va = o.items.find((v: V) => v.committeeId === cm.a);
    expect(va).toMatchObject({ children: 31, directors: 1, required: 2, committeeName: '测试stf-a居委', streetName: expect.any(String) });
    const dinghai = o.streets.find((s: { streetCode: string }) => s.streetCode === 'dinghai');
    expect(dinghai.violations).toBeGreaterThanOrEqual(1);
    expect(o.committees).toBe(o.streets.reduce((n: number, s: { committees: number }) => n + s.committees, 0));

    // the street sees its own committees only; another street none of them
    const d = (await streetD.get('/api/staffing/overview')).json();
    expect(mine(d.items)).toEqual([[cm.a, 'committee-over-30', 1]]);
    expect(d.streets.map((s: { streetCode: string }) => s.streetCode)).toEqual(['dinghai']);
    const p = (await streetP.get('/api/staffing/overview')).json();
    expect(mine(p.items)).toEqual([]);
    expect(p.streets.map((s: { streetCode: string }) => s.streetCode)).toEqual(['pingliang']);
    // a street filter narrows, never widens
    expect((await streetP.get('/api/staffing/overview?street=dinghai')).json().streets).toEqual([]);

    // drill: the committee's directors; another street's committee is not found
    const dr = await streetD.get(`/api/staffing/committees/${cm.a}/directors`);
    expect(dr.statusCode, dr.body).toBe(200);
    expect(dr.json()).toMatchObject({ children: 31, directors: [{ name: '测试主任' }] });
    expect((await streetP.get(`/api/staffing/committees/${cm.a}/directors`)).statusCode).toBe(404);

    // the threshold is data: over 29 makes the 30-children committee break it too
    const rules = (await district.get('/api/staffing/rules')).json().items;
    const over30 = rules.find((r: { code: string }) => r.code === 'committee-over-30');
    expect(over30).toMatchObject({ childrenOver: 30, minDirectors: 2, active: true });
    const body = { name: over30.name, childrenOver: 29, minDirectors: 2, active: true, note: over30.note, updatedAt: over30.updatedAt };
    expect((await streetD.put('/api/staffing/rules/committee-over-30', body)).statusCode).toBe(403);
    const up = await district.put('/api/staffing/rules/committee-over-30', body);
    expect(up.statusCode, up.body).toBe(200);
    expect(
      mine((await district.get('/api/staffing/overview')).json().items).sort((x: unknown[], y: unknown[]) => String(x[0]).localeCompare(String(y[0]))),
    ).toEqual(
      [
        [cm.a, 'committee-over-30', 1],
        [cm.b, 'committee-over-30', 1],
      ].sort((x, y) => String(x[0]).localeCompare(String(y[0]))),
    );
    // the old updatedAt is stale now
    const stale = await district.put('/api/staffing/rules/committee-over-30', { ...body, childrenOver: 30 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.message).toMatch(/已被他人修改/);
    const back = await district.put('/api/staffing/rules/committee-over-30', { ...body, childrenOver: 30, updatedAt: up.json().updatedAt });
    expect(back.statusCode, back.body).toBe(200);
    expect(mine((await district.get('/api/staffing/overview')).json().items)).toEqual([[cm.a, 'committee-over-30', 1]]);
    // the audit trail has both edits
    const audits = (await env.owner.query(`select count(*)::int as n from audit_log where action = 'staffing.rule.update'`)).rows[0]?.n;
    expect(audits).toBe(2);
  });

  it('refuses a bad rule edit in Chinese and writes nothing', async () => {
    const over30 = (await district.get('/api/staffing/rules')).json().items.find((r: { code: string }) => r.code === 'committee-over-30');
    for (const bad of [
      { childrenOver: -1 },
      { minDirectors: 0 },
      { childrenOver: '三十' },
      { name: '规则\u0000' },
      { name: '长'.repeat(100_000) },
      { note: '=cmd|\u0000' },
    ]) {
      const res = await district.put('/api/staffing/rules/committee-over-30', {
        name: over30.name,
        childrenOver: 30,
        minDirectors: 2,
        active: true,
        updatedAt: over30.updatedAt,
        ...bad,
      });
      expect([400, 413], res.body.slice(0, 200)).toContain(res.statusCode);
      expect(res.body).toMatch(/[\u4e00-\u9fff]/);
    }
    const after = (await district.get('/api/staffing/rules')).json().items.find((r: { code: string }) => r.code === 'committee-over-30');
    expect(after).toEqual(over30);
  });
});

describe('station rosters', () => {
  it('a street writes its own station; the gap list follows; phones only for workforce.read', async () => {
    const before = (await district.get('/api/staffing/stations')).json();
    expect(before.items).toHaveLength(12);
    expect(before.gaps.filter((g: { streetCode: string }) => g.streetCode === 'dinghai').map((g: { role: string }) => g.role)).toEqual([
      'head',
      'prosecutor_deputy',
    ]);
    const add = await streetD.post('/api/staffing/stations/members', {
      streetCode: 'dinghai',
      role: 'prosecutor_deputy',
      personName: '王检察',
      title: '四级检察官',
      phone: '021-65000000',
      since: today,
    });
    expect(add.statusCode, add.body).toBe(201);
    expect(add.json()).toMatchObject({ unitCode: 'procuratorate', unitName: '区检察院' });
    const head = await district.post('/api/staffing/stations/members', { streetCode: 'dinghai', role: 'head', personName: '李站长', since: '2026-01-01' });
    expect(head.statusCode, head.body).toBe(201);
    // another street's station: refused, nothing written
    const other = await streetD.post('/api/staffing/stations/members', { streetCode: 'pingliang', role: 'member', personName: '张三', since: today });
    expect(other.statusCode).toBe(403);
    expect(other.json().error.message).toMatch(/本街道/);
    // a prosecutor deputy from another unit is refused
    const wrongUnit = await district.post('/api/staffing/stations/members', {
      streetCode: 'pingliang',
      role: 'prosecutor_deputy',
      personName: '赵某',
      unitCode: 'education',
      since: today,
    });
    expect(wrongUnit.statusCode).toBe(400);
    expect(wrongUnit.json().error.fields[0]).toMatchObject({ path: 'unitCode', message: '检察官副站长应由区检察院派驻' });

    const after = (await streetD.get('/api/staffing/stations')).json();
    expect(after.gaps.filter((g: { streetCode: string }) => g.streetCode === 'dinghai')).toEqual([]);
    const dinghai = after.items.find((s: { streetCode: string }) => s.streetCode === 'dinghai');
    expect(dinghai.canManage).toBe(true);
    expect(after.items.find((s: { streetCode: string }) => s.streetCode === 'pingliang').canManage).toBe(false);
    expect(dinghai.members.map((m: { role: string }) => m.role)).toEqual(['head', 'prosecutor_deputy']);
    expect(dinghai.members[1].phone).toBe('021-65000000');
    // a child director reads the roster (names of officials) but not the phones
    const asDirector = await director.get('/api/staffing/stations');
    expect(asDirector.statusCode, asDirector.body).toBe(200);
    expect(asDirector.json().phonesShown).toBe(false);
    expect(asDirector.json().items.find((s: { streetCode: string }) => s.streetCode === 'dinghai').members[1].phone).toBeNull();
    expect((await director.post('/api/staffing/stations/members', { streetCode: 'dinghai', role: 'member', personName: '甲', since: today })).statusCode).toBe(
      403,
    );

    // edit with the version; a stale one is refused
    const m = add.json();
    const edit = await streetD.put(`/api/staffing/stations/members/${m.id}`, {
      role: 'prosecutor_deputy',
      personName: '王检察官',
      since: today,
      version: m.version,
    });
    expect(edit.statusCode, edit.body).toBe(200);
    expect(
      (await streetD.put(`/api/staffing/stations/members/${m.id}`, { role: 'prosecutor_deputy', personName: 'x', since: today, version: m.version }))
        .statusCode,
    ).toBe(409);
    // ending before the start is refused; ending today brings the gap back
    expect((await streetD.post(`/api/staffing/stations/members/${m.id}/end`, { until: addDays(today, -1), version: edit.json().version })).statusCode).toBe(
      400,
    );
    const end = await streetD.post(`/api/staffing/stations/members/${m.id}/end`, { until: today, version: edit.json().version });
    expect(end.statusCode, end.body).toBe(200);
    const gaps = (await streetD.get('/api/staffing/stations')).json().gaps.filter((g: { streetCode: string }) => g.streetCode === 'dinghai');
    expect(gaps.map((g: { role: string }) => g.role)).toEqual(['prosecutor_deputy']);
    const hist = (await streetD.get('/api/staffing/stations?history=true')).json();
    expect(hist.items.find((s: { streetCode: string }) => s.streetCode === 'dinghai').members).toHaveLength(2);
  });

  it('refuses hostile roster input in Chinese and writes nothing', async () => {
    const n = async () => Number((await env.owner.query(`select count(*)::int as n from station_members`)).rows[0]?.n);
    const before = await n();
    for (const bad of [
      { personName: "=cmd|' /C calc'!A0" },
      { personName: '王\u0000五' },
      { personName: '王'.repeat(1_000_000) },
      { since: '2026-02-30' },
      { role: 'boss' },
      { phone: '<script>' },
      { streetCode: 42 },
    ]) {
      const res = await district.post('/api/staffing/stations/members', { streetCode: 'dinghai', role: 'member', personName: '王五', since: today, ...bad });
      expect([400, 413], res.body.slice(0, 200)).toContain(res.statusCode);
      expect(res.body).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(await n()).toBe(before);
  });
});

describe('hostile input on the edit and end routes', () => {
  it('refuses each in Chinese and changes nothing', async () => {
    const m = (await district.post('/api/staffing/stations/members', { streetCode: 'kongjiang', role: 'member', personName: '钱七', since: today })).json();
    const snapshot = async () => (await env.owner.query(`select row_to_json(m)::text as r from station_members m where id = $1`, [m.id])).rows[0]?.r;
    const before = await snapshot();
    const good = { role: 'member', personName: '钱七', since: today, version: m.version };
    for (const bad of [
      { personName: '@SUM(A1)' },
      { personName: '钱\u0000七' },
      { note: '注'.repeat(1_000_000) },
      { version: '１' },
      { since: '２０２６-０１-０１' },
      { phone: '=1+1' },
    ]) {
      const res = await district.put(`/api/staffing/stations/members/${m.id}`, { ...good, ...bad });
      expect([400, 413], res.body.slice(0, 200)).toContain(res.statusCode);
      expect(res.body).toMatch(/[\u4e00-\u9fff]/);
    }
    for (const bad of [
      { until: '2026-13-01', version: m.version },
      { until: null, version: m.version },
      { until: today, version: 'x' },
      { until: `${today}\u0000`, version: m.version },
    ]) {
      const res = await district.post(`/api/staffing/stations/members/${m.id}/end`, bad);
      expect(res.statusCode, res.body.slice(0, 200)).toBe(400);
      expect(res.body).toMatch(/[\u4e00-\u9fff]/);
    }
    expect((await district.put('/api/staffing/stations/members/not-an-id', good)).statusCode).toBe(400);
    expect(await snapshot()).toBe(before);
  });
});

describe('indicators of tasks 36 and 3', () => {
  it('equal hand-computed figures and appear on the dashboard', async () => {
    // a street of its own so that the figures are exactly the hand-made rows
    await env.owner.query(`insert into streets (code, name, sort) values ('stftest', '配备测试街道', 99)`);
    const t1 = await mkCommittee('stft-1', 'stftest'); // 31 children, 1 director → breaks over-30
    const t2 = await mkCommittee('stft-2', 'stftest'); // 5 children, 0 directors → breaks committee-any
    const t3 = await mkCommittee('stft-3', 'stftest'); // 5 children, 1 director → meets
    await mkCommittee('stft-4', 'stftest'); // no children → rules do not apply
    const t5 = await mkCommittee('stft-5', 'stftest'); // 3 children registered after the day, 0 directors → not yet
    await mkChildren(t1, 'stftest', 31);
    await mkChildren(t2, 'stftest', 5);
    await mkChildren(t3, 'stftest', 5);
    await mkChildren(t5, 'stftest', 3, addDays(today, 1));
    await env.owner.query(`insert into units (code, name, kind, street_code) values ('street-stftest', '配备测试街道办事处', 'street', 'stftest')`);
    await mkDirector(t1, 'stftest');
    await mkDirector(t3, 'stftest');
    const fig = async (code: string, streets: string[]) => {
      const spec = indicator(code);
      if (!spec) throw new Error(code);
      const { rows } = await env.owner.query(spec.sql, [today, streets]);
      const r = rows.find((x) => x.street_code === null);
      return r ? [Number(r.num), r.den === null ? null : Number(r.den)] : null;
    };
    expect(await fig('staffing.violations', ['stftest'])).toEqual([2, null]);
    expect(await fig('staffing.meeting', ['stftest'])).toEqual([1, 3]);

    // task 3: 2 of 3 counted streets have a prosecutor deputy head serving today (one ended yesterday, one starts tomorrow)
    await env.owner.query(`delete from station_members`);
    await env.owner.query(
      `insert into station_members (street_code, role, person_name, unit_code, since, until) values
         ('dinghai', 'prosecutor_deputy', 'a', 'procuratorate', '2025-01-01', null),
         ('pingliang', 'prosecutor_deputy', 'b', 'procuratorate', '2025-01-01', $1),
         ('pingliang', 'prosecutor_deputy', 'c', 'procuratorate', $1, null),
         ('jiangpu', 'prosecutor_deputy', 'd', 'procuratorate', $2, null),
         ('jiangpu', 'head', 'e', null, '2025-01-01', null)`,
      [today, addDays(today, 1)],
    );
    expect(await fig('staffing.prosecutorDeputy', ['dinghai', 'pingliang', 'jiangpu'])).toEqual([2, null]);

    const dash = await district.get('/api/dashboard');
    expect(dash.statusCode, dash.body.slice(0, 300)).toBe(200);
    const v = (code: string) => dash.json().indicators.find((i: { code: string }) => i.code === code);
    expect(v('staffing.prosecutorDeputy')?.value).toBe(2);
    expect(v('staffing.prosecutorDeputy')?.tasks).toEqual([3]);
    // the district-wide staffing figures equal the same query over all streets
    const all = (await env.owner.query(`select code from streets`)).rows.map((r) => r.code as string);
    const violations = await fig('staffing.violations', all);
    expect(v('staffing.violations')?.value).toBe(violations?.[0]);
    expect(v('staffing.violations')?.tasks).toEqual([36]);
    expect(v('staffing.meeting')).toBeDefined();
  });
});
