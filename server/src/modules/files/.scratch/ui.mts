import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import { chromium } from 'playwright-core';
import { makeIdNumber } from '../../../../../common/src/idNumber.js';

const base = 'http://127.0.0.1:3800';
const out = '/tmp/files-shots';
fs.mkdirSync(out, { recursive: true });
const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'files-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: '/usr/bin/chromium', headless: true, viewport: { width: 1366, height: 800 }, locale: 'zh-CN',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const page = context.pages()[0] ?? (await context.newPage());
page.on('console', (m) => { if (m.type() === 'error') console.log('console:', m.text()); });
const shot = (n: string) => page.screenshot({ path: `${out}/${n}.png`, fullPage: true });
const step = process.argv[2] ?? 'all';

await page.goto(`${base}/login`);
await page.getByLabel('用户名').fill('street-dinghai');
await page.getByLabel('密码').fill('nuanyang-demo');
await page.getByRole('button', { name: /登\s*录/ }).click();
await page.waitForURL((u) => !u.pathname.startsWith('/login'));

async function buildFile(rows: Record<string, unknown>[], name: string): Promise<string> {
  const res = await page.request.get(`${base}/api/children/import/template`);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(await res.body()) as any, { ignoreNodes: ['dataValidations'] } as any);
  const ws = wb.getWorksheet('儿童')!;
  ws.spliceRows(2, 1);
  const headers = (ws.getRow(1).values as unknown[]).slice(1).map(String);
  for (const r of rows) ws.addRow(headers.map((h) => r[h] ?? null));
  const p = `${out}/${name}`;
  fs.writeFileSync(p, Buffer.from(await wb.xlsx.writeBuffer()));
  return p;
}

if (step === 'all' || step === 'import') {
  await page.goto(`${base}/children/import`);
  await page.getByText('点击或把 Excel 文件拖到这里上传').waitFor();
  await shot('01-import-start');
  const bad = await buildFile([
    { 姓名: '界面甲', 身份证号: '310110201501011235', 居民区: '定海二居民区', 风险等级: '低' },
    { 姓名: '界面乙', 身份证号: makeIdNumber('310110', '2015-02-02', 21, 'F'), 居民区: '平凉一居民区', 风险等级: '低' },
    { 姓名: '界面丙', 性别: '男', 出生日期: '2031-01-01', 无身份证号原因: '未落户', 居民区: '定海二居民区', 风险等级: '特高' },
    ...Array.from({ length: 25 }, (_, i) => ({ 姓名: `批量${i}`, 身份证号: makeIdNumber('310110', '2014-03-03', 100 + i, 'M'), 居民区: '定海二居民区', 风险等级: '低', 监护人1姓名: i % 3 ? `监护${i}` : null, 监护人1关系: i % 3 ? '祖母' : null, 监护人1电话: i % 3 === 2 ? '12345' : null })),
  ], 'bad.xlsx');
  await page.locator('input[type=file]').setInputFiles(bad);
  await page.getByText('检查未通过，未写入任何数据').waitFor({ timeout: 30000 });
  await shot('02-import-invalid');
  // A wrong file type.
  await page.getByRole('button', { name: /重新上传/ }).first().click();
  fs.writeFileSync(`${out}/fake.xlsx`, '<html>not excel</html>');
  await page.locator('input[type=file]').setInputFiles(`${out}/fake.xlsx`);
  await page.getByText('文件未被接受，未写入任何数据').waitFor({ timeout: 30000 });
  await shot('03-import-refused');
  const good = await buildFile(Array.from({ length: 40 }, (_, i) => ({ 姓名: `界面导入${i}`, 身份证号: makeIdNumber('310110', '2013-04-04', 300 + i, i % 2 ? 'M' : 'F'), 街道: '定海路街道', 居民区: '定海三居民区', 风险等级: ['高', '中', '低'][i % 3], 儿童类别: '监护缺失', 监护人1姓名: `界面监护${i}`, 监护人1关系: '祖父' })), 'good.xlsx');
  await page.locator('input[type=file]').setInputFiles(good);
  await page.getByText('检查通过', { exact: true }).first().waitFor({ timeout: 30000 });
  await shot('04-import-checked');
  await page.getByRole('button', { name: /确认导入/ }).first().click();
  await page.locator('.ant-popconfirm').getByRole('button', { name: /确认导入/ }).click();
  await page.getByText('导入完成', { exact: true }).first().waitFor({ timeout: 60000 });
  await page.waitForTimeout(500);
  await shot('05-import-done');
}

if (step === 'all' || step === 'print') {
  let childId = process.env.CHILD_ID;
  if (!childId) {
    const list = await (await page.request.get(`${base}/api/children?pageSize=60`)).json();
    let best = -1;
    for (const c of list.items) {
      const v = await (await page.request.get(`${base}/api/children/${c.id}/visits?pageSize=1`)).json();
      const p = await (await page.request.get(`${base}/api/children/${c.id}/problems`)).json();
      const score = (v.total ?? 0) + 3 * (p.items?.length ?? 0);
      if (score > best) { best = score; childId = c.id; }
    }
    console.log('child', childId, best);
  }
  await page.goto(`${base}/children/${childId}/print`);
  await page.locator('.print-paper').waitFor();
  await page.waitForTimeout(800);
  await shot('06-print-screen');
  await page.emulateMedia({ media: 'print' });
  await page.screenshot({ path: `${out}/07-print-media.png`, fullPage: false });
  await page.pdf({ path: `${out}/file.pdf`, preferCSSPageSize: true, printBackground: true, displayHeaderFooter: false });
  await page.emulateMedia({ media: 'screen' });
  execSync(`rm -f ${out}/pdf-*.png && pdftoppm -png -r 80 ${out}/file.pdf ${out}/pdf`);
  await page.goto(`${base}/children/${childId}`);
  await page.getByRole('tab', { name: '附件' }).click();
  await page.getByText('上传附件').waitFor();
  await page.locator('input[type=file]').setInputFiles({ name: '走访照片.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(fs.readFileSync('/root/.pyenv/versions/3.7.16/lib/python3.7/test/imghdrdata/python.jpg')) });
  await page.getByText('走访照片.jpg').first().waitFor({ timeout: 15000 });
  await page.waitForTimeout(500);
  await shot('08-attachments');
}
if (step === 'all' || step === 'export') {
  await page.goto(`${base}/children`);
  await page.getByRole('button', { name: /导出 Excel/ }).click();
  await page.getByText('完整身份证号').click();
  await page.waitForTimeout(300);
  await shot('09-export-modal');
  await page.getByRole('button', { name: /导出并下载/ }).click();
  await page.getByText('导出完整身份证号须说明原因').waitFor();
  await page.getByText('脱敏（只显示前 6 位和后 4 位，推荐）').click();
  const dl = page.waitForEvent('download');
  await page.getByRole('button', { name: /导出并下载/ }).click();
  const d = await dl;
  console.log('download', d.suggestedFilename());
  await d.saveAs(`${out}/export.xlsx`);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(fs.readFileSync(`${out}/export.xlsx`) as any);
  console.log(wb.worksheets.map((w) => `${w.name}:${w.rowCount}`).join(' '), JSON.stringify(wb.getWorksheet('儿童名单')!.getRow(2).values));
}
await context.close();
fs.rmSync(profile, { recursive: true, force: true });
