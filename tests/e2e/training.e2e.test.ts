/**
 * 培训与考核 and 从业限制名单 in Chromium: street-dinghai records the attendance of a district
 * training session (two of its directors, bulk) and evaluates director-dinghai's year (the metrics
 * computed by the platform shown, the evaluation finished); the coverage page on a phone; `reviewer`
 * loads a restricted-persons list whose one entry is a 定海路街道 director and sees the match.
 * Screenshots at desktop and phone widths go to test-results/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDate } from '#common/dates.js';
import { makeIdNumber } from '#common/idNumber.js';
import { seedDemoWorkforce } from '../../server/src/seed/demoWorkforce.js';
import { chooseUntil, openBrowser, signIn, signOut, untilOutcome, type BrowserEnv } from './browser.js';

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1366, height: 800 };
const TOPIC = '儿童主任年度全员培训（E2E 示例）';
const RESTRICTED_ID = makeIdNumber('310110', '1976-08-09', 57, 'F');

let b: BrowserEnv;
let today: string;
let people: { name: string; id: string }[];
let directorName: string;
let restrictedName: string;

beforeAll(async () => {
  b = await openBrowser(DESKTOP);
  today = shanghaiDate(b.env.clock.now);
  await seedDemoWorkforce(b.env.owner, b.env.deps.crypto, { seed: 1, today });
  const district = await b.env.login('district');
  const res = await district.post('/api/training/sessions', {
    topic: TOPIC,
    kind: 'annual',
    heldOn: today,
    hours: 4,
    trainer: '区民政局儿童福利科',
    location: '杨浦区社会福利中心',
    audience: ['child_director', 'street_supervisor'],
    planTasks: [37],
  });
  expect(res.statusCode, res.body).toBe(201);
  people = (
    await b.env.owner.query<{ name: string; id: string }>(
      `select name, id from staff where street_code = 'dinghai' and role_kind = 'child_director' and user_id is null order by name limit 2`,
    )
  ).rows;
  directorName =
    (await b.env.owner.query<{ name: string }>(`select name from staff where user_id = (select id from users where username = 'director-dinghai')`)).rows[0]
      ?.name ?? '';
  // one generated 定海路街道 director is on the list the reviewer will load
  const target = (
    await b.env.owner.query<{ id: string; name: string }>(
      `select id, name from staff where street_code = 'dinghai' and role_kind = 'child_director' and user_id is null order by name desc limit 1`,
    )
  ).rows[0];
  if (!target) throw new Error('no director to put on the list');
  restrictedName = target.name;
  await b.env.owner.query(`update staff set id_number_bidx = $2 where id = $1`, [target.id, b.env.deps.crypto.blindIndex(RESTRICTED_ID, 'staff.id_number')]);
});
afterAll(async () => {
  await b?.close();
});

async function settle() {
  await b.page.waitForLoadState('networkidle');
  await expect.poll(() => b.page.locator('.ant-spin-spinning').count(), { timeout: 15_000 }).toBe(0);
  await b.page.waitForTimeout(300);
}

describe('training and evaluation by street-dinghai', () => {
  it('records the attendance of two directors at a session', async () => {
    const { page } = b;
    await signIn(b, 'street-dinghai');
    await page.goto(`${b.base}/training/sessions`);
    await settle();
    const row = page.locator('tr').filter({ hasText: TOPIC });
    await expect.poll(() => row.isVisible(), { timeout: 10_000 }).toBe(true);
    await b.shot('training-sessions-desktop');
    await row.getByRole('button', { name: /记录出勤/ }).click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.getByText('选择本辖区参加培训的人员').isVisible(), { timeout: 10_000 }).toBe(true);
    const picker = dialog.locator('.ant-select').first();
    for (const p of people) {
      await chooseUntil(page, picker, p.name, () => dialog.locator('.ant-select-selection-item').filter({ hasText: p.name }).isVisible());
    }
    await page.keyboard.press('Escape').catch(() => undefined);
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/attendance') && r.request().method() === 'PUT', { timeout: 15_000 }),
      dialog.getByRole('button', { name: /保存出勤/ }).click(),
    ]);
    for (const p of people) await expect.poll(() => dialog.locator('tr').filter({ hasText: p.name }).isVisible(), { timeout: 10_000 }).toBe(true);
    await b.shot('training-attendance-desktop');
    const n = (
      await b.env.owner.query(
        `select count(*)::int as n from training_attendance a join training_sessions s on s.id = a.session_id where s.topic = $1 and a.attended`,
        [TOPIC],
      )
    ).rows[0].n;
    expect(n).toBe(2);
    await dialog
      .getByRole('button', { name: /Close|关闭/ })
      .first()
      .click();
  });

  it('evaluates director-dinghai with the metrics computed by the platform', async () => {
    const { page } = b;
    await page.goto(`${b.base}/training/evaluations`);
    await settle();
    const row = page.locator('tr').filter({ hasText: directorName });
    await expect.poll(() => row.isVisible(), { timeout: 10_000 }).toBe(true);
    await row.getByRole('button', { name: /评\s*价/ }).click();
    const dialog = page.getByRole('dialog');
    const metrics = dialog.getByTestId('evaluation-metrics');
    await expect.poll(() => metrics.isVisible(), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => metrics.getByText('走访及时（未逾期）').isVisible()).toBe(true);
    await expect.poll(() => metrics.getByText('%）').first().isVisible()).toBe(true);
    const grade = dialog.locator('.ant-select').first();
    await chooseUntil(page, grade, '良好', async () => (await grade.innerText()).includes('良好'));
    await dialog.getByLabel('评语').fill('走访及时，台账规范。');
    await b.shot('training-evaluation-desktop');
    // 完成评价 and its confirmation, again until the request leaves (a click on a settling modal
    // can land on nothing on a loaded machine).
    const confirm = page.locator('.ant-modal-confirm');
    await untilOutcome(
      async () => {
        if (!(await confirm.isVisible())) await dialog.getByRole('button', { name: /完成评价/ }).click({ timeout: 5_000 });
        await expect.poll(() => confirm.isVisible(), { timeout: 5_000 }).toBe(true);
        await confirm.getByRole('button', { name: /确\s*定|OK/ }).click({ timeout: 5_000 });
      },
      (timeout) => page.waitForResponse((r) => r.url().endsWith('/api/training/evaluations') && r.request().method() === 'POST', { timeout }),
      '完成评价',
    );
    await expect.poll(() => page.locator('tr').filter({ hasText: directorName }).getByText('已完成').isVisible(), { timeout: 10_000 }).toBe(true);
    const e = (
      await b.env.owner.query(`select status, grade, metrics from staff_evaluations e join staff s on s.id = e.staff_id where s.name = $1`, [directorName])
    ).rows[0];
    expect(e).toMatchObject({ status: 'done', grade: 'good' });
    expect(typeof e.metrics.children).toBe('number');
  });

  it('shows coverage and evaluations on a phone', async () => {
    const { page } = b;
    await page.setViewportSize(PHONE);
    await page.goto(`${b.base}/training/coverage`);
    await settle();
    await expect.poll(() => page.getByText('覆盖率').isVisible(), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => page.getByTestId('untrained-card').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await b.shot('training-coverage-phone');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width + 1);
    await page.goto(`${b.base}/training/evaluations`);
    await settle();
    await expect.poll(() => page.getByTestId('evaluation-card').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await b.shot('training-evaluations-phone');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width + 1);
    await page.setViewportSize(DESKTOP);
    await signOut(b);
  });
});

describe('the restricted-persons list', () => {
  it('the reviewer loads a list and sees the match; the street sees none of it', async () => {
    const { page } = b;
    await signIn(b, 'reviewer');
    await page.goto(`${b.base}/restricted`);
    await settle();
    await page.getByRole('button', { name: /载入名单/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('名单名称').fill('区公安分局从业限制人员名单');
    await dialog.getByLabel('来源').fill('杨浦公安分局');
    const csv = ['姓名,身份证号,限制情形', `陈小芳,${RESTRICTED_ID},因猥亵儿童受过刑事处罚`, '刘强,310110198001011234,因虐待被判处刑罚'].join('\r\n');
    await dialog.locator('input[type=file]').setInputFiles({ name: '名单.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/restricted/lists') && r.request().method() === 'POST', { timeout: 15_000 }),
      dialog.getByRole('button', { name: /载入并比对/ }).click(),
    ]);
    const report = page.getByRole('dialog').filter({ hasText: '载入报告' });
    await expect.poll(() => report.getByText('新发现 1 条疑似匹配').isVisible(), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => report.getByText(/身份证号无效/).isVisible()).toBe(true);
    await page.waitForTimeout(600); // the dialog's opening animation
    await b.shot('restricted-report-desktop');
    await report.getByRole('button', { name: /确\s*定|OK/ }).click();
    const row = page.locator('tr').filter({ hasText: restrictedName });
    await expect.poll(() => row.getByText('待核查').isVisible(), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => row.getByText('定海路街道').isVisible()).toBe(true);
    await b.shot('restricted-matches-desktop');
    await page.setViewportSize(PHONE);
    await settle();
    await expect.poll(() => page.getByTestId('match-card').count(), { timeout: 10_000 }).toBe(1);
    await b.shot('restricted-matches-phone');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width + 1);
    await page.setViewportSize(DESKTOP);
    await signOut(b);

    // the street: no menu entry, the page refuses, the API refuses
    await signIn(b, 'street-dinghai');
    await page.goto(`${b.base}/restricted`);
    await settle();
    await expect.poll(() => page.getByText(restrictedName).count()).toBe(0);
    const status = await page.evaluate(async () => (await fetch('/api/restricted/matches')).status);
    expect(status).toBe(403);
    await signOut(b);
  });
});
