/**
 * Stored markup and SQL-like text in names is accepted (it is someone's text) and shown literally on
 * every page that renders it: no script runs, no element is created from it. Names with control
 * characters or bidi overrides are refused with a Chinese message.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent } from '../../server/test/harness.js';
import { openBrowser, type BrowserEnv } from './browser.js';

let b: BrowserEnv;
beforeAll(async () => {
  b = await openBrowser();
});
afterAll(async () => {
  await b?.close();
});

const COMMITTEE = '<script>window.__xss=1</script>居民区';
const UNIT = `<img src=x onerror="window.__xss=2">'; drop table units; --`;
const DISPLAY = `<i onclick=window.__xss=3>张</i>'or 1=1--`;
const CHILD = '<img src=x onerror=window.__xss=4>小明';
const PASSWORD = 'Xy7!kq2#Lm9pZ';

async function login(username: string, password: string): Promise<void> {
  const { page } = b;
  await b.context.clearCookies();
  await page.goto(`${b.base}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}

/** Opens a page, waits for the literal text, and checks nothing ran or was injected. */
async function showsLiterally(path: string, text: string): Promise<void> {
  const { page } = b;
  await page.goto(`${b.base}${path}`);
  await b.shot(`escaping-${path.replace(/[^a-z0-9]+/gi, '-')}`);
  await expect.poll(() => page.getByText(text, { exact: false }).first().isVisible(), { timeout: 15_000, message: `${path} shows ${text}` }).toBe(true);
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss), path).toBeUndefined();
  expect(await page.locator('img[src="x"], script:not([src]), i[onclick]').count(), path).toBe(0);
}

describe('names with markup and SQL-like text', () => {
  it('are stored as given and shown literally on every page that renders them', async () => {
    const dialogs: string[] = [];
    b.page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    const admin = new Agent(b.env.app);
    expect((await admin.post('/api/auth/login', { username: 'admin', password: 'nuanyang-demo' })).statusCode).toBe(200);
    const street = (await admin.get('/api/org/streets')).json().items[0].code as string;
    const committee = await admin.post('/api/org/committees', { streetCode: street, name: COMMITTEE });
    expect(committee.statusCode, committee.body).toBeLessThan(300);
    const unit = await admin.post('/api/org/units', { code: 'xss-unit', name: UNIT, kind: 'department' });
    expect(unit.statusCode, unit.body).toBeLessThan(300);
    const user = await admin.post('/api/admin/users', {
      username: 'aa-xss',
      displayName: DISPLAY,
      unitCode: 'xss-unit',
      roles: ['department'],
      password: PASSWORD,
    });
    expect(user.statusCode, user.body).toBeLessThan(300);
    // A child of the new committee, named like an attack (written as the owner: the file form
    // accepts such a name too, but this keeps the test about rendering).
    const committeeId = (await b.env.owner.query('select id from committees where name = $1', [COMMITTEE])).rows[0].id as string;
    const childId = (
      await b.env.owner.query(
        `update children set name = $1, committee_id = $2 where id = (select id from children where street_code = $3 order by id limit 1) returning id`,
        [CHILD, committeeId, street],
      )
    ).rows[0].id as string;

    await login('admin', 'nuanyang-demo');
    await showsLiterally('/admin/areas', COMMITTEE);
    await showsLiterally('/admin/units', UNIT);
    await showsLiterally('/admin/users', DISPLAY);

    await login('aa-xss', PASSWORD);
    await showsLiterally('/', DISPLAY);

    await login('district', 'nuanyang-demo');
    await showsLiterally(`/children/${childId}`, CHILD);
    await showsLiterally(`/children/${childId}`, COMMITTEE);
    expect(dialogs).toEqual([]);
  }, 240_000);

  it('are refused with a Chinese message when they hold control characters or bidi overrides', async () => {
    const admin = new Agent(b.env.app);
    await admin.post('/api/auth/login', { username: 'admin', password: 'nuanyang-demo' });
    for (const name of ['定海\u202e区居民区', '定海\n居民区', '定海\u2066居民区', '定海\u007f居民区']) {
      const res = await admin.post('/api/org/committees', { streetCode: 'dinghai', name });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.fields[0].message).toContain('不能含有控制字符');
    }
  });
});
