import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, type BrowserEnv } from './browser.js';

let b: BrowserEnv;
beforeAll(async () => {
  b = await openBrowser();
});
afterAll(async () => {
  await b?.close();
});

async function loginAs(username: string): Promise<void> {
  const { page } = b;
  await page.goto(`${b.base}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill('nuanyang-demo');
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}

describe('管理员账户审批 (三权分立), in the browser', () => {
  it('the requester cannot approve; another administrator approves and sees the one-time password once', async () => {
    const { page, env } = b;
    const sec = await env.login('secadmin');
    const adminId = (await env.owner.query(`select id from users where username = 'admin'`)).rows[0].id as string;
    expect((await sec.post('/api/admin/admin-requests', { userId: adminId, reason: '系统管理员遗忘密码' })).statusCode).toBe(201);

    await loginAs('secadmin');
    await page.goto(`${b.base}/admin/approvals`);
    await expect.poll(() => page.locator('.ant-table-row').count(), { timeout: 30_000 }).toBe(1);
    expect(await page.locator('.ant-table-row').innerText()).toContain('系统管理员遗忘密码');
    expect(await page.getByRole('button', { name: /批\s*准/ }).isDisabled()).toBe(true);
    await b.shot('admin-approvals-requester');
    await b.context.clearCookies();

    await loginAs('auditor');
    await page.goto(`${b.base}/admin/approvals`);
    await expect.poll(() => page.locator('.ant-table-row').count(), { timeout: 30_000 }).toBe(1);
    // A loaded machine (CI runs this beside the whole suite): the row's button may still be
    // disabled while the session's permissions load, and the approval hashes a new password
    // (argon2), which takes seconds there — wait for each step rather than for a fixed time.
    const approve = page.locator('.ant-table-row').getByRole('button', { name: /(^|loading\s*)批\s*准$/ });
    await expect.poll(() => approve.isEnabled(), { timeout: 30_000 }).toBe(true);
    await approve.click();
    const confirm = page.locator('.ant-modal-confirm').getByRole('button', { name: /(^|loading\s*)批\s*准$/ });
    await confirm.click();
    await expect.poll(() => page.getByText('一次性密码只显示这一次').isVisible(), { timeout: 60_000 }).toBe(true);
    const password = (await page.locator('.ant-modal .ant-typography.mono').last().innerText()).trim();
    expect(password).toMatch(/^[A-Za-z0-9_-]{16}$/);
    await b.shot('admin-approvals-approved');

    const login = await env.agent().post('/api/auth/login', { username: 'admin', password });
    expect(login.json().pending).toBe('password-change');
  }, 180_000);
});
