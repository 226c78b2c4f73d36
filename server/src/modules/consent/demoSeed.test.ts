/** The demo consent data: every demo child has its legal-duty bases; a few consents (one withdrawn) in dinghai-01; idempotent. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDate } from '#common/dates.js';
import { testEnv, type TestEnv } from '../../../test/harness.js';
import { seedDemoConsent } from '../../seed/demoConsent.js';

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
});
afterAll(async () => {
  await env?.close();
});

describe('seedDemoConsent', () => {
  it('gives the tab something to show, and the director sees it', async () => {
    const today = shanghaiDate(env.clock.now);
    const without = await env.owner.query(
      `select count(*)::int as n from children c where not exists (select 1 from child_processing_bases b where b.child_id = c.id and b.purpose_code = 'care_visits')`,
    );
    expect(without.rows[0].n).toBe(0);
    const r = await seedDemoConsent(env.owner, { today });
    expect(r.consents).toBeGreaterThanOrEqual(3);
    expect(await seedDemoConsent(env.owner, { today })).toEqual({ consents: 0 });
    const withdrawn = await env.owner.query('select child_id from child_consents where withdrawn_at is not null');
    expect(withdrawn.rowCount).toBe(1);
    const receiver = await env.owner.query(`select kinds from referral_receivers where unit_code = 'org-sunshine'`);
    expect(receiver.rows[0].kinds).toContain('service');
    const director = await env.login('director-dinghai');
    const tab = (await director.get(`/api/children/${withdrawn.rows[0].child_id}/consents`)).json();
    expect(tab.consents.some((c: { status: string }) => c.status === 'withdrawn')).toBe(true);
  });
});
