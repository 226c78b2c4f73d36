/**
 * Hostile input on every write route of the ledger and the record checks: wrong types, a NUL byte,
 * a huge string, a spreadsheet formula, a date that is not one, an id that is not one. Each gets a
 * Chinese refusal (400, never a 500) and nothing is written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDate } from '#common/dates.js';
import { makeIdNumber } from '#common/idNumber.js';
import { testEnv, type Agent, type TestEnv } from '../../../test/harness.js';
import { seedDemoWorkforce } from '../../seed/demoWorkforce.js';

let env: TestEnv;
let street: Agent;
let district: Agent;
let staffId: string;
let checkId: string;
let committee: string;
let today: string;

beforeAll(async () => {
  env = await testEnv();
  today = shanghaiDate(env.clock.now);
  await seedDemoWorkforce(env.owner, env.deps.crypto, { seed: 1, today });
  [street, district] = await Promise.all([env.login('street-dinghai'), env.login('district')]);
  const p = await street.post('/api/workforce/staff', {
    name: '输入测试',
    idNumber: makeIdNumber('310110', '1990-01-01', 501, 'M'),
    roleKind: 'child_director',
    streetCode: 'dinghai',
    unitCode: 'street-dinghai',
  });
  staffId = p.json().id;
  checkId = (await street.post(`/api/vetting/staff/${staffId}/checks`, { kind: 'pre_appointment', requestedOn: today })).json().checks[0].id;
  committee = (await env.owner.query(`select id from committees where code = 'dinghai-01'`)).rows[0].id;
});
afterAll(async () => {
  await env?.close();
});

const snapshot = async () =>
  (
    await env.owner.query(
      `select (select count(*) from staff) as staff, (select max(version) from staff) as v, (select count(*) from staff_committees) as sc,
              (select count(*) from record_checks) as rc, (select count(*) from record_checks where result <> 'pending') as answered,
              (select count(*) from users) as users, (select updated_at from record_check_settings) as settings`,
    )
  ).rows[0];

const good = makeIdNumber('310110', '1991-02-03', 601, 'F');
const badCheckDigit = good.slice(0, 17) + (good.endsWith('1') ? '2' : '1');

describe('hostile input on the workforce and vetting routes', () => {
  it('refuses each with a Chinese message and writes nothing', async () => {
    const before = await snapshot();
    const person = (over: Record<string, unknown>) => ({
      name: '某人',
      roleKind: 'child_director',
      streetCode: 'dinghai',
      unitCode: 'street-dinghai',
      ...over,
    });
    const cases: [Agent, 'POST' | 'PUT', string, unknown][] = [
      [street, 'POST', '/api/workforce/staff', person({ name: "=cmd|' /C calc'!A0" })],
      [street, 'POST', '/api/workforce/staff', person({ name: '张\u0000三' })],
      [street, 'POST', '/api/workforce/staff', person({ name: '长'.repeat(50_000) })],
      [street, 'POST', '/api/workforce/staff', person({ idNumber: badCheckDigit })],
      [street, 'POST', '/api/workforce/staff', person({ idNumber: 310110 })],
      [street, 'POST', '/api/workforce/staff', person({ roleKind: 'admin' })],
      [street, 'POST', '/api/workforce/staff', person({ appointedOn: '２０２６-０１-０１' })],
      [street, 'POST', '/api/workforce/staff', person({ appointedOn: '2026-02-30' })],
      [street, 'POST', '/api/workforce/staff', person({ phone: '+1 (555) 0100' })],
      [street, 'POST', '/api/workforce/staff', person({ note: "@SUM(1+1)*cmd|' /C calc'!A0" })],
      [street, 'POST', '/api/workforce/staff', person({ unitCode: "street-dinghai'; drop table staff; --" })],
      [street, 'PUT', `/api/workforce/staff/${staffId}`, { version: 'one', name: '改名' }],
      [street, 'PUT', `/api/workforce/staff/${staffId}`, { version: 1, leftOn: 'tomorrow' }],
      [street, 'PUT', `/api/workforce/staff/${staffId}`, { version: 1, note: 'x'.repeat(501) }],
      [street, 'PUT', '/api/workforce/staff/not-an-id', { version: 1 }],
      [street, 'POST', `/api/workforce/staff/${staffId}/committees`, { committeeId: 'dinghai-01', since: today }],
      [street, 'POST', `/api/workforce/staff/${staffId}/committees`, { committeeId: committee, since: null }],
      [street, 'POST', `/api/workforce/staff/${staffId}/committees/${committee}/end`, { until: '2026-13-01' }],
      [street, 'POST', `/api/workforce/staff/${staffId}/account`, { username: 'Robert"); drop table users;--' }],
      [street, 'POST', `/api/workforce/staff/${staffId}/account`, { username: ['a'] }],
      [street, 'POST', `/api/workforce/staff/${staffId}/account/link`, { username: '\u0000admin' }],
      [street, 'POST', `/api/vetting/staff/${staffId}/checks`, { kind: 'weekly', requestedOn: today }],
      [street, 'POST', `/api/vetting/staff/${staffId}/checks`, { kind: 'annual', requestedOn: today, requestRef: '=HYPERLINK("http://x")' }],
      [street, 'POST', `/api/vetting/checks/${checkId}/answer`, { answeredOn: today, result: 'maybe', version: 1 }],
      [street, 'POST', `/api/vetting/checks/${checkId}/answer`, { answeredOn: today, result: 'clear', version: 1, note: 'a\u0000b' }],
      [street, 'POST', `/api/vetting/checks/${checkId}/answer`, { answeredOn: today, result: 'clear' }],
      [district, 'PUT', '/api/vetting/settings', { validityMonths: 0, remindDays: [30], enforceFrom: null }],
      [district, 'PUT', '/api/vetting/settings', { validityMonths: 12, remindDays: [-1], enforceFrom: null }],
      [district, 'PUT', '/api/vetting/settings', { validityMonths: '12', remindDays: '30', enforceFrom: 'now' }],
    ];
    for (const [agent, method, url, body] of cases) {
      const r = await agent.request(method, url, body);
      expect(r.statusCode, `${method} ${url} ${JSON.stringify(body).slice(0, 80)} → ${r.body.slice(0, 200)}`).toBe(400);
      const e = r.json().error;
      expect(e.message).toMatch(/[\u4e00-\u9fff]/);
      for (const f of e.fields ?? []) expect(f.message).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(await snapshot()).toEqual(before);
  });
});
