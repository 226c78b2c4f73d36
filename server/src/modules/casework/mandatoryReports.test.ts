/**
 * 强制报告 (未成年人保护法 第十一条): a serious safety problem raises the duty; it stays on the
 * street's pending list until recorded as reported (when, to whom, how) or not, with a reason.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEnv, type Agent, type TestEnv } from '../../../test/harness.js';

let env: TestEnv;
let director: Agent;
let dinghai: Agent;
let pingliang: Agent;
let child: { id: string; name: string };

beforeAll(async () => {
  env = await testEnv();
  director = await env.login('director-dinghai');
  dinghai = await env.login('street-dinghai');
  pingliang = await env.login('street-pingliang');
  child = (
    await env.owner.query(`select c.id, c.name from children c join committees m on m.id = c.committee_id where m.code = 'dinghai-01' order by c.id limit 1`)
  ).rows[0];
});
afterAll(async () => {
  await env?.close();
});

const raise = async (body: Record<string, unknown> = {}) => {
  const res = await director.post('/api/problems', {
    childId: child.id,
    description: '儿童手臂有多处淤青，疑似遭受家庭暴力',
    category: 'safety',
    severity: 'high',
    ...body,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string };
};
const dutyOf = async (agent: Agent, problemId: string) => (await agent.get(`/api/mandatory-reports?status=all&problemId=${problemId}`)).json().items[0];

describe('the mandatory-report duty', () => {
  it('is raised by a serious safety problem only, audited, and listed for the street and the committee', async () => {
    const p = await raise();
    const other = await director.post('/api/problems', { childId: child.id, description: '家中取暖设施损坏', category: 'living', severity: 'high' });
    const mild = await director.post('/api/problems', { childId: child.id, description: '上学路上无人接送', category: 'safety', severity: 'medium' });
    const pending = (await dinghai.get('/api/mandatory-reports')).json().items;
    expect(pending.map((r: { problemId: string }) => r.problemId)).toContain(p.id);
    expect(pending.map((r: { problemId: string }) => r.problemId)).not.toContain(other.json().id);
    expect(pending.map((r: { problemId: string }) => r.problemId)).not.toContain(mild.json().id);
    const duty = await dutyOf(director, p.id);
    expect(duty).toMatchObject({ status: 'pending', childName: child.name, problemDescription: '儿童手臂有多处淤青，疑似遭受家庭暴力', recipients: [] });
    const audit = (await env.owner.query(`select username from audit_log where action = 'mandatory_report.raise' and entity_id = $1`, [duty.id])).rows;
    expect(audit).toEqual([{ username: 'director-dinghai' }]);
    // the problem's timeline names the person, not the login
    const name = (await env.owner.query(`select display_name from users where username = 'director-dinghai'`)).rows[0].display_name;
    const events = (await director.get(`/api/problems/${p.id}`)).json().events;
    expect(events[0]).toMatchObject({ username: 'director-dinghai', userDisplayName: name });
    // another street neither lists nor reaches it
    expect((await pingliang.get('/api/mandatory-reports?status=all')).json().items.map((r: { id: string }) => r.id)).not.toContain(duty.id);
    expect((await pingliang.post(`/api/mandatory-reports/${duty.id}/record`, { outcome: 'not_reported', reason: '试图越权记录', version: 1 })).statusCode).toBe(
      404,
    );
  });

  it('is recorded as reported with when, to whom and how; it then leaves the pending list', async () => {
    const p = await raise();
    const duty = await dutyOf(director, p.id);
    const noWho = await director.post(`/api/mandatory-reports/${duty.id}/record`, {
      outcome: 'reported',
      reportedAt: new Date(env.clock.now - 3_600_000).toISOString(),
      recipients: [],
      method: 'phone',
      version: 1,
    });
    expect(noWho.statusCode).toBe(400);
    expect(noWho.json().error.fields[0]).toMatchObject({ path: 'recipients', message: '请选择报告对象（至少公安机关或民政部门之一）' });
    const future = await director.post(`/api/mandatory-reports/${duty.id}/record`, {
      outcome: 'reported',
      reportedAt: new Date(env.clock.now + 86_400_000).toISOString(),
      recipients: ['police'],
      method: 'phone',
      version: 1,
    });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.message).toBe('报告时间不能晚于现在');
    const at = new Date(env.clock.now - 3_600_000).toISOString();
    const ok = await director.post(`/api/mandatory-reports/${duty.id}/record`, {
      outcome: 'reported',
      reportedAt: at,
      recipients: ['police', 'civil_affairs'],
      method: 'phone',
      note: '110 接警，民警已上门',
      version: 1,
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({
      status: 'reported',
      reportedAt: at,
      recipients: ['police', 'civil_affairs'],
      method: 'phone',
      note: '110 接警，民警已上门',
      version: 2,
    });
    expect(ok.json().recordedBy).not.toBe('director-dinghai'); // the person's name, not the login
    expect((await dinghai.get('/api/mandatory-reports')).json().items.map((r: { id: string }) => r.id)).not.toContain(duty.id);
    const audit = (await env.owner.query(`select summary from audit_log where action = 'mandatory_report.record' and entity_id = $1`, [duty.id])).rows[0];
    expect(audit.summary).toMatchObject({ outcome: 'reported', recipients: ['police', 'civil_affairs'], method: 'phone' });
    // a stale version is refused
    expect((await director.post(`/api/mandatory-reports/${duty.id}/record`, { outcome: 'not_reported', reason: '重复记录测试', version: 1 })).statusCode).toBe(
      409,
    );
  });

  it('not reported needs a reason (audited); without one nothing changes', async () => {
    const p = await raise({ description: '儿童独自在家被烫伤，已就医' });
    const duty = await dutyOf(dinghai, p.id);
    const bad = await dinghai.post(`/api/mandatory-reports/${duty.id}/record`, { outcome: 'not_reported', version: 1 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0]).toMatchObject({ path: 'reason', message: '请说明未报告的原因' });
    expect((await dutyOf(dinghai, p.id)).status).toBe('pending');
    const ok = await dinghai.post(`/api/mandatory-reports/${duty.id}/record`, {
      outcome: 'not_reported',
      reason: '经核实为意外烫伤，医院已排除侵害',
      version: 1,
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'not_reported', notReportedReason: '经核实为意外烫伤，医院已排除侵害' });
    const audit = (await env.owner.query(`select reason from audit_log where action = 'mandatory_report.record' and entity_id = $1`, [duty.id])).rows[0];
    expect(audit.reason).toBe('经核实为意外烫伤，医院已排除侵害');
  });

  it('a serious safety problem found on a visit raises it too', async () => {
    const visit = await director.post('/api/visits', {
      childId: child.id,
      visitedOn: new Date(env.clock.now + 8 * 3_600_000).toISOString().slice(0, 10),
      kind: 'home',
      peopleMet: '祖母',
      checklist: ['living', 'safety', 'health', 'schooling', 'guardianship', 'psychology', 'policy'].map((code) => ({ code, status: 'ok' })),
      findings: '发现儿童脸部有伤。',
      submit: true,
      problems: [{ description: '脸部有新伤，疑似被打', category: 'safety', severity: 'high' }],
    });
    expect(visit.statusCode, visit.body).toBe(201);
    const items = (await director.get(`/api/mandatory-reports?childId=${child.id}`)).json().items;
    expect(items.map((r: { problemDescription: string }) => r.problemDescription)).toContain('脸部有新伤，疑似被打');
  });
});
