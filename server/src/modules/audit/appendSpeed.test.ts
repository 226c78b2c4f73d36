import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEnv, type TestEnv } from '../../../test/harness.js';
import { appendAudit } from '../../http/context.js';
import { applyAuditHash } from './hashSetting.js';

let env: TestEnv;
beforeAll(async () => { env = await testEnv(); });
afterAll(async () => { await env?.close(); });

/** A quick loop, not a benchmark: audited transactions per second as the application role writes them. */
async function loop(n: number, oneTransaction: boolean): Promise<number> {
  const client = await env.db.app.connect();
  try {
    const ctx = { requestId: 'speed', ip: '127.0.0.1', userAgent: null, actor: null };
    const t0 = performance.now();
    if (oneTransaction) await client.query('begin');
    for (let i = 0; i < n; i++) {
      if (!oneTransaction) await client.query('begin');
      await appendAudit(client, ctx, { action: 'speed.test', username: 'speed', summary: { i, note: '测试' } });
      if (!oneTransaction) await client.query('commit');
    }
    if (oneTransaction) await client.query('commit');
    return (performance.now() - t0) / n;
  } finally {
    client.release();
  }
}

describe('audit append speed', () => {
  it('appends quickly', { timeout: 300_000 }, async () => {
    for (const alg of ['sha256', 'sm3'] as const) {
      await applyAuditHash(env.owner, alg);
      await loop(200, true);
      const append = await loop(1000, true);
      const perTx = await loop(200, false);
      console.log(`audit append (${alg}): ${(append * 1000).toFixed(0)} µs per row (one transaction), ${(perTx * 1000).toFixed(0)} µs per audited transaction (with commit)`);
      expect(append).toBeLessThan(20);
    }
    // The hash alone, over the same row text: the first version's function and the per-algorithm one.
    for (const [label, fn] of [['audit_row_hash (before)', `audit_row_hash(null`], ['sha256', `audit_row_hash_with('sha256', null`], ['sm3', `audit_row_hash_with('sm3', null`]]) {
      const t0 = performance.now();
      await env.owner.query(`select count(${fn}, i, now(), null, 'user', 'unit', 'roles', '127.0.0.1', 'speed.test', 'child', 'id', 'success', '{"a":1}'::jsonb, null, 'req')) from generate_series(1, 20000) i`);
      console.log(`hash ${label}: ${((performance.now() - t0) * 1000 / 20000).toFixed(1)} µs per row`);
    }
  });
});
