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
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { Alert, Button, Checkbox, Flex, Progress as Bar, Spin } from 'antd';
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useNavigate } from 'react-router';
import { toQueryString } from '../../api/client';
import { useMe } from '../../auth/useAuth';
import { ErrorResult } from '../../components/ErrorResult';
import { formatDate } from '../../components/format';
import { useQuery } from '@tanstack/react-query';
import { useT } from '../../i18n/useT';
import { pendingOf, sparklineOption } from './charts';
import type { ChartOption } from './chartTypes';
import { LazyChart } from './LazyChart';
import { planApi, TASK_STATUSES, type Dashboard, type IndicatorValue, type PlanReportRow } from './api';
import { actionPrefix, RAG_COLOR, useArea, useFormatValue, useLocal, useTargetText, useUrlDashboard } from './shared';

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

const cssString = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/[\r\n]+/g, ' ')}"`;

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
    return () => { document.title = before; };
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
}`.replace('PAGE_NO', '" counter(page) "').replace('PAGES_NO', '" counter(pages) "');

  return (
    <div className="sp-print-root">
      <style>{pageCss}{PRINT_CSS}</style>
      <Flex className="no-print" justify="space-between" align="center" gap={8} wrap style={{ maxWidth: '210mm', margin: '0 auto 12px' }}>
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(`/supervision${toQueryString({ plan, period: d.period.key, street })}`)}>{t('supervision.print.back')}</Button>
        <Flex gap={8} align="center" wrap>
          <Checkbox checked={fullTexts} onChange={(e) => setFullTexts(e.target.checked)}>{t('supervision.print.fullTexts')}</Checkbox>
          <span style={{ color: 'rgba(0,0,0,0.65)', fontSize: 12 }}>{t('supervision.print.hint')}</span>
          <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()}>{t('supervision.print.print')}</Button>
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
  .sp-kpis { grid-template-columns: repeat(3, minmax(0, 1fr)); }
  .sp-kpi { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .sp-break { break-before: page; }
  .sp-report, .sp-table tr { break-inside: avoid; }
  .sp-paper h2, .sp-paper h3 { break-after: avoid; }
  .sp-table thead { display: table-header-group; }
  .sp-table th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}`;

function TaskSection({ d }: { d: Dashboard }) {
  const t = useT();
  const local = useLocal();
  const total = TASK_STATUSES.reduce((n, s) => n + d.tasks.total[s], 0);
  return (
    <section>
      <h2>{t('supervision.print.s.tasks')}</h2>
      <p>{t('supervision.print.tasksLead', { n: total, done: d.tasks.total.done, inProgress: d.tasks.total['in-progress'], late: d.tasks.total.late, notStarted: d.tasks.total['not-started'], unreported: d.tasks.total.unreported })}</p>
      <table className="sp-table">
        <colgroup><col style={{ width: '36%' }} />{TASK_STATUSES.map((s) => <col key={s} />)}<col /></colgroup>
        <thead>
          <tr>
            <th>{t('supervision.col.action')}</th>
            {TASK_STATUSES.map((s) => <th key={s} className="num">{t(`supervision.status.${s}`)}</th>)}
            <th className="num">{t('supervision.print.total')}</th>
          </tr>
        </thead>
        <tbody>
          {d.tasks.byAction.map((a) => (
            <tr key={a.action}>
              <td>{actionPrefix(a.action, local.en)}{local.name(a)}</td>
              {TASK_STATUSES.map((s) => <td key={s} className="num">{a.counts[s]}</td>)}
              <td className="num">{TASK_STATUSES.reduce((n, s) => n + a.counts[s], 0)}</td>
            </tr>
          ))}
          <tr className="sp-total">
            <td>{t('supervision.print.total')}</td>
            {TASK_STATUSES.map((s) => <td key={s} className="num">{d.tasks.total[s]}</td>)}
            <td className="num">{total}</td>
          </tr>
        </tbody>
      </table>
      <h3>{t('supervision.print.taskList')}</h3>
      <table className="sp-table sp-small">
        <colgroup><col style={{ width: '7%' }} /><col style={{ width: '53%' }} /><col style={{ width: '24%' }} /><col style={{ width: '16%' }} /></colgroup>
        <thead><tr><th>{t('supervision.col.no')}</th><th>{t('supervision.col.task')}</th><th>{t('supervision.col.leadUnit')}</th><th>{t('supervision.col.periodStatus')}</th></tr></thead>
        <tbody>
          {[...d.tasks.items].sort((a, b) => a.no - b.no).map((x) => (
            <tr key={x.id}><td>{x.no}</td><td>{x.summary}</td><td>{x.leadUnitName}</td><td>{t(`supervision.status.${x.status}`)}</td></tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function UnitSection({ d }: { d: Dashboard }) {
  const t = useT();
  const keys = ['due', 'onTime', 'late', 'missing', 'pending', 'accepted'] as const;
  const value = (u: Dashboard['units'][number], k: (typeof keys)[number]) => (k === 'pending' ? pendingOf(u) : u[k]);
  return (
    <section>
      <h2>{t('supervision.print.s.units')}</h2>
      {d.units.length ? (
        <table className="sp-table sp-small">
          <colgroup><col style={{ width: '30%' }} />{keys.map((k) => <col key={k} />)}</colgroup>
          <thead><tr><th>{t('supervision.col.unit')}</th>{keys.map((k) => <th key={k} className="num">{t(`supervision.timeliness.${k}`)}</th>)}</tr></thead>
          <tbody>
            {d.units.map((u) => <tr key={u.unitCode}><td>{u.unitName}</td>{keys.map((k) => <td key={k} className="num">{value(u, k)}</td>)}</tr>)}
            <tr className="sp-total"><td>{t('supervision.print.total')}</td>{keys.map((k) => <td key={k} className="num">{d.units.reduce((n, u) => n + value(u, k), 0)}</td>)}</tr>
          </tbody>
        </table>
      ) : <p className="sp-muted">{t('supervision.dashboard.unitsEmpty')}</p>}
    </section>
  );
}

function ReportSection({ reports, full }: { reports: PlanReportRow[]; full: boolean }) {
  const t = useT();
  const dash = (v: string | undefined): ReactNode => (v?.trim() ? v : <span className="sp-muted">{t('supervision.detail.empty')}</span>);
  if (!full) {
    return (
      <section>
        <h2>{t('supervision.print.s.reports', { n: reports.length })}</h2>
        <p className="sp-muted sp-small">{t('supervision.print.reportsCompact')}</p>
        {reports.length === 0 ? <p className="sp-muted">{t('supervision.print.noReports')}</p> : (
          <table className="sp-table sp-small" data-testid="print-reports-compact">
            <colgroup><col style={{ width: '6%' }} /><col style={{ width: '20%' }} /><col style={{ width: '14%' }} /><col style={{ width: '45%' }} /><col style={{ width: '15%' }} /></colgroup>
            <thead><tr><th>{t('supervision.col.no')}</th><th>{t('supervision.col.unit')}</th><th>{t('supervision.col.periodStatus')}</th><th>{t('supervision.edit.problems')}</th><th>{t('supervision.col.state')}</th></tr></thead>
            <tbody>
              {reports.map((r) => (
                <tr key={r.id}>
                  <td>{r.taskNo}</td>
                  <td>{r.unitName}</td>
                  <td>{t(`supervision.status.${r.progress}`)}</td>
                  <td>{r.problems?.trim() ? clip(r.problems, 60) : <span className="sp-muted">{t('supervision.print.noProblems')}</span>}</td>
                  <td>{t(`supervision.state.${r.state}`)}{r.late ? ` · ${t('supervision.state.late')}` : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    );
  }
  return (
    <section className="sp-break">
      <h2>{t('supervision.print.s.reports', { n: reports.length })}</h2>
      {reports.length === 0 ? <p className="sp-muted">{t('supervision.print.noReports')}</p> : reports.map((r) => (
        <div key={r.id} className="sp-report">
          <div className="sp-report-head">
            <span>{r.taskNo}. {r.taskSummary} — {r.unitName}</span>
            <span>{t(`supervision.status.${r.progress}`)} · {t(`supervision.state.${r.state}`)}{r.late ? ` · ${t('supervision.state.late')}` : ''}</span>
          </div>
          <dl>
            <dt>{t('supervision.edit.done')}</dt><dd>{dash(r.done)}</dd>
            {r.figures?.trim() ? <><dt>{t('supervision.edit.figures')}</dt><dd>{r.figures}</dd></> : null}
            <dt>{t('supervision.edit.problems')}</dt><dd>{dash(r.problems)}</dd>
            <dt>{t('supervision.edit.nextSteps')}</dt><dd>{dash(r.nextSteps)}</dd>
            {r.evidenceCount ? <><dt>{t('supervision.edit.evidence')}</dt><dd>{t('supervision.print.evidenceCount', { n: r.evidenceCount })}</dd></> : null}
          </dl>
        </div>
      ))}
    </section>
  );
}

function IndicatorSection({ d }: { d: Dashboard }) {
  const t = useT();
  const local = useLocal();
  const format = useFormatValue();
  const target = useTargetText();
  const withStreets = d.indicators.filter((i) => !i.error && i.byStreet.length > 0);
  const streets = d.streets.filter((s) => withStreets.some((i) => i.byStreet.some((b) => b.streetCode === s.code)));
  const rag = useRagText();
  return (
    <section>
      <h2>{t('supervision.print.s.indicators')}</h2>
      <table className="sp-table sp-small" data-testid="print-indicators">
        <colgroup><col style={{ width: '30%' }} /><col style={{ width: '18%' }} /><col style={{ width: '12%' }} /><col style={{ width: '18%' }} /><col style={{ width: '22%' }} /></colgroup>
        <thead><tr><th>{t('supervision.ind.col.name')}</th><th className="num">{t('supervision.ind.col.value')}</th><th className="num">{t('supervision.print.sample')}</th><th>{t('supervision.ind.col.target')}</th><th>{t('supervision.ind.col.rag')}</th></tr></thead>
        <tbody>
          {d.indicators.map((i) => (
            <tr key={i.code}>
              <td>
                {local.name(i)}
                {i.parts && i.parts.length ? <div className="sp-parts">{i.parts.map((p) => `${p.label} ${p.value}`).join('　')}</div> : null}
              </td>
              <td className="num">{i.error ? t('supervision.ind.failed') : format(i, i.value)}{i.numerator !== null && i.denominator !== null ? <span className="sp-muted">（{i.numerator}/{i.denominator}）</span> : null}</td>
              <td className="num">{i.sample === null ? '' : i.sample}</td>
              <td>{target(i)}</td>
              <td>{i.error ? i.error : rag(i)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {withStreets.length && streets.length > 1 ? (
        <>
          <h3>{t('supervision.print.byStreet')}</h3>
          <table className="sp-table sp-small" style={{ fontSize: '7.5pt' }}>
            <colgroup><col style={{ width: '22%' }} />{streets.map((s) => <col key={s.code} />)}</colgroup>
            <thead><tr><th>{t('supervision.ind.col.name')}</th>{streets.map((s) => <th key={s.code} className="num">{s.name}</th>)}</tr></thead>
            <tbody>
              {withStreets.map((i) => (
                <tr key={i.code}>
                  <td>{local.name(i)}</td>
                  {streets.map((s) => {
                    const v = i.byStreet.find((b) => b.streetCode === s.code);
                    return <td key={s.code} className="num">{v ? (v.value === null ? '—' : format(i, v.value)) : ''}</td>;
                  })}
                </tr>
              ))}
            </tbody>
          </table>
          <p className="sp-muted sp-small">{t('supervision.print.noDataNote')}</p>
        </>
      ) : null}
      {d.indicators.some((i) => i.error) ? <Alert className="no-print" type="warning" showIcon title={t('supervision.print.someFailed')} /> : null}
    </section>
  );
}

const clip = (text: string, n: number) => (text.length > n ? `${text.slice(0, n)}…` : text);

/** "达标" / "未达标" / "样本不足（2 例），不评定". */
function useRagText() {
  const t = useT();
  return (i: Pick<IndicatorValue, 'rag' | 'smallSample' | 'sample'>) => (i.smallSample ? t('supervision.ind.smallSample', { n: i.sample ?? 0 }) : t(`supervision.ragWord.${i.rag}`));
}

/** The distribution of a figure (children by risk, by category) as a small bar chart. */
function partsBarOption(parts: NonNullable<IndicatorValue['parts']>): ChartOption {
  const top = parts.slice(0, 6);
  return {
    animation: false,
    grid: { left: 2, right: 24, top: 2, bottom: 2, containLabel: true },
    xAxis: { type: 'value', show: false },
    yAxis: { type: 'category', inverse: true, data: top.map((p) => p.label), axisLabel: { fontSize: 8, color: '#333' }, axisLine: { show: false }, axisTick: { show: false } },
    series: [{ type: 'bar', data: top.map((p) => p.value), barMaxWidth: 8, itemStyle: { color: '#1677ff' }, label: { show: true, position: 'right', fontSize: 8, color: '#333' } }],
  };
}

/**
 * Page one: what a leader needs to know, on one sheet — the key indicators (value, target, colour,
 * the cases behind it, a trend or distribution chart) and the tasks behind schedule.
 */
function SummarySection({ d }: { d: Dashboard }) {
  const t = useT();
  const local = useLocal();
  const format = useFormatValue();
  const target = useTargetText();
  const rag = useRagText();
  const behind = [...d.tasks.items].filter((x) => x.status === 'late' || x.status === 'not-started' || x.status === 'unreported').sort((a, b) => a.no - b.no);
  const shown = behind.slice(0, 12);
  const counts = d.tasks.total;
  return (
    <section data-testid="print-summary">
      <h2>{t('supervision.print.s.summary')}</h2>
      <p className="sp-lead">{t('supervision.print.tasksLead', { n: TASK_STATUSES.reduce((n, s) => n + counts[s], 0), done: counts.done, inProgress: counts['in-progress'], late: counts.late, notStarted: counts['not-started'], unreported: counts.unreported })}</p>
      <div className="sp-kpis">
        {d.indicators.map((i) => <KeyIndicator key={i.code} i={i} format={format} target={target} rag={rag} name={local.name(i)} />)}
      </div>
      <h3>{t('supervision.print.behind', { n: behind.length })}</h3>
      {behind.length === 0 ? <p className="sp-muted">{t('supervision.print.noneBehind')}</p> : (
        <table className="sp-table sp-small" data-testid="print-behind">
          <colgroup><col style={{ width: '7%' }} /><col style={{ width: '57%' }} /><col style={{ width: '22%' }} /><col style={{ width: '14%' }} /></colgroup>
          <thead><tr><th>{t('supervision.col.no')}</th><th>{t('supervision.col.task')}</th><th>{t('supervision.col.leadUnit')}</th><th>{t('supervision.col.periodStatus')}</th></tr></thead>
          <tbody>
            {shown.map((x) => <tr key={x.id}><td>{x.no}</td><td>{clip(x.summary, 40)}</td><td>{x.leadUnitName}</td><td>{t(`supervision.status.${x.status}`)}</td></tr>)}
          </tbody>
        </table>
      )}
      {behind.length > shown.length ? <p className="sp-muted sp-small">{t('supervision.print.moreBehind', { n: behind.length - shown.length })}</p> : null}
    </section>
  );
}

function KeyIndicator({ i, name, format, target, rag }: {
  i: IndicatorValue; name: string;
  format: ReturnType<typeof useFormatValue>; target: ReturnType<typeof useTargetText>; rag: (i: IndicatorValue) => string;
}) {
  const t = useT();
  const option = useMemo(() => (i.parts && i.parts.length ? partsBarOption(i.parts) : sparklineOption(i)), [i]);
  const hasChart = (i.parts && i.parts.length > 0) || i.trend.some((p) => p.value !== null);
  const colour = i.smallSample || i.error ? '#bfbfbf' : RAG_COLOR[i.rag];
  return (
    <div className="sp-kpi" style={{ borderLeftColor: colour }} data-testid={`print-kpi-${i.code}`}>
      <span className="sp-kpi-name">{name}</span>
      {i.error ? <span className="sp-kpi-warn">{t('supervision.ind.failed')}</span> : (
        <>
          <span className="sp-kpi-value">{format(i, i.value)}</span>
          <span className="sp-kpi-line">
            {i.numerator !== null && i.denominator !== null ? `${i.numerator}/${i.denominator} · ` : ''}
            {target(i)} · <span className="sp-rag">{rag(i)}</span>
          </span>
          {i.smallSample ? <span className="sp-kpi-warn">{t('supervision.print.smallSampleNote', { n: i.sample ?? 0 })}</span>
            : i.sample !== null && i.value !== null ? <span className="sp-kpi-line">{t('supervision.print.sampleOf', { n: i.sample })}</span> : null}
          {hasChart ? <div className="sp-kpi-chart"><LazyChart option={option} height={i.parts && i.parts.length ? 48 : 26} label={t('supervision.ind.trendOf', { name })} /></div> : null}
        </>
      )}
    </div>
  );
}
