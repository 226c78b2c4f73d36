/**
 * Safeguarding default (issue 9.5): a new or newly high-risk file is due for a visit within a
 * configurable number of days (default 7), not a month later; after that visit the interval rules
 * apply again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '#common/idNumber.js';
import { testEnv, type Agent, type TestEnv } from '../../../test/harness.js';
import { addDays, shanghaiDate } from '#common/dates.js';

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
});
afterAll(async () => {
  await env?.close();
});

const today = () => shanghaiDate(env.clock.now);
let seq = 500;
const committee = async (code: string) => (await env.owner.query<{ id: string }>('select id from committees where code = $1', [code])).rows[0]!.id;
async function newChild(a: Agent, riskLevel: 'high' | 'medium' | 'low', registeredOn?: string): Promise<string> {
  const res = await a.post('/api/children', {
    name: '首访测试',
    hukou: 'local',
    committeeId: await committee('dinghai-01'),
    riskLevel,
    idNumber: makeIdNumber('310109', '2016-04-14', (seq += 2), 'M'),
    ...(registeredOn ? { registeredOn } : {}),
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}
const due = async (a: Agent, id: string) => (await a.get(`/api/children/${id}`)).json().nextVisitDue as string;
const SERVICE = ['living', 'safety', 'health', 'schooling', 'guardianship', 'psychology', 'policy'];

describe('first visit of a high-risk child', () => {
  it('a new high-risk file is due within 7 days, a new low-risk one on the usual interval', async () => {
    const a = await env.login('street-dinghai');
    expect(await due(a, await newChild(a, 'high'))).toBe(addDays(today(), 7));
    expect(await due(a, await newChild(a, 'low'))).toBe(addDays(today(), 90));
    // registered long ago (paper file): the usual rule is already sooner, and stays
    expect(await due(a, await newChild(a, 'high', addDays(today(), -60)))).toBe(addDays(today(), -30));
  });

  it('a file raised to high risk is due within 7 days; lowered again, the usual interval applies', async () => {
    const a = await env.login('street-dinghai');
    const id = await newChild(a, 'low');
    let r = await a.patch(`/api/children/${id}`, { version: 1, riskLevel: 'high' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().nextVisitDue).toBe(addDays(today(), 7));
    r = await a.patch(`/api/children/${id}`, { version: 2, riskLevel: 'medium' });
    expect(r.json().nextVisitDue).toBe(addDays(today(), 60));
  });

  it('after the first visit the interval rules apply again', async () => {
    const a = await env.login('street-dinghai');
    const id = await newChild(a, 'high');
    const v = await a.post('/api/visits', {
      childId: id,
      visitedOn: today(),
      kind: 'home',
      peopleMet: '祖母',
      checklist: SERVICE.map((code) => ({ code, status: 'ok' })),
      findings: '生活情况稳定。',
      submit: true,
    });
    expect(v.statusCode, v.body).toBe(201);
    expect(await due(a, id)).toBe(addDays(today(), 30));
  });

  it('the number of days is configured with the visit rules (audited), checked in Chinese, and applied at once', async () => {
    const district = await env.login('district');
    const street = await env.login('street-dinghai');
    const id = await newChild(street, 'high');
    const got = (await district.get('/api/visit-rules')).json();
    expect(got.highRiskFirstVisitDays).toBe(7);
    const rules = got.items.map((r: { riskLevel: string | null; category: string | null; intervalDays: number; label: string }) => ({
      riskLevel: r.riskLevel,
      category: r.category,
      intervalDays: r.intervalDays,
      label: r.label,
    }));
    const bad = await district.put('/api/visit-rules', { rules, highRiskFirstVisitDays: 0 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0]).toMatchObject({ path: 'highRiskFirstVisitDays', message: '首次走访期限至少 1 天' });
    const ok = await district.put('/api/visit-rules', { rules, highRiskFirstVisitDays: 3 });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().highRiskFirstVisitDays).toBe(3);
    expect(await due(street, id)).toBe(addDays(today(), 3));
    const audit = (await env.owner.query(`select summary from audit_log where action = 'visit.rules.update' order by id desc limit 1`)).rows[0];
    expect(audit.summary.highRiskFirstVisitDays).toEqual({ before: 7, after: 3 });
    // left out: unchanged
    expect((await district.put('/api/visit-rules', { rules })).json().highRiskFirstVisitDays).toBe(3);
    expect((await street.put('/api/visit-rules', { rules, highRiskFirstVisitDays: 5 })).statusCode).toBe(403);
  });
});
