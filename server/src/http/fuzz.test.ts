/**
 * Fuzzing every operation of the API (fast-check): generated path parameters, query strings and
 * bodies — wrong types, missing and extra fields, huge strings and arrays, deep nesting, numbers at
 * the edges, unicode edge cases, SQL injection and spreadsheet formula strings — sent by a user
 * holding the route's permission, so that the input passes the guard and reaches validation and
 * the handler. For every answer: never a 5xx; every 4xx message (and field message) in Chinese;
 * nothing written on a 400 (see `writesSince`). Seeded: FUZZ_SEED=<n> replays a run; a failure
 * prints the seed, the path and the counterexample.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { testEnv, type Agent, type TestEnv } from '../../test/harness.js';
import { seedAllDemoData } from '../../test/seedAll.js';
import type { ApiRoute } from './inputHygiene.js';

let env: TestEnv;
const callers: { username: string; agent: Agent; permissions: Set<string> }[] = [];
const USERS = ['district', 'admin', 'secadmin', 'auditor', 'leader', 'edu', 'street-dinghai', 'director-dinghai', 'reviewer', 'procurator', 'sw-sunshine'];
const CJK = /[\u4e00-\u9fff]/;
const SEED = Number(process.env.FUZZ_SEED ?? 20261205);
const RUNS = Number(process.env.FUZZ_RUNS ?? 6);
/** Refusals that are written by design even though the request is answered 400 (audit action → why). */
const AUDITED_REFUSALS: Record<string, string> = {
  'auth.login': 'a refused login counts as a failed login of that account (lockout) and is audited',
};
/** Tables a refusal above may write besides the audit log. */
const REFUSAL_TABLES = new Set(['audit_log', 'login_failures', 'security_alerts']);
let xminSql = '';

beforeAll(async () => {
  env = await testEnv({ loginRateLimitPerMinute: 10_000 });
  await seedAllDemoData(env.owner, env.deps.crypto, env.clock.now);
  for (const u of USERS) {
    const agent = env.agent();
    const res = await agent.post('/api/auth/login', { username: u, password: 'nuanyang-demo' });
    expect(res.statusCode).toBe(200);
    callers.push({ username: u, agent, permissions: new Set(res.json().permissions as string[]) });
  }
  const tables = (
    await env.owner.query<{ relname: string }>(
      `select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relkind = 'r' order by 1`,
    )
  ).rows.map((r) => r.relname);
  // xmin is the id of the transaction that wrote a row version (insert or update): a row written
  // after `from` has xmin >= from (ids are 32-bit in xmin; a fresh test cluster is far from wrapping).
  xminSql = tables.map((t) => `select '${t}' as t, xmin::text::bigint as x from "${t}" where xmin::text::bigint >= $1`).join(' union all ');
}, 300_000);
afterAll(async () => {
  await env?.close();
});

const nextXid = async (): Promise<bigint> => BigInt((await env.owner.query(`select pg_snapshot_xmax(pg_current_snapshot())::text as x`)).rows[0].x as string);

/**
 * What was written since `before` (the next transaction id then), apart from refusals audited by
 * design. Any transaction that writes takes a transaction id, so an unchanged next id proves that
 * nothing was written anywhere (a cheap first check); when it moved, the rows of this database
 * whose xmin is a newer transaction say what was written. (Deletes leave no row to find; every
 * delete of the application writes its audit row in the same transaction, which is found.)
 */
async function writesSince(before: bigint): Promise<string[]> {
  if ((await nextXid()) === before) return [];
  const from = Number(before % 2n ** 32n);
  const rows = (await env.owner.query<{ t: string; x: string }>(xminSql, [from])).rows;
  if (!rows.length) return [];
  const audited = (await env.owner.query<{ action: string; x: string }>(`select action, xmin::text as x from audit_log where xmin::text::bigint >= $1`, [from]))
    .rows;
  const byDesign = new Set(audited.filter((a) => AUDITED_REFUSALS[a.action]).map((a) => a.x));
  return rows
    .filter((r) => !(byDesign.has(String(r.x)) && REFUSAL_TABLES.has(r.t)))
    .map((r) => `${r.t} (${audited.find((a) => a.x === String(r.x))?.action ?? 'no audit row'})`);
}

// ---- generators ----
const EDGE_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\udfff',
  'x\ud83d',
  '\u202e\u202dabc',
  '\u200b\u200c\u200d\ufeff',
  '１２３４５',
  '😀👨‍👩‍👧',
  '𠀀𪚥𰻞',
  "' OR '1'='1",
  "'; drop table children; --",
  '1; select pg_sleep(0)',
  '") or 1=1 --',
  '=HYPERLINK("http://evil.example","点我")',
  "+cmd|' /C calc'!A0",
  '@SUM(1+1)*cmd|',
  '-2+3+cmd|',
  'NaN',
  'Infinity',
  '-Infinity',
  '1e308',
  '1e309',
  '-0',
  '9007199254740993',
  '-9007199254740993',
  '0x10',
  '2026-02-30',
  '9999-12-31',
  '0000-00-00',
  '00000000-0000-4000-8000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '../../etc/passwd',
  '%00',
  '%',
  '<script>alert(1)</script>',
  '__proto__',
  'constructor',
  'true',
  'null',
];
const hostileString = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...EDGE_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.constantFrom(10_000, 300_000).map((n) => '杨'.repeat(n)) },
);
const deep = (n: number): unknown => {
  let v: unknown = 1;
  for (let i = 0; i < n; i++) v = i % 2 ? [v] : { a: v };
  return v;
};
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 5, arbitrary: hostileString },
  {
    weight: 3,
    arbitrary: fc.constantFrom<unknown>(1e308, -1e308, -0, 2 ** 53 + 1, -(2 ** 53) - 1, 0.1, -1, 0, 2 ** 31, true, false, null, [], {}, [null], { '': '' }),
  },
  { weight: 1, arbitrary: fc.constantFrom(1000, 100_000).map((n) => Array.from({ length: n }, (_, i) => i)) },
  { weight: 1, arbitrary: fc.constantFrom(1000).map((n) => deep(n)) },
  {
    weight: 1,
    arbitrary: fc.dictionary(
      hostileString.filter((s) => s.length < 50),
      fc.oneof(hostileString, fc.integer()),
      { maxKeys: 4 },
    ),
  },
);

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
function keysOf(schema: unknown): string[] {
  const s = schema as { shape?: object; in?: { shape?: object }; _zod?: { def?: { shape?: object; in?: { shape?: object } } } } | undefined;
  const shape = s?.shape ?? s?.in?.shape ?? s?._zod?.def?.shape ?? s?._zod?.def?.in?.shape;
  return shape ? Object.keys(shape) : [];
}

/** A request for one route: every path parameter, a query and a body from the generators. */
const requestFor = (route: ApiRoute) => {
  const params = route.url.match(/:(\w+)/g) ?? [];
  const qKeys = keysOf(route.schema?.querystring);
  const bKeys = keysOf(route.schema?.body);
  const body = fc.oneof(
    { weight: 1, arbitrary: hostileValue },
    // the route's own fields, some missing, with hostile values, plus extra fields
    {
      weight: 4,
      arbitrary: fc
        .tuple(
          fc.record(Object.fromEntries(bKeys.map((k) => [k, hostileValue])), { requiredKeys: [] }),
          fc.dictionary(fc.constantFrom('extra', 'streetCode', 'id', 'createdBy', '__proto__', 'isAdmin'), hostileValue, { maxKeys: 2 }),
        )
        .map(([a, b]) => ({ ...b, ...a })),
    },
  );
  return fc.record({
    path: fc.tuple(...params.map(() => fc.oneof(hostileString, fc.constant('00000000-0000-4000-8000-000000000000')))),
    query: fc.record(Object.fromEntries([...qKeys, 'zzExtra'].map((k) => [k, hostileString.filter((s) => s.length < 5000)])), { requiredKeys: [] }),
    body,
  });
};

const enc = (s: string): string => {
  try {
    return encodeURIComponent(s);
  } catch {
    return s.replace(/[^\w-]/g, (c) => '%' + c.charCodeAt(0).toString(16).padStart(2, '0'));
  }
};

function callerFor(route: ApiRoute): Agent | null {
  const access = route.access;
  if (!access || 'public' in access) return env.agent();
  if ('authenticated' in access) return callers[0]!.agent;
  const needed = 'permission' in access ? [access.permission] : access.anyPermission;
  return callers.find((a) => needed.some((p) => a.permissions.has(p)))?.agent ?? null;
}

/** Routes that end the caller's own session: fuzzed with a session of their own. */
const ENDS_SESSION = new Set(['POST /api/auth/logout', 'POST /api/auth/totp/setup', 'POST /api/auth/password', 'POST /api/auth/totp/disable']);

describe('fuzzing every operation', () => {
  it('never answers 5xx, answers in Chinese, and writes nothing on a 400', async () => {
    // FUZZ_ONLY=<regex> narrows the run to matching routes (when replaying a failure)
    const only = process.env.FUZZ_ONLY ? new RegExp(process.env.FUZZ_ONLY) : null;
    const all = env.app.apiRoutes.filter((r) => ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'].includes(r.method));
    expect(all.length).toBeGreaterThan(300);
    const routes = all.filter((r) => !only || only.test(`${r.method} ${r.url}`));
    const failures: string[] = [];
    let requests = 0;
    let refused400 = 0;
    for (const route of routes) {
      const i = all.indexOf(route);
      const method = route.method as Method;
      let agent = callerFor(route);
      if (!agent) {
        failures.push(`${method} ${route.url}: no demo user holds its permission`);
        continue;
      }
      if (ENDS_SESSION.has(`${method} ${route.url}`)) agent = await env.login('district');
      const a = agent;
      const seed = SEED + i;
      const result = await fc.check(
        fc.asyncProperty(requestFor(route), async (req) => {
          let n = 0;
          const url =
            route.url.replace(/:(\w+)/g, () => enc(req.path[n++] ?? '')) +
            '?' +
            Object.entries(req.query)
              .map(([k, v]) => `${k}=${enc(String(v))}`)
              .join('&');
          const before = await nextXid();
          const res = await a.request(method, url, method === 'GET' || method === 'DELETE' ? undefined : (req.body as object));
          requests++;
          const where = `${res.statusCode} ${res.body.slice(0, 200)}`;
          expect(res.statusCode, where).toBeLessThan(500);
          if (res.statusCode >= 400) {
            const e = (res.json() as { error?: { message?: string; fields?: { message: string }[] } }).error;
            expect(typeof e?.message, `not the error shape: ${where}`).toBe('string');
            expect(e?.message, where).toMatch(CJK);
            for (const f of e?.fields ?? []) expect(f.message, where).toMatch(CJK);
          }
          if (res.statusCode === 400) {
            refused400++;
            expect(await writesSince(before), `written on a 400: ${where}`).toEqual([]);
          }
        }),
        { seed, numRuns: RUNS, endOnFailure: true },
      );
      if (result.failed) {
        const cx = JSON.stringify(result.counterexample)?.slice(0, 300);
        failures.push(`${method} ${route.url} (FUZZ_SEED=${SEED}, route seed ${seed}): ${String(result.errorInstance).slice(0, 400)} — counterexample ${cx}`);
      }
    }
    console.log(`fuzz: ${routes.length} routes, ${requests} requests, ${refused400} answered 400, ${failures.length} failures`);
    if (failures.length) console.log(failures.join('\n'));
    expect(failures).toEqual([]);
  }, 900_000);
});
