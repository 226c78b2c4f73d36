/**
 * 督办总览: the leaders' dashboard for one period and area. Every figure opens the list behind it:
 * a task-status bar the task list with that status, a unit bar the unit's reports, an indicator
 * card or street bar the indicator's own list.
 */
import { useState, type ReactNode } from 'react';
import { App, Button, Card, Col, Empty, Flex, Row, Statistic, Typography } from 'antd';
import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import { toQueryString } from '../../api/client';
import { ErrorResult } from '../../components/ErrorResult';
import { formatDate } from '../../components/format';
import { FullPageSpin } from '../../components/FullPageSpin';
import { PageHeader } from '../../components/PageHeader';
import { useApiError } from '../../hooks/useApiError';
import { useT } from '../../i18n/useT';
import { downloadFile } from '../files/download';
import { planApi, TASK_STATUSES, type Dashboard, type TaskStatus } from './api';
import { CardTitle, StreetSection, TasksSection, UnitsSection } from './DashboardSections';
import { IndicatorCard } from './IndicatorCard';
import { ReferralStatsSection } from './ReferralStatsSection';
import { usePeriods } from './queries';
import { indicatorTarget, useArea, PeriodSelect, STATUS_COLOR, StreetSelect, useLocal, useUrlDashboard } from './shared';

export default function DashboardPage() {
  const navigate = useNavigate();
  const {
    all,
    plan,
    street,
    update,
    dash: { data, isFetching: loading, error, refetch },
  } = useUrlDashboard();
  const periods = usePeriods(plan);

  if (error && !data) return <ErrorResult error={error} onRetry={() => void refetch()} />;
  if (!data) return <FullPageSpin />;
  return (
    <DashboardBody
      d={data}
      loading={loading}
      header={
        <DashboardHeader
          d={data}
          periodsSelect={<PeriodSelect periods={periods.data} loading={periods.isLoading} value={data.period.key} onChange={(k) => update({ period: k })} />}
          streetSelect={all ? <StreetSelect streets={data.streets} value={street} onChange={(v) => update({ street: v })} /> : null}
          onPrint={() => navigate(`/supervision/print${toQueryString({ plan, period: data.period.key, street })}`)}
        />
      }
      street={street}
    />
  );
}

function DashboardHeader({
  d,
  periodsSelect,
  streetSelect,
  onPrint,
}: {
  d: Dashboard;
  periodsSelect: ReactNode;
  streetSelect: ReactNode;
  onPrint: () => void;
}) {
  const t = useT();
  const local = useLocal();
  const { message } = App.useApp();
  const showError = useApiError();
  const [busy, setBusy] = useState(false);
  const exportXlsx = async () => {
    setBusy(true);
    try {
      // A workbook download, saved under its name: the typed JSON client does not fit a file.
      const name = await downloadFile(
        planApi.workbookPath({ plan: d.plan.id, period: d.period.key, street: d.street?.code }),
        `${t('supervision.export.fileName', { period: local.period(d.period) })}.xlsx`,
      );
      void message.success(t('supervision.export.done', { name }));
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <PageHeader
      title={t('supervision.dashboard.title')}
      extra={
        <>
          {periodsSelect}
          {streetSelect}
          <Button icon={<DownloadOutlined />} loading={busy} onClick={() => void exportXlsx()}>
            {t('supervision.export.button')}
          </Button>
          <Button icon={<PrinterOutlined />} onClick={onPrint}>
            {t('supervision.print.button')}
          </Button>
        </>
      }
    >
      <Typography.Text type="secondary">
        {local.name(d.plan)} · {t('supervision.dashboard.asOf', { date: formatDate(d.asOf) })}
        {d.period.current
          ? ` · ${t('supervision.dashboard.running', { due: formatDate(d.period.dueOn) })}`
          : ` · ${t('supervision.dashboard.due', { due: formatDate(d.period.dueOn) })}`}
      </Typography.Text>
    </PageHeader>
  );
}

function DashboardBody({ d, header, street, loading }: { d: Dashboard; header: ReactNode; street: string | undefined; loading: boolean }) {
  const t = useT();
  const local = useLocal();
  const navigate = useNavigate();
  const area = useArea(d);
  const periodLabel = local.period(d.period);
  const scope = { period: periodLabel, area };
  const tasksTo = (q: { status?: TaskStatus; action?: number }) =>
    `/supervision/tasks${toQueryString({ plan: d.plan.active ? undefined : d.plan.id, period: d.period.key, street: d.street?.code, status: q.status, action: q.action })}`;
  // Reports not handed in have no row to list: "missing" opens the overdue list of the period.
  const reportsTo = (q: { unit?: string; task?: number; state?: string; missing?: boolean }) =>
    q.missing
      ? `/supervision/reports${toQueryString({ tab: 'overdue', plan: d.plan.active ? undefined : d.plan.id, period: d.period.key })}`
      : `/supervision/reports${toQueryString({ tab: 'all', plan: d.plan.active ? undefined : d.plan.id, period: d.period.key, unit: q.unit, task: q.task, state: q.state })}`;
  const total = TASK_STATUSES.reduce((n, s) => n + d.tasks.total[s], 0);

  return (
    <div style={{ opacity: loading ? 0.6 : 1, transition: 'opacity .2s' }}>
      {header}
      <Flex vertical gap={16}>
        {/* The tasks in figures: each count opens the task list with that status. */}
        <Row gutter={[12, 12]}>
          <Col xs={12} sm={8} md={4}>
            <Link to={tasksTo({})}>
              <Card size="small" hoverable>
                <Statistic title={t('supervision.dashboard.tasksTotal')} value={total} suffix={t('supervision.unit.tasks')} />
              </Card>
            </Link>
          </Col>
          {TASK_STATUSES.map((s) => (
            <Col xs={12} sm={8} md={4} key={s}>
              <Link
                to={tasksTo({ status: s })}
                aria-label={t('supervision.dashboard.statusCount', { status: t(`supervision.status.${s}`), n: d.tasks.total[s] })}
              >
                <Card size="small" hoverable style={{ borderTop: `3px solid ${STATUS_COLOR[s]}` }}>
                  <Statistic
                    title={t(`supervision.status.${s}`)}
                    value={d.tasks.total[s]}
                    suffix={t('supervision.unit.tasks')}
                    styles={{ content: s === 'late' && d.tasks.total[s] > 0 ? { color: '#cf1322' } : undefined }}
                  />
                </Card>
              </Link>
            </Col>
          ))}
        </Row>

        <TasksSection d={d} scope={scope} tasksTo={tasksTo} reportsTo={reportsTo} />
        <UnitsSection d={d} scope={scope} reportsTo={reportsTo} />

        <Card
          title={<CardTitle text={t('supervision.dashboard.indicatorsTitle', scope)} />}
          size="small"
          extra={
            <Link to={`/supervision/indicators${toQueryString({ period: d.period.key, street: d.street?.code })}`}>
              {t('supervision.dashboard.allIndicators')}
            </Link>
          }
        >
          {d.indicators.length === 0 ? (
            <Empty description={t('supervision.ind.empty')} />
          ) : (
            <Row gutter={[12, 12]}>
              {d.indicators.map((ind) => (
                <Col key={ind.code} xs={24} sm={12} lg={8} xl={6}>
                  <IndicatorCard ind={ind} to={indicatorTarget(ind, d.street?.code, d.period.key)} />
                </Col>
              ))}
            </Row>
          )}
        </Card>

        <StreetSection d={d} street={street} onOpen={(to) => navigate(to)} periodLabel={periodLabel} />
        <ReferralStatsSection d={d} scope={scope} />
      </Flex>
    </div>
  );
}
