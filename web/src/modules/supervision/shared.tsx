/**
 * Words, colours and small pieces shared by the 督办 pages: status tags (one meaning per colour),
 * indicator values with their unit, the period, filter, unit and street selectors, and cached reference lists.
 */
import { useCallback, useMemo, type CSSProperties } from 'react';
import { Select, Tag, Tooltip } from 'antd';
import { useSearchParams } from 'react-router';
import { toQueryString } from '../../api/client';
import { useAuth, useMe } from '../../auth/useAuth';
import { FilterSelect, type FilterSelectProps } from '../../components/FilterSelect';
import { TAG_COLOR } from '../../components/tagColors';
import { useI18n, useT } from '../../i18n/useT';
import type { IndicatorValue, PeriodInfo, PeriodList, Progress, Rag, ReportState, TaskStatus } from './api';
import { useDashboard, useUnitList } from './queries';

// ---- colours ----
/** Task status on charts and tags: green 已完成, blue 推进中, red 滞后, grey 未启动, light grey 未报告. */
export const STATUS_COLOR: Record<TaskStatus, string> = {
  done: '#52c41a',
  'in-progress': '#1677ff',
  late: '#ff4d4f',
  'not-started': '#8c8c8c',
  unreported: '#d9d9d9',
};
const STATUS_TAG: Record<TaskStatus, string> = {
  done: TAG_COLOR.ok,
  'in-progress': TAG_COLOR.info,
  late: TAG_COLOR.danger,
  'not-started': 'default',
  unreported: 'default',
};
const STATE_TAG: Record<ReportState, string> = { draft: TAG_COLOR.info, submitted: TAG_COLOR.warning, accepted: TAG_COLOR.ok, returned: TAG_COLOR.danger };
export const RAG_COLOR: Record<Rag, string> = { green: '#52c41a', amber: '#faad14', red: '#ff4d4f', none: '#bfbfbf' };
export const TIMELINESS_COLOR = { onTime: '#52c41a', late: '#fa8c16', missing: '#ff4d4f', pending: '#d9d9d9', accepted: '#1677ff' } as const;

export function TaskStatusTag({ status }: { status: TaskStatus }) {
  const t = useT();
  return (
    <Tag color={STATUS_TAG[status]} style={status === 'unreported' ? { color: '#595959', borderStyle: 'dashed' } : undefined}>
      {t(`supervision.status.${status}`)}
    </Tag>
  );
}

export function ProgressTag({ progress }: { progress: Progress }) {
  return <TaskStatusTag status={progress} />;
}

/** 草稿 / 待审核 / 已通过 / 已退回, or 未填报 when there is no report; 已逾期 in red when late and not submitted. */
export function ReportStateTag({ state, overdue, late }: { state: ReportState | null; overdue?: boolean; late?: boolean }) {
  const t = useT();
  const pending = state === null || state === 'draft' || state === 'returned';
  return (
    <span style={{ whiteSpace: 'nowrap' }}>
      {state ? <Tag color={STATE_TAG[state]}>{t(`supervision.state.${state}`)}</Tag> : <Tag>{t('supervision.state.none')}</Tag>}
      {overdue && pending ? <Tag color={TAG_COLOR.danger}>{t('supervision.state.overdue')}</Tag> : null}
      {late && !pending ? (
        <Tooltip title={t('supervision.state.lateHint')}>
          <Tag color={TAG_COLOR.warning}>{t('supervision.state.late')}</Tag>
        </Tooltip>
      ) : null}
    </span>
  );
}

export function RagDot({ rag, size = 10 }: { rag: Rag; size?: number }) {
  const t = useT();
  return (
    <span
      role="img"
      aria-label={t(`supervision.rag.${rag}`)}
      title={t(`supervision.rag.${rag}`)}
      style={{ display: 'inline-block', width: size, height: size, borderRadius: '50%', background: RAG_COLOR[rag], flex: 'none' }}
    />
  );
}

// ---- values ----
const fmt = (n: number, digits: number) => n.toLocaleString('zh-CN', { maximumFractionDigits: digits });

/** "85.3%", "1,234", "12 天"; null is "no data", never 0. */
export function useFormatValue() {
  const t = useT();
  return useCallback(
    (ind: Pick<IndicatorValue, 'unit'>, value: number | null | undefined): string => {
      if (value === null || value === undefined) return t('supervision.noData');
      if (ind.unit === 'percent') return `${fmt(value, 1)}%`;
      if (ind.unit === 'days') return t('supervision.unit.days', { n: fmt(value, 1) });
      return fmt(value, 1);
    },
    [t],
  );
}

/** "目标 ≥ 90%" / "目标 ≤ 30 天" / "未设目标". */
export function useTargetText() {
  const t = useT();
  const format = useFormatValue();
  return useCallback(
    (ind: Pick<IndicatorValue, 'unit' | 'direction' | 'target'>): string => {
      if (ind.target === null) return t('supervision.target.none');
      const op = ind.direction === 'higher' ? '≥ ' : ind.direction === 'lower' ? '≤ ' : '';
      return t('supervision.target.value', { value: `${op}${format(ind, ind.target)}` });
    },
    [t, format],
  );
}

/** Chinese or English of a record carrying both (`name`/`nameEn`, `label`/`labelEn`, `definition`/`definitionEn`). */
export function useLocal() {
  const { lang } = useI18n();
  return useMemo(
    () => ({
      en: lang === 'en-US',
      period: (p: { label: string; labelEn: string } | null | undefined) => (p ? (lang === 'en-US' && p.labelEn ? p.labelEn : p.label) : ''),
      name: (p: { name: string; nameEn?: string | null } | null | undefined) => (p ? (lang === 'en-US' && p.nameEn ? p.nameEn : p.name) : ''),
      definition: (p: { definition: string; definitionEn: string }) => (lang === 'en-US' && p.definitionEn ? p.definitionEn : p.definition),
    }),
    [lang],
  );
}

// ---- URL state ----
/** Reads and writes query parameters; a change of filter goes back to page 1. */
export function useQueryState() {
  const [params, setParams] = useSearchParams();
  const update = useCallback(
    (next: Record<string, string | undefined | null>) => {
      setParams(
        (prev) => {
          const p = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(next)) {
            if (v === undefined || v === null || v === '') p.delete(k);
            else p.set(k, v);
          }
          if (!('page' in next)) p.delete('page');
          return p;
        },
        { replace: true },
      );
    },
    [setParams],
  );
  const get = useCallback((k: string) => params.get(k) ?? undefined, [params]);
  return { params, get, update };
}

/** The figures the URL asks for: plan, period and, for those who see the whole district, street. */
export function useUrlDashboard() {
  const { can } = useAuth();
  const { get, update } = useQueryState();
  const all = can('plan.read.all');
  const plan = get('plan');
  const period = get('period');
  const street = all ? get('street') : undefined;
  const dash = useDashboard({ plan, period, street });
  return { all, plan, period, street, update, dash };
}

/** The period selector: open periods (reporting ones when `all`), the current one marked. */
export function PeriodSelect({
  periods,
  value,
  onChange,
  all = false,
  loading,
  style,
}: {
  periods: PeriodList | undefined;
  value: string | undefined;
  onChange: (key: string) => void;
  all?: boolean;
  loading?: boolean;
  style?: CSSProperties;
}) {
  const t = useT();
  const local = useLocal();
  const items = (periods?.items ?? []).filter((p) => all || p.open || p.key === periods?.current);
  const label = (p: PeriodInfo) =>
    `${local.period(p)}${p.key === periods?.current ? t('supervision.period.currentMark') : ''}${!p.open ? t('supervision.period.notOpenMark') : ''}`;
  return (
    <Select
      aria-label={t('supervision.period')}
      style={{ minWidth: 190, ...style }}
      loading={loading}
      value={value}
      onChange={onChange}
      options={[...items].reverse().map((p) => ({ value: p.key, label: label(p) }))}
      placeholder={t('supervision.period')}
    />
  );
}

/** A filter on the organisation's units (active ones only when `activeOnly`); the list is loaded only when `enabled`. */
export function UnitSelect({
  enabled = true,
  activeOnly = false,
  ...props
}: Omit<FilterSelectProps<string>, 'options' | 'loading' | 'search'> & { enabled?: boolean; activeOnly?: boolean }) {
  const local = useLocal();
  const units = useUnitList(enabled);
  const items = (units.data?.items ?? []).filter((u) => !activeOnly || u.active);
  return <FilterSelect<string> {...props} search loading={units.isLoading} options={items.map((u) => ({ value: u.code, label: local.name(u) }))} />;
}

/** The area of the figures, for those who see the whole district: 全区 or one street. */
export function StreetSelect({
  streets,
  value,
  onChange,
}: {
  streets: { code: string; name: string }[];
  value: string | undefined;
  onChange: (street: string | undefined) => void;
}) {
  const t = useT();
  return (
    <Select
      aria-label={t('supervision.area')}
      style={{ minWidth: 150 }}
      value={value ?? ''}
      onChange={(v: string) => onChange(v || undefined)}
      options={[{ value: '', label: t('supervision.area.district') }, ...streets.map((s) => ({ value: s.code, label: s.name }))]}
    />
  );
}

/** The period chosen in the URL, or the plan's current one. */
export function pickPeriod(periods: PeriodList | undefined, wanted: string | undefined): PeriodInfo | undefined {
  if (!periods) return undefined;
  return periods.items.find((p) => p.key === wanted) ?? periods.items.find((p) => p.key === periods.current) ?? periods.items[periods.items.length - 1];
}

/** Appends `street=` to a drill path from the server. */
export function withStreet(path: string, street: string | undefined): string {
  if (!street) return path;
  return `${path}${path.includes('?') ? '&' : '?'}street=${encodeURIComponent(street)}`;
}

// ---- plan words ----
export const ACTION_NO = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
export const actionPrefix = (n: number, en: boolean) => (en ? `${n}. ` : `（${ACTION_NO[n - 1] ?? n}）`);

/** Where an indicator's figure leads: its list (with the street chosen), or the indicators page. */
export function indicatorTarget(ind: { code: string; drill: string | null }, street: string | undefined, period: string | undefined): string {
  if (ind.drill) return withStreet(ind.drill, street);
  return `/supervision/indicators${toQueryString({ period, street })}#ind-${ind.code}`;
}

/** What the figures cover: a street, the whole district, or (for a unit that sees its own tasks only) the unit. */
export function useArea(d: { street: { name: string } | null }): string {
  const t = useT();
  const me = useMe();
  const { can } = useAuth();
  if (d.street) return d.street.name;
  return can('plan.read.all') ? t('supervision.area.district') : t('supervision.area.unit', { unit: me.unit.name });
}

/** Today in the browser's calendar (YYYY-MM-DD), to compare with due dates. */
export const todayText = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};
