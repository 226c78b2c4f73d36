/**
 * 授权与同意 in Chromium on a phone-sized screen (requirement 29): a street supervisor tries to refer
 * a child to a social organisation and sees the refusal in the dialog (no guardian consent); records
 * the guardian's consent on the file's 授权与同意 section; the referral then goes through.
 * Screenshots go to test-results/ for a person to look at. Every step polls or retries: clicks can
 * miss on a loaded machine.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '#common/idNumber.js';
import { chooseUntil, openBrowser, signIn, signOut, type BrowserEnv } from './browser.js';

const PHONE = { width: 390, height: 844 };
const NAME = '林小满';

let b: BrowserEnv;
let childId: string;

beforeAll(async () => {
  b = await openBrowser(PHONE);
  // The demo agency takes care-service referrals (the demo seed does the same).
  await b.env.owner.query(
    `insert into referral_receivers (unit_code, kinds, services) values ('org-sunshine', '{service}', '社工个案服务') on conflict do nothing`,
  );
  const api = await b.env.login('street-dinghai');
  const committeeId = (await b.env.owner.query<{ id: string }>(`select id from committees where code = 'dinghai-01'`)).rows[0]?.id;
  const created = await api.post('/api/children', {
    name: NAME,
    hukou: 'local',
    committeeId,
    riskLevel: 'medium',
    idNumber: makeIdNumber('310110', '2021-04-12', 517, 'F'),
    categories: [{ category: 'low_income_dibao', since: '2023-05-01', sourceNote: '低保认定' }],
    members: [{ name: '林国强', relation: '父亲', role: 'guardian', phone: '13900002222' }],
  });
  expect(created.statusCode, created.body).toBe(201);
  childId = created.json().id as string;
});
afterAll(async () => {
  await b?.close();
});

async function shot(name: string) {
  await b.page.waitForLoadState('networkidle');
  await expect.poll(() => b.page.locator('.ant-spin-spinning').count(), { timeout: 15_000 }).toBe(0);
  await b.shot(name);
}

const spaced = (label: string) => new RegExp(`^\\s*${label.split('').join('\\s*')}\\s*$`);

/** Opens the referral dialog from the file's quick actions and fills kind, unit and reason. */
async function fillReferral() {
  const { page } = b;
  const dialog = page.getByRole('dialog').filter({ hasText: '发起转介' });
  for (let i = 0; i < 5 && !(await dialog.isVisible()); i++) {
    await page
      .getByRole('button', { name: /(^|\s)转\s*介$/ })
      .first()
      .click({ timeout: 5_000 })
      .catch(() => undefined);
    await dialog.waitFor({ state: 'visible', timeout: 5_000 }).catch(() => undefined);
  }
  const choose = async (label: string, text: string) => {
    const select = dialog.locator('.ant-form-item').filter({ hasText: label }).locator('.ant-select').first();
    await chooseUntil(page, select, text, async () => (await select.innerText()).includes(text));
  };
  await choose('转介类型', '关爱服务');
  await choose('接收单位', '阳光社工服务社');
  await dialog.getByLabel('转介事由').fill('孩子需要社工个案陪伴服务，由阳光社工服务社跟进。');
  return dialog;
}

describe('consent before a referral to a social organisation, on a phone', () => {
  it('the referral is refused in the dialog, naming the missing consent', { timeout: 150_000 }, async () => {
    const { page } = b;
    await signIn(b, 'street-dinghai');
    await page.goto(`${b.base}/children/${childId}`);
    await expect.poll(() => page.getByText(NAME).first().isVisible(), { timeout: 15_000 }).toBe(true);
    const dialog = await fillReferral();
    const refusal = dialog.getByTestId('referral-refusal');
    for (let i = 0; i < 5 && !(await refusal.isVisible()); i++) {
      await dialog
        .getByRole('button', { name: spaced('发送') })
        .click({ timeout: 5_000 })
        .catch(() => undefined);
      await refusal.waitFor({ state: 'visible', timeout: 5_000 }).catch(() => undefined);
    }
    expect(await refusal.textContent()).toContain('缺少监护人对「转介至社会组织」的有效同意');
    await shot('consent-01-referral-refused-phone');
    expect(Number((await b.env.owner.query('select count(*) from referrals where child_id = $1', [childId])).rows[0].count)).toBe(0);
  });

  it('the guardian consent is recorded on the 授权与同意 section, and the referral goes through', { timeout: 180_000 }, async () => {
    const { page } = b;
    // a fresh page: the refused dialog is left behind
    await page.goto(`${b.base}/children/${childId}`);
    await expect.poll(() => page.getByText(NAME).first().isVisible(), { timeout: 15_000 }).toBe(true);
    const section = page.getByLabel('档案栏目');
    const tab = page.getByTestId('child-consent');
    await chooseUntil(page, section, '授权与同意', () => tab.isVisible());
    await expect.poll(() => tab.getByText('困境儿童保障与走访').isVisible(), { timeout: 15_000 }).toBe(true);
    await expect.poll(() => tab.getByText('还没有记录监护人同意').first().isVisible(), { timeout: 15_000 }).toBe(true);
    await shot('consent-02-tab-empty-phone');

    const form = page.getByRole('dialog').filter({ hasText: '给予同意的监护人' });
    for (let i = 0; i < 5 && !(await form.isVisible()); i++) {
      await page
        .getByTestId('consent-new')
        .click({ timeout: 5_000 })
        .catch(() => undefined);
      await form.waitFor({ state: 'visible', timeout: 5_000 }).catch(() => undefined);
    }
    await form.getByLabel('同意范围').fill('同意转介至阳光社工服务社开展个案服务');
    await form.getByLabel('凭证存放').fill('书面同意书存于街道档案室');
    await shot('consent-03-record-dialog-phone');
    const active = tab.locator('.ant-list-item', { hasText: '转介至社会组织' }).filter({ hasText: '有效' }).filter({ hasText: '林国强' });
    for (let i = 0; i < 5 && !(await active.first().isVisible()); i++) {
      if (await form.isVisible())
        await form
          .getByRole('button', { name: spaced('保存') })
          .click({ timeout: 5_000 })
          .catch(() => undefined);
      await active
        .first()
        .waitFor({ state: 'visible', timeout: 5_000 })
        .catch(() => undefined);
    }
    await expect.poll(() => active.first().isVisible(), { timeout: 10_000 }).toBe(true);
    await shot('consent-04-recorded-phone');

    const dialog = await fillReferral();
    for (let i = 0; i < 5 && !/\/referrals\/[0-9a-f-]{36}$/.test(page.url()); i++) {
      await dialog
        .getByRole('button', { name: spaced('发送') })
        .click({ timeout: 5_000 })
        .catch(() => undefined);
      await page.waitForURL(/\/referrals\/[0-9a-f-]{36}$/, { timeout: 5_000 }).catch(() => undefined);
    }
    await page.waitForURL(/\/referrals\/[0-9a-f-]{36}$/, { timeout: 15_000 });
    await shot('consent-05-referral-sent-phone');
    const row = (await b.env.owner.query(`select to_unit, status from referrals where child_id = $1`, [childId])).rows;
    expect(row).toEqual([{ to_unit: 'org-sunshine', status: 'sent' }]);
  });
});

describe('the purposes register', () => {
  it('the district civil-affairs administrator reads and edits the purposes and their lawful basis', { timeout: 120_000 }, async () => {
    const { page } = b;
    await page.setViewportSize({ width: 1366, height: 800 });
    await signOut(b);
    await signIn(b, 'district');
    await page.goto(`${b.base}/consent/purposes`);
    await expect.poll(() => page.getByText('转介至社会组织').first().isVisible(), { timeout: 15_000 }).toBe(true);
    await shot('consent-06-purposes-desktop');
    const dialog = page.getByRole('dialog').filter({ hasText: '法律依据' });
    for (let i = 0; i < 5 && !(await dialog.isVisible()); i++) {
      await page
        .locator('.ant-list-item', { hasText: '宣传报道使用照片' })
        .getByRole('button', { name: spaced('修改') })
        .click({ timeout: 5_000 })
        .catch(() => undefined);
      await dialog.waitFor({ state: 'visible', timeout: 5_000 }).catch(() => undefined);
    }
    await shot('consent-07-purpose-edit-desktop');
  });
});
