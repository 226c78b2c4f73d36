/**
 * Excel import of children and guardians, with real .xlsx files built with ExcelJS from the
 * downloaded template: the dry-run report (row, column, problem in Chinese), commit creating
 * children and guardians, idempotent re-import, all-or-nothing, and area isolation (a street user
 * cannot import into another street nor learn about its children through the report).
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '#common/idNumber.js';
import { testEnv, type Agent, type TestEnv } from '../../../test/harness.js';
import { verifyAuditChain } from '../audit/verify.js';
import { IMPORT_COLUMNS } from './importColumns.js';

let env: TestEnv;
let dinghai: Agent;
let pingliang: Agent;
let template: Buffer;
let dinghaiCommittee: string;
let pingliangCommittee: string;
let pingliangIdNumber: string;
let pingliangChildName: string;

const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

beforeAll(async () => {
  env = await testEnv();
  dinghai = await env.login('street-dinghai');
  pingliang = await env.login('street-pingliang');
  const res = await dinghai.get('/api/children/import/template');
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toContain('spreadsheetml');
  template = res.rawPayload;
  dinghaiCommittee = (await env.owner.query(`select name from committees where code = 'dinghai-02'`)).rows[0].name;
  pingliangCommittee = (await env.owner.query(`select name from committees where code = 'pingliang-01'`)).rows[0].name;
  const p = (
    await env.owner.query(`select name, id_number_enc from children where street_code = 'pingliang' and id_number_enc is not null order by id limit 1`)
  ).rows[0];
  pingliangIdNumber = env.deps.crypto.decrypt(p.id_number_enc, 'children.id_number');
  pingliangChildName = p.name;
});
afterAll(async () => {
  await env?.close();
});

type Row = Partial<Record<string, string | number | Date>>;

/** The downloaded template with its example row replaced by these rows (by column header). */
async function fileOf(rows: Row[]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(template as unknown as ExcelJS.Buffer, { ignoreNodes: ['dataValidations'] });
  const ws = wb.getWorksheet('儿童')!;
  ws.spliceRows(2, 1);
  const headers = (ws.getRow(1).values as unknown[]).slice(1).map(String);
  for (const r of rows) ws.addRow(headers.map((h) => r[h] ?? null));
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

async function waitFor(a: Agent, id: string, until: string[]): Promise<Record<string, any>> {
  for (let i = 0; i < 300; i++) {
    const res = await a.get(`/api/imports/${id}?pageSize=200`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    if (until.includes(body.status)) return body;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('import did not finish');
}

async function importFile(a: Agent, rows: Row[]): Promise<{ id: string; report: Record<string, any> }> {
  const res = await a.post('/api/children/import', { filename: '儿童导入.xlsx', contentBase64: await fileOf(rows) });
  expect(res.statusCode, res.body).toBe(200);
  const id = res.json().id as string;
  return { id, report: await waitFor(a, id, ['checked', 'invalid', 'failed']) };
}

async function commit(a: Agent, id: string): Promise<Record<string, any>> {
  const res = await a.post(`/api/imports/${id}/commit`);
  expect(res.statusCode, res.body).toBe(200);
  return waitFor(a, id, ['committed', 'failed']);
}

const id1 = makeIdNumber('310110', '2014-05-06', 101, 'M');
const id2 = makeIdNumber('310110', '2016-09-10', 202, 'F');
const guardianId = makeIdNumber('310110', '1958-02-03', 303, 'M');
const good = (): Row[] => [
  {
    姓名: '测试甲',
    身份证号: id1,
    户籍: '本市',
    居住地址: '定海路1弄1号',
    联系电话: '13812345678',
    街道: '定海路街道',
    居民区: '',
    风险等级: '高',
    风险原因: '父亲服刑',
    儿童类别: '监护缺失、家庭经济困难（低保）',
    类别认定日期: '2024-09-01',
    入学状态: '小学',
    学校: '测试小学',
    年级: '四年级',
    家庭人口: 3,
    '家庭月收入（元）': 2600.5,
    监护人1姓名: '测试甲祖父',
    监护人1关系: '祖父',
    监护人1身份证号: guardianId,
    监护人1电话: '13900001111',
    监护人1状态: '健在且有监护能力',
    监护人2姓名: '测试甲父',
    监护人2关系: '父亲',
    监护人2状态: '服刑在押',
  },
  { 姓名: '测试乙', 身份证号: id2, 居民区: '', 风险等级: '低', 监护人1姓名: '测试乙母', 监护人1关系: '母亲' },
  { 姓名: '测试丙', 性别: '女', 出生日期: new Date(Date.UTC(2019, 0, 15)), 无身份证号原因: '未落户', 居民区: '', 风险等级: '中', 儿童类别: '困境流动儿童' },
];
const withCommittee = (rows: Row[], name: string): Row[] => rows.map((r) => ({ ...r, 居民区: r.居民区 === '' ? name : r.居民区 }));

describe('the template', () => {
  it('has a 说明 sheet with every column and the allowed values, and a 儿童 sheet with the header and an example', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(template as unknown as ExcelJS.Buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['说明', '儿童']);
    const help = wb.getWorksheet('说明')!.getSheetValues().flat().join('\n');
    for (const c of IMPORT_COLUMNS) expect(help).toContain(c.header);
    for (const v of ['孤儿（散居）', '事实无人抚养儿童', '服刑在押', '外祖母', '辍学', '定海一居民区']) expect(help).toContain(v);
    expect(help).not.toContain('平凉一居民区'); // only the caller's own committees
    const ws = wb.getWorksheet('儿童')!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(IMPORT_COLUMNS.map((c) => c.header));
    expect(String(ws.getRow(2).getCell(1).value)).toMatch(/^示例/);
  });
});

describe('dry run', () => {
  it('reports each bad row with its row number, column and a Chinese message, and writes nothing', async () => {
    const before = (await env.owner.query('select count(*)::int as n from children')).rows[0].n;
    const badChecksum = id1.slice(0, 17) + (id1[17] === '0' ? '1' : '0');
    const future = new Date(Date.now() + 40 * 86_400_000);
    const rows: Row[] = [
      { 姓名: '正确行', 身份证号: makeIdNumber('310110', '2015-01-01', 11, 'F'), 居民区: dinghaiCommittee, 风险等级: '低' }, // row 2
      { 姓名: '校验位错', 身份证号: badChecksum, 居民区: dinghaiCommittee, 风险等级: '低' }, // row 3
      { 姓名: '外街道居委', 身份证号: makeIdNumber('310110', '2015-01-02', 12, 'F'), 居民区: pingliangCommittee, 风险等级: '低', 联系电话: '12345' }, // row 4
      { 姓名: '未来出生', 性别: '男', 出生日期: future, 无身份证号原因: '未落户', 居民区: dinghaiCommittee, 风险等级: '低' }, // row 5
      { 身份证号: makeIdNumber('310110', '2015-01-03', 13, 'F'), 居民区: dinghaiCommittee, 风险等级: '低' }, // row 6: no name
      { 姓名: '重复一', 身份证号: id2, 居民区: dinghaiCommittee, 风险等级: '低' }, // row 7
      { 姓名: '重复二', 身份证号: id2, 居民区: dinghaiCommittee, 风险等级: '低' }, // row 8
      { 姓名: '别处已建档', 身份证号: pingliangIdNumber, 居民区: dinghaiCommittee, 风险等级: '低' }, // row 9
      { 姓名: '错误取值', 身份证号: makeIdNumber('310110', '2015-01-04', 14, 'M'), 居民区: dinghaiCommittee, 风险等级: '很高', 监护人1姓名: '某某' }, // row 10
    ];
    const { id, report } = await importFile(dinghai, rows);
    expect(report.status).toBe('invalid');
    expect(report.totalRows).toBe(9);
    expect(report.validRows).toBe(2); // rows 2 and 7 (the first of the two duplicates)
    const problems = report.problems.items as { row: number; field: string; message: string }[];
    const at = (row: number) => problems.filter((p) => p.row === row);
    expect(at(2)).toEqual([]);
    expect(at(3)).toEqual([{ row: 3, field: '身份证号', message: '身份证号校验位错误，请核对第18位' }]);
    // Every problem of a row at once, not one per upload.
    expect(at(4)).toEqual([
      expect.objectContaining({ field: '居民区', message: expect.stringContaining('不在您的辖区内') }),
      expect.objectContaining({ field: '联系电话', message: expect.stringContaining('电话号码格式不正确') }),
    ]);
    expect(at(5)).toEqual([expect.objectContaining({ field: '出生日期', message: expect.stringContaining('晚于今天') })]);
    expect(at(6)).toEqual([expect.objectContaining({ field: '姓名', message: '请填写儿童姓名' })]);
    expect(at(7)).toEqual([]);
    expect(at(8)).toEqual([{ row: 8, field: '身份证号', message: '与第 7 行的身份证号重复，同一儿童只能填写一行' }]);
    expect(at(9)).toEqual([
      expect.objectContaining({ field: '身份证号', message: '该儿童已在本区登记，请联系区民政局，不能重复登记；如已迁入本辖区，由区民政局办理转入' }),
    ]);
    // Which street holds the child is not told to a caller outside it.
    expect(JSON.stringify(at(9))).not.toContain('平凉路');
    expect(
      at(10)
        .map((p) => p.field)
        .sort(),
    ).toEqual(['监护人1关系', '风险等级']);
    // The report names the other street only: not the child, not the committee.
    expect(JSON.stringify(problems)).not.toContain(pingliangChildName);
    expect(report.problems.total).toBe(problems.length);

    const page = (await dinghai.get(`/api/imports/${id}?page=2&pageSize=2`)).json();
    expect(page.problems.items).toEqual(problems.slice(2, 4));

    expect((await dinghai.post(`/api/imports/${id}/commit`)).statusCode).toBe(409);
    expect((await env.owner.query('select count(*)::int as n from children')).rows[0].n).toBe(before);
  });

  it('refuses a file that is not Excel, or whose header does not match, and stores nothing', async () => {
    const before = (await env.owner.query('select count(*)::int as n from imports')).rows[0].n;
    const html = await dinghai.post('/api/children/import', { filename: '名单.xlsx', contentBase64: Buffer.from('<html></html>').toString('base64') });
    expect(html.statusCode).toBe(400);
    expect(html.json().error.message).toMatch(/不是 Excel/);

    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('儿童').addRow(['姓名', '身份证号', '住址']);
    const wrong = await dinghai.post('/api/children/import', {
      filename: '名单.xlsx',
      contentBase64: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64'),
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.message).toMatch(/表头与导入模板不一致（缺少列：性别、出生日期/);
    expect(wrong.json().error.message).toContain('无法识别的列：住址');

    const empty = await dinghai.post('/api/children/import', { filename: '模板.xlsx', contentBase64: template.toString('base64') });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.message).toContain('没有儿童数据');
    expect((await env.owner.query('select count(*)::int as n from imports')).rows[0].n).toBe(before);
  });
});

describe('commit', () => {
  let firstImport: string;

  it('creates the children with their guardians and categories, all in one go', async () => {
    const { id, report } = await importFile(dinghai, withCommittee(good(), dinghaiCommittee));
    expect(report).toMatchObject({ status: 'checked', totalRows: 3, validRows: 3, createdRows: 3, updatedRows: 0, unchangedRows: 0 });
    expect(report.problems.total).toBe(0);
    const done = await commit(dinghai, id);
    expect(done).toMatchObject({ status: 'committed', createdRows: 3, updatedRows: 0, unchangedRows: 0, error: null });
    firstImport = id;

    const kids = (
      await env.owner
        .query(`select id, name, sex, birth_date, street_code, risk_level, monthly_income_fen, household_size, school_stage, no_id_note, id_number_bidx
      from children where name like '测试%' order by name`)
    ).rows;
    expect(kids.map((k) => k.name)).toEqual(['测试丙', '测试乙', '测试甲']);
    expect(kids.every((k) => k.street_code === 'dinghai')).toBe(true);
    const jia = kids.find((k) => k.name === '测试甲')!;
    expect(jia).toMatchObject({ sex: 'M', birth_date: '2014-05-06', risk_level: 'high', monthly_income_fen: 260050, household_size: 3, school_stage: '小学' });
    const bing = kids.find((k) => k.name === '测试丙')!;
    expect(bing).toMatchObject({ sex: 'F', birth_date: '2019-01-15', no_id_note: '未落户', id_number_bidx: null });
    const members = (await env.owner.query(`select name, relation, role, status from household_members where child_id = $1 order by name`, [jia.id])).rows;
    expect(members).toEqual([
      { name: '测试甲父', relation: '父亲', role: 'guardian', status: 'imprisoned' },
      { name: '测试甲祖父', relation: '祖父', role: 'guardian', status: 'alive_fit' },
    ]);
    const cats = (await env.owner.query(`select category, since::text from child_categories where child_id = $1 order by category`, [jia.id])).rows;
    expect(cats).toEqual([
      { category: 'guardianship_missing', since: '2024-09-01' },
      { category: 'low_income_dibao', since: '2024-09-01' },
    ]);
    expect((await env.owner.query(`select count(*)::int as n from child_history where child_id = $1 and action = 'import'`, [jia.id])).rows[0].n).toBe(1);
    const audit = (await env.owner.query(`select summary from audit_log where action = 'import.commit' order by id desc limit 1`)).rows[0].summary;
    expect(audit).toMatchObject({ rows: 3, created: 3, updated: 0, unchanged: 0 });
    expect((await env.owner.query(`select count(*)::int as n from audit_log where action = 'child.import'`)).rows[0].n).toBe(3);
    // The stored upload is dropped once committed.
    expect((await env.owner.query('select content from imports where id = $1', [id])).rows[0].content).toBeNull();
  });

  it('writes the audit rows of the commit into the hash chain, which still verifies', async () => {
    const rows = (await env.owner.query(`select action, username, request_id from audit_log where action in ('child.import', 'import.commit') order by id`))
      .rows;
    expect(rows.map((r) => r.action)).toEqual(['child.import', 'child.import', 'child.import', 'import.commit']);
    expect(rows.every((r) => r.username === 'street-dinghai' && String(r.request_id).endsWith(':import'))).toBe(true);
    expect(await verifyAuditChain(env.owner)).toMatchObject({ ok: true, firstBrokenId: null });
  });

  it('re-importing the same file changes nothing', async () => {
    const snapshot = async () =>
      (
        await env.owner.query(`select c.id, c.version, c.updated_at::text,
        (select count(*) from household_members m where m.child_id = c.id)::int as members,
        (select count(*) from child_categories k where k.child_id = c.id)::int as cats,
        (select count(*) from child_history h where h.child_id = c.id)::int as history
      from children c where c.name like '测试%' order by c.name`)
      ).rows;
    const before = await snapshot();
    const { id, report } = await importFile(dinghai, withCommittee(good(), dinghaiCommittee));
    expect(report).toMatchObject({ status: 'checked', createdRows: 0, updatedRows: 0, unchangedRows: 3 });
    const done = await commit(dinghai, id);
    expect(done).toMatchObject({ status: 'committed', createdRows: 0, updatedRows: 0, unchangedRows: 3 });
    expect(await snapshot()).toEqual(before);
    expect(id).not.toBe(firstImport);
  });

  it('updates only what differs, and adds a new guardian', async () => {
    const rows = withCommittee(good(), dinghaiCommittee);
    rows[1] = { ...rows[1], 风险等级: '高', 风险原因: '母亲重病', 监护人2姓名: '测试乙外婆', 监护人2关系: '外祖母' };
    const { id, report } = await importFile(dinghai, rows);
    expect(report).toMatchObject({ status: 'checked', createdRows: 0, updatedRows: 1, unchangedRows: 2 });
    const done = await commit(dinghai, id);
    expect(done).toMatchObject({ status: 'committed', createdRows: 0, updatedRows: 1, unchangedRows: 2 });
    const yi = (await env.owner.query(`select id, risk_level, risk_reason, version from children where name = '测试乙'`)).rows[0];
    expect(yi).toMatchObject({ risk_level: 'high', risk_reason: '母亲重病' });
    expect((await env.owner.query(`select name from household_members where child_id = $1 order by name`, [yi.id])).rows.map((r) => r.name)).toEqual([
      '测试乙外婆',
      '测试乙母',
    ]);
    const fields = (await env.owner.query(`select field from child_history where child_id = $1 and action = 'update' order by field`, [yi.id])).rows.map(
      (r) => r.field,
    );
    expect(fields).toEqual(['riskLevel', 'riskReason']);
  });

  it('is all-or-nothing: a failure on one row writes none of them', async () => {
    const rows: Row[] = [
      { 姓名: '原子甲', 身份证号: makeIdNumber('310110', '2013-03-03', 401, 'M'), 居民区: dinghaiCommittee, 风险等级: '低' },
      { 姓名: '原子乙', 身份证号: makeIdNumber('310110', '2013-04-04', 402, 'F'), 居民区: dinghaiCommittee, 风险等级: '低' },
      { 姓名: '原子丙', 身份证号: makeIdNumber('310110', '2013-05-05', 403, 'M'), 居民区: dinghaiCommittee, 风险等级: '低' },
    ];
    const { id, report } = await importFile(dinghai, rows);
    expect(report.status).toBe('checked');
    // Something the check cannot foresee makes the third row fail inside the transaction.
    await env.owner.query(`alter table children add constraint test_refuse check (name <> '原子丙') not valid`);
    try {
      const done = await commit(dinghai, id);
      expect(done.status).toBe('failed');
      expect(done.error).toContain('未写入任何数据');
      expect(done.problems.items[0]).toMatchObject({ row: 4 });
    } finally {
      await env.owner.query('alter table children drop constraint test_refuse');
    }
    expect((await env.owner.query(`select count(*)::int as n from children where name like '原子%'`)).rows[0].n).toBe(0);
    expect((await dinghai.post(`/api/imports/${id}/commit`)).statusCode).toBe(409);
  });

  it('the check is repeated inside the commit: a number registered elsewhere meanwhile fails the whole import', async () => {
    const newId = makeIdNumber('310110', '2012-02-02', 501, 'F');
    const { id, report } = await importFile(dinghai, [
      { 姓名: '竞争甲', 身份证号: makeIdNumber('310110', '2012-01-01', 500, 'M'), 居民区: dinghaiCommittee, 风险等级: '低' },
      { 姓名: '竞争乙', 身份证号: newId, 居民区: dinghaiCommittee, 风险等级: '低' },
    ]);
    expect(report.status).toBe('checked');
    const committee = (await env.owner.query(`select id from committees where code = 'pingliang-02'`)).rows[0].id;
    await env.owner.query(`insert into children (committee_id, name, sex, birth_date, id_number_bidx) values ($1, '别人先登记', 'F', '2012-02-02', $2)`, [
      committee,
      env.deps.crypto.blindIndex(newId, 'id_number'),
    ]);
    const done = await commit(dinghai, id);
    expect(done.status).toBe('failed');
    expect(done.problems.items).toEqual([expect.objectContaining({ row: 3, field: '身份证号', message: expect.stringContaining('已在本区登记') })]);
    expect((await env.owner.query(`select count(*)::int as n from children where name like '竞争%'`)).rows[0].n).toBe(0);
  });
});

describe('area isolation', () => {
  it("a street A user cannot import into street B: B's committees are refused row by row", async () => {
    const { report } = await importFile(
      dinghai,
      withCommittee(good(), pingliangCommittee).map((r, i) => ({
        ...r,
        身份证号: r.身份证号 ? makeIdNumber('310110', '2015-06-0' + (i + 1), 600 + i, 'F') : r.身份证号,
      })),
    );
    expect(report.status).toBe('invalid');
    const problems = report.problems.items as { row: number; field: string; message: string }[];
    expect(problems.map((p) => [p.row, p.field])).toEqual([
      [2, '居民区'],
      [3, '居民区'],
      [4, '居民区'],
    ]);
    for (const p of problems) expect(p.message).toBe(`居民区“${pingliangCommittee}”不在您的辖区内或名称有误，请按模板说明页列出的居民区全称填写`);
    // Naming the street does not help either.
    const named = await importFile(dinghai, [
      { 姓名: '越界', 身份证号: makeIdNumber('310110', '2015-07-01', 700, 'M'), 街道: '平凉路街道', 居民区: pingliangCommittee, 风险等级: '低' },
    ]);
    expect(named.report.status).toBe('invalid');
  });

  it('another user sees neither the report nor the commit of an import', async () => {
    const { id } = await importFile(dinghai, [
      { 姓名: '本人可见', 身份证号: makeIdNumber('310110', '2015-08-01', 800, 'F'), 居民区: dinghaiCommittee, 风险等级: '低' },
    ]);
    expect((await pingliang.get(`/api/imports/${id}`)).statusCode).toBe(404);
    expect((await pingliang.post(`/api/imports/${id}/commit`)).statusCode).toBe(404);
    const district = await env.login('district');
    expect((await district.get(`/api/imports/${id}`)).statusCode).toBe(404);
    const director = await env.login('director-dinghai');
    expect((await director.get(`/api/children/import/template`)).statusCode).toBe(403); // child directors do not import
  });

  it("a street user re-importing a file that names another street's child learns only that it is registered", async () => {
    // The district user imports a child into Pingliang; the Dinghai user then tries the same number.
    const district = await env.login('district');
    const idn = makeIdNumber('310110', '2016-01-01', 900, 'M');
    const first = await importFile(district, [
      {
        姓名: '平凉某童',
        身份证号: idn,
        居民区: pingliangCommittee,
        风险等级: '高',
        监护人1姓名: '平凉某监护人',
        监护人1关系: '母亲',
        监护人1电话: '13700000000',
      },
    ]);
    expect(first.report.status).toBe('checked');
    expect((await commit(district, first.id)).status).toBe('committed');
    const { report } = await importFile(dinghai, [{ 姓名: '随便写', 身份证号: idn, 居民区: dinghaiCommittee, 风险等级: '低' }]);
    expect(report.status).toBe('invalid');
    const text = JSON.stringify(report);
    expect(text).toContain('已在本区登记，请联系区民政局');
    for (const secret of ['平凉路', '平凉某童', '平凉某监护人', '13700000000', pingliangCommittee]) expect(text).not.toContain(secret);
  });
});

describe('a new file for someone 18 or older', () => {
  it('is reported on its row, pointing to the form that asks for the reason; nothing is written', async () => {
    const adult = makeIdNumber('310110', `${Number(new Date().toISOString().slice(0, 4)) - 19}-01-01`, 901, 'F');
    const before = (await env.owner.query('select count(*)::int as n from children')).rows[0].n;
    const { report } = await importFile(dinghai, [{ 姓名: '成年人', 身份证号: adult, 居民区: dinghaiCommittee, 风险等级: '低' }]);
    expect(report.status).toBe('invalid');
    expect(report.problems.items).toEqual([expect.objectContaining({ row: 2, field: '身份证号', message: expect.stringContaining('已年满18周岁') })]);
    expect((await env.owner.query('select count(*)::int as n from children')).rows[0].n).toBe(before);
  });
});

describe('dates', () => {
  it('Excel dates, serial numbers and text dates all read as the same day', async () => {
    const { report } = await importFile(dinghai, [
      { 姓名: '日期一', 性别: '男', 出生日期: '2018/3/5', 无身份证号原因: '未落户', 居民区: dinghaiCommittee, 风险等级: '低', 建档日期: today() },
      { 姓名: '日期二', 性别: '女', 出生日期: 43164, 无身份证号原因: '未落户', 居民区: dinghaiCommittee, 风险等级: '低' },
      { 姓名: '日期三', 性别: '女', 出生日期: '2018年3月5日', 无身份证号原因: '未落户', 居民区: dinghaiCommittee, 风险等级: '低' },
      { 姓名: '日期四', 性别: '女', 出生日期: '2018-02-30', 无身份证号原因: '未落户', 居民区: dinghaiCommittee, 风险等级: '低' },
    ]);
    expect(report.problems.items).toEqual([{ row: 5, field: '出生日期', message: '日期“2018-02-30”无法识别，请写成 YYYY-MM-DD，如 2015-03-12' }]);
  });
});
