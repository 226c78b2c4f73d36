/**
 * The import template: a 说明 sheet (how to fill it in, every column with its allowed values, the
 * categories, relations, statuses and stages of the child file, and the committees of the caller's
 * area) and a 儿童 sheet with the header row, one example row and drop-down lists.
 */
import ExcelJS from 'exceljs';
import { CATEGORIES, DISABILITY_TYPES, MEMBER_STATUSES, RELATIONS, SCHOOL_STAGES } from '#common/children.js';
import { MAX_IMPORT_ROWS } from '#common/files.js';
import { EXAMPLE_PREFIX, HELP_SHEET, IMPORT_COLUMNS, IMPORT_SHEET } from './importColumns.js';
import { safeRow } from './sheet.js';

interface DataValidations {
  add(address: string, v: ExcelJS.DataValidation): void;
}
const REQUIRED_TEXT = { yes: '必填', noId: '无身份证号时必填', withGuardian: '填写该监护人时必填', no: '选填' } as const;
const colLetter = (n: number) => {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
};

export async function buildTemplate(committees: { street: string; name: string }[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '暖杨 杨浦区困境儿童关爱服务平台';
  const help = wb.addWorksheet(HELP_SHEET, { properties: { tabColor: { argb: 'FF1677FF' } } });
  const sheet = wb.addWorksheet(IMPORT_SHEET, { views: [{ state: 'frozen', ySplit: 1, xSplit: 1 }] });
  help.columns = [{ width: 22 }, { width: 22 }, { width: 70 }, { width: 50 }];
  const bold = (r: ExcelJS.Row) => {
    r.font = { bold: true };
  };
  const section = (t: string) => {
    help.addRow([]);
    const r = help.addRow([t]);
    r.font = { bold: true, size: 12, color: { argb: 'FF1677FF' } };
  };

  const title = help.addRow(['困境儿童及监护人批量导入模板 · 填写说明']);
  title.font = { bold: true, size: 14 };
  help.addRow(['内部资料 注意保密']).font = { bold: true, color: { argb: 'FFC00000' } };
  const steps = [
    `1. 在“${IMPORT_SHEET}”工作表中，从第 2 行起每行填写一名儿童，不要修改第 1 行的列名；每个文件最多 ${MAX_IMPORT_ROWS.toLocaleString('en-US')} 行。`,
    `2. 第 2 行是示例，姓名以“${EXAMPLE_PREFIX}”开头的行不会导入，可直接覆盖或删除。`,
    '3. 上传后系统先逐行检查、不写入任何数据，列出每个问题所在的行、列和修改方法；全部通过后再点“确认导入”。',
    '4. 确认导入时全部写入或全部不写入：中途出错不会留下半份数据。',
    '5. 同一身份证号视为同一儿童：已建档的儿童只更新有变化的项目，并补充文件中新增的监护人和类别；空白单元格表示“不修改”。没有身份证号的儿童按“姓名 + 出生日期 + 居民区”识别。同一文件重复导入不会重复建档。',
    '6. 身份证号和电话列请保持“文本”格式（本模板已设置），否则 Excel 会把 18 位号码末几位变成 0。',
    '7. 只能导入您辖区内居民区的儿童；身份证号已在其他街道建档的，请联系该街道办理转入，不要重复登记。',
  ];
  for (const s of steps) help.addRow([s]).alignment = { wrapText: false };

  section('各列说明');
  bold(help.addRow(['列名', '是否必填', '说明', '可填写的值']));
  for (const c of IMPORT_COLUMNS)
    help.addRow(
      safeRow([c.header, REQUIRED_TEXT[c.required], c.note, c.values && c.values.length <= 12 ? c.values.join(' / ') : c.values ? '见下方列表' : '']),
    );

  section('儿童类别（“儿童类别”列，可填多个，用顿号分隔）');
  for (const label of Object.values(CATEGORIES)) help.addRow([label]);
  section('监护人状态（“监护人N状态”列）');
  for (const label of Object.values(MEMBER_STATUSES)) help.addRow([label]);
  section('与儿童的关系 / 入学状态 / 残疾类型');
  help.addRow(['关系', RELATIONS.join(' / ')]);
  help.addRow(['入学状态', SCHOOL_STAGES.join(' / ')]);
  help.addRow(['残疾类型', DISABILITY_TYPES.join(' / ')]);

  section('您辖区内的居民区（“居民区”列请填写全称）');
  bold(help.addRow(['街道', '居民区']));
  const firstCommitteeRow = help.rowCount + 1;
  for (const c of committees) help.addRow(safeRow([c.street, c.name]));
  const lastCommitteeRow = help.rowCount;

  // The data sheet: header, one example row, text format where numbers would be damaged.
  sheet.columns = IMPORT_COLUMNS.map((c, i) => ({ key: `c${i}`, width: c.width, style: c.text ? { numFmt: '@' } : c.date ? { numFmt: 'yyyy-mm-dd' } : {} }));
  const head = sheet.addRow(IMPORT_COLUMNS.map((c) => c.header));
  head.font = { bold: true };
  head.eachCell((cell, n) => {
    const c = IMPORT_COLUMNS[n - 1]!;
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: c.required === 'yes' ? 'FFFFE7BA' : c.guardian ? 'FFE6F4FF' : 'FFF2F2F2' } };
    cell.note = `${REQUIRED_TEXT[c.required]}：${c.note}`;
  });
  const example = sheet.addRow(IMPORT_COLUMNS.map((c) => (c.date && c.example ? new Date(`${c.example}T00:00:00Z`) : c.example === '' ? null : c.example)));
  example.font = { color: { argb: 'FF8C8C8C' }, italic: true };
  const committeeOfExample = committees[0];
  if (committeeOfExample) {
    const idx = IMPORT_COLUMNS.findIndex((c) => c.child === 'committee');
    const sIdx = IMPORT_COLUMNS.findIndex((c) => c.child === 'street');
    example.getCell(idx + 1).value = committeeOfExample.name;
    example.getCell(sIdx + 1).value = committeeOfExample.street;
  }

  // Drop-down lists for the columns with a short list of values (and the committees of the area).
  const dv = (sheet as unknown as { dataValidations: DataValidations }).dataValidations;
  const last = MAX_IMPORT_ROWS + 1;
  IMPORT_COLUMNS.forEach((c, i) => {
    const range = `${colLetter(i + 1)}2:${colLetter(i + 1)}${last}`;
    if (c.child === 'committee' && lastCommitteeRow >= firstCommitteeRow) {
      dv.add(range, { type: 'list', allowBlank: true, showErrorMessage: false, formulae: [`'${HELP_SHEET}'!$B$${firstCommitteeRow}:$B$${lastCommitteeRow}`] });
    } else if (c.values && c.child !== 'categories' && c.values.join(',').length < 250) {
      dv.add(range, {
        type: 'list',
        allowBlank: true,
        showErrorMessage: true,
        errorTitle: '取值不正确',
        error: `请填写：${c.values.join(' / ')}`,
        formulae: [`"${c.values.join(',')}"`],
      });
    }
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
