/**
 * 待审核变更: the changes the feeds proposed for children in my area — child, family member, the
 * fact old → new, effective date, source and evidence, and what applying does to the child's
 * benefits — with 应用 and 驳回 (a reason required). Tabs for those waiting, applied and rejected;
 * filters by feed and street. Works one-handed on a phone (cards instead of the table).
 */
import { useState } from 'react';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Flex, Form, Input, Popconfirm, Space, Tabs, Tag, Typography, type TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { useAuth } from '../../auth/useAuth';
import { ErrorResult } from '../../components/ErrorResult';
import { FilterSelect } from '../../components/FilterSelect';
import { FormModal } from '../../components/FormModal';
import { ListScaffold } from '../../components/ListScaffold';
import { PageHeader } from '../../components/PageHeader';
import { TAG_COLOR } from '../../components/tagColors';
import { formatDate, formatDateTime } from '../../components/format';
import { useApiError } from '../../hooks/useApiError';
import { useIsMobile } from '../../hooks/useIsMobile';
import { useStreets } from '../../hooks/useOrg';
import { useT } from '../../i18n/useT';
import { feedKeys, feedsApi } from './api';
import { ChangeStateTag } from './labels';
import type { ChangeQuery, FeedChange } from './types';
import { useSearchPatch } from '../../hooks/useSearchPatch';

const TABS = ['waiting', 'applied', 'rejected'] as const;
type Tab = (typeof TABS)[number];

export default function ReviewPage() {
  const t = useT();
  const mobile = useIsMobile();
  const { can } = useAuth();
  const [params, set] = useSearchPatch();
  const [rejecting, setRejecting] = useState<FeedChange | null>(null);
  const tab: Tab = TABS.find((x) => x === params.get('tab')) ?? 'waiting';
  const feed = params.get('feed') ?? undefined;
  const street = params.get('street') ?? undefined;
  const page = Number(params.get('page') ?? '1') || 1;
  const pageSize = Number(params.get('size') ?? '20') || 20;
  const query: ChangeQuery = { state: tab, page, pageSize, ...(feed ? { feed } : {}), ...(street ? { street } : {}) };
  const list = useQuery({ queryKey: feedKeys.changes(query), queryFn: () => feedsApi.changes(query), placeholderData: keepPreviousData });
  // The feeds for the filter; a reviewer who may not list them still filters by the feeds on screen.
  const feeds = useQuery({ queryKey: feedKeys.list, queryFn: feedsApi.list, enabled: can('feeds.manage'), staleTime: 60_000 });
  const streets = useStreets();
  const feedOptions = feeds.data
    ? feeds.data.items.map((f) => ({ value: f.code, label: f.name }))
    : [...new Map((list.data?.items ?? []).map((c) => [c.feedCode, c.feedName]))].map(([value, label]) => ({ value, label }));
  const streetItems = streets.data?.items ?? [];

  const columns: TableColumnsType<FeedChange> = [
    {
      title: t('feeds.review.child'),
      key: 'child',
      render: (_, c) => (
        <Space direction="vertical" size={0}>
          <Link to={`/children/${c.childId}`}>{c.childName}</Link>
          <Typography.Text type="secondary">
            {c.streetName} {c.committeeName}
          </Typography.Text>
        </Space>
      ),
    },
    { title: t('feeds.review.member'), key: 'member', render: (_, c) => c.memberName ?? '—' },
    {
      title: t('feeds.review.change'),
      key: 'change',
      render: (_, c) => (
        <Space direction="vertical" size={2}>
          <span>{c.summary}</span>
          <Space size={4}>
            <Typography.Text type="secondary">{t(`feeds.fact.${c.fact}`)}</Typography.Text>
            {c.auto ? <Tag>{t('feeds.review.auto')}</Tag> : null}
          </Space>
        </Space>
      ),
    },
    { title: t('feeds.review.effective'), key: 'effective', render: (_, c) => formatDate(c.effectiveDate) },
    { title: t('feeds.review.source'), key: 'source', render: (_, c) => <Source change={c} /> },
    { title: t('feeds.review.effect'), key: 'effect', render: (_, c) => <Effect change={c} /> },
    tab === 'waiting'
      ? { title: t('common.actions'), key: 'actions', width: 150, fixed: 'right', render: (_, c) => <Decide change={c} onReject={() => setRejecting(c)} /> }
      : { title: t('feeds.review.decided'), key: 'decided', render: (_, c) => <Decided change={c} /> },
  ];

  return (
    <>
      <PageHeader title={t('feeds.nav.review')}>
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          {t('feeds.review.intro')}
        </Typography.Paragraph>
      </PageHeader>
      <Tabs
        activeKey={tab}
        onChange={(k) => set({ tab: k === 'waiting' ? undefined : k, page: undefined })}
        items={TABS.map((k) => ({ key: k, label: t(`feeds.review.tab.${k}`) }))}
      />
      {list.error ? <ErrorResult error={list.error} onRetry={() => void list.refetch()} /> : null}
      <ListScaffold<FeedChange>
        filters={
          <Flex gap={8} wrap style={{ marginBottom: 12 }}>
            <FilterSelect<string>
              label={t('feeds.review.filterFeed')}
              minWidth={mobile ? 150 : 200}
              value={feed}
              onChange={(v) => set({ feed: v, page: undefined })}
              options={feedOptions}
            />
            {streetItems.length > 1 ? (
              <FilterSelect<string>
                label={t('feeds.review.filterStreet')}
                minWidth={150}
                value={street}
                onChange={(v) => set({ street: v, page: undefined })}
                options={streetItems.map((s) => ({ value: s.code, label: s.name }))}
              />
            ) : null}
          </Flex>
        }
        items={list.data?.items}
        total={list.data?.total}
        loading={list.isLoading}
        rowKey="id"
        columns={columns}
        emptyText={tab === 'waiting' ? t('feeds.review.empty') : t('feeds.review.emptyDone')}
        paging={{ page, pageSize, onChange: (p, s) => set({ page: p > 1 ? String(p) : undefined, size: s !== 20 ? String(s) : undefined }) }}
        tableProps={{ scroll: { x: 1100 } }}
        renderMobile={(c) => (
          <Flex vertical gap={6} data-testid="change-card">
            <Flex justify="space-between" align="center" gap={8}>
              <Link to={`/children/${c.childId}`} style={{ fontSize: 16 }}>
                {c.childName}
              </Link>
              <ChangeStateTag state={c.state} />
            </Flex>
            <Typography.Text type="secondary">
              {c.streetName} {c.committeeName}
              {c.memberName ? ` · ${c.memberName}` : ''}
            </Typography.Text>
            <span>{c.summary}</span>
            <Typography.Text type="secondary">
              {t('feeds.review.effective')} {formatDate(c.effectiveDate)}
            </Typography.Text>
            <Source change={c} />
            <Effect change={c} />
            {c.state === 'waiting' ? <Decide change={c} onReject={() => setRejecting(c)} block /> : <Decided change={c} />}
          </Flex>
        )}
      />
      {rejecting ? <RejectModal change={rejecting} onClose={() => setRejecting(null)} /> : null}
    </>
  );
}

function Source({ change: c }: { change: FeedChange }) {
  const t = useT();
  const { can } = useAuth();
  return (
    <Space direction="vertical" size={0}>
      {can('feeds.manage') ? <Link to={`/feeds/runs/${encodeURIComponent(c.runId)}`}>{c.feedName}</Link> : <span>{c.feedName}</span>}
      {c.evidence ? (
        <Typography.Text type="secondary">
          {t('feeds.review.evidence')}：{c.evidence}
        </Typography.Text>
      ) : null}
      <Typography.Text type="secondary">{formatDateTime(c.createdAt)}</Typography.Text>
    </Space>
  );
}

/** What applying does (or did) to the child's benefits: newly eligible in green, may no longer qualify in orange. */
function Effect({ change: c }: { change: FeedChange }) {
  const t = useT();
  if (c.newlyEligible.length === 0 && c.noLongerEligible.length === 0)
    return (
      <Typography.Text type="secondary">
        {c.state === 'waiting' ? t('feeds.review.effectPending') : c.state === 'applied' ? t('feeds.review.noEffect') : '—'}
      </Typography.Text>
    );
  return (
    <Space size={[4, 4]} wrap>
      {c.newlyEligible.map((p) => (
        <Tag key={`n-${p.policyId}`} color={TAG_COLOR.ok} style={{ whiteSpace: 'normal' }}>
          {t('feeds.review.newly', { name: p.policyName })}
        </Tag>
      ))}
      {c.noLongerEligible.map((p) => (
        <Tag key={`o-${p.policyId}`} color={TAG_COLOR.warning} style={{ whiteSpace: 'normal' }}>
          {t('feeds.review.noLonger', { name: p.policyName })}
        </Tag>
      ))}
    </Space>
  );
}

function Decided({ change: c }: { change: FeedChange }) {
  return (
    <Space direction="vertical" size={0}>
      <Space size={4}>
        <ChangeStateTag state={c.state} />
        <Typography.Text type="secondary">{formatDateTime(c.decidedAt)}</Typography.Text>
      </Space>
      {c.decidedBy ? <Typography.Text type="secondary">{c.decidedBy}</Typography.Text> : null}
      {c.note ? <Typography.Text>{c.note}</Typography.Text> : null}
    </Space>
  );
}

function Decide({ change: c, onReject, block = false }: { change: FeedChange; onReject: () => void; block?: boolean }) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useApiError();
  const queryClient = useQueryClient();
  const [applying, setApplying] = useState(false);
  const apply = async () => {
    setApplying(true);
    try {
      await feedsApi.apply(c.id);
      void message.success(t('feeds.review.applied'));
      void queryClient.invalidateQueries({ queryKey: feedKeys.all });
      // The child's file and benefits changed: their pages read again.
      void queryClient.invalidateQueries({ queryKey: ['children'] });
      void queryClient.invalidateQueries({ queryKey: ['eligibility'] });
    } catch (err) {
      showError(err);
      void queryClient.invalidateQueries({ queryKey: feedKeys.all });
    } finally {
      setApplying(false);
    }
  };
  return (
    <Flex gap={8} style={block ? { marginTop: 4 } : undefined}>
      <Popconfirm
        title={t('feeds.review.applyTitle')}
        description={<div style={{ maxWidth: 320 }}>{t('feeds.review.applyText', { summary: c.summary, child: c.childName, feed: c.feedName })}</div>}
        okText={t('feeds.review.apply')}
        cancelText={t('common.cancel')}
        onConfirm={apply}
      >
        <Button type="primary" loading={applying} style={block ? { flex: 1, minHeight: 44 } : undefined}>
          {t('feeds.review.apply')}
        </Button>
      </Popconfirm>
      <Button danger onClick={onReject} disabled={applying} style={block ? { flex: 1, minHeight: 44 } : undefined}>
        {t('feeds.review.reject')}
      </Button>
    </Flex>
  );
}

function RejectModal({ change: c, onClose }: { change: FeedChange; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ note: string }>();
  return (
    <FormModal<{ note: string }>
      form={form}
      title={t('feeds.review.rejectTitle', { child: c.childName })}
      okText={t('feeds.review.reject')}
      onClose={onClose}
      layout="vertical"
      intro={<Typography.Paragraph>{c.summary}</Typography.Paragraph>}
      onSubmit={async ({ note }) => {
        await feedsApi.reject(c.id, note.trim());
        void message.success(t('feeds.review.rejected'));
        void queryClient.invalidateQueries({ queryKey: feedKeys.all });
        onClose();
      }}
    >
      <Form.Item name="note" label={t('feeds.review.note')} rules={[{ required: true, whitespace: true, message: t('feeds.review.noteRequired') }]}>
        <Input.TextArea rows={3} maxLength={500} showCount />
      </Form.Item>
    </FormModal>
  );
}
