/**
 * 人员台账 and 入职查询 in Chromium (tasks 36, 37; 未成年人保护法 Art. 62): 定海路街道 adds a child
 * director, records the record check (requested, answered clear), assigns a committee and opens the
 * account (the one-time password read from the page); the director signs in and opens a child of
 * the committee. The check then lapses (back-dated in the database, the daily job run): the
 * director sees the banner and the child no longer opens. Screenshots at desktop and phone widths
 * go to test-results/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, shanghaiDate } from '#common/dates.js';
import { makeIdNumber } from '#common/idNumber.js';
import { seedDemoWorkforce } from '../../server/src/seed/demoWorkforce.js';
import { runVetting } from '../../server/src/modules/vetting/jobs.js';
import { chooseUntil, openBrowser, signIn, signOut, type BrowserEnv } from './browser.js';

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1366, height: 800 };
const NAME = '测试新主任';

let b: BrowserEnv;
let today: string;
let committeeName: string;
let child: { id: string; name: string };
let staffId: string;
let password: string;

beforeAll(async () => {
  b = await openBrowser(DESKTOP);
  today = shanghaiDate(b.env.clock.now);
  await seedDemoWorkforce(b.env.owner, b.env.deps.crypto, { seed: 1, today });
  const c = (await b.env.owner.query(`select id, name from committees where code = 'dinghai-02'`)).rows[0];
  committeeName = c.name;
  child = (await b.env.owner.query(`select id, name from children where committee_id = $1 order by name limit 1`, [c.id])).rows[0];
});
afterAll(async () => {
  await b?.close();
});

async function settle() {
  await b.page.waitForLoadState('networkidle');
  await expect.poll(() => b.page.locator('.ant-spin-spinning').count(), { timeout: 15_000 }).toBe(0);
  await b.page.waitForTimeout(300);
}

async function okModal(title: RegExp | string) {
  const modal = b.page.locator('.ant-modal').filter({ hasText: title }).last();
  await modal
    .getByRole('button', { name: /保\s*存|开通账号/ })
    .last()
    .click();
  await expect.poll(() => modal.isVisible(), { timeout: 15_000 }).toBe(false);
}

describe('a street adds a checked director, opens the account; the check lapses and access stops', () => {
  it('street-dinghai adds the director, records the check, assigns a committee and opens the account', async () => {
    const { page } = b;
    await signIn(b, 'street-dinghai');
    await page.goto(`${b.base}/workforce`);
    await settle();
    await expect.poll(() => page.getByTestId('check-state').count()).toBeGreaterThan(0);
    await b.shot('workforce-ledger-desktop');
    await page.getByRole('button', { name: /登记人员/ }).click();
    const form = page.locator('.ant-modal').filter({ hasText: '登记人员' });
    await form.getByLabel('姓名').fill(NAME);
    await form.getByLabel('身份证号').fill(makeIdNumber('310110', '1979-05-06', 321, 'F'));
    await form.getByLabel('电话').fill('13800001234');
    await form.getByLabel('任职日期').fill(addDays(today, -10));
    await expect.poll(() => form.getByText('定海路街道办事处').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await okModal('登记人员');
    await page.waitForURL((u) => u.pathname.startsWith('/workforce/staff/'));
    staffId = page.url().split('/').pop() ?? '';
    await settle();
    await expect.poll(() => page.getByTestId('check-state').first().innerText()).toBe('未查询');

    // the record check: requested and answered clear
    await page.getByRole('tab', { name: '入职查询' }).click();
    await page.getByRole('button', { name: /登记查询申请/ }).click();
    await page.locator('.ant-modal').filter({ hasText: '登记查询申请' }).getByLabel('申请文号').fill('杨公查〔2026〕12号');
    await okModal('登记查询申请');
    await expect.poll(() => page.getByTestId('check-state').first().innerText()).toBe('查询中');
    await page.getByRole('button', { name: /登记查询结果/ }).click();
    await page.locator('.ant-modal').filter({ hasText: '登记查询结果' }).getByLabel('回复文号').fill('无违法犯罪记录');
    await okModal('登记查询结果');
    await expect.poll(() => page.getByTestId('check-state').first().innerText()).toBe('有效');
    await b.shot('workforce-checks-desktop');

    // the committee, then the account
    await page.getByRole('tab', { name: '基本信息与任职' }).click();
    await page.getByRole('button', { name: /分配居民区/ }).click();
    const assign = page.locator('.ant-modal').filter({ hasText: '分配居民区' });
    // the list is virtual (a street has dozens of committees): type to bring the option into view
    await assign.getByLabel('居民区').fill(committeeName);
    await chooseUntil(page, assign.getByLabel('居民区'), committeeName, async () =>
      (await assign.locator('.ant-select').first().innerText()).includes(committeeName),
    );
    await okModal('分配居民区');
    await expect.poll(() => page.getByText(committeeName).count()).toBeGreaterThan(0);
    await page
      .getByRole('button', { name: /开通账号/ })
      .first()
      .click();
    const open = page.locator('.ant-modal').filter({ hasText: '账号以该人员姓名和单位开通' });
    await open.getByLabel('用户名').fill('e2e-director');
    await open.getByRole('button', { name: /开通账号/ }).click();
    const pw = page.getByTestId('initial-password');
    await expect.poll(() => pw.isVisible(), { timeout: 15_000 }).toBe(true);
    password = (await pw.innerText()).trim();
    expect(password.length).toBeGreaterThanOrEqual(12);
    await b.shot('workforce-account-opened-desktop');
    await page
      .locator('.ant-modal')
      .filter({ hasText: '账号已开通' })
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    await expect.poll(() => page.getByTestId('account-username').innerText()).toBe('e2e-director');

    // the phone: the ledger and the person page at 390 px
    await page.setViewportSize(PHONE);
    await page.goto(`${b.base}/workforce`);
    await settle();
    await expect.poll(() => page.getByTestId('staff-card').count()).toBeGreaterThan(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width + 1);
    await b.shot('workforce-ledger-phone');
    await page.goto(`${b.base}/workforce/staff/${staffId}`);
    await settle();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width + 1);
    await b.shot('workforce-person-phone');
    await page.setViewportSize(DESKTOP);
    await signOut(b);
  });

  it('the director signs in with the one-time password and opens a child of the committee', async () => {
    const { page } = b;
    await page.goto(`${b.base}/login`);
    await page.getByLabel('用户名').fill('e2e-director');
    await page.getByLabel('密码').fill(password);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    await page.goto(`${b.base}/children/${child.id}`);
    await settle();
    await expect.poll(() => page.getByText(child.name).count(), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await page.getByTestId('suspended-banner').count()).toBe(0);
  });

  it('the check lapses: the job suspends the account; the director sees the banner and the child does not open', async () => {
    const { page } = b;
    await b.env.owner.query(`update record_checks set requested_on = $2::date - 400, answered_on = $2::date - 380 where staff_id = $1`, [staffId, today]);
    const r = await runVetting(b.env.deps, b.env.clock.now);
    expect(r.suspended).toBeGreaterThanOrEqual(1);
    // its sessions ended: sign in again
    await page.goto(`${b.base}/login`);
    await page.getByLabel('用户名').fill('e2e-director');
    await page.getByLabel('密码').fill(password);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    await settle();
    await expect.poll(() => page.getByTestId('suspended-banner').isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await page.getByTestId('suspended-banner').innerText()).toContain('您的入职查询已过期，儿童档案访问已暂停');
    await page.goto(`${b.base}/children/${child.id}`);
    await settle();
    await expect.poll(() => page.getByText(/未找到|不在您的权限范围/).count(), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await page.getByText(child.name).count()).toBe(0);
    await b.shot('workforce-suspended-desktop');
    await page.setViewportSize(PHONE);
    await page.reload();
    await settle();
    await expect.poll(() => page.getByTestId('suspended-banner').isVisible(), { timeout: 15_000 }).toBe(true);
    await b.shot('workforce-suspended-phone');
  });
});
