/**
 * The child file on a phone (390×844, issue 9 item 7): a child director's list opens sorted by the
 * next visit's due date; on the file, 记录走访 / 联系监护人 / 上报问题 are on the first screen
 * without scrolling; the sections are a menu instead of a strip of eleven tabs.
 * Screenshots of the phone visit flow go to test-results/ (copies in docs/screenshots/).
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, SHOTS, type BrowserEnv, signIn } from './browser.js';

const PHONE = { width: 390, height: 844 };
let b: BrowserEnv;
beforeAll(async () => {
  b = await openBrowser(PHONE);
});
afterAll(async () => {
  await b?.close();
});

/** What the phone shows without scrolling. */
const screen = (name: string) => b.page.screenshot({ path: path.join(SHOTS, `${name}.png`) });

const login = (username: string) => signIn(b, username);

async function onFirstScreen(name: string | RegExp) {
  const box = await b.page.getByRole('button', { name }).first().boundingBox();
  expect(box, String(name)).not.toBeNull();
  expect(box!.y).toBeGreaterThanOrEqual(0);
  expect(box!.y + box!.height, String(name)).toBeLessThanOrEqual(PHONE.height);
}

describe('the child file on a phone', () => {
  it("a child director's list is sorted by the next visit's due date", async () => {
    const { page, env } = b;
    await login('director-dinghai');
    const expected = (
      await env.owner.query<{ name: string }>(
        `select c.name from children c
       where c.committee_id in (select uc.committee_id from user_committees uc join users u on u.id = uc.user_id where u.username = 'director-dinghai')
         and c.status = 'active'
       order by c.next_visit_due asc nulls last, c.name_pinyin, c.id limit 20`,
      )
    ).rows.map((r) => r.name);
    expect(expected.length).toBeGreaterThan(5);

    await page.goto(`${b.base}/children`);
    const names = page.locator('a[href^="/children/"] strong');
    await expect.poll(() => names.count(), { timeout: 10_000 }).toBe(expected.length);
    expect(await names.allInnerTexts()).toEqual(expected);
    expect(await page.getByLabel('排序').locator('..').innerText()).toContain('待走访日期');
    await page.waitForTimeout(300);
    await screen('phone-01-children-list');

    // Another order is a choice away, and back.
    await page.getByLabel('排序').click();
    await page.locator('.ant-select-dropdown:visible').getByText('姓名', { exact: true }).click();
    await expect
      .poll(async () => (await names.allInnerTexts())[0] !== expected[0] || (await names.allInnerTexts()).join() !== expected.join(), { timeout: 10_000 })
      .toBe(true);
  });

  it('the actions that matter are on the first screen; the sections are a menu', async () => {
    const { page, env } = b;
    const child = (
      await env.owner.query<{ id: string; name: string }>(
        `select c.id, c.name from children c join committees m on m.id = c.committee_id
       where m.code = 'dinghai-01' and c.status = 'active' and exists (select 1 from household_members h where h.child_id = c.id and h.role = 'guardian')
       order by c.next_visit_due nulls last, c.id limit 1`,
      )
    ).rows[0]!;
    await page.goto(`${b.base}/children/${child.id}`);
    await expect.poll(() => page.getByRole('heading', { name: child.name }).isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    await onFirstScreen('记录走访');
    await onFirstScreen('联系监护人');
    await onFirstScreen('上报问题');
    // No strip of tabs running off the screen.
    expect(await page.locator('.ant-tabs-nav').count()).toBe(0);
    await page.waitForTimeout(300);
    await screen('phone-02-child-file-first-screen');

    // The section menu lists every section and opens the chosen one.
    const menu = page.getByLabel('档案栏目');
    await menu.click();
    const options = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
    await expect.poll(() => options.count()).toBeGreaterThanOrEqual(8);
    const labels = await options.allInnerTexts();
    for (const l of ['基本信息', '走访记录', '问题与解决', '类别与保障', '变更历史'])
      expect(
        labels.some((x) => x.startsWith(l)),
        l,
      ).toBe(true);
    await screen('phone-03-section-menu');
    await options.filter({ hasText: '走访记录' }).click();
    // The visits section, with its own 记录走访 button.
    await expect
      .poll(
        () =>
          page
            .locator('#child-sections')
            .getByRole('button', { name: /记录走访/ })
            .isVisible(),
        { timeout: 10_000 },
      )
      .toBe(true);
    expect(await menu.locator('..').innerText()).toContain('走访记录');

    // 联系监护人 opens the family section (where a guardian's number is revealed and dialled).
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.getByRole('button', { name: '联系监护人' }).click();
    await expect.poll(() => menu.locator('..').innerText(), { timeout: 5_000 }).toContain('家庭成员');
    // (it scrolls to the section: let the smooth scroll end before going back up)
    await page.waitForTimeout(1500);

    // 上报问题 opens the problem form over the file.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.waitForTimeout(300);
    await page.getByRole('button', { name: '上报问题' }).click();
    // (antd's form dialog carries its title as text, not as an accessible name)
    const dialog = page.getByRole('dialog').filter({ hasText: '登记问题' });
    await expect.poll(() => dialog.isVisible(), { timeout: 10_000 }).toBe(true);
    await page.waitForTimeout(500);
    await screen('phone-05-raise-problem');
    await dialog.getByRole('button', { name: /取\s*消/ }).click();

    // 记录走访 goes straight to the visit form.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.getByRole('button', { name: '记录走访' }).first().click();
    await page.waitForURL(new RegExp(`/visits/new/${child.id}$`));
    await expect.poll(() => page.getByText('关爱服务内容').first().isVisible(), { timeout: 10_000 }).toBe(true);
    await page.waitForTimeout(300);
    await screen('phone-04-visit-form');
  });

  it("联系监护人 leads to 联系家庭: the guardian's number revealed with a reason (audited) as a tap-to-call link", async () => {
    const { page, env } = b;
    const child = (
      await env.owner.query<{ id: string; name: string }>(
        `select c.id, c.name from children c join committees m on m.id = c.committee_id
       where m.code = 'dinghai-01' and c.status = 'active'
         and exists (select 1 from household_members h where h.child_id = c.id and h.role = 'guardian' and h.phone_enc is not null)
       order by c.id limit 1`,
      )
    ).rows[0]!;
    await page.goto(`${b.base}/children/${child.id}`);
    await expect.poll(() => page.getByRole('heading', { name: child.name }).isVisible(), { timeout: 10_000 }).toBe(true);
    await page.getByRole('button', { name: '联系监护人' }).click();
    const reveal = page.getByTestId('family-contact');
    await expect.poll(() => reveal.isVisible(), { timeout: 10_000 }).toBe(true);
    // Masked until asked for.
    expect(await page.locator('a[href^="tel:"]').count()).toBe(0);
    await reveal.click();
    const dialog = page.getByRole('dialog').filter({ hasText: '联系家庭' });
    await expect.poll(() => dialog.isVisible(), { timeout: 5_000 }).toBe(true);
    // No reason, nothing shown.
    await dialog.getByRole('button', { name: /查\s*看/ }).click();
    await page.waitForTimeout(500);
    expect(await dialog.locator('a[href^="tel:"]').count()).toBe(0);
    await dialog.getByRole('textbox').first().fill('电话预约本周入户走访');
    await dialog.getByRole('button', { name: /查\s*看/ }).click();
    const call = dialog.locator('a[href^="tel:"]').first();
    await expect.poll(() => call.isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await call.getAttribute('href')).toMatch(/^tel:\+?\d{7,}$/);
    await page.waitForTimeout(300);
    await screen('phone-06-family-contact');
    const audit = (
      await env.owner.query<{ n: number }>(
        `select count(*)::int as n from audit_log where action = 'child.contact.reveal' and entity_id = $1 and reason = '电话预约本周入户走访' and outcome = 'success'`,
        [child.id],
      )
    ).rows[0]!.n;
    expect(audit).toBe(1);
    await dialog
      .locator('.ant-modal-footer')
      .getByRole('button', { name: /关\s*闭/ })
      .click();

    // The same reason dialog opens the child's full identity number (查看完整) for the street
    // supervisor, audited as an unmask.
    await page.evaluate(async () => {
      const me = await (await fetch('/api/auth/me')).json();
      await fetch('/api/auth/logout', { method: 'POST', headers: { 'x-csrf-token': me.csrfToken } });
    });
    await login('street-dinghai');
    await page.goto(`${b.base}/children/${child.id}`);
    await page
      .getByRole('button', { name: /查看完整/ })
      .first()
      .click();
    const unmask = page.getByRole('dialog').filter({ hasText: '查看完整个人信息' });
    await expect.poll(() => unmask.isVisible(), { timeout: 5_000 }).toBe(true);
    await unmask.getByRole('textbox').first().fill('核对身份证号');
    await unmask
      .getByRole('button', { name: /查\s*看/ })
      .last()
      .click();
    await expect.poll(async () => /\d{17}[\dX]/.test(await unmask.innerText()), { timeout: 10_000 }).toBe(true);
    expect(
      (
        await env.owner.query<{ n: number }>(
          `select count(*)::int as n from audit_log where action like 'child.unmask%' and entity_id = $1 and reason = '核对身份证号'`,
          [child.id],
        )
      ).rows[0]!.n,
    ).toBe(1);
  });
});
