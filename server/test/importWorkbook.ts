/**
 * An import workbook (the template's sheet and columns) of synthetic, valid children with their
 * guardians, as a district user would fill it in (server/src/seed/generator.ts makes the children).
 * Used by the crash test and by bench/import.ts (its 10,000 rows).
 */
import ExcelJS from 'exceljs';
import { CATEGORIES, MEMBER_STATUSES } from '../../common/src/children.js';
import { IMPORT_COLUMNS, IMPORT_SHEET, type ChildKey, type GuardianKey } from '../src/modules/files/importColumns.js';
import { generateDemoData, type DemoChild, type DemoDataset } from '../src/seed/generator.js';

/** `rows` children, all under 17 today (the generator makes some who are about to turn 18, which the check refuses). */
export async function importWorkbook(rows: number, seed: number): Promise<Buffer> {
  const data = generateDemoData({ children: Math.ceil(rows * 1.3), seed });
  const now = new Date();
  const limit = `${now.getUTCFullYear() - 17}-${String(now.getUTCMonth() + 1).padStart(2, '0')}-${String(now.getUTCDate()).padStart(2, '0')}`;
  const children = data.children.filter((c) => c.birthDate > limit).slice(0, rows);
  if (children.length < rows) throw new Error('not enough young children generated');
  return workbookOf(data, children);
}

/** The import template's sheet filled with `children` of the generated `data`, one row each. */
export async function workbookOf(data: DemoDataset, children: DemoChild[]): Promise<Buffer> {
  const committeeName = new Map(data.committees.map((c) => [c.code, c.name]));
  const streetName = new Map(data.streets.map((s) => [s.code, s.name]));
  const childValue = (c: DemoChild, key: ChildKey): unknown => {
    switch (key) {
      case 'name':
        return c.name;
      case 'idNumber':
        return c.idNumber;
      case 'sex':
        return c.idNumber ? null : c.sex === 'M' ? '男' : '女';
      case 'birthDate':
        return c.idNumber ? null : c.birthDate;
      case 'noIdNote':
        return c.idNumber ? null : '未落户';
      case 'ethnicity':
        return c.ethnicity;
      case 'hukou':
        return c.hukou === 'local' ? '本市' : '外省市';
      case 'hukouAddress':
        return c.hukouAddress.slice(0, 120);
      case 'residenceAddress':
        return c.residenceAddress.slice(0, 120);
      case 'phone':
        return c.phone;
      case 'street':
        return streetName.get(c.streetCode);
      case 'committee':
        return committeeName.get(c.committeeCode);
      case 'riskLevel':
        return { high: '高', medium: '中', low: '低' }[c.riskLevel];
      case 'categories':
        return c.categories.map((k) => CATEGORIES[k]).join('、');
      case 'schoolStage':
        return c.schoolStage;
      default:
        return null;
    }
  };
  const guardianValue = (c: DemoChild, index: number, key: GuardianKey): unknown => {
    const g = c.household.filter((m) => m.role === 'guardian' || m.role === 'caregiver')[index];
    if (!g) return null;
    switch (key) {
      case 'name':
        return g.name;
      case 'relation':
        return g.relation;
      case 'idNumber':
        return g.idNumber;
      case 'phone':
        return g.phone;
      case 'status':
        return MEMBER_STATUSES[g.status];
    }
  };
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(IMPORT_SHEET);
  ws.addRow(IMPORT_COLUMNS.map((c) => c.header));
  for (const c of children) {
    ws.addRow(
      IMPORT_COLUMNS.map(
        (col) => (col.child ? childValue(c, col.child) : col.guardian ? guardianValue(c, col.guardian.index, col.guardian.key) : null) ?? null,
      ),
    );
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
