import { useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Flex, Segmented, Space, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import type { AdminRequest, AdminRequestApproved } from '../../../api/types';
import { useMe } from '../../../auth/useAuth';
import { ErrorResult } from '../../../components/ErrorResult';
import { formatDateTime } from '../../../components/format';
import { ListScaffold } from '../../../components/ListScaffold';
import { PageHeader } from '../../../components/PageHeader';
import { TAG_COLOR } from '../../../components/tagColors';
import { useApiError } from '../../../hooks/useApiError';
import { useT } from '../../../i18n/useT';
import { adminApi, adminKeys } from '../api';
import { useRefreshAdmin } from '../hooks';
import { RefuseRequestModal } from './RefuseRequestModal';
import { TemporaryPasswordModal } from './TemporaryPasswordModal';

const STATUS_COLOR: Record<AdminRequest['status'], string> = {
  pending: TAG_COLOR.warning,
  approved: TAG_COLOR.ok,
  refused: TAG_COLOR.danger,
  expired: TAG_COLOR.closed,
};

/**
 * Requests on administrator accounts (三权分立): every administrator sees them; one who is neither
 * the requester nor the account holder approves or refuses. The server decides; the buttons only
 * follow its canDecide flag, and a refusal comes back as a Chinese message.
 */
export default function AdminRequestsPage() {
  const t = useT();
  const me = useMe();
  const { modal } = App.useApp();
  const showError = useApiError();
  const [status, setStatus] = useState<'pending' | 'all'>('pending');
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [refusing, setRefusing] = useState<AdminRequest | null>(null);
  const [approved, setApproved] = useState<AdminRequestApproved | null>(null);

  const query = { status: status === 'pending' ? ('pending' as const) : undefined, ...paging };
  const { data, isFetching, error, refetch } = useQuery({
    queryKey: adminKeys.requests(query),
    queryFn: () => adminApi.requests(query),
    placeholderData: keepPreviousData,
  });
  const reload = useRefreshAdmin();

  const approve = (r: AdminRequest) =>
    modal.confirm({
      title: t('adminAccounts.approveConfirm', { name: r.target.displayName }),
      content: t('adminAccounts.approveConfirmBody'),
      okText: t('adminAccounts.approve'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          setApproved(await adminApi.approve(r.id));
          reload();
        } catch (err) {
          showError(err);
          reload();
        }
      },
    });

  /** Why this administrator cannot decide a pending request (the server says the same, in more words). */
  const notYours = (r: AdminRequest) =>
    r.requestedBy.id === me.user.id ? t('adminAccounts.notYours.own') : r.target.id === me.user.id ? t('adminAccounts.notYours.target') : null;

  const columns: TableColumnsType<AdminRequest> = [
    {
      title: t('adminAccounts.col.target'),
      key: 'target',
      render: (_, r) => (
        <span style={{ whiteSpace: 'nowrap' }}>
          <span className="mono">{r.target.username}</span> {r.target.displayName}
        </span>
      ),
    },
    { title: t('adminAccounts.col.kind'), dataIndex: 'kind', render: (k: AdminRequest['kind']) => t(`adminAccounts.kind.${k}`) },
    { title: t('adminAccounts.col.reason'), dataIndex: 'reason' },
    {
      title: t('adminAccounts.col.requestedBy'),
      key: 'requestedBy',
      render: (_, r) => <span className="mono">{r.requestedBy.username}</span>,
    },
    {
      title: t('adminAccounts.col.createdAt'),
      dataIndex: 'createdAt',
      render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(v)}</span>,
    },
    {
      title: t('adminAccounts.col.status'),
      key: 'status',
      render: (_, r) => (
        <Flex vertical align="flex-start">
          <Tag color={STATUS_COLOR[r.status]}>{t(`adminAccounts.status.${r.status}`)}</Tag>
          {r.status === 'pending' ? (
            <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
              {t('adminAccounts.col.expiresAt')} {formatDateTime(r.expiresAt)}
            </Typography.Text>
          ) : null}
        </Flex>
      ),
    },
    {
      title: t('adminAccounts.col.decision'),
      key: 'decision',
      fixed: 'right',
      render: (_, r) => {
        if (r.decidedBy) {
          return (
            <Flex vertical>
              <span className="mono">{r.decidedBy.username}</span>
              {r.decisionNote ? <Typography.Text type="secondary">{r.decisionNote}</Typography.Text> : null}
            </Flex>
          );
        }
        if (r.status !== 'pending') return null;
        const why = r.canDecide ? null : notYours(r);
        const buttons = (
          <Space size={0}>
            <Button type="link" size="small" disabled={!r.canDecide} onClick={() => approve(r)}>
              {t('adminAccounts.approve')}
            </Button>
            <Button type="link" size="small" danger disabled={!r.canDecide} onClick={() => setRefusing(r)}>
              {t('adminAccounts.refuse')}
            </Button>
          </Space>
        );
        return why ? <Tooltip title={why}>{buttons}</Tooltip> : buttons;
      },
    },
  ];

  return (
    <>
      <PageHeader title={t('adminAccounts.title')} />
      <Alert type="info" showIcon title={t('adminAccounts.intro')} style={{ marginBottom: 16 }} />
      <Segmented<'pending' | 'all'>
        style={{ marginBottom: 12 }}
        value={status}
        onChange={(v) => {
          setStatus(v);
          setPaging((p) => ({ ...p, page: 1 }));
        }}
        options={[
          { value: 'pending', label: t('adminAccounts.filter.pending') },
          { value: 'all', label: t('adminAccounts.filter.all') },
        ]}
      />
      {error && !data ? (
        <ErrorResult error={error} onRetry={() => void refetch()} />
      ) : (
        <ListScaffold<AdminRequest>
          rowKey="id"
          loading={isFetching}
          columns={columns}
          items={data?.items}
          total={data?.total ?? 0}
          tableProps={{ scroll: { x: 'max-content' } }}
          paging={{ ...paging, onChange: (page, pageSize) => setPaging((p) => ({ page: pageSize === p.pageSize ? page : 1, pageSize })) }}
        />
      )}
      {refusing ? (
        <RefuseRequestModal
          request={refusing}
          onClose={() => setRefusing(null)}
          onDone={() => {
            setRefusing(null);
            reload();
          }}
        />
      ) : null}
      {approved ? <TemporaryPasswordModal approved={approved} onClose={() => setApproved(null)} /> : null}
    </>
  );
}
