import { Card, Empty, Flex, Table, Typography, type TableColumnsType } from 'antd';
import { ErrorResult } from '../../components/ErrorResult';
import { FilterSelect } from '../../components/FilterSelect';
import { formatDate } from '../../components/format';
import { useT } from '../../i18n/useT';
import type { OverdueList, ReportState } from './api';
import { useOverdue, usePeriods } from './queries';
import { ReportStateTag, todayText, useLocal, useQueryState } from './shared';

/**
 * 逾期未报: the task × unit pairs of a period still not handed in after its due date (a unit sees
 * its own; civil affairs and leaders every unit). By default the latest period already past due.
 */
export function OverdueTab() {
  const t = useT();
  const local = useLocal();
  const { get, update } = useQueryState();
  const plan = get('plan');
  const periods = usePeriods(plan);
  const today = todayText();
  const pastDue = [...(periods.data?.items ?? [])].filter((p) => p.dueOn < today).reverse();
  const period = get('period') ?? pastDue[0]?.key;
  const { data, isFetching: loading, error, refetch } = useOverdue({ plan, period });
  const columns: TableColumnsType<OverdueList['items'][number]> = [
    { title: t('supervision.col.unit'), dataIndex: 'unitName', width: 160 },
    { title: t('supervision.col.task'), key: 'task', render: (_, r) => `${r.taskNo}. ${r.taskSummary}` },
    {
      title: t('supervision.col.state'),
      key: 'state',
      width: 150,
      render: (_, r) => <ReportStateTag state={(r.state as ReportState | null) ?? null} overdue />,
    },
  ];
  return (
    <>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Flex gap={8} wrap align="center">
          <FilterSelect
            label={t('supervision.period')}
            minWidth={170}
            value={period}
            loading={periods.isLoading}
            onChange={(v) => update({ period: v })}
            options={pastDue.map((p) => ({ value: p.key, label: local.period(p) }))}
          />
          {data ? (
            <Typography.Text type="secondary">{t('supervision.overdue.summary', { n: data.items.length, due: formatDate(data.dueOn) })}</Typography.Text>
          ) : null}
        </Flex>
      </Card>
      {error ? (
        <ErrorResult error={error} onRetry={() => void refetch()} />
      ) : (
        <Table
          rowKey={(r) => `${r.taskId}|${r.unitCode}`}
          size="middle"
          loading={loading || periods.isLoading}
          columns={columns}
          dataSource={data?.items ?? []}
          pagination={{ pageSize: 50, hideOnSinglePage: true, showTotal: (total: number) => t('common.total', { total }) }}
          locale={{
            emptyText: (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={period ? t('supervision.overdue.empty') : t('supervision.overdue.nonePastDue')} />
            ),
          }}
        />
      )}
    </>
  );
}
