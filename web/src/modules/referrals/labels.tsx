import { Tag } from 'antd';
import { ThunderboltOutlined } from '@ant-design/icons';
import { TAG_COLOR } from '../../components/tagColors';
import { formatDate } from '../../components/format';
import { useT } from '../../i18n/useT';
import { zhCN, type MessageKey } from '../../locales/zh-CN';
import type { Referral, ReferralStatus, Urgency } from './api';

const STATUS_COLOR: Record<ReferralStatus, string> = {
  sent: TAG_COLOR.info,
  received: TAG_COLOR.info,
  accepted: TAG_COLOR.info,
  declined: TAG_COLOR.warning,
  in_progress: 'processing',
  completed: TAG_COLOR.ok,
  closed: TAG_COLOR.closed,
  withdrawn: TAG_COLOR.closed,
};

export function StatusTag({ status }: { status: ReferralStatus }) {
  const t = useT();
  return <Tag color={STATUS_COLOR[status]}>{t(`referrals.status.${status}`)}</Tag>;
}

/** 一般 shows nothing; 紧急 orange; 特急 red. */
export function UrgencyTag({ urgency }: { urgency: Urgency }) {
  const t = useT();
  if (urgency === 'normal') return null;
  return <Tag color={urgency === 'emergency' ? TAG_COLOR.danger : TAG_COLOR.warning}>{t(`referrals.urgency.${urgency}`)}</Tag>;
}

export function ChannelTag() {
  const t = useT();
  return (
    <Tag color="magenta" icon={<ThunderboltOutlined />}>
      {t('referrals.channel')}
    </Tag>
  );
}

/** The deadline, red with 逾期 when it has passed while the referral is open. */
export function DueText({ r }: { r: Pick<Referral, 'dueOn' | 'overdue'> }) {
  const t = useT();
  return r.overdue ? (
    <span style={{ color: '#cf1322', fontWeight: 500 }}>
      {formatDate(r.dueOn)} <Tag color={TAG_COLOR.danger}>{t('referrals.overdue')}</Tag>
    </span>
  ) : (
    <span>{formatDate(r.dueOn)}</span>
  );
}

const isKey = (key: string): key is MessageKey => key in zhCN;

/** A stored code in words (性别 F → 女, a benefit's status, a problem's category); the code itself when no text exists for it. */
export function useCodeLabel() {
  const t = useT();
  return (prefix: string, code: string | null | undefined): string => {
    if (code === null || code === undefined || code === '') return '—';
    const key = `${prefix}.${code}`;
    return isKey(key) ? t(key) : code;
  };
}
