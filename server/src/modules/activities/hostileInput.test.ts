/**
 * Hostile input on the activities write routes, as a low-privilege user would send it: a 1 MB
 * description, full-width digits where a number belongs, a date that is not one, a NUL byte, an
 * unknown kind. Each gets a clear Chinese refusal (never a 500) and nothing is written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDate } from '#common/dates.js';
import { testEnv, type Agent, type TestEnv } from '../../../test/harness.js';

let env: TestEnv;
let director: Agent;
let district: Agent;
let committee: string;
let activity: { id: string; version: number };

beforeAll(async () => {
  env = await testEnv();
  [director, district] = await Promise.all([env.login('director-dinghai'), env.login('district')]);
  committee = (await env.owner.query<{ id: string }>(`select id from committees where code = 'dinghai-01'`)).rows[0]?.id ?? '';
  const res = await director.post('/api/activities', {
    title: '安全知识进居委',
    kind: 'safety',
    organiserKind: 'committee',
    committeeId: committee,
    heldOn: shanghaiDate(env.clock.now),
    status: 'planned',
  });
  if (res.statusCode !== 201) throw new Error(res.body);
  activity = res.json();
});
afterAll(async () => {
  await env?.close();
});

const rows = async () =>
  Number(
    (
      await env.owner.query<{ n: string }>(
        `select (select count(*) from activities) + (select count(*) from activity_participants) + (select count(*) from activity_attachments)
              + (select count(*) from activities where version > 1) + (select sum(version) from cadence_rules) as n`,
      )
    ).rows[0]?.n,
  );

describe('hostile input on the activities routes', () => {
  it('refuses each with a Chinese message and writes nothing', async () => {
    const before = await rows();
    const ok = { title: '活动', kind: 'safety', organiserKind: 'committee', committeeId: committee, heldOn: '2026-11-20', status: 'planned' };
    const cases: [Agent, 'POST' | 'PATCH' | 'PUT', string, Record<string, unknown>][] = [
      [director, 'POST', '/api/activities', { ...ok, description: '长'.repeat(1_000_000) }],
      [director, 'POST', '/api/activities', { ...ok, childrenCount: '１２' }],
      [director, 'POST', '/api/activities', { ...ok, heldOn: '２０２６-１１-２０' }],
      [director, 'POST', '/api/activities', { ...ok, heldOn: '2026-13-45' }],
      [director, 'POST', '/api/activities', { ...ok, title: '安全\u0000讲座' }],
      [director, 'POST', '/api/activities', { ...ok, kind: 'drop table' }],
      [director, 'POST', '/api/activities', { ...ok, planTasks: ['２９'] }],
      [director, 'PATCH', `/api/activities/${activity.id}`, { ...ok, place: '社区\u0000活动室', version: activity.version }],
      [director, 'POST', `/api/activities/${activity.id}/cancel`, { version: activity.version, reason: '\u0000' }],
      [director, 'POST', `/api/activities/${activity.id}/complete`, { version: '１' }],
      [director, 'POST', `/api/activities/${activity.id}/participants`, { childIds: ['not-a-uuid'] }],
      [director, 'POST', `/api/activities/${activity.id}/attachments`, { kind: 'photo', filename: 'a\u0000.jpg', contentBase64: 'AAAA' }],
      [director, 'POST', `/api/activities/${activity.id}/attachments`, { kind: 'photo', filename: 'a.jpg', contentBase64: '这不是base64' }],
      [
        district,
        'PUT',
        '/api/cadence-rules/station-quarterly',
        { name: '规则', activityKinds: ['lecture'], period: 'quarter', minCount: '１', requireGuardianContact: false, active: true, version: 1 },
      ],
      [
        district,
        'PUT',
        '/api/cadence-rules/station-quarterly',
        { name: '规\u0000则', activityKinds: ['lecture'], period: 'month', minCount: 1, requireGuardianContact: false, active: true, version: 1 },
      ],
    ];
    for (const [agent, method, url, body] of cases) {
      const res = await agent.request(method, url, body);
      expect([400, 413], `${url} ${res.body.slice(0, 200)}`).toContain(res.statusCode);
      expect(res.body).toMatch(/[\u4e00-\u9fff]/); // a Chinese message
      expect(res.body).not.toMatch(/at .*\.ts:\d+|stack/i);
    }
    expect(await rows()).toBe(before);
  });
});
