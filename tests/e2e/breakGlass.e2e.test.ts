/**
 * 越权查阅 in Chromium (issue 15, requirement 14): the district leader opens a child's file, is
 * asked for a reason (the dialog names the duration and that the audit administrator is told),
 * gives it, and the file is shown with the grant's banner; the audit administrator sees the event
 * under 安全事件 and acknowledges it with a note. A department's 紧急查阅 page is captured too.
 * Screenshots go to test-results/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, signIn, signOut, type BrowserEnv } from './browser.js';

let b: BrowserEnv;
let child: { id: string; name: string };

beforeAll(async () => {
  b = await openBrowser();
  child = (
    await b.env.owner.query<{ id: string; name: string }>(
      `select id, name from children where status = 'active' and street_code = 'dinghai' order by id limit 1`,
    )
  ).rows[0] ?? { id: '', name: '' };
  expect(child.id).not.toBe('');
});
afterAll(async () => {
  await b?.close();
});

async function settle() {
  await b.page.waitForLoadState('networkidle');
  await expect.poll(() => b.page.locator('.ant-spin-spinning').count(), { timeout: 15_000 }).toBe(0);
}

describe('break the glass', () => {
  it('the leader gives a reason and the file opens, with the banner', async () => {
    const { page } = b;
    await signIn(b, 'leader');
    await page.goto(`${b.base}/children/${child.id}`);
    const dialog = page.locator('.ant-modal').filter({ hasText: '查看该儿童档案需说明理由' });
    await expect.poll(() => dialog.isVisible(), { timeout: 20_000 }).toBe(true);
    await expect.poll(() => dialog.textContent()).toContain('通知审计管理员');
    await settle();
    await b.shot('break-glass-reason-dialog');
    await dialog.locator('textarea').fill('督办核查该儿童的帮扶落实情况');
    // the click can miss while the dialog animates in: press until the banner shows
    await expect
      .poll(
        async () => {
          if (await dialog.isVisible())
            await dialog
              .getByRole('button', { name: '说明理由并查看' })
              .click({ timeout: 3_000 })
              .catch(() => undefined);
          return page.getByTestId('grant-banner').isVisible();
        },
        { timeout: 30_000, interval: 1000 },
      )
      .toBe(true);
    await expect.poll(() => page.getByText(child.name).first().isVisible(), { timeout: 15_000 }).toBe(true);
    await settle();
    await b.shot('break-glass-file-with-banner');
    const grants = await b.env.owner.query(
      `select reason from access_grants g join users u on u.id = g.user_id where u.username = 'leader' and g.child_id = $1`,
      [child.id],
    );
    expect(grants.rows.map((r) => r.reason)).toContain('督办核查该儿童的帮扶落实情况');
  });

  it('the audit administrator sees the event and acknowledges it', async () => {
    const { page } = b;
    await signOut(b);
    await signIn(b, 'auditor');
    await page.goto(`${b.base}/audit/alerts`);
    const row = page.locator('tr').filter({ hasText: '越权查阅' }).filter({ hasText: 'leader' }).first();
    await expect.poll(() => row.isVisible(), { timeout: 20_000 }).toBe(true);
    await settle();
    await b.shot('security-events');
    const modal = page.locator('.ant-modal').filter({ hasText: '处理安全事件' });
    await expect
      .poll(
        async () => {
          if (!(await modal.isVisible()))
            await row
              .getByRole('button', { name: /处\s*理/ })
              .click({ timeout: 3_000 })
              .catch(() => undefined);
          return modal.isVisible();
        },
        { timeout: 20_000 },
      )
      .toBe(true);
    await modal.locator('textarea').fill('已与区领导核实，属督办工作需要');
    const confirm = page.locator('.ant-popover .ant-btn-primary');
    const acknowledged = async () =>
      (await b.env.owner.query(`select 1 from security_alerts where kind = 'access.break-glass' and ack_note = '已与区领导核实，属督办工作需要'`)).rowCount;
    // one confirmation at a time: check the database first, click only while nothing was saved
    await expect
      .poll(
        async () => {
          if (await acknowledged()) return 1;
          if (await confirm.isVisible()) await confirm.click({ timeout: 3_000 }).catch(() => undefined);
          else if (await modal.isVisible())
            await modal
              .locator('.ant-modal-footer .ant-btn-primary')
              .click({ timeout: 3_000 })
              .catch(() => undefined);
          await page.waitForTimeout(1000);
          return acknowledged();
        },
        { timeout: 30_000, interval: 1000 },
      )
      .toBe(1);
    await expect.poll(() => modal.isVisible(), { timeout: 15_000 }).toBe(false);
    await expect.poll(() => page.getByText('已与区领导核实，属督办工作需要').first().isVisible(), { timeout: 15_000 }).toBe(true);
    await settle();
    await b.shot('security-events-acknowledged');
  });

  it('a department sees the 紧急查阅 page', async () => {
    const { page } = b;
    await signOut(b);
    await signIn(b, 'police');
    await page.goto(`${b.base}/emergency`);
    await expect.poll(() => page.getByText('儿童身份证号').first().isVisible(), { timeout: 20_000 }).toBe(true);
    await settle();
    await b.shot('emergency-access');
  });
});
