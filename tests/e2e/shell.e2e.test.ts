import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, type BrowserEnv } from './browser.js';

let b: BrowserEnv;
beforeAll(async () => {
  b = await openBrowser();
});
afterAll(async () => {
  await b?.close();
});

describe('the web shell, as a street supervisor', () => {
  it('logs in, sees the shell with only their entries and their street, and logs out leaving nothing personal behind', async () => {
    const { page } = b;
    await page.goto(`${b.base}/`);
    await page.waitForURL(/\/login/);
    await b.shot('01-login');
    await page.getByLabel('用户名').fill('street-dinghai');
    await page.getByLabel('密码').fill('nuanyang-demo');
    await page.getByRole('button', { name: /登\s*录/ }).click();

    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    await expect.poll(() => page.getByText('定海路街道办事处').first().isVisible()).toBe(true);
    const menu = await page.locator('.ant-layout-sider, .ant-drawer').first().innerText();
    expect(menu).toContain('儿童档案');
    expect(menu).not.toContain('审计日志');
    expect(menu).not.toContain('用户管理');
    await expect.poll(() => page.getByText('我辖区的儿童').isVisible(), { timeout: 10_000 }).toBe(true);
    await b.shot('02-home-street-dinghai');

    await page.goto(`${b.base}/children`);
    await expect.poll(() => page.locator('.ant-table-row').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    const rows = await page.locator('.ant-table-tbody').innerText();
    expect(rows).toMatch(/\d{6}\*{8}\d{3}[\dX]/);
    expect(rows).not.toMatch(/\d{17}[\dX]/);
    await b.shot('03-children-list');

    await page.getByText('李娟').first().click();
    await page.getByText('退出登录').click();
    await page.waitForURL(/\/login/);
    await b.shot('04-logged-out');

    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }));
    expect(stored).not.toMatch(/\d{6}/);
    expect(stored).not.toContain('李娟');
    expect(stored).not.toContain('csrf');
    const cookies = await b.context.cookies();
    expect(cookies.filter((c) => c.name.includes('nuanyang_sid') && c.value)).toHaveLength(0);
    // The old session is dead on the server too.
    const me = await page.evaluate(async () => (await fetch('/api/auth/me')).status);
    expect(me).toBe(401);
  });
});
