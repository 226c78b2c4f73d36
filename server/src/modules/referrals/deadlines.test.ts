/**
 * Reminders and escalation against the real database: the deadline job (`runDeadlines`) run at
 * chosen moments around a weekend, a holiday from `work_calendar`, 暖杨通道's clock hours on a
 * Sunday, and the second level to 区民政局 — each sent once, whatever the number of runs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEnv, type Agent, type TestEnv } from '../../../test/harness.js';
import { runDeadlines } from './deadlineJobs.js';
import { scheduleReferralDeadlines } from './scheduler.js';

let env: TestEnv;
let child: { id: string; name: string };
const at = (iso: string) => Date.parse(`${iso}+08:00`);

beforeAll(async () => {
  env = await testEnv();
  child = (
    await env.owner.query(
      `select c.id, c.name from children c where c.street_code = 'dinghai' and c.status = 'active'
          and c.birth_date > current_date - interval '15 years' order by c.id limit 1`,
    )
  ).rows[0];
});
afterAll(async () => {
  await env?.close();
});

/** Logs in as `username` with the server's clock at `iso` (Shanghai time). */
async function as(username: string, iso: string): Promise<Agent> {
  env.clock.now = at(iso);
  return env.login(username);
}

const userId = async (username: string): Promise<string> => (await env.owner.query('select id from users where username = $1', [username])).rows[0].id;

/** The notices of `kind` about `referralId`, by addressee username. */
async function notices(referralId: string, kind: string): Promise<string[]> {
  const { rows } = await env.owner.query(
    `select u.username from notifications n join users u on u.id = n.user_id where n.entity_id = $1 and n.kind = $2 order by u.username`,
    [referralId, kind],
  );
  return rows.map((r: { username: string }) => r.username);
}

async function state(referralId: string): Promise<{ level: number; reminded: boolean; version: number; events: string[] }> {
  const r = (await env.owner.query('select escalation_level, reminded_at, version from referrals where id = $1', [referralId])).rows[0];
  const ev = await env.owner.query(`select kind from referral_events where referral_id = $1 and kind in ('reminder', 'escalation') order by id`, [referralId]);
  return { level: r.escalation_level, reminded: r.reminded_at !== null, version: r.version, events: ev.rows.map((e: { kind: string }) => e.kind) };
}

const run = (iso: string) => runDeadlines(env.deps, at(iso));

describe('the deadline job', () => {
  it('a referral sent on a Friday, due in 1 working day: reminded once, nothing over the weekend, the unit head after Monday, the district two working days later', async () => {
    const street = await as('street-dinghai', '2027-01-08T10:00:00'); // Friday
    const res = await street.post('/api/referrals', { childId: child.id, kind: 'dropout', toUnit: 'education', reason: '连续两周未到校', dueOn: '2027-01-11' });
    expect(res.statusCode, res.body).toBe(201);
    const id: string = res.json().id;
    expect(new Date(res.json().ackDueAt).toISOString()).toBe(new Date(at('2027-01-11T23:59:59.999')).toISOString());

    await run('2027-01-08T10:05:00');
    expect(await state(id)).toMatchObject({ reminded: true, level: 0, events: ['reminder'] });
    expect(await notices(id, 'referral.reminder')).toEqual(['edu', 'edu-head']); // the unit's handlers
    await run('2027-01-08T10:10:00');
    await run('2027-01-09T10:00:00'); // Saturday
    await run('2027-01-10T23:00:00'); // Sunday
    await run('2027-01-11T23:59:00'); // Monday, before the end of the day
    expect(await state(id)).toMatchObject({ reminded: true, level: 0, events: ['reminder'], version: 1 });
    expect(await notices(id, 'referral.escalation')).toEqual([]);

    await run('2027-01-12T00:05:00'); // Tuesday: acknowledgement and deadline missed
    await run('2027-01-12T00:10:00');
    expect(await state(id)).toMatchObject({ level: 1, events: ['reminder', 'escalation'], version: 1 });
    expect(await notices(id, 'referral.escalation')).toEqual(['edu-head']);
    const audit = await env.owner.query(`select user_id, summary from audit_log where action = 'referral.escalate' and entity_id = $1`, [id]);
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0].summary).toMatchObject({ level: 1, why: '超过签收时限仍未签收' });

    await run('2027-01-13T23:00:00'); // Wednesday: one working day after
    expect((await state(id)).level).toBe(1);
    await run('2027-01-14T00:05:00'); // Thursday: Tuesday and Wednesday have passed
    await run('2027-01-14T09:00:00');
    expect(await state(id)).toMatchObject({ level: 2, events: ['reminder', 'escalation', 'escalation'] });
    expect(await notices(id, 'referral.escalation')).toEqual(['district', 'edu-head']);

    // the timeline shows the job's events to the parties
    const edu = await as('edu', '2027-01-14T09:00:00');
    const detail = (await edu.get(`/api/referrals/${id}`)).json();
    expect(detail.escalationLevel).toBe(2);
    expect(detail.events.filter((e: { kind: string }) => e.kind === 'escalation').map((e: { note: string }) => e.note)).toEqual([
      `超过签收时限仍未签收，已提请${detail.toUnitName}负责人督办`,
      '超过办理期限（2027-01-11）2 个工作日仍未办结，已提请区民政局督办',
    ]);
  });

  it('a holiday in the work calendar pushes the acknowledgement deadline and its escalation', async () => {
    await env.owner.query(`insert into work_calendar (day, kind, note) values ('2027-01-18', 'holiday', '测试假日')`);
    const street = await as('street-dinghai', '2027-01-15T16:00:00'); // Friday; Monday is a holiday
    const res = await street.post('/api/referrals', { childId: child.id, kind: 'dropout', toUnit: 'education', reason: '长期旷课', dueOn: '2027-02-26' });
    expect(res.statusCode, res.body).toBe(201);
    const id: string = res.json().id;
    await run('2027-01-19T00:05:00'); // Tuesday: without the holiday this would be late
    expect(await state(id)).toMatchObject({ level: 0, reminded: false });
    await run('2027-01-20T00:05:00'); // Wednesday
    expect((await state(id)).level).toBe(1);
    // acknowledged after: the level stays, nothing more is sent until the response deadline
    const edu = await as('edu', '2027-01-20T09:00:00');
    const r = (await edu.get(`/api/referrals/${id}`)).json();
    expect(r.version).toBe(1); // the job did not bump the version: the step below is not stale
    expect((await edu.post(`/api/referrals/${id}/steps`, { step: 'receive', version: r.version })).statusCode).toBe(200);
    await run('2027-01-25T10:00:00');
    expect(await state(id)).toMatchObject({ level: 1, events: ['escalation'] });
  });

  it('暖杨通道: escalates on a Sunday by the clock hours, to the unit head then the district', async () => {
    const street = await as('street-dinghai', '2027-01-09T23:00:00'); // Saturday night
    const res = await street.post('/api/referrals/channel', { childId: child.id, kind: 'harm', toUnits: ['police'], reason: '邻居反映孩子身上多处伤痕' });
    expect(res.statusCode, res.body).toBe(201);
    const id: string = res.json().ids[0];
    await run('2027-01-10T00:59:00');
    expect((await state(id)).level).toBe(0);
    await run('2027-01-10T01:01:00'); // Sunday, two hours passed
    expect((await state(id)).level).toBe(1);
    // police has no unit head among the demo users: the notice goes to its handlers rather than nobody
    expect(await notices(id, 'referral.escalation')).toEqual(['police']);
    await run('2027-01-10T03:01:00'); // two more hours
    expect(await state(id)).toMatchObject({ level: 2, events: ['escalation', 'escalation'] });
    expect(await notices(id, 'referral.escalation')).toEqual(['district', 'police']);
    const title = (await env.owner.query(`select title from notifications where entity_id = $1 and user_id = $2`, [id, await userId('district')])).rows[0]
      .title;
    expect(title).toMatch(/^【暖杨通道】转介逾期督办（区级）/);
  });

  it('ended referrals are left alone', async () => {
    const street = await as('street-dinghai', '2027-02-01T09:00:00');
    const res = await street.post('/api/referrals', { childId: child.id, kind: 'dropout', toUnit: 'education', reason: '已返校', dueOn: '2027-02-02' });
    const r = res.json();
    expect((await street.post(`/api/referrals/${r.id}/steps`, { step: 'withdraw', version: r.version, reason: '孩子已返校' })).statusCode).toBe(200);
    await run('2027-02-10T09:00:00');
    expect(await state(r.id)).toMatchObject({ level: 0, reminded: false, events: [] });
  });

  it('works through the referrals batch by batch, and a second run sends nothing new', async () => {
    const open = await env.owner.query(
      `select count(*)::int as n from referrals where status in ('sent', 'received', 'accepted', 'in_progress') and escalation_level < 2`,
    );
    expect(open.rows[0].n).toBeGreaterThan(0);
    const first = await runDeadlines(env.deps, at('2027-03-10T09:00:00'), 1);
    expect(first.escalated).toBeGreaterThanOrEqual(open.rows[0].n);
    expect(await runDeadlines(env.deps, at('2027-03-10T09:05:00'), 1)).toEqual({ reminded: 0, escalated: 0 });
    const left = await env.owner.query(
      `select count(*)::int as n from referrals where status in ('sent', 'received', 'accepted', 'in_progress') and escalation_level < 2`,
    );
    expect(left.rows[0].n).toBe(0);
  });

  it('the scheduler runs the job on its timer with the server clock, and stops', async () => {
    const street = await as('street-dinghai', '2027-04-01T09:00:00');
    const r = (
      await street.post('/api/referrals', { childId: child.id, kind: 'dropout', toUnit: 'education', reason: '复学后再次旷课', dueOn: '2027-04-02' })
    ).json();
    env.clock.now = at('2027-04-20T09:00:00');
    const lines: string[] = [];
    const stop = scheduleReferralDeadlines(env.deps, (m) => lines.push(m), 60_000, 0);
    try {
      for (let i = 0; i < 100 && !lines.length; i++) await new Promise((res) => setTimeout(res, 50));
    } finally {
      stop();
    }
    expect(lines[0]).toMatch(/^转介期限：提醒 0 件，督办 2 次/);
    expect((await state(r.id)).level).toBe(2);
  });
});
