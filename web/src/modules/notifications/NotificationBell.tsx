import { useState } from 'react';
import { BellOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Badge, Button, Empty, Flex, List, Popover, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { seg } from '../../api/client';
import { queryClient } from '../../api/queryClient';
import { useT } from '../../i18n/useT';
import { formatDateTime } from '../../components/format';
import { notificationsApi, type Notification } from './api';

/** Where a notification leads: the record it is about. */
function targetOf(n: Notification): string | null {
  // a restricted-list match: only the reviewer receives it, and the list page shows the matches
  if (n.kind === 'restricted.match') return '/restricted';
  // a reading to answer for (break the glass, bulk viewing): the audit administrator's 安全事件
  if (n.kind.startsWith('access.')) return '/audit/alerts';
  if (!n.entityId) return null;
  if (n.entity === 'child') return `/children/${seg(n.entityId)}`;
  if (n.entity === 'problem') return `/problems?open=${seg(n.entityId)}`;
  if (n.entity === 'entitlement') return `/entitlements/${seg(n.entityId)}`;
  if (n.entity === 'referral') return `/referrals/${seg(n.entityId)}`;
  if (n.entity === 'visit') return `/visits/${seg(n.entityId)}/edit`;
  // a hazard to fix or a fix to confirm: both lists are on 隐患整改 (the notice goes only to holders of safety.rectify / .inspect)
  if (n.entity === 'hazard') return '/safety/hazards';
  // a record check about to lapse: only the street's ledger managers get the person's id
  if (n.entity === 'staff') return `/workforce/staff/${seg(n.entityId)}`;
  if (n.kind === 'admin.account') return '/admin/approvals';
  return null;
}

const POLL_MS = 60_000;
const LATEST_KEY = ['notifications', 'latest'];

/** The bell in the top bar: unread count, the latest notifications, each opening its record. */
export function NotificationBell() {
  const t = useT();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  // A poll, not the user: the call carries the background header, so it does not keep an unattended
  // session from timing out. A failed poll is retried at the next one; the bell keeps its last state.
  const { data } = useQuery({
    queryKey: LATEST_KEY,
    queryFn: () => notificationsApi.latest(10),
    refetchInterval: POLL_MS,
    refetchIntervalInBackground: true,
    staleTime: 0,
  });
  const reload = () => void queryClient.invalidateQueries({ queryKey: LATEST_KEY });

  const openItem = async (n: Notification) => {
    if (!n.read) await notificationsApi.markRead(n.id).catch(() => undefined);
    setOpen(false);
    const to = targetOf(n);
    if (to) void navigate(to);
    reload();
  };

  const content = (
    <div style={{ width: 340, maxWidth: 'calc(100vw - 32px)' }}>
      <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
        <Typography.Text strong>{t('notifications.title')}</Typography.Text>
        {data && data.unread > 0 && (
          <Button
            size="small"
            type="link"
            onClick={async () => {
              await notificationsApi.markAllRead();
              reload();
            }}
          >
            {t('notifications.readAll')}
          </Button>
        )}
      </Flex>
      {!data || data.items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notifications.empty')} />
      ) : (
        <List
          size="small"
          dataSource={data.items}
          renderItem={(n) => (
            <List.Item onClick={() => void openItem(n)} style={{ cursor: 'pointer', opacity: n.read ? 0.6 : 1 }}>
              <Flex vertical gap={2}>
                <Typography.Text strong={!n.read}>{n.title}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {n.body}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 11 }}>
                  {formatDateTime(n.createdAt)}
                </Typography.Text>
              </Flex>
            </List.Item>
          )}
        />
      )}
    </div>
  );

  return (
    <Popover
      content={content}
      trigger="click"
      open={open}
      onOpenChange={(v) => {
        setOpen(v);
        if (v) reload();
      }}
      placement="bottomRight"
    >
      <Badge count={data?.unread ?? 0} size="small" overflowCount={99}>
        <Button type="text" shape="circle" icon={<BellOutlined />} aria-label={t('notifications.title')} />
      </Badge>
    </Popover>
  );
}
