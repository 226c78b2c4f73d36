import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '#common/idNumber.js';
import { testEnv, type TestEnv } from '../../../test/harness.js';

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
});
afterAll(async () => {
  await env?.close();
});

const committee = async (code: string) => (await env.owner.query<{ id: string }>('select id from committees where code = $1', [code])).rows[0]!.id;
let seq = 100;
/** A fresh valid identity number for a child born on `birth`. */
const newId = (birth = '2015-03-08', sex: 'M' | 'F' = 'F') => makeIdNumber('310110', birth, seq++, sex);
const base = async (over: Record<string, unknown> = {}) => ({
  name: '林小雨',
  hukou: 'local',
  committeeId: await committee('dinghai-02'),
  riskLevel: 'low',
  residenceAddress: '上海市杨浦区定海路100弄5号301室',
  phone: '13812345678',
  ...over,
});

describe('creating a file', () => {
  it('derives birth date and sex from the identity number, encrypts it, computes the next visit and keeps history', async () => {
    const a = await env.login('street-dinghai');
    const idNumber = newId('2016-05-20', 'M');
    const res = await a.post(
      '/api/children',
      await base({
        idNumber,
        categories: [{ category: 'orphan_scattered', since: '2026-01-10', sourceNote: '民政局认定' }],
        members: [
          { name: '林国华', relation: '祖父', role: 'guardian', phone: '13900001111' },
          { name: '林建', relation: '父亲', role: 'member', status: 'deceased', statusSince: '2025-06-01' },
        ],
      }),
    );
    expect(res.statusCode, res.body).toBe(201);
    const file = (await a.get(`/api/children/${res.json().id}`)).json();
    expect(file).toMatchObject({ birthDate: '2016-05-20', sex: 'M', streetCode: 'dinghai', riskLevel: 'low', status: 'active', version: 1 });
    expect(file.idNumberMasked).toBe(`${idNumber.slice(0, 6)}********${idNumber.slice(-4)}`);
    expect(file.residenceAddressMasked).not.toContain('100弄');
    expect(file.members.map((m: { relation: string; status: string }) => `${m.relation}:${m.status}`)).toEqual(['祖父:alive_fit', '父亲:deceased']);
    // scattered orphans are visited monthly whatever their risk level
    const reg = file.registeredOn;
    expect(new Date(file.nextVisitDue).getTime() - new Date(reg).getTime()).toBe(30 * 86_400_000);
    const raw = (await env.owner.query('select id_number_enc, phone_enc, id_number_tail from children where id = $1', [file.id])).rows[0];
    expect(raw.id_number_enc).not.toContain(idNumber.slice(6, 14));
    expect(raw.id_number_tail).toBe(idNumber.slice(-6));
    const history = (await a.get(`/api/children/${file.id}/history`)).json();
    expect(history.items.map((h: { action: string }) => h.action)).toContain('create');
  });

  it('registers a child without an identity number when birth date, sex and the reason are given', async () => {
    const a = await env.login('street-dinghai');
    const missing = await a.post('/api/children', await base({ name: '无证儿童' }));
    expect(missing.statusCode).toBe(400);
    expect(
      missing
        .json()
        .error.fields.map((f: { path: string }) => f.path)
        .sort(),
    ).toEqual(['birthDate', 'noIdNote', 'sex']);
    const ok = await a.post('/api/children', await base({ name: '无证儿童', birthDate: '2019-09-09', sex: 'F', noIdNote: '出生未落户' }));
    expect(ok.statusCode).toBe(201);
    const file = (await a.get(`/api/children/${ok.json().id}`)).json();
    expect(file).toMatchObject({ idNumberMasked: null, noIdNote: '出生未落户', birthDate: '2019-09-09' });
  });

  it('refuses invalid identity numbers and impossible dates with Chinese messages, writing nothing', async () => {
    const a = await env.login('street-dinghai');
    const good = newId();
    const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const before = (await env.owner.query('select count(*)::int as n from children')).rows[0].n;
    const r1 = await a.post('/api/children', await base({ idNumber: bad }));
    expect(r1.statusCode).toBe(400);
    expect(r1.json().error.fields[0]).toMatchObject({ path: 'idNumber', message: '身份证号校验位错误，请核对第18位' });
    const r2 = await a.post('/api/children', await base({ birthDate: '2099-01-01', sex: 'M', noIdNote: 'x' }));
    expect(r2.statusCode).toBe(400);
    const r3 = await a.post('/api/children', await base({ idNumber: newId(), committeeId: await committee('pingliang-01') }));
    expect(r3.statusCode).toBe(400);
    expect(r3.json().error.fields[0].message).toContain('不在您的辖区');
    expect((await env.owner.query('select count(*)::int as n from children')).rows[0].n).toBe(before);
  });

  it('prevents the same identity number twice in the district, saying only where to ask', async () => {
    const dinghai = await env.login('street-dinghai');
    const idNumber = newId('2014-02-02');
    expect((await dinghai.post('/api/children', await base({ idNumber, name: '重复测试' }))).statusCode).toBe(201);
    const again = await dinghai.post('/api/children', await base({ idNumber, name: '重复测试' }));
    expect(again.statusCode).toBe(409);
    const pingliang = await env.login('street-pingliang');
    const other = await pingliang.post('/api/children', await base({ idNumber, name: '另一个名字', committeeId: await committee('pingliang-01') }));
    expect(other.statusCode).toBe(409);
    // Another street is not told which street holds the number (issue 10.10).
    expect(other.json().error.message).toBe('已在本区登记，请联系区民政局');
    expect(other.body).not.toContain('重复测试');
    const check = (await pingliang.post('/api/children/check', { idNumber })).json();
    expect(check.duplicate.id).toBeNull();
    expect(check.duplicate.message).toBe('已在本区登记，请联系区民政局');
  });

  it('warns about a similar name and birth date anywhere in the district', async () => {
    const dinghai = await env.login('street-dinghai');
    await dinghai.post('/api/children', await base({ name: '相似甲', birthDate: '2018-08-08', sex: 'M', noIdNote: '待补' }));
    const pingliang = await env.login('street-pingliang');
    const res = await pingliang.post(
      '/api/children',
      await base({ name: '相似甲', birthDate: '2018-08-08', sex: 'M', noIdNote: '待补', committeeId: await committee('pingliang-02') }),
    );
    expect(res.statusCode).toBe(201);
    expect(res.json().warnings[0]).toContain('定海路街道');
  });
});

describe('changing a file', () => {
  it('refuses a stale version (two people editing), keeps the first change, and records field history with sensitive values hidden', async () => {
    const a = await env.login('street-dinghai');
    const b = await env.login('district');
    const id = (await a.post('/api/children', await base({ idNumber: newId('2013-01-01') }))).json().id;
    const first = await a.patch(`/api/children/${id}`, { version: 1, schoolStage: '初中', schoolName: '控江初级中学', phone: '13700002222' });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().version).toBe(2);
    const second = await b.patch(`/api/children/${id}`, { version: 1, schoolName: '别的学校' });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.code).toBe('VERSION_CONFLICT');
    const file = (await a.get(`/api/children/${id}`)).json();
    expect(file.schoolName).toBe('控江初级中学');
    const history = (await a.get(`/api/children/${id}/history`)).json().items;
    const phone = history.find((h: { field: string }) => h.field === 'phone');
    expect(phone.newValue).toBe('（已修改，内容不显示）');
    expect(JSON.stringify(history)).not.toContain('13700002222');
    expect(history.find((h: { field: string }) => h.field === 'schoolName')).toMatchObject({
      oldValue: null,
      newValue: '控江初级中学',
      username: 'street-dinghai',
    });
  });

  it('moves the next visit when the risk level changes (high risk: monthly)', async () => {
    const a = await env.login('street-dinghai');
    const id = (await a.post('/api/children', await base({ idNumber: newId('2012-12-12'), registeredOn: '2026-10-01' }))).json().id;
    expect((await a.get(`/api/children/${id}`)).json().nextVisitDue).toBe('2026-12-30'); // low: 90 days
    const after = (await a.patch(`/api/children/${id}`, { version: 1, riskLevel: 'high', riskReason: '监护人长期酗酒' })).json();
    expect(after.nextVisitDue).toBe('2026-10-31'); // high: 30 days
  });

  it('alerts education, police, civil affairs and the street office when a child of compulsory-education age drops out', async () => {
    const a = await env.login('street-dinghai');
    const id = (await a.post('/api/children', await base({ name: '周辍学', idNumber: newId('2015-04-04'), schoolStage: '小学' }))).json().id;
    await a.patch(`/api/children/${id}`, { version: 1, schoolStage: '辍学' });
    const rows = (
      await env.owner.query(
        `select u.username, n.title, n.body from notifications n join users u on u.id = n.user_id where n.entity_id = $1 order by u.username`,
        [id],
      )
    ).rows;
    // Those who can act on the file (定海二居民区: not the child director of 定海一); education and
    // police receive a 控辍保学 referral (协同), which tells their handlers: nothing is relayed.
    expect(rows.map((r) => r.username)).toEqual(['district', 'street-dinghai']);
    expect(rows.map((r) => r.username)).not.toContain('street-pingliang');
    expect(rows[0].body).toContain('周*学');
    expect(rows[0].body).not.toContain('周辍学');
    expect(rows[0].body).not.toContain('暂不能在平台查看儿童档案');
    const refs = (await env.owner.query(`select to_unit from referrals where child_id = $1 and kind = 'dropout' order by to_unit`, [id])).rows;
    expect(refs.map((r) => r.to_unit)).toEqual(['civil-affairs', 'education', 'police']);
    // A 17-year-old leaving school is not a compulsory-education case.
    const older = (await a.post('/api/children', await base({ name: '高中生', idNumber: newId('2009-01-01'), schoolStage: '高中' }))).json().id;
    await a.patch(`/api/children/${older}`, { version: 1, schoolStage: '辍学' });
    expect((await env.owner.query('select count(*)::int as n from notifications where entity_id = $1', [older])).rows[0].n).toBe(0);
  });

  it('keeps mental-health notes for permitted roles only', async () => {
    const sup = await env.login('street-dinghai');
    const id = (
      await sup.post(
        '/api/children',
        await base({ idNumber: newId('2011-11-11'), committeeId: await committee('dinghai-01'), mentalHealthNote: '曾有自伤行为，需心理干预' }),
      )
    ).json().id;
    expect((await sup.get(`/api/children/${id}`)).json().mentalHealthNote).toBe('曾有自伤行为，需心理干预');
    const director = await env.login('director-dinghai');
    const seen = (await director.get(`/api/children/${id}`)).json();
    expect(seen.mentalHealthNote).toBeNull();
    expect(seen.restricted).toEqual(['mentalHealthNote', 'hivInfected']);
    expect((await director.patch(`/api/children/${id}`, { version: seen.version, mentalHealthNote: 'x' })).statusCode).toBe(403);
  });

  it("records parents' statuses with dates, categories with periods, and unmasks a member only with a reason", async () => {
    const a = await env.login('street-dinghai');
    const id = (await a.post('/api/children', await base({ idNumber: newId('2017-07-07') }))).json().id;
    const father = makeIdNumber('310110', '1985-03-03', 77, 'M');
    const m = await a.post(`/api/children/${id}/members`, {
      name: '吴强',
      relation: '父亲',
      role: 'member',
      idNumber: father,
      status: 'imprisoned',
      statusUntil: '2029-06-30',
    });
    expect(m.statusCode, m.body).toBe(201);
    const cat = (await a.post(`/api/children/${id}/categories`, { category: 'guardianship_missing', since: '2026-02-01', sourceNote: '父亲服刑' })).json().id;
    expect((await a.post(`/api/children/${id}/categories`, { category: 'guardianship_missing', since: '2026-03-01' })).statusCode).toBe(409);
    const file = (await a.get(`/api/children/${id}`)).json();
    expect(file.members[0]).toMatchObject({ status: 'imprisoned', statusUntil: '2029-06-30', birthDate: '1985-03-03', sex: 'M' });
    expect(file.categories[0]).toMatchObject({ category: 'guardianship_missing', label: '监护缺失', until: null });
    expect((await a.post(`/api/children/${id}/categories/${cat}/end`, { until: '2026-11-01' })).statusCode).toBe(204);
    const unmasked = (await a.post(`/api/children/${id}/members/${m.json().id}/unmask`, { reason: '核实监护情况' })).json();
    expect(unmasked.idNumber).toBe(father);
    expect(file.version).toBe(3);
  });
});

describe('status lifecycle', () => {
  it('closes with a reason, refuses edits while closed, and reopens', async () => {
    const a = await env.login('street-dinghai');
    // 18 by now: the file is kept while the young person is still at school.
    const id = (await a.post('/api/children', await base({ idNumber: newId('2008-01-02'), over18Reason: 'full_time_school' }))).json().id;
    expect((await a.post(`/api/children/${id}/close`, { reason: 'aged_out', closedOn: '2026-11-01', version: 1 })).statusCode).toBe(200);
    const closed = (await a.get(`/api/children/${id}`)).json();
    expect(closed).toMatchObject({ status: 'closed', closedReason: 'aged_out', nextVisitDue: null });
    expect((await a.patch(`/api/children/${id}`, { version: 2, schoolName: 'x' })).statusCode).toBe(409);
    expect((await a.post(`/api/children/${id}/reopen`, { note: '复学，继续跟进', version: 2 })).statusCode).toBe(200);
    expect((await a.get(`/api/children/${id}`)).json()).toMatchObject({ status: 'active', closedReason: null });
  });

  it('transfers a file to another street: the file and its history move, the sender loses it, both see the transfer', async () => {
    const dinghai = await env.login('street-dinghai');
    const id = (await dinghai.post('/api/children', await base({ name: '转出儿童', idNumber: newId('2014-06-06') }))).json().id;
    await dinghai.patch(`/api/children/${id}`, { version: 1, schoolName: '平凉路小学' });
    const to = await committee('pingliang-03');
    const res = await dinghai.post(`/api/children/${id}/transfer`, { toCommitteeId: to, reason: '随监护人搬迁至平凉路', version: 2 });
    expect(res.statusCode, res.body).toBe(200);
    expect((await dinghai.get(`/api/children/${id}`)).statusCode).toBe(404);
    const pingliang = await env.login('street-pingliang');
    const file = (await pingliang.get(`/api/children/${id}`)).json();
    expect(file).toMatchObject({ streetCode: 'pingliang', committeeId: to, schoolName: '平凉路小学' });
    const history = (await pingliang.get(`/api/children/${id}/history`)).json().items.map((h: { action: string }) => h.action);
    expect(history).toEqual(expect.arrayContaining(['create', 'update', 'transfer']));
    const transfers = (await env.owner.query('select from_street, to_street from child_transfers where child_id = $1', [id])).rows;
    expect(transfers).toEqual([{ from_street: 'dinghai', to_street: 'pingliang' }]);
    // a director cannot transfer
    const director = await env.login('director-dinghai');
    expect((await director.post(`/api/children/${id}/transfer`, { toCommitteeId: to, reason: 'xx', version: 3 })).statusCode).toBe(403);
  });
});

describe('search and list', () => {
  it("finds children by name, full pinyin, pinyin initials and the last 4-6 identity digits, only within the caller's area", async () => {
    const dinghai = await env.login('street-dinghai');
    const idNumber = newId('2015-10-10', 'F');
    const id = (await dinghai.post('/api/children', await base({ name: '欧阳晓燕', idNumber }))).json().id;
    const find = async (agent: typeof dinghai, q: string) =>
      (await agent.post('/api/children/search', { q, pageSize: 50 })).json().items.map((c: { id: string }) => c.id);
    for (const q of ['欧阳', 'ouyangxiao', 'oyxy', 'OYX', idNumber.slice(-4), idNumber.slice(-6)]) expect(await find(dinghai, q), q).toContain(id);
    const pingliang = await env.login('street-pingliang');
    expect(await find(pingliang, idNumber.slice(-6))).not.toContain(id);
    expect(await find(pingliang, '欧阳晓燕')).not.toContain(id);
  });

  it('filters by category, risk and overdue visits, sorts, paginates, and saves filters', async () => {
    const a = await env.login('street-dinghai');
    const all = (await a.post('/api/children/search', { pageSize: 200 })).json();
    expect(all.items.every((c: { streetCode: string }) => c.streetCode === 'dinghai')).toBe(true);
    const high = (await a.post('/api/children/search', { risk: 'high', pageSize: 200 })).json();
    expect(high.items.every((c: { riskLevel: string }) => c.riskLevel === 'high')).toBe(true);
    const orphans = (await a.post('/api/children/search', { category: 'orphan_scattered', pageSize: 200 })).json();
    expect(orphans.items.every((c: { categories: string[] }) => c.categories.includes('orphan_scattered'))).toBe(true);
    await env.owner.query(`update children set next_visit_due = current_date - (random() * 60)::int - 1 where street_code = 'dinghai' and risk_level = 'high'`);
    const overdue = (await a.post('/api/children/search', { overdue: true, sort: 'nextVisitDue', pageSize: 5 })).json();
    expect(overdue.total).toBeGreaterThan(0);
    expect(overdue.items[0].overdueDays).toBeGreaterThanOrEqual(overdue.items.at(-1).overdueDays);
    const byBirth = (await a.post('/api/children/search', { sort: 'birthDate', order: 'desc', pageSize: 3, page: 2 })).json();
    expect(byBirth.page).toBe(2);
    expect(byBirth.items[0].birthDate >= byBirth.items[2].birthDate).toBe(true);
    const saved = await a.post('/api/saved-filters', { name: '我的逾期走访', params: { overdue: true, sort: 'nextVisitDue' } });
    expect(saved.statusCode).toBe(201);
    expect((await a.get('/api/saved-filters')).json().items[0]).toMatchObject({ name: '我的逾期走访', params: { overdue: true } });
    const other = await env.login('district');
    expect((await other.get('/api/saved-filters')).json().items).toEqual([]);
    expect((await other.delete(`/api/saved-filters/${saved.json().id}`)).statusCode).toBe(404);
  });
});

describe('child data tables', () => {
  it('lists every table that carries a child id and area keys, so transfers and merges move all of them', async () => {
    const { CHILD_DATA_TABLES } = await import('./childDataTables.js');
    const { rows } = await env.owner.query<{ table_name: string }>(
      `select c.table_name from information_schema.columns c where c.table_schema = 'public' and c.column_name = 'child_id'
       and exists (select 1 from information_schema.columns k where k.table_name = c.table_name and k.column_name = 'committee_id')
       and c.table_name <> 'children' and c.table_name <> all($1) order by 1`,
      // access_views: the committee a file had when someone viewed it (the unusual-area watch compares
      // it with the viewer's history) — a record of the viewing, left as it was by a transfer
      [['access_views']],
    );
    expect([...CHILD_DATA_TABLES].sort()).toEqual(rows.map((r) => r.table_name).sort());
  });
});

describe('corrections found in use', () => {
  it("edits a member's sex and birth date when there is no identity number, and records committees by name", async () => {
    const a = await env.login('street-dinghai');
    const id = (
      await a.post(
        '/api/children',
        await base({ idNumber: newId('2016-02-02'), members: [{ name: '外婆', relation: '外祖母', role: 'caregiver', sex: 'M', birthDate: '1950-01-01' }] }),
      )
    ).json().id;
    const file = (await a.get(`/api/children/${id}`)).json();
    expect((await a.patch(`/api/children/${id}/members/${file.members[0].id}`, { sex: 'F', birthDate: '1951-02-02' })).statusCode).toBe(204);
    const after = (await a.get(`/api/children/${id}`)).json();
    expect(after.members[0]).toMatchObject({ sex: 'F', birthDate: '1951-02-02' });
    await a.patch(`/api/children/${id}`, { version: after.version, committeeId: await committee('dinghai-03') });
    const h = (await a.get(`/api/children/${id}/history`)).json().items.find((x: { field: string }) => x.field === 'committee');
    const names = (await env.owner.query(`select code, name from committees where code in ('dinghai-02', 'dinghai-03') order by code`)).rows.map((r) => r.name);
    expect(h).toMatchObject({ oldValue: names[0], newValue: names[1] });
  });

  it('gives seeded files a "create" history row', async () => {
    const n = (await env.owner.query(`select count(*)::int as n from children c where not exists (select 1 from child_history h where h.child_id = c.id)`))
      .rows[0].n;
    expect(n).toBe(0);
  });
});
