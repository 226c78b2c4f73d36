import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEnv, type TestEnv } from '../../../test/harness.js';

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
});
afterAll(async () => {
  await env?.close();
});

const committee = async (code: string) =>
  (await env.owner.query('select id, name from committees where code = $1', [code])).rows[0] as { id: string; name: string };
const childrenIn = async (id: string) => (await env.owner.query('select count(*)::int as n from children where committee_id = $1', [id])).rows[0].n as number;

describe('residential committees', () => {
  it('adds a committee with the next code of its street, refusing duplicates and unknown streets', async () => {
    const admin = await env.login('admin');
    const created = await admin.post('/api/org/committees', { streetCode: 'daqiao', name: '新建测试居民区' });
    expect(created.statusCode).toBe(201);
    expect(created.json().code).toMatch(/^daqiao-\d{2}$/);
    expect((await admin.post('/api/org/committees', { streetCode: 'daqiao', name: '新建测试居民区' })).statusCode).toBe(409);
    const unknown = await admin.post('/api/org/committees', { streetCode: 'nowhere', name: '某某居民区' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.fields[0].path).toBe('streetCode');
  });

  it('merges a committee into another of the same street: children and child directors move, history stays', async () => {
    const admin = await env.login('admin');
    const from = await committee('dinghai-01');
    const into = await committee('dinghai-02');
    const moving = await childrenIn(from.id);
    const staying = await childrenIn(into.id);
    expect(moving).toBeGreaterThan(0);

    const otherStreet = await committee('pingliang-01');
    const refused = await admin.post(`/api/org/committees/${from.id}/merge`, { intoId: otherStreet.id });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.fields[0].message).toContain('同一街道');

    const res = await admin.post(`/api/org/committees/${from.id}/merge`, { intoId: into.id });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ movedChildren: moving, movedDirectors: 1, from: { active: false, mergedInto: into.id } });
    expect(await childrenIn(from.id)).toBe(0);
    expect(await childrenIn(into.id)).toBe(moving + staying);
    const members = (await env.owner.query('select count(*)::int as n from household_members where committee_id = $1', [from.id])).rows[0].n;
    expect(members).toBe(0);

    // The child director of the merged committee now works in (and sees) the remaining one.
    const director = await env.login('director-dinghai');
    const me = (await director.get('/api/auth/me')).json();
    expect(me.scope.committees).toEqual([into.id]);
    expect(me.scope.label).toBe(into.name);
    expect((await director.get('/api/children?pageSize=1')).json().total).toBe(moving + staying);

    expect((await admin.post(`/api/org/committees/${from.id}/merge`, { intoId: into.id })).statusCode).toBe(409);
    const listed = (await admin.get('/api/org/committees?street=dinghai&includeInactive=true&pageSize=200')).json();
    expect(listed.items.find((c: { id: string }) => c.id === from.id)).toMatchObject({ active: false, mergedInto: into.id });
    const audit = (await env.owner.query(`select summary from audit_log where action = 'org.committee.merge' and entity_id = $1`, [from.id])).rows[0];
    expect(audit.summary).toMatchObject({ movedChildren: moving, into: into.name });
  });
});
