/**
 * 返家监护监督与临时照料 against PostgreSQL: the street assigns a child director as 监护监督员, who
 * then records the follow-up (summary depth otherwise); the next one is scheduled; concerns open a
 * problem; overdue lists for the street (its area) and the procuratorate (masked, audited); the
 * roles that must not see; placements with one open per child (Chinese 409); versions; bad input.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, shanghaiDate } from '#common/dates.js';
import { testEnv, type Agent, type TestEnv } from '../../../test/harness.js';

let env: TestEnv;
let street: Agent;
let director: Agent;
let procurator: Agent;
let edu: Agent;
let pingliang: Agent;
let district: Agent;
let child: { id: string; name: string };
let directorId: string;
let today: string;

beforeAll(async () => {
  env = await testEnv();
  street = await env.login('street-dinghai');
  director = await env.login('director-dinghai');
  procurator = await env.login('procurator');
  edu = await env.login('edu');
  pingliang = await env.login('street-pingliang');
  district = await env.login('district');
  today = shanghaiDate(env.clock.now);
  child = (
    await env.owner.query(
      `select c.id, c.name from children c join committees cm on cm.id = c.committee_id
        where cm.code = 'dinghai-01' and c.status = 'active' order by c.id limit 1`,
    )
  ).rows[0];
  directorId = (await env.owner.query(`select id from users where username = 'director-dinghai'`)).rows[0].id;
});
afterAll(async () => {
  await env?.close();
});

const auditCount = async (action: string) => Number((await env.owner.query('select count(*) from audit_log where action = $1', [action])).rows[0].count);

describe('supervision of a child returned home', () => {
  let supId: string;

  it('refuses bad input in Chinese and writes nothing', async () => {
    const bad = await street.post('/api/aftercare/supervisions', { childId: child.id, returnedOn: '2026-02-30' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toMatch(/日期不存在|监督员/);
    const noPhone = await street.post('/api/aftercare/supervisions', { childId: child.id, returnedOn: addDays(today, -40), supervisorName: '王阿姨' });
    expect(noPhone.statusCode).toBe(400);
    expect(noPhone.body).toMatch(/联系电话/);
    const future = await street.post('/api/aftercare/supervisions', { childId: child.id, returnedOn: addDays(today, 3), supervisorUserId: directorId });
    expect(future.statusCode).toBe(400);
    expect(future.body).toMatch(/不能晚于今天/);
    expect(Number((await env.owner.query('select count(*) from guardianship_supervisions where child_id = $1', [child.id])).rows[0].count)).toBe(0);
  });

  it('a child director has no right to assign, and sees only the summary before being assigned', async () => {
    const res = await director.post('/api/aftercare/supervisions', { childId: child.id, returnedOn: addDays(today, -40), supervisorUserId: directorId });
    expect(res.statusCode).toBe(403);
    const view = await director.get(`/api/aftercare/children/${child.id}`);
    expect(view.statusCode, view.body).toBe(200);
    expect(view.json()).toMatchObject({ depth: 'summary', supervisions: [], canWrite: false });
  });

  it('the street assigns the child director from the candidates; the first follow-up is due 30 days after the return', async () => {
    const cands = await street.get(`/api/aftercare/children/${child.id}/supervisor-candidates`);
    expect(cands.statusCode, cands.body).toBe(200);
    expect(cands.json().items.map((c: { id: string }) => c.id)).toContain(directorId);
    // a user of another street is refused
    const other = (await env.owner.query(`select id from users where username = 'street-pingliang'`)).rows[0].id;
    const wrong = await street.post('/api/aftercare/supervisions', { childId: child.id, returnedOn: addDays(today, -40), supervisorUserId: other });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toMatch(/不属于这名儿童所在的街道或居民区/);

    const res = await street.post('/api/aftercare/supervisions', {
      childId: child.id,
      returnedOn: addDays(today, -40),
      supervisorUserId: directorId,
      note: '父亲刑满释放后返家',
    });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body.depth).toBe('full');
    const s = body.supervisions[0];
    supId = s.id;
    expect(s).toMatchObject({
      supervisorUserId: directorId,
      supervisorName: '张丽华',
      intervalDays: 30,
      firstPeriodDays: 90,
      laterIntervalDays: 60,
      canManage: true,
    });
    expect(s.followups).toHaveLength(1);
    expect(s.followups[0]).toMatchObject({ dueOn: addDays(today, -10), doneOn: null, daysOverdue: 10 });
    // one open supervision per child
    const again = await street.post('/api/aftercare/supervisions', {
      childId: child.id,
      returnedOn: addDays(today, -5),
      supervisorName: '王阿姨',
      supervisorPhone: '13800001111',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toMatch(/已有进行中的返家监护监督/);
    // the director is told
    expect(
      Number(
        (await env.owner.query(`select count(*) from notifications where user_id = $1 and kind = 'guardianship.supervisor.assigned'`, [directorId])).rows[0]
          .count,
      ),
    ).toBe(1);
  });

  it('the overdue follow-up is on the street list and, masked, on the procuratorate list; each call audited', async () => {
    const list = await street.get('/api/aftercare/followups/overdue');
    expect(list.statusCode, list.body).toBe(200);
    const row = list.json().items.find((i: { childId: string }) => i.childId === child.id);
    expect(row).toMatchObject({ childName: child.name, supervisorName: '张丽华', daysOverdue: 10 });
    // another street does not see it
    expect((await pingliang.get('/api/aftercare/followups/overdue')).json().items.some((i: { childId: string }) => i.childId === child.id)).toBe(false);

    const before = await auditCount('guardianship.followups.oversight.view');
    const masked = await procurator.get('/api/aftercare/followups/oversight');
    expect(masked.statusCode, masked.body).toBe(200);
    const m = masked.json().items.find((i: { followupId: string }) => i.followupId === row.followupId);
    expect(m).toBeDefined();
    expect(m.childMasked).not.toBe(child.name);
    expect(m.childMasked[0]).toBe(child.name[0]);
    expect(m).toMatchObject({ supervisorName: '张丽华', daysOverdue: 10, dueOn: addDays(today, -10) });
    expect(m).not.toHaveProperty('childId');
    expect(masked.body).not.toContain(child.id);
    expect(await auditCount('guardianship.followups.oversight.view')).toBe(before + 1);
    // the procuratorate reaches no row: the street list and the child's view are closed to it
    expect((await procurator.get('/api/aftercare/followups/overdue')).statusCode).toBe(403);
    expect((await procurator.get(`/api/aftercare/children/${child.id}`)).statusCode).toBe(404);
    // the route refuses a caller without guardianship.oversight, and so does the function when called directly
    expect((await street.get('/api/aftercare/followups/oversight')).statusCode).toBe(403);
    const streetUser = (await env.owner.query(`select id from users where username = 'street-dinghai'`)).rows[0].id;
    const app = await env.db.app.connect();
    try {
      await app.query('begin');
      await app.query(`select set_config('app.user_id', $1, true)`, [streetUser]);
      await expect(app.query('select * from aftercare_overdue_followups(current_date, 10, 0)')).rejects.toMatchObject({ code: '42501' });
    } finally {
      await app.query('rollback');
      app.release();
    }
  });

  it('a department sees nothing of it', async () => {
    expect((await edu.get(`/api/aftercare/children/${child.id}`)).statusCode).toBe(404);
    expect((await edu.get('/api/aftercare/followups/overdue')).statusCode).toBe(403);
    expect((await edu.get('/api/aftercare/placements')).statusCode).toBe(403);
  });

  it('the assigned child director records the follow-up (supervisor right), reads it in full, and the next is scheduled', async () => {
    const view = (await director.get(`/api/aftercare/children/${child.id}`)).json();
    expect(view.depth).toBe('full');
    const s = view.supervisions[0];
    expect(s).toMatchObject({ mine: true, canRecord: true, canManage: false, note: '父亲刑满释放后返家' });
    const mine = (await director.get('/api/aftercare/followups/mine')).json();
    expect(mine.items.map((i: { childId: string }) => i.childId)).toContain(child.id);
    const fu = s.followups[0];

    const stale = await director.post(`/api/aftercare/followups/${fu.id}`, { doneOn: today, method: 'home_visit', note: '家中整洁', version: fu.version + 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
    const noNote = await director.post(`/api/aftercare/followups/${fu.id}`, { doneOn: today, method: 'home_visit', concerns: true, version: fu.version });
    expect(noNote.statusCode).toBe(400);
    expect(noNote.body).toMatch(/发现问题时请写明情况/);

    const problemsBefore = Number((await env.owner.query('select count(*) from problems where child_id = $1', [child.id])).rows[0].count);
    const res = await director.post(`/api/aftercare/followups/${fu.id}`, {
      doneOn: today,
      method: 'home_visit',
      concerns: true,
      note: '父亲酒后打骂孩子，孩子身上有淤青',
      version: fu.version,
    });
    expect(res.statusCode, res.body).toBe(200);
    const after = res.json().supervisions[0];
    const done = after.followups.find((f: { id: string }) => f.id === fu.id);
    expect(done).toMatchObject({ doneOn: today, method: 'home_visit', concerns: true, note: '父亲酒后打骂孩子，孩子身上有淤青' });
    expect(done.problemId).toBeTruthy();
    // the next: 30 days after the follow-up (day 40 of the first 90)
    expect(after.nextDueOn).toBe(addDays(today, 30));
    // the note is sealed in the database
    const raw = (await env.owner.query('select note from supervision_followups where id = $1', [fu.id])).rows[0].note;
    expect(raw).toMatch(/^v1\./);
    // the concern is a problem on the file, in the normal flow
    const p = (await env.owner.query('select category, status from problems where id = $1', [done.problemId])).rows[0];
    expect(p).toMatchObject({ category: 'guardianship', status: 'open' });
    expect(Number((await env.owner.query('select count(*) from problems where child_id = $1', [child.id])).rows[0].count)).toBe(problemsBefore + 1);
    expect(await auditCount('guardianship.followup.record')).toBe(1);
    // no longer overdue
    expect((await street.get('/api/aftercare/followups/overdue')).json().items.some((i: { childId: string }) => i.childId === child.id)).toBe(false);
  });

  it('the street sees it in full; a change of supervisor to a named person seals the phone, revealed with a reason', async () => {
    const s = (await street.get(`/api/aftercare/children/${child.id}`)).json().supervisions[0];
    const ch = await street.patch(`/api/aftercare/supervisions/${supId}`, { supervisorName: '王秀英', supervisorPhone: '13800001111', version: s.version });
    expect(ch.statusCode, ch.body).toBe(200);
    const after = ch.json().supervisions[0];
    expect(after).toMatchObject({ supervisorUserId: null, supervisorName: '王秀英', supervisorPhoneMasked: '138****1111', hasPhone: true });
    const raw = (await env.owner.query('select supervisor_phone from guardianship_supervisions where id = $1', [supId])).rows[0].supervisor_phone;
    expect(raw).toMatch(/^v1\./);
    expect((await street.post(`/api/aftercare/supervisions/${supId}/phone`, { reason: '' })).statusCode).toBe(400);
    const phone = await street.post(`/api/aftercare/supervisions/${supId}/phone`, { reason: '电话联系监督员' });
    expect(phone.json()).toEqual({ phone: '13800001111' });
    expect(await auditCount('guardianship.supervision.phone.reveal')).toBe(1);

    // the director is no longer the supervisor: summary again, no notes, no phone
    const sum = (await director.get(`/api/aftercare/children/${child.id}`)).json();
    expect(sum.depth).toBe('summary');
    expect(sum.supervisions[0]).toMatchObject({ note: null, supervisorPhoneMasked: null, canRecord: false });
    expect(sum.supervisions[0].followups.every((f: { note: string | null; concerns: boolean | null }) => f.note === null && f.concerns === null)).toBe(true);
    expect((await director.post(`/api/aftercare/supervisions/${supId}/phone`, { reason: '电话联系监督员' })).statusCode).toBe(403);
    const open = sum.supervisions[0].followups.find((f: { doneOn: string | null }) => f.doneOn === null);
    expect((await director.post(`/api/aftercare/followups/${open.id}`, { doneOn: today, method: 'phone', version: open.version })).statusCode).toBe(403);
    expect(await auditCount('guardianship.aftercare.view')).toBeGreaterThan(3);
  });

  it('ends with a reason; the waiting follow-up goes', async () => {
    const s = (await street.get(`/api/aftercare/children/${child.id}`)).json().supervisions[0];
    expect((await street.post(`/api/aftercare/supervisions/${supId}/end`, { endedOn: today, reason: '', version: s.version })).statusCode).toBe(400);
    const res = await street.post(`/api/aftercare/supervisions/${supId}/end`, {
      endedOn: today,
      reason: '家庭监护恢复正常，经评估结束监督',
      version: s.version,
    });
    expect(res.statusCode, res.body).toBe(200);
    const e = res.json().supervisions[0];
    expect(e).toMatchObject({ endedOn: today, nextDueOn: null, canRecord: false, canManage: false });
    expect(e.followups.every((f: { doneOn: string | null }) => f.doneOn !== null)).toBe(true);
  });
});

describe('temporary placement', () => {
  it('starts, updates services, refuses a second open one in Chinese, discharges; lists current ones', async () => {
    const bad = await street.post('/api/aftercare/placements', {
      childId: child.id,
      placeKind: 'institution',
      placeName: '杨浦区未成年人救助保护中心',
      startedOn: addDays(today, -20),
      reason: '父亲被羁押，无其他监护人',
      services: ['upbringing', 'swimming'],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toMatch(/服务内容只能是/);
    const body = {
      childId: child.id,
      placeKind: 'institution',
      placeName: '杨浦区未成年人救助保护中心',
      startedOn: addDays(today, -20),
      reason: '父亲被羁押，无其他监护人',
      services: ['upbringing'],
    };
    const res = await street.post('/api/aftercare/placements', body);
    expect(res.statusCode, res.body).toBe(201);
    const p = res.json().placements[0];
    expect(p).toMatchObject({ placeKind: 'institution', services: ['upbringing'], days: 20, endedOn: null, canEdit: true });
    const second = await street.post('/api/aftercare/placements', { ...body, placeKind: 'temporary_point', placeName: '定海路街道临时照料点' });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.message).toMatch(/已在临时照料中/);

    const upd = await street.patch(`/api/aftercare/placements/${p.id}`, {
      services: ['upbringing', 'education', 'psychological'],
      serviceNote: '每周两次心理辅导',
      version: p.version,
    });
    expect(upd.statusCode, upd.body).toBe(200);
    const p2 = upd.json().placements[0];
    expect(p2.services).toEqual(['upbringing', 'education', 'psychological']);
    expect((await street.patch(`/api/aftercare/placements/${p.id}`, { services: [], version: p.version })).statusCode).toBe(409);

    const cur = await district.get('/api/aftercare/placements');
    expect(cur.statusCode, cur.body).toBe(200);
    expect(cur.json().items.map((i: { id: string }) => i.id)).toContain(p.id);
    expect((await pingliang.get('/api/aftercare/placements')).json().items.map((i: { id: string }) => i.id)).not.toContain(p.id);
    // the director sees it exists, not why
    const sum = (await director.get(`/api/aftercare/children/${child.id}`)).json();
    expect(sum.placements[0]).toMatchObject({ id: p.id, reason: null, serviceNote: null, placeName: '杨浦区未成年人救助保护中心' });

    const early = await street.post(`/api/aftercare/placements/${p.id}/discharge`, { endedOn: addDays(today, -30), dischargedTo: 'kin', version: p2.version });
    expect(early.statusCode).toBe(400);
    expect(early.body).toMatch(/不能早于安置日期/);
    const dis = await street.post(`/api/aftercare/placements/${p.id}/discharge`, {
      endedOn: today,
      dischargedTo: 'kin',
      dischargeNote: '由祖父母接回抚养',
      version: p2.version,
    });
    expect(dis.statusCode, dis.body).toBe(200);
    expect(dis.json().placements[0]).toMatchObject({ endedOn: today, dischargedTo: 'kin', canEdit: false });
    expect((await district.get('/api/aftercare/placements')).json().items.map((i: { id: string }) => i.id)).not.toContain(p.id);
    expect((await district.get('/api/aftercare/placements?status=ended')).json().items.map((i: { id: string }) => i.id)).toContain(p.id);
    // a new one may start now
    expect((await street.post('/api/aftercare/placements', { ...body, startedOn: today })).statusCode).toBe(201);
  });
});

describe('the schedule', () => {
  it('is changed by guardianship.manage only, with a version, and applies to supervisions started after', async () => {
    const s = (await district.get('/api/aftercare/settings')).json();
    expect(s).toMatchObject({ firstIntervalDays: 30, firstPeriodDays: 90, laterIntervalDays: 60 });
    expect(
      (await street.put('/api/aftercare/settings', { firstIntervalDays: 14, firstPeriodDays: 60, laterIntervalDays: 30, version: s.version })).statusCode,
    ).toBe(403);
    expect(
      (await district.put('/api/aftercare/settings', { firstIntervalDays: 0, firstPeriodDays: 60, laterIntervalDays: 30, version: s.version })).statusCode,
    ).toBe(400);
    const ok = await district.put('/api/aftercare/settings', { firstIntervalDays: 14, firstPeriodDays: 60, laterIntervalDays: 30, version: s.version });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(
      (await district.put('/api/aftercare/settings', { firstIntervalDays: 14, firstPeriodDays: 60, laterIntervalDays: 30, version: s.version })).statusCode,
    ).toBe(409);
    const res = await street.post('/api/aftercare/supervisions', {
      childId: child.id,
      returnedOn: today,
      supervisorName: '王秀英',
      supervisorPhone: '13800001111',
    });
    expect(res.statusCode, res.body).toBe(201);
    const open = res.json().supervisions.find((x: { endedOn: string | null }) => x.endedOn === null);
    expect(open).toMatchObject({ intervalDays: 14, firstPeriodDays: 60, laterIntervalDays: 30, nextDueOn: addDays(today, 14) });
  });
});
