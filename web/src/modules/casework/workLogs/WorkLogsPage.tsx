import { useState } from 'react';
import { App, Button, Card, DatePicker, Flex, Segmented, Space, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type dayjs from 'dayjs';
import { Link } from 'react-router';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import type { WorkLog } from '@common/casework';
import { seg } from '../../../api/client';
import { useAuth, useMe } from '../../../auth/useAuth';
import { ErrorResult } from '../../../components/ErrorResult';
import { formatDate } from '../../../components/format';
import { ListScaffold } from '../../../components/ListScaffold';
import { PageHeader } from '../../../components/PageHeader';
import { useApiError } from '../../../hooks/useApiError';
import { useIsMobile } from '../../../hooks/useIsMobile';
import { useT } from '../../../i18n/useT';
import { caseworkApi, caseworkKeys, type WorkLogQuery } from '../api';
import { DATE, toDate } from '../shared';
import { WorkLogFormModal } from './WorkLogFormModal';

type Range = [dayjs.Dayjs | null, dayjs.Dayjs | null] | null;

/** 工作日志: my own logs (add, edit, delete); supervisors can switch to the logs of their area. */
export default function WorkLogsPage() {
  const t = useT();
  const mobile = useIsMobile();
  const me = useMe();
  const { can } = useAuth();
  const { message, modal } = App.useApp();
  const showError = useApiError();
  const queryClient = useQueryClient();
  const [mine, setMine] = useState(true);
  const [range, setRange] = useState<Range>(null);
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [editing, setEditing] = useState<WorkLog | 'new' | null>(null);
  // Street and district staff read their area's logs; a child director sees essentially their own.
  const seesOthers = me.scope.kind === 'street' || me.scope.kind === 'district';
  const write = can('casework.write');

  const query: WorkLogQuery = { mine: mine ? 'true' : 'false', from: toDate(range?.[0]), to: toDate(range?.[1]), ...page };
  const {
    data,
    isFetching: loading,
    error,
    refetch,
  } = useQuery({
    queryKey: caseworkKeys.workLogs(query),
    queryFn: () => caseworkApi.workLogs(query),
    placeholderData: keepPreviousData,
  });
  const changed = () => void queryClient.invalidateQueries({ queryKey: caseworkKeys.all });

  const remove = (log: WorkLog) =>
    modal.confirm({
      title: t('casework.workLog.deleteConfirm', { date: log.workedOn }),
      okText: t('common.delete'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await caseworkApi.deleteWorkLog(log.id);
          void message.success(t('casework.deleted'));
          changed();
        } catch (err) {
          showError(err);
        }
      },
    });

  const paging = {
    page: page.page,
    pageSize: page.pageSize,
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
    {
      title: t('casework.workLog.hours'),
      dataIndex: 'hours',
      width: 80,
      align: 'right' as const,
      render: (h: number) => t('casework.workLog.hoursValue', { h }),
    },
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
        <ErrorResult error={error} onRetry={() => void refetch()} />
      ) : (
        <ListScaffold<WorkLog>
          items={data?.items}
          total={data?.total}
          loading={loading}
          rowKey="id"
          columns={columns}
          paging={paging}
          emptyText={t('casework.workLogs.empty')}
          renderMobile={(log) => (
            <>
              <Flex justify="space-between" align="center" gap={8}>
                <Typography.Text strong>
                  {formatDate(log.workedOn)} · {t('casework.workLog.hoursValue', { h: log.hours })}
                  {mine ? '' : ` · ${log.userName}`}
                </Typography.Text>
                {actions(log)}
              </Flex>
              <div style={{ whiteSpace: 'pre-wrap', margin: '4px 0' }}>{log.content}</div>
              {log.children.length ? childLinks(log) : null}
            </>
          )}
          // Rows carry a `children` field of their own: not tree data.
          tableProps={{ expandable: { childrenColumnName: 'noTreeData' }, scroll: { x: 900 } }}
        />
      )}
      {editing ? (
        <WorkLogFormModal
          log={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            changed();
          }}
        />
      ) : null}
    </>
  );
}
