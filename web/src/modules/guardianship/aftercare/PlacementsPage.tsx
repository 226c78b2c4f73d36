/** /guardianship/placements — 临时照料: the district's or the street's children in temporary care (guardianship.read). */
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Card, Flex, Segmented, Space, Tag, Typography, type TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { ErrorResult } from '../../../components/ErrorResult';
import { ListScaffold } from '../../../components/ListScaffold';
import { PageHeader } from '../../../components/PageHeader';
import { useT } from '../../../i18n/useT';
import { aftercareApi, aftercareKeys, type Placement } from './api';

type Status = 'current' | 'ended' | 'all';

export default function PlacementsPage() {
  const t = useT();
  const [status, setStatus] = useState<Status>('current');
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const query = { status, ...paging };
  const q = useQuery({ queryKey: aftercareKeys.placements(query), queryFn: () => aftercareApi.placements(query) });
  const child = (p: Placement) => <Link to={`/children/${encodeURIComponent(p.childId)}?tab=guardianship`}>{p.childName ?? '—'}</Link>;
  const services = (p: Placement) => p.services.map((s) => <Tag key={s}>{t(`guardianship.aftercare.service.${s}`)}</Tag>);
  const columns: TableColumnsType<Placement> = [
    { title: t('guardianship.aftercare.pl.child'), dataIndex: 'childName', render: (_, p) => child(p) },
    { title: t('guardianship.aftercare.pl.area'), dataIndex: 'streetName', render: (_, p) => `${p.streetName ?? ''} ${p.committeeName ?? ''}` },
    {
      title: t('guardianship.aftercare.pl.placeName'),
      dataIndex: 'placeName',
      render: (_, p) => (
        <Space wrap>
          {p.placeName}
          <Tag>{t(`guardianship.aftercare.placeKind.${p.placeKind}`)}</Tag>
        </Space>
      ),
    },
    { title: t('guardianship.aftercare.pl.startedOn'), dataIndex: 'startedOn', width: 120 },
    {
      title: t('guardianship.aftercare.pl.endedOn'),
      dataIndex: 'endedOn',
      width: 160,
      render: (_, p) =>
        p.endedOn
          ? `${p.endedOn}${p.dischargedTo ? ` · ${t(`guardianship.aftercare.dest.${p.dischargedTo}`)}` : ''}`
          : t('guardianship.aftercare.pl.days', { days: p.days }),
    },
    { title: t('guardianship.aftercare.pl.services'), dataIndex: 'services', render: (_, p) => services(p) },
  ];
  return (
    <>
      <PageHeader title={t('guardianship.aftercare.nav.placements')} />
      <Card>
        {q.error ? (
          <ErrorResult error={q.error} onRetry={() => void q.refetch()} />
        ) : (
          <ListScaffold<Placement>
            filters={
              <Segmented<Status>
                value={status}
                onChange={(v) => {
                  setStatus(v);
                  setPaging((p) => ({ ...p, page: 1 }));
                }}
                options={(['current', 'ended', 'all'] as const).map((s) => ({ value: s, label: t(`guardianship.aftercare.pl.status.${s}`) }))}
              />
            }
            items={q.data?.items}
            total={q.data?.total}
            loading={q.isLoading}
            rowKey="id"
            columns={columns}
            emptyText={t('guardianship.aftercare.pl.empty')}
            paging={{ ...paging, onChange: (page, pageSize) => setPaging({ page, pageSize }) }}
            renderMobile={(p) => (
              <Flex vertical gap={4}>
                <Space wrap>
                  {child(p)}
                  {services(p)}
                </Space>
                <Typography.Text type="secondary">
                  {p.placeName} · {p.startedOn}
                  {p.endedOn ? ` — ${p.endedOn}` : ''}
                </Typography.Text>
              </Flex>
            )}
          />
        )}
      </Card>
    </>
  );
}
