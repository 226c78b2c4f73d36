import { useMutation, useQuery } from '@tanstack/react-query';
import { App, Button, Card, Flex, Popconfirm, Tag, Typography } from 'antd';
import { queryClient } from '../../api/queryClient';
import type { SessionInfo } from '../../api/types';
import { ListScaffold } from '../../components/ListScaffold';
import { formatDateTime } from '../../components/format';
import { TAG_COLOR } from '../../components/tagColors';
import { useApiError } from '../../hooks/useApiError';
import { useT } from '../../i18n/useT';
import { meApi } from './api';

/** A short, readable device name from the user agent; the full string is in the tooltip. */
function deviceOf(ua: string | null): string {
  if (!ua) return '—';
  const browser = /Edg\//.test(ua) ? 'Edge' : /Firefox\//.test(ua) ? 'Firefox' : /Chrom(e|ium)\//.test(ua) ? 'Chrome' : /Safari\//.test(ua) ? 'Safari' : '';
  const os = /Windows/.test(ua)
    ? 'Windows'
    : /Android/.test(ua)
      ? 'Android'
      : /iPhone|iPad/.test(ua)
        ? 'iOS'
        : /Mac OS X/.test(ua)
          ? 'macOS'
          : /Linux/.test(ua)
            ? 'Linux'
            : '';
  return [browser, os].filter(Boolean).join(' · ') || ua.slice(0, 40);
}

const SESSIONS_KEY = ['me', 'sessions'];

export function SessionsCard() {
  const t = useT();
  const { message } = App.useApp();
  const showError = useApiError();
  const { data, isPending: loading } = useQuery({ queryKey: SESSIONS_KEY, queryFn: meApi.sessions });
  const end = useMutation({
    mutationFn: meApi.endSession,
    onSuccess: () => {
      void message.success(t('me.session.ended'));
      void queryClient.invalidateQueries({ queryKey: SESSIONS_KEY });
    },
    onError: (err) => showError(err),
  });

  // The current session ends by logging out, which also clears this page.
  const endButton = (row: SessionInfo) =>
    row.current ? null : (
      <Popconfirm
        title={t('me.session.endConfirm')}
        onConfirm={() => end.mutateAsync(row.id).catch(() => undefined)}
        okText={t('common.confirm')}
        cancelText={t('common.cancel')}
      >
        <Button type="link" size="small" danger>
          {t('me.session.end')}
        </Button>
      </Popconfirm>
    );

  const device = (row: SessionInfo) => (
    <span title={row.userAgent ?? undefined}>
      {deviceOf(row.userAgent)}
      {row.current ? (
        <Tag color={TAG_COLOR.ok} style={{ marginInlineStart: 6 }}>
          {t('me.session.current')}
        </Tag>
      ) : null}
    </span>
  );

  return (
    <Card title={t('me.sessions')} style={{ height: '100%' }}>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('me.sessionsHint')}
      </Typography.Paragraph>
      <ListScaffold<SessionInfo>
        items={data?.items}
        loading={loading}
        rowKey="id"
        tableProps={{ size: 'small', sticky: false, scroll: { x: 'max-content' } }}
        renderMobile={(row) => (
          <Flex justify="space-between" align="center" gap={8}>
            <Flex vertical gap={2}>
              {device(row)}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {row.ip ?? '—'} · {formatDateTime(row.createdAt)} / {formatDateTime(row.lastSeenAt)}
              </Typography.Text>
            </Flex>
            {endButton(row)}
          </Flex>
        )}
        columns={[
          {
            title: t('me.session.device'),
            dataIndex: 'userAgent',
            render: (_: string | null, row) => device(row),
          },
          { title: t('me.session.ip'), dataIndex: 'ip', render: (ip: string | null) => ip ?? '—' },
          {
            title: t('me.session.times'),
            key: 'times',
            render: (_, row) => (
              <span style={{ whiteSpace: 'nowrap' }}>
                {formatDateTime(row.createdAt)}
                <br />
                <Typography.Text type="secondary">{formatDateTime(row.lastSeenAt)}</Typography.Text>
              </span>
            ),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_, row) => endButton(row),
          },
        ]}
      />
    </Card>
  );
}
