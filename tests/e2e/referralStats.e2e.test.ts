/**
 * 督办总览 shows 协同转介（按单位）: the demo referrals by receiving unit with their timeliness, switchable
 * to by kind, on a desktop and on a phone (screenshots in test-results/ for a person to look at).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDate } from '../../common/src/dates.js';
import { seedDemoReferrals } from '../../server/src/seed/demoReferrals.js';
import { openBrowser, signIn, type BrowserEnv } from './browser.js';

let b: BrowserEnv;
beforeAll(async () => {
  b = await openBrowser({ width: 1366, height: 900 });
  await seedDemoReferrals(b.env.owner, { seed: 42, today: shanghaiDate(b.env.clock.now) });
});
afterAll(async () => {
  await b?.close();
});

describe('协同转介 on the supervision dashboard', () => {
  it('lists the referrals by receiving unit and by kind', async () => {
    const { page } = b;
    await signIn(b, 'district');
    await page.goto(`${b.base}/supervision`);
    const card = page.locator('.ant-card').filter({ hasText: '协同转介（按单位）' });
    await expect.poll(() => card.isVisible(), { timeout: 30_000 }).toBe(true);
    await card.scrollIntoViewIfNeeded();
    await expect.poll(() => card.getByRole('cell', { name: '区教育局' }).isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await card.innerText()).toContain('合计');
    await b.shot('referral-stats-01-by-unit');
    await card.getByText('按转介类型').click();
    await expect.poll(() => card.getByRole('cell', { name: '教育费用减免' }).isVisible(), { timeout: 15_000 }).toBe(true);
    await page.setViewportSize({ width: 390, height: 844 });
    await card.scrollIntoViewIfNeeded();
    await card.screenshot({ path: 'test-results/referral-stats-02-by-kind-phone.png' });
  });
});
