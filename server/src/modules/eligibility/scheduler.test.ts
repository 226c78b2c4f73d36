import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEnv, type TestEnv } from '../../../test/harness.js';
import { matchDistrict, msUntilNextRun } from './scheduler.js';

let env: TestEnv;
beforeAll(async () => { env = await testEnv(); });
afterAll(async () => { await env?.close(); });

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
});
