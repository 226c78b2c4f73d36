/**
 * 隐患整改: my unit's hazards to fix, the fixes I must confirm, overdue hazards by responsible unit
 * (counts, drill down to the list), and all hazards with filters. Tabs and filters live in the URL.
 */
import { useQuery } from '@tanstack/react-query';
import { Card, Checkbox, Flex, Space, Table, Tabs, Typography, type TableColumnsType } from 'antd';
import { useAuth } from '../../auth/useAuth';
import { ErrorResult } from '../../components/ErrorResult';
import { FilterSelect } from '../../components/FilterSelect';
import { ListScaffold } from '../../components/ListScaffold';
import { PageHeader } from '../../components/PageHeader';
import { formatDate } from '../../components/format';
import { useT } from '../../i18n/useT';
import { HAZARD_STATUSES, safetyApi, safetyKeys, type Hazard, type HazardQuery, type HazardStatus } from './api';
import { HazardActions } from './HazardActions';
import { KindTag, SeverityTag, StatusTags } from './labels';
import { useSearchPatch } from '../../hooks/useSearchPatch';

type TabKey = 'fix' | 'confirm' | 'overdue' | 'all';

export default function HazardsPage() {
  const t = useT();
  const { can } = useAuth();
  const [params, set] = useSearchPatch();
  const tabs: TabKey[] = [...(can('safety.rectify') ? (['fix'] as const) : []), ...(can('safety.inspect') ? (['confirm'] as const) : []), 'overdue', 'all'];
  const wanted = params.get('tab') ?? (params.get('overdue') || params.get('unit') ? 'all' : null);
  const tab: TabKey = tabs.find((x) => x === wanted) ?? tabs[0] ?? 'all';
  return (
    <>
      <PageHeader title={t('safety.nav.hazards')} />
      <Tabs
        activeKey={tab}
        onChange={(k) => set({ tab: k, page: undefined, unit: undefined, overdue: undefined, status: undefined })}
        items={tabs.map((k) => ({ key: k, label: t(`safety.tab.${k}`) }))}
      />
      {tab === 'overdue' ? (
        <OverdueByUnitCard onDrill={(unit) => set({ tab: 'all', unit, overdue: 'true', page: undefined })} />
      ) : (
        <HazardList tab={tab} params={params} set={set} />
      )}
    </>
  );
}

function HazardList({ tab, params, set }: { tab: Exclude<TabKey, 'overdue'>; params: URLSearchParams; set: (p: Record<string, string | undefined>) => void }) {
  const t = useT();
  const page = Number(params.get('page') ?? '1') || 1;
  const pageSize = Number(params.get('size') ?? '20') || 20;
  const status = HAZARD_STATUSES.find((s) => s === params.get('status'));
  const overdue = params.get('overdue') === 'true' ? 'true' : undefined;
  const unit = params.get('unit') ?? undefined;
  const query: HazardQuery = {
    box: tab,
    page,
    pageSize,
    ...(status ? { status } : {}),
    ...(overdue ? { overdue } : {}),
    ...(unit ? { responsibleUnit: unit } : {}),
  };
  const list = useQuery({ queryKey: safetyKeys.hazards(query), queryFn: () => safetyApi.hazards(query) });
  const options = useQuery({ queryKey: safetyKeys.options, queryFn: safetyApi.options, staleTime: 600_000 });
  const columns: TableColumnsType<Hazard> = [
    {
      title: t('safety.col.site'),
      key: 'site',
      render: (_, h) => (
        <Space direction="vertical" size={0}>
          <Typography.Text strong>{h.siteName}</Typography.Text>
          <Space size={4} wrap>
            <KindTag kind={h.siteKind} />
            <Typography.Text type="secondary">{h.streetName}</Typography.Text>
          </Space>
        </Space>
      ),
    },
    {
      title: t('safety.col.hazard'),
      key: 'hazard',
      render: (_, h) => <HazardText hazard={h} />,
    },
    { title: t('safety.col.responsible'), dataIndex: 'responsibleUnitName', key: 'responsible' },
    { title: t('safety.col.unit'), dataIndex: 'inspectingUnitName', key: 'inspecting' },
    { title: t('safety.col.deadline'), dataIndex: 'deadline', key: 'deadline', render: (d: string) => formatDate(d) },
    { title: t('safety.col.status'), key: 'status', render: (_, h) => <StatusTags hazard={h} /> },
    { title: t('safety.col.actions'), key: 'actions', render: (_, h) => <HazardActions hazard={h} /> },
  ];
  if (list.error) return <ErrorResult error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <ListScaffold<Hazard>
      filters={
        tab === 'all' ? (
          <Flex gap={8} wrap align="center">
            <FilterSelect<HazardStatus>
              label={t('safety.col.status')}
              minWidth={140}
              value={status}
              onChange={(v) => set({ status: v, page: undefined })}
              options={HAZARD_STATUSES.map((s) => ({ value: s, label: t(`safety.status.${s}`) }))}
            />
            <FilterSelect<string>
              label={t('safety.filter.responsible')}
              minWidth={180}
              search
              value={unit}
              loading={options.isLoading}
              onChange={(v) => set({ unit: v, page: undefined })}
              options={(options.data?.units ?? []).map((u) => ({ value: u.code, label: u.name }))}
            />
            <Checkbox checked={overdue === 'true'} onChange={(e) => set({ overdue: e.target.checked ? 'true' : undefined, page: undefined })}>
              {t('safety.filter.overdueOnly')}
            </Checkbox>
          </Flex>
        ) : null
      }
      items={list.data?.items}
      total={list.data?.total}
      loading={list.isLoading}
      rowKey="id"
      columns={columns}
      emptyText={t(`safety.empty.${tab}`)}
      paging={{ page, pageSize, onChange: (p, s) => set({ page: String(p), size: String(s) }) }}
      renderMobile={(h) => (
        <Card size="small" style={{ width: '100%' }} data-testid="hazard-card">
          <Flex vertical gap={6}>
            <Flex justify="space-between" gap={8} wrap>
              <Typography.Text strong>{h.siteName}</Typography.Text>
              <StatusTags hazard={h} />
            </Flex>
            <HazardText hazard={h} />
            <Typography.Text type="secondary">
              {h.responsibleUnitName} · {t('safety.col.deadline')} {formatDate(h.deadline)}
            </Typography.Text>
            <HazardActions hazard={h} />
          </Flex>
        </Card>
      )}
    />
  );
}

function HazardText({ hazard: h }: { hazard: Hazard }) {
  const t = useT();
  return (
    <Space direction="vertical" size={2}>
      <Space size={4} wrap>
        <SeverityTag severity={h.severity} />
        <Typography.Text>{h.description}</Typography.Text>
      </Space>
      {h.itemText ? <Typography.Text type="secondary">{`${t('safety.hazard.item')}：${h.itemText}`}</Typography.Text> : null}
      {h.fixNote && h.status !== 'open' ? (
        <Typography.Text type="secondary">{`${t('safety.hazard.fixNote')}：${h.fixNote}（${h.fixReportedByName ?? ''}）`}</Typography.Text>
      ) : null}
      {h.sentBackReason && h.status === 'open' ? (
        <Typography.Text type="warning">{`${t('safety.hazard.sentBack')}：${h.sentBackReason}`}</Typography.Text>
      ) : null}
    </Space>
  );
}

function OverdueByUnitCard({ onDrill }: { onDrill: (unit: string) => void }) {
  const t = useT();
  const q = useQuery({ queryKey: safetyKeys.overdue, queryFn: safetyApi.overdueByUnit });
  if (q.error) return <ErrorResult error={q.error} onRetry={() => void q.refetch()} />;
  const total = (q.data?.items ?? []).reduce((n, u) => n + u.overdue, 0);
  return (
    <Card
      size="small"
      title={t('safety.overdueTotal', { n: total })}
      extra={q.data ? <Typography.Text type="secondary">{t('safety.today', { d: q.data.today })}</Typography.Text> : null}
    >
      <Table
        size="small"
        rowKey="unitCode"
        loading={q.isLoading}
        dataSource={q.data?.items}
        pagination={false}
        locale={{ emptyText: t('safety.empty.overdue') }}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('safety.col.responsible'), dataIndex: 'unitName', key: 'unit' },
          {
            title: t('safety.col.overdue'),
            dataIndex: 'overdue',
            key: 'overdue',
            render: (n: number) =>
              n > 0 ? (
                <Typography.Text type="danger" strong>
                  {n}
                </Typography.Text>
              ) : (
                n
              ),
          },
          { title: t('safety.col.major'), dataIndex: 'major', key: 'major' },
          { title: t('safety.col.open'), dataIndex: 'open', key: 'open' },
          {
            title: t('safety.col.actions'),
            key: 'drill',
            render: (_, u) => (
              <Typography.Link onClick={() => onDrill(u.unitCode)} data-testid={`drill-${u.unitCode}`}>
                {t('safety.act.drill')}
              </Typography.Link>
            ),
          },
        ]}
      />
    </Card>
  );
}
