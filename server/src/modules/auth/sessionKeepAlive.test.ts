/**
 * Keep-alive for long forms: a timer's requests (background header) do not extend a session, the
 * user's "继续" does (but never past the absolute lifetime), and the per-user draft key survives a
 * timeout but not a logout.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEnv, type TestEnv } from '../../../test/harness.js';

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
});
afterAll(async () => {
  await env?.close();
});

const MIN = 60_000;
const BG = { 'x-nuanyang-background': '1' };

describe('session keep-alive', () => {
  it('background requests do not extend the session; it ends 30 idle minutes after the last user request', async () => {
    const a = await env.login('director-dinghai');
    const first = (await a.get('/api/auth/session', BG)).json();
    expect(first.idleTimeoutMinutes).toBe(30);
    expect(Date.parse(first.expiresAt) - Date.parse(first.now)).toBe(30 * MIN);
    env.clock.advance(20 * MIN);
    // The notification poll, every minute, carries the header too.
    expect((await a.get('/api/notifications?pageSize=10', BG)).statusCode).toBe(200);
    const later = (await a.get('/api/auth/session', BG)).json();
    expect(later.expiresAt).toBe(first.expiresAt);
    expect(Date.parse(later.expiresAt) - Date.parse(later.now)).toBe(10 * MIN);
    env.clock.advance(10 * MIN + 1000);
    const gone = await a.get('/api/auth/session', BG);
    expect(gone.statusCode).toBe(401);
    expect(gone.json().error.code).toBe('SESSION_EXPIRED');
  });

  it('without the header a request still extends the session (the user at work)', async () => {
    const a = await env.login('director-dinghai');
    env.clock.advance(20 * MIN);
    expect((await a.get('/api/notifications?pageSize=10')).statusCode).toBe(200);
    env.clock.advance(20 * MIN);
    expect((await a.get('/api/auth/me')).statusCode).toBe(200);
  });

  it('继续 (keep-alive) restarts the idle timer, needs the CSRF token, and never passes the absolute lifetime', async () => {
    const a = await env.login('street-dinghai');
    env.clock.advance(28 * MIN);
    expect((await a.post('/api/auth/keepalive', {}, { 'x-csrf-token': 'wrong' })).statusCode).toBe(403);
    const res = await a.post('/api/auth/keepalive');
    expect(res.statusCode).toBe(200);
    expect(Date.parse(res.json().expiresAt) - Date.parse(res.json().now)).toBe(30 * MIN);
    env.clock.advance(28 * MIN);
    expect((await a.get('/api/auth/session', BG)).statusCode).toBe(200);

    // 12 hours after login the session ends, however often it is kept alive.
    for (let i = 0; i < 26; i++) {
      env.clock.advance(25 * MIN);
      await a.post('/api/auth/keepalive');
    }
    const status = await a.get('/api/auth/session', BG);
    expect(status.statusCode).toBe(401);
  });

  it('an expired session cannot be revived by keep-alive', async () => {
    const a = await env.login('street-dinghai');
    env.clock.advance(31 * MIN);
    const res = await a.post('/api/auth/keepalive');
    expect(res.statusCode).toBe(401);
  });
});

describe('draft key', () => {
  it('is the same for every session of a user until logout, differs between users, and is stored sealed', async () => {
    const a = await env.login('director-dinghai');
    const k1 = (await a.post('/api/auth/draft-key')).json().key as string;
    expect(Buffer.from(k1, 'base64url')).toHaveLength(32);
    // A new login after a timeout gets the same key back: the draft typed before is readable again.
    env.clock.advance(31 * MIN);
    expect((await a.post('/api/auth/draft-key')).statusCode).toBe(401);
    const b = await env.login('director-dinghai');
    expect((await b.post('/api/auth/draft-key')).json().key).toBe(k1);
    const other = (await (await env.login('street-dinghai')).post('/api/auth/draft-key')).json().key;
    expect(other).not.toBe(k1);

    const stored = (
      await env.owner.query<{ key_sealed: string }>(
        `select key_sealed from user_draft_keys k join users u on u.id = k.user_id where u.username = 'director-dinghai'`,
      )
    ).rows[0]!.key_sealed;
    expect(stored).not.toContain(k1);
    const created = await env.owner.query(`select 1 from audit_log where action = 'auth.draftKey.create' and username = 'director-dinghai'`);
    expect(created.rowCount).toBe(1);

    // Logout forgets it: whatever a browser still holds cannot be decrypted any more.
    expect((await b.post('/api/auth/logout')).statusCode).toBe(204);
    const gone = await env.owner.query(`select 1 from user_draft_keys k join users u on u.id = k.user_id where u.username = 'director-dinghai'`);
    expect(gone.rowCount).toBe(0);
    const c = await env.login('director-dinghai');
    expect((await c.post('/api/auth/draft-key')).json().key).not.toBe(k1);
  });

  it('is refused without a session', async () => {
    expect((await env.agent().post('/api/auth/draft-key')).statusCode).toBe(401);
  });
});
