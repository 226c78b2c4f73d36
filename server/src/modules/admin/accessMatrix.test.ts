/**
 * Every role against every administration route: 401 without a session, 403 without the
 * permission (and the refusal audited), success with it. Plus deny-by-default over the whole
 * OpenAPI document: a user with no permissions is refused on every route that needs one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEnv, type Agent, type TestEnv } from '../../../test/harness.js';

let env: TestEnv;
const agents: Record<string, Agent> = {};
const USERS = ['admin', 'secadmin', 'auditor', 'district', 'street-dinghai', 'director-dinghai', 'edu'] as const;

beforeAll(async () => {
  env = await testEnv();
  for (const u of USERS) agents[u] = await env.login(u);
});
afterAll(async () => {
  await env?.close();
});

type Call = {
  name: string;
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  url: string | (() => Promise<string>);
  body?: unknown | (() => Promise<unknown>);
  allowed: (typeof USERS)[number][];
};

const userId = async (u: string) => (await env.owner.query('select id from users where username = $1', [u])).rows[0].id as string;
const committeeId = async () => (await env.owner.query(`select id from committees where code = 'dinghai-02'`)).rows[0].id as string;
const READERS = ['admin', 'secadmin', 'auditor', 'district', 'street-dinghai', 'director-dinghai', 'edu'] as const;

const CALLS: Call[] = [
  { name: 'list streets', method: 'GET', url: '/api/org/streets', allowed: [...READERS] },
  { name: 'list committees', method: 'GET', url: '/api/org/committees?street=dinghai', allowed: [...READERS] },
  { name: 'list units', method: 'GET', url: '/api/org/units', allowed: [...READERS] },
  { name: 'create committee', method: 'POST', url: '/api/org/committees', body: { streetCode: 'dinghai', name: '矩阵测试居民区' }, allowed: ['admin'] },
  {
    name: 'rename committee',
    method: 'PATCH',
    url: async () => `/api/org/committees/${await committeeId()}`,
    body: { name: '矩阵更名居民区' },
    allowed: ['admin'],
  },
  {
    name: 'create unit',
    method: 'POST',
    url: '/api/org/units',
    body: { code: 'matrix-org', name: '矩阵测试社工机构', kind: 'organisation' },
    allowed: ['admin'],
  },
  { name: 'update unit', method: 'PATCH', url: '/api/org/units/water', body: { nameEn: 'Water Affairs' }, allowed: ['admin'] },
  { name: 'list users', method: 'GET', url: '/api/admin/users', allowed: ['admin', 'secadmin'] },
  {
    name: 'create user',
    method: 'POST',
    url: '/api/admin/users',
    body: { username: 'matrix-user', displayName: '矩阵', unitCode: 'education', roles: ['department'], password: 'Matrix#Test-2026' },
    allowed: ['admin'],
  },
  { name: 'update user', method: 'PATCH', url: async () => `/api/admin/users/${await userId('edu')}`, body: { displayName: '赵强' }, allowed: ['admin'] },
  {
    name: 'reset password',
    method: 'POST',
    url: async () => `/api/admin/users/${await userId('street-pingliang')}/password`,
    body: { password: 'Reset#Pass-2026' },
    allowed: ['admin'],
  },
  { name: 'unlock user', method: 'POST', url: async () => `/api/admin/users/${await userId('street-pingliang')}/unlock`, allowed: ['secadmin'] },
  { name: 'reset mfa', method: 'POST', url: async () => `/api/admin/users/${await userId('street-pingliang')}/reset-mfa`, allowed: ['secadmin'] },
  {
    name: 'set administrator account status',
    method: 'PUT',
    url: async () => `/api/admin/users/${await userId('auditor')}/admin-status`,
    body: { disabled: false },
    allowed: ['secadmin'],
  },
  { name: 'list administrator account requests', method: 'GET', url: '/api/admin/admin-requests', allowed: ['admin', 'secadmin', 'auditor'] },
  {
    name: 'request an administrator password reset',
    method: 'POST',
    url: '/api/admin/admin-requests',
    body: async () => ({ userId: await userId('auditor'), reason: '矩阵测试申请' }),
    allowed: ['secadmin'],
  },
  { name: 'list roles', method: 'GET', url: '/api/admin/roles', allowed: ['admin', 'secadmin'] },
  {
    name: 'create role',
    method: 'POST',
    url: '/api/admin/roles',
    body: { code: 'matrix_role', name: '矩阵角色', scopeKind: 'none', permissions: ['org.read'] },
    allowed: ['secadmin'],
  },
  { name: 'update role', method: 'PATCH', url: '/api/admin/roles/department', body: { nameEn: 'Department staff' }, allowed: ['secadmin'] },
  { name: 'read audit', method: 'GET', url: '/api/audit', allowed: ['auditor'] },
  { name: 'verify audit', method: 'POST', url: '/api/audit/verify', allowed: ['auditor'] },
];

describe('role × administration route', () => {
  for (const call of CALLS) {
    it(`${call.name}: 401 anonymous, 403 for ${USERS.filter((u) => !call.allowed.includes(u)).join(', ') || 'nobody'}, success for ${call.allowed.join(', ')}`, async () => {
      const url = typeof call.url === 'function' ? await call.url() : call.url;
      const body = typeof call.body === 'function' ? await (call.body as () => Promise<unknown>)() : call.body;
      expect((await env.agent().request(call.method, url, body)).statusCode).toBe(401);
      for (const u of USERS) {
        if (call.allowed.includes(u)) continue;
        const res = await agents[u]!.request(call.method, url, body);
        expect(res.statusCode, `${u} ${call.method} ${url}`).toBe(403);
        expect(res.json().error.code).toBe('FORBIDDEN');
      }
      const denials = (
        await env.owner.query(`select count(*)::int as n from audit_log where action = 'access.denied' and summary->>'route' like $1`, [`${call.method} %`])
      ).rows[0].n;
      if (call.allowed.length < USERS.length) expect(denials).toBeGreaterThan(0);
      for (const u of call.allowed.slice(0, 1)) {
        const res = await agents[u]!.request(call.method, url, body);
        expect(res.statusCode, `${u} ${call.method} ${url}: ${res.body}`).toBeLessThan(300);
      }
    });
  }
});

/**
 * 协同: every demo role against the referral routes, about one school-fee waiver sent by 定海 to the
 * education bureau for a child of 定海 居委 01: 401 without a session, 403 without the permission,
 * 404 outside the caller's scope (another street, another department, a unit that is not the
 * receiver), 200 within it. A route added to the referrals module gets its row here.
 */
describe('role × referral route', () => {
  const ROLES = [
    'admin',
    'secadmin',
    'auditor',
    'district',
    'leader',
    'street-dinghai',
    'street-pingliang',
    'director-dinghai',
    'edu',
    'edu-head',
    'police',
    'dpf',
  ] as const;
  type Who = (typeof ROLES)[number];
  const ref: Record<string, Agent> = {};
  let referralId = '';
  let childId = '';
  const agentOf = (u: Who): Agent => {
    const a = ref[u];
    if (!a) throw new Error(`${u} is not logged in`);
    return a;
  };

  beforeAll(async () => {
    // The administration matrix above reset 平凉's password: give it back the demo one.
    await env.owner.query(
      `update users set password_hash = (select password_hash from users where username = 'edu'), must_change_password = false
        where username = 'street-pingliang'`,
    );
    for (const u of ROLES) ref[u] = await env.login(u);
    const child = (
      await env.owner.query<{ id: string }>(
        `select c.id from children c join committees m on m.id = c.committee_id
          where m.code = 'dinghai-01' and c.status = 'active' and c.birth_date > current_date - interval '15 years' order by c.id limit 1`,
      )
    ).rows[0];
    if (!child) throw new Error('no child in dinghai-01');
    const res = await agentOf('street-dinghai').post('/api/referrals', {
      childId: child.id,
      kind: 'fee_waiver',
      policyId: 'school-fee-waiver',
      toUnit: 'education',
      reason: '矩阵测试：申请减免',
    });
    expect(res.statusCode, res.body).toBe(201);
    referralId = res.json().id;
    childId = child.id;
  });

  const NO_READ: Who[] = ['admin', 'secadmin', 'auditor'];
  const READERS: Who[] = ROLES.filter((u) => !NO_READ.includes(u));
  type Want = 200 | 201 | 403 | 404 | 409;
  const ROWS: { name: string; method?: 'POST'; url: () => string; body?: () => unknown; expect: Partial<Record<Who, Want>> }[] = [
    {
      name: 'GET /api/referrals (work queue)',
      url: () => '/api/referrals?box=incoming',
      expect: { ...Object.fromEntries(READERS.map((u) => [u, 200])), ...Object.fromEntries(NO_READ.map((u) => [u, 403])) },
    },
    {
      name: 'GET /api/referral-kinds',
      url: () => '/api/referral-kinds',
      expect: { ...Object.fromEntries(READERS.map((u) => [u, 200])), ...Object.fromEntries(NO_READ.map((u) => [u, 403])) },
    },
    {
      name: 'GET /api/referrals/:id',
      url: () => `/api/referrals/${referralId}`,
      expect: {
        admin: 403,
        secadmin: 403,
        auditor: 403,
        district: 200,
        leader: 200,
        'street-dinghai': 200,
        'street-pingliang': 404,
        'director-dinghai': 200,
        edu: 200,
        'edu-head': 200,
        police: 404,
        dpf: 404,
      },
    },
    {
      name: 'GET /api/referrals/:id/child (the receiving unit only)',
      url: () => `/api/referrals/${referralId}/child`,
      expect: {
        admin: 403,
        secadmin: 403,
        auditor: 403,
        leader: 403,
        'director-dinghai': 403,
        district: 404,
        'street-dinghai': 404,
        'street-pingliang': 404,
        police: 404,
        dpf: 404,
        edu: 200,
        'edu-head': 200,
      },
    },
    {
      // a step out of the caller's side is refused (403) before the version is looked at; the
      // receiver with a stale version gets 409; nothing changes
      name: 'POST /api/referrals/:id/steps (签收, stale version)',
      method: 'POST',
      url: () => `/api/referrals/${referralId}/steps`,
      body: () => ({ step: 'receive', version: 999 }),
      expect: {
        admin: 403,
        secadmin: 403,
        auditor: 403,
        district: 403,
        leader: 403,
        'street-dinghai': 403,
        'director-dinghai': 403,
        'street-pingliang': 404,
        police: 404,
        dpf: 404,
        edu: 409,
        'edu-head': 409,
      },
    },
    {
      name: 'POST /api/referrals/:id/comments',
      method: 'POST',
      url: () => `/api/referrals/${referralId}/comments`,
      body: () => ({ note: '矩阵测试留言' }),
      expect: {
        admin: 403,
        secadmin: 403,
        auditor: 403,
        district: 200,
        leader: 200,
        'street-dinghai': 200,
        'director-dinghai': 200,
        edu: 200,
        'edu-head': 200,
        'street-pingliang': 404,
        police: 404,
        dpf: 404,
      },
    },
    {
      // the sender must see the child: its area, or (a receiving unit passing the case on) the
      // referral addressed to it
      name: 'POST /api/referrals',
      method: 'POST',
      url: () => '/api/referrals',
      body: () => ({ childId, kind: 'service', toUnit: 'youth-league', reason: '矩阵测试：结对陪伴' }),
      expect: {
        admin: 403,
        secadmin: 403,
        auditor: 403,
        leader: 403,
        district: 201,
        'street-dinghai': 201,
        'director-dinghai': 201,
        edu: 201,
        'edu-head': 201,
        'street-pingliang': 404,
        police: 404,
        dpf: 404,
      },
    },
    {
      name: 'POST /api/referrals/channel (暖杨通道)',
      method: 'POST',
      url: () => '/api/referrals/channel',
      body: () => ({ childId, kind: 'harm', toUnits: ['procuratorate'], reason: '矩阵测试：疑似侵害' }),
      expect: {
        admin: 403,
        secadmin: 403,
        auditor: 403,
        leader: 403,
        district: 201,
        'street-dinghai': 201,
        'director-dinghai': 201,
        edu: 201,
        'edu-head': 201,
        'street-pingliang': 404,
        police: 404,
        dpf: 404,
      },
    },
  ];

  for (const row of ROWS) {
    it(`${row.name}: 401 anonymous, then ${ROLES.map((u) => `${u} ${row.expect[u] ?? '?'}`).join(', ')}`, async () => {
      const call = (a: Agent) => a.request(row.method ?? 'GET', row.url(), row.body?.());
      expect((await call(env.agent())).statusCode).toBe(401);
      for (const u of ROLES) {
        const want = row.expect[u];
        expect(want, `${row.name}: no expectation for ${u}`).toBeDefined();
        const res = await call(agentOf(u));
        expect(res.statusCode, `${u} ${row.method ?? 'GET'} ${row.url()}: ${res.body.slice(0, 200)}`).toBe(want);
        if (want === 403) expect(res.json().error.code).toBe('FORBIDDEN');
        if (want === 404) expect(res.json().error.code).toBe('NOT_FOUND');
        if (want === 409) expect(res.json().error.code).toBe('VERSION_CONFLICT');
      }
    });
  }

  it('the views of the child are audited, one row per view that answered 200', async () => {
    const n = (
      await env.owner.query<{ n: number }>(`select count(*)::int as n from audit_log where action = 'referral.child-view' and summary->>'referralId' = $1`, [
        referralId,
      ])
    ).rows[0]?.n;
    expect(n).toBe(2);
  });
});

describe('deny by default', () => {
  it('a user whose roles grant no permission is refused on every route of the OpenAPI document that needs one', async () => {
    await env.owner.query(`insert into roles (code, name, scope_kind, permissions) values ('empty', '无权限', 'none', '{}')`);
    await env.owner.query(`update user_roles set role_code = 'empty' where user_id = (select id from users where username = 'edu')`);
    const a = await env.login('edu');
    const doc = (await env.agent().get('/api/openapi.json')).json();
    const open = new Set([
      '/api/health',
      '/api/auth/login',
      '/api/auth/me',
      '/api/auth/logout',
      '/api/auth/mfa',
      '/api/auth/sessions',
      '/api/auth/sessions/{id}',
      '/api/auth/password',
      '/api/auth/totp/setup',
      '/api/auth/totp/enable',
      '/api/auth/totp/disable',
      // the caller's own session status, keep-alive and form-draft key
      '/api/auth/session',
      '/api/auth/keepalive',
      '/api/auth/draft-key',
      // every user reads their own notifications
      '/api/notifications',
      '/api/notifications/{id}/read',
      '/api/notifications/read-all',
      // a department system's push: no session, the feed's key is the credential (401 without it)
      '/api/feeds/{code}/push',
    ]);
    let checked = 0;
    const paths = new Set<string>();
    for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, unknown>>)) {
      if (open.has(path)) continue;
      for (const method of Object.keys(ops)) {
        const url = path.replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000');
        const res = await a.request(method.toUpperCase() as 'GET', url, method === 'get' ? undefined : {});
        expect(res.statusCode, `${method} ${path}`).toBe(403);
        checked++;
        paths.add(`${method.toUpperCase()} ${path}`);
      }
    }
    expect(checked).toBeGreaterThanOrEqual(20);
    // the referral routes (协同) are among them, the receiving unit's view of the child included
    expect([...paths]).toEqual(
      expect.arrayContaining([
        'GET /api/referrals',
        'POST /api/referrals',
        'POST /api/referrals/channel',
        'GET /api/referrals/{id}',
        'POST /api/referrals/{id}/steps',
        'POST /api/referrals/{id}/comments',
        'GET /api/referrals/{id}/child',
        'GET /api/referral-kinds',
        'GET /api/referrals/{id}/attachments/{attachmentId}',
        'GET /api/referrals/stats',
        'GET /api/referral-receivers',
        'PATCH /api/referral-kinds/{code}',
        'PUT /api/referral-settings',
        'PUT /api/work-calendar',
      ]),
    );
    await env.owner.query(`update user_roles set role_code = 'department' where user_id = (select id from users where username = 'edu')`);
  });

  it('the server refuses to start with an API route that declares no access', async () => {
    const { buildApp } = await import('../../app.js');
    const app = await buildApp(env.deps);
    expect(() => app.get('/api/undeclared', async () => ({ ok: true }))).toThrow(/does not declare its access/);
    await app.close().catch(() => {});
  });
});

describe('三权分立 (separation of the three administrators)', () => {
  it('refuses combining administrator roles, or an administrator role with business roles', async () => {
    const sec = agents.secadmin!;
    const auditorId = await userId('auditor');
    const eduId = await userId('edu');
    const res = await agents.admin!.patch(`/api/admin/users/${eduId}`, { roles: ['auditadmin', 'sysadmin'] });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0].message).toContain('互斥');
    // On an administrator's account the system administrator is refused outright (see adminAccounts.test.ts).
    expect((await agents.admin!.patch(`/api/admin/users/${auditorId}`, { roles: ['auditadmin', 'sysadmin'] })).statusCode).toBe(403);
    // The system administrator cannot grant administrator roles at all.
    expect((await agents.admin!.patch(`/api/admin/users/${eduId}`, { roles: ['sysadmin'] })).statusCode).toBe(403);
    // The security administrator can, on a separate account without business roles only.
    expect((await sec.put(`/api/admin/users/${eduId}/admin-role`, { role: 'auditadmin' })).statusCode).toBe(400);
  });

  it('creates a new administrator: the system administrator opens an account without roles, the security administrator grants the role', async () => {
    const created = await agents.admin!.post('/api/admin/users', {
      username: 'second-auditor',
      displayName: '第二审计员',
      unitCode: 'civil-affairs',
      password: 'Audit#Second-2026',
    });
    expect(created.statusCode).toBe(201);
    expect(created.json().roles).toEqual([]);
    const granted = await agents.secadmin!.put(`/api/admin/users/${created.json().id}/admin-role`, { role: 'auditadmin' });
    expect(granted.statusCode).toBe(200);
    expect(granted.json().roles).toEqual(['auditadmin']);
    const revoked = await agents.secadmin!.put(`/api/admin/users/${created.json().id}/admin-role`, { role: null });
    expect(revoked.json().roles).toEqual([]);
    const row = (
      await env.owner.query(`select summary from audit_log where action = 'security.user.admin-role' and entity_id = $1 order by id`, [created.json().id])
    ).rows;
    expect(row.map((r) => r.summary.roles.to)).toEqual([['auditadmin'], []]);
  });

  it('keeps administrator-class permissions on their own class of role', async () => {
    const res = await agents.secadmin!.patch('/api/admin/roles/district_civil', { permissions: ['children.read', 'audit.read'] });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0].message).toContain('三权分立');
  });

  it('nobody can alter the audit log, and only the audit administrator can read it', async () => {
    await expect(env.db.app.query(`update audit_log set action = 'x'`)).rejects.toMatchObject({ code: '42501' });
    await expect(env.db.app.query(`delete from audit_log`)).rejects.toMatchObject({ code: '42501' });
    await expect(env.db.app.query(`insert into audit_log (id, at, action, outcome, hash) values (-1, now(), 'x', 'success', '\\x00')`)).rejects.toMatchObject({
      code: '42501',
    });
    // Even the owner is stopped by the trigger.
    await expect(env.owner.query(`delete from audit_log`)).rejects.toThrow(/append-only/);
    expect((await agents.admin!.get('/api/audit')).statusCode).toBe(403);
    expect((await agents.auditor!.get('/api/audit')).statusCode).toBe(200);
  });
});
