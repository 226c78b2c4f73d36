/** The demo feeds: one confirmed run per feed from the demo files, changes waiting in 定海路, idempotent. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDate } from '#common/dates.js';
import { testEnv, type TestEnv } from '../../../test/harness.js';
import { DEMO_FEED_KEY, seedDemoFeedRuns } from '../../seed/demoFeeds.js';

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
}, 120_000);
afterAll(async () => {
  await env?.close();
});

describe('seedDemoFeedRuns', () => {
  it('writes a confirmed run per feed with matches, a name match, an unmatched and an error row, and changes waiting for 定海路', async () => {
    const r = await seedDemoFeedRuns(env.owner, env.deps.crypto, { today: shanghaiDate(env.clock.now), now: env.clock.now });
    expect(r.runs).toBe(4);
    expect(r.changes).toBeGreaterThanOrEqual(3);
    expect(await seedDemoFeedRuns(env.owner, env.deps.crypto, { today: shanghaiDate(env.clock.now), now: env.clock.now })).toEqual({ runs: 0, changes: 0 });
    const district = await env.login('district');
    const feeds = (await district.get('/api/feeds')).json().items;
    expect(feeds).toHaveLength(4);
    for (const f of feeds) expect(f.lastRunAt).not.toBeNull();
    const runs = await Promise.all(feeds.map(async (f: { code: string }) => (await district.get(`/api/feeds/${f.code}/runs`)).json().items[0]));
    const cert = runs.find((x: { feedCode: string }) => x.feedCode === 'disabled-federation-cert');
    expect(cert).toMatchObject({ state: 'confirmed', counts: { matchedByName: 1, unmatched: 1, errors: 1 } });
    expect(cert.counts.waiting).toBeGreaterThanOrEqual(2);
    const school = runs.find((x: { feedCode: string }) => x.feedCode === 'education-enrolment');
    expect(school.counts).toMatchObject({ unchanged: 3, unmatched: 1, errors: 1 });
    const street = await env.login('street-dinghai');
    const waiting = (await street.get('/api/feed-changes?state=waiting')).json();
    expect(waiting.total).toBeGreaterThanOrEqual(3);
    expect(waiting.items.every((c: { streetName: string }) => c.streetName === '定海路街道')).toBe(true);
    // the demo key pushes
    const push = await env
      .agent()
      .post(
        '/api/feeds/education-enrolment/push',
        { records: [{ 学生姓名: '某某', 身份证件号: '', 出生日期: '2015-01-01', 学段: '小学', 学校名称: '', 学籍号: 'G1' }] },
        { authorization: `Bearer ${DEMO_FEED_KEY}` },
      );
    expect(push.statusCode, push.body).toBe(200);
  });
});
