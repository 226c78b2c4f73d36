/**
 * Real Chromium (Debian's package) driven by playwright-core, against a real server on a cloned
 * test database. Screenshots go to test-results/ (ignored by git) for a person to look at.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import type { AddressInfo } from 'node:net';
import { testEnv, type TestEnv } from '../../server/test/harness.js';

export const SHOTS = path.resolve(import.meta.dirname, '../../test-results');

export interface BrowserEnv {
  env: TestEnv;
  base: string;
  context: BrowserContext;
  page: Page;
  shot(name: string): Promise<void>;
  close(): Promise<void>;
}

export async function openBrowser(viewport = { width: 1366, height: 800 }): Promise<BrowserEnv> {
  const env = await testEnv();
  await env.app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(env.app.server.address() as AddressInfo).port}`;
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'nuanyang-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    viewport,
    locale: 'zh-CN',
    // The users are in Shanghai: the forms' "today" (dayjs(), the browser's own day) is Shanghai's,
    // as the server's is. Without it the browser's day is the machine's (UTC on CI), a day behind
    // from 00:00 to 08:00 Shanghai time, and every date default and "not in the future" check disagrees.
    timezoneId: 'Asia/Shanghai',
    // The app then turns antd's animations off (AppProviders): no click lands on a dialog or a
    // drop-down still zooming in, which on a loaded CI machine was the commonest flaky failure.
    reducedMotion: 'reduce',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  fs.mkdirSync(SHOTS, { recursive: true });
  return {
    env,
    base,
    context,
    page,
    shot: async (name) => {
      await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
    },
    close: async () => {
      await context.close();
      await env.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Logs in through the login page with the demo password and waits to leave it. */
export async function signIn(b: Pick<BrowserEnv, 'page' | 'base'>, username: string): Promise<void> {
  const { page } = b;
  await page.goto(`${b.base}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill('nuanyang-demo');
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}

/** Ends the page's session, if it has one, through the API (as the user menu does). */
export async function signOut(b: Pick<BrowserEnv, 'page'>): Promise<void> {
  await b.page.evaluate(async () => {
    const res = await fetch('/api/auth/me');
    if (!res.ok) return;
    const me = await res.json();
    await fetch('/api/auth/logout', { method: 'POST', headers: { 'x-csrf-token': me.csrfToken } });
  });
}

/**
 * Chooses `option` in the antd Select opened by clicking `select`, again and again until `chosen()`
 * holds. On a loaded machine a click during the list's opening animation can miss (or the list can
 * close before the click lands), so a single open-and-click is not enough. `search`: text typed into
 * the select's search box each time it is opened (a long, virtual list renders only what matches).
 */
export async function chooseUntil(
  page: Page,
  select: Locator,
  option: string | RegExp,
  chosen: () => Promise<boolean>,
  opts: { search?: string; timeout?: number } = {},
): Promise<void> {
  const item = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: option }).first();
  const deadline = Date.now() + (opts.timeout ?? 30_000);
  for (;;) {
    if (await chosen()) return;
    if (Date.now() > deadline) throw new Error(`选项未选中：${String(option)}`);
    if (!(await item.isVisible())) {
      await select.click({ timeout: 3_000 }).catch(() => undefined);
      if (opts.search !== undefined)
        await select
          .locator('input')
          .first()
          .fill(opts.search, { timeout: 3_000 })
          .catch(() => undefined);
    }
    await item.waitFor({ state: 'visible', timeout: 3_000 }).catch(() => undefined);
    if (await item.isVisible()) await item.click({ timeout: 3_000 }).catch(() => undefined);
    await page.waitForTimeout(500);
  }
}

/**
 * Clicks the first visible of `targets` (in order: e.g. a confirm dialog's button before the button
 * that opens the dialog) until `done()` holds. On a loaded machine a click during a modal's opening
 * animation, or on a button still showing antd's loading icon, can land on nothing; one click and a
 * wait for a transient toast is then a flaky test, not a finding.
 */
export async function clickUntil(page: Page, targets: Locator[], done: () => Promise<boolean>, what: string, timeout = 30_000): Promise<void> {
  const deadline = Date.now() + timeout;
  for (;;) {
    if (await done()) return;
    if (Date.now() > deadline) throw new Error(`操作未完成：${what}`);
    for (const target of targets) {
      if (await target.isVisible().catch(() => false)) {
        await target.click({ timeout: 3_000 }).catch(() => undefined);
        break;
      }
    }
    await page.waitForTimeout(700);
  }
}

/**
 * Does `action` and waits for what it causes (`outcome`, given a timeout), again up to `tries` times
 * when nothing came: on a loaded machine a click on a modal's button or a link can land while the
 * element is still settling and do nothing. For actions that are safe to repeat only until they
 * take effect (a save whose request never left, a download that never started).
 */
export async function untilOutcome<T>(action: () => Promise<void>, outcome: (timeout: number) => Promise<T>, what: string, tries = 3): Promise<T> {
  let last: unknown;
  for (let i = 0; i < tries; i++) {
    const waiting = outcome(15_000);
    await action().catch(() => undefined);
    try {
      return await waiting;
    } catch (err) {
      last = err;
    }
  }
  throw new Error(`操作未生效：${what}（${String(last)}）`);
}
