import fs from 'node:fs';
import { Readable } from 'node:stream';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import ExcelJS from 'exceljs';
import { readImportFile } from '../importRead.js';
const buf = fs.readFileSync(process.argv[2]!);
const h = monitorEventLoopDelay({ resolution: 10 }); h.enable();
let t = Date.now();
const r = await readImportFile(buf, 'x.xlsx');
console.log('readImportFile', Date.now() - t, r.ok && r.rows.length, 'max loop delay', (h.max / 1e6).toFixed(0)); h.reset();
t = Date.now();
const wb = new ExcelJS.Workbook();
await wb.xlsx.load(buf as any, { ignoreNodes: ['dataValidations'] } as any);
console.log('load only', Date.now() - t, 'max loop delay', (h.max / 1e6).toFixed(0)); h.reset();
t = Date.now();
const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(buf), { sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', worksheets: 'emit', entries: 'emit' } as any);
let n = 0;
for await (const ws of reader) { for await (const row of ws as any) { n++; } }
console.log('stream', Date.now() - t, n, 'max loop delay', (h.max / 1e6).toFixed(0));
