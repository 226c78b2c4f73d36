/**
 * 年度合规审计报告 (未成年人网络保护条例 Art. 37): one calendar year's report for A4, printed by the
 * browser (paper or PDF). On screen a sheet of paper with a toolbar (year, 打印); printed, the frame,
 * menu and buttons disappear and each section after the summary starts a new page.
 */
import { useEffect, useMemo } from 'react';
import { Button, Flex, Select, Spin } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useMe } from '../../auth/useAuth';
import { ErrorResult } from '../../components/ErrorResult';
import { formatDateTime } from '../../components/format';
import { useT } from '../../i18n/useT';
import { zhCN, type MessageKey } from '../../locales/zh-CN';
import { LazyChart } from '../supervision/LazyChart';
import type { ChartOption } from '../supervision/chartTypes';
import { complianceApi, complianceKeys, type ComplianceReport } from './api';

const FIRST_YEAR = 2024;

/** A text key built from data (an event kind, a table): the code itself when no text exists. */
const isKey = (k: string): k is MessageKey => k in zhCN;

function useYear(): [number, (y: number) => void] {
  const [params, setParams] = useSearchParams();
  const current = dayjs().year();
  const raw = Number(params.get('year'));
  const year = Number.isInteger(raw) && raw >= 2000 && raw <= current ? raw : current;
  return [year, (y) => setParams({ year: String(y) }, { replace: true })];
}

export default function ReportPage() {
  const t = useT();
  const me = useMe();
  const [year, setYear] = useYear();
  const report = useQuery({ queryKey: complianceKeys.report(year), queryFn: () => complianceApi.report(year) });
  const title = t('compliance.report.title', { year });
  useEffect(() => {
    const before = document.title;
    document.title = title;
    return () => {
      document.title = before;
    };
  }, [title]);
  const years = useMemo(() => {
    const out: number[] = [];
    for (let y = dayjs().year(); y >= FIRST_YEAR; y--) out.push(y);
    return out;
  }, []);

  const toolbar = (
    <Flex className="no-print" justify="space-between" align="center" gap={8} wrap style={{ maxWidth: '210mm', margin: '0 auto 12px' }}>
      <Flex gap={8} align="center">
        <span>{t('compliance.report.year')}</span>
        <Select
          aria-label={t('compliance.report.year')}
          value={year}
          style={{ width: 110 }}
          options={years.map((y) => ({ value: y, label: String(y) }))}
          onChange={(y: number) => setYear(y)}
        />
      </Flex>
      <Flex gap={8} align="center" wrap>
        <span style={{ color: 'rgba(0,0,0,0.65)', fontSize: 12 }}>{t('compliance.report.hint')}</span>
        <Button type="primary" icon={<PrinterOutlined />} disabled={!report.data} onClick={() => window.print()}>
          {t('compliance.report.print')}
        </Button>
      </Flex>
    </Flex>
  );

  if (report.error && !report.data) return <ErrorResult error={report.error} onRetry={() => void report.refetch()} />;
  return (
    <div className="cr-root">
      <style>{PRINT_CSS}</style>
      {toolbar}
      {!report.data ? (
        <Flex justify="center" style={{ padding: 80 }}>
          <Spin />
        </Flex>
      ) : (
        <Report r={report.data} title={title} who={`${me.user.displayName}（${me.unit.name}）`} />
      )}
    </div>
  );
}

function Report({ r, title, who }: { r: ComplianceReport; title: string; who: string }) {
  const t = useT();
  const sum = <T,>(rows: T[], f: (x: T) => number) => rows.reduce((a, x) => a + f(x), 0);
  const views = sum(r.processing, (p) => p.views);
  const unmasks = sum(r.processing, (p) => p.unmasks);
  const exports = sum(r.processing, (p) => p.exports + p.prints);
  const incidents = sum(r.incidents.byKind, (k) => k.total);
  const label = (prefix: string, k: string) => {
    const key = prefix + k;
    return isKey(key) ? t(key) : k;
  };
  const kindName = (k: string) => label('compliance.report.kind.', k);
  const tableName = (k: string) => label('compliance.report.table.', k);
  const monthsOption = useMemo<ChartOption>(
    () => ({
      animation: false,
      grid: { left: 40, right: 10, top: 30, bottom: 24 },
      legend: { top: 0 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: r.byMonth.map((m) => t('compliance.report.monthName', { m: m.month })) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { type: 'bar', stack: 'a', name: t('compliance.report.col.views'), data: r.byMonth.map((m) => m.views), color: '#1677ff' },
        { type: 'bar', stack: 'a', name: t('compliance.report.col.changes'), data: r.byMonth.map((m) => m.changes), color: '#52c41a' },
        { type: 'bar', stack: 'a', name: t('compliance.report.col.exports'), data: r.byMonth.map((m) => m.exports), color: '#fa8c16' },
      ],
    }),
    [r, t],
  );
  const streetsOption = useMemo<ChartOption>(
    () => ({
      animation: false,
      grid: { left: 40, right: 10, top: 10, bottom: 40 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: r.files.byStreet.map((s) => s.streetName), axisLabel: { interval: 0, rotate: 30, fontSize: 9 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ type: 'bar', name: t('compliance.report.col.held'), data: r.files.byStreet.map((s) => s.heldAtEnd), color: '#1677ff' }],
    }),
    [r, t],
  );

  return (
    <article className="cr-paper">
      <header className="cr-head">
        <h1>{title}</h1>
      </header>
      <p className="cr-lead">{t('compliance.report.basis', { from: r.period.from, to: r.period.to, time: formatDateTime(r.generatedAt), user: who })}</p>

      <section>
        <h2>{t('compliance.report.s.summary')}</h2>
        <div className="cr-kpis">
          <Kpi label={t('compliance.report.kpi.held')} value={r.files.heldAtEnd} />
          <Kpi label={t('compliance.report.kpi.views')} value={views} />
          <Kpi label={t('compliance.report.kpi.unmasks')} value={unmasks} />
          <Kpi label={t('compliance.report.kpi.exports')} value={exports} />
          <Kpi label={t('compliance.report.kpi.incidents')} value={incidents} />
          <Kpi
            label={t('compliance.report.kpi.chain')}
            value={r.chain.ok ? t('compliance.report.chainOk') : t('compliance.report.chainBroken')}
            bad={!r.chain.ok}
          />
        </div>
        <div className="cr-chart">
          <LazyChart option={monthsOption} height={220} label={t('compliance.report.chart.months', { year: r.year })} />
        </div>
        <p className="cr-caption">{t('compliance.report.chart.months', { year: r.year })}</p>
      </section>

      <section className="cr-break">
        <h2>{t('compliance.report.s.files')}</h2>
        <table className="cr-table">
          <thead>
            <tr>
              <th>{t('compliance.report.col.street')}</th>
              <th className="num">{t('compliance.report.col.held')}</th>
              <th className="num">{t('compliance.report.col.opened')}</th>
              <th className="num">{t('compliance.report.col.closed')}</th>
              <th className="num">{t('compliance.report.col.archived')}</th>
            </tr>
          </thead>
          <tbody>
            {r.files.byStreet.map((s) => (
              <tr key={s.streetCode}>
                <td>{s.streetName}</td>
                <td className="num">{s.heldAtEnd}</td>
                <td className="num">{s.opened}</td>
                <td className="num">{s.closed}</td>
                <td className="num">{s.archived}</td>
              </tr>
            ))}
            <tr className="cr-total">
              <td>{t('compliance.report.total')}</td>
              <td className="num">{r.files.heldAtEnd}</td>
              <td className="num">{r.files.opened}</td>
              <td className="num">{r.files.closed}</td>
              <td className="num">{r.files.archived}</td>
            </tr>
          </tbody>
        </table>
        <div className="cr-chart">
          <LazyChart option={streetsOption} height={200} label={t('compliance.report.chart.streets', { year: r.year })} />
        </div>
        <p className="cr-caption">{t('compliance.report.chart.streets', { year: r.year })}</p>
      </section>

      <section className="cr-break">
        <h2>{t('compliance.report.s.processing')}</h2>
        {r.processing.length === 0 ? (
          <p className="cr-muted">{t('compliance.report.empty')}</p>
        ) : (
          <table className="cr-table cr-small">
            <thead>
              <tr>
                <th style={{ width: '20%' }}>{t('compliance.report.col.unit')}</th>
                <th style={{ width: '18%' }}>{t('compliance.report.col.roles')}</th>
                {(['users', 'views', 'changes', 'unmasks', 'exports', 'prints', 'referrals', 'denied'] as const).map((k) => (
                  <th key={k} className="num">
                    {t(`compliance.report.col.${k}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {r.processing.map((p) => (
                <tr key={`${p.unitCode ?? ''}|${p.roles}`}>
                  <td>{p.unitName}</td>
                  <td>{p.roles || '—'}</td>
                  <td className="num">{p.users}</td>
                  <td className="num">{p.views}</td>
                  <td className="num">{p.changes}</td>
                  <td className="num">{p.unmasks}</td>
                  <td className="num">{p.exports}</td>
                  <td className="num">{p.prints}</td>
                  <td className="num">{p.referrals}</td>
                  <td className="num">{p.denied}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className="cr-break">
        <h2>{t('compliance.report.s.months')}</h2>
        <table className="cr-table">
          <thead>
            <tr>
              <th>{t('compliance.report.col.month')}</th>
              {(['logins', 'views', 'changes', 'unmasks', 'exports', 'denied'] as const).map((k) => (
                <th key={k} className="num">
                  {t(`compliance.report.col.${k}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {r.byMonth.map((m) => (
              <tr key={m.month}>
                <td>{t('compliance.report.monthName', { m: m.month })}</td>
                <td className="num">{m.logins}</td>
                <td className="num">{m.views}</td>
                <td className="num">{m.changes}</td>
                <td className="num">{m.unmasks}</td>
                <td className="num">{m.exports}</td>
                <td className="num">{m.denied}</td>
              </tr>
            ))}
          </tbody>
        </table>

        <h2>{t('compliance.report.s.outside')}</h2>
        <p>{t('compliance.report.outsideLead', { grants: r.outsideAssignment.grants, ended: r.outsideAssignment.ended })}</p>
        {r.outsideAssignment.byUnit.length > 0 && (
          <table className="cr-table">
            <thead>
              <tr>
                <th>{t('compliance.report.col.unit')}</th>
                <th className="num">{t('compliance.report.col.grants')}</th>
              </tr>
            </thead>
            <tbody>
              {r.outsideAssignment.byUnit.map((u) => (
                <tr key={u.unitCode ?? ''}>
                  <td>{u.unitName}</td>
                  <td className="num">{u.grants}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}

        <h2>{t('compliance.report.s.incidents')}</h2>
        <p>{t('compliance.report.loginLead', { failed: r.incidents.failedLogins, locked: r.incidents.loginLockouts })}</p>
        {r.incidents.byKind.length === 0 ? (
          <p className="cr-muted">{t('compliance.report.empty')}</p>
        ) : (
          <table className="cr-table">
            <thead>
              <tr>
                <th>{t('compliance.report.col.kind')}</th>
                <th>{t('compliance.report.col.severity')}</th>
                <th className="num">{t('compliance.report.col.total')}</th>
                <th className="num">{t('compliance.report.col.acknowledged')}</th>
                <th className="num">{t('compliance.report.col.open')}</th>
              </tr>
            </thead>
            <tbody>
              {r.incidents.byKind.map((k) => (
                <tr key={`${k.kind}|${k.severity}`}>
                  <td>{kindName(k.kind)}</td>
                  <td>{label('compliance.report.severity.', k.severity)}</td>
                  <td className="num">{k.total}</td>
                  <td className="num">{k.acknowledged}</td>
                  <td className="num">{k.open}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className="cr-break">
        <h2>{t('compliance.report.s.retention')}</h2>
        <p>
          {t('compliance.report.retentionLead', {
            audit: r.retention.settings.auditMonths,
            logs: r.retention.settings.logMonths,
            archive: r.retention.settings.archiveAfterMonths,
            runs: r.retention.runs,
            last: r.retention.lastRunAt ? t('compliance.report.lastRun', { time: formatDateTime(r.retention.lastRunAt) }) : '',
          })}
        </p>
        {Object.keys(r.retention.counts).length > 0 && (
          <table className="cr-table">
            <thead>
              <tr>
                <th>{t('compliance.report.col.table')}</th>
                <th className="num">{t('compliance.report.col.count')}</th>
              </tr>
            </thead>
            <tbody>
              {Object.entries(r.retention.counts).map(([k, n]) => (
                <tr key={k}>
                  <td>{tableName(k)}</td>
                  <td className="num">{n}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}

        <h2>{t('compliance.report.s.consents')}</h2>
        <p>{t('compliance.report.consentLead', { recorded: r.consents.recorded, withdrawn: r.consents.withdrawn, basis: r.consents.basisRecorded })}</p>

        <h2>{t('compliance.report.s.chain')}</h2>
        <p className={r.chain.ok ? undefined : 'cr-bad'}>
          {t('compliance.report.chainLead', {
            checked: r.chain.checked,
            result: r.chain.ok ? t('compliance.report.chainOk') : `${t('compliance.report.chainBroken')}（${r.chain.reason ?? ''}）`,
            checkpoints: r.chain.checkpoints,
            purged: r.chain.purgedRows,
          })}
        </p>

        <h2>{t('compliance.report.s.open')}</h2>
        {r.openItems.length === 0 ? (
          <p className="cr-muted">{t('compliance.report.noOpen')}</p>
        ) : (
          <table className="cr-table">
            <thead>
              <tr>
                <th>{t('compliance.report.col.item')}</th>
                <th className="num">{t('compliance.report.col.count')}</th>
              </tr>
            </thead>
            <tbody>
              {r.openItems.map((o) => (
                <tr key={o.code}>
                  <td>{o.label}</td>
                  <td className="num">{o.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </article>
  );
}

function Kpi({ label, value, bad }: { label: string; value: number | string; bad?: boolean }) {
  return (
    <div className={bad ? 'cr-kpi cr-kpi-bad' : 'cr-kpi'}>
      <span className="cr-kpi-name">{label}</span>
      <span className="cr-kpi-value">{typeof value === 'number' ? value.toLocaleString('zh-CN') : value}</span>
    </div>
  );
}

const PRINT_CSS = `
@page { size: A4; margin: 16mm 14mm; }
.cr-paper { background: #fff; width: 210mm; max-width: 100%; box-sizing: border-box; margin: 0 auto; padding: 16mm 14mm; box-shadow: 0 1px 6px rgba(0,0,0,.12);
  color: #000; font-size: 10.5pt; line-height: 1.55; font-family: "SimSun", "Songti SC", "Noto Serif CJK SC", "Source Han Serif SC", serif; }
.cr-head { border-bottom: 2px solid #000; padding-bottom: 6px; margin-bottom: 10px; text-align: center; }
.cr-head h1 { font-size: 16pt; margin: 0; font-family: "SimHei", "Heiti SC", "Noto Sans CJK SC", sans-serif; }
.cr-lead { font-size: 9.5pt; color: #222; }
.cr-paper h2 { font-size: 12.5pt; margin: 16px 0 6px; padding-left: 6px; border-left: 4px solid #000; font-family: "SimHei", "Heiti SC", "Noto Sans CJK SC", sans-serif; }
.cr-table { width: 100%; border-collapse: collapse; margin-bottom: 8px; }
.cr-table th, .cr-table td { border: 1px solid #555; padding: 2px 4px; vertical-align: top; overflow-wrap: anywhere; }
.cr-table th { background: #f0f0f0; font-weight: normal; text-align: left; }
.cr-table .num { text-align: right; }
.cr-table tr.cr-total td { font-weight: bold; }
.cr-small { font-size: 9pt; }
.cr-muted { color: #666; }
.cr-bad { color: #a8071a; font-weight: bold; }
.cr-caption { font-size: 8.5pt; color: #444; text-align: center; margin: 2px 0 8px; }
.cr-kpis { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 6px; margin-bottom: 10px; }
.cr-kpi { border: 1px solid #999; border-left: 5px solid #1677ff; padding: 4px 8px; display: flex; flex-direction: column; break-inside: avoid; }
.cr-kpi-bad { border-left-color: #cf1322; }
.cr-kpi-name { font-size: 9pt; font-family: "SimHei", "Heiti SC", "Noto Sans CJK SC", sans-serif; }
.cr-kpi-value { font-size: 16pt; font-weight: bold; }
.cr-paper canvas { max-width: 100%; }
/* The charts were drawn at the screen's width: printed, they follow the narrower page. */
.cr-chart { overflow: hidden; }
@media (max-width: 640px) { .cr-paper { padding: 8mm 4mm; } .cr-kpis { grid-template-columns: repeat(2, minmax(0, 1fr)); } }
@media print {
  html, body, #root { background: #fff !important; }
  .ant-layout-sider, .ant-layout-header, .ant-layout-footer, .ant-breadcrumb, .ant-drawer, .ant-message, .ant-notification, .ant-float-btn, .no-print { display: none !important; }
  .ant-layout, .ant-layout-content { padding: 0 !important; margin: 0 !important; background: #fff !important; min-height: 0 !important; }
  .cr-paper { width: auto; padding: 0; margin: 0; box-shadow: none; font-size: 10pt; }
  .cr-break { break-before: page; }
  .cr-table tr, .cr-kpi { break-inside: avoid; }
  .cr-table thead { display: table-header-group; }
  .cr-paper h2 { break-after: avoid; }
  .cr-chart div { width: 100% !important; }
  .cr-chart canvas { width: 100% !important; height: auto !important; }
  .cr-table th, .cr-kpi { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}`;
