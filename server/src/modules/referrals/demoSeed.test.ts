/**
 * The demo referrals: deterministic, every kind and every status, the timelines consistent with
 * the rows, and a queue worth opening for each demo department — 区教育局 (`edu`) has referrals in
 * every bucket (new, due soon, overdue, in progress, done), 区公安分局 (`police`) a 暖杨通道 report
 * acknowledged in time and one escalated, 区残联 (`dpf`) rehabilitation at several steps.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDate } from '#common/dates.js';
import { REFERRAL_KINDS, REFERRAL_STATUSES, type ReferralList } from '#common/referrals.js';
import { testEnv, type TestEnv } from '../../../test/harness.js';
import { seedDemoCasework } from '../../seed/demoCasework.js';
import { seedDemoReferrals } from '../../seed/demoReferrals.js';
import { seedDemoInterventions } from '../../seed/demoInterventions.js';

let a: TestEnv;
let b: TestEnv;
beforeAll(async () => {
  [a, b] = await Promise.all([testEnv(), testEnv()]);
  const today = shanghaiDate(a.clock.now);
  await seedDemoCasework(a.owner, { seed: 7, today, fieldCrypto: a.deps.crypto });
  await seedDemoReferrals(a.owner, { seed: 7, today });
  await seedDemoInterventions(a.owner, { seed: 7, today });
});
afterAll(async () => {
  await Promise.all([a?.close(), b?.close()]);
});

const snapshot = async (env: TestEnv) =>
  (
    await env.owner.query(`
  select (select json_agg(x order by x) from (select child_id::text || kind || to_unit || status || due_on::text || created_at::text as x from referrals) q) as referrals,
         (select json_agg(x order by x) from (select e.kind || coalesce(e.to_status, '-') || e.at::text as x from referral_events e) q) as events`)
  ).rows[0];

describe('seedDemoReferrals', () => {
  it('is deterministic for a seed, children and day', async () => {
    const today = shanghaiDate(a.clock.now);
    // Without the casework (no escalated problems) on both: the same referrals.
    const [c] = await Promise.all([testEnv()]);
    try {
      // the same moment for both: nothing is written later than it (an hour of the demo's day may still be ahead)
      const now = Date.now();
      const [rb, rc] = await Promise.all([seedDemoReferrals(b.owner, { seed: 7, today, now }), seedDemoReferrals(c.owner, { seed: 7, today, now })]);
      expect(rb).toEqual(rc);
      expect(rb.referrals).toBeGreaterThan(40);
      expect(await snapshot(b)).toEqual(await snapshot(c));
    } finally {
      await c.close();
    }
  });

  it('has every kind and every status, and timelines that match the rows', async () => {
    const q = async <T extends Record<string, unknown>>(sql: string) => (await a.owner.query<T>(sql)).rows;
    const kinds = (await q<{ kind: string }>('select distinct kind from referrals order by 1')).map((r) => r.kind);
    // Every kind: the ladder's (训诫, 家庭教育指导令, 撤销监护资格/支持起诉) are sent by the demo interventions.
    expect(kinds).toEqual(REFERRAL_KINDS.map((k) => k.code).sort());
    const statuses = (await q<{ status: string }>('select distinct status from referrals order by 1')).map((r) => r.status);
    expect(statuses).toEqual([...REFERRAL_STATUSES].sort());
    // Each referral: its first event is 'sent' at its creation; one status event per version; the last status event is its status.
    const bad = await q(`
      select r.id from referrals r
       where (select e.to_status from referral_events e where e.referral_id = r.id and e.kind = 'status' order by e.at, e.id limit 1) <> 'sent'
          or (select count(*) from referral_events e where e.referral_id = r.id and e.kind = 'status') <> r.version
          or (select e.to_status from referral_events e where e.referral_id = r.id and e.kind = 'status' order by e.at desc, e.id desc limit 1) <> r.status
          or exists (select 1 from referral_events e where e.referral_id = r.id and e.at > now())`);
    expect(bad).toEqual([]);
    // Escalated problems of the casework became problem referrals to the department.
    const linked = await q<{ n: number }>(
      `select count(*)::int as n from referrals r join problems p on p.id = r.source_id where r.source_kind = 'problem' and r.to_unit = p.escalated_to`,
    );
    expect(linked[0]?.n).toBeGreaterThan(0);
    // 暖杨通道: one acknowledged in time by every unit, one escalated to the district.
    expect((await q<{ n: number }>(`select count(*)::int as n from referrals where channel and received_at <= ack_due_at`))[0]?.n).toBeGreaterThan(2);
    expect((await q<{ n: number }>(`select count(*)::int as n from referrals where channel and escalation_level = 2`))[0]?.n).toBeGreaterThan(0);
  });

  it('gives 区教育局 a queue in every bucket, and the police and 残联 theirs', async () => {
    const edu = await a.login('edu');
    const res = await edu.get('/api/referrals?box=incoming');
    expect(res.statusCode, res.body).toBe(200);
    const list: ReferralList = res.json();
    expect(list.counts.new).toBeGreaterThan(0);
    expect(list.counts.dueSoon).toBeGreaterThan(0);
    expect(list.counts.overdue).toBeGreaterThan(0);
    expect(list.counts.inProgress).toBeGreaterThan(0);
    expect(list.counts.done).toBeGreaterThan(0);
    expect(list.items.every((r) => r.toUnit === 'education')).toBe(true);

    const police: ReferralList = (await (await a.login('police')).get('/api/referrals?box=incoming')).json();
    expect(police.items.some((r) => r.channel)).toBe(true);
    expect(police.items.some((r) => r.channel && r.escalationLevel === 2)).toBe(true);
    expect(police.counts.new + police.counts.overdue).toBeGreaterThan(0);

    const dpf: ReferralList = (await (await a.login('dpf')).get('/api/referrals?box=incoming')).json();
    expect(dpf.items.filter((r) => r.kind === 'rehabilitation').length).toBeGreaterThan(2);
    expect(dpf.counts.new).toBeGreaterThan(0);

    // The street sees what it sent; a 暖杨通道 report only its sender (the child director), not the street office.
    const street: ReferralList = (await (await a.login('street-dinghai')).get('/api/referrals?box=outgoing')).json();
    expect(street.total).toBeGreaterThan(0);
    expect(street.items.some((r) => r.channel)).toBe(false);
    const director: ReferralList = (await (await a.login('director-dinghai')).get('/api/referrals?box=outgoing')).json();
    expect(director.items.some((r) => r.channel)).toBe(true);
  });
});
