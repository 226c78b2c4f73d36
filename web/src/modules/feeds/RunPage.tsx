/**
 * `/feeds/runs/:id`: the report of one run — its counts, the records row by row (filterable by
 * outcome) with their Chinese messages and proposed changes — and, while it is only checked,
 * 确认应用 (saying how many changes apply at once and how many go to review) or 放弃. Records the
 * matching could not place are linked to a child here (关联到儿童) or start a new file.
 */
import { useState } from 'react';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Descriptions, Flex, Popconfirm, Row, Space, Statistic, Typography, type TableColumnsType } from 'antd';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { useAuth } from '../../auth/useAuth';
import { ErrorResult } from '../../components/ErrorResult';
import { FilterSelect } from '../../components/FilterSelect';
import { ListScaffold } from '../../components/ListScaffold';
import { PageHeader } from '../../components/PageHeader';
import { formatDateTime } from '../../components/format';
import { useApiError } from '../../hooks/useApiError';
import { useT } from '../../i18n/useT';
import type { MessageKey } from '../../locales/zh-CN';
import { feedKeys, feedsApi } from './api';
import { ChangeStateTag, OutcomeTag, RunStateTag } from './labels';
import { confirmSplit, newFileLink } from './logic';
import { LinkChildModal } from './LinkChildModal';
import { OUTCOMES, type FeedFact, type FeedRecord, type FeedRun, type Outcome, type RunCounts } from './types';

const COUNTS: { key: keyof RunCounts; label: MessageKey; color?: string }[] = [
  { key: 'records', label: 'feeds.count.records' },
  { key: 'matched', label: 'feeds.count.matched', color: '#389e0d' },
  { key: 'matchedByName', label: 'feeds.count.matchedByName', color: '#08979c' },
  { key: 'ambiguous', label: 'feeds.count.ambiguous', color: '#d46b08' },
  { key: 'unmatched', label: 'feeds.count.unmatched', color: '#d46b08' },
  { key: 'errors', label: 'feeds.count.errors', color: '#cf1322' },
  { key: 'duplicates', label: 'feeds.count.duplicates' },
  { key: 'unchanged', label: 'feeds.count.unchanged' },
  { key: 'applied', label: 'feeds.count.applied', color: '#389e0d' },
  { key: 'waiting', label: 'feeds.count.waiting', color: '#d46b08' },
  { key: 'rejected', label: 'feeds.count.rejected' },
  { key: 'newlyEligible', label: 'feeds.count.newlyEligible', color: '#389e0d' },
  { key: 'noLongerEligible', label: 'feeds.count.noLongerEligible', color: '#d46b08' },
  { key: 'stillMissing', label: 'feeds.count.stillMissing' },
];

export default function RunPage() {
  const t = useT();
  const { id = '' } = useParams();
  const location = useLocation();
  const navigate = useNavigate();
  const { can } = useAuth();
  const { message } = App.useApp();
  const showError = useApiError();
  const queryClient = useQueryClient();
  const canManage = can('feeds.manage');
  const [outcome, setOutcome] = useState<Outcome | undefined>(undefined);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [busy, setBusy] = useState<'confirm' | 'discard' | null>(null);
  const [linking, setLinking] = useState<FeedRecord | null>(null);

  const run = useQuery({ queryKey: feedKeys.run(id), queryFn: () => feedsApi.run(id) });
  const feedCode = run.data?.feedCode;
  const feed = useQuery({ queryKey: feedKeys.feed(feedCode ?? ''), queryFn: () => feedsApi.get(feedCode ?? ''), enabled: !!feedCode });
  const original = useQuery({
    queryKey: feedKeys.run(run.data?.duplicateOf ?? ''),
    queryFn: () => feedsApi.run(run.data?.duplicateOf ?? ''),
    enabled: !!run.data?.duplicateOf && run.data.duplicateOf !== id,
  });
  const records = useQuery({
    queryKey: feedKeys.records(id, outcome, page, pageSize),
    queryFn: () => feedsApi.records(id, { outcome, page, pageSize }),
    placeholderData: keepPreviousData,
  });

  const act = async (what: 'confirm' | 'discard') => {
    setBusy(what);
    try {
      const next = what === 'confirm' ? await feedsApi.confirm(id) : await feedsApi.discard(id);
      queryClient.setQueryData(feedKeys.run(id), next);
      void queryClient.invalidateQueries({ queryKey: feedKeys.all });
      void message.success(
        what === 'confirm' ? t('feeds.run.confirmed', { applied: next.counts.applied, waiting: next.counts.waiting }) : t('feeds.run.discarded'),
      );
    } catch (err) {
      showError(err);
    } finally {
      setBusy(null);
    }
  };

  if (run.error) return <ErrorResult error={run.error} onRetry={() => void run.refetch()} />;
  if (!run.data) return <Card loading />;
  const r = run.data;
  const split = confirmSplit(r, feed.data);
  const state: unknown = location.state;
  const repeated = typeof state === 'object' && state !== null && 'repeated' in state && state.repeated === true;
  const duplicateOf = r.duplicateOf && r.duplicateOf !== r.id ? r.duplicateOf : null;

  const columns: TableColumnsType<FeedRecord> = [
    { title: t('feeds.rec.row'), dataIndex: 'rowNo', width: 70 },
    {
      title: t('feeds.rec.name'),
      key: 'name',
      render: (_, rec) => (
        <Space direction="vertical" size={0}>
          {rec.name || '—'}
          {rec.idTail ? <Typography.Text type="secondary">…{rec.idTail}</Typography.Text> : null}
        </Space>
      ),
    },
    {
      title: t('feeds.rec.outcome'),
      key: 'outcome',
      render: (_, rec) => (
        <Space direction="vertical" size={0}>
          <OutcomeTag outcome={rec.outcome} />
          {rec.confidence !== null ? (
            <Typography.Text type="secondary">
              {t('feeds.rec.confidence')} {Math.round(rec.confidence * 100)}%
            </Typography.Text>
          ) : null}
        </Space>
      ),
    },
    {
      title: t('feeds.rec.child'),
      key: 'child',
      render: (_, rec) =>
        rec.childId ? (
          <Space direction="vertical" size={0}>
            <Link to={`/children/${rec.childId}`}>{rec.childName ?? rec.childId}</Link>
            {rec.memberName ? <Typography.Text type="secondary">{rec.memberName}</Typography.Text> : null}
          </Space>
        ) : (
          '—'
        ),
    },
    {
      title: t('feeds.rec.change'),
      key: 'change',
      render: (_, rec) =>
        rec.change ? (
          <Space direction="vertical" size={2}>
            <span>{rec.change.summary}</span>
            <ChangeStateTag state={rec.change.state} />
          </Space>
        ) : (
          t('feeds.rec.noChange')
        ),
    },
    {
      title: t('feeds.rec.messages'),
      key: 'messages',
      render: (_, rec) =>
        rec.messages.length ? (
          <ul style={{ margin: 0, paddingInlineStart: 16 }}>
            {rec.messages.map((m, i) => (
              <li key={i}>{m}</li>
            ))}
          </ul>
        ) : (
          '—'
        ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 120,
      render: (_, rec) => <RecordActions record={rec} run={r} fact={feed.data?.fact} canManage={canManage} onLink={() => setLinking(rec)} />,
    },
  ];

  return (
    <>
      <PageHeader
        title={t('feeds.run.title', { feed: r.feedName })}
        extra={[
          <Button key="back" onClick={() => navigate(`/feeds/${encodeURIComponent(r.feedCode)}`)}>
            {t('feeds.run.backToFeed')}
          </Button>,
          ...(canManage && r.state === 'checked'
            ? [
                <Popconfirm
                  key="discard"
                  title={t('feeds.run.discard')}
                  description={t('feeds.run.discardAsk')}
                  okText={t('feeds.run.discard')}
                  okButtonProps={{ danger: true }}
                  cancelText={t('common.cancel')}
                  onConfirm={() => act('discard')}
                >
                  <Button danger loading={busy === 'discard'} disabled={busy === 'confirm'}>
                    {t('feeds.run.discard')}
                  </Button>
                </Popconfirm>,
                <Popconfirm
                  key="confirm"
                  placement="bottomRight"
                  title={t('feeds.run.confirmTitle')}
                  description={t('feeds.run.confirmText', {
                    total: split.total,
                    auto: split.auto,
                    review: split.review,
                    reviewer: feed.data ? t(`feeds.reviewer.${feed.data.reviewer}`) : t('feeds.count.waiting'),
                  })}
                  okText={t('feeds.run.confirm')}
                  cancelText={t('common.cancel')}
                  onConfirm={() => act('confirm')}
                >
                  <Button type="primary" loading={busy === 'confirm'} disabled={busy === 'discard'}>
                    {t('feeds.run.confirm')}
                  </Button>
                </Popconfirm>,
              ]
            : []),
        ]}
      />
      <Flex vertical gap={16}>
        {duplicateOf ? (
          <Alert
            type="info"
            showIcon
            message={t('feeds.run.duplicate', { date: formatDateTime(original.data?.receivedAt) })}
            action={<Link to={`/feeds/runs/${encodeURIComponent(duplicateOf)}`}>{t('feeds.run.duplicateLink')}</Link>}
          />
        ) : repeated ? (
          <Alert type="info" showIcon message={t('feeds.run.duplicate', { date: formatDateTime(r.receivedAt) })} />
        ) : null}
        <Card
          size="small"
          title={
            <Flex gap={8} align="center" wrap>
              <span>{r.filename ?? t(`feeds.source.${r.source}`)}</span>
              <RunStateTag state={r.state} />
            </Flex>
          }
        >
          <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }} style={{ marginBottom: 12 }}>
            <Descriptions.Item label={t('feeds.col.name')}>
              <Link to={`/feeds/${encodeURIComponent(r.feedCode)}`}>{r.feedName}</Link>
            </Descriptions.Item>
            <Descriptions.Item label={t('feeds.runs.source')}>{t(`feeds.source.${r.source}`)}</Descriptions.Item>
            <Descriptions.Item label={t('feeds.runs.receivedAt')}>
              {formatDateTime(r.receivedAt)}
              {r.receivedBy ? ` · ${r.receivedBy}` : ''}
            </Descriptions.Item>
          </Descriptions>
          <Alert
            type={r.state === 'checked' ? 'warning' : r.state === 'confirmed' ? 'success' : 'info'}
            showIcon
            style={{ marginBottom: 16 }}
            message={
              r.state === 'checked'
                ? t('feeds.run.checkedHint')
                : r.state === 'confirmed'
                  ? t('feeds.run.confirmedHint', { applied: r.counts.applied, waiting: r.counts.waiting })
                  : t('feeds.run.discardedHint')
            }
          />
          <Row gutter={[16, 16]} data-testid="run-counts">
            {COUNTS.map((c) => (
              <Col key={c.key} xs={8} sm={6} md={4} xl={3}>
                <Statistic title={t(c.label)} value={r.counts[c.key]} valueStyle={c.color && r.counts[c.key] > 0 ? { color: c.color } : undefined} />
              </Col>
            ))}
          </Row>
        </Card>
        <Card size="small" title={t('feeds.run.records')}>
          {records.error ? <ErrorResult error={records.error} onRetry={() => void records.refetch()} /> : null}
          <ListScaffold<FeedRecord>
            filters={
              <Flex gap={8} wrap style={{ marginBottom: 12 }}>
                <FilterSelect<Outcome>
                  label={t('feeds.run.filterOutcome')}
                  minWidth={180}
                  value={outcome}
                  onChange={(v) => {
                    setOutcome(v);
                    setPage(1);
                  }}
                  options={OUTCOMES.map((o) => ({ value: o, label: t(`feeds.outcome.${o}`) }))}
                />
              </Flex>
            }
            items={records.data?.items}
            total={records.data?.total}
            loading={records.isLoading}
            rowKey="id"
            columns={columns}
            paging={{
              page,
              pageSize,
              pageSizeOptions: [20, 50, 100],
              onChange: (p, s) => {
                setPage(p);
                setPageSize(s);
              },
            }}
            tableProps={{ scroll: { x: 1000 } }}
            renderMobile={(rec) => (
              <Flex vertical gap={4}>
                <Flex justify="space-between" gap={8} align="center">
                  <span>
                    {t('feeds.rec.row')} {rec.rowNo} · {rec.name || '—'}
                  </span>
                  <OutcomeTag outcome={rec.outcome} />
                </Flex>
                {rec.childId ? <Link to={`/children/${rec.childId}`}>{rec.childName ?? rec.childId}</Link> : null}
                {rec.change ? (
                  <Space size={4} wrap>
                    <span>{rec.change.summary}</span>
                    <ChangeStateTag state={rec.change.state} />
                  </Space>
                ) : null}
                {rec.messages.map((m, i) => (
                  <Typography.Text key={i} type="secondary">
                    {m}
                  </Typography.Text>
                ))}
                <RecordActions record={rec} run={r} fact={feed.data?.fact} canManage={canManage} onLink={() => setLinking(rec)} />
              </Flex>
            )}
          />
        </Card>
      </Flex>
      {linking ? <LinkChildModal record={linking} fact={feed.data?.fact} confirmed={r.state === 'confirmed'} onClose={() => setLinking(null)} /> : null}
    </>
  );
}

function RecordActions({
  record,
  run,
  fact,
  canManage,
  onLink,
}: {
  record: FeedRecord;
  run: FeedRun;
  fact: FeedFact | undefined;
  canManage: boolean;
  onLink: () => void;
}) {
  const t = useT();
  const newFile = newFileLink(record, fact);
  if (!canManage || run.state === 'discarded' || record.change) return null;
  if (record.outcome !== 'unmatched' && record.outcome !== 'ambiguous' && record.outcome !== 'matched-by-name') return null;
  return (
    <Space size={4} wrap>
      <Button size="small" onClick={onLink}>
        {t('feeds.link.action')}
      </Button>
      {record.outcome === 'unmatched' && newFile ? <Link to={newFile}>{t('feeds.link.newFile')}</Link> : null}
    </Space>
  );
}
