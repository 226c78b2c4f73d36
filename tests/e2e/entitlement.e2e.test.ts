/**
 * 免申即享 in Chromium: a street supervisor verifies a suggested benefit on the child's 保障待遇 tab,
 * attaching a scan in the verify dialog; the file shows under the verification in the history and
 * downloads through the access-checked route.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '#common/idNumber.js';
import { openBrowser, untilOutcome, type BrowserEnv } from './browser.js';

let b: BrowserEnv;
beforeAll(async () => {
  b = await openBrowser();
});
afterAll(async () => {
  await b?.close();
});

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');

describe('verifying a suggested benefit', () => {
  it('uploads evidence in the verify dialog and shows it in the history', async () => {
    const { page, env } = b;
    // A scattered orphan: creating the file suggests the living allowance.
    const api = await env.login('street-dinghai');
    const committeeId = (await env.owner.query<{ id: string }>(`select id from committees where code = 'dinghai-01'`)).rows[0]!.id;
    const created = await api.post('/api/children', {
      name: '周小满',
      hukou: 'local',
      committeeId,
      riskLevel: 'low',
      residenceAddress: '上海市杨浦区定海路300弄2号201室',
      phone: '13812345678',
      idNumber: makeIdNumber('310110', '2016-03-14', 917, 'F'),
      categories: [{ category: 'orphan_scattered', since: '2024-01-10', sourceNote: '民政局认定' }],
      members: [
        { name: '周建国', relation: '祖父', role: 'guardian', phone: '13900003333' },
        { name: '周强', relation: '父亲', role: 'member', status: 'deceased', statusSince: '2023-02-01' },
        { name: '吴丽', relation: '母亲', role: 'member', status: 'deceased', statusSince: '2023-04-01' },
      ],
    });
    expect(created.statusCode, created.body).toBe(201);
    const childId = created.json().id as string;

    await page.goto(`${b.base}/login`);
    await page.getByLabel('用户名').fill('street-dinghai');
    await page.getByLabel('密码').fill('nuanyang-demo');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    await page.goto(`${b.base}/children/${childId}`);
    await page.getByRole('tab', { name: '保障待遇' }).click();

    const item = page.locator('.ant-collapse-item', { hasText: '散居孤儿基本生活费' });
    await expect.poll(() => item.getByText('系统建议').isVisible(), { timeout: 15_000 }).toBe(true);
    await item.getByRole('button', { name: /^核\s*实$/ }).click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.getByText('核实材料（附件）').isVisible(), { timeout: 10_000 }).toBe(true);
    await dialog.getByLabel('备注').fill('已入户核实，父母死亡证明已查验');
    await dialog.locator('input[type=file]').setInputFiles({ name: '死亡证明.pdf', mimeType: 'application/pdf', buffer: PDF });
    await expect.poll(() => dialog.getByText('死亡证明.pdf').isVisible(), { timeout: 10_000 }).toBe(true);
    await b.shot('entitlement-01-verify-dialog');
    await dialog.getByRole('button', { name: /确\s*定/ }).click();
    await expect.poll(() => item.getByText('已核实').first().isVisible(), { timeout: 10_000 }).toBe(true);

    const stored = (
      await env.owner.query<{ id: string; filename: string; to_status: string }>(
        `select a.id, a.filename, v.to_status from attachments a join entitlement_events v on v.id = a.entitlement_event_id where a.child_id = $1`,
        [childId],
      )
    ).rows;
    expect(stored).toEqual([{ id: expect.any(String), filename: '死亡证明.pdf', to_status: 'verified' }]);

    // The history shows the file under the verification; the link downloads it.
    // The tab reloads after the step (and may come back collapsed): once it has settled, open the
    // policy's panel if it is closed, until the history shows the file.
    const link = item.locator('.ant-timeline').getByText('死亡证明.pdf');
    await expect
      .poll(
        async () => {
          if (await page.locator('.ant-spin-spinning').count()) return false;
          if (!(await item.locator('.ant-timeline').isVisible())) {
            await item.locator('.ant-collapse-header').click();
            await page.waitForTimeout(500);
          }
          return (await page.locator('.ant-spin-spinning').count()) === 0 && link.isVisible();
        },
        { timeout: 30_000, interval: 500 },
      )
      .toBe(true);
    await b.shot('entitlement-02-history');
    const download = await untilOutcome(
      () => link.click(),
      (timeout) => page.waitForEvent('download', { timeout }),
      '下载证明材料',
    );
    expect(download.suggestedFilename()).toBe('死亡证明.pdf');
    const saved = await download.path();
    expect(fs.readFileSync(saved).equals(PDF)).toBe(true);
  });
});
