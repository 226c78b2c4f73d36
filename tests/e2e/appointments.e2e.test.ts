/**
 * 送教上门 and the holiday plan in Chromium (issue 13, tasks 25 and 1): the committee's child
 * director, on a phone, opens a toddler's file → 服务与活动, books a 送教上门 slot and writes the
 * winter holiday plan; the education bureau (which runs the programme) sees the roster masked and
 * records the visit once its time came; the director then sees what was taught. Screenshots at
 * phone and desktop widths go to test-results/.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, shanghaiDate } from '#common/dates.js';
import { chooseUntil, openBrowser, signIn, signOut, type BrowserEnv } from './browser.js';

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1366, height: 800 };
const NAME = '周小禾';
const PLAN = '寒假上午参加街道宝宝屋亲子活动，下午由外婆照料；春节前后儿童主任各走访一次。';

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let b: BrowserEnv;
let childId: string;
let programmeId: string;
let today: string;

beforeAll(async () => {
  b = await openBrowser(PHONE);
  const { owner } = b.env;
  today = shanghaiDate(b.env.clock.now);
  const committee = (await owner.query<{ id: string }>(`select id from committees where code = 'dinghai-01'`)).rows[0]?.id;
  childId = (
    await owner.query<{ id: string }>(
      `insert into children (street_code, committee_id, name, sex, birth_date, registered_on) values ('dinghai', $1, $2, 'F', $3, $4) returning id`,
      [committee, NAME, addDays(today, -700), addDays(today, -300)],
    )
  ).rows[0]?.id as string;
  programmeId = (
    await owner.query<{ id: string }>(
      `insert into programmes (code, name, kind, owner_unit_code, provider_name, mode, audience, min_age, max_age, description)
       values ('home-teaching', '送教上门（0–3岁科学育儿）', 'home_teaching', 'education', '杨浦区早期教育指导中心', 'appointment', 'child', 0, 3,
               '早教老师上门开展亲子游戏与语言、动作发展指导') returning id`,
    )
  ).rows[0]?.id as string;
  for (const d of [2, 3]) {
    for (const time of ['09:30', '14:30']) {
      const day = addDays(today, d);
      await owner.query(
        `insert into programme_sessions (programme_id, title, starts_on, ends_on, starts_at, place, capacity) values ($1, $2, $3, $3, $4, '家中', 1)`,
        [programmeId, `送教上门 ${day} ${time}`, day, `${day}T${time}:00+08:00`],
      );
    }
  }
});
afterAll(async () => {
  await b?.close();
});

async function settle() {
  await b.page.waitForLoadState('networkidle');
  await expect.poll(() => b.page.locator('.ant-spin-spinning').count(), { timeout: 15_000 }).toBe(0);
  await b.page.waitForTimeout(300);
}

async function openServicesTab() {
  const { page } = b;
  await page.goto(`${b.base}/children/${childId}`);
  await expect.poll(() => page.getByText(NAME).first().isVisible(), { timeout: 15_000 }).toBe(true);
  if ((page.viewportSize()?.width ?? 1366) < 768) {
    // on a phone the sections are a menu
    await chooseUntil(page, page.getByLabel('档案栏目'), '服务与活动', () => page.getByTestId('appointment-section').isVisible());
  } else {
    await page.getByRole('tab', { name: '服务与活动' }).click();
  }
  await expect.poll(() => page.getByTestId('appointment-section').isVisible(), { timeout: 15_000 }).toBe(true);
  await expect.poll(() => page.getByTestId('holiday-plan-section').isVisible(), { timeout: 15_000 }).toBe(true);
}

/** axe-core's serious and critical findings on the page (as tests/e2e/a11y.e2e.test.ts runs it). */
async function axe(): Promise<string[]> {
  const { page } = b;
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const w = window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: { id: string; impact: string | null }[] }> } };
    return (await w.axe.run(document, { resultTypes: ['violations'] })).violations;
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.impact} ${v.id}`);
}

describe('送教上门 and the holiday plan', () => {
  it('the child director books a slot and writes the winter holiday plan on a phone', async () => {
    const { page } = b;
    await signIn(b, 'director-dinghai');
    await openServicesTab();
    await page.getByTestId('appointment-book').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('appointment-slot').click();
    const option = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').first();
    await expect.poll(() => option.isVisible(), { timeout: 10_000 }).toBe(true);
    const chosen = await option.innerText();
    await option.click();
    await Promise.all([
      page.waitForResponse((r) => r.url().includes('/book') && r.request().method() === 'POST', { timeout: 15_000 }),
      dialog.getByRole('button', { name: /(^|loading\s*)预\s*约$/ }).click(),
    ]);
    await expect.poll(() => page.getByRole('dialog').count(), { timeout: 10_000 }).toBe(0);
    const item = page.getByTestId('appointment-item').first();
    await expect.poll(() => item.innerText(), { timeout: 10_000 }).toContain(chosen.slice(0, 16));
    expect(await item.innerText()).toContain('已预约');

    // the holiday plan for the coming winter holiday (example dates are tagged as such)
    await page.getByTestId('holiday-plan-write').click();
    const planDialog = page.getByRole('dialog');
    await planDialog.getByLabel('假期安排').fill(PLAN);
    await Promise.all([
      page.waitForResponse((r) => r.url().includes('/holiday-plans/') && r.request().method() === 'PUT', { timeout: 15_000 }),
      planDialog.getByRole('button', { name: /(^|loading\s*)保\s*存$/ }).click(),
    ]);
    await expect.poll(() => page.getByRole('dialog').count(), { timeout: 10_000 }).toBe(0);
    await expect.poll(() => page.getByTestId('holiday-plan-text').first().innerText(), { timeout: 10_000 }).toBe(PLAN);
    expect(await page.getByTestId('holiday-plan-section').innerText()).toMatch(/寒假/);
    await settle();
    await b.shot('appointments-director-phone');
    const stored = await b.env.owner.query(`select status, display_label from bookings where child_id = $1`, [childId]);
    expect(stored.rows).toEqual([{ status: 'confirmed', display_label: '周*禾 · 1岁' }]);
  }, 180_000);

  it('the education bureau sees the roster masked and records the visit once its time came', async () => {
    const { page } = b;
    // the visit's day came: the slot moves to an hour ago (the clock of the server cannot move days without ending sessions)
    const before = new Date(b.env.clock.now - 3_600_000);
    await b.env.owner.query(
      `update programme_sessions s set starts_at = $2, starts_on = $3, ends_on = $3 from bookings b where b.session_id = s.id and b.child_id = $1`,
      [childId, before, shanghaiDate(before.getTime())],
    );
    await signOut(b);
    await page.setViewportSize(DESKTOP);
    await signIn(b, 'edu');
    await page.goto(`${b.base}/appointments`);
    await expect.poll(() => page.getByTestId('appointment-programme-home-teaching').isVisible(), { timeout: 15_000 }).toBe(true);
    await page.goto(`${b.base}/appointments/${programmeId}`);
    await page.locator('.ant-segmented').getByText('已预约', { exact: true }).click();
    await expect.poll(() => page.getByTestId('roster-label').first().innerText(), { timeout: 15_000 }).toBe('周*禾 · 1岁');
    expect(await page.locator('body').innerText()).not.toContain(NAME);
    await page.getByTestId('appointment-complete').first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('送教内容').fill('亲子共读绘本，示范串珠与撕纸的精细动作训练，指导外婆每日陪读 15 分钟');
    await dialog.getByLabel('时长（分钟）').fill('80');
    await Promise.all([
      page.waitForResponse((r) => r.url().includes('/complete'), { timeout: 15_000 }),
      dialog.getByRole('button', { name: /(^|loading\s*)保\s*存$/ }).click(),
    ]);
    await expect.poll(() => page.getByRole('dialog').count(), { timeout: 10_000 }).toBe(0);
    await expect.poll(() => page.getByText('已完成').first().isVisible(), { timeout: 10_000 }).toBe(true);
    await settle();
    await b.shot('appointments-edu-desktop');
    await page.setViewportSize(PHONE);
    await settle();
    await b.shot('appointments-edu-phone');
  }, 180_000);

  it('the child director sees what was taught on the file', async () => {
    const { page } = b;
    await signOut(b);
    await signIn(b, 'director-dinghai');
    await openServicesTab();
    await expect.poll(() => page.getByTestId('appointment-item').first().innerText(), { timeout: 10_000 }).toContain('亲子共读绘本');
    expect(await page.getByTestId('appointment-item').first().innerText()).toContain('80 分钟');
    await page.setViewportSize(DESKTOP);
    await settle();
    await b.shot('appointments-director-desktop');
  }, 120_000);

  it('the district sees the calendar with its example dates tagged; the pages pass axe', async () => {
    const { page } = b;
    await signOut(b);
    await signIn(b, 'district');
    await page.goto(`${b.base}/holidays`);
    await expect.poll(() => page.getByTestId('holiday-placeholder').first().isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await page.getByRole('button', { name: /修改日期/ }).count()).toBeGreaterThan(0);
    await settle();
    expect(await axe()).toEqual([]);
    await b.shot('holidays-calendar-desktop');
    await page.goto(`${b.base}/appointments/${programmeId}`);
    await expect.poll(() => page.getByTestId('roster-label').first().isVisible(), { timeout: 15_000 }).toBe(true);
    await settle();
    expect(await axe()).toEqual([]);
  }, 120_000);
});
