import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Badge, Card, Flex, Segmented, Select, Tabs, Typography, type TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { useAuth } from '../../auth/useAuth';
import { useIsMobile } from '../../hooks/useIsMobile';
import { ErrorResult } from '../../components/ErrorResult';
import { FilterSelect } from '../../components/FilterSelect';
import { ListScaffold } from '../../components/ListScaffold';
import { formatDate } from '../../components/format';
import { useT } from '../../i18n/useT';
import { QUEUE_BUCKETS, referralKeys, referralsApi, type QueueBucket, type Referral, type ReferralBox, type ReferralList } from './api';
import { ChannelTag, DueText, StatusTag, UrgencyTag } from './labels';
import { useSearchPatch } from '../../hooks/useSearchPatch';

const COUNT_OF: Record<QueueBucket, keyof ReferralList['counts'] | null> = {
  new: 'new',
  due_soon: 'dueSoon',
  overdue: 'overdue',
  in_progress: 'inProgress',
  done: 'done',
  all: null,
};

/** The boxes the user may open: received (referrals.handle), sent (referrals.send), the area's (district and street scopes). */
export function useBoxes(): ReferralBox[] {
  const { can, me } = useAuth();
  const boxes: ReferralBox[] = [];
  if (can('referrals.handle')) boxes.push('incoming');
  if (can('referrals.send')) boxes.push('outgoing');
  if (me && me.scope.kind !== 'none') boxes.push('area');
  return boxes;
}

/** 转介工作台: the unit's referrals by box, bucket (with counts) and kind. */
export default function QueuePage() {
  const t = useT();
  const boxes = useBoxes();
  const mobile = useIsMobile();
  const [params, set] = useSearchPatch();
  const boxParam = params.get('box');
  const box: ReferralBox | undefined = boxes.find((b) => b === boxParam) ?? boxes[0];
  const bucket: QueueBucket = QUEUE_BUCKETS.find((b) => b === params.get('bucket')) ?? 'all';
  const kind = params.get('kind') ?? undefined;
  const page = Number(params.get('page') ?? '1') || 1;
  const pageSize = Number(params.get('size') ?? '20') || 20;

  const query = useMemo(() => ({ box: box ?? 'incoming', bucket, kind, page, pageSize }), [box, bucket, kind, page, pageSize]);
  const list = useQuery({ queryKey: referralKeys.list(query), queryFn: () => referralsApi.list(query), enabled: box !== undefined });
  const kinds = useQuery({ queryKey: referralKeys.kinds, queryFn: referralsApi.kinds });

  if (!box) {
    return (
      <Card title={t('referrals.nav')}>
        <Typography.Text type="secondary">{t('referrals.noBox')}</Typography.Text>
      </Card>
    );
  }

  const counts = list.data?.counts;
  const bucketLabel = (b: QueueBucket) => {
    const key = COUNT_OF[b];
    const n = key && counts ? counts[key] : null;
    return (
      <Flex gap={4} align="center">
        {t(`referrals.bucket.${b}`)}
        {n !== null && n > 0 ? <Badge count={n} overflowCount={999} color={b === 'overdue' ? 'red' : b === 'due_soon' ? 'orange' : 'blue'} /> : null}
      </Flex>
    );
  };

  const bucketText = (b: QueueBucket) => {
    const key = COUNT_OF[b];
    const n = key && counts ? counts[key] : 0;
    return n > 0 ? `${t(`referrals.bucket.${b}`)} (${n})` : t(`referrals.bucket.${b}`);
  };

  const columns: TableColumnsType<Referral> = [
    { title: t('referrals.col.no'), dataIndex: 'no', width: 70, render: (_, r) => <Link to={`/referrals/${encodeURIComponent(r.id)}`}>{r.no}</Link> },
    { title: t('referrals.col.child'), dataIndex: 'childName', width: 90 },
    {
      title: t('referrals.col.kind'),
      dataIndex: 'kindName',
      width: 170,
      render: (_, r) => (
        <Flex gap={4} wrap>
          {r.kindName}
          {r.channel ? <ChannelTag /> : null}
        </Flex>
      ),
    },
    { title: t('referrals.col.from'), dataIndex: 'fromUnitName', width: 130 },
    { title: t('referrals.col.to'), dataIndex: 'toUnitName', width: 120 },
    { title: t('referrals.col.urgency'), dataIndex: 'urgency', width: 80, render: (_, r) => <UrgencyTag urgency={r.urgency} /> },
    { title: t('referrals.col.status'), dataIndex: 'status', width: 90, render: (_, r) => <StatusTag status={r.status} /> },
    { title: t('referrals.col.due'), dataIndex: 'dueOn', width: 140, render: (_, r) => <DueText r={r} /> },
    { title: t('referrals.col.sentAt'), dataIndex: 'createdAt', width: 100, render: (v: string) => formatDate(v) },
  ];

  const mobileItem = (r: Referral) => (
    <Link to={`/referrals/${encodeURIComponent(r.id)}`} style={{ color: 'inherit', display: 'block' }}>
      <Flex justify="space-between" align="center" gap={8}>
        <Typography.Text strong>
          {r.no} · {r.childName}
        </Typography.Text>
        <StatusTag status={r.status} />
      </Flex>
      <Flex gap={4} wrap style={{ marginTop: 4 }}>
        <Typography.Text>{r.kindName}</Typography.Text>
        <UrgencyTag urgency={r.urgency} />
        {r.channel ? <ChannelTag /> : null}
      </Flex>
      <Typography.Text type="secondary" style={{ fontSize: 13, display: 'block', marginTop: 4 }}>
        {r.fromUnitName} → {r.toUnitName}
      </Typography.Text>
      <div style={{ fontSize: 13, marginTop: 2 }}>
        {t('referrals.col.due')}：<DueText r={r} />
      </div>
    </Link>
  );

  return (
    <Card title={t('referrals.nav')}>
      {boxes.length > 1 ? (
        <Tabs
          activeKey={box}
          onChange={(k) => set({ box: k, page: undefined, bucket: undefined })}
          items={boxes.map((b) => ({ key: b, label: t(`referrals.box.${b}`) }))}
        />
      ) : null}
      <Flex vertical gap={12}>
        <Flex gap={12} wrap align="center">
          {mobile ? (
            <Select<QueueBucket>
              aria-label={t('referrals.filter.bucket')}
              value={bucket}
              style={{ minWidth: 150 }}
              onChange={(b) => set({ bucket: b === 'all' ? undefined : b, page: undefined })}
              options={QUEUE_BUCKETS.map((b) => ({ value: b, label: bucketText(b) }))}
            />
          ) : (
            <Segmented<QueueBucket>
              value={bucket}
              onChange={(b) => set({ bucket: b === 'all' ? undefined : b, page: undefined })}
              options={QUEUE_BUCKETS.map((b) => ({ value: b, label: bucketLabel(b) }))}
            />
          )}
          <FilterSelect<string>
            label={t('referrals.filter.kind')}
            placeholder={t('referrals.filter.allKinds')}
            minWidth={180}
            value={kind}
            loading={kinds.isLoading}
            onChange={(v) => set({ kind: v, page: undefined })}
            options={(kinds.data?.items ?? []).map((k) => ({ value: k.code, label: k.name }))}
          />
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
            renderMobile={mobileItem}
            emptyText={t('referrals.empty')}
            totalText={(total) => t('referrals.total', { total })}
            paging={{ page, pageSize, onChange: (p, s) => set({ page: p === 1 ? undefined : String(p), size: s === 20 ? undefined : String(s) }) }}
            tableProps={{ scroll: { x: 990 } }}
          />
        )}
      </Flex>
    </Card>
  );
}
