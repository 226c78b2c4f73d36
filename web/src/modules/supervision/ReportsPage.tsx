/**
 * 进度报送: 本单位任务 (the caller's unit's tasks for a period, each with its report state and due
 * date), 全部报告 (every report the caller may see, filtered from the URL) and 待我审核 for reviewers.
 */
import { useMemo } from 'react';
import { Alert, Badge, Button, Card, Empty, Flex, List, Table, Tabs, Typography, type TableColumnsType } from 'antd';
import { EditOutlined, EyeOutlined, FormOutlined, PaperClipOutlined } from '@ant-design/icons';
import { Link, useLocation } from 'react-router';
import { toQueryString } from '../../api/client';
import { useAuth } from '../../auth/useAuth';
import { ErrorResult } from '../../components/ErrorResult';
import { FilterSelect } from '../../components/FilterSelect';
import { formatDate, formatDateTime } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { useApi } from '../../hooks/useApi';
import { useIsMobile } from '../../hooks/useIsMobile';
import { useT } from '../../i18n/useT';
import { planApi, REPORT_STATES, type OverdueList, type PlanReportRow, type ReportState, type WorkspaceRow } from './api';
import { PeriodSelect, ProgressTag, ReportStateTag, UnitSelect, cached, useLocal, usePeriods, useQueryState } from './shared';

type TabKey = 'mine' | 'all' | 'review' | 'overdue';

export default function ReportsPage() {
  const t = useT();
  const { can } = useAuth();
  const { get, update } = useQueryState();
  // Civil affairs reviews every report; a task's lead unit reviews its co-units' reports.
  const reviewer = can('plan.review') || can('plan.report');
  const tabs: TabKey[] = [...(can('plan.report') ? ['mine' as const] : []), 'all', ...(reviewer ? ['review' as const] : []), 'overdue'];
  const wanted = get('tab') as TabKey | undefined;
  const tab: TabKey = wanted && tabs.includes(wanted) ? wanted : tabs[0]!;
  const plan = get('plan');
  const reviewCount = useApi(() => (reviewer ? planApi.reports({ plan, toReview: 'true', page: 1, pageSize: 1 }).then((r) => r.total) : Promise.resolve(null)), [plan, tab]);

  const label = (k: TabKey) => {
    if (k === 'review') {
      return <Flex gap={6} align="center">{t('supervision.reports.tab.review')}{reviewCount.data ? <Badge count={reviewCount.data} overflowCount={999} /> : null}</Flex>;
    }
    return t(`supervision.reports.tab.${k}`);
  };

  return (
    <>
      <PageHeader title={t('supervision.reports.title')}>
        <Typography.Text type="secondary">{t('supervision.reports.subtitle')}</Typography.Text>
      </PageHeader>
      <Tabs
        activeKey={tab}
        // Each tab has its own filters: switching starts clean (the plan stays).
        onChange={(k) => update({ tab: k, period: undefined, unit: undefined, task: undefined, state: undefined, page: undefined, pageSize: undefined })}
        items={tabs.map((k) => ({ key: k, label: label(k) }))}
      />
      {tab === 'mine' ? <WorkspaceTab /> : tab === 'overdue' ? <OverdueTab /> : <ReportListTab review={tab === 'review'} />}
    </>
  );
}

/** 本单位任务: one period, each task of the unit with its report (or 未填报), due date and what to do. */
function WorkspaceTab() {
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
  const { data, loading, error, reload } = useApi(() => planApi.workspace({ plan, period, unit }), [plan, period, unit]);
  const from = `${pathname}${search}`;

  const editLink = (r: WorkspaceRow) => `/supervision/reports/edit${toQueryString({ task: r.task.id, period: data?.period, unit: unit, plan })}`;
  const pending = (r: WorkspaceRow) => !r.report || r.report.state === 'draft' || r.report.state === 'returned';
  const action = (r: WorkspaceRow) => {
    if (!data?.open) return null;
    if (r.report && !pending(r)) {
      return <Link to={`/supervision/reports/${encodeURIComponent(r.report.id)}`} state={{ from }}><Button size={mobile ? 'middle' : 'small'} icon={<EyeOutlined />}>{t('supervision.reports.view')}</Button></Link>;
    }
    const label = !r.report ? t('supervision.reports.fill') : r.report.state === 'returned' ? t('supervision.reports.revise') : t('supervision.reports.continue');
    return (
      <Link to={editLink(r)} state={{ from }}>
        <Button type={r.report ? 'default' : 'primary'} size={mobile ? 'middle' : 'small'} icon={r.report ? <EditOutlined /> : <FormOutlined />}>{label}</Button>
      </Link>
    );
  };

  const counts = useMemo(() => {
    const items = data?.items ?? [];
    return { total: items.length, todo: items.filter(pending).length, overdue: items.filter((r) => r.overdue && pending(r)).length };
  }, [data]);

  const empty = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('supervision.reports.workspaceEmpty')} />;
  const columns: TableColumnsType<WorkspaceRow> = [
    { title: t('supervision.col.no'), key: 'no', width: 60, render: (_, r) => r.task.no },
    { title: t('supervision.col.task'), key: 'task', render: (_, r) => <Flex vertical><span>{r.task.summary}</span>{r.task.leadUnit === r.unitCode ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('supervision.reports.leadHint')}</Typography.Text> : null}</Flex> },
    { title: t('supervision.col.state'), key: 'state', width: 170, render: (_, r) => <ReportStateTag state={r.report?.state ?? null} overdue={r.overdue} late={r.report?.late} /> },
    { title: t('supervision.col.progress'), key: 'progress', width: 100, render: (_, r) => (r.report ? <ProgressTag progress={r.report.progress} /> : '—') },
    { title: t('supervision.col.dueOn'), key: 'due', width: 110, render: (_, r) => <Typography.Text type={r.overdue && pending(r) ? 'danger' : undefined}>{formatDate(r.dueOn)}</Typography.Text> },
    { title: t('supervision.col.evidence'), key: 'ev', width: 80, render: (_, r) => (r.report?.evidenceCount ? <span><PaperClipOutlined /> {r.report.evidenceCount}</span> : '—') },
    { title: t('common.actions'), key: 'a', width: 120, fixed: 'right', render: (_, r) => action(r) },
  ];

  return (
    <>
      <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
        <PeriodSelect all periods={periods.data} loading={periods.loading} value={data?.period ?? period} onChange={(k) => update({ period: k })} />
        {onBehalf ? (
          <UnitSelect activeOnly label={t('supervision.reports.onBehalf')} placeholder={t('supervision.reports.onBehalfPlaceholder')} minWidth={200} value={unit} onChange={(v) => update({ unit: v })} />
        ) : null}
        {data ? (
          <Typography.Text type="secondary">
            {t('supervision.reports.workspaceSummary', { unit: data.unitName, period: data.periodLabel, due: formatDate(data.dueOn), total: counts.total, todo: counts.todo })}
            {counts.overdue ? <Typography.Text type="danger">{t('supervision.reports.workspaceOverdue', { n: counts.overdue })}</Typography.Text> : null}
          </Typography.Text>
        ) : null}
      </Flex>
      {data && !data.open ? <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('supervision.reports.notOpen', { period: data.periodLabel })} /> : null}
      {error && !data ? (
        <ErrorResult error={error} onRetry={reload} />
      ) : mobile ? (
        <Card size="small" styles={{ body: { padding: '0 12px' } }}>
          <List<WorkspaceRow>
            loading={loading}
            dataSource={data?.items}
            locale={{ emptyText: empty }}
            renderItem={(r) => (
              <List.Item style={{ paddingBlock: 12 }} extra={action(r)}>
                <Flex vertical gap={4} style={{ minWidth: 0 }}>
                  <Typography.Text strong>{r.task.no}. {r.task.summary}</Typography.Text>
                  <Flex gap={4} wrap>
                    <ReportStateTag state={r.report?.state ?? null} overdue={r.overdue} late={r.report?.late} />
                    {r.report ? <ProgressTag progress={r.report.progress} /> : null}
                  </Flex>
                  <Typography.Text type={r.overdue && pending(r) ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>{t('supervision.reports.dueOn', { date: formatDate(r.dueOn) })}</Typography.Text>
                </Flex>
              </List.Item>
            )}
          />
        </Card>
      ) : (
        <Table<WorkspaceRow>
          rowKey={(r) => `${r.task.id}:${r.unitCode}`}
          size="middle"
          loading={loading}
          columns={columns}
          dataSource={data?.items}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: empty }}
        />
      )}
    </>
  );
}

/** 全部报告 / 待我审核: the report list with filters from the URL, paginated. */
function ReportListTab({ review }: { review: boolean }) {
  const t = useT();
  const { can } = useAuth();
  const local = useLocal();
  const mobile = useIsMobile();
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
  const tasks = useApi(() => cached(`tasks:${plan ?? ''}`, () => planApi.tasks({ plan, mine: can('plan.read.all') ? 'false' : 'true' })), [plan]);
  const { data, loading, error, reload } = useApi(
    () => planApi.reports({ plan, period, unit, task, state, toReview: review ? 'true' : undefined, page, pageSize }),
    [plan, period, unit, task, state, review, page, pageSize],
  );
  const from = `${pathname}${search}`;
  const filtering = !!(period || unit || task || state);

  const open = (r: PlanReportRow) => (
    <Link to={`/supervision/reports/${encodeURIComponent(r.id)}`} state={{ from }}>
      <Button size="small" type={review ? 'primary' : 'link'} icon={<EyeOutlined />}>{review ? t('supervision.reports.review') : t('supervision.reports.view')}</Button>
    </Link>
  );
  const columns: TableColumnsType<PlanReportRow> = [
    { title: t('supervision.col.task'), key: 'task', render: (_, r) => <Link to={`/supervision/reports/${encodeURIComponent(r.id)}`} state={{ from }}>{r.taskNo}. {r.taskSummary}</Link> },
    { title: t('supervision.col.unit'), dataIndex: 'unitName', width: 130 },
    { title: t('supervision.col.period'), dataIndex: 'periodLabel', width: 130 },
    { title: t('supervision.col.state'), key: 'state', width: 150, render: (_, r) => <ReportStateTag state={r.state} late={r.late} overdue={r.state !== 'submitted' && r.state !== 'accepted' && r.dueOn < todayText()} /> },
    { title: t('supervision.col.progress'), dataIndex: 'progress', width: 90, render: (p: PlanReportRow['progress']) => <ProgressTag progress={p} /> },
    { title: t('supervision.col.dueOn'), dataIndex: 'dueOn', width: 110, render: (v: string) => formatDate(v) },
    { title: t('supervision.col.submittedAt'), key: 'sub', width: 150, render: (_, r) => (r.submittedAt ? <Flex vertical><span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(r.submittedAt)}</span><Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.submittedByName ?? ''}</Typography.Text></Flex> : '—') },
    { title: t('supervision.col.evidence'), dataIndex: 'evidenceCount', width: 70, render: (n: number) => (n ? <span><PaperClipOutlined /> {n}</span> : '—') },
    { title: t('common.actions'), key: 'a', width: 110, fixed: 'right', render: (_, r) => open(r) },
  ];

  const empty = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={review ? t('supervision.reports.reviewEmpty') : filtering ? t('supervision.reports.emptyFiltered') : t('supervision.reports.empty')} />;
  const pagination = {
    current: page,
    pageSize,
    total: data?.total ?? 0,
    showSizeChanger: !mobile,
    pageSizeOptions: [20, 50, 100],
    showTotal: (total: number) => t('common.total', { total }),
    onChange: (p: number, size: number) => update({ page: String(size === pageSize ? p : 1), pageSize: String(size) }),
  };

  return (
    <>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Flex gap={8} wrap align="center">
          <FilterSelect
            label={t('supervision.period')}
            placeholder={t('supervision.filter.period')}
            minWidth={170}
            value={period}
            loading={periods.loading}
            onChange={(v) => update({ period: v })}
            options={[...(periods.data?.items ?? [])].filter((p) => p.open).reverse().map((p) => ({ value: p.key, label: local.period(p) }))}
          />
          <UnitSelect enabled={can('org.read')} label={t('supervision.filter.unit')} minWidth={170} value={unit} onChange={(v) => update({ unit: v })} />
          <FilterSelect
            search
            label={t('supervision.filter.task')}
            minWidth={240}
            value={task}
            loading={tasks.loading}
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
          {filtering ? <Button type="link" onClick={() => update({ period: undefined, unit: undefined, task: undefined, state: undefined })}>{t('supervision.filter.clear')}</Button> : null}
        </Flex>
      </Card>
      {error && !data ? (
        <ErrorResult error={error} onRetry={reload} />
      ) : mobile ? (
        <Card size="small" styles={{ body: { padding: '0 12px' } }}>
          <List<PlanReportRow>
            loading={loading}
            dataSource={data?.items}
            pagination={{ ...pagination, size: 'small', align: 'center' }}
            locale={{ emptyText: empty }}
            renderItem={(r) => (
              <List.Item style={{ paddingBlock: 12 }} extra={open(r)}>
                <Flex vertical gap={4} style={{ minWidth: 0 }}>
                  <Typography.Text strong>{r.taskNo}. {r.taskSummary}</Typography.Text>
                  <Typography.Text type="secondary">{r.unitName} · {r.periodLabel}</Typography.Text>
                  <Flex gap={4} wrap><ReportStateTag state={r.state} late={r.late} /><ProgressTag progress={r.progress} /></Flex>
                </Flex>
              </List.Item>
            )}
          />
        </Card>
      ) : (
        <Table<PlanReportRow>
          rowKey="id"
          size="middle"
          loading={loading}
          columns={columns}
          dataSource={data?.items}
          pagination={pagination}
          scroll={{ x: 1100 }}
          sticky={{ offsetHeader: 56 }}
          locale={{ emptyText: empty }}
        />
      )}
    </>
  );
}

const todayText = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

/**
 * 逾期未报: the task × unit pairs of a period still not handed in after its due date (a unit sees
 * its own; civil affairs and leaders every unit). By default the latest period already past due.
 */
function OverdueTab() {
  const t = useT();
  const local = useLocal();
  const { get, update } = useQueryState();
  const plan = get('plan');
  const periods = usePeriods(plan);
  const today = todayText();
  const pastDue = [...(periods.data?.items ?? [])].filter((p) => p.dueOn < today).reverse();
  const period = get('period') ?? pastDue[0]?.key;
  const { data, loading, error, reload } = useApi(
    () => (period ? planApi.overdue({ plan, period }) : Promise.resolve(null)),
    [plan, period],
  );
  const columns: TableColumnsType<OverdueList['items'][number]> = [
    { title: t('supervision.col.unit'), dataIndex: 'unitName', width: 160 },
    { title: t('supervision.col.task'), key: 'task', render: (_, r) => `${r.taskNo}. ${r.taskSummary}` },
    { title: t('supervision.col.state'), key: 'state', width: 150, render: (_, r) => <ReportStateTag state={(r.state as ReportState | null) ?? null} overdue /> },
  ];
  return (
    <>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Flex gap={8} wrap align="center">
          <FilterSelect
            label={t('supervision.period')}
            minWidth={170}
            value={period}
            loading={periods.loading}
            onChange={(v) => update({ period: v })}
            options={pastDue.map((p) => ({ value: p.key, label: local.period(p) }))}
          />
          {data ? <Typography.Text type="secondary">{t('supervision.overdue.summary', { n: data.items.length, due: formatDate(data.dueOn) })}</Typography.Text> : null}
        </Flex>
      </Card>
      {error ? <ErrorResult error={error} onRetry={reload} /> : (
        <Table
          rowKey={(r) => `${r.taskId}|${r.unitCode}`}
          size="middle"
          loading={loading || periods.loading}
          columns={columns}
          dataSource={data?.items ?? []}
          pagination={{ pageSize: 50, hideOnSinglePage: true, showTotal: (total: number) => t('common.total', { total }) }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={period ? t('supervision.overdue.empty') : t('supervision.overdue.nonePastDue')} /> }}
        />
      )}
    </>
  );
}
