/**
 * 培训覆盖: this year's full-training coverage of the caller's area (child directors and
 * supervisors serving today who attended the annual training, or the induction when appointed this
 * year) and the list of those not yet trained.
 */
import { useQuery } from '@tanstack/react-query';
import { Card, Flex, Progress, Statistic, Typography, type TableColumnsType } from 'antd';
import { useSearchParams } from 'react-router';
import { useAuth } from '../../auth/useAuth';
import { FilterSelect } from '../../components/FilterSelect';
import { ErrorResult } from '../../components/ErrorResult';
import { ListScaffold } from '../../components/ListScaffold';
import { PageHeader } from '../../components/PageHeader';
import { formatDate } from '../../components/format';
import { useT } from '../../i18n/useT';
import { trainingApi, trainingKeys, type Coverage, type CoverageQuery } from './api';

type Row = Coverage['untrained']['items'][number];

export default function CoveragePage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const page = Number(params.get('page') ?? '1') || 1;
  const pageSize = Number(params.get('size') ?? '20') || 20;
  const street = params.get('street') ?? undefined;
  const { me, can } = useAuth();
  // the district chooses a street (the 督办 figure of a street opens this page with it)
  const district = me?.scope.kind === 'district' && can('org.read');
  const streets = useQuery({
    queryKey: trainingKeys.streets,
    queryFn: trainingApi.streets,
    enabled: district,
    staleTime: 600_000,
  });
  const query: CoverageQuery = { page, pageSize, ...(street ? { street } : {}) };
  const cov = useQuery({ queryKey: trainingKeys.coverage(query), queryFn: () => trainingApi.coverage(query) });
  const d = cov.data;
  const pct = d && d.required > 0 ? Math.round((d.trained / d.required) * 1000) / 10 : 0;
  const columns: TableColumnsType<Row> = [
    { title: t('training.col.name'), dataIndex: 'name', key: 'name' },
    { title: t('training.col.role'), dataIndex: 'roleKind', key: 'role', render: (r: Row['roleKind']) => t(`training.role.${r}`) },
    { title: t('training.col.street'), dataIndex: 'streetName', key: 'street' },
    { title: t('training.col.committees'), key: 'committees', render: (_, r) => r.committees.join('、') || '—' },
    { title: t('training.col.appointedOn'), dataIndex: 'appointedOn', key: 'appointed', render: (v: string | null) => formatDate(v) || '—' },
    {
      title: t('training.col.lastTrainedOn'),
      dataIndex: 'lastTrainedOn',
      key: 'last',
      render: (v: string | null) => (v ? formatDate(v) : t('training.never')),
    },
  ];
  return (
    <>
      <PageHeader title={t('training.nav.coverage')} />
      {cov.error ? <ErrorResult error={cov.error} onRetry={() => void cov.refetch()} /> : null}
      {d ? (
        <Card size="small" style={{ marginBottom: 16 }}>
          <Flex gap={24} wrap align="center">
            <Statistic title={t('training.coverage.required', { year: d.year })} value={d.required} />
            <Statistic title={t('training.coverage.trained')} value={d.trained} />
            <Statistic title={t('training.coverage.untrained')} value={d.required - d.trained} />
            <Flex vertical style={{ minWidth: 200, flex: 1 }}>
              <Typography.Text type="secondary">{t('training.coverage.share')}</Typography.Text>
              <Progress percent={pct} status={pct >= 100 ? 'success' : 'active'} />
            </Flex>
          </Flex>
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
            {t('training.coverage.rule', { asOf: formatDate(d.asOf) })}
          </Typography.Paragraph>
        </Card>
      ) : null}
      <ListScaffold<Row>
        filters={
          district ? (
            <FilterSelect<string>
              label={t('training.col.street')}
              minWidth={150}
              value={street}
              onChange={(v) => {
                const next = new URLSearchParams(params);
                if (v) next.set('street', v);
                else next.delete('street');
                next.delete('page');
                setParams(next, { replace: true });
              }}
              options={(streets.data?.items ?? []).map((s) => ({ value: s.code, label: s.name }))}
            />
          ) : undefined
        }
        items={d?.untrained.items}
        total={d?.untrained.total}
        loading={cov.isLoading}
        rowKey="staffId"
        columns={columns}
        emptyText={t('training.empty.untrained')}
        paging={{
          page,
          pageSize,
          onChange: (p, s) => {
            const next = new URLSearchParams(params);
            next.set('page', String(p));
            next.set('size', String(s));
            setParams(next, { replace: true });
          },
        }}
        renderMobile={(r) => (
          <Card size="small" style={{ width: '100%' }} data-testid="untrained-card">
            <Flex vertical gap={4}>
              <Typography.Text strong>
                {r.name} · {t(`training.role.${r.roleKind}`)}
              </Typography.Text>
              <Typography.Text type="secondary">
                {r.streetName} {r.committees.join('、')}
              </Typography.Text>
              <Typography.Text type="secondary">
                {t('training.col.lastTrainedOn')} {r.lastTrainedOn ? formatDate(r.lastTrainedOn) : t('training.never')}
              </Typography.Text>
            </Flex>
          </Card>
        )}
      />
    </>
  );
}
