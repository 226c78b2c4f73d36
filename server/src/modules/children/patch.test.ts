/**
 * PATCH of a file: the change, the eligibility match and the file's reload run in one transaction,
 * and the match runs only when a field the eligibility rules read has changed.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { makeIdNumber } from '#common/idNumber.js';
import { testEnv, type TestEnv } from '../../../test/harness.js';

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
});
afterAll(async () => {
  await env?.close();
});

const committee = async (code: string) => (await env.owner.query<{ id: string }>('select id from committees where code = $1', [code])).rows[0]?.id;
const results = async (childId: string) =>
  (await env.owner.query<{ n: number }>('select count(*)::int as n from eligibility_results where child_id = $1', [childId])).rows[0]?.n;

describe('changing a file and matching it again', () => {
  it('matches again only when a field the eligibility rules read changed; an unchanged PATCH keeps the version', async () => {
    const a = await env.login('street-dinghai');
    const created = await a.post('/api/children', {
      name: '陈小满',
      hukou: 'local',
      committeeId: await committee('dinghai-02'),
      riskLevel: 'low',
      idNumber: makeIdNumber('310110', '2014-02-02', 901, 'F'),
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    expect(await results(id)).toBeGreaterThan(0); // matched on creation
    await env.owner.query('delete from eligibility_results where child_id = $1', [id]);

    const school = await a.patch(`/api/children/${id}`, { version: 1, schoolName: '控江小学' });
    expect(school.statusCode, school.body).toBe(200);
    expect(school.json()).toMatchObject({ version: 2, schoolName: '控江小学' });
    expect(await results(id)).toBe(0); // the school's name is not read by any rule

    const same = await a.patch(`/api/children/${id}`, { version: 2, schoolName: '控江小学' });
    expect(same.statusCode, same.body).toBe(200);
    expect(same.json().version).toBe(2);
    expect(await results(id)).toBe(0);

    const hukou = await a.patch(`/api/children/${id}`, { version: 2, hukou: 'other' });
    expect(hukou.statusCode, hukou.body).toBe(200);
    expect(hukou.json()).toMatchObject({ version: 3, hukou: 'other' });
    expect(await results(id)).toBeGreaterThan(0);
  });

  it('uses one connection (one transaction) for the change, the match and the reload, as a read does', async () => {
    const a = await env.login('street-dinghai');
    const id = (
      await a.post('/api/children', {
        name: '陈小桥',
        hukou: 'local',
        committeeId: await committee('dinghai-02'),
        riskLevel: 'low',
        idNumber: makeIdNumber('310110', '2013-03-03', 902, 'M'),
      })
    ).json().id;
    const connect = vi.spyOn(env.db.app, 'connect');
    try {
      await a.get(`/api/children/${id}`);
      const perRead = connect.mock.calls.length;
      connect.mockClear();
      const res = await a.patch(`/api/children/${id}`, { version: 1, householdSize: 4, monthlyIncomeFen: 300000 });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ version: 2, householdSize: 4 });
      expect(connect.mock.calls.length).toBe(perRead);
    } finally {
      connect.mockRestore();
    }
    expect(await results(id)).toBeGreaterThan(0);
  });
});
