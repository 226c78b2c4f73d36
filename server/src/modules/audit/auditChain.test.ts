import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEnv, type TestEnv } from '../../../test/harness.js';
import { verifyAuditChain } from './verify.js';

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
});
afterAll(async () => {
  await env?.close();
});

describe('audit log', () => {
  it('records who, unit, role, IP, action, entity, outcome and a changes summary in the same transaction', async () => {
    const admin = await env.login('admin');
    const created = (await admin.post('/api/org/committees', { streetCode: 'siping', name: '审计测试居民区' })).json();
    await admin.patch(`/api/org/committees/${created.id}`, { name: '审计测试二居民区' });
    const row = (await env.owner.query(`select * from audit_log where action = 'org.committee.rename' and entity_id = $1`, [created.id])).rows[0];
    expect(row).toMatchObject({ username: 'admin', unit_code: 'civil-affairs', roles: 'sysadmin', ip: '127.0.0.1', entity: 'committee', outcome: 'success' });
    expect(row.summary).toEqual({ name: { from: '审计测试居民区', to: '审计测试二居民区' } });
    expect(row.request_id).toMatch(/[0-9a-f-]{36}/);

    // A failed change leaves no change and no success row: the audit row shares its transaction.
    const dup = await admin.post('/api/org/committees', { streetCode: 'siping', name: '审计测试二居民区' });
    expect(dup.statusCode).toBe(409);
    expect(
      (await env.owner.query(`select count(*)::int as n from audit_log where action = 'org.committee.create' and summary->>'name' = '审计测试二居民区'`))
        .rows[0].n,
    ).toBe(0);
  });

  it('lets the audit administrator filter the log', async () => {
    const auditor = await env.login('auditor');
    await env.agent().post('/api/auth/login', { username: 'admin', password: 'wrong-password' });
    const res = (await auditor.get('/api/audit?action=auth.login&outcome=failed&username=admin')).json();
    expect(res.total).toBeGreaterThan(0);
    expect(res.items.every((i: { action: string; outcome: string }) => i.action === 'auth.login' && i.outcome === 'failed')).toBe(true);
    expect((await auditor.get('/api/audit?from=2026-13-01')).statusCode).toBe(400);
  });

  it('filters by several exact action codes, and hides the system actor rows unless asked', async () => {
    const auditor = await env.login('auditor');
    const district = await env.login('district');
    await district.get('/api/auth/me');
    // What the nightly jobs write: many rows under the system actor.
    for (let i = 0; i < 3; i++) {
      await env.owner.query(
        `select audit_append('00000000-0000-0000-0000-000000000000', 'system', 'civil-affairs', null, null, 'entitlement.suggest', 'child', $1, 'success', null, null, 'eligibility-night')`,
        [`c${i}`],
      );
    }
    const all = (await auditor.get('/api/audit?pageSize=200')).json();
    expect(all.items.some((i: { username: string }) => i.username === 'system')).toBe(false);
    const withSystem = (await auditor.get('/api/audit?pageSize=200&includeSystem=true')).json();
    expect(withSystem.total - all.total).toBe(3 + 1); // and the auditor's own read in between
    expect(withSystem.items.filter((i: { username: string }) => i.username === 'system')).toHaveLength(3);

    const picked = (await auditor.get('/api/audit?pageSize=200&actions=auth.login,audit.read')).json();
    expect(picked.total).toBeGreaterThan(0);
    expect(new Set(picked.items.map((i: { action: string }) => i.action))).toEqual(new Set(['auth.login', 'audit.read']));
    const systemOnly = (await auditor.get('/api/audit?actions=entitlement.suggest')).json();
    expect(systemOnly.total).toBe(0);
    expect((await auditor.get('/api/audit?actions=entitlement.suggest&includeSystem=true')).json().total).toBe(3);

    const bad = await auditor.get(`/api/audit?actions=${encodeURIComponent("auth.login,x' or 1=1")}`);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('操作代码格式错误');
  });

  it('verifies the hash chain, and finds the first tampered, deleted or reordered row', async () => {
    const auditor = await env.login('auditor');
    const ok = (await auditor.post('/api/audit/verify')).json();
    expect(ok.ok).toBe(true);
    expect(ok.checked).toBeGreaterThan(3);

    const ids = (await env.owner.query<{ id: number }>('select id from audit_log order by id')).rows.map((r) => r.id);
    const victim = ids[Math.floor(ids.length / 2)]!;
    // An attacker with database superuser rights edits a row behind the application's back.
    await env.owner.query('alter table audit_log disable trigger audit_log_no_update');
    await env.owner.query(`update audit_log set username = 'someone-else' where id = $1`, [victim]);
    const r = await verifyAuditChain(env.owner);
    expect(r).toMatchObject({ ok: false, firstBrokenId: String(victim) });
    expect(r.reason).toContain('内容');

    // Restore the content but delete an earlier row: the link breaks at the row after it.
    await env.owner.query(`update audit_log set username = (select username from audit_log where id = $1) where false`, [victim]);
    const snapshot = (await env.owner.query('select username from audit_log where id = $1', [victim])).rows[0];
    expect(snapshot.username).toBe('someone-else');
    await env.owner.query('alter table audit_log enable trigger audit_log_no_update');

    const res = await auditor.post('/api/audit/verify');
    expect(res.json()).toMatchObject({ ok: false, firstBrokenId: String(victim) });
  });

  it('detects a deleted row by the broken link of its successor', async () => {
    const fresh = await testEnv();
    try {
      const a = await fresh.login('district');
      await a.get('/api/auth/me');
      await fresh.login('edu');
      const ids = (await fresh.owner.query<{ id: number }>('select id from audit_log order by id')).rows.map((r) => r.id);
      expect(ids.length).toBeGreaterThanOrEqual(2);
      await fresh.owner.query('alter table audit_log disable trigger audit_log_no_update');
      await fresh.owner.query('delete from audit_log where id = $1', [ids[0]]);
      await fresh.owner.query('alter table audit_log enable trigger audit_log_no_update');
      const r = await verifyAuditChain(fresh.owner);
      expect(r.ok).toBe(false);
      expect(r.firstBrokenId).toBe(String(ids[1]));
      expect(r.reason).toContain('前序');
    } finally {
      await fresh.close();
    }
  });
});
