/**
 * Hostile input on the safety write routes: a 1 MB description, full-width digits in a date, a date
 * that is not one, a NUL byte, an id that is not one. Each gets a Chinese refusal (never a 500) and
 * nothing is written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, shanghaiDate } from '#common/dates.js';
import { testEnv, type Agent, type TestEnv } from '../../../test/harness.js';

let env: TestEnv;
let district: Agent;
let water: Agent;
let siteId: string;

beforeAll(async () => {
  env = await testEnv();
  [district, water] = await Promise.all([env.login('district'), env.login('water')]);
  siteId = (
    await district.post('/api/safety/sites', {
      name: '测试河段',
      kind: 'river_section',
      streetCode: 'dinghai',
      responsibleUnitCode: 'street-dinghai',
      inspectingUnits: ['water'],
    })
  ).json().id;
});
afterAll(async () => {
  await env?.close();
});

const rows = async () =>
  (
    await env.owner.query<{ n: number }>(
      `select (select count(*) from safety_sites) + (select count(*) from inspections) + (select count(*) from hazards) + (select count(*) from inspection_checklists) as n`,
    )
  ).rows[0]?.n;

describe('hostile input on the safety routes', () => {
  it('refuses each with a Chinese message and writes nothing', async () => {
    const today = shanghaiDate(env.clock.now);
    const results = (hazard: Record<string, unknown>) =>
      ['barriers', 'signs', 'rescue', 'publicity', 'patrol'].map((code) => (code === 'signs' ? { code, result: 'issue', hazard } : { code, result: 'ok' }));
    const inspection = (over: Record<string, unknown>) => ({ siteId, inspectedOn: today, checklistCode: 'river-patrol', ...over });
    const before = await rows();
    const cases: [Agent, string, Record<string, unknown>][] = [
      [water, '/api/safety/inspections', inspection({ results: results({ description: '长'.repeat(1_000_000), deadline: addDays(today, 3) }) })],
      [
        water,
        '/api/safety/inspections',
        inspection({ inspectedOn: '２０２６-１１-２０', results: results({ description: '缺失', deadline: addDays(today, 3) }) }),
      ],
      [water, '/api/safety/inspections', inspection({ results: results({ description: '缺失', deadline: '2026-02-30' }) })],
      [water, '/api/safety/inspections', inspection({ results: results({ description: '缺\u0000失', deadline: addDays(today, 3) }) })],
      [water, '/api/safety/inspections', inspection({ siteId: 'not-an-id', results: results({ description: '缺失', deadline: addDays(today, 3) }) })],
      [water, '/api/safety/inspections', inspection({ results: '全部符合' })],
      [district, '/api/safety/sites', { name: '示例\u0000小学', kind: 'school', streetCode: 'dinghai', responsibleUnitCode: 'education' }],
      [district, '/api/safety/sites', { name: '示例小学', kind: 'castle', streetCode: 'dinghai', responsibleUnitCode: 'education' }],
      [district, '/api/safety/sites', { name: '示'.repeat(1_000_000), kind: 'school', streetCode: 'dinghai', responsibleUnitCode: 'education' }],
      [district, '/api/safety/checklists', { code: 'x1', name: '表', siteKinds: ['school'], items: [{ code: 'a', text: '\u0000', topic: 'fire' }] }],
      [district, '/api/safety/checklists', { code: '检查表', name: '表', siteKinds: ['school'], items: [{ code: 'a', text: '项', topic: 'fire' }] }],
    ];
    for (const [agent, url, body] of cases) {
      const res = await agent.post(url, body);
      expect([400, 413], `${url} ${res.body.slice(0, 200)}`).toContain(res.statusCode);
      expect(res.body).toMatch(/[\u4e00-\u9fff]/);
      expect(res.body).not.toMatch(/at .*\.ts:\d+|stack/i);
    }
    // the hazard routes: a version that is not a number, a NUL in the note
    const h = await water.post('/api/safety/inspections', inspection({ results: results({ description: '缺失', deadline: addDays(today, 3) }) }));
    expect(h.statusCode, h.body).toBe(201);
    const hazard = h.json().hazards[0];
    const streetD = await env.login('street-dinghai');
    for (const body of [
      { note: '已整改', version: '１' },
      { note: '已\u0000整改', version: hazard.version },
      { note: '改'.repeat(1_000_000), version: hazard.version },
    ]) {
      const res = await streetD.post(`/api/safety/hazards/${hazard.id}/fix`, body);
      expect([400, 413]).toContain(res.statusCode);
      expect(res.body).toMatch(/[\u4e00-\u9fff]/);
    }
    expect((await env.owner.query(`select status from hazards where id = $1`, [hazard.id])).rows[0].status).toBe('open');
    expect(await rows()).toBe(Number(before) + 2); // the one good inspection and its hazard
  });
});
