/**
 * Record checks and the suspension of access (未成年人保护法 Art. 62), with the server's clock moved
 * across a year boundary: a director whose check lapses loses the children at the API and in
 * PostgreSQL itself; a new clear answer gives them back. Reminders go once per lead time. The
 * answer's dates are validated; the settings need workforce.configure.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, shanghaiDate } from '#common/dates.js';
import { makeIdNumber } from '#common/idNumber.js';
import { testEnv, type Agent, type TestEnv } from '../../../test/harness.js';
import { seedDemoWorkforce } from '../../seed/demoWorkforce.js';
import { runVetting } from './jobs.js';

const DAY = 86_400_000;
let env: TestEnv;
let dinghai: Agent;
let committee01: string;

beforeAll(async () => {
  env = await testEnv();
  // 2026-12-31, noon in Shanghai: the check answered 2026-01-01 is valid through today.
  env.clock.now = Date.parse('2026-12-31T04:00:00Z');
  await seedDemoWorkforce(env.owner, env.deps.crypto, { seed: 1, today: '2026-12-31' });
  // the demo's own lapsed people would be suspended too once linked; here only ours matter
  dinghai = await env.login('street-dinghai');
  committee01 = (await env.owner.query(`select id from committees where code = 'dinghai-01'`)).rows[0].id;
});
afterAll(async () => {
  await env?.close();
});

async function childCountAsApp(userId: string, committees: string[]): Promise<number> {
  const c = await env.db.app.connect();
  try {
    await c.query('begin');
    await c.query(`select set_config('app.user_id', $1, true), set_config('app.committees', $2, true), set_config('app.streets', '', true)`, [
      userId,
      committees.join(','),
    ]);
    const n = (await c.query<{ n: number }>('select count(*)::int as n from children')).rows[0]?.n ?? -1;
    await c.query('rollback');
    return n;
  } finally {
    c.release();
  }
}

describe('record checks', () => {
  let staffId: string;
  let checkId: string;

  it('validates a request and its answer (not before the request, not in the future, one pending at a time)', async () => {
    const p = await dinghai.post('/api/workforce/staff', {
      name: '跨年主任',
      gender: 'male',
      idNumber: makeIdNumber('310110', '1980-07-01', 11, 'M'),
      roleKind: 'child_director',
      post: 'committee_director',
      streetCode: 'dinghai',
      unitCode: 'street-dinghai',
      appointedOn: '2025-12-01',
    });
    expect(p.statusCode).toBe(201);
    staffId = p.json().id;
    expect((await dinghai.post(`/api/vetting/staff/${staffId}/checks`, { kind: 'annual', requestedOn: '2027-01-05' })).json().error.fields[0].path).toBe(
      'requestedOn',
    );
    const r = await dinghai.post(`/api/vetting/staff/${staffId}/checks`, {
      kind: 'pre_appointment',
      requestedOn: '2025-12-20',
      requestRef: '杨公〔2025〕88号',
    });
    expect(r.statusCode).toBe(201);
    expect(r.json().check.state).toBe('pending');
    checkId = r.json().checks[0].id;
    expect((await dinghai.post(`/api/vetting/staff/${staffId}/checks`, { kind: 'annual', requestedOn: '2025-12-21' })).statusCode).toBe(409);
    const early = await dinghai.post(`/api/vetting/checks/${checkId}/answer`, { answeredOn: '2025-12-19', result: 'clear', version: 1 });
    expect(early.statusCode).toBe(400);
    expect(early.json().error.fields[0].message).toContain('不能早于申请查询日期');
    const future = await dinghai.post(`/api/vetting/checks/${checkId}/answer`, { answeredOn: '2027-01-01', result: 'clear', version: 1 });
    expect(future.statusCode).toBe(400);
    const ok = await dinghai.post(`/api/vetting/checks/${checkId}/answer`, {
      answeredOn: '2026-01-01',
      result: 'clear',
      answerRef: '无违法犯罪记录',
      version: 1,
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().check).toMatchObject({ state: 'expiring', validUntil: '2026-12-31', daysLeft: 0 });
    expect((await dinghai.post(`/api/vetting/checks/${checkId}/answer`, { answeredOn: '2026-01-01', result: 'clear', version: 2 })).statusCode).toBe(409);
    expect((await pingliangAgent()).statusCode).toBe(404);
  });

  async function pingliangAgent() {
    const pl = await env.login('street-pingliang');
    return pl.post(`/api/vetting/checks/${checkId}/answer`, { answeredOn: '2026-01-01', result: 'clear', version: 2 });
  }

  it('suspends the director when the check lapses across the year boundary (API and PostgreSQL), and restores access with a new answer', async () => {
    await dinghai.post(`/api/workforce/staff/${staffId}/committees`, { committeeId: committee01, since: '2026-01-02' });
    const opened = await dinghai.post(`/api/workforce/staff/${staffId}/account`, { username: 'kuanian' });
    expect(opened.statusCode).toBe(201);
    const pw = opened.json().initialPassword;
    const userId = opened.json().userId;
    let director = await env.login('kuanian', pw);
    await director.post('/api/auth/password', { currentPassword: pw, newPassword: 'Yangpu-River-Care-77' });
    const list = (await director.get('/api/children?pageSize=5')).json();
    expect(list.total).toBeGreaterThan(0);
    const childId = list.items[0].id;
    expect((await director.get(`/api/children/${childId}`)).statusCode).toBe(200);
    expect(await childCountAsApp(userId, [committee01])).toBe(list.total);

    // the job on the last valid day suspends no one of ours
    await runVetting(env.deps, env.clock.now);
    expect((await director.get(`/api/children/${childId}`)).statusCode).toBe(200);

    env.clock.advance(2 * DAY); // 2027-01-02
    const run = await runVetting(env.deps, env.clock.now);
    expect(run.suspended).toBeGreaterThanOrEqual(1);
    const susp = (await env.owner.query(`select reason, staff_id from staff_access_suspensions where user_id = $1`, [userId])).rows;
    expect(susp).toEqual([{ reason: 'lapsed', staff_id: staffId }]);
    expect((await director.get('/api/auth/me')).statusCode).toBe(401); // its sessions ended
    director = await env.login('kuanian', 'Yangpu-River-Care-77');
    const me = await director.get('/api/auth/me');
    expect(me.json().accessSuspended).toBe(true);
    expect([403, 404]).toContain((await director.get(`/api/children/${childId}`)).statusCode);
    const after = await director.get('/api/children');
    if (after.statusCode === 200) expect(after.json().total).toBe(0);
    else expect(after.statusCode).toBe(403);
    // PostgreSQL itself: the director's committee in the session settings, and still nothing
    expect(await childCountAsApp(userId, [committee01])).toBe(0);
    const audited = await env.owner.query(`select count(*)::int as n from audit_log where action = 'vetting.access.suspend' and entity_id = $1`, [userId]);
    expect(audited.rows[0].n).toBe(1);

    // the annual check: requested and answered clear → access back at once
    dinghai = await env.login('street-dinghai');
    const req = (await dinghai.post(`/api/vetting/staff/${staffId}/checks`, { kind: 'annual', requestedOn: '2026-12-28' })).json();
    const annual = req.checks.find((c: { kind: string }) => c.kind === 'annual');
    const ans = await dinghai.post(`/api/vetting/checks/${annual.id}/answer`, { answeredOn: '2027-01-02', result: 'clear', version: annual.version });
    expect(ans.statusCode).toBe(200);
    expect(ans.json().check.state).toBe('valid');
    expect((await env.owner.query(`select count(*)::int as n from staff_access_suspensions where user_id = $1`, [userId])).rows[0].n).toBe(0);
    expect((await director.get(`/api/children/${childId}`)).statusCode).toBe(200);
    expect(await childCountAsApp(userId, [committee01])).toBe(list.total);
  });

  it('sends each reminder once per lead time (30 and 7 days) to the person and the street’s managers', async () => {
    // the annual answer of 2027-01-02 is valid through 2028-01-01: 30 days before is 2027-12-02
    const sent = async () =>
      (
        await env.owner.query(`select days_before from record_check_reminders where staff_id = $1 and due_on = '2028-01-01' order by days_before desc`, [
          staffId,
        ])
      ).rows.map((r) => r.days_before);
    // the street's own supervisor renewed her check (else she is suspended and told nothing)
    await env.owner.query(
      `insert into record_checks (staff_id, kind, requested_on, answered_on, result) select id, 'annual', '2027-11-01', '2027-11-20', 'clear' from staff
        where user_id = (select id from users where username = 'street-dinghai')`,
    );
    env.clock.now = Date.parse('2027-12-01T04:00:00Z');
    await runVetting(env.deps, env.clock.now);
    expect(await sent()).toEqual([]);
    env.clock.now = Date.parse('2027-12-02T04:00:00Z');
    await runVetting(env.deps, env.clock.now);
    await runVetting(env.deps, env.clock.now);
    expect(await sent()).toEqual([30]);
    env.clock.now = Date.parse('2027-12-25T04:00:00Z');
    await runVetting(env.deps, env.clock.now);
    await runVetting(env.deps, env.clock.now);
    expect(await sent()).toEqual([30, 7]);
    const notes = await env.owner.query(
      `select u.username, count(*)::int as n from notifications n join users u on u.id = n.user_id
        where n.kind = 'vetting.reminder' and n.body like '%' || $1 || '%2028-01-01%' group by u.username order by u.username`,
      ['跨年主任'],
    );
    expect(notes.rows).toContainEqual({ username: 'kuanian', n: 2 });
    expect(notes.rows).toContainEqual({ username: 'street-dinghai', n: 2 });
    expect(notes.rows.some((r) => r.username === 'street-pingliang')).toBe(false);
    // only the managers' notice opens the person's page (the director has no workforce.read)
    const links = await env.owner.query(
      `select u.username, n.entity from notifications n join users u on u.id = n.user_id where n.kind = 'vetting.reminder' and u.username in ('kuanian', 'street-dinghai') group by 1, 2 order by 1`,
    );
    expect(links.rows).toEqual([
      { username: 'kuanian', entity: null },
      { username: 'street-dinghai', entity: 'staff' },
    ]);
  });

  it('settings: the district configures, a street cannot; enforce_from suspends accounts linked to no ledger person', async () => {
    env.clock.now = Date.parse('2027-12-26T04:00:00Z');
    const district = await env.login('district');
    const street = await env.login('street-dinghai');
    expect((await street.put('/api/vetting/settings', { validityMonths: 12, remindDays: [30, 7], enforceFrom: null })).statusCode).toBe(403);
    const today = shanghaiDate(env.clock.now);
    const saved = await district.put('/api/vetting/settings', { validityMonths: 12, remindDays: [7, 30, 30], enforceFrom: addDays(today, 1) });
    expect(saved.json().remindDays).toEqual([30, 7]);
    // an account with a child-facing role and no ledger person: suspended only from enforce_from
    await env.owner.query(`update staff set user_id = null where user_id = (select id from users where username = 'sw-sunshine')`);
    await runVetting(env.deps, env.clock.now);
    const sw = `select reason from staff_access_suspensions where user_id = (select id from users where username = 'sw-sunshine')`;
    expect((await env.owner.query(sw)).rows).toEqual([]);
    env.clock.advance(DAY);
    await runVetting(env.deps, env.clock.now);
    expect((await env.owner.query(sw)).rows).toEqual([{ reason: 'no_check' }]);
    const again = await env.login('district'); // the clock moved a day: the earlier session is idle-expired
    expect((await again.put('/api/vetting/settings', { validityMonths: 12, remindDays: [30, 7], enforceFrom: null })).statusCode).toBe(200);
    await runVetting(env.deps, env.clock.now);
    expect((await env.owner.query(sw)).rows).toEqual([]);
  });
});
