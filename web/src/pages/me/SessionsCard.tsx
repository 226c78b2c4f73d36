import { App, Button, Card, Flex, List, Popconfirm, Table, Tag, Typography } from 'antd';
import { api, seg } from '../../api/client';
import type { SessionInfo, SessionList } from '../../api/types';
import { formatDateTime } from '../../components/format';
import { TAG_COLOR } from '../../components/tagColors';
import { useApi } from '../../hooks/useApi';
import { useApiError } from '../../hooks/useApiError';
import { useIsMobile } from '../../hooks/useIsMobile';
import { useT } from '../../i18n/useT';

/** A short, readable device name from the user agent; the full string is in the tooltip. */
function deviceOf(ua: string | null): string {
  if (!ua) return '—';
  const browser = /Edg\//.test(ua) ? 'Edge' : /Firefox\//.test(ua) ? 'Firefox' : /Chrom(e|ium)\//.test(ua) ? 'Chrome' : /Safari\//.test(ua) ? 'Safari' : '';
  const os = /Windows/.test(ua) ? 'Windows' : /Android/.test(ua) ? 'Android' : /iPhone|iPad/.test(ua) ? 'iOS' : /Mac OS X/.test(ua) ? 'macOS' : /Linux/.test(ua) ? 'Linux' : '';
  return [browser, os].filter(Boolean).join(' · ') || ua.slice(0, 40);
}

export function SessionsCard() {
  const t = useT();
  const { message } = App.useApp();
  const showError = useApiError();
  const mobile = useIsMobile();
  const { data, loading, reload } = useApi(() => api.get<SessionList>('/api/auth/sessions'), []);

  const end = async (id: string) => {
    try {
      await api.delete(`/api/auth/sessions/${seg(id)}`);
      void message.success(t('me.session.ended'));
      reload();
    } catch (err) {
      showError(err);
    }
  };

  // The current session ends by logging out, which also clears this page.
  const endButton = (row: SessionInfo) =>
    row.current ? null : (
      <Popconfirm title={t('me.session.endConfirm')} onConfirm={() => end(row.id)} okText={t('common.confirm')} cancelText={t('common.cancel')}>
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
      {mobile ? (
        <List<SessionInfo>
          loading={loading}
          dataSource={data?.items}
          renderItem={(row) => (
            <List.Item extra={endButton(row)}>
              <Flex vertical gap={2}>
                {device(row)}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {row.ip ?? '—'} · {formatDateTime(row.createdAt)} / {formatDateTime(row.lastSeenAt)}
                </Typography.Text>
              </Flex>
            </List.Item>
          )}
        />
      ) : (
        <Table<SessionInfo>
          rowKey="id"
          size="small"
          loading={loading}
          dataSource={data?.items}
          pagination={false}
          scroll={{ x: 'max-content' }}
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
      )}
    </Card>
  );
}
