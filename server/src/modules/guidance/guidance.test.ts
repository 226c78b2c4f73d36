/**
 * 监护指导与文书: templates (versioned, placeholders checked), documents filled from the file for an
 * intervention (encrypted, template version kept, only depth `full`), guidance sessions with
 * attendance and the orders' counts, the child director's summary view, and the indicators.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BLANK } from '#common/guidance.js';
import { shanghaiDate, addDays } from '#common/dates.js';
import { testEnv, type Agent, type TestEnv } from '../../../test/harness.js';
import { indicator } from '../supervision/indicators/registry.js';

let env: TestEnv;
let street: Agent;
let district: Agent;
let director: Agent;
let police: Agent;
let edu: Agent;
let child: { id: string; name: string };
let guardian: { id: string; name: string };
let admonitionId: string;
let orderId: string;
let today: string;

beforeAll(async () => {
  env = await testEnv();
  [street, district, director, police, edu] = await Promise.all([
    env.login('street-dinghai'),
    env.login('district'),
    env.login('director-dinghai'),
    env.login('police'),
    env.login('edu'),
  ]);
  today = shanghaiDate(env.clock.now);
  // a child of the director's committee with a guardian in the household
  child = (
    await env.owner.query(
      `select c.id, c.name from children c
        where c.committee_id in (select uc.committee_id from user_committees uc join users u on u.id = uc.user_id where u.username = 'director-dinghai')
          and c.status = 'active' and exists (select 1 from household_members m where m.child_id = c.id)
        order by c.id limit 1`,
    )
  ).rows[0];
  await env.owner.query(
    `insert into household_members (child_id, street_code, committee_id, name, relation, role)
                         select id, street_code, committee_id, '测试监护人', '父亲', 'guardian' from children where id = $1`,
    [child.id],
  );
  guardian = (await env.owner.query(`select id, name from household_members where child_id = $1 and name = '测试监护人'`, [child.id])).rows[0];
  admonitionId = (
    await env.owner.query(
      `insert into guardianship_interventions (child_id, street_code, committee_id, kind, status, unit_code, person_name, decided_on, reason)
       select id, street_code, committee_id, 'admonition', 'in_progress', 'street-dinghai', '李娟', $2, '长期外出务工，未委托他人照料' from children where id = $1 returning id`,
      [child.id, today],
    )
  ).rows[0].id;
  orderId = (
    await env.owner.query(
      `insert into guardianship_interventions (child_id, street_code, committee_id, kind, status, unit_code, decided_on, reason, sessions_required)
       select id, street_code, committee_id, 'guidance_order', 'in_progress', 'court', $2, '拒不履行监护职责', 2 from children where id = $1 returning id`,
      [child.id, today],
    )
  ).rows[0].id;
});
afterAll(async () => {
  await env?.close();
});

describe('templates', () => {
  it('ships the district defaults, marked as defaults', async () => {
    const res = await street.get('/api/guardianship/templates');
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as { code: string; title: string; isDefault: boolean; version: number }[];
    expect(items.map((t) => t.title)).toEqual(
      expect.arrayContaining(['劝诫告知书', '训诫建议函', '家庭教育指导令送达与执行告知书', '撤销监护资格/支持起诉协助函']),
    );
    expect(items.every((t) => t.isDefault && t.version === 1)).toBe(true);
    // a child director fills no documents and reads no templates
    expect((await director.get('/api/guardianship/templates')).statusCode).toBe(403);
  });

  it('refuses an unknown placeholder at save, naming it in Chinese, and writes nothing', async () => {
    const res = await district.post('/api/guardianship/templates', {
      code: 'test-letter',
      kind: 'other',
      title: '测试函',
      body: '致{{家长姓名}}：{{儿童姓名}}',
    });
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json().error)).toMatch(/未知的占位符「\{\{家长姓名\}\}」/);
    expect((await env.owner.query(`select count(*)::int as n from guardianship_templates where code = 'test-letter'`)).rows[0].n).toBe(0);
    // only guardianship.manage edits
    expect((await street.post('/api/guardianship/templates', { code: 'test-letter', kind: 'other', title: '测试函', body: '{{儿童姓名}}' })).statusCode).toBe(
      403,
    );
  });

  it('saves a new version at the version seen; a stale one is a 409', async () => {
    const cur = (await district.get('/api/guardianship/templates?kind=admonition')).json().items[0];
    const body = { kind: cur.kind, title: cur.title, body: `${cur.body}\n（区民政局修订）`, active: true, version: cur.version };
    const res = await district.put(`/api/guardianship/templates/${cur.code}`, body);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ version: 2, isDefault: false });
    const stale = await district.put(`/api/guardianship/templates/${cur.code}`, body);
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
    const versions = (await district.get(`/api/guardianship/templates/${cur.code}/versions`)).json().items;
    expect(versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
  });
});

describe('documents', () => {
  let docId: string;
  it('fills a template from the file for an intervention, encrypts the text and keeps the template version', async () => {
    const res = await street.post(`/api/guardianship/interventions/${admonitionId}/documents`, { templateCode: 'admonition-notice' });
    expect(res.statusCode, res.body).toBe(201);
    const d = res.json();
    docId = d.id;
    expect(d.templateVersion).toBe(2);
    expect(d.body).toContain(child.name);
    expect(d.body).toContain('长期外出务工，未委托他人照料');
    expect(d.body).toContain('定海路街道');
    expect(d.body).toContain('（区民政局修订）');
    expect(d.body).not.toMatch(/undefined|null|\{\{/);
    const stored = (await env.owner.query('select body, template_version from guardianship_documents where id = $1', [docId])).rows[0];
    expect(stored.body).not.toContain(child.name);
    // a value the file lacks: a blank line (the reprimand letter's 单位 is the intervention's unit; 经办人 is empty on the order)
    const order = await street.post(`/api/guardianship/interventions/${orderId}/documents`, { templateCode: 'guidance-order-notice' });
    expect(order.statusCode, order.body).toBe(201);
    expect(order.json().body).toContain(`送达人：${BLANK}`);
    expect(order.json().body).toContain('共 2 次');
  });

  it('a new template version does not change a document already filled', async () => {
    const cur = (await district.get('/api/guardianship/templates?kind=admonition')).json().items[0];
    expect((await district.put(`/api/guardianship/templates/${cur.code}`, { ...cur, body: '全新的正文 {{儿童姓名}}', version: cur.version })).statusCode).toBe(
      200,
    );
    const d = (await street.get(`/api/guardianship/documents/${docId}`)).json();
    expect(d.templateVersion).toBe(2);
    expect(d.body).toContain('（区民政局修订）');
    expect(d.body).not.toContain('全新的正文');
  });

  it('lists documents per intervention and per child, and audits every view', async () => {
    const list = await street.get(`/api/guardianship/interventions/${admonitionId}/documents`);
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((d: { id: string }) => d.id)).toEqual([docId]);
    expect(list.json().items[0].body).toBeNull();
    const child_ = (await street.get(`/api/children/${child.id}/guardianship-documents`)).json();
    expect(child_.items).toHaveLength(2);
    expect(child_.interventions.map((i: { id: string }) => i.id).sort()).toEqual([admonitionId, orderId].sort());
    const audits = (await env.owner.query(`select action from audit_log where entity_id = $1 or entity_id = $2 order by id`, [docId, admonitionId])).rows.map(
      (r) => r.action,
    );
    expect(audits).toEqual(expect.arrayContaining(['guardianship.document.create', 'guardianship.document.view', 'guardianship.document.list']));
  });

  it('never shows a document to a child director (summary) or a department without a referral: 404', async () => {
    for (const a of [director, police, edu]) {
      expect((await a.get(`/api/guardianship/documents/${docId}`)).statusCode).toBe(404);
      expect((await a.get(`/api/guardianship/interventions/${admonitionId}/documents`)).statusCode).toBe(404);
      expect((await a.get(`/api/children/${child.id}/guardianship-documents`)).statusCode).toBe(404);
      expect([403, 404]).toContain(
        (await a.post(`/api/guardianship/interventions/${admonitionId}/documents`, { templateCode: 'admonition-notice' })).statusCode,
      );
    }
  });
});

describe('guidance sessions', () => {
  const base = () => ({ kind: 'family_education', provider: '区家庭教育指导中心', topic: '亲子沟通与陪伴', memberId: guardian.id, interventionId: orderId });

  it('records sessions for an order and their attendance; the order counts required, attended, missed', async () => {
    const s1 = await street.post(`/api/children/${child.id}/guidance`, { ...base(), scheduledOn: addDays(today, -14) });
    expect(s1.statusCode, s1.body).toBe(201);
    const s2 = await street.post(`/api/children/${child.id}/guidance`, { ...base(), scheduledOn: addDays(today, -7), note: '母亲陪同' });
    const s3 = await street.post(`/api/children/${child.id}/guidance`, { ...base(), scheduledOn: addDays(today, 7) });
    expect(s3.statusCode).toBe(201);
    const a1 = await street.post(`/api/guidance-sessions/${s1.json().id}/attendance`, { attended: true, version: 1 });
    expect(a1.statusCode, a1.body).toBe(200);
    expect(a1.json().attendance).toBe('attended');
    const noReason = await street.post(`/api/guidance-sessions/${s2.json().id}/attendance`, { attended: false, version: 1 });
    expect(noReason.statusCode).toBe(400);
    expect(JSON.stringify(noReason.json().error)).toMatch(/缺席时请填写缺席原因/);
    const a2 = await street.post(`/api/guidance-sessions/${s2.json().id}/attendance`, { attended: false, absenceReason: '外出务工未返沪', version: 1 });
    expect(a2.statusCode).toBe(200);
    const stale = await street.post(`/api/guidance-sessions/${s2.json().id}/attendance`, { attended: true, version: 1 });
    expect(stale.statusCode).toBe(409);

    const g = (await street.get(`/api/children/${child.id}/guidance`)).json();
    expect(g.depth).toBe('full');
    expect(g.canWrite).toBe(true);
    expect(g.total).toBe(3);
    expect(g.orders.find((o: { id: string }) => o.id === orderId)).toMatchObject({ required: 2, attended: 1, missed: 1, planned: 1, complete: false });
    expect(g.sessions.find((s: { id: string }) => s.id === s2.json().id)).toMatchObject({
      attendance: 'absent',
      absenceReason: '外出务工未返沪',
      note: '母亲陪同',
      memberName: '测试监护人',
    });
  });

  it('refuses bad input in Chinese and writes nothing; a linked order or member must be the child’s', async () => {
    const before = (await env.owner.query('select count(*)::int as n from guidance_sessions')).rows[0].n;
    const bad = await street.post(`/api/children/${child.id}/guidance`, { kind: 'music', provider: '', topic: 'x', scheduledOn: '2026-13-01' });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json().error)).toMatch(/请选择指导类型/);
    const other = (await env.owner.query(`select id from guardianship_interventions where id <> $1 limit 1`, [orderId])).rows[0].id; // the admonition
    const wrongLink = await street.post(`/api/children/${child.id}/guidance`, { ...base(), interventionId: other, scheduledOn: today });
    expect(wrongLink.statusCode).toBe(400);
    expect(JSON.stringify(wrongLink.json().error)).toMatch(/不是该儿童的家庭教育指导令/);
    expect((await env.owner.query('select count(*)::int as n from guidance_sessions')).rows[0].n).toBe(before);
  });

  it('edits with a version check, deletes only planned sessions', async () => {
    const g = (await street.get(`/api/children/${child.id}/guidance`)).json();
    const planned = g.sessions.find((s: { attendance: string }) => s.attendance === 'planned');
    const done = g.sessions.find((s: { attendance: string }) => s.attendance === 'attended');
    const edit = await street.patch(`/api/guidance-sessions/${planned.id}`, {
      ...base(),
      topic: '情绪管理',
      scheduledOn: addDays(today, 8),
      version: planned.version,
    });
    expect(edit.statusCode, edit.body).toBe(200);
    expect(edit.json()).toMatchObject({ topic: '情绪管理', version: planned.version + 1 });
    expect((await street.patch(`/api/guidance-sessions/${planned.id}`, { ...base(), scheduledOn: today, version: planned.version })).statusCode).toBe(409);
    const delDone = await street.delete(`/api/guidance-sessions/${done.id}?version=${done.version}`);
    expect(delDone.statusCode).toBe(409);
    expect(delDone.json().error.message).toMatch(/已记录出勤/);
    expect((await street.delete(`/api/guidance-sessions/${planned.id}?version=${planned.version + 1}`)).statusCode).toBe(204);
  });

  it('shows a child director dates, kinds and attendance without notes, and lets them write nothing', async () => {
    const res = await director.get(`/api/children/${child.id}/guidance`);
    expect(res.statusCode, res.body).toBe(200);
    const g = res.json();
    expect(g.depth).toBe('summary');
    expect(g.canWrite).toBe(false);
    expect(g.members).toEqual([]);
    for (const s of g.sessions) {
      expect(s).toMatchObject({ provider: null, topic: null, note: null, absenceReason: null, memberName: null });
      expect(['planned', 'attended', 'absent']).toContain(s.attendance);
    }
    expect(JSON.stringify(g)).not.toContain('外出务工未返沪');
    expect((await director.post(`/api/children/${child.id}/guidance`, { ...base(), scheduledOn: today })).statusCode).toBe(403);
    // a department without a referral: no child there
    expect((await police.get(`/api/children/${child.id}/guidance`)).statusCode).toBe(404);
    const audit = (await env.owner.query(`select count(*)::int as n from audit_log where action = 'guardianship.guidance.view' and entity_id = $1`, [child.id]))
      .rows[0].n;
    expect(audit).toBeGreaterThan(0);
  });
});

describe('a unit holding a referral whose kind opens the guardianship records', () => {
  it('reads the sessions and documents in full while the referral is open, and the views are audited', async () => {
    const before = await police.get(`/api/children/${child.id}/guidance`);
    expect(before.statusCode).toBe(404);
    const sent = await street.post('/api/referrals', { childId: child.id, kind: 'reprimand', toUnit: 'police', reason: '劝诫后仍未改正，建议训诫' });
    expect(sent.statusCode, sent.body).toBe(201);
    const g = await police.get(`/api/children/${child.id}/guidance`);
    expect(g.statusCode, g.body).toBe(200);
    expect(g.json().depth).toBe('full');
    const docs = await police.get(`/api/children/${child.id}/guardianship-documents`);
    expect(docs.statusCode, docs.body).toBe(200);
    const id = docs.json().items[0].id;
    const d = await police.get(`/api/guardianship/documents/${id}`);
    expect(d.statusCode).toBe(200);
    expect(d.json().body).toContain(child.name);
    const audit = await env.owner.query(
      `select username from audit_log where action = 'guardianship.document.view' and entity_id = $1 and username = 'police'`,
      [id],
    );
    expect(audit.rowCount).toBe(1);
    // another department, without a referral, still sees nothing
    expect((await edu.get(`/api/guardianship/documents/${id}`)).statusCode).toBe(404);
  });
});

describe('indicators', () => {
  it('counts sessions held this year, the attendance rate and the orders with all required sessions attended', async () => {
    const street_ = (await env.owner.query('select street_code from children where id = $1', [child.id])).rows[0].street_code;
    const figure = async (code: string) => {
      const spec = indicator(code)!;
      expect(spec, code).toBeTruthy();
      const { rows } = await env.owner.query(spec.sql, spec.sql.includes('$3') ? [today, [street_], true] : [today, [street_]]);
      const total = rows.find((r) => r.street_code === null);
      return { num: Number(total.num), den: total.den === null ? null : Number(total.den) };
    };
    const yearStart = `${today.slice(0, 4)}-01-01`;
    const ok = addDays(today, -14) >= yearStart; // the sessions above fall in this year unless it is the first fortnight of January
    if (ok) {
      expect(await figure('guidance.sessionsHeld')).toEqual({ num: 1, den: null });
      expect(await figure('guidance.attendanceRate')).toEqual({ num: 1, den: 2 });
    }
    expect(await figure('guidance.ordersComplete')).toEqual({ num: 0, den: 1 });
    // a second attended session completes the order
    await env.owner.query(
      `insert into guidance_sessions (child_id, kind, intervention_id, provider, topic, scheduled_on, attended) values ($1, 'family_education', $2, '区家庭教育指导中心', '补课', $3, true)`,
      [child.id, orderId, today],
    );
    expect(await figure('guidance.ordersComplete')).toEqual({ num: 1, den: 1 });
    expect((await district.get('/api/indicators')).json().items.map((i: { code: string }) => i.code)).toEqual(
      expect.arrayContaining(['guidance.sessionsHeld', 'guidance.attendanceRate', 'guidance.ordersComplete']),
    );
  });
});
