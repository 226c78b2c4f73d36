import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEnv, type TestEnv } from '../../../test/harness.js';
import { seedDemoEntitlementSteps } from '../../seed/demoEntitlements.js';
import { matchDistrict, msUntilNextRun } from './scheduler.js';

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
});
afterAll(async () => {
  await env?.close();
});

describe('district matching run', () => {
  it('plans the next run at 02:00 Shanghai time', () => {
    expect(msUntilNextRun(Date.parse('2026-11-29T17:00:00Z'))).toBe(60 * 60_000); // 01:00 in Shanghai → one hour
    expect(msUntilNextRun(Date.parse('2026-11-29T18:30:00Z'))).toBe(23.5 * 3_600_000); // 02:30 → tomorrow
  });

  it('matches every active child of the district as the system, audited, and fills the work lists', async () => {
    const r = await matchDistrict(env.deps);
    const active = (await env.owner.query(`select count(*)::int as n from children where status = 'active'`)).rows[0].n;
    expect(r.children).toBe(active);
    const stored = (await env.owner.query('select count(distinct child_id)::int as n from eligibility_results')).rows[0].n;
    expect(stored).toBe(active);
    const audit = (await env.owner.query(`select username, outcome from audit_log where action = 'eligibility.run' order by id desc limit 1`)).rows[0];
    expect(audit).toEqual({ username: 'system', outcome: 'success' });
    const street = await env.login('street-dinghai');
    const list = (await street.get('/api/eligibility/worklist?kind=undetermined')).json();
    expect(list.total).toBeGreaterThan(0);
  });

  it('seeds demo benefits at every step, each decision by someone who prepared none of it', async () => {
    const n = await seedDemoEntitlementSteps(env.owner, env.clock.now);
    expect(n).toBeGreaterThan(0);
    const byStatus = (await env.owner.query<{ status: string; n: number }>(`select status, count(*)::int as n from entitlements group by status`)).rows;
    for (const s of ['suggested', 'verified', 'submitted', 'granted', 'refused']) expect(byStatus.find((r) => r.status === s)?.n ?? 0, s).toBeGreaterThan(0);
    const clash = (
      await env.owner.query<{ n: number }>(
        `select count(*)::int as n from entitlement_events d join entitlement_events p on p.entitlement_id = d.entitlement_id
       where d.to_status in ('granted', 'refused') and p.to_status in ('verified', 'submitted') and p.user_id = d.user_id`,
      )
    ).rows[0]!.n;
    expect(clash).toBe(0);
    const g = (await env.owner.query<{ id: string }>(`select id from entitlements where status = 'granted' and street_code = 'dinghai' limit 1`)).rows[0]!;
    const e = (await (await env.login('district')).get(`/api/entitlements/${g.id}`)).json();
    expect(e.events.map((x: { toStatus: string; displayName: string | null }) => [x.toStatus, x.displayName])).toEqual([
      ['suggested', expect.anything()],
      ['verified', '李娟'],
      ['submitted', '李娟'],
      ['granted', '王敏'],
    ]);
    // Once steps exist, it does nothing again.
    expect(await seedDemoEntitlementSteps(env.owner, env.clock.now)).toBe(0);
  });
});
