import { useState } from 'react';
import { App, Button, Card, Flex, Table, Tabs, Tag, Typography, type TableColumnsType } from 'antd';
import { DownloadOutlined, SyncOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useAuth } from '../../auth/useAuth';
import { ErrorResult } from '../../components/ErrorResult';
import { ListScaffold } from '../../components/ListScaffold';
import { formatDate } from '../../components/format';
import { useApiError } from '../../hooks/useApiError';
import { useT } from '../../i18n/useT';
import { downloadFile } from '../files/download';
import { WORKLIST_KINDS, eligibilityApi, eligibilityKeys, yuan, type WorklistChild, type WorklistFilters, type WorklistItem, type WorklistKind } from './api';
import { EntitlementTag } from './labels';
import { WorklistFilterBar, type WorklistFilterValues } from './WorklistFilterBar';

const keyOf = (r: { childId: string; policy: string }) => `${r.childId}:${r.policy}`;
/** A row of the list with its key (a child and a policy). */
type Row = WorklistItem & { key: string };

/**
 * 免申即享 work lists: 可享未享, 待补充信息, 可能不再符合 — filtered by street, committee, policy, age
 * and assignee (server-side, paged), by row or grouped by child (a child row expands to its
 * policies), exported to Excel (masked), and selected rows assigned to the caller (分配给我).
 */
export default function WorklistPage() {
  const t = useT();
  const { can } = useAuth();
  const { message, modal } = App.useApp();
  const showError = useApiError();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<WorklistKind>('eligible-not-receiving');
  const [f, setF] = useState<WorklistFilterValues>({});
  const [byChild, setByChild] = useState(false);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [running, setRunning] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [selected, setSelected] = useState<{ childId: string; policy: string }[]>([]);
  const filters: WorklistFilters = { kind, ...f };
  const q = { ...filters, page, pageSize };
  const rows = useQuery({
    queryKey: eligibilityKeys.worklist(q, false),
    queryFn: () => eligibilityApi.worklist(q),
    enabled: !byChild,
    placeholderData: keepPreviousData,
  });
  const children = useQuery({
    queryKey: eligibilityKeys.worklist(q, true),
    queryFn: () => eligibilityApi.worklistByChild(q),
    enabled: byChild,
    placeholderData: keepPreviousData,
  });
  const policies = useQuery({ queryKey: eligibilityKeys.policies, queryFn: eligibilityApi.policies });
  const current = byChild ? children : rows;

  const change = (next: Partial<WorklistFilterValues>) => {
    setF((old) => ({ ...old, ...next }));
    setPage(1);
    setSelected([]);
  };
  const reloadLists = () => queryClient.invalidateQueries({ queryKey: ['eligibility', 'worklist'] });

  const run = async () => {
    setRunning(true);
    try {
      const r = await eligibilityApi.run();
      void message.success(
        t('eligibility.list.runDone', {
          children: r.children,
          eligible: r.eligible,
          undetermined: r.undetermined,
          notEligible: r.notEligible,
          changed: r.changed,
        }),
      );
      // every stored result may have changed: the lists, and any child's benefits seen before
      void queryClient.invalidateQueries({ queryKey: eligibilityKeys.all });
    } catch (err) {
      showError(err);
    } finally {
      setRunning(false);
    }
  };

  const exportList = async () => {
    setExporting(true);
    try {
      const created = await eligibilityApi.exportWorklist(filters);
      await downloadFile(`/api/exports/${encodeURIComponent(created.id)}`, created.filename);
      void message.success(t('eligibility.list.exported', { rows: created.rows }));
    } catch (err) {
      showError(err);
    } finally {
      setExporting(false);
    }
  };

  const assign = () => {
    modal.confirm({
      title: t('eligibility.list.assignConfirm', { n: selected.length }),
      content: t('eligibility.list.assignHint'),
      okText: t('common.confirm'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          const r = await eligibilityApi.assign(selected);
          void message.success(t('eligibility.list.assigned', { n: r.assigned }));
          setSelected([]);
          void reloadLists();
        } catch (err) {
          showError(err);
        }
      },
    });
  };

  const status = (r: WorklistItem) => (r.entitlementStatus ? <EntitlementTag status={r.entitlementStatus} /> : '—');
  const assignee = (r: WorklistItem) => (r.assignee ? <Tag color={r.assignedToMe ? 'blue' : undefined}>{r.assignee}</Tag> : '—');
  // the policy's columns, for a row (Row) and for a child's expanded policies (WorklistItem)
  const policyColumns = <T extends WorklistItem>(): TableColumnsType<T> => [
    { title: t('eligibility.col.policy'), dataIndex: 'policyName', width: 220 },
    { title: t('eligibility.col.unit'), dataIndex: 'unitLabel', width: 110 },
    ...(kind === 'undetermined'
      ? [{ title: t('eligibility.col.missing'), key: 'missing', render: (_: unknown, r: T) => r.missing.map((m) => <Tag key={m}>{m}</Tag>) }]
      : [{ title: t('eligibility.col.amount'), dataIndex: 'amountFen', width: 110, render: (v: number | null) => yuan(v) }]),
    { title: t('eligibility.col.status'), key: 'status', width: 110, render: (_, r) => status(r) },
    { title: t('eligibility.col.assignee'), key: 'assignee', width: 100, render: (_, r) => assignee(r) },
    { title: t('eligibility.col.asOf'), dataIndex: 'asOf', width: 110, render: (v: string) => formatDate(v) },
  ];
  const childLink = (id: string, name: string) => <Link to={`/children/${encodeURIComponent(id)}?tab=benefits`}>{name}</Link>;
  const rowColumns: TableColumnsType<Row> = [
    { title: t('eligibility.col.child'), dataIndex: 'childName', width: 110, render: (_, r) => childLink(r.childId, r.childName) },
    { title: t('eligibility.col.age'), dataIndex: 'age', width: 60 },
    { title: t('eligibility.col.area'), key: 'area', width: 200, render: (_, r) => `${r.streetName} · ${r.committeeName}` },
    ...policyColumns<Row>(),
  ];
  const childColumns: TableColumnsType<WorklistChild> = [
    { title: t('eligibility.col.child'), dataIndex: 'childName', width: 110, render: (_, c) => childLink(c.childId, c.childName) },
    { title: t('eligibility.col.age'), dataIndex: 'age', width: 60 },
    { title: t('eligibility.col.area'), key: 'area', width: 200, render: (_, c) => `${c.streetName} · ${c.committeeName}` },
    { title: t('eligibility.col.policies'), key: 'policies', render: (_, c) => c.items.map((i) => <Tag key={i.policy}>{i.policyName}</Tag>) },
  ];
  const selection =
    can('entitlements.write') && kind !== 'no-longer-eligible'
      ? {
          selectedRowKeys: selected.map(keyOf),
          onChange: (_: React.Key[], picked: WorklistItem[]) => setSelected(picked.map((p) => ({ childId: p.childId, policy: p.policy }))),
        }
      : undefined;
  const paging = {
    page,
    pageSize,
    onChange: (p: number, size: number) => {
      setPage(p);
      setPageSize(size);
      setSelected([]);
    },
  };

  return (
    <Card
      title={t('eligibility.nav')}
      extra={
        <Flex gap={8}>
          {can('children.export') ? (
            <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportList()}>
              {t('eligibility.list.export')}
            </Button>
          ) : null}
          {can('entitlements.write') ? (
            <Button icon={<SyncOutlined />} loading={running} onClick={() => void run()}>
              {t('eligibility.list.run')}
            </Button>
          ) : null}
        </Flex>
      }
    >
      <Tabs
        activeKey={kind}
        onChange={(k) => {
          setKind(WORKLIST_KINDS.find((x) => x === k) ?? kind);
          setPage(1);
          setSelected([]);
        }}
        items={WORKLIST_KINDS.map((k) => ({ key: k, label: t(`eligibility.list.${k}`) }))}
      />
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">{t(`eligibility.list.hint.${kind}`)}</Typography.Text>
        <WorklistFilterBar
          f={f}
          onChange={change}
          policies={policies.data?.items ?? []}
          byChild={byChild}
          onByChild={(v) => {
            setByChild(v);
            setPage(1);
            setSelected([]);
          }}
          assign={selection ? { selected: selected.length, onAssign: assign } : null}
        />
        {current.error && !current.data ? (
          <ErrorResult error={current.error} onRetry={() => void current.refetch()} />
        ) : byChild ? (
          <ListScaffold<WorklistChild>
            rowKey="childId"
            loading={children.isFetching}
            columns={childColumns}
            items={children.data?.items ?? []}
            total={children.data?.total ?? 0}
            paging={paging}
            totalText={(total) => t('eligibility.list.totalChildren', { total })}
            tableProps={{
              scroll: { x: 900 },
              expandable: {
                expandedRowRender: (c) => (
                  <Table<WorklistItem>
                    rowKey={keyOf}
                    size="small"
                    pagination={false}
                    columns={policyColumns<WorklistItem>()}
                    dataSource={c.items}
                    rowSelection={selection}
                  />
                ),
              },
            }}
          />
        ) : (
          <ListScaffold<Row>
            rowKey="key"
            loading={rows.isFetching}
            columns={rowColumns}
            items={(rows.data?.items ?? []).map((r) => ({ ...r, key: keyOf(r) }))}
            total={rows.data?.total ?? 0}
            paging={paging}
            tableProps={{ scroll: { x: 1000 }, rowSelection: selection }}
          />
        )}
      </Flex>
    </Card>
  );
}
