import { Tag } from 'antd';
import { useI18n } from '../../i18n/useT';
import { ACTIVITY_KIND_NAMES, ORGANISER_KIND_NAMES, type ActivityKind, type OrganiserKind } from './api';

/** The name of an activity kind in the interface's language. */
export function useKindName(): (k: ActivityKind) => string {
  const { lang } = useI18n();
  return (k) => (lang === 'en-US' ? ACTIVITY_KIND_NAMES[k].en : ACTIVITY_KIND_NAMES[k].zh);
}

export function useOrganiserKindName(): (k: OrganiserKind) => string {
  const { lang } = useI18n();
  return (k) => (lang === 'en-US' ? ORGANISER_KIND_NAMES[k].en : ORGANISER_KIND_NAMES[k].zh);
}

const STATUS_COLOR = { planned: 'blue', done: 'green', cancelled: 'default' } as const;

export function StatusTag({ status }: { status: 'planned' | 'done' | 'cancelled' }) {
  const { t } = useI18n();
  return <Tag color={STATUS_COLOR[status]}>{t(`activities.status.${status}`)}</Tag>;
}

const STANDING_COLOR = { overdue: 'red', due: 'orange', done: 'green', undetermined: 'default' } as const;

export function StandingTag({ standing }: { standing: 'overdue' | 'due' | 'done' | 'undetermined' }) {
  const { t } = useI18n();
  return <Tag color={STANDING_COLOR[standing]}>{t(`activities.compliance.${standing}`)}</Tag>;
}
