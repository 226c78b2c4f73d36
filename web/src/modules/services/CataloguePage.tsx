/** 服务项目目录: programmes with filters (kind, audience, age, owner unit, open sessions) and pages; a new programme for whoever maintains the catalogue. */
import { useMemo, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Checkbox, Flex, Input, InputNumber, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useAuth } from '../../auth/useAuth';
import { ErrorResult } from '../../components/ErrorResult';
import { FilterSelect } from '../../components/FilterSelect';
import { ListScaffold } from '../../components/ListScaffold';
import { useT } from '../../i18n/useT';
import { PROGRAMME_KINDS, servicesApi, servicesKeys, type Programme, type ProgrammeKind, type ProgrammeQuery } from './api';
import { agesText, audienceKey, kindKey } from './labels';
import { ProgrammeModal } from './ProgrammeModal';
import { useSearchPatch } from '../../hooks/useSearchPatch';

const KINDS = Object.keys(PROGRAMME_KINDS).filter((k): k is ProgrammeKind => k in PROGRAMME_KINDS);
const isKind = (k: string | null): k is ProgrammeKind => k !== null && k in PROGRAMME_KINDS;

export default function CataloguePage() {
  const t = useT();
  const { can } = useAuth();
  const qc = useQueryClient();
  const [params, set] = useSearchPatch();
  const [creating, setCreating] = useState(false);
  const kindParam = params.get('kind');
  const audienceParam = params.get('audience');
  const ageParam = params.get('age');
  const query: ProgrammeQuery = useMemo(
    () => ({
      kind: isKind(kindParam) ? kindParam : undefined,
      audience: audienceParam === 'child' || audienceParam === 'guardian' ? audienceParam : undefined,
      age: ageParam !== null && ageParam !== '' && Number.isInteger(Number(ageParam)) ? Number(ageParam) : undefined,
      ownerUnit: params.get('owner') ?? undefined,
      hasOpen: params.get('open') === 'true' ? 'true' : undefined,
      includeInactive: params.get('inactive') === 'true' ? 'true' : undefined,
      q: params.get('q') ?? undefined,
      page: Number(params.get('page') ?? '1') || 1,
      pageSize: Number(params.get('size') ?? '20') || 20,
    }),
    [params, kindParam, audienceParam, ageParam],
  );
  const list = useQuery({ queryKey: servicesKeys.list(query), queryFn: () => servicesApi.list(query) });
  const units = useQuery({ queryKey: servicesKeys.units, queryFn: servicesApi.units, staleTime: 600_000 });
  const maintains = can('services.manage') || can('services.provide');

  const columns: TableColumnsType<Programme> = [
    {
      title: t('services.col.name'),
      dataIndex: 'name',
      render: (_, p) => (
        <Flex gap={6} wrap>
          <Link to={`/services/programmes/${encodeURIComponent(p.id)}`}>{p.name}</Link>
          {p.active ? null : <Tag>{t('services.inactive')}</Tag>}
        </Flex>
      ),
    },
    { title: t('services.col.kind'), dataIndex: 'kind', width: 120, render: (v: string) => t(kindKey(v)) },
    { title: t('services.col.owner'), dataIndex: 'ownerUnitName', width: 150 },
    { title: t('services.col.audience'), dataIndex: 'audience', width: 90, render: (v: string) => t(audienceKey(v)) },
    { title: t('services.col.ages'), key: 'ages', width: 100, render: (_, p) => agesText(t, p.minAge, p.maxAge) },
    { title: t('services.col.open'), dataIndex: 'openSessions', width: 90 },
  ];

  return (
    <Card
      title={t('services.catalogue.title')}
      extra={
        maintains ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="programme-new">
            {t('services.catalogue.new')}
          </Button>
        ) : null
      }
    >
      <Flex vertical gap={12}>
        <Flex gap={12} wrap align="center">
          <Input.Search
            aria-label={t('services.catalogue.search')}
            placeholder={t('services.catalogue.search')}
            allowClear
            defaultValue={query.q}
            style={{ width: 200 }}
            onSearch={(v) => set({ q: v.trim() || undefined, page: undefined })}
          />
          <FilterSelect<ProgrammeKind>
            label={t('services.filter.kind')}
            minWidth={130}
            value={query.kind}
            onChange={(v) => set({ kind: v, page: undefined })}
            options={KINDS.map((k) => ({ value: k, label: t(kindKey(k)) }))}
          />
          <FilterSelect<string>
            label={t('services.filter.audience')}
            minWidth={110}
            value={query.audience}
            onChange={(v) => set({ audience: v, page: undefined })}
            options={['child', 'guardian'].map((a) => ({ value: a, label: t(audienceKey(a)) }))}
          />
          <InputNumber
            aria-label={t('services.filter.age')}
            placeholder={t('services.filter.age')}
            min={0}
            max={18}
            value={query.age ?? null}
            onChange={(v) => set({ age: v === null ? undefined : String(v), page: undefined })}
            style={{ width: 110 }}
          />
          <FilterSelect<string>
            label={t('services.filter.owner')}
            minWidth={160}
            search
            value={query.ownerUnit}
            loading={units.isLoading}
            onChange={(v) => set({ owner: v, page: undefined })}
            options={(units.data?.items ?? []).map((u) => ({ value: u.code, label: u.name }))}
          />
          <Checkbox checked={query.hasOpen === 'true'} onChange={(e) => set({ open: e.target.checked ? 'true' : undefined, page: undefined })}>
            {t('services.filter.open')}
          </Checkbox>
          <Checkbox checked={query.includeInactive === 'true'} onChange={(e) => set({ inactive: e.target.checked ? 'true' : undefined, page: undefined })}>
            {t('services.filter.inactive')}
          </Checkbox>
        </Flex>
        {list.error && !list.data ? (
          <ErrorResult error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <ListScaffold<Programme>
            rowKey="id"
            loading={list.isFetching}
            columns={columns}
            items={list.data?.items}
            total={list.data?.total ?? 0}
            emptyText={t('services.catalogue.empty')}
            totalText={(total) => t('services.catalogue.total', { total })}
            paging={{
              page: query.page,
              pageSize: query.pageSize,
              onChange: (p, s) => set({ page: p === 1 ? undefined : String(p), size: s === 20 ? undefined : String(s) }),
            }}
            renderMobile={(p) => (
              <Link to={`/services/programmes/${encodeURIComponent(p.id)}`} style={{ color: 'inherit', display: 'block' }} data-testid="programme-item">
                <Flex justify="space-between" gap={8}>
                  <Typography.Text strong>{p.name}</Typography.Text>
                  <Tag>{t(kindKey(p.kind))}</Tag>
                </Flex>
                <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                  {p.ownerUnitName} · {t(audienceKey(p.audience))} · {agesText(t, p.minAge, p.maxAge)} · {t('services.col.open')} {p.openSessions}
                </Typography.Text>
              </Link>
            )}
            tableProps={{ scroll: { x: 760 } }}
          />
        )}
      </Flex>
      {creating ? (
        <ProgrammeModal
          programme={null}
          units={units.data?.items ?? []}
          onClose={() => setCreating(false)}
          onSaved={() => {
            setCreating(false);
            void qc.invalidateQueries({ queryKey: servicesKeys.all });
          }}
        />
      ) : null}
    </Card>
  );
}
