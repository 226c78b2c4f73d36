/**
 * The ledger and its accounts: scope (a street its people, the system administrator none), the
 * duplicate id number, committees in the person's street, opening an account only after a valid
 * record check (未成年人保护法 Art. 62), the new account's committee scope, leaving, the audited
 * reveal, and the administrator's refusal to grant a child-facing role to an unchecked account.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, shanghaiDate } from '#common/dates.js';
import { makeIdNumber } from '#common/idNumber.js';
import { namePinyin } from '#common/pinyin.js';
import { NO_VALID_CHECK_MESSAGE } from '#common/workforce.js';
import { testEnv, type Agent, type TestEnv } from '../../../test/harness.js';
import { seedDemoWorkforce } from '../../seed/demoWorkforce.js';
import { UNCHECKED_GRANT_MESSAGE } from '../vetting/commands.js';

let env: TestEnv;
let dinghai: Agent;
let pingliang: Agent;
let today: string;
let committee01: string;
let committeePingliang: string;

beforeAll(async () => {
  env = await testEnv();
  today = shanghaiDate(env.clock.now);
  await seedDemoWorkforce(env.owner, env.deps.crypto, { seed: 1, today });
  [dinghai, pingliang] = await Promise.all([env.login('street-dinghai'), env.login('street-pingliang')]);
  committee01 = (await env.owner.query(`select id from committees where code = 'dinghai-01'`)).rows[0].id;
  committeePingliang = (await env.owner.query(`select id from committees where street_code = 'pingliang' order by code limit 1`)).rows[0].id;
});
afterAll(async () => {
  await env?.close();
});

let seq = 100;
const newPerson = (over: Record<string, unknown> = {}) => ({
  name: '测试主任',
  gender: 'female',
  idNumber: makeIdNumber('310110', '1985-03-04', (seq += 2), 'F'),
  phone: '13912345678',
  roleKind: 'child_director',
  post: 'committee_member',
  certLevel: 'assistant',
  streetCode: 'dinghai',
  unitCode: 'street-dinghai',
  appointedOn: addDays(today, -30),
  ...over,
});

describe('the ledger', () => {
  it('shows a street its own people only, masked; the system administrator none', async () => {
    const d = (await dinghai.get('/api/workforce/staff?pageSize=200')).json();
    expect(d.total).toBeGreaterThan(5);
    expect(d.items.every((i: { streetCode: string }) => i.streetCode === 'dinghai')).toBe(true);
    expect(d.items[0].idNumberMasked).toMatch(/\*/);
    const p = (await pingliang.get('/api/workforce/staff?pageSize=200')).json();
    expect(p.items.every((i: { streetCode: string }) => i.streetCode === 'pingliang')).toBe(true);
    const someone = p.items[0].id;
    expect((await dinghai.get(`/api/workforce/staff/${someone}`)).statusCode).toBe(404);
    const admin = await env.login('admin');
    expect([403, 200]).toContain((await admin.get('/api/workforce/staff')).statusCode);
    const r = await admin.get('/api/workforce/staff');
    if (r.statusCode === 200) expect(r.json().total).toBe(0);
    // filters: committee and check state
    const onCommittee = (await dinghai.get(`/api/workforce/staff?committee=${committee01}`)).json();
    expect(onCommittee.items.every((i: { committees: { committeeId: string }[] }) => i.committees.some((c) => c.committeeId === committee01))).toBe(true);
    const first = d.items[0];
    const byPinyin = (await dinghai.get(`/api/workforce/staff?q=${encodeURIComponent(namePinyin(first.name).initials)}&pageSize=200`)).json();
    expect(byPinyin.items.map((i: { id: string }) => i.id)).toContain(first.id);
    const byName = (await dinghai.get(`/api/workforce/staff?q=${encodeURIComponent(first.name)}`)).json();
    expect(byName.items.map((i: { id: string }) => i.id)).toContain(first.id);
    const lapsed = (await dinghai.get('/api/workforce/staff?check=lapsed&pageSize=200')).json();
    expect(lapsed.items.every((i: { check: { state: string } }) => i.check.state === 'lapsed')).toBe(true);
  });

  it('adds and edits a person; refuses a duplicate id number without naming another street’s person; refuses another street', async () => {
    const body = newPerson();
    const created = await dinghai.post('/api/workforce/staff', body);
    expect(created.statusCode).toBe(201);
    const p = created.json();
    expect(p.idNumberMasked).not.toContain(body.idNumber.slice(6, 14));
    const dup = await dinghai.post('/api/workforce/staff', { ...body, name: '另一人' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.message).toContain('测试主任');
    const hidden = await pingliang.post('/api/workforce/staff', newPerson({ idNumber: body.idNumber, streetCode: 'pingliang', unitCode: 'street-pingliang' }));
    expect(hidden.statusCode).toBe(409);
    expect(hidden.json().error.message).not.toContain('测试主任');
    expect(hidden.json().error.message).toContain('查看范围以外');
    const other = await dinghai.post('/api/workforce/staff', newPerson({ streetCode: 'pingliang', unitCode: 'street-pingliang' }));
    expect(other.statusCode).toBe(400);
    const upd = await dinghai.put(`/api/workforce/staff/${p.id}`, { version: p.version, certLevel: 'intermediate', note: '调整' });
    expect(upd.statusCode).toBe(200);
    expect(upd.json().certLevel).toBe('intermediate');
    const stale = await dinghai.put(`/api/workforce/staff/${p.id}`, { version: p.version, note: '旧版本' });
    expect(stale.statusCode).toBe(409);
    const reveal = await dinghai.post(`/api/workforce/staff/${p.id}/reveal`);
    expect(reveal.json()).toEqual({ idNumber: body.idNumber, phone: body.phone });
    const audit = await env.owner.query(`select count(*)::int as n from audit_log where action = 'workforce.staff.reveal' and entity_id = $1`, [p.id]);
    expect(audit.rows[0].n).toBe(1);
    const stored = await env.owner.query(`select id_number_enc, phone_enc from staff where id = $1`, [p.id]);
    expect(stored.rows[0].id_number_enc).not.toContain(body.idNumber);
  });

  it('assigns committees of the person’s street only, and ends them keeping the history', async () => {
    const p = (await dinghai.post('/api/workforce/staff', newPerson({ name: '任职测试' }))).json();
    const wrong = await dinghai.post(`/api/workforce/staff/${p.id}/committees`, { committeeId: committeePingliang, since: today });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.fields[0].message).toContain('所在街道');
    const ok = await dinghai.post(`/api/workforce/staff/${p.id}/committees`, { committeeId: committee01, since: today });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().committees).toHaveLength(1);
    const ended = await dinghai.post(`/api/workforce/staff/${p.id}/committees/${committee01}/end`, { until: today });
    expect(ended.json().committees).toHaveLength(0);
    expect(ended.json().committeeHistory).toHaveLength(1);
  });
});

describe('accounts (Art. 62)', () => {
  it('refuses an account without a valid check; opens one with a check; the account sees exactly its committee; leaving disables it', async () => {
    const p = (await dinghai.post('/api/workforce/staff', newPerson({ name: '开通测试' }))).json();
    await dinghai.post(`/api/workforce/staff/${p.id}/committees`, { committeeId: committee01, since: today });
    const users = async () => (await env.owner.query(`select count(*)::int as n from users`)).rows[0].n;
    const before = await users();
    const refused = await dinghai.post(`/api/workforce/staff/${p.id}/account`, { username: 'dir-test-01' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.message).toBe(NO_VALID_CHECK_MESSAGE);
    expect(await users()).toBe(before);

    const withCheck = (
      await dinghai.post(`/api/vetting/staff/${p.id}/checks`, { kind: 'pre_appointment', requestedOn: addDays(today, -5), requestRef: '杨公查〔2026〕1号' })
    ).json();
    const checkId = withCheck.checks[0].id;
    const stillPending = await dinghai.post(`/api/workforce/staff/${p.id}/account`, { username: 'dir-test-01' });
    expect(stillPending.statusCode).toBe(400);
    const answered = await dinghai.post(`/api/vetting/checks/${checkId}/answer`, {
      answeredOn: addDays(today, -1),
      result: 'clear',
      answerRef: '无记录',
      version: 1,
    });
    expect(answered.statusCode).toBe(200);
    expect(answered.json().check.state).toBe('valid');

    const opened = await dinghai.post(`/api/workforce/staff/${p.id}/account`, { username: 'dir-test-01' });
    expect(opened.statusCode).toBe(201);
    const { initialPassword } = opened.json();
    expect(opened.json().staff.username).toBe('dir-test-01');
    const u = (await env.owner.query(`select u.id, u.display_name, u.unit_code, u.must_change_password from users u where username = 'dir-test-01'`)).rows[0];
    expect(u).toMatchObject({ display_name: '开通测试', unit_code: 'street-dinghai', must_change_password: true });

    const director = await env.login('dir-test-01', initialPassword);
    expect((await director.post('/api/auth/password', { currentPassword: initialPassword, newPassword: 'Yangpu-Director-2026!' })).statusCode).toBe(200);
    const mine = (await director.get('/api/children?pageSize=200')).json();
    const demo = (await (await env.login('director-dinghai')).get('/api/children?pageSize=200')).json();
    expect(mine.total).toBeGreaterThan(0);
    expect(mine.items.map((c: { id: string }) => c.id).sort()).toEqual(demo.items.map((c: { id: string }) => c.id).sort());

    // a committee added to the person follows to the account, whose sessions end (its access changed)
    const committee02 = (await env.owner.query(`select id from committees where code = 'dinghai-02'`)).rows[0].id;
    expect((await dinghai.post(`/api/workforce/staff/${p.id}/committees`, { committeeId: committee02, since: today })).statusCode).toBe(200);
    const uc = await env.owner.query(`select committee_id from user_committees where user_id = $1 order by committee_id`, [u.id]);
    expect(uc.rows.map((r) => r.committee_id).sort()).toEqual([committee01, committee02].sort());
    expect((await director.get('/api/auth/me')).statusCode).toBe(401);
    const again = await env.login('dir-test-01', 'Yangpu-Director-2026!');
    expect((await again.get('/api/children?pageSize=200')).json().total).toBeGreaterThan(mine.total);

    // leaving: committees end, the account is disabled
    const cur = (await dinghai.get(`/api/workforce/staff/${p.id}`)).json();
    const left = await dinghai.put(`/api/workforce/staff/${p.id}`, { version: cur.version, leftOn: today });
    expect(left.statusCode).toBe(200);
    expect(left.json().committees).toHaveLength(0);
    expect((await env.owner.query(`select disabled from users where username = 'dir-test-01'`)).rows[0].disabled).toBe(true);
    expect((await again.get('/api/children')).statusCode).toBe(401);
  });

  it('links an existing account of the same unit only', async () => {
    const p = (await dinghai.post('/api/workforce/staff', newPerson({ name: '关联测试', roleKind: 'other', post: 'other' }))).json();
    const wrongUnit = await dinghai.post(`/api/workforce/staff/${p.id}/account/link`, { username: 'street-pingliang' });
    expect(wrongUnit.statusCode).toBe(400);
    const already = await dinghai.post(`/api/workforce/staff/${p.id}/account/link`, { username: 'street-dinghai' });
    expect(already.statusCode).toBe(409);
  });

  it('the administrator cannot grant a child-facing role to an account without a checked ledger person', async () => {
    const admin = await env.login('admin');
    const n = async () => (await env.owner.query(`select count(*)::int as n from users`)).rows[0].n;
    const before = await n();
    const r = await admin.post('/api/admin/users', {
      username: 'unchecked-dir',
      displayName: '未查询',
      unitCode: 'street-dinghai',
      password: 'Yangpu#Care2026',
      roles: ['child_director'],
      committees: [committee01],
    });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.message).toBe(UNCHECKED_GRANT_MESSAGE);
    expect(await n()).toBe(before);
    const plain = await admin.post('/api/admin/users', {
      username: 'plain-edu',
      displayName: '教育',
      unitCode: 'education',
      password: 'Yangpu#Care2026',
      roles: ['department'],
    });
    expect(plain.statusCode).toBe(201);
    const change = await admin.patch(`/api/admin/users/${plain.json().id}`, { roles: ['department', 'social_worker'] });
    expect(change.statusCode).toBe(400);
    expect(change.json().error.message).toBe(UNCHECKED_GRANT_MESSAGE);
  });
});
