import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEnv, type TestEnv } from '../../../test/harness.js';

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
});
afterAll(async () => {
  await env?.close();
});

const auditRows = async (action: string, username: string) =>
  (await env.owner.query('select outcome, reason, ip, summary from audit_log where action = $1 and username = $2 order by id', [action, username])).rows;

describe('login', () => {
  it('health answers with the database status', async () => {
    const res = await env.agent().get('/api/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: 'ok' });
  });

  it('logs in a street supervisor and tells who, where and what they may do', async () => {
    const a = await env.login('street-dinghai');
    const me = (await a.get('/api/auth/me')).json();
    expect(me.user.username).toBe('street-dinghai');
    expect(me.unit.name).toBe('定海路街道办事处');
    expect(me.roles.map((r: { code: string }) => r.code)).toEqual(['street_supervisor']);
    expect(me.scope).toMatchObject({ kind: 'street', streets: ['dinghai'] });
    expect(me.permissions).toContain('children.read');
    expect(me.pending).toBeNull();
    expect((await auditRows('auth.login', 'street-dinghai')).at(-1)).toMatchObject({ outcome: 'success' });
  });

  it('sets an HttpOnly, SameSite=Strict session cookie, a new one at every login', async () => {
    const first = await env.agent().post('/api/auth/login', { username: 'district', password: 'nuanyang-demo' });
    const second = await env.agent().post('/api/auth/login', { username: 'district', password: 'nuanyang-demo' });
    const c1 = first.cookies.find((c) => c.name === 'nuanyang_sid')!;
    const c2 = second.cookies.find((c) => c.name === 'nuanyang_sid')!;
    expect(c1.httpOnly).toBe(true);
    expect(c1.sameSite).toBe('Strict');
    expect(c1.path).toBe('/');
    expect(c1.value).not.toBe(c2.value);
    expect(c1.value.length).toBeGreaterThanOrEqual(40);
  });

  it('answers a wrong password and an unknown user identically, and audits both', async () => {
    const wrong = await env.agent().post('/api/auth/login', { username: 'district', password: 'not-the-password' });
    const unknown = await env.agent().post('/api/auth/login', { username: 'nobody-here', password: 'not-the-password' });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    const strip = (b: { error: { requestId: string } }) => ({ ...b.error, requestId: undefined });
    expect(strip(wrong.json())).toEqual(strip(unknown.json()));
    expect((await auditRows('auth.login', 'district')).at(-1)).toMatchObject({ outcome: 'failed', reason: 'bad-password' });
    expect((await auditRows('auth.login', 'nobody-here')).at(-1)).toMatchObject({ outcome: 'failed', reason: 'unknown-user' });
  });

  it('locks an account for 15 minutes after 5 failures, even with the right password, then lets it in', async () => {
    const a = env.agent();
    for (let i = 0; i < 5; i++) expect((await a.post('/api/auth/login', { username: 'street-pingliang', password: `wrong-${i}` })).statusCode).toBe(401);
    const locked = await a.post('/api/auth/login', { username: 'street-pingliang', password: 'nuanyang-demo' });
    expect(locked.statusCode).toBe(423);
    expect(locked.json().error.code).toBe('ACCOUNT_LOCKED');
    expect((await auditRows('auth.login', 'street-pingliang')).at(-1)).toMatchObject({ outcome: 'denied', reason: 'locked' });
    // Unknown users lock the same way, so the lock does not reveal which accounts exist.
    for (let i = 0; i < 5; i++) await a.post('/api/auth/login', { username: 'ghost-user', password: `wrong-${i}` });
    expect((await a.post('/api/auth/login', { username: 'ghost-user', password: 'x' })).statusCode).toBe(423);

    env.clock.advance(15 * 60_000 + 1_000);
    expect((await a.post('/api/auth/login', { username: 'street-pingliang', password: 'nuanyang-demo' })).statusCode).toBe(200);
  });

  it('ends a session after 30 idle minutes, and after its absolute lifetime despite activity', async () => {
    const a = await env.login('district');
    env.clock.advance(29 * 60_000);
    expect((await a.get('/api/auth/me')).statusCode).toBe(200);
    env.clock.advance(31 * 60_000);
    const expired = await a.get('/api/auth/me');
    expect(expired.statusCode).toBe(401);
    expect(expired.json().error.code).toBe('SESSION_EXPIRED');

    const b = await env.login('district');
    for (let h = 0; h < 12; h++) {
      env.clock.advance(20 * 60_000);
      await b.get('/api/auth/me');
      env.clock.advance(20 * 60_000);
      await b.get('/api/auth/me');
      env.clock.advance(20 * 60_000);
      await b.get('/api/auth/me');
    }
    expect((await b.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('logout invalidates the session on the server: the old cookie is refused', async () => {
    const a = await env.login('district');
    const cookie = a.cookie;
    expect((await a.post('/api/auth/logout')).statusCode).toBe(204);
    const replay = env.agent();
    replay.cookie = cookie;
    expect((await replay.get('/api/auth/me')).statusCode).toBe(401);
    expect((await auditRows('auth.logout', 'district')).length).toBeGreaterThan(0);
  });

  it('refuses state-changing requests without the CSRF token or from another origin, and audits them', async () => {
    const a = await env.login('admin');
    const body = { streetCode: 'dinghai', name: '测试新村居民区' };
    const noToken = await a.post('/api/org/committees', body, { 'x-csrf-token': '' });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json().error.code).toBe('CSRF_REJECTED');
    const foreign = await a.post('/api/org/committees', body, { origin: 'https://evil.example' });
    expect(foreign.statusCode).toBe(403);
    const n = (await env.owner.query(`select count(*)::int as n from committees where name = $1`, [body.name])).rows[0].n;
    expect(n).toBe(0);
    const denied = (await env.owner.query(`select count(*)::int as n from audit_log where action = 'http.csrf' and outcome = 'denied'`)).rows[0].n;
    expect(denied).toBeGreaterThanOrEqual(2);
    expect((await a.post('/api/org/committees', body)).statusCode).toBe(201);
  });

  it('validates the login body with field messages and writes nothing', async () => {
    const res = await env.agent().post('/api/auth/login', { username: '' });
    expect(res.statusCode).toBe(400);
    const err = res.json().error;
    expect(err.code).toBe('VALIDATION_FAILED');
    expect(err.fields.map((f: { path: string }) => f.path).sort()).toEqual(['password', 'username']);
    expect(err.requestId).toMatch(/[0-9a-f-]{36}/);
  });

  it('rate-limits login attempts per IP address', async () => {
    const limited = await testEnv({ loginRateLimitPerMinute: 3 });
    try {
      const a = limited.agent();
      const codes: number[] = [];
      for (let i = 0; i < 5; i++) codes.push((await a.post('/api/auth/login', { username: `rate-${i}`, password: 'x' })).statusCode);
      expect(codes.slice(0, 3)).toEqual([401, 401, 401]);
      expect(codes.slice(3)).toEqual([429, 429]);
      const body = (await a.post('/api/auth/login', { username: 'district', password: 'nuanyang-demo' })).json();
      expect(body.error.code).toBe('RATE_LIMITED');
    } finally {
      await limited.close();
    }
  });
});
