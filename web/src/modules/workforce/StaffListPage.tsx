/**
 * 人员台账: the child directors, street supervisors and social workers of the caller's area
 * (row-level security decides it), with filters, search and pages; id number and phone masked.
 * workforce.manage adds people. The same page, with `due`, is 入职查询到期 (lapsed, expiring,
 * pending, never checked).
 */
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Flex, Input, Space, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import { useAuth } from '../../auth/useAuth';
import { ErrorResult } from '../../components/ErrorResult';
import { FilterSelect } from '../../components/FilterSelect';
import { ListScaffold } from '../../components/ListScaffold';
import { PageHeader } from '../../components/PageHeader';
import { formatDate } from '../../components/format';
import { useT } from '../../i18n/useT';
import { CHECK_STATES, POSTS, ROLE_KINDS, workforceApi, workforceKeys, type StaffItem, type StaffQuery } from './api';
import { CheckTag } from './labels';
import { StaffModal } from './StaffModal';
import { useSearchPatch } from '../../hooks/useSearchPatch';

export default function StaffListPage({ due = false }: { due?: boolean }) {
  const t = useT();
  const { can } = useAuth();
  const navigate = useNavigate();
  const [params, set] = useSearchPatch();
  const [adding, setAdding] = useState(false);
  const page = Number(params.get('page') ?? '1') || 1;
  const pageSize = Number(params.get('size') ?? '20') || 20;
  const street = params.get('street') ?? undefined;
  const committee = params.get('committee') ?? undefined;
  const roleKind = ROLE_KINDS.find((k) => k === params.get('kind'));
  const post = POSTS.find((k) => k === params.get('post'));
  const check = CHECK_STATES.find((k) => k === params.get('check'));
  const status = (['active', 'left', 'all'] as const).find((k) => k === params.get('status')) ?? 'active';
  const text = params.get('q') ?? undefined;
  const query: StaffQuery = {
    page,
    pageSize,
    ...(street ? { street } : {}),
    ...(due ? {} : { status }),
    ...(!due && committee ? { committee } : {}),
    ...(!due && roleKind ? { roleKind } : {}),
    ...(!due && post ? { post } : {}),
    ...(!due && check ? { check } : {}),
    ...(!due && text ? { q: text } : {}),
  };
  const list = useQuery({
    queryKey: due ? workforceKeys.due(query) : workforceKeys.list(query),
    queryFn: () => (due ? workforceApi.due({ page, pageSize, ...(street ? { street } : {}) }) : workforceApi.list(query)),
  });
  const options = useQuery({ queryKey: workforceKeys.options, queryFn: workforceApi.options, staleTime: 600_000 });
  const streets = options.data?.streets ?? [];

  const columns: TableColumnsType<StaffItem> = [
    {
      title: t('workforce.col.name'),
      key: 'name',
      render: (_, s) => (
        <Space direction="vertical" size={0}>
          <Link to={`/workforce/staff/${s.id}`}>{s.name}</Link>
          <Typography.Text type="secondary">{s.idNumberMasked ?? '—'}</Typography.Text>
        </Space>
      ),
    },
    { title: t('workforce.col.roleKind'), key: 'kind', render: (_, s) => t(`workforce.roleKind.${s.roleKind}`) },
    { title: t('workforce.col.post'), key: 'post', render: (_, s) => (s.post ? t(`workforce.post.${s.post}`) : '—') },
    { title: t('workforce.col.street'), key: 'street', render: (_, s) => s.streetName ?? s.unitName },
    { title: t('workforce.col.committees'), key: 'committees', render: (_, s) => s.committees.map((c) => c.committeeName).join('、') || '—' },
    {
      title: t('workforce.col.check'),
      key: 'check',
      render: (_, s) => (
        <Space size={4} wrap>
          <CheckTag state={s.check.state} />
          {s.check.validUntil ? <Typography.Text type="secondary">{formatDate(s.check.validUntil)}</Typography.Text> : null}
        </Space>
      ),
    },
    {
      title: t('workforce.col.account'),
      key: 'account',
      render: (_, s) => (
        <Space size={4} wrap>
          {s.username ?? <Typography.Text type="secondary">{t('workforce.noAccount')}</Typography.Text>}
          {s.accessSuspended ? <Tag color="red">{t('workforce.suspended')}</Tag> : null}
        </Space>
      ),
    },
  ];
  const title = due ? t('workforce.nav.due') : t('workforce.nav.ledger');
  return (
    <>
      <PageHeader
        title={title}
        extra={
          !due && can('workforce.manage') ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
              {t('workforce.act.new')}
            </Button>
          ) : null
        }
      />
      {due ? <Typography.Paragraph type="secondary">{t('workforce.check.basis')}</Typography.Paragraph> : null}
      {list.error ? <ErrorResult error={list.error} onRetry={() => void list.refetch()} /> : null}
      <ListScaffold<StaffItem>
        filters={
          <Flex gap={8} wrap align="center">
            {streets.length > 1 ? (
              <FilterSelect<string>
                label={t('workforce.filter.street')}
                minWidth={140}
                value={street}
                onChange={(v) => set({ street: v, committee: undefined, page: undefined })}
                options={streets.map((s) => ({ value: s.code, label: s.name }))}
              />
            ) : null}
            {!due ? (
              <>
                <FilterSelect<string>
                  label={t('workforce.filter.committee')}
                  minWidth={150}
                  search
                  value={committee}
                  onChange={(v) => set({ committee: v, page: undefined })}
                  options={(options.data?.committees ?? []).filter((c) => !street || c.streetCode === street).map((c) => ({ value: c.id, label: c.name }))}
                />
                <FilterSelect
                  label={t('workforce.filter.roleKind')}
                  minWidth={130}
                  value={roleKind}
                  onChange={(v) => set({ kind: v, page: undefined })}
                  options={ROLE_KINDS.map((k) => ({ value: k, label: t(`workforce.roleKind.${k}`) }))}
                />
                <FilterSelect
                  label={t('workforce.filter.post')}
                  minWidth={120}
                  value={post}
                  onChange={(v) => set({ post: v, page: undefined })}
                  options={POSTS.map((k) => ({ value: k, label: t(`workforce.post.${k}`) }))}
                />
                <FilterSelect
                  label={t('workforce.filter.check')}
                  minWidth={130}
                  value={check}
                  onChange={(v) => set({ check: v, page: undefined })}
                  options={CHECK_STATES.map((k) => ({ value: k, label: t(`workforce.state.${k}`) }))}
                />
                <FilterSelect
                  label={t('workforce.filter.status')}
                  minWidth={110}
                  value={status}
                  onChange={(v) => set({ status: v === 'active' ? undefined : v, page: undefined })}
                  options={(['active', 'left', 'all'] as const).map((k) => ({ value: k, label: t(`workforce.status.${k}`) }))}
                />
                <Input.Search
                  allowClear
                  aria-label={t('workforce.filter.search')}
                  placeholder={t('workforce.filter.search')}
                  defaultValue={text}
                  style={{ width: 200 }}
                  onSearch={(v) => set({ q: v.trim() || undefined, page: undefined })}
                />
              </>
            ) : null}
          </Flex>
        }
        items={list.data?.items}
        total={list.data?.total}
        loading={list.isLoading}
        rowKey="id"
        columns={columns}
        emptyText={due ? t('workforce.emptyDue') : t('workforce.empty')}
        totalText={(n) => t('workforce.total', { n })}
        paging={{ page, pageSize, onChange: (p, s) => set({ page: String(p), size: String(s) }) }}
        renderMobile={(s) => (
          <Card size="small" style={{ width: '100%' }} data-testid="staff-card" onClick={() => void navigate(`/workforce/staff/${s.id}`)}>
            <Flex vertical gap={4}>
              <Flex justify="space-between" gap={8} wrap>
                <Link to={`/workforce/staff/${s.id}`}>
                  <Typography.Text strong>{s.name}</Typography.Text>
                </Link>
                <CheckTag state={s.check.state} />
              </Flex>
              <Typography.Text type="secondary">
                {t(`workforce.roleKind.${s.roleKind}`)} · {s.streetName ?? s.unitName}
                {s.committees.length ? ` · ${s.committees.map((c) => c.committeeName).join('、')}` : ''}
              </Typography.Text>
              {s.check.validUntil ? (
                <Typography.Text type="secondary">
                  {t('workforce.col.validUntil')} {formatDate(s.check.validUntil)}
                </Typography.Text>
              ) : null}
            </Flex>
          </Card>
        )}
      />
      {adding ? <StaffModal staff={null} onClose={() => setAdding(false)} onSaved={(id) => void navigate(`/workforce/staff/${id}`)} /> : null}
    </>
  );
}
