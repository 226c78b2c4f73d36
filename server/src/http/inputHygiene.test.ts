/**
 * Every registered API route against hostile input: a NUL character in the path, the query and
 * the body is refused with 400 and a Chinese message (never 500); invalid input gets Chinese
 * validation messages (English on request). Each route is called by a demo user holding its
 * permission, so the request passes the guard and reaches the checks.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildApp } from '../app.js';
import { testEnv, type Agent, type TestEnv } from '../../test/harness.js';
import { findNul, NUL_MESSAGE, type ApiRoute } from './inputHygiene.js';
import { langOf, localise } from './validation.js';

let env: TestEnv;
const agents: { username: string; agent: Agent; permissions: Set<string> }[] = [];
const USERS = ['district', 'admin', 'secadmin', 'auditor', 'leader', 'edu', 'street-dinghai', 'director-dinghai', 'reviewer'];
const CJK = /[\u4e00-\u9fff]/;
const UUID = '00000000-0000-4000-8000-000000000000';

beforeAll(async () => {
  env = await testEnv();
  for (const u of USERS) {
    const agent = env.agent();
    const res = await agent.post('/api/auth/login', { username: u, password: 'nuanyang-demo' });
    expect(res.statusCode).toBe(200);
    agents.push({ username: u, agent, permissions: new Set(res.json().permissions as string[]) });
  }
});
afterAll(async () => {
  await env?.close();
});

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** The agent that passes the route's guard: anonymous for public routes, else one with the permission. */
function callerFor(route: ApiRoute): Agent | null {
  const access = route.access;
  if (!access || 'public' in access) return env.agent();
  if ('authenticated' in access) return agents[0]!.agent;
  const needed = 'permission' in access ? [access.permission] : access.anyPermission;
  return agents.find((a) => needed.some((p) => a.permissions.has(p)))?.agent ?? null;
}

function keysOf(schema: unknown): string[] {
  const s = schema as { shape?: object; in?: { shape?: object }; _zod?: { def?: { shape?: object; in?: { shape?: object } } } } | undefined;
  const shape = s?.shape ?? s?.in?.shape ?? s?._zod?.def?.shape ?? s?._zod?.def?.in?.shape;
  return shape ? Object.keys(shape) : [];
}

const routes = () => env.app.apiRoutes.filter((r) => ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'].includes(r.method));

describe('NUL characters', () => {
  it('are refused with 400 and a Chinese message on every route, in the path, the query and the body', async () => {
    let refused = 0;
    let skipped = 0;
    expect(routes().length).toBeGreaterThan(100);
    for (const route of routes()) {
      const a = callerFor(route);
      if (!a) {
        skipped++;
        continue;
      }
      const method = route.method as Method;
      const withParams = (v: string) => route.url.replace(/:(\w+)/g, () => v);
      const variants: { where: string; url: string; body?: unknown }[] = [];
      if (/:\w+/.test(route.url)) variants.push({ where: 'path', url: withParams('a%00b'), body: method === 'GET' || method === 'DELETE' ? undefined : {} });
      const q = keysOf(route.schema?.querystring)[0] ?? 'q';
      variants.push({ where: 'query', url: `${withParams(UUID)}?${q}=a%00b`, body: method === 'GET' || method === 'DELETE' ? undefined : {} });
      if (method !== 'GET') {
        const k = keysOf(route.schema?.body)[0] ?? 'name';
        variants.push({ where: 'body', url: withParams(UUID), body: { [k]: 'a\u0000b', nested: { 'k\u0000': 1 } } });
      }
      for (const v of variants) {
        const res = await a.request(method, v.url, v.body);
        const label = `${route.method} ${route.url} (${v.where}): ${res.statusCode} ${res.body.slice(0, 200)}`;
        expect(res.statusCode, label).not.toBe(500);
        expect(res.statusCode, label).toBe(400);
        expect(res.json().error.message, label).toBe(NUL_MESSAGE);
        refused++;
      }
    }
    expect(refused).toBeGreaterThan(250);
    expect(skipped).toBeLessThan(5);
  });

  it('in a login count as a failed login of that account and are audited', async () => {
    const a = env.agent();
    const res = await a.post('/api/auth/login', { username: 'street-pingliang\u0000', password: 'nuanyang-demo' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(CJK);
    const audit = (
      await env.owner.query(`select outcome, reason from audit_log where action = 'auth.login' and username = 'street-pingliang' order by id desc limit 1`)
    ).rows[0];
    expect(audit).toEqual({ outcome: 'failed', reason: 'invalid-input' });
    expect((await env.owner.query(`select failures from login_failures where username = 'street-pingliang'`)).rows[0].failures).toBe(1);
    // Nothing else was written: no session.
    expect(a.cookie).toBeNull();
  });

  it('that reach PostgreSQL anyway are answered 400, not 500', async () => {
    // Straight to the error handler: a driver error with PostgreSQL's code for a NUL in text.
    const app = await buildApp(env.deps);
    for (const [path, code] of [
      ['/api/test-only/nul-text', '22021'],
      ['/api/test-only/nul-json', '22P05'],
    ] as const) {
      app.get(path, { config: { access: { public: true } } }, async () => {
        throw Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), { code });
      });
    }
    try {
      for (const path of ['/api/test-only/nul-text', '/api/test-only/nul-json']) {
        const res = await app.inject({ method: 'GET', url: path });
        expect(res.statusCode).toBe(400);
        expect(res.json().error.message).toBe(NUL_MESSAGE);
      }
    } finally {
      await app.close();
    }
  });

  it('findNul finds a NUL in any string or key at any depth, and nothing else', () => {
    const json = fc.jsonValue({ maxDepth: 4 });
    fc.assert(
      fc.property(json, (v) => {
        const hasNul = JSON.stringify(v).includes('\\u0000');
        expect(findNul(v) !== null).toBe(hasNul);
      }),
    );
    fc.assert(
      fc.property(json, fc.string(), fc.string(), (v, pre, post) => {
        expect(findNul({ a: [v, { b: `${pre}\u0000${post}` }] })).not.toBeNull();
        expect(findNul({ [`${pre}\u0000`]: v })).not.toBeNull();
      }),
    );
  });
});

describe('validation messages', () => {
  it('are Chinese on every route with a body or query schema (English when the request asks for it)', async () => {
    let checked = 0;
    for (const route of routes()) {
      const a = callerFor(route);
      if (!a) continue;
      const method = route.method as Method;
      const url = route.url.replace(/:(\w+)/g, UUID);
      const bodyKeys = keysOf(route.schema?.body);
      const queryKeys = keysOf(route.schema?.querystring);
      if (route.url === '/api/auth/login') continue; // rate-limited; covered below
      const tries: { url: string; body?: unknown }[] = [];
      if (route.schema?.body && method !== 'GET') tries.push({ url, body: Object.fromEntries(bodyKeys.map((k) => [k, { wrong: [1] }])) });
      if (queryKeys.length)
        tries.push({
          url: `${url}?${queryKeys.map((k) => `${k}=${'x'.repeat(3000)}`).join('&')}`,
          body: method === 'GET' || method === 'DELETE' ? undefined : {},
        });
      for (const t of tries) {
        for (const lang of ['zh-CN', 'en-US'] as const) {
          const res = await a.request(method, t.url, t.body, { 'accept-language': lang });
          if (res.statusCode !== 400) continue;
          const e = res.json().error as { message: string; fields?: { path: string; message: string }[] };
          const label = `${route.method} ${route.url} ${lang}: ${res.body.slice(0, 300)}`;
          if (lang === 'zh-CN') {
            expect(e.message, label).toMatch(CJK);
            for (const f of e.fields ?? []) expect(f.message, label).toMatch(CJK);
            checked++;
          } else {
            // zod's defaults in English; the routes' own messages stay as written (Chinese).
            for (const f of e.fields ?? []) expect(f.message, label).not.toMatch(/expected .* to have|Invalid input: expected/);
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(80);
  });

  it('name the field and give the limit in Chinese', async () => {
    const a = await env.login('admin');
    const res = await a.post('/api/admin/users', {
      username: 'valid-user',
      displayName: '张'.repeat(500),
      unitCode: 'education',
      roles: ['department'],
      password: 'Aa1!aa1!aa1!x',
    });
    expect(res.statusCode).toBe(400);
    const f = res.json().error.fields.find((x: { path: string }) => x.path === 'displayName');
    expect(f.message).toMatch(/^姓名：最多 \d+ 个字符$/);
    const en = await a.post(
      '/api/admin/users',
      { username: 'valid-user', displayName: '张'.repeat(500), unitCode: 'education', roles: ['department'], password: 'Aa1!aa1!aa1!x' },
      { 'accept-language': 'en' },
    );
    expect(en.json().error.fields.find((x: { path: string }) => x.path === 'displayName').message).toMatch(/^Name: At most \d+ characters$/);
    const missing = await env.agent().post('/api/auth/mfa', {});
    expect(missing.statusCode).toBe(401); // guard first: no session, no schema disclosed
  });

  it('keep a route’s own message, localise defaults, and default to Chinese', () => {
    expect(localise('请说明查看原因', 'reason', 'en')).toBe('请说明查看原因');
    expect(localise('最多 3 个字符\u001eAt most 3 characters', 'body.name', 'zh')).toBe('名称：最多 3 个字符');
    expect(localise('最多 3 个字符\u001eAt most 3 characters', 'items.0.unknownField', 'en')).toBe('At most 3 characters');
    expect(langOf(undefined)).toBe('zh');
    expect(langOf('en-US,en;q=0.9')).toBe('en');
    expect(langOf('zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh');
  });
});
