/**
 * `readOnce`: one statement under the caller's scope in one round trip (issue 17). The scope is the
 * same as `inScope`'s (row-level security answers the same rows), the transaction is read-only,
 * the statement is prepared once per connection, a failure leaves no half-state behind, and the
 * values written into the text as literals come back exactly as given (property test).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEnv, type TestEnv } from '../../test/harness.js';
import { lookupSession } from '../modules/auth/sessions.js';
import { inScope, readOnce, readValues, type RequestCtx } from './context.js';

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
});
afterAll(async () => {
  await env?.close();
});

async function ctxFor(username: string): Promise<RequestCtx> {
  const a = await env.login(username);
  const token = a.cookie!.split('=')[1]!;
  const found = await lookupSession(env.db.app, token, new Date(env.clock.now), env.deps.config.sessionIdleMs);
  if (found.kind !== 'ok') throw new Error('no session');
  return { requestId: 'test', ip: '127.0.0.1', userAgent: 'vitest', actor: found.actor };
}

const ids = (rows: { id: string }[]) => rows.map((r) => r.id).sort();

describe('readOnce', () => {
  it('answers under row-level security exactly what inScope answers, for a street, a committee and a social worker', async () => {
    await env.owner.query(
      `insert into child_assignments (child_id, user_id)
       select c.id, (select id from users where username = 'sw-sunshine') from children c where c.street_code = 'yinhang' order by c.id limit 3
       on conflict do nothing`,
    );
    for (const username of ['street-dinghai', 'director-dinghai', 'sw-sunshine', 'district']) {
      const ctx = await ctxFor(username);
      const text = 'select id from children where status = $1';
      const once = await readOnce<{ id: string }>(env.db, ctx, { name: 'test_children_ids', text, values: ['active'] });
      const tx = await inScope(env.db, ctx, async (t) => (await t.client.query<{ id: string }>(text, ['active'])).rows);
      expect(ids(once), username).toEqual(ids(tx));
      expect(once.length, username).toBeGreaterThan(0);
    }
    const all = (await env.owner.query<{ n: number }>(`select count(*)::int as n from children where status = 'active'`)).rows[0]!.n;
    const street = await readOnce<{ id: string }>(env.db, await ctxFor('street-dinghai'), {
      name: 'test_children_ids',
      text: 'select id from children where status = $1',
      values: ['active'],
    });
    expect(street.length).toBeLessThan(all);
  });

  it('reads nothing without a caller, and refuses to write (the transaction is read-only)', async () => {
    const anonymous: RequestCtx = { requestId: 'test', ip: null, userAgent: null, actor: null };
    expect(await readOnce(env.db, anonymous, { name: 'test_count_children', text: 'select id from children', values: [] })).toEqual([]);
    const ctx = await ctxFor('street-dinghai');
    const before = (await env.owner.query<{ n: number }>('select count(*)::int as n from child_history')).rows[0]!.n;
    await expect(
      readOnce(env.db, ctx, {
        name: 'test_write',
        text: `update children set risk_reason = 'x' where street_code = $1 returning id`,
        values: ['dinghai'],
      }),
    ).rejects.toMatchObject({ code: '25006' });
    expect((await env.owner.query<{ n: number }>(`select count(*)::int as n from children where risk_reason = 'x'`)).rows[0]!.n).toBe(0);
    expect((await env.owner.query<{ n: number }>('select count(*)::int as n from child_history')).rows[0]!.n).toBe(before);
  });

  it('prepares a statement once per connection and executes it afterwards; a failure discards the connection, and the next read works', async () => {
    const ctx = await ctxFor('district');
    const probe = { name: 'test_probe', text: `select name, from_sql from pg_prepared_statements where name = 'test_probe'`, values: [] };
    // The pool holds up to 16 connections: more reads than that all find the statement prepared.
    for (let i = 0; i < 40; i++) {
      const rows = await readOnce<{ name: string; from_sql: boolean }>(env.db, ctx, probe);
      expect(rows).toEqual([{ name: 'test_probe', from_sql: true }]);
    }
    await expect(readOnce(env.db, ctx, { name: 'test_broken', text: 'select 1 / $1::int as x', values: [0] })).rejects.toMatchObject({ code: '22012' });
    expect(await readOnce<{ x: number }>(env.db, ctx, { name: 'test_broken', text: 'select 1 / $1::int as x', values: [1] })).toEqual([{ x: 1 }]);
    // The pool is not left with a connection inside a transaction.
    expect(await inScope(env.db, ctx, async (t) => (await t.client.query<{ one: number }>('select 1 as one')).rows)).toEqual([{ one: 1 }]);
  });

  it('without a name, prepares the statement for its values and deallocates it in the same message', async () => {
    const ctx = await ctxFor('district');
    const during = { text: `select count(*)::int as n from pg_prepared_statements where name = 'read_once'`, values: [] };
    for (let i = 0; i < 20; i++) expect(await readOnce<{ n: number }>(env.db, ctx, during)).toEqual([{ n: 1 }]);
    const after = { name: 'test_after', text: `select count(*)::int as n from pg_prepared_statements where name = 'read_once'`, values: [] };
    for (let i = 0; i < 20; i++) expect(await readOnce<{ n: number }>(env.db, ctx, after)).toEqual([{ n: 0 }]);
    const street = await ctxFor('street-dinghai');
    const search = {
      text: 'select count(*)::int as n from children where street_code = any ($1::text[]) and status = $2',
      values: [['dinghai', 'yinhang'], 'active'],
    };
    const want = (await env.owner.query<{ n: number }>(`select count(*)::int as n from children where street_code = 'dinghai' and status = 'active'`)).rows[0]!
      .n;
    expect(await readOnce<{ n: number }>(env.db, street, search)).toEqual([{ n: want }]);
  });

  it('refuses a statement name that is not a plain identifier, and values it cannot write', async () => {
    const ctx = await ctxFor('district');
    await expect(readOnce(env.db, ctx, { name: 'x; drop table children', text: 'select 1', values: [] })).rejects.toThrow(/statement name/);
    await expect(readOnce(env.db, ctx, { name: 'test_nul', text: 'select $1::text', values: ['a\0b'] })).rejects.toThrow(/NUL/);
    await expect(readOnce(env.db, ctx, { name: 'test_nan', text: 'select $1::float8', values: [Number.NaN] })).rejects.toThrow(/finite/);
    expect(readValues(['a', 1, true, null, ['b']])).not.toBeNull();
    expect(readValues([new Date()])).toBeNull();
    expect(readValues([[1, 2]])).toBeNull();
  });

  it('writes any text and list of text as literals that PostgreSQL reads back unchanged (property)', async () => {
    const ctx = await ctxFor('district');
    // Quotes, backslashes, braces, commas, the words NULL and E'', unicode beyond the BMP; no NUL.
    const text = fc
      .oneof(fc.string({ unit: fc.constantFrom("'", '"', '\\', '{', '}', ',', ' ', 'N', 'U', 'L', 'E', '$', '字', '😀') }), fc.string({ unit: 'binary' }))
      .filter((s) => !s.includes('\0'));
    await fc.assert(
      fc.asyncProperty(text, fc.array(text, { maxLength: 5 }), fc.integer(), fc.boolean(), async (s, list, n, b) => {
        const [row] = await readOnce<{ s: string; list: string[]; n: number; b: boolean; nul: null }>(env.db, ctx, {
          name: 'test_literals',
          text: 'select $1::text as s, $2::text[] as list, $3::int as n, $4::boolean as b, $5::text as nul',
          values: [s, list, n, b, null],
        });
        expect(row).toEqual({ s, list, n, b, nul: null });
      }),
      { numRuns: 200 },
    );
  });
});
