import { useMemo } from 'react';
import { Badge, Button, Flex, Segmented, Select, Tabs, Tooltip, Typography, type TableColumnsType } from 'antd';
import { EditOutlined, FormOutlined, InfoCircleOutlined } from '@ant-design/icons';
import { Link, useLocation, useSearchParams } from 'react-router';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useAuth, useMe } from '../../auth/useAuth';
import { ErrorResult } from '../../components/ErrorResult';
import { ListScaffold } from '../../components/ListScaffold';
import { formatDate, formatDateTime } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { useIsMobile } from '../../hooks/useIsMobile';
import { useLocalName } from '../../hooks/useLocalName';
import { useCommittees, useStreets } from '../../hooks/useOrg';
import { useT } from '../../i18n/useT';
import { visitsApi, type WorklistItem, type WorklistKind, type WorklistScope } from './api';

type Row = WorklistItem & { rowId: string };
import { DueTag, RiskTag } from './labels';

const KINDS: WorklistKind[] = ['due-this-week', 'overdue', 'drafts'];
const TAB_LABEL = { 'due-this-week': 'visits.tab.dueThisWeek', overdue: 'visits.tab.overdue', drafts: 'visits.tab.drafts' } as const;
const EMPTY = { 'due-this-week': 'visits.empty.dueThisWeek', overdue: 'visits.empty.overdue', drafts: 'visits.empty.drafts' } as const;

/** The scopes a user can choose: a committee director works on their committees, a street on its committees… */
function scopesFor(kind: string): WorklistScope[] {
  if (kind === 'assigned') return ['mine'];
  if (kind === 'committee') return ['mine', 'committee'];
  return ['mine', 'committee', 'street'];
}
const defaultScope = (kind: string): WorklistScope => (kind === 'street' || kind === 'district' ? 'street' : 'mine');

/** 走访工作清单: 本周应访 / 已逾期 / 我的草稿, within the chosen scope; each row opens the visit form. */
export default function WorklistPage() {
  const t = useT();
  const me = useMe();
  const { can } = useAuth();
  const mobile = useIsMobile();
  const name = useLocalName();
  const { pathname, search } = useLocation();
  const [params, setParams] = useSearchParams();
  const scopes = scopesFor(me.scope.kind);
  const kind = KINDS.find((k) => k === params.get('kind')) ?? 'overdue';
  const scope = scopes.find((s) => s === params.get('scope')) ?? defaultScope(me.scope.kind);
  const district = me.scope.kind === 'district';
  const ownStreet = me.scope.streets.length === 1 ? me.scope.streets[0] : undefined;
  const streetCode = district ? (params.get('street') ?? undefined) : undefined;
  const committeeId = params.get('committee') ?? undefined;
  const page = Number(params.get('page') ?? 1) || 1;
  const pageSize = Number(params.get('pageSize') ?? 20) || 20;
  const write = can('visits.write');

  const streets = useStreets();
  // Committees to choose from: the director's own (any street), or those of the chosen street.
  const committeeStreet = district ? streetCode : ownStreet;
  const committees = useCommittees(scope === 'committee' && me.scope.kind !== 'committee' ? committeeStreet : undefined);

  const update = (next: Record<string, string | undefined>) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) {
      if (v === undefined || v === '') p.delete(k);
      else p.set(k, v);
    }
    if (!('page' in next)) p.delete('page');
    setParams(p, { replace: true });
  };

  const query = { scope, committeeId: scope === 'committee' ? committeeId : undefined, streetCode: scope !== 'mine' ? streetCode : undefined };
  const {
    data,
    isFetching: loading,
    error,
    refetch,
  } = useQuery({
    queryKey: ['visits', 'worklist', { kind, ...query, page, pageSize }],
    queryFn: () => visitsApi.worklist({ kind, ...query, page, pageSize }),
    placeholderData: keepPreviousData,
  });
  // Counts on the tabs, for the same scope.
  const counts = useQuery({
    queryKey: ['visits', 'worklist-counts', query],
    queryFn: () => Promise.all(KINDS.map((k) => visitsApi.worklist({ kind: k, ...query, page: 1, pageSize: 1 }).then((r) => r.total))),
  });
  // One row per child, or per draft in 我的草稿 (a child may have several).
  const rows = useMemo(() => data?.items.map((r) => ({ ...r, rowId: r.draftId ?? r.childId })), [data]);

  const from = `${pathname}${search}`;
  const action = (row: WorklistItem) => {
    if (!write) return null;
    const draft = row.draftId;
    return (
      <Link to={draft ? `/visits/${encodeURIComponent(draft)}/edit` : `/visits/new/${encodeURIComponent(row.childId)}`} state={{ from }}>
        <Button type={draft ? 'default' : 'primary'} size={mobile ? 'large' : 'small'} icon={draft ? <EditOutlined /> : <FormOutlined />}>
          {draft ? t('visits.action.continueDraft') : t('visits.action.record')}
        </Button>
      </Link>
    );
  };

  const childLink = (row: WorklistItem) => <Link to={`/children/${encodeURIComponent(row.childId)}`}>{row.childName}</Link>;
  const columns: TableColumnsType<Row> =
    kind === 'drafts'
      ? [
          { title: t('visits.col.child'), dataIndex: 'childName', fixed: 'left', width: 110, render: (_, r) => childLink(r) },
          { title: t('visits.col.area'), key: 'area', width: 200, render: (_, r) => `${r.streetName} · ${r.committeeName}` },
          { title: t('visits.col.visitedOn'), dataIndex: 'draftVisitedOn', width: 120, render: (v: string | null) => formatDate(v) },
          { title: t('visits.col.kind'), dataIndex: 'draftKind', width: 80, render: (k: WorklistItem['draftKind']) => (k ? t(`visits.kind.${k}`) : '—') },
          { title: t('visits.col.savedAt'), dataIndex: 'draftUpdatedAt', width: 150, render: (v: string | null) => formatDateTime(v) },
          { title: t('common.actions'), key: 'actions', fixed: 'right', width: 130, render: (_, r) => action(r) },
        ]
      : [
          { title: t('visits.col.child'), dataIndex: 'childName', fixed: 'left', width: 110, render: (_, r) => childLink(r) },
          { title: t('visits.col.area'), key: 'area', width: 200, render: (_, r) => `${r.streetName} · ${r.committeeName}` },
          { title: t('visits.col.risk'), dataIndex: 'riskLevel', width: 90, render: (v: WorklistItem['riskLevel']) => <RiskTag level={v} /> },
          {
            title: t('visits.col.lastVisit'),
            dataIndex: 'lastVisitOn',
            width: 120,
            render: (v: string | null) => (v ? formatDate(v) : <Typography.Text type="secondary">{t('visits.neverVisited')}</Typography.Text>),
          },
          { title: t('visits.col.due'), dataIndex: 'nextVisitDue', width: 120, render: (v: string | null) => formatDate(v) },
          { title: t('visits.col.dueState'), key: 'state', width: 120, render: (_, r) => <DueTag daysOverdue={r.daysOverdue} due={r.nextVisitDue} /> },
          { title: t('common.actions'), key: 'actions', fixed: 'right', width: 130, render: (_, r) => action(r) },
        ];

  const streetOptions = useMemo(() => (streets.data?.items ?? []).map((s) => ({ value: s.code, label: name(s) })), [streets.data, name]);
  const scopeBar =
    kind === 'drafts' ? null : (
      <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
        {scopes.length > 1 ? (
          <Segmented<WorklistScope>
            value={scope}
            onChange={(v) => update({ scope: v, committee: undefined })}
            options={scopes.map((s) => ({ value: s, label: t(`visits.scope.${s}`) }))}
          />
        ) : null}
        {scope === 'mine' ? (
          <Tooltip title={t('visits.scope.mineHint')}>
            <InfoCircleOutlined style={{ color: '#8c8c8c' }} aria-label={t('visits.scope.mineHint')} />
          </Tooltip>
        ) : null}
        {district && scope !== 'mine' ? (
          <Select
            allowClear
            style={{ minWidth: 160 }}
            placeholder={t('visits.scope.allStreets')}
            value={streetCode}
            loading={streets.loading}
            options={streetOptions}
            onChange={(v?: string) => update({ street: v, committee: undefined })}
          />
        ) : null}
        {scope === 'committee' && me.scope.kind !== 'committee' ? (
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            style={{ minWidth: 180 }}
            disabled={!committeeStreet}
            placeholder={committeeStreet ? t('visits.scope.allCommittees') : t('visits.scope.pickStreetFirst')}
            value={committeeId}
            loading={committees.loading}
            options={committees.data?.items.map((c) => ({ value: c.id, label: c.name }))}
            onChange={(v?: string) => update({ committee: v })}
          />
        ) : null}
      </Flex>
    );

  /** One row on a phone: the child, when due, and the action. */
  const mobileRow = (r: Row) => (
    <Flex justify="space-between" align="center" gap={12}>
      <Flex vertical gap={4} style={{ minWidth: 0 }}>
        <Flex gap={8} align="center" wrap>
          <Link to={`/children/${encodeURIComponent(r.childId)}`} style={{ fontSize: 16, fontWeight: 600 }}>
            {r.childName}
          </Link>
          {kind === 'drafts' ? null : <DueTag daysOverdue={r.daysOverdue} due={r.nextVisitDue} />}
          {kind === 'drafts' ? null : <RiskTag level={r.riskLevel} />}
        </Flex>
        <Typography.Text type="secondary" ellipsis>
          {r.committeeName}
        </Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {kind === 'drafts'
            ? `${t('visits.col.visitedOn')} ${formatDate(r.draftVisitedOn)} · ${t('visits.col.savedAt')} ${formatDateTime(r.draftUpdatedAt)}`
            : `${t('visits.col.due')} ${formatDate(r.nextVisitDue)} · ${t('visits.col.lastVisit')} ${r.lastVisitOn ? formatDate(r.lastVisitOn) : t('visits.neverVisited')}`}
        </Typography.Text>
      </Flex>
      {action(r)}
    </Flex>
  );

  return (
    <>
      <PageHeader title={t('visits.list.title')}>
        <Typography.Text type="secondary">{t('visits.list.subtitle')}</Typography.Text>
      </PageHeader>
      <Tabs
        activeKey={kind}
        onChange={(k) => update({ kind: k })}
        items={KINDS.map((k, i) => ({
          key: k,
          label: (
            <Flex gap={6} align="center">
              {t(TAB_LABEL[k])}
              {counts.data ? (
                <Badge
                  count={counts.data[i]}
                  showZero
                  overflowCount={9999}
                  color={k === 'overdue' && (counts.data[i] ?? 0) > 0 ? '#cf1322' : k === 'due-this-week' ? '#d46b08' : '#8c8c8c'}
                />
              ) : null}
            </Flex>
          ),
        }))}
      />
      {scopeBar}
      {error && !data ? (
        <ErrorResult error={error} onRetry={() => void refetch()} />
      ) : (
        <ListScaffold<Row>
          items={rows}
          total={data?.total}
          loading={loading}
          rowKey="rowId"
          columns={columns}
          renderMobile={mobileRow}
          paging={{ page, pageSize, onChange: (p, size) => update({ page: String(size === pageSize ? p : 1), pageSize: String(size) }) }}
          emptyText={t(EMPTY[kind])}
          tableProps={{ scroll: { x: 'max-content' } }}
        />
      )}
    </>
  );
}
