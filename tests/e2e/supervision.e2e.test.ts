/**
 * 督办 in Chromium: the education bureau fills in its report on task 4 (全员导师制) for the running
 * period, attaches a PNG, submits; civil affairs sees it counted on 督办总览 for 区教育局, opens it
 * from 待我审核, sees (and downloads) the evidence, accepts it; the dashboard then counts it accepted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tinyPng } from '../../server/src/modules/files/testFixtures.js';
import { clickUntil, openBrowser, type BrowserEnv, signIn, signOut } from './browser.js';

let b: BrowserEnv;
beforeAll(async () => {
  b = await openBrowser();
});
afterAll(async () => {
  await b?.close();
});

const EVIDENCE = '导师配备名单.png';

const login = (username: string) => signIn(b, username);

const logout = () => signOut(b);

async function settle() {
  const { page } = b;
  await expect.poll(() => page.locator('.ant-spin-spinning').count(), { timeout: 15_000 }).toBe(0);
  await page.waitForTimeout(400);
}

/** The cells of 区教育局's row in the dashboard's timeliness table: unit, due, on time, late, missing, not yet due, accepted. */
async function educationTimeliness(): Promise<string[]> {
  const { page } = b;
  await page.goto(`${b.base}/supervision`);
  const card = page.locator('.ant-card').filter({ hasText: '各单位报送及时情况' });
  await expect.poll(() => card.isVisible(), { timeout: 15_000 }).toBe(true);
  await card.getByText('表', { exact: true }).click();
  const row = card.locator('.ant-table-row').filter({ has: page.getByRole('cell', { name: '区教育局', exact: true }) });
  await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(1);
  return (await row.locator('td').allInnerTexts()).map((s) => s.trim());
}

describe('督办: a unit reports, civil affairs reviews', () => {
  it('edu reports task 4 with evidence; district sees it counted, reviews it from 待我审核 and accepts it', async () => {
    const { page, env } = b;
    const task = (await env.owner.query<{ id: string }>(`select id from plan_tasks where plan_id = 'yangpu-2024-2026' and no = 4`)).rows[0]!.id;
    expect(await env.owner.query(`select 1 from plan_reports where unit_code = 'education'`).then((r) => r.rowCount)).toBe(0);

    // ---- the education bureau ----
    await login('edu');
    await expect.poll(() => page.getByText(/督办任务：本期 \d+ 项待报送/).isVisible(), { timeout: 10_000 }).toBe(true);
    await b.shot('supervision-01-home-edu');
    await page.getByText(/督办任务：本期 \d+ 项待报送/).click();
    await page.waitForURL(/\/supervision\/reports\?tab=mine/);
    const row = page.locator('.ant-table-row').filter({ hasText: '全员导师制' });
    await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => row.getByText('未填报').isVisible()).toBe(true);
    await settle();
    await b.shot('supervision-02-workspace-edu');
    const period = await page.evaluate(async () => (await (await fetch('/api/plan/periods')).json()).current as string);

    await row.getByRole('button', { name: /填\s*报/ }).click();
    await page.waitForURL((u) => u.pathname === '/supervision/reports/edit' && u.searchParams.get('task') === task && u.searchParams.get('period') === period);
    await expect.poll(() => page.getByText('全员导师制：成长导师与互助伙伴').first().isVisible(), { timeout: 10_000 }).toBe(true);
    await page.locator('label.ant-radio-button-wrapper').filter({ hasText: '推进中' }).click();
    await page.getByLabel('工作进展').fill('全区中小学为在册困境儿童逐一配备成长导师和互助伙伴，本季度新增配备 36 名。');
    await page.getByLabel('数据').fill('成长导师配备 463 人，互助伙伴配备 442 人');
    await page.getByLabel('存在问题').fill('个别学校师资紧张');
    await page.getByLabel('下一步计划').fill('下季度补齐未配备的导师和伙伴');
    // The first file saves the draft, then goes to the report.
    await page.locator('input[type=file]').setInputFiles({ name: EVIDENCE, mimeType: 'image/png', buffer: tinyPng() });
    await expect.poll(() => page.locator('.ant-list-item').filter({ hasText: EVIDENCE }).count(), { timeout: 15_000 }).toBe(1);
    await b.shot('supervision-03-report-form-edu');

    await page.getByRole('button', { name: /提\s*交/ }).click();
    const confirm = page.locator('.ant-modal-confirm');
    await expect.poll(() => confirm.locator('.ant-modal-confirm-title').getByText('确认提交？').isVisible(), { timeout: 5_000 }).toBe(true);
    expect(await confirm.innerText()).toContain('证明材料 1 个');
    // The dialog's button, else the form's that opens it again, until the report is submitted.
    const submitted = () =>
      env.owner
        .query(`select 1 from plan_reports where task_id = $1 and unit_code = 'education' and state = 'submitted'`, [task])
        .then((r) => r.rowCount === 1);
    await clickUntil(page, [confirm.getByRole('button', { name: /提\s*交/ }), page.getByRole('button', { name: /提\s*交/ }).first()], submitted, '提交报告');
    await page.waitForURL(/\/supervision\/reports\/[0-9a-f-]{36}$/, { timeout: 15_000 });
    await expect.poll(() => page.getByText('报告已提交，等待审核').isVisible(), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => page.getByText('待审核').first().isVisible()).toBe(true);
    await b.shot('supervision-04-submitted-edu');

    const saved = (
      await env.owner.query<{ id: string; state: string; progress: string; done: string; period: string; evidence: number }>(
        `select r.id, r.state, r.progress, r.done, r.period, (select count(*)::int from plan_evidence e where e.report_id = r.id) as evidence
       from plan_reports r where r.task_id = $1 and r.unit_code = 'education'`,
        [task],
      )
    ).rows;
    expect(saved).toHaveLength(1);
    expect(saved[0]).toMatchObject({ state: 'submitted', progress: 'in-progress', period, evidence: 1 });
    expect(saved[0]!.done).toContain('本季度新增配备 36 名');
    const reportId = saved[0]!.id;
    expect(new URL(page.url()).pathname).toBe(`/supervision/reports/${reportId}`);

    // ---- civil affairs ----
    await logout();
    await login('district');
    await expect.poll(() => page.getByText(/\d+ 份报告待审核/).isVisible(), { timeout: 10_000 }).toBe(true);
    const submittedCounts = await educationTimeliness();
    // unit, due, on time, late, missing, not yet due, accepted
    expect(submittedCounts[0]).toBe('区教育局');
    expect(submittedCounts[2]).toBe('1');
    expect(submittedCounts[6]).toBe('0');
    await settle();
    await b.shot('supervision-05-dashboard-district');

    await page.goto(`${b.base}/supervision/reports`);
    await page.getByRole('tab', { name: /待我审核/ }).click();
    const pending = page.locator('.ant-table-row').filter({ hasText: '全员导师制' }).filter({ hasText: '区教育局' });
    await expect.poll(() => pending.count(), { timeout: 10_000 }).toBe(1);
    await settle();
    await b.shot('supervision-06-to-review-district');
    await pending.getByRole('button', { name: /审\s*核/ }).click();
    await page.waitForURL(new RegExp(`/supervision/reports/${reportId}$`));
    await expect.poll(() => page.getByText('成长导师配备 463 人，互助伙伴配备 442 人').isVisible(), { timeout: 10_000 }).toBe(true);
    const evidence = page.locator('.ant-list-item').filter({ hasText: EVIDENCE });
    await expect.poll(() => evidence.count()).toBe(1);
    const [download] = await Promise.all([page.waitForEvent('download'), evidence.getByRole('button', { name: `下载 ${EVIDENCE}` }).click()]);
    expect(download.suggestedFilename()).toBe(EVIDENCE);
    await b.shot('supervision-07-report-detail-district');

    // The dialog's button first, then the page's button that opens it: again until the report is
    // accepted (a click during the modal's opening animation on a loaded machine lands on nothing).
    const dialog = page.locator('.ant-modal').filter({ hasText: '审核通过' });
    const state = () => env.owner.query<{ state: string }>(`select state from plan_reports where id = $1`, [reportId]).then((r) => r.rows[0]!.state);
    await clickUntil(
      page,
      [dialog.getByRole('button', { name: /通\s*过/ }), page.getByRole('button', { name: /通\s*过/ }).first()],
      async () => (await state()) === 'accepted',
      '审核通过',
    );
    await expect.poll(() => page.getByText('已通过', { exact: true }).first().isVisible(), { timeout: 15_000 }).toBe(true);

    const acceptedCounts = await educationTimeliness();
    expect(acceptedCounts[2]).toBe('1');
    expect(acceptedCounts[6]).toBe('1');
    await settle();
    await b.shot('supervision-08-dashboard-accepted');
  });
});
