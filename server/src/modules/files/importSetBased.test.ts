/**
 * The import's set-based write path (issue 17): new files are written one statement per table per
 * batch, their area and consent purposes set once per statement (migration
 * 20261209_1700_set_based_child_area.sql) and their next visit due computed by the insert. Each
 * derived row must be what the per-row triggers and recompute_next_visits_for made before; a
 * statement that supplies an area must be checked against the child, as the caller; duplicates,
 * a bad row or another street's committee still write nothing; a re-import changes nothing.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '#common/idNumber.js';
import { testEnv, type Agent, type TestEnv } from '../../../test/harness.js';
import { IMPORT_COLUMNS } from './importColumns.js';

let env: TestEnv;
let dinghai: Agent;
let template: Buffer;
let committees: string[];
let pingliangCommittee: string;

beforeAll(async () => {
  env = await testEnv();
  dinghai = await env.login('street-dinghai');
  template = (await dinghai.get('/api/children/import/template')).rawPayload;
  committees = (await env.owner.query<{ name: string }>(`select name from committees where street_code = 'dinghai' and active order by code`)).rows.map(
    (r) => r.name,
  );
  pingliangCommittee = (await env.owner.query<{ name: string }>(`select name from committees where code = 'pingliang-01'`)).rows[0]?.name ?? '';
});
afterAll(async () => {
  await env?.close();
});

type Row = Partial<Record<string, string | number | Date>>;

async function fileOf(rows: Row[]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(new Uint8Array(template).buffer);
  const ws = wb.getWorksheet('儿童');
  if (!ws) throw new Error('no 儿童 sheet');
  ws.spliceRows(2, 1);
  const headers = IMPORT_COLUMNS.map((c) => c.header);
  for (const r of rows) ws.addRow(headers.map((h) => r[h] ?? null));
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

interface Report {
  status: string;
  createdRows: number;
  updatedRows: number;
  unchangedRows: number;
  problems: { items: { row: number; field: string; message: string }[] };
}

async function waitFor(id: string, until: string[]): Promise<Report> {
  for (let i = 0; i < 600; i++) {
    const body: Report = (await dinghai.get(`/api/imports/${id}?pageSize=200`)).json();
    if (until.includes(body.status)) return body;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('import did not finish');
}

async function check(rows: Row[]): Promise<{ id: string; report: Report }> {
  const res = await dinghai.post('/api/children/import', { filename: '批量.xlsx', contentBase64: await fileOf(rows) });
  expect(res.statusCode, res.body).toBe(200);
  const id: string = res.json().id;
  return { id, report: await waitFor(id, ['checked', 'invalid', 'failed']) };
}

async function commit(id: string): Promise<Report> {
  expect((await dinghai.post(`/api/imports/${id}/commit`)).statusCode).toBe(200);
  return waitFor(id, ['committed', 'failed']);
}

const CATEGORIES = ['监护缺失', '家庭经济困难（低保）', '困境流动儿童', '残疾儿童', ''];
const RISKS = ['高', '中', '低'];
/** `n` valid rows over the street's committees: risk levels, categories and guardians varied. */
const batch = (n: number, prefix: string, seq: number): Row[] =>
  Array.from({ length: n }, (_, i) => ({
    姓名: `${prefix}${i}`,
    身份证号: makeIdNumber('310110', `201${i % 8}-0${1 + (i % 9)}-1${i % 9}`, seq + i, i % 2 ? 'F' : 'M'),
    居民区: committees[i % committees.length],
    风险等级: RISKS[i % 3],
    儿童类别: CATEGORIES[i % CATEGORIES.length],
    类别认定日期: '2024-09-01',
    监护人1姓名: `${prefix}${i}母`,
    监护人1关系: '母亲',
    ...(i % 4 === 0 ? { 监护人2姓名: `${prefix}${i}祖父`, 监护人2关系: '祖父' } : {}),
  }));

const count = async (sql: string, args: unknown[] = []): Promise<number> => (await env.owner.query<{ n: number }>(sql, args)).rows[0]?.n ?? -1;

describe('new files written set-based', () => {
  // Built when run: the committees are read in beforeAll.
  const rows = () => batch(36, '批量', 600);

  it('get the area, consent purposes, history and next visit that the per-row path gave them', async () => {
    const { id, report } = await check(rows());
    expect(report).toMatchObject({ status: 'checked', createdRows: 36 });
    expect(await commit(id)).toMatchObject({ status: 'committed', createdRows: 36 });
    const ids = (await env.owner.query<{ id: string }>(`select id from children where name like '批量%'`)).rows.map((r) => r.id);
    expect(ids).toHaveLength(36);

    // Every default purpose, once per child, in the child's area.
    const purposes = await count(`select count(*)::int as n from processing_purposes where active and default_on_file`);
    expect(purposes).toBeGreaterThan(0);
    expect(await count(`select count(*)::int as n from child_processing_bases where child_id = any($1) and source = 'file_created'`, [ids])).toBe(
      36 * purposes,
    );
    for (const table of ['child_processing_bases', 'household_members', 'child_categories', 'child_history']) {
      const wrong = await count(
        `select count(*)::int as n from ${table} t join children c on c.id = t.child_id
          where t.child_id = any($1) and (t.street_code <> c.street_code or t.committee_id <> c.committee_id)`,
        [ids],
      );
      expect(wrong, table).toBe(0);
    }
    expect(await count(`select count(*)::int as n from household_members where child_id = any($1)`, [ids])).toBe(36 + 9);
    expect(await count(`select count(*)::int as n from child_history where child_id = any($1) and action = 'import'`, [ids])).toBe(36);

    // The next visit due set by the insert is the one the visits rule computes: recomputing changes no row.
    expect(await count(`select count(*)::int as n from children where id = any($1) and next_visit_due is null`, [ids])).toBe(0);
    expect(await count(`select recompute_next_visits_for($1)::int as n`, [ids])).toBe(0);

    // The categories column set by the insert is what the trigger derives from child_categories.
    const wrongCategories = `select count(*)::int as n from children c where c.id = any($1) and c.categories is distinct from
        coalesce((select array_agg(k.category order by k.category) from child_categories k where k.child_id = c.id and k.until is null), '{}')`;
    expect(await count(wrongCategories, [ids])).toBe(0);
    expect(await count(`select count(*)::int as n from children where id = any($1) and cardinality(categories) > 0`, [ids])).toBeGreaterThan(0);
  });

  it('a re-import of the same file changes nothing', async () => {
    const snapshot = async () =>
      (
        await env.owner.query(`select c.id, c.version, c.updated_at::text, c.next_visit_due::text,
          (select count(*) from household_members m where m.child_id = c.id)::int as members,
          (select count(*) from child_categories k where k.child_id = c.id)::int as cats,
          (select count(*) from child_history h where h.child_id = c.id)::int as history,
          (select count(*) from child_processing_bases b where b.child_id = c.id)::int as bases
        from children c where c.name like '批量%' order by c.name`)
      ).rows;
    const before = await snapshot();
    const { id, report } = await check(rows());
    expect(report).toMatchObject({ status: 'checked', createdRows: 0, updatedRows: 0, unchangedRows: 36 });
    expect(await commit(id)).toMatchObject({ status: 'committed', createdRows: 0, updatedRows: 0, unchangedRows: 36 });
    expect(await snapshot()).toEqual(before);
  });

  it('duplicates in the file, a bad row or another street’s committee: reported, nothing written', async () => {
    const before = await count(`select count(*)::int as n from children`);
    const fresh = batch(5, '不写', 700);
    const cases: { rows: Row[]; row: number; field: string; message: RegExp }[] = [
      { rows: [...fresh, { ...fresh[1], 姓名: '不写重复' }], row: 7, field: '身份证号', message: /与第 3 行的身份证号重复/ },
      { rows: [...fresh, { ...batch(1, '不写坏', 800)[0], 风险等级: '很高' }], row: 7, field: '风险等级', message: /./ },
      { rows: [...fresh, { ...batch(1, '不写外', 900)[0], 居民区: pingliangCommittee }], row: 7, field: '居民区', message: /不在您的辖区内/ },
    ];
    for (const c of cases) {
      const { id, report } = await check(c.rows);
      expect(report.status).toBe('invalid');
      expect(report.problems.items).toEqual([expect.objectContaining({ row: c.row, field: c.field, message: expect.stringMatching(c.message) })]);
      expect((await dinghai.post(`/api/imports/${id}/commit`)).statusCode).toBe(409);
    }
    expect(await count(`select count(*)::int as n from children`)).toBe(before);
  });
});

describe('the commit reuses the check’s parsed rows only while they still hold', () => {
  it('a committee closed between the check and the commit: the rows are parsed again and the import refused', async () => {
    const rows = batch(3, '合并', 950).map((r) => ({ ...r, 居民区: committees[0] }));
    const { id, report } = await check(rows);
    expect(report.status).toBe('checked');
    await env.owner.query(`update committees set active = false where name = $1 and street_code = 'dinghai'`, [committees[0]]);
    try {
      const done = await commit(id);
      expect(done.status).toBe('failed');
      expect(done.problems.items[0]).toMatchObject({ row: 2, field: '居民区', message: expect.stringContaining('已合并或停用') });
    } finally {
      await env.owner.query(`update committees set active = true where name = $1 and street_code = 'dinghai'`, [committees[0]]);
    }
    expect(await count(`select count(*)::int as n from children where name like '合并%'`)).toBe(0);
  });
});

describe('the area of a child row, checked once per statement', () => {
  /** Runs `sql` as the application role with the dinghai street's scope; the error code or 'ok'. */
  async function asDinghai(sql: string, args: unknown[]): Promise<string> {
    const client = await env.db.app.connect();
    try {
      await client.query(`begin; select set_config('app.streets', 'dinghai', true), set_config('app.committees', '', true),
        set_config('app.assigned_children', '', true), set_config('app.scope_kind', 'street', true)`);
      await client.query(sql, args);
      return 'ok';
    } catch (err) {
      return err instanceof Error && 'code' in err ? String(err.code) : 'error';
    } finally {
      await client.query('rollback');
      client.release();
    }
  }
  const childOf = async (street: string) =>
    (await env.owner.query<{ id: string; committee_id: string }>(`select id, committee_id from children where street_code = $1 order by id limit 1`, [street]))
      .rows[0] ?? { id: '', committee_id: '' };

  it('is copied from the child when the statement leaves it out, as before', async () => {
    const own = await childOf('dinghai');
    expect(await asDinghai(`insert into child_history (child_id, action) values ($1, 'test')`, [own.id])).toBe('ok');
    expect(await asDinghai(`insert into household_members (child_id, name, relation, role) values ($1, '某', '母亲', 'guardian')`, [own.id])).toBe('ok');
  });

  it('is refused when supplied and not the child’s, or when the child is outside the caller’s area', async () => {
    const own = await childOf('dinghai');
    const other = (await env.owner.query<{ id: string }>(`select id from committees where street_code = 'dinghai' and id <> $1 limit 1`, [own.committee_id]))
      .rows[0];
    // Another committee of the caller's own street: RLS lets it through, the statement check does not.
    expect(
      await asDinghai(`insert into child_history (child_id, street_code, committee_id, action) values ($1, 'dinghai', $2, 'test')`, [own.id, other?.id]),
    ).toBe('42501');
    expect(
      await asDinghai(
        `insert into child_categories (child_id, street_code, committee_id, category, since) values ($1, 'dinghai', $2, 'left_behind', '2024-01-01')`,
        [own.id, other?.id],
      ),
    ).toBe('42501');
    // A child of another street, with the caller's own area supplied: its row is hidden, so refused.
    const theirs = await childOf('pingliang');
    expect(
      await asDinghai(
        `insert into household_members (child_id, street_code, committee_id, name, relation, role) values ($1, 'dinghai', $2, '某', '母亲', 'guardian')`,
        [theirs.id, own.committee_id],
      ),
    ).toBe('42501');
  });
});
