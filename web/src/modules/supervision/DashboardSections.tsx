/** The sections of 督办总览 (DashboardPage): tasks by status and action, units by timeliness, one indicator by street. */
import { useMemo, useState } from 'react';
import { Card, Empty, Flex, Segmented, Select, Table, Typography, type TableColumnsType } from 'antd';
import { BarChartOutlined, TableOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import { toQueryString } from '../../api/client';
import { useIsMobile } from '../../hooks/useIsMobile';
import { useT } from '../../i18n/useT';
import { TASK_STATUSES, type Dashboard, type DashboardTask, type DashboardUnit, type TaskStatus } from './api';
import { pendingOf, streetOption, taskStatusOption, unitTimelinessOption, type TimelinessKey } from './charts';
import { LazyChart } from './LazyChart';
import { actionPrefix, TaskStatusTag, useLocal, useFormatValue, useTargetText, withStreet } from './shared';

type Scope = { period: string; area: string };

/** Card titles say what is counted, for which period and area: they wrap rather than being cut off. */
export function CardTitle({ text }: { text: string }) {
  return <span style={{ whiteSpace: 'normal', display: 'inline-block', paddingBlock: 6, lineHeight: 1.4 }}>{text}</span>;
}

function ChartTableSwitch({ value, onChange }: { value: 'chart' | 'table'; onChange: (v: 'chart' | 'table') => void }) {
  const t = useT();
  return (
    <Segmented<'chart' | 'table'>
      size="small"
      value={value}
      onChange={onChange}
      options={[
        { value: 'chart', icon: <BarChartOutlined />, label: t('supervision.view.chart') },
        { value: 'table', icon: <TableOutlined />, label: t('supervision.view.table') },
      ]}
    />
  );
}

export function TasksSection({
  d,
  scope,
  tasksTo,
  reportsTo,
}: {
  d: Dashboard;
  scope: Scope;
  tasksTo: (q: { status?: TaskStatus; action?: number }) => string;
  reportsTo: (q: { task?: number }) => string;
}) {
  const t = useT();
  const local = useLocal();
  const mobile = useIsMobile();
  const navigate = useNavigate();
  const actionName = (a: { action: number; name: string }) => {
    const found = d.tasks.byAction.find((x) => x.action === a.action);
    return `${actionPrefix(a.action, local.en)}${found ? local.name(found) : a.name}`;
  };
  const option = useMemo(
    () => taskStatusOption(d.tasks.byAction, actionName, (s) => t(`supervision.status.${s}`), mobile),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [d, t, local.en, mobile],
  );
  const columns: TableColumnsType<DashboardTask> = [
    { title: t('supervision.col.no'), dataIndex: 'no', width: 64, sorter: (a, b) => a.no - b.no, defaultSortOrder: 'ascend' },
    { title: t('supervision.col.task'), dataIndex: 'summary', render: (v: string, r) => <Link to={reportsTo({ task: r.no })}>{v}</Link> },
    {
      title: t('supervision.col.action'),
      dataIndex: 'action',
      width: 110,
      render: (a: number) => actionPrefix(a, local.en).trim(),
      filters: d.tasks.byAction.map((a) => ({ text: actionName(a), value: a.action })),
      onFilter: (v, r) => r.action === v,
    },
    { title: t('supervision.col.leadUnit'), dataIndex: 'leadUnitName', width: 140 },
    {
      title: t('supervision.col.periodStatus'),
      dataIndex: 'status',
      width: 120,
      filters: TASK_STATUSES.map((s) => ({ text: t(`supervision.status.${s}`), value: s })),
      onFilter: (v, r) => r.status === v,
      render: (s: TaskStatus) => <TaskStatusTag status={s} />,
    },
  ];
  return (
    <Card
      size="small"
      title={<CardTitle text={t('supervision.dashboard.tasksTitle', { ...scope, n: d.tasks.items.length })} />}
      extra={<Link to={tasksTo({})}>{t('supervision.dashboard.openTasks')}</Link>}
    >
      {d.tasks.items.length === 0 ? (
        <Empty description={t('supervision.tasks.empty')} />
      ) : (
        <>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('supervision.dashboard.tasksHint')}
          </Typography.Text>
          <LazyChart
            option={option}
            height={Math.max(200, d.tasks.byAction.length * 48 + (mobile ? 84 : 60))}
            label={t('supervision.dashboard.tasksTitle', { ...scope, n: d.tasks.items.length })}
            onClick={(e) => {
              const a = d.tasks.byAction[e.dataIndex];
              if (a && e.seriesId) void navigate(tasksTo({ status: e.seriesId as TaskStatus, action: a.action }));
            }}
          />
          <Table<DashboardTask>
            rowKey="id"
            size="small"
            style={{ marginTop: 8 }}
            columns={columns}
            dataSource={d.tasks.items}
            pagination={{
              pageSize: 10,
              showSizeChanger: true,
              pageSizeOptions: [10, 20, 50],
              showTotal: (n) => t('common.total', { total: n }),
              size: 'small',
            }}
            scroll={{ x: 620 }}
          />
        </>
      )}
    </Card>
  );
}

export function UnitsSection({
  d,
  scope,
  reportsTo,
}: {
  d: Dashboard;
  scope: Scope;
  reportsTo: (q: { unit?: string; state?: string; missing?: boolean }) => string;
}) {
  const t = useT();
  const mobile = useIsMobile();
  const navigate = useNavigate();
  const [view, setView] = useState<'chart' | 'table'>('chart');
  const label = (k: TimelinessKey) => t(`supervision.timeliness.${k}`);
  const option = useMemo(
    () => unitTimelinessOption(d.units, (u) => u.unitName, label, mobile),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [d, t, mobile],
  );
  const open = (u: DashboardUnit, key?: TimelinessKey) =>
    navigate(reportsTo({ unit: u.unitCode, state: key === 'accepted' ? 'accepted' : undefined, missing: key === 'missing' }));
  const num = (u: DashboardUnit, k: TimelinessKey | 'due') => (
    <Link
      to={reportsTo({ unit: u.unitCode, state: k === 'accepted' ? 'accepted' : undefined, missing: k === 'missing' })}
      style={k === 'missing' && u.missing > 0 ? { color: '#cf1322' } : undefined}
    >
      {k === 'pending' ? pendingOf(u) : u[k]}
    </Link>
  );
  const columns: TableColumnsType<DashboardUnit> = [
    { title: t('supervision.col.unit'), dataIndex: 'unitName', render: (v: string, u) => <Link to={reportsTo({ unit: u.unitCode })}>{v}</Link> },
    { title: t('supervision.timeliness.due'), dataIndex: 'due', width: 90, align: 'right', sorter: (a, b) => a.due - b.due, render: (_, u) => num(u, 'due') },
    {
      title: t('supervision.timeliness.onTime'),
      dataIndex: 'onTime',
      width: 90,
      align: 'right',
      sorter: (a, b) => a.onTime - b.onTime,
      render: (_, u) => num(u, 'onTime'),
    },
    {
      title: t('supervision.timeliness.late'),
      dataIndex: 'late',
      width: 90,
      align: 'right',
      sorter: (a, b) => a.late - b.late,
      render: (_, u) => num(u, 'late'),
    },
    {
      title: t('supervision.timeliness.missing'),
      dataIndex: 'missing',
      width: 90,
      align: 'right',
      sorter: (a, b) => a.missing - b.missing,
      render: (_, u) => num(u, 'missing'),
    },
    {
      title: t('supervision.timeliness.pending'),
      key: 'pending',
      width: 120,
      align: 'right',
      sorter: (a, b) => pendingOf(a) - pendingOf(b),
      render: (_, u) => num(u, 'pending'),
    },
    {
      title: t('supervision.timeliness.accepted'),
      dataIndex: 'accepted',
      width: 110,
      align: 'right',
      sorter: (a, b) => a.accepted - b.accepted,
      render: (_, u) => num(u, 'accepted'),
    },
  ];
  return (
    <Card size="small" title={<CardTitle text={t('supervision.dashboard.unitsTitle', scope)} />} extra={<ChartTableSwitch value={view} onChange={setView} />}>
      {d.units.length === 0 ? (
        <Empty description={t('supervision.dashboard.unitsEmpty')} />
      ) : view === 'chart' ? (
        <>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('supervision.dashboard.unitsHint')}
          </Typography.Text>
          <LazyChart
            option={option}
            height={Math.max(180, d.units.length * 26 + (mobile ? 84 : 60))}
            label={t('supervision.dashboard.unitsTitle', scope)}
            onClick={(e) => {
              const u = d.units[e.dataIndex];
              if (u) void open(u, e.seriesId as TimelinessKey);
            }}
          />
        </>
      ) : (
        <Table<DashboardUnit> rowKey="unitCode" size="small" columns={columns} dataSource={d.units} pagination={false} scroll={{ x: 560, y: 480 }} />
      )}
    </Card>
  );
}

export function StreetSection({
  d,
  street,
  onOpen,
  periodLabel,
}: {
  d: Dashboard;
  street: string | undefined;
  onOpen: (to: string) => void;
  periodLabel: string;
}) {
  const t = useT();
  const local = useLocal();
  const format = useFormatValue();
  const target = useTargetText();
  const candidates = d.indicators.filter((i) => !i.error && i.byStreet.length > 0);
  const [code, setCode] = useState<string | undefined>(undefined);
  const ind = candidates.find((i) => i.code === code) ?? candidates[0];
  const option = useMemo(
    () => (ind ? streetOption(ind, target(ind), d.street?.code ?? street, (v) => format(ind, v)) : null),
    [ind, target, format, d.street, street],
  );
  if (!ind || !option) return null;
  const open = (streetCode: string) =>
    onOpen(
      ind.drill ? withStreet(ind.drill, streetCode) : `/supervision/indicators${toQueryString({ period: d.period.key, street: streetCode })}#ind-${ind.code}`,
    );
  const noData = ind.byStreet.filter((s) => s.value === null).map((s) => s.streetName);
  return (
    <Card
      size="small"
      title={<CardTitle text={t('supervision.dashboard.streetsTitle', { name: local.name(ind), period: periodLabel })} />}
      extra={
        <Select
          aria-label={t('supervision.dashboard.pickIndicator')}
          style={{ minWidth: 220, maxWidth: '60vw' }}
          value={ind.code}
          onChange={setCode}
          showSearch={{ optionFilterProp: 'label' }}
          options={candidates.map((i) => ({ value: i.code, label: local.name(i) }))}
        />
      }
    >
      <Flex gap={8} wrap align="center" style={{ marginBottom: 4 }}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('supervision.dashboard.streetsHint')}
        </Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {target(ind)}
        </Typography.Text>
      </Flex>
      <LazyChart
        option={option}
        height={300}
        label={t('supervision.dashboard.streetsTitle', { name: local.name(ind), period: periodLabel })}
        onClick={(e) => {
          const s = ind.byStreet[e.dataIndex];
          if (s) open(s.streetCode);
        }}
      />
      {noData.length ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('supervision.dashboard.streetsNoData', { streets: noData.join('、') })}
        </Typography.Text>
      ) : null}
    </Card>
  );
}
