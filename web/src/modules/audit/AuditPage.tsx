import { useMemo, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { DatePicker, Form, Input, Select, Switch, Typography, type TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import type { AuditEntry, AuditOutcome } from '../../api/types';
import { useAuth } from '../../auth/useAuth';
import { ErrorResult } from '../../components/ErrorResult';
import { FilterForm } from '../../components/FilterForm';
import { formatDateTime } from '../../components/format';
import { ListScaffold } from '../../components/ListScaffold';
import { PageHeader } from '../../components/PageHeader';
import { useLocalName } from '../../hooks/useLocalName';
import { useT } from '../../i18n/useT';
import { useUnits } from '../admin/hooks';
import { auditApi, type AuditQuery } from './api';
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

type Filters = Omit<AuditQuery, 'page' | 'pageSize'>;

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

  const query: AuditQuery = { ...filters, ...paging };
  const { data, isFetching, error, refetch } = useQuery({
    queryKey: ['audit', 'log', query],
    queryFn: () => auditApi.list(query),
    placeholderData: keepPreviousData,
  });

  const columns: TableColumnsType<AuditEntry> = [
    { title: t('audit.at'), dataIndex: 'at', render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(v)}</span> },
    {
      title: t('audit.username'),
      dataIndex: 'username',
      render: (v: string | null) => (
        <span className="mono" style={{ whiteSpace: 'nowrap' }}>
          {v ?? '—'}
        </span>
      ),
    },
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
    {
      title: t('audit.reason'),
      dataIndex: 'reason',
      render: (v: string | null) => (
        <Typography.Text ellipsis={{ tooltip: v }} style={{ maxWidth: 200 }}>
          {v ?? '—'}
        </Typography.Text>
      ),
    },
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
                {o.label}{' '}
                <Typography.Text type="secondary" className="mono" style={{ fontSize: 12 }}>
                  {String(o.data.code)}
                </Typography.Text>
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
        <ErrorResult error={error} onRetry={() => void refetch()} />
      ) : (
        <ListScaffold<AuditEntry>
          rowKey="id"
          loading={isFetching}
          columns={columns}
          items={data?.items}
          total={data?.total ?? 0}
          tableProps={{
            size: 'small',
            // A fixed width, not max-content: the expanded row's content sizes itself to the table,
            // and max-content would make the two grow each other without end.
            scroll: { x: 1100 },
            expandable: { expandedRowRender: (e) => <AuditDetail entry={e} /> },
          }}
          paging={{
            page: paging.page,
            pageSize: paging.pageSize,
            pageSizeOptions: [20, 50, 100, 200],
            onChange: (page, pageSize) => setPaging((p) => ({ page: pageSize === p.pageSize ? page : 1, pageSize })),
          }}
        />
      )}
    </>
  );
}
