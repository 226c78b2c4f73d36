import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, signIn, SHOTS, type BrowserEnv } from './browser.js';

let b: BrowserEnv;
beforeAll(async () => {
  b = await openBrowser();
});
afterAll(async () => {
  await b?.close();
});

describe('年度合规审计报告 and 保存期限, in the browser', () => {
  it('the audit administrator opens this year’s report, prints it to PDF (A4, no navigation)', async () => {
    const { page } = b;
    await signIn(b, 'auditor');
    await page.goto(`${b.base}/compliance/report`);
    await expect.poll(() => page.locator('.cr-paper h1').count(), { timeout: 60_000 }).toBe(1);
    const year = new Date().getFullYear();
    expect(await page.locator('.cr-paper h1').innerText()).toContain(`${year} 年度未成年人个人信息保护合规审计报告`);
    await expect.poll(() => page.locator('.cr-paper canvas').count(), { timeout: 60_000 }).toBeGreaterThanOrEqual(2);
    expect(await page.locator('.cr-paper h2').allInnerTexts()).toContain('九、审计日志完整性');
    // The demo start wrote this year's logins: the report is not empty.
    expect(await page.locator('.cr-kpi-value').first().innerText()).not.toBe('');
    await b.shot('compliance-report');
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.ant-layout-sider').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: /打\s*印/ }).isVisible()).toBe(false);
    await page.pdf({ path: path.join(SHOTS, 'compliance-report.pdf'), format: 'A4', printBackground: true });
    await page.emulateMedia({ media: 'screen' });
  }, 180_000);

  it('the security administrator sees the retention periods; a period below the minimum is refused', async () => {
    const { page } = b;
    await b.context.clearCookies();
    await signIn(b, 'secadmin');
    await page.goto(`${b.base}/retention`);
    const audit = page.getByLabel('审计日志保存（月）');
    await expect.poll(() => audit.inputValue(), { timeout: 60_000 }).toBe('36');
    await audit.fill('12');
    await audit.blur();
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await expect.poll(() => page.locator('.ant-form-item-explain-error').first().innerText(), { timeout: 30_000 }).toContain('不能少于 36 个月');
    // Nothing was asked nor saved: the minimums are checked before the confirmation.
    expect(await page.locator('.ant-modal-confirm').count()).toBe(0);
    await b.shot('retention-settings');
  }, 180_000);
});
