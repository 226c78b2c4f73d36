/**
 * The .xlsx of an export of the children list (security requirement 24): a first sheet saying what
 * it is, who made it, for which unit and when, then the list; every text cell escaped against
 * formula injection. Pure: the rows and the caller come in, the file's bytes go out.
 */
import ExcelJS from 'exceljs';
import { CATEGORIES, RISK_LEVELS, type ChildRow } from '#common/children.js';
import type { Actor } from '../../core/context.js';
import { collector, excelDate, headerText, safeRow, safeText, shanghaiDateTime, yieldToLoop } from './sheet.js';

export const EXPORT_COLUMNS = [
  { header: '姓名', width: 12 },
  { header: '性别', width: 6 },
  { header: '出生日期', width: 12, numFmt: 'yyyy-mm-dd' },
  { header: '年龄', width: 6 },
  { header: '身份证号', width: 22 },
  { header: '街道', width: 14 },
  { header: '居民区', width: 18 },
  { header: '风险等级', width: 9 },
  { header: '类别', width: 36 },
  { header: '下次走访', width: 12, numFmt: 'yyyy-mm-dd' },
  { header: '逾期天数', width: 9 },
] as const;

export interface ExportMeta {
  actor: Actor;
  at: number;
  filters: string;
  masked: boolean;
  reason: string | null;
}

/** The .xlsx: a first sheet saying what this is and who made it, then the list. */
export async function buildChildrenWorkbook(rows: ChildRow[], fullIds: Map<string, string> | null, meta: ExportMeta): Promise<Buffer> {
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

  const info = wb.addWorksheet('导出说明', { headerFooter: footer, properties: { tabColor: { argb: 'FFC00000' } } });
  info.columns = [{ width: 14 }, { width: 80 }];
  const title = info.addRow(['杨浦区困境儿童名单']);
  title.font = { bold: true, size: 14 };
  title.commit();
  const secret = info.addRow(['内部资料 注意保密']);
  secret.font = { bold: true, color: { argb: 'FFC00000' } };
  secret.commit();
  const lines: [string, string][] = [
    ['导出人', who],
    ['单位', meta.actor.unitName],
    ['导出时间', `${when}（北京时间）`],
    ['筛选条件', meta.filters],
    ['记录数', String(rows.length)],
    ['身份证号', meta.masked ? '已脱敏（仅显示前6位和后4位）' : `完整显示（原因：${meta.reason ?? ''}）`],
    ['提示', '本文件含未成年人个人信息，仅限本职工作使用，不得外传、不得上传至互联网；用毕请及时删除。'],
  ];
  for (const l of lines) info.addRow(safeRow(l)).commit();
  info.commit();

  const ws = wb.addWorksheet('儿童名单', {
    headerFooter: footer,
    views: [{ state: 'frozen', ySplit: 1 }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' },
  });
  ws.columns = EXPORT_COLUMNS.map((c, i) => ({ key: `c${i}`, width: c.width, style: 'numFmt' in c ? { numFmt: c.numFmt } : {} }));
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: EXPORT_COLUMNS.length } };
  const head = ws.addRow(EXPORT_COLUMNS.map((c) => c.header));
  head.font = { bold: true };
  head.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
  head.commit();
  for (const [i, r] of rows.entries()) {
    ws.addRow(
      safeRow([
        r.name,
        r.sex === 'M' ? '男' : '女',
        excelDate(r.birthDate),
        r.age,
        (fullIds ? fullIds.get(r.id) : r.idNumberMasked) ?? '',
        r.streetName,
        r.committeeName,
        RISK_LEVELS[r.riskLevel],
        r.categories.map((c) => CATEGORIES[c as keyof typeof CATEGORIES] ?? c).join('、'),
        excelDate(r.nextVisitDue),
        r.overdueDays ?? null,
      ]),
    ).commit();
    if (i % 2000 === 1999) await yieldToLoop();
  }
  ws.commit();
  await wb.commit();
  return out.done;
}
