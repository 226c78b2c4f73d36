/**
 * What every response and the server log must (not) contain: security headers, one error shape
 * without internals, no-store on API answers, no identity number in the log; and the behaviour
 * when the database goes away and comes back.
 */
import net from 'node:net';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { poolsFor } from '../db/database.js';
import { testEnv, type TestEnv } from '../../test/harness.js';
import { loggerOptions } from './logging.js';

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
});
afterAll(async () => {
  await env?.close();
});

describe('responses', () => {
  it('carry security headers and no-store on the API', async () => {
    const res = await env.agent().get('/api/health');
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-request-id']).toMatch(/[0-9a-f-]{36}/);
    expect(res.headers['strict-transport-security']).toBeUndefined(); // only under HTTPS
  });

  it('answer unknown API routes with the JSON error shape', async () => {
    const res = await env.agent().get('/api/no-such-thing');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ error: { code: 'NOT_FOUND', message: expect.any(String), requestId: expect.any(String) } });
  });

  it('refuse malformed JSON and wrong types with 400 and never show internals', async () => {
    const a = await env.login('admin');
    const bad = await env.app.inject({
      method: 'POST',
      url: '/api/org/committees',
      headers: { cookie: a.cookie!, 'x-csrf-token': a.csrf!, 'content-type': 'application/json' },
      payload: '{"streetCode": ',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).not.toMatch(/at .*\.ts|stack|SyntaxError|select |insert /i);
    const wrongType = await a.post('/api/org/committees', { streetCode: 'dinghai', name: 5 });
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.json().error.fields[0].path).toBe('name');
    const badId = await a.patch('/api/org/committees/not-a-uuid', { name: '新名称居民区' });
    expect(badId.statusCode).toBe(400);
    expect(badId.json().error.fields[0].message).toBe('编号格式不正确');
    const injection = await a.get(`/api/admin/users?q=${encodeURIComponent("' or 1=1 --")}`);
    expect(injection.statusCode).toBe(200);
    expect(injection.json().total).toBe(0);
  });

  it('validate admin input with field messages and write nothing', async () => {
    const a = await env.login('admin');
    const before = (await env.owner.query('select count(*)::int as n from users')).rows[0].n;
    const res = await a.post('/api/admin/users', { username: 'Bad Name', displayName: '', unitCode: 'education', roles: [], password: 'x' });
    expect(res.statusCode).toBe(400);
    const paths = res.json().error.fields.map((f: { path: string }) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['username', 'displayName']));
    const weak = await a.post('/api/admin/users', {
      username: 'weak-user',
      displayName: '弱',
      unitCode: 'education',
      roles: ['department'],
      password: '1234567890',
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.fields[0].path).toBe('password');
    expect((await env.owner.query('select count(*)::int as n from users')).rows[0].n).toBe(before);
  });
});

describe('the server log', () => {
  it('never contains an identity number, a cookie or a query string', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _enc, cb) {
        lines.push(chunk.toString());
        cb();
      },
    });
    const app = await buildApp(env.deps, { logger: loggerOptions('info', stream) });
    try {
      const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'street-dinghai', password: 'nuanyang-demo' } });
      const cookie = `nuanyang_sid=${login.cookies.find((c) => c.name === 'nuanyang_sid')!.value}`;
      const csrf = login.json().csrfToken;
      const list = await app.inject({ method: 'GET', url: '/api/children?pageSize=20', headers: { cookie } });
      const child = list.json().items.find((c: { idNumberMasked: string | null }) => c.idNumberMasked);
      const unmasked = await app.inject({
        method: 'POST',
        url: `/api/children/${child.id}/unmask`,
        headers: { cookie, 'x-csrf-token': csrf },
        payload: { reason: '核对' },
      });
      expect(unmasked.json().idNumber).toMatch(/^\d{17}[\dX]$/);
      await app.inject({ method: 'GET', url: `/api/children?q=${unmasked.json().idNumber}`, headers: { cookie } });
    } finally {
      await app.close();
    }
    const log = lines.join('');
    expect(log.length).toBeGreaterThan(100);
    expect(log).not.toMatch(/\d{17}[\dX]/);
    expect(log).not.toContain('nuanyang_sid=');
    expect(log).not.toContain('q=');
  });
});

describe('when the database goes away', () => {
  it('answers 503 with a clear message, and serves again when it returns', async () => {
    const target = new URL(env.db.appUrl);
    // A TCP relay in front of PostgreSQL that the test can cut and restore.
    const sockets = new Set<net.Socket>();
    const relay = () =>
      net.createServer((client) => {
        const upstream = net.connect(Number(target.port || 5432), target.hostname);
        sockets.add(client);
        sockets.add(upstream);
        client.pipe(upstream).pipe(client);
        const drop = () => {
          client.destroy();
          upstream.destroy();
        };
        client.on('error', drop);
        upstream.on('error', drop);
      });
    let server = relay();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as net.AddressInfo).port;
    const via = (u: string) => {
      const x = new URL(u);
      x.hostname = '127.0.0.1';
      x.port = String(port);
      return x.toString();
    };
    const db = poolsFor(via(env.db.ownerUrl), via(env.db.appUrl), null);
    const app = await buildApp({ ...env.deps, db });
    try {
      expect((await app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
      await new Promise<void>((r) => server.close(() => r()));
      for (const s of sockets) s.destroy();
      const down = await app.inject({ method: 'GET', url: '/api/health' });
      expect(down.statusCode).toBe(503);
      expect(down.json()).toEqual({ status: 'unavailable', database: 'unavailable' });
      const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'district', password: 'nuanyang-demo' } });
      expect(login.statusCode).toBe(503);
      expect(login.json().error.code).toBe('DATABASE_UNAVAILABLE');

      server = relay();
      await new Promise<void>((r) => server.listen(port, '127.0.0.1', () => r()));
      expect((await app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
      expect((await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'district', password: 'nuanyang-demo' } })).statusCode).toBe(200);
    } finally {
      await app.close();
      await Promise.allSettled([db.owner.end(), db.app.end()]);
      for (const s of sockets) s.destroy();
      server.close();
    }
  });
});

describe('the web interface', () => {
  it('is served at / and at application paths; a missing asset is a 404', async () => {
    const fs = await import('node:fs');
    const path = await import('node:path');
    if (!fs.existsSync(path.join(env.deps.config.webDist, 'index.html'))) return; // built by the e2e setup or npm start
    const agent = env.agent();
    for (const url of ['/', '/login', '/children/some-id']) {
      const res = await agent.get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toContain('text/html');
    }
    expect((await agent.get('/assets/no-such-file.js')).statusCode).toBe(404);
  });
});
