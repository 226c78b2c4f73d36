import { useState, type CSSProperties } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Button, Flex, Typography, type TableColumnsType } from 'antd';
import { SendOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useAuth } from '../../auth/useAuth';
import { ErrorResult } from '../../components/ErrorResult';
import { ListScaffold } from '../../components/ListScaffold';
import { formatDate } from '../../components/format';
import { useT } from '../../i18n/useT';
import { referralKeys, referralsApi, type Referral } from './api';
import { ChannelTag, DueText, StatusTag, UrgencyTag } from './labels';
import { ChannelModal, SendReferralModal } from './SendReferralModal';

/** The buttons that refer a child: 转介 and the red 暖杨通道 (both need referrals.send). */
export function ReferButtons({ childId, size, style }: { childId: string; size?: 'large' | 'middle'; style?: CSSProperties }) {
  const t = useT();
  const { can } = useAuth();
  const [open, setOpen] = useState<'send' | 'channel' | null>(null);
  if (!can('referrals.send')) return null;
  return (
    <>
      <Button size={size} style={style} icon={<SendOutlined />} onClick={() => setOpen('send')}>
        {t('referrals.send.button')}
      </Button>
      <Button size={size} style={style} danger type="primary" icon={<ThunderboltOutlined />} onClick={() => setOpen('channel')}>
        {t('referrals.channel.button')}
      </Button>
      {open === 'send' ? <SendReferralModal childId={childId} onClose={() => setOpen(null)} /> : null}
      {open === 'channel' ? <ChannelModal childId={childId} onClose={() => setOpen(null)} /> : null}
    </>
  );
}

/** The child file's 协同转介 tab: the child's referrals (the area's box) and the buttons that send one. */
export function ChildReferralsTab({ childId }: { childId: string }) {
  const t = useT();
  const [page, setPage] = useState(1);
  const query = { box: 'area' as const, bucket: 'all' as const, childId, page, pageSize: 10 };
  const list = useQuery({ queryKey: referralKeys.list(query), queryFn: () => referralsApi.list(query) });
  const link = (r: Referral, text: string | number) => <Link to={`/referrals/${encodeURIComponent(r.id)}`}>{text}</Link>;
  const columns: TableColumnsType<Referral> = [
    { title: t('referrals.col.no'), dataIndex: 'no', width: 70, render: (_, r) => link(r, r.no) },
    {
      title: t('referrals.col.kind'),
      dataIndex: 'kindName',
      render: (_, r) => (
        <Flex gap={4} wrap>
          {r.kindName}
          <UrgencyTag urgency={r.urgency} />
          {r.channel ? <ChannelTag /> : null}
        </Flex>
      ),
    },
    { title: t('referrals.col.to'), dataIndex: 'toUnitName', width: 140 },
    { title: t('referrals.col.status'), dataIndex: 'status', width: 90, render: (_, r) => <StatusTag status={r.status} /> },
    { title: t('referrals.col.due'), dataIndex: 'dueOn', width: 150, render: (_, r) => <DueText r={r} /> },
    { title: t('referrals.col.sentAt'), dataIndex: 'createdAt', width: 110, render: (v: string) => formatDate(v) },
  ];
  return (
    <Flex vertical gap={12}>
      <Flex gap={8} wrap>
        <ReferButtons childId={childId} />
      </Flex>
      {list.error && !list.data ? (
        <ErrorResult error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <ListScaffold<Referral>
          rowKey="id"
          loading={list.isFetching}
          columns={columns}
          items={list.data?.items}
          total={list.data?.total ?? 0}
          emptyText={t('referrals.tab.empty')}
          totalText={(total) => t('referrals.total', { total })}
          paging={{ page, pageSize: 10, onChange: (p) => setPage(p) }}
          renderMobile={(r) => (
            <div>
              <Flex justify="space-between" gap={8}>
                <Typography.Text strong>{link(r, `${r.no} · ${r.kindName}`)}</Typography.Text>
                <StatusTag status={r.status} />
              </Flex>
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                → {r.toUnitName} · <DueText r={r} />
              </Typography.Text>
            </div>
          )}
          tableProps={{ scroll: { x: 700 } }}
        />
      )}
    </Flex>
  );
}
