import { useState } from 'react';
import { App, Button, Card, DatePicker, Flex, Form, Input, InputNumber, List, Segmented, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { Link } from 'react-router';
import type { WorkLog, WorkLogList } from '@common/casework';
import { api, seg } from '../../../api/client';
import { useAuth, useMe } from '../../../auth/useAuth';
import { ErrorResult } from '../../../components/ErrorResult';
import { FormModal } from '../../../components/FormModal';
import { formatDate } from '../../../components/format';
import { PageHeader } from '../../../components/PageHeader';
import { useApi } from '../../../hooks/useApi';
import { useApiError } from '../../../hooks/useApiError';
import { useIsMobile } from '../../../hooks/useIsMobile';
import { useT } from '../../../i18n/useT';
import { ChildPicker } from '../ChildPicker';
import { afterToday, DATE, toDate } from '../shared';

type Range = [dayjs.Dayjs | null, dayjs.Dayjs | null] | null;

/** 工作日志: my own logs (add, edit, delete); supervisors can switch to the logs of their area. */
export default function WorkLogsPage() {
  const t = useT();
  const mobile = useIsMobile();
  const me = useMe();
  const { can } = useAuth();
  const { message, modal } = App.useApp();
  const showError = useApiError();
  const [mine, setMine] = useState(true);
  const [range, setRange] = useState<Range>(null);
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [editing, setEditing] = useState<WorkLog | 'new' | null>(null);
  // Street and district staff read their area's logs; a child director sees essentially their own.
  const seesOthers = me.scope.kind === 'street' || me.scope.kind === 'district';
  const write = can('casework.write');

  const { data, loading, error, reload } = useApi(
    () => api.get<WorkLogList>('/api/work-logs', { mine: mine ? 'true' : 'false', from: toDate(range?.[0]), to: toDate(range?.[1]), ...page }),
    [mine, range, page],
  );

  const remove = (log: WorkLog) =>
    modal.confirm({
      title: t('casework.workLog.deleteConfirm', { date: log.workedOn }),
      okText: t('common.delete'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await api.delete(`/api/work-logs/${seg(log.id)}`);
          void message.success(t('casework.deleted'));
          reload();
        } catch (err) {
          showError(err);
        }
      },
    });

  const pagination = {
    current: page.page,
    pageSize: page.pageSize,
    total: data?.total ?? 0,
    showSizeChanger: !mobile,
    showTotal: (total: number) => t('common.total', { total }),
    onChange: (p: number, pageSize: number) => setPage({ page: pageSize === page.pageSize ? p : 1, pageSize }),
  };

  const childLinks = (log: WorkLog) =>
    log.children.length ? (
      <Flex gap={4} wrap>
        {log.children.map((c) => (
          <Link key={c.id} to={`/children/${seg(c.id)}`}>
            <Tag style={{ marginInlineEnd: 0 }}>{c.name}</Tag>
          </Link>
        ))}
      </Flex>
    ) : (
      <Typography.Text type="secondary">—</Typography.Text>
    );
  const actions = (log: WorkLog) =>
    log.mine && write ? (
      <Space size={0}>
        <Button type="link" size="small" onClick={() => setEditing(log)}>
          {t('common.edit')}
        </Button>
        <Button type="link" size="small" danger onClick={() => remove(log)}>
          {t('common.delete')}
        </Button>
      </Space>
    ) : null;

  const columns: TableColumnsType<WorkLog> = [
    { title: t('casework.workLog.workedOn'), dataIndex: 'workedOn', width: 110, fixed: 'left', render: (v: string) => formatDate(v) },
    ...(mine ? [] : [{ title: t('casework.workLog.author'), dataIndex: 'userName', width: 100 }]),
    { title: t('casework.workLog.hours'), dataIndex: 'hours', width: 80, align: 'right' as const, render: (h: number) => t('casework.workLog.hoursValue', { h }) },
    { title: t('casework.workLog.content'), dataIndex: 'content', render: (v: string) => <span style={{ whiteSpace: 'pre-wrap' }}>{v}</span> },
    { title: t('casework.workLog.children'), key: 'children', width: 240, render: (_, log) => childLinks(log) },
    ...(write ? [{ title: t('common.actions'), key: 'actions', width: 120, fixed: 'right' as const, render: (_: unknown, log: WorkLog) => actions(log) }] : []),
  ];

  return (
    <>
      <PageHeader
        title={t('casework.workLogs.title')}
        extra={
          write ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              {t('casework.workLog.create')}
            </Button>
          ) : null
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex gap={12} wrap align="center" justify="space-between">
          <Flex gap={12} wrap align="center">
            {seesOthers ? (
              <Segmented
                value={mine ? 'mine' : 'area'}
                onChange={(v) => {
                  setMine(v === 'mine');
                  setPage({ ...page, page: 1 });
                }}
                options={[
                  { value: 'mine', label: t('casework.workLogs.mine') },
                  { value: 'area', label: t('casework.workLogs.area') },
                ]}
              />
            ) : null}
            <DatePicker.RangePicker
              value={range}
              onChange={(r) => {
                setRange(r);
                setPage({ ...page, page: 1 });
              }}
              format={DATE}
              allowEmpty={[true, true]}
              style={{ width: mobile ? '100%' : 260 }}
              inputReadOnly={mobile}
            />
          </Flex>
          <Typography.Text type="secondary">{t('casework.workLogs.summary', { n: data?.total ?? 0, h: data?.totalHours ?? 0 })}</Typography.Text>
        </Flex>
      </Card>
      {error && !data ? (
        <ErrorResult error={error} onRetry={reload} />
      ) : mobile ? (
        <Card size="small" styles={{ body: { padding: '0 12px' } }}>
          <List<WorkLog>
            loading={loading}
            dataSource={data?.items}
            locale={{ emptyText: t('casework.workLogs.empty') }}
            pagination={{ ...pagination, size: 'small', align: 'center' }}
            renderItem={(log) => (
              <List.Item style={{ paddingBlock: 12, display: 'block' }}>
                <Flex justify="space-between" align="center" gap={8}>
                  <Typography.Text strong>
                    {formatDate(log.workedOn)} · {t('casework.workLog.hoursValue', { h: log.hours })}
                    {mine ? '' : ` · ${log.userName}`}
                  </Typography.Text>
                  {actions(log)}
                </Flex>
                <div style={{ whiteSpace: 'pre-wrap', margin: '4px 0' }}>{log.content}</div>
                {log.children.length ? childLinks(log) : null}
              </List.Item>
            )}
          />
        </Card>
      ) : (
        <Table<WorkLog>
          // Rows carry a `children` field of their own: not tree data.
          expandable={{ childrenColumnName: 'noTreeData' }}
          rowKey="id"
          size="middle"
          loading={loading}
          columns={columns}
          dataSource={data?.items}
          scroll={{ x: 900 }}
          sticky={{ offsetHeader: 56 }}
          pagination={pagination}
          locale={{ emptyText: t('casework.workLogs.empty') }}
        />
      )}
      {editing ? (
        <WorkLogFormModal
          log={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            reload();
          }}
        />
      ) : null}
    </>
  );
}

interface Values {
  workedOn: dayjs.Dayjs;
  hours: number;
  content: string;
  childIds: string[];
}

function WorkLogFormModal({ log, onClose, onSaved }: { log: WorkLog | null; onClose: () => void; onSaved: () => void }) {
  const t = useT();
  const mobile = useIsMobile();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();

  const submit = async (v: Values) => {
    const body = { workedOn: v.workedOn.format(DATE), hours: v.hours, content: v.content.trim(), childIds: v.childIds ?? [] };
    if (log) await api.patch(`/api/work-logs/${seg(log.id)}`, body);
    else await api.post('/api/work-logs', body);
    void message.success(t('casework.saved'));
    onSaved();
  };

  return (
    <FormModal<Values>
      form={form}
      title={log ? t('casework.workLog.edit') : t('casework.workLog.create')}
      onClose={onClose}
      onSubmit={submit}
      width={mobile ? undefined : 620}
      layout={mobile ? 'vertical' : 'horizontal'}
      labelCol={mobile ? undefined : { span: 5 }}
      initialValues={
        log
          ? { workedOn: dayjs(log.workedOn), hours: log.hours, content: log.content, childIds: log.children.map((c) => c.id) }
          : { workedOn: dayjs(), hours: 1, childIds: [] }
      }
    >
      <Form.Item name="workedOn" label={t('casework.workLog.workedOn')} rules={[{ required: true, message: t('common.required') }]}>
        <DatePicker format={DATE} disabledDate={(d) => afterToday(d) || d.isBefore(dayjs().subtract(1, 'year'), 'day')} style={{ width: '100%' }} inputReadOnly={mobile} />
      </Form.Item>
      <Form.Item
        name="hours"
        label={t('casework.workLog.hours')}
        extra={t('casework.workLog.hoursHint')}
        rules={[
          { required: true, message: t('casework.workLog.hoursHint') },
          { type: 'number', min: 0.5, max: 24, message: t('casework.workLog.hoursHint') },
          { validator: (_, v: number | undefined) => (v === undefined || Number.isInteger(v * 2) ? Promise.resolve() : Promise.reject(new Error(t('casework.workLog.hoursHint')))) },
        ]}
      >
        <InputNumber min={0.5} max={24} step={0.5} style={{ width: 140 }} suffix={t('casework.workLog.hoursUnit')} />
      </Form.Item>
      <Form.Item name="content" label={t('casework.workLog.content')} rules={[{ required: true, whitespace: true, message: t('casework.workLog.contentRequired') }]}>
        <Input.TextArea rows={4} maxLength={2000} showCount placeholder={t('casework.workLog.contentPlaceholder')} />
      </Form.Item>
      <Form.Item name="childIds" label={t('casework.workLog.children')}>
        <ChildPicker known={log?.children ?? []} />
      </Form.Item>
    </FormModal>
  );
}
