/**
 * 活动与频次 in Chromium (issue 13, tasks 1, 30): the street of 定海路 opens the compliance page and
 * finds its 未保站 on the overdue list (the demo seed: it missed the last closed quarter and has
 * nothing this quarter); from the overdue row it records the quarterly lecture (dated today, held)
 * and the station leaves the overdue list; it adds a child of its street to the lecture from the
 * child picker, and the participation shows on the child's file (服务与活动). Screenshots at desktop
 * and phone widths go to test-results/.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDate } from '#common/dates.js';
import { seedDemoActivities } from '../../server/src/seed/demoActivities.js';
import { openBrowser, signIn, type BrowserEnv } from './browser.js';

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1366, height: 800 };
const STATION = '定海路街道未保站';
const TITLE = '第四季度未成年人保护专题讲座';

let b: BrowserEnv;
let child: { id: string; name: string };

beforeAll(async () => {
  b = await openBrowser(DESKTOP);
  const today = shanghaiDate(b.env.clock.now);
  await seedDemoActivities(b.env.owner, { seed: 20261129, today });
  // a dinghai child with a name no other child has (the picker searches by name)
  child = (
    await b.env.owner.query<{ id: string; name: string }>(
      `select c.id, c.name from children c where c.street_code = 'dinghai' and c.status = 'active'
          and (select count(*) from children x where x.name = c.name) = 1
          and not exists (select 1 from activity_participants p where p.child_id = c.id)
        order by c.id limit 1`,
    )
  ).rows[0] ?? { id: '', name: '' };
  expect(child.id).not.toBe('');
});
afterAll(async () => {
  await b?.close();
});

/** Waits for the page's spinners to stop, then takes a full-page screenshot. */
async function shot(name: string) {
  await b.page.waitForLoadState('networkidle');
  await expect.poll(() => b.page.locator('.ant-spin-spinning, .ant-spin-blur').count(), { timeout: 15_000 }).toBe(0);
  await b.page.waitForTimeout(300);
  await b.shot(name);
}

const stationCard = () => b.page.getByTestId('compliance-station-quarterly');

describe('a station records its quarterly lecture and leaves the overdue list', () => {
  it('street-dinghai sees its station overdue, records the lecture from the row, and the station is done', async () => {
    const { page } = b;
    await signIn(b, 'street-dinghai');
    await page.goto(`${b.base}/activities/compliance`);
    await expect.poll(() => stationCard().isVisible(), { timeout: 15_000 }).toBe(true);
    const overdue = page.getByTestId('compliance-station-quarterly-overdue');
    await expect.poll(() => overdue.getByText(STATION).isVisible(), { timeout: 10_000 }).toBe(true);
    await shot('activities-compliance-overdue-desktop');
    await page.setViewportSize(PHONE);
    await shot('activities-compliance-overdue-phone');
    await page.setViewportSize(DESKTOP);

    await overdue.getByTestId('compliance-record').first().click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.getByText('记录活动').first().isVisible(), { timeout: 10_000 }).toBe(true);
    // pre-filled: the station, a lecture, held today
    await expect.poll(() => dialog.getByTestId('activity-organiser').innerText(), { timeout: 10_000 }).toContain(STATION);
    await expect.poll(() => dialog.getByTestId('activity-kind').innerText()).toContain('专题讲座');
    await dialog.getByLabel('活动名称').fill(TITLE);
    await dialog.getByLabel('参加儿童人数').fill('18');
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/activities') && r.request().method() === 'POST', { timeout: 15_000 }),
      dialog.getByRole('button', { name: /保\s*存/ }).click(),
    ]);
    await expect.poll(() => page.getByRole('dialog').count(), { timeout: 10_000 }).toBe(0);

    // off the overdue list, on the done list
    await expect.poll(() => overdue.getByText(STATION).count(), { timeout: 15_000 }).toBe(0);
    await stationCard()
      .getByRole('tab', { name: /已完成/ })
      .click();
    await expect.poll(() => page.getByTestId('compliance-station-quarterly-done').getByText(STATION).isVisible(), { timeout: 10_000 }).toBe(true);
    await shot('activities-compliance-done-desktop');
  }, 180_000);

  it('adds a child of the street to the lecture; the participation shows on the child’s file', async () => {
    const { page } = b;
    await page.goto(`${b.base}/activities`);
    await page.getByText(TITLE).first().click();
    const drawer = page.locator('.ant-drawer');
    await expect.poll(() => drawer.getByTestId('participant-picker').isVisible(), { timeout: 15_000 }).toBe(true);
    await drawer.getByTestId('participant-picker').locator('.ant-select').click();
    await page.keyboard.type(child.name);
    const option = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: child.name }).first();
    await expect.poll(() => option.isVisible(), { timeout: 10_000 }).toBe(true);
    await option.click();
    await page.keyboard.press('Escape');
    await Promise.all([
      page.waitForResponse((r) => r.url().includes('/participants') && r.request().method() === 'POST', { timeout: 15_000 }),
      drawer.getByTestId('participant-add').click(),
    ]);
    await expect.poll(() => drawer.locator('.ant-list-item').filter({ hasText: child.name }).isVisible(), { timeout: 10_000 }).toBe(true);
    await shot('activities-drawer-desktop');

    // the file's 服务与活动 tab (opened by its link: on a desktop it sits behind the tab bar's overflow menu)
    await page.goto(`${b.base}/children/${child.id}?tab=services`);
    await expect.poll(() => page.getByText(child.name).first().isVisible(), { timeout: 15_000 }).toBe(true);
    const section = page.getByTestId('services-activities');
    await expect.poll(() => section.getByText(TITLE).isVisible(), { timeout: 15_000 }).toBe(true);
    await shot('activities-child-desktop');
    await page.setViewportSize(PHONE);
    await shot('activities-child-phone');
    await page.setViewportSize(DESKTOP);
  }, 180_000);

  it('the activities pages have no serious or critical axe-core finding (desktop and phone)', async () => {
    const { page } = b;
    const found: string[] = [];
    for (const viewport of [DESKTOP, PHONE]) {
      await page.setViewportSize(viewport);
      for (const path of ['/activities/compliance', '/activities']) {
        await page.goto(`${b.base}${path}`);
        await page.locator('#main-content').waitFor();
        await page.waitForLoadState('networkidle');
        await expect.poll(() => page.locator('.ant-spin-spinning, .ant-skeleton').count(), { timeout: 20_000 }).toBe(0);
        await page.waitForTimeout(300);
        if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
        const violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[] = await page.evaluate(async () => {
          const w = window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: never[] }> } };
          return (await w.axe.run(document, { resultTypes: ['violations'] })).violations;
        });
        for (const v of violations.filter((x) => x.impact === 'serious' || x.impact === 'critical'))
          found.push(
            `${path} ${viewport.width}: ${v.id} ${v.nodes
              .map((n) => n.target.join(' '))
              .slice(0, 3)
              .join(' | ')}`,
          );
      }
    }
    await page.setViewportSize(DESKTOP);
    expect(found).toEqual([]);
  }, 180_000);
});
