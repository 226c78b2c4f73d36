/**
 * Real Chromium (Debian's package) driven by playwright-core, against a real server on a cloned
 * test database. Screenshots go to test-results/ (ignored by git) for a person to look at.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
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
