/**
 * A long visit record survives the session timeout (issue 9, item 1), on a phone:
 * - the session is ended on the server while the director writes; 提交 answers 401, a login dialog
 *   covers the page, and after logging in the same visit is submitted;
 * - the session ends and the page is reloaded: after logging in, the form offers the unsent content
 *   back ("恢复未提交的走访记录？"), which is encrypted in IndexedDB meanwhile;
 * - two minutes before the idle timeout a warning offers 继续, which extends the session.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, type BrowserEnv, signIn } from './browser.js';

let b: BrowserEnv;
beforeAll(async () => {
  b = await openBrowser({ width: 390, height: 844 });
});
afterAll(async () => {
  await b?.close();
});

const SERVICE_ITEMS = ['基本生活', '安全保护', '医疗康复', '教育就学', '监护照料', '心理关爱', '政策落实'];
const MIN = 60_000;

const login = (username: string) => signIn(b, username);

/** Active children of 定海一居民区 without any visit (no server draft in the way). */
async function children(n: number) {
  return (
    await b.env.owner.query<{ id: string; name: string }>(
      `select c.id, c.name from children c join committees m on m.id = c.committee_id
     where m.code = 'dinghai-01' and c.status = 'active' and not exists (select 1 from visits v where v.child_id = c.id)
     order by c.id limit $1`,
      [n],
    )
  ).rows;
}

async function fillVisit(findings: string) {
  const { page } = b;
  await expect.poll(() => page.getByText('关爱服务内容').first().isVisible(), { timeout: 10_000 }).toBe(true);
  await page.getByLabel('见到的人').fill('孩子本人、祖母');
  for (const item of SERVICE_ITEMS) await page.getByRole('region', { name: item }).getByText('正常', { exact: true }).click();
  await page.getByLabel('走访情况').fill(findings);
  await expect.poll(() => page.getByText('已填 7/7').isVisible()).toBe(true);
  // Drafts are written 0.4 s after the last change.
  await page.waitForTimeout(1000);
}

/** What IndexedDB holds, as the raw bytes a thief of the device would find. */
async function storedDrafts(): Promise<{ key: string; text: string }[]> {
  return b.page.evaluate(
    () =>
      new Promise<{ key: string; text: string }[]>((resolve, reject) => {
        const open = indexedDB.open('nuanyang-drafts');
        open.onerror = () => reject(open.error ?? new Error('indexedDB open failed'));
        open.onsuccess = () => {
          const tx = open.result.transaction('drafts', 'readonly');
          const store = tx.objectStore('drafts');
          const keys = store.getAllKeys();
          const values = store.getAll();
          tx.oncomplete = () =>
            resolve(
              keys.result.map((k, i) => {
                const v = values.result[i] as { data: ArrayBuffer };
                return { key: String(k), text: new TextDecoder().decode(v.data) + JSON.stringify(v) };
              }),
            );
        };
      }),
  );
}

async function directorSessions() {
  return (
    await b.env.owner.query<{ id_hash: Buffer }>(
      `select s.id_hash from sessions s join users u on u.id = s.user_id where u.username = 'director-dinghai' and s.revoked_at is null`,
    )
  ).rows;
}

describe('a visit record survives the end of the session', () => {
  it('401 at submit: a login dialog over the page, the same visit submitted after logging in', async () => {
    const { page, env } = b;
    const [child] = await children(1);
    await login('director-dinghai');
    await page.goto(`${b.base}/visits/new/${child!.id}`);
    const findings = '入户走访四十分钟：孩子与祖母同住，生活有保障，作业按时完成。';
    await fillVisit(findings);

    // Encrypted in the browser: the text is not readable in IndexedDB.
    await expect.poll(async () => (await storedDrafts()).length, { timeout: 10_000 }).toBe(1);
    const stored = await storedDrafts();
    expect(stored[0]!.key).toContain(`visit:new:${child!.id}`);
    expect(stored[0]!.text).not.toContain('祖母');

    // The server forgets the session (as after 30 idle minutes).
    expect((await directorSessions()).length).toBeGreaterThan(0);
    await env.owner.query(`delete from sessions where user_id = (select id from users where username = 'director-dinghai')`);

    await page.getByRole('button', { name: /提\s*交/ }).click();
    const dialog = page.getByRole('dialog', { name: '登录已超时，请重新登录' });
    await expect.poll(() => dialog.isVisible(), { timeout: 10_000 }).toBe(true);
    expect(new URL(page.url()).pathname).toBe(`/visits/new/${child!.id}`);
    await b.shot('drafts-01-relogin-dialog-phone');
    await dialog.getByLabel('密码').fill('nuanyang-demo');
    await dialog.getByRole('button', { name: '登录并继续' }).click();
    await expect.poll(() => dialog.isVisible(), { timeout: 10_000 }).toBe(false);
    // Nothing was lost: the form still holds the visit.
    expect(await page.getByLabel('走访情况').inputValue()).toBe(findings);
    await expect.poll(() => page.getByText('已填 7/7').isVisible()).toBe(true);

    await page.getByRole('button', { name: /提\s*交/ }).click();
    await page.waitForURL(new RegExp(`/children/${child!.id}$`), { timeout: 15_000 });
    const visits = (await env.owner.query(`select status, findings from visits where child_id = $1`, [child!.id])).rows;
    expect(visits).toEqual([{ status: 'submitted', findings }]);
    // Submitted: the browser's copy is gone.
    expect(await storedDrafts()).toEqual([]);
  });

  it('session ended and the page reloaded: after logging in the visit is offered back and submits', async () => {
    const { page, env } = b;
    const [, child] = await children(2);
    await page.goto(`${b.base}/visits/new/${child!.id}`);
    const findings = '孩子近期情绪稳定，祖母身体欠佳，需关注照料能力。';
    await fillVisit(findings);

    await expect.poll(async () => (await storedDrafts()).length, { timeout: 10_000 }).toBe(1);
    // Time passes on the server: 31 minutes without a request.
    env.clock.advance(31 * MIN);
    await page.reload();
    await page.waitForURL(/\/login/);
    await expect.poll(() => page.getByText('关爱服务内容').count()).toBe(0);
    await page.getByLabel('用户名').fill('director-dinghai');
    await page.getByLabel('密码').fill('nuanyang-demo');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    // Back on the form it was on, which offers the unsent content back.
    await page.waitForURL(new RegExp(`/visits/new/${child!.id}$`));
    const prompt = page.getByRole('dialog', { name: '恢复未提交的走访记录？' });
    await expect.poll(() => prompt.isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await page.getByText('已填 0/7').isVisible()).toBe(true);
    await b.shot('drafts-02-restore-prompt-phone');
    await prompt.getByRole('button', { name: /恢\s*复/ }).click();
    await expect.poll(() => page.getByText('已填 7/7').isVisible(), { timeout: 5_000 }).toBe(true);
    expect(await page.getByLabel('走访情况').inputValue()).toBe(findings);
    expect(await page.getByLabel('见到的人').inputValue()).toBe('孩子本人、祖母');
    await b.shot('drafts-03-restored-visit-form-phone');

    await page.getByRole('button', { name: /提\s*交/ }).click();
    await page.waitForURL(new RegExp(`/children/${child!.id}$`), { timeout: 15_000 });
    const visits = (await env.owner.query(`select status, findings, people_met from visits where child_id = $1`, [child!.id])).rows;
    expect(visits).toEqual([{ status: 'submitted', findings, people_met: '孩子本人、祖母' }]);
  });

  it('丢弃 removes the unsent content', async () => {
    const { page } = b;
    const [, , child] = await children(3);
    await page.goto(`${b.base}/visits/new/${child!.id}`);
    await fillVisit('将被丢弃的内容');
    await expect.poll(async () => (await storedDrafts()).length, { timeout: 10_000 }).toBe(1);
    await page.reload();
    const prompt = page.getByRole('dialog', { name: '恢复未提交的走访记录？' });
    await expect.poll(() => prompt.isVisible(), { timeout: 10_000 }).toBe(true);
    await prompt.getByRole('button', { name: /丢\s*弃/ }).click();
    await expect.poll(() => prompt.isVisible(), { timeout: 5_000 }).toBe(false);
    await expect.poll(async () => (await storedDrafts()).length, { timeout: 10_000 }).toBe(0);
    expect(await page.getByLabel('走访情况').inputValue()).toBe('');
  });

  it('warns two minutes before the idle timeout; 继续 extends the session', async () => {
    const { page, env } = b;
    await page.goto(`${b.base}/`);
    await expect.poll(() => page.getByText('走访已逾期').isVisible(), { timeout: 10_000 }).toBe(true);
    // 28.5 minutes without a request (the server's clock moves; the notification poll does not count).
    env.clock.advance(28.5 * MIN);
    // A phone coming back from the background asks how long is left.
    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
    const warning = page.getByRole('dialog', { name: '会话即将过期' });
    await expect.poll(() => warning.isVisible(), { timeout: 10_000 }).toBe(true);
    await b.shot('drafts-04-expiry-warning-phone');
    await warning.getByRole('button', { name: /继\s*续/ }).click();
    await expect.poll(() => warning.isVisible(), { timeout: 5_000 }).toBe(false);
    // Extended: 29 more minutes later the session is still alive.
    env.clock.advance(29 * MIN);
    const status = await page.evaluate(async () => (await fetch('/api/auth/session', { headers: { 'x-nuanyang-background': '1' } })).status);
    expect(status).toBe(200);
  });
});
