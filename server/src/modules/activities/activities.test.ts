/**
 * 活动与频次 through the API on a real database: recording within one's remit and the refusals
 * (future activity recorded as done, organiser outside the remit, ends before it starts, unknown
 * kind — Chinese, nothing written), cancel and complete with versions, participants under
 * row-level security (another street neither adds nor sees), the child's participation, photos and
 * sign-in sheets checked like every upload, the cadence rules' admin, the compliance lists, and
 * the indicators against hand-computed figures.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, shanghaiDate } from '#common/dates.js';
import { quarterOf } from '#common/activities.js';
import { testEnv, type Agent, type TestEnv } from '../../../test/harness.js';
import { indicator } from '../supervision/indicators/registry.js';

let env: TestEnv;
let street: Agent;
let pingliang: Agent;
let district: Agent;
let director: Agent;
let edu: Agent;
let police: Agent;
let today: string;
let committeeA: string; // dinghai-01 (the director's)
let committeeB: string; // another dinghai committee
let committeeP: string; // a pingliang committee
let schoolId: string;
let childD: string; // a dinghai child
let childP: string; // a pingliang child

const count = async (sql: string, args: unknown[] = []) => Number((await env.owner.query<{ n: string }>(sql, args)).rows[0]?.n);

beforeAll(async () => {
  env = await testEnv();
  [street, pingliang, district, director, edu, police] = await Promise.all([
    env.login('street-dinghai'),
    env.login('street-pingliang'),
    env.login('district'),
    env.login('director-dinghai'),
    env.login('edu'),
    env.login('police'),
  ]);
  today = shanghaiDate(env.clock.now);
  committeeA = (await env.owner.query(`select id from committees where code = 'dinghai-01'`)).rows[0].id;
  committeeB = (await env.owner.query(`select id from committees where street_code = 'dinghai' and code <> 'dinghai-01' order by code limit 1`)).rows[0].id;
  committeeP = (await env.owner.query(`select id from committees where street_code = 'pingliang' order by code limit 1`)).rows[0].id;
  schoolId = (
    await env.owner.query(
      `insert into safety_sites (code, name, kind, street_code, responsible_unit_code) values ('t-school-1', '测试定海路小学', 'school', 'dinghai', 'education') returning id`,
    )
  ).rows[0].id;
  childD = (
    await env.owner.query(`select id from children where street_code = 'dinghai' and committee_id = $1 and status = 'active' order by id limit 1`, [committeeA])
  ).rows[0].id;
  childP = (await env.owner.query(`select id from children where street_code = 'pingliang' and status = 'active' order by id limit 1`)).rows[0].id;
});
afterAll(async () => {
  await env?.close();
});

const base = (over: Record<string, unknown> = {}) => ({
  title: '防溺水安全知识进居委',
  kind: 'safety',
  organiserKind: 'committee',
  committeeId: committeeA,
  heldOn: today,
  status: 'done',
  childrenCount: 12,
  guardiansCount: 8,
  ...over,
});

describe('recording activities', () => {
  it('records within the remit: the street for its committees and station, the director for its committee, edu for a school, a department for itself', async () => {
    const a = await street.post('/api/activities', base());
    expect(a.statusCode, a.body).toBe(201);
    expect(a.json()).toMatchObject({
      organiserName: expect.any(String),
      streetCode: 'dinghai',
      planTasks: [29],
      canEdit: true,
      status: 'done',
      unitCode: 'street-dinghai',
    });
    const s = await street.post(
      '/api/activities',
      base({ title: '未保站专题讲座', kind: 'lecture', organiserKind: 'station', streetCode: 'dinghai', committeeId: null }),
    );
    expect(s.statusCode, s.body).toBe(201);
    expect(s.json().organiserName).toBe('定海路街道未保站');
    expect((await director.post('/api/activities', base({ status: 'planned', heldOn: addDays(today, 5) }))).statusCode).toBe(201);
    const sc = await edu.post(
      '/api/activities',
      base({ title: '暑假前安全大讲堂', kind: 'lecture', organiserKind: 'school', siteId: schoolId, committeeId: null, guardiansContacted: true }),
    );
    expect(sc.statusCode, sc.body).toBe(201);
    expect(sc.json()).toMatchObject({ organiserName: '测试定海路小学', streetCode: 'dinghai' });
    const d = await police.post('/api/activities', base({ title: '预防网络沉迷讲座', kind: 'online_safety', organiserKind: 'department', committeeId: null }));
    expect(d.statusCode, d.body).toBe(201);
    expect(d.json()).toMatchObject({ unitCode: 'police', streetCode: null, planTasks: [34] });
    // the district may record for anyone
    expect((await district.post('/api/activities', base({ committeeId: committeeP }))).statusCode).toBe(201);
  });

  it('refuses in Chinese and writes nothing', async () => {
    const before = await count('select count(*) as n from activities');
    const cases: [Agent, Record<string, unknown>, number, RegExp][] = [
      [street, base({ heldOn: addDays(today, 1) }), 400, /今天之后/],
      [street, base({ heldOn: today, endsOn: addDays(today, 2) }), 400, /尚未结束/],
      [street, base({ committeeId: committeeP }), 403, /本街道/],
      [pingliang, base({ organiserKind: 'station', streetCode: 'dinghai', committeeId: null }), 403, /本街道未保站/],
      [director, base({ committeeId: committeeB }), 403, /本人负责的居民区/],
      [street, base({ organiserKind: 'school', siteId: schoolId, committeeId: null }), 403, /区教育局/],
      [police, base({ organiserKind: 'department', unitCode: 'education', committeeId: null }), 403, /本部门/],
      [street, base({ heldOn: today, endsOn: addDays(today, -1) }), 400, /结束日期不能早于活动日期/],
      [street, base({ kind: 'party' }), 400, /活动类型不正确/],
      [street, base({ committeeId: null }), 400, /请选择组织活动的居民区/],
    ];
    for (const [agent, body, status, message] of cases) {
      const res = await agent.post('/api/activities', body);
      expect(res.statusCode, res.body).toBe(status);
      expect(res.body).toMatch(message);
    }
    expect(await count('select count(*) as n from activities')).toBe(before);
  });

  it('edits with a version, records a planned activity as done, cancels with a reason', async () => {
    const created = (await street.post('/api/activities', base({ status: 'planned', heldOn: addDays(today, 3), title: '计划活动' }))).json();
    // not yet: it is in the future
    const early = await street.post(`/api/activities/${created.id}/complete`, { version: created.version });
    expect(early.statusCode).toBe(400);
    expect(early.body).toMatch(/今天之后/);
    const moved = await street.patch(`/api/activities/${created.id}`, {
      ...base({ status: 'planned', heldOn: today, title: '计划活动（提前）' }),
      version: created.version,
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect((await street.patch(`/api/activities/${created.id}`, { ...base(), version: created.version })).statusCode).toBe(409);
    const done = await street.post(`/api/activities/${created.id}/complete`, { version: moved.json().version, childrenCount: 20, guardiansContacted: true });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: 'done', childrenCount: 20, guardiansContacted: true });
    // another street may not touch it
    expect((await pingliang.post(`/api/activities/${created.id}/cancel`, { version: done.json().version, reason: '误录' })).statusCode).toBe(403);
    expect((await street.post(`/api/activities/${created.id}/cancel`, { version: done.json().version })).statusCode).toBe(400);
    const cancelled = await street.post(`/api/activities/${created.id}/cancel`, { version: done.json().version, reason: '重复录入' });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', cancelReason: '重复录入', canEdit: false });
    expect(await count(`select count(*) as n from audit_log where entity_id = $1 and action like 'activity.%'`, [created.id])).toBe(4);
  });

  it('lists and filters', async () => {
    const res = await district.get('/api/activities?organiserKind=station&street=dinghai');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items.every((a: { organiserKind: string; streetCode: string }) => a.organiserKind === 'station' && a.streetCode === 'dinghai')).toBe(
      true,
    );
    expect(res.json().total).toBeGreaterThan(0);
    // the organisers a street may record for are marked
    const orgs = (await street.get('/api/activities/organisers?kind=station')).json().items;
    expect(orgs.find((o: { key: string }) => o.key === 'dinghai').writable).toBe(true);
    expect(orgs.find((o: { key: string }) => o.key === 'pingliang').writable).toBe(false);
  });
});

describe('participants under row-level security', () => {
  let activityId: string;
  beforeAll(async () => {
    activityId = (await street.post('/api/activities', base({ title: '参加者测试活动' }))).json().id;
  });

  it('the street adds its own children (with guardians); the child file shows the participation', async () => {
    const res = await street.post(`/api/activities/${activityId}/participants`, { childIds: [childD], withGuardians: true });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().added).toBeGreaterThanOrEqual(1);
    const mine = await street.get(`/api/children/${childD}/activities`);
    expect(mine.statusCode).toBe(200);
    expect(mine.json().items.map((i: { activityId: string }) => i.activityId)).toContain(activityId);
    // again: nothing doubled
    expect((await street.post(`/api/activities/${activityId}/participants`, { childIds: [childD] })).json().added).toBe(0);
  });

  it('refuses a child of another street, writing nothing; another street neither sees the names nor the child', async () => {
    const before = await count('select count(*) as n from activity_participants where activity_id = $1', [activityId]);
    const res = await street.post(`/api/activities/${activityId}/participants`, { childIds: [childD, childP] });
    expect(res.statusCode).toBe(400);
    expect(res.body).toMatch(/不在您的辖区内/);
    expect(await count('select count(*) as n from activity_participants where activity_id = $1', [activityId])).toBe(before);
    // pingliang reads the activity (a unit record) but not the dinghai children in it: counted, not named
    const seen = (await pingliang.get(`/api/activities/${activityId}`)).json();
    expect(seen.participants).toBe(before);
    expect(seen.participantList).toEqual([]);
    expect((await pingliang.get(`/api/children/${childD}/activities`)).statusCode).toBe(404);
    // and cannot add to it (not its organiser)
    expect((await pingliang.post(`/api/activities/${activityId}/participants`, { childIds: [childP] })).statusCode).toBe(403);
  });

  it('removes a participant', async () => {
    const list = (await street.get(`/api/activities/${activityId}`)).json().participantList;
    const res = await street.delete(`/api/activities/${activityId}/participants/${list[0].id}`);
    expect(res.statusCode, res.body).toBe(204);
  });
});

describe('photos and sign-in sheets', () => {
  let activityId: string;
  beforeAll(async () => {
    activityId = (await street.post('/api/activities', base({ title: '照片测试活动' }))).json().id;
  });
  // a JPEG with an APP1 (EXIF) segment holding "GPS"
  const exif = Buffer.from('Exif\u0000\u0000GPS-31.27N-121.52E', 'latin1');
  const jpeg = Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    Buffer.from([0xff, 0xe1, 0x00, exif.length + 2]),
    exif,
    Buffer.from([0xff, 0xda, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3f, 0x00]),
    Buffer.from([0x11, 0x22, 0x33, 0xff, 0xd9]),
  ]);

  it('accepts a photo by content and strips its EXIF/GPS; refuses a renamed file', async () => {
    const res = await street.post(`/api/activities/${activityId}/attachments`, { kind: 'photo', filename: '合影.jpg', contentBase64: jpeg.toString('base64') });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ mime: 'image/jpeg', metadataRemoved: true });
    const stored = (await env.owner.query('select content from activity_attachments where id = $1', [res.json().id])).rows[0].content as Buffer;
    expect(stored.includes(Buffer.from('GPS'))).toBe(false);
    const dl = await street.get(`/api/activities/${activityId}/attachments/${res.json().id}`);
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-disposition']).toMatch(/attachment/);
    const bad = await street.post(`/api/activities/${activityId}/attachments`, {
      kind: 'sign_in',
      filename: '签到表.jpg',
      contentBase64: Buffer.from('MZ this is an executable').toString('base64'),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toMatch(/不是 JPEG 或 PNG 图片/);
    // another street: neither the list nor the file
    expect((await pingliang.get(`/api/activities/${activityId}`)).json().attachmentList).toEqual([]);
    expect((await pingliang.get(`/api/activities/${activityId}/attachments/${res.json().id}`)).statusCode).toBe(404);
    expect(
      (await pingliang.post(`/api/activities/${activityId}/attachments`, { kind: 'photo', filename: 'a.jpg', contentBase64: jpeg.toString('base64') }))
        .statusCode,
    ).toBe(403);
    expect((await street.delete(`/api/activities/${activityId}/attachments/${res.json().id}`)).statusCode).toBe(204);
  });
});

describe('cadence rules and compliance', () => {
  it('ships the three rules of the plan; the district edits one (version checked); a street may not', async () => {
    const rules = (await street.get('/api/cadence-rules')).json().items;
    expect(rules.map((r: { planTask: number }) => r.planTask)).toEqual([29, 30, 31]);
    const r30 = rules.find((r: { code: string }) => r.code === 'station-quarterly');
    const body = {
      name: r30.name,
      activityKinds: r30.activityKinds,
      period: r30.period,
      minCount: 1,
      siteKinds: [],
      requireGuardianContact: false,
      active: true,
      note: '已核对',
      version: r30.version,
    };
    expect((await street.put('/api/cadence-rules/station-quarterly', body)).statusCode).toBe(403);
    const ok = await district.put('/api/cadence-rules/station-quarterly', body);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ note: '已核对', version: r30.version + 1 });
    expect((await district.put('/api/cadence-rules/station-quarterly', body)).statusCode).toBe(409);
    const bad = await district.put('/api/cadence-rules/station-quarterly', { ...body, activityKinds: [], version: r30.version + 1 });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toMatch(/至少选择一种/);
  });

  it('a street sees its own organisers: its station done this quarter (recorded above), pingliang’s station due; not another street', async () => {
    const res = await street.get('/api/activities/compliance');
    expect(res.statusCode, res.body).toBe(200);
    const q = res.json().rules.find((r: { rule: { code: string } }) => r.rule.code === 'station-quarterly');
    expect(q.rows.map((r: { key: string }) => r.key)).toEqual(['dinghai']);
    expect(q.rows[0]).toMatchObject({ standing: 'done', writable: true, current: { start: quarterOf(today)[0], end: quarterOf(today)[1] } });
    expect((await street.get('/api/activities/compliance?street=pingliang')).statusCode).toBe(403);
    const all = (await district.get('/api/activities/compliance')).json();
    const stations = all.rules.find((r: { rule: { code: string } }) => r.rule.code === 'station-quarterly');
    expect(stations.counts.total).toBe(12);
    // schools: the term ends the day before the calendar's next holiday (no end without a calendar row); the lecture
    // recorded above (guardians contacted) counts
    const next = (await env.owner.query(`select to_char(min(starts_on) - 1, 'YYYY-MM-DD') as d from school_holidays where starts_on > $1`, [today])).rows[0].d;
    const schools = all.rules.find((r: { rule: { code: string } }) => r.rule.code === 'school-before-holiday');
    expect(schools.rows.find((r: { key: string }) => r.key === schoolId)).toMatchObject({ standing: 'done', current: { end: next, count: 1 } });
    // the director: its committee's street
    const d = (await director.get('/api/activities/compliance')).json();
    const c = d.rules.find((r: { rule: { code: string } }) => r.rule.code === 'committee-safety-yearly');
    expect(c.rows.map((r: { key: string }) => r.key)).toEqual([committeeA]);
  });
});

describe('indicators', () => {
  it('equal hand-computed figures and appear on the dashboard for their tasks', async () => {
    // A separate calendar and rows, so the figures are the hand-made ones: as of 2025-08-15.
    await env.owner.query(`delete from activities`);
    await env.owner.query(`delete from school_holidays`);
    await env.owner.query(
      `insert into school_holidays (year, season, starts_on, ends_on) values (2025, 'winter', '2025-01-18', '2025-02-16'), (2025, 'summer', '2025-07-05', '2025-08-31')`,
    );
    const school2 = (
      await env.owner.query(
        `insert into safety_sites (code, name, kind, street_code, responsible_unit_code) values ('t-school-2', '测试平凉路中学', 'school', 'pingliang', 'education') returning id`,
      )
    ).rows[0].id;
    const ins = (cols: Record<string, unknown>) =>
      env.owner.query(
        `insert into activities (title, kind, organiser_kind, committee_id, street_code, site_id, unit_code, held_on, status, guardians_contacted, plan_tasks)
         values ('t', $1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [
          cols.kind,
          cols.org,
          cols.committee ?? null,
          cols.street ?? null,
          cols.site ?? null,
          cols.unit ?? 'civil-affairs',
          cols.on,
          cols.status ?? 'done',
          cols.contacted ?? false,
          cols.tasks ?? [],
        ],
      );
    // task 29: committee A safety 2025-03-01 (counts), committee B safety 2024-12-31 (last year: not), committee P lecture (wrong kind)
    await ins({ kind: 'safety', org: 'committee', committee: committeeA, street: 'dinghai', on: '2025-03-01', tasks: [29] });
    await ins({ kind: 'safety', org: 'committee', committee: committeeB, street: 'dinghai', on: '2024-12-31', tasks: [29] });
    await ins({ kind: 'lecture', org: 'committee', committee: committeeP, street: 'pingliang', on: '2025-04-01' });
    // task 30: as of 2025-08-15 the last closed quarter is Q2 (Apr-Jun): dinghai 2025-06-30 counts, pingliang 2025-07-01 does not (Q3)
    await ins({ kind: 'lecture', org: 'station', street: 'dinghai', on: '2025-06-30', tasks: [30] });
    await ins({ kind: 'themed', org: 'station', street: 'pingliang', on: '2025-07-01', tasks: [30] });
    // task 31: last holiday started by 2025-08-15 is the summer (2025-07-05); its term 2025-02-17 … 2025-07-04.
    // school 1 (dinghai): lecture 2025-07-04 with guardians contacted → counts; school 2: lecture 2025-06-01 without contact → not
    await ins({ kind: 'lecture', org: 'school', site: schoolId, street: 'dinghai', unit: 'education', on: '2025-07-04', contacted: true, tasks: [31] });
    await ins({ kind: 'lecture', org: 'school', site: school2, street: 'pingliang', unit: 'education', on: '2025-06-01', contacted: false, tasks: [31] });
    // tasks 2 and 35: a legal lecture in dinghai, a cancelled one (not counted), a 清朗浦江 week by the cyberspace office (no street)
    await ins({ kind: 'legal', org: 'station', street: 'dinghai', on: '2025-05-05', tasks: [2] });
    await ins({ kind: 'legal', org: 'station', street: 'dinghai', on: '2025-05-06', tasks: [2], status: 'planned' });
    await env.owner.query(`update activities set status = 'cancelled', cancel_reason = '下雨' where status = 'planned'`);
    await ins({ kind: 'qinglang_week', org: 'department', unit: 'cyberspace', on: '2025-06-10', tasks: [35] });

    const asOf = '2025-08-15';
    const streets = (await env.owner.query<{ code: string }>('select code from streets')).rows.map((r) => r.code);
    const committeesOf = async (s: string) => count(`select count(*) as n from committees where active and street_code = $1`, [s]);
    const fig = async (code: string, street: string | null) => {
      const spec = indicator(code);
      if (!spec) throw new Error(code);
      const { rows } = await env.owner.query(spec.sql, [asOf, streets]);
      const r = rows.find((x) => x.street_code === street);
      return { num: Number(r.num), den: r.den === null ? null : Number(r.den) };
    };
    const dinghaiCommittees = await committeesOf('dinghai');
    const allCommittees = await count(`select count(*) as n from committees where active`);
    expect(await fig('activities.committeeSafety', 'dinghai')).toEqual({ num: 1, den: dinghaiCommittees });
    expect(await fig('activities.committeeSafety', null)).toEqual({ num: 1, den: allCommittees });
    expect(await fig('activities.stationQuarterly', 'dinghai')).toEqual({ num: 1, den: 1 });
    expect(await fig('activities.stationQuarterly', 'pingliang')).toEqual({ num: 0, den: 1 });
    expect(await fig('activities.stationQuarterly', null)).toEqual({ num: 1, den: 12 });
    expect(await fig('activities.schoolPreHoliday', null)).toEqual({ num: 1, den: 2 });
    expect(await fig('activities.schoolPreHoliday', 'pingliang')).toEqual({ num: 0, den: 1 });
    expect(await fig('activities.legalHeld', 'dinghai')).toEqual({ num: 1, den: null });
    expect(await fig('activities.legalHeld', 'pingliang')).toEqual({ num: 0, den: null });
    expect(await fig('activities.qinglangHeld', null)).toEqual({ num: 1, den: null });
    // as of 2025-06-30 (a quarter's last day) the quarter closing that day is Q2 itself
    const spec = indicator('activities.stationQuarterly');
    const q2 = (await env.owner.query(spec?.sql ?? '', ['2025-06-30', streets])).rows.find((x) => x.street_code === 'dinghai');
    expect(Number(q2.num)).toBe(1);

    const codes = (await district.get('/api/indicators')).json().items.map((i: { code: string }) => i.code);
    expect(codes).toEqual(
      expect.arrayContaining([
        'activities.committeeSafety',
        'activities.stationQuarterly',
        'activities.schoolPreHoliday',
        'activities.legalHeld',
        'activities.publicInterestHeld',
        'activities.onlineSafetyHeld',
        'activities.qinglangHeld',
      ]),
    );
    const dash = (await district.get('/api/dashboard')).json();
    const onDash = dash.indicators.filter((i: { code: string }) => i.code.startsWith('activities.'));
    expect(onDash.find((i: { code: string }) => i.code === 'activities.stationQuarterly').tasks).toEqual([30]);
  });
});
