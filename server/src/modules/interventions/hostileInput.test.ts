/**
 * Hostile input on the guardianship write routes, as a low-privilege user would send it: a 1 MB
 * reason, full-width digits where a number belongs, a date that is not one, a NUL byte. Each gets a
 * clear Chinese refusal (never a 500) and nothing is written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEnv, type Agent, type TestEnv } from '../../../test/harness.js';

let env: TestEnv;
let street: Agent;
let child: string;

beforeAll(async () => {
  env = await testEnv();
  street = await env.login('street-dinghai');
  const row = (await env.owner.query<{ id: string }>(`select id from children where street_code = 'dinghai' and status = 'active' order by id limit 1`))
    .rows[0];
  if (!row) throw new Error('no dinghai child');
  child = row.id;
});
afterAll(async () => {
  await env?.close();
});

const rows = async () =>
  (
    await env.owner.query<{ n: number }>(
      `select (select count(*) from guardianship_interventions where child_id = $1) + (select count(*) from guidance_sessions where child_id = $1)
            + (select count(*) from guardianship_assessments where child_id = $1) as n`,
      [child],
    )
  ).rows[0]?.n;

describe('hostile input on the guardianship routes', () => {
  it('refuses each with a Chinese message and writes nothing', async () => {
    const before = await rows();
    const cases: [string, Record<string, unknown>][] = [
      [`/api/children/${child}/guardianship/interventions`, { kind: 'admonition', reason: '长'.repeat(1_000_000) }],
      [`/api/children/${child}/guardianship/interventions`, { kind: 'guidance_order', reason: '指导令', sessionsRequired: '１２' }],
      [`/api/children/${child}/guardianship/interventions`, { kind: 'admonition', reason: '劝诫', decidedOn: '２０２６-１１-２０' }],
      [`/api/children/${child}/guardianship/interventions`, { kind: 'admonition', reason: '劝\u0000诫' }],
      [`/api/children/${child}/guidance`, { kind: 'family_education', provider: '区妇联', topic: '主题', scheduledOn: '2026-13-45' }],
      [`/api/children/${child}/guardianship/assessments`, { assessorOrg: '\u0000', reason: '评估' }],
    ];
    for (const [url, body] of cases) {
      const res = await street.post(url, body);
      expect([400, 413], `${url} ${res.body.slice(0, 200)}`).toContain(res.statusCode);
      expect(res.body).toMatch(/[\u4e00-\u9fff]/); // a Chinese message
      expect(res.body).not.toMatch(/at .*\.ts:\d+|stack/i);
    }
    expect(await rows()).toBe(before);
  });
});
