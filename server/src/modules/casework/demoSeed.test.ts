/** The demo casework: deterministic, plausible proportions, and readable through the API. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEnv, type TestEnv } from '../../../test/harness.js';
import { seedDemoCasework } from '../../seed/demoCasework.js';
import { shanghaiDate } from '#common/dates.js';

let a: TestEnv;
let b: TestEnv;
beforeAll(async () => {
  [a, b] = await Promise.all([testEnv(), testEnv()]);
});
afterAll(async () => {
  await Promise.all([a?.close(), b?.close()]);
});

const snapshot = async (env: TestEnv) =>
  (
    await env.owner.query(`
  select (select json_agg(x order by x) from (select child_id::text || category || severity || status || due_on::text as x from problems) q) as problems,
         (select count(*)::int from problem_events) as events,
         (select json_agg(x order by x) from (select child_id::text || kind || given_on::text || coalesce(value_fen, -1)::text as x from assistance) q) as assistance,
         (select count(*)::int from care_plan_reviews) as reviews,
         (select json_agg(x order by x) from (select c.id::text || coalesce(m.name, '-') || coalesce(bd.name, '-') as x
            from children c left join mentors m on m.id = c.mentor_id left join mentors bd on bd.id = c.buddy_id) q) as mentors,
         (select sum(hours)::text from work_logs) as hours`)
  ).rows[0];

describe('seedDemoCasework', () => {
  it('is deterministic and gives plausible proportions', async () => {
    const today = shanghaiDate(a.clock.now);
    const [ra, rb] = await Promise.all([
      seedDemoCasework(a.owner, { seed: 7, today, fieldCrypto: a.deps.crypto }),
      seedDemoCasework(b.owner, { seed: 7, today, fieldCrypto: b.deps.crypto }),
    ]);
    expect(ra).toEqual(rb);
    expect(await snapshot(a)).toEqual(await snapshot(b));

    const children = (await a.owner.query(`select count(*)::int as n from children where status = 'active'`)).rows[0].n;
    const q = async (sql: string) => (await a.owner.query(sql)).rows[0];
    const p = await q(`select count(distinct child_id)::int as kids, count(*) filter (where status = 'resolved')::int as resolved,
      count(*) filter (where status <> 'resolved' and due_on < current_date)::int as overdue, count(*) filter (where escalated_to is not null)::int as escalated,
      count(*)::int as n, min(created_at) as first from problems`);
    expect(p.n).toBe(ra.problems);
    expect(p.kids / children).toBeGreaterThan(0.3);
    expect(p.kids / children).toBeLessThan(0.5);
    expect(p.resolved / p.n).toBeGreaterThan(0.6);
    expect(p.overdue).toBeGreaterThan(0);
    expect(p.escalated).toBeGreaterThan(0);
    expect(Date.now() - new Date(p.first).getTime()).toBeGreaterThan(500 * 86_400_000);
    // Every problem starts its timeline with 'created'; every resolved one has a 'resolved' event.
    expect(
      (await q(`select count(*)::int as n from problems p where not exists (select 1 from problem_events e where e.problem_id = p.id and e.kind = 'created')`))
        .n,
    ).toBe(0);
    expect(
      (
        await q(
          `select count(*)::int as n from problems p where status = 'resolved' and not exists (select 1 from problem_events e where e.problem_id = p.id and e.kind = 'resolved')`,
        )
      ).n,
    ).toBe(0);
    // 强制报告: every serious safety problem has its duty; resolved ones reported, the others pending.
    const mr = await q(`select count(*)::int as duties, count(*) filter (where r.status = 'pending')::int as pending,
      count(*) filter (where r.status = 'pending' and p.status <> 'resolved')::int as pending_open,
      count(*) filter (where r.status = 'reported' and r.recipients = array['police', 'civil_affairs'])::int as reported,
      (select count(*)::int from problems where category = 'safety' and severity = 'high') as serious
      from mandatory_reports r join problems p on p.id = r.problem_id`);
    expect(mr.duties).toBe(mr.serious);
    expect(mr.duties).toBeGreaterThan(0);
    expect(mr.pending).toBe(mr.pending_open);
    expect(mr.pending + mr.reported).toBe(mr.duties);
    expect((await q(`select count(distinct kind)::int as n from assistance`)).n).toBe(7);
    expect(ra.plans).toBeGreaterThan(0);
    expect((await q(`select count(*)::int as n from care_plan_reviews`)).n).toBeGreaterThan(0);
    const m = await q(`select count(*) filter (where kind = 'mentor')::int as mentors, count(*) filter (where kind = 'buddy')::int as buddies from mentors`);
    expect(m).toEqual({ mentors: 60, buddies: 60 });
    const covered = (await q(`select count(*)::int as n from children where status = 'active' and mentor_id is not null`)).n;
    expect(covered / children).toBeGreaterThan(0.65);
    expect(covered / children).toBeLessThan(0.85);
    expect((await q(`select count(*)::int as n from work_logs w join users u on u.id = w.user_id where u.username = 'director-dinghai'`)).n).toBeGreaterThan(
      100,
    );
    // Mentors live in the child's street or district-wide.
    expect(
      (
        await q(
          `select count(*)::int as n from children c join mentors m on m.id = c.mentor_id where m.street_code is not null and m.street_code <> c.street_code`,
        )
      ).n,
    ).toBe(0);
  });

  it('reads back through the API (presenters accept the seeded rows)', async () => {
    const dinghai = await a.login('street-dinghai');
    const list = await dinghai.get('/api/problems?pageSize=200');
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().total).toBeGreaterThan(0);
    const first = list.json().items[0];
    const detail = await dinghai.get(`/api/problems/${first.id}`);
    expect(detail.statusCode, detail.body).toBe(200);
    expect(detail.json().events[0].kind).toBe('created');
    const child = first.childId;
    for (const path of [
      `/api/children/${child}/assistance`,
      `/api/children/${child}/care-plans`,
      `/api/children/${child}/mentor`,
      `/api/children/${child}/problems`,
    ]) {
      const res = await dinghai.get(path);
      expect(res.statusCode, `${path} ${res.body}`).toBe(200);
    }
    for (const path of [
      '/api/mentors?pageSize=200',
      '/api/mentors/coverage',
      '/api/mentors/gaps?kind=buddy',
      '/api/work-logs?mine=false&pageSize=200',
      '/api/problems/stats',
      '/api/problems?overdue=true',
    ]) {
      const res = await dinghai.get(path);
      expect(res.statusCode, `${path} ${res.body}`).toBe(200);
    }
    const mentors = (await dinghai.get('/api/mentors?kind=mentor&pageSize=200')).json();
    expect(mentors.items.some((x: { phoneMasked: string | null }) => x.phoneMasked && /^1\d\d\*{4}\d{4}$/.test(x.phoneMasked))).toBe(true);
    const logs = (await (await a.login('director-dinghai')).get('/api/work-logs')).json();
    expect(logs.total).toBeGreaterThan(100);
  });
});
