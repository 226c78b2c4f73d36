/**
 * 服务预约 in Chromium (issue 13, tasks 25, 26): on the demo catalogue, a 心动力夏令营 session has
 * one place left, its priority window open, and a non-priority (external) request waiting. A street
 * user books the last place for a child in difficulty from the child's file; the request stays on the
 * wait list; the youth league (the programme's owner) sees the roster masked — labels and tiers,
 * never a name. Screenshots at desktop and phone widths go to test-results/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '#common/idNumber.js';
import { shanghaiDate } from '#common/dates.js';
import { seedDemoServices } from '../../server/src/seed/demoServices.js';
import { openBrowser, signIn, signOut, type BrowserEnv } from './browser.js';

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1366, height: 800 };
const NAME = '周小禾';

let b: BrowserEnv;
let childId: string;
let campSession: string;

beforeAll(async () => {
  b = await openBrowser(DESKTOP);
  const today = shanghaiDate(b.env.clock.now);
  await seedDemoServices(b.env.owner, { today });
  campSession =
    (
      await b.env.owner.query<{ id: string }>(
        `select s.id from programme_sessions s join programmes p on p.id = s.programme_id where p.code = 'xindongli-camp' and s.starts_on > $1 order by s.starts_on limit 1`,
        [today],
      )
    ).rows[0]?.id ?? '';
  const api = await b.env.login('street-dinghai');
  const committeeId = (await b.env.owner.query<{ id: string }>(`select id from committees where code = 'dinghai-01'`)).rows[0]?.id;
  const birth = `${Number(today.slice(0, 4)) - 10}-03-15`;
  const created = await api.post('/api/children', {
    name: NAME,
    hukou: 'local',
    committeeId,
    riskLevel: 'medium',
    residenceAddress: '上海市杨浦区定海路66弄2号',
    idNumber: makeIdNumber('310110', birth, 612, 'F'),
    categories: [{ category: 'left_behind', since: '2026-03-01', sourceNote: '居委走访' }],
    members: [{ name: '周建华', relation: '祖父', role: 'caregiver', phone: '13900003333' }],
  });
  expect(created.statusCode, created.body).toBe(201);
  childId = created.json().id as string;
});
afterAll(async () => {
  await b?.close();
});

async function shot(name: string) {
  await b.page.waitForLoadState('networkidle');
  await expect.poll(() => b.page.locator('.ant-spin-spinning, .ant-spin-blur').count(), { timeout: 15_000 }).toBe(0);
  await b.page.waitForTimeout(300);
  await b.shot(name);
}

const waiting = async () =>
  (await b.env.owner.query(`select participant_kind, status from bookings where session_id = $1 and status = 'waitlisted'`, [campSession])).rows;

describe('priority booking of the last summer-camp place', () => {
  it('the street books the last place for a child in difficulty; the non-priority request keeps waiting', async () => {
    const { page } = b;
    expect(await waiting()).toEqual([{ participant_kind: 'external', status: 'waitlisted' }]);
    await signIn(b, 'street-dinghai');
    // the tab bar scrolls on a narrow screen: the link opens the tab directly
    await page.goto(`${b.base}/children/${childId}?tab=services`);
    await expect.poll(() => page.getByText(NAME).first().isVisible(), { timeout: 15_000 }).toBe(true);
    await expect.poll(() => page.getByTestId('child-bookings').isVisible(), { timeout: 15_000 }).toBe(true);
    await expect.poll(() => page.getByText('该儿童暂无服务预约').isVisible(), { timeout: 10_000 }).toBe(true);
    const dialog = page.getByRole('dialog');
    const session = dialog.getByTestId('bookable-session').filter({ hasText: '第一期' });
    const confirm = page.locator('.ant-modal-confirm');
    // Opens the dialog and the programme's panel, again if either closed: on the loaded CI machine the
    // book button once never appeared within 30 s after the panel had shown it.
    const showSession = async () => {
      if ((await dialog.count()) === 0) await page.getByTestId('booking-open').click({ timeout: 5_000 });
      await expect.poll(() => dialog.getByText('优先档次：困境儿童', { exact: false }).isVisible(), { timeout: 15_000 }).toBe(true);
      if (!(await session.isVisible())) await dialog.getByTestId('bookable-programme').filter({ hasText: '心动力夏令营' }).click({ timeout: 5_000 });
      await session.waitFor({ state: 'visible', timeout: 5_000 }).catch(() => undefined);
    };
    await showSession();
    await expect.poll(() => session.getByText('剩余 1', { exact: false }).isVisible(), { timeout: 10_000 }).toBe(true);
    await shot('booking-dialog-desktop');
    const deadline = Date.now() + 60_000;
    while (!(await confirm.isVisible())) {
      if (Date.now() > deadline) throw new Error('未能打开预约确认框');
      await showSession();
      await session
        .getByTestId('bookable-book')
        .click({ timeout: 5_000 })
        .catch(() => undefined);
      await confirm.waitFor({ state: 'visible', timeout: 3_000 }).catch(() => undefined);
    }
    await Promise.all([
      page.waitForResponse((r) => r.url().includes('/bookings') && r.request().method() === 'POST', { timeout: 15_000 }),
      confirm.getByRole('button', { name: /(^|loading\s*)预\s*约$/ }).click(),
    ]);
    await expect.poll(() => page.getByRole('dialog').count(), { timeout: 10_000 }).toBe(0);
    const item = page.getByTestId('child-bookings');
    await expect.poll(() => item.getByText('已预留（待确认）').first().isVisible(), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => item.getByText('心动力夏令营').first().isVisible()).toBe(true);
    await shot('booking-child-desktop');
    await page.setViewportSize(PHONE);
    await shot('booking-child-phone');
    await page.setViewportSize(DESKTOP);
    // the place went to the child in difficulty; the external request still waits, first in line
    const rows = (await b.env.owner.query(`select status, priority_code from bookings where session_id = $1 and child_id = $2`, [campSession, childId])).rows;
    expect(rows).toEqual([{ status: 'reserved', priority_code: 'in_difficulty' }]);
    expect(await waiting()).toEqual([{ participant_kind: 'external', status: 'waitlisted' }]);
    const taken = (await b.env.owner.query(`select capacity, booking_places_taken(id) as taken from programme_sessions where id = $1`, [campSession])).rows[0];
    expect(taken.taken).toBe(taken.capacity);
  }, 180_000);

  it('the youth league sees the roster masked, the request on the wait list', async () => {
    const { page } = b;
    await signOut(b);
    await signIn(b, 'youth');
    await page.goto(`${b.base}/services?q=${encodeURIComponent('心动力')}`);
    await expect.poll(() => page.getByRole('link', { name: '心动力夏令营' }).first().isVisible(), { timeout: 15_000 }).toBe(true);
    await shot('booking-catalogue-desktop');
    await page.getByRole('link', { name: '心动力夏令营' }).first().click();
    await expect.poll(() => page.getByText('第一期', { exact: false }).first().isVisible(), { timeout: 15_000 }).toBe(true);
    await page.goto(`${b.base}/services/sessions/${campSession}/roster`);
    await expect.poll(() => page.getByText('周*禾 · ', { exact: false }).first().isVisible(), { timeout: 15_000 }).toBe(true);
    const body = await page.locator('main, body').first().innerText();
    expect(body).not.toContain(NAME);
    expect(body).toContain('王*虎（档案外）');
    expect(body).toMatch(/候补中 · 候补第 1 位/);
    await shot('booking-roster-desktop');
    await page.setViewportSize(PHONE);
    await shot('booking-roster-phone');
    await page.setViewportSize(DESKTOP);
    const audited = (
      await b.env.owner.query(`select count(*)::int as n from audit_log where action = 'services.roster.view' and entity_id = $1`, [campSession])
    ).rows[0].n;
    expect(audited).toBeGreaterThanOrEqual(1);
  }, 180_000);
});
