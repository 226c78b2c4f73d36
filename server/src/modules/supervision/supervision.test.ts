/**
 * 督办 on a real PostgreSQL: the plan loaded from its file, who sees and reports which tasks, the
 * report workflow (draft → submit → return → resubmit → accept) with evidence, bad input that
 * changes nothing, deadlines and reminders.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadPlanFile, expandUnits } from './plan/planFile.js';
import { sendReportReminders } from './scheduler.js';
import { tinyPng } from '../files/testFixtures.js';
import { testEnv, type TestEnv } from '../../../test/harness.js';

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
});
afterAll(async () => {
  await env?.close();
});
// 2026-11-29 10:00 Shanghai: the running quarter is 2026Q4; 2026Q3 was due on 2026-10-10.
beforeEach(() => {
  env.clock.now = Date.parse('2026-11-29T02:00:00Z');
});

const plan = loadPlanFile();
const STREET_UNITS = [
  'dinghai',
  'pingliang',
  'jiangpu',
  'siping',
  'kongjiang',
  'changbai',
  'yanji',
  'yinhang',
  'daqiao',
  'wujiaochang',
  'xinjiangwan',
  'changhai',
].map((s) => `street-${s}`);
const b64 = (b: Buffer) => b.toString('base64');

async function taskId(no: number): Promise<string> {
  return (await env.owner.query<{ id: string }>(`select id from plan_tasks where plan_id = 'yangpu-2024-2026' and no = $1`, [no])).rows[0]!.id;
}
const draft = (task: string, period: string, extra: Record<string, unknown> = {}) => ({
  taskId: task,
  period,
  progress: 'in-progress',
  done: '已为 120 名困境儿童配备成长导师。',
  figures: '导师 118 人',
  problems: '个别学校师资紧张',
  nextSteps: '下季度补齐',
  ...extra,
});
const count = async (sql: string, args: unknown[] = []) => (await env.owner.query<{ n: number }>(`select count(*)::int as n from ${sql}`, args)).rows[0]!.n;

describe('the plan as data', () => {
  it('loads the 41 tasks of the file with their units (各街道 → the 12 street offices) and the first unit as lead', async () => {
    const district = await env.login('district');
    const res = await district.get('/api/plan/tasks');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.plan).toMatchObject({ id: 'yangpu-2024-2026', periodFrom: 2024, periodTo: 2026, cadence: 'quarter', taskCount: 41 });
    expect(body.actions.map((a: { name: string }) => a.name)).toEqual(plan.actions.map((a) => a.name.zh));
    expect(body.tasks).toHaveLength(41);
    const streets = (await env.owner.query<{ code: string }>(`select code from units where kind = 'street' order by sort, code`)).rows.map((r) => r.code);
    expect([...streets].sort()).toEqual([...STREET_UNITS].sort());
    for (const t of plan.tasks) {
      const got = body.tasks.find((x: { no: number }) => x.no === t.no);
      expect(got.text).toBe(t.text);
      expect(got.action).toBe(t.action);
      expect(got.units.map((u: { code: string }) => u.code)).toEqual(expandUnits(t.units, streets));
      expect(got.leadUnit).toBe(t.units[0]);
      expect(got.units.filter((u: { lead: boolean }) => u.lead).map((u: { code: string }) => u.code)).toEqual([t.units[0]]);
    }
    // Task 4 (全员导师制) is the education bureau's alone, with its targets linked to indicators.
    const t4 = body.tasks.find((x: { no: number }) => x.no === 4);
    expect(t4.units.map((u: { name: string }) => u.name)).toEqual(['区教育局']);
    expect(t4.targets.map((g: { indicator: string }) => g.indicator).sort()).toEqual(['mentors.buddy', 'mentors.mentor']);
    expect(t4.indicators).toEqual(expect.arrayContaining(['mentors.mentor', 'mentors.buddy']));
  });

  it('shows a unit only its own tasks; civil-affairs and leaders all; a child director nothing', async () => {
    const mine = (unit: string) => plan.tasks.filter((t) => (t.units as string[]).includes(unit)).map((t) => t.no);
    const edu = (await (await env.login('edu')).get('/api/plan/tasks')).json();
    expect(edu.mineOnly).toBe(true);
    expect(edu.tasks.map((t: { no: number }) => t.no)).toEqual(mine('education'));
    const street = (await (await env.login('street-dinghai')).get('/api/plan/tasks?mine=false')).json();
    expect(street.tasks.map((t: { no: number }) => t.no)).toEqual(mine('all-streets'));
    expect((await (await env.login('leader')).get('/api/plan/tasks')).json().tasks).toHaveLength(41);
    expect((await (await env.login('director-dinghai')).get('/api/plan/tasks')).statusCode).toBe(403);
  });

  it('lets plan.manage edit a task (audited, 409 on a stale version) and refuses it to others', async () => {
    const district = await env.login('district');
    const t = (await district.get('/api/plan/tasks')).json().tasks.find((x: { no: number }) => x.no === 22);
    const body = { summary: t.summary, text: t.text, action: t.action, units: ['disabled-federation', 'health'], leadUnit: 'health', version: t.version };
    expect((await (await env.login('edu')).put(`/api/plan/tasks/${t.id}`, body)).statusCode).toBe(403);
    const bad = await district.put(`/api/plan/tasks/${t.id}`, { ...body, leadUnit: 'education' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].message).toContain('牵头单位必须是责任单位之一');
    const ok = await district.put(`/api/plan/tasks/${t.id}`, body);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ leadUnit: 'health', version: t.version + 1 });
    expect((await district.put(`/api/plan/tasks/${t.id}`, body)).statusCode).toBe(409);
    const audit = (await env.owner.query(`select summary from audit_log where action = 'plan.task.update' order by id desc limit 1`)).rows[0];
    expect(audit.summary.before.leadUnit).toBe('disabled-federation');
    expect(audit.summary.after.leadUnit).toBe('health');
  });

  it('adds a plan beside the current one, copying its tasks', async () => {
    const district = await env.login('district');
    const res = await district.post('/api/plans', {
      id: 'yangpu-2027-2029',
      name: '杨浦区困境儿童关爱服务三年行动（2027-2029年）',
      periodFrom: 2027,
      periodTo: 2029,
      copyFrom: 'yangpu-2024-2026',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: 'yangpu-2027-2029', taskCount: 41 });
    expect((await district.post('/api/plans', { id: 'yangpu-2027-2029', name: '重复的方案', periodFrom: 2027, periodTo: 2029 })).statusCode).toBe(409);
    // Today (2026) the current plan is still the 2024-2026 one.
    expect((await district.get('/api/plan/tasks')).json().plan.id).toBe('yangpu-2024-2026');
    expect((await district.get('/api/plan/tasks?plan=yangpu-2027-2029')).json().tasks).toHaveLength(41);
  });
});

describe('progress reports', () => {
  it('goes draft → submitted → returned → resubmitted → accepted, with notifications, history and audit', async () => {
    const edu = await env.login('edu');
    const district = await env.login('district');
    const t4 = await taskId(4);
    const saved = await edu.put('/api/plan/reports', draft(t4, '2026Q4'));
    expect(saved.statusCode).toBe(200);
    const r = saved.json();
    expect(r).toMatchObject({ state: 'draft', unitCode: 'education', taskNo: 4, dueOn: '2027-01-10', canEdit: true, canReview: false });
    // A draft is the unit's own: civil-affairs sees it, another unit does not.
    expect((await (await env.login('street-pingliang')).get(`/api/plan/reports/${r.id}`)).statusCode).toBe(404);

    const submitted = await edu.post(`/api/plan/reports/${r.id}/submit`, { version: r.version });
    expect(submitted.statusCode).toBe(200);
    expect(submitted.json()).toMatchObject({ state: 'submitted', canEdit: false, late: false });
    expect((await edu.put('/api/plan/reports', draft(t4, '2026Q4'))).statusCode).toBe(409);
    expect((await edu.post(`/api/plan/reports/${r.id}/review`, { decision: 'accept', version: submitted.json().version })).statusCode).toBe(403);

    const queue = (await district.get('/api/plan/reports?toReview=true')).json();
    expect(queue.items.map((x: { id: string }) => x.id)).toContain(r.id);
    const note = (
      await env.owner.query(`select n.title from notifications n join users u on u.id = n.user_id where u.username = 'district' and n.entity_id = $1`, [r.id])
    ).rows;
    expect(note[0].title).toContain('第 4 项任务');

    const noReason = await district.post(`/api/plan/reports/${r.id}/review`, { decision: 'return', comment: '', version: submitted.json().version });
    expect(noReason.statusCode).toBe(400);
    expect(JSON.stringify(noReason.json())).toContain('退回时请填写退回理由');
    const returned = await district.post(`/api/plan/reports/${r.id}/review`, {
      decision: 'return',
      comment: '请补充导师配备的学校名单',
      version: submitted.json().version,
    });
    expect(returned.json()).toMatchObject({ state: 'returned', reviewComment: '请补充导师配备的学校名单' });
    expect(
      (await env.owner.query(`select body from notifications n join users u on u.id = n.user_id where u.username = 'edu' and n.entity_id = $1`, [r.id])).rows[0]
        .body,
    ).toContain('请补充导师配备的学校名单');

    const edited = (await edu.put('/api/plan/reports', draft(t4, '2026Q4', { figures: '导师 120 人，名单见附件', version: returned.json().version }))).json();
    expect(edited.state).toBe('returned');
    const again = (await edu.post(`/api/plan/reports/${r.id}/submit`, { version: edited.version })).json();
    const accepted = (await district.post(`/api/plan/reports/${r.id}/review`, { decision: 'accept', version: again.version })).json();
    expect(accepted).toMatchObject({ state: 'accepted', figures: '导师 120 人，名单见附件', reviewedByName: '王敏' });
    expect(accepted.history.map((h: { action: string }) => h.action)).toEqual(['created', 'submitted', 'returned', 'saved', 'resubmitted', 'accepted']);
    const actions = (await env.owner.query(`select action from audit_log where entity = 'plan_report' and entity_id = $1 order by id`, [r.id])).rows.map(
      (x) => x.action,
    );
    expect(actions).toEqual(['plan.report.save', 'plan.report.submit', 'plan.report.return', 'plan.report.save', 'plan.report.submit', 'plan.report.accept']);
  });

  it("lets the lead unit review a co-unit's report on its task, and nobody else", async () => {
    // Task 1: lead 区教育局, co-units 团区委 and every street office.
    const street = await env.login('street-dinghai');
    const r = (await street.put('/api/plan/reports', draft(await taskId(1), '2026Q4', { progress: 'done' }))).json();
    const sub = (await street.post(`/api/plan/reports/${r.id}/submit`, { version: r.version })).json();
    const edu = await env.login('edu');
    expect((await edu.get('/api/plan/reports?toReview=true')).json().items.map((x: { id: string }) => x.id)).toContain(r.id);
    expect(
      (await (await env.login('street-pingliang')).post(`/api/plan/reports/${r.id}/review`, { decision: 'accept', version: sub.version })).statusCode,
    ).toBe(404);
    expect((await edu.post(`/api/plan/reports/${r.id}/review`, { decision: 'accept', version: sub.version })).json().state).toBe('accepted');
  });

  it('refuses a task the unit is not responsible for, an unopened or malformed period, writing nothing', async () => {
    const edu = await env.login('edu');
    const before = await count('plan_reports');
    // Task 14: 区公安分局、区检察院、区法院.
    const notMine = await edu.put('/api/plan/reports', draft(await taskId(14), '2026Q4'));
    expect(notMine.statusCode).toBe(400);
    expect(notMine.json().error.fields[0].message).toContain('区教育局不是第 14 项任务的责任单位');
    env.clock.now = Date.parse('2026-09-15T02:00:00Z');
    const edu2 = await env.login('edu');
    const notOpen = await edu2.put('/api/plan/reports', draft(await taskId(24), '2026Q4'));
    expect(notOpen.statusCode).toBe(400); // a quarter cannot be reported before it starts
    expect(notOpen.json().error.fields[0].message).toBe('2026年第四季度尚未开始，2026-10-01 起才能填报');
    const malformed = await edu2.put('/api/plan/reports', draft(await taskId(24), '2026-13'));
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.fields[0].message).toContain('本方案按季度报送');
    const outside = await edu2.put('/api/plan/reports', draft(await taskId(24), '2023Q4'));
    expect(outside.json().error.fields[0].message).toContain('不在本方案的实施期');
    expect(await count('plan_reports')).toBe(before);
  });

  it('takes evidence checked by content, serves it only to those who may see the report, and keeps it once submitted', async () => {
    const edu = await env.login('edu');
    const r = (await edu.put('/api/plan/reports', draft(await taskId(24), '2026Q4'))).json();
    const png = await edu.post(`/api/plan/reports/${r.id}/evidence`, { filename: '减免名单.png', contentBase64: b64(tinyPng()) });
    expect(png.statusCode).toBe(200);
    expect(png.json()).toMatchObject({ mime: 'image/png', deletable: true });
    const before = await count('plan_evidence');
    const fake = await edu.post(`/api/plan/reports/${r.id}/evidence`, { filename: '名单.pdf', contentBase64: b64(Buffer.from('#!/bin/sh\necho not a pdf\n')) });
    expect(fake.statusCode).toBe(400);
    expect(fake.json().error.message).toContain('文件内容不是 PDF');
    expect(await count('plan_evidence')).toBe(before);
    const tooBig = await edu.post(`/api/plan/reports/${r.id}/evidence`, {
      filename: 'big.pdf',
      contentBase64: b64(Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(10.2 * 1024 * 1024)])),
    });
    expect(tooBig.statusCode).toBe(400);
    expect(await count('plan_evidence')).toBe(before);

    const id = png.json().id;
    expect((await (await env.login('street-pingliang')).get(`/api/plan/evidence/${id}`)).statusCode).toBe(404);
    const byLeader = await (await env.login('leader')).get(`/api/plan/evidence/${id}`);
    expect(byLeader.statusCode).toBe(200);
    expect(byLeader.headers['content-disposition']).toContain('attachment');
    expect(byLeader.rawPayload.subarray(0, 8)).toEqual(tinyPng().subarray(0, 8));

    const sub = (await edu.post(`/api/plan/reports/${r.id}/submit`, { version: r.version })).json();
    expect(sub.evidence).toHaveLength(1);
    expect((await edu.delete(`/api/plan/evidence/${id}`)).statusCode).toBe(409);
    expect((await edu.post(`/api/plan/reports/${r.id}/evidence`, { filename: 'x.png', contentBase64: b64(tinyPng()) })).statusCode).toBe(409);
  });
});

describe('deadlines and reminders', () => {
  it('reminds units 7 days before the due date and after it, once each, and lists overdue reports', async () => {
    const notes = async (user: string, kind: string) =>
      count(`notifications n join users u on u.id = n.user_id where u.username = $1 and n.kind = $2`, [user, kind]);
    // 2026-10-05: 2026Q3 is due on 2026-10-10 → the "before" reminder.
    expect(await sendReportReminders(env.deps, '2026-10-05')).toBeGreaterThan(0);
    expect(await notes('edu', 'plan.report.due')).toBe(1);
    await sendReportReminders(env.deps, '2026-10-06');
    expect(await notes('edu', 'plan.report.due')).toBe(1);

    // The street office of Pingliang hands in every Q3 report on time; the education bureau does not.
    env.clock.now = Date.parse('2026-10-08T02:00:00Z');
    const street = await env.login('street-pingliang');
    const ws = (await street.get('/api/plan/workspace?period=2026Q3')).json();
    expect(ws.items.length).toBe(plan.tasks.filter((t) => (t.units as string[]).includes('all-streets')).length);
    for (const item of ws.items) {
      const r = (await street.put('/api/plan/reports', draft(item.task.id, '2026Q3'))).json();
      expect((await street.post(`/api/plan/reports/${r.id}/submit`, { version: r.version })).statusCode).toBe(200);
    }
    await sendReportReminders(env.deps, '2026-10-11');
    expect(await notes('edu', 'plan.report.overdue')).toBe(1);
    expect(await notes('street-pingliang', 'plan.report.overdue')).toBe(0);
    expect(await notes('street-dinghai', 'plan.report.overdue')).toBe(1);

    env.clock.now = Date.parse('2026-11-29T02:00:00Z');
    const overdue = (await (await env.login('district')).get('/api/plan/overdue?period=2026Q3')).json();
    const units = new Set(overdue.items.map((i: { unitCode: string }) => i.unitCode));
    expect(units.has('education')).toBe(true);
    expect(units.has('street-pingliang')).toBe(false);
    const eduWs = (await (await env.login('edu')).get('/api/plan/workspace?period=2026Q3')).json();
    expect(eduWs.items.every((i: { overdue: boolean }) => i.overdue)).toBe(true);
  });
});
