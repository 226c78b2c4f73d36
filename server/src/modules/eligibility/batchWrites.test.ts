/**
 * What the district run writes (issue 17): a run that finds nothing changed writes no result row
 * (each row keeps its physical version: xmin and ctid), yet the work lists show the run's date (its
 * record in matching_runs confirms the rows it did not rewrite); a child whose file changed has its
 * rows rewritten, and only it. The run's record carries what it covered and how long each phase
 * took, and its progress is written beside it.
 */
import fc from 'fast-check';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inScope, type RequestCtx } from '../../core/context.js';
import { testEnv, type Agent, type TestEnv } from '../../../test/harness.js';
import { runDistrict, runMatching } from './commands/matching.js';
import * as resultsRepo from './repo/results.js';
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

describe('the area of a result row, checked once per statement (migration 20261210_1900)', () => {
  /**
   * Runs `fn` in a transaction of the application role scoped to the dinghai street (the run's
   * system actor, narrowed), rolled back; the error code or 'ok'.
   */
  async function asDinghai(fn: (client: pg.ClientBase) => Promise<unknown>): Promise<string> {
    const ctx = await systemCtx(env.deps);
    if (!ctx.actor) throw new Error('the system context has no actor');
    const dinghai: RequestCtx = { ...ctx, actor: { ...ctx.actor, scope: { kind: 'street', streets: ['dinghai'], committees: [], assigned: false } } };
    const rollback = new Error('rollback');
    try {
      await inScope(env.deps.db, dinghai, async (tx) => {
        await fn(tx.client);
        throw rollback;
      });
      return 'ok';
    } catch (err) {
      if (err === rollback) return 'ok';
      return err instanceof Error && 'code' in err ? String(err.code) : String(err);
    }
  }
  const childOf = async (street: string) =>
    (await env.owner.query<{ id: string; committee_id: string }>(`select id, committee_id from children where street_code = $1 order by id limit 1`, [street]))
      .rows[0] ?? { id: '', committee_id: '' };
  const insert = (client: pg.ClientBase, childId: string, area: [string, string] | null, policy = 'policy-area-test') =>
    area
      ? client.query(
          `insert into eligibility_results (child_id, street_code, committee_id, policy_id, as_of, verdict) values ($1, $2, $3, $4, '2025-03-01', 'eligible')`,
          [childId, ...area, policy],
        )
      : client.query(`insert into eligibility_results (child_id, policy_id, as_of, verdict) values ($1, $2, '2025-03-01', 'eligible')`, [childId, policy]);
  /** The run's staging and merge (repo/results.ts) with these children's rows. */
  const merge = async (client: pg.ClientBase, childIds: string[]) => {
    await resultsRepo.createStage(client);
    const rows = childIds.map((id) => [id, 'policy-area-test', null, '2025-03-01', 'eligible', null, '[]', '[]', 'b']);
    await resultsRepo.stageRows(client, rows);
    return resultsRepo.mergeStage(client);
  };

  it('is copied from the child when the statement leaves it out, and taken from the join with the children by the merge', async () => {
    const own = await childOf('dinghai');
    expect(await asDinghai((c) => insert(c, own.id, null))).toBe('ok');
    expect(
      await asDinghai(async (c) => {
        expect(await merge(c, [own.id])).toBe(1);
        // Merged again: an update of the row, its area kept.
        expect(await merge(c, [own.id])).toBe(0);
        const row = (
          await c.query(`select street_code, committee_id from eligibility_results where child_id = $1 and policy_id = 'policy-area-test'`, [own.id])
        ).rows;
        expect(row).toEqual([{ street_code: 'dinghai', committee_id: own.committee_id }]);
      }),
    ).toBe('ok');
  });

  it('is refused when supplied and not the child’s, or when the child is outside the caller’s area', async () => {
    const own = await childOf('dinghai');
    const other = (await env.owner.query<{ id: string }>(`select id from committees where street_code = 'dinghai' and id <> $1 limit 1`, [own.committee_id]))
      .rows[0];
    if (!other) throw new Error('dinghai has one committee');
    // Another committee of the caller's own street: RLS lets it through, the statement check does not.
    expect(await asDinghai((c) => insert(c, own.id, ['dinghai', other.id]))).toBe('42501');
    // A child of another street, with the caller's own area supplied: its row is hidden, so refused.
    const theirs = await childOf('pingliang');
    expect(await asDinghai((c) => insert(c, theirs.id, ['dinghai', own.committee_id]))).toBe('42501');
    expect(await asDinghai((c) => insert(c, theirs.id, null))).toBe('42501');
    // The merge with a hidden child among the caller's: nothing is written.
    expect(await asDinghai((c) => merge(c, [own.id, theirs.id]))).toBe('42501');
  });

  it('of a suggested entitlement and its event is checked the same way (migration 20261210_1901)', async () => {
    const own = await childOf('dinghai');
    const other = (await env.owner.query<{ id: string }>(`select id from committees where street_code = 'dinghai' and id <> $1 limit 1`, [own.committee_id]))
      .rows[0];
    if (!other) throw new Error('dinghai has one committee');
    const theirs = await childOf('pingliang');
    const entitlement = (c: pg.ClientBase, childId: string, area: [string, string] | null) =>
      area
        ? c.query(`insert into entitlements (child_id, street_code, committee_id, policy_id) values ($1, $2, $3, 'policy-area-test') returning id`, [
            childId,
            ...area,
          ])
        : c.query(`insert into entitlements (child_id, policy_id) values ($1, 'policy-area-test') returning id`, [childId]);
    /** An entitlement of our child with its area left out (copied from the child), and its event with the area supplied. */
    const withEvent = (committee: string) => async (c: pg.ClientBase) => {
      const id = (await entitlement(c, own.id, null)).rows[0]?.id;
      await c.query(
        `insert into entitlement_events (entitlement_id, child_id, street_code, committee_id, to_status) values ($1, $2, 'dinghai', $3, 'suggested')`,
        [id, own.id, committee],
      );
    };
    expect(await asDinghai(withEvent(own.committee_id))).toBe('ok');
    expect(await asDinghai((c) => entitlement(c, own.id, ['dinghai', other.id]))).toBe('42501');
    expect(await asDinghai((c) => entitlement(c, theirs.id, ['dinghai', own.committee_id]))).toBe('42501');
    expect(await asDinghai(withEvent(other.id))).toBe('42501');
  });
});

describe('the staging COPY', () => {
  it('carries any text and null through unchanged (backslashes, tabs, line breaks, quotes, Chinese)', async () => {
    const text = fc.oneof(
      fc.string({ unit: fc.constantFrom('\\', '\t', '\n', '\r', '"', "'", ',', '{', '}', 'N', 'a', '儿', ' ') }),
      fc.string({ unit: 'grapheme' }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.option(text, { nil: null }), text), { minLength: 1, maxLength: 20 }), async (pairs) => {
        await env.owner.query('begin');
        try {
          await resultsRepo.createStage(env.owner);
          const rows = pairs.map(([version, basis], i) => [
            `00000000-0000-0000-0000-${String(i).padStart(12, '0')}`,
            `p${i}`,
            version,
            '2025-03-01',
            'eligible',
            i,
            JSON.stringify([basis]),
            '[]',
            basis,
          ]);
          await resultsRepo.stageRows(env.owner, rows);
          const back = (
            await env.owner.query<{ v: string | null; b: string; f: unknown }>(
              `select logic_version as v, basis as b, failed as f from eligibility_stage order by amount_fen`,
            )
          ).rows;
          expect(back).toEqual(pairs.map(([v, b]) => ({ v, b, f: [b] })));
        } finally {
          await env.owner.query('rollback');
        }
      }),
      { numRuns: 60 },
    );
  });
});
