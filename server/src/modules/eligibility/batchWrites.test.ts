/**
 * What the district run writes (issue 17): a run that finds nothing changed writes no result row
 * (each row keeps its physical version: xmin and ctid), yet the work lists show the run's date (its
 * record in matching_runs confirms the rows it did not rewrite); a child whose file changed has its
 * rows rewritten, and only it. The run's record carries what it covered and how long each phase
 * took, and its progress is written beside it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inScope } from '../../core/context.js';
import { testEnv, type Agent, type TestEnv } from '../../../test/harness.js';
import { runDistrict, runMatching } from './commands/matching.js';
import { systemCtx } from './scheduler.js';

let env: TestEnv;
let district: Agent;
beforeAll(async () => {
  env = await testEnv();
  district = await env.login('district');
}, 120_000);
afterAll(async () => {
  await env?.close();
});

/** Every result row's physical version, by child and policy. */
async function versions(): Promise<Map<string, string>> {
  const rows = (
    await env.owner.query<{ k: string; v: string }>(`select child_id || '|' || policy_id as k, xmin::text || ctid::text as v from eligibility_results`)
  ).rows;
  return new Map(rows.map((r) => [r.k, r.v]));
}

const run = async (asOf: string) => inScope(env.deps.db, await systemCtx(env.deps), (tx) => runMatching(tx, env.deps, asOf));

/** The as-of dates the work lists show, per kind. */
async function listedDates(): Promise<Set<string>> {
  const dates = new Set<string>();
  for (const kind of ['eligible-not-receiving', 'undetermined']) {
    const res = await district.get(`/api/eligibility/worklist?kind=${kind}&pageSize=200`);
    expect(res.statusCode, res.body).toBe(200);
    const body: { items: { asOf: string }[] } = res.json();
    for (const item of body.items) dates.add(item.asOf);
  }
  return dates;
}

describe('the district run writes only what changed', () => {
  it('an unchanged run rewrites no result row; a changed child is rewritten, alone; the lists show the latest run date', { timeout: 300_000 }, async () => {
    const first = await run('2025-03-01');
    expect(first.changed).toBeGreaterThan(0);
    const before = await versions();
    expect(before.size).toBeGreaterThan(100);

    // The same date again: nothing recomputed, nothing written, nothing suggested.
    const again = await run('2025-03-01');
    expect(again).toMatchObject({ changed: 0, suggested: 0 });
    expect(await versions()).toEqual(before);
    const rec = (
      await env.owner.query(
        `select status, recomputed, changed, streets, policy_ids, duration_ms, phases from matching_runs order by started_at desc, id limit 1`,
      )
    ).rows[0];
    expect(rec.status).toBe('done');
    expect(rec.recomputed).toBe(0);
    expect(rec.streets.length).toBeGreaterThan(1);
    expect(rec.policy_ids.length).toBeGreaterThan(5);
    expect(rec.duration_ms).toBeGreaterThanOrEqual(0);
    expect(Object.keys(rec.phases)).toEqual(expect.arrayContaining(['load', 'evaluate', 'stored', 'suggest']));

    // One child's file changes behind the platform's back: its rows are rewritten, no other row is.
    const child = (await env.owner.query<{ id: string }>(`select child_id as id from eligibility_results order by child_id limit 1`)).rows[0]?.id;
    if (!child) throw new Error('no stored result');
    await env.owner.query(`update children set household_size = 2, monthly_income_fen = 1000 where id = $1`, [child]);
    await run('2025-03-01');
    const after = await versions();
    expect(after.size).toBe(before.size);
    const rewritten = [...after].filter(([k, v]) => before.get(k) !== v).map(([k]) => k.split('|')[0]);
    expect(new Set(rewritten)).toEqual(new Set([child]));

    // A later date on which (nearly) nothing changes: the lists show the new date for every row,
    // though most rows were not written.
    await runDistrict(env.deps, await systemCtx(env.deps), '2025-03-02');
    const later = await versions();
    const kept = [...later].filter(([k, v]) => after.get(k) === v).length;
    expect(kept).toBeGreaterThan(later.size / 2);
    expect(await listedDates()).toEqual(new Set(['2025-03-02']));
    const progress = (await env.owner.query(`select phase, done, total from matching_run_progress`)).rows;
    expect(progress.length).toBe(1);
  });
});
