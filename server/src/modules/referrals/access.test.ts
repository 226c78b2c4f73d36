/**
 * 协同 — case-scoped access, proven twice: through the API (the route × role × area matrix with
 * departments: a unit with an open referral sees exactly the sections its kind declares, masked;
 * another unit, a unit without a referral, after the access window or a withdrawal: 404; every
 * view audited) and at the database (row-level security under the lists `app.ref_<section>`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskName } from '#common/mask.js';
import { REFERRAL_SECTIONS } from '#common/referrals.js';
import { testEnv, type Agent, type TestEnv } from '../../../test/harness.js';
import { inScope } from '../../core/context.js';
import { lookupSession } from '../auth/sessions.js';

let env: TestEnv;
const agents: Record<string, Agent> = {};
/** Children of 定海 with a family, one per kind, so that no two referrals of a unit share a child. */
const kids: { id: string; name: string; committee_id: string; street_code: string }[] = [];
const memberNames: string[] = [];
const memberPhones: string[] = [];

/** The logged-in agent of a user (throws for one not logged in, instead of a non-null assertion). */
function as(u: string): Agent {
  const a = agents[u];
  if (!a) throw new Error(`${u} is not logged in`);
  return a;
}
/** The i-th test child. */
function kid(i: number) {
  const k = kids[i];
  if (!k) throw new Error(`no test child ${i}`);
  return k;
}

const SECRET_NOTE = '心理健康备注-绝不外泄';

beforeAll(async () => {
  env = await testEnv();
  // A health-commission user (the clinic's receiver) and an education user who may read child files:
  // the generic routes must stay closed to them all the same (404: their scope has no area).
  const hash = (await env.owner.query(`select password_hash from users where username = 'edu'`)).rows[0].password_hash;
  for (const [username, unit, role] of [
    ['health-staff', 'health', 'department'],
    ['edu-reader', 'education', 'dept_reader'],
  ] as const) {
    if (role === 'dept_reader') {
      await env.owner.query(
        `insert into roles (code, name, scope_kind, permissions)
         values ('dept_reader', '部门（可读档案）', 'none', (select permissions || '{children.read,eligibility.read}' from roles where code = 'department'))`,
      );
    }
    const id = (
      await env.owner.query(
        `insert into users (username, display_name, unit_code, password_hash, password_is_demo) values ($1, $1, $2, $3, true) returning id`,
        [username, unit, hash],
      )
    ).rows[0].id;
    await env.owner.query('insert into user_roles (user_id, role_code) values ($1, $2)', [id, role]);
  }
  for (const u of [
    'street-dinghai',
    'street-pingliang',
    'director-dinghai',
    'district',
    'edu',
    'edu-head',
    'police',
    'dpf',
    'leader',
    'health-staff',
    'edu-reader',
  ])
    agents[u] = await env.login(u);

  kids.push(
    ...(
      await env.owner.query(
        `select c.id, c.name, c.committee_id, c.street_code from children c
          where c.street_code = 'dinghai' and c.status = 'active' and c.birth_date > current_date - interval '15 years'
            and exists (select 1 from household_members m where m.child_id = c.id)
            and not exists (select 1 from referrals r where r.child_id = c.id)
          order by c.id limit 8`,
      )
    ).rows,
  );
  expect(kids.length).toBe(8);
  for (const k of kids) {
    // Every section filled, and the restricted facts present, so that absence proves the filter.
    await env.owner.query(
      `update children set school_stage = '小学', school_name = '杨浦区测试小学', school_grade = '三年级', disability_type = '肢体',
              disability_grade = 3, serious_illness = '先天性心脏病', mental_health_note_enc = $2 where id = $1`,
      [k.id, env.deps.crypto.encrypt(SECRET_NOTE, 'children.mental_health_note')],
    );
    await env.owner.query(
      `insert into problems (child_id, street_code, committee_id, description, category, severity) values ($1, $2, $3, '监护人长期外出', 'guardianship', 'medium')`,
      [k.id, k.street_code, k.committee_id],
    );
    await env.owner.query(
      `insert into assistance (child_id, street_code, committee_id, kind, provider_name, description, given_on) values ($1, $2, $3, 'material', '定海社工站', '冬衣一套', current_date)`,
      [k.id, k.street_code, k.committee_id],
    );
    await env.owner.query(
      `insert into entitlements (child_id, street_code, committee_id, policy_id, status)
       values ($1, $2, $3, 'school-fee-waiver', 'submitted'), ($1, $2, $3, 'medical-assistance', 'suggested') on conflict do nothing`,
      [k.id, k.street_code, k.committee_id],
    );
    const ms = (await env.owner.query<{ name: string; phone_enc: string | null }>('select name, phone_enc from household_members where child_id = $1', [k.id]))
      .rows;
    for (const m of ms) {
      memberNames.push(m.name);
      const phone = env.deps.crypto.decryptOrNull(m.phone_enc, 'household_members.phone');
      if (phone) memberPhones.push(phone);
    }
  }
  expect(memberNames.length).toBeGreaterThan(0);
});
afterAll(async () => {
  await env?.close();
});

const send = async (childId: string, kind: string, toUnit: string) => {
  const res = await as('street-dinghai').post('/api/referrals', {
    childId,
    kind,
    toUnit,
    reason: '矩阵测试转介',
    ...(kind === 'fee_waiver' ? { policyId: 'school-fee-waiver' } : {}),
  });
  expect(res.statusCode, res.body).toBe(201);
  const r: { id: string; version: number } = res.json();
  return r;
};

const ALL = REFERRAL_SECTIONS.filter((s) => s !== 'identity' && s !== 'visits');
const viewAudits = async (referralId: string) =>
  (
    await env.owner.query<{ n: number }>(`select count(*)::int as n from audit_log where action = 'referral.child-view' and summary->>'referralId' = $1`, [
      referralId,
    ])
  ).rows[0]?.n;
const viewEvents = async (referralId: string) =>
  (await env.owner.query<{ n: number }>(`select count(*)::int as n from referral_events where kind = 'view' and referral_id = $1`, [referralId])).rows[0]?.n;

/** The referral as `u` sees it: whether it offers the child's view (canViewChild). */
const offered = async (u: string, referralId: string): Promise<boolean> => {
  const res = await as(u).get(`/api/referrals/${referralId}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().canViewChild;
};

/** What a view must never contain, whatever the kind: names and phones in clear, restricted facts. */
function expectMasked(body: string, childName: string) {
  expect(body).not.toContain(childName);
  expect(body).not.toContain(SECRET_NOTE);
  expect(body).not.toMatch(/mentalHealth|hiv|address|Address/);
  for (const n of memberNames) if (n.length > 1) expect(body).not.toContain(`"${n}"`);
  for (const p of memberPhones) expect(body).not.toContain(p);
}

describe('a department with an open referral sees exactly the sections of its kind', () => {
  const cases = [
    { kind: 'fee_waiver', to: 'education', user: 'edu', other: 'police', sections: ['identity', 'school', 'benefits'] },
    { kind: 'dropout', to: 'education', user: 'edu-head', other: 'dpf', sections: ['identity', 'school', 'family'] },
    { kind: 'clinic', to: 'health', user: 'health-staff', other: 'edu', sections: ['identity', 'health'] },
    { kind: 'rehabilitation', to: 'disabled-federation', user: 'dpf', other: 'health-staff', sections: ['identity', 'health', 'benefits'] },
    { kind: 'problem', to: 'police', user: 'police', other: 'edu', sections: ['identity', 'problems'] },
  ] as const;
  cases.forEach((c, i) => {
    it(`${c.kind} → ${c.to}: ${c.sections.join(', ')}; not the others; ${c.other}: 404; audited`, async () => {
      const child = kid(i);
      const r = await send(child.id, c.kind, c.to);
      const res = await as(c.user).get(`/api/referrals/${r.id}/child`);
      expect(res.statusCode, res.body).toBe(200);
      const v = res.json();
      const declared: readonly string[] = c.sections;
      expect(v.sections).toEqual(c.sections);
      expect(v.accessUntil).toBeNull(); // open: no end yet
      for (const s of ALL) {
        if (declared.includes(s)) expect(v, s).toHaveProperty(s);
        else expect(v, s).not.toHaveProperty(s);
      }
      expect(v.identity.id).toBe(child.id);
      expect(v.identity.name).toBe(maskName(child.name));
      expect(Object.keys(v.identity).sort()).toEqual(['age', 'birthDate', 'categories', 'committeeName', 'id', 'idNumber', 'name', 'sex', 'streetName']);
      if (v.identity.idNumber) expect(v.identity.idNumber).toMatch(/^\d{6}\*+\w{4}$/);
      if (v.school) expect(v.school).toEqual({ stage: '小学', schoolName: '杨浦区测试小学', grade: '三年级' });
      if (v.health) expect(v.health).toEqual({ disabilityType: '肢体', disabilityGrade: 3, seriousIllness: '先天性心脏病' });
      if (v.family) {
        expect(v.family.length).toBeGreaterThan(0);
        for (const m of v.family) expect(Object.keys(m).sort()).toEqual(['id', 'name', 'phone', 'relation', 'role', 'status']);
      }
      // a fee waiver shows the entitlement it applies for, not the child's other benefits
      if (v.benefits)
        expect(v.benefits.map((b: { policyId: string }) => b.policyId).sort()).toEqual(
          c.kind === 'fee_waiver' ? ['school-fee-waiver'] : ['medical-assistance', 'school-fee-waiver'],
        );
      if (c.kind === 'fee_waiver') expect(v.benefits[0].policyName).toMatch(/减免/);
      if (v.problems) expect(v.problems[0]).toMatchObject({ category: 'guardianship', description: '监护人长期外出' });
      expectMasked(res.body, child.name);

      expect(await viewAudits(r.id)).toBe(1);
      const audit = (
        await env.owner.query(
          `select entity, entity_id, username, summary from audit_log where action = 'referral.child-view' and summary->>'referralId' = $1`,
          [r.id],
        )
      ).rows[0];
      expect(audit).toMatchObject({ entity: 'child', entity_id: child.id, username: c.user, summary: { referralId: r.id, sections: c.sections } });
      expect(await viewEvents(r.id)).toBe(1);
      // the view event stays out of the timeline users see
      const detail = (await as('street-dinghai').get(`/api/referrals/${r.id}`)).json();
      expect(detail.events.map((e: { kind: string }) => e.kind)).not.toContain('view');

      // another department, and the sender itself (it sees the child through its area, not this route): 404
      expect((await as(c.other).get(`/api/referrals/${r.id}/child`)).statusCode).toBe(404);
      expect((await as('street-dinghai').get(`/api/referrals/${r.id}/child`)).statusCode).toBe(404);
      expect(await viewAudits(r.id)).toBe(1);
    });
  });

  it('an escalated problem shows that problem only (the referral carries it)', async () => {
    const child = kid(4);
    const other = (
      await env.owner.query<{ id: string }>(
        `insert into problems (child_id, street_code, committee_id, description, category, severity) values ($1, $2, $3, '家中无人照料午餐', 'living', 'high') returning id`,
        [child.id, child.street_code, child.committee_id],
      )
    ).rows[0]?.id;
    const r = await send(child.id, 'problem', 'police');
    await env.owner.query(`update referrals set source_kind = 'problem', source_id = $2 where id = $1`, [r.id, other]);
    const v = await as('police').get(`/api/referrals/${r.id}/child`);
    expect(v.statusCode, v.body).toBe(200);
    expect(v.json().problems.map((p: { id: string }) => p.id)).toEqual([other]);
  });

  it('暖杨通道 (harm): police and the procuratorate see identity, family and problems; education: 404', async () => {
    const child = kid(5);
    const res = await as('street-dinghai').post('/api/referrals/channel', {
      childId: child.id,
      kind: 'harm',
      toUnits: ['police', 'procuratorate'],
      reason: '邻居反映孩子身上多处伤痕',
    });
    expect(res.statusCode, res.body).toBe(201);
    const ids: string[] = res.json().ids;
    const toPolice = (await env.owner.query(`select id from referrals where id = any ($1::uuid[]) and to_unit = 'police'`, [ids])).rows[0].id;
    const toProc = (await env.owner.query(`select id from referrals where id = any ($1::uuid[]) and to_unit = 'procuratorate'`, [ids])).rows[0].id;
    const v = await as('police').get(`/api/referrals/${toPolice}/child`);
    expect(v.statusCode, v.body).toBe(200);
    expect(v.json().sections).toEqual(['identity', 'family', 'problems']);
    for (const s of ['school', 'health', 'benefits', 'assistance']) expect(v.json()).not.toHaveProperty(s);
    expectMasked(v.body, child.name);
    // police cannot open the child through the procuratorate's referral; education not at all
    expect((await as('police').get(`/api/referrals/${toProc}/child`)).statusCode).toBe(404);
    expect((await as('edu').get(`/api/referrals/${toPolice}/child`)).statusCode).toBe(404);
    expect(await viewAudits(toPolice)).toBe(1);
  });
});

describe('no referral, no child', () => {
  const GENERIC = ['', '/visits', '/problems', '/assistance', '/entitlements', '/eligibility', '/history', '/care-plans', '/attachments', '/mentor'];

  it('the generic child routes stay closed to departments, with or without a referral to their unit', async () => {
    const child = kid(6);
    await send(child.id, 'dropout', 'education');
    for (const path of GENERIC) {
      const url = `/api/children/${child.id}${path}`;
      // a department has no children.read: 403 by permission
      expect((await as('edu').get(url)).statusCode, url).toBe(403);
      // a department that may read files has no area: the referral does not open them (404)
      expect((await as('edu-reader').get(url)).statusCode, url).toBe(404);
    }
    // the street that holds the child: 200 (the routes exist and work)
    expect((await as('street-dinghai').get(`/api/children/${child.id}`)).statusCode).toBe(200);
  });

  it('a unit without a referral for the child: 404 on the referral route too (unknown id, another unit’s referral)', async () => {
    expect((await as('edu').get('/api/referrals/00000000-0000-4000-8000-000000000000/child')).statusCode).toBe(404);
    const r = await send(kid(7).id, 'service', 'youth-league');
    for (const u of ['edu', 'police', 'dpf', 'health-staff', 'district', 'street-pingliang', 'street-dinghai'])
      expect((await as(u).get(`/api/referrals/${r.id}/child`)).statusCode, u).toBe(404);
    expect(await viewAudits(r.id)).toBe(0);
  });

  it('after the access window: 404; within it: the view, with the day access ends', async () => {
    const child = kid(7);
    const r = await send(child.id, 'fee_waiver', 'education');
    // completed 29 days ago (the window is 30 days): still open
    await env.owner.query(`update referrals set status = 'completed', outcome = '已减免', ended_at = now() - interval '29 days' where id = $1`, [r.id]);
    const within = await as('edu').get(`/api/referrals/${r.id}/child`);
    expect(within.statusCode, within.body).toBe(200);
    expect(await offered('edu', r.id)).toBe(true);
    expect(Date.parse(within.json().accessUntil)).toBeGreaterThan(Date.now());
    // 31 days ago: closed, on the referral route and at the database
    await env.owner.query(`update referrals set ended_at = now() - interval '31 days' where id = $1`, [r.id]);
    expect((await as('edu').get(`/api/referrals/${r.id}/child`)).statusCode).toBe(404);
    expect(await offered('edu', r.id)).toBe(false);
    // the window is a setting: widened to 60 days, the view opens again
    await env.owner.query('update referral_settings set access_days_after = 60');
    expect((await as('edu').get(`/api/referrals/${r.id}/child`)).statusCode).toBe(200);
    await env.owner.query('update referral_settings set access_days_after = 30');
    expect((await as('edu').get(`/api/referrals/${r.id}/child`)).statusCode).toBe(404);
    expect(await viewAudits(r.id)).toBe(2);
    expect(await viewEvents(r.id)).toBe(2);
  });

  it('after a withdrawal: 404 at once', async () => {
    const child = kid(4);
    const r = await send(child.id, 'dropout', 'education');
    expect((await as('edu').get(`/api/referrals/${r.id}/child`)).statusCode).toBe(200);
    const w = await as('street-dinghai').post(`/api/referrals/${r.id}/steps`, { step: 'withdraw', version: r.version, reason: '情况已解决' });
    expect(w.statusCode, w.body).toBe(200);
    expect((await as('edu').get(`/api/referrals/${r.id}/child`)).statusCode).toBe(404);
    expect((await as('edu-head').get(`/api/referrals/${r.id}/child`)).statusCode).toBe(404);
    expect(await offered('edu', r.id)).toBe(false);
    expect(await viewAudits(r.id)).toBe(1);
  });

  it('who lacks referrals.handle is refused (403), without a session 401', async () => {
    const child = kid(3);
    const r = await send(child.id, 'service', 'civil-affairs');
    expect((await env.agent().get(`/api/referrals/${r.id}/child`)).statusCode).toBe(401);
    for (const u of ['leader', 'director-dinghai']) expect((await as(u).get(`/api/referrals/${r.id}/child`)).statusCode, u).toBe(403);
    // the district (civil affairs) is the receiver here: it sees the kind's sections only
    const v = await as('district').get(`/api/referrals/${r.id}/child`);
    expect(v.statusCode, v.body).toBe(200);
    expect(v.json().sections).toEqual(['identity']);
    for (const s of ALL) expect(v.json()).not.toHaveProperty(s);
    expect(await offered('district', r.id)).toBe(true);
    // withdrawn: the district still sees the child through its area, but no longer through this
    // referral — the referral no longer offers the view, and the view answers 404
    const w = await as('street-dinghai').post(`/api/referrals/${r.id}/steps`, { step: 'withdraw', version: r.version, reason: '已由街道解决' });
    expect(w.statusCode, w.body).toBe(200);
    expect(await offered('district', r.id)).toBe(false);
    expect((await as('district').get(`/api/referrals/${r.id}/child`)).statusCode).toBe(404);
  });
});

describe('row-level security at the database', () => {
  async function ctxFor(username: string) {
    const a = await env.login(username);
    const token = a.cookie?.split('=')[1] ?? '';
    const found = await lookupSession(env.db.app, token, new Date(env.clock.now), env.deps.config.sessionIdleMs);
    if (found.kind !== 'ok') throw new Error('no session');
    return { requestId: 'test', ip: '127.0.0.1', userAgent: 'vitest', actor: found.actor };
  }

  it('with the lists set as context.ts sets them, a fee waiver opens the children row and the entitlements, not the family', async () => {
    // kids[0] has the fee waiver to education (first case above) and no other referral
    const child = kid(0);
    const members = (await env.owner.query('select count(*)::int as n from household_members where child_id = $1', [child.id])).rows[0].n;
    expect(members).toBeGreaterThan(0);
    const categories = (await env.owner.query('select count(*)::int as n from child_categories where child_id = $1', [child.id])).rows[0].n;
    const client = await env.db.app.connect();
    try {
      await client.query('begin');
      await client.query(
        `select set_config('app.unit', 'education', true), set_config('app.scope_kind', 'none', true),
                set_config('app.ref_identity', $1, true), set_config('app.ref_school', $1, true), set_config('app.ref_benefits', $1, true)`,
        [child.id],
      );
      expect((await client.query('select id from children')).rows).toEqual([{ id: child.id }]);
      expect((await client.query('select 1 from child_categories')).rowCount).toBe(categories);
      expect((await client.query('select 1 from entitlements where child_id = $1', [child.id])).rowCount).toBe(2);
      expect((await client.query('select 1 from household_members')).rowCount).toBe(0);
      expect((await client.query('select 1 from problems')).rowCount).toBe(0);
      expect((await client.query('select 1 from assistance')).rowCount).toBe(0);
      expect((await client.query('select 1 from visits')).rowCount).toBe(0);
      expect((await client.query('select 1 from child_history')).rowCount).toBe(0);
      await client.query('rollback');
    } finally {
      client.release();
    }
  });

  it('inScope with the referrals option computes the same lists; without it a department reads nothing', async () => {
    const child = kid(0);
    const edu = await ctxFor('edu');
    const read = (opts: { referrals?: boolean }) =>
      inScope(
        env.db,
        edu,
        async (tx) => {
          const q = async (sql: string) => (await tx.client.query<{ child_id: string }>(sql)).rows.map((r) => r.child_id);
          return {
            children: await q('select id as child_id from children'),
            members: await q('select child_id from household_members'),
            entitlements: await q('select child_id from entitlements'),
            problems: await q('select child_id from problems'),
          };
        },
        opts,
      );
    const withRef = await read({ referrals: true });
    // education holds: the fee waiver (kids[0]), the dropouts (kids[1], kids[6]) and the window test's fee waiver (kids[7], closed)
    expect(withRef.children).toContain(child.id);
    expect(withRef.entitlements).toContain(child.id);
    expect(withRef.members).not.toContain(child.id);
    expect(withRef.members).toContain(kid(1).id); // dropout: family
    expect(withRef.entitlements).not.toContain(kid(1).id);
    expect(withRef.problems).toEqual([]);
    expect(withRef.children).not.toContain(kid(2).id); // the clinic's child, health commission's
    expect(withRef.children).not.toContain(kid(4).id); // withdrawn
    expect(withRef.children).not.toContain(kid(7).id); // window over
    const without = await read({});
    expect(without).toEqual({ children: [], members: [], entitlements: [], problems: [] });
  });
});
