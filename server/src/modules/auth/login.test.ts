import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEnv, type TestEnv } from '../../../test/harness.js';

let env: TestEnv;
beforeAll(async () => { env = await testEnv(); });
afterAll(async () => { await env?.close(); });

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
  });
});
