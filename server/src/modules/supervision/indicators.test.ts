/**
 * Every indicator on a small hand-made dataset whose figures are worked out by hand below, the
 * district and street views, "no data" kept apart from zero, a failing indicator that does not
 * take the dashboard down, and the quarterly workbook equal to the dashboard cell by cell.
 *
 * Today is 2026-11-29. Five children, in two streets:
 *
 *   child  street     status  file complete          next visit  mentor buddy  risk    category (current)
 *   A      定海路      active  yes                    2026-12-10  yes    yes    high    orphan_scattered
 *   B      定海路      active  no (no phone)          2026-11-01  yes    no     low     low_income_dibao (+ disabled, ended)
 *   C      定海路      active  yes                    2026-11-29  no     no     low     low_income_dibao
 *   D      定海路      closed 2026-10-01 (not counted)
 *   E      平凉路      active  yes                    2026-11-28  yes    yes    medium  disabled
 *
 *   files.complete     定海路 2/3 = 66.7 %   平凉路 1/1 = 100 %  district 3/4 = 75 %
 *   visits.onTime      定海路 2/3 = 66.7 %   平凉路 0/1 = 0 %    district 2/4 = 50 %   (due ≥ today)
 *   mentors.mentor     定海路 2/3 = 66.7 %   平凉路 1/1 = 100 %  district 3/4 = 75 %
 *   mentors.buddy      定海路 1/3 = 33.3 %   平凉路 1/1 = 100 %  district 2/4 = 50 %
 *   problems: P1 (A) open since 2026-10-15, due 2026-11-01 → open and overdue; P2 (B) 2026-11-01 → resolved 2026-11-11 (10 days);
 *             P3 (E) 2026-10-01 → resolved 2026-10-31 (30 days); P4 (C) open since 2026-11-20, due 2026-12-31.
 *   problems.open 2 (定海路 2), problems.overdue 1, problems.daysToResolve median(10, 30) = 20 (定海路 10, 平凉路 30)
 *   eligibility: A eligible for X, not granted → counted; E eligible for X, granted → not; B undetermined → not.
 *   eligibility.notReceiving 1 (定海路 1, 平凉路 0); eligibility.daysToGrant: E suggested 2026-09-01, granted 2026-09-21 → 20
 *   children.byRisk 4 (high 1, medium 1, low 2); children.byCategory 4 (low_income_dibao 2, orphan_scattered 1, disabled 1)
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dashboard, IndicatorValue } from '#common/supervision.js';
import { ragOf, registerIndicator } from './indicators/registry.js';
import { settleRefreshes } from './indicators/compute.js';
import { SHEETS, ragWord } from './reportWorkbook.js';
import { testEnv, type TestEnv } from '../../../test/harness.js';

let env: TestEnv;
const ids: Record<string, string> = {};

async function child(
  key: string,
  street: string,
  f: { complete?: boolean; phone?: boolean; due: string; mentor?: boolean; buddy?: boolean; risk: string; category?: string; closed?: boolean },
) {
  const committee = (await env.owner.query<{ id: string }>('select id from committees where street_code = $1 order by code limit 1', [street])).rows[0]!.id;
  // No identity number (with the reason, which a complete file accepts): the list would decrypt one.
  const { rows } = await env.owner.query<{ id: string }>(
    `insert into children (street_code, committee_id, name, sex, birth_date, registered_on, id_number_enc, residence_address_enc, phone_enc, school_stage,
                           risk_level, next_visit_due, last_visit_on, status, closed_reason, closed_on, no_id_note)
     values ($1, $2, $3, 'F', '2015-05-05', '2025-01-01', null, 'enc', $4, '小学', $5, $6, '2026-09-01', $7, $8, $9, '尚未办理身份证') returning id`,
    [
      street,
      committee,
      `测试${key}`,
      f.phone === false ? null : 'enc',
      f.risk,
      f.due,
      f.closed ? 'closed' : 'active',
      f.closed ? 'moved_away' : null,
      f.closed ? '2026-10-01' : null,
    ],
  );
  const id = rows[0]!.id;
  ids[key] = id;
  if (f.category) await env.owner.query(`insert into child_categories (child_id, category, since) values ($1, $2, '2025-01-01')`, [id, f.category]);
  await env.owner.query(`insert into household_members (child_id, name, relation, role) values ($1, '监护人', '祖母', 'guardian')`, [id]);
  for (const kind of ['mentor', 'buddy'] as const) {
    if (!f[kind]) continue;
    const m = (await env.owner.query<{ id: string }>(`insert into mentors (kind, name, organisation) values ($1, '导师', '学校') returning id`, [kind]))
      .rows[0]!.id;
    await env.owner.query(`update children set ${kind}_id = $2 where id = $1`, [id, m]);
  }
}

async function problem(key: string, created: string, due: string, resolved: string | null) {
  await env.owner.query(
    `insert into problems (child_id, description, category, severity, due_on, status, resolution, resolved_on, created_at)
     values ($1, '测试问题', 'living', 'medium', $2, $3, $4, $5, ($6::date + time '10:00') at time zone 'Asia/Shanghai')`,
    [ids[key], due, resolved ? 'resolved' : 'open', resolved ? '已解决' : null, resolved, created],
  );
}

beforeAll(async () => {
  env = await testEnv();
  env.clock.now = Date.parse('2026-11-29T02:00:00Z');
  await env.owner.query('delete from children');
  await child('A', 'dinghai', { due: '2026-12-10', mentor: true, buddy: true, risk: 'high', category: 'orphan_scattered' });
  await child('B', 'dinghai', { phone: false, due: '2026-11-01', mentor: true, risk: 'low', category: 'low_income_dibao' });
  await env.owner.query(`insert into child_categories (child_id, category, since, until) values ($1, 'disabled', '2024-01-01', '2026-01-01')`, [ids.B]);
  await child('C', 'dinghai', { due: '2026-11-29', risk: 'low', category: 'low_income_dibao' });
  await child('D', 'dinghai', { due: '2026-11-01', risk: 'low', category: 'low_income_dibao', closed: true, mentor: true });
  await child('E', 'pingliang', { due: '2026-11-28', mentor: true, buddy: true, risk: 'medium', category: 'disabled' });
  await problem('A', '2026-10-15', '2026-11-01', null);
  await problem('B', '2026-11-01', '2026-11-20', '2026-11-11');
  await problem('E', '2026-10-01', '2026-10-20', '2026-10-31');
  await problem('C', '2026-11-20', '2026-12-31', null);
  for (const [k, verdict] of [
    ['A', 'eligible'],
    ['E', 'eligible'],
    ['B', 'undetermined'],
  ] as const) {
    await env.owner.query(`insert into eligibility_results (child_id, policy_id, as_of, verdict) values ($1, 'policy-x', '2026-11-29', $2)`, [ids[k], verdict]);
  }
  const ent = (
    await env.owner.query<{ id: string }>(
      `insert into entitlements (child_id, policy_id, status, from_date, created_at) values ($1, 'policy-x', 'granted', '2026-10-01', '2026-09-01 10:00+08') returning id`,
      [ids.E],
    )
  ).rows[0]!.id;
  await env.owner.query(
    `insert into entitlement_events (entitlement_id, child_id, at, from_status, to_status) values ($1, $2, '2026-09-21 10:00+08', 'submitted', 'granted')`,
    [ent, ids.E],
  );
});
afterAll(async () => {
  await env?.close();
});

const byCode = (d: Dashboard) => new Map(d.indicators.map((i) => [i.code, i]));
const street = (v: IndicatorValue, code: string) => v.byStreet.find((s) => s.streetCode === code)!;

describe('indicators on a hand-made dataset', () => {
  it('computes every figure worked out by hand, for the district and by street', async () => {
    const d: Dashboard = (await (await env.login('district')).get('/api/dashboard?period=2026Q4')).json();
    expect(d.asOf).toBe('2026-11-29');
    const v = byCode(d);
    const expectFig = (code: string, district: number | null, dinghai: number | null, pingliang: number | null) => {
      const i = v.get(code)!;
      expect(i.error, code).toBeNull();
      expect([i.value, street(i, 'dinghai').value, street(i, 'pingliang').value], code).toEqual([district, dinghai, pingliang]);
    };
    expectFig('files.complete', 75, 66.7, 100);
    expectFig('visits.onTime', 50, 66.7, 0);
    expectFig('mentors.mentor', 75, 66.7, 100);
    expectFig('mentors.buddy', 50, 33.3, 100);
    expectFig('problems.open', 2, 2, 0);
    expectFig('problems.overdue', 1, 1, 0);
    expectFig('problems.daysToResolve', 20, 10, 30);
    expectFig('eligibility.notReceiving', 1, 1, 0);
    expectFig('eligibility.daysToGrant', 20, null, 20);
    expectFig('children.byRisk', 4, 3, 1);
    expectFig('children.byCategory', 4, 3, 1);
    expect(v.get('children.byRisk')!.parts).toEqual(
      [
        { key: 'low', label: '低风险', value: 2 },
        { key: 'high', label: '高风险', value: 1 },
        { key: 'medium', label: '中风险', value: 1 },
      ].sort((a, b) => b.value - a.value || 0),
    );
    expect(Object.fromEntries(v.get('children.byCategory')!.parts!.map((p) => [p.key, p.value]))).toEqual({
      low_income_dibao: 2,
      orphan_scattered: 1,
      disabled: 1,
    });
    // A street with no children: a percentage has no value (not 0 %); a count is 0.
    expect(street(v.get('files.complete')!, 'yanji')).toMatchObject({ value: null, denominator: 0 });
    expect(street(v.get('problems.open')!, 'yanji').value).toBe(0);
  });

  it('opens the list behind a figure: the incomplete files are the ones the percentage misses', async () => {
    const district = await env.login('district');
    const v = byCode((await district.get('/api/dashboard?period=2026Q4')).json()).get('files.complete')!;
    const res = await district.post('/api/children/search', { incomplete: true, status: 'active' });
    expect(res.statusCode, res.body).toBe(200);
    const list = res.json();
    expect(list.total).toBe(v.denominator! - v.numerator!);
    expect(list.items.map((c: { id: string }) => c.id)).toEqual([ids.B]);
    expect((await district.get('/api/children?incomplete=true&street=pingliang')).json().total).toBe(0);
  });

  it("colours against the plan's yearly target, else the default target, and says which", async () => {
    const v = byCode((await (await env.login('district')).get('/api/dashboard?period=2026Q4')).json());
    // mentors.mentor: target 100 from task 4's yearly target; 75 % of 4 children is too few cases to
    // rate: shown with its size, not coloured.
    expect(v.get('mentors.mentor')).toMatchObject({ target: 100, rag: 'none', sample: 4, smallSample: true });
    expect(v.get('mentors.mentor')!.targetSource).toContain('第 4 项任务年度目标');
    // problems.daysToResolve: default target 30; a median of 20 days over two resolved problems is not rated either.
    expect(v.get('problems.daysToResolve')).toMatchObject({ target: 30, rag: 'none', sample: 2, smallSample: true, targetSource: '平台默认目标' });
    // eligibility.notReceiving: a count (no sample to speak of), target 0, 1 is within the amber margin.
    expect(v.get('eligibility.notReceiving')).toMatchObject({ rag: 'amber', sample: null, smallSample: false });
    expect(v.get('problems.open')!.rag).toBe('none');
    // The colour itself: at or past the target green, within the margin amber, beyond it red.
    const spec = { direction: 'higher' as const, amberMargin: 10 };
    expect([ragOf(spec, 100, 100), ragOf(spec, 92, 100), ragOf(spec, 75, 100), ragOf(spec, null, 100)]).toEqual(['green', 'amber', 'red', 'none']);
    expect(ragOf({ direction: 'lower', amberMargin: 15 }, 20, 30)).toBe('green');
  });

  it('shows a street office its own street, and a department only the indicators of its tasks', async () => {
    const s: Dashboard = (await (await env.login('street-dinghai')).get('/api/dashboard?period=2026Q4')).json();
    expect(s.street).toMatchObject({ code: 'dinghai' });
    expect(byCode(s).get('files.complete')!.value).toBe(66.7);
    expect(
      byCode(s)
        .get('files.complete')!
        .byStreet.map((b) => b.streetCode),
    ).toEqual(['dinghai']);
    expect((await (await env.login('street-dinghai')).get('/api/dashboard?street=pingliang')).statusCode).toBe(403);
    const edu: Dashboard = (await (await env.login('edu')).get('/api/dashboard?period=2026Q4')).json();
    // 区教育局 carries task 3 (the stations), task 1 (holiday plans), 4 (mentors), 41 (免申即享), 23/24 (协同 referrals, 数据共享 feeds), 25/26 (priority places,
    // 送教上门), 29 and 31 (safety events, school lectures), 32 (site inspections, hazards), not task 18 (files, visits, problems).
    expect(edu.indicators.map((i) => i.code).sort()).toEqual([
      'activities.committeeSafety',
      'activities.schoolPreHoliday',
      'appointments.homeTeachingDone',
      'eligibility.daysToGrant',
      'eligibility.notReceiving',
      'feeds.benefitsFound',
      'feeds.matchRate',
      'feeds.onTime',
      'feeds.waiting',
      'holidays.planCoverage',
      'mentors.buddy',
      'mentors.mentor',
      'referrals.ackOnTime',
      'referrals.daysToComplete',
      'referrals.overdue',
      'safety.coverage32',
      'safety.hazardsOnTime',
      'safety.hazardsOverdue',
      'safety.inspections32',
      'services.priorityShare',
      'services.waitDays',
      'staffing.prosecutorDeputy',
    ]);
    expect(byCode(edu).get('mentors.mentor')!.value).toBe(75);
    // It sees figures, not children: no figure opens a list of children for it. The activity
    // cadence figures open the compliance page, a list of organisers (committees, stations, schools).
    // Task 3's stations figure opens the station rosters (officials, not children).
    expect(edu.indicators.filter((i) => i.drill !== null).every((i) => i.drill?.startsWith('/activities/compliance') || i.drill === '/staffing/stations')).toBe(
      true,
    );
    expect(byCode(s).get('files.complete')!.drill).toBe('/children?incomplete=true&street=dinghai');
  });

  it('computes an earlier period as of its end, and keeps "no data" apart from zero', async () => {
    const v = byCode((await (await env.login('district')).get('/api/dashboard?period=2026Q3')).json());
    // On 2026-09-30 no problem had been resolved in the year before, and none was open yet (P1 came 2026-10-15, P3 2026-10-01).
    expect(v.get('problems.daysToResolve')!.value).toBeNull();
    expect(v.get('problems.open')!.value).toBe(0);
    // eligibility.notReceiving reads current state only: an earlier quarter needs its month-end record, and there is none.
    expect(v.get('eligibility.notReceiving')!.value).toBeNull();
    expect(v.get('eligibility.daysToGrant')!.value).toBe(20);
  });

  it('gives a failing indicator its own message and still answers the rest', async () => {
    registerIndicator({
      code: 'test.broken',
      tasks: [18],
      unit: 'count',
      direction: 'none',
      defaultTarget: null,
      amberMargin: 0,
      name: '坏指标',
      nameEn: 'Broken',
      definition: '测试用',
      definitionEn: 'test',
      sql: 'select * from no_such_table',
    });
    const d: Dashboard = (await (await env.login('district')).get('/api/dashboard?period=2026Q4')).json();
    const broken = byCode(d).get('test.broken')!;
    expect(broken).toMatchObject({ value: null, rag: 'none' });
    expect(broken.error).toContain('该指标暂时无法计算');
    expect(byCode(d).get('files.complete')!.value).toBe(75);
  });
});

describe('quarterly report', () => {
  async function workbook(url: string) {
    const res = await (await env.login('district')).get(url);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    return wb;
  }

  for (const q of ['period=2026Q4', 'period=2026Q4&street=dinghai', 'period=2026Q3']) {
    it(`has the dashboard's figures, cell by cell (${q})`, async () => {
      const district = await env.login('district');
      // A report so the tasks and units sheets have something to agree on.
      const t4 = (await env.owner.query<{ id: string }>(`select id from plan_tasks where no = 4 and plan_id = 'yangpu-2024-2026'`)).rows[0]!.id;
      const edu = await env.login('edu');
      const period = q.slice(7, 13);
      const r = (
        await edu.put('/api/plan/reports', { taskId: t4, period, progress: 'done', done: '已完成导师配备', figures: '', problems: '', nextSteps: '' })
      ).json();
      if (r.state === 'draft') await edu.post(`/api/plan/reports/${r.id}/submit`, { version: r.version });

      const d: Dashboard = (await district.get(`/api/dashboard?${q}`)).json();
      const wb = await workbook(`/api/plan/report.xlsx?${q}`);
      const ind = wb.getWorksheet(SHEETS.indicators)!;
      const header = (ind.getRow(1).values as unknown[]).slice(1);
      expect(header.slice(6)).toEqual(d.indicators[0]!.byStreet.map((s) => s.streetName));
      d.indicators.forEach((v, i) => {
        const row = (ind.getRow(i + 2).values as unknown[]).slice(1);
        expect(row[0]).toBe(v.name);
        expect(row[1] ?? null).toBe(v.error ?? v.value);
        expect(row[3] ?? null).toBe(v.target);
        expect(row[4]).toBe(ragWord(v));
        // (a row's trailing empty cells are not stored)
        expect(v.byStreet.map((_, k) => row[6 + k] ?? null)).toEqual(v.byStreet.map((s) => s.value));
      });
      const tasks = wb.getWorksheet(SHEETS.tasks)!;
      d.tasks.items.forEach((t, i) => {
        const row = (tasks.getRow(i + 2).values as unknown[]).slice(1);
        expect(row[0]).toBe(t.no);
      });
      const totalRow = (tasks.getRow(d.tasks.items.length + 3 + d.tasks.byAction.length + 1).values as unknown[]).slice(1);
      expect(totalRow.slice(2)).toEqual(
        ['done', 'in-progress', 'late', 'not-started', 'unreported'].map((s) => d.tasks.total[s as keyof Dashboard['tasks']['total']]),
      );
      const units = wb.getWorksheet(SHEETS.units)!;
      d.units.forEach((u, i) => {
        expect((units.getRow(i + 2).values as unknown[]).slice(1)).toEqual([u.unitName, u.due, u.onTime, u.late, u.missing, u.accepted]);
      });
      const reports = wb.getWorksheet(SHEETS.reports)!;
      if (!d.street) expect(reports.getRow(2).getCell(3).value).toBe('区教育局');
    });
  }
});

describe('pre-aggregated figures', () => {
  it('shows the kept figures for a few minutes, then refreshes them in the background', async () => {
    const district = await env.login('district');
    const before = byCode((await district.get('/api/dashboard?period=2026Q4')).json()).get('children.byRisk')!.value!;
    await child('F', 'pingliang', { due: '2026-12-20', risk: 'low', category: 'disabled' });
    // Within the time to live: the kept figure, and the time it was computed.
    const kept: Dashboard = (await district.get('/api/dashboard?period=2026Q4')).json();
    expect(byCode(kept).get('children.byRisk')!.value).toBe(before);
    expect(kept.indicatorsComputedAt).toBe(new Date(env.clock.now).toISOString());
    // Six minutes later: still the kept figure at once, while one refresh runs behind it …
    env.clock.advance(6 * 60_000);
    const relog = await env.login('district');
    expect(byCode((await relog.get('/api/dashboard?period=2026Q4')).json()).get('children.byRisk')!.value).toBe(before);
    await settleRefreshes();
    // … and then the new one.
    const after: Dashboard = (await relog.get('/api/dashboard?period=2026Q4')).json();
    expect(byCode(after).get('children.byRisk')!.value).toBe(before + 1);
    expect(after.indicatorsComputedAt).toBe(new Date(env.clock.now).toISOString());
  });
});
