/**
 * 免申即享 work list at scale in Chromium: a street supervisor narrows 可享未享 to one committee and
 * an age range, exports the list to Excel, and assigns a row to herself with confirmation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '#common/idNumber.js';
import { openBrowser, type BrowserEnv } from './browser.js';

let b: BrowserEnv;
beforeAll(async () => {
  b = await openBrowser();
});
afterAll(async () => {
  await b?.close();
});

describe('work list filters, export and 分配给我', () => {
  it('filters by committee and age, exports, and assigns a row to me', async () => {
    const { page, env } = b;
    const api = await env.login('street-dinghai');
    const { id: committeeId, name: committeeName } = (
      await env.owner.query<{ id: string; name: string }>(`select id, name from committees where code = 'dinghai-01'`)
    ).rows[0]!;
    const created = await api.post('/api/children', {
      name: '筛选少年',
      birthDate: '2012-05-05',
      sex: 'M',
      idNumber: makeIdNumber('310110', '2012-05-05', 931, 'M'),
      hukou: 'local',
      riskLevel: 'low',
      committeeId,
      categories: [{ category: 'orphan_scattered', since: '2024-01-10' }],
      members: [
        { name: '父', relation: '父亲', role: 'member', status: 'deceased', statusSince: '2023-02-01' },
        { name: '母', relation: '母亲', role: 'member', status: 'deceased', statusSince: '2023-04-01' },
      ],
    });
    expect(created.statusCode, created.body).toBe(201);

    await page.goto(`${b.base}/login`);
    await page.getByLabel('用户名').fill('street-dinghai');
    await page.getByLabel('密码').fill('nuanyang-demo');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    await page.goto(`${b.base}/eligibility`);

    await page.getByLabel('街道', { exact: true }).click();
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: '定海路街道' }).click();
    await page.getByLabel('居民区', { exact: true }).click();
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: committeeName }).click();
    await page.getByLabel('最小年龄').fill('13');
    await page.getByLabel('最大年龄').fill('15');
    const row = page.locator('.ant-table-row', { hasText: '筛选少年' }).first();
    await expect.poll(() => row.isVisible(), { timeout: 15_000 }).toBe(true);
    await b.shot('worklist-01-filtered');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /导出 Excel/ }).click()]);
    expect(download.suggestedFilename()).toMatch(/^免申即享_可享未享_.*\.xlsx$/);
    const audit = (await env.owner.query(`select summary from audit_log where action = 'eligibility.export' order by id desc limit 1`)).rows[0].summary;
    expect(audit.filters).toMatchObject({ kind: 'eligible-not-receiving', street: 'dinghai', ageMin: 13, ageMax: 15 });

    await row.locator('.ant-checkbox-input').check();
    await page.getByRole('button', { name: /分配给我（1）/ }).click();
    const confirm = page.locator('.ant-modal-confirm');
    await expect
      .poll(() => confirm.locator('.ant-modal-confirm-title', { hasText: '确认将选中的 1 条记录分配给我经办？' }).isVisible(), { timeout: 10_000 })
      .toBe(true);
    await confirm.getByRole('button', { name: /确\s*定/ }).click();
    await expect.poll(() => page.locator('.ant-table-row', { hasText: '筛选少年' }).first().getByText('李娟').isVisible(), { timeout: 10_000 }).toBe(true);
    await b.shot('worklist-02-assigned');
  });
});
