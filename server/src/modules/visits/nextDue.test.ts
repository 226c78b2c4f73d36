/**
 * Migrations 20261203_1000 and _1001 of the visits module:
 * - visit_next_due is the one rule for a child's next visit due date: a table of hand-computed
 *   cases, then the three functions built on it (one child, all children, a set of children) give,
 *   on the demo data, the very dates the definitions they replaced gave (migration 0500's rule,
 *   written out below as it was);
 * - a draft's problems moved from the checklist's reserved "__problems" entry to visits.draft_problems.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEnv, type TestEnv } from '../../../test/harness.js';
import { seedDemoVisits } from '../../seed/demoVisits.js';
import { shanghaiDate } from '#common/dates.js';

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
});
afterAll(async () => {
  await env?.close();
});

describe('visit_next_due', () => {
  // status, risk, registered, last visit, risk interval, category interval, high risk since, first-visit days → due
  const cases: [string, string, string, string | null, number | null, number | null, string | null, number, string | null][] = [
    ['active', 'low', '2026-01-01', null, 90, null, null, 7, '2026-04-01'], // never visited: from registration
    ['active', 'low', '2026-01-01', '2026-03-10', 90, null, null, 7, '2026-06-08'], // from the last visit
    ['active', 'low', '2026-01-01', '2026-03-10', 90, 30, null, 7, '2026-04-09'], // the shortest matching rule wins
    ['active', 'medium', '2026-01-01', '2026-03-10', null, 30, null, 7, '2026-04-09'], // a category rule only
    ['active', 'medium', '2026-01-01', '2026-03-10', null, null, null, 7, null], // no rule matches: no date
    ['closed', 'low', '2026-01-01', '2026-03-10', 90, 30, null, 7, null], // a closed file has no due date
    ['active', 'high', '2026-01-01', null, 30, null, '2026-01-01', 7, '2026-01-08'], // new at high risk: within 7 days
    ['active', 'high', '2025-06-01', '2026-02-20', 30, null, '2026-03-01', 7, '2026-03-08'], // raised after the last visit
    ['active', 'high', '2025-06-01', '2026-02-27', 30, null, '2026-02-20', 7, '2026-03-29'], // visited since: the interval
    ['active', 'high', '2025-06-01', '2026-02-20', 30, null, '2026-03-01', 14, '2026-03-15'], // the configured days
    ['active', 'high', '2025-06-01', '2026-02-26', 5, null, '2026-02-28', 7, '2026-03-03'], // the interval comes first
    ['active', 'high', '2025-06-01', null, null, null, '2026-03-01', 7, '2026-03-08'], // no rule: the first-visit deadline still applies
    ['active', 'medium', '2025-06-01', null, 60, null, '2026-03-01', 7, '2025-07-31'], // high_risk_since only counts at high risk
  ];
  it.each(cases)(
    '%s %s registered %s, last %s, intervals %s/%s, high since %s (+%s) → %s',
    async (status, risk, registered, last, riskDays, categoryDays, since, first, due) => {
      const r = await env.owner.query<{ due: string | null }>('select visit_next_due($1, $2, $3::date, $4::date, $5::int, $6::int, $7::date, $8::int) as due', [
        status,
        risk,
        registered,
        last,
        riskDays,
        categoryDays,
        since,
        first,
      ]);
      expect(r.rows[0]?.due ?? null).toBe(due);
    },
  );
});

/** children.next_visit_due as migration 0500 defined it (visit_due + recompute_next_visit's interval), for every child. */
const RULE_0500 = `
  select c.id, case when c.status = 'active' then
      case when c.risk_level = 'high' and c.high_risk_since is not null and (l.last_on is null or l.last_on < c.high_risk_since)
        then least(coalesce(l.last_on, c.registered_on) + r.days, c.high_risk_since + s.first_days)
        else coalesce(l.last_on, c.registered_on) + r.days end end as due
  from children c
  left join lateral (select max(visited_on) as last_on from visits where child_id = c.id and status = 'submitted') l on true
  left join lateral (select min(interval_days) as days from visit_rules vr where vr.active and (vr.risk_level = c.risk_level
     or vr.category in (select category from child_categories cc where cc.child_id = c.id and cc.until is null))) r on true,
  (select high_risk_first_visit_days as first_days from visit_settings) s
  order by c.id`;

describe('the recompute functions on the demo data', () => {
  it('give the dates of the definitions they replaced, for one child, all children and a set of children', async () => {
    const today = shanghaiDate(env.clock.now);
    await seedDemoVisits(env.owner, { seed: 7, today });
    // Every branch of the rule occurs: high risk raised before and after the last visit, closed
    // files, category rules, a rule matching both a risk level and a category, another first-visit setting.
    await env.owner
      .query(`update children set risk_level = 'high', high_risk_since = coalesce(last_visit_on, registered_on) + (('x' || substr(md5(id::text), 1, 4))::bit(16)::int % 40 - 20)
                           where ('x' || substr(md5(id::text), 5, 2))::bit(8)::int % 4 = 0`);
    await env.owner.query(
      `update children set status = 'closed', closed_on = $1, closed_reason = 'moved_away' where ('x' || substr(md5(id::text), 7, 2))::bit(8)::int % 10 = 0`,
      [today],
    );
    await env.owner.query(
      `insert into visit_rules (risk_level, category, interval_days, label) values ('medium', 'orphan_scattered', 20, '测试：中风险散居孤儿')`,
    );
    await env.owner.query('update visit_settings set high_risk_first_visit_days = 10');
    const expected = (await env.owner.query<{ id: string; due: string | null }>(RULE_0500)).rows;
    expect(expected.filter((r) => r.due !== null).length).toBeGreaterThan(100);
    const current = async () => (await env.owner.query<{ id: string; due: string | null }>('select id, next_visit_due as due from children order by id')).rows;
    const active = (rows: { id: string; due: string | null }[]) => new Map(rows.map((r) => [r.id, r.due]));
    const ids = expected.map((r) => r.id);

    await env.owner.query('update children set next_visit_due = null');
    await env.owner.query('select recompute_next_visit(id) from children');
    expect(await current()).toEqual(expected);

    // The bulk functions leave closed files as they are: compare the active ones.
    const activeIds = new Set((await env.owner.query<{ id: string }>(`select id from children where status = 'active'`)).rows.map((r) => r.id));
    const onlyActive = (rows: { id: string; due: string | null }[]) => active(rows.filter((r) => activeIds.has(r.id)));
    await env.owner.query('update children set next_visit_due = null');
    await env.owner.query('select recompute_next_visits_all()');
    expect(onlyActive(await current())).toEqual(onlyActive(expected));

    await env.owner.query('update children set next_visit_due = null');
    await env.owner.query('select recompute_next_visits_for($1::uuid[])', [ids]);
    expect(onlyActive(await current())).toEqual(onlyActive(expected));
  });
});

describe('draft problems in their own column', () => {
  it('moves the reserved checklist entry of existing drafts out, keeping the other lines in order; the API reads the column', async () => {
    const migration = fs.readFileSync(path.resolve(import.meta.dirname, '../../../migrations/20261203_1001_visit_draft_problems.sql'), 'utf8');
    const move = migration.slice(migration.indexOf('update visits v set'));
    const director = await env.login('director-dinghai');
    const child = (
      await env.owner.query<{ id: string }>(
        `select c.id from children c join committees m on m.id = c.committee_id where m.code = 'dinghai-01' and c.status = 'active' order by c.id limit 1`,
      )
    ).rows[0]?.id;
    const user = (await env.owner.query<{ id: string }>(`select id from users where username = 'director-dinghai'`)).rows[0]?.id;
    const problems = [{ description: '低保待遇尚未落实', category: 'policy', severity: 'medium', responsibleUnit: null, dueOn: null }];
    const line = (code: string) => ({ code, label: code, status: 'ok', note: null });
    const legacy = [line('living'), { code: '__problems', problems }, line('safety')];
    const { rows } = await env.owner.query<{ id: string }>(
      `insert into visits (child_id, visited_on, kind, visitor_id, visitor_name, checklist, status) values
         ($1, $2, 'home', $3, '儿童主任', $4::jsonb, 'draft'), ($1, $2, 'home', $3, '儿童主任', $5::jsonb, 'draft') returning id`,
      [child, shanghaiDate(env.clock.now), user, JSON.stringify(legacy), JSON.stringify([line('living')])],
    );
    await env.owner.query(move);
    const after = (
      await env.owner.query<{ id: string; checklist: unknown; draft_problems: unknown }>(
        'select id, checklist, draft_problems from visits where id = any($1::uuid[])',
        [rows.map((r) => r.id)],
      )
    ).rows;
    expect(after.find((r) => r.id === rows[0]?.id)).toMatchObject({ checklist: [line('living'), line('safety')], draft_problems: problems });
    expect(after.find((r) => r.id === rows[1]?.id)).toMatchObject({ checklist: [line('living')], draft_problems: [] });
    const visit = (await director.get(`/api/visits/${rows[0]?.id}`)).json();
    expect(visit.draftProblems).toEqual(problems);
    expect(visit.checklist.map((c: { code: string }) => c.code)).toEqual(['living', 'safety']);
  });
});
