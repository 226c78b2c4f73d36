/** Labels, tags and formats shared by the casework screens. */
import { Tag } from 'antd';
import dayjs from 'dayjs';
import type { AssistanceKind, MentorKind, ProblemCategory, ProblemSeverity, ProblemStatus } from '@common/casework';
import { TAG_COLOR } from '../../components/tagColors';
import type { TFunction } from '../../i18n/I18nProvider';
import { useT } from '../../i18n/useT';
import type { MessageKey } from '../../locales/zh-CN';

// The value lists live here as plain arrays so the interface bundle does not pull in zod.
export const CATEGORIES: ProblemCategory[] = ['living', 'safety', 'health', 'schooling', 'guardianship', 'psychology', 'policy', 'other'];
export const SEVERITIES: ProblemSeverity[] = ['high', 'medium', 'low'];
export const STATUSES: ProblemStatus[] = ['open', 'in_progress', 'escalated', 'resolved'];
export const ASSISTANCE_KINDS: AssistanceKind[] = ['material', 'money', 'service', 'referral', 'education', 'medical', 'psychological'];
export const MENTOR_KINDS: MentorKind[] = ['mentor', 'buddy'];

export const categoryLabel = (t: TFunction, c: ProblemCategory) => t(`casework.category.${c}` as MessageKey);
export const severityLabel = (t: TFunction, s: ProblemSeverity) => t(`casework.severity.${s}` as MessageKey);
export const statusLabel = (t: TFunction, s: ProblemStatus) => t(`casework.status.${s}` as MessageKey);
export const assistanceKindLabel = (t: TFunction, k: AssistanceKind) => t(`casework.assistanceKind.${k}` as MessageKey);
export const mentorKindLabel = (t: TFunction, k: MentorKind) => t(`casework.mentorKind.${k}` as MessageKey);
export const eventLabel = (t: TFunction, k: string) => t(`casework.event.${k}` as MessageKey);

const SEVERITY_COLOR: Record<ProblemSeverity, string> = { high: TAG_COLOR.danger, medium: TAG_COLOR.warning, low: TAG_COLOR.ok };
const STATUS_COLOR: Record<ProblemStatus, string> = { open: TAG_COLOR.info, in_progress: 'cyan', escalated: 'purple', resolved: TAG_COLOR.ok };

export function SeverityTag({ value }: { value: ProblemSeverity }) {
  const t = useT();
  return <Tag color={SEVERITY_COLOR[value]}>{severityLabel(t, value)}</Tag>;
}

export function StatusTag({ value }: { value: ProblemStatus }) {
  const t = useT();
  return <Tag color={STATUS_COLOR[value]}>{statusLabel(t, value)}</Tag>;
}

/** Red "overdue N days" for a problem past its deadline (and not resolved). */
export function OverdueTag({ dueOn, overdue }: { dueOn: string | null; overdue: boolean }) {
  const t = useT();
  if (!overdue || !dueOn) return null;
  const days = Math.max(1, dayjs().startOf('day').diff(dayjs(dueOn), 'day'));
  return <Tag color={TAG_COLOR.danger}>{t('casework.overdueDays', { days })}</Tag>;
}

/** Integer fen shown as ¥1,234.00 (ui.md). */
export function formatFen(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return '—';
  return `¥${(fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

/** A share as a whole percentage, or — when there is nothing to divide by. */
export function percent(part: number, whole: number): string {
  if (!whole) return '—';
  return `${((part / whole) * 100).toFixed(1)}%`;
}

export const DATE = 'YYYY-MM-DD';
export const toDate = (d: dayjs.Dayjs | null | undefined) => (d ? d.format(DATE) : undefined);
export const afterToday = (d: dayjs.Dayjs) => d.isAfter(dayjs(), 'day');
export const beforeToday = (d: dayjs.Dayjs) => d.isBefore(dayjs(), 'day');
