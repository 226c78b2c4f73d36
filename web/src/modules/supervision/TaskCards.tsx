/** 任务分工 (TasksPage): the tasks of one action as a table, with their units and yearly targets. */
import { Button, Card, Flex, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { AimOutlined, EditOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useT } from '../../i18n/useT';
import type { PlanTask, PlanTasks, TaskStatus } from './api';
import { useIndicatorDefs } from './queries';
import { TaskStatusTag, useLocal } from './shared';

export function ActionCard({
  title,
  rows,
  statusOf,
  manage,
  onEdit,
  onTargets,
  reportsLink,
}: {
  title: string;
  rows: PlanTask[];
  data: PlanTasks;
  statusOf: (id: string) => TaskStatus | null | undefined;
  manage: boolean;
  onEdit: (task: PlanTask) => void;
  onTargets: (task: PlanTask) => void;
  reportsLink: (task: PlanTask) => string;
}) {
  const t = useT();
  const columns: TableColumnsType<PlanTask> = [
    { title: t('supervision.col.no'), dataIndex: 'no', width: 60, fixed: 'left' },
    {
      title: t('supervision.col.task'),
      key: 'task',
      render: (_, r) => (
        <Flex vertical gap={2}>
          <Typography.Text strong>{r.summary}</Typography.Text>
          <Typography.Paragraph
            type="secondary"
            style={{ marginBottom: 0, fontSize: 13 }}
            ellipsis={{ rows: 2, expandable: 'collapsible', symbol: (open) => (open ? t('common.collapse') : t('common.expand')) }}
          >
            {r.text}
          </Typography.Paragraph>
        </Flex>
      ),
    },
    {
      title: t('supervision.col.units'),
      key: 'units',
      width: 230,
      render: (_, r) => <UnitTags task={r} />,
    },
    {
      title: t('supervision.col.periodStatus'),
      key: 'status',
      width: 110,
      render: (_, r) => {
        const s = statusOf(r.id);
        if (s === undefined) return <Typography.Text type="secondary">…</Typography.Text>;
        return s ? (
          <Link to={reportsLink(r)}>
            <TaskStatusTag status={s} />
          </Link>
        ) : (
          '—'
        );
      },
    },
    { title: t('supervision.col.targets'), key: 'targets', width: 260, render: (_, r) => <TargetList task={r} /> },
    ...(manage
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 120,
            fixed: 'right' as const,
            render: (_: unknown, r: PlanTask) => (
              <Flex vertical gap={2} align="flex-start">
                <Button size="small" type="link" icon={<EditOutlined />} onClick={() => onEdit(r)}>
                  {t('supervision.tasks.edit')}
                </Button>
                <Button size="small" type="link" icon={<AimOutlined />} onClick={() => onTargets(r)}>
                  {t('supervision.targets.manage')}
                </Button>
              </Flex>
            ),
          },
        ]
      : []),
  ];
  return (
    <Card
      size="small"
      title={
        <span>
          {title}{' '}
          <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
            {t('supervision.tasks.count', { n: rows.length })}
          </Typography.Text>
        </span>
      }
    >
      <Table<PlanTask> rowKey="id" size="small" columns={columns} dataSource={rows} pagination={false} scroll={{ x: 1000 }} />
    </Card>
  );
}

export function UnitTags({ task }: { task: Pick<PlanTask, 'units'> }) {
  const t = useT();
  const lead = task.units.filter((u) => u.lead);
  const others = task.units.filter((u) => !u.lead);
  const streets = others.filter((u) => u.code.startsWith('street-'));
  const rest = others.filter((u) => !u.code.startsWith('street-'));
  return (
    <Flex gap={4} wrap>
      {lead.map((u) => (
        <Tag key={u.code} color="blue">
          {t('supervision.unit.lead')}·{u.name}
        </Tag>
      ))}
      {rest.map((u) => (
        <Tag key={u.code}>{u.name}</Tag>
      ))}
      {streets.length > 3 ? (
        <Tooltip title={streets.map((s) => s.name).join('、')}>
          <Tag>{t('supervision.unit.streets', { n: streets.length })}</Tag>
        </Tooltip>
      ) : (
        streets.map((u) => <Tag key={u.code}>{u.name}</Tag>)
      )}
    </Flex>
  );
}

export function TargetList({ task }: { task: PlanTask }) {
  const t = useT();
  const local = useLocal();
  const defs = useIndicatorDefs();
  if (!task.targets.length) return <Typography.Text type="secondary">{t('supervision.targets.none')}</Typography.Text>;
  const sorted = [...task.targets].sort((a, b) => a.year - b.year);
  return (
    <Flex vertical gap={2}>
      {sorted.map((x) => (
        <Typography.Text key={x.id} style={{ fontSize: 13 }}>
          <Tag style={{ marginInlineEnd: 4 }}>{x.year}</Tag>
          {x.unitName ? <Typography.Text type="secondary">{x.unitName}：</Typography.Text> : null}
          {x.text}
          {x.indicator && x.targetValue !== null ? (
            <Typography.Text type="secondary">
              {t('supervision.targets.indicatorValue', {
                name: local.name(defs.data?.items.find((d) => d.code === x.indicator)) || x.indicator,
                value: `${x.targetValue}${defs.data?.items.find((d) => d.code === x.indicator)?.unit === 'percent' ? '%' : ''}`,
              })}
            </Typography.Text>
          ) : null}
        </Typography.Text>
      ))}
    </Flex>
  );
}
