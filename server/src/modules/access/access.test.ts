/**
 * 越权查阅 (break the glass, requirement 14): the district leader's file opens only with a reason
 * (every route under /api/children/:id, by one gate), for the grant's hours; the grant is audited
 * with its reason and raised to the audit administrators; it may end early; a department reaches
 * an active child by identity number in an emergency (read-only, critical alert) and nothing else;
 * the auditor lists every grant and acknowledges the security events.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_REASON_REQUIRED } from '#common/access.js';
import { ANY_ADMIN_PERMISSIONS, PERMISSION_CLASS, PERMISSION_CODES } from '#common/permissions.js';
import { testEnv, type Agent, type TestEnv } from '../../../test/harness.js';

let env: TestEnv;
let leader: Agent;
let auditor: Agent;
let district: Agent;
let edu: Agent;
let child: string;
let other: string;
let childNumber: string;
let closedNumber: string | null;
const HOUR = 3_600_000;

beforeAll(async () => {
  env = await testEnv();
  [leader, auditor, district, edu] = await Promise.all([env.login('leader'), env.login('auditor'), env.login('district'), env.login('edu')]);
  const rows = (await env.owner.query(`select id, id_number_enc from children where status = 'active' and id_number_enc is not null order by id limit 2`)).rows;
  child = rows[0].id;
  other = rows[1].id;
  childNumber = env.deps.crypto.decrypt(rows[0].id_number_enc, 'children.id_number');
  const closed = (await env.owner.query(`select id_number_enc from children where status = 'closed' and id_number_enc is not null limit 1`)).rows[0];
  closedNumber = closed ? env.deps.crypto.decrypt(closed.id_number_enc, 'children.id_number') : null;
});
afterAll(async () => {
  await env?.close();
});

const reLogin = async () => {
  [leader, auditor, edu, district] = await Promise.all([env.login('leader'), env.login('auditor'), env.login('edu'), env.login('district')]);
};

describe('the file gate (越权查阅须说明理由)', () => {
  it('refuses the leader a file without a grant, with the code and the Chinese message, and audits the refusal', async () => {
    const res = await leader.get(`/api/children/${child}`);
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe(ACCESS_REASON_REQUIRED);
    expect(res.json().error.message).toBe('查看该儿童档案需说明理由（越权查阅将通知审计管理员）');
    const audit = await env.owner.query(`select 1 from audit_log where action = 'access.denied' and entity_id = $1 and outcome = 'denied'`, [child]);
    expect(audit.rowCount).toBeGreaterThan(0);
    // lists stay as they were (masked)
    expect((await leader.get('/api/children?pageSize=5')).statusCode).toBe(200);
    // a user without the flag is not asked
    expect((await district.get(`/api/children/${child}`)).statusCode).toBe(200);
  });

  it('covers every route under /api/children/:id', async () => {
    // The leader's role holds, for this test, every business permission: the guard lets each
    // route through, so the answer is the gate's.
    const before = (await env.owner.query(`select permissions from roles where code = 'leader'`)).rows[0].permissions;
    const business = PERMISSION_CODES.filter((p) => !PERMISSION_CLASS[p] && !ANY_ADMIN_PERMISSIONS.includes(p));
    await env.owner.query(`update roles set permissions = $1 where code = 'leader'`, [business]);
    const wide = await env.login('leader');
    const routes = env.app.apiRoutes.filter((r) => r.method === 'GET' && /^\/api\/children\/:id(\/|$)/.test(r.url));
    expect(routes.length).toBeGreaterThan(15);
    for (const r of routes) {
      const url = r.url
        .replace(':id', child)
        .replace(/:year/, '2026')
        .replace(/:season/, 'summer')
        .replace(/:[A-Za-z]+/g, '00000000-0000-4000-8000-000000000000');
      const res = await wide.get(url);
      expect(res.statusCode, `${r.url}: ${res.body}`).toBe(403);
      expect(res.json().error.code, r.url).toBe(ACCESS_REASON_REQUIRED);
    }
    await env.owner.query(`update roles set permissions = $1 where code = 'leader'`, [before]);
  });

  it('opens a child assigned to the leader without a grant', async () => {
    const leaderId = (await env.owner.query(`select id from users where username = 'leader'`)).rows[0].id;
    const c = (await env.owner.query(`select street_code, committee_id from children where id = $1`, [other])).rows[0];
    await env.owner.query(`insert into child_assignments (child_id, user_id, street_code, committee_id) values ($1, $2, $3, $4)`, [
      other,
      leaderId,
      c.street_code,
      c.committee_id,
    ]);
    expect((await leader.get(`/api/children/${other}`)).statusCode).toBe(200);
    await env.owner.query(`delete from child_assignments where child_id = $1 and user_id = $2`, [other, leaderId]);
    expect((await leader.get(`/api/children/${other}`)).statusCode).toBe(403);
  });
});

describe('a grant with a reason', () => {
  it('refuses a short reason or control characters, in Chinese', async () => {
    let res = await leader.post('/api/access/grants', { childId: child, reason: '看看' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0].message).toContain('至少 5 个字');
    res = await leader.post('/api/access/grants', { childId: child, reason: '督办核查\u0007个案情况' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0].message).toContain('控制字符');
    res = await leader.post('/api/access/grants', { childId: child, reason: '理由'.repeat(251) });
    expect(res.statusCode).toBe(400);
  });

  it('opens the file for the grant hours, audited with its reason, and raised to the auditors', async () => {
    const res = await leader.post('/api/access/grants', { childId: child, reason: '督办核查个案情况' });
    expect(res.statusCode, res.body).toBe(201);
    const g = res.json();
    expect(g).toMatchObject({ childId: child, kind: 'outside_assignment', state: 'active', username: 'leader' });
    expect(new Date(g.expiresAt).getTime() - new Date(g.grantedAt).getTime()).toBe(4 * HOUR);
    const audit = await env.owner.query(`select reason from audit_log where action = 'access.grant' and entity_id = $1 and outcome = 'success'`, [child]);
    expect(audit.rows.map((r) => r.reason)).toContain('督办核查个案情况');
    const alert = await env.owner.query(`select severity, entity_id, detail from security_alerts where kind = 'access.break-glass' and entity_id = $1`, [g.id]);
    expect(alert.rows[0]).toMatchObject({ severity: 'warning' });
    expect(JSON.stringify(alert.rows[0].detail)).not.toContain('督办核查'); // the reason is not copied into notifications
    const note = await env.owner.query(
      `select 1 from notifications n join users u on u.id = n.user_id where u.username = 'auditor' and n.kind = 'access.break-glass' and n.entity_id = $1`,
      [g.id],
    );
    expect(note.rowCount).toBe(1);

    expect((await leader.get(`/api/children/${child}`)).statusCode).toBe(200);
    expect((await leader.get(`/api/children/${child}/history`)).statusCode).toBe(200);
    expect((await leader.get(`/api/children/${other}`)).statusCode).toBe(403); // one child only
    const mine = await leader.get(`/api/access/children/${child}/grant`);
    expect(mine.json().grant.id).toBe(g.id);
    // asking again while it is open returns the same grant (no second alert)
    const again = await leader.post('/api/access/grants', { childId: child, reason: '再次查看个案情况' });
    expect(again.json().id).toBe(g.id);
  });

  it('opens nothing once expired', async () => {
    env.clock.advance(4 * HOUR + 60_000);
    await reLogin();
    expect((await leader.get(`/api/children/${child}`)).statusCode).toBe(403);
    const list = await leader.get('/api/access/grants?state=closed');
    expect(list.json().items[0]).toMatchObject({ childId: child, state: 'expired' });
  });

  it('may be ended early by its holder, or by the audit administrator', async () => {
    const g = (await leader.post('/api/access/grants', { childId: child, reason: '督办核查个案情况' })).json();
    expect((await leader.get(`/api/children/${child}`)).statusCode).toBe(200);
    expect((await leader.post(`/api/access/grants/${g.id}/end`, {})).statusCode).toBe(200);
    expect((await leader.get(`/api/children/${child}`)).statusCode).toBe(403);
    expect((await leader.post(`/api/access/grants/${g.id}/end`, {})).statusCode).toBe(409);

    const h = (await leader.post('/api/access/grants', { childId: child, reason: '再次核查个案情况' })).json();
    const all = await auditor.get('/api/access/grants?state=active');
    expect(all.statusCode).toBe(200);
    expect(all.json().items.map((x: { id: string }) => x.id)).toContain(h.id);
    const ended = await auditor.post(`/api/access/grants/${h.id}/end`, { reason: '核实后结束' });
    expect(ended.statusCode, ended.body).toBe(200);
    expect(ended.json()).toMatchObject({ state: 'ended', endedBy: 'auditor', endReason: '核实后结束' });
    expect((await leader.get(`/api/children/${child}`)).statusCode).toBe(403);
    // another user neither sees nor ends someone's grant
    expect((await district.post(`/api/access/grants/${h.id}/end`, {})).statusCode).toBe(404);
    const audit = await env.owner.query(`select count(*)::int as n from audit_log where action = 'access.grant.end'`);
    expect(audit.rows[0].n).toBe(2);
  });
});

describe('emergency access for a department (紧急查阅)', () => {
  it('answers an unknown or closed number with the same 404, and audits the attempt', async () => {
    const unknown = await edu.post('/api/access/emergency', { idNumber: '110101200001011237', reason: '夜间派出所紧急核查' });
    expect(unknown.statusCode).toBe(404);
    if (closedNumber) {
      const closed = await edu.post('/api/access/emergency', { idNumber: closedNumber, reason: '夜间派出所紧急核查' });
      expect(closed.statusCode).toBe(404);
      expect(closed.json().error.message).toBe(unknown.json().error.message);
    }
    const audit = await env.owner.query(`select 1 from audit_log where action = 'access.grant' and outcome = 'denied' and username = 'edu'`);
    expect(audit.rowCount).toBeGreaterThan(0);
    // the department reaches no child file directly
    expect((await edu.get(`/api/children/${child}`)).statusCode).toBe(403);
    expect((await edu.get(`/api/access/emergency/${child}`)).statusCode).toBe(404);
    // nor may anyone without the permission ask
    expect((await district.post('/api/access/emergency', { idNumber: childNumber, reason: '夜间紧急核查情况' })).statusCode).toBe(403);
  });

  it('opens the child read-only for the emergency hours, with a critical alert', async () => {
    const res = await edu.post('/api/access/emergency', { idNumber: childNumber, reason: '夜间派出所紧急核查' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().childId).toBe(child);
    const alert = await env.owner.query(`select severity from security_alerts where kind = 'access.break-glass' and entity_id = $1`, [res.json().grant.id]);
    expect(alert.rows[0].severity).toBe('critical');
    const view = await edu.get(`/api/access/emergency/${child}`);
    expect(view.statusCode, view.body).toBe(200);
    expect(view.json().identity.id).toBe(child);
    expect(Array.isArray(view.json().family)).toBe(true);
    expect(view.json().identity.idNumberMasked).not.toBe(childNumber);
    const audit = await env.owner.query(`select 1 from audit_log where action = 'access.grant.view' and entity_id = $1 and username = 'edu'`, [child]);
    expect(audit.rowCount).toBe(1);
    // still no write and no other child
    expect((await edu.get(`/api/access/emergency/${other}`)).statusCode).toBe(404);
    expect((await edu.patch(`/api/children/${child}`, { version: 1, schoolName: 'x' })).statusCode).toBe(403);

    env.clock.advance(4 * HOUR + 60_000);
    await reLogin();
    expect((await edu.get(`/api/access/emergency/${child}`)).statusCode).toBe(404);
  });
});

describe('the audit administrator and the settings', () => {
  it('lists the security events, open first, and acknowledges one with a note (audited, once)', async () => {
    expect((await district.get('/api/audit/alerts')).statusCode).toBe(403);
    const list = await auditor.get('/api/audit/alerts?kind=access.break-glass&state=open');
    expect(list.statusCode, list.body).toBe(200);
    const body = list.json();
    expect(body.items.length).toBeGreaterThanOrEqual(3);
    expect(body.open).toBeGreaterThanOrEqual(3);
    const first = body.items[0];
    let res = await auditor.post(`/api/audit/alerts/${first.id}/acknowledge`, { note: '' });
    expect(res.statusCode).toBe(400);
    res = await auditor.post(`/api/audit/alerts/${first.id}/acknowledge`, { note: '已电话核实，属督办工作需要' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ acknowledgedBy: 'auditor', ackNote: '已电话核实，属督办工作需要' });
    expect((await auditor.post(`/api/audit/alerts/${first.id}/acknowledge`, { note: '再次处理' })).statusCode).toBe(409);
    const audit = await env.owner.query(`select reason from audit_log where action = 'audit.alert.acknowledge' and entity_id = $1`, [first.id]);
    expect(audit.rows[0].reason).toBe('已电话核实，属督办工作需要');
    const acked = await auditor.get('/api/audit/alerts?state=acknowledged');
    expect(acked.json().items.map((a: { id: string }) => a.id)).toContain(first.id);
    expect((await leader.post(`/api/audit/alerts/${first.id}/acknowledge`, { note: '越权处理' })).statusCode).toBe(403);
  });

  it('district civil affairs sets the hours and thresholds, validated; others may not', async () => {
    const cur = (await district.get('/api/access/settings')).json();
    expect(cur).toMatchObject({ grantHours: 4, emergencyHours: 4, bulkViewFiles: 200, bulkViewMinutes: 10, unusualFiles: 30 });
    let res = await district.put('/api/access/settings', { ...cur, grantHours: 0 });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0].message).toContain('至少 1 小时');
    expect((await leader.put('/api/access/settings', { ...cur, grantHours: 2 })).statusCode).toBe(403);
    res = await district.put('/api/access/settings', { ...cur, grantHours: 2 });
    expect(res.statusCode, res.body).toBe(200);
    const g = (await leader.post('/api/access/grants', { childId: other, reason: '督办核查个案情况' })).json();
    expect(new Date(g.expiresAt).getTime() - new Date(g.grantedAt).getTime()).toBe(2 * HOUR);
    await district.put('/api/access/settings', cur);
  });
});
