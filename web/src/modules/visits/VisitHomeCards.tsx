import type { ReactNode } from 'react';
import { Card, Statistic, Typography } from 'antd';
import { CalendarOutlined, EditOutlined, RightOutlined, WarningOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useT } from '../../i18n/useT';
import type { MessageKey } from '../../locales/zh-CN';
import { visitsApi, type VisitSummary } from './api';

function SummaryCard({
  field,
  kind,
  title,
  icon,
  unit,
  open,
  danger,
}: {
  field: keyof VisitSummary;
  kind: string;
  title: MessageKey;
  icon: ReactNode;
  unit: MessageKey;
  open: MessageKey;
  danger?: boolean;
}) {
  const t = useT();
  // The three cards mount together on 工作台: one query key, one request.
  const { data, isPending: loading, error } = useQuery({ queryKey: ['visits', 'summary'], queryFn: visitsApi.summary });
  const value = data?.[field] ?? 0;
  return (
    <Link to={`/visits?kind=${kind}`} style={{ display: 'block' }}>
      <Card hoverable loading={loading} style={{ height: '100%' }}>
        <Statistic
          title={
            <>
              {icon}
              <span style={{ marginInlineStart: 6 }}>{t(title)}</span>
            </>
          }
          value={error ? '—' : value}
          suffix={error ? undefined : t(unit)}
          styles={{ content: danger && value > 0 ? { color: '#cf1322' } : undefined }}
        />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {error ? t('error.loadFailed') : t(open)} <RightOutlined style={{ fontSize: 10 }} />
        </Typography.Text>
      </Card>
    </Link>
  );
}

export function OverdueCard() {
  return (
    <SummaryCard field="overdue" kind="overdue" title="visits.home.overdue" icon={<WarningOutlined />} unit="visits.home.unit" open="visits.home.open" danger />
  );
}
export function DueThisWeekCard() {
  return (
    <SummaryCard
      field="dueThisWeek"
      kind="due-this-week"
      title="visits.home.dueThisWeek"
      icon={<CalendarOutlined />}
      unit="visits.home.unit"
      open="visits.home.open"
    />
  );
}
export function DraftsCard() {
  return (
    <SummaryCard field="drafts" kind="drafts" title="visits.home.drafts" icon={<EditOutlined />} unit="visits.home.draftUnit" open="visits.home.openDrafts" />
  );
}
