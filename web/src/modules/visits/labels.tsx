import { Tag } from 'antd';
import { TAG_COLOR } from '../../components/tagColors';
import { useT } from '../../i18n/useT';
import { isMessageKey } from '../../locales/zh-CN';
import type { CheckStatus } from './api';

export const VISIT_KINDS = ['home', 'phone', 'video', 'school'] as const;
export const PROBLEM_CATEGORIES = ['living', 'safety', 'health', 'schooling', 'guardianship', 'psychology', 'policy', 'other'] as const;
export const SEVERITIES = ['high', 'medium', 'low'] as const;
export const RISK_LEVELS = ['high', 'medium', 'low'] as const;

/** Colours of one meaning across the interface (ui.md): red high/overdue, orange medium/due soon, green low/done. */
export const RISK_COLOR = { high: TAG_COLOR.danger, medium: TAG_COLOR.warning, low: TAG_COLOR.ok } as const;
export const CHECK_COLOR: Record<CheckStatus, string> = { ok: '#389e0d', attention: '#d46b08', na: '#8c8c8c' };
export const CHECK_TAG: Record<CheckStatus, string> = { ok: TAG_COLOR.ok, attention: TAG_COLOR.warning, na: TAG_COLOR.closed };

/** A label for a code from data, or the code itself when this interface does not know it yet. */
export function useCodeLabel() {
  const t = useT();
  return (prefix: string, code: string | null | undefined): string => {
    if (!code) return '—';
    const key = `${prefix}.${code}`;
    return isMessageKey(key) ? t(key) : code;
  };
}

export function RiskTag({ level }: { level: 'high' | 'medium' | 'low' }) {
  const t = useT();
  return <Tag color={RISK_COLOR[level]}>{t(`visits.risk.${level}`)}</Tag>;
}

/** 逾期 N 天 (red), 今天到期 / N 天后到期 (orange), from the days past due (negative: days left). */
export function DueTag({ daysOverdue, due }: { daysOverdue: number | null; due: string | null }) {
  const t = useT();
  if (!due || daysOverdue === null) return <Tag color={TAG_COLOR.closed}>{t('visits.due.none')}</Tag>;
  if (daysOverdue > 0) return <Tag color={TAG_COLOR.danger}>{t('visits.due.overdue', { days: daysOverdue })}</Tag>;
  if (daysOverdue === 0) return <Tag color={TAG_COLOR.warning}>{t('visits.due.today')}</Tag>;
  if (daysOverdue >= -7) return <Tag color={TAG_COLOR.warning}>{t('visits.due.inDays', { days: -daysOverdue })}</Tag>;
  return <Tag color={TAG_COLOR.ok}>{t('visits.due.inDays', { days: -daysOverdue })}</Tag>;
}

export function VisitStatusTag({ status }: { status: 'draft' | 'submitted' }) {
  const t = useT();
  return <Tag color={status === 'draft' ? TAG_COLOR.info : TAG_COLOR.ok}>{t(`visits.status.${status}`)}</Tag>;
}
