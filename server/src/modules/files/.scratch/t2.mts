import ExcelJS from 'exceljs';
import { buildTemplate } from '../importTemplate.ts';
let t = Date.now();
const buf = await buildTemplate([{ street: '定海路街道', name: '定海一居民区' }, { street: '定海路街道', name: '定海二居民区' }]);
console.log('build', Date.now() - t, buf.length); t = Date.now();
const wb = new ExcelJS.Workbook(); await wb.xlsx.load(buf as any); console.log('load', Date.now() - t); t = Date.now();
const wb2 = new ExcelJS.Workbook(); await wb2.xlsx.load(buf as any, { ignoreNodes: ['dataValidations'] } as any); console.log('load ignore', Date.now() - t);
