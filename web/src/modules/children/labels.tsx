import { Tag, Tooltip } from 'antd';
import dayjs from 'dayjs';
import { TAG_COLOR } from '../../components/tagColors';
import { useT } from '../../i18n/useT';
import { isMessageKey } from '../../locales/zh-CN';
import type { Risk } from './types';

/** A label for a code sent by the server; a code this version does not know shows as itself. */
export function useCodeLabel() {
  const t = useT();
  return (prefix: 'category' | 'memberState' | 'role' | 'closeReason' | 'risk' | 'historyAction' | 'historyField', code: string | null | undefined): string => {
    if (!code) return '—';
    const key = `children.${prefix}.${code}`;
    return isMessageKey(key) ? t(key) : code;
  };
}

const RISK_COLOR: Record<Risk, string> = { high: TAG_COLOR.danger, medium: TAG_COLOR.warning, low: TAG_COLOR.ok };

export function RiskTag({ risk }: { risk: Risk }) {
  const t = useT();
  return <Tag color={RISK_COLOR[risk]}>{t(`children.risk.${risk}`)}</Tag>;
}

/** 在册 green, 结案 grey (ui.md colours). */
export function FileStatusTag({ status }: { status: 'active' | 'closed' }) {
  const t = useT();
  return <Tag color={status === 'active' ? TAG_COLOR.ok : TAG_COLOR.closed}>{t(`children.state.${status}`)}</Tag>;
}

/** Category tags; `max` of them, then "+N" with the rest in a tooltip. */
export function CategoryTags({ codes, max }: { codes: string[]; max?: number }) {
  const label = useCodeLabel();
  const shown = max === undefined ? codes : codes.slice(0, max);
  const rest = codes.slice(shown.length);
  return (
    <span style={{ display: 'inline-flex', flexWrap: 'wrap', gap: 4 }}>
      {shown.map((c) => (
        <Tag key={c} style={{ marginInlineEnd: 0 }}>
          {label('category', c)}
        </Tag>
      ))}
      {rest.length > 0 ? (
        <Tooltip title={rest.map((c) => label('category', c)).join('、')}>
          <Tag style={{ marginInlineEnd: 0 }}>+{rest.length}</Tag>
        </Tooltip>
      ) : null}
    </span>
  );
}

/** The next visit date, with a red "逾期 N 天" tag when it has passed. */
export function NextVisit({ due, overdueDays }: { due: string | null; overdueDays: number | null }) {
  const t = useT();
  if (!due) return <span style={{ color: '#8c8c8c' }}>—</span>;
  return (
    <span style={{ display: 'inline-flex', gap: 6, alignItems: 'center', flexWrap: 'wrap' }}>
      <span style={overdueDays ? { color: '#cf1322' } : undefined}>{dayjs(due).format('YYYY-MM-DD')}</span>
      {overdueDays ? (
        <Tag color={TAG_COLOR.danger} style={{ marginInlineEnd: 0 }}>
          {t('children.overdueDays', { days: overdueDays })}
        </Tag>
      ) : null}
    </span>
  );
}

/** Money is kept in fen; shown as ¥1,234.00 (ui.md). */
export function formatFen(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return '—';
  const yuan = fen / 100;
  return `¥${yuan.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

export const yuanToFen = (yuan: number | null | undefined): number | null => (yuan === null || yuan === undefined ? null : Math.round(yuan * 100));
export const fenToYuan = (fen: number | null | undefined): number | null => (fen === null || fen === undefined ? null : fen / 100);

export const DATE = 'YYYY-MM-DD';
export const toDateString = (d: dayjs.Dayjs | null | undefined): string | null => (d ? d.format(DATE) : null);
export const toDayjs = (s: string | null | undefined): dayjs.Dayjs | undefined => (s ? dayjs(s) : undefined);
/** Date pickers never offer days after today for things that already happened. */
export const afterToday = (d: dayjs.Dayjs) => d.isAfter(dayjs(), 'day');
