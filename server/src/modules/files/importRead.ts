/**
 * Reading an import file: is it a real .xlsx, does its header match the template, and each row's
 * cells turned into the values of the child file (with a Chinese problem per bad cell). Nothing
 * here touches the database.
 */
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import {
  CATEGORIES,
  DISABILITY_TYPES,
  MEMBER_STATUSES,
  RELATIONS,
  SCHOOL_STAGES,
  type Category,
  type ChildFields,
  type MemberInput,
  type MemberStatus,
} from '#common/children.js';
import { MAX_IMPORT_ROWS, type ImportProblem } from '#common/files.js';
import { normaliseIdNumber, validateIdNumber } from '#common/idNumber.js';
import { extensionOf, isZip, reorderZip, zipEntries } from './binary.js';
import { EXAMPLE_PREFIX, HELP_SHEET, IMPORT_COLUMNS, IMPORT_SHEET, normaliseHeader, type ChildKey, type Column } from './importColumns.js';
import { yieldToLoop } from './sheet.js';

export type Cell = string | number | Date | null;
/** One data row: its spreadsheet row number and its cells in IMPORT_COLUMNS order. */
export interface RawRow {
  row: number;
  cells: Cell[];
}

/** Largest total the parts of an .xlsx may expand to (a 10 MB file of 20,000 rows expands to about 40 MB). */
const MAX_UNZIPPED = 200 * 1024 * 1024;

interface RawCells {
  number: number;
  values: Cell[];
}
const UNREADABLE = '无法读取该 Excel 文件（可能已损坏或设置了打开密码），请用 Excel 或 WPS 打开后重新保存为 .xlsx 再上传';

export type ReadResult = { ok: true; rows: RawRow[] } | { ok: false; message: string };

function plain(v: ExcelJS.CellValue | undefined): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') {
    const t = v.trim();
    return t === '' ? null : t;
  }
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v;
  if (typeof v === 'object') {
    const o = v as unknown as Record<string, unknown>;
    if (Array.isArray(o.richText)) return plain((o.richText as { text: string }[]).map((r) => r.text).join(''));
    if ('formula' in o || 'sharedFormula' in o) return plain((o.result ?? null) as ExcelJS.CellValue);
    if ('hyperlink' in o) return plain((o.text ?? null) as ExcelJS.CellValue);
    if ('error' in o) return String(o.error);
  }
  return null;
}

/** A damaged file must not keep a reader waiting for ever. */
const READ_TIMEOUT_MS = 60_000;

/** The file is a real .xlsx with the template's header: its data rows, or why it cannot be read. */
export async function readImportFile(buf: Buffer, filename: string): Promise<ReadResult> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<ReadResult>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, message: UNREADABLE }), READ_TIMEOUT_MS);
  });
  try {
    return await Promise.race([read(buf, filename), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function read(buf: Buffer, filename: string): Promise<ReadResult> {
  const ext = extensionOf(filename);
  if (buf.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))) {
    return { ok: false, message: '这是旧版 Excel（.xls）文件，请在 Excel 或 WPS 中“另存为” .xlsx 格式后再上传' };
  }
  if (!isZip(buf)) {
    return {
      ok: false,
      message: ext === '.csv' ? '不支持 CSV 文件，请下载导入模板（.xlsx），填写后上传' : '文件不是 Excel（.xlsx）格式，请下载导入模板，填写后上传',
    };
  }
  const entries = zipEntries(buf);
  if (!entries || !entries.some((e) => e.name === 'xl/workbook.xml')) {
    return { ok: false, message: '文件不是 Excel（.xlsx）表格或已损坏，请用 Excel 或 WPS 打开后重新保存为 .xlsx 再上传' };
  }
  if (entries.reduce((s, e) => s + e.uncompressedSize, 0) > MAX_UNZIPPED) {
    return { ok: false, message: '表格内容过大，请拆分为每份不超过 20,000 行后分批导入' };
  }
  // ExcelJS's streaming reader goes through the ZIP in order and needs the shared strings and
  // styles before the sheets (Excel writes them after): those parts are moved to the front, so the
  // rows are read as they stream, without temporary files and without holding up the server.
  const ordered = reorderZip(buf, ['xl/_rels/workbook.xml.rels', 'xl/workbook.xml', 'xl/sharedStrings.xml', 'xl/styles.xml']);
  if (!ordered) return { ok: false, message: UNREADABLE };
  const sheets: { name: string; rows: RawCells[] }[] = [];
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([ordered]), {
      sharedStrings: 'cache',
      styles: 'cache',
      hyperlinks: 'ignore',
      worksheets: 'emit',
      entries: 'ignore',
    });
    // A workbook without any shared strings (every text inline) is read the same way.
    (reader as unknown as { sharedStrings: unknown[] }).sharedStrings = [];
    let count = 0;
    for await (const ws of reader) {
      const sheet = { name: (ws as unknown as { name: string }).name, rows: [] as RawCells[] };
      sheets.push(sheet);
      for await (const row of ws as unknown as AsyncIterable<ExcelJS.Row>) {
        const values = row.values as ExcelJS.CellValue[];
        if (!Array.isArray(values) || values.every((v) => v === null || v === undefined)) continue;
        if (sheet.rows.length > MAX_IMPORT_ROWS + 1) continue; // counted below, not kept
        sheet.rows.push({ number: row.number, values: values.map(plain) });
        if (++count % 1000 === 0) await yieldToLoop();
      }
    }
  } catch {
    return { ok: false, message: UNREADABLE };
  }
  const ws = sheets.find((w) => w.name === IMPORT_SHEET) ?? sheets.find((w) => w.name !== HELP_SHEET);
  if (!ws) return { ok: false, message: `表格中没有“${IMPORT_SHEET}”工作表，请使用导入模板填写` };

  // The header: every template column, found by name (order does not matter), nothing unknown.
  const header = ws.rows[0]?.number === 1 ? ws.rows[0].values : [];
  const position = new Map<string, number>();
  const unknown: string[] = [];
  header.forEach((text, col) => {
    if (text === null || text === undefined) return;
    const h = normaliseHeader(String(text instanceof Date ? text.toISOString() : text));
    if (position.has(h)) unknown.push(`${String(text)}（重复）`);
    else position.set(h, col);
  });
  const colOf = IMPORT_COLUMNS.map((c) => position.get(normaliseHeader(c.header)));
  const known = new Set(IMPORT_COLUMNS.map((c) => normaliseHeader(c.header)));
  for (const h of position.keys()) if (!known.has(h)) unknown.push(h);
  const missing = IMPORT_COLUMNS.filter((_, i) => colOf[i] === undefined).map((c) => c.header);
  if (missing.length || unknown.length) {
    const parts = [];
    if (missing.length) parts.push(`缺少列：${missing.slice(0, 8).join('、')}${missing.length > 8 ? ` 等 ${missing.length} 列` : ''}`);
    if (unknown.length) parts.push(`无法识别的列：${unknown.slice(0, 8).join('、')}`);
    return { ok: false, message: `“${ws.name}”工作表的表头与导入模板不一致（${parts.join('；')}）。请下载最新模板，把数据粘贴到对应列后再上传` };
  }

  const rows: RawRow[] = [];
  let tooMany = false;
  for (const r of ws.rows) {
    if (r.number === 1) continue;
    const cells = colOf.map((col) => r.values[col!] ?? null);
    if (cells.every((c) => c === null)) continue;
    const name = cells[0];
    if (typeof name === 'string' && name.startsWith(EXAMPLE_PREFIX)) continue;
    if (rows.length >= MAX_IMPORT_ROWS) {
      tooMany = true;
      break;
    }
    rows.push({ row: r.number, cells });
  }
  if (tooMany) return { ok: false, message: `一次最多导入 ${MAX_IMPORT_ROWS.toLocaleString('en-US')} 行，请拆分文件后分批导入` };
  if (!rows.length) return { ok: false, message: `“${ws.name}”工作表中没有儿童数据，请从第 2 行起每行填写一名儿童（以“示例”开头的行不会导入）` };
  return { ok: true, rows };
}

// ---------------------------------------------------------------------------------------------
// Cells → values
// ---------------------------------------------------------------------------------------------

/** A child's row as read: values of the file's fields (only those filled in), and the row's problems. */
export interface ParsedRow {
  row: number;
  problems: ImportProblem[];
  name: string | null;
  idNumber: string | null;
  /** The identity-number cell was filled in (even if the number is not valid). */
  idGiven: boolean;
  sex: 'M' | 'F' | null;
  birthDate: string | null;
  noIdNote: string | null;
  streetName: string | null;
  committeeName: string | null;
  /** Fields of the file itself that the row fills in (blank cells are absent: "leave as is"). */
  fields: Partial<Omit<ChildFields, 'committeeId'>>;
  categories: Category[];
  categorySince: string | null;
  registeredOn: string | null;
  guardians: (MemberInput & { column: number })[];
}

const nfkc = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');
const CATEGORY_BY_LABEL = new Map<string, Category>(
  (Object.entries(CATEGORIES) as [Category, string][]).flatMap(([code, label]) => [
    [nfkc(label), code],
    [code, code],
  ]),
);
const STATUS_BY_LABEL = new Map<string, MemberStatus>(
  (Object.entries(MEMBER_STATUSES) as [MemberStatus, string][]).flatMap(([code, label]) => [
    [nfkc(label), code],
    [code, code],
    ...label.split('/').map((l) => [nfkc(l), code] as [string, MemberStatus]),
  ]),
);
const GRADES: Record<string, number> = { 1: 1, 2: 2, 3: 3, 4: 4, 一: 1, 二: 2, 三: 3, 四: 4 };

const pad = (n: number) => String(n).padStart(2, '0');
function realDate(y: number, m: number, d: number): string | null {
  if (m < 1 || m > 12 || d < 1 || y < 1900 || y > 2999) return null;
  if (d > new Date(Date.UTC(y, m, 0)).getUTCDate()) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

/** A date cell (a real Excel date, an Excel serial number, or text such as 2015-03-12, 2015/3/12, 2015年3月12日, 20150312). */
export function cellDate(c: Cell): string | null | undefined {
  if (c === null) return undefined;
  if (c instanceof Date) return c.toISOString().slice(0, 10);
  if (typeof c === 'number') {
    if (c > 20000 && c < 100000) return new Date(Date.UTC(1899, 11, 30) + Math.floor(c) * 86_400_000).toISOString().slice(0, 10);
    if (c >= 19000101 && c <= 29991231) return realDate(Math.floor(c / 10000), Math.floor(c / 100) % 100, c % 100);
    return null;
  }
  const s = c.normalize('NFKC').trim();
  let m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s);
  if (m) return realDate(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (m) return realDate(Number(m[1]), Number(m[2]), Number(m[3]));
  return null;
}

export function cellText(c: Cell): string | null {
  if (c === null) return null;
  if (c instanceof Date) return c.toISOString().slice(0, 10);
  if (typeof c === 'number') return String(c);
  return c;
}

/** Turns one row's cells into values, recording a problem for each cell it cannot read. */
export function parseRow(raw: RawRow, today: string): ParsedRow {
  const problems: ImportProblem[] = [];
  const problem = (col: Column, message: string) => problems.push({ row: raw.row, field: col.header, message });
  const byChild = new Map<ChildKey, number>();
  IMPORT_COLUMNS.forEach((c, i) => {
    if (c.child) byChild.set(c.child, i);
  });
  const col = (k: ChildKey) => IMPORT_COLUMNS[byChild.get(k)!]!;
  const cell = (k: ChildKey) => raw.cells[byChild.get(k)!] ?? null;
  const text = (k: ChildKey) => cellText(cell(k));
  const date = (k: ChildKey, futureOk = false): string | null => {
    const v = cellDate(cell(k));
    if (v === undefined) return null;
    if (v === null) {
      problem(col(k), `日期“${cellText(cell(k))}”无法识别，请写成 YYYY-MM-DD，如 2015-03-12`);
      return null;
    }
    if (!futureOk && v > today) {
      problem(col(k), `日期 ${v} 晚于今天，请核对`);
      return null;
    }
    return v;
  };
  const choose = <T extends string>(k: ChildKey, map: Record<string, T>, allowed: string): T | null => {
    const v = text(k);
    if (v === null) return null;
    const hit = map[nfkc(v)];
    if (hit === undefined) problem(col(k), `“${v}”不是有效取值，请填写：${allowed}`);
    return hit ?? null;
  };

  const fields: ParsedRow['fields'] = {};
  const name = text('name');
  if (!name) problem(col('name'), '请填写儿童姓名');
  else fields.name = name;

  // Identity number: a number cell has lost its last digits in Excel already.
  let idNumber: string | null = null;
  const idCell = cell('idNumber');
  if (typeof idCell === 'number') {
    problem(col('idNumber'), '身份证号被 Excel 存成了数字，末几位可能已丢失：请把该列设为“文本”格式后重新录入');
  } else if (idCell !== null) {
    const id = normaliseIdNumber(cellText(idCell)!);
    const v = validateIdNumber(id, today);
    if (!v.ok) problem(col('idNumber'), v.message);
    else idNumber = id;
  }

  const sex = choose('sex', { 男: 'M', 女: 'F', M: 'M', F: 'F', 男性: 'M', 女性: 'F' }, '男 / 女');
  const birthDate = date('birthDate');
  const noIdNote = text('noIdNote');
  if (!idNumber && idCell === null) {
    if (!cell('birthDate')) problem(col('birthDate'), '无身份证号时须填写出生日期');
    if (!cell('sex')) problem(col('sex'), '无身份证号时须填写性别');
    if (!noIdNote) problem(col('noIdNote'), '无身份证号时须说明原因（如“未落户”）');
  }

  const setText = (k: ChildKey & keyof ParsedRow['fields']) => {
    const v = text(k);
    if (v !== null) (fields as Record<string, unknown>)[k] = v;
  };
  for (const k of ['ethnicity', 'hukouAddress', 'residenceAddress', 'riskReason', 'schoolName', 'schoolGrade', 'seriousIllness'] as const) setText(k);
  const phone = text('phone');
  if (phone !== null) fields.phone = phone.replace(/\s+/g, '');

  const hukou = choose(
    'hukou',
    {
      本市: 'local',
      上海: 'local',
      本市户籍: 'local',
      上海市: 'local',
      外省市: 'other',
      外地: 'other',
      外省: 'other',
      外省市户籍: 'other',
      local: 'local',
      other: 'other',
    },
    '本市 / 外省市',
  );
  if (hukou) fields.hukou = hukou;

  const risk = choose(
    'riskLevel',
    { 高: 'high', 中: 'medium', 低: 'low', 高风险: 'high', 中风险: 'medium', 低风险: 'low', high: 'high', medium: 'medium', low: 'low' },
    '高 / 中 / 低',
  );
  if (risk) fields.riskLevel = risk;
  else if (cell('riskLevel') === null) problem(col('riskLevel'), '请填写风险等级（高 / 中 / 低）');

  const stage = text('schoolStage');
  if (stage !== null) {
    if ((SCHOOL_STAGES as readonly string[]).includes(nfkc(stage))) fields.schoolStage = nfkc(stage) as ChildFields['schoolStage'];
    else problem(col('schoolStage'), `“${stage}”不是有效取值，请填写：${SCHOOL_STAGES.join(' / ')}`);
  }
  const dtype = text('disabilityType');
  if (dtype !== null) {
    const t = nfkc(dtype).replace(/残疾$/, '');
    if ((DISABILITY_TYPES as readonly string[]).includes(t)) fields.disabilityType = t as ChildFields['disabilityType'];
    else problem(col('disabilityType'), `“${dtype}”不是有效取值，请填写：${DISABILITY_TYPES.join(' / ')}`);
  }
  const grade = text('disabilityGrade');
  if (grade !== null) {
    const g = GRADES[nfkc(grade).replace(/^(\S)级$/, '$1')];
    if (g) fields.disabilityGrade = g;
    else problem(col('disabilityGrade'), `“${grade}”不是有效的残疾等级，请填写 1 至 4`);
  }
  const size = cell('householdSize');
  if (size !== null) {
    const n = Number(cellText(size));
    if (Number.isInteger(n) && n >= 1 && n <= 30) fields.householdSize = n;
    else problem(col('householdSize'), '家庭人口应为 1 至 30 的整数');
  }
  const income = cell('monthlyIncomeYuan');
  if (income !== null) {
    const n = Number(String(cellText(income)).replace(/[,，¥￥元\s]/g, ''));
    if (Number.isFinite(n) && n >= 0 && n < 10_000_000) fields.monthlyIncomeFen = Math.round(n * 100);
    else problem(col('monthlyIncomeYuan'), '家庭月收入应为不小于 0 的金额（元），如 2600 或 2600.50');
  }

  const categories: Category[] = [];
  const cats = text('categories');
  if (cats !== null) {
    for (const part of cats
      .split(/[、,，;；\n/]+/)
      .map((s) => s.trim())
      .filter(Boolean)) {
      const code = CATEGORY_BY_LABEL.get(nfkc(part));
      if (!code) problem(col('categories'), `儿童类别“${part}”无法识别，请按说明页的名称填写，多个类别用顿号“、”分隔`);
      else if (!categories.includes(code)) categories.push(code);
    }
  }
  const categorySince = date('categorySince');
  const registeredOn = date('registeredOn');

  // Guardians: every column of one guardian read together.
  const guardians: ParsedRow['guardians'] = [];
  const groups = new Map<number, { col: Column; i: number }[]>();
  IMPORT_COLUMNS.forEach((c, i) => {
    if (c.guardian) groups.set(c.guardian.index, [...(groups.get(c.guardian.index) ?? []), { col: c, i }]);
  });
  for (const [index, cols] of groups) {
    const get = (k: string) => cols.find((x) => x.col.guardian!.key === k)!;
    const val = (k: string) => raw.cells[get(k).i] ?? null;
    if (cols.every((x) => raw.cells[x.i] === null || raw.cells[x.i] === undefined)) continue;
    const gName = cellText(val('name'));
    const relation = cellText(val('relation'));
    let ok = true;
    if (!gName) {
      problem(get('name').col, '已填写该监护人的其他信息，请填写其姓名');
      ok = false;
    }
    let rel: MemberInput['relation'] | null = null;
    if (!relation) {
      problem(get('relation').col, `请填写与儿童的关系：${RELATIONS.join(' / ')}`);
      ok = false;
    } else if ((RELATIONS as readonly string[]).includes(nfkc(relation))) rel = nfkc(relation) as MemberInput['relation'];
    else {
      problem(get('relation').col, `关系“${relation}”不是有效取值，请填写：${RELATIONS.join(' / ')}`);
      ok = false;
    }
    let gid: string | null = null;
    const idc = val('idNumber');
    if (typeof idc === 'number') {
      problem(get('idNumber').col, '身份证号被 Excel 存成了数字，末几位可能已丢失：请把该列设为“文本”格式后重新录入');
      ok = false;
    } else if (idc !== null) {
      const id = normaliseIdNumber(cellText(idc)!);
      const v = validateIdNumber(id, today);
      if (!v.ok) {
        problem(get('idNumber').col, v.message);
        ok = false;
      } else gid = id;
    }
    const st = cellText(val('status'));
    let status: MemberStatus = 'alive_fit';
    if (st) {
      const code = STATUS_BY_LABEL.get(nfkc(st));
      if (code) status = code;
      else {
        problem(get('status').col, `状态“${st}”无法识别，请按说明页的名称填写`);
        ok = false;
      }
    }
    const gPhone = cellText(val('phone'));
    if (ok && gName && rel) {
      guardians.push({ name: gName, relation: rel, role: 'guardian', idNumber: gid, phone: gPhone ? gPhone.replace(/\s+/g, '') : null, status, column: index });
    }
  }

  return {
    row: raw.row,
    problems,
    name,
    idNumber,
    idGiven: idCell !== null,
    sex,
    birthDate,
    noIdNote,
    streetName: text('street'),
    committeeName: text('committee'),
    fields,
    categories,
    categorySince,
    registeredOn,
    guardians,
  };
}
