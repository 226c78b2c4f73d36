/**
 * The demo intervention ladders: deterministic for a seed, the children and the day; the 训诫 new in
 * the police queue, a guidance order in progress with its sessions, the referrals' timelines as the
 * application writes them, and each ladder's suggestion as the platform computes it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDate } from '#common/dates.js';
import type { Ladder } from '#common/interventions.js';
import type { ReferralList } from '#common/referrals.js';
import type { Dashboard } from '#common/supervision.js';
import { testEnv, type TestEnv } from '../../test/harness.js';
import { seedDemoInterventions } from './demoInterventions.js';

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
  select (select json_agg(x order by x) from (select child_id::text || kind || status || coalesce(unit_code, '-') || coalesce(decided_on::text, '-') || created_at::text as x
                                                from guardianship_interventions) q) as steps,
         (select json_agg(x order by x) from (select child_id::text || kind || to_unit || status || due_on::text || created_at::text as x from referrals) q) as referrals,
         (select json_agg(x order by x) from (select child_id::text || scheduled_on::text || attended::text as x from guidance_sessions) q) as sessions`)
  ).rows[0];

describe('seedDemoInterventions', () => {
  it('is deterministic, and sends the ladder kinds as referrals with consistent timelines', async () => {
    const today = shanghaiDate(a.clock.now);
    const [ra, rb] = await Promise.all([seedDemoInterventions(a.owner, { seed: 7, today }), seedDemoInterventions(b.owner, { seed: 7, today })]);
    expect(ra).toEqual(rb);
    expect(ra.steps).toBeGreaterThanOrEqual(10);
    expect(ra.referrals).toBe(6);
    expect(await snapshot(a)).toEqual(await snapshot(b));
    const kinds = (await a.owner.query<{ kind: string }>(`select distinct kind from referrals where source_kind = 'intervention' order by 1`)).rows.map(
      (r) => r.kind,
    );
    expect(kinds).toEqual(['guardianship_petition', 'guidance_order', 'reprimand']);
    const bad = await a.owner.query(`
      select r.id from referrals r
       where (select count(*) from referral_events e where e.referral_id = r.id and e.kind = 'status') <> r.version
          or (select e.to_status from referral_events e where e.referral_id = r.id and e.kind = 'status' order by e.at desc, e.id desc limit 1) <> r.status
          or exists (select 1 from referral_events e where e.referral_id = r.id and e.at > now())
          or not exists (select 1 from guardianship_interventions i where i.referral_id = r.id and i.id = r.source_id)`);
    expect(bad.rows).toEqual([]);
  });

  it('gives the police a new 训诫, the street a guidance order in progress and the suggestions that follow', async () => {
    const police: ReferralList = (await (await a.login('police')).get('/api/referrals?box=incoming&bucket=new')).json();
    expect(police.items.some((r) => r.kind === 'reprimand' && r.sourceKind === 'intervention')).toBe(true);
    const street = await a.login('street-dinghai');
    const children = (await a.owner.query<{ child_id: string }>(`select distinct child_id from guardianship_interventions where street_code = 'dinghai'`)).rows;
    const ladders: Ladder[] = [];
    for (const c of children) {
      const res = await street.get(`/api/children/${c.child_id}/guardianship/ladder`);
      expect(res.statusCode, res.body).toBe(200);
      ladders.push(res.json());
    }
    const order = ladders.find((l) => l.steps.some((s) => s.kind === 'guidance_order' && s.status === 'in_progress'));
    expect(order?.steps.find((s) => s.kind === 'guidance_order')).toMatchObject({ sessionsRequired: 6, sessionsAttended: 2, sessionsMissed: 1 });
    expect(order?.suggestion).toBeNull(); // one missed session: the ladder waits
    expect(ladders.some((l) => l.steps.some((s) => s.kind === 'revocation_petition' && s.referral?.status === 'sent'))).toBe(true);
    const director: Ladder[] = [];
    const dir = await a.login('director-dinghai');
    for (const c of children) {
      const res = await dir.get(`/api/children/${c.child_id}/guardianship/ladder`);
      if (res.statusCode === 200) director.push(res.json());
    }
    expect(director.some((l) => l.tasks.some((t) => t.startsWith('劝诫/制止')))).toBe(true);
  });

  it('counts the ladder for 督办: steps by stage and by unit, referrals past their deadline', async () => {
    const district = await a.login('district');
    const res = await district.get('/api/dashboard');
    expect(res.statusCode, res.body).toBe(200);
    const byCode = new Map((res.json() as Dashboard).indicators.map((i) => [i.code, i]));
    const stage = byCode.get('interventions.byStage');
    expect(stage?.error).toBeNull();
    const steps = (await a.owner.query<{ n: number }>(`select count(*)::int as n from guardianship_interventions where status <> 'cancelled'`)).rows[0]?.n;
    expect(stage?.value).toBe(steps);
    expect(stage?.parts?.find((p) => p.key === 'admonition')).toMatchObject({ label: '劝诫/制止' });
    const unit = byCode.get('interventions.byUnit');
    expect(unit?.error).toBeNull();
    expect(unit?.parts?.map((p) => p.key).sort()).toEqual(['police', 'procuratorate', 'street']);
    const overdue = byCode.get('interventions.referralOverdue');
    expect(overdue?.error).toBeNull();
    // the petition sent three working days ago and not yet acknowledged by the procuratorate
    expect(overdue?.value).toBe(1);
  });
});
