/**
 * The quarterly report workbook: a cover sheet, the tasks by status and action, every unit report
 * of the period, the units' timeliness, and the indicators with their streets. Built from the very
 * dashboard object the API returns for the same plan, period and area, so the figures agree.
 */
import ExcelJS from 'exceljs';
import {
  PROGRESS_LABELS,
  REPORT_STATE_LABELS,
  TASK_STATUS_LABELS,
  TASK_STATUSES,
  type Dashboard,
  type IndicatorValue,
  type Progress,
  type ReportState,
} from '#common/supervision.js';
import { headerText, safeRow, safeText, shanghaiDateTime } from '../files/sheet.js';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface ReportLine {
  task_no: number;
  task_summary: string;
  unit_name: string;
  state: string;
  progress: string;
  done: string;
  figures: string;
  problems: string;
  next_steps: string;
  submitted_at: Date | null;
  due_on: string;
}

export const RAG_WORDS = { green: '达标', amber: '接近目标', red: '未达标', none: '—' } as const;

/** The 评价 cell: a figure on too few cases says so, with its size, instead of a colour. */
export function ragWord(v: Pick<IndicatorValue, 'rag' | 'smallSample' | 'sample'>): string {
  return v.smallSample ? `样本不足（${v.sample} 例），不评定` : RAG_WORDS[v.rag];
}
export const UNIT_WORDS: Record<IndicatorValue['unit'], string> = { percent: '%', count: '', days: '天' };

/** Sheet names, also read by the test that compares the workbook with the dashboard. */
export const SHEETS = { cover: '报告说明', tasks: '任务进展', reports: '单位报告', units: '报送情况', indicators: '指标' } as const;

export async function buildReportWorkbook(d: Dashboard, reports: ReportLine[], at: number): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '暖杨 杨浦区困境儿童关爱服务平台';
  wb.created = new Date(at);
  const area = d.street ? d.street.name : '杨浦区（全区）';
  const title = `${d.plan.name} ${d.period.label}进展报告`;
  const footer = { oddFooter: `&L${headerText(safeText(`${area} ${d.period.label}`))}&R第 &P 页，共 &N 页` };
  const page = { paperSize: 9 as const, orientation: 'landscape' as const, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' };
  const bold = (row: ExcelJS.Row) => {
    row.font = { bold: true };
    row.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
  };

  const cover = wb.addWorksheet(SHEETS.cover, { headerFooter: footer });
  cover.columns = [{ width: 16 }, { width: 90 }];
  cover.addRow([title]).font = { bold: true, size: 14 };
  for (const line of [
    ['范围', area],
    ['报告期', `${d.period.label}（${d.period.from} 至 ${d.period.to}）`],
    ['数据截至', d.asOf],
    ['报送截止', d.period.dueOn],
    ['生成时间', `${shanghaiDateTime(at)}（北京时间）`],
    ['指标计算时间', d.indicatorsComputedAt ? `${shanghaiDateTime(Date.parse(d.indicatorsComputedAt))}（北京时间）` : '—'],
    ['任务总数', String(d.tasks.items.length)],
    ...TASK_STATUSES.map((s) => [TASK_STATUS_LABELS[s], String(d.tasks.total[s])]),
    ['说明', '指标由平台根据业务记录自动计算（非人工填报），与同期督办看板一致；任务状态依据各责任单位已提交的进展报告。'],
  ])
    cover.addRow(safeRow(line));

  const tasks = wb.addWorksheet(SHEETS.tasks, { headerFooter: footer, pageSetup: page, views: [{ state: 'frozen', ySplit: 1 }] });
  tasks.columns = [{ width: 8 }, { width: 26 }, { width: 40 }, { width: 16 }, { width: 10 }];
  bold(tasks.addRow(['序号', '所属行动', '任务', '牵头单位', '状态']));
  const actionName = new Map(d.tasks.byAction.map((a) => [a.action, a.name]));
  for (const t of d.tasks.items) tasks.addRow(safeRow([t.no, actionName.get(t.action) ?? '', t.summary, t.leadUnitName, TASK_STATUS_LABELS[t.status]]));
  tasks.addRow([]);
  bold(tasks.addRow(['行动', '', ...TASK_STATUSES.map((s) => TASK_STATUS_LABELS[s])]));
  for (const a of d.tasks.byAction) tasks.addRow(safeRow([a.action, a.name, ...TASK_STATUSES.map((s) => a.counts[s])]));
  tasks.addRow(safeRow(['合计', '', ...TASK_STATUSES.map((s) => d.tasks.total[s])]));

  const rep = wb.addWorksheet(SHEETS.reports, { headerFooter: footer, pageSetup: page, views: [{ state: 'frozen', ySplit: 1 }] });
  rep.columns = [
    { width: 6 },
    { width: 24 },
    { width: 18 },
    { width: 10 },
    { width: 50 },
    { width: 30 },
    { width: 30 },
    { width: 30 },
    { width: 10 },
    { width: 18 },
  ];
  bold(rep.addRow(['序号', '任务', '单位', '进展', '工作进展', '数据', '存在问题', '下一步计划', '审核', '提交时间']));
  for (const r of reports) {
    const row = rep.addRow(
      safeRow([
        r.task_no,
        r.task_summary,
        r.unit_name,
        PROGRESS_LABELS[r.progress as Progress] ?? r.progress,
        r.done,
        r.figures,
        r.problems,
        r.next_steps,
        REPORT_STATE_LABELS[r.state as ReportState] ?? r.state,
        r.submitted_at ? shanghaiDateTime(r.submitted_at.getTime()) : '',
      ]),
    );
    row.alignment = { wrapText: true, vertical: 'top' };
  }
  if (!reports.length) rep.addRow(['', '本期尚无已提交的进展报告']);

  const units = wb.addWorksheet(SHEETS.units, { headerFooter: footer, pageSetup: page, views: [{ state: 'frozen', ySplit: 1 }] });
  units.columns = [{ width: 24 }, { width: 12 }, { width: 12 }, { width: 12 }, { width: 12 }, { width: 12 }];
  bold(units.addRow(['单位', '应报送', '按时', '逾期提交', '逾期未报', '已通过']));
  for (const u of d.units) units.addRow(safeRow([u.unitName, u.due, u.onTime, u.late, u.missing, u.accepted]));

  const ind = wb.addWorksheet(SHEETS.indicators, { headerFooter: footer, pageSetup: page, views: [{ state: 'frozen', ySplit: 1 }] });
  const streetNames = d.indicators[0]?.byStreet.map((s) => s.streetName) ?? [];
  ind.columns = [{ width: 22 }, { width: 12 }, { width: 8 }, { width: 10 }, { width: 10 }, { width: 60 }, ...streetNames.map(() => ({ width: 12 }))];
  bold(ind.addRow(['指标', '数值', '单位', '目标', '评价', '定义', ...streetNames]));
  for (const v of d.indicators) {
    ind.addRow(safeRow([v.name, v.error ? v.error : v.value, UNIT_WORDS[v.unit], v.target, ragWord(v), v.definition, ...v.byStreet.map((s) => s.value)]));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
