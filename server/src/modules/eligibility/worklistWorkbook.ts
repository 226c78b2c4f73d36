/**
 * The 免申即享 work list as an Excel file (the export's presenter): a first sheet saying who
 * exported what with which filters, then the rows, identity numbers masked, text cells escaped
 * against formula injection, who / unit / when on every page. The export command is in
 * commands/worklist.ts; the lists themselves in queries.ts and repo/worklist.ts.
 */
import ExcelJS from 'exceljs';
import { ENTITLEMENT_STATUS_ZH, type WorklistFilters, type WorklistItem } from '#common/eligibility.js';
import type { Actor } from '../../core/context.js';
import { collector, headerText, safeRow, safeText, shanghaiDateTime, yieldToLoop } from '../files/sheet.js';

export const KIND_ZH: Record<WorklistFilters['kind'], string> = {
  'eligible-not-receiving': '可享未享',
  undetermined: '待补充信息',
  'no-longer-eligible': '可能不再符合',
};
/** The most rows one export may hold (as the children export). */
export const MAX_WORKLIST_EXPORT = 20_000;

const COLUMNS = [
  { header: '姓名', width: 10 },
  { header: '身份证号（脱敏）', width: 22 },
  { header: '年龄', width: 6 },
  { header: '街道', width: 14 },
  { header: '居民区', width: 18 },
  { header: '政策', width: 30 },
  { header: '主管单位', width: 10 },
  { header: '金额（元）', width: 10 },
  { header: '办理状态', width: 10 },
  { header: '需补充的信息', width: 36 },
  { header: '经办人', width: 10 },
  { header: '匹配日期', width: 12 },
] as const;

export async function workbook(
  rows: { item: WorklistItem; id: string | null }[],
  meta: { actor: Actor; at: number; kind: WorklistFilters['kind']; filters: string },
): Promise<Buffer> {
  const out = collector();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out.stream, useStyles: true, useSharedStrings: false });
  wb.creator = '暖杨 杨浦区困境儿童关爱服务平台';
  wb.created = new Date(meta.at);
  const when = shanghaiDateTime(meta.at);
  const who = `${meta.actor.displayName}（${meta.actor.username}）`;
  const footer = {
    oddHeader: '&C&"-,Bold"内部资料 注意保密',
    oddFooter: `&L${headerText(safeText(`导出人：${who} ${meta.actor.unitName} ${when}`))}&R第 &P 页，共 &N 页`,
  };
  const info = wb.addWorksheet('导出说明', { headerFooter: footer });
  info.columns = [{ width: 14 }, { width: 80 }];
  const title = info.addRow([`免申即享工作清单：${KIND_ZH[meta.kind]}`]);
  title.font = { bold: true, size: 14 };
  title.commit();
  for (const l of [
    ['导出人', who],
    ['单位', meta.actor.unitName],
    ['导出时间', `${when}（北京时间）`],
    ['筛选条件', meta.filters],
    ['记录数', String(rows.length)],
    ['身份证号', '已脱敏（仅显示前6位和后4位）'],
    ['提示', '本文件含未成年人个人信息，仅限本职工作使用，不得外传、不得上传至互联网；用毕请及时删除。'],
  ])
    info.addRow(safeRow(l)).commit();
  info.commit();
  const ws = wb.addWorksheet(KIND_ZH[meta.kind], {
    headerFooter: footer,
    views: [{ state: 'frozen', ySplit: 1 }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  ws.columns = COLUMNS.map((c, i) => ({ key: `c${i}`, width: c.width }));
  const head = ws.addRow(COLUMNS.map((c) => c.header));
  head.font = { bold: true };
  head.commit();
  for (const [i, { item: r, id }] of rows.entries()) {
    ws.addRow(
      safeRow([
        r.childName,
        id ?? '',
        r.age,
        r.streetName,
        r.committeeName,
        r.policyName,
        r.unitLabel,
        r.amountFen === null ? null : r.amountFen / 100,
        r.entitlementStatus ? ENTITLEMENT_STATUS_ZH[r.entitlementStatus] : '',
        r.missing.join('、'),
        r.assignee ?? '',
        r.asOf,
      ]),
    ).commit();
    if (i % 2000 === 1999) await yieldToLoop();
  }
  ws.commit();
  await wb.commit();
  return out.done;
}
