/**
 * Reading a feed's file (.xlsx or UTF-8 .csv) in the source's own layout: the header row found
 * by the mapping's headers (a mapped header missing refuses the whole file, naming the columns),
 * the data rows as cells keyed by normalised header. The same for an API push (objects keyed by
 * the source's headers). Nothing here touches the database.
 */
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { MAX_FEED_ROWS, type FeedMapping } from '#common/feeds.js';
import { isZip, reorderZip, zipEntries } from '../files/binary.js';
import type { Cell } from '../files/importRead.js';
import { yieldToLoop } from '../files/sheet.js';
import { normaliseHeader, type SourceRow } from './policies.js';

export type ReadFeed = { ok: true; rows: SourceRow[] } | { ok: false; message: string };

const MAX_UNZIPPED = 400 * 1024 * 1024;
const UNREADABLE = '无法读取该文件（可能已损坏或设置了打开密码），请用 Excel 或 WPS 打开后重新保存再上传';

function plain(v: ExcelJS.CellValue | undefined): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v.trim() === '' ? null : v.trim();
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v;
  if (typeof v === 'object') {
    if ('richText' in v) return plain(v.richText.map((r) => r.text).join(''));
    if ('result' in v) return plain(v.result ?? null); // a formula's cached result
    if ('text' in v && typeof v.text === 'string') return plain(v.text);
  }
  return null;
}

/** The rows of the first sheet (or the CSV), header first, as plain cells. */
async function sheetRows(buf: Buffer, filename: string): Promise<{ ok: true; rows: { number: number; values: Cell[] }[] } | { ok: false; message: string }> {
  const rows: { number: number; values: Cell[] }[] = [];
  if (/\.csv$/i.test(filename)) {
    if (isZip(buf)) return { ok: false, message: '文件扩展名为 .csv，但内容是 Excel 表格，请把扩展名改为 .xlsx 后再上传' };
    const utf8 = buf.toString('utf8');
    if (utf8.includes('\uFFFD')) return { ok: false, message: 'CSV 文件不是 UTF-8 编码，请在 Excel 中“另存为” CSV UTF-8 格式，或直接上传 .xlsx' };
    try {
      const wb = new ExcelJS.Workbook();
      // every cell as text: an 18-digit number must not become a float
      const ws = await wb.csv.read(Readable.from([Buffer.from(utf8.replace(/^\uFEFF/, ''), 'utf8')]), { map: (v: unknown) => v });
      ws.eachRow({ includeEmpty: false }, (row, number) => {
        const values = row.values;
        rows.push({ number, values: Array.isArray(values) ? values.map((v) => plain(v)) : [] });
      });
    } catch {
      return { ok: false, message: UNREADABLE };
    }
    return { ok: true, rows };
  }
  if (buf.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))) {
    return { ok: false, message: '这是旧版 Excel（.xls）文件，请在 Excel 或 WPS 中“另存为” .xlsx 格式后再上传' };
  }
  if (!isZip(buf)) return { ok: false, message: '文件不是 Excel（.xlsx）格式，请用 Excel 或 WPS 另存为 .xlsx 后再上传' };
  const entries = zipEntries(buf);
  if (!entries || !entries.some((e) => e.name === 'xl/workbook.xml')) return { ok: false, message: '文件不是 Excel（.xlsx）表格或已损坏' };
  if (entries.reduce((s, e) => s + e.uncompressedSize, 0) > MAX_UNZIPPED) return { ok: false, message: '表格内容过大，请拆分后分批上传' };
  // As the child import reads (files/importRead.ts): shared strings and styles moved to the front,
  // so the rows stream without temporary files.
  const ordered = reorderZip(buf, ['xl/_rels/workbook.xml.rels', 'xl/workbook.xml', 'xl/sharedStrings.xml', 'xl/styles.xml']);
  if (!ordered) return { ok: false, message: UNREADABLE };
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([ordered]), {
      sharedStrings: 'cache',
      styles: 'cache',
      hyperlinks: 'ignore',
      worksheets: 'emit',
      entries: 'ignore',
    });
    Reflect.set(reader, 'sharedStrings', []); // a workbook without shared strings (every text inline) is read the same way
    let count = 0;
    for await (const ws of reader) {
      for await (const row of ws) {
        const values = row.values;
        if (!Array.isArray(values)) continue;
        rows.push({ number: row.number, values: values.map((v) => plain(v)) });
        if (++count % 2000 === 0) await yieldToLoop();
        if (rows.length > MAX_FEED_ROWS + 1) break;
      }
      break; // the first sheet only
    }
  } catch {
    return { ok: false, message: UNREADABLE };
  }
  return { ok: true, rows };
}

const missingMessage = (missing: string[]) =>
  `文件格式与该数据源不符：缺少列 ${missing.map((m) => `“${m}”`).join('、')}（请按数据源的字段映射提供表头，或先修改映射）`;

/** The file's data rows keyed by the mapping's headers; the whole file refused if a mapped header is missing. */
export async function readFeedFile(buf: Buffer, filename: string, mapping: FeedMapping): Promise<ReadFeed> {
  const read = await sheetRows(buf, filename);
  if (!read.ok) return read;
  const [header, ...data] = read.rows;
  if (!header) return { ok: false, message: '文件中没有内容' };
  const position = new Map<string, number>();
  header.values.forEach((v, col) => {
    if (v !== null && typeof v === 'string') position.set(normaliseHeader(v), col);
  });
  const missing = mapping.columns.filter((c) => !position.has(normaliseHeader(c.header))).map((c) => c.header);
  if (missing.length) return { ok: false, message: missingMessage(missing) };
  if (data.length > MAX_FEED_ROWS) return { ok: false, message: `一次最多上传 ${MAX_FEED_ROWS.toLocaleString('en-US')} 行，请拆分文件` };
  const keys = mapping.columns.map((c) => [normaliseHeader(c.header), position.get(normaliseHeader(c.header)) ?? -1] as const);
  const rows: SourceRow[] = [];
  for (const r of data) {
    const cells = new Map<string, Cell>();
    let any = false;
    for (const [key, col] of keys) {
      const v = r.values[col] ?? null;
      if (v !== null) any = true;
      cells.set(key, v);
    }
    if (any) rows.push({ rowNo: r.number, cells });
  }
  if (!rows.length) return { ok: false, message: '文件中没有数据行（第 2 行起每行一条记录）' };
  return { ok: true, rows };
}

/** A push's records (objects keyed by the source's headers) as source rows; row numbers from 1. */
export function readPushRecords(records: readonly Record<string, unknown>[], mapping: FeedMapping): ReadFeed {
  const first = records[0] ?? {};
  const have = new Set(Object.keys(first).map(normaliseHeader));
  const missing = mapping.columns.filter((c) => !have.has(normaliseHeader(c.header))).map((c) => c.header);
  if (missing.length) return { ok: false, message: missingMessage(missing) };
  const rows = records.map((rec, i): SourceRow => {
    const cells = new Map<string, Cell>();
    for (const [k, v] of Object.entries(rec)) {
      const key = normaliseHeader(k);
      cells.set(key, typeof v === 'string' || typeof v === 'number' ? v : null);
    }
    return { rowNo: i + 1, cells };
  });
  return { ok: true, rows };
}
