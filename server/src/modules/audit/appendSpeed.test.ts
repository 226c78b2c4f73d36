import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEnv, type TestEnv } from '../../../test/harness.js';
import { appendAudit } from '../../http/context.js';

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
  it('appends quickly', async () => {
    await loop(200, true);
    const append = await loop(3000, true);
    const perTx = await loop(500, false);
    console.log(`audit append: ${(append * 1000).toFixed(0)} µs per row (one transaction), ${(perTx * 1000).toFixed(0)} µs per audited transaction (with commit)`);
    expect(append).toBeLessThan(20);
  });
});
