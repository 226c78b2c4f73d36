/**
 * 协同 numbers on a hand-made set of referrals whose figures are worked out by hand below: the four
 * indicators on the supervision dashboard (district and by street) and the breakdown
 * GET /api/referrals/stats by kind and by receiving unit, for the district, a street office and a
 * department, with its refusals.
 *
 * Today is Monday 2026-11-30, 10:00 in Shanghai. Child A lives in 定海路, child B in 平凉路.
 *
 *   ref  child kind            to                  sent         ack due      acknowledged  status       ended        due
 *   R1   A     fee_waiver      education           11-02 10:00  11-03 10:00  11-02 15:00   completed    11-12 10:00  11-16
 *   R2   A     dropout         education           11-10 10:00  11-11 10:00  11-12 09:00   in_progress  —            11-17
 *   R3   B     rehabilitation  disabled-federation 11-20 10:00  11-23 10:00  11-20 11:00   closed       11-24 10:00  12-04
 *   R4   B     employment      human-resources     11-30 09:00  12-01 09:00  —             sent         —            12-20
 *   R5   A     harm (通道)     police              11-25 10:00  11-25 12:00  11-25 11:00   in_progress  —            11-28
 *   R6   A     harm (通道)     procuratorate       11-25 10:00  11-25 12:00  —             sent         —            11-28
 *   R7   A     problem         education           11-26 10:00  11-27 10:00  —             withdrawn    11-26 12:00  12-10
 *   R8   B     fee_waiver      education           06-01 10:00  06-02 10:00  06-01 11:00   completed    06-05 10:00  06-15  (out of every window)
 *
 * Indicators (as of today; window: sent or completed in the 90 days before):
 *   referrals.ackOnTime         R1 ✓, R2 ✗, R3 ✓; R4 not due yet, R7 withdrawn before its deadline → 2/3 = 66.7 %  (定海路 1/2 = 50, 平凉路 1/1 = 100)
 *   referrals.channelAckOnTime  R5 ✓, R6 ✗ → 1/2 = 50 %  (定海路 50, 平凉路 no data)
 *   referrals.daysToComplete    R1 10 days, R3 4 days → median 7  (定海路 10, 平凉路 4)
 *   referrals.overdue           R2 (due 11-17), R5 (due 11-28), R6 (due 11-28, not acknowledged) → 3  (定海路 3, 平凉路 0)
 *
 * Stats 2026-10-01 … 2026-12-31, district: sent 7; acknowledgement due 5 (R1 R2 R3 R5 R6), in time 3 → 60 %;
 * completed 2, median 7; overdue now 3.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dashboard, IndicatorValue } from '#common/supervision.js';
import type { ReferralStats, ReferralStatsRow } from '#common/referralStats.js';
import { settleRefreshes } from '../supervision/indicators/compute.js';
import { testEnv, type TestEnv } from '../../../test/harness.js';

let env: TestEnv;
const child: Record<string, string> = {};

const at = (s: string | null) => (s ? `2026-${s}:00+08` : null);

async function referral(r: {
  child: string;
  kind: string;
  to: string;
  sent: string;
  ackDue: string;
  received: string | null;
  status: string;
  ended: string | null;
  due: string;
  channel?: boolean;
}) {
  const outcome = r.status === 'completed' || r.status === 'closed' ? '已办理' : null;
  await env.owner.query(
    `insert into referrals (child_id, kind, channel, from_unit, to_unit, reason, urgency, status, ack_due_at, due_on, received_at, ended_at, outcome, created_at)
     values ($1, $2, $3, 'street-dinghai', $4, '测试转介', $5, $6, $7, $8, $9, $10, $11, $12)`,
    [
      child[r.child],
      r.kind,
      r.channel ?? false,
      r.to,
      r.channel ? 'emergency' : 'normal',
      r.status,
      at(r.ackDue),
      r.due,
      at(r.received),
      at(r.ended),
      outcome,
      at(r.sent),
    ],
  );
}

beforeAll(async () => {
  env = await testEnv();
  env.clock.now = Date.parse('2026-11-30T02:00:00Z');
  await env.owner.query('delete from referrals');
  for (const [key, street] of [
    ['A', 'dinghai'],
    ['B', 'pingliang'],
  ] as const) {
    const committee = (await env.owner.query<{ id: string }>('select id from committees where street_code = $1 order by code limit 1', [street])).rows[0]?.id;
    const { rows } = await env.owner.query<{ id: string }>(
      `insert into children (street_code, committee_id, name, sex, birth_date, registered_on, risk_level, next_visit_due, status)
       values ($1, $2, $3, 'F', '2015-05-05', '2025-01-01', 'low', '2026-12-31', 'active') returning id`,
      [street, committee, `统计${key}`],
    );
    child[key] = rows[0]?.id ?? '';
  }
  await referral({
    child: 'A',
    kind: 'fee_waiver',
    to: 'education',
    sent: '11-02 10:00',
    ackDue: '11-03 10:00',
    received: '11-02 15:00',
    status: 'completed',
    ended: '11-12 10:00',
    due: '2026-11-16',
  });
  await referral({
    child: 'A',
    kind: 'dropout',
    to: 'education',
    sent: '11-10 10:00',
    ackDue: '11-11 10:00',
    received: '11-12 09:00',
    status: 'in_progress',
    ended: null,
    due: '2026-11-17',
  });
  await referral({
    child: 'B',
    kind: 'rehabilitation',
    to: 'disabled-federation',
    sent: '11-20 10:00',
    ackDue: '11-23 10:00',
    received: '11-20 11:00',
    status: 'closed',
    ended: '11-24 10:00',
    due: '2026-12-04',
  });
  await referral({
    child: 'B',
    kind: 'employment',
    to: 'human-resources',
    sent: '11-30 09:00',
    ackDue: '12-01 09:00',
    received: null,
    status: 'sent',
    ended: null,
    due: '2026-12-20',
  });
  await referral({
    child: 'A',
    kind: 'harm',
    to: 'police',
    sent: '11-25 10:00',
    ackDue: '11-25 12:00',
    received: '11-25 11:00',
    status: 'in_progress',
    ended: null,
    due: '2026-11-28',
    channel: true,
  });
  await referral({
    child: 'A',
    kind: 'harm',
    to: 'procuratorate',
    sent: '11-25 10:00',
    ackDue: '11-25 12:00',
    received: null,
    status: 'sent',
    ended: null,
    due: '2026-11-28',
    channel: true,
  });
  await referral({
    child: 'A',
    kind: 'problem',
    to: 'education',
    sent: '11-26 10:00',
    ackDue: '11-27 10:00',
    received: null,
    status: 'withdrawn',
    ended: '11-26 12:00',
    due: '2026-12-10',
  });
  await referral({
    child: 'B',
    kind: 'fee_waiver',
    to: 'education',
    sent: '06-01 10:00',
    ackDue: '06-02 10:00',
    received: '06-01 11:00',
    status: 'completed',
    ended: '06-05 10:00',
    due: '2026-06-15',
  });
});
afterAll(async () => {
  await settleRefreshes();
  await env?.close();
});

const street = (v: IndicatorValue, code: string) => v.byStreet.find((s) => s.streetCode === code)?.value;

describe('协同 indicators on the supervision dashboard', () => {
  it('computes the four figures worked out by hand, for the district and by street', async () => {
    const d: Dashboard = (await (await env.login('district')).get('/api/dashboard?period=2026Q4')).json();
    expect(d.asOf).toBe('2026-11-30');
    const v = new Map(d.indicators.map((i) => [i.code, i]));
    const fig = (code: string) => {
      const i = v.get(code);
      expect(i, code).toBeDefined();
      expect(i?.error, code).toBeNull();
      return i ? [i.value, street(i, 'dinghai'), street(i, 'pingliang')] : [];
    };
    expect(fig('referrals.ackOnTime')).toEqual([66.7, 50, 100]);
    expect(fig('referrals.channelAckOnTime')).toEqual([50, 50, null]);
    expect(fig('referrals.daysToComplete')).toEqual([7, 10, 4]);
    expect(fig('referrals.overdue')).toEqual([3, 3, 0]);
    const overdue = v.get('referrals.overdue');
    expect(overdue?.name).toBe('逾期未办结转介');
    expect(overdue?.drill).toBe('/referrals?box=area&bucket=overdue');
    expect(v.get('referrals.channelAckOnTime')?.tasks).toEqual([14]);
  });

  it('a department sees the referral indicators of its tasks, without a drill into lists it cannot open', async () => {
    const edu: Dashboard = (await (await env.login('edu')).get('/api/dashboard?period=2026Q4')).json();
    const codes = edu.indicators.map((i) => i.code);
    expect(codes).toContain('referrals.ackOnTime');
    expect(codes).not.toContain('referrals.channelAckOnTime');
    // District-wide figures; the area's list behind them is for those who hold an area (children.read).
    // (Only the activity cadence figures open a page for it, the organisers' compliance list, and
    // task 3's stations figure, the stations' rosters: officials, no child.)
    expect(edu.indicators.filter((i) => i.code.startsWith('referrals.')).every((i) => i.drill === null)).toBe(true);
    expect(
      edu.indicators.filter((i) => i.drill !== null).every((i) => i.drill?.startsWith('/activities/compliance') || i.drill?.startsWith('/staffing/stations')),
    ).toBe(true);
  });
});

describe('GET /api/referrals/stats', () => {
  const row = (rows: ReferralStatsRow[], code: string) => rows.find((r) => r.code === code);

  it('gives the district the figures by kind and by receiving unit', async () => {
    const res = await (await env.login('district')).get('/api/referrals/stats?from=2026-10-01&to=2026-12-31');
    expect(res.statusCode).toBe(200);
    const s: ReferralStats = res.json();
    expect(s.scope).toBe('district');
    expect(s.total).toEqual({ code: '', name: '合计', sent: 7, ackDue: 5, ackOnTime: 3, ackRate: 60, completed: 2, medianDays: 7, overdueNow: 3 });
    expect(row(s.byKind, 'fee_waiver')).toMatchObject({
      name: '教育费用减免',
      sent: 1,
      ackDue: 1,
      ackOnTime: 1,
      ackRate: 100,
      completed: 1,
      medianDays: 10,
      overdueNow: 0,
    });
    expect(row(s.byKind, 'harm')).toMatchObject({ sent: 2, ackDue: 2, ackOnTime: 1, ackRate: 50, completed: 0, medianDays: null, overdueNow: 2 });
    expect(row(s.byUnit, 'education')).toMatchObject({
      name: '区教育局',
      sent: 3,
      ackDue: 2,
      ackOnTime: 1,
      ackRate: 50,
      completed: 1,
      medianDays: 10,
      overdueNow: 1,
    });
    expect(row(s.byUnit, 'procuratorate')).toMatchObject({ sent: 1, ackDue: 1, ackOnTime: 0, ackRate: 0, overdueNow: 1 });
    expect(row(s.byUnit, 'disabled-federation')).toMatchObject({ sent: 1, completed: 1, medianDays: 4 });
    expect(row(s.byUnit, 'human-resources')).toMatchObject({ sent: 1, ackDue: 0, ackRate: null, overdueNow: 0 });
    // R8 (June) is outside the period and not overdue: its kind counts only R1.
    expect(s.byKind.reduce((a, r) => a + r.sent, 0)).toBe(7);
  });

  it('narrows a department to what it received, and a street office to its street (暖杨通道 only where it may see them)', async () => {
    const edu: ReferralStats = (await (await env.login('edu')).get('/api/referrals/stats?from=2026-10-01&to=2026-12-31')).json();
    expect(edu.scope).toBe('unit');
    expect(edu.total).toMatchObject({ sent: 3, ackDue: 2, ackOnTime: 1, completed: 1, overdueNow: 1 });
    expect(edu.byUnit.map((r) => r.code)).toEqual(['education']);
    const street: ReferralStats = (await (await env.login('street-dinghai')).get('/api/referrals/stats?from=2026-10-01&to=2026-12-31')).json();
    expect(street.scope).toBe('street');
    expect(street.street?.code).toBe('dinghai');
    expect(street.total).toMatchObject({ sent: 3, ackDue: 2, ackOnTime: 1, completed: 1, overdueNow: 1 });
    const pingliang: ReferralStats = (await (await env.login('district')).get('/api/referrals/stats?from=2026-10-01&to=2026-12-31&street=pingliang')).json();
    expect(pingliang.total).toMatchObject({ sent: 2, ackDue: 1, ackOnTime: 1, completed: 1, medianDays: 4, overdueNow: 0 });
  });

  it('defaults to the 90 days up to today, and refuses a reversed period, an unknown street and another street', async () => {
    const s: ReferralStats = (await (await env.login('district')).get('/api/referrals/stats')).json();
    expect([s.from, s.to]).toEqual(['2026-09-02', '2026-11-30']);
    const district = await env.login('district');
    const reversed = await district.get('/api/referrals/stats?from=2026-12-01&to=2026-11-01');
    expect(reversed.statusCode).toBe(400);
    expect(JSON.stringify(reversed.json())).toContain('开始日期不能晚于结束日期');
    expect((await district.get('/api/referrals/stats?street=nowhere')).statusCode).toBe(400);
    expect((await (await env.login('street-dinghai')).get('/api/referrals/stats?street=pingliang')).statusCode).toBe(403);
    expect((await env.agent().get('/api/referrals/stats')).statusCode).toBe(401);
  });
});
