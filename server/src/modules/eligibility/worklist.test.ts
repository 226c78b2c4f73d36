/** 免申即享 work lists at scale (issue 9, item 8): filters, grouping by child, 分配给我, Excel export. */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '#common/idNumber.js';
import { testEnv, type Agent, type TestEnv } from '../../../test/harness.js';

let env: TestEnv;
let street: Agent;
let district: Agent;
const SCATTERED = 'basic-living-allowance-orphan-scattered';
const committeeId = async (code: string) => (await env.owner.query<{ id: string }>('select id from committees where code = $1', [code])).rows[0]!.id;
let seq = 700;
async function orphan(committee: string, birthDate: string, name: string, who: Agent = street): Promise<string> {
  const res = await who.post('/api/children', {
    name,
    birthDate,
    sex: 'M',
    idNumber: makeIdNumber('310110', birthDate, seq++, 'M'),
    hukou: 'local',
    riskLevel: 'low',
    committeeId: await committeeId(committee),
    categories: [{ category: 'orphan_scattered', since: '2024-01-01' }],
    members: [
      { name: '父', relation: '父亲', role: 'member', status: 'deceased', statusSince: '2023-01-01' },
      { name: '母', relation: '母亲', role: 'member', status: 'deceased', statusSince: '2023-02-01' },
    ],
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}
let young: string;
let older: string;
let other: string;
let pingliangChild: string;
let c01: string;
beforeAll(async () => {
  env = await testEnv();
  street = await env.login('street-dinghai');
  district = await env.login('district');
  c01 = await committeeId('dinghai-01');
  young = await orphan('dinghai-01', '2021-03-03', '清单幼儿'); // 5 in Dec 2026
  older = await orphan('dinghai-01', '2012-03-03', '清单少年'); // 14
  other = await orphan('dinghai-04', '2014-06-06', '清单其他');
  pingliangChild = await orphan('pingliang-01', '2013-01-01', '清单平凉', await env.login('street-pingliang'));
});
afterAll(async () => {
  await env?.close();
});

type Item = { childId: string; policy: string; age: number; assignee: string | null; assignedToMe: boolean };
const list = async (who: Agent, q: string) => {
  const res = await who.get(`/api/eligibility/worklist?kind=eligible-not-receiving&pageSize=200&${q}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { items: Item[]; total: number };
};
const ids = (r: { items: { childId: string }[] }) => new Set(r.items.map((i) => i.childId));

describe('filters', () => {
  it('filters by committee, street, policy and age, server-side and paged', async () => {
    const byCommittee = await list(street, `committee=${c01}`);
    expect(ids(byCommittee).has(young) && ids(byCommittee).has(older)).toBe(true);
    expect(ids(byCommittee).has(other)).toBe(false);
    const byAge = await list(street, `committee=${c01}&ageMin=10&ageMax=15&policy=${SCATTERED}`);
    expect([...ids(byAge)]).toEqual([older]);
    expect(byAge.items[0]).toMatchObject({ age: 14, policy: SCATTERED });
    // A district user narrows to one street; a street user asking for another street sees nothing (RLS).
    const pl = await list(district, 'street=pingliang');
    expect(ids(pl).has(pingliangChild) && !ids(pl).has(young)).toBe(true);
    expect((await list(street, 'street=pingliang')).total).toBe(0);
    const paged = await street.get(`/api/eligibility/worklist?kind=eligible-not-receiving&committee=${c01}&pageSize=1&page=2`);
    expect(paged.json()).toMatchObject({ page: 2, pageSize: 1, total: byCommittee.total });
    expect(paged.json().items).toHaveLength(1);
  });

  it('refuses bad filters with a Chinese message', async () => {
    const res = await street.get('/api/eligibility/worklist?kind=eligible-not-receiving&ageMin=12&ageMax=3');
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json())).toContain('最小年龄不能大于最大年龄');
    expect(JSON.stringify((await street.get('/api/eligibility/worklist?kind=undetermined&committee=abc')).json())).toContain('居民区编号格式不正确');
  });
});

describe('grouped by child', () => {
  it('pages children, each with its policies on the list', async () => {
    const res = await street.get(`/api/eligibility/worklist/children?kind=eligible-not-receiving&committee=${c01}&pageSize=50`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    const rows = await list(street, `committee=${c01}`);
    expect(body.total).toBe(ids(rows).size);
    const child = body.items.find((c: { childId: string }) => c.childId === older);
    expect(child).toMatchObject({ childName: '清单少年', age: 14 });
    expect(child.items.map((i: Item) => i.policy)).toEqual(
      rows.items
        .filter((i) => i.childId === older)
        .map((i) => i.policy)
        .sort(),
    );
  });
});

describe('分配给我', () => {
  it('assigns the selected rows to the caller, audited; lists them under assigned=me', async () => {
    const res = await street.post('/api/eligibility/worklist/assign', {
      items: [
        { childId: young, policy: SCATTERED },
        { childId: older, policy: SCATTERED },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ assigned: 2 });
    const mine = await list(street, 'assigned=me');
    expect(mine.items.map((i) => i.childId).sort()).toEqual([young, older].sort());
    expect(mine.items[0]).toMatchObject({ assignee: '李娟', assignedToMe: true });
    expect((await list(district, 'assigned=me')).total).toBe(0);
    expect((await list(street, `assigned=none&committee=${c01}&policy=${SCATTERED}`)).items.some((i) => i.childId === young)).toBe(false);
    const audit = (await env.owner.query(`select summary from audit_log where action = 'eligibility.assign' order by id desc limit 1`)).rows[0].summary;
    expect(audit).toMatchObject({ assigned: 2, to: 'street-dinghai' });
  });

  it('refuses a child outside the area (and changes nothing), and callers without the permission', async () => {
    const before = (await env.owner.query<{ n: number }>('select count(*)::int as n from eligibility_assignments')).rows[0]!.n;
    const res = await street.post('/api/eligibility/worklist/assign', {
      items: [
        { childId: other, policy: SCATTERED },
        { childId: pingliangChild, policy: SCATTERED },
      ],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toBe('分配失败，未做任何更改');
    expect(JSON.stringify(res.json())).toContain('不在您的辖区内');
    expect((await env.owner.query<{ n: number }>('select count(*)::int as n from eligibility_assignments')).rows[0]!.n).toBe(before);
    expect((await street.post('/api/eligibility/worklist/assign', { items: [] })).statusCode).toBe(400);
    expect(
      (await (await env.login('director-dinghai')).post('/api/eligibility/worklist/assign', { items: [{ childId: young, policy: SCATTERED }] })).statusCode,
    ).toBe(403);
  });
});

describe('export', () => {
  it('exports the filtered list as .xlsx with masked identity numbers, audited, for its creator only', async () => {
    const res = await street.post('/api/eligibility/worklist/export', { filters: { kind: 'eligible-not-receiving', committee: c01 } });
    expect(res.statusCode, res.body).toBe(200);
    const created = res.json();
    expect(created).toMatchObject({ masked: true, rows: (await list(street, `committee=${c01}`)).total });
    const file = await street.get(`/api/exports/${created.id}`);
    expect(file.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    expect(String(wb.worksheets[0]!.getCell('B5').value)).toContain('居民区：');
    const sheet = wb.worksheets[1]!;
    expect(sheet.name).toBe('可享未享');
    const names = sheet.getColumn(1).values.map(String);
    expect(names).toContain('清单少年');
    expect(names).not.toContain('清单其他');
    const idCells = sheet.getColumn(2).values.slice(2).map(String);
    for (const v of idCells) expect(v).toMatch(/^\d{6}\*+\w{4}$/);
    const audit = (await env.owner.query(`select summary from audit_log where action = 'eligibility.export' and entity_id = $1`, [created.id])).rows[0].summary;
    expect(audit).toMatchObject({ rows: created.rows, masked: true });
    expect((await district.get(`/api/exports/${created.id}`)).statusCode).toBe(404);
    expect((await (await env.login('director-dinghai')).post('/api/eligibility/worklist/export', { filters: { kind: 'undetermined' } })).statusCode).toBe(403);
  });
});
