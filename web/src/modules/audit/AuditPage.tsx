import { useMemo, useState } from 'react';
import { DatePicker, Form, Input, Select, Switch, Table, Typography, type TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { api } from '../../api/client';
import type { AuditEntry, AuditList, AuditOutcome } from '../../api/types';
import { useAuth } from '../../auth/useAuth';
import { ErrorResult } from '../../components/ErrorResult';
import { FilterForm } from '../../components/FilterForm';
import { formatDateTime } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { useApi } from '../../hooks/useApi';
import { useLocalName } from '../../hooks/useLocalName';
import { useUnits } from '../../hooks/useOrg';
import { useT } from '../../i18n/useT';
import { AuditDetail } from './AuditDetail';
import { OutcomeTag, OUTCOMES } from './OutcomeTag';
import { useActionLabel, useActionOptions } from './useActionLabel';
import { VerifyButton } from './VerifyButton';

interface FormValues {
  username?: string;
  actions?: string[];
  includeSystem?: boolean;
  entity?: string;
  outcome?: AuditOutcome;
  range?: [Dayjs | null, Dayjs | null] | null;
}

interface Filters {
  username?: string;
  /** Exact codes, comma-separated (the API's `actions`). */
  actions?: string;
  /** The nightly jobs' rows are hidden unless asked for. */
  includeSystem?: 'true';
  entity?: string;
  outcome?: AuditOutcome;
  from?: string;
  to?: string;
}

export default function AuditPage() {
  const t = useT();
  const { can } = useAuth();
  const actionLabel = useActionLabel();
  const actionOptions = useActionOptions();
  const name = useLocalName();
  const units = useUnits();
  const unitName = useMemo(() => new Map((units.data?.items ?? []).map((u) => [u.code, name(u)])), [units.data, name]);
  const [form] = Form.useForm<FormValues>();
  const [filters, setFilters] = useState<Filters>({});
  const [paging, setPaging] = useState({ page: 1, pageSize: 50 });

  const { data, loading, error, reload } = useApi(() => api.get<AuditList>('/api/audit', { ...filters, ...paging }), [filters, paging]);

  const columns: TableColumnsType<AuditEntry> = [
    { title: t('audit.at'), dataIndex: 'at', render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(v)}</span> },
    { title: t('audit.username'), dataIndex: 'username', render: (v: string | null) => <span className="mono" style={{ whiteSpace: 'nowrap' }}>{v ?? '—'}</span> },
    { title: t('audit.unit'), dataIndex: 'unitCode', render: (v: string | null) => (v ? (unitName.get(v) ?? v) : '—') },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      render: (a: string) => (
        <>
          {actionLabel(a)}
          <br />
          <Typography.Text type="secondary" className="mono" style={{ fontSize: 12 }}>
            {a}
          </Typography.Text>
        </>
      ),
    },
    {
      title: t('audit.entity'),
      key: 'entity',
      render: (_, e) =>
        e.entity ? (
          <Typography.Text className="mono" style={{ fontSize: 12 }} ellipsis={{ tooltip: e.entityId }}>
            {e.entity}
            {e.entityId ? `:${e.entityId.slice(0, 8)}` : ''}
          </Typography.Text>
        ) : (
          '—'
        ),
    },
    { title: t('audit.outcome'), dataIndex: 'outcome', render: (o: AuditOutcome) => <OutcomeTag outcome={o} /> },
    { title: t('audit.reason'), dataIndex: 'reason', render: (v: string | null) => <Typography.Text ellipsis={{ tooltip: v }} style={{ maxWidth: 200 }}>{v ?? '—'}</Typography.Text> },
    { title: t('audit.ip'), dataIndex: 'ip', render: (v: string | null) => <span className="mono">{v ?? '—'}</span> },
  ];

  return (
    <>
      <PageHeader title={t('audit.title')} extra={can('audit.verify') ? <VerifyButton /> : null} />
      <FilterForm<FormValues>
        form={form}
        onSearch={(v) => {
          setFilters({
            username: v.username?.trim() || undefined,
            actions: v.actions?.length ? v.actions.join(',') : undefined,
            includeSystem: v.includeSystem ? 'true' : undefined,
            entity: v.entity?.trim() || undefined,
            outcome: v.outcome,
            from: v.range?.[0]?.format('YYYY-MM-DD'),
            to: v.range?.[1]?.format('YYYY-MM-DD'),
          });
          setPaging((p) => ({ ...p, page: 1 }));
        }}
        onReset={() => {
          setFilters({});
          setPaging((p) => ({ ...p, page: 1 }));
        }}
      >
        <Form.Item name="username" label={t('audit.username')}>
          <Input allowClear maxLength={64} className="mono" />
        </Form.Item>
        <Form.Item name="actions" label={t('audit.action')}>
          <Select
            mode="multiple"
            allowClear
            showSearch
            maxTagCount="responsive"
            placeholder={t('audit.actionPlaceholder')}
            options={actionOptions.map((o) => ({ value: o.value, label: o.label, code: o.code }))}
            // Found by its name (导出) or its code (children.export).
            filterOption={(input, o) => {
              const q = input.trim().toLowerCase();
              return !!o && (String(o.label).toLowerCase().includes(q) || String(o.code).toLowerCase().includes(q));
            }}
            optionRender={(o) => (
              <span>
                {o.label} <Typography.Text type="secondary" className="mono" style={{ fontSize: 12 }}>{String(o.data.code)}</Typography.Text>
              </span>
            )}
          />
        </Form.Item>
        <Form.Item name="range" label={t('audit.dateRange')}>
          <DatePicker.RangePicker style={{ width: '100%' }} format="YYYY-MM-DD" allowEmpty={[true, true]} />
        </Form.Item>
        <Form.Item name="outcome" label={t('audit.outcome')}>
          <Select allowClear placeholder={t('common.all')} options={OUTCOMES.map((o) => ({ value: o, label: t(`audit.outcome.${o}`) }))} />
        </Form.Item>
        <Form.Item name="entity" label={t('audit.entity')}>
          <Input allowClear maxLength={64} placeholder={t('audit.entityPlaceholder')} className="mono" />
        </Form.Item>
        <Form.Item name="includeSystem" label={t('audit.includeSystem')} valuePropName="checked" tooltip={t('audit.includeSystemHelp')}>
          <Switch />
        </Form.Item>
      </FilterForm>
      {error && !data ? (
        <ErrorResult error={error} onRetry={reload} />
      ) : (
        <Table<AuditEntry>
          rowKey="id"
          size="small"
          loading={loading}
          columns={columns}
          dataSource={data?.items}
          // A fixed width, not max-content: the expanded row's content sizes itself to the table,
          // and max-content would make the two grow each other without end.
          scroll={{ x: 1100 }}
          sticky={{ offsetHeader: 56 }}
          expandable={{ expandedRowRender: (e) => <AuditDetail entry={e} /> }}
          pagination={{
            current: paging.page,
            pageSize: paging.pageSize,
            total: data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [20, 50, 100, 200],
            showTotal: (total) => t('common.total', { total }),
            onChange: (page, pageSize) => setPaging((p) => ({ page: pageSize === p.pageSize ? page : 1, pageSize })),
          }}
        />
      )}
    </>
  );
}
