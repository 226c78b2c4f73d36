/**
 * 安全防护 in Chromium (tasks 32, 33): 区水务局 (`water`) patrols a river section of 定海路街道 and
 * marks one item as an issue — a hazard for 定海路街道办事处; the street reports the fix on a phone;
 * `water` confirms it. The overdue-by-unit list shows the hazard once its deadline has passed and
 * no longer once it is confirmed. Screenshots at desktop and phone widths go to test-results/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, shanghaiDate } from '#common/dates.js';
import { openBrowser, signIn, signOut, type BrowserEnv } from './browser.js';

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1366, height: 800 };
const SITE = '黄浦江示例岸段（E2E 示例）';
const HAZARD = '秦皇岛路码头入口“水深危险”警示标牌缺失';

let b: BrowserEnv;
let siteId: string;
let today: string;

beforeAll(async () => {
  b = await openBrowser(DESKTOP);
  today = shanghaiDate(b.env.clock.now);
  const district = await b.env.login('district');
  const res = await district.post('/api/safety/sites', {
    name: SITE,
    kind: 'river_section',
    streetCode: 'dinghai',
    address: '黄浦江 示例段',
    responsibleUnitCode: 'street-dinghai',
    inspectingUnits: ['water'],
  });
  expect(res.statusCode, res.body).toBe(201);
  siteId = res.json().id as string;
});
afterAll(async () => {
  await b?.close();
});

async function settle() {
  await b.page.waitForLoadState('networkidle');
  await expect.poll(() => b.page.locator('.ant-spin-spinning').count(), { timeout: 15_000 }).toBe(0);
  await b.page.waitForTimeout(300);
}

async function overdueFor(unitName: string): Promise<string | null> {
  const { page } = b;
  await page.goto(`${b.base}/safety/hazards?tab=overdue`);
  await settle();
  const row = page.locator('tr').filter({ hasText: unitName });
  if (!(await row.count())) return null;
  return (await row.locator('td').nth(1).innerText()).trim();
}

describe('a river patrol finds a hazard, the street fixes it, water confirms', () => {
  it('water inspects the river section within its remit and records a hazard for the street', async () => {
    const { page } = b;
    await signIn(b, 'water');
    await page.goto(`${b.base}/safety/sites?mine=true`);
    await settle();
    const row = page.locator('tr').filter({ hasText: SITE });
    await row.getByRole('button', { name: /(^|loading\s*)检\s*查$/ }).click();
    await page.waitForURL((u) => u.pathname === `/safety/inspect/${siteId}`);
    await settle();
    await page.getByRole('button', { name: /全部符合/ }).click();
    const signs = page.getByTestId('item-signs');
    await signs.getByText('存在问题', { exact: true }).click();
    await signs.getByLabel('隐患描述').fill(HAZARD);
    await page.getByLabel('检查结论').fill('发现警示标牌缺失一处，其余符合要求。');
    await signs.getByLabel('整改期限').click();
    await signs.getByLabel('整改期限').fill(addDays(today, 7));
    await b.shot('safety-inspect-desktop');
    // Enter takes the typed date and submits the form (every other field is filled)
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/safety/inspections') && r.request().method() === 'POST', { timeout: 15_000 }),
      signs.getByLabel('整改期限').press('Enter'),
    ]);
    await page.waitForURL((u) => u.pathname === '/safety/inspections');
    await settle();
    await expect.poll(() => page.getByText(SITE).first().isVisible(), { timeout: 10_000 }).toBe(true);
    const h = (await b.env.owner.query(`select responsible_unit_code, status from hazards where description = $1`, [HAZARD])).rows[0];
    expect(h).toEqual({ responsible_unit_code: 'street-dinghai', status: 'open' });
    // open, not overdue yet
    expect(await overdueFor('定海路街道办事处')).toBe('0');
    // time passes: the deadline is behind us, and the unit's overdue count shows it
    await b.env.owner.query(`update hazards set deadline = $2 where description = $1`, [HAZARD, addDays(today, -1)]);
    expect(await overdueFor('定海路街道办事处')).toBe('1');
    await b.shot('safety-overdue-desktop');
    await signOut(b);
  });

  it('street-dinghai reports the fix on a phone', async () => {
    const { page } = b;
    await signOut(b);
    await page.setViewportSize(PHONE);
    await signIn(b, 'street-dinghai');
    await page.goto(`${b.base}/safety/hazards`);
    await settle();
    const card = page.getByTestId('hazard-card').filter({ hasText: HAZARD });
    await expect.poll(() => card.isVisible(), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => card.getByText('已逾期').isVisible()).toBe(true);
    await card.getByRole('button', { name: /(^|loading\s*)报告整改$/ }).click();
    const dialog = page.getByRole('dialog');
    // the note is required: the form says so before anything is sent
    await dialog.getByRole('button', { name: /报告整改/ }).click();
    await expect.poll(() => dialog.getByText('请填写整改情况').isVisible(), { timeout: 5_000 }).toBe(true);
    await dialog.getByLabel('整改情况').fill('已在码头入口补设警示标牌两块，并加装夜间反光条。');
    // the message leaves with an animation: the picture shows the filled form without it
    await expect.poll(() => dialog.getByText('请填写整改情况').count(), { timeout: 5_000 }).toBe(0);
    await b.shot('safety-fix-phone');
    await Promise.all([
      page.waitForResponse((r) => r.url().includes('/fix') && r.request().method() === 'POST', { timeout: 15_000 }),
      dialog.getByRole('button', { name: /报告整改/ }).click(),
    ]);
    await expect.poll(() => page.getByRole('dialog').count(), { timeout: 10_000 }).toBe(0);
    await expect.poll(() => page.getByTestId('hazard-card').filter({ hasText: HAZARD }).count(), { timeout: 10_000 }).toBe(0);
    await signOut(b);
    await page.setViewportSize(DESKTOP);
  });

  it('water confirms the fix, and the street leaves the overdue list', async () => {
    const { page } = b;
    await signOut(b);
    await page.setViewportSize(DESKTOP);
    await signIn(b, 'water');
    await page.goto(`${b.base}/safety/hazards?tab=confirm`);
    await settle();
    const row = page.locator('tr').filter({ hasText: HAZARD });
    await expect.poll(() => row.getByText('整改待确认').isVisible(), { timeout: 10_000 }).toBe(true);
    await b.shot('safety-confirm-desktop');
    await row.getByRole('button', { name: /(^|loading\s*)确认整改$/ }).click();
    await Promise.all([
      page.waitForResponse((r) => r.url().includes('/confirm') && r.request().method() === 'POST', { timeout: 15_000 }),
      page
        .locator('.ant-popconfirm')
        .getByRole('button', { name: /确\s*定|OK/ })
        .click(),
    ]);
    await expect.poll(() => page.locator('tr').filter({ hasText: HAZARD }).count(), { timeout: 10_000 }).toBe(0);
    expect((await b.env.owner.query(`select status from hazards where description = $1`, [HAZARD])).rows[0].status).toBe('confirmed');
    expect(await overdueFor('定海路街道办事处')).toBeNull();
    await page.setViewportSize(PHONE);
    await page.goto(`${b.base}/safety/hazards?tab=all`);
    await settle();
    await b.shot('safety-hazards-phone');
    await page.setViewportSize(DESKTOP);
  });
});
