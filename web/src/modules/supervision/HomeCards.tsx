/** 工作台 cards: this period's tasks to report (and overdue) for reporting units, reports to review for civil affairs, the period's progress for those who see every task. */
import { Card, Statistic, Typography } from 'antd';
import { AuditOutlined, DashboardOutlined, FlagOutlined, RightOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useI18n, useT } from '../../i18n/useT';
import { useDashboard, useReports, useWorkspace } from './queries';

export function ReportDueCard() {
  const t = useT();
  const { data, isLoading: loading, error } = useWorkspace({});
  const pending = (data?.items ?? []).filter((r) => !r.report || r.report.state === 'draft' || r.report.state === 'returned');
  const overdue = pending.filter((r) => r.overdue).length;
  const returned = pending.filter((r) => r.report?.state === 'returned').length;
  return (
    <Link to="/supervision/reports?tab=mine" style={{ display: 'block' }}>
      <Card hoverable loading={loading} style={{ height: '100%' }}>
        <Statistic
          title={
            <>
              <FlagOutlined />
              <span style={{ marginInlineStart: 6 }}>{t('supervision.home.dueTitle', { period: data?.periodLabel ?? '' })}</span>
            </>
          }
          value={error ? '—' : pending.length}
          suffix={error ? undefined : t('supervision.home.itemsUnit')}
          styles={{ content: overdue > 0 ? { color: '#cf1322' } : undefined }}
        />
        <Typography.Text type={overdue > 0 ? 'danger' : 'secondary'} style={{ fontSize: 12, display: 'block' }}>
          {error ? t('error.loadFailed') : t('supervision.home.dueLine', { n: pending.length, m: overdue })}
          {returned > 0 ? t('supervision.home.returned', { n: returned }) : ''}
        </Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('supervision.home.openReports')} <RightOutlined style={{ fontSize: 10 }} />
        </Typography.Text>
      </Card>
    </Link>
  );
}

export function ReviewCard() {
  const t = useT();
  const { data, isLoading: loading, error } = useReports({ toReview: 'true', page: 1, pageSize: 1 });
  const n = data?.total ?? 0;
  return (
    <Link to="/supervision/reports?tab=review" style={{ display: 'block' }}>
      <Card hoverable loading={loading} style={{ height: '100%' }}>
        <Statistic
          title={
            <>
              <AuditOutlined />
              <span style={{ marginInlineStart: 6 }}>{t('supervision.home.reviewTitle')}</span>
            </>
          }
          value={error ? '—' : n}
          suffix={error ? undefined : t('supervision.home.reportsUnit')}
          styles={{ content: n > 0 ? { color: '#d46b08' } : undefined }}
        />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {error ? t('error.loadFailed') : t('supervision.home.reviewLine', { n })} <RightOutlined style={{ fontSize: 10 }} />
        </Typography.Text>
      </Card>
    </Link>
  );
}

/** For those who see every task (civil affairs, leaders): this period's tasks behind schedule, opening 督办总览. */
export function OverviewCard() {
  const t = useT();
  const { lang } = useI18n();
  const { data, isLoading: loading, error } = useDashboard({});
  const c = data?.tasks.total;
  return (
    <Link to="/supervision" style={{ display: 'block' }}>
      <Card hoverable loading={loading} style={{ height: '100%' }}>
        <Statistic
          title={
            <>
              <DashboardOutlined />
              <span style={{ marginInlineStart: 6 }}>
                {t('supervision.home.overviewTitle', { period: data ? (lang === 'en-US' ? data.period.labelEn : data.period.label) : '' })}
              </span>
            </>
          }
          value={error || !c ? '—' : c.late}
          suffix={error || !c ? undefined : t('supervision.home.lateUnit')}
          styles={{ content: c && c.late > 0 ? { color: '#cf1322' } : undefined }}
        />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {error || !c ? t('error.loadFailed') : t('supervision.home.overviewLine', { done: c.done, inProgress: c['in-progress'], unreported: c.unreported })}{' '}
          <RightOutlined style={{ fontSize: 10 }} />
        </Typography.Text>
      </Card>
    </Link>
  );
}
