/**
 * A child director records a home visit in Chromium: finds a child of their committee by pinyin
 * initials, opens the file, records a visit on a phone-sized screen (one item 需关注 with a note,
 * one problem), submits, and the child's next due date moves; a problem record exists.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, type BrowserEnv, signIn } from './browser.js';

let b: BrowserEnv;
beforeAll(async () => {
  b = await openBrowser();
});
afterAll(async () => {
  await b?.close();
});

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1366, height: 800 };
const SERVICE_ITEMS = ['基本生活', '安全保护', '医疗康复', '教育就学', '监护照料', '心理关爱', '政策落实'];

const login = (username: string) => signIn(b, username);

async function logout() {
  const { page } = b;
  if (!page.url().startsWith(b.base)) await page.goto(`${b.base}/login`);
  await page.evaluate(async () => {
    const res = await fetch('/api/auth/me');
    if (!res.ok) return;
    const me = await res.json();
    await fetch('/api/auth/logout', { method: 'POST', headers: { 'x-csrf-token': me.csrfToken } });
  });
}

async function loginAs(username: string) {
  await logout();
  await login(username);
}

describe('recording a home visit', () => {
  it('a child director finds a child by pinyin initials, records a visit with a problem on a phone, and the next due date moves', async () => {
    const { page, env } = b;
    const child = (
      await env.owner.query<{ id: string; name: string; name_initials: string; next_visit_due: string | null }>(
        `select c.id, c.name, c.name_initials, c.next_visit_due from children c join committees m on m.id = c.committee_id
       where m.code = 'dinghai-01' and c.status = 'active' order by c.name_initials limit 1`,
      )
    ).rows[0]!;
    const before = child.next_visit_due;

    await page.setViewportSize(DESKTOP);
    await login('director-dinghai');
    // 工作台 shows the visit counts.
    await expect.poll(() => page.getByText('走访已逾期').isVisible(), { timeout: 10_000 }).toBe(true);
    await b.shot('visit-01-home');

    await page.locator('.ant-layout-sider').getByText('儿童档案').click();
    await page.waitForURL(/\/children$/);
    await page.getByLabel('关键词').fill(child.name_initials);
    await page.getByRole('button', { name: /查\s*询/ }).click();
    await expect.poll(() => page.locator('.ant-table-row').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await page.locator('.ant-table-row').getByText(child.name, { exact: true }).first().click();
    await page.waitForURL(new RegExp(`/children/${child.id}`));

    await page.getByRole('tab', { name: '走访记录' }).click();
    await page.getByRole('button', { name: '记录走访' }).click();
    await page.waitForURL(new RegExp(`/visits/new/${child.id}`));
    await expect.poll(() => page.getByText('关爱服务内容').first().isVisible(), { timeout: 10_000 }).toBe(true);
    await b.shot('visit-02-form-desktop');

    // The rest on a phone, one-handed: large choices, one after another.
    await page.setViewportSize(PHONE);
    await b.shot('visit-03-form-phone-empty');
    await page.getByLabel('见到的人').fill('孩子本人、祖母');
    for (const item of SERVICE_ITEMS) {
      const region = page.getByRole('region', { name: item });
      await region.getByText(item === '心理关爱' ? '需关注' : '正常', { exact: true }).click();
    }
    await page.getByRole('region', { name: '心理关爱' }).getByPlaceholder('写明需要关注的具体情况').fill('近期情绪低落，不愿与同学交流');
    await page.getByLabel('走访情况').fill('入户走访，孩子与祖母同住，生活有保障；情绪较低落，需持续关注。');
    await page.getByRole('button', { name: '发现问题' }).click();
    await page.getByLabel('问题描述').fill('孩子情绪低落，建议联系学校心理老师跟进');
    await page.getByLabel('问题类别').click();
    await page.locator('.ant-select-dropdown:visible').getByText('心理关爱', { exact: true }).click();
    await page.getByText('一般', { exact: true }).click();
    await b.shot('visit-04-form-phone-filled');

    await page.getByRole('button', { name: /提\s*交/ }).click();
    await page.waitForURL(new RegExp(`/children/${child.id}$`), { timeout: 15_000 });
    await expect.poll(() => page.getByText(/走访记录已提交/).isVisible(), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => page.getByText(child.name).first().isVisible(), { timeout: 10_000 }).toBe(true);
    await b.shot('visit-05-submitted-phone');

    const after = (
      await env.owner.query<{ last_visit_on: string; next_visit_due: string; today: string }>(
        `select last_visit_on, next_visit_due, (now() at time zone 'Asia/Shanghai')::date::text as today from children where id = $1`,
        [child.id],
      )
    ).rows[0]!;
    expect(after.last_visit_on).toBe(after.today);
    expect(after.next_visit_due > after.today).toBe(true);
    if (before) expect(after.next_visit_due > before).toBe(true);
    const visit = (await env.owner.query(`select id, status, checklist from visits where child_id = $1`, [child.id])).rows;
    expect(visit).toHaveLength(1);
    expect(visit[0].status).toBe('submitted');
    expect(visit[0].checklist.find((e: { code: string }) => e.code === 'psychology')).toMatchObject({
      status: 'attention',
      note: '近期情绪低落，不愿与同学交流',
    });
    const problems = (await env.owner.query(`select description, category, severity, status from problems where visit_id = $1`, [visit[0].id])).rows;
    expect(problems).toEqual([{ description: '孩子情绪低落，建议联系学校心理老师跟进', category: 'psychology', severity: 'medium', status: 'open' }]);

    // The visit shows on the child's file (the file's tabs are wider than a phone: open it on a desktop).
    await page.setViewportSize(DESKTOP);
    await page.getByRole('tab', { name: '走访记录' }).click();
    await expect.poll(() => page.getByText('需关注 1 项').isVisible(), { timeout: 10_000 }).toBe(true);
    await page.getByText('需关注 1 项').click();
    await expect.poll(() => page.getByText('近期情绪低落，不愿与同学交流').isVisible()).toBe(true);
    await b.shot('visit-06-child-visits-desktop');
    await page.setViewportSize(PHONE);
    await b.shot('visit-06-child-visits-phone');
  });

  it('keeps a draft: warns before leaving unsaved changes, saves a draft that the work list shows', async () => {
    const { page, env } = b;
    const other = (
      await env.owner.query<{ id: string }>(
        `select c.id from children c join committees m on m.id = c.committee_id
       where m.code = 'dinghai-01' and c.status = 'active' and not exists (select 1 from visits v where v.child_id = c.id) order by c.id limit 1`,
      )
    ).rows[0]!.id;
    await page.setViewportSize(DESKTOP);
    await loginAs('director-dinghai');
    await page.goto(`${b.base}/visits/new/${other}`);
    await page.getByLabel('见到的人').fill('母亲');
    await page.locator('.ant-layout-sider').getByText('工作台').click();
    await expect.poll(() => page.getByRole('dialog', { name: '有未保存的修改' }).isVisible(), { timeout: 5_000 }).toBe(true);
    expect(await page.locator('.ant-modal-confirm').count()).toBe(1);
    await page.getByRole('button', { name: '留在此页' }).click();
    expect(new URL(page.url()).pathname).toBe(`/visits/new/${other}`);
    await page.getByRole('button', { name: '保存草稿' }).click();
    await page.waitForURL(/\/visits\/[0-9a-f-]{36}\/edit$/);
    const draft = (await env.owner.query(`select status, people_met from visits where child_id = $1`, [other])).rows;
    expect(draft).toEqual([{ status: 'draft', people_met: '母亲' }]);
    // Saved: leaving no longer asks.
    await page.locator('.ant-layout-sider').getByText('走访', { exact: true }).click();
    await page.waitForURL(/\/visits(\?|$)/);
    await page.getByRole('tab', { name: /我的草稿/ }).click();
    await expect.poll(() => page.getByRole('button', { name: /继续草稿/ }).count(), { timeout: 10_000 }).toBe(1);
  });

  it('shows the work list on a phone and on a desktop, and the rules page to district staff', async () => {
    const { page } = b;
    await loginAs('director-dinghai');
    await page.setViewportSize(PHONE);
    await page.goto(`${b.base}/visits?kind=overdue`);
    await expect.poll(() => page.getByText('走访工作清单').isVisible(), { timeout: 10_000 }).toBe(true);
    await expect
      .poll(async () => (await page.locator('.ant-list-item').count()) + (await page.getByText('没有逾期未访的儿童').count()), { timeout: 10_000 })
      .toBeGreaterThan(0);
    await expect.poll(() => page.locator('.ant-spin-spinning, .ant-spin-blur').count(), { timeout: 10_000 }).toBe(0);
    await page.waitForTimeout(500);
    await b.shot('visit-07-worklist-phone');
    await page.setViewportSize(DESKTOP);
    await page.reload();
    await expect.poll(() => page.locator('.ant-table-row').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await expect.poll(() => page.locator('.ant-spin-spinning, .ant-spin-blur').count(), { timeout: 10_000 }).toBe(0);
    await page.waitForTimeout(500); // the table fades in after loading
    await b.shot('visit-08-worklist-desktop');
    const overdueTags = await page.locator('.ant-table-row .ant-tag-red').allInnerTexts();
    for (const tag of overdueTags) expect(tag).toMatch(/^(逾期 \d+ 天|高风险)$/);
    expect(overdueTags.some((tag) => /^逾期 \d+ 天$/.test(tag))).toBe(true);
    await loginAs('district');
    await page.goto(`${b.base}/admin/visit-rules`);
    await expect.poll(() => page.getByText('走访计划规则').isVisible(), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => page.getByText('关爱服务内容清单').isVisible()).toBe(true);
    await expect
      .poll(
        () =>
          page
            .getByRole('cell', { name: /基本生活/ })
            .first()
            .isVisible(),
        { timeout: 10_000 },
      )
      .toBe(true);
    await b.shot('visit-09-rules-desktop');
    const menu = await page.locator('.ant-layout-sider').innerText();
    expect(menu).toContain('走访规则与清单');
    expect(menu).toContain('走访');
  });
});
