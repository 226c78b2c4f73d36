/**
 * Reading a restricted-persons file (.xlsx or UTF-8 .csv with the columns 姓名, 身份证号, 限制情形):
 * the rows as text, or why the file cannot be read. Nothing here touches the database; identity
 * numbers are validated by the caller (policies.ts) and never leave the request.
 */
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { MAX_RESTRICTED_ROWS, RESTRICTED_COLUMNS } from '#common/restricted.js';
import { isZip, zipEntries } from '../files/binary.js';

export interface ListRow {
  /** The row's number in the file (1 = header). */
  row: number;
  name: string | null;
  /** null when the cell held a number (Excel rounds 18 digits): the row is refused. */
  idNumber: string | null;
  idWasNumber: boolean;
  restriction: string | null;
}
export type ReadList = { ok: true; rows: ListRow[] } | { ok: false; message: string };

/** An .xlsx of a few MB must not expand to hundreds (a ZIP bomb). */
const MAX_UNZIPPED = 40 * 1024 * 1024;

function text(v: ExcelJS.CellValue | undefined): { text: string | null; wasNumber: boolean } {
  if (v === null || v === undefined) return { text: null, wasNumber: false };
  if (typeof v === 'number') return { text: String(v), wasNumber: true };
  if (typeof v === 'string') return { text: v.trim() || null, wasNumber: false };
  if (typeof v === 'object' && 'richText' in v)
    return {
      text:
        v.richText
          .map((r) => r.text)
          .join('')
          .trim() || null,
      wasNumber: false,
    };
  if (typeof v === 'object' && 'result' in v) return text(v.result instanceof Date ? String(v.result) : (v.result ?? null));
  if (typeof v === 'boolean') return { text: v ? 'TRUE' : 'FALSE', wasNumber: false };
  if (v instanceof Date) return { text: v.toISOString().slice(0, 10), wasNumber: false };
  // hyperlinks, errors and other cell objects: their displayed text when they have one
  if (typeof v === 'object' && 'text' in v && typeof v.text === 'string') return { text: v.text.trim() || null, wasNumber: false };
  return { text: null, wasNumber: false };
}

export async function readList(buf: Buffer, filename: string): Promise<ReadList> {
  const wb = new ExcelJS.Workbook();
  let ws: ExcelJS.Worksheet | undefined;
  try {
    if (/\.csv$/i.test(filename)) {
      if (isZip(buf)) return { ok: false, message: '文件扩展名为 .csv，但内容是 Excel 表格，请把扩展名改为 .xlsx 后再上传' };
      const utf8 = buf.toString('utf8');
      if (utf8.includes('\uFFFD')) return { ok: false, message: 'CSV 文件不是 UTF-8 编码，请在 Excel 中“另存为” CSV UTF-8 格式，或直接上传 .xlsx' };
      // every cell as text: an 18-digit number must not become a float
      ws = await wb.csv.read(Readable.from([Buffer.from(utf8.replace(/^\uFEFF/, ''), 'utf8')]), { map: (v: unknown) => v });
    } else {
      if (!isZip(buf)) return { ok: false, message: '文件不是 Excel（.xlsx）格式，请用 Excel 或 WPS 另存为 .xlsx 后再上传' };
      const entries = zipEntries(buf);
      if (!entries || !entries.some((e) => e.name === 'xl/workbook.xml')) return { ok: false, message: '文件不是 Excel（.xlsx）表格或已损坏' };
      if (entries.reduce((s, e) => s + e.uncompressedSize, 0) > MAX_UNZIPPED) return { ok: false, message: '表格内容过大，请拆分后分批上传' };
      await wb.xlsx.read(Readable.from([buf]));
      ws = wb.worksheets[0];
    }
  } catch {
    return { ok: false, message: '无法读取该文件（可能已损坏或设置了打开密码），请重新保存后上传' };
  }
  if (!ws) return { ok: false, message: '文件中没有工作表' };

  const header = ws.getRow(1);
  const cols = new Map<string, number>();
  header.eachCell((cell, col) => {
    const t = text(cell.value).text;
    if (t) cols.set(t.replace(/\s+/g, ''), col);
  });
  const missing = RESTRICTED_COLUMNS.filter((c) => !cols.has(c));
  if (missing.length) return { ok: false, message: '表头缺少列：' + missing.join('、') + '（第 1 行应为：' + RESTRICTED_COLUMNS.join('、') + '）' };
  const [nameCol, idCol, restrictionCol] = RESTRICTED_COLUMNS.map((c) => cols.get(c) ?? 0);

  const rows: ListRow[] = [];
  for (let r = 2; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const name = text(row.getCell(nameCol ?? 0).value);
    const id = text(row.getCell(idCol ?? 0).value);
    const restriction = text(row.getCell(restrictionCol ?? 0).value);
    if (!name.text && !id.text && !restriction.text) continue;
    if (rows.length >= MAX_RESTRICTED_ROWS) return { ok: false, message: `一次最多载入 ${MAX_RESTRICTED_ROWS} 行，请拆分文件` };
    rows.push({ row: r, name: name.text, idNumber: id.wasNumber ? null : id.text, idWasNumber: id.wasNumber, restriction: restriction.text });
  }
  if (!rows.length) return { ok: false, message: '文件中没有数据行（第 2 行起每行一人）' };
  return { ok: true, rows };
}
