/** 待填写假期安排: the children of the caller's area without a plan for the current or next holiday. */
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Space, Typography, type TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { ErrorResult } from '../../components/ErrorResult';
import { ListScaffold } from '../../components/ListScaffold';
import { PageHeader } from '../../components/PageHeader';
import { useT } from '../../i18n/useT';
import { holidayKeys, holidaysApi, type MissingPlans } from './api';
import { PlaceholderTag } from './HolidayCalendarPage';

type Row = MissingPlans['items'][number];

export default function MissingPlansPage() {
  const t = useT();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const q = useQuery({ queryKey: holidayKeys.missing(page, pageSize), queryFn: () => holidaysApi.missing(page, pageSize) });
  const h = q.data?.holiday;
  const columns: TableColumnsType<Row> = [
    { title: t('holidays.missing.child'), key: 'name', render: (_, r) => <Link to={`/children/${r.childId}`}>{r.name}</Link> },
    { title: t('holidays.missing.age'), key: 'age', render: (_, r) => (r.age === null ? '—' : t('holidays.ageYears', { age: r.age })) },
    { title: t('holidays.missing.area'), key: 'area', render: (_, r) => [r.streetName, r.committeeName].filter(Boolean).join(' / ') },
    {
      title: t('common.actions'),
      key: 'open',
      render: (_, r) => (
        <Link to={`/children/${r.childId}`}>
          <Button type="link" size="small">
            {t('holidays.missing.open')}
          </Button>
        </Link>
      ),
    },
  ];
  return (
    <>
      <PageHeader title={t('holidays.missing.title')}>
        {h ? (
          <Space size={4} wrap>
            <Typography.Text type="secondary">
              {t('holidays.missing.intro', {
                holiday: `${h.year}${h.season === 'winter' ? t('holidays.winter') : t('holidays.summer')}`,
                from: h.startsOn,
                to: h.endsOn,
              })}
            </Typography.Text>
            <PlaceholderTag placeholder={h.placeholder} />
          </Space>
        ) : null}
      </PageHeader>
      {q.error ? <ErrorResult error={q.error} onRetry={() => void q.refetch()} /> : null}
      {q.data && !h ? <Alert type="info" showIcon message={t('holidays.missing.none')} /> : null}
      <ListScaffold<Row>
        items={q.data?.items}
        total={q.data?.total}
        loading={q.isLoading}
        rowKey="childId"
        columns={columns}
        emptyText={t('holidays.missing.empty')}
        totalText={(n) => t('holidays.missing.total', { total: n })}
        paging={{
          page,
          pageSize,
          onChange: (p, s) => {
            setPage(p);
            setPageSize(s);
          },
        }}
        renderMobile={(r) => (
          <Space direction="vertical" size={0}>
            <Link to={`/children/${r.childId}`}>{r.name}</Link>
            <Typography.Text type="secondary">
              {r.age === null ? '' : t('holidays.ageYears', { age: r.age })} · {[r.streetName, r.committeeName].filter(Boolean).join(' / ')}
            </Typography.Text>
          </Space>
        )}
      />
    </>
  );
}
