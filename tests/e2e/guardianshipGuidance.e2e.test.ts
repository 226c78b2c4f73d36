/**
 * 监护指导与文书 in Chromium (issue 12, tasks 5, 11, 14): a street user records guidance sessions for
 * a guardian under a 家庭教育指导令 and their attendance (one attended, one missed with a reason),
 * sees the order's counts; fills a 劝诫告知书 for the committee's admonition (the intervention rows
 * are inserted in the setup, as the ladder would) and opens its printable page (PDF too); the
 * committee's child director sees dates and attendance only, and no documents. Screenshots at
 * desktop and phone widths go to test-results/.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '#common/idNumber.js';
import { addDays, shanghaiDate } from '#common/dates.js';
import { openBrowser, SHOTS, signIn, signOut, type BrowserEnv } from './browser.js';

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1366, height: 800 };
const NAME = '林小溪';
const GUARDIAN = '林国强';
const REASON = '父亲长期酗酒，夜间多次将儿童独自留在家中';

let b: BrowserEnv;
let childId: string;
let today: string;

beforeAll(async () => {
  b = await openBrowser(DESKTOP);
  today = shanghaiDate(b.env.clock.now);
  const api = await b.env.login('street-dinghai');
  const committeeId = (await b.env.owner.query<{ id: string }>(`select id from committees where code = 'dinghai-01'`)).rows[0]?.id;
  const created = await api.post('/api/children', {
    name: NAME,
    hukou: 'local',
    committeeId,
    riskLevel: 'high',
    residenceAddress: '上海市杨浦区定海路88弄3号201室',
    idNumber: makeIdNumber('310110', '2016-04-12', 517, 'F'),
    categories: [{ category: 'guardianship_improper', since: '2026-06-01', sourceNote: '居委走访发现' }],
    members: [{ name: GUARDIAN, relation: '父亲', role: 'guardian', phone: '13900002222' }],
  });
  expect(created.statusCode, created.body).toBe(201);
  childId = created.json().id as string;
  // The ladder's steps (another part records them): a guidance order, then the committee's admonition.
  await b.env.owner.query(
    `insert into guardianship_interventions (child_id, street_code, committee_id, kind, status, unit_code, decided_on, reason, sessions_required, created_at)
     select id, street_code, committee_id, 'guidance_order', 'in_progress', 'court', $2, '监护人拒不改正，责令接受家庭教育指导', 2, now() - interval '1 day' from children where id = $1`,
    [childId, addDays(today, -20)],
  );
  await b.env.owner.query(
    `insert into guardianship_interventions (child_id, street_code, committee_id, kind, status, unit_code, person_name, decided_on, reason)
     select id, street_code, committee_id, 'admonition', 'in_progress', 'street-dinghai', '李娟', $2, $3 from children where id = $1`,
    [childId, addDays(today, -30), REASON],
  );
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

/** Picks an option of an antd Select inside `scope` by its label. */
async function pick(scope: ReturnType<BrowserEnv['page']['locator']>, testId: string, option: RegExp) {
  const open = b.page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
  const item = open.locator('.ant-select-item-option').filter({ hasText: option }).first();
  // On a loaded machine a click during the list's opening animation can miss: open the list and
  // click the option again until the select shows the choice.
  await expect
    .poll(
      async () => {
        if (!(await item.isVisible())) await scope.getByTestId(testId).click();
        if (await item.isVisible()) await item.click({ timeout: 3_000 }).catch(() => undefined);
        return scope.getByTestId(testId).innerText();
      },
      { timeout: 30_000, interval: 1_000 },
    )
    .toMatch(option);
  if (await open.count()) await b.page.locator('.ant-modal-title').click();
  await expect.poll(() => open.count(), { timeout: 10_000 }).toBe(0);
}

async function openGuardianshipTab() {
  const { page } = b;
  await page.goto(`${b.base}/children/${childId}`);
  await expect.poll(() => page.getByText(NAME).first().isVisible(), { timeout: 15_000 }).toBe(true);
  await page.getByRole('tab', { name: '监护' }).click();
  await expect.poll(() => page.getByTestId('guidance-card').isVisible(), { timeout: 15_000 }).toBe(true);
}

async function addSession(date: string, topic: string) {
  const { page } = b;
  await page.getByTestId('guidance-add').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('指导日期').click();
  await dialog.getByLabel('指导日期').fill(date);
  await dialog.getByLabel('指导日期').press('Enter');
  await dialog.getByLabel('指导机构或人员').fill('杨浦区家庭教育指导中心');
  await dialog.getByLabel('指导主题').fill(topic);
  await Promise.all([
    page.waitForResponse((r) => r.url().includes('/guidance') && r.request().method() === 'POST', { timeout: 15_000 }),
    dialog.getByRole('button', { name: /保\s*存/ }).click(),
  ]);
  await expect.poll(() => page.getByRole('dialog').count(), { timeout: 10_000 }).toBe(0);
  await expect.poll(() => page.getByText(topic).first().isVisible(), { timeout: 10_000 }).toBe(true);
}

async function recordAttendance(row: number, absentReason?: string) {
  const { page } = b;
  await page.getByTestId('guidance-record').nth(row).click();
  const dialog = page.getByRole('dialog');
  if (absentReason) {
    await dialog.getByText('缺席', { exact: true }).click();
    // the reason is required: the form says so in Chinese before anything is sent
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await expect.poll(() => dialog.getByText('缺席时请填写缺席原因').isVisible(), { timeout: 5_000 }).toBe(true);
    await dialog.getByLabel('缺席原因').fill(absentReason);
  }
  await Promise.all([
    page.waitForResponse((r) => r.url().includes('/attendance'), { timeout: 15_000 }),
    dialog.getByRole('button', { name: /保\s*存/ }).click(),
  ]);
  await expect.poll(() => page.getByRole('dialog').count(), { timeout: 10_000 }).toBe(0);
}

describe('guidance for guardians and documents', () => {
  it('the street records guidance sessions under the order, and their attendance', async () => {
    const { page } = b;
    await signIn(b, 'street-dinghai');
    await openGuardianshipTab();
    await expect.poll(() => page.getByText('应参加 2 次 · 已参加 0 次 · 缺席 0 次 · 待参加 0 次').isVisible()).toBe(true);
    await addSession(addDays(today, -10), '亲子沟通与陪伴');
    await addSession(addDays(today, -3), '戒酒与家庭责任');
    await addSession(addDays(today, 7), '正面管教');
    // newest first: row 0 is the planned one, row 1 the one three days ago, row 2 ten days ago
    await recordAttendance(2);
    await recordAttendance(1, '外出务工未返沪');
    await expect.poll(() => page.getByText('应参加 2 次 · 已参加 1 次 · 缺席 1 次 · 待参加 1 次').isVisible(), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => page.getByText('外出务工未返沪').isVisible()).toBe(true);
    // a planned session can be deleted after confirmation (the button asks first)
    expect(await page.getByRole('button', { name: /删\s*除/ }).count()).toBe(1);
    await shot('guidance-street-desktop');
    await page.setViewportSize(PHONE);
    await shot('guidance-street-phone');
    await page.setViewportSize(DESKTOP);
  }, 180_000);

  it('the street fills a 劝诫告知书 for the admonition and opens its print page', async () => {
    const { page } = b;
    await openGuardianshipTab();
    await page.getByTestId('documents-card').scrollIntoViewIfNeeded();
    await page.getByTestId('document-create').click();
    const dialog = page.getByRole('dialog');
    await pick(dialog, 'document-intervention', /劝诫/);
    await pick(dialog, 'document-template', /劝诫告知书/);
    await Promise.all([page.waitForURL(/\/guardianship\/documents\//, { timeout: 15_000 }), dialog.getByRole('button', { name: /生成文书/ }).click()]);
    const paper = page.getByTestId('document-paper');
    await expect.poll(() => paper.isVisible(), { timeout: 15_000 }).toBe(true);
    const text = await paper.innerText();
    expect(text).toContain(NAME);
    expect(text).toContain(`${GUARDIAN}（父亲）`);
    expect(text).toContain(REASON);
    expect(text).toContain('定海路街道');
    expect(text).not.toMatch(/undefined|\{\{/);
    await shot('guidance-document-desktop');
    await page.setViewportSize(PHONE);
    await shot('guidance-document-phone');
    await page.setViewportSize(DESKTOP);
    await page.emulateMedia({ media: 'print' });
    await b.shot('guidance-document-print');
    await page.emulateMedia({ media: null });
    const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    expect(pages).toBeGreaterThanOrEqual(1);
    expect(pages).toBeLessThan(3);
    fs.writeFileSync(path.join(SHOTS, 'guidance-document.pdf'), pdf);
    // back in the file, the document is listed
    await openGuardianshipTab();
    await expect.poll(() => page.getByTestId('document-link').first().isVisible(), { timeout: 10_000 }).toBe(true);
  }, 180_000);

  it('the child director sees dates and attendance only, and no documents', async () => {
    const { page } = b;
    await signOut(b);
    await signIn(b, 'director-dinghai');
    await openGuardianshipTab();
    await page.setViewportSize(PHONE);
    await expect.poll(() => page.getByText('请协助家庭按时参加', { exact: false }).isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await page.getByTestId('documents-card').count()).toBe(0);
    expect(await page.getByText('外出务工未返沪').count()).toBe(0);
    expect(await page.getByText('亲子沟通与陪伴').count()).toBe(0);
    await shot('guidance-director-phone');
    await page.setViewportSize(DESKTOP);
  }, 120_000);

  it('civil affairs edits a template: placeholders listed, an unknown one named, a preview with sample values', async () => {
    const { page } = b;
    await signOut(b);
    await signIn(b, 'district');
    await page.goto(`${b.base}/guardianship/templates`);
    await expect.poll(() => page.getByTestId('template-admonition-notice').isVisible(), { timeout: 15_000 }).toBe(true);
    await expect.poll(() => page.getByText('区默认模板，请按本区实际修改').first().isVisible()).toBe(true);
    await shot('guidance-templates-desktop');
    await page
      .getByTestId('template-admonition-notice')
      .getByRole('button', { name: /修\s*改/ })
      .click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.getByTestId('template-preview').innerText(), { timeout: 10_000 }).toContain('张建国（父亲）');
    await dialog.getByTestId('template-body').press('End');
    await dialog.getByTestId('template-body').pressSequentially('{{家长姓名}}');
    await expect
      .poll(
        () =>
          dialog
            .getByText(/未知的占位符「\{\{家长姓名\}\}」/)
            .first()
            .isVisible(),
        { timeout: 5_000 },
      )
      .toBe(true);
    await shot('guidance-template-editor');
    await dialog.getByRole('button', { name: /取\s*消/ }).click();
  }, 120_000);
});
