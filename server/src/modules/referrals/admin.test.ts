/**
 * 协同 administration: the service directory (what the send form offers for a kind and a child),
 * the kinds' sections, the settings and the working-day calendar — who may change them, the
 * refusals in Chinese with nothing written, the version check and the audit rows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEnv, type Agent, type TestEnv } from '../../../test/harness.js';

let env: TestEnv;
let district: Agent;
let street: Agent;
let edu: Agent;
let child: { id: string; birth_date: string };
let otherChild: string;

beforeAll(async () => {
  env = await testEnv();
  district = await env.login('district');
  street = await env.login('street-dinghai');
  edu = await env.login('edu');
  child = (
    await env.owner.query(
      `select id, to_char(birth_date, 'YYYY-MM-DD') as birth_date from children where street_code = 'dinghai' and status = 'active'
          and birth_date > current_date - interval '15 years' order by id limit 1`,
    )
  ).rows[0];
  otherChild = (await env.owner.query(`select id from children where street_code = 'pingliang' and status = 'active' order by id limit 1`)).rows[0].id;
});
afterAll(async () => {
  await env?.close();
});

const units = (res: { json(): { items: { unitCode: string }[] } }) => res.json().items.map((i) => i.unitCode);
const auditCount = async (action: string) => (await env.owner.query('select count(*)::int as n from audit_log where action = $1', [action])).rows[0].n;
const first = (res: { json(): { error: { fields?: { message: string }[] } } }) => res.json().error.fields?.[0]?.message;
const fields = (res: { json(): { error: { fields?: { path: string; message: string }[] } } }) => res.json().error.fields ?? [];

describe('the service directory', () => {
  it('lists the units taking a kind, and for a child only those covering its age and street, never the caller’s own unit', async () => {
    const all = await edu.get('/api/referral-receivers');
    expect(all.statusCode, all.body).toBe(200);
    expect(units(all)).toEqual(expect.arrayContaining(['civil-affairs', 'education', 'police', 'procuratorate']));
    expect(units(await street.get('/api/referral-receivers?kind=fee_waiver'))).toEqual(['education']);
    const harm = await street.get(`/api/referral-receivers?kind=harm&childId=${child.id}`);
    expect(harm.statusCode, harm.body).toBe(200);
    expect(units(harm).sort()).toEqual(['civil-affairs', 'police', 'procuratorate']);
    expect(units(await district.get(`/api/referral-receivers?kind=harm&childId=${child.id}`))).not.toContain('civil-affairs');
    // a child outside the caller's area: 404; a child without a kind: 400
    expect((await street.get(`/api/referral-receivers?kind=harm&childId=${otherChild}`)).statusCode).toBe(404);
    const noKind = await street.get(`/api/referral-receivers?childId=${child.id}`);
    expect(noKind.statusCode).toBe(400);
    expect(first(noKind)).toBe('按儿童筛选接收单位时须同时选择转介类型');
    expect((await env.agent().get('/api/referral-receivers')).statusCode).toBe(401);
    expect((await (await env.login('auditor')).get('/api/referral-receivers')).statusCode).toBe(403);
  });

  it('an entry changed with its version narrows what the send form offers and what may be sent', async () => {
    const entry = (await district.get('/api/referral-receivers')).json().items.find((i: { unitCode: string }) => i.unitCode === 'education');
    const body = { ...entry, minAge: 6, maxAge: 15, streets: ['pingliang'], contactName: '刘老师', contactPhone: '021-6543 2100', capacity: 40 };
    for (const k of ['id', 'unitName', 'unitKind']) delete body[k];
    const audits = await auditCount('referral_receiver.update');

    expect((await edu.patch(`/api/referral-receivers/${entry.id}`, body)).statusCode).toBe(403);
    const bad = await district.patch(`/api/referral-receivers/${entry.id}`, { ...body, minAge: 16 });
    expect(bad.statusCode).toBe(400);
    expect(first(bad)).toBe('最大年龄不能小于最小年龄');
    const badStreet = await district.patch(`/api/referral-receivers/${entry.id}`, { ...body, streets: ['atlantis'], kinds: ['fee_waiver', 'teleport'] });
    expect(badStreet.statusCode).toBe(400);
    expect(fields(badStreet).map((f) => f.message)).toEqual(['转介类型不存在：teleport', '街道不存在：atlantis']);
    const otherUnit = await district.patch(`/api/referral-receivers/${entry.id}`, { ...body, unitCode: 'police' });
    expect(otherUnit.statusCode).toBe(400);
    const noVersion = await district.patch(`/api/referral-receivers/${entry.id}`, { ...body, version: undefined });
    expect(noVersion.statusCode).toBe(400);
    expect(first(noVersion)).toBe('缺少版本号，请刷新后再改');
    expect(await auditCount('referral_receiver.update')).toBe(audits);

    const ok = await district.patch(`/api/referral-receivers/${entry.id}`, body);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ minAge: 6, maxAge: 15, streets: ['pingliang'], capacity: 40, version: entry.version + 1 });
    const stale = await district.patch(`/api/referral-receivers/${entry.id}`, body);
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
    expect(await auditCount('referral_receiver.update')).toBe(audits + 1);

    expect(units(await street.get(`/api/referral-receivers?kind=fee_waiver&childId=${child.id}`))).toEqual([]);
    const refused = await street.post('/api/referrals', { childId: child.id, kind: 'fee_waiver', toUnit: 'education', reason: '申请减免' });
    expect(refused.statusCode).toBe(400);
    expect(first(refused)).toMatch(/只接收 6-15 周岁 的儿童|服务范围不包括该儿童所在街道/);
  });

  it('adds a unit once; a second entry for it is refused', async () => {
    const unit = (await env.owner.query(`select code from units where active and code not in (select unit_code from referral_receivers) order by code limit 1`))
      .rows[0].code;
    const body = { unitCode: unit, kinds: ['service'], streets: [], services: '课后托管、暑期看护' };
    expect((await street.post('/api/referral-receivers', body)).statusCode).toBe(403);
    const unknown = await district.post('/api/referral-receivers', { ...body, unitCode: 'no-such-unit' });
    expect(unknown.statusCode).toBe(400);
    expect(first(unknown)).toBe('单位不存在');
    const empty = await district.post('/api/referral-receivers', { ...body, kinds: [] });
    expect(empty.statusCode).toBe(400);
    expect(first(empty)).toBe('请至少选择一种接收的转介类型');
    const created = await district.post('/api/referral-receivers', body);
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ unitCode: unit, kinds: ['service'], active: true, version: 1 });
    const again = await district.post('/api/referral-receivers', body);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toBe('该单位已在服务目录中，请修改原有条目');
    expect((await env.owner.query('select count(*)::int as n from referral_receivers where unit_code = $1', [unit])).rows[0].n).toBe(1);
    expect(await auditCount('referral_receiver.create')).toBe(1);
  });
});

describe('kinds and settings', () => {
  it('a kind’s sections always include identity; the change is audited', async () => {
    const noIdentity = await district.patch('/api/referral-kinds/fee_waiver', { sections: ['school', 'benefits'], defaultDays: 10, active: true });
    expect(noIdentity.statusCode).toBe(400);
    expect(first(noIdentity)).toBe('身份信息必须开放');
    expect((await edu.patch('/api/referral-kinds/fee_waiver', { sections: ['identity'], defaultDays: 10, active: true })).statusCode).toBe(403);
    expect((await district.patch('/api/referral-kinds/teleport', { sections: ['identity'], defaultDays: 10, active: true })).statusCode).toBe(404);
    const ok = await district.patch('/api/referral-kinds/fee_waiver', { sections: ['identity', 'school'], defaultDays: 7, active: true });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ code: 'fee_waiver', sections: ['identity', 'school'], defaultDays: 7 });
    const audit = (await env.owner.query(`select summary from audit_log where action = 'referral_kind.update'`)).rows;
    expect(audit).toHaveLength(1);
    expect(audit[0].summary).toMatchObject({ code: 'fee_waiver', before: { defaultDays: 10 }, after: { defaultDays: 7, sections: ['identity', 'school'] } });
    const kinds = (await street.get('/api/referral-kinds')).json().items;
    expect(kinds.find((k: { code: string }) => k.code === 'fee_waiver').sections).toEqual(['identity', 'school']);
  });

  it('settings: read and replaced by the managers only, bounds in Chinese, audited', async () => {
    const res = await district.get('/api/referral-settings');
    expect(res.statusCode, res.body).toBe(200);
    const current: Record<string, number> = res.json();
    expect(res.json()).toEqual({ accessDaysAfter: 30, ackWorkingDays: 1, channelAckHours: 2, remindBeforeDays: 1, districtAfterDays: 2 });
    expect((await edu.get('/api/referral-settings')).statusCode).toBe(403);
    const bad = await district.put('/api/referral-settings', { ...current, channelAckHours: 0 });
    expect(bad.statusCode).toBe(400);
    expect(first(bad)).toBe('签收时限至少 1 小时');
    const ok = await district.put('/api/referral-settings', { ...current, channelAckHours: 3, accessDaysAfter: 15 });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await district.get('/api/referral-settings')).json()).toMatchObject({ channelAckHours: 3, accessDaysAfter: 15 });
    const audit = (await env.owner.query(`select summary from audit_log where action = 'referral_settings.update'`)).rows;
    expect(audit).toHaveLength(1);
    expect(audit[0].summary).toMatchObject({ before: { channelAckHours: 2 }, after: { channelAckHours: 3, accessDaysAfter: 15 } });
  });
});

describe('the working-day calendar', () => {
  const NATIONAL_DAY_2027 = [
    { day: '2027-10-01', kind: 'holiday', note: '国庆节' },
    { day: '2027-10-04', kind: 'holiday', note: '国庆节' },
    { day: '2027-10-05', kind: 'holiday', note: '国庆节' },
    { day: '2027-10-06', kind: 'holiday', note: '国庆节' },
    { day: '2027-10-07', kind: 'holiday', note: '国庆节' },
    { day: '2027-09-26', kind: 'workday', note: '国庆节调休' },
    { day: '2027-10-09', kind: 'workday', note: '国庆节调休' },
  ];

  it('refuses a holiday on a weekend, a working day on a weekday, another year’s day and a repeated day, writing nothing', async () => {
    const bad = await district.put('/api/work-calendar?year=2027', {
      items: [
        { day: '2027-10-01', kind: 'holiday', note: '国庆节' },
        { day: '2027-10-02', kind: 'holiday', note: '国庆节' },
        { day: '2027-10-08', kind: 'workday', note: '' },
        { day: '2028-01-03', kind: 'holiday', note: '' },
        { day: '2027-10-01', kind: 'holiday', note: '' },
      ],
    });
    expect(bad.statusCode).toBe(400);
    expect(fields(bad)).toEqual([
      { path: 'items.1.day', message: '2027-10-02 是周六，本来就不上班，无需列为放假日' },
      { path: 'items.2.day', message: '2027-10-08 是周五，本来就是工作日，无需列为调休上班日' },
      { path: 'items.3.day', message: '2028-01-03 不在 2027 年内' },
      { path: 'items.4.day', message: '2027-10-01 重复列出' },
    ]);
    expect((await env.owner.query(`select count(*)::int as n from work_calendar where day >= '2027-01-01'`)).rows[0].n).toBe(0);
    const badDate = await district.put('/api/work-calendar?year=2027', { items: [{ day: '2027-13-01', kind: 'holiday' }] });
    expect(badDate.statusCode).toBe(400);
    expect((await district.get('/api/work-calendar?year=abc')).statusCode).toBe(400);
    expect((await edu.put('/api/work-calendar?year=2027', { items: NATIONAL_DAY_2027 })).statusCode).toBe(403);
  });

  it('replaces a year’s exceptions, and the deadlines count with them', async () => {
    const put = await district.put('/api/work-calendar?year=2027', { items: NATIONAL_DAY_2027 });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json().items.map((d: { day: string }) => d.day)).toEqual([
      '2027-09-26',
      '2027-10-01',
      '2027-10-04',
      '2027-10-05',
      '2027-10-06',
      '2027-10-07',
      '2027-10-09',
    ]);
    // a referral sent on 2027-09-30 (Thursday) must be acknowledged by the end of 10-08, not 10-01
    env.clock.now = Date.parse('2027-09-30T10:00:00+08:00');
    const s = await env.login('street-dinghai');
    const r = await s.post('/api/referrals', { childId: child.id, kind: 'dropout', toUnit: 'police', reason: '节前未返校', dueOn: '2027-10-20' });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().ackDueAt).toBe(new Date(Date.parse('2027-10-08T23:59:59.999+08:00')).toISOString());

    district = await env.login('district'); // the clock moved: a new session
    const replaced = await district.put('/api/work-calendar?year=2027', { items: NATIONAL_DAY_2027.slice(0, 1) });
    expect(replaced.statusCode, replaced.body).toBe(200);
    expect((await district.get('/api/work-calendar?year=2027')).json()).toEqual({
      year: 2027,
      items: [{ day: '2027-10-01', kind: 'holiday', note: '国庆节' }],
    });
    const audit = (await env.owner.query(`select summary from audit_log where action = 'work_calendar.replace' order by id`)).rows;
    expect(audit).toHaveLength(2);
    expect(audit[1].summary.removed).toHaveLength(6);
  });
});
