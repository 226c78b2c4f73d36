/**
 * 授权与同意 (requirement 29) against a real PostgreSQL: the default bases of a file, a referral to a
 * social organisation refused without the guardian's consent and accepted with it, the withdrawal
 * that ends the referral (the organisation's next look answers 404) and is audited, the publicity
 * flag of a photo, another street's child 404, bad input a Chinese 400 with nothing written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ageOn, shanghaiDate } from '#common/dates.js';
import { testEnv, type Agent, type TestEnv } from '../../../test/harness.js';

let env: TestEnv;
let street: Agent;
let director: Agent;
let other: Agent;
let orgUser: Agent;
let district: Agent;
let today: string;
/** A 定海 child under 8 of the director's committee with a guardian, and one of 8 to 13. */
const young = { id: '', guardian: '' };
const older = { id: '', guardian: '' };

async function pickChild(minAge: number, maxAge: number, not: string[]): Promise<{ id: string; guardian: string }> {
  const { rows } = await env.owner.query<{ id: string; guardian: string }>(
    `select c.id, m.id as guardian from children c join household_members m on m.child_id = c.id and m.role = 'guardian'
       join committees k on k.id = c.committee_id
      where k.code = 'dinghai-01' and c.status = 'active' and c.birth_date > $1::date - make_interval(years => $3) and c.birth_date <= $1::date - make_interval(years => $2)
        and not (c.id = any ($4::uuid[]))
      order by c.id limit 1`,
    [today, minAge, maxAge + 1, not],
  );
  const r = rows[0];
  if (!r) throw new Error(`no test child aged ${minAge}-${maxAge}`);
  return r;
}

async function consentRows(childId: string): Promise<number> {
  return Number((await env.owner.query('select count(*) from child_consents where child_id = $1', [childId])).rows[0].count);
}

beforeAll(async () => {
  env = await testEnv();
  today = shanghaiDate(env.clock.now);
  // The demo organisation's unit takes care-service referrals; one of its staff handles them.
  await env.owner.query(
    `insert into referral_receivers (unit_code, kinds, services) values ('org-sunshine', '{service}', '社工个案服务') on conflict do nothing`,
  );
  const hash = (await env.owner.query(`select password_hash from users where username = 'edu'`)).rows[0].password_hash;
  const id = (
    await env.owner.query(
      `insert into users (username, display_name, unit_code, password_hash, password_is_demo) values ('org-handler', '机构接案社工', 'org-sunshine', $1, true) returning id`,
      [hash],
    )
  ).rows[0].id;
  await env.owner.query(`insert into user_roles (user_id, role_code) values ($1, 'department')`, [id]);
  [street, director, other, orgUser, district] = [
    await env.login('street-dinghai'),
    await env.login('director-dinghai'),
    await env.login('street-pingliang'),
    await env.login('org-handler'),
    await env.login('district'),
  ];
  Object.assign(young, await pickChild(1, 7, []));
  Object.assign(older, await pickChild(8, 13, [young.id]));
});

afterAll(async () => {
  await env?.close();
});

describe('bases', () => {
  it('a file carries the default legal-duty purposes from its creation, and the tab shows them', async () => {
    const res = await director.get(`/api/children/${young.id}/consents`);
    expect(res.statusCode).toBe(200);
    const tab = res.json();
    const care = tab.purposes.find((p: { code: string }) => p.code === 'care_visits');
    expect(care.basis).toBe('legal_duty');
    expect(care.recorded.source).toBe('file_created');
    const org = tab.purposes.find((p: { code: string }) => p.code === 'org_referral');
    expect(org.consentRequired).toBe(true);
    expect(org.consentActive).toBe(false);
    expect(tab.guardians.length).toBeGreaterThan(0);
    expect(tab.canRecord).toBe(true);
  });

  it('a basis recorded by hand is audited basis.record; a consent purpose is refused as a basis', async () => {
    const ok = await director.post(`/api/children/${young.id}/bases`, { purposeCode: 'department_referral', note: '经街道确认' });
    expect(ok.statusCode).toBe(201);
    const audit = await env.owner.query(`select summary from audit_log where action = 'basis.record' and entity_id = $1`, [young.id]);
    expect(audit.rows[0].summary.purpose).toBe('department_referral');
    const bad = await director.post(`/api/children/${young.id}/bases`, { purposeCode: 'org_referral' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].message).toContain('同意');
  });
});

describe('referral to a social organisation', () => {
  let referralId = '';
  let consentId = '';

  it('is refused without the guardian consent, naming what is missing, and nothing is written', async () => {
    const before = Number((await env.owner.query('select count(*) from referrals where child_id = $1', [young.id])).rows[0].count);
    const res = await street.post('/api/referrals', { childId: young.id, kind: 'service', toUnit: 'org-sunshine', reason: '需要社工个案服务' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain('转介至社会组织');
    expect(res.json().error.message).toContain('同意');
    expect(Number((await env.owner.query('select count(*) from referrals where child_id = $1', [young.id])).rows[0].count)).toBe(before);
  });

  it('a referral to a department needs no consent (legal duty)', async () => {
    const res = await street.post('/api/referrals', { childId: young.id, kind: 'service', toUnit: 'youth-league', reason: '暑期关爱服务' });
    expect(res.statusCode).toBe(201);
  });

  it('goes through once the guardian consented; the organisation sees the child', async () => {
    const c = await director.post(`/api/children/${young.id}/consents`, {
      purposeCode: 'org_referral',
      guardianMemberId: young.guardian,
      givenOn: today,
      method: 'written',
      scopeNote: '同意转介至阳光社工服务社开展个案服务',
    });
    expect(c.statusCode).toBe(201);
    expect(c.json().status).toBe('active');
    consentId = c.json().id;
    const audit = await env.owner.query(`select 1 from audit_log where action = 'consent.record' and entity_id = $1`, [young.id]);
    expect(audit.rowCount).toBe(1);

    const res = await street.post('/api/referrals', { childId: young.id, kind: 'service', toUnit: 'org-sunshine', reason: '需要社工个案服务' });
    expect(res.statusCode).toBe(201);
    referralId = res.json().id;
    expect((await orgUser.get(`/api/referrals/${referralId}/child`)).statusCode).toBe(200);
  });

  it('withdrawal ends the open referral at once: the organisation gets 404 right after; the answer lists it', async () => {
    const res = await director.post(`/api/children/${young.id}/consents/${consentId}/withdraw`, { reason: '监护人书面撤回', version: 1 });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.consent.status).toBe('withdrawn');
    expect(body.effects.some((e: string) => e.includes('终止转介') && e.includes('阳光社工服务社'))).toBe(true);
    expect((await orgUser.get(`/api/referrals/${referralId}/child`)).statusCode).toBe(404);
    const r = await env.owner.query('select status from referrals where id = $1', [referralId]);
    expect(r.rows[0].status).toBe('withdrawn');
    const audit = await env.owner.query(`select summary, reason from audit_log where action = 'consent.withdraw' and entity_id = $1`, [young.id]);
    expect(audit.rows[0].reason).toBe('监护人书面撤回');
    expect(audit.rows[0].summary.effects.length).toBe(1);
    // history kept; a second withdrawal is a conflict; a new referral is refused again
    expect((await director.post(`/api/children/${young.id}/consents/${consentId}/withdraw`, { reason: '再次撤回', version: 2 })).statusCode).toBe(409);
    const tab = (await director.get(`/api/children/${young.id}/consents`)).json();
    expect(tab.consents.find((x: { id: string }) => x.id === consentId).withdrawReason).toBe('监护人书面撤回');
    expect((await street.post('/api/referrals', { childId: young.id, kind: 'service', toUnit: 'org-sunshine', reason: '再次转介' })).statusCode).toBe(409);
  });
});

describe('age thresholds', () => {
  it("a child of 8 to 13: the child's own view must be recorded; a refusal is not overridden", async () => {
    const tab = (await director.get(`/api/children/${older.id}/consents`)).json();
    expect(tab.needs.childView).toBe(true);
    const base = { purposeCode: 'org_referral', guardianMemberId: older.guardian, givenOn: today, method: 'oral' };
    const before = await consentRows(older.id);
    const missing = await director.post(`/api/children/${older.id}/consents`, base);
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.message).toContain('本人意见');
    expect(await consentRows(older.id)).toBe(before);
    const refused = await director.post(`/api/children/${older.id}/consents`, { ...base, childAgreement: 'refused' });
    expect(refused.json().status).toBe('child_refused');
    expect((await street.post('/api/referrals', { childId: older.id, kind: 'service', toUnit: 'org-sunshine', reason: '个案服务' })).statusCode).toBe(409);
    const agreed = await director.post(`/api/children/${older.id}/consents`, { ...base, childAgreement: 'agreed' });
    expect(agreed.json().status).toBe('active');
    const birth = (await env.owner.query('select birth_date::text as b from children where id = $1', [older.id])).rows[0].b;
    expect(ageOn(birth, today)).toBeGreaterThanOrEqual(8);
  });
});

describe('scope and bad input', () => {
  it("another street's child answers 404 for reading, recording and withdrawing", async () => {
    expect((await other.get(`/api/children/${young.id}/consents`)).statusCode).toBe(404);
    const before = await consentRows(young.id);
    const w = await other.post(`/api/children/${young.id}/consents`, {
      purposeCode: 'org_referral',
      guardianMemberId: young.guardian,
      givenOn: today,
      method: 'written',
    });
    expect(w.statusCode).toBe(404);
    expect(await consentRows(young.id)).toBe(before);
    expect((await other.post(`/api/children/${young.id}/bases`, { purposeCode: 'care_visits' })).statusCode).toBe(404);
  });

  it('bad input: a Chinese 400 and nothing written', async () => {
    const before = await consentRows(young.id);
    const cases: Record<string, unknown>[] = [
      { purposeCode: 'org_referral', guardianMemberId: young.guardian, givenOn: '2999-01-01', method: 'written' },
      { purposeCode: 'org_referral', guardianMemberId: older.guardian, givenOn: today, method: 'written' },
      { purposeCode: 'org_referral', guardianMemberId: young.guardian, givenOn: today, method: 'fax' },
      { purposeCode: 'care_visits', guardianMemberId: young.guardian, givenOn: today, method: 'written' },
      { purposeCode: 'org_referral', guardianMemberId: young.guardian, givenOn: today, method: 'written', scopeNote: '范\u0000围' },
      { purposeCode: 'org_referral', guardianMemberId: young.guardian, givenOn: today, method: 'written', validUntil: '2000-01-01' },
      { purposeCode: 'org_referral', guardianMemberId: young.guardian, givenOn: today, method: 'written', extra: 1 },
    ];
    for (const body of cases) {
      const res = await director.post(`/api/children/${young.id}/consents`, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.message).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(await consentRows(young.id)).toBe(before);
  });

  it('a user without consent.record gets 403; the purposes register is kept by consent.manage only', async () => {
    const sw = await env.login('sw-sunshine');
    expect((await sw.post(`/api/children/${young.id}/bases`, { purposeCode: 'care_visits' })).statusCode).toBe(403);
    const list = (await district.get('/api/processing-purposes')).json();
    expect(list.canManage).toBe(true);
    const p = list.items.find((x: { code: string }) => x.code === 'publicity_photo');
    const put = (body: Record<string, unknown>) =>
      district.put('/api/processing-purposes/publicity_photo', { ...p, ...body, code: undefined, consentRequired: undefined });
    expect((await put({ basis: 'legal_duty' })).statusCode).toBe(400);
    expect((await street.put('/api/processing-purposes/publicity_photo', { name: 'x' })).statusCode).toBe(403);
    const ok = await put({ legalText: p.legalText + '；本区宣传报道管理规定' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().version).toBe(p.version + 1);
  });
});

describe('publicity photos', () => {
  it('a photo is marked for publicity only with every child consented; withdrawal removes the mark', async () => {
    const act = (
      await env.owner.query(
        `insert into activities (title, kind, organiser_kind, street_code, unit_code, held_on, status)
         values ('未保站暑期活动', 'themed', 'station', 'dinghai', (select unit_code from users where username = 'street-dinghai'), $1, 'done') returning id`,
        [today],
      )
    ).rows[0].id;
    const photo = (
      await env.owner.query(
        `insert into activity_attachments (activity_id, kind, filename, mime, size_bytes, sha256, content) values ($1, 'photo', '合影.jpg', 'image/jpeg', 3, 'x', '\\x010203') returning id`,
        [act],
      )
    ).rows[0].id;
    const url = `/api/activities/${act}/attachments/${photo}/publicity`;
    const refused = await street.put(url, { publicity: true, childIds: [young.id] });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toContain('宣传');
    const c = await director.post(`/api/children/${young.id}/consents`, {
      purposeCode: 'publicity_photo',
      guardianMemberId: young.guardian,
      givenOn: today,
      method: 'electronic',
    });
    expect(c.statusCode).toBe(201);
    const ok = await street.put(url, { publicity: true, childIds: [young.id] });
    expect(ok.statusCode).toBe(200);
    expect((await env.owner.query('select publicity from activity_attachments where id = $1', [photo])).rows[0].publicity).toBe(true);
    const w = await director.post(`/api/children/${young.id}/consents/${c.json().id}/withdraw`, { reason: '不再同意宣传', version: 1 });
    expect(w.statusCode).toBe(200);
    expect(w.json().effects.some((e: string) => e.includes('合影.jpg'))).toBe(true);
    expect((await env.owner.query('select publicity from activity_attachments where id = $1', [photo])).rows[0].publicity).toBe(false);
    expect(Number((await env.owner.query('select count(*) from photo_publicity_children where attachment_id = $1', [photo])).rows[0].count)).toBe(0);
  });
});
