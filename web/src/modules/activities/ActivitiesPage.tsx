import { useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Button, Flex, Input, Select, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useAuth } from '../../auth/useAuth';
import { ErrorResult } from '../../components/ErrorResult';
import { ListScaffold } from '../../components/ListScaffold';
import { PageHeader } from '../../components/PageHeader';
import { useT } from '../../i18n/useT';
import { ActivityDrawer } from './ActivityDrawer';
import { ActivityFormModal } from './ActivityFormModal';
import { ACTIVITY_KINDS, ORGANISER_KINDS, activitiesApi, activityKeys, type Activity, type ActivityKind, type OrganiserKind } from './api';
import { StatusTag, useKindName, useOrganiserKindName } from './labels';
import { useSearchPatch } from '../../hooks/useSearchPatch';

/** 活动记录: every activity (a unit record), filtered; a street user starts on its own street. */
export default function ActivitiesPage() {
  const t = useT();
  const { can, me } = useAuth();
  const kindName = useKindName();
  const orgKindName = useOrganiserKindName();
  const [params, set] = useSearchPatch();
  const [creating, setCreating] = useState(false);
  const [q, setQ] = useState('');
  const ownStreet = me?.scope.kind === 'street' ? me.scope.streets[0] : undefined;
  const organiserKind = ORGANISER_KINDS.find((k) => k === params.get('organiserKind'));
  const kind = ACTIVITY_KINDS.find((k) => k === params.get('kind'));
  const status = (['planned', 'done', 'cancelled'] as const).find((s) => s === params.get('status'));
  const page = Number(params.get('page') ?? '1') || 1;
  const pageSize = Number(params.get('size') ?? '20') || 20;
  const open = params.get('open');
  const query = useMemo(
    () => ({ organiserKind, kind, status, street: ownStreet, q: params.get('q') ?? undefined, page, pageSize }),
    [organiserKind, kind, status, ownStreet, params, page, pageSize],
  );
  const list = useQuery({ queryKey: activityKeys.list(query), queryFn: () => activitiesApi.list(query) });

  const columns: TableColumnsType<Activity> = [
    { title: t('activities.col.heldOn'), dataIndex: 'heldOn', width: 110 },
    {
      title: t('activities.col.title'),
      dataIndex: 'title',
      render: (v: string, a) => <Typography.Link onClick={() => set({ open: a.id })}>{v}</Typography.Link>,
    },
    { title: t('activities.col.kind'), dataIndex: 'kind', width: 160, render: (k: ActivityKind) => kindName(k) },
    { title: t('activities.col.organiser'), dataIndex: 'organiserName', width: 180 },
    {
      title: t('activities.col.people'),
      key: 'people',
      width: 170,
      render: (_, a) => t('activities.people', { children: a.childrenCount, guardians: a.guardiansCount }),
    },
    { title: t('activities.col.status'), dataIndex: 'status', width: 90, render: (_, a) => <StatusTag status={a.status} /> },
  ];

  return (
    <>
      <PageHeader
        title={t('activities.nav.list')}
        extra={
          can('activities.write') ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="activity-new">
              {t('activities.new')}
            </Button>
          ) : null
        }
      />
      {list.error && !list.data ? (
        <ErrorResult error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <ListScaffold<Activity>
          filters={
            <Flex gap={8} wrap>
              <Select<OrganiserKind>
                allowClear
                placeholder={t('activities.filter.organiserKind')}
                aria-label={t('activities.filter.organiserKind')}
                style={{ width: 160 }}
                value={organiserKind}
                onChange={(v) => set({ organiserKind: v, page: undefined })}
                options={ORGANISER_KINDS.map((k) => ({ value: k, label: orgKindName(k) }))}
              />
              <Select<ActivityKind>
                allowClear
                placeholder={t('activities.filter.kind')}
                aria-label={t('activities.filter.kind')}
                style={{ width: 200 }}
                value={kind}
                onChange={(v) => set({ kind: v, page: undefined })}
                options={ACTIVITY_KINDS.map((k) => ({ value: k, label: kindName(k) }))}
              />
              <Select
                allowClear
                placeholder={t('activities.filter.status')}
                aria-label={t('activities.filter.status')}
                style={{ width: 120 }}
                value={status}
                onChange={(v?: string) => set({ status: v, page: undefined })}
                options={(['planned', 'done', 'cancelled'] as const).map((s) => ({ value: s, label: t(`activities.status.${s}`) }))}
              />
              <Input.Search
                allowClear
                placeholder={t('activities.filter.search')}
                aria-label={t('activities.filter.search')}
                style={{ width: 220 }}
                value={q}
                onChange={(e) => setQ(e.target.value)}
                onSearch={(v) => set({ q: v.trim() || undefined, page: undefined })}
              />
            </Flex>
          }
          items={list.data?.items}
          total={list.data?.total}
          loading={list.isLoading}
          rowKey="id"
          columns={columns}
          emptyText={t('activities.empty')}
          paging={{ page, pageSize, onChange: (p, s) => set({ page: String(p), size: String(s) }) }}
          renderMobile={(a) => (
            <div onClick={() => set({ open: a.id })} style={{ cursor: 'pointer' }}>
              <Flex justify="space-between" gap={8}>
                <Typography.Text strong>{a.title}</Typography.Text>
                <StatusTag status={a.status} />
              </Flex>
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                {a.heldOn} · {kindName(a.kind)} · {a.organiserName}
              </Typography.Text>
            </div>
          )}
        />
      )}
      {creating ? <ActivityFormModal onClose={() => setCreating(false)} onSaved={(a) => set({ open: a.id })} /> : null}
      {open ? <ActivityDrawer id={open} onClose={() => set({ open: undefined })} /> : null}
    </>
  );
}
