/**
 * 共享数据源: every feed with its provider, the fact it brings, how often it should arrive, the last
 * run and whether it came on time, the changes waiting for review and the match rate.
 */
import { useQuery } from '@tanstack/react-query';
import { Badge, Flex, Space, Typography, type TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { ErrorResult } from '../../components/ErrorResult';
import { ListScaffold } from '../../components/ListScaffold';
import { PageHeader } from '../../components/PageHeader';
import { formatDateTime } from '../../components/format';
import { useT } from '../../i18n/useT';
import { feedKeys, feedsApi } from './api';
import { OnTimeTag } from './labels';
import { percent } from './logic';
import type { FeedSummary } from './types';

export default function FeedsPage() {
  const t = useT();
  const list = useQuery({ queryKey: feedKeys.list, queryFn: feedsApi.list });

  const columns: TableColumnsType<FeedSummary> = [
    {
      title: t('feeds.col.name'),
      key: 'name',
      render: (_, f) => (
        <Space direction="vertical" size={0}>
          <Link to={`/feeds/${encodeURIComponent(f.code)}`}>{f.name}</Link>
          <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
            {f.code}
          </Typography.Text>
        </Space>
      ),
    },
    { title: t('feeds.col.provider'), key: 'provider', render: (_, f) => f.providerUnitName },
    { title: t('feeds.col.fact'), key: 'fact', render: (_, f) => t(`feeds.fact.${f.fact}`) },
    { title: t('feeds.col.frequency'), key: 'frequency', render: (_, f) => t(`feeds.freq.${f.frequency}`) },
    { title: t('feeds.col.lastRun'), key: 'lastRun', render: (_, f) => formatDateTime(f.lastRunAt) },
    { title: t('feeds.col.onTime'), key: 'onTime', render: (_, f) => <OnTimeTag feed={f} /> },
    {
      title: t('feeds.col.waiting'),
      key: 'waiting',
      align: 'right',
      render: (_, f) =>
        f.waiting > 0 ? <Badge count={f.waiting} overflowCount={9999} color="orange" /> : <Typography.Text type="secondary">0</Typography.Text>,
    },
    { title: t('feeds.col.matchRate'), key: 'matchRate', align: 'right', render: (_, f) => percent(f.matchRate) },
  ];

  return (
    <>
      <PageHeader title={t('feeds.nav.list')}>
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          {t('feeds.list.intro')}
        </Typography.Paragraph>
      </PageHeader>
      {list.error ? <ErrorResult error={list.error} onRetry={() => void list.refetch()} /> : null}
      <ListScaffold<FeedSummary>
        items={list.data?.items}
        loading={list.isLoading}
        rowKey="code"
        columns={columns}
        emptyText={t('feeds.empty')}
        tableProps={{ scroll: { x: 900 } }}
        renderMobile={(f) => (
          <Flex vertical gap={4}>
            <Flex justify="space-between" align="center" gap={8}>
              <Link to={`/feeds/${encodeURIComponent(f.code)}`}>{f.name}</Link>
              <OnTimeTag feed={f} />
            </Flex>
            <Typography.Text type="secondary">
              {f.providerUnitName} · {t(`feeds.fact.${f.fact}`)} · {t(`feeds.freq.${f.frequency}`)}
            </Typography.Text>
            <Typography.Text>
              {t('feeds.col.waiting')} {f.waiting} · {t('feeds.col.matchRate')} {percent(f.matchRate)}
            </Typography.Text>
          </Flex>
        )}
      />
    </>
  );
}
