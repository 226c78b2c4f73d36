/**
 * 打印报告: the period's progress report for A4, printed by the browser (paper or PDF). The figures
 * come from the same API answer as 督办总览 for the same period and area, so they are identical.
 * On screen: a sheet of paper with a toolbar; in print the frame, menu and buttons disappear.
 *
 * A leader reads the first page only: it is a one-page summary (the key indicators with their
 * charts, target and colour, the sample size where a figure rests on few cases, and the tasks behind
 * schedule). The details follow from the second page; the units' full report texts only on request
 * (they are in 进展报告 and the Excel report), a one-line table otherwise.
 */
import { useEffect, useMemo, useState } from 'react';
import { Button, Checkbox, Flex, Progress as Bar, Spin } from 'antd';
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useNavigate } from 'react-router';
import { toQueryString } from '../../api/client';
import { useMe } from '../../auth/useAuth';
import { ErrorResult } from '../../components/ErrorResult';
import { formatDate } from '../../components/format';
import { useQuery } from '@tanstack/react-query';
import { useT } from '../../i18n/useT';
import { planApi, type PlanReportRow } from './api';
import { IndicatorSection, ReportSection, SummarySection, TaskSection, UnitSection } from './PrintSections';
import { useArea, useLocal, useUrlDashboard } from './shared';

const PAGE = 200;

/**
 * The reports of the period that count (handed in: submitted or accepted — as in the Excel
 * report), with their text, a page of 200 at a time.
 */
async function loadReports(q: { plan?: string; period: string; unit?: string }, onProgress: (done: number, total: number) => void): Promise<PlanReportRow[]> {
  const rows: PlanReportRow[] = [];
  for (let page = 1; ; page++) {
    const r = await planApi.reports({ ...q, handedIn: 'true', full: 'true', page, pageSize: PAGE });
    rows.push(...r.items);
    onProgress(rows.length, r.total);
    if (rows.length >= r.total || r.items.length === 0) break;
  }
  return rows.sort((a, b) => a.taskNo - b.taskNo || a.unitName.localeCompare(b.unitName, 'zh-CN'));
}

const cssString = (s: string) =>
  `"${s
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/[\r\n]+/g, ' ')}"`;

export default function PrintReportPage() {
  const t = useT();
  const me = useMe();
  const local = useLocal();
  const navigate = useNavigate();
  const { all, plan, street, dash } = useUrlDashboard();
  const generatedAt = useMemo(() => dayjs().format('YYYY-MM-DD HH:mm'), []);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [fullTexts, setFullTexts] = useState(false);
  // The same reports as the Excel report: the street office's for a street, the own unit's for a unit that sees only its tasks.
  const period = dash.data?.period.key ?? '';
  const unit = dash.data?.street ? `street-${dash.data.street.code}` : all ? undefined : me.unit.code;
  const reports = useQuery({
    queryKey: ['supervision', 'print-reports', { plan, period, unit }],
    queryFn: () => loadReports({ plan, period, unit }, (done, total) => setProgress({ done, total })),
    enabled: Boolean(dash.data),
  });

  const areaOf = useArea(dash.data ?? { street: null });
  const title = dash.data ? t('supervision.print.title', { period: local.period(dash.data.period) }) : '';
  useEffect(() => {
    const before = document.title;
    if (title) document.title = title;
    return () => {
      document.title = before;
    };
  }, [title]);

  if (dash.error && !dash.data) return <ErrorResult error={dash.error} onRetry={() => void dash.refetch()} />;
  if (!dash.data || !reports.data) {
    return (
      <Flex vertical align="center" gap={12} style={{ padding: 80 }}>
        <Spin size="large" />
        {progress && progress.total > 0 ? <Bar percent={Math.round((progress.done / progress.total) * 100)} style={{ width: 260 }} /> : null}
        <span style={{ color: '#8c8c8c' }}>{t('supervision.print.loading')}</span>
        {reports.error ? <ErrorResult error={reports.error} onRetry={() => void reports.refetch()} /> : null}
      </Flex>
    );
  }
  const d = dash.data;
  const area = areaOf;
  const who = `${me.user.displayName}（${me.unit.name}）`;
  const pageCss = `
@page {
  size: A4;
  margin: 16mm 14mm 16mm 14mm;
  @top-left { content: ${cssString(title)}; font-size: 8pt; color: #444; }
  @bottom-left { content: ${cssString(t('supervision.print.footer', { user: who, time: generatedAt }))}; font-size: 8pt; color: #555; }
  @bottom-right { content: ${cssString(t('supervision.print.pageOf'))}; font-size: 8pt; color: #555; }
}`
    .replace('PAGE_NO', '" counter(page) "')
    .replace('PAGES_NO', '" counter(pages) "');

  return (
    <div className="sp-print-root">
      <style>
        {pageCss}
        {PRINT_CSS}
      </style>
      <Flex className="no-print" justify="space-between" align="center" gap={8} wrap style={{ maxWidth: '210mm', margin: '0 auto 12px' }}>
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(`/supervision${toQueryString({ plan, period: d.period.key, street })}`)}>
          {t('supervision.print.back')}
        </Button>
        <Flex gap={8} align="center" wrap>
          <Checkbox checked={fullTexts} onChange={(e) => setFullTexts(e.target.checked)}>
            {t('supervision.print.fullTexts')}
          </Checkbox>
          <span style={{ color: 'rgba(0,0,0,0.65)', fontSize: 12 }}>{t('supervision.print.hint')}</span>
          <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()}>
            {t('supervision.print.print')}
          </Button>
        </Flex>
      </Flex>
      <article className="sp-paper">
        <header className="sp-head">
          <h1>{title}</h1>
          <div className="sp-meta">
            <span>{t('supervision.print.area', { area })}</span>
            <span>{t('supervision.print.asOf', { date: formatDate(d.asOf), due: formatDate(d.period.dueOn) })}</span>
            <span>{t('supervision.print.generated', { time: generatedAt, user: who })}</span>
          </div>
        </header>
        <SummarySection d={d} />
        <div className="sp-break" />
        <TaskSection d={d} />
        <IndicatorSection d={d} />
        <UnitSection d={d} />
        <ReportSection reports={reports.data} full={fullTexts} />
      </article>
    </div>
  );
}

const PRINT_CSS = `
.sp-paper { background: #fff; width: 210mm; max-width: 100%; box-sizing: border-box; margin: 0 auto; padding: 16mm 14mm; box-shadow: 0 1px 6px rgba(0,0,0,.12);
  color: #000; font-size: 10.5pt; line-height: 1.55; font-family: "SimSun", "Songti SC", "Noto Serif CJK SC", "Source Han Serif SC", serif; }
.sp-head { border-bottom: 2px solid #000; padding-bottom: 6px; margin-bottom: 12px; text-align: center; }
.sp-head h1 { font-size: 16pt; margin: 0 0 6px; font-family: "SimHei", "Heiti SC", "Noto Sans CJK SC", sans-serif; }
.sp-meta { display: flex; justify-content: center; flex-wrap: wrap; gap: 4px 18px; font-size: 9pt; color: #333; }
.sp-paper h2 { font-size: 12.5pt; margin: 16px 0 6px; padding-left: 6px; border-left: 4px solid #000; font-family: "SimHei", "Heiti SC", "Noto Sans CJK SC", sans-serif; }
.sp-paper h3 { font-size: 10.5pt; margin: 10px 0 4px; font-family: "SimHei", "Heiti SC", "Noto Sans CJK SC", sans-serif; }
.sp-table { width: 100%; border-collapse: separate; border-spacing: 0; border-left: 1px solid #555; table-layout: fixed; margin-bottom: 6px; }
.sp-table th, .sp-table td { border-right: 1px solid #555; border-bottom: 1px solid #555; padding: 2px 4px; vertical-align: top; overflow-wrap: anywhere; }
.sp-table thead th, .sp-table tbody:first-child tr:first-child > * { border-top: 1px solid #555; }
.sp-table th { background: #f0f0f0; font-weight: normal; text-align: left; }
.sp-table td.num, .sp-table th.num { text-align: right; }
.sp-table tr.sp-total td { font-weight: bold; }
.sp-small { font-size: 8.5pt; }
.sp-pre { white-space: pre-wrap; }
.sp-muted { color: #666; }
.sp-report { border: 1px solid #555; padding: 4px 6px; margin-bottom: 6px; }
.sp-report-head { display: flex; justify-content: space-between; gap: 8px; font-weight: bold; }
.sp-report dl { margin: 2px 0 0; display: grid; grid-template-columns: 5.5em 1fr; gap: 1px 6px; }
.sp-report dt { color: #444; }
.sp-report dd { margin: 0; white-space: pre-wrap; }
.sp-lead { margin: 4px 0 8px; }
.sp-kpis { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 6px; margin-bottom: 8px; }
.sp-kpi { border: 1px solid #999; border-left-width: 5px; padding: 3px 6px; display: flex; flex-direction: column; gap: 1px; min-height: 24mm; min-width: 0; overflow: hidden; break-inside: avoid; }
.sp-kpi-name { font-size: 8.5pt; font-weight: bold; line-height: 1.3; font-family: "SimHei", "Heiti SC", "Noto Sans CJK SC", sans-serif; }
.sp-kpi-value { font-size: 15pt; font-weight: bold; line-height: 1.2; }
.sp-kpi-line { font-size: 7.5pt; color: #333; line-height: 1.3; }
.sp-kpi-warn { font-size: 7.5pt; color: #8a5a00; line-height: 1.3; }
.sp-kpi-chart { margin-top: auto; }
/* The chart was drawn at the screen's width: printed, it follows the narrower box. */
.sp-kpi-chart canvas { width: 100% !important; }
.sp-rag { font-weight: bold; }
.sp-parts { font-size: 7.5pt; color: #333; }
@media (max-width: 640px) { .sp-kpis { grid-template-columns: repeat(2, minmax(0, 1fr)); } .sp-paper { padding: 8mm 4mm; } }
@media print {
  html, body, #root { background: #fff !important; }
  .ant-layout-sider, .ant-layout-header, .ant-layout-footer, .ant-breadcrumb, .ant-drawer, .ant-message, .ant-notification, .ant-float-btn, .no-print { display: none !important; }
  .ant-layout, .ant-layout-content { padding: 0 !important; margin: 0 !important; background: #fff !important; min-height: 0 !important; }
  .sp-paper { width: auto; padding: 0; margin: 0; box-shadow: none; font-size: 10pt; }
  /* Four across on paper: with every module's indicators the summary still fits on one sheet. */
  .sp-kpis { grid-template-columns: repeat(4, minmax(0, 1fr)); }
  .sp-kpi { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .sp-break { break-before: page; }
  .sp-report, .sp-table tr { break-inside: avoid; }
  .sp-paper h2, .sp-paper h3 { break-after: avoid; }
  .sp-table thead { display: table-header-group; }
  .sp-table th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}`;
