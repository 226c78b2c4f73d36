/** 全部报告 / 待我审核 (ReportsPage): the report list with filters from the URL, paginated. */
import { Button, Card, Empty, Flex, Typography, type TableColumnsType } from 'antd';
import { EyeOutlined, PaperClipOutlined } from '@ant-design/icons';
import { Link, useLocation } from 'react-router';
import { useAuth } from '../../auth/useAuth';
import { ErrorResult } from '../../components/ErrorResult';
import { FilterSelect } from '../../components/FilterSelect';
import { formatDate, formatDateTime } from '../../components/format';
import { ListScaffold } from '../../components/ListScaffold';
import { useT } from '../../i18n/useT';
import { REPORT_STATES, type PlanReportRow, type ReportState } from './api';
import { usePeriods, usePlanTasks, useReports } from './queries';
import { ProgressTag, ReportStateTag, UnitSelect, todayText, useLocal, useQueryState } from './shared';

export function ReportListTab({ review }: { review: boolean }) {
  const t = useT();
  const { can } = useAuth();
  const local = useLocal();
  const { pathname, search } = useLocation();
  const { get, update } = useQueryState();
  const plan = get('plan');
  const period = get('period');
  const unit = get('unit');
  const task = get('task') ? Number(get('task')) : undefined;
  const state = (REPORT_STATES as readonly string[]).includes(get('state') ?? '') ? (get('state') as ReportState) : undefined;
  const page = Number(get('page') ?? 1) || 1;
  const pageSize = Number(get('pageSize') ?? 20) || 20;
  const periods = usePeriods(plan);
  const tasks = usePlanTasks(plan, can('plan.read.all') ? 'false' : 'true');
  const { data, isFetching: loading, error, refetch } = useReports({ plan, period, unit, task, state, toReview: review ? 'true' : undefined, page, pageSize });
  const from = `${pathname}${search}`;
  const filtering = !!(period || unit || task || state);

  const open = (r: PlanReportRow) => (
    <Link to={`/supervision/reports/${encodeURIComponent(r.id)}`} state={{ from }}>
      <Button size="small" type={review ? 'primary' : 'link'} icon={<EyeOutlined />}>
        {review ? t('supervision.reports.review') : t('supervision.reports.view')}
      </Button>
    </Link>
  );
  const columns: TableColumnsType<PlanReportRow> = [
    {
      title: t('supervision.col.task'),
      key: 'task',
      render: (_, r) => (
        <Link to={`/supervision/reports/${encodeURIComponent(r.id)}`} state={{ from }}>
          {r.taskNo}. {r.taskSummary}
        </Link>
      ),
    },
    { title: t('supervision.col.unit'), dataIndex: 'unitName', width: 130 },
    { title: t('supervision.col.period'), dataIndex: 'periodLabel', width: 130 },
    {
      title: t('supervision.col.state'),
      key: 'state',
      width: 150,
      render: (_, r) => <ReportStateTag state={r.state} late={r.late} overdue={r.state !== 'submitted' && r.state !== 'accepted' && r.dueOn < todayText()} />,
    },
    { title: t('supervision.col.progress'), dataIndex: 'progress', width: 90, render: (p: PlanReportRow['progress']) => <ProgressTag progress={p} /> },
    { title: t('supervision.col.dueOn'), dataIndex: 'dueOn', width: 110, render: (v: string) => formatDate(v) },
    {
      title: t('supervision.col.submittedAt'),
      key: 'sub',
      width: 150,
      render: (_, r) =>
        r.submittedAt ? (
          <Flex vertical>
            <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(r.submittedAt)}</span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.submittedByName ?? ''}
            </Typography.Text>
          </Flex>
        ) : (
          '—'
        ),
    },
    {
      title: t('supervision.col.evidence'),
      dataIndex: 'evidenceCount',
      width: 70,
      render: (n: number) =>
        n ? (
          <span>
            <PaperClipOutlined /> {n}
          </span>
        ) : (
          '—'
        ),
    },
    { title: t('common.actions'), key: 'a', width: 110, fixed: 'right', render: (_, r) => open(r) },
  ];

  const empty = (
    <Empty
      image={Empty.PRESENTED_IMAGE_SIMPLE}
      description={review ? t('supervision.reports.reviewEmpty') : filtering ? t('supervision.reports.emptyFiltered') : t('supervision.reports.empty')}
    />
  );
  const paging = {
    page,
    pageSize,
    pageSizeOptions: [20, 50, 100],
    onChange: (p: number, size: number) => update({ page: String(size === pageSize ? p : 1), pageSize: String(size) }),
  };

  const filters = (
    <Card size="small" style={{ marginBottom: 12 }}>
      <Flex gap={8} wrap align="center">
        <FilterSelect
          label={t('supervision.period')}
          placeholder={t('supervision.filter.period')}
          minWidth={170}
          value={period}
          loading={periods.isLoading}
          onChange={(v) => update({ period: v })}
          options={[...(periods.data?.items ?? [])]
            .filter((p) => p.open)
            .reverse()
            .map((p) => ({ value: p.key, label: local.period(p) }))}
        />
        <UnitSelect enabled={can('org.read')} label={t('supervision.filter.unit')} minWidth={170} value={unit} onChange={(v) => update({ unit: v })} />
        <FilterSelect
          search
          label={t('supervision.filter.task')}
          minWidth={240}
          value={task}
          loading={tasks.isLoading}
          onChange={(v) => update({ task: v === undefined ? undefined : String(v) })}
          options={(tasks.data?.tasks ?? []).map((x) => ({ value: x.no, label: `${x.no}. ${x.summary}` }))}
        />
        {review ? null : (
          <FilterSelect
            label={t('supervision.filter.state')}
            minWidth={120}
            value={state}
            onChange={(v) => update({ state: v })}
            options={REPORT_STATES.map((s) => ({ value: s, label: t(`supervision.state.${s}`) }))}
          />
        )}
        {filtering ? (
          <Button type="link" onClick={() => update({ period: undefined, unit: undefined, task: undefined, state: undefined })}>
            {t('supervision.filter.clear')}
          </Button>
        ) : null}
      </Flex>
    </Card>
  );

  return (
    <>
      {error && !data ? (
        <>
          {filters}
          <ErrorResult error={error} onRetry={() => void refetch()} />
        </>
      ) : (
        <ListScaffold<PlanReportRow>
          filters={filters}
          items={data?.items}
          total={data?.total}
          loading={loading}
          rowKey="id"
          columns={columns}
          paging={paging}
          emptyText={empty}
          tableProps={{ scroll: { x: 1100 } }}
          renderMobile={(r) => (
            <Flex justify="space-between" align="center" gap={8}>
              <Flex vertical gap={4} style={{ minWidth: 0 }}>
                <Typography.Text strong>
                  {r.taskNo}. {r.taskSummary}
                </Typography.Text>
                <Typography.Text type="secondary">
                  {r.unitName} · {r.periodLabel}
                </Typography.Text>
                <Flex gap={4} wrap>
                  <ReportStateTag state={r.state} late={r.late} />
                  <ProgressTag progress={r.progress} />
                </Flex>
              </Flex>
              {open(r)}
            </Flex>
          )}
        />
      )}
    </>
  );
}
