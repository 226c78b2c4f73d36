/**
 * Wrong second-factor codes are limited like wrong passwords: the fifth locks the account for 15
 * minutes (the right code and the right password are refused meanwhile), every failure is audited,
 * and the security administrators are notified.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEnv, type Agent, type TestEnv } from '../../../test/harness.js';
import { LOCK_MS, MAX_FAILURES } from './policies.js';
import { currentTotp, totpFor } from './totp.js';

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
});
afterAll(async () => {
  await env?.close();
});

/** A six-digit code that is valid in none of the accepted steps around now. */
function wrongCode(secret: string, now: number, i: number): string {
  const valid = new Set([-1, 0, 1].map((d) => totpFor(secret, 'x').generate({ timestamp: now + d * 30_000 })));
  for (let n = i; ; n++) {
    const c = String((n * 7919) % 1_000_000).padStart(6, '0');
    if (!valid.has(c)) return c;
  }
}

async function enrol(username: string): Promise<string> {
  const a = await env.login(username);
  const setup = (await a.post('/api/auth/totp/setup')).json();
  expect((await a.post('/api/auth/totp/enable', { code: currentTotp(setup.secret, env.clock.now) })).statusCode).toBe(200);
  env.clock.advance(60_000);
  return setup.secret as string;
}

async function pendingLogin(username: string): Promise<Agent> {
  const a = env.agent();
  const r = await a.post('/api/auth/login', { username, password: 'nuanyang-demo' });
  expect(r.json().pending).toBe('mfa');
  return a;
}

describe('second-factor attempt limit', () => {
  it('locks after 5 wrong codes on one session: the right code then fails, the password too; audited and alerted', async () => {
    const secret = await enrol('street-pingliang');
    const a = await pendingLogin('street-pingliang');
    for (let i = 1; i < MAX_FAILURES; i++) {
      const r = await a.post('/api/auth/mfa', { code: wrongCode(secret, env.clock.now, i) });
      expect(r.statusCode).toBe(400);
      expect(r.json().error.message).toBe('动态码或恢复码不正确');
    }
    const fifth = await a.post('/api/auth/mfa', { code: wrongCode(secret, env.clock.now, 99) });
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json().error.code).toBe('ACCOUNT_LOCKED');

    // The right code on the same session no longer helps: the session waiting for it has ended.
    const right = await a.post('/api/auth/mfa', { code: currentTotp(secret, env.clock.now) });
    expect([401, 423]).toContain(right.statusCode);
    // Nor does the password.
    expect((await env.agent().post('/api/auth/login', { username: 'street-pingliang', password: 'nuanyang-demo' })).statusCode).toBe(423);

    const audit = (
      await env.owner.query(`select outcome, reason, summary from audit_log where action = 'auth.mfa' and username = 'street-pingliang' order by id`)
    ).rows;
    expect(audit.filter((r) => r.outcome === 'failed')).toHaveLength(MAX_FAILURES);
    expect(audit.filter((r) => r.outcome === 'failed').at(-1).summary).toMatchObject({ failures: MAX_FAILURES, locked: true });

    const alerts = (
      await env.owner.query(`select u.username, n.title, n.body from notifications n join users u on u.id = n.user_id where n.kind = 'security.mfa-lockout'`)
    ).rows;
    expect(alerts.map((r) => r.username)).toContain('secadmin');
    expect(alerts.map((r) => r.username)).not.toContain('street-pingliang');
    expect(alerts[0].body).toContain('street-pingliang');
    // recorded as a security event for the audit viewer and the yearly report, naming the locked account
    const events = (await env.owner.query(`select username, severity from security_alerts where kind = 'security.mfa-lockout'`)).rows;
    expect(events).toEqual([{ username: 'street-pingliang', severity: 'critical' }]);

    // After the lock: a fresh login and the right code succeed, and the count starts again.
    env.clock.advance(LOCK_MS + 1000);
    const b = await pendingLogin('street-pingliang');
    expect((await b.post('/api/auth/mfa', { code: currentTotp(secret, env.clock.now) })).statusCode).toBe(200);
    expect((await env.owner.query(`select count(*)::int as n from login_failures where username = 'street-pingliang'`)).rows[0].n).toBe(0);
  });

  it('logging in again does not reset the count of wrong codes', async () => {
    const secret = await enrol('director-dinghai');
    for (let i = 1; i < MAX_FAILURES; i++) {
      const a = await pendingLogin('director-dinghai');
      expect((await a.post('/api/auth/mfa', { code: wrongCode(secret, env.clock.now, i) })).statusCode).toBe(400);
    }
    const a = await pendingLogin('director-dinghai');
    expect((await a.post('/api/auth/mfa', { code: wrongCode(secret, env.clock.now, 50) })).statusCode).toBe(423);
  });

  it('300 wrong codes are not possible: at most 5 are checked before the lock', async () => {
    const secret = await enrol('district');
    const a = await pendingLogin('district');
    const codes: number[] = [];
    for (let i = 0; i < 30; i++) codes.push((await a.post('/api/auth/mfa', { code: wrongCode(secret, env.clock.now, i + 1) })).statusCode);
    expect(codes.filter((c) => c === 400)).toHaveLength(MAX_FAILURES - 1);
    expect((await a.post('/api/auth/mfa', { code: currentTotp(secret, env.clock.now) })).statusCode).not.toBe(200);
  });

  it('a code with a NUL character is refused and counts as a wrong code', async () => {
    const secret = await enrol('leader');
    const a = await pendingLogin('leader');
    const res = await a.post('/api/auth/mfa', { code: `${currentTotp(secret, env.clock.now)}\u0000` });
    expect(res.statusCode).toBe(400);
    expect((await env.owner.query(`select mfa_failures from login_failures where username = 'leader'`)).rows[0].mfa_failures).toBe(1);
    expect(
      (await env.owner.query(`select count(*)::int as n from audit_log where action = 'auth.mfa' and outcome = 'failed' and username = 'leader'`)).rows[0].n,
    ).toBe(1);
  });
});
