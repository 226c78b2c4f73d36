/**
 * 三权分立 on the administrators' own accounts (security requirement 13): the system administrator
 * cannot take over the security or audit administrator; a reset of an administrator's password is
 * a request that a second administrator approves, and ends in a new password and a new second
 * factor; every act alerts the other administrators and is audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEnv, type Agent, type TestEnv } from '../../../test/harness.js';
import { currentTotp } from '../auth/totp.js';
import { REFUSALS } from './policies.js';

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
});
afterAll(async () => {
  await env?.close();
});

const userId = async (u: string) => (await env.owner.query('select id from users where username = $1', [u])).rows[0].id as string;
const notificationsOf = async (u: string, after: Date) =>
  (
    await env.owner.query<{ kind: string; title: string; body: string }>(
      `select kind, title, body from notifications where user_id = (select id from users where username = $1) and created_at >= $2 order by created_at`,
      [u, after],
    )
  ).rows;
const auditRows = async (action: string, outcome = 'success') =>
  (
    await env.owner.query<{ username: string; entity_id: string; reason: string | null; summary: Record<string, unknown> | null }>(
      'select username, entity_id, reason, summary from audit_log where action = $1 and outcome = $2 order by id',
      [action, outcome],
    )
  ).rows;

describe('the system administrator cannot act on the other administrators', () => {
  it('refuses a password reset, disabling and a role change of secadmin or auditor, audits the refusal, and changes nothing', async () => {
    const admin = await env.login('admin');
    for (const target of ['auditor', 'secadmin']) {
      const id = await userId(target);
      const reset = await admin.post(`/api/admin/users/${id}/password`, { password: 'Takeover#Audit-2026' });
      expect(reset.statusCode).toBe(403);
      expect(reset.json().error.message).toBe(REFUSALS.passwordResetNeedsApproval);
      const disable = await admin.patch(`/api/admin/users/${id}`, { disabled: true });
      expect(disable.statusCode).toBe(403);
      expect(disable.json().error.message).toBe(REFUSALS.systemAdminOnAdmin);
      const roles = await admin.patch(`/api/admin/users/${id}`, { roles: [target === 'auditor' ? 'auditadmin' : 'secadmin'] });
      expect(roles.statusCode).toBe(403);
      const rename = await admin.patch(`/api/admin/users/${id}`, { displayName: '被改名' });
      expect(rename.statusCode).toBe(403);
      // Nothing changed: the account keeps its password, name and status.
      const still = await env.login(target);
      expect((await still.get('/api/auth/me')).json().user.displayName).not.toBe('被改名');
    }
    // The audit administrator still reads the audit log; the system administrator still cannot.
    expect((await (await env.login('auditor')).get('/api/audit')).statusCode).toBe(200);
    expect((await admin.get('/api/audit')).statusCode).toBe(403);
    const denied = await auditRows('admin.user.password.reset', 'denied');
    expect(denied.map((r) => r.entity_id)).toEqual([await userId('auditor'), await userId('secadmin')]);
    expect(denied[0]!.reason).toBe(REFUSALS.passwordResetNeedsApproval);
    expect((await auditRows('admin.user.update', 'denied')).length).toBe(6);
  });

  it('still manages business accounts as before', async () => {
    const admin = await env.login('admin');
    expect((await admin.post(`/api/admin/users/${await userId('edu')}/password`, { password: 'Reset#Business-2026' })).statusCode).toBe(204);
    await env.owner.query(
      `update users set password_hash = (select password_hash from users where username = 'district'), must_change_password = false where username = 'edu'`,
    );
  });

  it('keeps the approval permission off business roles', async () => {
    const sec = await env.login('secadmin');
    const res = await sec.patch('/api/admin/roles/district_civil', { permissions: ['children.read', 'admin.approvals'] });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0].message).toContain('三权分立');
  });
});

describe('password reset of an administrator account under dual control', () => {
  let sec: Agent;
  let requestId: string;
  const started = new Date();

  beforeAll(async () => {
    sec = await env.login('secadmin');
  });

  it('the security administrator asks; the request stays pending and the account is untouched', async () => {
    const created = await sec.post('/api/admin/admin-requests', { userId: await userId('admin'), reason: '系统管理员遗忘密码' });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ status: 'pending', target: { username: 'admin' }, requestedBy: { username: 'secadmin' }, canDecide: false });
    requestId = created.json().id;
    await env.login('admin'); // the old password still works
    const again = await sec.post('/api/admin/admin-requests', { userId: await userId('admin'), reason: '重复申请' });
    expect(again.statusCode).toBe(409);
    // Neither the system administrator nor the audit administrator may ask.
    expect((await (await env.login('admin')).post('/api/admin/admin-requests', { userId: await userId('auditor'), reason: '接管审计账户' })).statusCode).toBe(
      403,
    );
    // A business account is not reset this way, and nobody asks for their own account.
    const business = await sec.post('/api/admin/admin-requests', { userId: await userId('edu'), reason: '普通账户' });
    expect(business.statusCode).toBe(400);
    const self = await sec.post('/api/admin/admin-requests', { userId: await userId('secadmin'), reason: '本人账户' });
    expect(self.statusCode).toBe(403);
    expect(self.json().error.message).toBe(REFUSALS.selfRequest);
  });

  it('alerts the other two administrators, not the requester', async () => {
    for (const u of ['admin', 'auditor']) {
      const mine = await notificationsOf(u, started);
      expect(
        mine.map((n) => n.title),
        u,
      ).toContain('管理员账户密码重置申请待审批');
      expect(mine.find((n) => n.title === '管理员账户密码重置申请待审批')!.body).toContain('系统管理员遗忘密码');
    }
    expect((await notificationsOf('secadmin', started)).map((n) => n.title)).not.toContain('管理员账户密码重置申请待审批');
    // Through the API, as the interface reads them.
    const list = (await (await env.login('auditor')).get('/api/notifications')).json().items as { kind: string }[];
    expect(list.some((n) => n.kind === 'admin.account')).toBe(true);
    expect((await auditRows('security.admin-request.create'))[0]!.summary).toMatchObject({ request: requestId, administratorsAlerted: 2 });
  });

  it('the requester cannot approve their own request, nor the account holder', async () => {
    const own = await sec.post(`/api/admin/admin-requests/${requestId}/approve`);
    expect(own.statusCode).toBe(403);
    expect(own.json().error.message).toBe(REFUSALS.ownRequest);
    const holder = await env.login('admin');
    const byHolder = await holder.post(`/api/admin/admin-requests/${requestId}/approve`);
    expect(byHolder.statusCode).toBe(403);
    expect(byHolder.json().error.message).toBe(REFUSALS.ownAccount);
    // A business user lacks the permission altogether.
    expect((await (await env.login('district')).post(`/api/admin/admin-requests/${requestId}/approve`)).statusCode).toBe(403);
    expect((await auditRows('security.admin-request.approve', 'denied')).map((r) => r.reason)).toEqual([REFUSALS.ownRequest, REFUSALS.ownAccount]);
    const row = (await env.owner.query('select status from admin_account_requests where id = $1', [requestId])).rows[0];
    expect(row.status).toBe('pending');
    await env.login('admin'); // still untouched
  });

  it('the database refuses a self-approval even if a code path forgot the rule', async () => {
    await expect(
      env.owner.query(`update admin_account_requests set status = 'approved', decided_by = requested_by, decided_at = now() where id = $1`, [requestId]),
    ).rejects.toThrow(/check constraint/);
  });

  it('a different administrator approves: one-time password shown once, sessions end, login forces a new password and a new authenticator', async () => {
    const holderSession = await env.login('admin');
    const auditor = await env.login('auditor');
    const pending = (await auditor.get('/api/admin/admin-requests?status=pending')).json();
    expect(pending.items.map((r: { id: string; canDecide: boolean }) => [r.id, r.canDecide])).toEqual([[requestId, true]]);
    const approved = await auditor.post(`/api/admin/admin-requests/${requestId}/approve`);
    expect(approved.statusCode, approved.body).toBe(200);
    const { temporaryPassword, request } = approved.json();
    expect(request).toMatchObject({ status: 'approved', decidedBy: { username: 'auditor' }, canDecide: false });
    expect(temporaryPassword).toMatch(/^[A-Za-z0-9_-]{16}$/);
    // The one-time password is nowhere else: not in the audit log, not in a notification.
    const leaks = await env.owner.query(`select 1 from audit_log where summary::text like $1 union all select 1 from notifications where body like $1`, [
      `%${temporaryPassword}%`,
    ]);
    expect(leaks.rowCount).toBe(0);

    expect((await holderSession.get('/api/auth/me')).statusCode).toBe(401);
    expect((await env.agent().post('/api/auth/login', { username: 'admin', password: 'nuanyang-demo' })).statusCode).toBe(401);
    const a = env.agent();
    const login = await a.post('/api/auth/login', { username: 'admin', password: temporaryPassword });
    expect(login.statusCode).toBe(200);
    expect(login.json().pending).toBe('password-change'); // even in demo mode
    expect((await a.get('/api/admin/users')).statusCode).toBe(403);
    const changed = await a.post('/api/auth/password', { currentPassword: temporaryPassword, newPassword: 'Yangpu#Sys-Reset-2026' });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().pending).toBe('mfa-enroll');
    expect((await a.get('/api/admin/users')).statusCode).toBe(403);
    const setup = (await a.post('/api/auth/totp/setup')).json();
    const enabled = await a.post('/api/auth/totp/enable', { code: currentTotp(setup.secret, env.clock.now) });
    expect(enabled.statusCode).toBe(200);
    expect((await a.get('/api/auth/me')).json().pending).toBeNull();
    expect((await a.get('/api/admin/users')).statusCode).toBe(200);

    for (const u of ['admin', 'secadmin'])
      expect(
        (await notificationsOf(u, started)).map((n) => n.title),
        u,
      ).toContain('管理员账户密码已重置');
    expect((await notificationsOf('auditor', started)).map((n) => n.title)).not.toContain('管理员账户密码已重置');
    expect((await auditRows('security.user.password.reset')).at(-1)).toMatchObject({ username: 'auditor', entity_id: await userId('admin') });
    expect((await auditRows('security.admin-request.approve')).length).toBe(1);
    // Decided once only.
    expect((await (await env.login('auditor')).post(`/api/admin/admin-requests/${requestId}/approve`)).statusCode).toBe(409);
  });

  it('another administrator can refuse; the refusal is recorded, alerted and final', async () => {
    const created = await sec.post('/api/admin/admin-requests', { userId: await userId('auditor'), reason: '审计管理员要求重置' });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    const since = new Date(Date.now() - 1000);
    const admin = await loginAdmin();
    const refused = await admin.post(`/api/admin/admin-requests/${id}/refuse`, { note: '未经本人当面确认' });
    expect(refused.statusCode, refused.body).toBe(200);
    expect(refused.json()).toMatchObject({ status: 'refused', decisionNote: '未经本人当面确认', decidedBy: { username: 'admin' } });
    expect((await admin.post(`/api/admin/admin-requests/${id}/approve`)).statusCode).toBe(409);
    await env.login('auditor'); // untouched
    for (const u of ['secadmin', 'auditor'])
      expect(
        (await notificationsOf(u, since)).map((n) => n.title),
        u,
      ).toContain('管理员账户密码重置申请被拒绝');
    expect((await auditRows('security.admin-request.refuse'))[0]!.summary).toMatchObject({ note: '未经本人当面确认', administratorsAlerted: 2 });
  });

  it('a request lapses after 72 hours', async () => {
    const created = await sec.post('/api/admin/admin-requests', { userId: await userId('auditor'), reason: '稍后处理' });
    const id = created.json().id;
    env.clock.advance(73 * 3_600_000);
    const admin2 = await env.login('secadmin');
    const listed = (await admin2.get('/api/admin/admin-requests?status=expired')).json();
    expect(listed.items.map((r: { id: string; status: string }) => [r.id, r.status])).toEqual([[id, 'expired']]);
    const late = await (await loginAdmin()).post(`/api/admin/admin-requests/${id}/approve`);
    expect(late.statusCode).toBe(409);
    expect(late.json().error.message).toContain('72 小时');
    // A lapsed request does not block a new one.
    expect((await admin2.post('/api/admin/admin-requests', { userId: await userId('auditor'), reason: '重新申请' })).statusCode).toBe(201);
  });
});

describe('the security administrator manages administrator accounts, with alerts', () => {
  it('disables and re-enables an administrator account, never the last of its class; the others are alerted', async () => {
    const sec = await env.login('secadmin');
    const auditorId = await userId('auditor');
    const last = await sec.put(`/api/admin/users/${auditorId}/admin-status`, { disabled: true });
    expect(last.statusCode).toBe(409);
    expect(last.json().error.message).toContain('最后一个可用的审计管理员');

    const created = await (
      await loginAdmin()
    ).post('/api/admin/users', { username: 'auditor-two', displayName: '第二审计员', unitCode: 'civil-affairs', password: 'Audit#Second-2026' });
    expect(created.statusCode).toBe(201);
    const granted = await sec.put(`/api/admin/users/${created.json().id}/admin-role`, { role: 'auditadmin' });
    expect(granted.statusCode).toBe(200);
    const since = new Date(Date.now() - 1000);
    const victim = await env.login('auditor');
    const off = await sec.put(`/api/admin/users/${auditorId}/admin-status`, { disabled: true });
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json().disabled).toBe(true);
    expect((await victim.get('/api/auth/me')).statusCode).toBe(401);
    for (const u of ['admin', 'auditor-two'])
      expect(
        (await notificationsOf(u, since)).map((n) => n.title),
        u,
      ).toContain('管理员账户已被停用');
    expect((await sec.put(`/api/admin/users/${auditorId}/admin-status`, { disabled: false })).statusCode).toBe(200);
    await env.login('auditor');
    // Business accounts are the system administrator's.
    expect((await sec.put(`/api/admin/users/${await userId('edu')}/admin-status`, { disabled: true })).statusCode).toBe(400);
    // The system administrator cannot reach this route at all.
    expect((await (await loginAdmin()).put(`/api/admin/users/${auditorId}/admin-status`, { disabled: true })).statusCode).toBe(403);
    expect((await auditRows('security.user.admin-status')).map((r) => (r.summary as { disabled: { to: boolean } }).disabled.to)).toEqual([true, false]);
  });

  it('a role change of an administrator account alerts the other administrators', async () => {
    const sec = await env.login('secadmin');
    const since = new Date(Date.now() - 1000);
    const id = await userId('auditor-two');
    expect((await sec.put(`/api/admin/users/${id}/admin-role`, { role: null })).statusCode).toBe(200);
    for (const u of ['admin', 'auditor']) {
      const n = (await notificationsOf(u, since)).find((x) => x.title === '管理员角色变更');
      expect(n?.body, u).toContain('auditor-two');
    }
    // Now the only audit administrator again: revoking that role is refused.
    const lastOne = await sec.put(`/api/admin/users/${await userId('auditor')}/admin-role`, { role: null });
    expect(lastOne.statusCode).toBe(409);
  });
});

/** admin enrolled a second factor in the reset test above: log in with it. */
async function loginAdmin(): Promise<Agent> {
  const a = env.agent();
  await a.post('/api/auth/login', { username: 'admin', password: 'Yangpu#Sys-Reset-2026' });
  const enc = (await env.owner.query(`select totp_secret_enc from users where username = 'admin'`)).rows[0].totp_secret_enc as string;
  env.clock.advance(31_000);
  const res = await a.post('/api/auth/mfa', { code: currentTotp(env.deps.crypto.decrypt(enc, 'users.totp_secret'), env.clock.now) });
  if (res.statusCode !== 200) throw new Error(`admin second factor: ${res.body}`);
  return a;
}
