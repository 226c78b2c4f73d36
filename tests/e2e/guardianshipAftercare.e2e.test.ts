/**
 * 返家监护监督 in Chromium (issue 12, task 16): a street user assigns the child director
 * `director-dinghai` as guardianship supervisor of a child returned home (child file → 监护 tab);
 * the director, on a phone, records the follow-up (home visit, note) and sees the next one
 * scheduled; the procuratorate (`procurator`) sees another child's overdue follow-up, masked, on
 * /guardianship/followups. Screenshots (desktop and a 390px phone) go to test-results/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, shanghaiDate } from '#common/dates.js';
import { maskName } from '#common/mask.js';
import { openBrowser, signIn, signOut, type BrowserEnv } from './browser.js';

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1366, height: 800 };

let b: BrowserEnv;
let child: { id: string; name: string };
let overdueChild: { id: string; name: string };
let today: string;

beforeAll(async () => {
  b = await openBrowser(DESKTOP);
  today = shanghaiDate(b.env.clock.now);
  const q = async (committee: string) =>
    (
      await b.env.owner.query<{ id: string; name: string }>(
        `select c.id, c.name from children c join committees m on m.id = c.committee_id
          where m.code ${committee} and c.street_code = 'dinghai' and c.status = 'active' and char_length(c.name) >= 3 order by c.name_pinyin, c.id limit 1`,
      )
    ).rows[0];
  child = (await q(`= 'dinghai-01'`))!; // the template has children in the demo committee
  overdueChild = (await q(`<> 'dinghai-01'`)) ?? (await q(`= 'dinghai-01' and c.id <> '${child.id}'`))!;
  // Another child returned home 45 days ago, its first follow-up (day 30) never recorded: overdue 15 days.
  const api = await b.env.login('street-dinghai');
  const res = await api.post('/api/aftercare/supervisions', {
    childId: overdueChild.id,
    returnedOn: addDays(today, -45),
    supervisorName: '刘建华',
    supervisorPhone: '13916602741',
  });
  expect(res.statusCode, res.body).toBe(201);
});
afterAll(async () => {
  await b?.close();
});

async function shot(name: string) {
  await b.page.waitForLoadState('networkidle');
  await expect.poll(() => b.page.locator('.ant-spin-spinning, .ant-skeleton-active').count(), { timeout: 15_000 }).toBe(0);
  await b.shot(name);
}

const spaced = (label: string) => new RegExp(`^${label.split('').join('\\s*')}$`);

describe('a child returned home under a guardianship supervisor', () => {
  it('the street assigns director-dinghai as supervisor from the child file', async () => {
    const { page } = b;
    await signIn(b, 'street-dinghai');
    await page.goto(`${b.base}/children/${child.id}?tab=guardianship`);
    const card = page.getByTestId('guardianship-supervision');
    await expect.poll(() => card.getByTestId('aftercare-assign').isVisible(), { timeout: 20_000 }).toBe(true);
    await card.getByTestId('aftercare-assign').click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.getByText('选择用户').isVisible(), { timeout: 10_000 }).toBe(true);
    await dialog.locator('.ant-select').first().click();
    await page.locator('.ant-select-dropdown .ant-select-item-option', { hasText: '张丽华' }).first().click();
    const date = dialog.locator('.ant-picker input').first();
    await date.click();
    await date.fill(addDays(today, -10));
    await date.press('Enter');
    await shot('aftercare-assign-desktop');
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/aftercare/supervisions') && r.request().method() === 'POST' && r.status() === 201, {
        timeout: 15_000,
      }),
      dialog.getByRole('button', { name: spaced('保存') }).click(),
    ]);
    await expect.poll(() => card.getByText('张丽华').first().isVisible(), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => card.getByTestId('aftercare-next-due').textContent()).toContain(addDays(today, 20));
    await shot('aftercare-assigned-desktop');
    await signOut(b);
  });

  it('director-dinghai records the follow-up on a phone', async () => {
    const { page } = b;
    await page.setViewportSize(PHONE);
    await signIn(b, 'director-dinghai');
    await page.goto(`${b.base}/children/${child.id}?tab=guardianship`);
    const card = page.getByTestId('guardianship-supervision');
    await expect.poll(() => card.getByTestId('aftercare-record').isVisible(), { timeout: 20_000 }).toBe(true);
    await shot('aftercare-director-phone');
    await card.getByTestId('aftercare-record').click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.getByText('入户走访').isVisible(), { timeout: 10_000 }).toBe(true);
    await dialog.getByText('入户走访').click();
    await dialog.getByTestId('aftercare-note').fill('入户查看，孩子按时上学，家中有饭菜，母亲情绪平稳。');
    await shot('aftercare-record-phone');
    await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/aftercare/followups/') && r.request().method() === 'POST' && r.status() === 200, { timeout: 15_000 }),
      dialog.getByRole('button', { name: spaced('保存') }).click(),
    ]);
    // recorded today, day 10 of the first 90: the next in 30 days
    await expect.poll(() => card.getByTestId('aftercare-next-due').textContent(), { timeout: 10_000 }).toContain(addDays(today, 30));
    await expect.poll(() => card.getByText('入户查看，孩子按时上学').isVisible()).toBe(true);
    await shot('aftercare-recorded-phone');
    await page.setViewportSize(DESKTOP);
    await signOut(b);
  });

  it('the procuratorate sees the overdue follow-up masked on /guardianship/followups', async () => {
    const { page } = b;
    await signIn(b, 'procurator');
    await page
      .getByRole('menuitem', { name: /返家回访/ })
      .first()
      .click();
    await page.waitForURL((u) => u.pathname === '/guardianship/followups');
    const masked = maskName(overdueChild.name) ?? '';
    await expect.poll(() => page.getByText(masked, { exact: true }).first().isVisible(), { timeout: 20_000 }).toBe(true);
    expect(await page.getByText(overdueChild.name, { exact: true }).count()).toBe(0);
    await expect.poll(() => page.getByText('15 天').first().isVisible()).toBe(true);
    await shot('aftercare-oversight-desktop');
    await page.setViewportSize(PHONE);
    await expect.poll(() => page.getByText(masked, { exact: true }).first().isVisible(), { timeout: 10_000 }).toBe(true);
    await shot('aftercare-oversight-phone');
    await page.setViewportSize(DESKTOP);
    const audits = await b.env.owner.query(`select count(*)::int as n from audit_log where action = 'guardianship.followups.oversight.view'`);
    expect(audits.rows[0].n).toBeGreaterThan(0);
  });
});
