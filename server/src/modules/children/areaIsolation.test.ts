/**
 * Area isolation, enforced twice: by PostgreSQL row-level security under the caller's scope (a
 * query with no WHERE clause), and by the API answering 404 for records outside the caller's area.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEnv, type TestEnv } from '../../../test/harness.js';
import { lookupSession } from '../auth/sessions.js';
import { inScope } from '../../core/context.js';

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
});
afterAll(async () => {
  await env?.close();
});

async function ctxFor(username: string) {
  const a = await env.login(username);
  const token = a.cookie!.split('=')[1]!;
  const found = await lookupSession(env.db.app, token, new Date(env.clock.now), env.deps.config.sessionIdleMs);
  if (found.kind !== 'ok') throw new Error('no session');
  return { requestId: 'test', ip: '127.0.0.1', userAgent: 'vitest', actor: found.actor };
}

const counts = async () =>
  Object.fromEntries(
    (await env.owner.query<{ street_code: string; n: number }>('select street_code, count(*)::int as n from children group by 1')).rows.map((r) => [
      r.street_code,
      r.n,
    ]),
  );

describe('row-level security (the database itself)', () => {
  it('a query with no WHERE clause under a street supervisor scope returns only that street', async () => {
    const ctx = await ctxFor('street-dinghai');
    const rows = await inScope(env.db, ctx, async (tx) => (await tx.client.query<{ street_code: string }>('select street_code from children')).rows);
    const all = await counts();
    expect(rows.length).toBe(all.dinghai);
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r.street_code))).toEqual(new Set(['dinghai']));
    const members = await inScope(
      env.db,
      ctx,
      async (tx) => (await tx.client.query<{ street_code: string }>('select distinct street_code from household_members')).rows,
    );
    expect(members.map((m) => m.street_code)).toEqual(['dinghai']);
  });

  it('a child director sees only the children of their committee', async () => {
    const ctx = await ctxFor('director-dinghai');
    const rows = await inScope(
      env.db,
      ctx,
      async (tx) => (await tx.client.query<{ code: string }>('select m.code from children c join committees m on m.id = c.committee_id')).rows,
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r.code))).toEqual(new Set(['dinghai-01']));
  });

  it('district staff see all; a department user and an unscoped connection see none', async () => {
    const total = Object.values(await counts()).reduce((a, b) => a + b, 0);
    const district = await ctxFor('district');
    expect(await inScope(env.db, district, async (tx) => (await tx.client.query('select 1 from children')).rowCount)).toBe(total);
    const edu = await ctxFor('edu');
    expect(await inScope(env.db, edu, async (tx) => (await tx.client.query('select 1 from children')).rowCount)).toBe(0);
    // A connection of the application role that never set a scope sees nothing.
    expect((await env.db.app.query('select 1 from children')).rowCount).toBe(0);
  });

  it('refuses, in the database, an insert into another street and an update moving a child out', async () => {
    const ctx = await ctxFor('street-dinghai');
    const pingliangCommittee = (await env.owner.query(`select id from committees where street_code = 'pingliang' limit 1`)).rows[0].id;
    await expect(
      inScope(env.db, ctx, (tx) =>
        tx.client.query(`insert into children (committee_id, name, sex, birth_date) values ($1, '越界测试', 'F', '2015-01-01')`, [pingliangCommittee]),
      ),
    ).rejects.toMatchObject({ code: '42501' });
    // Even naming its own street: the street follows the committee, then RLS checks the row.
    await expect(
      inScope(env.db, ctx, (tx) =>
        tx.client.query(`insert into children (street_code, committee_id, name, sex, birth_date) values ('dinghai', $1, '越界测试', 'F', '2015-01-01')`, [
          pingliangCommittee,
        ]),
      ),
    ).rejects.toMatchObject({ code: '42501' });
    const child = (await env.owner.query(`select id from children where street_code = 'dinghai' limit 1`)).rows[0].id;
    await expect(
      inScope(env.db, ctx, (tx) => tx.client.query('update children set committee_id = $2 where id = $1', [child, pingliangCommittee])),
    ).rejects.toMatchObject({ code: '42501' });
    // A household member's area is copied from its child: a member for another street's child is refused.
    const other = (await env.owner.query(`select id from children where street_code = 'pingliang' limit 1`)).rows[0].id;
    await expect(
      inScope(env.db, ctx, (tx) =>
        tx.client.query(
          `insert into household_members (child_id, street_code, committee_id, name, relation, role) values ($1, 'dinghai', $2, '某某', '父亲', 'guardian')`,
          [other, pingliangCommittee],
        ),
      ),
    ).rejects.toMatchObject({ code: '42501' });
    expect((await env.owner.query(`select count(*)::int as n from children where name = '越界测试'`)).rows[0].n).toBe(0);
  });

  it('a commissioned social worker sees exactly the children assigned to them', async () => {
    const hash = (await env.owner.query(`select password_hash from users where username = 'edu'`)).rows[0].password_hash;
    await env.owner.query(`insert into units (code, name, kind) values ('sunshine-sw', '阳光社工事务所', 'organisation')`);
    const worker = (
      await env.owner.query(`insert into users (username, display_name, unit_code, password_hash) values ('sw-test', '社工', 'sunshine-sw', $1) returning id`, [
        hash,
      ])
    ).rows[0].id;
    await env.owner.query(`insert into user_roles (user_id, role_code) values ($1, 'social_worker')`, [worker]);
    const picked = (await env.owner.query(`select id from children where street_code in ('yinhang', 'daqiao') order by id limit 3`)).rows.map((r) => r.id);
    for (const id of picked) await env.owner.query('insert into child_assignments (child_id, user_id) values ($1, $2)', [id, worker]);
    const ctx = await ctxFor('sw-test');
    const seen = await inScope(env.db, ctx, async (tx) => (await tx.client.query<{ id: string }>('select id from children order by id')).rows.map((r) => r.id));
    expect(seen).toEqual([...picked].sort());
    const a = await env.login('sw-test');
    expect((await a.get('/api/children')).json().total).toBe(3);
    const other = (await env.owner.query(`select id from children where not (id = any($1)) limit 1`, [picked])).rows[0].id;
    expect((await a.get(`/api/children/${other}`)).statusCode).toBe(404);
    expect((await a.get(`/api/children/${picked[0]}`)).statusCode).toBe(200);
  });

  it('the application role is neither owner nor superuser and cannot bypass RLS', async () => {
    const r = (await env.db.app.query(`select rolsuper, rolbypassrls from pg_roles where rolname = current_user`)).rows[0];
    expect(r).toEqual({ rolsuper: false, rolbypassrls: false });
    const owners = (await env.db.app.query(`select count(*)::int as n from pg_tables where schemaname = 'public' and tableowner = current_user`)).rows[0].n;
    expect(owners).toBe(0);
  });
});

describe('the API across streets', () => {
  it("lists only the caller's street, and answers 404 for another street's child (read and unmask)", async () => {
    const all = await counts();
    const dinghai = await env.login('street-dinghai');
    const list = (await dinghai.get('/api/children?pageSize=200')).json();
    expect(list.total).toBe(all.dinghai);
    expect(list.items.every((c: { streetCode: string }) => c.streetCode === 'dinghai')).toBe(true);
    // Asking for another street by filter changes nothing: still only what the scope allows.
    expect((await dinghai.get('/api/children?street=pingliang')).json().total).toBe(0);

    const foreign = (await env.owner.query(`select id from children where street_code = 'pingliang' limit 1`)).rows[0].id;
    const own = list.items[0].id;
    expect((await dinghai.get(`/api/children/${own}`)).statusCode).toBe(200);
    const res = await dinghai.get(`/api/children/${foreign}`);
    expect(res.statusCode).toBe(404);
    expect((await dinghai.post(`/api/children/${foreign}/unmask`, { reason: '核对身份' })).statusCode).toBe(404);
    expect((await dinghai.get('/api/children/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    const pingliang = await env.login('street-pingliang');
    expect((await pingliang.get(`/api/children/${foreign}`)).statusCode).toBe(200);
  });

  it('masks identity numbers in lists; unmasking needs the permission and a reason, and is audited', async () => {
    const dinghai = await env.login('street-dinghai');
    const child = (await dinghai.get('/api/children?pageSize=50')).json().items.find((c: { idNumberMasked: string | null }) => c.idNumberMasked);
    expect(child.idNumberMasked).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
    expect((await dinghai.post(`/api/children/${child.id}/unmask`, {})).statusCode).toBe(400);
    const full = (await dinghai.post(`/api/children/${child.id}/unmask`, { reason: '办理低保核对' })).json().idNumber;
    expect(full).toMatch(/^\d{17}[\dX]$/);
    expect(full.slice(0, 6)).toBe(child.idNumberMasked.slice(0, 6));
    const row = (await env.owner.query(`select reason, summary from audit_log where action = 'child.unmask' and entity_id = $1`, [child.id])).rows[0];
    expect(row.reason).toBe('办理低保核对');
    expect(JSON.stringify(row)).not.toContain(full);

    const director = await env.login('director-dinghai');
    expect((await director.post(`/api/children/${child.id}/unmask`, { reason: '核对' })).statusCode).toBe(403);
  });

  it('stores identity numbers encrypted: the raw row holds no identity number', async () => {
    const raw = (await env.owner.query(`select id_number_enc, id_number_bidx, phone_enc from children where id_number_enc is not null limit 1`)).rows[0];
    expect(raw.id_number_enc).toMatch(/^v1\./);
    expect(JSON.stringify(raw)).not.toMatch(/\d{17}[\dX]/);
  });

  it("refuses every read and write on another street's file with 404, changing nothing", async () => {
    const a = await env.login('street-dinghai');
    const foreign = (await env.owner.query(`select id, version from children where street_code = 'pingliang' limit 1`)).rows[0];
    const member = (await env.owner.query('select id from household_members where child_id = $1 limit 1', [foreign.id])).rows[0].id;
    const pingliangCommittee = (await env.owner.query(`select id from committees where code = 'pingliang-02'`)).rows[0].id;
    const before = JSON.stringify((await env.owner.query('select * from children where id = $1', [foreign.id])).rows[0]);
    const calls: [string, 'GET' | 'POST' | 'PATCH' | 'DELETE', string, unknown?][] = [
      ['read', 'GET', `/api/children/${foreign.id}`],
      ['history', 'GET', `/api/children/${foreign.id}/history`],
      ['update', 'PATCH', `/api/children/${foreign.id}`, { version: foreign.version, schoolName: '越界' }],
      ['unmask', 'POST', `/api/children/${foreign.id}/unmask`, { reason: '越界查看' }],
      ['add member', 'POST', `/api/children/${foreign.id}/members`, { name: '越界', relation: '父亲', role: 'member' }],
      ['update member', 'PATCH', `/api/children/${foreign.id}/members/${member}`, { name: '越界' }],
      ['unmask member', 'POST', `/api/children/${foreign.id}/members/${member}/unmask`, { reason: '越界查看' }],
      ['delete member', 'DELETE', `/api/children/${foreign.id}/members/${member}`],
      ['add category', 'POST', `/api/children/${foreign.id}/categories`, { category: 'disabled', since: '2026-01-01' }],
      ['add benefit', 'POST', `/api/children/${foreign.id}/benefits`, { benefit: '越界', since: '2026-01-01' }],
      ['close', 'POST', `/api/children/${foreign.id}/close`, { reason: 'moved_away', closedOn: '2026-01-01', version: foreign.version }],
      ['transfer', 'POST', `/api/children/${foreign.id}/transfer`, { toCommitteeId: pingliangCommittee, reason: '越界转出', version: foreign.version }],
    ];
    for (const [name, method, url, body] of calls) {
      const res = await a.request(method, url, body);
      expect(res.statusCode, `${name}: ${res.body}`).toBe(404);
    }
    expect(JSON.stringify((await env.owner.query('select * from children where id = $1', [foreign.id])).rows[0])).toBe(before);
    expect((await env.owner.query('select count(*)::int as n from household_members where child_id = $1 and name = $2', [foreign.id, '越界'])).rows[0].n).toBe(
      0,
    );
    // the search box does not reach across streets either
    const tail = (await env.owner.query('select id_number_tail from children where id = $1', [foreign.id])).rows[0].id_number_tail;
    if (tail)
      expect((await a.post('/api/children/search', { q: tail, status: 'all' })).json().items.map((c: { id: string }) => c.id)).not.toContain(foreign.id);
  });

  it('ignores area and owner fields sent by a client: the server sets them from the caller and the committee', async () => {
    const a = await env.login('street-dinghai');
    const own = (await env.owner.query(`select id from committees where code = 'dinghai-03'`)).rows[0].id;
    const created = await a.post('/api/children', {
      name: '越权字段',
      birthDate: '2016-01-01',
      sex: 'F',
      noIdNote: '测试',
      hukou: 'local',
      riskLevel: 'low',
      committeeId: own,
      streetCode: 'pingliang',
      street_code: 'pingliang',
      createdBy: '00000000-0000-4000-8000-000000000000',
      version: 99,
      status: 'closed',
    });
    expect(created.statusCode, created.body).toBe(201);
    const row = (await env.owner.query('select street_code, created_by, version, status from children where id = $1', [created.json().id])).rows[0];
    const me = (await env.owner.query(`select id from users where username = 'street-dinghai'`)).rows[0].id;
    expect(row).toEqual({ street_code: 'dinghai', created_by: me, version: 1, status: 'active' });
    const patched = await a.patch(`/api/children/${created.json().id}`, { version: 1, streetCode: 'pingliang', schoolName: '某小学' });
    expect(patched.statusCode).toBe(200);
    expect(patched.json().streetCode).toBe('dinghai');
  });
});
