/**
 * ECharts options of the 督办 figures, built from the API answers (pure functions; no chart code is
 * loaded here). Every series carries an `id` the click handlers use to open the list behind a bar.
 */
import type { Dashboard, IndicatorValue, TaskStatus } from './api';
import type { ChartOption } from './chartTypes';
import { RAG_COLOR, STATUS_COLOR, TIMELINESS_COLOR } from './shared';
import { TASK_STATUSES } from './api';

const FONT = { fontFamily: '-apple-system, BlinkMacSystemFont, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif' };
const axisLabel = { color: '#595959', fontSize: 12 };

/** What the horizontal stacked bar charts share: the legend above, a shadow tooltip and a count axis. */
const stackedBarFrame = (narrow: boolean): ChartOption => ({
  textStyle: FONT,
  animationDuration: 300,
  legend: { top: 0, itemWidth: 14, itemHeight: 10, selectedMode: false },
  // On a phone the legend takes two lines.
  grid: { left: 8, right: 24, top: narrow ? 56 : 32, bottom: 8, containLabel: true },
  tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
  xAxis: { type: 'value', minInterval: 1, axisLabel },
});

/** The 41 tasks by status, one stacked bar per action (一 at the top). */
export function taskStatusOption(
  byAction: Dashboard['tasks']['byAction'],
  actionLabel: (a: { action: number; name: string }) => string,
  statusLabel: (s: TaskStatus) => string,
  narrow = false,
): ChartOption {
  return {
    ...stackedBarFrame(narrow),
    yAxis: {
      type: 'category',
      inverse: true,
      data: byAction.map(actionLabel),
      axisLabel: { ...axisLabel, width: narrow ? 84 : 170, overflow: narrow ? 'break' : 'truncate', lineHeight: 14 },
    },
    series: TASK_STATUSES.map((s) => ({
      id: s,
      name: statusLabel(s),
      type: 'bar' as const,
      stack: 'tasks',
      barMaxWidth: 28,
      itemStyle: { color: STATUS_COLOR[s] },
      label: { show: true, color: s === 'unreported' ? '#595959' : '#fff', formatter: (p: { value: unknown }) => (Number(p.value) > 0 ? String(p.value) : '') },
      emphasis: { focus: 'series' as const },
      data: byAction.map((a) => a.counts[s]),
    })),
  };
}

export type TimelinessKey = 'onTime' | 'late' | 'missing' | 'pending' | 'accepted';

/** Reports due but neither submitted nor overdue yet (the period is still open for reporting). */
export const pendingOf = (u: Dashboard['units'][number]) => Math.max(0, u.due - u.onTime - u.late - u.missing);

/** Units by timeliness: on time / late / missing stacked (the reports due), accepted beside them. */
export function unitTimelinessOption(
  units: Dashboard['units'],
  name: (u: Dashboard['units'][number]) => string,
  label: (k: TimelinessKey) => string,
  narrow = false,
): ChartOption {
  const keys = ['onTime', 'late', 'missing', 'pending'] as const;
  return {
    ...stackedBarFrame(narrow),
    yAxis: { type: 'category', inverse: true, data: units.map(name), axisLabel: { ...axisLabel, width: narrow ? 84 : 130, overflow: 'truncate' } },
    series: [
      ...keys.map((k) => ({
        id: k,
        name: label(k),
        type: 'bar' as const,
        stack: 'due',
        barMaxWidth: 14,
        itemStyle: { color: TIMELINESS_COLOR[k] },
        emphasis: { focus: 'series' as const },
        data: units.map((u) => (k === 'pending' ? pendingOf(u) : u[k])),
      })),
      {
        id: 'accepted',
        name: label('accepted'),
        type: 'bar' as const,
        barMaxWidth: 14,
        itemStyle: { color: TIMELINESS_COLOR.accepted },
        emphasis: { focus: 'series' as const },
        data: units.map((u) => u.accepted),
      },
    ],
  };
}

/** The small trend line of an indicator card (no axes). */
export function sparklineOption(ind: IndicatorValue): ChartOption {
  return {
    animation: false,
    grid: { left: 2, right: 2, top: 4, bottom: 2 },
    tooltip: {
      trigger: 'axis',
      confine: true,
      formatter: (ps: unknown) => {
        const p = (ps as { name: string; value: number | null | undefined }[])[0]; // ECharts' line and bar points carry numbers
        return p ? `${p.name}：${p.value === null || p.value === undefined ? '—' : String(p.value)}` : '';
      },
    },
    xAxis: { type: 'category', show: false, boundaryGap: false, data: ind.trend.map((p) => p.month) },
    yAxis: { type: 'value', show: false, scale: true },
    series: [
      {
        // A month or two of data is a dot, not an invisible line.
        type: 'line',
        data: ind.trend.map((p) => p.value),
        symbol: 'circle',
        symbolSize: 4,
        showSymbol: ind.trend.filter((p) => p.value !== null).length <= 2,
        connectNulls: false,
        lineStyle: { width: 1.5, color: RAG_COLOR[ind.rag] === RAG_COLOR.none ? '#1677ff' : RAG_COLOR[ind.rag] },
        areaStyle: { opacity: 0.08 },
      },
    ],
  };
}

const targetLine = (ind: IndicatorValue, label: string) =>
  ind.target === null
    ? undefined
    : {
        silent: true,
        symbol: 'none',
        lineStyle: { color: '#cf1322', type: 'dashed' as const, width: 1.5 },
        label: { formatter: label, color: '#cf1322', position: 'end' as const, fontSize: 11 },
        data: [{ yAxis: ind.target }],
      };

/** Does `value` meet the indicator's target? null when there is nothing to compare. */
export function meets(ind: Pick<IndicatorValue, 'target' | 'direction'>, value: number | null): boolean | null {
  if (value === null || ind.target === null || ind.direction === 'none') return null;
  return ind.direction === 'higher' ? value >= ind.target : value <= ind.target;
}

/** One indicator by street: a bar per street (green meeting the target, orange not), the target as a line. */
export function streetOption(ind: IndicatorValue, targetLabel: string, selected: string | undefined, valueLabel: (v: number | null) => string): ChartOption {
  return {
    textStyle: FONT,
    animationDuration: 300,
    grid: { left: 8, right: 84, top: 28, bottom: 8, containLabel: true },
    tooltip: {
      trigger: 'item',
      formatter: (p: unknown) => {
        const q = p as { dataIndex: number };
        const s = ind.byStreet[q.dataIndex];
        if (!s) return '';
        const frac = s.numerator !== null && s.denominator !== null ? `（${s.numerator}/${s.denominator}）` : '';
        return `${s.streetName}<br/>${valueLabel(s.value)}${frac}`;
      },
    },
    xAxis: { type: 'category', data: ind.byStreet.map((s) => s.streetName), axisLabel: { ...axisLabel, interval: 0, rotate: 30 } },
    yAxis: { type: 'value', axisLabel, ...(ind.unit === 'percent' ? { max: (v: { max: number }) => Math.max(100, Math.ceil(v.max)) } : {}) },
    series: [
      {
        id: 'streets',
        type: 'bar',
        barMaxWidth: 32,
        data: ind.byStreet.map((s) => {
          const ok = meets(ind, s.value);
          const color = ok === null ? '#1677ff' : ok ? RAG_COLOR.green : '#fa8c16';
          return { value: s.value, itemStyle: { color, opacity: selected && selected !== s.streetCode ? 0.35 : 1 } };
        }),
        label: {
          show: true,
          position: 'top',
          fontSize: 11,
          color: '#595959',
          formatter: (p: { value: unknown }) => (p.value === null || p.value === undefined ? '' : String(Math.round(Number(p.value) * 10) / 10)),
        },
        markLine: targetLine(ind, targetLabel),
      },
    ],
  };
}

/** An indicator month by month, the target as a line. */
export function trendOption(ind: IndicatorValue, targetLabel: string, valueName: string): ChartOption {
  return {
    textStyle: FONT,
    animationDuration: 300,
    grid: { left: 8, right: 84, top: 28, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', boundaryGap: false, data: ind.trend.map((p) => p.month), axisLabel },
    yAxis: { type: 'value', axisLabel, scale: ind.unit !== 'percent' },
    series: [
      {
        type: 'line',
        name: valueName,
        data: ind.trend.map((p) => p.value),
        connectNulls: false,
        symbolSize: 6,
        lineStyle: { width: 2, color: '#1677ff' },
        itemStyle: { color: '#1677ff' },
        areaStyle: { opacity: 0.06 },
        markLine: targetLine(ind, targetLabel),
      },
    ],
  };
}

/** The parts of a distribution (children by category, by risk) as a ring. */
export function partsOption(parts: NonNullable<IndicatorValue['parts']>): ChartOption {
  return {
    textStyle: FONT,
    animationDuration: 300,
    tooltip: { trigger: 'item', formatter: '{b}：{c}（{d}%）' },
    legend: { type: 'plain', bottom: 0, itemWidth: 12, itemHeight: 8 },
    series: [
      {
        type: 'pie',
        radius: ['38%', '62%'],
        center: ['50%', '44%'],
        avoidLabelOverlap: true,
        label: { formatter: '{b}\n{c}', fontSize: 11 },
        data: parts.map((p) => ({ name: p.label, value: p.value })),
      },
    ],
  };
}
