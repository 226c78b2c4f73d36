/** 本单位任务 (ReportsPage): one period, each task of the unit with its report (or 未填报), due date and what to do. */
import { useMemo } from 'react';
import { Alert, Button, Empty, Flex, Typography, type TableColumnsType } from 'antd';
import { EditOutlined, EyeOutlined, FormOutlined, PaperClipOutlined } from '@ant-design/icons';
import { Link, useLocation } from 'react-router';
import { toQueryString } from '../../api/client';
import { useAuth } from '../../auth/useAuth';
import { ErrorResult } from '../../components/ErrorResult';
import { formatDate } from '../../components/format';
import { ListScaffold } from '../../components/ListScaffold';
import { useIsMobile } from '../../hooks/useIsMobile';
import { useT } from '../../i18n/useT';
import type { WorkspaceRow } from './api';
import { usePeriods, useWorkspace } from './queries';
import { PeriodSelect, ProgressTag, ReportStateTag, UnitSelect, useQueryState } from './shared';

/** A workspace row with a key of its own (task and unit) for the list. */
type Row = WorkspaceRow & { key: string };

export function WorkspaceTab() {
  const t = useT();
  const { can } = useAuth();
  const mobile = useIsMobile();
  const { pathname, search } = useLocation();
  const { get, update } = useQueryState();
  const plan = get('plan');
  const period = get('period');
  const onBehalf = can('plan.read.all') && can('plan.review');
  const unit = onBehalf ? get('unit') : undefined;
  const periods = usePeriods(plan);
  const { data, isFetching: loading, error, refetch } = useWorkspace({ plan, period, unit });
  const items = useMemo(() => data?.items.map((r) => ({ ...r, key: `${r.task.id}:${r.unitCode}` })), [data]);
  const from = `${pathname}${search}`;

  const editLink = (r: WorkspaceRow) => `/supervision/reports/edit${toQueryString({ task: r.task.id, period: data?.period, unit: unit, plan })}`;
  const pending = (r: WorkspaceRow) => !r.report || r.report.state === 'draft' || r.report.state === 'returned';
  const action = (r: WorkspaceRow) => {
    if (!data?.open) return null;
    if (r.report && !pending(r)) {
      return (
        <Link to={`/supervision/reports/${encodeURIComponent(r.report.id)}`} state={{ from }}>
          <Button size={mobile ? 'middle' : 'small'} icon={<EyeOutlined />}>
            {t('supervision.reports.view')}
          </Button>
        </Link>
      );
    }
    const label = !r.report
      ? t('supervision.reports.fill')
      : r.report.state === 'returned'
        ? t('supervision.reports.revise')
        : t('supervision.reports.continue');
    return (
      <Link to={editLink(r)} state={{ from }}>
        <Button type={r.report ? 'default' : 'primary'} size={mobile ? 'middle' : 'small'} icon={r.report ? <EditOutlined /> : <FormOutlined />}>
          {label}
        </Button>
      </Link>
    );
  };

  const counts = useMemo(() => {
    const items = data?.items ?? [];
    return { total: items.length, todo: items.filter(pending).length, overdue: items.filter((r) => r.overdue && pending(r)).length };
  }, [data]);

  const empty = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('supervision.reports.workspaceEmpty')} />;
  const columns: TableColumnsType<Row> = [
    { title: t('supervision.col.no'), key: 'no', width: 60, render: (_, r) => r.task.no },
    {
      title: t('supervision.col.task'),
      key: 'task',
      render: (_, r) => (
        <Flex vertical>
          <span>{r.task.summary}</span>
          {r.task.leadUnit === r.unitCode ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('supervision.reports.leadHint')}
            </Typography.Text>
          ) : null}
        </Flex>
      ),
    },
    {
      title: t('supervision.col.state'),
      key: 'state',
      width: 170,
      render: (_, r) => <ReportStateTag state={r.report?.state ?? null} overdue={r.overdue} late={r.report?.late} />,
    },
    { title: t('supervision.col.progress'), key: 'progress', width: 100, render: (_, r) => (r.report ? <ProgressTag progress={r.report.progress} /> : '—') },
    {
      title: t('supervision.col.dueOn'),
      key: 'due',
      width: 110,
      render: (_, r) => <Typography.Text type={r.overdue && pending(r) ? 'danger' : undefined}>{formatDate(r.dueOn)}</Typography.Text>,
    },
    {
      title: t('supervision.col.evidence'),
      key: 'ev',
      width: 80,
      render: (_, r) =>
        r.report?.evidenceCount ? (
          <span>
            <PaperClipOutlined /> {r.report.evidenceCount}
          </span>
        ) : (
          '—'
        ),
    },
    { title: t('common.actions'), key: 'a', width: 120, fixed: 'right', render: (_, r) => action(r) },
  ];

  return (
    <>
      <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
        <PeriodSelect all periods={periods.data} loading={periods.isLoading} value={data?.period ?? period} onChange={(k) => update({ period: k })} />
        {onBehalf ? (
          <UnitSelect
            activeOnly
            label={t('supervision.reports.onBehalf')}
            placeholder={t('supervision.reports.onBehalfPlaceholder')}
            minWidth={200}
            value={unit}
            onChange={(v) => update({ unit: v })}
          />
        ) : null}
        {data ? (
          <Typography.Text type="secondary">
            {t('supervision.reports.workspaceSummary', {
              unit: data.unitName,
              period: data.periodLabel,
              due: formatDate(data.dueOn),
              total: counts.total,
              todo: counts.todo,
            })}
            {counts.overdue ? <Typography.Text type="danger">{t('supervision.reports.workspaceOverdue', { n: counts.overdue })}</Typography.Text> : null}
          </Typography.Text>
        ) : null}
      </Flex>
      {data && !data.open ? (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('supervision.reports.notOpen', { period: data.periodLabel })} />
      ) : null}
      {error && !data ? (
        <ErrorResult error={error} onRetry={() => void refetch()} />
      ) : (
        <ListScaffold<Row>
          items={items}
          loading={loading}
          rowKey="key"
          columns={columns}
          emptyText={empty}
          tableProps={{ scroll: { x: 'max-content' } }}
          renderMobile={(r) => (
            <Flex justify="space-between" align="center" gap={8}>
              <Flex vertical gap={4} style={{ minWidth: 0 }}>
                <Typography.Text strong>
                  {r.task.no}. {r.task.summary}
                </Typography.Text>
                <Flex gap={4} wrap>
                  <ReportStateTag state={r.report?.state ?? null} overdue={r.overdue} late={r.report?.late} />
                  {r.report ? <ProgressTag progress={r.report.progress} /> : null}
                </Flex>
                <Typography.Text type={r.overdue && pending(r) ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
                  {t('supervision.reports.dueOn', { date: formatDate(r.dueOn) })}
                </Typography.Text>
              </Flex>
              {action(r)}
            </Flex>
          )}
        />
      )}
    </>
  );
}
