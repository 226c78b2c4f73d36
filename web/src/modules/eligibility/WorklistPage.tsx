import { useState } from 'react';
import { App, Button, Card, Flex, InputNumber, Select, Switch, Table, Tabs, Tag, Typography, type TableColumnsType } from 'antd';
import { DownloadOutlined, SyncOutlined, UserAddOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useAuth } from '../../auth/useAuth';
import { ErrorResult } from '../../components/ErrorResult';
import { formatDate } from '../../components/format';
import { useApi } from '../../hooks/useApi';
import { useApiError } from '../../hooks/useApiError';
import { useCommittees, useStreets } from '../../hooks/useOrg';
import { useT } from '../../i18n/useT';
import { downloadFile } from '../files/download';
import { WORKLIST_KINDS, eligibilityApi, yuan, type WorklistChild, type WorklistFilters, type WorklistItem, type WorklistKind } from './api';
import { EntitlementTag } from './labels';

const keyOf = (r: { childId: string; policy: string }) => `${r.childId}:${r.policy}`;

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
  const [kind, setKind] = useState<WorklistKind>('eligible-not-receiving');
  const [f, setF] = useState<Omit<WorklistFilters, 'kind'>>({});
  const [byChild, setByChild] = useState(false);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [running, setRunning] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [selected, setSelected] = useState<{ childId: string; policy: string }[]>([]);
  const filters: WorklistFilters = { kind, ...f };
  const dep = JSON.stringify(filters);
  const rows = useApi(() => (byChild ? Promise.resolve(null) : eligibilityApi.worklist({ ...filters, page, pageSize })), [dep, byChild, page, pageSize]);
  const children = useApi(() => (byChild ? eligibilityApi.worklistByChild({ ...filters, page, pageSize }) : Promise.resolve(null)), [dep, byChild, page, pageSize]);
  const policies = useApi(() => eligibilityApi.policies(), []);
  const streets = useStreets();
  const committees = useCommittees(f.street);
  const current = byChild ? children : rows;

  const change = (next: Partial<Omit<WorklistFilters, 'kind'>>) => { setF((old) => ({ ...old, ...next })); setPage(1); setSelected([]); };
  const reload = () => { rows.reload(); children.reload(); };

  const run = async () => {
    setRunning(true);
    try {
      const r = await eligibilityApi.run();
      void message.success(t('eligibility.list.runDone', { children: r.children, eligible: r.eligible, undetermined: r.undetermined, notEligible: r.notEligible, changed: r.changed }));
      reload();
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
          reload();
        } catch (err) {
          showError(err);
        }
      },
    });
  };

  const status = (r: WorklistItem) => (r.entitlementStatus ? <EntitlementTag status={r.entitlementStatus} /> : '—');
  const assignee = (r: WorklistItem) => (r.assignee ? <Tag color={r.assignedToMe ? 'blue' : undefined}>{r.assignee}</Tag> : '—');
  const policyColumns: TableColumnsType<WorklistItem> = [
    { title: t('eligibility.col.policy'), dataIndex: 'policyName', width: 220 },
    { title: t('eligibility.col.unit'), dataIndex: 'unitLabel', width: 110 },
    ...(kind === 'undetermined'
      ? [{ title: t('eligibility.col.missing'), key: 'missing', render: (_: unknown, r: WorklistItem) => r.missing.map((m) => <Tag key={m}>{m}</Tag>) }]
      : [{ title: t('eligibility.col.amount'), dataIndex: 'amountFen', width: 110, render: (v: number | null) => yuan(v) }]),
    { title: t('eligibility.col.status'), key: 'status', width: 110, render: (_, r) => status(r) },
    { title: t('eligibility.col.assignee'), key: 'assignee', width: 100, render: (_, r) => assignee(r) },
    { title: t('eligibility.col.asOf'), dataIndex: 'asOf', width: 110, render: (v: string) => formatDate(v) },
  ];
  const childLink = (id: string, name: string) => <Link to={`/children/${encodeURIComponent(id)}?tab=benefits`}>{name}</Link>;
  const rowColumns: TableColumnsType<WorklistItem> = [
    { title: t('eligibility.col.child'), dataIndex: 'childName', width: 110, render: (_, r) => childLink(r.childId, r.childName) },
    { title: t('eligibility.col.age'), dataIndex: 'age', width: 60 },
    { title: t('eligibility.col.area'), key: 'area', width: 200, render: (_, r) => `${r.streetName} · ${r.committeeName}` },
    ...policyColumns,
  ];
  const childColumns: TableColumnsType<WorklistChild> = [
    { title: t('eligibility.col.child'), dataIndex: 'childName', width: 110, render: (_, c) => childLink(c.childId, c.childName) },
    { title: t('eligibility.col.age'), dataIndex: 'age', width: 60 },
    { title: t('eligibility.col.area'), key: 'area', width: 200, render: (_, c) => `${c.streetName} · ${c.committeeName}` },
    { title: t('eligibility.col.policies'), key: 'policies', render: (_, c) => c.items.map((i) => <Tag key={i.policy}>{i.policyName}</Tag>) },
  ];
  const selection = can('entitlements.write') && kind !== 'no-longer-eligible'
    ? {
        selectedRowKeys: selected.map(keyOf),
        onChange: (_: React.Key[], picked: WorklistItem[]) => setSelected(picked.map((p) => ({ childId: p.childId, policy: p.policy }))),
      }
    : undefined;
  const pagination = {
    current: page, pageSize, total: current.data?.total ?? 0, showSizeChanger: true,
    showTotal: (total: number) => t(byChild ? 'eligibility.list.totalChildren' : 'common.total', { total }),
    onChange: (p: number, s: number) => { setPage(p); setPageSize(s); setSelected([]); },
  };

  return (
    <Card
      title={t('eligibility.nav')}
      extra={
        <Flex gap={8}>
          {can('children.export') ? <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportList()}>{t('eligibility.list.export')}</Button> : null}
          {can('entitlements.write') ? <Button icon={<SyncOutlined />} loading={running} onClick={() => void run()}>{t('eligibility.list.run')}</Button> : null}
        </Flex>
      }
    >
      <Tabs
        activeKey={kind}
        onChange={(k) => { setKind(k as WorklistKind); setPage(1); setSelected([]); }}
        items={WORKLIST_KINDS.map((k) => ({ key: k, label: t(`eligibility.list.${k}`) }))}
      />
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">{t(`eligibility.list.hint.${kind}`)}</Typography.Text>
        <Flex gap={8} wrap align="center" role="search" aria-label={t('eligibility.list.filters')}>
          <Select allowClear style={{ width: 160 }} placeholder={t('eligibility.list.allStreets')} value={f.street} aria-label={t('eligibility.list.street')}
            onChange={(v: string | undefined) => change({ street: v, committee: undefined })}
            options={(streets.data?.items ?? []).map((s) => ({ value: s.code, label: s.name }))} />
          <Select allowClear showSearch optionFilterProp="label" style={{ width: 180 }} placeholder={t('eligibility.list.allCommittees')} value={f.committee} disabled={!f.street}
            aria-label={t('eligibility.list.committee')} onChange={(v: string | undefined) => change({ committee: v })}
            options={(committees.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))} />
          <Select allowClear showSearch optionFilterProp="label" style={{ width: 260 }} placeholder={t('eligibility.list.allPolicies')} value={f.policy}
            aria-label={t('eligibility.list.policy')} onChange={(v: string | undefined) => change({ policy: v })}
            options={(policies.data?.items ?? []).map((p) => ({ value: p.id, label: p.name.zh }))} />
          <Flex gap={4} align="center">
            <span>{t('eligibility.list.age')}</span>
            <InputNumber min={0} max={18} precision={0} style={{ width: 64 }} value={f.ageMin} aria-label={t('eligibility.list.ageMin')} onChange={(v) => change({ ageMin: v ?? undefined })} />
            <span>–</span>
            <InputNumber min={0} max={18} precision={0} style={{ width: 64 }} value={f.ageMax} aria-label={t('eligibility.list.ageMax')} onChange={(v) => change({ ageMax: v ?? undefined })} />
          </Flex>
          <Select allowClear style={{ width: 130 }} placeholder={t('eligibility.list.anyAssignee')} value={f.assigned} aria-label={t('eligibility.col.assignee')}
            onChange={(v: 'me' | 'none' | undefined) => change({ assigned: v })}
            options={[{ value: 'me', label: t('eligibility.list.assignedMe') }, { value: 'none', label: t('eligibility.list.assignedNone') }]} />
          <Flex gap={4} align="center">
            <Switch size="small" checked={byChild} onChange={(v) => { setByChild(v); setPage(1); setSelected([]); }} aria-label={t('eligibility.list.byChild')} />
            <span>{t('eligibility.list.byChild')}</span>
          </Flex>
          {selection ? (
            <Button icon={<UserAddOutlined />} disabled={!selected.length} onClick={assign}>
              {t('eligibility.list.assign', { n: selected.length })}
            </Button>
          ) : null}
        </Flex>
        {current.error && !current.data ? (
          <ErrorResult error={current.error} onRetry={current.reload} />
        ) : byChild ? (
          <Table<WorklistChild>
            rowKey="childId"
            size="middle"
            loading={children.loading}
            columns={childColumns}
            dataSource={children.data?.items ?? []}
            scroll={{ x: 900 }}
            pagination={pagination}
            expandable={{
              expandedRowRender: (c) => (
                <Table<WorklistItem> rowKey={keyOf} size="small" pagination={false} columns={policyColumns} dataSource={c.items} rowSelection={selection} />
              ),
            }}
          />
        ) : (
          <Table<WorklistItem>
            rowKey={keyOf}
            size="middle"
            loading={rows.loading}
            columns={rowColumns}
            dataSource={rows.data?.items ?? []}
            scroll={{ x: 1000 }}
            rowSelection={selection}
            pagination={pagination}
          />
        )}
      </Flex>
    </Card>
  );
}
