/**
 * 社工分派 and 慈善帮扶 in Chromium (issue 14, tasks 20, 40): street-dinghai assigns a child of its
 * street to sw-sunshine (阳光社工服务社) from the 社工分派 page; sw-sunshine signs in on a 390 px
 * phone and sees exactly its children (the six of the demo and the new one); the street opens a
 * charity project's matching list, records aid for a matched child from there, and the aid shows
 * on the child's file (服务与活动 → 慈善帮扶). Screenshots at desktop and phone widths go to
 * test-results/.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDate } from '#common/dates.js';
import { seedDemoCharity } from '../../server/src/seed/demoCharity.js';
import { seedDemoWorkforce } from '../../server/src/seed/demoWorkforce.js';
import { chooseUntil, openBrowser, signIn, signOut, type BrowserEnv } from './browser.js';

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1366, height: 800 };

let b: BrowserEnv;
let child: { id: string; name: string };
let swId: string;

beforeAll(async () => {
  b = await openBrowser(DESKTOP);
  const today = shanghaiDate(b.env.clock.now);
  await seedDemoWorkforce(b.env.owner, b.env.deps.crypto, { seed: 1, today });
  await seedDemoCharity(b.env.owner, { today });
  swId = (await b.env.owner.query<{ id: string }>(`select id from users where username = 'sw-sunshine'`)).rows[0]?.id ?? '';
  // a dinghai child with a name no other child has (the picker searches by name), not yet assigned
  child = (
    await b.env.owner.query<{ id: string; name: string }>(
      `select c.id, c.name from children c where c.street_code = 'dinghai' and c.status = 'active'
          and (select count(*) from children x where x.name = c.name) = 1
          and not exists (select 1 from child_assignments a where a.child_id = c.id)
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

const assignedIds = async () =>
  (await b.env.owner.query<{ child_id: string }>(`select child_id from child_assignments where user_id = $1 order by child_id`, [swId])).rows.map(
    (r) => r.child_id,
  );

describe('a commissioned social worker is assigned children and sees exactly those', () => {
  it('street-dinghai assigns a child to sw-sunshine from the 社工分派 page', async () => {
    const { page } = b;
    await signIn(b, 'street-dinghai');
    await page.goto(`${b.base}/assignments`);
    const card = page.locator('.ant-card').filter({ hasText: '陆佳怡' }).first();
    await expect.poll(() => card.isVisible(), { timeout: 15_000 }).toBe(true);
    await expect.poll(() => card.innerText()).toContain('6 名儿童');
    await shot('charity-assignments-desktop');

    await page.getByRole('button', { name: /分派儿童/ }).click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.getByText('儿童（可多选）').isVisible(), { timeout: 10_000 }).toBe(true);
    const select = dialog.locator('.ant-form-item').filter({ hasText: '儿童（可多选）' }).locator('.ant-select');
    // the list of the street's children is long (virtual): search by name each time it opens
    await chooseUntil(page, select, child.name, async () => (await select.locator('.ant-select-selection-item').filter({ hasText: child.name }).count()) > 0, {
      search: child.name,
    });
    await page.keyboard.press('Escape');
    await dialog.getByLabel('备注').fill('每月家访一次');
    await shot('charity-assign-dialog-desktop');
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/assignments') && r.request().method() === 'POST', { timeout: 15_000 }),
      dialog.getByRole('button', { name: /保\s*存/ }).click(),
    ]);
    await expect.poll(() => page.getByRole('dialog').count(), { timeout: 10_000 }).toBe(0);
    await expect.poll(() => card.innerText(), { timeout: 10_000 }).toContain('7 名儿童');
    await expect.poll(() => page.getByRole('link', { name: child.name }).first().isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await assignedIds()).toContain(child.id);
    await page.setViewportSize(PHONE);
    await shot('charity-assignments-phone');
    await page.setViewportSize(DESKTOP);
  }, 180_000);

  it('sw-sunshine signs in on a phone and sees exactly its seven children', async () => {
    const { page } = b;
    await signOut(b);
    await page.setViewportSize(PHONE);
    await signIn(b, 'sw-sunshine');
    const expected = await assignedIds();
    expect(expected).toHaveLength(7);
    const seen = await page.evaluate(async () => {
      const res = await fetch('/api/children?pageSize=200');
      const body = await res.json();
      return (body.items as { id: string }[]).map((i) => i.id).sort();
    });
    expect(seen).toEqual(expected);
    await page.goto(`${b.base}/children`);
    await expect.poll(() => page.getByText(child.name).first().isVisible(), { timeout: 15_000 }).toBe(true);
    await shot('charity-worker-children-phone');
    // the child's file opens for the worker
    await page.goto(`${b.base}/children/${child.id}`);
    await expect.poll(() => page.getByText(child.name).first().isVisible(), { timeout: 15_000 }).toBe(true);
    await shot('charity-worker-child-file-phone');
    await signOut(b);
    await page.setViewportSize(DESKTOP);
  }, 180_000);
});

describe('the street records charity aid from a project’s matching list', () => {
  it('opens the matching list, records aid for a matched child, and the aid shows on the file', async () => {
    const { page } = b;
    await signOut(b); // whatever the journey before left signed in
    await signIn(b, 'street-dinghai');
    await page.goto(`${b.base}/charity`);
    // the demo project with children of 定海路 still to help (the demo aids every other matched child)
    const PROJECT = await page.evaluate(async () => {
      const list = await (await fetch('/api/charity/projects')).json();
      for (const p of list.items as { id: string; name: string }[]) {
        const m = await (await fetch(`/api/charity/projects/${p.id}/matches`)).json();
        if (m.matched.length > 0) return p.name;
      }
      return '';
    });
    expect(PROJECT).not.toBe('');
    const row = page.locator('.ant-table-row').filter({ hasText: PROJECT }).first();
    await expect.poll(() => row.isVisible(), { timeout: 15_000 }).toBe(true);
    await shot('charity-projects-desktop');
    await row.getByRole('button', { name: /匹配名单/ }).click();
    await expect.poll(() => page.getByText(`匹配名单：${PROJECT}`).isVisible(), { timeout: 15_000 }).toBe(true);
    const first = page.getByTestId('matches-matched').locator('.ant-table-row').first();
    await expect.poll(() => first.isVisible(), { timeout: 15_000 }).toBe(true);
    const name = (await first.locator('td').first().innerText()).trim();
    const target = (await b.env.owner.query<{ id: string }>(`select id from children where name = $1 and street_code = 'dinghai'`, [name])).rows[0]?.id ?? '';
    expect(target).not.toBe('');
    await shot('charity-matches-desktop');
    await first.getByRole('button', { name: /登记帮扶/ }).click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.getByText(`登记帮扶：${name}`).isVisible(), { timeout: 10_000 }).toBe(true);
    await dialog.getByLabel('帮扶内容').fill('轮椅一台、学习用品一套');
    await shot('charity-record-dialog-desktop');
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/charity/aid') && r.request().method() === 'POST' && r.status() === 201, { timeout: 15_000 }),
      dialog.getByRole('button', { name: /保\s*存/ }).click(),
    ]);
    await expect.poll(() => page.getByRole('dialog').count(), { timeout: 10_000 }).toBe(0);
    await expect.poll(() => page.getByTestId('matches-matched').locator('.ant-table-row').filter({ hasText: name }).count(), { timeout: 10_000 }).toBe(0);
    await page.setViewportSize(PHONE);
    await shot('charity-matches-phone');
    await page.setViewportSize(DESKTOP);

    await page.goto(`${b.base}/children/${target}?tab=services`);
    const section = page.getByTestId('services-charity');
    await expect.poll(() => section.getByText('轮椅一台、学习用品一套').isVisible(), { timeout: 15_000 }).toBe(true);
    await expect.poll(() => section.getByText(PROJECT).first().isVisible()).toBe(true);
    await shot('charity-child-desktop');
    await page.setViewportSize(PHONE);
    await shot('charity-child-phone');
    await page.setViewportSize(DESKTOP);
  }, 180_000);
});

describe('a whole committee at once', () => {
  it('street-dinghai assigns every child of a committee to sw-sunshine', async () => {
    const { page } = b;
    const committee = (
      await b.env.owner.query<{ id: string; name: string }>(
        `select m.id, m.name from committees m where m.street_code = 'dinghai' and m.active
            and exists (select 1 from children c where c.committee_id = m.id and c.status = 'active'
                         and not exists (select 1 from child_assignments a where a.child_id = c.id))
          order by m.code desc limit 1`,
      )
    ).rows[0] ?? { id: '', name: '' };
    const expected = [
      ...new Set([
        ...(await assignedIds()),
        ...(await b.env.owner.query<{ id: string }>(`select id from children where committee_id = $1 and status = 'active'`, [committee.id])).rows.map(
          (r) => r.id,
        ),
      ]),
    ].sort();
    await page.goto(`${b.base}/login`);
    await signOut(b);
    await signIn(b, 'street-dinghai');
    await page.goto(`${b.base}/assignments`);
    await page.getByRole('button', { name: /分派儿童/ }).click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.getByText('整个居民区').isVisible(), { timeout: 10_000 }).toBe(true);
    await dialog.getByText('整个居民区').click();
    const select = dialog
      .locator('.ant-form-item')
      .filter({ hasText: /^居民区/ })
      .locator('.ant-select');
    // the list is long (virtual): type to filter it, then choose
    await chooseUntil(page, select, committee.name, async () => (await select.innerText()).includes(committee.name), { search: committee.name });
    await shot('charity-assign-committee-desktop');
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/assignments') && r.request().method() === 'POST', { timeout: 15_000 }),
      dialog.getByRole('button', { name: /保\s*存/ }).click(),
    ]);
    await expect.poll(() => page.getByRole('dialog').count(), { timeout: 10_000 }).toBe(0);
    await expect.poll(assignedIds, { timeout: 10_000 }).toEqual(expected);
  }, 180_000);
});

describe('accessibility', () => {
  it('the 社工分派, 慈善项目 and matching pages have no serious or critical axe-core finding (desktop and phone)', async () => {
    const { page } = b;
    const project = (await b.env.owner.query<{ id: string }>(`select id from charity_projects order by name limit 1`)).rows[0]?.id ?? '';
    const found: string[] = [];
    for (const viewport of [DESKTOP, PHONE]) {
      await page.setViewportSize(viewport);
      for (const path of ['/assignments', '/charity', `/charity/projects/${project}`]) {
        await page.goto(`${b.base}${path}`);
        await page.locator('#main-content').waitFor();
        await page.waitForLoadState('networkidle');
        await expect.poll(() => page.locator('.ant-spin-spinning, .ant-skeleton').count(), { timeout: 20_000 }).toBe(0);
        await page.waitForTimeout(300);
        if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
        const violations = await page.evaluate<{ id: string; impact: string | null; nodes: { target: string[] }[] }[]>(
          `axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations)`,
        );
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
