/** The sections of the printed report (PrintReportPage): the one-page summary, tasks, indicators, units and the units' reports. */
import { useMemo, type ReactNode } from 'react';
import { Alert } from 'antd';
import { useT } from '../../i18n/useT';
import { pendingOf, sparklineOption } from './charts';
import type { ChartOption } from './chartTypes';
import { LazyChart } from './LazyChart';
import { TASK_STATUSES, type Dashboard, type IndicatorValue, type PlanReportRow } from './api';
import { actionPrefix, RAG_COLOR, useFormatValue, useLocal, useTargetText } from './shared';

export function TaskSection({ d }: { d: Dashboard }) {
  const t = useT();
  const local = useLocal();
  const total = TASK_STATUSES.reduce((n, s) => n + d.tasks.total[s], 0);
  return (
    <section>
      <h2>{t('supervision.print.s.tasks')}</h2>
      <p>
        {t('supervision.print.tasksLead', {
          n: total,
          done: d.tasks.total.done,
          inProgress: d.tasks.total['in-progress'],
          late: d.tasks.total.late,
          notStarted: d.tasks.total['not-started'],
          unreported: d.tasks.total.unreported,
        })}
      </p>
      <table className="sp-table">
        <colgroup>
          <col style={{ width: '36%' }} />
          {TASK_STATUSES.map((s) => (
            <col key={s} />
          ))}
          <col />
        </colgroup>
        <thead>
          <tr>
            <th>{t('supervision.col.action')}</th>
            {TASK_STATUSES.map((s) => (
              <th key={s} className="num">
                {t(`supervision.status.${s}`)}
              </th>
            ))}
            <th className="num">{t('supervision.print.total')}</th>
          </tr>
        </thead>
        <tbody>
          {d.tasks.byAction.map((a) => (
            <tr key={a.action}>
              <td>
                {actionPrefix(a.action, local.en)}
                {local.name(a)}
              </td>
              {TASK_STATUSES.map((s) => (
                <td key={s} className="num">
                  {a.counts[s]}
                </td>
              ))}
              <td className="num">{TASK_STATUSES.reduce((n, s) => n + a.counts[s], 0)}</td>
            </tr>
          ))}
          <tr className="sp-total">
            <td>{t('supervision.print.total')}</td>
            {TASK_STATUSES.map((s) => (
              <td key={s} className="num">
                {d.tasks.total[s]}
              </td>
            ))}
            <td className="num">{total}</td>
          </tr>
        </tbody>
      </table>
      <h3>{t('supervision.print.taskList')}</h3>
      <table className="sp-table sp-small">
        <colgroup>
          <col style={{ width: '7%' }} />
          <col style={{ width: '53%' }} />
          <col style={{ width: '24%' }} />
          <col style={{ width: '16%' }} />
        </colgroup>
        <thead>
          <tr>
            <th>{t('supervision.col.no')}</th>
            <th>{t('supervision.col.task')}</th>
            <th>{t('supervision.col.leadUnit')}</th>
            <th>{t('supervision.col.periodStatus')}</th>
          </tr>
        </thead>
        <tbody>
          {[...d.tasks.items]
            .sort((a, b) => a.no - b.no)
            .map((x) => (
              <tr key={x.id}>
                <td>{x.no}</td>
                <td>{x.summary}</td>
                <td>{x.leadUnitName}</td>
                <td>{t(`supervision.status.${x.status}`)}</td>
              </tr>
            ))}
        </tbody>
      </table>
    </section>
  );
}

export function UnitSection({ d }: { d: Dashboard }) {
  const t = useT();
  const keys = ['due', 'onTime', 'late', 'missing', 'pending', 'accepted'] as const;
  const value = (u: Dashboard['units'][number], k: (typeof keys)[number]) => (k === 'pending' ? pendingOf(u) : u[k]);
  return (
    <section>
      <h2>{t('supervision.print.s.units')}</h2>
      {d.units.length ? (
        <table className="sp-table sp-small">
          <colgroup>
            <col style={{ width: '30%' }} />
            {keys.map((k) => (
              <col key={k} />
            ))}
          </colgroup>
          <thead>
            <tr>
              <th>{t('supervision.col.unit')}</th>
              {keys.map((k) => (
                <th key={k} className="num">
                  {t(`supervision.timeliness.${k}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {d.units.map((u) => (
              <tr key={u.unitCode}>
                <td>{u.unitName}</td>
                {keys.map((k) => (
                  <td key={k} className="num">
                    {value(u, k)}
                  </td>
                ))}
              </tr>
            ))}
            <tr className="sp-total">
              <td>{t('supervision.print.total')}</td>
              {keys.map((k) => (
                <td key={k} className="num">
                  {d.units.reduce((n, u) => n + value(u, k), 0)}
                </td>
              ))}
            </tr>
          </tbody>
        </table>
      ) : (
        <p className="sp-muted">{t('supervision.dashboard.unitsEmpty')}</p>
      )}
    </section>
  );
}

export function ReportSection({ reports, full }: { reports: PlanReportRow[]; full: boolean }) {
  const t = useT();
  const dash = (v: string | undefined): ReactNode => (v?.trim() ? v : <span className="sp-muted">{t('supervision.detail.empty')}</span>);
  if (!full) {
    return (
      <section>
        <h2>{t('supervision.print.s.reports', { n: reports.length })}</h2>
        <p className="sp-muted sp-small">{t('supervision.print.reportsCompact')}</p>
        {reports.length === 0 ? (
          <p className="sp-muted">{t('supervision.print.noReports')}</p>
        ) : (
          <table className="sp-table sp-small" data-testid="print-reports-compact">
            <colgroup>
              <col style={{ width: '6%' }} />
              <col style={{ width: '20%' }} />
              <col style={{ width: '14%' }} />
              <col style={{ width: '45%' }} />
              <col style={{ width: '15%' }} />
            </colgroup>
            <thead>
              <tr>
                <th>{t('supervision.col.no')}</th>
                <th>{t('supervision.col.unit')}</th>
                <th>{t('supervision.col.periodStatus')}</th>
                <th>{t('supervision.edit.problems')}</th>
                <th>{t('supervision.col.state')}</th>
              </tr>
            </thead>
            <tbody>
              {reports.map((r) => (
                <tr key={r.id}>
                  <td>{r.taskNo}</td>
                  <td>{r.unitName}</td>
                  <td>{t(`supervision.status.${r.progress}`)}</td>
                  <td>{r.problems?.trim() ? clip(r.problems, 60) : <span className="sp-muted">{t('supervision.print.noProblems')}</span>}</td>
                  <td>
                    {t(`supervision.state.${r.state}`)}
                    {r.late ? ` · ${t('supervision.state.late')}` : ''}
                  </td>
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
      {reports.length === 0 ? (
        <p className="sp-muted">{t('supervision.print.noReports')}</p>
      ) : (
        reports.map((r) => (
          <div key={r.id} className="sp-report">
            <div className="sp-report-head">
              <span>
                {r.taskNo}. {r.taskSummary} — {r.unitName}
              </span>
              <span>
                {t(`supervision.status.${r.progress}`)} · {t(`supervision.state.${r.state}`)}
                {r.late ? ` · ${t('supervision.state.late')}` : ''}
              </span>
            </div>
            <dl>
              <dt>{t('supervision.edit.done')}</dt>
              <dd>{dash(r.done)}</dd>
              {r.figures?.trim() ? (
                <>
                  <dt>{t('supervision.edit.figures')}</dt>
                  <dd>{r.figures}</dd>
                </>
              ) : null}
              <dt>{t('supervision.edit.problems')}</dt>
              <dd>{dash(r.problems)}</dd>
              <dt>{t('supervision.edit.nextSteps')}</dt>
              <dd>{dash(r.nextSteps)}</dd>
              {r.evidenceCount ? (
                <>
                  <dt>{t('supervision.edit.evidence')}</dt>
                  <dd>{t('supervision.print.evidenceCount', { n: r.evidenceCount })}</dd>
                </>
              ) : null}
            </dl>
          </div>
        ))
      )}
    </section>
  );
}

export function IndicatorSection({ d }: { d: Dashboard }) {
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
        <colgroup>
          <col style={{ width: '30%' }} />
          <col style={{ width: '18%' }} />
          <col style={{ width: '12%' }} />
          <col style={{ width: '18%' }} />
          <col style={{ width: '22%' }} />
        </colgroup>
        <thead>
          <tr>
            <th>{t('supervision.ind.col.name')}</th>
            <th className="num">{t('supervision.ind.col.value')}</th>
            <th className="num">{t('supervision.print.sample')}</th>
            <th>{t('supervision.ind.col.target')}</th>
            <th>{t('supervision.ind.col.rag')}</th>
          </tr>
        </thead>
        <tbody>
          {d.indicators.map((i) => (
            <tr key={i.code}>
              <td>
                {local.name(i)}
                {i.parts && i.parts.length ? <div className="sp-parts">{i.parts.map((p) => `${p.label} ${p.value}`).join('　')}</div> : null}
              </td>
              <td className="num">
                {i.error ? t('supervision.ind.failed') : format(i, i.value)}
                {i.numerator !== null && i.denominator !== null ? (
                  <span className="sp-muted">
                    （{i.numerator}/{i.denominator}）
                  </span>
                ) : null}
              </td>
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
            <colgroup>
              <col style={{ width: '22%' }} />
              {streets.map((s) => (
                <col key={s.code} />
              ))}
            </colgroup>
            <thead>
              <tr>
                <th>{t('supervision.ind.col.name')}</th>
                {streets.map((s) => (
                  <th key={s.code} className="num">
                    {s.name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {withStreets.map((i) => (
                <tr key={i.code}>
                  <td>{local.name(i)}</td>
                  {streets.map((s) => {
                    const v = i.byStreet.find((b) => b.streetCode === s.code);
                    return (
                      <td key={s.code} className="num">
                        {v ? (v.value === null ? '—' : format(i, v.value)) : ''}
                      </td>
                    );
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
  return (i: Pick<IndicatorValue, 'rag' | 'smallSample' | 'sample'>) =>
    i.smallSample ? t('supervision.ind.smallSample', { n: i.sample ?? 0 }) : t(`supervision.ragWord.${i.rag}`);
}

/** The distribution of a figure (children by risk, by category) as a small bar chart. */
function partsBarOption(parts: NonNullable<IndicatorValue['parts']>): ChartOption {
  const top = parts.slice(0, 6);
  return {
    animation: false,
    grid: { left: 2, right: 24, top: 2, bottom: 2, containLabel: true },
    xAxis: { type: 'value', show: false },
    yAxis: {
      type: 'category',
      inverse: true,
      data: top.map((p) => p.label),
      axisLabel: { fontSize: 8, color: '#333' },
      axisLine: { show: false },
      axisTick: { show: false },
    },
    series: [
      {
        type: 'bar',
        data: top.map((p) => p.value),
        barMaxWidth: 8,
        itemStyle: { color: '#1677ff' },
        label: { show: true, position: 'right', fontSize: 8, color: '#333' },
      },
    ],
  };
}

/**
 * Page one: what a leader needs to know, on one sheet — the key indicators (value, target, colour,
 * the cases behind it, a trend or distribution chart) and the tasks behind schedule.
 */
export function SummarySection({ d }: { d: Dashboard }) {
  const t = useT();
  const local = useLocal();
  const format = useFormatValue();
  const target = useTargetText();
  const rag = useRagText();
  const behind = [...d.tasks.items].filter((x) => x.status === 'late' || x.status === 'not-started' || x.status === 'unreported').sort((a, b) => a.no - b.no);
  const shown = behind.slice(0, 12);
  const counts = d.tasks.total;
  // Page one holds at most SUMMARY_KPIS indicators — each module adds its own, and a summary a
  // leader reads alone must stay one sheet: those that need attention first (failed, off target,
  // at risk), then the rest in the registry's order; section 二 lists every one.
  const kpis = [...d.indicators].sort((a, b) => attention(a) - attention(b)).slice(0, SUMMARY_KPIS);
  return (
    <section data-testid="print-summary">
      <h2>{t('supervision.print.s.summary')}</h2>
      <p className="sp-lead">
        {t('supervision.print.tasksLead', {
          n: TASK_STATUSES.reduce((n, s) => n + counts[s], 0),
          done: counts.done,
          inProgress: counts['in-progress'],
          late: counts.late,
          notStarted: counts['not-started'],
          unreported: counts.unreported,
        })}
      </p>
      <div className="sp-kpis">
        {kpis.map((i) => (
          <KeyIndicator key={i.code} i={i} format={format} target={target} rag={rag} name={local.name(i)} />
        ))}
      </div>
      {d.indicators.length > kpis.length ? (
        <p className="sp-muted sp-small" data-testid="print-more-kpis">
          {t('supervision.print.moreKpis', { n: d.indicators.length - kpis.length })}
        </p>
      ) : null}
      <h3>{t('supervision.print.behind', { n: behind.length })}</h3>
      {behind.length === 0 ? (
        <p className="sp-muted">{t('supervision.print.noneBehind')}</p>
      ) : (
        <table className="sp-table sp-small" data-testid="print-behind">
          <colgroup>
            <col style={{ width: '7%' }} />
            <col style={{ width: '57%' }} />
            <col style={{ width: '22%' }} />
            <col style={{ width: '14%' }} />
          </colgroup>
          <thead>
            <tr>
              <th>{t('supervision.col.no')}</th>
              <th>{t('supervision.col.task')}</th>
              <th>{t('supervision.col.leadUnit')}</th>
              <th>{t('supervision.col.periodStatus')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((x) => (
              <tr key={x.id}>
                <td>{x.no}</td>
                <td>{clip(x.summary, 40)}</td>
                <td>{x.leadUnitName}</td>
                <td>{t(`supervision.status.${x.status}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {behind.length > shown.length ? <p className="sp-muted sp-small">{t('supervision.print.moreBehind', { n: behind.length - shown.length })}</p> : null}
    </section>
  );
}

/** Three rows of four on A4. */
export const SUMMARY_KPIS = 12;

/** The order of page one: a failed figure, red, amber, unrated, then on target; a small sample is not rated. */
export function attention(i: Pick<IndicatorValue, 'error' | 'smallSample' | 'rag'>): number {
  if (i.error) return 0;
  if (i.smallSample) return 3;
  return { red: 1, amber: 2, none: 3, green: 4 }[i.rag];
}

function KeyIndicator({
  i,
  name,
  format,
  target,
  rag,
}: {
  i: IndicatorValue;
  name: string;
  format: ReturnType<typeof useFormatValue>;
  target: ReturnType<typeof useTargetText>;
  rag: (i: IndicatorValue) => string;
}) {
  const t = useT();
  const option = useMemo(() => (i.parts && i.parts.length ? partsBarOption(i.parts) : sparklineOption(i)), [i]);
  const hasChart = (i.parts && i.parts.length > 0) || i.trend.some((p) => p.value !== null);
  const colour = i.smallSample || i.error ? '#bfbfbf' : RAG_COLOR[i.rag];
  return (
    <div className="sp-kpi" style={{ borderLeftColor: colour }} data-testid={`print-kpi-${i.code}`}>
      <span className="sp-kpi-name">{name}</span>
      {i.error ? (
        <span className="sp-kpi-warn">{t('supervision.ind.failed')}</span>
      ) : (
        <>
          <span className="sp-kpi-value">{format(i, i.value)}</span>
          <span className="sp-kpi-line">
            {i.numerator !== null && i.denominator !== null ? `${i.numerator}/${i.denominator} · ` : ''}
            {target(i)} · <span className="sp-rag">{rag(i)}</span>
          </span>
          {i.smallSample ? (
            <span className="sp-kpi-warn">{t('supervision.print.smallSampleNote', { n: i.sample ?? 0 })}</span>
          ) : i.sample !== null && i.value !== null ? (
            <span className="sp-kpi-line">{t('supervision.print.sampleOf', { n: i.sample })}</span>
          ) : null}
          {hasChart ? (
            <div className="sp-kpi-chart">
              <LazyChart option={option} height={i.parts && i.parts.length ? 48 : 26} label={t('supervision.ind.trendOf', { name })} />
            </div>
          ) : null}
        </>
      )}
    </div>
  );
}
