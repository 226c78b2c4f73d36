import { useState } from 'react';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Badge,
  Button,
  Card,
  Empty,
  Flex,
  Form,
  Input,
  Modal,
  Popconfirm,
  Radio,
  Select,
  Table,
  Tabs,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { Link } from 'react-router';
import { ErrorResult } from '../../components/ErrorResult';
import { formatDateTime } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { useApiError } from '../../hooks/useApiError';
import { useT } from '../../i18n/useT';
import { accessApi, ALERT_KIND_ZH, GRANT_KIND_ZH, type Grant } from '../access/api';
import { auditApi, type AlertQuery, type SecurityAlert } from './api';

const SEVERITY_COLOR = { info: 'blue', warning: 'orange', critical: 'red' } as const;

/** 安全事件 (audit.read): the security events, open ones first, acknowledged with a note; and every access grant. */
export default function AlertsPage() {
  const t = useT();
  return (
    <>
      <PageHeader title={t('access.alerts.title')} extra={<Link to="/audit">{t('access.alerts.logLink')}</Link>} />
      <Card styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          destroyOnHidden
          items={[
            { key: 'events', label: t('access.alerts.tab.events'), children: <Events /> },
            { key: 'grants', label: t('access.alerts.tab.grants'), children: <Grants /> },
          ]}
        />
      </Card>
    </>
  );
}

function Events() {
  const t = useT();
  const { message } = App.useApp();
  const showError = useApiError();
  const qc = useQueryClient();
  const [filters, setFilters] = useState<Omit<AlertQuery, 'page' | 'pageSize'>>({});
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const query = { ...filters, ...paging };
  const { data, isFetching, error, refetch } = useQuery({
    queryKey: ['audit', 'alerts', query],
    queryFn: () => auditApi.alerts(query),
    placeholderData: keepPreviousData,
  });
  const [acking, setAcking] = useState<SecurityAlert | null>(null);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<{ note: string }>();
  if (error && !data) return <ErrorResult error={error} onRetry={() => void refetch()} />;

  const ack = async () => {
    if (!acking) return;
    const { note } = await form.validateFields();
    setSaving(true);
    try {
      await auditApi.acknowledge(acking.id, note.trim());
      void message.success(t('access.alerts.acked'));
      setAcking(null);
      form.resetFields();
      await qc.invalidateQueries({ queryKey: ['audit', 'alerts'] });
    } catch (err) {
      showError(err, form);
    } finally {
      setSaving(false);
    }
  };

  const columns: TableColumnsType<SecurityAlert> = [
    {
      title: t('access.alerts.col.at'),
      dataIndex: 'createdAt',
      width: 150,
      render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(v)}</span>,
    },
    {
      title: t('access.alerts.col.severity'),
      dataIndex: 'severity',
      width: 80,
      render: (s: SecurityAlert['severity']) => <Tag color={SEVERITY_COLOR[s]}>{t(`access.alerts.severity.${s}`)}</Tag>,
    },
    { title: t('access.alerts.col.kind'), dataIndex: 'kind', width: 130, render: (k: string) => ALERT_KIND_ZH[k] ?? k },
    {
      title: t('access.alerts.col.title'),
      dataIndex: 'title',
      render: (v: string, a) => (
        <>
          {v}
          {a.body ? (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {a.body}
            </Typography.Text>
          ) : null}
        </>
      ),
    },
    { title: t('access.alerts.col.user'), dataIndex: 'username', width: 110, render: (v: string | null) => <span className="mono">{v ?? '—'}</span> },
    {
      title: t('access.alerts.col.state'),
      key: 'state',
      width: 200,
      render: (_, a) =>
        a.acknowledgedAt ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('access.alerts.ackedBy', { user: a.acknowledgedBy ?? '', at: formatDateTime(a.acknowledgedAt), note: a.ackNote ?? '' })}
          </Typography.Text>
        ) : (
          <Button size="small" type="primary" onClick={() => setAcking(a)}>
            {t('access.alerts.ack')}
          </Button>
        ),
    },
  ];
  return (
    <>
      <Flex gap={12} wrap align="center" style={{ marginBottom: 12 }}>
        <Badge status={data?.open ? 'error' : 'default'} text={t('access.alerts.open', { count: data?.open ?? 0 })} />
        <Select
          allowClear
          style={{ width: 180 }}
          placeholder={t('access.alerts.filter.kind')}
          value={filters.kind}
          onChange={(kind?: string) => {
            setFilters((f) => ({ ...f, kind }));
            setPaging((p) => ({ ...p, page: 1 }));
          }}
          options={Object.entries(ALERT_KIND_ZH).map(([value, label]) => ({ value, label }))}
        />
        <Radio.Group
          value={filters.state ?? 'all'}
          onChange={(e) => {
            const v: unknown = e.target.value;
            setFilters((f) => ({ ...f, state: v === 'open' || v === 'acknowledged' ? v : undefined }));
            setPaging((p) => ({ ...p, page: 1 }));
          }}
          options={[
            { value: 'all', label: t('access.alerts.filter.state') + '：全部' },
            { value: 'open', label: t('access.alerts.state.open') },
            { value: 'acknowledged', label: t('access.alerts.state.acknowledged') },
          ]}
          optionType="button"
        />
      </Flex>
      <Table
        size="small"
        rowKey="id"
        loading={isFetching}
        dataSource={data?.items ?? []}
        columns={columns}
        scroll={{ x: 900 }}
        locale={{ emptyText: <Empty description={t('access.alerts.empty')} /> }}
        pagination={{ current: paging.page, pageSize: paging.pageSize, total: data?.total ?? 0, onChange: (page, pageSize) => setPaging({ page, pageSize }) }}
      />
      <Modal
        open={acking !== null}
        title={t('access.alerts.ackTitle')}
        onCancel={() => setAcking(null)}
        destroyOnHidden
        footer={[
          <Button key="cancel" onClick={() => setAcking(null)}>
            {t('common.cancel')}
          </Button>,
          <Popconfirm key="ok" title={t('access.alerts.ackConfirm')} onConfirm={() => ack()} okText={t('access.alerts.ack')}>
            <Button type="primary" loading={saving}>
              {t('access.alerts.ack')}
            </Button>
          </Popconfirm>,
        ]}
      >
        {acking ? <Typography.Paragraph>{acking.title}</Typography.Paragraph> : null}
        <Form form={form} layout="vertical" requiredMark={false}>
          <Form.Item
            name="note"
            label={t('access.alerts.ackNote')}
            rules={[{ required: true, whitespace: true, min: 2, message: t('access.alerts.ackPlaceholder') }]}
          >
            <Input.TextArea rows={3} maxLength={500} showCount placeholder={t('access.alerts.ackPlaceholder')} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

function Grants() {
  const t = useT();
  const { message } = App.useApp();
  const showError = useApiError();
  const qc = useQueryClient();
  const [state, setState] = useState<'active' | 'closed' | undefined>(undefined);
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const query = { state, ...paging };
  const { data, isFetching, error, refetch } = useQuery({
    queryKey: ['access', 'grants', query],
    queryFn: () => accessApi.grants(query),
    placeholderData: keepPreviousData,
  });
  if (error && !data) return <ErrorResult error={error} onRetry={() => void refetch()} />;
  const end = async (g: Grant) => {
    try {
      await accessApi.endGrant(g.id);
      void message.success(t('access.banner.ended'));
      await qc.invalidateQueries({ queryKey: ['access'] });
    } catch (err) {
      showError(err);
    }
  };
  const columns: TableColumnsType<Grant> = [
    { title: t('access.grants.col.granted'), dataIndex: 'grantedAt', width: 150, render: (v: string) => formatDateTime(v) },
    {
      title: t('access.grants.col.user'),
      dataIndex: 'displayName',
      width: 140,
      render: (v: string, g) => (
        <>
          {v}{' '}
          <Typography.Text className="mono" type="secondary">
            {g.username}
          </Typography.Text>
        </>
      ),
    },
    {
      title: t('access.grants.col.kind'),
      dataIndex: 'kind',
      width: 100,
      render: (k: Grant['kind']) => <Tag color={k === 'emergency' ? 'red' : 'orange'}>{GRANT_KIND_ZH[k]}</Tag>,
    },
    { title: t('access.grants.col.reason'), dataIndex: 'reason' },
    { title: t('access.grants.col.street'), dataIndex: 'streetName', width: 110 },
    { title: t('access.grants.col.expires'), dataIndex: 'expiresAt', width: 150, render: (v: string, g) => formatDateTime(g.endedAt ?? v) },
    {
      title: t('access.grants.col.state'),
      dataIndex: 'state',
      width: 160,
      render: (s: Grant['state'], g) =>
        s === 'active' ? (
          <Flex gap={6} align="center">
            <Tag color="green">{t('access.grants.state.active')}</Tag>
            <Popconfirm title={t('access.grants.endConfirm')} onConfirm={() => end(g)} okText={t('access.grants.end')}>
              <Button size="small" danger>
                {t('access.grants.end')}
              </Button>
            </Popconfirm>
          </Flex>
        ) : (
          <Tag>{t(s === 'ended' ? 'access.grants.state.ended' : 'access.grants.state.expired')}</Tag>
        ),
    },
  ];
  return (
    <>
      <Radio.Group
        style={{ marginBottom: 12 }}
        value={state ?? 'all'}
        onChange={(e) => {
          const v: unknown = e.target.value;
          setState(v === 'active' || v === 'closed' ? v : undefined);
          setPaging((p) => ({ ...p, page: 1 }));
        }}
        options={[
          { value: 'all', label: '全部' },
          { value: 'active', label: t('access.grants.filter.active') },
          { value: 'closed', label: t('access.grants.filter.closed') },
        ]}
        optionType="button"
      />
      <Table
        size="small"
        rowKey="id"
        loading={isFetching}
        dataSource={data?.items ?? []}
        columns={columns}
        scroll={{ x: 900 }}
        locale={{ emptyText: <Empty description={t('access.grants.empty')} /> }}
        pagination={{ current: paging.page, pageSize: paging.pageSize, total: data?.total ?? 0, onChange: (page, pageSize) => setPaging({ page, pageSize }) }}
      />
    </>
  );
}
