/**
 * 数据共享比对 in Chromium (issue 16): the district uploads a 区残联 残疾人证 feed (.xlsx in the
 * 残联's own layout, made here with ExcelJS) naming a demo child of 6 or under with no disability on
 * file; the run report shows the match; 确认应用 sends the change to the street's review; the street
 * supervisor applies it in 待审核变更; the child then appears under 可享未享 for 残疾儿童康复救助 —
 * in the 免申即享 work list and in the database.
 */
import ExcelJS from 'exceljs';
import { makeIdNumber } from '#common/idNumber.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseUntil, clickUntil, openBrowser, signIn, signOut, untilOutcome, type BrowserEnv } from './browser.js';

const FEED = 'disabled-federation-cert';
const POLICY = 'disability-rehabilitation';

let b: BrowserEnv;
beforeAll(async () => {
  b = await openBrowser();
});
afterAll(async () => {
  await b?.close();
});

/** The source's word that the feed's mapping turns into `ours` (the first such), or `ours` itself. */
function sourceWord(values: Record<string, string> | undefined, ours: string): string {
  return Object.entries(values ?? {}).find(([, v]) => v === ours)?.[0] ?? ours;
}

describe('数据共享: a 残联 feed found a disabled child, reviewed and applied', () => {
  it('upload → report → 确认应用 → street applies → 可享未享 for 残疾儿童康复救助', async () => {
    const { page, env } = b;
    const db = env.owner;

    // A demo child of 6 or under, no disability on file, in a street with a supervisor account,
    // not yet eligible for (nor receiving) the rehabilitation subsidy.
    const child = (
      await db.query<{ id: string; name: string; birth_date: string; street_code: string }>(
        `select c.id, c.name, to_char(c.birth_date, 'YYYY-MM-DD') as birth_date, c.street_code
           from children c
          where c.status = 'active' and c.id_number_enc is not null
            and c.birth_date > current_date - interval '6 years'
            and c.disability_type is null and c.disability_grade is null
            and c.street_code in ('dinghai', 'pingliang')
            and not exists (select 1 from child_categories k where k.child_id = c.id and k.category = 'disabled')
            and not exists (select 1 from eligibility_results r where r.child_id = c.id and r.policy_id = $1 and r.verdict = 'eligible')
            and not exists (select 1 from entitlements e where e.child_id = c.id and e.policy_id = $1 and e.status not in ('refused', 'ended'))
            and not exists (select 1 from feed_changes fc where fc.child_id = c.id)
            and (select count(*) from children d where d.name = c.name) = 1
          order by c.birth_date desc
          limit 1`,
        [POLICY],
      )
    ).rows[0];
    expect(child, 'a demo child of 6 or under with no disability').toBeTruthy();

    // Its identity number, as the 残联 holds it (read through the audited unmask of the file).
    const district = await env.login('district');
    const unmasked = await district.post(`/api/children/${child!.id}/unmask`, { reason: '核对数据共享测试数据', fields: ['idNumber'] });
    expect(unmasked.statusCode, unmasked.body).toBe(200);
    const idNumber: string = unmasked.json().idNumber;
    expect(idNumber).toMatch(/^\d{17}[\dX]$/);

    // The feed's file in the 残联's own layout: its headers and words, as the feed's mapping reads them.
    const feed = (await district.get(`/api/feeds/${FEED}`)).json();
    expect(feed.fact).toBe('child.disability');
    const byField = (field: string) => feed.mapping.columns.find((c: { field: string }) => c.field === field);
    const cell: Record<string, string | number> = {
      idNumber,
      name: child!.name,
      birthDate: child!.birth_date,
      disabilityType: sourceWord(byField('disabilityType')?.values, '听力'),
      disabilityGrade: sourceWord(byField('disabilityGrade')?.values, '2'),
      evidence: `${idNumber}42`,
      since: new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10),
      relation: '本人',
    };
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('持证残疾人');
    const columns: { header: string; field: string }[] = feed.mapping.columns;
    sheet.addRow(columns.map((c) => c.header));
    sheet.addRow(columns.map((c) => cell[c.field] ?? ''));
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());

    // The district uploads it on the feed's page: the run report opens.
    await signIn(b, 'district');
    await page.goto(`${b.base}/feeds`);
    const feedLink = page.getByRole('link', { name: feed.name });
    await feedLink.waitFor();
    await b.shot('feeds-01-list');
    await feedLink.click();
    await page.getByText('上传数据文件').waitFor();
    await b.shot('feeds-02-feed');
    await untilOutcome(
      () =>
        page
          .locator('input[type=file]')
          .setInputFiles({ name: '区残联残疾人证.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: xlsx }),
      (timeout) => page.waitForURL(/\/feeds\/runs\//, { timeout }),
      '上传残联数据文件',
    );
    const runId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
    const row = page.locator('.ant-table-row', { hasText: child!.name });
    await row.first().waitFor();
    await expect.poll(() => row.first().getByText('身份证号匹配').isVisible()).toBe(true);
    await b.shot('feeds-03-run-checked');

    // 确认应用: the confirmation says how many apply at once and how many go to review.
    const runState = async () => (await db.query(`select state from feed_runs where id = $1`, [runId])).rows[0]?.state;
    const confirmOk = page.locator('.ant-popconfirm').getByRole('button', { name: /确认应用/ });
    await clickUntil(page, [confirmOk, page.getByRole('button', { name: /确认应用/ }).first()], async () => (await runState()) === 'confirmed', '确认应用');
    const change = (await db.query<{ id: string; state: string }>(`select id, state from feed_changes where run_id = $1 and child_id = $2`, [runId, child!.id]))
      .rows[0];
    expect(change?.state).toBe('waiting');
    await page.getByText('本批次已确认').waitFor();
    await b.shot('feeds-04-run-confirmed');

    // The same file again: the run already received answers (and says so), nothing new is written.
    const runsBefore = (await db.query(`select count(*)::int as n from feed_runs where feed_code = $1`, [FEED])).rows[0].n;
    await page.goto(`${b.base}/feeds/${FEED}`);
    await page.getByText('上传数据文件').waitFor();
    await untilOutcome(
      () =>
        page
          .locator('input[type=file]')
          .setInputFiles({ name: '区残联残疾人证（再次）.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: xlsx }),
      (timeout) => page.getByText('本次未写入任何数据').waitFor({ timeout }),
      '再次上传同一文件',
    );
    expect(new URL(page.url()).pathname).toBe(`/feeds/runs/${runId}`);
    expect((await db.query(`select count(*)::int as n from feed_runs where feed_code = $1`, [FEED])).rows[0].n).toBe(runsBefore);
    await b.shot('feeds-04b-duplicate');
    await signOut(b);

    // The street supervisor of the child's street applies it in 待审核变更.
    await signIn(b, `street-${child!.street_code}`);
    await page.goto(`${b.base}/feeds/review`);
    const waiting = page.locator('.ant-table-row', { hasText: child!.name }).first();
    await waiting.waitFor();
    await expect.poll(() => waiting.getByRole('link', { name: child!.name }).getAttribute('href')).toBe(`/children/${child!.id}`);
    await b.shot('feeds-05-review');
    const changeState = async () => (await db.query(`select state from feed_changes where id = $1`, [change!.id])).rows[0]?.state;
    const applyOk = page.locator('.ant-popconfirm').getByRole('button', { name: /应\s*用/ });
    await clickUntil(page, [applyOk, waiting.getByRole('button', { name: /应\s*用/ })], async () => (await changeState()) === 'applied', '应用变更');

    // In the file and in 可享未享: eligible for the rehabilitation subsidy, not receiving it.
    const file = (await db.query(`select disability_type, disability_grade from children where id = $1`, [child!.id])).rows[0];
    expect(file.disability_type).toBe('听力');
    expect(Number(file.disability_grade)).toBe(2);
    await expect
      .poll(
        async () => (await db.query(`select verdict from eligibility_results where child_id = $1 and policy_id = $2`, [child!.id, POLICY])).rows[0]?.verdict,
        {
          timeout: 15_000,
        },
      )
      .toBe('eligible');
    await page.getByRole('tab', { name: '已应用' }).click();
    await page.locator('.ant-table-row', { hasText: child!.name }).first().waitFor();
    await b.shot('feeds-06-applied');

    await page.goto(`${b.base}/eligibility`);
    const policySelect = page.locator('.ant-select').filter({ has: page.getByLabel('政策', { exact: true }) });
    await chooseUntil(page, policySelect, '残疾儿童康复救助', async () => (await policySelect.innerText()).includes('残疾儿童康复救助'), {
      search: '残疾儿童康复',
    });
    const listed = page.locator('.ant-table-row', { hasText: child!.name }).first();
    await expect.poll(() => listed.isVisible(), { timeout: 15_000 }).toBe(true);
    await b.shot('feeds-07-worklist');
  }, 180_000);
  it('an unmatched record linked to a child (关联到儿童), confirmed, and the change rejected with a reason', async () => {
    const { page, env } = b;
    const db = env.owner;
    const child = (
      await db.query<{ id: string; name: string }>(
        `select c.id, c.name from children c
          where c.status = 'active' and c.street_code = 'dinghai' and c.disability_type is null and c.disability_grade is null
            and c.birth_date <> '2019-03-03'
            and not exists (select 1 from feed_changes fc where fc.child_id = c.id)
            and (select count(*) from children d where d.name = c.name) = 1
          order by c.name limit 1`,
      )
    ).rows[0]!;
    // The 残联 knows the child under an identity number that is on no file, and another birth date.
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('持证残疾人');
    sheet.addRow(['姓名', '公民身份号码', '出生日期', '残疾类别', '残疾等级', '残疾人证号', '发证日期']);
    sheet.addRow([child.name, makeIdNumber('310110', '2019-03-03', 991, 'F'), '2019-03-03', '肢体残疾', '三级', '31011020190303991X43', '2026-11-01']);
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());

    await signOut(b);
    await signIn(b, 'district');
    await page.goto(`${b.base}/feeds/${FEED}`);
    await page.getByText('上传数据文件').waitFor();
    await untilOutcome(
      () =>
        page
          .locator('input[type=file]')
          .setInputFiles({ name: '残联补充.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: xlsx }),
      (timeout) => page.waitForURL(/\/feeds\/runs\//, { timeout }),
      '上传残联补充文件',
    );
    const runId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
    const row = page.locator('.ant-table-row', { hasText: child.name }).first();
    await row.getByText('未匹配').waitFor();

    // 新建档案 (主动发现): the new-file form starts from the source's name and birth date.
    const href = await row.getByRole('link', { name: '新建档案' }).getAttribute('href');
    expect(href).toContain(`name=${encodeURIComponent(child.name)}`);
    const form = await b.context.newPage();
    await form.goto(`${b.base}${href}`);
    await expect.poll(() => form.locator('input#name').inputValue(), { timeout: 15_000 }).toBe(child.name);
    await form.close();

    // 关联到儿童: the search starts from the record's name; choosing the child links the record.
    const linked = async () => (await db.query(`select child_id from feed_records where run_id = $1`, [runId])).rows[0]?.child_id === child.id;
    const dialog = page.locator('.ant-modal', { hasText: '关联到儿童档案' });
    const pickButton = dialog.locator('.ant-list-item', { hasText: child.name }).getByRole('button', { name: /选\s*择/ });
    await clickUntil(page, [pickButton, row.getByRole('button', { name: '关联到儿童' })], linked, '关联到儿童');
    await b.shot('feeds-08-linked');

    const runState = async () => (await db.query(`select state from feed_runs where id = $1`, [runId])).rows[0]?.state;
    const confirmOk = page.locator('.ant-popconfirm').getByRole('button', { name: /确认应用/ });
    await clickUntil(page, [confirmOk, page.getByRole('button', { name: /确认应用/ }).first()], async () => (await runState()) === 'confirmed', '确认应用');
    const change = (await db.query<{ id: string; state: string }>(`select id, state from feed_changes where run_id = $1`, [runId])).rows[0];
    expect(change?.state).toBe('waiting');

    // 驳回 needs a reason; the district reviews too (every street is its area).
    await page.goto(`${b.base}/feeds/review`);
    const waiting = page.locator('.ant-table-row', { hasText: child.name }).first();
    await waiting.waitFor();
    const rejectDialog = page.locator('.ant-modal', { hasText: '驳回变更' });
    await clickUntil(page, [waiting.getByRole('button', { name: /驳\s*回/ })], () => rejectDialog.isVisible(), '打开驳回');
    await rejectDialog.getByRole('button', { name: /驳\s*回/ }).click();
    await rejectDialog.getByText('请填写驳回理由').waitFor();
    await rejectDialog.getByLabel('驳回理由').fill('残联核实为同名儿童，证件号不符');
    const changeState = async () => (await db.query(`select state, note from feed_changes where id = $1`, [change!.id])).rows[0];
    await clickUntil(page, [rejectDialog.getByRole('button', { name: /驳\s*回/ })], async () => (await changeState())?.state === 'rejected', '驳回变更');
    expect((await changeState()).note).toBe('残联核实为同名儿童，证件号不符');
    expect((await db.query(`select disability_type from children where id = $1`, [child.id])).rows[0].disability_type).toBeNull();
    await page.getByRole('tab', { name: '已驳回' }).click();
    await page.locator('.ant-table-row', { hasText: child.name }).first().waitFor();
    await b.shot('feeds-09-rejected');
  }, 120_000);
});
