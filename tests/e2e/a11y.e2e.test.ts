/**
 * Accessibility basics in Chromium: axe-core (injected into each page) finds no serious or critical
 * violation on the main pages, on a desktop and on a phone; the skip link takes a keyboard user to
 * the page's first control (the children list's search box) in three key presses; and on a phone the
 * top bar's buttons and the pagination are at least 44×44 px.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, type BrowserEnv, signIn, signOut } from './browser.js';

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const DESKTOP = { width: 1366, height: 800 };
const PHONE = { width: 390, height: 844 };

let b: BrowserEnv;
let childId: string;
beforeAll(async () => {
  b = await openBrowser();
  childId = (
    await b.env.owner.query<{ id: string }>(
      `select c.id from children c join committees m on m.id = c.committee_id
     where m.code = 'dinghai-01' and c.status = 'active' order by c.name_initials limit 1`,
    )
  ).rows[0]!.id;
});
afterAll(async () => {
  await b?.close();
});

async function login(username: string): Promise<void> {
  await b.page.goto(`${b.base}/login`);
  await signOut(b);
  await signIn(b, username);
}

/** Waits until the page has drawn its data: no spinner, no skeleton, no request in flight. */
async function settled(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await expect.poll(() => page.locator('.ant-spin-spinning, .ant-skeleton, .ant-card-loading').count(), { timeout: 20_000 }).toBe(0);
  await page.waitForTimeout(300); // antd's enter animations (opacity) end before contrast is measured
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/** Runs axe-core (WCAG 2 A/AA rules and best practices) and returns the serious and critical findings. */
async function axe(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol, so the page's CSP (script-src 'self') does not apply.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const violations = (await page.evaluate(async () => {
    const w = window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: unknown[] }> } };
    // axe's default rule set: WCAG 2.0-2.2 A and AA and best practices (experimental rules off).
    const r = await w.axe.run(document, { resultTypes: ['violations'] });
    return r.violations;
  })) as AxeViolation[];
  return (
    violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      // Known in antd's Tabs (not ours to change): when tabs overflow a phone's width, the "more"
      // button (aria-controls, opening the list of hidden tabs) sits inside role=tablist. Only that
      // exact finding is set aside; any other aria-required-children finding still fails.
      .filter(
        (v) =>
          !(
            v.id === 'aria-required-children' &&
            v.nodes.every((n) => n.target.join(' ').endsWith('.ant-tabs-nav') && /button\[aria-controls\]/.test(n.failureSummary ?? ''))
          ),
      )
      .map(
        (v) =>
          `${v.impact} ${v.id} (${v.help}): ${v.nodes
            .slice(0, 3)
            .map((n) => `${n.target.join(' ')} [${(n.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 160)}]`)
            .join(' | ')}${v.nodes.length > 3 ? ` …+${v.nodes.length - 3}` : ''}`,
      )
  );
}

const PAGES = [
  { name: 'home', user: 'director-dinghai', path: () => '/' },
  { name: 'children list', user: 'director-dinghai', path: () => '/children' },
  { name: 'child file', user: 'director-dinghai', path: () => `/children/${childId}` },
  { name: 'visit form', user: 'director-dinghai', path: () => `/visits/new/${childId}` },
  { name: 'eligibility list', user: 'street-dinghai', path: () => '/eligibility' },
  // 数据共享 (issue 16): the street's review queue, worked on phones too
  { name: 'feed changes to review', user: 'street-dinghai', path: () => '/feeds/review' },
  { name: 'supervision dashboard', user: 'leader', path: () => '/supervision' },
  { name: 'shared data feeds', user: 'district', path: () => '/feeds' },
  { name: 'shared data feed', user: 'district', path: () => '/feeds/disabled-federation-cert' },
];

describe('axe-core finds no serious or critical violation', () => {
  for (const viewport of [DESKTOP, PHONE]) {
    const size = viewport === DESKTOP ? 'desktop' : 'phone';
    it(`on the login page (${size})`, async () => {
      const { page } = b;
      await page.setViewportSize(viewport);
      await page.context().clearCookies();
      await page.goto(`${b.base}/login`);
      await page.getByLabel('用户名').waitFor();
      await settled(page);
      expect(await axe(page)).toEqual([]);
    });

    it(`on the main pages (${size})`, async () => {
      const { page } = b;
      await page.setViewportSize(viewport);
      const found: string[] = [];
      let user = '';
      for (const p of PAGES) {
        if (p.user !== user) {
          await login(p.user);
          user = p.user;
        }
        await page.goto(`${b.base}${p.path()}`);
        await page.locator('#main-content').waitFor();
        await settled(page);
        for (const v of await axe(page)) found.push(`${p.name}: ${v}`);
      }
      expect(found).toEqual([]);
    }, 180_000);
  }
});

describe('keyboard and touch', () => {
  it('the skip link is the first stop and leads to the search box of the children list', async () => {
    const { page } = b;
    await page.setViewportSize(DESKTOP);
    await login('director-dinghai');
    await page.goto(`${b.base}/children`);
    await settled(page);
    await page.keyboard.press('Tab'); // nothing has focus after a load: the first stop
    const skip = page.getByRole('link', { name: '跳到主要内容' });
    expect(await skip.evaluate((el) => el === document.activeElement)).toBe(true);
    expect((await skip.boundingBox())!.y).toBeGreaterThanOrEqual(0); // visible while focused
    await page.keyboard.press('Enter');
    // From the page's start, the search box is a few stops away (the page's own buttons come first);
    // without the skip link it took 12 presses through the menu and the top bar.
    const search = page.getByLabel('关键词');
    let presses = 2;
    while (presses < 6 && !(await search.evaluate((el) => el === document.activeElement))) {
      await page.keyboard.press('Tab');
      presses++;
    }
    expect(await search.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(presses).toBeLessThanOrEqual(5);
  });

  it('on a phone the top bar buttons and the pagination are at least 44×44 px', async () => {
    const { page } = b;
    await page.setViewportSize(PHONE);
    await login('director-dinghai');
    await page.goto(`${b.base}/children`);
    await settled(page);
    const boxes = async (selector: string) =>
      page.locator(selector).evaluateAll((els) =>
        els
          .filter((e) => (e as HTMLElement).offsetParent !== null)
          .map((e) => {
            const r = e.getBoundingClientRect();
            return { w: Math.round(r.width), h: Math.round(r.height), what: e.className };
          }),
      );
    const header = await boxes('.app-header button, .app-header .ant-segmented-item');
    expect(header.length).toBeGreaterThanOrEqual(3);
    for (const b of header) expect(Math.min(b.w, b.h), JSON.stringify(b)).toBeGreaterThanOrEqual(44);
    const pager = await boxes('.ant-pagination-item, .ant-pagination-prev, .ant-pagination-next');
    expect(pager.length).toBeGreaterThanOrEqual(3);
    for (const b of pager) expect(Math.min(b.w, b.h), JSON.stringify(b)).toBeGreaterThanOrEqual(44);
  });
});
