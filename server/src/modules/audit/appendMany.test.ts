/**
 * audit_append_many (migration 20261211_1001; the import's deferred audit rows): a list of entries
 * appended in one statement is the chain audit_append makes one row at a time — the rows in order,
 * with what was given, each linked to the row before it, the whole chain verifiable with either
 * hash algorithm — and it runs as the application role, which cannot write audit_log itself.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEnv, type TestEnv } from '../../../test/harness.js';
import { applyAuditHash } from './commands.js';
import { verifyAuditChain } from './verify.js';

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
});
afterAll(async () => {
  await env?.close();
});

interface Entry {
  userId: string | null;
  username: string | null;
  action: string;
  entityId: string | null;
  outcome: 'success' | 'denied' | 'failed';
  summary: Record<string, unknown> | null;
  reason: string | null;
}

// Text with the characters an array literal or JSON must escape, and Chinese.
const text = fc.string({ unit: fc.constantFrom('a', 'Z', '0', ' ', '"', "'", '\\', ',', '{', '}', '儿', '童', '，', '\n'), maxLength: 12 });
const entry: fc.Arbitrary<Entry> = fc.record({
  userId: fc.option(fc.uuid(), { nil: null }),
  username: fc.option(text, { nil: null }),
  action: text.map((t) => `test.${t}`),
  entityId: fc.option(text, { nil: null }),
  outcome: fc.constantFrom('success', 'denied', 'failed'),
  summary: fc.option(fc.dictionary(text, fc.oneof(text, fc.integer(), fc.boolean(), fc.constant(null)), { maxKeys: 4 }), { nil: null }),
  reason: fc.option(text, { nil: null }),
});

/** As the server appends them: the application role, in a transaction of its own. */
async function appendMany(entries: Entry[]): Promise<string[]> {
  const client = await env.db.app.connect();
  try {
    await client.query('begin');
    const { rows } = await client.query<{ ids: string[] }>(
      `select audit_append_many($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::jsonb[],
                                $11::text[], $12::text[]) as ids`,
      [
        entries.map((e) => e.userId),
        entries.map((e) => e.username),
        entries.map(() => 'civil-affairs'),
        entries.map(() => 'auditor'),
        entries.map(() => '127.0.0.1'),
        entries.map((e) => e.action),
        entries.map(() => 'child'),
        entries.map((e) => e.entityId),
        entries.map((e) => e.outcome),
        entries.map((e) => (e.summary ? JSON.stringify(e.summary) : null)),
        entries.map((e) => e.reason),
        entries.map(() => 'req-many'),
      ],
    );
    await client.query('commit');
    return rows[0]?.ids ?? [];
  } finally {
    client.release();
  }
}

describe('audit_append_many', () => {
  it('appends the entries in order, each linked to the one before, and the chain verifies (SHA-256 and SM3)', { timeout: 120_000 }, async () => {
    let round = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(entry, { minLength: 1, maxLength: 12 }), async (entries) => {
        await applyAuditHash(env.owner, round++ % 2 ? 'sm3' : 'sha256');
        const last = (await env.owner.query<{ id: string; hash: Buffer }>('select id, hash from audit_log order by id desc limit 1')).rows[0];
        const ids = await appendMany(entries);
        expect(ids).toHaveLength(entries.length);
        const rows = (
          await env.owner.query<{
            id: string;
            user_id: string | null;
            username: string | null;
            action: string;
            entity_id: string | null;
            outcome: string;
            summary: unknown;
            reason: string | null;
            prev_hash: Buffer;
            hash: Buffer;
            at: Date;
          }>(
            'select id, user_id, username, action, entity_id, outcome, summary, reason, prev_hash, hash, at from audit_log where id = any($1::bigint[]) order by id',
            [ids],
          )
        ).rows;
        expect(rows.map((r) => String(r.id))).toEqual(ids.map(String));
        expect(
          rows.map(({ user_id, username, action, entity_id, outcome, summary, reason }) => ({
            user_id,
            username,
            action,
            entity_id,
            outcome,
            summary,
            reason,
          })),
        ).toEqual(
          entries.map((e) => ({
            user_id: e.userId,
            username: e.username,
            action: e.action,
            entity_id: e.entityId,
            outcome: e.outcome,
            summary: e.summary,
            reason: e.reason,
          })),
        );
        // Linked in order: the first to the chain's last row before, each next to the one before it.
        rows.forEach((r, i) => expect(r.prev_hash).toEqual(i === 0 ? (last?.hash ?? null) : rows[i - 1]?.hash));
      }),
      { numRuns: 12, endOnFailure: true },
    );
    // The whole chain, every row recomputed with its own algorithm.
    expect(await verifyAuditChain(env.owner)).toMatchObject({ ok: true, firstBrokenId: null });
    await applyAuditHash(env.owner, 'sha256');
  });

  it('is what audit_append writes one row at a time (audit_append is the list of one)', async () => {
    const client = await env.db.app.connect();
    try {
      const id = (
        await client.query<{ id: string }>(
          `select audit_append(null, '单条', 'civil-affairs', 'auditor', '127.0.0.1', 'test.one', 'child', 'x', 'success', '{"a":1}'::jsonb, null, 'req-one') as id`,
        )
      ).rows[0]?.id;
      const row = (await env.owner.query('select username, action, summary, request_id, prev_hash, hash_alg from audit_log where id = $1', [id])).rows[0];
      const before = (await env.owner.query('select hash from audit_log where id < $1 order by id desc limit 1', [id])).rows[0];
      expect(row).toMatchObject({ username: '单条', action: 'test.one', summary: { a: 1 }, request_id: 'req-one', hash_alg: 'sha256' });
      expect(row?.prev_hash).toEqual(before?.hash);
      // The application role still cannot write the log directly.
      await expect(client.query(`insert into audit_log (id, at, action, outcome) values (-1, now(), 'forged', 'success')`)).rejects.toThrow(
        /permission denied/,
      );
    } finally {
      client.release();
    }
    expect(await verifyAuditChain(env.owner)).toMatchObject({ ok: true });
  });
});
