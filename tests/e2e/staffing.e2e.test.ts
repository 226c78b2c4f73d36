/**
 * 配备、未保站与社会组织 in Chromium (tasks 3, 36, 40): the district sees committees short of child
 * directors; 定海路街道's station has no prosecutor deputy head (the demo gap) until street-dinghai
 * adds one and the gap disappears; the district registers an organisation (a wrong credit-code check
 * character refused in Chinese) and a commissioned project. Screenshots at desktop and phone widths
 * go to test-results/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDate } from '#common/dates.js';
import { seedDemoOrganisations } from '../../server/src/seed/demoOrganisations.js';
import { seedDemoStaffing } from '../../server/src/seed/demoStaffing.js';
import { seedDemoWorkforce } from '../../server/src/seed/demoWorkforce.js';
import { chooseUntil, openBrowser, signIn, signOut, type BrowserEnv } from './browser.js';

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1366, height: 800 };
const ORG = '杨浦区益童社会工作服务中心（E2E）';
const PROJECT = '困境儿童成长陪伴项目（E2E）';

let b: BrowserEnv;

beforeAll(async () => {
  b = await openBrowser(DESKTOP);
  const today = shanghaiDate(b.env.clock.now);
  await seedDemoWorkforce(b.env.owner, b.env.deps.crypto, { seed: 1, today });
  await seedDemoStaffing(b.env.owner, { today });
  await seedDemoOrganisations(b.env.owner, { today });
});
afterAll(async () => {
  await b?.close();
});

async function settle() {
  await b.page.waitForLoadState('networkidle');
  await expect.poll(() => b.page.locator('.ant-spin-spinning').count(), { timeout: 15_000 }).toBe(0);
  await b.page.waitForTimeout(300);
}

/** No session left from a test before (one that failed midway). */
async function fresh() {
  if (b.page.url().startsWith('http')) await signOut(b);
}

/** The page does not scroll sideways on a phone. */
async function noOverflow() {
  const { page } = b;
  const over = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(over).toBeLessThanOrEqual(1);
}

describe('staffing, station rosters and organisations', () => {
  it('the district sees committees short of child directors', async () => {
    const { page } = b;
    await fresh();
    await signIn(b, 'district');
    await page.goto(`${b.base}/staffing/overview`);
    await settle();
    await expect.poll(() => page.getByText(/缺 \d+ 名/).count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await expect.poll(() => page.getByText('各街道配备情况（点击查看）').isVisible()).toBe(true);
    await b.shot('staffing-overview-desktop');
    // the directors of a committee in violation
    await page.getByRole('button', { name: '查看儿童主任' }).first().click();
    await expect
      .poll(
        () =>
          page
            .locator('.ant-modal')
            .getByText(/应配备至少/)
            .isVisible(),
        { timeout: 10_000 },
      )
      .toBe(true);
    await page.keyboard.press('Escape');
    await page.setViewportSize(PHONE);
    await settle();
    await noOverflow();
    await b.shot('staffing-overview-phone');
    await page.setViewportSize(DESKTOP);
    // the station rosters show 定海路街道's gap
    await page.goto(`${b.base}/staffing/stations`);
    await settle();
    await expect.poll(() => page.getByTestId('station-gaps').innerText(), { timeout: 10_000 }).toContain('定海路街道：缺检察官副站长');
    await signOut(b);
  });

  it('street-dinghai adds its prosecutor deputy head and the gap disappears', async () => {
    const { page } = b;
    await fresh();
    await signIn(b, 'street-dinghai');
    await page.goto(`${b.base}/staffing/stations`);
    await settle();
    const card = page.getByTestId('station-dinghai');
    await expect.poll(() => card.getByText('缺检察官副站长').count()).toBeGreaterThan(0);
    // only its own station has the button
    expect(
      await page
        .getByTestId('station-pingliang')
        .getByRole('button', { name: /添加成员/ })
        .count(),
    ).toBe(0);
    await card.getByRole('button', { name: /添加成员/ }).click();
    const modal = page.locator('.ant-modal');
    await expect.poll(() => modal.getByText('所在单位：区检察院').isVisible(), { timeout: 10_000 }).toBe(true);
    await modal.getByLabel('姓名').fill('周检察');
    await modal.getByLabel('职务/职称').fill('四级检察官');
    await modal.getByLabel('联系电话').fill('021-65001234');
    await b.shot('staffing-station-add-desktop');
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/staffing/stations/members') && r.request().method() === 'POST', { timeout: 15_000 }),
      modal.getByRole('button', { name: /保\s*存/ }).click(),
    ]);
    await settle();
    await expect.poll(() => page.getByTestId('station-gaps').innerText(), { timeout: 10_000 }).toContain('均已配备');
    await expect.poll(() => card.getByText('周检察').isVisible()).toBe(true);
    await page.setViewportSize(PHONE);
    await settle();
    await noOverflow();
    await b.shot('staffing-stations-phone');
    await page.setViewportSize(DESKTOP);
    await signOut(b);
  });

  it('the district registers an organisation (a wrong check character refused) and a commissioned project', async () => {
    const { page } = b;
    await fresh();
    await signIn(b, 'district');
    await page.goto(`${b.base}/organisations`);
    await settle();
    await expect.poll(() => page.getByText('杨浦区阳光社会工作服务社').isVisible(), { timeout: 10_000 }).toBe(true);
    await page.getByRole('button', { name: /登记组织/ }).click();
    const modal = page.locator('.ant-modal');
    await modal.getByLabel('组织名称').fill(ORG);
    await modal.getByLabel('统一社会信用代码').fill('52310110MJ5123456B');
    await modal.getByRole('button', { name: /保\s*存/ }).click();
    await expect.poll(() => modal.getByText('统一社会信用代码校验位不正确，请核对').isVisible(), { timeout: 10_000 }).toBe(true);
    await b.shot('organisations-credit-code-refused');
    expect((await b.env.owner.query(`select count(*)::int as n from organisations where name = $1`, [ORG])).rows[0].n).toBe(0);
    await modal.getByLabel('统一社会信用代码').fill('52310110MJ5123456A');
    const [saved] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/organisations') && r.request().method() === 'POST', { timeout: 15_000 }),
      modal.getByRole('button', { name: /保\s*存/ }).click(),
    ]);
    expect(saved.status(), await saved.text()).toBe(201);
    await settle();
    await expect.poll(() => page.locator('tr').filter({ hasText: ORG }).count(), { timeout: 10_000 }).toBe(1);
    await b.shot('organisations-register-desktop');

    await page.goto(`${b.base}/organisations/projects`);
    await settle();
    await page.getByRole('button', { name: /新建项目/ }).click();
    const pm = page.locator('.ant-modal');
    const orgSelect = pm.getByLabel('承接组织');
    // the dropdown is rendered outside the modal: the name inside it is the chosen value
    await chooseUntil(page, orgSelect, ORG, async () => (await pm.getByText(ORG, { exact: true }).count()) > 0);
    await pm.getByLabel('项目名称').fill(PROJECT);
    await pm.getByLabel('预算（元）').fill('250000');
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/organisations/projects') && r.request().method() === 'POST', { timeout: 15_000 }),
      pm.getByRole('button', { name: /保\s*存/ }).click(),
    ]);
    await settle();
    await expect.poll(() => page.getByText(PROJECT).first().isVisible(), { timeout: 10_000 }).toBe(true);
    const row = (await b.env.owner.query(`select kind, commissioning_unit_code, budget::float8 as budget, status from org_projects where name = $1`, [PROJECT]))
      .rows[0];
    expect(row).toEqual({ kind: 'commissioned', commissioning_unit_code: 'civil-affairs', budget: 250000, status: 'running' });
    await b.shot('organisations-projects-desktop');
    await page.getByText(PROJECT).first().click();
    await settle();
    await expect.poll(() => page.getByText('本辖区暂无服务对象').isVisible(), { timeout: 10_000 }).toBe(true);
    await page.setViewportSize(PHONE);
    await page.goto(`${b.base}/organisations`);
    await settle();
    await noOverflow();
    await b.shot('organisations-register-phone');
    await page.goto(`${b.base}/organisations/projects`);
    await settle();
    await noOverflow();
    await b.shot('organisations-projects-phone');
    await page.setViewportSize(DESKTOP);
  });

  it('street-dinghai adds a child of its area to the commissioned project (on a phone)', async () => {
    const { page } = b;
    await fresh();
    await signIn(b, 'street-dinghai');
    const project = (await b.env.owner.query(`select id from org_projects where name = '困境儿童个案关爱服务项目'`)).rows[0].id as string;
    const child = (
      await b.env.owner.query(
        `select c.name from children c where c.street_code = 'dinghai' and c.status = 'active'
            and not exists (select 1 from project_children pc where pc.child_id = c.id) order by c.name_pinyin limit 1`,
      )
    ).rows[0].name as string;
    await page.setViewportSize(PHONE);
    await page.goto(`${b.base}/organisations/projects/${project}`);
    await settle();
    const before = (await b.env.owner.query(`select count(*)::int as n from project_children where project_id = $1`, [project])).rows[0].n as number;
    const picker = page.getByTestId('child-picker');
    await picker.click();
    await page.keyboard.type(child);
    await settle();
    await chooseUntil(page, picker, child, async () => (await picker.getByText(child).count()) > 0);
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/organisations/projects/${project}/children`) && r.request().method() === 'POST', { timeout: 15_000 }),
      page.getByRole('button', { name: /添加为服务对象/ }).click(),
    ]);
    await settle();
    expect((await b.env.owner.query(`select count(*)::int as n from project_children where project_id = $1`, [project])).rows[0].n).toBe(before + 1);
    await expect.poll(() => page.getByRole('link', { name: child }).count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await noOverflow();
    await b.shot('organisations-project-phone');
    await page.setViewportSize(DESKTOP);
  });
});
