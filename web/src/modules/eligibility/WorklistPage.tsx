import { useState } from 'react';
import { App, Button, Card, Flex, Select, Table, Tabs, Tag, Typography, type TableColumnsType } from 'antd';
import { SyncOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useAuth } from '../../auth/useAuth';
import { ErrorResult } from '../../components/ErrorResult';
import { formatDate } from '../../components/format';
import { useApi } from '../../hooks/useApi';
import { useApiError } from '../../hooks/useApiError';
import { useT } from '../../i18n/useT';
import { WORKLIST_KINDS, eligibilityApi, yuan, type WorklistItem, type WorklistKind } from './api';
import { EntitlementTag } from './labels';

/** 免申即享 work lists: 可享未享, 待补充信息, 可能不再符合 — each row routed to the administering unit. */
export default function WorklistPage() {
  const t = useT();
  const { can } = useAuth();
  const { message } = App.useApp();
  const showError = useApiError();
  const [kind, setKind] = useState<WorklistKind>('eligible-not-receiving');
  const [policy, setPolicy] = useState<string | undefined>(undefined);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [running, setRunning] = useState(false);
  const list = useApi(() => eligibilityApi.worklist({ kind, policy, page, pageSize }), [kind, policy, page, pageSize]);
  const policies = useApi(() => eligibilityApi.policies(), []);

  const run = async () => {
    setRunning(true);
    try {
      const r = await eligibilityApi.run();
      void message.success(t('eligibility.list.runDone', { children: r.children, eligible: r.eligible, undetermined: r.undetermined, notEligible: r.notEligible, changed: r.changed }));
      list.reload();
    } catch (err) {
      showError(err);
    } finally {
      setRunning(false);
    }
  };

  const columns: TableColumnsType<WorklistItem> = [
    { title: t('eligibility.col.child'), dataIndex: 'childName', width: 110, render: (_, r) => <Link to={`/children/${encodeURIComponent(r.childId)}?tab=benefits`}>{r.childName}</Link> },
    { title: t('eligibility.col.area'), key: 'area', width: 200, render: (_, r) => `${r.streetName} · ${r.committeeName}` },
    { title: t('eligibility.col.policy'), dataIndex: 'policyName', width: 220 },
    { title: t('eligibility.col.unit'), dataIndex: 'unitLabel', width: 110 },
    ...(kind === 'undetermined'
      ? [{ title: t('eligibility.col.missing'), key: 'missing', render: (_: unknown, r: WorklistItem) => r.missing.map((m) => <Tag key={m}>{m}</Tag>) }]
      : [{ title: t('eligibility.col.amount'), dataIndex: 'amountFen', width: 110, render: (v: number | null) => yuan(v) }]),
    { title: t('eligibility.col.status'), key: 'status', width: 110, render: (_, r) => (r.entitlementStatus ? <EntitlementTag status={r.entitlementStatus} /> : '—') },
    { title: t('eligibility.col.asOf'), dataIndex: 'asOf', width: 110, render: (v: string) => formatDate(v) },
  ];

  return (
    <Card
      title={t('eligibility.nav')}
      extra={can('entitlements.write') ? <Button icon={<SyncOutlined />} loading={running} onClick={() => void run()}>{t('eligibility.list.run')}</Button> : null}
    >
      <Tabs
        activeKey={kind}
        onChange={(k) => { setKind(k as WorklistKind); setPage(1); }}
        items={WORKLIST_KINDS.map((k) => ({ key: k, label: t(`eligibility.list.${k}`) }))}
      />
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">{t(`eligibility.list.hint.${kind}`)}</Typography.Text>
        <Select
          allowClear
          style={{ maxWidth: 360 }}
          aria-label={t('eligibility.list.allPolicies')}
          placeholder={t('eligibility.list.allPolicies')}
          value={policy}
          onChange={(v: string | undefined) => { setPolicy(v); setPage(1); }}
          options={(policies.data?.items ?? []).map((p) => ({ value: p.id, label: p.name.zh }))}
        />
        {list.error && !list.data ? (
          <ErrorResult error={list.error} onRetry={list.reload} />
        ) : (
          <Table<WorklistItem>
            rowKey={(r) => `${r.childId}:${r.policy}`}
            size="middle"
            loading={list.loading}
            columns={columns}
            dataSource={list.data?.items ?? []}
            scroll={{ x: 900 }}
            pagination={{
              current: page, pageSize, total: list.data?.total ?? 0, showSizeChanger: true,
              showTotal: (total: number) => t('common.total', { total }),
              onChange: (p, s) => { setPage(p); setPageSize(s); },
            }}
          />
        )}
      </Flex>
    </Card>
  );
}
