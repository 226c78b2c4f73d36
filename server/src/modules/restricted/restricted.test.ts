/**
 * The restricted-persons list: the reviewer loads a file (validated row by row, only blind indexes
 * and masked names stored, the same file twice changes nothing), the ledger is matched at load time
 * and when a person is saved (matchStaff), only the reviewer is told and sees matches (API and
 * database), and a confirmed match suspends the person's account and ends their sessions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDate } from '#common/dates.js';
import { makeIdNumber } from '#common/idNumber.js';
import { inScope } from '../../core/context.js';
import { testEnv, type Agent, type TestEnv } from '../../../test/harness.js';
import { seedDemoWorkforce } from '../../seed/demoWorkforce.js';
import { matchStaff } from './commands.js';

let env: TestEnv;
let reviewer: Agent;
let street: Agent;
const DIRECTOR_ID = makeIdNumber('310110', '1981-03-04', 21, 'F');
const OTHER_ID = makeIdNumber('310110', '1975-06-07', 33, 'M');
const LATER_ID = makeIdNumber('310110', '1983-09-10', 45, 'F');

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
const csv = (rows: string[][]) => b64(['姓名,身份证号,限制情形', ...rows.map((r) => r.join(','))].join('\r\n'));

/** What a user's own database session sees (their scope, as the server sets it). */
async function asUser(username: string, streets: string[], sql: string): Promise<number> {
  const c = await env.db.app.connect();
  try {
    const { rows: u } = await env.owner.query<{ id: string }>(`select id from users where username = $1`, [username]);
    await c.query('begin');
    await c.query(`select set_config('app.user_id', $1, true), set_config('app.streets', $2, true), set_config('app.scope_kind', 'street', true)`, [
      u[0]?.id ?? '',
      streets.join(','),
    ]);
    const { rows } = await c.query<{ n: number }>(sql);
    return rows[0]?.n ?? -1;
  } finally {
    await c.query('rollback');
    c.release();
  }
}

beforeAll(async () => {
  env = await testEnv();
  const today = shanghaiDate(env.clock.now);
  await seedDemoWorkforce(env.owner, env.deps.crypto, { seed: 1, today });
  // director-dinghai's ledger row gets a known identity number
  await env.owner.query(`update staff set id_number_bidx = $1 where user_id = (select id from users where username = 'director-dinghai')`, [
    env.deps.crypto.blindIndex(DIRECTOR_ID, 'staff.id_number'),
  ]);
  [reviewer, street] = await Promise.all([env.login('reviewer'), env.login('street-dinghai')]);
});
afterAll(async () => {
  await env?.close();
});

describe('loading a list', () => {
  it('reports each row in Chinese, stores only blind indexes and masked names, and matches the ledger', async () => {
    const body = {
      name: '2026年从业限制人员名单',
      source: '区公安分局',
      filename: 'list.csv',
      contentBase64: csv([
        ['王小红', DIRECTOR_ID, '性侵害违法犯罪'],
        ['李四', OTHER_ID, '虐待'],
        ['张三', '310110198001011234', '虐待'],
        ['赵五', OTHER_ID.toLowerCase(), '重复'],
        ['=cmd|calc', LATER_ID, '公式'],
      ]),
    };
    const res = await reviewer.post('/api/restricted/lists', body);
    expect(res.statusCode).toBe(200);
    const r = res.json();
    expect(r).toMatchObject({ alreadyLoaded: false, loaded: 2, invalid: 2, duplicates: 1, matches: 1 });
    expect(r.rows.map((x: { outcome: string }) => x.outcome)).toEqual(['loaded', 'loaded', 'invalid', 'duplicate', 'invalid']);
    expect(r.rows[2].message).toMatch(/身份证号无效/);
    expect(r.rows[0].nameMasked).toBe('王*红');
    // nothing of the number is stored: no column holds it
    const dump = JSON.stringify((await env.owner.query(`select * from restricted_persons`)).rows);
    expect(dump).not.toContain(DIRECTOR_ID);
    expect(dump).not.toContain(DIRECTOR_ID.slice(6, 14));
    expect(dump).not.toContain('王小红');
    // the same file again changes nothing
    const again = await reviewer.post('/api/restricted/lists', body);
    expect(again.json()).toMatchObject({ alreadyLoaded: true, loaded: 0, matches: 0 });
    expect((await env.owner.query(`select count(*)::int as n from restricted_lists`)).rows[0].n).toBe(1);
    expect((await env.owner.query(`select count(*)::int as n from restricted_matches`)).rows[0].n).toBe(1);
    const audit = await env.owner.query(`select summary from audit_log where action = 'restricted.list.load'`);
    expect(audit.rowCount).toBe(1);
  });

  it('refuses a file without the columns, an unreadable file and hostile input, writing nothing', async () => {
    const before = (await env.owner.query(`select count(*)::int as n from restricted_lists`)).rows[0].n;
    const cases = [
      { name: '名单', filename: 'x.csv', contentBase64: b64('名字,号码\n张三,1') },
      { name: '名单', filename: 'x.xlsx', contentBase64: b64('not a zip') },
      { name: '名单', filename: 'x.exe', contentBase64: b64('a') },
      { name: '名\u0000单', filename: 'x.csv', contentBase64: csv([['李四', OTHER_ID, 'x']]) },
      { name: '名单'.repeat(100_000), filename: 'x.csv', contentBase64: csv([['李四', OTHER_ID, 'x']]) },
      { name: 12, filename: 'x.csv', contentBase64: 'QQ==' },
      { name: '名单', filename: 'x.csv', contentBase64: csv([['张三', '123', 'x']]) },
    ];
    for (const c of cases) {
      const res = await reviewer.post('/api/restricted/lists', c);
      expect(res.statusCode, JSON.stringify(c).slice(0, 80)).toBe(400);
      expect(res.json().error.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect((await env.owner.query(`select count(*)::int as n from restricted_lists`)).rows[0].n).toBe(before);
  });

  it('reads an .xlsx and refuses identity numbers stored as numbers', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名单');
    ws.addRow(['姓名', '身份证号', '限制情形']);
    ws.addRow(['孙六', LATER_ID, '拐卖']);
    ws.addRow(['周七', 310110198001011, '拐卖']); // an id number typed into Excel becomes a number
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const res = await reviewer.post('/api/restricted/lists', { name: '补充名单', filename: 'more.xlsx', contentBase64: buf.toString('base64') });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ loaded: 1, invalid: 1, matches: 0 });
    expect(res.json().rows[1].message).toMatch(/文本格式/);
  });
});

describe('who learns of a match', () => {
  it('the reviewer sees it and is notified; the street sees nothing (API and database)', async () => {
    const m = await reviewer.get('/api/restricted/matches');
    expect(m.statusCode).toBe(200);
    expect(m.json().items).toHaveLength(1);
    expect(m.json().items[0]).toMatchObject({ status: 'open', streetName: '定海路街道', hasAccount: true, nameMasked: '王*红', restriction: '性侵害违法犯罪' });
    const notes = (await reviewer.get('/api/notifications')).json();
    expect(JSON.stringify(notes)).toContain('从业限制名单');

    expect((await street.get('/api/restricted/matches')).statusCode).toBe(403);
    expect((await street.get('/api/restricted/lists')).statusCode).toBe(403);
    expect(JSON.stringify((await street.get('/api/notifications')).json())).not.toContain('从业限制');
    expect(await asUser('street-dinghai', ['dinghai'], `select count(*)::int as n from restricted_matches`)).toBe(0);
    expect(await asUser('street-dinghai', ['dinghai'], `select count(*)::int as n from restricted_persons`)).toBe(0);
    await expect(asUser('street-dinghai', ['dinghai'], `select count(*)::int as n from restricted_match_rows(null)`)).rejects.toThrow();
    // the reviewer's own database session sees the match
    expect(await asUser('reviewer', [], `select count(*)::int as n from restricted_matches`)).toBe(1);
  });

  it('matchStaff, run by the street when it saves a person, finds a match and answers nothing', async () => {
    const { rows } = await env.owner.query<{ id: string }>(
      `select id from staff where street_code = 'dinghai' and role_kind = 'child_director' and user_id is null order by name limit 1`,
    );
    const staffId = rows[0]?.id ?? '';
    await env.owner.query(`update staff set id_number_bidx = $2 where id = $1`, [staffId, env.deps.crypto.blindIndex(LATER_ID, 'staff.id_number')]);
    const streetLogin = (await env.owner.query(`select id from users where username = 'street-dinghai'`)).rows[0].id;
    // under the street's own scope settings: the call answers nothing and the street reads no match
    const c = await env.db.app.connect();
    try {
      await c.query('begin');
      await c.query(`select set_config('app.user_id', $1, true), set_config('app.streets', 'dinghai', true)`, [streetLogin]);
      const res = await c.query(`select match_restricted_for_staff($1)`, [staffId]);
      expect(res.rows[0]).toEqual({ match_restricted_for_staff: '' });
      expect((await c.query(`select count(*)::int as n from restricted_matches`)).rows[0].n).toBe(0);
      await c.query('commit');
    } finally {
      c.release();
    }
    // and through the exported function in an ordinary transaction of the street
    await inScope(env.db, { requestId: 't2', ip: null, userAgent: null, actor: null }, (tx) => matchStaff(tx, staffId));
    const m = (await reviewer.get('/api/restricted/matches')).json().items;
    expect(m).toHaveLength(2);
  });
});

describe('reviewing a match', () => {
  it('dismissing needs a note; confirming suspends the account and ends its sessions', async () => {
    const director = await env.login('director-dinghai');
    expect((await director.get('/api/auth/me')).json().accessSuspended).toBe(false);
    const items = (await reviewer.get('/api/restricted/matches?status=open')).json().items;
    const mine = items.find((x: { hasAccount: boolean }) => x.hasAccount);
    const other = items.find((x: { hasAccount: boolean }) => !x.hasAccount);
    expect((await reviewer.post(`/api/restricted/matches/${mine.id}/review`, { decision: 'confirmed', note: '' })).statusCode).toBe(400);
    expect((await reviewer.post(`/api/restricted/matches/${mine.id}/review`, { decision: 'confirmed', note: '\u0000' })).statusCode).toBe(400);
    expect((await street.post(`/api/restricted/matches/${mine.id}/review`, { decision: 'dismissed', note: '否' })).statusCode).toBe(403);

    const ok = await reviewer.post(`/api/restricted/matches/${mine.id}/review`, { decision: 'confirmed', note: '经公安核实确为同一人' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'confirmed', note: '经公安核实确为同一人' });
    const s = await env.owner.query(`select reason from staff_access_suspensions where user_id = (select id from users where username = 'director-dinghai')`);
    expect(s.rows[0]?.reason).toBe('restricted');
    // recorded as a record-check answer, so the record-check rule keeps the person suspended
    const rc = await env.owner.query(
      `select rc.result, rc.answer_ref from record_checks rc join staff s on s.id = rc.staff_id
        where s.user_id = (select id from users where username = 'director-dinghai') and rc.result = 'restricted'`,
    );
    expect(rc.rows).toEqual([{ result: 'restricted', answer_ref: '从业限制名单核查确认' }]);
    expect((await director.get('/api/auth/me')).statusCode).toBe(401);
    expect((await reviewer.post(`/api/restricted/matches/${mine.id}/review`, { decision: 'dismissed', note: '再次' })).statusCode).toBe(409);

    const d = await reviewer.post(`/api/restricted/matches/${other.id}/review`, { decision: 'dismissed', note: '同号不同人，系录入错误' });
    expect(d.json().status).toBe('dismissed');
    // a dismissed match writes no check
    expect((await env.owner.query(`select count(*)::int as n from record_checks where result = 'restricted'`)).rows[0].n).toBe(1);
    const audit = await env.owner.query(`select action from audit_log where action like 'restricted.match.%' order by id`);
    expect(audit.rows.map((r) => r.action)).toEqual(['restricted.match.confirm', 'restricted.match.dismiss']);
  });
});

describe('a person saved in the ledger', () => {
  it('is matched when the street adds them, and only the reviewer learns of it', async () => {
    const id = makeIdNumber('310110', '1979-11-12', 57, 'F');
    const listed = await reviewer.post('/api/restricted/lists', { name: '第三批名单', filename: 'third.csv', contentBase64: csv([['孙晓梅', id, '虐待']]) });
    expect(listed.json()).toMatchObject({ loaded: 1, matches: 0 });
    const before = (await reviewer.get('/api/restricted/matches?status=open')).json().items.length;
    const created = await street.post('/api/workforce/staff', {
      name: '孙晓梅',
      gender: 'female',
      idNumber: id,
      roleKind: 'child_director',
      post: 'committee_member',
      certLevel: 'none',
      streetCode: 'dinghai',
      unitCode: 'street-dinghai',
    });
    expect(created.statusCode).toBe(201);
    // the street's answer says nothing of the list
    expect(created.body).not.toMatch(/限制|restricted/i);
    const after = (await reviewer.get('/api/restricted/matches?status=open')).json().items;
    expect(after).toHaveLength(before + 1);
    expect(await asUser('street-dinghai', ['dinghai'], `select count(*)::int as n from restricted_matches`)).toBe(0);
  });
});
