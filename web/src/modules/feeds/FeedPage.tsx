/**
 * `/feeds/:code`: the feed's definition, its mapping and delivery settings (editable with
 * feeds.manage), the API key, the upload of a file, and the runs received so far.
 */
import { useEffect, useState } from 'react';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Descriptions, Empty, Flex, Form, InputNumber, Row, Select, Switch, Table, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/client';
import { useAuth } from '../../auth/useAuth';
import { ErrorResult } from '../../components/ErrorResult';
import { PageHeader } from '../../components/PageHeader';
import { formatDateTime } from '../../components/format';
import { useApiError } from '../../hooks/useApiError';
import { useLeaveGuard } from '../../hooks/useLeaveGuard';
import { useT } from '../../i18n/useT';
import { feedKeys, feedsApi } from './api';
import { FeedKeyCard } from './FeedKeyCard';
import { FeedUploadCard } from './FeedUploadCard';
import { OnTimeTag, RunStateTag } from './labels';
import { percent } from './logic';
import { mappingErrors, toMapping, toRows, type ColumnRow } from './logic';
import { MappingEditor } from './MappingEditor';
import { FREQUENCIES, REVIEWERS, type Feed, type FeedRun, type Frequency, type Reviewer } from './types';

interface SettingsValues {
  columns: ColumnRow[];
  frequency: Frequency;
  autoApply: boolean;
  reviewer: Reviewer;
  rateLimitPerMinute: number;
}

const LEAVE = { title: 'feeds.leave.title', content: 'feeds.leave.content', leave: 'feeds.leave.leave', stay: 'feeds.leave.stay' } as const;

const toValues = (feed: Feed): SettingsValues => ({
  columns: toRows(feed.mapping),
  frequency: feed.frequency,
  autoApply: feed.autoApply,
  reviewer: feed.reviewer,
  rateLimitPerMinute: feed.rateLimitPerMinute,
});

export default function FeedPage() {
  const t = useT();
  const { code = '' } = useParams();
  const { can } = useAuth();
  const canManage = can('feeds.manage');
  const feed = useQuery({ queryKey: feedKeys.feed(code), queryFn: () => feedsApi.get(code) });

  if (feed.error) return <ErrorResult error={feed.error} onRetry={() => void feed.refetch()} />;
  if (!feed.data) return <Card loading />;
  const f = feed.data;
  return (
    <>
      <PageHeader title={f.name} />
      <Flex vertical gap={16}>
        <Card title={t('feeds.def.title')} size="small">
          <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
            <Descriptions.Item label={t('feeds.def.code')}>{f.code}</Descriptions.Item>
            <Descriptions.Item label={t('feeds.col.provider')}>{f.providerUnitName}</Descriptions.Item>
            <Descriptions.Item label={t('feeds.col.fact')}>{t(`feeds.fact.${f.fact}`)}</Descriptions.Item>
            <Descriptions.Item label={t('feeds.col.frequency')}>{t(`feeds.freq.${f.frequency}`)}</Descriptions.Item>
            <Descriptions.Item label={t('feeds.def.handling')}>
              {f.autoApply ? t('feeds.def.auto') : t('feeds.def.review', { reviewer: t(`feeds.reviewer.${f.reviewer}`) })}
            </Descriptions.Item>
            <Descriptions.Item label={t('feeds.col.lastRun')}>
              <Flex gap={8} align="center" wrap>
                {formatDateTime(f.lastRunAt)}
                <OnTimeTag feed={f} />
              </Flex>
            </Descriptions.Item>
            <Descriptions.Item label={t('feeds.col.waiting')}>{f.waiting}</Descriptions.Item>
            <Descriptions.Item label={t('feeds.col.matchRate')}>{percent(f.matchRate)}</Descriptions.Item>
            <Descriptions.Item label={t('feeds.def.updated')}>
              {formatDateTime(f.updatedAt)}
              {f.updatedBy ? ` · ${f.updatedBy}` : ''}
            </Descriptions.Item>
          </Descriptions>
        </Card>
        {canManage ? (
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={12}>
              <FeedUploadCard code={f.code} />
            </Col>
            <Col xs={24} lg={12}>
              <FeedKeyCard feed={f} canManage={canManage} />
            </Col>
          </Row>
        ) : null}
        <RunsCard code={f.code} />
        <SettingsCard feed={f} canManage={canManage} />
      </Flex>
    </>
  );
}

function SettingsCard({ feed, canManage }: { feed: Feed; canManage: boolean }) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useApiError();
  const queryClient = useQueryClient();
  // Untyped: the server's messages name nested cells (columns.2.header) by paths built at run time.
  const [form] = Form.useForm();
  const [saving, setSaving] = useState(false);
  const [dirty, setDirty] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);
  useLeaveGuard(dirty, LEAVE);

  // The form starts from the feed, and again after it was saved (the answer may normalise it).
  useEffect(() => {
    form.setFieldsValue(toValues(feed));
    setDirty(false);
  }, [feed, form]);

  const save = async (values: SettingsValues) => {
    setSaving(true);
    setProblems([]);
    try {
      const saved = await feedsApi.update(feed.code, {
        mapping: toMapping(values.columns ?? []),
        frequency: values.frequency,
        autoApply: values.autoApply,
        reviewer: values.reviewer,
        rateLimitPerMinute: values.rateLimitPerMinute,
      });
      queryClient.setQueryData(feedKeys.feed(feed.code), saved);
      void queryClient.invalidateQueries({ queryKey: feedKeys.list });
      setDirty(false);
      void message.success(t('feeds.settings.saved'));
    } catch (err) {
      if (err instanceof ApiError && err.status === 400 && err.fields.length > 0) {
        const { cells, other, top } = mappingErrors(err.fields);
        form.setFields([...cells, ...top]);
        setProblems(other);
        void message.error(err.message || t('feeds.settings.invalid'));
      } else showError(err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card
      title={t('feeds.settings.title')}
      size="small"
      extra={
        canManage ? (
          <Button type="primary" loading={saving} onClick={() => form.submit()}>
            {t('feeds.settings.save')}
          </Button>
        ) : null
      }
    >
      <Form<SettingsValues> form={form} layout="vertical" onFinish={save} onValuesChange={() => setDirty(true)} disabled={!canManage}>
        <Row gutter={16}>
          <Col xs={24} sm={12} lg={6}>
            <Form.Item name="frequency" label={t('feeds.settings.frequency')} rules={[{ required: true }]}>
              <Select options={FREQUENCIES.map((v) => ({ value: v, label: t(`feeds.freq.${v}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} lg={6}>
            <Form.Item name="reviewer" label={t('feeds.settings.reviewer')} rules={[{ required: true }]}>
              <Select options={REVIEWERS.map((v) => ({ value: v, label: t(`feeds.reviewer.${v}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} lg={6}>
            <Form.Item name="autoApply" label={t('feeds.settings.autoApply')} valuePropName="checked" tooltip={t('feeds.settings.autoApplyHelp')}>
              <Switch />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} lg={6}>
            <Form.Item name="rateLimitPerMinute" label={t('feeds.settings.rateLimit')} rules={[{ required: true }]}>
              <InputNumber min={1} max={600} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Paragraph type="secondary">{t('feeds.mapping.hint')}</Typography.Paragraph>
        {problems.length > 0 ? (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 12 }}
            message={t('feeds.settings.invalid')}
            description={
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                {problems.map((p, i) => (
                  <li key={i}>{p}</li>
                ))}
              </ul>
            }
          />
        ) : null}
        <MappingEditor form={form} disabled={!canManage} />
      </Form>
    </Card>
  );
}

function RunsCard({ code }: { code: string }) {
  const t = useT();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(10);
  const runs = useQuery({
    queryKey: feedKeys.runs(code, page, pageSize),
    queryFn: () => feedsApi.runs(code, page, pageSize),
    placeholderData: keepPreviousData,
  });
  return (
    <Card title={t('feeds.runs.title')} size="small">
      {runs.error ? <ErrorResult error={runs.error} onRetry={() => void runs.refetch()} /> : null}
      <Table<FeedRun>
        size="small"
        rowKey="id"
        loading={runs.isLoading}
        dataSource={runs.data?.items}
        scroll={{ x: 760 }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('feeds.runs.empty')} /> }}
        pagination={{
          current: page,
          pageSize,
          total: runs.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [10, 20, 50],
          showTotal: (total) => t('common.total', { total }),
          onChange: (p, s) => {
            setPage(p);
            setPageSize(s);
          },
        }}
        columns={[
          {
            title: t('feeds.runs.receivedAt'),
            key: 'receivedAt',
            render: (_, r) => <Link to={`/feeds/runs/${encodeURIComponent(r.id)}`}>{formatDateTime(r.receivedAt)}</Link>,
          },
          { title: t('feeds.runs.source'), key: 'source', render: (_, r) => t(`feeds.source.${r.source}`) },
          { title: t('feeds.runs.file'), key: 'file', render: (_, r) => r.filename ?? '—', ellipsis: true },
          { title: t('feeds.runs.records'), key: 'records', align: 'right', render: (_, r) => r.counts.records },
          { title: t('feeds.runs.matched'), key: 'matched', align: 'right', render: (_, r) => r.counts.matched + r.counts.matchedByName },
          { title: t('feeds.runs.applied'), key: 'applied', align: 'right', render: (_, r) => r.counts.applied },
          { title: t('feeds.runs.waiting'), key: 'waiting', align: 'right', render: (_, r) => r.counts.waiting },
          { title: t('feeds.runs.state'), key: 'state', render: (_, r) => <RunStateTag state={r.state} /> },
        ]}
      />
    </Card>
  );
}
