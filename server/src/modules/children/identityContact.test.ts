/**
 * Identity numbers on the way in (issue 8, 10.10) and reaching the family (issue 9.4): the duplicate
 * check normalises like creation, answers in Chinese and names another street only to those who may
 * see it; a file for someone 18 or older needs its reason; the visiting roles reveal the family's
 * contact details with a reason, audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkDigit, makeIdNumber } from '#common/idNumber.js';
import { testEnv, type TestEnv } from '../../../test/harness.js';

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
});
afterAll(async () => {
  await env?.close();
});

const committee = async (code: string) => (await env.owner.query<{ id: string }>('select id from committees where code = $1', [code])).rows[0]!.id;
let seq = 300;
const newId = (birth = '2015-03-08', sex: 'M' | 'F' = 'F') => makeIdNumber('310110', birth, (seq += 2), sex);
const base = async (over: Record<string, unknown> = {}) => ({
  name: '周小安',
  hukou: 'local',
  committeeId: await committee('dinghai-01'),
  riskLevel: 'low',
  residenceAddress: '上海市杨浦区定海路200弄3号402室',
  phone: '13812340000',
  ...over,
});
const fullWidth = (s: string) =>
  Array.from(s)
    .map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0))
    .join('');
const count = async () => (await env.owner.query<{ n: number }>('select count(*)::int as n from children')).rows[0]!.n;
const today = () => new Date(env.clock.now + 8 * 3_600_000).toISOString().slice(0, 10);
const yearsAgo = (n: number, days = 0) => {
  const d = new Date(`${today()}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() - n);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

describe('/api/children/check', () => {
  it('finds a duplicate written with full-width digits, spaces or a lower-case x', async () => {
    const a = await env.login('street-dinghai');
    let idNumber = newId('2014-06-01');
    while (idNumber[17] !== 'X') idNumber = newId('2014-06-01');
    expect((await a.post('/api/children', await base({ idNumber }))).statusCode).toBe(201);
    for (const written of [
      fullWidth(idNumber),
      `${idNumber.slice(0, 6)} ${idNumber.slice(6, 14)} ${idNumber.slice(14).toLowerCase()}`,
      ` ${idNumber.toLowerCase()}\u3000`,
    ]) {
      const r = await a.post('/api/children/check', { idNumber: written });
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json().duplicate).toMatchObject({ message: '该身份证号已在您的辖区建档' });
      expect(r.json().duplicate.id).toBeTruthy();
    }
  });

  it('answers in Chinese: a wrong number says what is wrong, a long one is not a schema message', async () => {
    const a = await env.login('street-dinghai');
    const spaced = await a.post('/api/children/check', { idNumber: '310110 2015 0101 123' });
    expect(spaced.statusCode).toBe(400);
    // inner spaces are removed, so the count is of the digits
    expect(spaced.json().error.fields[0]).toMatchObject({ path: 'idNumber', message: '身份证号应为18位，当前为17位' });
    expect(spaced.body).not.toMatch(/Too big|expected/);
    const first17 = '31011018990501123';
    const old = await a.post('/api/children/check', { idNumber: first17 + checkDigit(first17) });
    expect(old.json().error.fields[0].message).toBe('身份证号中的出生日期 1899-05-01 早于 1900 年，请核对第7-14位');
    const huge = await a.post('/api/children/check', { idNumber: '1'.repeat(80) });
    expect(huge.statusCode).toBe(400);
    expect(huge.body).not.toMatch(/Too big|expected/);
  });

  it('tells a user of another street only that the number is registered (issue 10.10); the district sees where', async () => {
    const dinghai = await env.login('street-dinghai');
    const idNumber = newId('2013-03-03');
    expect((await dinghai.post('/api/children', await base({ idNumber, name: '隐私测试' }))).statusCode).toBe(201);
    const pingliang = await env.login('street-pingliang');
    const r = (await pingliang.post('/api/children/check', { idNumber: fullWidth(idNumber) })).json();
    expect(r.duplicate).toEqual({ id: null, message: '已在本区登记，请联系区民政局' });
    expect(JSON.stringify(r)).not.toContain('定海');
    // Creating it answers the same: no street named.
    const create = await pingliang.post('/api/children', await base({ idNumber, committeeId: await committee('pingliang-01') }));
    expect(create.statusCode).toBe(409);
    expect(create.json().error.message).toBe('已在本区登记，请联系区民政局');
    expect(create.body).not.toContain('定海');
    // A director of another committee of the same street does not see that street either.
    const director = await env.login('director-dinghai');
    const other = newId('2013-04-04');
    expect((await dinghai.post('/api/children', await base({ idNumber: other, committeeId: await committee('dinghai-02') }))).statusCode).toBe(201);
    expect((await director.post('/api/children/check', { idNumber: other })).json().duplicate.message).toBe('已在本区登记，请联系区民政局');
  });
});

describe('a file for someone 18 or older', () => {
  it('pre-1900 and future dates say what is wrong with the date', async () => {
    const a = await env.login('street-dinghai');
    const first17 = `310110${yearsAgo(-1).replace(/-/g, '')}123`;
    const r = await a.post('/api/children', await base({ idNumber: first17 + checkDigit(first17) }));
    expect(r.statusCode).toBe(400);
    expect(r.json().error.fields[0].message).toBe(`身份证号中的出生日期 ${yearsAgo(-1)} 晚于今天，请核对第7-14位`);
  });

  it('is refused without a reason, saying what to add, and writes nothing', async () => {
    const a = await env.login('street-dinghai');
    const before = await count();
    const adult = newId(yearsAgo(18));
    const r = await a.post('/api/children', await base({ idNumber: adult }));
    expect(r.statusCode).toBe(400);
    expect(r.json().error.fields[0].path).toBe('over18Reason');
    expect(r.json().error.message).toContain('已年满18周岁');
    expect(r.json().error.message).toContain('over18Reason');
    // without an identity number too
    const noId = await a.post('/api/children', await base({ birthDate: yearsAgo(19), sex: 'M', noIdNote: '未落户' }));
    expect(noId.statusCode).toBe(400);
    expect(noId.json().error.fields[0].path).toBe('over18Reason');
    const other = await a.post('/api/children', await base({ idNumber: adult, over18Reason: 'other' }));
    expect(other.statusCode).toBe(400);
    expect(other.json().error.fields[0]).toMatchObject({ path: 'over18Note' });
    expect(await count()).toBe(before);
  });

  it('is created with the reason, which the file shows and the audit row records; one day younger needs none', async () => {
    const a = await env.login('street-dinghai');
    const r = await a.post('/api/children', await base({ idNumber: newId(yearsAgo(18)), over18Reason: 'full_time_school', over18Note: '高三在读' }));
    expect(r.statusCode, r.body).toBe(201);
    const file = (await a.get(`/api/children/${r.json().id}`)).json();
    expect(file).toMatchObject({ age: 18, over18Reason: 'full_time_school', over18Note: '高三在读' });
    const audit = (await env.owner.query(`select summary from audit_log where action = 'child.create' and entity_id = $1`, [file.id])).rows[0];
    expect(audit.summary.over18Reason).toBe('full_time_school');
    const young = await a.post('/api/children', await base({ idNumber: newId(yearsAgo(18, 1)), over18Reason: 'full_time_school' }));
    expect(young.statusCode, young.body).toBe(201);
    expect((await a.get(`/api/children/${young.json().id}`)).json()).toMatchObject({ age: 17, over18Reason: null });
  });
});

describe('history shows people by name', () => {
  it('each entry carries the display name of who changed it (the login stays for the record)', async () => {
    const a = await env.login('street-dinghai');
    const id = (await a.post('/api/children', await base({ idNumber: newId('2017-07-07') }))).json().id;
    expect((await a.patch(`/api/children/${id}`, { version: 1, phone: '13912345678' })).statusCode).toBe(200);
    const name = (await env.owner.query(`select display_name from users where username = 'street-dinghai'`)).rows[0].display_name;
    expect(name).not.toBe('street-dinghai');
    const items = (await a.get(`/api/children/${id}/history`)).json().items;
    expect(items.every((h: { userDisplayName: string; username: string }) => h.userDisplayName === name && h.username === 'street-dinghai')).toBe(true);
    // a changed phone: both sides hidden, never the number (the interface says only "联系电话已修改")
    const phone = items.find((h: { field: string }) => h.field === 'phone');
    expect(phone).toMatchObject({ oldValue: '（已修改，内容不显示）', newValue: '（已修改，内容不显示）' });
  });
});

describe('reaching the family (联系家庭)', () => {
  let childId: string;
  let otherCommitteeChild: string;
  beforeAll(async () => {
    const a = await env.login('street-dinghai');
    const r = await a.post(
      '/api/children',
      await base({
        idNumber: newId('2016-01-01'),
        members: [
          { name: '周大山', relation: '父亲', role: 'guardian', phone: '13900002222' },
          { name: '王阿婆', relation: '外祖母', role: 'caregiver', phone: '021-65550000' },
          { name: '周小哥', relation: '兄弟姐妹', role: 'member', phone: '13700003333' },
        ],
      }),
    );
    childId = r.json().id;
    otherCommitteeChild = (await a.post('/api/children', await base({ idNumber: newId('2016-02-02'), committeeId: await committee('dinghai-02') }))).json().id;
  });

  it('a child director reveals the phones and address of a child of the committee, with a reason, audited', async () => {
    const d = await env.login('director-dinghai');
    const file = (await d.get(`/api/children/${childId}`)).json();
    expect(file.can.contact).toBe(true);
    expect(file.members[0].phoneMasked).toBe('139****2222');
    const r = await d.post(`/api/children/${childId}/contact`, { reason: '电话预约入户走访' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toEqual({
      phone: '13812340000',
      residenceAddress: '上海市杨浦区定海路200弄3号402室',
      members: [
        { id: expect.any(String), name: '周大山', relation: '父亲', role: 'guardian', phone: '13900002222' },
        { id: expect.any(String), name: '王阿婆', relation: '外祖母', role: 'caregiver', phone: '021-65550000' },
      ],
    });
    const audit = (await env.owner.query(`select reason, username, outcome from audit_log where action = 'child.contact.reveal' and entity_id = $1`, [childId]))
      .rows;
    expect(audit).toEqual([expect.objectContaining({ reason: '电话预约入户走访', username: 'director-dinghai' })]);
  });

  it('requires a reason (nothing revealed, nothing audited as a reveal)', async () => {
    const d = await env.login('director-dinghai');
    const n = async () => (await env.owner.query(`select count(*)::int as n from audit_log where action = 'child.contact.reveal'`)).rows[0].n;
    const before = await n();
    for (const body of [{}, { reason: ' ' }]) {
      const r = await d.post(`/api/children/${childId}/contact`, body);
      expect(r.statusCode).toBe(400);
      expect(r.json().error.fields[0]).toMatchObject({ path: 'reason', message: expect.stringContaining('请说明查看原因') });
      expect(r.body).not.toContain('1390000');
    }
    expect(await n()).toBe(before);
  });

  it("answers 404 outside the caller's committee or street, and 403 to roles that do not visit families", async () => {
    const d = await env.login('director-dinghai');
    expect((await d.post(`/api/children/${otherCommitteeChild}/contact`, { reason: '电话预约入户走访' })).statusCode).toBe(404);
    const p = await env.login('street-pingliang');
    expect((await p.post(`/api/children/${childId}/contact`, { reason: '电话预约入户走访' })).statusCode).toBe(404);
    const s = await env.login('street-dinghai');
    expect((await s.post(`/api/children/${otherCommitteeChild}/contact`, { reason: '电话预约入户走访' })).statusCode).toBe(200);
    const leader = await env.login('leader');
    expect((await leader.post(`/api/children/${childId}/contact`, { reason: '电话预约入户走访' })).statusCode).toBe(403);
  });
});
