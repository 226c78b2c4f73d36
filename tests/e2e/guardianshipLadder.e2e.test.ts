/**
 * 干预措施 in Chromium (issue 12, tasks 10 and 14): the street records a 劝诫 that failed on the child
 * file's 监护 tab; the platform suggests 训诫; the street sends it to 区公安分局 as a referral; the
 * police find it in the /referrals queue, open the child (masked, with the guardianship section)
 * and complete it with the intervention form; the child's ladder shows the 训诫 done; the child
 * director sees the summary. Screenshots (desktop and a 390px phone) go to test-results/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { makeIdNumber } from '#common/idNumber.js';
import { openBrowser, SHOTS, signIn, signOut, type BrowserEnv } from './browser.js';

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1366, height: 800 };
const NAME = '刘小栎';
const MASKED = '刘*栎';

let b: BrowserEnv;
let childId: string;

beforeAll(async () => {
  b = await openBrowser(DESKTOP);
  const api = await b.env.login('street-dinghai');
  const committeeId = (await b.env.owner.query<{ id: string }>(`select id from committees where code = 'dinghai-01'`)).rows[0]?.id;
  const created = await api.post('/api/children', {
    name: NAME,
    hukou: 'local',
    committeeId,
    riskLevel: 'high',
    residenceAddress: '上海市杨浦区定海路88弄2号101室',
    idNumber: makeIdNumber('310110', '2016-03-12', 517, 'M'),
    schoolStage: '小学',
    schoolName: '杨浦区定海路小学',
    categories: [{ category: 'guardianship_improper', since: '2026-10-01', sourceNote: '走访发现' }],
    members: [{ name: '刘建国', relation: '父亲', role: 'guardian', phone: '13900002222' }],
  });
  expect(created.statusCode, created.body).toBe(201);
  childId = created.json().id as string;
});
afterAll(async () => {
  await b?.close();
});

async function shot(name: string) {
  await b.page.waitForLoadState('networkidle');
  await expect.poll(() => b.page.locator('.ant-spin-spinning, .ant-spin-blur').count(), { timeout: 15_000 }).toBe(0);
  await b.shot(name);
}
/** A button whose label antd may space out (两个汉字 → 两 个). */
const spaced = (label: string) => new RegExp(`^${label.split('').join('\\s*')}$`);
async function clickWhenEnabled(button: Locator) {
  await expect.poll(() => button.isEnabled(), { timeout: 10_000 }).toBe(true);
  await button.click();
}

async function openLadder() {
  const { page } = b;
  // ?tab= opens the 监护 tab (on a desktop it sits behind the tab strip's overflow menu; on a phone in the sections menu)
  await page.goto(`${b.base}/children/${childId}?tab=guardianship`);
  const card = page.getByTestId('ladder-body');
  await expect.poll(() => card.isVisible(), { timeout: 15_000 }).toBe(true);
  return card;
}

describe('the intervention ladder: 劝诫 fails, 训诫 sent to the police and completed there', () => {
  it('the street records a 劝诫 that failed, sees the suggestion and sends the 训诫', async () => {
    const { page } = b;
    await signIn(b, 'street-dinghai');
    let card = await openLadder();
    await expect.poll(() => card.getByText(/尚无干预措施/).isVisible(), { timeout: 10_000 }).toBe(true);
    await shot('ladder-01-empty');

    await card.getByRole('button', { name: /新增干预措施/ }).click();
    let dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.getByText('由居（村）委会实施').isVisible(), { timeout: 10_000 }).toBe(true);
    await dialog.getByLabel('事由', { exact: true }).fill('监护人酗酒后多次将孩子独自留在家中过夜。');
    await dialog.getByLabel('实施人', { exact: true }).fill('居委会 王主任');
    await shot('ladder-02-new-admonition');
    await clickWhenEnabled(dialog.getByRole('button', { name: spaced('保存') }));
    await expect.poll(() => dialog.count(), { timeout: 10_000 }).toBe(0);
    await expect.poll(() => card.getByTestId('ladder-step-admonition').isVisible(), { timeout: 10_000 }).toBe(true);

    await card.getByRole('button', { name: /记录结果/ }).click();
    dialog = page.getByRole('dialog');
    await dialog.getByText('无效', { exact: true }).click();
    await dialog.getByLabel('结果说明').fill('监护人拒不改正，上周再次夜不归宿。');
    await clickWhenEnabled(dialog.getByRole('button', { name: spaced('保存') }));
    await expect.poll(() => dialog.count(), { timeout: 10_000 }).toBe(0);

    const suggestion = card.getByTestId('ladder-suggestion');
    await expect.poll(() => suggestion.isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await suggestion.textContent()).toContain('劝诫/制止无效，建议由公安机关予以训诫');
    await shot('ladder-03-suggestion');

    await suggestion.getByRole('button', { name: /按建议新增/ }).click();
    dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.getByText('由公安机关实施').isVisible(), { timeout: 10_000 }).toBe(true);
    // 区公安分局 is the only unit that takes a 训诫: chosen, with the referral's deadline
    await expect.poll(() => dialog.getByText(/转介办理期限：.+（5 个工作日）/).isVisible(), { timeout: 10_000 }).toBe(true);
    await dialog.getByLabel('事由', { exact: true }).fill('劝诫无效，请公安机关对监护人予以训诫。');
    await shot('ladder-04-new-reprimand');
    await clickWhenEnabled(dialog.getByRole('button', { name: /发送转介/ }));
    await expect.poll(() => dialog.count(), { timeout: 10_000 }).toBe(0);
    const rep = card.getByTestId('ladder-step-reprimand');
    await expect.poll(() => rep.isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await rep.textContent()).toMatch(/区公安分局[\s\S]*已发送/);
    await shot('ladder-05-sent');
    const row = (await b.env.owner.query(`select kind, to_unit, source_kind from referrals where child_id = $1`, [childId])).rows;
    expect(row).toEqual([{ kind: 'reprimand', to_unit: 'police', source_kind: 'intervention' }]);

    await page.setViewportSize(PHONE);
    card = await openLadder();
    await expect.poll(() => card.getByTestId('ladder-step-reprimand').isVisible(), { timeout: 10_000 }).toBe(true);
    await page.screenshot({ path: `${SHOTS}/ladder-06-sent-phone.png`, fullPage: true });
    await page.setViewportSize(DESKTOP);
    await signOut(b);
  }, 120_000);

  it('the police find it in the queue, open the child (masked, guardianship section) and complete it', async () => {
    const { page } = b;
    await signOut(b);
    await signIn(b, 'police');
    await page.goto(`${b.base}/referrals`);
    const row = page.locator('.ant-table-row', { hasText: MASKED });
    await expect.poll(() => row.isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await row.textContent()).toContain('训诫');
    expect(await page.getByText(NAME).count()).toBe(0);
    await shot('ladder-07-police-queue');

    await row.getByRole('link').first().click();
    await page.waitForURL(/\/referrals\/[0-9a-f-]{36}$/, { timeout: 15_000 });
    await page.getByRole('button', { name: '查看儿童信息' }).click();
    await page.waitForURL(/\/child$/, { timeout: 15_000 });
    const ladder = page.getByTestId('referral-child-ladder');
    await expect.poll(() => ladder.isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await ladder.textContent()).toMatch(/劝诫\/制止[\s\S]*无效[\s\S]*训诫[\s\S]*本转介/);
    expect(await page.getByText(NAME).count()).toBe(0);
    await shot('ladder-08-police-child');
    await page.setViewportSize(PHONE);
    await shot('ladder-08-police-child-phone');
    await page.setViewportSize(DESKTOP);
    await page.getByRole('button', { name: '返回转介' }).click();
    await page.waitForURL(/\/referrals\/[0-9a-f-]{36}$/, { timeout: 15_000 });

    for (const step of ['受理']) {
      await page
        .getByRole('button', { name: spaced(step) })
        .first()
        .click();
      const d = page.getByRole('dialog');
      await clickWhenEnabled(d.getByRole('button', { name: spaced(step) }));
      await expect.poll(() => d.count(), { timeout: 10_000 }).toBe(0);
    }
    await page
      .getByRole('button', { name: spaced('办结') })
      .first()
      .click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.getByText('实施结果').isVisible(), { timeout: 10_000 }).toBe(true);
    await dialog.getByLabel('实施人').fill('钱卫东');
    await dialog.getByLabel('办理结果').fill('已传唤监护人到派出所，予以训诫并责令改正。');
    await shot('ladder-09-police-complete');
    await clickWhenEnabled(dialog.getByRole('button', { name: spaced('办结') }));
    await expect.poll(() => dialog.count(), { timeout: 15_000 }).toBe(0);
    await expect.poll(() => page.getByText('已办结').first().isVisible(), { timeout: 10_000 }).toBe(true);
    await shot('ladder-10-police-done');
    await signOut(b);
  }, 120_000);

  it('the street sees the 训诫 done on the ladder; the director sees the summary', async () => {
    const { page } = b;
    await signOut(b);
    await signIn(b, 'street-dinghai');
    const card = await openLadder();
    const rep = card.getByTestId('ladder-step-reprimand');
    await expect.poll(() => rep.textContent(), { timeout: 10_000 }).toMatch(/已履行[\s\S]*钱卫东/);
    expect(await rep.textContent()).toContain('已传唤监护人到派出所');
    await shot('ladder-11-street-done');
    await page.setViewportSize(PHONE);
    await shot('ladder-11-street-done-phone');
    await page.setViewportSize(DESKTOP);
    await signOut(b);

    await signIn(b, 'director-dinghai');
    const summary = await openLadder();
    await expect.poll(() => summary.getByTestId('ladder-step-reprimand').isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await summary.textContent()).not.toContain('已传唤监护人到派出所');
    expect(await summary.getByRole('button', { name: /新增干预措施/ }).count()).toBe(0);
    await page.setViewportSize(PHONE);
    await shot('ladder-12-director-phone');
    await page.setViewportSize(DESKTOP);
  }, 120_000);
});
