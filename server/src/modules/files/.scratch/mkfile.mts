import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { CATEGORIES, MEMBER_STATUSES } from '../../../../../common/src/children.js';
import { freePort } from '../../../db/embedded.js';
import { IMPORT_COLUMNS, IMPORT_SHEET, type ChildKey, type GuardianKey } from '../importColumns.js';
import { generateDemoData, type DemoChild } from '../../../seed/generator.js';

const ROWS = Number(process.env.BENCH_ROWS ?? 10_000);
const root = path.resolve(import.meta.dirname, '..');

// ---- the file ----
let t = Date.now();
const data = generateDemoData({ children: ROWS, seed: 7_700_001 });
const committeeName = new Map(data.committees.map((c) => [c.code, c.name]));
const streetName = new Map(data.streets.map((s) => [s.code, s.name]));

function childValue(c: DemoChild, key: ChildKey): unknown {
  switch (key) {
    case 'name': return c.name;
    case 'idNumber': return c.idNumber;
    case 'sex': return c.idNumber ? null : c.sex === 'M' ? '男' : '女';
    case 'birthDate': return c.idNumber ? null : c.birthDate;
    case 'noIdNote': return c.idNumber ? null : '未落户';
    case 'ethnicity': return c.ethnicity;
    case 'hukou': return c.hukou === 'local' ? '本市' : '外省市';
    case 'hukouAddress': return c.hukouAddress.slice(0, 120);
    case 'residenceAddress': return c.residenceAddress.slice(0, 120);
    case 'phone': return c.phone;
    case 'street': return streetName.get(c.streetCode);
    case 'committee': return committeeName.get(c.committeeCode);
    case 'riskLevel': return { high: '高', medium: '中', low: '低' }[c.riskLevel];
    case 'categories': return c.categories.map((k) => CATEGORIES[k]).join('、');
    case 'schoolStage': return c.schoolStage;
    default: return null;
  }
}
function guardianValue(c: DemoChild, index: number, key: GuardianKey): unknown {
  const g = c.household.filter((m) => m.role === 'guardian' || m.role === 'caregiver')[index];
  if (!g) return null;
  switch (key) {
    case 'name': return g.name;
    case 'relation': return g.relation;
    case 'idNumber': return g.idNumber;
    case 'phone': return g.phone;
    case 'status': return MEMBER_STATUSES[g.status];
  }
}

const wb = new ExcelJS.Workbook();
const ws = wb.addWorksheet(IMPORT_SHEET);
ws.addRow(IMPORT_COLUMNS.map((c) => c.header));
for (const c of data.children) {
  ws.addRow(IMPORT_COLUMNS.map((col) => (col.child ? childValue(c, col.child) : guardianValue(c, col.guardian!.index, col.guardian!.key)) ?? null));
}
const file = Buffer.from(await wb.xlsx.writeBuffer());
const buildSeconds = (Date.now() - t) / 1000;


fs.writeFileSync('/tmp/bench10k.xlsx', file);
console.log('written', file.length);
